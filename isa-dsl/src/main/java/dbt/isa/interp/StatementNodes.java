package dbt.isa.interp;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;

/** Control and data statements: sequences, let, if, register and pc writes. */
final class StatementNodes {
    private StatementNodes() {}

    static final class Sequence extends StmtNode {
        @Children private final StmtNode[] body;

        Sequence(StmtNode[] body) {
            this.body = body;
        }

        @Override
        @ExplodeLoop
        void execute(VirtualFrame frame) {
            for (StmtNode s : body) {
                s.execute(frame);
            }
        }
    }

    /** Sets a frame slot: a local, or the next pc (the frame's last slot). */
    static final class Let extends StmtNode {
        private final int slot;
        @Child private ExprNode value;

        Let(int slot, ExprNode value) {
            this.slot = slot;
            this.value = value;
        }

        @Override
        void execute(VirtualFrame frame) {
            frame.setLong(slot, value.execute(frame));
        }
    }

    static final class If extends StmtNode {
        @Child private ExprNode condition;
        @Child private StmtNode then;
        @Child private StmtNode otherwise;

        If(ExprNode condition, StmtNode then, StmtNode otherwise) {
            this.condition = condition;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        void execute(VirtualFrame frame) {
            if (condition.execute(frame) != 0) {
                then.execute(frame);
            } else {
                otherwise.execute(frame);
            }
        }
    }

    static final class RegWrite extends StmtNode {
        private final StateLayout layout;
        private final int file;
        private final int index;
        @Child private ExprNode value;

        RegWrite(StateLayout layout, int file, int index, ExprNode value) {
            this.layout = layout;
            this.file = file;
            this.index = index;
            this.value = value;
        }

        @Override
        void execute(VirtualFrame frame) {
            long v = value.execute(frame);
            layout.setRegister(frame, Frames.machine(frame), file, index, v);
        }
    }

    /** A write to the hard-wired zero register: the value is computed (it may fault) and dropped. */
    static final class Discard extends StmtNode {
        @Child private ExprNode value;

        Discard(ExprNode value) {
            this.value = value;
        }

        @Override
        void execute(VirtualFrame frame) {
            value.execute(frame);
        }
    }

    static final class DynamicRegWrite extends StmtNode {
        private final int file;
        private final int zeroIndex;
        private final int count;
        @Child private ExprNode index;
        @Child private ExprNode value;

        DynamicRegWrite(int file, int zeroIndex, int count, ExprNode index, ExprNode value) {
            this.file = file;
            this.zeroIndex = zeroIndex;
            this.count = count;
            this.index = index;
            this.value = value;
        }

        @Override
        void execute(VirtualFrame frame) {
            long i = index.execute(frame);
            long v = value.execute(frame);
            if (i < 0 || i >= count) {
                CompilerDirectives.transferToInterpreter();
                throw new SemanticsError("register number " + i + " is out of range");
            }
            if (i != zeroIndex) {
                Frames.machine(frame).setRegister(file, (int) i, v);
            }
        }
    }

    static final class Nothing extends StmtNode {
        @Override
        void execute(VirtualFrame frame) {
        }
    }
}
