package dbt.properties;

import dbt.isa.decode.FieldGuard;
import dbt.isa.model.Field;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import dbt.isa.model.LengthRule;
import dbt.properties.IsaDescriptions.Isa;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Test cases derived from an ISA model alone: the values each field of an instruction can hold, the instruction
 * words they encode to, a reference (linear-scan) decoder to check the decode tree against, and random words of a
 * given length.
 */
final class Encodings {
    private Encodings() {}

    /** An instruction of a loaded description. */
    record Target(Isa isa, Instruction insn) {
        @Override
        public String toString() {
            return isa.name() + ":" + insn.name();
        }

        List<Field> fields() {
            List<Field> out = new ArrayList<>();
            for (int f : insn.fields()) {
                out.add(isa.model().fields().get(f));
            }
            return out;
        }
    }

    /**
     * The values a field can hold, as {@code k} in [kMin, kMax]: value(k) = truncate((k << shift) + offset, width),
     * where k ranges over the rawWidth-shift gathered bits read signed (SIGN) or unsigned.
     */
    record Range(Field field, long kMin, long kMax) {
        static Range of(Field f) {
            int n = f.rawWidth() - f.shift();
            if (n <= 0) {
                return new Range(f, 0, 0);
            }
            if (f.extension() == Field.Extension.SIGN) {
                return n >= 64 ? new Range(f, Long.MIN_VALUE, Long.MAX_VALUE)
                        : new Range(f, -(1L << (n - 1)), (1L << (n - 1)) - 1);
            }
            return n >= 63 ? new Range(f, 0, Long.MAX_VALUE) : new Range(f, 0, (1L << n) - 1);
        }

        long value(long k) {
            return Field.truncate((k << field.shift()) + field.offset(), field.width());
        }

        /** A uniformly random k, or (one time in four) an edge: the minimum, the maximum, 0, 1 or -1. */
        long randomK(Random r) {
            if (r.nextInt(4) == 0) {
                long[] edges = {kMin, kMax, 0, 1, -1};
                long e = edges[r.nextInt(edges.length)];
                if (e >= kMin && e <= kMax) {
                    return e;
                }
            }
            if (kMax == Long.MAX_VALUE) {
                long k = r.nextLong();
                return kMin == 0 ? k & Long.MAX_VALUE : k;
            }
            return r.nextLong(kMin, kMax + 1);
        }
    }

    /** A generated instruction: the field values (in insn.fields() order) and the word they encode to. */
    record Case(Target target, long[] values, long word) {
        int length() {
            return target.insn().length();
        }

        String describe() {
            StringBuilder sb = new StringBuilder(target.toString()).append(" {");
            List<Field> fs = target.fields();
            for (int i = 0; i < fs.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(fs.get(i).name()).append('=').append(values[i]);
            }
            return sb.append("} word=").append(hex(word, length())).toString();
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /** Why a value choice gave no case. */
    enum Reject { NONE, ENCODE, FIXED_BITS, GUARD }

    static List<Target> targets(List<Isa> isas) {
        List<Target> out = new ArrayList<>();
        for (Isa isa : isas) {
            for (Instruction i : isa.model().instructions()) {
                out.add(new Target(isa, i));
            }
        }
        return out;
    }

    static List<Range> ranges(Target t) {
        return t.fields().stream().map(Range::of).toList();
    }

    /**
     * The case for the given k of each field, or null with the reason in reject[0]: a value a field cannot encode
     * (a constant part), field bits that contradict the fixed bits of the pattern, or a false guard.
     */
    static Case build(Target t, List<Range> ranges, long[] ks, Reject[] reject) {
        Instruction insn = t.insn();
        long[] values = new long[ks.length];
        long word = insn.match();
        for (int i = 0; i < ks.length; i++) {
            Range r = ranges.get(i);
            values[i] = r.value(ks[i]);
            Field.Encoded e = r.field().encode(values[i]);
            if (!e.ok()) {
                boolean hasConstant = r.field().parts().stream().anyMatch(Field.Part::constant);
                if (!hasConstant) {
                    // A value in the derived range that the field refuses: that is a bug in Field.encode.
                    throw new AssertionError(t + ": field " + r.field().name() + " refuses " + values[i]
                            + " (k=" + ks[i] + "), which its declaration says it can hold: " + e.error());
                }
                reject[0] = Reject.ENCODE;
                return null;
            }
            word |= e.bits();
        }
        if ((word & insn.mask()) != insn.match()) {
            reject[0] = Reject.FIXED_BITS;
            return null;
        }
        if (insn.guard() != null && !FieldGuard.holds(insn.guard(), word, t.isa().model().fields())) {
            reject[0] = Reject.GUARD;
            return null;
        }
        reject[0] = Reject.NONE;
        return new Case(t, values, word);
    }

    /** A random case of t (uniform field values with edges mixed in), or null after many guard rejections. */
    static Case random(Target t, Random r) {
        List<Range> ranges = ranges(t);
        Reject[] reject = new Reject[1];
        for (int attempt = 0; attempt < 10_000; attempt++) {
            long[] ks = new long[ranges.size()];
            for (int i = 0; i < ks.length; i++) {
                ks[i] = ranges.get(i).randomK(r);
            }
            Case c = build(t, ranges, ks, reject);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** Bits of the word that neither the pattern fixes nor any field of the instruction reads. */
    static long dontCareBits(Target t) {
        long used = t.insn().mask();
        for (Field f : t.fields()) {
            used |= f.mask();
        }
        return Field.lowBits(t.insn().length()) & ~used;
    }

    /**
     * The reference decoder: every instruction of that length whose pattern and guard accept word, highest
     * priority first. The decode tree must return the first (and the checker must have made it unique).
     */
    static List<Instruction> matching(IsaModel model, long word, int length) {
        List<Instruction> out = new ArrayList<>();
        for (Instruction i : model.instructions()) {
            if (i.length() == length && i.matches(word)
                    && (i.guard() == null || FieldGuard.holds(i.guard(), word, model.fields()))) {
                out.add(i);
            }
        }
        out.sort((a, b) -> Integer.compare(b.priority(), a.priority()));
        return out;
    }

    /** The instruction the reference decoder picks, or null; fails if two candidates share the top priority. */
    static Instruction reference(IsaModel model, long word, int length) {
        List<Instruction> m = matching(model, word, length);
        if (m.isEmpty()) {
            return null;
        }
        if (m.size() > 1 && m.get(0).priority() == m.get(1).priority()) {
            throw new AssertionError("ambiguous encoding " + hex(word, length) + ": " + m.get(0).name() + " and "
                    + m.get(1).name() + " both match with priority " + m.get(0).priority());
        }
        return m.getFirst();
    }

    /** The instruction lengths of a model, ascending. */
    static List<Integer> lengths(IsaModel model) {
        TreeSet<Integer> set = new TreeSet<>();
        for (Instruction i : model.instructions()) {
            set.add(i.length());
        }
        return List.copyOf(set);
    }

    /**
     * Random bits made into a word of the given length: the bits the length rule tests are forced to its match
     * when the rule is a plain (mask, match) test; returns null (a rejection) when the length rules then give
     * another length, e.g. for an "otherwise" rule hit by the bits of an earlier rule.
     */
    static Long wordOfLength(IsaModel model, int length, long bits) {
        int min = model.minLength();
        for (LengthRule rule : model.lengths()) {
            if (rule.bits() == length) {
                if (rule.mask() != 0 && !rule.negated()) {
                    bits = (bits & ~rule.mask()) | rule.match();
                }
                break;
            }
        }
        if (model.lengthOf(bits & Field.lowBits(min)) != length) {
            return null;
        }
        return bits & Field.lowBits(length);
    }

    static String hex(long word, int length) {
        String h = Long.toHexString(word);
        int digits = (length + 3) / 4;
        return "0x" + "0".repeat(Math.max(0, digits - h.length())) + h;
    }
}
