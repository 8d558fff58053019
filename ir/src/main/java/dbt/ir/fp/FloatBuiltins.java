package dbt.ir.fp;

/**
 * The language's floating-point built-ins ({@link FloatFunction}) evaluated by the exact software arithmetic of
 * {@code dbt.ir.fp}: one definition for the reference interpreter, the IR interpreter and constant evaluation.
 * Operands and results are bit patterns zero-extended in a long; booleans are 0 or 1.
 */
public final class FloatBuiltins {
    private FloatBuiltins() {}

    /** A rounding-mode value that is not one of the language's five: the instruction is illegal. */
    public static final class BadRoundingMode extends RuntimeException {
        public final long mode;

        BadRoundingMode(long mode) {
            super("rounding mode " + mode, null, false, false);
            this.mode = mode;
        }
    }

    public static RoundingMode roundingMode(long code) {
        if (code < 0 || code > 4) {
            throw new BadRoundingMode(code);
        }
        return RoundingMode.ofCode((int) code);
    }

    /**
     * Evaluates f; a, b, c are its operands (unused ones ignored), operandWidth the first operand's width (which
     * tells a conversion from an integer whether it is 32 or 64 bits), rm the rounding mode's code (ignored when f
     * does not round). The exception flags raised are ORed into flags.
     */
    public static long evaluate(FloatFunction f, int format, int operandWidth, long a, long b, long c, long rm,
                                FloatFlags flags) {
        FloatFormat fmt = FloatFormat.ofWidth(format);
        RoundingMode mode = f.rounds() ? roundingMode(rm) : RoundingMode.NEAREST_EVEN;
        return switch (f) {
            case ADD -> FloatArithmetic.add(fmt, a, b, mode, flags);
            case SUB -> FloatArithmetic.sub(fmt, a, b, mode, flags);
            case MUL -> FloatArithmetic.mul(fmt, a, b, mode, flags);
            case DIV -> FloatArithmetic.div(fmt, a, b, mode, flags);
            case SQRT -> FloatArithmetic.sqrt(fmt, a, mode, flags);
            case MULADD -> FloatArithmetic.fma(fmt, a, b, c, mode, flags);
            case EQ -> bool(FloatComparisons.equal(fmt, a, b, flags));
            case LT -> bool(FloatComparisons.less(fmt, a, b, flags));
            case LE -> bool(FloatComparisons.lessOrEqual(fmt, a, b, flags));
            case LT_QUIET -> bool(FloatComparisons.lessQuiet(fmt, a, b, flags));
            case LE_QUIET -> bool(FloatComparisons.lessOrEqualQuiet(fmt, a, b, flags));
            case TO_F32 -> FloatConversions.convert(fmt, FloatFormat.BINARY32, a, mode, flags);
            case TO_F64 -> FloatConversions.convert(fmt, FloatFormat.BINARY64, a, mode, flags);
            case TO_S32 -> FloatConversions.toInt(fmt, a, 32, true, mode, flags);
            case TO_U32 -> FloatConversions.toInt(fmt, a, 32, false, mode, flags);
            case TO_S64 -> FloatConversions.toInt(fmt, a, 64, true, mode, flags);
            case TO_U64 -> FloatConversions.toInt(fmt, a, 64, false, mode, flags);
            case F32_OF_S, F64_OF_S -> FloatConversions.fromInt(fmt, a, operandWidth, true, mode, flags);
            case F32_OF_U, F64_OF_U -> FloatConversions.fromInt(fmt, a, operandWidth, false, mode, flags);
            case IS_NAN -> bool(FloatComparisons.isNaN(fmt, a));
            case IS_SNAN -> bool(FloatComparisons.isSignalingNaN(fmt, a));
            case IS_INF -> bool(FloatComparisons.isInfinite(fmt, a));
            case IS_ZERO -> bool(FloatComparisons.isZero(fmt, a));
            case IS_SUBNORMAL -> bool(FloatComparisons.isSubnormal(fmt, a));
        };
    }

    private static long bool(boolean b) {
        return b ? 1 : 0;
    }
}
