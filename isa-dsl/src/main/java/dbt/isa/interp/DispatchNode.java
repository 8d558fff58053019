package dbt.isa.interp;

import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import dbt.isa.exec.Machine;

/**
 * The dispatcher for Truffle without its optimizing runtime (and for running one block or instruction at a time):
 * finds the block at the pc (building it on first use), runs it, and goes on with the next until a block stops with
 * an exit other than CONTINUE (or after one block, when the third argument is {@code true}, or when the machine asks
 * for an interrupt). All blocks share the frame of this call: the ISA's widest instruction fixes its layout.
 *
 * <p>Blocks are not call targets here because a Truffle call without the optimizing compiler is expensive next to
 * a short block: a new frame (four arrays) and its argument array, a frame-stack entry pushed and popped through a
 * thread local, the encapsulating-node thread local saved and restored, a safepoint poll; and the cache lookup
 * boxed the pc. Call-heavy guest code runs blocks of about five instructions, and that per-block work took a
 * quarter to a half of the time (and a young collection every ~100 ms). With the optimizing runtime,
 * {@link CompiledDispatchNode} runs instead.
 */
final class DispatchNode extends RootNode {
    private final BlockBuilder builder;
    private final BlockCache<BlockNode> cache;

    DispatchNode(FrameDescriptor frame, BlockBuilder builder, BlockCache<BlockNode> cache) {
        super(null, frame);
        this.builder = builder;
        this.cache = cache;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        Frames.enter(frame);
        Machine machine = Frames.machine(frame);
        Execution execution = Frames.execution(frame);
        boolean once = (Boolean) frame.getArguments()[2];
        long pc = machine.pc();
        while (true) {
            BlockNode block = cache.get(pc);
            if (block == null) {
                block = insert(builder.build(machine, pc));
                cache.put(pc, block);
            }
            pc = block.execute(frame);
            if (once || execution.exit != Execution.Exit.CONTINUE
                    || builder.layout().interruptRequested(machine, Frames.stateAddress(frame))) {
                return execution.exit;
            }
        }
    }

    @Override
    public String getName() {
        return "dispatch";
    }
}
