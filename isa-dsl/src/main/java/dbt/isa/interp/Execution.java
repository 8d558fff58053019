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
    /** Calls of regions (see {@link RegionRoot}) by the dispatcher, and blocks it ran as plain nodes. */
    long regionCalls;
    long plainBlocks;
    /** Blocks run in regions that Graal had compiled. */
    long compiledBlocks;
    Exit exit = Exit.CONTINUE;
    /** The block a {@link RegionRoot} is entered at, by its index there (set by the dispatcher before the call). */
    int regionEntry;
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

    /** Calls of compiled regions by the dispatcher so far (each runs blocks until the guest leaves the region). */
    public long regionCalls() {
        return regionCalls;
    }

    /** Blocks the dispatcher ran as plain nodes, not in a region's call target. */
    public long plainBlocks() {
        return plainBlocks;
    }

    /** Blocks run in compiled code (regions Graal had compiled). */
    public long compiledBlocks() {
        return compiledBlocks;
    }

    public Exit exit() {
        return exit;
    }
}
