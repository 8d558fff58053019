package dbt.isa.interp;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dbt.ir.fp.FloatBuiltins;
import dbt.ir.fp.FloatFlags;
import dbt.ir.fp.FloatFunction;
import dbt.isa.exec.Machine;
import dbt.isa.model.Csr;

/**
 * A floating-point built-in: evaluates its operands and rounding mode, computes exactly ({@link FloatBuiltins}),
 * and ORs the exception flags it raised into the ISA's float-flags CSR. A rounding mode other than the five makes
 * the instruction illegal.
 */
final class FloatNode extends ExprNode {
    private final FloatFunction function;
    private final int format;
    private final int operandWidth;
    /** Where flags accrue; null for a function that raises none. */
    private final Csr flags;
    private final StateLayout layout;
    @Children private final ExprNode[] operands;
    @Child private ExprNode rounding;

    FloatNode(FloatFunction function, int format, int operandWidth, ExprNode[] operands, ExprNode rounding, Csr flags,
              StateLayout layout) {
        this.layout = layout;
        this.function = function;
        this.format = format;
        this.operandWidth = operandWidth;
        this.operands = operands;
        this.rounding = rounding;
        this.flags = flags;
    }

    @Override
    long execute(VirtualFrame frame) {
        long a = operands[0].execute(frame);
        long b = operands.length > 1 ? operands[1].execute(frame) : 0;
        long c = operands.length > 2 ? operands[2].execute(frame) : 0;
        long rm = rounding != null ? rounding.execute(frame) : 0;
        FloatFlags raised = new FloatFlags();
        long result = evaluate(function, format, operandWidth, a, b, c, rm, raised);
        if (raised.bits != 0 && flags != null) {
            Machine m = Frames.machine(frame);
            long slot = layout.csr(frame, m, flags.slot());
            layout.setCsr(frame, m, flags.slot(), flags.write(slot, flags.read(slot) | raised.bits));
        }
        return result;
    }

    /** Exact arithmetic is large, general Java: compiled code calls it rather than inlining it. */
    @TruffleBoundary
    private static long evaluate(FloatFunction function, int format, int width, long a, long b, long c, long rm,
                                 FloatFlags raised) {
        try {
            return FloatBuiltins.evaluate(function, format, width, a, b, c, rm, raised);
        } catch (FloatBuiltins.BadRoundingMode e) {
            throw new IllegalInstruction("rounding mode " + e.mode + " is not one of the five IEEE modes");
        }
    }
}
