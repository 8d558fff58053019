package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.fp.FloatFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The value a float-to-integer conversion gives for a NaN, as an ISA writes it: RISC-V's {@code fcvt.l.d} is
 * {@code nan_or(a, s64_of_f(a), 2^63 - 1)}, a select on {@code is_nan} of the conversion's operand. On x86 every NaN
 * converts to the "integer indefinite", which {@link FloatLowering}'s conversion sends to the interpreter with the
 * whole guest instruction; where the translated code goes on, the operand was no NaN and the select is the
 * conversion. So, within one guest instruction, the select's users take the conversion, and the select and the
 * classification (10 host instructions a conversion) are left out.
 *
 * <p>This holds for the code this backend makes of the block, not for the IR: the block is rewritten only when it is
 * about to be compiled.
 */
final class ConversionNans {
    private ConversionNans() {}

    /** Rewrites the block's uses of such selects. */
    static void fold(IrBlock block) {
        Map<Inst, Inst> replaced = new HashMap<>();
        List<Inst> sameInstruction = new ArrayList<>();
        for (Inst i : block.insts) {
            if (i.op == Op.GUEST_PC) {
                sameInstruction.clear();
                continue;
            }
            sameInstruction.add(i);
            if (i.op != Op.SELECT || i.operand(0).op != Op.FLOAT1
                    || i.operand(0).aux != FloatFunction.IS_NAN.ordinal()) {
                continue;
            }
            Inst conversion = i.operand(2);
            if (conversion.op == Op.FLOAT1 && isConversionToInteger(conversion.aux)
                    && conversion.operand(0) == i.operand(0).operand(0) && conversion.type == i.type
                    && sameInstruction.contains(conversion)) {
                replaced.put(i, conversion);
            }
        }
        if (replaced.isEmpty()) {
            return;
        }
        block.replaceUses(replaced);
        Map<Inst, Integer> uses = block.useCounts();
        block.insts.removeIf(i -> replaced.containsKey(i) && !uses.containsKey(i));
        Map<Inst, Integer> left = block.useCounts();
        block.insts.removeIf(i -> i.op == Op.FLOAT1 && i.aux == FloatFunction.IS_NAN.ordinal() && !left.containsKey(i));
    }

    private static boolean isConversionToInteger(long function) {
        return function == FloatFunction.TO_S32.ordinal() || function == FloatFunction.TO_S64.ordinal()
                || function == FloatFunction.TO_U32.ordinal() || function == FloatFunction.TO_U64.ordinal();
    }
}
