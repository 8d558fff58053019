package dbt.x86.backend;

/**
 * Why translated code returned to the dispatcher (the value in rax at the exit stub). The next guest pc is in the
 * state's pc slot, except after {@link #CHAIN}, which leaves the number of the exit site to patch (whose target is
 * the next pc) in the exit-information slot; {@link #PREDICTION_OFF} leaves its prediction cell there, and
 * {@link #INDIRECT} the guest address of the block whose plain indirect jump (neither a call nor a return) missed, for
 * its profile of targets, or 0.
 */
public final class ExitReason {
    private ExitReason() {}

    /** A direct jump to a block not (yet) linked: translate it, then patch the jump site. */
    public static final int CHAIN = 1;
    public static final int SYSCALL = 2;
    /** An indirect jump whose target the inline lookup did not find. */
    public static final int INDIRECT = 3;
    /** Run one instruction on an interpreter (not liftable, a memory access that may fault, a float op's NaN). */
    public static final int INTERPRET = 4;
    public static final int ILLEGAL = 5;
    public static final int BREAKPOINT = 6;
    public static final int FENCE_I = 7;
    /** The block budget ran out (only in budgeted code, used to bound runs of untrusted code in tests). */
    public static final int BUDGET = 8;
    /** An indirect jump's prediction missed too often: patch it out, then go on at the target (pc). */
    public static final int PREDICTION_OFF = 9;
    /** The state's interrupt word was set (a signal for this thread): back to the dispatcher, at the pc. */
    public static final int INTERRUPT = 10;

    public static String name(int reason) {
        return switch (reason) {
            case CHAIN -> "chain";
            case SYSCALL -> "syscall";
            case INDIRECT -> "indirect-miss";
            case INTERPRET -> "interpret";
            case ILLEGAL -> "illegal";
            case BREAKPOINT -> "breakpoint";
            case FENCE_I -> "fence.i";
            case BUDGET -> "budget";
            case PREDICTION_OFF -> "prediction-off";
            case INTERRUPT -> "interrupt";
            default -> "reason " + reason;
        };
    }
}
