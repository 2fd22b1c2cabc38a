package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** ProjectionExpression: {@code path (',' path)*}. */
final class ProjectionParser extends Parser {
    private static final int[] ORDER = {RESERVED, UNDEFINED, PATH_OVERLAP, PATH_CONFLICT};

    ProjectionParser(ExpressionContext context, String expression) {
        super(context, "ProjectionExpression", expression);
    }

    @Override
    int[] problemOrder() {
        return ORDER;
    }

    @Override
    boolean isKeywordHere() {
        return false;
    }

    Projected parse() {
        List<Path> paths = new ArrayList<>();
        while (true) {
            if (!atPathStart()) {
                throw syntaxError();
            }
            Path p = parsePath();
            for (Path other : paths) {
                check(other, p);
            }
            paths.add(p);
            if (kind() == Lexer.COMMA) {
                pos++;
                continue;
            }
            expectEnd();
            break;
        }
        finish();
        return of(paths);
    }

    /** The projection of these (non-overlapping) paths. */
    static Projected of(List<Path> paths) {
        Trie root = new Trie();
        for (Path p : paths) {
            Trie t = root;
            for (Object part : p.parts) {
                t = t.children.computeIfAbsent(part, k -> new Trie());
            }
            t.whole = true;
        }
        List<String> tops = new ArrayList<>();
        java.util.Set<String> nested = new java.util.LinkedHashSet<>();
        for (Map.Entry<Object, Trie> e : root.children.entrySet()) {
            tops.add((String) e.getKey());
            if (!e.getValue().whole) {
                nested.add((String) e.getKey());
            }
        }
        return new Projected(root, tops, java.util.Collections.unmodifiableSet(nested));
    }

    private void check(Path one, Path two) {
        int n = Math.min(one.length(), two.length());
        for (int i = 0; i < n; i++) {
            Object a = one.parts[i];
            Object b = two.parts[i];
            if ((a instanceof Integer) != (b instanceof Integer)) {
                note(PATH_CONFLICT, "Two document paths conflict with each other; must remove or rewrite one of these paths; "
                        + "path one: " + one + ", path two: " + two);
                return;
            }
            if (!a.equals(b)) {
                return;
            }
        }
        note(PATH_OVERLAP, "Two document paths overlap with each other; must remove or rewrite one of these paths; "
                + "path one: " + one + ", path two: " + two);
    }

    /** The requested paths as a tree; list indexes kept in ascending order, as DynamoDB returns the elements. */
    static final class Trie {
        final Map<Object, Trie> children = new LinkedHashMap<>();
        boolean whole;

        /** The projection of {@code v} (an attribute value), or null when none of it was requested or present. */
        JsonNode project(JsonNode v) {
            if (whole) {
                return v;
            }
            boolean listIndexes = children.keySet().iterator().next() instanceof Integer;
            if (listIndexes) {
                JsonNode l = v.get("L");
                if (l == null) {
                    return null;
                }
                ArrayNode out = JsonNodeFactory.instance.arrayNode();
                for (Map.Entry<Object, Trie> e : new TreeMap<>(children).entrySet()) {
                    JsonNode element = l.get((Integer) e.getKey());
                    JsonNode p = element == null ? null : e.getValue().project(element);
                    if (p != null) {
                        out.add(p);
                    }
                }
                if (out.isEmpty()) {
                    return null;
                }
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                o.set("L", out);
                return o;
            }
            JsonNode m = v.get("M");
            if (m == null) {
                return null;
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<Object, Trie> e : children.entrySet()) {
                JsonNode child = m.get((String) e.getKey());
                JsonNode p = child == null ? null : e.getValue().project(child);
                if (p != null) {
                    out.set((String) e.getKey(), p);
                }
            }
            if (out.isEmpty()) {
                return null;
            }
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.set("M", out);
            return o;
        }
    }

    static final class Projected implements Projection {
        private final Trie root;
        private final List<String> heads;
        private final java.util.Set<String> nested;

        Projected(Trie root, List<String> heads, java.util.Set<String> nested) {
            this.root = root;
            this.heads = heads;
            this.nested = nested;
        }

        @Override
        public java.util.Set<String> nestedTopLevelAttributes() {
            return nested;
        }

        @Override
        public Map<String, JsonNode> apply(Map<String, JsonNode> item) {
            Map<String, JsonNode> out = new LinkedHashMap<>();
            if (item == null) {
                return out;
            }
            for (String head : heads) {
                JsonNode v = item.get(head);
                if (v != null) {
                    JsonNode p = root.children.get(head).project(v);
                    if (p != null) {
                        out.put(head, p);
                    }
                }
            }
            return out;
        }

        /** The top-level attributes the projection reads. */
        List<String> topLevelAttributes() {
            return heads;
        }
    }
}
