package dbt.ir.fp;

/**
 * The functions of the IR's FLOAT ops, which are also the ISA language's floating-point built-ins: IEEE 754
 * binary32 and binary64 arithmetic on bit patterns, the same for every ISA (their exact meaning is {@code dbt.ir.fp}).
 * What an ISA chooses for itself is written in its text around them: its canonical NaN, NaN-boxing, the value a
 * conversion gives for a NaN, min/max, class bits.
 *
 * <p>Every built-in that {@link #rounds()} takes a rounding mode as its last argument: 0 nearest-even, 1 toward
 * zero, 2 down, 3 up, 4 nearest with ties to the larger magnitude; any other value at run time makes the instruction
 * illegal. Every built-in that {@link #raisesFlags()} ORs the IEEE exception flags it raises (invalid,
 * divide-by-zero, overflow, underflow, inexact: bits 4 to 0) into the CSR the ISA declares {@code float flags}.
 *
 * <p>Kinds of operand and result: {@code F} a float of the operands' format (bits(32) or bits(64)), {@code F32}
 * and {@code F64} a float of that format, {@code I} an integer of 32 or 64 bits, {@code S32 ... U64} an integer of
 * that width (a float out of its range saturates to its nearest bound, a NaN gives 0, both raising invalid),
 * {@code BOOL} a boolean.
 */
public enum FloatFunction {
    ADD("fadd", 2, Kind.F, Kind.F, true, true),
    SUB("fsub", 2, Kind.F, Kind.F, true, true),
    MUL("fmul", 2, Kind.F, Kind.F, true, true),
    DIV("fdiv", 2, Kind.F, Kind.F, true, true),
    SQRT("fsqrt", 1, Kind.F, Kind.F, true, true),
    /** a * b + c with one rounding. */
    MULADD("fmuladd", 3, Kind.F, Kind.F, true, true),
    /** Quiet equality: invalid only for a signalling NaN operand. */
    EQ("feq", 2, Kind.F, Kind.BOOL, false, true),
    /** Signalling less-than: invalid for any NaN operand. */
    LT("flt", 2, Kind.F, Kind.BOOL, false, true),
    LE("fle", 2, Kind.F, Kind.BOOL, false, true),
    /** Quiet less-than: invalid only for a signalling NaN operand. */
    LT_QUIET("flt_quiet", 2, Kind.F, Kind.BOOL, false, true),
    LE_QUIET("fle_quiet", 2, Kind.F, Kind.BOOL, false, true),
    TO_F32("f32_of_f", 1, Kind.F, Kind.F32, true, true),
    TO_F64("f64_of_f", 1, Kind.F, Kind.F64, true, true),
    TO_S32("s32_of_f", 1, Kind.F, Kind.S32, true, true),
    TO_U32("u32_of_f", 1, Kind.F, Kind.U32, true, true),
    TO_S64("s64_of_f", 1, Kind.F, Kind.S64, true, true),
    TO_U64("u64_of_f", 1, Kind.F, Kind.U64, true, true),
    F32_OF_S("f32_of_s", 1, Kind.I, Kind.F32, true, true),
    F32_OF_U("f32_of_u", 1, Kind.I, Kind.F32, true, true),
    F64_OF_S("f64_of_s", 1, Kind.I, Kind.F64, true, true),
    F64_OF_U("f64_of_u", 1, Kind.I, Kind.F64, true, true),
    IS_NAN("is_nan", 1, Kind.F, Kind.BOOL, false, false),
    /** A signalling NaN: a NaN whose quiet bit (the significand's top bit) is clear. */
    IS_SNAN("is_snan", 1, Kind.F, Kind.BOOL, false, false),
    IS_INF("is_inf", 1, Kind.F, Kind.BOOL, false, false),
    IS_ZERO("is_zero", 1, Kind.F, Kind.BOOL, false, false),
    IS_SUBNORMAL("is_subnormal", 1, Kind.F, Kind.BOOL, false, false);

    public enum Kind { F, F32, F64, I, S32, U32, S64, U64, BOOL }

    public final String builtin;
    /** Operands before the rounding mode. */
    public final int operands;
    public final Kind operand;
    public final Kind result;
    private final boolean rounds;
    private final boolean raisesFlags;

    FloatFunction(String builtin, int operands, Kind operand, Kind result, boolean rounds, boolean raisesFlags) {
        this.builtin = builtin;
        this.operands = operands;
        this.operand = operand;
        this.result = result;
        this.rounds = rounds;
        this.raisesFlags = raisesFlags;
    }

    public boolean rounds() {
        return rounds;
    }

    public boolean raisesFlags() {
        return raisesFlags;
    }

    /** The built-in's argument count, the rounding mode included. */
    public int arity() {
        return operands + (rounds ? 1 : 0);
    }

    /** The result's width given the format (the float operands' width, or the result format for F*_OF_*). */
    public int resultWidth(int format) {
        return switch (result) {
            case F -> format;
            case F32, S32, U32 -> 32;
            case F64, S64, U64 -> 64;
            case BOOL -> 1;
            case I -> throw new IllegalStateException();
        };
    }

    private static final FloatFunction[] BY_ORDINAL = values();

    /** The function with this ordinal (how the IR and the binary model name it), without copying values(). */
    public static FloatFunction of(long ordinal) {
        return BY_ORDINAL[(int) ordinal];
    }

    /** Whether ordinal names a function. */
    public static boolean exists(long ordinal) {
        return ordinal >= 0 && ordinal < BY_ORDINAL.length;
    }

    public static FloatFunction byBuiltin(String name) {
        for (FloatFunction f : values()) {
            if (f.builtin.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
