package dbt.isa.interp;

import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.RootNode;

/**
 * The dispatcher for Truffle with its optimizing runtime: runs blocks ({@link DispatchStep}) until one exits with
 * something other than CONTINUE or the machine asks for an interrupt, and returns that exit; or returns null after
 * {@link #CHUNK} blocks, and the caller calls again. Cold blocks run as plain nodes; a hot block heads a region, a
 * call target that Graal compiles ({@link RegionRoot}), which runs until the guest leaves it.
 *
 * <p>Returning every {@link #CHUNK} blocks lets Truffle compile this root as a whole, once, from its call and loop
 * counts, and enter the compiled code on the next call: no on-stack replacement, which would compile the loop a
 * second time. Graal is slow to compile here (it is Java, warming up on the same cores), so one compilation fewer
 * is worth having. The loop must be compiled code for the hot blocks to pay: a call into a call target from Java
 * that Truffle did not compile reads Truffle's thread-local state through a call into the VM, which costs more than
 * a short block.
 */
final class CompiledDispatchNode extends RootNode {
    /** Blocks per call: long enough that the return and call cost nothing, short enough to compile soon. */
    static final int CHUNK = 10_000;

    @Child private DispatchStep step;

    CompiledDispatchNode(DispatchStep step) {
        super(null, FrameDescriptor.newBuilder().build());
        this.step = step;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        int blocks = 0;
        try {
            while (blocks < CHUNK) {
                blocks++;
                if (!step.execute(frame)) {
                    return Frames.executionArgument(frame).exit;
                }
            }
            return null;
        } finally {
            LoopNode.reportLoopCount(this, blocks);
        }
    }

    @Override
    public String getName() {
        return "dispatch";
    }
}
