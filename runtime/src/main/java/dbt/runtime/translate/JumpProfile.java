package dbt.runtime.translate;

import dbt.ir.analysis.LoopRegions;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each plain indirect jump (neither a call nor a return: a switch's jump table, an interpreter's dispatch) has
 * gone, by the guest address of the block it ends: its distinct targets, at most
 * {@link LoopRegions#MAX_JUMP_TARGETS}, each with how often it was seen. Seen where the runtime sees such a jump: when
 * its block runs on the IR interpreter, and when translated code's lookup of the target fails (a target not
 * translated yet). Region formation follows the targets ({@link LoopRegions}), so that a dispatch loop is one region.
 * At most {@link #MAX_BLOCKS} blocks are kept; when full, it is emptied.
 */
final class JumpProfile implements LoopRegions.JumpTargets {
    static final int MAX_BLOCKS = 1 << 14;
    private static final long[] NONE = new long[0];

    /** Per block: target, count, target, count, ... the most frequent first. */
    private final Map<Long, long[]> targets = new HashMap<>();

    void wentTo(long block, long target) {
        if (targets.size() >= MAX_BLOCKS) {
            targets.clear();
        }
        long[] seen = targets.get(block);
        if (seen == null) {
            targets.put(block, new long[] {target, 1});
            return;
        }
        for (int k = 0; k < seen.length; k += 2) {
            if (seen[k] == target) {
                seen[k + 1]++;
                for (; k > 0 && seen[k - 1] < seen[k + 1]; k -= 2) { // (up past those now less frequent)
                    long t = seen[k - 2];
                    long n = seen[k - 1];
                    seen[k - 2] = seen[k];
                    seen[k - 1] = seen[k + 1];
                    seen[k] = t;
                    seen[k + 1] = n;
                }
                return;
            }
        }
        if (seen.length < 2 * LoopRegions.MAX_JUMP_TARGETS) {
            long[] more = java.util.Arrays.copyOf(seen, seen.length + 2);
            more[seen.length] = target;
            more[seen.length + 1] = 1;
            targets.put(block, more);
        }
    }

    /** The targets of the jump ending the block at block, the most frequent first. */
    @Override
    public long[] of(long block) {
        long[] seen = targets.get(block);
        if (seen == null) {
            return NONE;
        }
        long[] out = new long[seen.length / 2];
        for (int k = 0; k < out.length; k++) {
            out[k] = seen[2 * k];
        }
        return out;
    }
}
