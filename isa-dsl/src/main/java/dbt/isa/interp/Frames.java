package dbt.isa.interp;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.VirtualFrame;
import dbt.isa.exec.Machine;

/**
 * The frame of a dispatch (one frame for every block it runs) or of one block's call target: arguments are
 * {machine, execution, run one block only}; slots 0..n-1 hold the current instruction's locals, n being the most
 * locals any instruction of the ISA has; slot n holds the next pc (set to the fall-through address before each
 * instruction, overwritten by a PC write); slot n + 1 the value the current instruction's atomic body loaded.
 */
final class Frames {
    /**
     * The class of the machine every interpreter in this JVM runs (one, in practice: the runtime's), recorded by the
     * first run. Compiled code tests the argument against it and then knows the exact class, so that register
     * accesses are inlined rather than interface calls; a machine of another class takes the interface call.
     */
    @CompilationFinal(dimensions = 1) private static final Class<?>[] MACHINE_CLASS = new Class<?>[1];

    private Frames() {}

    static FrameDescriptor descriptor(int locals) {
        FrameDescriptor.Builder b = FrameDescriptor.newBuilder();
        b.addSlots(locals + 2, FrameSlotKind.Long);
        return b.build();
    }

    /** Records the machine's class if none is yet (before anything is compiled, so before the first call). */
    static void profileMachine(Machine machine) {
        if (MACHINE_CLASS[0] == null) {
            MACHINE_CLASS[0] = machine.getClass();
        }
    }

    static Machine machine(VirtualFrame frame) {
        Object m = frame.getArguments()[0];
        Class<?> exact = MACHINE_CLASS[0];
        if (exact != null && m.getClass() == exact) {
            return (Machine) CompilerDirectives.castExact(m, exact);
        }
        return (Machine) m;
    }

    static Execution execution(VirtualFrame frame) {
        return CompilerDirectives.castExact(frame.getArguments()[1], Execution.class);
    }
}
