package dbt.frontend.lift;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.model.FlowKind;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the two ways of a conditional branch meet again after a few plain instructions on either side, for
 * if-conversion: the lifter runs each side's instructions under its predicate (register writes become SELECTs) and
 * goes on in the same block at {@code next}, so that a branch taken at random costs no misprediction and a loop whose
 * body holds one stays one block. RV64GC has no conditional move, so compilers give conditionals these shapes:
 * <ul>
 * <li>a branch over a few instructions ({@code beqz a1, 1f; mv a3, a7; 1:}): the fall-through side holds them;
 * <li>an arm moved out of line that ends in a copy of the code after the branch, often the loop's own test
 *     ({@code bltz a6, 2f; 1: bnez a0, top; ...; 2: sext.w a4, a7; bnez a0, top; j 1b}): the taken side holds it;
 * <li>if/else ({@code beqz a0, 1f; mv a1, a2; j 2f; 1: mv a1, a3; 2:}): both sides hold some.
 * </ul>
 *
 * <p>Invariants: a side's instructions are at most {@link Lifter#MAX_PREDICATED} in a row that do nothing but
 * compute on registers ({@link #PREDICABLE}: none can fault, so running them when not needed changes nothing the
 * guest can see). From the end of each side, control reaches {@code next} by instructions that do the same on both
 * sides: unconditional jumps (skipped), and pairs of predicable instructions whose lifted IR is the same (branches
 * among them going to the same target, their fall-throughs compared next; or branches on opposite conditions, each
 * one's target meeting the other's fall-through, the fall-through of one and the target of the other compared next),
 * at most {@link #MAX_TAIL} of them.
 * Neither side's tail is lifted: the block runs the fall-through side's, whose instructions reach {@code next}, where
 * an instruction decodes (the block goes on there; an address that cannot be fetched or decoded ends it as a branch).
 */
record BranchJoin(List<BlockDecoder.Decoded> notTaken, List<BlockDecoder.Decoded> taken, long next) {
    /** At most this many instructions are compared after the predicated ones before the two ways must meet. */
    static final int MAX_TAIL = 6;
    /** IR ops a predicated or compared instruction may lift to: plain computations on registers, which cannot fault. */
    static final Set<Op> PREDICABLE = EnumSet.of(Op.CONST, Op.GET_REG, Op.SET_REG, Op.ADD, Op.SUB, Op.MUL, Op.AND,
            Op.OR, Op.XOR, Op.SHL, Op.SHR, Op.SAR, Op.ROTL, Op.ROTR, Op.NEG, Op.NOT, Op.EQ, Op.NE, Op.LT_S, Op.LT_U,
            Op.LE_S, Op.LE_U, Op.GT_S, Op.GT_U, Op.GE_S, Op.GE_U, Op.SELECT, Op.ZEXT, Op.SEXT, Op.TRUNC, Op.GUEST_PC);

    /**
     * The join of the branch (an {@link Op#EXIT_BRANCH}) with the fewest predicated instructions, or null. lifter
     * lifts single instructions to compare them; decodeAt decodes where they are.
     *
     * <p>A branch on a value loaded in its block is converted only when it skips a few instructions in line (min,
     * max, a null check's default): the other shapes are most often an interpreter's or a state machine's choice of
     * where to go next, which the host predicts well as a branch, while as a select the next load's address would
     * wait for this load (switchinterp: 7% slower converted).
     */
    static BranchJoin find(IrBlock block, Inst branch, Lifter lifter, Lifter.Decoding decodeAt) {
        Steps steps = new Steps(lifter, decodeAt);
        boolean onLoaded = readsMemory(block, branch.operand(0));
        List<Step> fall = steps.plainRun(branch.aux2);
        List<Step> jump = onLoaded ? List.of() : steps.plainRun(branch.aux);
        for (int total = 0; total <= fall.size() + jump.size(); total++) {
            for (int f = Math.max(0, total - jump.size()); f <= Math.min(total, fall.size()); f++) {
                int t = total - f;
                long a = f == 0 ? branch.aux2 : fall.get(f - 1).fallThrough();
                long b = t == 0 ? branch.aux : jump.get(t - 1).fallThrough();
                if ((onLoaded ? a == b : steps.meet(a, b)) && steps.at(a) != null) {
                    return new BranchJoin(decoded(fall.subList(0, f)), decoded(jump.subList(0, t)), a);
                }
            }
        }
        return null;
    }

    /** Whether the value depends on a load in the block (also through the block's register writes and reads). */
    private static boolean readsMemory(IrBlock block, Inst value) {
        Map<Inst, Inst> written = new HashMap<>(); // a register read: the value the block wrote there before
        Map<Long, Inst> last = new HashMap<>();
        for (Inst i : block.insts) {
            if (i.op == Op.SET_REG) {
                last.put(i.registerKey(), i.operand(0));
            } else if (i.op == Op.GET_REG && last.containsKey(i.registerKey())) {
                written.put(i, last.get(i.registerKey()));
            }
        }
        Set<Inst> seen = new HashSet<>();
        List<Inst> work = new ArrayList<>(List.of(value));
        while (!work.isEmpty()) {
            Inst i = work.removeLast();
            if (i.op == Op.LOAD || i.op == Op.LOAD_IF) {
                return true;
            }
            if (seen.add(i)) {
                work.addAll(List.of(i.operands));
                if (written.containsKey(i)) {
                    work.add(written.get(i));
                }
            }
        }
        return false;
    }

    private static List<BlockDecoder.Decoded> decoded(List<Step> steps) {
        return steps.stream().map(Step::d).toList();
    }

    /** One instruction as decoded, and lifted on its own (the block ends after it) when first asked. */
    private static final class Step {
        private final BlockDecoder.Decoded d;
        private final Lifter lifter;
        private IrBlock ir;

        Step(BlockDecoder.Decoded d, Lifter lifter) {
            this.d = d;
            this.lifter = lifter;
        }

        BlockDecoder.Decoded d() {
            return d;
        }

        IrBlock ir() {
            if (ir == null) {
                ir = lifter.lift(new BlockDecoder.Block(d.address(), List.of(d), BlockDecoder.Stop.END, 0, 0, 0));
            }
            return ir;
        }

        long fallThrough() {
            return d.address() + d.bytes();
        }

        Inst end() {
            return ir().terminator();
        }

        boolean predicable() {
            for (Inst i : ir().insts) {
                if (i != end() && !PREDICABLE.contains(i.op)) {
                    return false;
                }
            }
            return true;
        }

        /** Goes on at the next instruction, computing on registers only. */
        boolean plain() {
            return end().op == Op.EXIT_JUMP && end().aux == fallThrough() && end().aux2 == 0 && predicable();
        }

        /** An unconditional direct jump that does nothing else (not a call): its target; else -1. */
        long jumpTarget() {
            if (end().op != Op.EXIT_JUMP || end().aux2 != 0) {
                return -1;
            }
            for (Inst i : ir().insts) {
                if (i != end() && i.op != Op.CONST && i.op != Op.GUEST_PC) {
                    return -1;
                }
            }
            return end().aux;
        }

        /** A conditional branch whose condition is computed on registers only. */
        boolean branch() {
            return end().op == Op.EXIT_BRANCH && end().aux2 == fallThrough() && predicable();
        }
    }

    /** The instructions looked at for one branch, each decoded and lifted once. */
    private static final class Steps {
        private final Lifter lifter;
        private final Lifter.Decoding decodeAt;
        private final Map<Long, Step> at = new HashMap<>();

        Steps(Lifter lifter, Lifter.Decoding decodeAt) {
            this.lifter = lifter;
            this.decodeAt = decodeAt;
        }

        /** The instruction at address, or null where none decodes. */
        Step at(long address) {
            return at.computeIfAbsent(address, a -> {
                BlockDecoder.Block b = decodeAt.at(a, 1);
                if (b.instructions().isEmpty() || b.instructions().getFirst().address() != a) {
                    return null;
                }
                return new Step(b.instructions().getFirst(), lifter);
            });
        }

        /**
         * The instructions in a row from address on, at most {@link Lifter#MAX_PREDICATED}, whose kind of instruction
         * is plain: one of each kind is lifted to find out ({@link Lifter#plainInstructions}; every block with a
         * branch looks here, so this keeps lifting at start-up from doubling). The lifter predicates them only if
         * their own lifting is plain.
         */
        List<Step> plainRun(long address) {
            List<Step> run = new ArrayList<>();
            for (Step s = at(address); s != null && plainKind(s) && run.size() < Lifter.MAX_PREDICATED;
                    s = at(s.fallThrough())) {
                run.add(s);
            }
            return run;
        }

        private boolean plainKind(Step s) {
            return s.d().flow() == FlowKind.NEXT
                    && lifter.plainInstructions.computeIfAbsent(s.d().instruction(), k -> s.plain());
        }

        /** Where control at address goes through unconditional jumps, at most {@link #MAX_TAIL} of them. */
        long pastJumps(long address) {
            for (int jumps = 0; jumps < MAX_TAIL; jumps++) {
                Step s = at(address);
                long target = s == null || s.d().flow() != FlowKind.JUMP ? -1 : s.jumpTarget();
                if (target < 0) {
                    break;
                }
                address = target;
            }
            return address;
        }

        /** Whether control at a and control at b reach the same address doing the same (see the class comment). */
        boolean meet(long a, long b) {
            return meet(a, b, true);
        }

        /**
         * {@link #meet}; with negated, also through two branches on opposite conditions whose targets are swapped
         * (gcc's CRC-16 loop: {@code bnez a3, top} after the branch, {@code beqz a3, out; j top} at the end of the
         * arm): where one is taken the other falls through, so each one's target must meet the other's fall-through
         * (the first pair checked on its own, without this rule again), and the comparison goes on there.
         */
        private boolean meet(long a, long b, boolean negated) {
            for (int compared = 0; compared <= MAX_TAIL; compared++) {
                a = pastJumps(a);
                b = pastJumps(b);
                if (a == b) {
                    return true;
                }
                Step x = at(a);
                Step y = at(b);
                if (compared == MAX_TAIL || x == null || y == null) {
                    return false;
                }
                if (negated && x.branch() && y.branch() && x.d().instruction() != y.d().instruction()
                        && sameEffect(x, y, true) && meet(x.end().aux, y.fallThrough(), false)) {
                    a = x.fallThrough();
                    b = y.end().aux;
                    continue;
                }
                // (decoded as different instructions, two cannot do the same: no lifting needed to see that)
                boolean alike = x.d().instruction() == y.d().instruction()
                        && (x.plain() && y.plain() || x.branch() && y.branch() && x.end().aux == y.end().aux);
                if (!alike || !sameEffect(x, y, false)) {
                    return false;
                }
                a = x.fallThrough();
                b = y.fallThrough();
            }
            return false;
        }
    }

    /** Comparisons and the one each is the negation of (same operands, opposite result). */
    private static final Map<Op, Op> NEGATED = Map.of(Op.EQ, Op.NE, Op.NE, Op.EQ, Op.LT_S, Op.GE_S, Op.GE_S, Op.LT_S,
            Op.LT_U, Op.GE_U, Op.GE_U, Op.LT_U, Op.LE_S, Op.GT_S, Op.GT_S, Op.LE_S, Op.LE_U, Op.GT_U, Op.GT_U, Op.LE_U);

    /**
     * Whether two instructions, lifted at their own addresses, do the same: the same IR, instruction by instruction,
     * counting only what their register writes and their exit's condition use (what their addresses fold to, such as
     * each one's fall-through, is left dead); the exits' targets the caller compares. With negated, the exits'
     * conditions are comparisons that are each other's negation instead (the rest the same).
     */
    private static boolean sameEffect(Step x, Step y, boolean negated) {
        List<Inst> a = live(x.ir());
        List<Inst> b = live(y.ir());
        if (a.size() != b.size()) {
            return false;
        }
        Inst conditionA = negated && x.end().operands.length == 1 ? x.end().operand(0) : null;
        Inst conditionB = negated && y.end().operands.length == 1 ? y.end().operand(0) : null;
        if (negated && (conditionA == null || conditionB == null || NEGATED.get(conditionA.op) != conditionB.op)) {
            return false;
        }
        Map<Inst, Integer> indexA = indices(a);
        Map<Inst, Integer> indexB = indices(b);
        for (int k = 0; k < a.size(); k++) {
            Inst i = a.get(k);
            Inst j = b.get(k);
            boolean opsMatch = i.op == j.op || i == conditionA && j == conditionB;
            if (!opsMatch || i.type != j.type || i.aux != j.aux || i.aux2 != j.aux2
                    || i.operands.length != j.operands.length) {
                return false;
            }
            for (int o = 0; o < i.operands.length; o++) {
                if (!indexA.get(i.operand(o)).equals(indexB.get(j.operand(o)))) {
                    return false;
                }
            }
        }
        Inst endA = x.end();
        Inst endB = y.end();
        return endA.operands.length == endB.operands.length
                && (endA.operands.length == 0 || indexA.get(endA.operand(0)).equals(indexB.get(endB.operand(0))));
    }

    /** The block's instructions that its effects and its exit's operands use, in order; its exit left out. */
    private static List<Inst> live(IrBlock ir) {
        Set<Inst> used = new HashSet<>();
        List<Inst> insts = ir.insts;
        for (int k = insts.size() - 1; k >= 0; k--) {
            Inst i = insts.get(k);
            if (i.op != Op.GUEST_PC && (i.op.isTerminator() || i.hasSideEffect() || used.contains(i))) {
                used.add(i);
                used.addAll(List.of(i.operands));
            }
        }
        List<Inst> live = new ArrayList<>();
        for (Inst i : insts) {
            if (used.contains(i) && !i.op.isTerminator()) {
                live.add(i);
            }
        }
        return live;
    }

    private static Map<Inst, Integer> indices(List<Inst> insts) {
        Map<Inst, Integer> index = new HashMap<>();
        for (int k = 0; k < insts.size(); k++) {
            index.put(insts.get(k), k);
        }
        return index;
    }
}
