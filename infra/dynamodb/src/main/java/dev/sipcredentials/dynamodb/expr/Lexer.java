package dev.sipcredentials.dynamodb.expr;

import java.util.Arrays;

/**
 * The tokens of one expression, all at once (expressions are short): kinds and source offsets in parallel arrays,
 * no regular expressions and no per-token objects.
 */
final class Lexer {
    static final byte EOF = 0;
    static final byte IDENT = 1; // [A-Za-z_][A-Za-z0-9_]*
    static final byte NAME = 2; // #[A-Za-z0-9_]*
    static final byte VALUE = 3; // :[A-Za-z0-9_]*
    static final byte NUMBER = 4; // [0-9]+
    static final byte LPAREN = 5;
    static final byte RPAREN = 6;
    static final byte LBRACKET = 7;
    static final byte RBRACKET = 8;
    static final byte DOT = 9;
    static final byte COMMA = 10;
    static final byte EQ = 11;
    static final byte NE = 12;
    static final byte LT = 13;
    static final byte LE = 14;
    static final byte GT = 15;
    static final byte GE = 16;
    static final byte PLUS = 17;
    static final byte MINUS = 18;
    static final byte OTHER = 19; // any other character, one token each

    final String src;
    byte[] kinds = new byte[16];
    int[] starts = new int[16];
    int[] ends = new int[16];
    int count;

    Lexer(String src) {
        this.src = src;
        int n = src.length();
        int i = 0;
        while (true) {
            while (i < n && isSpace(src.charAt(i))) {
                i++;
            }
            if (i >= n) {
                add(EOF, n, n);
                return;
            }
            char c = src.charAt(i);
            int start = i;
            byte kind;
            if (isIdentStart(c)) {
                i++;
                while (i < n && isIdentPart(src.charAt(i))) {
                    i++;
                }
                kind = IDENT;
            } else if (c == '#' || c == ':') {
                i++;
                while (i < n && isIdentPart(src.charAt(i))) {
                    i++;
                }
                kind = c == '#' ? NAME : VALUE;
            } else if (c >= '0' && c <= '9') {
                i++;
                while (i < n && src.charAt(i) >= '0' && src.charAt(i) <= '9') {
                    i++;
                }
                kind = NUMBER;
            } else {
                i++;
                switch (c) {
                    case '(': kind = LPAREN; break;
                    case ')': kind = RPAREN; break;
                    case '[': kind = LBRACKET; break;
                    case ']': kind = RBRACKET; break;
                    case '.': kind = DOT; break;
                    case ',': kind = COMMA; break;
                    case '=': kind = EQ; break;
                    case '+': kind = PLUS; break;
                    case '-': kind = MINUS; break;
                    case '<':
                        if (i < n && src.charAt(i) == '>') {
                            i++;
                            kind = NE;
                        } else if (i < n && src.charAt(i) == '=') {
                            i++;
                            kind = LE;
                        } else {
                            kind = LT;
                        }
                        break;
                    case '>':
                        if (i < n && src.charAt(i) == '=') {
                            i++;
                            kind = GE;
                        } else {
                            kind = GT;
                        }
                        break;
                    default:
                        if (Character.isHighSurrogate(c) && i < n) {
                            i++;
                        }
                        kind = OTHER;
                }
            }
            add(kind, start, i);
        }
    }

    private void add(byte kind, int start, int end) {
        if (count == kinds.length) {
            kinds = Arrays.copyOf(kinds, count * 2);
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        kinds[count] = kind;
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    String text(int t) {
        return src.substring(starts[t], ends[t]);
    }

    /** Whether token t is the keyword (ASCII, case-insensitive). */
    boolean isKeyword(int t, String upper) {
        return kinds[t] == IDENT && ends[t] - starts[t] == upper.length()
                && src.regionMatches(true, starts[t], upper, 0, upper.length());
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }
}
