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
        if (target != null) {
            call.call(target, arguments);
        } else {
            runCold(arguments, machine, pc, block, promoteUncompiled || CompilerDirectives.inCompiledCode());
        }
        return Frames.execution(frame).exit == Execution.Exit.CONTINUE && !machine.interruptRequested();
    }

    /** Runs a block that has no call target (building it on first use); in compiled code, promotes it when hot. */
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
        if (promote && ++block.runs == HOT_RUNS) {
            BlockNode fresh = builder.build(machine, pc);
            block.target = new BlockRoot(blockFrame, fresh, code.get(), builder.selfBranch(fresh)).getCallTarget();
            promoted++;
        }
    }
}
