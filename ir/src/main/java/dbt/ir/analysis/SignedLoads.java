package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sign extensions to 64 bits of a load just before them that nothing else uses (a guest's lw, lh, lb): a backend
 * makes the extension with the load itself (x86's movsx from memory), the load folded into it. A loaded word that
 * comparisons read too can be shared with its extension first ({@link #shareExtensions}).
 */
public final class SignedLoads {
    private SignedLoads() {
    }

    /**
     * Lets a 32-bit load whose sign extension to 64 bits follows it be folded into the extension where comparisons
     * read the loaded word too (a guest's lw whose value a branch also tests): each reads a truncation of the
     * extension instead, which is the same word, and which a backend with narrow views ({@link NarrowViews}) reads in
     * the extension's register. Then the load has the extension as its only use. Only comparisons: on x86 a
     * sign-extending load takes a cycle longer than a plain one (Zen 5: 1.7 against 1.4 ns a load in a chain), which
     * a branch does not wait for but word arithmetic on a dependency chain does (a table cipher's xors: 4% slower
     * with them). Rewrites block.
     */
    public static void shareExtensions(IrBlock block) {
        Map<Inst, List<Inst>> users = null; // (made once a block has such a load: most have none)
        for (int k = block.insts.size() - 1; k >= 1; k--) {
            Inst x = block.insts.get(k);
            Inst l = block.insts.get(k - 1);
            if (x.op != Op.SEXT || x.type != Type.I64 || x.operand(0) != l || l.op != Op.LOAD || l.type != Type.I32
                    || l.aux != 4) {
                continue;
            }
            if (users == null) {
                users = IrBlock.users(block.insts);
            }
            List<Inst> others = new ArrayList<>();
            boolean compared = true;
            for (Inst u : users.getOrDefault(l, List.of())) {
                if (u == x || others.contains(u)) {
                    continue;
                }
                others.add(u);
                compared &= u.op.isComparison();
            }
            if (others.isEmpty() || !compared) {
                continue;
            }
            Inst word = new Inst(Op.TRUNC, Type.I32, 0, 0, x);
            block.insts.add(k + 1, word);
            for (Inst u : others) {
                for (int p = 0; p < u.operands.length; p++) {
                    if (u.operands[p] == l) {
                        u.operands[p] = word;
                    }
                }
            }
        }
    }

    /** Extension → the load it extends; loads in excluded are left alone. */
    public static Map<Inst, Inst> of(IrBlock block, Set<Inst> excluded) {
        Map<Inst, Integer> uses = block.useCounts();
        Map<Inst, Inst> signed = new HashMap<>();
        for (int k = 1; k < block.insts.size(); k++) {
            Inst x = block.insts.get(k);
            Inst l = block.insts.get(k - 1);
            if (x.op == Op.SEXT && x.type == Type.I64 && x.operand(0) == l && l.op == Op.LOAD
                    && uses.getOrDefault(l, 0) == 1 && uses.getOrDefault(x, 0) > 0 // (an unused one is not emitted)
                    && l.type.bits == 8 * l.aux && l.aux < 8 && !excluded.contains(l)) {
                signed.put(x, l);
            }
        }
        return signed;
    }
}
