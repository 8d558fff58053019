package dbt.isa.interp;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;

/** A semantic expression of one decoded instruction. Values are bit vectors zero-extended into a long. */
abstract class ExprNode extends Node {
    abstract long execute(VirtualFrame frame);
}
