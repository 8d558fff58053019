package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.ir.fp.FloatFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fused multiply-adds whose NaN tests are one. Each fused multiply-add is followed by a test of its result for a NaN
 * ({@link FloatLowering}: x86 raises no invalid for {@code inf * 0 + qNaN}, RISC-V does, and a NaN result goes to the
 * interpreter), which costs more than the instruction count says: nbody runs 1.61 s with a test after each of its
 * eight, 1.32 s with none (a third of them: 1.40). Here a run of up to {@link #MAX_MEMBERS} fused multiply-adds
 * within a block, with nothing between them but {@link Op#isPure pure} ops (constants, integer arithmetic,
 * canonical-NaN selects), guest-instruction marks, register writes and reads (nothing that can leave the block), is
 * tested once, after its last:
 * one unordered compare of two results, or the first results' unordered masks combined, then one branch. A NaN
 * sends the run's first guest instruction to the interpreter, with the guest registers as they were before it: the
 * register writes inside the run move after its last fused multiply-add, so that every value the cold path writes
 * back is the one it had before the first, and nothing visible (a store, a fault, an exit) happened since.
 *
 * <p>Invariant kept by the caller: each member's result lives until the instruction after the last member, in its
 * carrier ({@link #carriers}, {@link #keepCarriers}), which has a location of its own (not an xmm register that only
 * a NAN_SELECT reads).
 */
final class FmaCheckGroups {
    /** A run's members in order, and the guest address of the instruction its first belongs to. */
    record Group(List<Inst> members, long firstPc) {
        Inst last() {
            return members.getLast();
        }
    }

    /**
     * At most this many in a run: each member's result lives until the test, so a longer run, or one with other float
     * arithmetic between its members (nbody's sqrt and division between its first two and the next three: 5 % slower
     * than a test each), holds registers the code around it needs.
     */
    static final int MAX_MEMBERS = 3;

    private FmaCheckGroups() {
    }

    /**
     * The groups among insts[from, to] (of one block: a mark of the guest instruction before each member), each
     * member mapped to its group; their register writes moved after their last members (the list is rewritten).
     */
    static Map<Inst, Group> form(List<Inst> insts, int from, int to, boolean fma) {
        Map<Inst, Group> out = new HashMap<>();
        if (!fma) {
            return out;
        }
        long pc = -1;
        Set<Long> written = new HashSet<>(); // (registers written before: see quiet)
        for (int k = 0; k < from; k++) {
            if (insts.get(k).op == Op.SET_REG) {
                written.add(insts.get(k).registerKey());
            }
        }
        for (int k = from; k <= to; k++) {
            Inst first = insts.get(k);
            if (first.op == Op.GUEST_PC) {
                pc = first.aux;
            } else if (first.op == Op.SET_REG) {
                written.add(first.registerKey());
            }
            if (!checked(first) || pc < 0) {
                continue;
            }
            boolean doubles = first.type == Type.I64;
            List<Inst> members = new ArrayList<>(List.of(first));
            int last = k;
            Set<Long> writes = new HashSet<>(written);
            for (int j = k + 1; j <= to && quiet(insts.get(j), writes) && members.size() < MAX_MEMBERS; j++) {
                Inst i = insts.get(j);
                if (i.op == Op.SET_REG) {
                    writes.add(i.registerKey());
                }
                if (checked(i)) {
                    if ((i.type == Type.I64) != doubles) {
                        break;
                    }
                    members.add(i);
                    last = j;
                }
            }
            if (members.size() < 2) {
                continue;
            }
            List<Inst> moved = new ArrayList<>();
            for (int j = k + 1; j < last; j++) {
                if (insts.get(j).op == Op.SET_REG) {
                    moved.add(insts.get(j));
                    written.add(insts.get(j).registerKey());
                }
            }
            insts.subList(k + 1, last).removeAll(moved);
            last -= moved.size();
            insts.addAll(last + 1, moved);
            Group g = new Group(List.copyOf(members), pc);
            members.forEach(m -> out.put(m, g));
            k = last + moved.size();
        }
        return out;
    }

    /**
     * The value that holds each member's result where its group's test reads it: the canonical-NaN select that follows
     * it (the same bits, the result being tested), unless that select is made only where it is written back
     * (exitOnly); else the member itself.
     */
    static Map<Inst, Inst> carriers(List<Inst> insts, Map<Inst, Group> groups, Set<Inst> exitOnly) {
        Map<Inst, Inst> out = new HashMap<>();
        if (groups.isEmpty()) {
            return out; // (most blocks)
        }
        for (int k = 0; k < insts.size(); k++) {
            Inst m = insts.get(k);
            if (!groups.containsKey(m)) {
                continue;
            }
            int n = k + 1;
            while (n < insts.size() && insts.get(n).isConst()) {
                n++;
            }
            Inst s = n < insts.size() ? insts.get(n) : null;
            boolean select = s != null && s.op == Op.NAN_SELECT && s.operand(0) == m && !exitOnly.contains(s);
            out.put(m, select ? s : m);
        }
        return out;
    }

    /**
     * Adds to extraUses the uses that keep each member's carrier until its group's test, by index in insts: the last
     * member's, whose cold path the allocator keeps such values past ({@code RegisterAllocator#coldPathReads}).
     */
    static void keepCarriers(List<Inst> insts, Map<Inst, Group> groups, Map<Inst, Inst> carriers,
                             Map<Inst, Integer> extraUses) {
        if (groups.isEmpty()) {
            return;
        }
        Map<Inst, Integer> index = new java.util.IdentityHashMap<>();
        for (int k = 0; k < insts.size(); k++) {
            index.put(insts.get(k), k);
        }
        groups.forEach((m, g) -> {
            if (m != g.last()) {
                extraUses.merge(carriers.get(m), index.get(g.last()), Math::max);
            }
        });
    }

    /** A fused multiply-add whose lowering tests its result for a NaN (its rounding an x86 mode). */
    static boolean checked(Inst i) {
        return i.op == Op.FLOAT3 && FloatFunction.of(i.aux) == FloatFunction.MULADD
                && i.operands[i.operands.length - 1].aux != 4;
    }

    /**
     * Whether i cannot leave the block (no cold path that interprets, no memory access, no exit), and reads no guest
     * register that a write moved past it could change: a read of one the block has not written (written: those it
     * has), which is its value at the block's entry (a float op's operand read from the state where it is used).
     */
    private static boolean quiet(Inst i, Set<Long> written) {
        return i.op.isPure() || i.op == Op.SET_REG || i.op == Op.GUEST_PC || checked(i)
                || i.op == Op.GET_REG && !written.contains(i.registerKey());
    }
}
