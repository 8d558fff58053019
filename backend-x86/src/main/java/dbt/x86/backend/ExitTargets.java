package dbt.x86.backend;

/** Where the direct exits of a block being compiled jump: the runtime's answer, asked once per exit. */
public interface ExitTargets {
    /** Host code of guest address target if it is translated and exits may link to it, else 0. */
    long translated(long target);

    /**
     * A trampoline for the block's direct exit numbered site (whose target is not translated yet): host code that
     * leaves to the dispatcher with {@link ExitReason#CHAIN} and site in the state's exit-information slot.
     */
    long trampoline(int site);

    /**
     * A fresh prediction cell for an indirect jump, or 0 for none: longs holding the guest address it predicts, the
     * host code to go to then (initially code that leaves to the dispatcher as a failed lookup would), and how
     * many more mispredictions may update it (see {@link PredictionSite} for the rest).
     */
    default long predictionCell() {
        return 0;
    }

    /**
     * The thread's return-address stack (see {@code BlockCompiler.pushReturn}), or 0 for none: a long holding the
     * byte offset of the top entry, then {@link #RETURN_STACK_ENTRIES} entries, each the address of a cell laid out
     * as a prediction cell's guest address and host code ({@link PredictionSite#GUEST}, {@link PredictionSite#HOST}).
     */
    default long returnStack() {
        return 0;
    }

    /** Entries of the return-address stack (a power of two: it wraps around). */
    int RETURN_STACK_ENTRIES = 64;

    /**
     * A cell for a call returning to guest address returnAddress: its guest address is returnAddress, and its host
     * code the translation of it once known (until then code that finds it, given the cell in rbx, and fills it in).
     * 0 for none.
     */
    default long returnCell(long returnAddress) {
        return 0;
    }

    /** How to enter guest address target past its loop head, if it is a translated self-loop exits may link to. */
    default LoopEntry loop(long target) {
        return null;
    }
}
