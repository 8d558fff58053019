package dbt.ir.pass;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.ArrayList;
import java.util.List;

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
        for (int k = 0; k < insts.size(); k++) {
            Inst b = insts.get(k);
            if (advanced(b, insts, k)) {
                rebase(insts, k);
            }
        }
    }

    /**
     * Whether b, at k, is {@code getreg r + c} written back to r, and every use of that read after k can take b
     * instead (none of them is a register write, nor is any before).
     */
    private static boolean advanced(Inst b, List<Inst> insts, int k) {
        if (b.op != Op.ADD || b.type != Type.I64 || !b.operand(1).isConst() || b.operand(0).op != Op.GET_REG) {
            return false;
        }
        Inst a = b.operand(0);
        boolean writtenBack = false;
        boolean usedAfter = false;
        for (int j = 0; j < insts.size(); j++) {
            Inst u = insts.get(j);
            if (u.op == Op.SET_REG && u.operand(0) == b && u.registerKey() == a.registerKey() && j > k) {
                writtenBack = true;
            }
            if (u == b || !uses(u, a)) {
                continue;
            }
            if (u.op == Op.SET_REG || j > k && !rebasable(u, a)) {
                return false;
            }
            usedAfter |= j > k;
        }
        return writtenBack && usedAfter;
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

    private static boolean uses(Inst u, Inst v) {
        for (Inst o : u.operands) {
            if (o == v) {
                return true;
            }
        }
        return false;
    }

    /** Makes every use of a after k, where b = a + c is, one of b; new constants and additions go right before. */
    private static void rebase(List<Inst> insts, int k) {
        Inst b = insts.get(k);
        Inst a = b.operand(0);
        long c = b.operand(1).aux;
        List<Inst> out = new ArrayList<>(insts.subList(0, k + 1));
        for (Inst u : insts.subList(k + 1, insts.size())) {
            if (uses(u, a)) {
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
