package dbt.isa.interp;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.ExplodeLoop.LoopExplosionKind;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.RootNode;
import dbt.isa.exec.Machine;

/**
 * A region of guest blocks as one Truffle call target, for the optimizing runtime: a hot block and the blocks the
 * dispatcher saw run after it ({@link RegionFormation}), with the edges between them. It runs block after block
 * without returning to the dispatcher: after each block the next pc is compared with the addresses that block went
 * to before, in the region; a match goes on with that block, anything else leaves the region (the pc is in the
 * machine, the dispatcher goes on from there). Calls and returns are edges like any other (a return compares its
 * target with the return sites it was seen going to), so recursion stays inside the region's loop: the guest's
 * stack is in guest memory, and the Java stack does not grow.
 *
 * <p>Graal partially evaluates the loop with {@link LoopExplosionKind#MERGE_EXPLODE}: the block index is a constant
 * in each copy of the body, so each block is compiled once, with its decoded fields constant, and an edge back to a
 * block already compiled is a loop in the machine code: the guest's loops and recursion become loops of the host.
 * The index must be the only Java local that changes around the loop (others would have to be constants too), so
 * the count of blocks run is read from {@link Execution}.
 *
 * <p>The dispatcher enters a region at any of its blocks ({@link Execution#regionEntry}): where another region left
 * off, or where this one stopped after {@link #CHUNK} blocks. A call returns after {@link #CHUNK} blocks at most (reporting them as loop iterations, which is how Truffle sees
 * that a region it has not compiled yet is hot, and lets the dispatcher enter the compiled code once it is ready),
 * at any exit other than CONTINUE, and when the machine asks for an interrupt. The target depends on the code it was
 * decoded from staying as it was: {@code code} is invalidated when the guest's code changes (fence.i, unmapping),
 * which discards the compiled code, and an invalidated region runs nothing (the dispatcher decodes the new code).
 */
final class RegionRoot extends RootNode {
    /** Blocks per call at most (see {@link CompiledDispatchNode#CHUNK}). */
    static final int CHUNK = 10_000;

    @Children private final BlockNode[] blocks;
    /** For each block, the addresses it goes to inside the region, the most frequent first, and their blocks. */
    @CompilationFinal(dimensions = 2) private final long[][] successorPcs;
    @CompilationFinal(dimensions = 2) private final int[][] successorBlocks;
    private final Assumption code;
    private final StateLayout layout;
    /** Whether this target has run as compiled code (then the dispatcher always calls it). */
    volatile boolean compiled;

    RegionRoot(FrameDescriptor frame, BlockNode[] blocks, long[][] successorPcs, int[][] successorBlocks,
               Assumption code, StateLayout layout) {
        super(null, frame);
        this.layout = layout;
        this.blocks = blocks;
        this.successorPcs = successorPcs;
        this.successorBlocks = successorBlocks;
        this.code = code;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        if (!code.isValid()) {
            return null;
        }
        if (CompilerDirectives.inCompiledCode() && !compiled) {
            compiled = true;
        }
        Frames.enter(frame);
        Machine machine = Frames.machine(frame);
        Execution execution = Frames.execution(frame);
        long start = execution.blocksRun;
        int index = execution.regionEntry;
        do {
            index = runBlock(frame, index);
        } while (index >= 0 && execution.exit == Execution.Exit.CONTINUE && !layout.interruptRequested(machine, Frames.stateAddress(frame))
                && execution.blocksRun - start < CHUNK);
        if (CompilerDirectives.inCompiledCode()) {
            execution.compiledBlocks += execution.blocksRun - start;
        }
        LoopNode.reportLoopCount(this, (int) (execution.blocksRun - start));
        return null;
    }

    /**
     * Runs the block at index; the index of the block to run next, or -1 to leave the region. Compiled, a switch on
     * the index with each block's code inline; uncompiled, the block at the index.
     */
    @ExplodeLoop
    private int runBlock(VirtualFrame frame, int index) {
        if (CompilerDirectives.inInterpreter()) {
            return successor(index, blocks[index].execute(frame));
        }
        for (int i = 0; i < blocks.length; i++) {
            if (i == index) {
                return successor(i, blocks[i].execute(frame));
            }
        }
        return -1;
    }

    /** The index of the block at next that block went to before, or -1. */
    @ExplodeLoop
    private int successor(int block, long next) {
        long[] pcs = successorPcs[block];
        for (int s = 0; s < pcs.length; s++) {
            if (next == pcs[s]) {
                return successorBlocks[block][s];
            }
        }
        return -1;
    }

    int size() {
        return blocks.length;
    }

    @Override
    public String getName() {
        return "region@0x" + Long.toHexString(blocks[0].address()) + "(" + blocks.length + ")";
    }

    @Override
    public String toString() {
        return getName();
    }
}
