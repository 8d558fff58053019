package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guest register reads that one comparison alone uses, which compares with the register's place in the state
 * ({@code cmp r13, QWORD PTR [r15+0xe8]}) instead of loading it into a register of its own first: a loop's bound or
 * a table's limit that a block reads only to test against (statemachine's {@code bgeu t4, a4}, once per input byte).
 *
 * <p>Valid where the state holds the register's value all through the block: outside self-loops (whose reads stay in
 * host registers across iterations), a block's reads are of its entry values, which the state keeps until the block
 * writes back (a region's blocks write back at their edges, so each block is its own), and a register write stored
 * where it is made ({@link EagerWrites}) is not made for a register such a read loads (it is folded into its use).
 * Not for a pinned register, whose state is its host register.
 */
final class ComparedReads {
    private ComparedReads() {
    }

    static final Set<Op> COMPARISONS = Set.of(Op.EQ, Op.NE, Op.LT_S, Op.LE_S, Op.GT_S, Op.GE_S, Op.LT_U, Op.LE_U,
            Op.GT_U, Op.GE_U);

    /**
     * The reads among insts[from..] (blocks ending at segmentEnds; before from, a region's homes) that their comparison
     * loads from the state.
     */
    static Set<Inst> of(List<Inst> insts, int from, int[] segmentEnds, PinnedRegisters pinned) {
        Map<Inst, Integer> operandUses = new HashMap<>();
        Map<Inst, Inst> user = new HashMap<>();
        for (Inst i : insts) {
            for (Inst o : i.operands) {
                operandUses.merge(o, 1, Integer::sum);
                user.put(o, i);
            }
        }
        Set<Inst> out = new HashSet<>();
        for (int end : segmentEnds) {
            Set<Long> written = new HashSet<>();
            for (int k = from; k <= end; k++) {
                Inst i = insts.get(k);
                if (i.op == Op.SET_REG) {
                    written.add(i.registerKey());
                }
                if (i.op == Op.GET_REG && i.type == Type.I64 && !written.contains(i.registerKey())
                        && pinned.host(i.registerKey()) == null && operandUses.getOrDefault(i, 0) == 1
                        && COMPARISONS.contains(user.get(i).op)) {
                    out.add(i);
                }
            }
            from = end + 1;
        }
        for (Inst r : List.copyOf(out)) { // (of two reads one comparison compares, one is loaded)
            Inst c = user.get(r);
            if (c.operand(0) == r && out.contains(c.operand(1))) {
                out.remove(r);
            }
        }
        return out;
    }
}
