package dbt.isa.interp;

/**
 * Per-run bookkeeping the semantics can observe: retired instructions (the instret and cycle counters) and why the
 * last block stopped. One per guest thread.
 */
public final class Execution {
    /** Why a block handed control back to the dispatcher. */
    public enum Exit { CONTINUE, SYSCALL, BREAKPOINT, FENCE_I, ILLEGAL }

    long retired;
    Exit exit = Exit.CONTINUE;
    /** For an ILLEGAL exit: the bits that could not be decoded and their length in bits. */
    long illegalWord;
    int illegalLength;

    public long illegalWord() {
        return illegalWord;
    }

    public int illegalLength() {
        return illegalLength;
    }

    public long retired() {
        return retired;
    }

    public Exit exit() {
        return exit;
    }
}
