package dbt.isa.interp;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import dbt.isa.exec.Machine;
import dbt.isa.model.Field;

/** Leaves and simple reshaping of values: constants, locals, registers, slices, concatenation, extension. */
final class ValueNodes {
    private ValueNodes() {}

    /** A literal, a field of the decoded instruction, or the instruction's own address. */
    static final class Const extends ExprNode {
        private final long value;

        Const(long value) {
            this.value = value;
        }

        @Override
        long execute(VirtualFrame frame) {
            return value;
        }
    }

    static final class LocalRead extends ExprNode {
        private final int slot;

        LocalRead(int slot) {
            this.slot = slot;
        }

        @Override
        long execute(VirtualFrame frame) {
            return frame.getLong(slot);
        }
    }

    /** Evaluates value into a local, then body (an inlined function's parameter). */
    static final class Bind extends ExprNode {
        private final int slot;
        @Child private ExprNode value;
        @Child private ExprNode body;

        Bind(int slot, ExprNode value, ExprNode body) {
            this.slot = slot;
            this.value = value;
            this.body = body;
        }

        @Override
        long execute(VirtualFrame frame) {
            frame.setLong(slot, value.execute(frame));
            return body.execute(frame);
        }
    }

    /** A register whose number the decoded instruction fixes. The hard-wired zero register is a Const instead. */
    static final class RegRead extends ExprNode {
        private final StateLayout layout;
        private final int file;
        private final int index;

        RegRead(StateLayout layout, int file, int index) {
            this.layout = layout;
            this.file = file;
            this.index = index;
        }

        @Override
        long execute(VirtualFrame frame) {
            return layout.register(frame, Frames.machine(frame), file, index);
        }
    }

    /** A register chosen at run time (rare: a computed register number). */
    static final class DynamicRegRead extends ExprNode {
        private final int file;
        private final int zeroIndex;
        private final int count;
        @Child private ExprNode index;

        DynamicRegRead(int file, int zeroIndex, int count, ExprNode index) {
            this.file = file;
            this.zeroIndex = zeroIndex;
            this.count = count;
            this.index = index;
        }

        @Override
        long execute(VirtualFrame frame) {
            long i = index.execute(frame);
            if (i == zeroIndex) {
                return 0;
            }
            if (i < 0 || i >= count) {
                CompilerDirectives.transferToInterpreter();
                throw new SemanticsError("register number " + i + " is out of range");
            }
            Machine m = Frames.machine(frame);
            return m.register(file, (int) i);
        }
    }

    static final class Slice extends ExprNode {
        private final int lo;
        private final long mask;
        @Child private ExprNode operand;

        Slice(ExprNode operand, int hi, int lo) {
            this.operand = operand;
            this.lo = lo;
            this.mask = Field.lowBits(hi - lo + 1);
        }

        @Override
        long execute(VirtualFrame frame) {
            return (operand.execute(frame) >>> lo) & mask;
        }
    }

    static final class Concat extends ExprNode {
        private final int loWidth;
        @Child private ExprNode hi;
        @Child private ExprNode lo;

        Concat(ExprNode hi, ExprNode lo, int loWidth) {
            this.hi = hi;
            this.lo = lo;
            this.loWidth = loWidth;
        }

        @Override
        long execute(VirtualFrame frame) {
            long h = hi.execute(frame);
            return (h << loWidth) | lo.execute(frame);
        }
    }

    static final class SignExtend extends ExprNode {
        private final int from;
        private final int to;
        @Child private ExprNode operand;

        SignExtend(ExprNode operand, int from, int to) {
            this.operand = operand;
            this.from = from;
            this.to = to;
        }

        @Override
        long execute(VirtualFrame frame) {
            return Field.truncate(Field.signExtend(operand.execute(frame), from), to);
        }
    }

    static final class Select extends ExprNode {
        @Child private ExprNode condition;
        @Child private ExprNode ifTrue;
        @Child private ExprNode ifFalse;

        Select(ExprNode condition, ExprNode ifTrue, ExprNode ifFalse) {
            this.condition = condition;
            this.ifTrue = ifTrue;
            this.ifFalse = ifFalse;
        }

        @Override
        long execute(VirtualFrame frame) {
            return condition.execute(frame) != 0 ? ifTrue.execute(frame) : ifFalse.execute(frame);
        }
    }
}
