package dbt.isa.interp;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ControlFlowException;
import java.lang.invoke.VarHandle;

/**
 * The nodes of an {@code atomic} body (see {@code Stmt.Atomic}): its load records the value it read in the frame's
 * atomic slot; its store is a compare-and-swap against that value (or, in a body that loads nothing, against the
 * value the reservation recorded); a store that finds memory changed clears the reservation and runs the body again.
 * So another guest thread's store between the body's load and its store is never lost.
 */
final class AtomicNodes {
    private AtomicNodes() {}

    /** Thrown by a store that found memory changed: the body runs again. */
    private static final class Retry extends ControlFlowException {
        private static final long serialVersionUID = 1L;
        static final Retry INSTANCE = new Retry();
    }

    static final class Body extends StmtNode {
        @Child private StmtNode body;

        Body(StmtNode body) {
            this.body = body;
        }

        @Override
        void execute(VirtualFrame frame) {
            while (true) {
                try {
                    body.execute(frame);
                    return;
                } catch (Retry r) {
                    Frames.machine(frame).setReservation(-1);
                }
            }
        }
    }

    static final class Load extends ExprNode {
        private final int bytes;
        private final long addressMask;
        private final int loadedSlot;
        @Child private ExprNode address;

        Load(ExprNode address, int bytes, long addressMask, int loadedSlot) {
            this.address = address;
            this.bytes = bytes;
            this.addressMask = addressMask;
            this.loadedSlot = loadedSlot;
        }

        @Override
        long execute(VirtualFrame frame) {
            long v = MemoryAccess.load(frame, Frames.machine(frame), address.execute(frame) & addressMask, bytes);
            frame.setLong(loadedSlot, v);
            return v;
        }
    }

    /** The store: compared with the loaded value (loadedSlot), or with the reserved value (loadedSlot -1). */
    static final class Store extends StmtNode {
        private final int bytes;
        private final long addressMask;
        private final int loadedSlot;
        @Child private ExprNode address;
        @Child private ExprNode value;

        Store(ExprNode address, ExprNode value, int bytes, long addressMask, int loadedSlot) {
            this.address = address;
            this.value = value;
            this.bytes = bytes;
            this.addressMask = addressMask;
            this.loadedSlot = loadedSlot;
        }

        @Override
        void execute(VirtualFrame frame) {
            long a = address.execute(frame) & addressMask;
            long v = value.execute(frame);
            var m = Frames.machine(frame);
            long expected = loadedSlot >= 0 ? frame.getLong(loadedSlot) : m.reservedValue();
            if (!MemoryAccess.compareAndSwap(m, a, bytes, expected, v)) {
                CompilerDirectives.transferToInterpreter();
                throw Retry.INSTANCE;
            }
        }
    }

    /** Reserves the address with the value the body loaded (0 if it loaded nothing: loadedSlot -1). */
    static final class Reserve extends StmtNode {
        private final int loadedSlot;
        @Child private ExprNode address;

        Reserve(ExprNode address, int loadedSlot) {
            this.address = address;
            this.loadedSlot = loadedSlot;
        }

        @Override
        void execute(VirtualFrame frame) {
            var m = Frames.machine(frame);
            m.setReservation(address.execute(frame));
            m.setReservedValue(loadedSlot >= 0 ? frame.getLong(loadedSlot) : 0);
        }
    }

    /** A fence between guest threads: the interpreter's own accesses are plain, so a full one. */
    static final class Fence extends StmtNode {
        @Override
        void execute(VirtualFrame frame) {
            VarHandle.fullFence();
        }
    }
}
