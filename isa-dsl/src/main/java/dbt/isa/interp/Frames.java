package dbt.isa.interp;

import com.oracle.truffle.api.frame.VirtualFrame;
import dbt.isa.exec.Machine;

/**
 * The frame layout of a block: arguments are {machine, execution}; slots 0..n-1 hold the current instruction's
 * locals; slot n holds the next pc (set to the fall-through address before each instruction, overwritten by a
 * PC write).
 */
final class Frames {
    private Frames() {}

    static Machine machine(VirtualFrame frame) {
        return (Machine) frame.getArguments()[0];
    }

    static Execution execution(VirtualFrame frame) {
        return (Execution) frame.getArguments()[1];
    }
}
