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
 * Guest register reads that one comparison or one addition, subtraction, {@code and}, {@code or} or {@code xor} alone
 * uses, which reads the register's place in the state as its memory operand ({@code cmp r13, QWORD PTR [r15+0xe8]},
 * {@code add rbx, QWORD PTR [r15+0x90]}) instead of loading it into a register of its own first: a loop's bound or a
 * table's limit that a block reads only to test against (statemachine's {@code bgeu t4, a4}, once per input byte), a
 * base read only to add an index to. Their location is the state ({@link Lowering#loc}).
 *
 * <p>Only of a register the block never writes, whose place in the state then holds its value all through the block,
 * on its cold paths too (a write-back stores the registers the block wrote): outside self-loops (whose reads stay in
 * host registers across iterations), a block's reads are of its entry values, which the state has (a region's blocks
 * write back at their edges, so each block is its own). Not of a pinned register, whose state is its host register.
 */
final class StateReads {
    private StateReads() {
    }

    /** The ops that read an operand from memory in place (a comparison's compare, the two-operand ALU forms). */
    static final Set<Op> USERS = Set.of(Op.EQ, Op.NE, Op.LT_S, Op.LE_S, Op.GT_S, Op.GE_S, Op.LT_U, Op.LE_U, Op.GT_U,
            Op.GE_U, Op.ADD, Op.SUB, Op.AND, Op.OR, Op.XOR);

    /**
     * The reads among insts[from..] (blocks ending at segmentEnds; before from, a region's homes) that their one user
     * reads from the state.
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
                if (insts.get(k).op == Op.SET_REG) {
                    written.add(insts.get(k).registerKey());
                }
            }
            for (int k = from; k <= end; k++) {
                Inst i = insts.get(k);
                if (i.op == Op.GET_REG && i.type == Type.I64 && !written.contains(i.registerKey())
                        && pinned.host(i.registerKey()) == null && operandUses.getOrDefault(i, 0) == 1
                        && USERS.contains(user.get(i).op)) {
                    out.add(i);
                }
            }
            from = end + 1;
        }
        return out;
    }
}
