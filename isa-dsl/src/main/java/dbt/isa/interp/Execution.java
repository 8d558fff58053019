package dbt.isa.interp;

/**
 * Per-run bookkeeping the semantics can observe: retired instructions (the instret and cycle counters) and why the
 * last block stopped; and, for statistics, how many blocks ran. One per guest thread.
 */
public final class Execution {
    /** Why a block handed control back to the dispatcher. */
    public enum Exit { CONTINUE, SYSCALL, BREAKPOINT, FENCE_I, ILLEGAL }

    long retired;
    long blocksRun;
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

    /** Blocks run so far (a block that faulted included). */
    public long blocksRun() {
        return blocksRun;
    }

    public Exit exit() {
        return exit;
    }
}
