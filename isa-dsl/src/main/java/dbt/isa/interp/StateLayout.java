package dbt.isa.interp;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import dbt.isa.exec.Machine;
import dbt.isa.exec.NativeMemory;
import dbt.isa.model.IsaModel;
import java.util.Arrays;

/**
 * Where the machines an interpreter runs keep their registers, CSRs, pc and interrupt word, and the accesses to
 * them. When the state is a native struct ({@link Machine#stateAddress}), a register is one memory access at the
 * struct's address (a frame slot, see {@link Frames#stateAddress}) plus the register's offset, a constant of compiled
 * code: a few machine instructions, where the general accessor (bounds, liveness and alignment checks of a memory
 * segment) made Graal's graph of a ten-instruction block ten times larger, and the runtime's pc and CSR accessors
 * (var handles) were calls. Otherwise it is the machine's accessor.
 *
 * <p>The offsets are asked for once, from the first machine the interpreter runs ({@link #resolve}, before anything
 * runs and so before anything is compiled), and stay valid for every machine it runs: one ISA gives every state the
 * same layout. Resolving them up front, not at a node's first run, keeps a block that has not run yet from compiling
 * to a deoptimization that discards its region's code.
 */
final class StateLayout {
    private static final int NONE = -1;

    @CompilationFinal(dimensions = 2) private final int[][] registers;
    @CompilationFinal(dimensions = 1) private final int[] csrs;
    @CompilationFinal private int pc = NONE;
    @CompilationFinal private int interrupt = NONE;
    private volatile boolean resolved;

    StateLayout(IsaModel model) {
        registers = new int[model.registerFiles().size()][];
        for (int f = 0; f < registers.length; f++) {
            registers[f] = new int[model.registerFiles().get(f).count()];
            Arrays.fill(registers[f], NONE);
        }
        csrs = new int[model.csrSlots()];
        Arrays.fill(csrs, NONE);
    }

    /** Takes the offsets from m if they are not known yet (called before every run; only the first asks). */
    void resolve(Machine m) {
        if (resolved) {
            return;
        }
        if (m.stateAddress() != 0) {
            for (int f = 0; f < registers.length; f++) {
                for (int i = 0; i < registers[f].length; i++) {
                    registers[f][i] = m.registerOffset(f, i);
                }
            }
            for (int s = 0; s < csrs.length; s++) {
                csrs[s] = m.csrOffset(s);
            }
            pc = m.pcOffset();
            interrupt = m.interruptOffset();
        }
        resolved = true;
    }

    long register(VirtualFrame frame, Machine m, int file, int index) {
        int at = registers[file][index];
        return at >= 0 ? NativeMemory.getLong(Frames.stateAddress(frame) + at) : m.register(file, index);
    }

    void setRegister(VirtualFrame frame, Machine m, int file, int index, long value) {
        int at = registers[file][index];
        if (at >= 0) {
            NativeMemory.putLong(Frames.stateAddress(frame) + at, value);
        } else {
            m.setRegister(file, index, value);
        }
    }

    /** A CSR's storage, by the slot the ISA model gives it. */
    long csr(VirtualFrame frame, Machine m, int slot) {
        int at = csrs[slot];
        return at >= 0 ? NativeMemory.getLong(Frames.stateAddress(frame) + at) : m.csr(slot);
    }

    void setCsr(VirtualFrame frame, Machine m, int slot, long value) {
        int at = csrs[slot];
        if (at >= 0) {
            NativeMemory.putLong(Frames.stateAddress(frame) + at, value);
        } else {
            m.setCsr(slot, value);
        }
    }

    /** The pc of m, whose state struct is at state ({@link Machine#stateAddress}). */
    long pc(Machine m, long state) {
        return pc >= 0 ? NativeMemory.getLong(state + pc) : m.pc();
    }

    void setPc(Machine m, long state, long value) {
        if (pc >= 0) {
            NativeMemory.putLong(state + pc, value);
        } else {
            m.setPc(value);
        }
    }

    /**
     * Whether the runtime asks m to stop at this block boundary ({@link Machine#interruptRequested}): a volatile
     * load of the word another thread sets, so that compiled code does not hoist it out of a guest loop.
     */
    boolean interruptRequested(Machine m, long state) {
        return interrupt >= 0 ? NativeMemory.getLongVolatile(state + interrupt) != 0 : m.interruptRequested();
    }
}
