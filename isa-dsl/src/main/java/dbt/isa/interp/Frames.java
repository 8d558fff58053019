package dbt.isa.interp;

import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.VirtualFrame;
import dbt.isa.exec.Machine;

/**
 * The frame of a dispatch (one frame for every block it runs): arguments are {machine, execution, run one block
 * only}; slots 0..n-1 hold the current instruction's locals, n being the most locals any instruction of the ISA
 * has; slot n holds the next pc (set to the fall-through address before each instruction, overwritten by a PC
 * write); slot n + 1 the value the current instruction's atomic body loaded.
 */
final class Frames {
    private Frames() {}

    static FrameDescriptor descriptor(int locals) {
        FrameDescriptor.Builder b = FrameDescriptor.newBuilder();
        b.addSlots(locals + 2, FrameSlotKind.Long);
        return b.build();
    }

    static Machine machine(VirtualFrame frame) {
        return (Machine) frame.getArguments()[0];
    }

    static Execution execution(VirtualFrame frame) {
        return (Execution) frame.getArguments()[1];
    }
}
