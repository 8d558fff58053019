package dbt.ir.pass;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Common subexpressions: a pure op ({@link Op#isPure}) of the same operands as an earlier one, with the same type and
 * constants, is that earlier value; its uses read the earlier one (the dead op left behind is
 * {@link DeadCodeElimination}'s). Operands are compared by identity, after the replacements made so far, so a chain
 * of equal computations becomes one in a single walk. A lifter writes the same computation once per guest
 * instruction that needs it: RISC-V's float registers hold singles NaN-boxed, and every read of a single unboxes it
 * ({@code select(eq(trunc(shr(x, 32)), -1), trunc(x), canonical NaN)}), so a register read by three instructions
 * was unboxed three times. Constants are left alone: one used far from another would hold a register between them.
 */
public final class CommonSubexpressions implements Pass {
    @Override
    public String name() {
        return "cse";
    }

    /** What makes two pure ops the same value. */
    private record Key(Op op, Type type, long aux, long aux2, Inst[] operands) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && op == k.op && type == k.type && aux == k.aux && aux2 == k.aux2
                    && Arrays.equals(operands, k.operands); // (Inst's equals is identity)
        }

        @Override
        public int hashCode() {
            return (op.hashCode() * 31 + Long.hashCode(aux)) * 31 + Arrays.hashCode(operands);
        }
    }

    @Override
    public void run(IrBlock block) {
        Map<Key, Inst> seen = new HashMap<>();
        Map<Inst, Inst> same = new HashMap<>();
        Map<Key, Inst> constants = new HashMap<>(); // the first constant of each type and value: what keys hold
        for (Inst i : block.insts) { // (operands come before their uses: one walk rewrites them all)
            if (i.isConst()) {
                constants.putIfAbsent(new Key(Op.CONST, i.type, i.aux, 0, NONE), i);
                continue;
            }
            Inst[] operands = i.operands.clone();
            for (int k = 0; k < operands.length; k++) {
                Inst s = same.get(operands[k]);
                if (s != null) {
                    i.operands[k] = s;
                    operands[k] = s;
                } else if (operands[k].isConst()) {
                    operands[k] = constants.get(new Key(Op.CONST, operands[k].type, operands[k].aux, 0, NONE));
                }
            }
            if (i.op.isPure() && !i.fused) {
                Inst earlier = seen.putIfAbsent(new Key(i.op, i.type, i.aux, i.aux2, operands), i);
                if (earlier != null) {
                    same.put(i, earlier);
                }
            }
        }
    }

    private static final Inst[] NONE = {};
}
