package dbt.ir.pass;

import dbt.ir.Arithmetic;
import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.analysis.ReplacedWrites;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Moves the constant of an addition outwards, through the additions that use it, so that constants meet and fold and
 * the sum ends as {@code value + constant}, which a backend folds into a memory operand's displacement. Compilers for
 * RISC-V split a large offset over several instructions ({@code lui t5, 1; addi t5, t5, -2016; add t5, t5, a4;
 * add a4, t5, sp; ld a4, -2048(a4)}: a stack array past 2 KiB), and none of the pieces is a displacement on its own.
 * <ul>
 * <li>{@code (x + c1) + c2} is {@code x + (c1 + c2)};</li>
 * <li>{@code (x + c) + y}, or {@code y + (x + c)}, where nothing else reads {@code x + c} but writes of guest
 *     registers that the block writes again later, is {@code (x + y) + c}: a new addition of x and y right before
 *     it; the old one is left to dead code elimination, or to the cold paths that write it back.</li>
 * </ul>
 * In the example, the load's address becomes {@code (a4 + sp) + 32}: one addition where there were three, and a
 * displacement. Addition wraps at the type's width, so any grouping gives the same value.
 */
public final class ConstantOffsets implements Pass {
    @Override
    public String name() {
        return "offsets";
    }

    @Override
    public void run(IrBlock block) {
        Map<Inst, Integer> uses = hotUses(block);
        for (int k = 0; k < block.insts.size(); k++) {
            Inst i = block.insts.get(k);
            if (i.op != Op.ADD) {
                continue;
            }
            Inst a = i.operand(0);
            Inst b = i.operand(1);
            Inst[] inner = offset(a, i) != null ? offset(a, i) : offset(b, i);
            Inst other = offset(a, i) != null ? b : a;
            if (inner == null) {
                continue;
            }
            if (other.isConst()) {
                long c = Arithmetic.apply(Op.ADD, inner[1].aux, other.aux, i.type.bits);
                Inst sum = new Inst(Op.CONST, i.type, c, 0);
                block.insts.add(k++, sum);
                rewrite(i, uses, inner[0], sum);
            } else if (uses.getOrDefault(other == a ? b : a, 0) == 1) {
                Inst grouped = new Inst(Op.ADD, i.type, 0, 0, inner[0], other);
                block.insts.add(k++, grouped);
                uses.merge(inner[0], 1, Integer::sum);
                uses.merge(other, 1, Integer::sum);
                rewrite(i, uses, grouped, inner[1]);
            }
        }
    }

    /**
     * How many times each value is used, not counting writes of a guest register that the block writes again later
     * (a value only those read is computed only where a cold path writes it back: see SinkToUses).
     */
    private static Map<Inst, Integer> hotUses(IrBlock block) {
        Map<Inst, Integer> uses = new HashMap<>();
        Set<Inst> replaced = ReplacedWrites.of(block.insts);
        for (Inst i : block.insts) {
            if (!replaced.contains(i)) {
                for (Inst o : i.operands) {
                    uses.merge(o, 1, Integer::sum);
                }
            }
        }
        return uses;
    }

    /** For an addition of a constant to a value, of user's type: {value, constant}; else null. */
    private static Inst[] offset(Inst v, Inst user) {
        boolean offset = v.op == Op.ADD && v.type == user.type && v.operand(1).isConst() && !v.operand(0).isConst();
        return offset ? v.operands : null;
    }

    /** Makes i the addition of x and c, keeping the use counts. */
    private static void rewrite(Inst i, Map<Inst, Integer> uses, Inst x, Inst c) {
        for (Inst o : i.operands) {
            uses.merge(o, -1, Integer::sum);
        }
        i.operands = new Inst[] {x, c};
        uses.merge(x, 1, Integer::sum);
        uses.merge(c, 1, Integer::sum);
    }
}
