package dbt.isa.decode;

import dbt.isa.model.Field;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import java.util.random.RandomGenerator;

/**
 * Random instruction words drawn from an ISA's own encodings: the fixed bits of a pattern, random values in every
 * field the instruction uses, and random don't-care bits. Every word returned decodes to the instruction asked
 * for (guards included), so generators of test programs need no hand-kept instruction lists.
 */
public final class RandomEncodings {
    private final IsaModel model;
    private final InstructionDecoder decoder;

    public RandomEncodings(InstructionDecoder decoder) {
        this.decoder = decoder;
        this.model = decoder.model();
    }

    /** A random word encoding insn, or -1 if none was found in a bounded number of tries (a rare guard). */
    public long word(Instruction insn, RandomGenerator random) {
        long lengthMask = insn.length() == 64 ? -1L : (1L << insn.length()) - 1;
        for (int attempt = 0; attempt < 64; attempt++) {
            long word = (random.nextLong() & ~insn.mask() | insn.match()) & lengthMask;
            for (int f : insn.fields()) {
                Field field = model.fields().get(f);
                // Bias towards small and extreme values, where bugs live.
                long raw = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> random.nextLong() & 3;
                    case 2 -> -1L;
                    default -> random.nextLong();
                };
                word = (word & ~field.mask()) | (spread(raw, field) & field.mask());
            }
            if (decoder.decode(word, insn.length()) == insn) {
                return word;
            }
        }
        return -1;
    }

    /** The word with raw in the field (its variable slices), or -1 when that word is not insn's. */
    public long withField(Instruction insn, long word, int field, long raw) {
        Field f = model.fields().get(field);
        long w = (word & ~f.mask()) | (spread(raw, f) & f.mask());
        return decoder.decode(w, insn.length()) == insn ? w : -1;
    }

    /** Places raw bits into the field's slices of a word. */
    private static long spread(long raw, Field field) {
        long word = 0;
        for (Field.Part p : field.parts()) {
            if (!p.constant()) {
                word |= (raw & Field.lowBits(p.bits())) << p.lo();
                raw >>>= p.bits();
            }
        }
        return word;
    }
}
