package dbt.isa.interp;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.frame.FrameDescriptor;
import dbt.isa.exec.Machine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Forms the region a hot block heads ({@link RegionRoot}): from the head, breadth first, the blocks the dispatcher
 * saw each block go to (its recorded successors, the most frequent first), as long as they have run at least
 * {@link #MIN_RUNS} times and the region stays within {@link #MAX_BLOCKS} blocks and {@link #MAX_INSTRUCTIONS}
 * instructions. Calls, returns and other indirect jumps are followed like branches: their recorded targets are
 * edges. Blocks that never ran, or rarely, stay out: the region leaves for them. Regions do not overlap: a block
 * in one region stays out of others, which leave for it (the dispatcher enters its region there), so that each
 * hot block is compiled once.
 *
 * <p>It does not look at the code itself (a branch's other target that never ran is not included), and a region
 * is not re-formed when its exits turn out hot: the block it leaves for then heads a region of its own. The bounds
 * keep a compilation short: Graal's time grows with the region, and it compiles on the cores the guest runs on.
 */
final class RegionFormation {
    static final int MAX_BLOCKS = 64;
    static final int MAX_INSTRUCTIONS = 400;
    /** Runs a block needs to join a region: code that ran once or twice (start-up, error paths) stays out. */
    static final int MIN_RUNS = 10;

    private RegionFormation() {}

    /**
     * The region headed by head, decoded afresh; the dispatcher's nodes of its blocks are told they are in this one
     * (and where), so that the dispatcher enters the region at any of them.
     */
    static RegionRoot form(BlockNode head, BlockCache<BlockNode> cache, BlockBuilder builder, Machine machine,
                           FrameDescriptor frame, Assumption code) {
        List<BlockNode> members = new ArrayList<>();
        Map<Long, Integer> index = new HashMap<>();
        ArrayDeque<BlockNode> queue = new ArrayDeque<>();
        members.add(head);
        index.put(head.address(), 0);
        queue.add(head);
        int instructions = head.instructionCount();
        while (!queue.isEmpty()) {
            BlockNode b = queue.poll();
            for (long pc : b.successors) {
                BlockNode s = cache.get(pc);
                if (s == null || s.region != null || index.containsKey(pc) || s.runs < MIN_RUNS
                        || members.size() == MAX_BLOCKS
                        || instructions + s.instructionCount() > MAX_INSTRUCTIONS) {
                    continue;
                }
                index.put(pc, members.size());
                members.add(s);
                queue.add(s);
                instructions += s.instructionCount();
            }
        }
        int n = members.size();
        BlockNode[] blocks = new BlockNode[n];
        long[][] successorPcs = new long[n][];
        int[][] successorBlocks = new int[n][];
        for (int i = 0; i < n; i++) {
            BlockNode member = members.get(i);
            blocks[i] = builder.build(machine, member.address());
            long[] pcs = member.successors.clone();
            int inside = 0;
            for (long pc : pcs) {
                if (index.containsKey(pc)) {
                    pcs[inside++] = pc;
                }
            }
            successorPcs[i] = java.util.Arrays.copyOf(pcs, inside);
            successorBlocks[i] = new int[inside];
            for (int s = 0; s < inside; s++) {
                successorBlocks[i][s] = index.get(successorPcs[i][s]);
            }
        }
        RegionRoot region = new RegionRoot(frame, blocks, successorPcs, successorBlocks, code, builder.layout());
        for (int i = 0; i < n; i++) {
            BlockNode member = members.get(i);
            member.region = region;
            member.target = region.getCallTarget();
            member.regionEntry = i;
        }
        return region;
    }
}
