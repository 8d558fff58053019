package dbt.runtime.translate;

import dbt.isa.exec.NativeMemory;
import dbt.frontend.HostSyscall;
import dbt.x86.backend.PredictionSite;
import java.lang.foreign.MemorySegment;

/**
 * The cells of fastBT's per-site indirect-jump prediction (see {@code BlockCompiler.indirect}): data, not code, so
 * that translated code updates its own prediction without a writable code page (layout in {@link PredictionSite}:
 * the guest address it predicts, the host code for it, how many more mispredictions may update it, and where its
 * site's check is and the plain lookup that replaces it when the site gives up). A fresh cell predicts guest address
 * 1 and sends a hit to the indirect-miss stub, which leaves exactly as a failed lookup does, so even a jump to
 * address 1 stays correct.
 *
 * <p>Invariant: a cell is handed out to one indirect jump per generation of the code cache; a flush takes them all
 * back together with the code that uses them.
 */
final class PredictionCells {
    /** Mispredictions a site may update its cell for before it gives up predicting. */
    static final long MISSES = 16;
    private static final int CELL = PredictionSite.SIZE;

    private final MemorySegment cells;
    private final int count;
    private final long missStub;
    private int next;

    PredictionCells(int count, long missStub) {
        // Kernel-zeroed pages, touched only as cells are handed out (allocating would zero them all at start-up).
        long bytes = (long) CELL * count;
        this.cells = MemorySegment.ofAddress(HostSyscall.mapZeroed(bytes)).reinterpret(bytes);
        this.count = count;
        this.missStub = missStub;
    }

    /** A fresh cell, or 0 when all are in use until the next flush. */
    long allocate() {
        if (next == count) {
            return 0;
        }
        long offset = (long) CELL * next++;
        NativeMemory.putLong(cells, offset + PredictionSite.GUEST, 1);
        NativeMemory.putLong(cells, offset + PredictionSite.HOST, missStub);
        NativeMemory.putLong(cells, offset + PredictionSite.MISSES_LEFT, MISSES);
        return cells.address() + offset;
    }

    /** Records where the site of cell put its check and its plain lookup (once its block is placed). */
    void place(long cell, long check, long plainLookup) {
        long offset = cell - cells.address();
        NativeMemory.putLong(cells, offset + PredictionSite.CHECK, check);
        NativeMemory.putLong(cells, offset + PredictionSite.PLAIN_LOOKUP, plainLookup);
    }

    /** The site of cell gives up predicting: its check becomes a jump to its plain lookup. */
    void patchOut(long cell, CodeCache cache) {
        long offset = cell - cells.address();
        cache.patchJump(NativeMemory.getLong(cells, offset + PredictionSite.CHECK),
                NativeMemory.getLong(cells, offset + PredictionSite.PLAIN_LOOKUP));
    }

    void reset() {
        next = 0;
    }
}
