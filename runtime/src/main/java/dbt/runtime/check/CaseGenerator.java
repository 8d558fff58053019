package dbt.runtime.check;

import dbt.frontend.lift.Lifter;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.model.FlowKind;
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
 * (their low bits: a float rounding mode of every kind, the reserved ones included, and some flags), data random.
 * Every instruction of the description may appear (but not as a read of a counter CSR, which the interpreter runs
 * in either engine: the clock, and counts of the instructions it retired itself, differ from run to run), branches
 * and indirect jumps included: a case that does not end within the checker's budget is discarded, not compared. Branches are laid out as the lifter's if-conversion finds them often enough to test it:
 * half are aimed a few instructions ahead ({@link #aimBranches}), and a third of the cases hold a branch whose two
 * ways meet again ({@link #joinBranches}).
 */
public final class CaseGenerator {
    private final InstructionDecoder decoder;
    private final IsaModel model;
    private final RandomEncodings encodings;
    private final List<Instruction> instructions;
    private final BlockDecoder blocks;
    private final Lifter lifter;

    public CaseGenerator(InstructionDecoder decoder) {
        this.decoder = decoder;
        this.blocks = new BlockDecoder(decoder, 1);
        this.lifter = new Lifter(decoder.model());
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
                // (not a counter read: what it reads differs between translated and interpreted runs)
                if (word >= 0
                        && !lifter.readsCounter(new BlockDecoder.Decoded(0x1000, word, i, blocks.flowOf(i, word)))) {
                    code.add(new long[] {word, i.length() / 8});
                    break;
                }
            }
        }
        aimBranches(code, new SplittableRandom(~stateSeed));
        joinBranches(code, new SplittableRandom(stateSeed * 31 + 7));
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

    /**
     * Points about half of the case's conditional branches (as the lifter finds them: an instruction that ends in
     * a two-way exit) at the start of one of the next few instructions, so that short forward branches over plain
     * code, which the translator runs as predicated code, are as common as compilers make them. A branch no field
     * value aims there stays as drawn.
     */
    private void aimBranches(List<long[]> code, SplittableRandom random) {
        List<Long> starts = starts(code);
        for (int k = 0; k < code.size(); k++) {
            Instruction insn = decoder.decode(code.get(k)[0], (int) code.get(k)[1] * 8);
            if (insn == null || blocks.flowOf(insn, code.get(k)[0]) != FlowKind.BRANCH || !random.nextBoolean()
                    || branchTarget(insn, code.get(k)[0], starts.get(k)) < 0) {
                continue;
            }
            int over = 1 + random.nextInt(4);
            if (k + over >= code.size()) {
                continue;
            }
            aim(code, k, starts, starts.get(k + 1 + over));
        }
    }

    /**
     * In about a third of the cases, lays out a branch whose two ways meet again after instructions that do the
     * same, the shape the lifter if-converts besides a skip in line ({@code BranchJoin}): at k a branch to A; after
     * it a tail of one or two instructions, then a jump to J; at A an arm of one to three instructions, then a copy
     * of the tail's words (sometimes with one word changed), and J right after. Whether the copied tail really does
     * the same (it may read the pc, branch, or be changed) is for the lifter to find out; the case runs either way.
     */
    private void joinBranches(List<long[]> code, SplittableRandom random) {
        int m = 1 + random.nextInt(2);
        int p = 1 + random.nextInt(3);
        if (random.nextInt(3) != 0 || code.size() < 2 * m + p + 3) {
            return;
        }
        int k = random.nextInt(code.size() - (2 * m + p + 2));
        int jump = k + m + 1;
        int arm = jump + 1;
        int join = arm + p + m;
        long[] branchWord = wordOf(FlowKind.BRANCH, random);
        long[] jumpWord = wordOf(FlowKind.JUMP, random);
        if (branchWord == null || jumpWord == null) {
            return;
        }
        code.set(k, branchWord);
        code.set(jump, jumpWord);
        for (int at : new int[] {k + 1, k + m, arm, arm + p - 1}) {
            long[] plain = random.nextInt(4) == 0 ? null : plainWord(random);
            if (plain != null) {
                code.set(at, plain); // mostly computations on registers, which the lifter can predicate
            }
        }
        for (int t = 0; t < m; t++) {
            code.set(arm + p + t, code.get(k + 1 + t).clone());
        }
        long[] other = random.nextInt(3) == 0 ? plainWord(random) : null;
        if (other != null) {
            code.set(arm + p + random.nextInt(m), other); // a tail that only looks like the other: not the same
        }
        List<Long> starts = starts(code);
        aim(code, k, starts, starts.get(arm));
        aim(code, jump, starts, starts.get(join));
    }

    /** A random word of an instruction of this flow kind (a jump: not a call), with its length; null if none. */
    private long[] wordOf(FlowKind kind, SplittableRandom random) {
        for (int attempt = 0; attempt < 200; attempt++) {
            Instruction i = instructions.get(random.nextInt(instructions.size()));
            long word = encodings.word(i, random);
            if (word >= 0 && blocks.flowOf(i, word) == kind) {
                return new long[] {word, i.length() / 8};
            }
        }
        return null;
    }

    /** A random word of an instruction that only computes on registers (no memory access, float op or exit). */
    private long[] plainWord(SplittableRandom random) {
        for (int attempt = 0; attempt < 200; attempt++) {
            long[] w = wordOf(FlowKind.NEXT, random);
            Instruction insn = w == null ? null : decoder.decode(w[0], (int) w[1] * 8);
            if (insn == null) {
                continue;
            }
            var d = new BlockDecoder.Decoded(CheckLayout.CODE, w[0], insn, FlowKind.NEXT);
            IrBlock ir = lifter.lift(
                    new BlockDecoder.Block(CheckLayout.CODE, List.of(d), BlockDecoder.Stop.END, 0, 0, 0));
            if (ir.insts.stream().allMatch(i -> i == ir.terminator() && i.op == Op.EXIT_JUMP
                    || i.op == Op.SET_REG || i.op == Op.GUEST_PC || i.op.hasResult() && !i.op.hasSideEffect())) {
                return w;
            }
        }
        return null;
    }

    /** Aims the branch or jump at position k at the address wanted, when one of its fields can (else leaves it). */
    private void aim(List<long[]> code, int k, List<Long> starts, long wanted) {
        Instruction insn = decoder.decode(code.get(k)[0], (int) code.get(k)[1] * 8);
        for (int f : insn.fields()) {
            long word = aimed(insn, code.get(k)[0], f, starts.get(k), wanted);
            if (word >= 0) {
                code.get(k)[0] = word;
                return;
            }
        }
    }

    /** Each instruction's address, and the case's end. */
    private static List<Long> starts(List<long[]> code) {
        long address = CheckLayout.CODE;
        List<Long> starts = new ArrayList<>();
        for (long[] w : code) {
            starts.add(address);
            address += w[1];
        }
        starts.add(address);
        return starts;
    }

    /**
     * The branch's word with field f set so that it branches to wanted, or -1. A target is a linear function of the
     * field's bits (the offset's slices, concatenated and sign-extended), so each bit's share is measured on its own
     * and the positive shares are summed, largest first.
     */
    private long aimed(Instruction insn, long word, int f, long address, long wanted) {
        long zero = encodings.withField(insn, word, f, 0);
        long base = zero < 0 ? -1 : branchTarget(insn, zero, address);
        if (base < 0) {
            return -1;
        }
        long[] share = new long[32];
        for (int b = 0; b < share.length; b++) {
            if (b == 4 && share[0] == 0 && share[1] == 0 && share[2] == 0 && share[3] == 0) {
                return -1; // (not the offset: a register field)
            }
            long w = encodings.withField(insn, word, f, 1L << b);
            long t = w < 0 ? -1 : branchTarget(insn, w, address);
            share[b] = t < 0 ? 0 : t - base;
        }
        long raw = 0;
        long left = wanted - base;
        while (left > 0) {
            int best = -1;
            for (int b = 0; b < share.length; b++) {
                if ((raw & 1L << b) == 0 && share[b] > 0 && share[b] <= left && (best < 0 || share[b] > share[best])) {
                    best = b;
                }
            }
            if (best < 0) {
                return -1;
            }
            raw |= 1L << best;
            left -= share[best];
        }
        long w = encodings.withField(insn, word, f, raw);
        return left == 0 && w >= 0 && branchTarget(insn, w, address) == wanted ? w : -1;
    }

    /**
     * Where the instruction at address branches when its condition holds (or jumps, when it is a direct jump that is
     * not a call), or -1 when it does neither.
     */
    private long branchTarget(Instruction insn, long word, long address) {
        var d = new BlockDecoder.Decoded(address, word, insn, blocks.flowOf(insn, word));
        IrBlock ir = lifter.lift(new BlockDecoder.Block(address, List.of(d), BlockDecoder.Stop.END, 0, 0, 0));
        Op end = ir.terminator().op;
        return end == Op.EXIT_BRANCH || end == Op.EXIT_JUMP && ir.terminator().aux2 == 0 ? ir.terminator().aux : -1;
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
