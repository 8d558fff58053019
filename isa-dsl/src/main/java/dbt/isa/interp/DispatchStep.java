package dbt.isa.interp;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.nodes.Node;
import dbt.isa.exec.Machine;
import java.util.function.Supplier;

/**
 * One step of {@link CompiledDispatchNode}'s loop: finds the block at the pc (decoding it on first use) and runs it,
 * or the region it heads.
 *
 * <p>Until Graal has compiled the dispatch loop, every block runs as plain nodes (Java that HotSpot compiles) on one
 * frame, as in {@link DispatchNode}: calling call targets from uncompiled code costs more than short blocks. Each
 * plain run records where the block went next ({@link BlockNode#recordSuccessor}). In the compiled loop, a block
 * that has run {@link #HOT_RUNS} times heads a region ({@link RegionFormation}: it and the blocks seen running after
 * it, decoded afresh), a call target of its own which the loop calls with its own arguments (nothing allocated per
 * call) and Graal compiles once hot; the region runs until the guest leaves it. So the first compilation is the
 * loop's; regions follow as blocks get hot. A block in a region heads none: until Graal has compiled the region, it
 * runs plain (only the head calls the region meanwhile, see {@link #callTarget}); then the dispatcher enters the
 * region at that block wherever the guest comes to it from outside the region. Continues while blocks exit with
 * CONTINUE and the machine asks for no interrupt.
 */
final class DispatchStep extends Node {
    /** Runs in the compiled loop before a block becomes a call target: most blocks run a few times only. */
    static final int HOT_RUNS = 100;
    /** Calls after which Truffle compiles a target (its SingleTierCompilationThreshold, with MultiTier off). */
    static final int CALLS_TO_COMPILE = 1000;
    static final int PROBE = 256;

    @Child private IndirectCallNode call = IndirectCallNode.create();
    private final StateLayout layout;
    private final FrameDescriptor blockFrame;
    private final BlockBuilder builder;
    private final BlockCache<BlockNode> cache;
    private final Supplier<Assumption> code;
    /** Whether blocks become call targets outside compiled code too (on a Truffle that never compiles). */
    private final boolean promoteUncompiled;
    /** Regions formed so far, and their blocks. */
    int regions;
    int regionBlocks;
    /** The frame cold blocks run on, made for the arguments of the current run (one guest thread runs this). */
    private VirtualFrame coldFrame;

    DispatchStep(FrameDescriptor blockFrame, BlockBuilder builder, BlockCache<BlockNode> cache,
                 Supplier<Assumption> code, boolean promoteUncompiled, StateLayout layout) {
        this.layout = layout;
        this.promoteUncompiled = promoteUncompiled;
        this.blockFrame = blockFrame;
        this.builder = builder;
        this.cache = cache;
        this.code = code;
    }

    /** Runs one block; whether the dispatcher goes on. */
    boolean execute(VirtualFrame frame) {
        Object[] arguments = frame.getArguments();
        Machine machine = Frames.machineArgument(frame);
        long pc = layout.pc(machine, machine.stateAddress());
        BlockNode block = cache.get(pc);
        CallTarget target = block == null ? null : block.target;
        if (target != null && (block.region.compiled || block.regionEntry == 0 && callTarget(block))) {
            Execution execution = Frames.executionArgument(frame);
            execution.regionEntry = block.regionEntry;
            execution.regionCalls++;
            call.call(target, arguments);
        } else {
            runCold(arguments, machine, pc, block, promoteUncompiled || CompilerDirectives.inCompiledCode());
        }
        return Frames.executionArgument(frame).exit == Execution.Exit.CONTINUE
                && !layout.interruptRequested(machine, machine.stateAddress());
    }

    /**
     * Whether to call a region that has not run compiled yet: its first {@link #CALLS_TO_COMPILE} times (so
     * that Truffle sees it called often and compiles it), then once in {@link #PROBE} (to see whether it is compiled
     * now). Otherwise its plain nodes run: an uncompiled target costs several times more, and call-heavy code
     * promotes hundreds of blocks faster than Graal compiles them.
     */
    private static boolean callTarget(BlockNode block) {
        int calls = ++block.targetCalls;
        return calls <= CALLS_TO_COMPILE || calls % PROBE == 0;
    }

    /**
     * Runs a block's plain nodes (building them on first use): a block that heads no region yet, or one whose region
     * is not compiled yet; records where it went; in compiled code, makes a hot block the head of a region.
     */
    @TruffleBoundary
    private void runCold(Object[] arguments, Machine machine, long pc, BlockNode block, boolean promote) {
        if (block == null) {
            block = builder.build(machine, pc);
            cache.put(pc, block);
        }
        VirtualFrame frame = coldFrame;
        if (frame == null || frame.getArguments() != arguments) {
            frame = Truffle.getRuntime().createVirtualFrame(arguments, blockFrame);
            Frames.enter(frame);
            coldFrame = frame;
        }
        long next = block.execute(frame);
        Frames.execution(frame).plainBlocks++;
        if (block.runs < Integer.MAX_VALUE) {
            block.runs++;
        }
        if (Frames.execution(frame).exit == Execution.Exit.CONTINUE) {
            block.recordSuccessor(next);
        }
        if (promote && block.region == null && block.runs >= HOT_RUNS) {
            RegionRoot region = RegionFormation.form(block, cache, builder, machine, blockFrame, code.get());
            regions++;
            regionBlocks += region.size();
        }
    }
}
