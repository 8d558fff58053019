package dbt.isa.interp;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;

/** One decoded instruction: sets the fall-through pc, then runs its semantics (which may overwrite it). */
final class InstructionNode extends Node {
    final long address;
    private final long fallThrough;
    private final int nextPcSlot;
    @Child private StmtNode semantics;

    InstructionNode(long address, int bytes, int nextPcSlot, StmtNode semantics) {
        this.address = address;
        this.fallThrough = address + bytes;
        this.nextPcSlot = nextPcSlot;
        this.semantics = semantics;
    }

    void execute(VirtualFrame frame) {
        frame.setLong(nextPcSlot, fallThrough);
        semantics.execute(frame);
    }
}
