package dbt.isa.asm;

import dbt.isa.check.Diagnostic;
import dbt.isa.model.IsaModel;
import dbt.isa.model.RegisterFile;
import dbt.isa.model.SourceLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Assembles a source file ({@code .s}) for any ISA description into an {@link Image}. Instructions are assembled one
 * by one with the {@link Assembler} generated from the description, so their syntax and lengths come from it;
 * this class adds what a file needs around them:
 *
 * <ul>
 * <li>labels ({@code name:}, alone on a line or before a statement), usable as branch targets in pc-relative
 *     fields and as values (addresses) in immediate fields and data; {@code _start} is the entry point, else the
 *     start of {@code .text};</li>
 * <li>comments from {@code #} or {@code ;} to the end of the line;</li>
 * <li>two sections: {@code .text} (read and execute, at {@value #TEXT_BASE_HEX} unless {@code .org} says otherwise)
 *     and {@code .data} (read and write, at {@value #DATA_BASE_HEX}, or on the page after the text when the text
 *     reaches that far); {@code .section .text} and {@code .section .data} switch too;</li>
 * <li>data: {@code .byte}, {@code .half}/{@code .short}, {@code .word} (4 bytes), {@code .quad}/{@code .dword}
 *     with expressions, {@code .ascii}, {@code .asciz}/{@code .string} with C escapes, {@code .space N[, FILL]},
 *     {@code .align N} (to a multiple of N bytes, a power of two; {@code .balign} the same, {@code .p2align N} to
 *     2^N);</li>
 * <li>{@code .equ NAME, VALUE} (also {@code .set}) for constants, {@code .reg NAME, REGISTER} to give a register
 *     another name (the seed's {@code add:sq a, i, a}), {@code .org ADDRESS} at the start of a section to place it,
 *     {@code .global}/{@code .globl} (accepted, nothing to do for a single file).</li>
 * </ul>
 *
 * Two passes: the first lays out the sections (instruction lengths come from assembling each instruction with
 * forward labels standing in), the second encodes with every label known. Every mistake is reported as
 * {@code file:line:col: message}, all of them together in one {@link AssemblyErrors}.
 */
public final class SourceAssembler {
    public static final long TEXT_BASE = 0x10000;
    public static final long DATA_BASE = 0x20000;
    static final String TEXT_BASE_HEX = "0x10000";
    static final String DATA_BASE_HEX = "0x20000";
    private static final long PAGE = 4096;
    private static final long MAX_SPACE = 1L << 30;
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+");

    private final IsaModel model;
    private final Assembler assembler;

    public SourceAssembler(IsaModel model) {
        this(model, new Assembler(model));
    }

    public SourceAssembler(IsaModel model, Assembler assembler) {
        this.model = model;
        this.assembler = assembler;
    }

    /** Assembles a file; diagnostics name it as given. */
    public Image assemble(Path file) throws IOException, AssemblyErrors {
        return assemble(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Assembles source text; fileName is what diagnostics call it. */
    public Image assemble(String fileName, String source) throws AssemblyErrors {
        return new Job(fileName, source).run();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static final class Section {
        final String name;
        final int permissions;
        long base;
        boolean placed;
        long offset;
        /** The size the first pass found. */
        long size;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Section(String name, int permissions, long base) {
            this.name = name;
            this.permissions = permissions;
            this.base = base;
        }

        long address() {
            return base + offset;
        }
    }

    private enum Kind { LABEL, CONSTANT, REGISTER }

    private static final class Symbol {
        final Kind kind;
        final SourceLocation where;
        Section section;
        long offset;
        long value;
        String register;

        Symbol(Kind kind, SourceLocation where) {
            this.kind = kind;
            this.where = where;
        }
    }

    /** One assembly: the state of both passes. */
    private final class Job {
        private final String file;
        private final List<SourceLine> lines = new ArrayList<>();
        private final Set<Diagnostic> diagnostics = new LinkedHashSet<>();
        /** Lines whose statement had a mistake in the first pass: the second pass skips the statement. */
        private final Set<Integer> broken = new java.util.HashSet<>();
        private final Map<String, Symbol> symbols = new LinkedHashMap<>();
        /** Instruction lengths (bytes) the first pass found, by line number. */
        private final Map<Integer, Integer> lengths = new HashMap<>();
        private final Section text = new Section(".text", Image.READ | Image.EXEC, TEXT_BASE);
        private final Section data = new Section(".data", Image.READ | Image.WRITE, DATA_BASE);
        private Section current;
        private boolean second;
        /** The last mistake the instruction resolver met (the assembler only says that a label is unknown). */
        private String resolverError;

        Job(String file, String source) {
            this.file = file;
            String[] raw = source.split("\n", -1);
            for (int i = 0; i < raw.length; i++) {
                try {
                    lines.add(SourceLine.parse(i + 1, raw[i]));
                } catch (SourceLine.Error e) {
                    error(i + 1, e.column, e.getMessage());
                    lines.add(null);
                }
            }
        }

        Image run() throws AssemblyErrors {
            pass();
            place();
            second = true;
            pass();
            if (!diagnostics.isEmpty()) {
                List<Diagnostic> sorted = new ArrayList<>(diagnostics);
                sorted.sort((a, b) -> a.location().line() != b.location().line()
                        ? Integer.compare(a.location().line(), b.location().line())
                        : Integer.compare(a.location().column(), b.location().column()));
                throw new AssemblyErrors(sorted);
            }
            List<Image.Segment> segments = new ArrayList<>();
            for (Section s : List.of(text, data)) {
                if (s.bytes.size() > 0) {
                    segments.add(new Image.Segment(s.name, s.base, s.bytes.toByteArray(), s.permissions));
                }
            }
            Map<String, Long> values = new LinkedHashMap<>();
            symbols.forEach((name, s) -> {
                if (s.kind != Kind.REGISTER) {
                    values.put(name, value(s));
                }
            });
            Long start = values.get("_start");
            return new Image(segments, start != null ? start : text.base, values);
        }

        private void pass() {
            text.offset = 0;
            data.offset = 0;
            current = text;
            for (SourceLine line : lines) {
                if (line == null) {
                    continue;
                }
                for (SourceLine.Label l : line.labels) {
                    label(line, l);
                }
                if (broken.contains(line.number)) {
                    continue;
                }
                try {
                    if (line.directive != null) {
                        directive(line);
                    } else if (line.instruction != null) {
                        instruction(line);
                    }
                } catch (SourceLine.Error e) {
                    error(line.number, e.column, e.getMessage());
                    if (!second) {
                        broken.add(line.number);
                    }
                }
            }
            if (!second) {
                text.size = text.offset;
                data.size = data.offset;
            }
        }

        /** After the first pass: where the sections go, now that their sizes are known. */
        private void place() {
            if (!data.placed && text.base < DATA_BASE + data.size && DATA_BASE < text.base + text.size) {
                data.base = (text.base + text.size + PAGE - 1) & -PAGE;
            }
            if (text.size > 0 && data.size > 0 && text.base < data.base + data.size && data.base < text.base + text.size) {
                error(1, 1, "sections .text (" + range(text) + ") and .data (" + range(data) + ") overlap");
            }
        }

        private String range(Section s) {
            return "0x" + Long.toHexString(s.base) + "-0x" + Long.toHexString(s.base + s.size);
        }

        // ---- labels and symbols ---------------------------------------------------------------------------

        private void label(SourceLine line, SourceLine.Label l) {
            if (!second) {
                Symbol s = define(l.name(), Kind.LABEL, line.number, l.column());
                if (s != null) {
                    s.section = current;
                    s.offset = current.offset;
                }
            } else {
                Symbol s = symbols.get(l.name());
                if (s != null && s.kind == Kind.LABEL && s.where.line() == line.number && s.offset != current.offset) {
                    error(line.number, l.column(), "label '" + l.name() + "' moved between the passes (from 0x"
                            + Long.toHexString(s.offset) + " to 0x" + Long.toHexString(current.offset)
                            + " into " + current.name + "): an instruction's length depends on a later label");
                }
            }
        }

        /** A new symbol, or null after a diagnostic when the name is taken. */
        private Symbol define(String name, Kind kind, int line, int column) {
            Symbol previous = symbols.get(name);
            if (previous != null) {
                String what = kind == Kind.LABEL ? "label" : kind == Kind.CONSTANT ? "constant" : "register name";
                error(line, column, "duplicate " + what + " '" + name + "' (first defined at " + previous.where + ")");
                return null;
            }
            if (registerNumber(name) != null) {
                error(line, column, "'" + name + "' is a register name: choose another name");
                return null;
            }
            Symbol s = new Symbol(kind, new SourceLocation(file, line, column));
            symbols.put(name, s);
            return s;
        }

        private long value(Symbol s) {
            return s.kind == Kind.LABEL ? s.section.base + s.offset : s.value;
        }

        /** A symbol's value; unknown ones are null, or (first pass, lenient) stand-ins. */
        private Long lookup(String name, boolean lenient, long standIn) {
            Symbol s = symbols.get(name);
            if (s == null || s.kind == Kind.REGISTER) {
                return lenient && !second ? standIn : null;
            }
            return value(s);
        }

        private long evaluate(SourceLine.Argument a, boolean lenient) throws SourceLine.Error {
            long here = current.address();
            return Expression.evaluate(a.text(), a.column(), n -> lookup(n, lenient, 0), here);
        }

        /** Evaluates a value the layout depends on: every symbol in it must be known already. */
        private long layoutValue(SourceLine line, SourceLine.Argument a) throws SourceLine.Error {
            try {
                return Expression.evaluate(a.text(), a.column(), n -> lookup(n, false, 0), current.address());
            } catch (SourceLine.Error e) {
                if (e.getMessage().startsWith("unknown label")) {
                    throw new SourceLine.Error(e.column, e.getMessage() + " (" + line.directive
                            + " needs a value defined before it)");
                }
                throw e;
            }
        }

        private String registerNumber(String name) {
            for (RegisterFile rf : model.registerFiles()) {
                int n = rf.lookup(name.toLowerCase());
                if (n >= 0) {
                    return rf.registerName(n);
                }
            }
            return null;
        }

        // ---- directives -----------------------------------------------------------------------------------

        private void directive(SourceLine line) throws SourceLine.Error {
            List<SourceLine.Argument> args = line.arguments();
            String d = line.directive;
            switch (d) {
                case ".text" -> {
                    count(line, args, 0, 0);
                    current = text;
                }
                case ".data" -> {
                    count(line, args, 0, 0);
                    current = data;
                }
                case ".section" -> {
                    count(line, args, 1, 1);
                    String name = args.getFirst().text();
                    current = switch (name) {
                        case ".text" -> text;
                        case ".data" -> data;
                        default -> throw new SourceLine.Error(args.getFirst().column(),
                                "unknown section '" + name + "' (.text or .data)");
                    };
                }
                case ".org" -> {
                    count(line, args, 1, 1);
                    if (second) {
                        return;
                    }
                    if (current.offset != 0) {
                        throw new SourceLine.Error(line.column, ".org must come before any code or data of "
                                + current.name + ": it places the section");
                    }
                    long address = layoutValue(line, args.getFirst());
                    if (address < 0) {
                        throw new SourceLine.Error(args.getFirst().column(), "value " + address
                                + " is out of range for an address");
                    }
                    current.base = address;
                    current.placed = true;
                }
                case ".align", ".balign", ".p2align" -> {
                    count(line, args, 1, 1);
                    long n = layoutValue(line, args.getFirst());
                    if (d.equals(".p2align")) {
                        if (n < 0 || n > 16) {
                            throw new SourceLine.Error(args.getFirst().column(), "value " + n
                                    + " is out of range for .p2align (0 to 16)");
                        }
                        n = 1L << n;
                    }
                    if (n <= 0 || n > 65536 || Long.bitCount(n) != 1) {
                        throw new SourceLine.Error(args.getFirst().column(), "alignment " + n
                                + " is not a power of two from 1 to 65536");
                    }
                    long pad = -current.address() & (n - 1);
                    emitZeros(pad);
                }
                case ".space", ".skip", ".zero" -> {
                    count(line, args, 1, 2);
                    long n = layoutValue(line, args.getFirst());
                    if (n < 0 || n > MAX_SPACE) {
                        throw new SourceLine.Error(args.getFirst().column(), "value " + n
                                + " is out of range for " + d + " (0 to " + MAX_SPACE + " bytes)");
                    }
                    long fill = 0;
                    if (args.size() > 1 && second) {
                        fill = checked(evaluate(args.get(1), false), 1, args.get(1), d);
                    }
                    if (second) {
                        for (long i = 0; i < n; i++) {
                            current.bytes.write((int) fill);
                        }
                    }
                    current.offset += n;
                }
                case ".byte" -> data(line, args, 1);
                case ".half", ".short", ".2byte" -> data(line, args, 2);
                case ".word", ".long", ".int", ".4byte" -> data(line, args, 4);
                case ".quad", ".dword", ".8byte" -> data(line, args, 8);
                case ".ascii", ".asciz", ".string" -> {
                    if (args.isEmpty()) {
                        throw new SourceLine.Error(line.column, d + " needs a string");
                    }
                    List<byte[]> strings = new ArrayList<>();
                    for (SourceLine.Argument a : args) {
                        strings.add(SourceLine.string(a));
                    }
                    for (byte[] s : strings) {
                        emit(s);
                        if (!d.equals(".ascii")) {
                            emit(new byte[1]);
                        }
                    }
                }
                case ".equ", ".set" -> {
                    count(line, args, 2, 2);
                    SourceLine.Argument name = args.getFirst();
                    if (!SourceLine.isName(name.text())) {
                        throw new SourceLine.Error(name.column(), "bad constant name '" + name.text() + "'");
                    }
                    if (!second) {
                        Symbol s = define(name.text(), Kind.CONSTANT, line.number, name.column());
                        if (s == null) {
                            broken.add(line.number);
                            return;
                        }
                        s.value = evaluate(args.get(1), true);
                    } else {
                        symbols.get(name.text()).value = evaluate(args.get(1), false);
                    }
                }
                case ".reg" -> {
                    count(line, args, 2, 2);
                    if (second) {
                        return;
                    }
                    SourceLine.Argument name = args.getFirst();
                    if (!SourceLine.isName(name.text())) {
                        throw new SourceLine.Error(name.column(), "bad register name '" + name.text() + "'");
                    }
                    String register = registerNumber(args.get(1).text());
                    if (register == null) {
                        throw new SourceLine.Error(args.get(1).column(), "unknown register '" + args.get(1).text() + "'");
                    }
                    Symbol s = define(name.text(), Kind.REGISTER, line.number, name.column());
                    if (s != null) {
                        s.register = register;
                    }
                }
                case ".global", ".globl" -> {
                    if (args.isEmpty()) {
                        throw new SourceLine.Error(line.column, d + " needs a name");
                    }
                    for (SourceLine.Argument a : args) {
                        if (!SourceLine.isName(a.text())) {
                            throw new SourceLine.Error(a.column(), "bad symbol name '" + a.text() + "'");
                        }
                    }
                }
                default -> throw new SourceLine.Error(line.column, "unknown directive '" + d + "'");
            }
        }

        private void count(SourceLine line, List<SourceLine.Argument> args, int min, int max) throws SourceLine.Error {
            if (args.size() < min) {
                throw new SourceLine.Error(line.column, line.directive + " needs " + min + " argument" + (min == 1 ? "" : "s"));
            }
            if (args.size() > max) {
                throw new SourceLine.Error(args.get(max).column(), max == 0 ? line.directive + " takes no arguments"
                        : "too many arguments for " + line.directive);
            }
        }

        /** .byte, .half, .word, .quad: each value little-endian in size bytes. */
        private void data(SourceLine line, List<SourceLine.Argument> args, int size) throws SourceLine.Error {
            if (args.isEmpty()) {
                throw new SourceLine.Error(line.column, line.directive + " needs a value");
            }
            if (!second) {
                for (SourceLine.Argument a : args) {
                    evaluate(a, true); // mistakes of form now, unknown labels and ranges in the second pass
                }
                current.offset += (long) size * args.size();
                return;
            }
            for (SourceLine.Argument a : args) {
                long v = 0;
                try {
                    v = checked(evaluate(a, false), size, a, line.directive);
                } catch (SourceLine.Error e) {
                    error(line.number, e.column, e.getMessage());
                }
                byte[] b = new byte[size];
                for (int k = 0; k < size; k++) {
                    b[k] = (byte) (v >>> (8 * k));
                }
                emit(b);
            }
        }

        /** v, if it fits size bytes as a signed or an unsigned number. */
        private long checked(long v, int size, SourceLine.Argument a, String directive) throws SourceLine.Error {
            if (size < 8) {
                long min = -(1L << (8 * size - 1));
                long max = (1L << (8 * size)) - 1;
                if (v < min || v > max) {
                    throw new SourceLine.Error(a.column(), "value " + v + " is out of range for " + directive
                            + " (" + min + " to " + max + ")");
                }
            }
            return v;
        }

        private void emit(byte[] b) {
            if (second) {
                current.bytes.writeBytes(b);
            }
            current.offset += b.length;
        }

        private void emitZeros(long n) {
            if (second) {
                current.bytes.writeBytes(new byte[(int) n]);
            }
            current.offset += n;
        }

        // ---- instructions ---------------------------------------------------------------------------------

        private void instruction(SourceLine line) throws SourceLine.Error {
            String text = withRegisterNames(line.instruction);
            long pc = current.address();
            if (!second) {
                int length = lengthOf(text, pc);
                lengths.put(line.number, length);
                current.offset += length;
                return;
            }
            int expected = lengths.get(line.number);
            resolverError = null;
            try {
                Assembler.Encoded e = assembler.assemble(text, pc, word -> resolve(word, pc));
                int bytes = e.length() / 8;
                byte[] b = new byte[bytes];
                for (int k = 0; k < bytes; k++) {
                    b[k] = (byte) (e.word() >>> (8 * k));
                }
                if (bytes != expected) {
                    error(line.number, line.column, "instruction is " + bytes + " bytes long, but the first pass made it "
                            + expected + ": its length depends on a later label");
                    emitZeros(expected);
                    return;
                }
                emit(b);
            } catch (Assembler.AssemblyException e) {
                String message = e.getMessage();
                if (resolverError != null && !message.contains("out of range")) {
                    message = resolverError; // an unknown label, more to the point than a form that did not match
                }
                error(line.number, line.column + columnIn(line.instruction, message), message);
                emitZeros(expected);
            }
        }

        /** The instruction's length in bytes, assembled with stand-ins for labels not known yet. */
        private int lengthOf(String text, long pc) {
            for (long standIn : new long[] {pc, 0}) {
                try {
                    return assembler.assemble(text, pc, word -> {
                        try {
                            return Expression.evaluate(word, 1, n -> lookup(n, true, standIn), pc);
                        } catch (SourceLine.Error e) {
                            return standIn;
                        }
                    }).length() / 8;
                } catch (Assembler.AssemblyException e) {
                    // try the next stand-in; the second pass reports what is wrong
                }
            }
            return model.minLength() / 8;
        }

        private Long resolve(String word, long pc) {
            try {
                return Expression.evaluate(word, 1, n -> lookup(n, false, 0), pc);
            } catch (SourceLine.Error e) {
                resolverError = e.getMessage();
                return null;
            }
        }

        /** The instruction text with register names given by .reg replaced by the registers' own names. */
        private String withRegisterNames(String insn) {
            int sp = 0;
            while (sp < insn.length() && !SourceLine.isBlank(insn.charAt(sp))) {
                sp++;
            }
            StringBuilder out = new StringBuilder(insn.substring(0, sp));
            int i = sp;
            while (i < insn.length()) {
                char c = insn.charAt(i);
                if (Character.isDigit(c)) {
                    int e = i;
                    while (e < insn.length() && Character.isLetterOrDigit(insn.charAt(e))) {
                        e++;
                    }
                    out.append(insn, i, e);
                    i = e;
                } else if (SourceLine.isNameStart(c)) {
                    int e = SourceLine.nameEnd(insn, i);
                    String name = insn.substring(i, e);
                    Symbol s = symbols.get(name);
                    boolean immediate = i > 0 && insn.charAt(i - 1) == '$';
                    out.append(s != null && s.kind == Kind.REGISTER && !immediate ? s.register : name);
                    i = e;
                } else {
                    out.append(c);
                    i++;
                }
            }
            return out.toString();
        }

        /**
         * Where in the instruction text (0-based) the mistake a message describes is: the mnemonic for an unknown
         * instruction, else the operand the message quotes or whose value it gives, else the first operand.
         */
        private int columnIn(String insn, String message) {
            int operands = 0;
            while (operands < insn.length() && !SourceLine.isBlank(insn.charAt(operands))) {
                operands++;
            }
            operands = SourceLine.skipBlanks(insn, operands);
            if (message.startsWith("unknown instruction") || operands >= insn.length()) {
                return 0;
            }
            Matcher q = QUOTED.matcher(message);
            while (q.find()) {
                int at = wordIndex(insn, q.group(1), operands);
                if (at >= 0) {
                    return at;
                }
            }
            Matcher n = NUMBER.matcher(message);
            while (n.find()) {
                int at = wordIndex(insn, n.group(), operands);
                if (at >= 0) {
                    return at;
                }
            }
            return operands;
        }

        private static int wordIndex(String s, String word, int from) {
            for (int at = s.indexOf(word, from); at >= 0; at = s.indexOf(word, at + 1)) {
                boolean before = at == 0 || !SourceLine.isNamePart(s.charAt(at - 1)) || s.charAt(at - 1) == '$';
                int end = at + word.length();
                boolean after = end >= s.length() || !SourceLine.isNamePart(s.charAt(end));
                if (before && after) {
                    return at;
                }
            }
            return -1;
        }

        private void error(int line, int column, String message) {
            diagnostics.add(new Diagnostic(new SourceLocation(file, line, Math.max(1, column)), message));
        }
    }
}
