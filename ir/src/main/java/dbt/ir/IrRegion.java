package dbt.ir;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several guest blocks translated as one unit: a loop of any shape (a strongly connected set of blocks) entered at
 * its first block. Each block is SSA on its own, as in {@link IrBlock}; values flow between blocks through guest
 * registers, whose values at a block's entry are that block's parameters. The blocks are in layout order (reverse
 * postorder from the entry), the entry first; an exit to a block of the region is an edge inside it, any other exit
 * leaves the region.
 *
 * <p>Blocks of a callee the region holds inline ({@code InlinedCalls}) are entered only from their call, within an
 * iteration: their entry is never a place to leave the region before the block (an interrupt site), since the state
 * there includes the link register's write that the callee's entry block makes first.
 */
public final class IrRegion {
    public final List<IrBlock> blocks;
    /** The guest addresses of the blocks of inlined callees. */
    public final Set<Long> inlined;
    /**
     * By the guest address of a block ending in a plain indirect jump (neither a call nor a return): the blocks of the
     * region it may go to without leaving it, the most frequent first. Where it goes elsewhere, it leaves.
     */
    public final Map<Long, long[]> jumps;

    public IrRegion(List<IrBlock> blocks) {
        this(blocks, Set.of());
    }

    public IrRegion(List<IrBlock> blocks, Set<Long> inlined) {
        this(blocks, inlined, Map.of());
    }

    public IrRegion(List<IrBlock> blocks, Set<Long> inlined, Map<Long, long[]> jumps) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a region has at least one block");
        }
        this.blocks = List.copyOf(blocks);
        this.inlined = Set.copyOf(inlined);
        this.jumps = Map.copyOf(jumps);
        jumps.forEach((from, targets) -> {
            for (long t : targets) {
                if (!contains(t) || this.inlined.contains(t)) {
                    throw new IllegalArgumentException(String.format("0x%x jumps to 0x%x, not a block of the region",
                            from, t));
                }
            }
        });
    }

    public IrBlock entry() {
        return blocks.getFirst();
    }

    public boolean contains(long guestAddress) {
        for (IrBlock b : blocks) {
            if (b.guestAddress == guestAddress) {
                return true;
            }
        }
        return false;
    }

    public int guestInstructions() {
        int n = 0;
        for (IrBlock b : blocks) {
            n += b.guestInstructions;
        }
        return n;
    }
}
