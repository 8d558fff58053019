package dbt.isa.interp;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.VirtualFrame;
import dbt.isa.exec.Machine;

/**
 * The frame blocks run on: a dispatch's (one frame for every block it runs) or a region's. Arguments are {machine,
 * execution, run one block only}. Slots, from 0: the context ({@link #enter} fills it from the arguments before the
 * first block runs: the machine, the execution, and the host addresses of the machine's state struct, memory window
 * and permission table, or 0); from {@link #FIRST_LOCAL}, the current instruction's locals, n being the most locals
 * any instruction of the ISA has; then the next pc (set to the fall-through address before each instruction,
 * overwritten by a PC write), and the value the current instruction's atomic body loaded.
 *
 * <p>The context is in slots, not read from the arguments or the machine at each use, because compiled code keeps
 * a frame's slots in registers: the addresses are read once per call of a region. Reads through the arguments array
 * and the machine's fields would be repeated after every store to guest memory or to a register (Graal cannot tell
 * a raw host store from a store to those fields).
 */
final class Frames {
    private static final int MACHINE = 0;
    private static final int EXECUTION = 1;
    private static final int STATE = 2;
    private static final int MEMORY = 3;
    private static final int PERMISSIONS = 4;
    /** The first slot of an instruction's locals. */
    static final int FIRST_LOCAL = 5;

    /**
     * The class of the machine every interpreter in this JVM runs (one, in practice: the runtime's), recorded by the
     * first run. Compiled code tests the argument against it and then knows the exact class, so that register
     * accesses are inlined rather than interface calls; a machine of another class takes the interface call.
     */
    @CompilationFinal(dimensions = 1) private static final Class<?>[] MACHINE_CLASS = new Class<?>[1];

    private Frames() {}

    /** A frame for an ISA whose instructions have at most locals locals. */
    static FrameDescriptor descriptor(int locals) {
        FrameDescriptor.Builder b = FrameDescriptor.newBuilder();
        b.addSlots(FIRST_LOCAL, FrameSlotKind.Static);
        b.addSlots(locals + 2, FrameSlotKind.Long);
        return b.build();
    }

    /** The slot of the next pc. */
    static int nextPcSlot(int locals) {
        return FIRST_LOCAL + locals;
    }

    /** Records the machine's class if none is yet (before anything is compiled, so before the first call). */
    static void profileMachine(Machine machine) {
        if (MACHINE_CLASS[0] == null) {
            MACHINE_CLASS[0] = machine.getClass();
        }
    }

    /** Fills the context slots from the frame's arguments: every root that runs blocks calls it first. */
    static void enter(VirtualFrame frame) {
        Machine m = machineArgument(frame);
        frame.setObjectStatic(MACHINE, m);
        frame.setObjectStatic(EXECUTION, executionArgument(frame));
        frame.setLongStatic(STATE, m.stateAddress());
        frame.setLongStatic(MEMORY, m.memoryBase());
        frame.setLongStatic(PERMISSIONS, m.permissionTable());
    }

    static Machine machine(VirtualFrame frame) {
        return exact(frame.getObjectStatic(MACHINE));
    }

    static Execution execution(VirtualFrame frame) {
        return CompilerDirectives.castExact(frame.getObjectStatic(EXECUTION), Execution.class);
    }

    /** The host address of the machine's state struct ({@link Machine#stateAddress}). */
    static long stateAddress(VirtualFrame frame) {
        return frame.getLongStatic(STATE);
    }

    /** The host address of guest address 0 ({@link Machine#memoryBase}), or 0. */
    static long memoryBase(VirtualFrame frame) {
        return frame.getLongStatic(MEMORY);
    }

    /** The host address of the memory's permission table ({@link Machine#permissionTable}). */
    static long permissionTable(VirtualFrame frame) {
        return frame.getLongStatic(PERMISSIONS);
    }

    /** The machine argument, for a dispatcher whose own frame has no context slots. */
    static Machine machineArgument(VirtualFrame frame) {
        return exact(frame.getArguments()[0]);
    }

    static Execution executionArgument(VirtualFrame frame) {
        return CompilerDirectives.castExact(frame.getArguments()[1], Execution.class);
    }

    private static Machine exact(Object m) {
        Class<?> exact = MACHINE_CLASS[0];
        if (exact != null && m.getClass() == exact) {
            return (Machine) CompilerDirectives.castExact(m, exact);
        }
        return (Machine) m;
    }
}
