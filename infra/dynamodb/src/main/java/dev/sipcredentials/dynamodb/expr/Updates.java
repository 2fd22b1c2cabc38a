package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sipcredentials.dynamodb.DynamoDbException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed UpdateExpression. Every SET value is computed from the item as it was before the update (so
 * {@code SET a = b, b = a} swaps); then SET, REMOVE, ADD and DELETE are applied in that order to a copy.
 */
final class Updates implements Update {
    static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";
    static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";
    static final String MISSING = "The provided expression refers to an attribute that does not exist in the item";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final List<Action> sets;
    private final List<Action> removes;
    private final List<Action> adds;
    private final List<Action> deletes;
    private final Set<String> topLevel;
    private final Projection updatedPaths;

    Updates(List<Action> sets, List<Action> removes, List<Action> adds, List<Action> deletes) {
        // SET l[4] = :x, l[2] = :y on a 2-element list appends :y, then :x: DynamoDB applies list indexes in
        // ascending order, whatever order they were written in (the same for ADD). Paths never overlap, so the
        // order changes nothing else.
        this.sets = new ArrayList<>(sets);
        this.sets.sort((x, y) -> comparePaths(x.path, y.path));
        this.removes = new ArrayList<>(removes);
        // Removing l[1] and l[3] means the elements at those indexes before the update: remove the higher first.
        this.removes.sort((x, y) -> comparePaths(y.path, x.path));
        this.adds = new ArrayList<>(adds);
        this.adds.sort((x, y) -> comparePaths(x.path, y.path));
        this.deletes = deletes;
        Set<String> heads = new LinkedHashSet<>();
        for (List<Action> list : List.of(sets, removes, adds, deletes)) {
            for (Action a : list) {
                heads.add(a.path.head());
            }
        }
        this.topLevel = Collections.unmodifiableSet(heads);
        List<Path> paths = new ArrayList<>();
        for (List<Action> list : List.of(sets, removes, adds, deletes)) {
            for (Action a : list) {
                paths.add(a.path);
            }
        }
        this.updatedPaths = ProjectionParser.of(paths);
    }

    private static int comparePaths(Path a, Path b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            Object x = a.parts[i];
            Object y = b.parts[i];
            int c;
            if (x instanceof Integer && y instanceof Integer) {
                c = Integer.compare((Integer) x, (Integer) y);
            } else {
                c = x.toString().compareTo(y.toString());
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    @Override
    public Set<String> topLevelAttributes() {
        return topLevel;
    }

    @Override
    public Projection updatedPaths() {
        return updatedPaths;
    }

    @Override
    public Map<String, JsonNode> apply(Map<String, JsonNode> item) {
        JsonNode[] newValues = new JsonNode[sets.size()];
        for (int i = 0; i < newValues.length; i++) {
            newValues[i] = sets.get(i).operand.eval(item);
        }
        Map<String, JsonNode> result = new LinkedHashMap<>(item);
        Set<String> copied = new HashSet<>();
        for (int i = 0; i < newValues.length; i++) {
            put(result, copied, sets.get(i).path, newValues[i]);
        }
        for (Action a : removes) {
            remove(result, copied, a.path);
        }
        for (Action a : adds) {
            JsonNode v = a.operand.eval(item);
            JsonNode existing = a.path.get(result);
            put(result, copied, a.path, add(existing, v));
        }
        for (Action a : deletes) {
            JsonNode v = a.operand.eval(item);
            JsonNode existing = a.path.get(result);
            if (existing == null) {
                parentFor(result, copied, a.path); // the path must still be a valid one
                continue;
            }
            JsonNode left = delete(existing, v);
            if (left == null) {
                remove(result, copied, a.path);
            } else {
                put(result, copied, a.path, left);
            }
        }
        return result;
    }

    /** ADD: a number to a number (absent counts 0), or a set to a set of the same type (absent counts empty). */
    private static JsonNode add(JsonNode existing, JsonNode v) {
        String t = Values.typeOf(v);
        if (existing == null) {
            return v;
        }
        if (!Values.typeOf(existing).equals(t)) {
            throw DynamoDbException.validation(WRONG_TYPE);
        }
        if (t.equals("N")) {
            return number(new BigDecimal(existing.get("N").textValue()).add(new BigDecimal(v.get("N").textValue())));
        }
        ArrayNode union = existing.get(t).deepCopy();
        for (JsonNode m : v.get(t)) {
            if (!Values.setContains(t, existing.get(t), m)) {
                union.add(m);
            }
        }
        ObjectNode o = F.objectNode();
        o.set(t, union);
        return o;
    }

    /** DELETE: the set without the given members, or null when nothing is left. */
    private static JsonNode delete(JsonNode existing, JsonNode v) {
        String t = Values.typeOf(v);
        if (!Values.typeOf(existing).equals(t)) {
            throw DynamoDbException.validation(WRONG_TYPE);
        }
        ArrayNode left = F.arrayNode();
        for (JsonNode m : existing.get(t)) {
            if (!Values.setContains(t, v.get(t), m)) {
                left.add(m);
            }
        }
        if (left.isEmpty()) {
            return null;
        }
        ObjectNode o = F.objectNode();
        o.set(t, left);
        return o;
    }

    static JsonNode number(BigDecimal n) {
        String text = n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
        String problem = Values.numberProblem(n.signum() == 0 ? "0" : n.stripTrailingZeros().toString());
        if (problem != null) {
            throw DynamoDbException.validation(problem);
        }
        ObjectNode o = F.objectNode();
        o.put("N", text);
        return o;
    }

    /**
     * The container holding the last element of {@code path} in {@code item}: the M's inner object or the L's array,
     * copied first so that the caller's item is never modified. Null for a top-level path.
     */
    private static JsonNode parentFor(Map<String, JsonNode> item, Set<String> copied, Path path) {
        if (path.length() == 1) {
            return null;
        }
        String head = path.head();
        JsonNode top = item.get(head);
        if (top == null) {
            throw DynamoDbException.validation(INVALID_PATH);
        }
        if (copied.add(head)) {
            top = top.deepCopy();
            item.put(head, top);
        }
        JsonNode node = top;
        for (int i = 1; i < path.length() - 1; i++) {
            node = Path.child(node, path.parts[i]);
            if (node == null) {
                throw DynamoDbException.validation(INVALID_PATH);
            }
        }
        Object last = path.parts[path.length() - 1];
        JsonNode container = node.get(last instanceof Integer ? "L" : "M");
        if (container == null) {
            throw DynamoDbException.validation(INVALID_PATH);
        }
        return container;
    }

    private static void put(Map<String, JsonNode> item, Set<String> copied, Path path, JsonNode value) {
        JsonNode container = parentFor(item, copied, path);
        if (container == null) {
            item.put(path.head(), value);
            copied.remove(path.head()); // a new value, maybe shared with the request: copy before nested changes
            return;
        }
        Object last = path.parts[path.length() - 1];
        if (last instanceof Integer) {
            ArrayNode list = (ArrayNode) container;
            int i = (Integer) last;
            if (i < list.size()) {
                list.set(i, value);
            } else {
                list.add(value); // beyond the end: appended
            }
        } else {
            ((ObjectNode) container).set((String) last, value);
        }
    }

    private static void remove(Map<String, JsonNode> item, Set<String> copied, Path path) {
        if (path.length() == 1) {
            item.remove(path.head());
            return;
        }
        // A missing key or index under an existing map or list is nothing to remove; a missing parent is an error.
        JsonNode container = parentFor(item, copied, path);
        Object last = path.parts[path.length() - 1];
        if (last instanceof Integer) {
            ArrayNode list = (ArrayNode) container;
            int i = (Integer) last;
            if (i < list.size()) {
                list.remove(i);
            }
        } else {
            ((ObjectNode) container).remove((String) last);
        }
    }

    /** One action of a section. */
    static final class Action {
        static final int SET = 0;
        static final int REMOVE = 1;
        static final int ADD = 2;
        static final int DELETE = 3;
        final int kind;
        final Path path;
        final Operand operand;

        Action(int kind, Path path, Operand operand) {
            this.kind = kind;
            this.path = path;
            this.operand = operand;
        }
    }

    /** A value of an update: computed from the item before the update; never null (absent paths throw). */
    abstract static class Operand {
        /** A value's type when parsing, or null when only the item tells. */
        String knownType;

        abstract JsonNode eval(Map<String, JsonNode> item);

        /** The value, or null when absent (for if_not_exists). */
        JsonNode evalOrNull(Map<String, JsonNode> item) {
            return eval(item);
        }
    }

    static final class Value extends Operand {
        final JsonNode value;

        Value(JsonNode value) {
            this.value = value;
            this.knownType = value == null ? null : Values.typeOf(value);
        }

        @Override
        JsonNode eval(Map<String, JsonNode> item) {
            return value;
        }
    }

    static final class PathValue extends Operand {
        final Path path;

        PathValue(Path path) {
            this.path = path;
        }

        @Override
        JsonNode eval(Map<String, JsonNode> item) {
            JsonNode v = path.get(item);
            if (v == null) {
                throw DynamoDbException.validation(MISSING);
            }
            return v;
        }

        @Override
        JsonNode evalOrNull(Map<String, JsonNode> item) {
            return path.get(item);
        }
    }

    static final class Arithmetic extends Operand {
        final boolean plus;
        final Operand left;
        final Operand right;

        Arithmetic(boolean plus, Operand left, Operand right) {
            this.plus = plus;
            this.left = left;
            this.right = right;
            this.knownType = "N";
        }

        @Override
        JsonNode eval(Map<String, JsonNode> item) {
            JsonNode a = left.eval(item);
            JsonNode b = right.eval(item);
            JsonNode na = a.get("N");
            JsonNode nb = b.get("N");
            if (na == null || nb == null || na.isNull() || nb.isNull()) {
                throw DynamoDbException.validation(WRONG_TYPE);
            }
            BigDecimal x = new BigDecimal(na.textValue());
            BigDecimal y = new BigDecimal(nb.textValue());
            return number(plus ? x.add(y) : x.subtract(y));
        }
    }

    static final class IfNotExists extends Operand {
        final Path path;
        final Operand otherwise;

        IfNotExists(Path path, Operand otherwise) {
            this.path = path;
            this.otherwise = otherwise;
            this.knownType = otherwise.knownType;
        }

        @Override
        JsonNode eval(Map<String, JsonNode> item) {
            JsonNode v = path.get(item);
            return v != null ? v : otherwise.eval(item);
        }
    }

    static final class ListAppend extends Operand {
        final Operand first;
        final Operand second;

        ListAppend(Operand first, Operand second) {
            this.first = first;
            this.second = second;
            this.knownType = "L";
        }

        @Override
        JsonNode eval(Map<String, JsonNode> item) {
            JsonNode a = first.eval(item).get("L");
            JsonNode b = second.eval(item).get("L");
            if (a == null || b == null || a.isNull() || b.isNull()) {
                throw DynamoDbException.validation(WRONG_TYPE);
            }
            ArrayNode joined = F.arrayNode(a.size() + b.size());
            joined.addAll((ArrayNode) a);
            joined.addAll((ArrayNode) b);
            ObjectNode o = F.objectNode();
            o.set("L", joined);
            return o;
        }
    }
}
