package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.Op;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pointers a loop walks forward: homes of guest registers (their values where each of the loop's blocks begins)
 * that every block either leaves as they are or advances by a small positive constant ({@code home + c}, 1 <= c <=
 * maxStride), where each block that advances one also loads or stores off it (at the home, at the advanced value, or
 * at either plus a constant: {@link SharedBaseChecks} groups them by the home).
 *
 * <p>What that gives a backend whose window of guest memory has a guard past its end (accesses there fault,
 * precisely): checked once where the loop is entered (home + its lowest displacement in the window), such a pointer
 * stays checked. Each value the pointer takes is at most one advance past a value the loop already accessed memory
 * off (a block accesses off its own starting value before its advance takes effect), and an access that did not
 * fault was inside the window; so every access lies below the window's end plus the group's span plus maxStride,
 * inside the guard if not inside the window. A pointer moving backward could wrap below the window: not one of
 * these.
 */
public final class InductionBases {
    private InductionBases() {}

    /**
     * The homes among homes (register key → its read) that insts, one block per segment (segment n is
     * insts[starts[n]..ends[n]]), advance as described above. maxSpan is the span the caller's
     * {@link SharedBaseChecks#ofInvariant} allows: the access that makes an advance safe must be one of the group that
     * check covers (an access off the home at a displacement far below the group's would not bound the next ones).
     */
    public static Set<Inst> of(List<Inst> insts, int[] starts, int[] ends, Map<Long, Inst> homes,
                               Set<Inst> foldedAddresses, long maxSpan, long maxStride) {
        Set<Inst> out = Collections.newSetFromMap(new IdentityHashMap<>());
        out.addAll(homes.values());
        for (int n = 0; n < starts.length; n++) {
            Map<Long, Inst> bound = new HashMap<>();
            for (int k = starts[n]; k <= ends[n]; k++) {
                Inst i = insts.get(k);
                if (i.op == Op.SET_REG && homes.containsKey(i.registerKey())) {
                    bound.put(i.registerKey(), i.operand(0));
                }
            }
            for (var b : bound.entrySet()) {
                Inst home = homes.get(b.getKey());
                Inst value = b.getValue();
                if (value == home) {
                    continue;
                }
                long c = advance(value, home);
                if (c < 1 || c > maxStride
                        || !accessedOff(insts, starts[n], ends[n], home, foldedAddresses, maxSpan)) {
                    out.remove(home);
                }
            }
        }
        return out;
    }

    /** c when value is home + c (c a constant), else 0. */
    private static long advance(Inst value, Inst home) {
        if (value.op != Op.ADD) {
            return 0;
        }
        if (value.operand(0) == home && value.operand(1).isConst()) {
            return value.operand(1).aux;
        }
        return value.operand(1) == home && value.operand(0).isConst() ? value.operand(0).aux : 0;
    }

    /** Whether insts[from..to] load or store (unconditionally) off home, as SharedBaseChecks groups addresses. */
    private static boolean accessedOff(List<Inst> insts, int from, int to, Inst home, Set<Inst> foldedAddresses,
                                       long maxSpan) {
        return !SharedBaseChecks.ofInvariant(insts, from, to, foldedAddresses, maxSpan, Set.of(home))
                .checkAt().isEmpty();
    }
}
