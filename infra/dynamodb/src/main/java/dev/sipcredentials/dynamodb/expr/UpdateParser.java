package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.dynamodb.expr.Updates.Action;
import dev.sipcredentials.dynamodb.expr.Updates.Operand;
import java.util.ArrayList;
import java.util.List;

/**
 * UpdateExpression.
 *
 * <pre>
 * update  := ( SET set (',' set)* | REMOVE path (',' path)* | ADD path :v (',' ...)* | DELETE path :v (',' ...)* )+
 * set     := path '=' value
 * value   := operand ( ('+' | '-') operand )? | '(' value ')'
 * operand := path | :value | if_not_exists '(' operand ',' operand ')' | list_append '(' operand ',' operand ')'
 *            | '(' operand ')'
 * </pre>
 */
final class UpdateParser extends Parser {
    private static final int[] ORDER = {
            RESERVED, UNKNOWN_FUNCTION, SECTION, UNDEFINED_NAME, UNDEFINED_VALUE, PATH_OVERLAP, PATH_CONFLICT,
            ADD_DELETE_TYPE, FUNCTION};

    private final List<Path> targets = new ArrayList<>();
    private boolean set;
    private boolean remove;
    private boolean add;
    private boolean delete;

    UpdateParser(ExpressionContext context, String expression) {
        super(context, "UpdateExpression", expression);
    }

    @Override
    int[] problemOrder() {
        return ORDER;
    }

    @Override
    boolean isKeywordHere() {
        return keyword("SET") || keyword("REMOVE") || keyword("ADD") || keyword("DELETE");
    }

    Updates parse() {
        List<Action> sets = new ArrayList<>();
        List<Action> removes = new ArrayList<>();
        List<Action> adds = new ArrayList<>();
        List<Action> deletes = new ArrayList<>();
        do {
            if (keyword("SET")) {
                section("SET", set);
                set = true;
                pos++;
                do {
                    Path p = target();
                    expect(Lexer.EQ);
                    sets.add(new Action(Action.SET, p, parseValue()));
                } while (comma());
            } else if (keyword("REMOVE")) {
                section("REMOVE", remove);
                remove = true;
                pos++;
                do {
                    removes.add(new Action(Action.REMOVE, target(), null));
                } while (comma());
            } else if (keyword("ADD")) {
                section("ADD", add);
                add = true;
                pos++;
                do {
                    Path p = target();
                    Operand v = valueOperand("ADD");
                    adds.add(new Action(Action.ADD, p, v));
                } while (comma());
            } else if (keyword("DELETE")) {
                section("DELETE", delete);
                delete = true;
                pos++;
                do {
                    Path p = target();
                    Operand v = valueOperand("DELETE");
                    deletes.add(new Action(Action.DELETE, p, v));
                } while (comma());
            } else {
                throw syntaxError();
            }
        } while (kind() != Lexer.EOF);
        finish();
        return new Updates(sets, removes, adds, deletes);
    }

    private boolean comma() {
        if (kind() == Lexer.COMMA) {
            pos++;
            return true;
        }
        return false;
    }

    private void section(String name, boolean seen) {
        if (seen) {
            note(SECTION, "The \"" + name + "\" section can only be used once in an update expression;");
        }
    }

    private Path target() {
        if (!atPathStart()) {
            throw syntaxError();
        }
        Path p = parsePath();
        for (Path other : targets) {
            checkPaths(other, p);
        }
        targets.add(p);
        return p;
    }

    private void checkPaths(Path one, Path two) {
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

    private static final String[] TYPE_WORDS = {"S", "STRING", "N", "NUMBER", "B", "BINARY", "NULL", "NULL",
            "BOOL", "BOOLEAN", "L", "LIST", "M", "MAP"};

    /** The :value of ADD or DELETE: ADD takes a number or a set, DELETE a set. */
    private Operand valueOperand(String operator) {
        if (kind() != Lexer.VALUE) {
            throw syntaxError();
        }
        JsonNode v = value();
        if (v != null) {
            String t = Values.typeOf(v);
            if (!(operator.equals("ADD") && t.equals("N"))) {
                for (int i = 0; i < TYPE_WORDS.length; i += 2) {
                    if (TYPE_WORDS[i].equals(t)) {
                        note(ADD_DELETE_TYPE, "Incorrect operand type for operator or function; operator: " + operator
                                + ", operand type: " + TYPE_WORDS[i + 1]);
                    }
                }
            }
        }
        return new Updates.Value(v);
    }

    /** DynamoDB checks operand types when parsing only for values written in the request, not for results. */
    private static String immediateType(Operand o) {
        return o instanceof Updates.Value ? o.knownType : null;
    }

    private Operand parseValue() {
        if (kind() == Lexer.LPAREN && !startsParenthesizedOperand()) {
            pos++;
            Operand v = parseValue();
            expect(Lexer.RPAREN);
            return v;
        }
        Operand left = parseOperand();
        byte k = kind();
        if (k == Lexer.PLUS || k == Lexer.MINUS) {
            String op = k == Lexer.PLUS ? "+" : "-";
            pos++;
            Operand right = parseOperand();
            for (Operand o : new Operand[] {left, right}) {
                String t = immediateType(o);
                if (t != null && !t.equals("N")) {
                    note(FUNCTION, "Incorrect operand type for operator or function; operator or function: " + op
                            + ", operand type: " + t);
                    break;
                }
            }
            return new Updates.Arithmetic(k == Lexer.PLUS, left, right);
        }
        return left;
    }

    /**
     * Whether the '(' here opens a parenthesized operand ("(a) + :v") rather than a parenthesized value ("(a + :v)"):
     * find its matching ')' and look at what follows.
     */
    private boolean startsParenthesizedOperand() {
        int depth = 0;
        for (int t = pos; t < lex.count; t++) {
            byte k = lex.kinds[t];
            if (k == Lexer.LPAREN) {
                depth++;
            } else if (k == Lexer.RPAREN) {
                depth--;
                if (depth == 0) {
                    byte next = kindAt(t + 1);
                    return next == Lexer.PLUS || next == Lexer.MINUS;
                }
            } else if (k == Lexer.EOF) {
                return false;
            }
        }
        return false;
    }

    private Operand parseOperand() {
        byte k = kind();
        if (k == Lexer.LPAREN) {
            pos++;
            Operand o = parseOperand();
            expect(Lexer.RPAREN);
            return o;
        }
        if (k == Lexer.VALUE) {
            return new Updates.Value(value());
        }
        if (k == Lexer.IDENT && kindAt(pos + 1) == Lexer.LPAREN && !isKeywordHere()) {
            return parseFunction();
        }
        if (atPathStart()) {
            return new Updates.PathValue(parsePath());
        }
        throw syntaxError();
    }

    private Operand parseFunction() {
        String name = lex.text(pos);
        pos += 2;
        List<Operand> args = new ArrayList<>(2);
        args.add(parseOperand());
        while (kind() == Lexer.COMMA) {
            pos++;
            args.add(parseOperand());
        }
        expect(Lexer.RPAREN);
        Updates.Value none = new Updates.Value(null);
        if (!name.equals("if_not_exists") && !name.equals("list_append")) {
            note(UNKNOWN_FUNCTION, "Invalid function name; function: " + name);
            return none;
        }
        if (args.size() != 2) {
            note(FUNCTION, "Incorrect number of operands for operator or function; operator or function: " + name
                    + ", number of operands: " + args.size());
            return none;
        }
        Operand a = args.get(0);
        Operand b = args.get(1);
        if (name.equals("if_not_exists")) {
            if (!(a instanceof Updates.PathValue)) {
                note(FUNCTION, "Operator or function requires a document path; operator or function: if_not_exists");
                return none;
            }
            return new Updates.IfNotExists(((Updates.PathValue) a).path, b);
        }
        for (Operand o : args) {
            String t = immediateType(o);
            if (t != null && !t.equals("L")) {
                note(FUNCTION, "Incorrect operand type for operator or function; operator or function: list_append, "
                        + "operand type: " + t);
                break;
            }
        }
        return new Updates.ListAppend(a, b);
    }
}
