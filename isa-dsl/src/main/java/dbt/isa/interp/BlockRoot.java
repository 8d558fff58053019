package dbt.isa.interp;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.RootNode;

/**
 * One guest block as a Truffle call target, for the optimizing runtime: once it has run often enough, Graal
 * partially evaluates it (its decoded fields are constants of the nodes) into machine code. A block that can branch
 * to its own start ({@link SelfBranch}) loops inside the target, up to {@link #CHUNK} times per call, so a hot
 * single-block loop leaves compiled code once per CHUNK iterations only. Other blocks have no loop: Graal's loop
 * transformations would copy a block's code many times over (a ten-instruction block compiled to 55 KB). The target depends on the code it was decoded from
 * staying as it was: {@code code} is invalidated when the guest's code changes (fence.i, unmapping), which discards
 * the compiled code, and an invalidated block runs nothing (the dispatcher decodes the new code instead).
 */
final class BlockRoot extends RootNode {
    /** Iterations of a block that branches to itself per call (see {@link CompiledDispatchNode#CHUNK}). */
    static final int CHUNK = 10_000;

    @Child private BlockNode block;
    /** The dispatcher's node of the same block, told when this target first runs compiled. */
    private final BlockNode owner;
    private final Assumption code;
    private final long address;
    private final boolean loops;

    BlockRoot(FrameDescriptor frame, BlockNode block, BlockNode owner, Assumption code, boolean loops) {
        super(null, frame);
        this.address = block.address();
        this.code = code;
        this.block = block;
        this.owner = owner;
        this.loops = loops;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        if (!code.isValid()) {
            return null;
        }
        if (CompilerDirectives.inCompiledCode() && !owner.targetCompiled) {
            owner.targetCompiled = true;
        }
        if (!loops) {
            block.execute(frame);
            return null;
        }
        int runs = 0;
        try {
            long next;
            do {
                next = block.execute(frame);
                runs++;
            } while (next == address && runs < CHUNK && Frames.execution(frame).exit == Execution.Exit.CONTINUE
                    && !Frames.machine(frame).interruptRequested());
        } finally {
            LoopNode.reportLoopCount(this, runs);
        }
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
