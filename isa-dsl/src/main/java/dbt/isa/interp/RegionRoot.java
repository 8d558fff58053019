package dbt.isa.interp;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
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
 * <p>Compiled, the loop is one loop with a switch on the block index at its head: each block's code once, with its
 * decoded fields constant, and each edge a compare of the next pc with constants that yields the next index. The
 * dispatcher enters a region at any of its blocks ({@link Execution#regionEntry}): where another region left off, or
 * where this one, uncompiled, stopped after {@link #CHUNK} blocks. (Exploding the loop by block index, Truffle's MERGE_EXPLODE,
 * would turn each edge into a direct jump, but entries at several blocks make the loop irreducible, and Graal copied
 * the code of such regions over and over: a 64-block region did not finish compiling in 10 s.)
 *
 * <p>A call returns when the guest leaves the region, at any exit other than CONTINUE, and when the machine asks for
 * an interrupt; uncompiled, also after {@link #CHUNK} blocks (reporting them as loop iterations, which is how Truffle
 * sees that a region it has not compiled yet is hot, and lets the dispatcher enter the compiled code once it is
 * ready). After each block, only a block that may exit ({@link BlockNode#exits}) has its exit looked at. The target depends on the code
 * it was decoded from staying as it was: {@code code} is invalidated when the guest's code changes (fence.i,
 * unmapping), which discards the compiled code, and an invalidated region runs nothing (the dispatcher decodes the
 * new code).
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
            index = runBlock(frame, execution, index);
        } while (index >= 0 && !layout.interruptRequested(machine, Frames.stateAddress(frame))
                && (CompilerDirectives.inCompiledCode() || execution.blocksRun - start < CHUNK));
        if (CompilerDirectives.inCompiledCode()) {
            execution.compiledBlocks += execution.blocksRun - start;
        } else {
            LoopNode.reportLoopCount(this, (int) (execution.blocksRun - start));
        }
        return null;
    }

    /**
     * Runs the block at index; the index of the block to run next, or -1 to leave the region. Compiled, a switch on
     * the index with each block's code inline; uncompiled, the block at the index.
     */
    @ExplodeLoop
    private int runBlock(VirtualFrame frame, Execution execution, int index) {
        if (CompilerDirectives.inInterpreter()) {
            return successor(execution, index, blocks[index].execute(frame));
        }
        for (int i = 0; i < blocks.length; i++) {
            if (i == index) {
                return successor(execution, i, blocks[i].execute(frame));
            }
        }
        return -1;
    }

    /** The index of the block at next that block went to before, or -1 (also when the block exited). */
    @ExplodeLoop
    private int successor(Execution execution, int block, long next) {
        if (blocks[block].exits() && execution.exit != Execution.Exit.CONTINUE) {
            return -1;
        }
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
