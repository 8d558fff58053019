package dbt.isa.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of assembly source, split into its parts: labels ({@code name:}), then a directive ({@code .byte 1, 2})
 * or an instruction, or nothing. Comments run from {@code #} or {@code ;} to the end of the line, except inside a
 * string or character literal. A label is a name directly followed by a colon and then a blank or the end of the
 * line, so that mnemonics with a colon ({@code add:sq}, {@code br:j}) are not taken for labels. Columns count from
 * 1, a tab as one column.
 */
final class SourceLine {
    /** A mistake on a line, at a column. */
    static final class Error extends Exception {
        final int column;

        Error(int column, String message) {
            super(message, null, false, false);
            this.column = column;
        }
    }

    record Label(String name, int column) {}

    /** A comma-separated argument of a directive: its text (trimmed) and the column where it starts. */
    record Argument(String text, int column) {}

    final int number;
    final String text;
    final List<Label> labels;
    /** The directive's name with its dot ({@code .byte}), or null. */
    final String directive;
    /** The instruction text (mnemonic and operands, comment removed), or null. */
    final String instruction;
    /** Column of the directive or instruction. */
    final int column;
    /** Text after the directive's name, and its column. */
    final String rest;
    final int restColumn;

    private SourceLine(int number, String text, List<Label> labels, String directive, String instruction, int column,
                       String rest, int restColumn) {
        this.number = number;
        this.text = text;
        this.labels = labels;
        this.directive = directive;
        this.instruction = instruction;
        this.column = column;
        this.rest = rest;
        this.restColumn = restColumn;
    }

    static SourceLine parse(int number, String text) throws Error {
        String code = text.substring(0, commentStart(text));
        List<Label> labels = new ArrayList<>();
        int p = skipBlanks(code, 0);
        while (true) {
            int end = nameEnd(code, p);
            if (end > p && end < code.length() && code.charAt(end) == ':'
                    && (end + 1 == code.length() || isBlank(code.charAt(end + 1)))) {
                labels.add(new Label(code.substring(p, end), p + 1));
                p = skipBlanks(code, end + 1);
            } else {
                break;
            }
        }
        int stop = code.length();
        while (stop > p && isBlank(code.charAt(stop - 1))) {
            stop--;
        }
        if (p == stop) {
            return new SourceLine(number, text, List.copyOf(labels), null, null, p + 1, "", p + 1);
        }
        if (code.charAt(p) == '.') {
            int end = nameEnd(code, p);
            int r = skipBlanks(code, end);
            return new SourceLine(number, text, List.copyOf(labels), code.substring(p, end).toLowerCase(), null, p + 1,
                    code.substring(Math.min(r, stop), stop), r + 1);
        }
        return new SourceLine(number, text, List.copyOf(labels), null, code.substring(p, stop), p + 1, "", p + 1);
    }

    /** Where the comment starts (or the line's length): the first # or ; outside a string or character literal. */
    private static int commentStart(String s) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' || c == ';') {
                return i;
            }
        }
        return s.length();
    }

    /** The directive's arguments, split at commas outside strings, character literals and parentheses. */
    List<Argument> arguments() throws Error {
        List<Argument> out = new ArrayList<>();
        if (rest.isEmpty()) {
            return out;
        }
        int start = 0;
        int depth = 0;
        char quote = 0;
        for (int i = 0; i <= rest.length(); i++) {
            char c = i < rest.length() ? rest.charAt(i) : ',';
            if (quote != 0 && i < rest.length()) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth <= 0) {
                int a = skipBlanks(rest, start);
                int b = i;
                while (b > a && isBlank(rest.charAt(b - 1))) {
                    b--;
                }
                if (a == b) {
                    throw new Error(restColumn + a, "missing argument");
                }
                out.add(new Argument(rest.substring(a, b), restColumn + a));
                start = i + 1;
            }
        }
        if (quote != 0) {
            throw new Error(restColumn + rest.lastIndexOf(quote), "unterminated " + (quote == '"' ? "string" : "character"));
        }
        return out;
    }

    /**
     * The bytes of a string literal ({@code "..."}) with C escapes: \n \t \r \0 \a \b \f \v \e \\ \" \' \?,
     * octal \NNN and hex \xHH. Characters outside ASCII are written as UTF-8.
     */
    static byte[] string(Argument a) throws Error {
        String s = a.text();
        if (s.isEmpty() || s.charAt(0) != '"') {
            throw new Error(a.column(), "expected a string in double quotes");
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 1;
        while (true) {
            if (i >= s.length()) {
                throw new Error(a.column(), "unterminated string");
            }
            char c = s.charAt(i);
            if (c == '"') {
                if (i != s.length() - 1) {
                    throw new Error(a.column() + i + 1, "unexpected text after the string");
                }
                return out.toByteArray();
            }
            if (c == '\\') {
                int[] at = {i};
                out.write(escape(s, at, a.column(), s.length()));
                i = at[0] + 1;
            } else {
                int cp = s.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
    }

    /**
     * The byte value of the escape at s[at[0]] (a backslash), reading no further than limit; leaves at[0] on its
     * last character.
     */
    static int escape(String s, int[] at, int column, int limit) throws Error {
        int i = at[0];
        if (i + 1 >= limit) {
            throw new Error(column + i, "bad escape '\\' at the end of a literal");
        }
        char e = s.charAt(i + 1);
        at[0] = i + 1;
        switch (e) {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'a': return 7;
            case 'b': return '\b';
            case 'f': return '\f';
            case 'v': return 11;
            case 'e': return 27;
            case '\\': return '\\';
            case '"': return '"';
            case '\'': return '\'';
            case '?': return '?';
            case 'x': {
                int j = i + 2;
                int v = 0;
                while (j < limit && j < i + 4 && Character.digit(s.charAt(j), 16) >= 0) {
                    v = v * 16 + Character.digit(s.charAt(j), 16);
                    j++;
                }
                if (j == i + 2) {
                    throw new Error(column + i, "bad escape '\\x': hex digits must follow");
                }
                at[0] = j - 1;
                return v;
            }
            default:
                if (e >= '0' && e <= '7') {
                    int j = i + 1;
                    int v = 0;
                    while (j < limit && j < i + 4 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                        v = v * 8 + (s.charAt(j) - '0');
                        j++;
                    }
                    if (v > 255) {
                        throw new Error(column + i, "bad escape '" + s.substring(i, j) + "': octal value above \\377");
                    }
                    at[0] = j - 1;
                    return v;
                }
                throw new Error(column + i, "bad escape '\\" + e + "' in string");
        }
    }

    static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '.';
    }

    static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
    }

    static boolean isName(String s) {
        if (s.isEmpty() || !isNameStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isNamePart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static int nameEnd(String s, int p) {
        if (p >= s.length() || !isNameStart(s.charAt(p))) {
            return p;
        }
        int e = p + 1;
        while (e < s.length() && isNamePart(s.charAt(e))) {
            e++;
        }
        return e;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f';
    }

    static int skipBlanks(String s, int p) {
        while (p < s.length() && isBlank(s.charAt(p))) {
            p++;
        }
        return p;
    }
}
