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

    /** How to enter guest address target past its loop head, if it is a translated self-loop exits may link to. */
    default LoopEntry loop(long target) {
        return null;
    }
}
