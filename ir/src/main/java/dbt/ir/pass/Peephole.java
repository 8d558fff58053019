package dbt.ir.pass;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;

/**
 * Peephole rules, grouped by topic. Each rule only ever gives equal behaviour in fewer or cheaper ops.
 * Constant sequences (e.g. RISC-V {@code lui}+{@code addi}) need no rule here: register mapping forwards the
 * {@code lui} result and constant folding makes the pair one 64-bit constant.
 */
public final class Peephole implements Pass {
    @Override
    public String name() {
        return "peephole";
    }

    @Override
    public void run(IrBlock block) {
        java.util.Map<Inst, Inst> replaced = new java.util.IdentityHashMap<>();
        for (int k = 0; k < block.insts.size(); k++) {
            Inst i = block.insts.get(k);
            controlFlow(i);
            extensions(block, k, i);
            bitFields(i, replaced);
        }
        block.replaceUses(replaced);
    }

    /**
     * Bit fields of a value put together from disjoint parts, {@code or(K, zext(a))} with the constant K clear where
     * a is (an ISA's concatenation {@code K ++ a}, such as RISC-V's NaN-boxing of a single): a shift that drops all
     * of a is a constant, and a truncation to a's type is a.
     */
    private static void bitFields(Inst i, java.util.Map<Inst, Inst> replaced) {
        if ((i.op != Op.SHR && i.op != Op.TRUNC) || i.operand(0).op != Op.OR) {
            return;
        }
        Inst or = i.operand(0);
        Inst k = or.operand(0).isConst() ? or.operand(0) : or.operand(1).isConst() ? or.operand(1) : null;
        Inst z = k == or.operand(0) ? or.operand(1) : or.operand(0);
        if (k == null || z.op != Op.ZEXT || (k.aux & z.operand(0).type.mask()) != 0) {
            return;
        }
        Inst a = z.operand(0);
        // shr(K ++ a, n) with n at least a's width → K >> n
        if (i.op == Op.SHR && i.operand(1).isConst() && i.operand(1).aux >= a.type.bits && i.operand(1).aux < 64) {
            i.becomeConst(k.aux >>> i.operand(1).aux);
        }
        // trunc(K ++ a) to a's type → a
        if (i.op == Op.TRUNC && i.type == a.type) {
            replaced.put(i, a);
        }
    }

    /** Control flow. */
    private static void controlFlow(Inst i) {
        // exit.indirect of a constant (auipc + jalr, once folded) → a direct jump, which can be chained.
        if (i.op == Op.EXIT_INDIRECT && i.operand(0).isConst()) {
            i.op = Op.EXIT_JUMP;
            i.aux = i.operand(0).aux;
            i.operands = new Inst[0];
        }
        // exit.indirect(select(c, T, F)) with constant targets (a conditional branch whose target was computed
        // as pc + offset) → exit.branch c, T, F: one compare and a conditional jump, both sides linkable.
        if (i.op == Op.EXIT_INDIRECT && i.operand(0).op == Op.SELECT && i.operand(0).operand(1).isConst()
                && i.operand(0).operand(2).isConst()) {
            Inst select = i.operand(0);
            i.op = Op.EXIT_BRANCH;
            i.aux = select.operand(1).aux;
            i.aux2 = select.operand(2).aux;
            i.operands = new Inst[] {select.operand(0)};
        }
        // exit.branch on a constant condition → a direct jump.
        if (i.op == Op.EXIT_BRANCH && i.operand(0).isConst()) {
            i.op = Op.EXIT_JUMP;
            i.aux = i.operand(0).aux != 0 ? i.aux : i.aux2;
            i.aux2 = 0;
            i.operands = new Inst[0];
        }
        // exit.branch with both targets equal → a direct jump.
        if (i.op == Op.EXIT_BRANCH && i.aux == i.aux2) {
            i.op = Op.EXIT_JUMP;
            i.aux2 = 0;
            i.operands = new Inst[0];
        }
    }

    /** Extensions and truncations. */
    private static void extensions(IrBlock block, int k, Inst i) {
        // sar.i64(shl.i64(x, 64 - n), 64 - n) for n = 8, 16, 32 → sext.i64(trunc.iN(x)): the lifter's
        // sign extension of an n-bit field, as one movsx.
        if (i.op == Op.SAR && i.type == Type.I64 && i.operand(1).isConst() && i.operand(0).op == Op.SHL
                && i.operand(0).operand(1).isConst() && i.operand(0).operand(1).aux == i.operand(1).aux) {
            long n = 64 - i.operand(1).aux;
            Type narrow = n == 8 ? Type.I8 : n == 16 ? Type.I16 : n == 32 ? Type.I32 : null;
            if (narrow != null) {
                Inst trunc = new Inst(Op.TRUNC, narrow, 0, 0, i.operand(0).operand(0));
                block.insts.add(k, trunc);
                i.op = Op.SEXT;
                i.operands = new Inst[] {trunc};
            }
        }
        // zext(zext(x)) → zext(x); sext(sext(x)) → sext(x)
        if ((i.op == Op.ZEXT || i.op == Op.SEXT) && i.operand(0).op == i.op) {
            i.operands = new Inst[] {i.operand(0).operand(0)};
        }
    }
}
