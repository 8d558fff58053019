package dbt.ir.pass;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.ir.fp.FloatFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * Flag-restore guards: a write of the float flags with the very flags an earlier read in the block gave, with only
 * comparisons of floats between the two, forgets the host's flags ({@link Op#CLEAR_FLOAT_FLAGS}) only when one of
 * those comparisons had a NaN operand. This is how compilers write a quiet comparison on RISC-V ({@code isless},
 * and the {@code x < 0} test before every {@code sqrt} that must set errno): {@code frflags t; flt.d r, a, b;
 * fsflags t}, which keeps the flags as they were, whatever invalid the compare raised for a NaN.
 *
 * <p>A comparison raises a flag (invalid) only for a NaN operand. So when none of them had one, the flags the
 * write shows (those the read gave: the CSR's and the host's at the read) are the guest's flags already, and every
 * flag the host holds is one of them: nothing is to be forgotten. The clear's operand becomes
 * {@code select(a NaN among the operands, what it was, every flag)}, and a clear that shows every flag is nothing to
 * do (a backend that reads its host's flags to clear them, x86's stmxcsr, tens of cycles, then skips the read).
 * The write itself stays as it is. Nothing the guest sees changes: the pass only tells the backend when the clear
 * has nothing to do.
 *
 * <p>The write's flags are traced bit by bit to the read's value ({@link #trace}): the read is the lifter's
 * {@code getcsr | zext(fflags) << shift}, the write's flags field the same bits of its value, through ands with
 * constants, ors with values that are zero there, shifts by constants and extensions. Between the read's two parts
 * nothing runs that raises flags; between the read and the clear, only comparisons do, and nothing writes the CSR or
 * reads or clears the host's flags.
 */
public final class FlagRestoreGuards implements Pass {
    /** The five IEEE flags in the order FLOAT_FLAGS gives them and CLEAR_FLOAT_FLAGS takes them. */
    private static final long FLAGS = 0x1f;
    /** A bit traced to no bit of the read, or to one not known. */
    private static final int UNKNOWN = -1;
    /** A bit known to be zero. */
    private static final int ZERO = -2;
    /** How deep a traced value's operands are followed. */
    private static final int DEPTH = 8;

    @Override
    public String name() {
        return "flagguard";
    }

    @Override
    public void run(IrBlock block) {
        List<Inst> insts = block.insts;
        java.util.Set<Inst> guarded = new java.util.HashSet<>();
        for (int k = 0; k < insts.size() - 1; k++) {
            Inst clear = insts.get(k);
            Inst write = insts.get(k + 1);
            if (clear.op != Op.CLEAR_FLOAT_FLAGS || write.op != Op.SET_CSR || showsEveryFlag(clear.operand(0))) {
                continue;
            }
            List<Inst> compared = new ArrayList<>();
            Read read = readBefore(insts, k, write.aux, compared);
            if (read == null || !restores(write.operand(0), read)) {
                continue;
            }
            Inst every = new Inst(Op.CONST, clear.operand(0).type, FLAGS, 0);
            List<Inst> added = new ArrayList<>(List.of(every));
            Inst nan = null;
            for (Inst x : compared) {
                Inst rounding = new Inst(Op.CONST, Type.I8, 0, 0);
                Inst isNan = new Inst(Op.FLOAT1, Type.I1, FloatFunction.IS_NAN.ordinal(), 0, x, rounding);
                added.add(rounding);
                added.add(isNan);
                nan = nan == null ? isNan : add(added, new Inst(Op.OR, Type.I1, 0, 0, nan, isNan));
            }
            Inst mask = nan == null ? every
                    : add(added, new Inst(Op.SELECT, every.type, 0, 0, nan, clear.operand(0), every));
            clear.operands = new Inst[] {mask};
            guarded.add(clear);
            insts.addAll(k, added);
            k += added.size();
        }
        readsAfterWrites(insts, guarded);
    }

    /**
     * A read of the host's flags after a write of the flags (a clear of what the CSR's write that follows it shows, or
     * one guarded above), with nothing between that raises flags, reads 0: the host then holds no flag the CSR does
     * not show (the clear forgot the others, or, guarded, found none to forget). So of two quiet comparisons in a row
     * only the first reads the host.
     */
    private static void readsAfterWrites(List<Inst> insts, java.util.Set<Inst> guarded) {
        long written = -1; // (the slot written, while the host shows no flag it does not)
        for (int k = 0; k < insts.size(); k++) {
            Inst i = insts.get(k);
            Inst clear = k > 0 ? insts.get(k - 1) : null;
            if (i.op == Op.SET_CSR && clear != null && clear.op == Op.CLEAR_FLOAT_FLAGS
                    && (guarded.contains(clear) || clearsAsWritten(clear.operand(0), i.operand(0)))) {
                written = i.aux;
            } else if (i.op == Op.CLEAR_FLOAT_FLAGS || i.op == Op.SET_CSR || i.op.isFloat() && i.hasSideEffect()) {
                written = -1;
            } else if (i.op == Op.FLOAT_FLAGS && written >= 0 && combined(insts, k, insts.size(), written) != null) {
                i.op = Op.CONST;
                i.aux = 0;
                i.operands = new Inst[0];
            }
        }
    }

    /** Whether a clear's mask is, bit for bit, five consecutive bits of the value the CSR is written with. */
    private static boolean clearsAsWritten(Inst mask, Inst value) {
        int[] bits = trace(mask, value, DEPTH);
        for (int b = 0; b < 5; b++) {
            if (bits[b] < 0 || bits[b] != bits[0] + b) {
                return false;
            }
        }
        return true;
    }

    private static Inst add(List<Inst> added, Inst i) {
        added.add(i);
        return i;
    }

    /** A read of the flags: value = csr | zext(fflags) << shift, the flags field at shift of the CSR slot. */
    private record Read(Inst value, Inst csr, int shift) {}

    private static boolean showsEveryFlag(Inst mask) {
        return mask.isConst() && (mask.aux & FLAGS) == FLAGS;
    }

    /**
     * The flags read ({@code getcsr | zext(fflags) << shift} of the CSR slot) that the clear at index clear may be
     * guarded against: the nearest read of the host's flags before it, with only comparisons between that raise
     * flags (their operands go to compared), nothing that writes the slot, reads or clears the host's flags; or null.
     */
    private static Read readBefore(List<Inst> insts, int clear, long slot, List<Inst> compared) {
        int at = clear - 1;
        for (; at >= 0; at--) {
            Inst i = insts.get(at);
            if (i.op == Op.FLOAT_FLAGS) {
                break;
            }
            if (i.op == Op.CLEAR_FLOAT_FLAGS || i.op == Op.SET_CSR && i.aux == slot) {
                return null;
            }
            if (i.op.isFloat() && FloatFunction.of(i.aux).raisesFlags()) {
                if (!isComparison(FloatFunction.of(i.aux))) {
                    return null;
                }
                for (int o = 0; o < i.operands.length - 1; o++) {
                    if (!compared.contains(i.operand(o))) {
                        compared.add(i.operand(o));
                    }
                }
            }
        }
        if (at < 0) {
            return null;
        }
        Read read = combined(insts, at, clear, slot);
        return read != null && quietBetween(insts, insts.indexOf(read.csr()), at) ? read : null;
    }

    /**
     * The read that combines the host's flags read at index at with the slot, {@code getcsr | zext(fflags) << shift}
     * (the lifter's read of a flags CSR), before index end; or null.
     */
    private static Read combined(List<Inst> insts, int at, int end, long slot) {
        for (int r = at + 1; r < end; r++) {
            Inst or = insts.get(r);
            for (int side = 0; or.op == Op.OR && side < 2; side++) {
                Inst csr = or.operand(side);
                int shift = shifted(or.operand(1 - side), insts.get(at));
                if (csr.op == Op.GET_CSR && csr.aux == slot && shift >= 0) {
                    return new Read(or, csr, shift);
                }
            }
        }
        return null;
    }

    private static boolean isComparison(FloatFunction f) {
        return f == FloatFunction.EQ || f == FloatFunction.LT || f == FloatFunction.LE
                || f == FloatFunction.LT_QUIET || f == FloatFunction.LE_QUIET;
    }

    /** The shift of {@code zext(flags) << shift} (or of zext(flags) alone: 0), or -1 for another value. */
    private static int shifted(Inst v, Inst flags) {
        int shift = 0;
        if (v.op == Op.SHL && v.operand(1).isConst()) {
            shift = (int) v.operand(1).aux;
            v = v.operand(0);
        }
        return v.op == Op.ZEXT && v.operand(0) == flags && shift >= 0 && shift <= 64 - 5 ? shift : -1;
    }

    /** Whether nothing between indexes a and b (either order) raises flags, writes a CSR or clears flags. */
    private static boolean quietBetween(List<Inst> insts, int a, int b) {
        if (a < 0) {
            return false;
        }
        for (int r = Math.min(a, b) + 1; r < Math.max(a, b); r++) {
            Inst i = insts.get(r);
            if (i.op == Op.SET_CSR || i.op == Op.CLEAR_FLOAT_FLAGS || i.op.isFloat() && i.hasSideEffect()) {
                return false;
            }
        }
        return true;
    }

    /** Whether value's flags field (five bits at the read's shift) is, bit for bit, the read's. */
    private static boolean restores(Inst value, Read read) {
        int[] bits = trace(value, read.value(), DEPTH);
        for (int b = read.shift(); b < read.shift() + 5; b++) {
            if (bits[b] != b) {
                return false;
            }
        }
        return true;
    }

    /**
     * For each bit of v: the bit of read it is (0..63), {@link #ZERO}, or {@link #UNKNOWN}. Values are zero-extended
     * in their type, so bits above it are zero.
     */
    private static int[] trace(Inst v, Inst read, int depth) {
        int[] bits = new int[64];
        java.util.Arrays.fill(bits, UNKNOWN);
        if (v == read) {
            for (int b = 0; b < 64; b++) {
                bits[b] = b;
            }
        } else if (v.isConst()) {
            for (int b = 0; b < 64; b++) {
                bits[b] = (v.aux >>> b & 1) == 0 ? ZERO : UNKNOWN;
            }
        } else if (depth > 0) {
            switch (v.op) {
                case AND, OR -> {
                    int[] x = trace(v.operand(0), read, depth - 1);
                    int[] y = trace(v.operand(1), read, depth - 1);
                    for (int b = 0; b < 64; b++) {
                        bits[b] = v.op == Op.AND ? both(x[b], y[b], v.operand(0), v.operand(1), b)
                                : x[b] == ZERO ? y[b] : y[b] == ZERO ? x[b] : UNKNOWN;
                    }
                }
                case SHL, SHR -> {
                    if (v.operand(1).isConst() && v.operand(1).aux >= 0 && v.operand(1).aux < 64) {
                        int s = (int) v.operand(1).aux;
                        int[] x = trace(v.operand(0), read, depth - 1);
                        for (int b = 0; b < 64; b++) {
                            int from = v.op == Op.SHL ? b - s : b + s;
                            bits[b] = from < 0 || from >= 64 ? ZERO : x[from];
                        }
                    }
                }
                case ZEXT, TRUNC -> bits = trace(v.operand(0), read, depth - 1).clone();
                default -> { }
            }
        }
        for (int b = v.type.bits; b < 64; b++) {
            bits[b] = ZERO;
        }
        return bits;
    }

    /** A bit of and(x, y): zero where either is, x's where y is a constant one there, and the other way round. */
    private static int both(int x, int y, Inst xv, Inst yv, int b) {
        if (x == ZERO || y == ZERO) {
            return ZERO;
        }
        if (yv.isConst() && (yv.aux >>> b & 1) == 1) {
            return x;
        }
        if (xv.isConst() && (xv.aux >>> b & 1) == 1) {
            return y;
        }
        return UNKNOWN;
    }
}
