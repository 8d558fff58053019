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
 * One step of {@link CompiledDispatchNode}'s loop: finds the block at the pc (decoding it on first use) and runs it.
 *
 * <p>Until Graal has compiled the dispatch loop, every block runs as plain nodes (Java that HotSpot compiles) on one
 * frame, as in {@link DispatchNode}: calling call targets from uncompiled code costs more than short blocks. In the
 * compiled loop, a block that has run {@link #HOT_RUNS} times there gets a call target of its own ({@link BlockRoot},
 * from a fresh decoding), which the loop calls with its own arguments (nothing allocated per call) and Graal compiles
 * once hot. So the first compilation is the loop's; blocks follow as they get hot. Continues while blocks exit with
 * CONTINUE and the machine asks for no interrupt.
 */
final class DispatchStep extends Node {
    /** Runs in the compiled loop before a block becomes a call target: most blocks run a few times only. */
    static final int HOT_RUNS = 100;
    /** Calls after which Truffle compiles a target (its SingleTierCompilationThreshold, with MultiTier off). */
    static final int CALLS_TO_COMPILE = 1000;
    static final int PROBE = 256;

    @Child private IndirectCallNode call = IndirectCallNode.create();
    private final FrameDescriptor blockFrame;
    private final BlockBuilder builder;
    private final BlockCache<BlockNode> cache;
    private final Supplier<Assumption> code;
    /** Whether blocks become call targets outside compiled code too (on a Truffle that never compiles). */
    private final boolean promoteUncompiled;
    /** Blocks made call targets so far. */
    int promoted;
    /** The frame cold blocks run on, made for the arguments of the current run (one guest thread runs this). */
    private VirtualFrame coldFrame;

    DispatchStep(FrameDescriptor blockFrame, BlockBuilder builder, BlockCache<BlockNode> cache,
                 Supplier<Assumption> code, boolean promoteUncompiled) {
        this.promoteUncompiled = promoteUncompiled;
        this.blockFrame = blockFrame;
        this.builder = builder;
        this.cache = cache;
        this.code = code;
    }

    /** Runs one block; whether the dispatcher goes on. */
    boolean execute(VirtualFrame frame) {
        Object[] arguments = frame.getArguments();
        Machine machine = Frames.machine(frame);
        long pc = machine.pc();
        BlockNode block = cache.get(pc);
        CallTarget target = block == null ? null : block.target;
        if (target != null && (block.targetCompiled || callTarget(block))) {
            call.call(target, arguments);
        } else {
            runCold(arguments, machine, pc, block, promoteUncompiled || CompilerDirectives.inCompiledCode());
        }
        return Frames.execution(frame).exit == Execution.Exit.CONTINUE && !machine.interruptRequested();
    }

    /**
     * Whether to call a block's target that has not run compiled yet: its first {@link #CALLS_TO_COMPILE} times (so
     * that Truffle sees it called often and compiles it), then once in {@link #PROBE} (to see whether it is compiled
     * now). Otherwise its plain nodes run: an uncompiled target costs several times more, and call-heavy code
     * promotes hundreds of blocks faster than Graal compiles them.
     */
    private static boolean callTarget(BlockNode block) {
        int calls = ++block.targetCalls;
        return calls <= CALLS_TO_COMPILE || calls % PROBE == 0;
    }

    /**
     * Runs a block's plain nodes (building them on first use): a block with no call target yet, or one whose target
     * is not compiled yet; in compiled code, gives a hot block a call target.
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
            coldFrame = frame;
        }
        block.execute(frame);
        if (promote && block.target == null && ++block.runs == HOT_RUNS) {
            BlockNode fresh = builder.build(machine, pc);
            block.target = new BlockRoot(blockFrame, fresh, block, code.get(), builder.selfBranch(fresh))
                    .getCallTarget();
            promoted++;
        }
    }
}
