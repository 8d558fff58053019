package dbt.isa.interp;

import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.RootNode;

/**
 * The dispatcher for Truffle with its optimizing runtime: a Truffle loop ({@link DispatchStep}) that Graal compiles
 * on its own (on-stack replacement) once it has gone round often enough; cold blocks run as plain nodes, hot ones
 * are call targets that Graal compiles ({@link BlockRoot}). Runs until a block exits with something other than
 * CONTINUE or the machine asks for an interrupt.
 *
 * <p>The loop must be compiled code for the hot blocks to pay: a call into a call target from Java that Truffle did
 * not compile reads Truffle's thread-local state through a call into the VM, which costs more than a short block.
 */
final class CompiledDispatchNode extends RootNode {
    @Child private LoopNode loop;

    CompiledDispatchNode(DispatchStep step) {
        super(null, FrameDescriptor.newBuilder().build());
        this.loop = Truffle.getRuntime().createLoopNode(step);
    }

    @Override
    public Object execute(VirtualFrame frame) {
        loop.execute(frame);
        return Frames.execution(frame).exit;
    }

    @Override
    public String getName() {
        return "dispatch";
    }
}
