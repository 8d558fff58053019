package dbt.ir.pass;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Addresses the accesses a block makes off a pointer after it advances the pointer off the advanced value. Compilers
 * for RISC-V advance a loop's pointer before its last access off it ({@code flw fa4, 0(a5); addi a5, a5, 4; ...;
 * fsw fa5, -4(a5); bne a5, a2, loop}); guest-register mapping and constant folding then address that access off the
 * old value ({@code store %a} where {@code %b = %a + 4} is a5's new value), which keeps the old value alive past the
 * advance, so a backend computes the new one in another register and moves it back where the loop wants it. Here
 * {@code %b = %a + c}, written to the guest register that %a was read from, takes over every use of %a after it, each
 * a load's or store's address ({@code %a} is {@code %b + (-c)}, a displacement) or an addition of a constant
 * ({@code %a + d} is {@code %b + (d - c)}); then %a ends where %b begins, and a backend advances the pointer in place
 * ({@code add r11, 4; ...; movd [r14+r11-0x4], xmm5}). Where any later use of %a is another kind, or a register
 * write keeps %a, nothing changes.
 *
 * <p>Behaviour is unchanged: addition wraps at 64 bits, so {@code %a + d} and {@code (%a + c) + (d - c)} are the same
 * address, and a fault there the same fault.
 */
public final class AdvancedPointers implements Pass {
    @Override
    public String name() {
        return "advance";
    }

    @Override
    public void run(IrBlock block) {
        List<Inst> insts = block.insts;
        Map<Inst, List<Inst>> users = null; // (made once a block has a candidate, again after each rewrite)
        Map<Inst, Integer> position = new HashMap<>();
        for (int k = 0; k < insts.size(); k++) {
            Inst b = insts.get(k);
            if (b.op != Op.ADD || b.type != Type.I64 || !b.operand(1).isConst() || b.operand(0).op != Op.GET_REG) {
                continue;
            }
            if (users == null) {
                users = IrBlock.users(insts);
                position.clear();
                for (int j = 0; j < insts.size(); j++) {
                    position.put(insts.get(j), j);
                }
            }
            Set<Inst> later = laterUses(b, k, users, position);
            if (!later.isEmpty()) {
                rebase(insts, k, later); // (everything it adds comes after k)
                users = null;
            }
        }
    }

    /**
     * The uses after k of the read b (at k) advances, when b ({@code getreg r + c}) is written back to r and every
     * one of them can take b instead, and no register write keeps the read; else none.
     */
    private static Set<Inst> laterUses(Inst b, int k, Map<Inst, List<Inst>> users, Map<Inst, Integer> position) {
        Inst a = b.operand(0);
        boolean writtenBack = false;
        for (Inst u : users.getOrDefault(b, List.of())) {
            writtenBack |= u.op == Op.SET_REG && u.registerKey() == a.registerKey();
        }
        Set<Inst> later = new HashSet<>();
        for (Inst u : users.getOrDefault(a, List.of())) {
            if (u == b) {
                continue;
            }
            if (u.op == Op.SET_REG || position.get(u) > k && !rebasable(u, a)) {
                return Set.of();
            }
            if (position.get(u) > k) {
                later.add(u);
            }
        }
        return writtenBack ? later : Set.of();
    }

    /** Whether a appears in u only as a load's or store's address, or as what an addition of a constant adds to. */
    private static boolean rebasable(Inst u, Inst a) {
        boolean address = (u.op == Op.LOAD || u.op == Op.STORE) && u.operand(0) == a;
        boolean offset = u.op == Op.ADD && u.type == Type.I64 && u.operand(0) == a && u.operand(1).isConst();
        for (int p = 1; p < u.operands.length; p++) {
            if (u.operand(p) == a) {
                return false;
            }
        }
        return address || offset;
    }

    /** Makes each use in later (after k, where b = a + c is) one of b; new constants and additions go right before. */
    private static void rebase(List<Inst> insts, int k, Set<Inst> later) {
        Inst b = insts.get(k);
        long c = b.operand(1).aux;
        List<Inst> out = new ArrayList<>(insts.subList(0, k + 1));
        for (Inst u : insts.subList(k + 1, insts.size())) {
            if (later.contains(u)) {
                long d = u.op == Op.ADD ? u.operand(1).aux - c : -c;
                Inst offset = new Inst(Op.CONST, Type.I64, d, 0);
                out.add(offset);
                if (u.op == Op.ADD) {
                    u.operands = new Inst[] {b, offset};
                } else {
                    Inst address = new Inst(Op.ADD, Type.I64, 0, 0, b, offset);
                    out.add(address);
                    u.operands[0] = address;
                }
            }
            out.add(u);
        }
        insts.clear();
        insts.addAll(out);
    }
}
