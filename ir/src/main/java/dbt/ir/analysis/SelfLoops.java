package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Blocks that jump to themselves, and the shape a backend gives them to keep guest registers in host registers
 * across iterations: every register read at the top of the block (hoisted there), and a read added for each
 * register the body writes without reading, so that each register the loop touches has one value at the top.
 */
public final class SelfLoops {
    private SelfLoops() {
    }

    /** A block that jumps to itself, and whose register reads all see the block's entry values (hoistable). */
    public static boolean isSelfLoop(IrBlock block) {
        Inst t = block.terminator();
        boolean toSelf = t != null && (t.op == Op.EXIT_JUMP || t.op == Op.EXIT_BRANCH)
                && (t.aux == block.guestAddress || (t.op == Op.EXIT_BRANCH && t.aux2 == block.guestAddress));
        if (!toSelf) {
            return false;
        }
        Set<Long> written = new HashSet<>();
        for (Inst i : block.insts) {
            if (i.op == Op.SET_REG) {
                written.add(i.registerKey());
            } else if (i.op == Op.GET_REG && written.contains(i.registerKey())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Gives each register the body writes without reading it a read at the top (unused by the body), so that its
     * value can stay in a host register across iterations like a read one's; only the registers (keys) in which.
     * Returns the reads added.
     */
    public static List<Inst> carryWrittenRegisters(IrBlock block, Set<Long> which) {
        Set<Long> read = new HashSet<>();
        Map<Long, Inst> written = new LinkedHashMap<>();
        for (Inst i : block.insts) {
            if (i.op == Op.GET_REG) {
                read.add(i.registerKey());
            } else if (i.op == Op.SET_REG) {
                written.putIfAbsent(i.registerKey(), i);
            }
        }
        List<Inst> added = new ArrayList<>();
        for (var e : written.entrySet()) {
            if (!read.contains(e.getKey()) && which.contains(e.getKey())) {
                Inst w = e.getValue();
                added.add(new Inst(Op.GET_REG, w.operand(0).type, w.aux, w.aux2));
            }
        }
        block.insts.addAll(0, added);
        return added;
    }

    /** Moves every register read to the top of the block (valid in a self-loop: they all see entry values). */
    public static void hoistRegisterReads(IrBlock block) {
        List<Inst> reads = new ArrayList<>();
        List<Inst> rest = new ArrayList<>();
        for (Inst i : block.insts) {
            (i.op == Op.GET_REG ? reads : rest).add(i);
        }
        block.insts.clear();
        block.insts.addAll(reads);
        block.insts.addAll(rest);
    }

    /** Ops whose value depends on their operands alone, computed the same wherever they are placed. */
    private static final Set<Op> PURE = java.util.EnumSet.of(Op.ADD, Op.SUB, Op.MUL, Op.MULH_SS, Op.MULH_UU,
            Op.MULH_SU, Op.AND, Op.OR, Op.XOR, Op.SHL, Op.SHR, Op.SAR, Op.ROTL, Op.ROTR, Op.NEG, Op.NOT, Op.EQ, Op.NE,
            Op.LT_S, Op.LT_U, Op.LE_S, Op.LE_U, Op.GT_S, Op.GT_U, Op.GE_S, Op.GE_U, Op.SELECT, Op.ZEXT, Op.SEXT,
            Op.TRUNC);

    /**
     * Loop-invariant code motion for a self-loop whose register reads are at its top ({@link #hoistRegisterReads}):
     * moves the computations whose operands are all invariant (constants, reads of registers the loop never
     * writes, and other such computations) right after the reads, in their order, so that a backend computes them
     * once before the loop (a NaN-boxed float's unboxing, a table's address). Comparisons fused with the branch stay.
     * Returns how many moved.
     */
    public static int hoistInvariants(IrBlock block) {
        Set<Long> written = new HashSet<>();
        for (Inst i : block.insts) {
            if (i.op == Op.SET_REG) {
                written.add(i.registerKey());
            }
        }
        int top = readsAtTop(block);
        Set<Inst> invariant = new java.util.HashSet<>();
        List<Inst> moved = new ArrayList<>();
        for (int k = 0; k < block.insts.size(); k++) {
            Inst i = block.insts.get(k);
            if (k < top) {
                if (!written.contains(i.registerKey())) {
                    invariant.add(i);
                }
                continue;
            }
            if (!PURE.contains(i.op) || i.fused) {
                continue;
            }
            boolean all = true;
            for (Inst o : i.operands) {
                all &= o.isConst() || invariant.contains(o);
            }
            if (all) {
                invariant.add(i);
                moved.add(i);
            }
        }
        block.insts.removeAll(moved);
        block.insts.addAll(top, moved);
        return moved.size();
    }

    /** The number of register reads at the top of the block. */
    public static int readsAtTop(IrBlock block) {
        int top = 0;
        while (top < block.insts.size() && block.insts.get(top).op == Op.GET_REG) {
            top++;
        }
        return top;
    }

    /** The index of the last instruction before index end that may leave the block (a cold path), or -1. */
    public static int lastExitBefore(List<Inst> insts, int end) {
        for (int k = end - 1; k >= 0; k--) {
            if (insts.get(k).op.mayExitAtInstruction()) {
                return k;
            }
        }
        return -1;
    }

    /** Whether something other than write stores v to the state (another register, a CSR, the reservation). */
    public static boolean storedElsewhere(List<Inst> insts, Inst v, Inst write) {
        for (Inst i : insts) {
            if (i != write && (i.op == Op.SET_REG || i.op == Op.SET_CSR || i.op == Op.SET_RESERVATION)
                    && i.operand(0) == v) {
                return true;
            }
        }
        return false;
    }
}
