package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.ir.fp.FloatFunction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which values the register allocator should keep in xmm registers rather than general ones: float values that are
 * read only where an xmm register serves as well or better: as float operands of float ops ({@link FloatLowering}
 * computes in xmm registers), and by what copies the bits out either way (register writes, stores, a single's zero
 * extension into its NaN-box). Kept in an xmm register, a chain of float ops moves nothing between the register
 * files, also across a loop's back edge.
 * <ul>
 * <li>64-bit values: binary64 results, canonical-NaN selects of them, guest register reads and 8-byte loads.
 * <li>32-bit values: binary32 results, canonical-NaN selects of them, 4-byte loads, and selects (a single's unboxing,
 * {@code select(boxed, low half, canonical NaN)}, which a loop computes once). Such a value is the low 32 bits of its
 * xmm register, whose upper bits are anything (scalar single ops keep them): every move out of the register is a
 * 32-bit one ({@code movd}, which zero-extends), so the value invariant holds wherever it arrives (a general register,
 * a slot, the state's 64-bit register: {@link Lowering#moveOut}, {@link ParallelMove}).
 * <li>A self-loop's NaN-boxed narrow home with its carrier (LoopLowering#xmmValues): after the first iteration the
 * home holds a word the same way, and only its low half is read there.
 * </ul>
 *
 * <p>The choice only affects speed: a value in an xmm register that something else reads is moved to a general register
 * there ({@link Lowering#use}).
 */
final class XmmValues {
    private XmmValues() {}

    /** The candidates of insts whose every use reads them as a float (see the class comment). */
    static Set<Inst> of(List<Inst> insts) {
        return of(insts, Set.of());
    }

    /**
     * Like {@link #of(List)}, leaving out the given values: a self-loop's narrow carriers whose homes are general
     * registers (in an xmm register each would cost a move out on every iteration; see LoopLowering#xmmValues).
     */
    static Set<Inst> of(List<Inst> insts, Set<Inst> carriers) {
        // A sign op is an integer's when an integer op reads its result (a hash masked to be positive, then reduced):
        // then it and its operand stay in general registers. Otherwise it is taken for a float's: its result and
        // operand are copied or read as floats, here or, through the registers it writes, elsewhere.
        Set<Inst> integers = new HashSet<>();
        for (Inst u : insts) {
            for (int p = 0; p < u.operands.length; p++) {
                Inst o = u.operands[p];
                if (signOp(o) && !readsAsFloat(u, p) && !copiesOut(u, p)) {
                    integers.add(o);
                }
            }
        }
        return of(insts, carriers, integers);
    }

    private static Set<Inst> of(List<Inst> insts, Set<Inst> carriers, Set<Inst> integerSignOps) {
        Set<Inst> out = new HashSet<>();
        Set<Inst> readAsFloat = new HashSet<>();
        // (fused multiply-adds read through the sign flips they negate themselves)
        Set<Inst> negations = HostFeatures.fma() ? FloatLowering.negations(insts) : Set.of();
        for (Inst i : insts) {
            if (candidate(i) && !carriers.contains(i) && !integerSignOps.contains(i)) {
                out.add(i);
            }
        }
        for (Inst u : insts) {
            for (int p = 0; p < u.operands.length; p++) {
                Inst o = u.operands[p];
                if (!out.contains(o)) {
                    continue;
                }
                if (readsAsFloat(u, p) && !integerSignOps.contains(u) || negations.contains(u)) {
                    readAsFloat.add(o);
                } else if (!copiesOut(u, p)) {
                    out.remove(o);
                }
            }
        }
        // A register read, load or select that is only written back or stored is a copy: no reason for an xmm register.
        out.removeIf(i -> (i.op == Op.GET_REG || i.op == Op.LOAD || i.op == Op.SELECT) && !readAsFloat.contains(i));
        return out;
    }

    /** Whether all of a guest register's reads in insts would be xmm values, and what is written to it too. */
    static boolean floatRegister(List<Inst> insts, long key, Set<Inst> xmmValues) {
        boolean read = false;
        for (Inst i : insts) {
            if (i.registerKey() != key) {
                continue;
            }
            if (i.op == Op.GET_REG) {
                read = true;
                if (!xmmValues.contains(i)) {
                    return false;
                }
            } else if (i.op == Op.SET_REG && !xmmValues.contains(i.operand(0))) {
                return false;
            }
        }
        return read;
    }

    /** A value defined where an xmm register is natural (see the class comment). */
    static boolean candidate(Inst i) {
        boolean single = i.type == Type.I32;
        if (i.type != Type.I64 && !single) {
            return false;
        }
        if (i.op == Op.NAN_SELECT || i.op == Op.LOAD && i.aux == (single ? 4 : 8)
                || (single ? i.op == Op.SELECT : i.op == Op.GET_REG)) {
            return true;
        }
        if (signOp(i)) {
            return true;
        }
        if (!i.op.isFloat()) {
            return false;
        }
        FloatFunction.Kind result = FloatFunction.of(i.aux).result;
        return result == FloatFunction.Kind.F || result == (single ? FloatFunction.Kind.F32 : FloatFunction.Kind.F64);
    }

    /**
     * A double's negation or absolute value, as rv64d.isa writes {@code fneg.d} and {@code fabs.d} after the peephole
     * pass: an {@code xor} with the sign bit, an {@code and} with all other bits. It is computed in a general register
     * (moved there and back), but it counts as a float op for placement: a loop's double that such an op reads keeps
     * its xmm register for the arithmetic, which reads it far more often (a particle bouncing off walls:
     * {@code x = -x} once in a while, {@code x += vx} every step).
     */
    static boolean signOp(Inst i) {
        if (i.type != Type.I64 || i.op != Op.XOR && i.op != Op.AND) {
            return false;
        }
        long mask = i.op == Op.XOR ? Long.MIN_VALUE : Long.MAX_VALUE;
        return i.operand(1).isConst() && i.operand(1).aux == mask && !i.operand(0).isConst()
                || i.operand(0).isConst() && i.operand(0).aux == mask && !i.operand(1).isConst();
    }

    /** Whether u reads its operand p from an xmm register (see FloatLowering's use of its operands). */
    static boolean readsAsFloat(Inst u, int p) {
        if (u.op == Op.NAN_SELECT) {
            return p == 0;
        }
        if (signOp(u)) {
            return !u.operand(p).isConst();
        }
        if (!u.op.isFloat() || p == u.operands.length - 1) { // (the last operand is the rounding mode)
            return false;
        }
        FloatFunction f = FloatFunction.of(u.aux);
        return f.operand == FloatFunction.Kind.F && f.raisesFlags(); // (classification reads a general register)
    }

    /**
     * Whether u only copies its operand p's bits out: a register write, a store's value, or the zero extension of a
     * 32-bit value.
     */
    private static boolean copiesOut(Inst u, int p) {
        return u.op == Op.SET_REG || u.op == Op.STORE && p == 1
                || u.op == Op.STORE_IF && p == 2 || u.op == Op.ZEXT && u.operand(0).type == Type.I32;
    }
}
