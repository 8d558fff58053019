package dbt.isa.interp;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dbt.isa.exec.Machine;
import dbt.isa.model.Csr;

/** Nodes that reach guest memory and control/status registers through the {@link dbt.isa.exec.Machine}. */
final class MachineNodes {
    private MachineNodes() {}

    static final class Load extends ExprNode {
        private final int bytes;
        private final long addressMask;
        @Child private ExprNode address;

        Load(ExprNode address, int bytes, long addressMask) {
            this.address = address;
            this.bytes = bytes;
            this.addressMask = addressMask;
        }

        @Override
        long execute(VirtualFrame frame) {
            return MemoryAccess.load(frame, Frames.machine(frame), address.execute(frame) & addressMask, bytes);
        }
    }

    static final class Store extends StmtNode {
        private final int bytes;
        private final long addressMask;
        @Child private ExprNode address;
        @Child private ExprNode value;

        Store(ExprNode address, ExprNode value, int bytes, long addressMask) {
            this.address = address;
            this.value = value;
            this.bytes = bytes;
            this.addressMask = addressMask;
        }

        @Override
        void execute(VirtualFrame frame) {
            long a = address.execute(frame) & addressMask;
            MemoryAccess.store(frame, Frames.machine(frame), a, bytes, value.execute(frame));
        }
    }

    static final class Reserved extends ExprNode {
        @Child private ExprNode address;

        Reserved(ExprNode address) {
            this.address = address;
        }

        @Override
        long execute(VirtualFrame frame) {
            return Frames.machine(frame).reservation() == address.execute(frame) ? 1 : 0;
        }
    }

    static final class ClearReservation extends StmtNode {
        @Override
        void execute(VirtualFrame frame) {
            Frames.machine(frame).setReservation(-1);
        }
    }

    /** Reads a CSR the decoded instruction names; a CSR the ISA does not declare is an illegal instruction. */
    static final class CsrRead extends ExprNode {
        private final StateLayout layout;
        private final Csr csr;
        private final long number;

        CsrRead(StateLayout layout, Csr csr, long number) {
            this.layout = layout;
            this.csr = csr;
            this.number = number;
        }

        @Override
        long execute(VirtualFrame frame) {
            if (csr == null) {
                CompilerDirectives.transferToInterpreter();
                throw new IllegalInstruction("unknown CSR 0x" + Long.toHexString(number));
            }
            return switch (csr.counter()) {
                case NONE -> csr.read(layout.csr(frame, Frames.machine(frame), csr.slot()));
                case CYCLES, INSTRET -> Frames.execution(frame).retired;
                case TIME -> nanoTime() / 100; // a 10 MHz timebase, as on QEMU's virt board
            };
        }
    }

    static final class CsrWrite extends StmtNode {
        private final StateLayout layout;
        private final Csr csr;
        private final long number;
        @Child private ExprNode value;

        CsrWrite(StateLayout layout, Csr csr, long number, ExprNode value) {
            this.layout = layout;
            this.csr = csr;
            this.number = number;
            this.value = value;
        }

        @Override
        void execute(VirtualFrame frame) {
            long v = value.execute(frame);
            if (csr == null) {
                CompilerDirectives.transferToInterpreter();
                throw new IllegalInstruction("unknown CSR 0x" + Long.toHexString(number));
            }
            if (csr.readOnly()) {
                CompilerDirectives.transferToInterpreter();
                throw new IllegalInstruction("write to read-only CSR " + csr.name());
            }
            Machine m = Frames.machine(frame);
            layout.setCsr(frame, m, csr.slot(), csr.write(layout.csr(frame, m, csr.slot()), v));
        }
    }

    @TruffleBoundary
    private static long nanoTime() {
        return System.nanoTime();
    }

    /** Syscall, breakpoint and fence.i end the block and tell the dispatcher why. */
    static final class ExitEffect extends StmtNode {
        private final Execution.Exit exit;

        ExitEffect(Execution.Exit exit) {
            this.exit = exit;
        }

        @Override
        void execute(VirtualFrame frame) {
            Frames.execution(frame).exit = exit;
        }
    }
}
