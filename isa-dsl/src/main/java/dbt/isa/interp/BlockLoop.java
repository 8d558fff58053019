package dbt.isa.interp;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RepeatingNode;

/**
 * A block that may branch to its own start, run again while it does (and nothing else asks to stop: an exit, an
 * interrupt for the machine). As a Truffle loop, it is compiled on its own once it has run long enough (on-stack
 * replacement), so a hot single-block loop never leaves compiled code.
 */
final class BlockLoop extends Node implements RepeatingNode {
    @Child private BlockNode block;
    private final long start;

    BlockLoop(BlockNode block) {
        this.block = block;
        this.start = block.address();
    }

    @Override
    public boolean executeRepeating(VirtualFrame frame) {
        long next = block.execute(frame);
        return next == start && Frames.execution(frame).exit == Execution.Exit.CONTINUE
                && !Frames.machine(frame).interruptRequested();
    }
}
