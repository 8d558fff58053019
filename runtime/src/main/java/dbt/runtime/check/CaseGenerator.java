package dbt.runtime.check;

import dbt.isa.decode.InstructionDecoder;
import dbt.isa.decode.RandomEncodings;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random equivalence cases drawn from an ISA's own encodings (never from hand-kept lists): instructions picked
 * uniformly from the description, fields random (biased to small and extreme values), registers mostly pointing
 * into the data region so loads and stores land there, often IEEE values at the edges the language's
 * floating-point built-ins must get right (signed zeros, infinities, NaNs with payloads, subnormals, the largest
 * finite values, integers at the conversion bounds; binary32 ones NaN-boxed), CSR slots small random values
 * (their low bits: a float rounding mode of every kind, the reserved ones included, and some flags), data random. Every instruction of the description may
 * appear, branches and indirect jumps included: a case that does not end within the checker's budget is
 * discarded, not compared.
 */
public final class CaseGenerator {
    private final InstructionDecoder decoder;
    private final IsaModel model;
    private final RandomEncodings encodings;
    private final List<Instruction> instructions;

    public CaseGenerator(InstructionDecoder decoder) {
        this.decoder = decoder;
        this.model = decoder.model();
        this.encodings = new RandomEncodings(decoder);
        this.instructions = model.instructions();
    }

    /** A case from a list of seeds: one seed per instruction (so dropping a seed drops an instruction). */
    public CheckCase generate(List<Long> seeds, long stateSeed) {
        List<long[]> code = new ArrayList<>();
        for (long seed : seeds) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int attempt = 0; attempt < 20; attempt++) {
                Instruction i = instructions.get(r.nextInt(instructions.size()));
                long word = encodings.word(i, r);
                if (word >= 0) {
                    code.add(new long[] {word, i.length() / 8});
                    break;
                }
            }
        }
        SplittableRandom random = new SplittableRandom(stateSeed);
        long[][] registers = new long[model.registerFiles().size()][];
        for (int f = 0; f < registers.length; f++) {
            var rf = model.registerFiles().get(f);
            registers[f] = new long[rf.count()];
            for (int k = 0; k < registers[f].length; k++) {
                int kind = random.nextInt(6);
                registers[f][k] = kind == 0 ? random.nextLong() : kind == 1 ? random.nextLong(-4, 5)
                        : kind == 2 ? FloatEdges.pick(random)
                        : CheckLayout.DATA + CheckLayout.DATA_BYTES / 2 + random.nextInt(-256, 256);
            }
            if (rf.zeroIndex() >= 0) {
                registers[f][rf.zeroIndex()] = 0;
            }
        }
        long[] csrs = new long[model.csrSlots()];
        for (int s = 0; s < csrs.length; s++) {
            // mostly a valid rounding mode (0..4 in bits 7..5 of RISC-V's fcsr), sometimes a reserved one
            csrs[s] = random.nextInt(8) == 0 ? random.nextInt(256) : random.nextInt(5) << 5 | random.nextInt(32);
        }
        byte[] data = new byte[CheckLayout.DATA_BYTES];
        random.nextBytes(data);
        return new CheckCase(code, registers, csrs, data);
    }

    /** The names of the instructions a case uses. */
    public List<String> instructionsOf(CheckCase c) {
        List<String> names = new ArrayList<>();
        for (long[] w : c.code()) {
            Instruction i = decoder.decode(w[0], (int) w[1] * 8);
            if (i != null) {
                names.add(i.name());
            }
        }
        return names;
    }
}
