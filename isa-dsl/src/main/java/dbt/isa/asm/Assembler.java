package dbt.isa.asm;

import dbt.isa.model.Csr;
import dbt.isa.model.Field;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import dbt.isa.model.RegisterFile;
import dbt.isa.model.Template;
import dbt.isa.decode.DecodeTree;
import dbt.isa.decode.FieldGuard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Assembles one instruction from text by matching it against every instruction's template (the same templates
 * the {@link Disassembler} prints from). Spaces in a template match any run of blanks, and blanks may surround
 * punctuation; operands are read by their field's kind. The first instruction whose template matches and whose
 * fields can hold the operand values wins. Labels are resolved through a caller-supplied function: a label in a
 * pc-relative field ({@code {f:pc}}) is a target, in any other immediate field its address is the value.
 */
public final class Assembler {
    private final IsaModel model;
    private final Map<String, List<Instruction>> byFirstWord = new HashMap<>();

    /** The encoded instruction: its bits and its length in bits. */
    public record Encoded(long word, int length, Instruction instruction) {}

    public static final class AssemblyException extends Exception {
        public AssemblyException(String message) {
            super(message, null, false, false);
        }
    }

    private final DecodeTree decoder;

    public Assembler(IsaModel model) {
        this.model = model;
        this.decoder = new DecodeTree(model);
        for (Instruction i : model.instructions()) {
            byFirstWord.computeIfAbsent(firstWord(i.template()), k -> new ArrayList<>()).add(i);
        }
    }

    /** The literal text a template starts with, up to the first placeholder or space (the lookup key). */
    private static String firstWord(Template t) {
        String text = t.segments().getFirst() instanceof Template.Text x ? x.text() : "";
        int sp = text.indexOf(' ');
        return (sp < 0 ? text : text.substring(0, sp)).toLowerCase();
    }

    public Encoded assemble(String line, long pc) throws AssemblyException {
        return assemble(line, pc, label -> null);
    }

    /** Assembles line for address pc; labels maps a symbol to its address (null if unknown). */
    public Encoded assemble(String line, long pc, Function<String, Long> labels) throws AssemblyException {
        String text = line.trim().replaceAll("\\s+", " ");
        List<Instruction> candidates = new ArrayList<>();
        // A mnemonic may continue into a names-table operand (amoadd.w.aq): try every prefix that is a key.
        String head = text.split(" ", 2)[0].toLowerCase();
        for (int k = head.length(); k > 0; k--) {
            List<Instruction> c = byFirstWord.get(head.substring(0, k));
            if (c != null) {
                candidates.addAll(c);
            }
        }
        if (candidates.isEmpty()) {
            throw new AssemblyException("unknown instruction '" + head + "'");
        }
        // When nothing assembles, the first error of a candidate whose syntax matched (a value its fields cannot
        // hold) says more than one of a candidate whose syntax did not.
        String firstError = null;
        String firstEncodeError = null;
        for (Instruction insn : candidates) {
            long[] values = new long[model.fields().size()];
            boolean[] set = new boolean[values.length];
            String[] error = new String[1];
            if (!match(insn.template().segments(), 0, text, 0, values, set, pc, labels, error)) {
                if (firstError == null && error[0] != null) {
                    firstError = error[0];
                }
                continue;
            }
            long word = insn.match();
            String encodeError = null;
            for (int f : insn.fields()) {
                Field.Encoded e = model.fields().get(f).encode(values[f]);
                if (!e.ok()) {
                    encodeError = e.error();
                    break;
                }
                word |= e.bits();
            }
            if (encodeError == null && insn.guard() != null && !FieldGuard.holds(insn.guard(), word, model.fields())) {
                encodeError = insn.name() + ": operands not allowed (reserved encoding)";
            }
            if (encodeError == null) {
                // In an overlapping group a more specific instruction may own this word (RISC-V `fence w, 0`
                // is `pause`): report what the word is.
                Instruction decoded = decoder.decode(word, insn.length());
                if (decoded != null) {
                    return new Encoded(word, insn.length(), decoded);
                }
                encodeError = insn.name() + ": operands give a word no instruction decodes";
            }
            if (firstEncodeError == null) {
                firstEncodeError = encodeError;
            }
        }
        if (firstEncodeError != null) {
            throw new AssemblyException(firstEncodeError);
        }
        if (firstError != null) {
            throw new AssemblyException(firstError);
        }
        List<String> forms = candidates.stream().filter(i -> firstWord(i.template()).equals(head))
                .map(i -> "'" + i.template().source() + "'").distinct().toList();
        throw new AssemblyException("operands do not match " + (forms.isEmpty()
                ? "'" + candidates.getFirst().template().source() + "'" : String.join(" or ", forms)));
    }

    private boolean match(List<Template.Segment> segs, int si, String text, int pos, long[] values, boolean[] set,
                          long pc, Function<String, Long> labels, String[] error) {
        if (si == segs.size()) {
            return skipBlanks(text, pos) == text.length();
        }
        switch (segs.get(si)) {
            case Template.Text t -> {
                int p = pos;
                for (int k = 0; k < t.text().length(); k++) {
                    char c = t.text().charAt(k);
                    if (c == ' ') {
                        p = skipBlanks(text, p);
                        continue;
                    }
                    if (!Character.isLetterOrDigit(c)) {
                        p = skipBlanks(text, p);
                    }
                    if (p >= text.length() || Character.toLowerCase(text.charAt(p)) != Character.toLowerCase(c)) {
                        return false;
                    }
                    p++;
                    if (!Character.isLetterOrDigit(c)) {
                        p = skipBlanks(text, p);
                    }
                }
                return match(segs, si + 1, text, p, values, set, pc, labels, error);
            }
            case Template.Placeholder ph -> {
                Field f = model.fields().get(ph.field());
                int start = skipBlanks(text, pos);
                for (Candidate c : operand(f, ph, text, start, pc, labels, error)) {
                    if (set[ph.field()] && values[ph.field()] != c.value) {
                        continue;
                    }
                    boolean was = set[ph.field()];
                    long old = values[ph.field()];
                    values[ph.field()] = c.value;
                    set[ph.field()] = true;
                    if (match(segs, si + 1, text, c.end, values, set, pc, labels, error)) {
                        return true;
                    }
                    values[ph.field()] = old;
                    set[ph.field()] = was;
                }
                return false;
            }
        }
    }

    private record Candidate(long value, int end) {}

    /** The ways the text at pos can be read as an operand of field f, longest first. */
    private List<Candidate> operand(Field f, Template.Placeholder ph, String text, int pos, long pc,
                                    Function<String, Long> labels, String[] error) {
        List<Candidate> out = new ArrayList<>();
        switch (f.kind()) {
            case Field.Named n -> {
                List<String> names = model.nameTables().get(n.table());
                Integer[] order = new Integer[names.size()];
                Arrays.setAll(order, i -> i);
                Arrays.sort(order, (a, b) -> names.get(b).length() - names.get(a).length());
                for (int i : order) {
                    if (text.regionMatches(true, pos, names.get(i), 0, names.get(i).length())) {
                        out.add(new Candidate(i, pos + names.get(i).length()));
                    }
                }
            }
            case Field.Register r -> {
                int end = wordEnd(text, pos);
                RegisterFile rf = model.registerFiles().get(r.file());
                int reg = rf.lookup(text.substring(pos, end).toLowerCase());
                if (reg >= 0) {
                    out.add(new Candidate(reg, end));
                } else if (end > pos && error[0] == null) {
                    error[0] = "unknown register '" + text.substring(pos, end) + "'";
                }
            }
            case Field.Flags fl -> {
                int end = wordEnd(text, pos);
                String w = text.substring(pos, end).toLowerCase();
                long v = 0;
                boolean ok = !w.isEmpty();
                if (!w.equals("0")) {
                    for (char c : w.toCharArray()) {
                        int k = fl.letters().indexOf(c);
                        if (k < 0) {
                            ok = false;
                            break;
                        }
                        v |= 1L << (fl.letters().length() - 1 - k);
                    }
                }
                if (ok) {
                    out.add(new Candidate(v, end));
                }
            }
            case Field.CsrNumber c -> {
                int end = wordEnd(text, pos);
                String w = text.substring(pos, end);
                for (Csr csr : model.csrs()) {
                    if (csr.name().equalsIgnoreCase(w)) {
                        out.add(new Candidate(csr.number(), end));
                    }
                }
                Long n = parseNumber(w);
                if (n != null) {
                    out.add(new Candidate(n, end));
                }
            }
            case Field.Immediate i -> {
                int end = wordEnd(text, pos);
                String w = text.substring(pos, end);
                Long n = parseNumber(w);
                // Not a number: a label (or an expression the caller's function evaluates, such as msg+4). It is a
                // target in a pc-relative field and its address, an absolute value, in any other.
                if (n == null && !w.isEmpty()) {
                    n = labels.apply(w);
                    if (n == null && error[0] == null) {
                        error[0] = "unknown label '" + w + "'";
                    }
                }
                if (n != null) {
                    long v = switch (ph.format()) {
                        case PC_RELATIVE -> n - pc;
                        case HEX_BITS -> Field.signExtend(n, ph.bits());
                        default -> n;
                    };
                    out.add(new Candidate(v, end));
                }
            }
        }
        return out;
    }

    private static int skipBlanks(String s, int p) {
        while (p < s.length() && s.charAt(p) == ' ') {
            p++;
        }
        return p;
    }

    private static int wordEnd(String s, int p) {
        int e = p;
        while (e < s.length() && (Character.isLetterOrDigit(s.charAt(e)) || "_.-+$".indexOf(s.charAt(e)) >= 0)) {
            e++;
        }
        return e;
    }

    static Long parseNumber(String w) {
        try {
            boolean neg = w.startsWith("-");
            String s = neg ? w.substring(1) : w.startsWith("+") ? w.substring(1) : w;
            long v;
            if (s.startsWith("0x") || s.startsWith("0X")) {
                v = Long.parseUnsignedLong(s.substring(2), 16);
            } else if (s.startsWith("0b")) {
                v = Long.parseUnsignedLong(s.substring(2), 2);
            } else if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
                v = Long.parseUnsignedLong(s);
            } else {
                return null;
            }
            return neg ? -v : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
