package dbt.isa.interp;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.RootNode;

/**
 * One guest block as a Truffle call target, for the optimizing runtime: once it has run often enough, Graal
 * partially evaluates it (its decoded fields are constants of the nodes) into machine code. A block that branches
 * to its own start loops inside the target ({@link BlockLoop}; for any other block that costs one comparison). The target depends on the code it was decoded from
 * staying as it was: {@code code} is invalidated when the guest's code changes (fence.i, unmapping), which discards
 * the compiled code, and an invalidated block runs nothing (the dispatcher decodes the new code instead).
 */
final class BlockRoot extends RootNode {
    @Child private LoopNode loop;
    private final Assumption code;
    private final long address;

    BlockRoot(FrameDescriptor frame, BlockNode block, Assumption code) {
        super(null, frame);
        this.address = block.address();
        this.code = code;
        this.loop = Truffle.getRuntime().createLoopNode(new BlockLoop(block));
    }

    @Override
    public Object execute(VirtualFrame frame) {
        if (!code.isValid()) {
            return null;
        }
        loop.execute(frame);
        return null;
    }

    @Override
    public String getName() {
        return "block@0x" + Long.toHexString(address);
    }

    @Override
    public String toString() {
        return getName();
    }
}
