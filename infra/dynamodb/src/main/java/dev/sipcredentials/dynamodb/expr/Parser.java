package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.dynamodb.DynamoDbException;
import java.util.ArrayList;
import java.util.List;

/**
 * What every expression parser shares: the token cursor, DynamoDB's syntax-error text, document paths, and
 * name/value substitution. DynamoDB reports a syntax error at once, and otherwise the first problem of the
 * highest-ranked kind once the whole expression has been read; {@link #note} and {@link #finish} do that.
 */
abstract class Parser {
    /** The kinds of non-syntax problems, in the order DynamoDB ranks them; subclasses choose the order. */
    static final int PARENS = 0;
    static final int UNKNOWN_FUNCTION = 1;
    static final int MISUSED_FUNCTION = 2;
    static final int RESERVED = 3;
    static final int SECTION = 4;
    static final int UNDEFINED = 5;
    static final int OPERAND_COUNT = 6;
    static final int PATH_OVERLAP = 7;
    static final int PATH_CONFLICT = 8;
    static final int DISTINCT = 9;
    static final int OPERAND_TYPE = 10;
    static final int UNDEFINED_NAME = 11;
    static final int UNDEFINED_VALUE = 12;
    static final int ADD_DELETE_TYPE = 13;
    static final int FUNCTION = 14; // update functions: operand count, type, document path; the first one counts
    static final int CONDITION = 15; // conditions: the first simple condition with a problem, its worst problem
    static final int KINDS = 16;

    /** DynamoDB's limit on every expression string, in UTF-8 bytes as sent (before substitution). */
    static final int MAX_BYTES = 4096;

    final ExpressionContext context;
    final String which; // "ConditionExpression", ...
    final Lexer lex;
    int pos;
    private final String[] problems = new String[KINDS];

    Parser(ExpressionContext context, String which, String expression) {
        this.context = context;
        this.which = which;
        if (expression.isEmpty()) {
            throw invalid("The expression can not be empty;");
        }
        if (expression.length() > MAX_BYTES / 4) {
            int bytes = Values.utf8Length(expression);
            if (bytes > MAX_BYTES) {
                // DynamoDB names the size for conditions, filters and projections, not for updates.
                throw invalid(which.equals("UpdateExpression")
                        ? "Expression size has exceeded the maximum allowed size;"
                        : "Expression size has exceeded the maximum allowed size; expression size: " + bytes);
            }
        }
        this.lex = new Lexer(expression);
    }

    /** The order in which this expression language ranks its problems. */
    abstract int[] problemOrder();

    final DynamoDbException invalid(String text) {
        return DynamoDbException.validation("Invalid " + which + ": " + text);
    }

    final void note(int kind, String text) {
        if (problems[kind] == null) {
            problems[kind] = text;
        }
    }

    final String problem(int kind) {
        return problems[kind];
    }

    /** Throws the highest-ranked problem noted, if any. */
    final void finish() {
        for (int kind : problemOrder()) {
            if (problems[kind] != null) {
                throw invalid(problems[kind]);
            }
        }
    }

    final byte kind() {
        return lex.kinds[pos];
    }

    final byte kindAt(int t) {
        return t < lex.count ? lex.kinds[t] : Lexer.EOF;
    }

    final boolean keyword(String upper) {
        return lex.isKeyword(pos, upper);
    }

    final void expect(byte kind) {
        if (kind() != kind) {
            throw syntaxError();
        }
        pos++;
    }

    final void expectEnd() {
        if (kind() != Lexer.EOF) {
            throw syntaxError();
        }
    }

    /**
     * DynamoDB's text: {@code Syntax error; token: "x", near: "a x b"}, near being the source from the token before
     * to the token after the offending one ({@code <EOF>} at the end: near is what precedes it).
     */
    final DynamoDbException syntaxError() {
        return syntaxErrorAt(pos);
    }

    final DynamoDbException syntaxErrorAt(int t) {
        String src = lex.src;
        int from = t > 0 ? lex.starts[t - 1] : lex.starts[t];
        String token;
        String near;
        if (lex.kinds[t] == Lexer.EOF) {
            token = "<EOF>";
            near = src.substring(from);
        } else {
            token = lex.text(t);
            int to = t + 1 < lex.count && lex.kinds[t + 1] != Lexer.EOF ? lex.ends[t + 1] : lex.ends[t];
            near = src.substring(from, to);
        }
        return invalid("Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
    }

    /** Whether the current token starts a document path. */
    final boolean atPathStart() {
        byte k = kind();
        return k == Lexer.NAME || (k == Lexer.IDENT && !isKeywordHere());
    }

    /** Keywords of the language that can never be attribute names (AND, SET, ...). */
    abstract boolean isKeywordHere();

    /** path := (ident | #name) ( '[' digits ']' | '.' (ident | #name) )* */
    final Path parsePath() {
        List<Object> parts = new ArrayList<>(4);
        String head = pathName();
        parts.add(head);
        heads.add(head);
        Path path = pathSuffix(parts);
        if (path.length() > 1) {
            nestedHeads.add(head);
        }
        return path;
    }

    /** The first names of every path read, in order. */
    final java.util.Set<String> heads = new java.util.LinkedHashSet<>();
    /** The first names of the paths that reach into a map or list ({@code a.b}, {@code a[0]}). */
    final java.util.Set<String> nestedHeads = new java.util.LinkedHashSet<>();

    /** The rest of a path whose first parts are read: ( '[' digits ']' | '.' name )* */
    final Path pathSuffix(List<Object> parts) {
        while (true) {
            byte k = kind();
            if (k == Lexer.LBRACKET) {
                pos++;
                if (kind() != Lexer.NUMBER) {
                    throw syntaxError();
                }
                parts.add(listIndex(lex.text(pos)));
                pos++;
                expect(Lexer.RBRACKET);
            } else if (k == Lexer.DOT) {
                pos++;
                if (!atPathStart()) {
                    throw syntaxError();
                }
                parts.add(pathName());
            } else {
                break;
            }
        }
        return new Path(parts.toArray());
    }

    private int listIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw syntaxError();
        }
    }

    private String pathName() {
        byte k = kind();
        if (k == Lexer.IDENT) {
            if (isKeywordHere()) {
                throw syntaxError();
            }
            String name = lex.text(pos);
            pos++;
            if (ReservedWords.isReserved(name)) {
                note(RESERVED, "Attribute name is a reserved keyword; reserved keyword: " + name);
            }
            return name;
        }
        if (k == Lexer.NAME) {
            String ref = lex.text(pos);
            pos++;
            String name = context.resolveName(ref);
            if (name == null) {
                String text = "An expression attribute name used in the document path is not defined; attribute name: " + ref;
                note(UNDEFINED, text);
                note(UNDEFINED_NAME, text);
                return ref;
            }
            return name;
        }
        throw syntaxError();
    }

    /** The value of the current :value token (consumed); null, with a problem noted, when undefined. */
    final JsonNode value() {
        String ref = lex.text(pos);
        pos++;
        JsonNode v = context.resolveValue(ref);
        if (v == null) {
            String text = "An expression attribute value used in expression is not defined; attribute value: " + ref;
            note(UNDEFINED, text);
            note(UNDEFINED_VALUE, text);
        }
        return v;
    }
}
