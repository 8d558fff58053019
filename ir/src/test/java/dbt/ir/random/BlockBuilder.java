package dbt.ir.random;

import dbt.ir.FloatCsrs;
import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.ir.fp.FloatFunction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a valid IR block from recipes ({@link Step}s and an {@link Exit}), drawing on the IR's whole op set over
 * every type: constants, guest registers of two files (64- and 32-bit) and CSRs, every value op, extensions and
 * truncations, plain, predicated and compare-and-swap memory accesses (mostly inside {@link TestMachine}'s data
 * window), reservations, CSR reads and writes (of the float flags as a lifter makes them: see {@link #readCsr}),
 * fences, float built-ins (their NaNs canonical: see {@link #floatOp}), guest-pc marks, and every exit. Some kinds
 * are the idioms the passes and the backend look for (a sign extension of a truncation, a shift pair, a NaN select,
 * a NaN-boxed value, a word operation, a rotation written as two shifts, a boxed single read and written back),
 * built from random operands, so that each rule is reached often, on operands where it must not apply as well as
 * where it may.
 *
 * <p>An operand is an earlier value of the type needed (selected by a recipe's selector, counting back from the
 * latest) or, when there is none or the selector asks, a new constant: so any recipe, shrunk in any field, still
 * builds a block the verifier accepts.
 */
public final class BlockBuilder {
    public static final long ADDRESS = 0x40000;

    /** Kinds of step: one op family each, or an idiom. */
    public enum Kind {
        CONST, GET_REG, SET_REG, BINARY, SHIFT, UNARY, COMPARE, SELECT, EXTEND, TRUNC, LOAD, LOAD_IF, STORE, STORE_IF,
        STORE_CAS, CSR, RESERVATION, FLOAT, GUEST_PC, FENCE_OR_FLAGS,
        SEXT_OF_TRUNC, SHIFT_PAIR, NAN_SELECT, NAN_BOX, WORD_OP, LOW_HALF, REPLACED_WRITE, ROTATION, WORD_COMPARE,
        ADVANCED_POINTER, WORD_BITWISE, BOXED_SINGLE
    }

    /** Kinds of exit; INDIRECT_SELECT is an indirect exit to one of two constants. */
    public enum ExitKind { JUMP, BRANCH, INDIRECT, INDIRECT_SELECT, SYSCALL, INTERPRET, ILLEGAL, BREAKPOINT, FENCE_I }

    static final Op[] BINARY = {Op.ADD, Op.SUB, Op.MUL, Op.MULH_SS, Op.MULH_UU, Op.MULH_SU, Op.DIV_S, Op.DIV_U,
            Op.REM_S, Op.REM_U, Op.AND, Op.OR, Op.XOR};
    static final Op[] SHIFTS = {Op.SHL, Op.SHR, Op.SAR, Op.ROTL, Op.ROTR};
    static final Op[] COMPARISONS = {Op.EQ, Op.NE, Op.LT_S, Op.LT_U, Op.LE_S, Op.LE_U, Op.GT_S, Op.GT_U, Op.GE_S,
            Op.GE_U};
    /**
     * Every float built-in: arithmetic, fused multiply-add, comparisons (signalling and quiet), conversions between
     * the formats and to and from integers, classes.
     */
    static final FloatFunction[] FLOATS = FloatFunction.values();
    /** Rounding-mode operands: the five modes and the dynamic one. */
    static final long[] ROUNDINGS = {0, 1, 2, 3, 4, 7};
    static final Type[] TYPES = Type.values();
    /** How many unused values the end of a block writes to registers. */
    static final int OBSERVED = 3;

    private final IrBlock block = new IrBlock(ADDRESS);
    private final Map<Type, List<Inst>> values = new EnumMap<>(Type.class);
    private long pc = ADDRESS;

    /** The values idiom steps computed, observed at the end of the block. */
    private final List<Inst> idiomResults = new ArrayList<>();

    private BlockBuilder() {
        for (Type t : TYPES) {
            values.put(t, new ArrayList<>());
        }
    }

    public static IrBlock build(List<Step> steps, Exit exit) {
        BlockBuilder b = new BlockBuilder();
        b.add(new Inst(Op.GUEST_PC, Type.I64, ADDRESS, 0));
        for (Step s : steps) {
            b.step(s);
        }
        b.observeUnused();
        b.exit(exit);
        return b.block;
    }

    /**
     * Makes values observable: the latest {@link #OBSERVED} values nothing uses and the result of each idiom step
     * (constants aside), each stored, zero-extended, to its own 8 bytes of the data window (so at most
     * {@code DATA_BYTES / 8} of them). Without this, a wrong value would often be dead, or used only where it makes
     * no difference, and a pass's mistake on it invisible; the values left dead are dead-code elimination's.
     */
    private void observeUnused() {
        Map<Inst, Integer> uses = block.useCounts();
        List<Inst> observed = new ArrayList<>();
        for (int k = block.insts.size() - 1; k >= 0 && observed.size() < OBSERVED; k--) {
            Inst i = block.insts.get(k);
            if (i.op.hasResult() && !i.isConst() && !uses.containsKey(i)) {
                observed.add(i);
            }
        }
        for (Inst i : idiomResults) {
            if (!observed.contains(i) && !i.isConst()) {
                observed.add(i);
            }
        }
        for (int k = 0; k < Math.min(observed.size(), TestMachine.DATA_BYTES / 8); k++) {
            Inst v = observed.get(k);
            Inst wide = v.type == Type.I64 ? v : add(Op.ZEXT, Type.I64, v);
            add(new Inst(Op.STORE, Type.I64, 8, 0, constant(Type.I64, TestMachine.DATA + 8L * k), wide));
        }
    }

    private Inst add(Inst i) {
        block.add(i);
        if (i.op.hasResult()) {
            values.get(i.type).add(i);
        }
        return i;
    }

    private Inst add(Op op, Type t, Inst... operands) {
        return add(new Inst(op, t, 0, 0, operands));
    }

    private Inst constant(Type t, long value) {
        return add(new Inst(Op.CONST, t, value & t.mask(), 0));
    }

    /** An earlier value of type t, the selector counting back from the latest; a new constant if none. */
    private Inst pick(Type t, int selector, long fallback) {
        List<Inst> list = values.get(t);
        return list.isEmpty() ? constant(t, fallback) : list.get(list.size() - 1 - selector % list.size());
    }

    /** A new constant one time in three, else an earlier value. */
    private Inst operand(Type t, int selector, long c) {
        return selector % 3 == 0 ? constant(t, c) : pick(t, selector / 3, c);
    }

    /** A guest address: in the data window (possibly running past its end), an earlier value, or one plus a small offset. */
    private Inst address(int selector, long c) {
        return switch (selector % 4) {
            case 0, 1 -> constant(Type.I64, TestMachine.DATA + Math.floorMod(c, TestMachine.DATA_BYTES));
            case 2 -> pick(Type.I64, selector / 4, TestMachine.DATA);
            default -> add(Op.ADD, Type.I64, pick(Type.I64, selector / 4, TestMachine.DATA), constant(Type.I64, c & 15));
        };
    }

    private static final FloatCsrs FLAGS = TestMachine.FLOAT_CSRS;

    /**
     * A read of CSR slot s as a lifter makes it (the IR's contract for float flags): the flags' slot with the flags
     * the host holds and the slot does not show yet ({@link Op#FLOAT_FLAGS}).
     */
    private Inst readCsr(int s) {
        if (s != FLAGS.flagsSlot()) {
            return add(new Inst(Op.GET_CSR, Type.I64, s, 0));
        }
        // (the parts are not values other steps may use: each alone differs between backends, by FLOAT_FLAGS' contract)
        Inst slot = block.add(new Inst(Op.GET_CSR, Type.I64, s, 0));
        Inst held = block.add(new Inst(Op.ZEXT, Type.I64, 0, 0, block.add(new Inst(Op.FLOAT_FLAGS, Type.I8, 0, 0))));
        Inst shift = block.add(new Inst(Op.CONST, Type.I64, FLAGS.flagsShift(), 0));
        return add(Op.OR, Type.I64, slot, block.add(new Inst(Op.SHL, Type.I64, 0, 0, held, shift)));
    }

    /**
     * A write of v to CSR slot s as a lifter makes it for code a backend translates: to the flags' slot, after
     * forgetting the host's flags; never changing the dynamic rounding mode (its bits of the slot are kept).
     */
    private void writeCsr(int s, Inst v) {
        if (s == FLAGS.roundingSlot()) {
            long field = ((1L << FLAGS.roundingWidth()) - 1) << FLAGS.roundingShift();
            Inst mode = block.add(new Inst(Op.AND, Type.I64, 0, 0, block.add(new Inst(Op.GET_CSR, Type.I64, s, 0)),
                    constant(Type.I64, field)));
            v = add(Op.OR, Type.I64, add(Op.AND, Type.I64, v, constant(Type.I64, ~field)), mode);
        }
        if (s == FLAGS.flagsSlot()) {
            Inst shown = add(Op.SHR, Type.I64, v, constant(Type.I64, FLAGS.flagsShift()));
            add(new Inst(Op.CLEAR_FLOAT_FLAGS, Type.I64, 0, 0, add(Op.AND, Type.I64, shown, constant(Type.I64, 0x1f))));
        }
        add(new Inst(Op.SET_CSR, Type.I64, s, 0, v));
    }

    private static Type memoryType(Type t) {
        return t == Type.I1 ? Type.I8 : t;
    }

    private static Type floatType(Type t) {
        return t.bits < 32 ? Type.I64 : t;
    }

    private void step(Step s) {
        Type t = TYPES[s.type()];
        int x = s.x();
        int y = s.y();
        int z = s.z();
        int w = s.w();
        long c = s.constant();
        Kind kind = Kind.values()[s.kind()];
        int before = block.insts.size();
        switch (kind) {
            case CONST -> constant(t, c);
            case GET_REG -> {
                int file = y % 2;
                add(new Inst(Op.GET_REG, file == 0 ? Type.I64 : Type.I32, file, x % TestMachine.FILE_SIZES[file]));
            }
            case SET_REG -> {
                int file = y % 2;
                Inst v = pick(file == 0 ? Type.I64 : Type.I32, z, c);
                add(new Inst(Op.SET_REG, v.type, file, x % TestMachine.FILE_SIZES[file], v));
            }
            case BINARY -> add(BINARY[y % BINARY.length], t, pick(t, x, c), operand(t, z, c));
            case SHIFT -> add(SHIFTS[y % SHIFTS.length], t, pick(t, x, c),
                    operand(TYPES[1 + (y / SHIFTS.length) % 4], z, c));
            case UNARY -> add(y % 2 == 0 ? Op.NEG : Op.NOT, t, pick(t, x, c));
            case COMPARE -> add(COMPARISONS[y % COMPARISONS.length], Type.I1, pick(t, x, c), operand(t, z, c));
            case SELECT -> add(Op.SELECT, t, pick(Type.I1, y, c), pick(t, x, c), operand(t, z, c));
            case EXTEND -> {
                Type to = t == Type.I1 ? Type.I64 : t;
                add(z % 2 == 0 ? Op.ZEXT : Op.SEXT, to, pick(TYPES[y % to.ordinal()], x, c));
            }
            case TRUNC -> {
                Type to = t == Type.I64 ? Type.I32 : t;
                add(Op.TRUNC, to, pick(TYPES[to.ordinal() + 1 + y % (TYPES.length - 1 - to.ordinal())], x, c));
            }
            case LOAD -> {
                Type m = memoryType(t);
                add(new Inst(Op.LOAD, m, m.bits / 8, 0, address(z, c)));
            }
            case LOAD_IF -> {
                Type m = memoryType(t);
                add(new Inst(Op.LOAD_IF, m, m.bits / 8, 0, pick(Type.I1, y, c), address(z, c)));
            }
            case STORE -> {
                Type m = memoryType(t);
                add(new Inst(Op.STORE, m, m.bits / 8, 0, address(z, c), pick(m, x, c)));
            }
            case STORE_IF -> {
                Type m = memoryType(t);
                add(new Inst(Op.STORE_IF, m, m.bits / 8, 0, pick(Type.I1, y, c), address(z, c), pick(m, x, c)));
            }
            case STORE_CAS -> {
                Type m = memoryType(t);
                add(new Inst(Op.STORE_CAS, m, m.bits / 8, 0, pick(Type.I1, y, c), address(z, c),
                        pick(m, x, c), pick(m, x + 1, c)));
            }
            case CSR -> {
                if (y % 2 == 0) {
                    readCsr(x % TestMachine.CSRS);
                } else {
                    writeCsr(x % TestMachine.CSRS, pick(Type.I64, z, c));
                }
            }
            case RESERVATION -> {
                if (y % 2 == 0) {
                    add(new Inst(Op.GET_RESERVATION, Type.I64, x % 2, 0));
                } else {
                    add(new Inst(Op.SET_RESERVATION, Type.I64, x % 2, 0, pick(Type.I64, z, c)));
                }
            }
            case FLOAT -> floatOp(FLOATS[y % FLOATS.length], floatType(t), x, z, c);
            case GUEST_PC -> {
                pc += 4;
                add(new Inst(Op.GUEST_PC, Type.I64, pc, 0));
            }
            case FENCE_OR_FLAGS -> {
                switch (y % 3) {
                    case 0 -> add(new Inst(Op.FENCE, Type.I64, 0, 0));
                    case 1 -> add(Op.TRUNC, Type.I8, add(Op.SHR, Type.I64, readCsr(FLAGS.flagsSlot()),
                            constant(Type.I64, FLAGS.flagsShift())));
                    default -> writeCsr(FLAGS.flagsSlot(), pick(Type.I64, z + 1, c));
                }
            }
            case SEXT_OF_TRUNC -> add(Op.SEXT, Type.I64, add(Op.TRUNC, Type.I32, signBitsValue(x, y, z, w, c)));
            case SHIFT_PAIR -> {
                long n = switch (y % 4) {
                    case 0 -> 8;
                    case 1 -> 16;
                    case 2 -> 32;
                    default -> c & 63;
                };
                Inst shl = add(Op.SHL, Type.I64, pick(Type.I64, x, c), constant(Type.I64, 64 - n));
                long[] others = {56, 48, 32, 63 - n};
                add((y / 4) % 2 == 0 ? Op.SAR : Op.SHR, Type.I64, shl,
                        constant(Type.I64, w % 3 == 0 ? others[(w / 3) % 4] : 64 - n));
            }
            case NAN_SELECT -> {
                Type f = floatType(t);
                Inst v = pick(f, x, c);
                Inst isNan = add(new Inst(Op.FLOAT1, Type.I1, FloatFunction.IS_NAN.ordinal(), 0, v,
                        constant(Type.I64, 0)));
                add(Op.SELECT, f, isNan, operand(f, z, c), y % 4 == 0 ? pick(f, x + 1, c) : v);
            }
            case NAN_BOX -> {
                Inst a = pick(Type.I32, x, c);
                Inst k = constant(Type.I64, y % 4 == 0 ? c : c & 0xffff_ffff_0000_0000L);
                Inst wide = add(Op.ZEXT, Type.I64, y % 3 == 0 ? pick(Type.I16, x, c) : a);
                Inst or = y % 2 == 0 ? add(Op.OR, Type.I64, k, wide) : add(Op.OR, Type.I64, wide, k);
                long[] amounts = {15, 16, 31, 32, 33, 63, 64, c & 63};
                if (w % 2 == 0) {
                    add(Op.SHR, Type.I64, or, constant(Type.I64, amounts[(w / 2) % amounts.length]));
                } else {
                    add(Op.TRUNC, (w / 2) % 2 == 0 ? Type.I32 : Type.I16, or);
                }
            }
            case WORD_OP -> add(Op.SEXT, Type.I64, wordValue(x, y, z, w, c));
            case LOW_HALF -> add(Op.TRUNC, NARROW[(w / 121) % NARROW.length], lowHalfUser(
                    add(Op.SEXT, Type.I64, wordValue(x, y, z, w, c)), pick(Type.I64, z, c), pick(Type.I1, y, c), w));
            case REPLACED_WRITE -> {
                // A register written with an extended word, then again: between them, sometimes a load that may fault.
                int r = x % TestMachine.FILE_SIZES[0];
                add(new Inst(Op.SET_REG, Type.I64, 0, r, add(Op.SEXT, Type.I64, wordValue(x, y, z, w, c))));
                if (w % 3 != 0) {
                    add(new Inst(Op.LOAD, Type.I32, 4, 0, address(z, c)));
                }
                add(new Inst(Op.SET_REG, Type.I64, 0, r, pick(Type.I64, z + 1, c)));
            }
            case ROTATION -> rotation(t == Type.I1 ? Type.I32 : t, x, y, z, w, c);
            case ADVANCED_POINTER -> advancedPointer(memoryType(t), x, y, z, w, c);
            case WORD_BITWISE -> wordBitwise(x, y, z, w, c);
            case BOXED_SINGLE -> boxedSingle(x, y, z, w, c);
            case WORD_COMPARE -> {
                // An extended word compared with another or with a constant at a word's edges, either side.
                Inst v = add(w % 4 == 0 ? Op.ZEXT : Op.SEXT, Type.I64, wordValue(x, y, z, w, c));
                Op extension = (w / 12) % 4 == 0 ? Op.ZEXT : Op.SEXT;
                Inst other = (w / 4) % 3 == 0 ? add(extension, Type.I64, pick(Type.I32, z, c))
                        : constant(Type.I64, WORD_EDGES[(w / 12) % WORD_EDGES.length]);
                Op op = COMPARISONS[y % COMPARISONS.length];
                add(op, Type.I1, (w / 48) % 2 == 0 ? v : other, (w / 48) % 2 == 0 ? other : v);
            }
        }
        if (kind.ordinal() >= Kind.SEXT_OF_TRUNC.ordinal() && block.insts.size() > before
                && block.insts.getLast().op.hasResult()) {
            idiomResults.add(block.insts.getLast());
        }
    }

    /** The 64-bit ops on extended words: the bitwise ones, which the sign-extension pass narrows, and near misses. */
    static final Op[] WORD_CHAIN_OPS = {Op.AND, Op.OR, Op.XOR, Op.ADD, Op.SUB};

    /**
     * A chain of 64-bit ops (and, or, xor; add and sub, which carry past the word, as near misses) on words extended to
     * 64 bits: sign extensions of words, zero extensions of bytes and half-words, constants at a word's edges (some
     * just outside); either operand order; one to three links; sometimes the result cut back to a word.
     */
    private void wordBitwise(int x, int y, int z, int w, long c) {
        Inst v = wordExtension(x, y, z, w, c);
        int links = 1 + w % 3;
        for (int k = 0; k < links; k++) {
            Inst e = wordExtension(x + k + 1, y / 2 + k, z + k, w / 3 + k, c + k);
            Op op = WORD_CHAIN_OPS[(y + 2 * k) % WORD_CHAIN_OPS.length];
            v = (w / 7 + k) % 2 == 0 ? add(op, Type.I64, v, e) : add(op, Type.I64, e, v);
        }
        if ((w / 5) % 3 == 0) {
            add(Op.TRUNC, Type.I32, v);
        }
    }

    private Inst wordExtension(int x, int y, int z, int w, long c) {
        return switch (w % 5) {
            case 0, 1, 2 -> add(Op.SEXT, Type.I64, wordValue(x, y, z, w, c));
            case 3 -> add(Op.ZEXT, Type.I64, pick(TYPES[1 + y % 2], x, c));
            default -> constant(Type.I64, WORD_EDGES[(y + w) % WORD_EDGES.length]);
        };
    }

    /** The canonical NaNs (RISC-V's): binary32's is also what RISC-V's unboxing gives for a single not NaN-boxed. */
    static final long SINGLE_NAN = 0x7fc0_0000L;
    static final long DOUBLE_NAN = 0x7ff8_0000_0000_0000L;

    /**
     * A single held NaN-boxed in a register of file 0, as RISC-V's F extension keeps it (what a loop may carry as its
     * low word alone): the register read and unboxed ({@code select(eq(trunc.i32(shr(g, 32)), 0xffffffff),
     * trunc.i32(g), nan)}), added to a single (rounded dynamically, the result canonical) or replaced by one, boxed
     * ({@code or(0xffffffff00000000, zext.i64(s))}) and written back. One time in three a near miss that is not a
     * box, which must stay as it is: the upper half shifted by 31, compared with 0xfffffffe, or boxed with
     * 0xfffffffe00000000.
     */
    private void boxedSingle(int x, int y, int z, int w, long c) {
        int r = x % TestMachine.FILE_SIZES[0];
        boolean miss = w % 3 == 0;
        int how = (w / 3) % 3;
        Inst g = add(new Inst(Op.GET_REG, Type.I64, 0, r));
        Inst upper = add(Op.TRUNC, Type.I32, add(Op.SHR, Type.I64, g, constant(Type.I64, miss && how == 0 ? 31 : 32)));
        Inst boxed = add(Op.EQ, Type.I1, upper, constant(Type.I32, miss && how == 1 ? 0xffff_fffeL : 0xffff_ffffL));
        Inst single = add(Op.SELECT, Type.I32, boxed, add(Op.TRUNC, Type.I32, g), constant(Type.I32, SINGLE_NAN));
        Inst result = single;
        if (y % 3 != 0) {
            Inst sum = block.add(new Inst(Op.FLOAT2, Type.I32, FloatFunction.ADD.ordinal(), 0, single,
                    y % 3 == 1 ? single : pick(Type.I32, z, c), constant(Type.I64, FloatCsrs.DYNAMIC)));
            result = add(Op.NAN_SELECT, Type.I32, sum, constant(Type.I32, SINGLE_NAN));
        }
        Inst box = constant(Type.I64, miss && how == 2 ? 0xffff_fffe_0000_0000L : 0xffff_ffff_0000_0000L);
        add(new Inst(Op.SET_REG, Type.I64, 0, r, add(Op.OR, Type.I64, box, add(Op.ZEXT, Type.I64, result))));
    }

    /** Advances of a pointer: a word's, a doubleword's, a byte's, backwards, and any small one. */
    static final long[] ADVANCES = {4, 8, 1, -8, 16};

    /**
     * A register of file 0 read as a pointer (into the data window half the time), sometimes accessed, advanced and
     * written back, then accessed off its old value: at it, or at it plus a constant; sometimes also read otherwise
     * after the advance (a comparison, or another register's write), which the old value must survive.
     */
    private void advancedPointer(Type m, int x, int y, int z, int w, long c) {
        int r = x % TestMachine.FILE_SIZES[0];
        Inst a = add(new Inst(Op.GET_REG, Type.I64, 0, r));
        if (w % 3 == 0) {
            add(new Inst(Op.LOAD, m, m.bits / 8, 0, a));
        }
        long step = (y % ADVANCES.length) == ADVANCES.length - 1 ? c % 32 : ADVANCES[y % ADVANCES.length];
        Inst b = add(Op.ADD, Type.I64, a, constant(Type.I64, step));
        add(new Inst(Op.SET_REG, Type.I64, 0, r, b));
        Inst late = (w / 3) % 3 == 0 ? add(Op.ADD, Type.I64, a, constant(Type.I64, (c >> 8) % 24)) : a;
        if ((w / 9) % 2 == 0) {
            add(new Inst(Op.STORE, m, m.bits / 8, 0, late, pick(m, z, c)));
        } else {
            add(new Inst(Op.LOAD, m, m.bits / 8, 0, late));
        }
        switch ((w / 18) % 4) {
            case 0 -> add(Op.LT_U, Type.I1, a, pick(Type.I64, z, c));
            case 1 -> add(new Inst(Op.SET_REG, Type.I64, 0, (r + 1) % TestMachine.FILE_SIZES[0], a));
            default -> { }
        }
    }

    static final Type[] NARROW = {Type.I32, Type.I16, Type.I8};
    /** 64-bit constants around the sign extensions of words: some are one, some only just not. */
    static final long[] WORD_EDGES = {0, 1, -1, 0x7fff_ffffL, 0x8000_0000L, -0x8000_0000L, -0x8000_0001L,
        0xffff_ffffL, 0x1_0000_0000L};
    static final Op[] LOW_HALF_USERS = {Op.ADD, Op.SUB, Op.MUL, Op.AND, Op.OR, Op.XOR, Op.SHL, Op.SHR, Op.SAR, Op.NOT,
            Op.NEG, Op.SELECT};

    /**
     * A 64-bit op (variant w) on the extended word v, whose result is then truncated: the ops whose low half depends
     * only on their operands' low halves (so the extension's upper half goes unread), and shifts right, whose does not.
     */
    private Inst lowHalfUser(Inst v, Inst other, Inst condition, int w) {
        Op op = LOW_HALF_USERS[w % LOW_HALF_USERS.length];
        boolean first = (w / LOW_HALF_USERS.length) % 2 == 0;
        return switch (op) {
            case NOT, NEG -> add(op, Type.I64, v);
            case SELECT -> first ? add(op, Type.I64, condition, v, other) : add(op, Type.I64, condition, other, v);
            case SHL, SHR, SAR -> add(op, Type.I64, v, first ? constant(Type.I64, WORD_SHIFTS[(w / 24) % WORD_SHIFTS.length])
                    : other);
            default -> first ? add(op, Type.I64, v, other) : add(op, Type.I64, other, v);
        };
    }

    /** Shift amounts around the sign boundaries of 32-bit words. */
    static final long[] WORD_SHIFTS = {0, 1, 30, 31, 32, 33, 34, 63, 64};
    /** Word constants at the bounds of the sign-extension pass's word rule, and beyond. */
    static final long[] WORD_CONSTANTS = {(1 << 30) - 1, 1 << 30, -(1 << 30), -(1 << 30) - 1, Integer.MAX_VALUE,
            Integer.MIN_VALUE, -1, 1};

    /**
     * A 64-bit value by one of the ops whose known sign bits the sign-extension pass computes (form y), on recent
     * operands: an earlier value, an extension from each narrower type, and/or/xor/select, add/sub, shifts by amounts
     * around 32 (variant w), a sum of two extended words, an extended word value.
     */
    private Inst signBitsValue(int x, int y, int z, int w, long c) {
        Inst p = (w / 9) % 3 == 0 ? constant(Type.I64, c) : pick(Type.I64, x, c);
        Inst q = pick(Type.I64, z, c);
        // a constant amount around 32, or (one time in four) an earlier value
        Inst amount = (w / 27) % 4 == 0 ? pick(Type.I64, z, c) : constant(Type.I64, WORD_SHIFTS[w % WORD_SHIFTS.length]);
        return switch (y % 14) {
            case 0 -> p;
            case 1 -> add(Op.SEXT, Type.I64, pick(TYPES[1 + w % 3], x, c));
            case 2 -> add(Op.ZEXT, Type.I64, pick(TYPES[1 + w % 3], x, c));
            case 3 -> add(Op.AND, Type.I64, p, constant(Type.I64, c));
            case 4 -> add(Op.OR, Type.I64, p, q);
            case 5 -> add(Op.XOR, Type.I64, p, q);
            case 6 -> add(Op.SELECT, Type.I64, pick(Type.I1, y, c), p, q);
            case 7 -> add(Op.ADD, Type.I64, p, q);
            case 8 -> add(Op.SUB, Type.I64, p, q);
            case 9 -> add(Op.SAR, Type.I64, p, amount);
            case 10 -> add(Op.SHR, Type.I64, p, amount);
            case 11 -> add(Op.SHL, Type.I64, p, amount);
            case 12 -> add(Op.ZEXT, Type.I64, wordValue(x, y / 14, z, w / 9, c));
            default -> add(Op.ADD, Type.I64, add(Op.SEXT, Type.I64, pick(Type.I32, x, c)),
                    add(Op.SEXT, Type.I64, pick(Type.I32, z, c)));
        };
    }

    /**
     * A 32-bit value by one of the forms whose bit 31 the sign-extension pass may know, or by the word operations it
     * widens (form y): a shift right by an amount around the boundaries, an and with a constant, an extension of a
     * narrower value, a constant, add/sub of truncations or of a truncation and a constant at the word rule's bounds.
     */
    private Inst wordValue(int x, int y, int z, int w, long c) {
        return switch (y % 6) {
            case 0 -> add(Op.SHR, Type.I32, pick(Type.I32, x, c), constant(Type.I32, WORD_SHIFTS[w % WORD_SHIFTS.length]));
            case 1 -> add(Op.AND, Type.I32, pick(Type.I32, x, c), constant(Type.I32, c));
            case 2 -> add(Op.ZEXT, Type.I32, pick(TYPES[1 + w % 2], x, c));
            case 3 -> constant(Type.I32, c);
            default -> {
                Inst a = add(Op.TRUNC, Type.I32, signBitsValue(x, y / 6, z, w / 8, c));
                Inst b = w % 2 == 0 ? add(Op.TRUNC, Type.I32, pick(Type.I64, z, c))
                        : constant(Type.I32, (w / 2) % 3 == 0 ? c : WORD_CONSTANTS[(w / 6) % WORD_CONSTANTS.length]);
                yield add(y % 2 == 0 ? Op.ADD : Op.SUB, Type.I32, a, b);
            }
        };
    }

    /**
     * A rotation of an earlier value of type t written as two shifts put together, in one of the ways the peephole
     * pass recognises (form y): by constants a and w - a; by a masked b and w - b (either shift taking which);
     * by a masked a and the masked -a (as {@code neg} or {@code 0 - a}); the parts or-ed, xor-ed or added, in
     * either order, at t or each extended (zero or sign, each its own) to 64 bits; the value shifted is sometimes
     * two alike extensions of truncations. One time in three (variant w) it is a near miss, which must stay as it
     * is: another value shifted (or truncated to another width), a mask one bit too wide or too narrow, an amount
     * one off.
     */
    private Inst rotation(Type t, int x, int y, int z, int w, long c) {
        int bits = t.bits;
        // digits of w, scrambled (jqwik draws small selectors more often): a near miss (a third of the time) and
        // which, the join, a zero amount (a quarter of the time)
        int d = (w * 0x9E3779B1) >>> 16;
        boolean miss = d % 3 == 0;
        int how = (d / 3) % 4;
        Op join = new Op[] {Op.OR, Op.OR, Op.XOR, Op.ADD}[(d / 12) % 4];
        boolean zero = (d / 48) % 4 == 0;
        boolean maskFirst = (d / 192) % 2 == 0;
        Inst v;
        Inst other;
        if (y / 96 == 2 && bits >= 32) {
            // the value shifted twice as two extensions of truncations of one value (found the same only if they
            // are alike down to the value: the miss truncates to another width)
            Inst p = pick(Type.I64, x, c);
            v = add(Op.ZEXT, t, add(Op.TRUNC, Type.I8, p));
            other = add(Op.ZEXT, t, add(Op.TRUNC, miss && how == 0 ? Type.I16 : Type.I8, p));
        } else {
            v = pick(t, x, c);
            other = miss && how == 0 ? pick(t, x + 1, c + 1) : v;
        }
        Type at = TYPES[1 + z % 4];
        // the amount, in its own constant when 0 (only constant folding sees through it)
        Inst amount = zero ? constant(at, 0) : pick(at, z, c);
        long mask = !miss ? bits - 1 : how == 1 ? 2L * bits - 1 : how == 3 ? bits / 2 - 1 : bits - 1;
        long off = miss && how == 2 ? 1 : 0;
        Inst a;
        Inst b;
        switch (y % 3) {
            case 0 -> {
                long k = Math.floorMod(c, (long) bits);
                a = constant(at, bits - k + off);
                b = constant(at, k);
            }
            case 1 -> {
                Inst m = masked(at, amount, mask, maskFirst);
                Inst rest = add(Op.SUB, at, constant(at, bits + off), m);
                boolean leftMasked = (y / 3) % 2 == 0;
                a = leftMasked ? m : rest;
                b = leftMasked ? rest : m;
            }
            default -> {
                a = masked(at, amount, mask, maskFirst);
                Inst negated = (y / 3) % 2 == 0 ? add(Op.NEG, at, amount)
                        : add(Op.SUB, at, constant(at, 2L * bits + off), amount);
                b = masked(at, negated, bits - 1, !maskFirst);
            }
        }
        Inst left = add(Op.SHL, t, v, a);
        Inst right = add(Op.SHR, t, other, b);
        boolean swapped = (y / 6) % 2 == 0;
        if (t == Type.I64 || (y / 12) % 2 == 0) {
            return swapped ? add(join, t, right, left) : add(join, t, left, right);
        }
        Inst l = add((y / 24) % 2 == 0 ? Op.ZEXT : Op.SEXT, Type.I64, left);
        Inst r = add((y / 48) % 2 == 0 ? Op.ZEXT : Op.SEXT, Type.I64, right);
        return swapped ? add(join, Type.I64, r, l) : add(join, Type.I64, l, r);
    }

    /** v and the constant mask, the mask first or second. */
    private Inst masked(Type t, Inst v, long mask, boolean maskFirst) {
        Inst m = constant(t, mask);
        return maskFirst ? add(Op.AND, t, m, v) : add(Op.AND, t, v, m);
    }

    /**
     * A float built-in on earlier values of type t and a rounding mode; a float result is made canonical before any
     * step may use it (which NaN an operation delivers is the backend's: see {@link Op}).
     */
    private void floatOp(FloatFunction f, Type t, int x, int z, long c) {
        Inst[] operands = new Inst[f.operands + 1];
        for (int k = 0; k < f.operands; k++) {
            operands[k] = pick(t, x + k * z, c);
        }
        operands[f.operands] = constant(Type.I64, ROUNDINGS[(int) Math.floorMod(c, (long) ROUNDINGS.length)]);
        int width = f.resultWidth(t.bits);
        Type type = width == 1 ? Type.I1 : width == 32 ? Type.I32 : Type.I64;
        Inst result = new Inst(Op.floatWith(f.operands), type, f.ordinal(), 0, operands);
        switch (f.result) {
            case F, F32, F64 -> {
                block.add(result);
                add(Op.NAN_SELECT, type, result, constant(type, type == Type.I32 ? SINGLE_NAN : DOUBLE_NAN));
            }
            default -> add(result);
        }
    }

    private void exit(Exit e) {
        long taken = e.taken();
        long notTaken = e.notTaken();
        switch (ExitKind.values()[e.kind()]) {
            case JUMP -> add(new Inst(Op.EXIT_JUMP, Type.I64, taken, 0));
            case BRANCH -> add(new Inst(Op.EXIT_BRANCH, Type.I64, taken, notTaken, pick(Type.I1, e.x(), taken)));
            case INDIRECT -> add(new Inst(Op.EXIT_INDIRECT, Type.I64, 0, 0, pick(Type.I64, e.x(), taken)));
            case INDIRECT_SELECT -> {
                Inst target = add(Op.SELECT, Type.I64, pick(Type.I1, e.x(), taken), constant(Type.I64, taken),
                        constant(Type.I64, notTaken));
                add(new Inst(Op.EXIT_INDIRECT, Type.I64, 0, 0, target));
            }
            case SYSCALL -> add(new Inst(Op.EXIT_SYSCALL, Type.I64, taken, 0));
            case INTERPRET -> add(new Inst(Op.EXIT_INTERPRET, Type.I64, pc, 0));
            case ILLEGAL -> add(new Inst(Op.EXIT_ILLEGAL, Type.I64, pc, 0));
            case BREAKPOINT -> add(new Inst(Op.EXIT_BREAKPOINT, Type.I64, pc, 0));
            case FENCE_I -> add(new Inst(Op.EXIT_FENCE_I, Type.I64, taken, 0));
        }
    }
}
