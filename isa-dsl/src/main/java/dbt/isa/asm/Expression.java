package dbt.isa.asm;

import java.util.function.Function;

/**
 * Evaluates the constant expressions of assembly source: numbers (decimal, 0x hex, 0b binary), character literals
 * ({@code 'a'}, {@code '\n'}), symbols, {@code .} (the current address), parentheses, unary {@code -} and {@code ~},
 * and the binary operators {@code * / % + - << >> & | ^} with C's precedence. Arithmetic wraps at 64 bits.
 */
final class Expression {
    private final String text;
    private final int column;
    private final Function<String, Long> symbols;
    private final long location;
    private int p;

    private Expression(String text, int column, Function<String, Long> symbols, long location) {
        this.text = text;
        this.column = column;
        this.symbols = symbols;
        this.location = location;
    }

    /**
     * The value of text, which starts at column; symbols gives a symbol's value or null when it is unknown (an
     * error, reported at the symbol).
     */
    static long evaluate(String text, int column, Function<String, Long> symbols, long location) throws SourceLine.Error {
        Expression e = new Expression(text, column, symbols, location);
        e.skip();
        if (e.p == text.length()) {
            throw new SourceLine.Error(column, "missing value");
        }
        long v = e.or();
        if (e.p != text.length()) {
            throw new SourceLine.Error(column + e.p, "unexpected '" + text.charAt(e.p) + "' in expression");
        }
        return v;
    }

    private long or() throws SourceLine.Error {
        long v = xor();
        while (peek('|')) {
            p++;
            v |= xor();
        }
        return v;
    }

    private long xor() throws SourceLine.Error {
        long v = and();
        while (peek('^')) {
            p++;
            v ^= and();
        }
        return v;
    }

    private long and() throws SourceLine.Error {
        long v = shift();
        while (peek('&')) {
            p++;
            v &= shift();
        }
        return v;
    }

    private long shift() throws SourceLine.Error {
        long v = sum();
        while (true) {
            if (peek("<<")) {
                p += 2;
                v <<= sum();
            } else if (peek(">>")) {
                p += 2;
                v >>= sum();
            } else {
                return v;
            }
        }
    }

    private long sum() throws SourceLine.Error {
        long v = product();
        while (true) {
            if (peek('+')) {
                p++;
                v += product();
            } else if (peek('-')) {
                p++;
                v -= product();
            } else {
                return v;
            }
        }
    }

    private long product() throws SourceLine.Error {
        long v = unary();
        while (true) {
            char op = peek('*') ? '*' : peek('/') ? '/' : peek('%') ? '%' : 0;
            if (op == 0) {
                return v;
            }
            int at = p;
            p++;
            long r = unary();
            if (op != '*' && r == 0) {
                throw new SourceLine.Error(column + at, "division by zero");
            }
            v = op == '*' ? v * r : op == '/' ? v / r : v % r;
        }
    }

    private long unary() throws SourceLine.Error {
        if (peek('-')) {
            p++;
            return -unary();
        }
        if (peek('~')) {
            p++;
            return ~unary();
        }
        if (peek('+')) {
            p++;
            return unary();
        }
        return primary();
    }

    private long primary() throws SourceLine.Error {
        skip();
        if (p >= text.length()) {
            throw new SourceLine.Error(column + p, "missing value");
        }
        int start = p;
        char c = text.charAt(p);
        long v;
        if (c == '(') {
            p++;
            v = or();
            if (!peek(')')) {
                throw new SourceLine.Error(column + start, "unclosed '('");
            }
            p++;
        } else if (Character.isDigit(c)) {
            while (p < text.length() && Character.isLetterOrDigit(text.charAt(p))) {
                p++;
            }
            v = number(text.substring(start, p), column + start);
        } else if (c == '\'') {
            v = character(start);
        } else if (c == '.' && (p + 1 >= text.length() || !SourceLine.isNamePart(text.charAt(p + 1)))) {
            p++;
            v = location;
        } else if (SourceLine.isNameStart(c)) {
            p = SourceLine.nameEnd(text, p);
            String name = text.substring(start, p);
            Long value = symbols.apply(name);
            if (value == null) {
                throw new SourceLine.Error(column + start, "unknown label '" + name + "'");
            }
            v = value;
        } else {
            throw new SourceLine.Error(column + p, "unexpected '" + c + "' in expression");
        }
        skip();
        return v;
    }

    private long character(int start) throws SourceLine.Error {
        int i = start + 1;
        if (i >= text.length()) {
            throw new SourceLine.Error(column + start, "unterminated character");
        }
        long v;
        if (text.charAt(i) == '\\') {
            int[] at = {i};
            v = SourceLine.escape(text, at, column, text.length());
            i = at[0] + 1;
        } else {
            int cp = text.codePointAt(i);
            v = cp;
            i += Character.charCount(cp);
        }
        if (i >= text.length() || text.charAt(i) != '\'') {
            throw new SourceLine.Error(column + start, "unterminated character");
        }
        p = i + 1;
        return v;
    }

    /** A number: decimal, 0x hex or 0b binary; up to 64 bits, read as unsigned. */
    static long number(String s, int column) throws SourceLine.Error {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            if (s.startsWith("0b") || s.startsWith("0B")) {
                return Long.parseUnsignedLong(s.substring(2), 2);
            }
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            boolean wellFormed = s.matches("0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+");
            throw new SourceLine.Error(column, wellFormed ? "value " + s + " is out of range (more than 64 bits)"
                    : "bad number '" + s + "'");
        }
    }

    private boolean peek(char c) {
        skip();
        return p < text.length() && text.charAt(p) == c;
    }

    private boolean peek(String s) {
        skip();
        return text.startsWith(s, p);
    }

    private void skip() {
        p = SourceLine.skipBlanks(text, p);
    }
}
