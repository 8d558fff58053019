package dbt.isa.interp;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import dbt.isa.exec.Machine;
import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * One register whose number decoding fixed, read or written where the machine keeps it. When the machine's
 * registers are in a native struct ({@link Machine#stateAddress}), it is one memory access at the struct's address
 * plus the register's offset, which the first access asks for and compiled code then holds as a constant: a few
 * machine instructions, where the general accessor (bounds, liveness and alignment checks of a memory segment)
 * made Graal's graph of a ten-instruction block ten times larger. Otherwise it is the machine's accessor.
 *
 * <p>The offset stays valid for every machine the node runs on: one ISA gives every state the same layout.
 */
final class RegisterAccess extends Node {
    private static final Unsafe UNSAFE = unsafe();
    private static final int UNKNOWN = -1;
    private static final int NOT_NATIVE = -2;

    private final int file;
    private final int index;
    @CompilerDirectives.CompilationFinal private int offset = UNKNOWN;

    RegisterAccess(int file, int index) {
        this.file = file;
        this.index = index;
    }

    long read(VirtualFrame frame) {
        Machine m = Frames.machine(frame);
        int at = offset(m);
        return at >= 0 ? UNSAFE.getLong(m.stateAddress() + at) : m.register(file, index);
    }

    void write(VirtualFrame frame, long value) {
        Machine m = Frames.machine(frame);
        int at = offset(m);
        if (at >= 0) {
            UNSAFE.putLong(m.stateAddress() + at, value);
        } else {
            m.setRegister(file, index, value);
        }
    }

    private int offset(Machine m) {
        if (offset == UNKNOWN) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            offset = m.stateAddress() != 0 ? m.registerOffset(file, index) : NOT_NATIVE;
        }
        return offset;
    }

    private static Unsafe unsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
