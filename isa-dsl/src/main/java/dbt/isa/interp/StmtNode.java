package dbt.isa.interp;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;

/** A semantic statement of one decoded instruction. */
abstract class StmtNode extends Node {
    abstract void execute(VirtualFrame frame);
}
