package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.ir.pass.SinkToUses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Register temporaries that only a cold path can need: a value written to a guest register that a later write of
 * the same block replaces, which nothing else reads. Compilers leave many: RISC-V has no rotate instruction, so a
 * hash round rotates with two shifts into two registers and an {@code or} (which the peephole pass makes one
 * rotation of the source), and the two shifted values are then read by nothing but the guest state, until their
 * registers are written again; yet a fault in between must find them there. Such a value is not computed where it
 * stands: a cold path that writes it back computes it then, from the value its computation starts at (which lives
 * as long as it would have), and the block's hot path neither computes it nor keeps a register for it (sha256's
 * round kept a dozen of them, spilled).
 *
 * <p>Computable at a write-back ({@link SinkToUses#recomputable}, the forms the sink pass computes again at uses): a
 * shift or rotation by a constant below the width, {@code and}, {@code or}, {@code xor}, {@code add} or {@code sub}
 * of a constant, {@code not}, {@code neg}, and conversions between 32 and 64 bits, of 32- or 64-bit values; each
 * temporary's operand is another temporary or a value with a location of its own (not folded into its uses, not a
 * constant).
 */
final class ExitTemporaries {
    private ExitTemporaries() {
    }

    /**
     * The temporaries among insts, whose blocks end at segmentEnds (each block's last writes are its own: an exit or
     * an edge writes them back); folded: the values that have no location of their own; exitOnly: the forms a cold
     * path makes of a value (see {@code BlockContext#exitOnlyForms}), of which a sign extension may make its word
     * from a temporary too; kept: values a self-loop carries or treats as its own (narrow and raw homes and their
     * carriers, boxes), never temporaries.
     */
    static Set<Inst> of(List<Inst> insts, int[] segmentEnds, Set<Inst> folded, Set<Inst> narrowViews,
                        Set<Inst> exitOnly, Set<Inst> kept) {
        Map<Inst, List<Inst>> users = new HashMap<>();
        for (Inst i : insts) {
            for (Inst o : i.operands) {
                users.computeIfAbsent(o, k -> new ArrayList<>()).add(i);
            }
        }
        Map<Inst, Integer> replaced = new HashMap<>();
        int start = 0;
        for (int end : segmentEnds) {
            RegisterWrites w = RegisterWrites.of(insts.subList(start, end + 1));
            w.replaced().forEach((v, n) -> replaced.merge(v, n, Integer::sum));
            start = end + 1;
        }
        Set<Inst> out = new HashSet<>();
        for (int k = insts.size() - 1; k >= 0; k--) { // (users first: a temporary's operand may be one)
            Inst v = insts.get(k);
            if (!SinkToUses.recomputable(v) || folded.contains(v) || kept.contains(v)) {
                continue;
            }
            int writes = 0;
            boolean onlyState = true;
            for (Inst u : users.getOrDefault(v, List.of())) {
                if (u.op == Op.SET_REG) {
                    writes++;
                } else if (!out.contains(u) && !(u.op == Op.SEXT && exitOnly.contains(u))) {
                    onlyState = false;
                }
            }
            if (onlyState && writes == replaced.getOrDefault(v, 0) && rooted(v, out, folded, narrowViews)) {
                out.add(v);
            }
        }
        return out;
    }

    /** Whether v's operand is a temporary, or a value with a location (or read in place as a narrow view). */
    private static boolean rooted(Inst v, Set<Inst> temporaries, Set<Inst> folded, Set<Inst> narrowViews) {
        Inst o = v.operand(0);
        return !o.isConst() && (temporaries.contains(o) || !folded.contains(o) || narrowViews.contains(o))
                && (o.type == Type.I32 || o.type == Type.I64);
    }
}
