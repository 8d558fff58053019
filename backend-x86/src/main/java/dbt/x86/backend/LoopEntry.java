package dbt.x86.backend;

import dbt.x86.asm.Gp;
import dbt.x86.asm.Xmm;
import java.util.Map;

/**
 * How to enter a self-loop block past its loop head's loads: put each guest register (file << 32 | index) in its home
 * host register, general or xmm, and jump to loopTop. Blocks that jump to a translated loop do so directly, with the
 * values they hold, instead of writing them to the state for the loop's head to read back.
 *
 * @param loopTop a code offset in a compiled block; a host address once placed (see {@link #at})
 */
public record LoopEntry(long loopTop, Map<Long, Gp> homes, Map<Long, Xmm> floatHomes, Map<Long, Gp> evicted) {
    /** This entry of a block placed at host address base. */
    public LoopEntry at(long base) {
        return new LoopEntry(base + loopTop, homes, floatHomes, evicted);
    }
}
