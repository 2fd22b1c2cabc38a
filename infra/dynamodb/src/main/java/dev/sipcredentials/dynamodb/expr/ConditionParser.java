package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.dynamodb.expr.Conditions.Node;
import dev.sipcredentials.dynamodb.expr.Operand.PathOperand;
import dev.sipcredentials.dynamodb.expr.Operand.SizeOperand;
import dev.sipcredentials.dynamodb.expr.Operand.ValueOperand;
import java.util.ArrayList;
import java.util.List;

/**
 * ConditionExpression, FilterExpression and (read as a condition, then checked) KeyConditionExpression.
 *
 * <pre>
 * or      := and ( OR and )*
 * and     := not ( AND not )*
 * not     := NOT not | compare
 * compare := primary ( comparator primary | BETWEEN primary AND primary | IN '(' primary (',' primary)* ')' )?
 * primary := '(' or ')' | function '(' primary (',' primary)* ')' | :value | path
 * </pre>
 * NOT binds tighter than AND, AND tighter than OR; comparators, BETWEEN and IN tighter than NOT.
 */
final class ConditionParser extends Parser {
    private static final int[] ORDER = {PARENS, UNKNOWN_FUNCTION, MISUSED_FUNCTION, RESERVED, CONDITION};
    /** Within one simple condition (a comparison, BETWEEN, IN, a function), how DynamoDB ranks its problems. */
    private static final int[] CONDITION_ORDER = {UNDEFINED, OPERAND_COUNT, DISTINCT, OPERAND_TYPE};
    static final String TYPE_NAMES = "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}";

    /** The comparator operators, BETWEEN and IN, and functions used: the key-condition checks read them. */
    ConditionParser(ExpressionContext context, String which, String expression) {
        super(context, which, expression);
    }

    @Override
    int[] problemOrder() {
        return ORDER;
    }

    /**
     * Called as each simple condition is complete: DynamoDB reports the problems of the first simple condition that
     * has any (the worst of them), not the worst problem of the whole expression.
     */
    private <T> T settle(T condition) {
        if (problem(CONDITION) == null) {
            for (int kind : CONDITION_ORDER) {
                if (problem(kind) != null) {
                    note(CONDITION, problem(kind));
                    break;
                }
            }
        }
        return condition;
    }

    @Override
    boolean isKeywordHere() {
        return keyword("AND") || keyword("OR") || keyword("NOT") || keyword("BETWEEN") || keyword("IN");
    }

    /** The expression, answering its attributes too. */
    Condition parseCondition() {
        Node root = parse();
        return new Parsed(root, java.util.Collections.unmodifiableSet(heads),
                java.util.Collections.unmodifiableSet(nestedHeads));
    }

    static final class Parsed implements Condition {
        private final Node root;
        private final java.util.Set<String> attributes;
        private final java.util.Set<String> nested;

        Parsed(Node root, java.util.Set<String> attributes, java.util.Set<String> nested) {
            this.root = root;
            this.attributes = attributes;
            this.nested = nested;
        }

        @Override
        public java.util.Set<String> nestedTopLevelAttributes() {
            return nested;
        }

        @Override
        public boolean test(java.util.Map<String, JsonNode> item) {
            return root.test(item);
        }

        @Override
        public java.util.Set<String> topLevelAttributes() {
            return attributes;
        }
    }

    Node parse() {
        Object e = parseOr();
        expectEnd();
        Node n = requireCondition(e, pos);
        finish();
        return n;
    }

    private Object parseOr() {
        Object left = parseAnd();
        while (keyword("OR")) {
            int at = pos;
            Node l = requireCondition(left, at);
            pos++;
            Node r = requireCondition(parseAnd(), pos);
            left = new Conditions.Or(l, r);
        }
        return left;
    }

    private Object parseAnd() {
        Object left = parseNot();
        while (keyword("AND")) {
            Node l = requireCondition(left, pos);
            pos++;
            Node r = requireCondition(parseNot(), pos);
            left = new Conditions.And(l, r);
        }
        return left;
    }

    private Object parseNot() {
        if (keyword("NOT")) {
            pos++;
            return new Conditions.Not(requireCondition(parseNot(), pos));
        }
        return parseCompare();
    }

    /**
     * A condition where one is required: an operand there is a syntax error at the token that follows it, except
     * size(), which DynamoDB reports as a misused function.
     */
    private Node requireCondition(Object e, int tokenAfter) {
        if (e instanceof Node) {
            return (Node) e;
        }
        if (e instanceof SizeOperand) {
            note(MISUSED_FUNCTION, "The function is not allowed to be used this way in an expression; function: size");
            return new Conditions.Not(new Conditions.Exists(new Path(new Object[] {"size"}), true)); // never evaluated
        }
        throw syntaxErrorAt(tokenAfter);
    }

    private Operand requireOperand(Object e, int at) {
        if (e instanceof Operand) {
            return (Operand) e;
        }
        if (e instanceof FunctionNode) {
            note(MISUSED_FUNCTION, "The function is not allowed to be used this way in an expression; function: "
                    + ((FunctionNode) e).name);
            return new ValueOperand(null);
        }
        throw syntaxErrorAt(at);
    }

    private Object parseCompare() {
        int leftAt = pos;
        Object left = parsePrimary();
        byte k = kind();
        if (k >= Lexer.EQ && k <= Lexer.GE) {
            int opAt = pos;
            Operand a = requireOperandAt(left, opAt);
            pos++;
            int rightAt = pos;
            Operand b = requireOperandAt(parsePrimary(), rightAt);
            checkDistinct(lex.text(opAt), a, b);
            return settle(new Conditions.Compare(k, a, b));
        }
        if (keyword("BETWEEN")) {
            Operand a = requireOperandAt(left, pos);
            pos++;
            Operand lo = requireOperandAt(parsePrimary(), pos);
            if (!keyword("AND")) {
                throw syntaxError();
            }
            pos++;
            Operand hi = requireOperandAt(parsePrimary(), pos);
            checkBetweenBounds(lo, hi);
            return settle(new Conditions.Between(a, lo, hi));
        }
        if (keyword("IN")) {
            Operand a = requireOperandAt(left, pos);
            pos++;
            expect(Lexer.LPAREN);
            List<Operand> list = new ArrayList<>();
            list.add(requireOperandAt(parsePrimary(), pos));
            while (kind() == Lexer.COMMA) {
                pos++;
                list.add(requireOperandAt(parsePrimary(), pos));
            }
            expect(Lexer.RPAREN);
            if (list.size() > 100) {
                note(OPERAND_COUNT, "The IN operator is provided with too many operands; number of operands: " + list.size());
            }
            return settle(new Conditions.In(a, list.toArray(new Operand[0])));
        }
        if (left instanceof FunctionNode) {
            return settle(((FunctionNode) left).condition);
        }
        return left;
    }

    private Operand requireOperandAt(Object e, int at) {
        if (e instanceof Node) {
            throw syntaxErrorAt(at); // a condition where an operand belongs
        }
        return requireOperand(e, at);
    }

    private Object parsePrimary() {
        byte k = kind();
        if (k == Lexer.LPAREN) {
            pos++;
            Object inner = parseOr();
            expect(Lexer.RPAREN);
            if (inner instanceof FunctionNode) {
                inner = ((FunctionNode) inner).condition;
            }
            if (inner instanceof Node) {
                Node n = (Node) inner;
                if (n.parenthesized) {
                    note(PARENS, "The expression has redundant parentheses;");
                }
                n.parenthesized = true;
            } else if (inner instanceof Operand) {
                Operand o = (Operand) inner;
                if (o.parenthesized) {
                    note(PARENS, "The expression has redundant parentheses;");
                }
                o.parenthesized = true;
                byte next = kind();
                if (o instanceof PathOperand && (next == Lexer.DOT || next == Lexer.LBRACKET)) {
                    // A grouped path goes on: (a.b).c is a.b.c
                    List<Object> parts = new ArrayList<>(java.util.Arrays.asList(((PathOperand) o).path.parts));
                    return new PathOperand(pathSuffix(parts));
                }
            }
            return inner;
        }
        if (k == Lexer.VALUE) {
            return new ValueOperand(value());
        }
        if (k == Lexer.IDENT && kindAt(pos + 1) == Lexer.LPAREN && !isKeywordHere()) {
            return parseFunction();
        }
        if (atPathStart()) {
            return new PathOperand(parsePath());
        }
        throw syntaxError();
    }

    /** A condition function (attribute_exists, ...), kept apart until we know whether it stands as a condition. */
    static final class FunctionNode {
        final String name;
        final Node condition;

        FunctionNode(String name, Node condition) {
            this.name = name;
            this.condition = condition;
        }
    }

    private Object parseFunction() {
        String name = lex.text(pos);
        pos += 2; // name (
        List<Object> args = new ArrayList<>(2);
        args.add(parseArgument());
        while (kind() == Lexer.COMMA) {
            pos++;
            args.add(parseArgument());
        }
        expect(Lexer.RPAREN);
        Operand[] ops = new Operand[args.size()];
        for (int i = 0; i < ops.length; i++) {
            Object a = args.get(i);
            if (a instanceof FunctionNode) {
                note(MISUSED_FUNCTION, "The function is not allowed to be used this way in an expression; function: "
                        + ((FunctionNode) a).name);
                ops[i] = new ValueOperand(null);
            } else {
                ops[i] = (Operand) a;
            }
        }
        int expected;
        switch (name) {
            case "attribute_exists":
            case "attribute_not_exists":
            case "size":
                expected = 1;
                break;
            case "attribute_type":
            case "begins_with":
            case "contains":
                expected = 2;
                break;
            default:
                note(UNKNOWN_FUNCTION, "Invalid function name; function: " + name);
                return new FunctionNode(name, new Conditions.Exists(new Path(new Object[] {name}), true));
        }
        if (ops.length != expected) {
            note(OPERAND_COUNT, "Incorrect number of operands for operator or function; operator or function: " + name
                    + ", number of operands: " + ops.length);
            return "size".equals(name) ? new SizeOperand(ops[0])
                    : new FunctionNode(name, new Conditions.Exists(new Path(new Object[] {name}), true));
        }
        if (expected == 2) {
            checkDistinct(name, ops[0], ops[1]);
        }
        switch (name) {
            case "attribute_exists":
            case "attribute_not_exists":
                if (!(ops[0] instanceof PathOperand)) {
                    note(OPERAND_TYPE, "Operator or function requires a document path; operator or function: " + name);
                    return new FunctionNode(name, new Conditions.Exists(new Path(new Object[] {name}), true));
                }
                return new FunctionNode(name,
                        new Conditions.Exists(((PathOperand) ops[0]).path, name.equals("attribute_exists")));
            case "size": {
                String t = ops[0].knownType();
                if ("N".equals(t) || "BOOL".equals(t) || "NULL".equals(t)) {
                    note(OPERAND_TYPE, "Incorrect operand type for operator or function; operator or function: size, "
                            + "operand type: " + t);
                }
                return new SizeOperand(ops[0]);
            }
            case "attribute_type": {
                String t = ops[1].knownType();
                String typeName = null;
                if (!"S".equals(t) || !(ops[1] instanceof ValueOperand)) {
                    note(OPERAND_TYPE, "Incorrect operand type for operator or function; operator or function: "
                            + "attribute_type, operand type: " + (t == null ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : t));
                } else {
                    typeName = ((ValueOperand) ops[1]).value.get("S").textValue();
                    if (!isTypeName(typeName)) {
                        note(OPERAND_TYPE, "Invalid attribute type name found; type: " + typeName + ", valid types: "
                                + TYPE_NAMES);
                    }
                }
                return new FunctionNode(name, new Conditions.AttributeType(ops[0], typeName));
            }
            case "begins_with":
                for (Operand o : ops) {
                    String t = o.knownType();
                    if (t != null && !t.equals("S") && !t.equals("B")) {
                        note(OPERAND_TYPE, "Incorrect operand type for operator or function; operator or function: "
                                + "begins_with, operand type: " + t);
                        break;
                    }
                }
                return new FunctionNode(name, new Conditions.BeginsWith(ops[0], ops[1]));
            default: // contains
                return new FunctionNode(name, new Conditions.Contains(ops[0], ops[1]));
        }
    }

    private Object parseArgument() {
        Object a = parsePrimaryOperandLevel();
        return a;
    }

    /** A function argument: an operand, maybe parenthesized, maybe a nested function. */
    private Object parsePrimaryOperandLevel() {
        if (kind() == Lexer.LPAREN) {
            int at = pos;
            pos++;
            Object inner = parsePrimaryOperandLevel();
            expect(Lexer.RPAREN);
            if (inner instanceof Operand) {
                Operand o = (Operand) inner;
                if (o.parenthesized) {
                    note(PARENS, "The expression has redundant parentheses;");
                }
                o.parenthesized = true;
                return o;
            }
            if (inner instanceof FunctionNode) {
                return inner;
            }
            throw syntaxErrorAt(at);
        }
        return parsePrimary();
    }

    static boolean isTypeName(String t) {
        switch (t) {
            case "S":
            case "N":
            case "B":
            case "BOOL":
            case "NULL":
            case "SS":
            case "NS":
            case "BS":
            case "L":
            case "M":
                return true;
            default:
                return false;
        }
    }

    private void checkDistinct(String operator, Operand a, Operand b) {
        if (a instanceof PathOperand && b instanceof PathOperand
                && ((PathOperand) a).path.sameAs(((PathOperand) b).path)) {
            note(DISTINCT, "The first operand must be distinct from the remaining operands for this operator or function; "
                    + "operator: " + operator + ", first operand: " + ((PathOperand) a).path);
        }
    }

    private void checkBetweenBounds(Operand lo, Operand hi) {
        if (!(lo instanceof ValueOperand) || !(hi instanceof ValueOperand)) {
            return;
        }
        JsonNode a = ((ValueOperand) lo).value;
        JsonNode b = ((ValueOperand) hi).value;
        if (a == null || b == null) {
            return;
        }
        String ta = Values.typeOf(a);
        String tb = Values.typeOf(b);
        String bounds = "lower bound operand: AttributeValue: {" + ta + ":" + a.get(ta).asText() + "}, "
                + "upper bound operand: AttributeValue: {" + tb + ":" + b.get(tb).asText() + "}";
        if (!ta.equals(tb)) {
            note(OPERAND_TYPE, "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
        } else {
            int c = Conditions.order(a, b);
            if (c != Conditions.NOT_COMPARABLE && c > 0) {
                note(OPERAND_TYPE, "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                        + bounds);
            }
        }
    }
}
