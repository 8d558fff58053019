package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Operands of fused multiply-adds loaded a second time, so that the multiply-add needs no register copy. FMA3 writes
 * its result over one of its three operands: where all three live on after it, {@link FloatLowering} first copies
 * one ({@code movaps}), and in a loop whose every iteration tests a multiply-add's result for a NaN that copy costs
 * far more than one instruction (a replica of sgemm's inner loop, {@code c[j] += a * b[j]}, on Zen 5: 0.95 s with
 * it, 0.77 s without, where the loop sits well in its cache lines; both 1.0 s where it does not). Most often an
 * operand lives on for no later use but a write-back: RISC-V code loads a factor into the register the multiply-add
 * then writes ({@code flw fa5, 0(a4); fmadd.s fa5, fa5, fa3, fa4}), so the loaded value stays bound to fa5 until
 * that write, for the cold paths between (the multiply-add's NaN test writes the guest registers back); and in a
 * loop, fa5's value from the iteration before lives in its home until the load's register write (the load's own
 * fault path writes it back), so the load cannot take the home's register, where the multiply-add's result has to
 * end.
 *
 * <p>Such a load is left to feed the register write alone (as an integer, in a general register), and the
 * multiply-add reads the same address again, loaded at the start of the next guest instruction: there the register
 * write has happened (so the home's register is free for it, and the multiply-add computes into it), and should that
 * second load fault (another thread unmapped the page between the two), the guest's state is exact for the next
 * instruction, which the cold path then runs: the first load completed its instruction. Nothing between the two
 * loads writes memory; a store of another thread between them is seen as if it came before the multiply-add's
 * instruction, which reads the register only, so the guest sees one of the orders its memory model allows.
 */
final class ShadowLoads {
    private ShadowLoads() {
    }

    /**
     * Rewrites insts (one block's): each operand of a fused multiply-add that is a load, read nowhere else but by
     * register writes (directly or NaN-boxed: {@code or(zext(v), constant)}) before the multiply-add that a later
     * write of the same register replaces after it, and with a guest instruction's start between those writes and
     * the multiply-add, is read by the multiply-add from a second load at that start.
     */
    static void split(List<Inst> insts, Map<Inst, FmaCheckGroups.Group> groups) {
        for (Inst f : List.copyOf(insts)) {
            if (!FmaCheckGroups.checked(f) || groups.containsKey(f)) {
                continue; // (a group's members are tested once, after the last: no load may come between them)
            }
            for (int o = 0; o < 3; o++) {
                Inst v = f.operand(o);
                if (v.op != Op.LOAD || occurrences(f, v) != 1) {
                    continue;
                }
                Map<Inst, List<Inst>> users = IrBlock.users(insts);
                int at = insts.indexOf(f);
                List<Inst> writes = new ArrayList<>();
                boolean onlyWrites = true;
                for (Inst u : users.getOrDefault(v, List.of())) {
                    onlyWrites &= u == f || writeBackOnly(u, users, insts, at, writes);
                }
                int start = onlyWrites && !writes.isEmpty() ? nextStart(insts, v, writes, at) : -1;
                if (start < 0 || insideRun(insts, start, groups)) {
                    continue;
                }
                Inst again = new Inst(Op.LOAD, v.type, v.aux, v.aux2, v.operand(0));
                insts.add(start + 1, again);
                f.operands[o] = again;
            }
        }
    }

    /**
     * Whether index k lies between two members of one of groups (a load there would fault with the guest registers
     * as they were before the group's first member: see {@link FmaCheckGroups}).
     */
    private static boolean insideRun(List<Inst> insts, int k, Map<Inst, FmaCheckGroups.Group> groups) {
        for (FmaCheckGroups.Group g : groups.values()) {
            int first = insts.indexOf(g.members().getFirst());
            if (first >= 0 && first < k && k < insts.indexOf(g.last())) {
                return true;
            }
        }
        return false;
    }

    private static int occurrences(Inst i, Inst v) {
        int n = 0;
        for (Inst o : i.operands) {
            n += o == v ? 1 : 0;
        }
        return n;
    }

    /**
     * Whether u is a register write before index at that a later write of its register replaces after at (added to
     * writes), or a NaN box ({@code zext}, {@code or} with a constant) read only by such writes and boxes.
     */
    private static boolean writeBackOnly(Inst u, Map<Inst, List<Inst>> users, List<Inst> insts, int at,
                                         List<Inst> writes) {
        if (u.op == Op.SET_REG) {
            int k = insts.indexOf(u);
            if (k > at) {
                return false;
            }
            writes.add(u);
            for (k++; k < insts.size(); k++) {
                Inst later = insts.get(k);
                if (later.op == Op.SET_REG && later.registerKey() == u.registerKey()) {
                    return k > at;
                }
            }
            return false;
        }
        boolean box = u.op == Op.ZEXT || u.op == Op.OR && (u.operand(0).isConst() || u.operand(1).isConst());
        List<Inst> readers = users.getOrDefault(u, List.of());
        return box && !readers.isEmpty() && readers.stream().allMatch(r -> writeBackOnly(r, users, insts, at, writes));
    }

    /**
     * The index of the first guest instruction's start (its GUEST_PC mark) after the last of writes and before index
     * at, with nothing from load v to it that writes memory or orders memory accesses; else -1.
     */
    private static int nextStart(List<Inst> insts, Inst v, List<Inst> writes, int at) {
        int last = writes.stream().mapToInt(insts::indexOf).max().orElseThrow();
        for (int k = insts.indexOf(v) + 1; k < at; k++) {
            Inst i = insts.get(k);
            if (i.op == Op.GUEST_PC && k > last) {
                return k;
            }
            boolean harmless = i.op.isPure() || i.op == Op.GET_REG || i.op == Op.SET_REG || i.op == Op.GUEST_PC
                    || i.op == Op.LOAD || i.op.isFloat();
            if (!harmless) {
                return -1;
            }
        }
        return -1;
    }
}
