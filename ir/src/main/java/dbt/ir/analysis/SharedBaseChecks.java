package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guest memory accesses of one block that share a base value: loads and stores at base + d for constant
 * displacements d (an address folded as base + d, or the base itself). Where the displacements of a base span at
 * most maxSpan bytes, a backend that confines accesses to a window with a guard of at least maxSpan bytes past its end
 * (accesses into the guard fault, precisely) can check the lowest address once, at the first of them: if base + dmin
 * lies in the window, every access of the group starts in the window or its guard.
 *
 * @param checkAt the first access of each group → the lowest displacement of the group, to check there
 * @param covered the other accesses of the groups: no check of their own
 */
public record SharedBaseChecks(Map<Inst, Long> checkAt, Set<Inst> covered) {
    public static final SharedBaseChecks NONE = new SharedBaseChecks(Map.of(), Set.of());

    /** The groups among insts[from..to] (one block); foldedAddresses are the additions folded into addresses. */
    public static SharedBaseChecks of(List<Inst> insts, int from, int to, Set<Inst> foldedAddresses, long maxSpan) {
        Map<Inst, List<Inst>> byBase = new LinkedHashMap<>();
        Map<Inst, Long> displacement = new IdentityHashMap<>();
        for (int k = from; k <= to; k++) {
            Inst i = insts.get(k);
            if (i.op != Op.LOAD && i.op != Op.STORE) {
                continue;
            }
            Inst address = i.operand(0);
            Inst base = address;
            long d = 0;
            if (foldedAddresses.contains(address)) {
                base = address.operand(0);
                d = address.operand(1).aux;
            }
            if (base.isConst()) {
                continue;
            }
            byBase.computeIfAbsent(base, b -> new ArrayList<>()).add(i);
            displacement.put(i, d);
        }
        Map<Inst, Long> checkAt = new IdentityHashMap<>();
        Set<Inst> covered = Collections.newSetFromMap(new IdentityHashMap<>());
        for (List<Inst> group : byBase.values()) {
            if (group.size() < 2) {
                continue;
            }
            long low = Long.MAX_VALUE;
            long high = Long.MIN_VALUE;
            for (Inst i : group) {
                low = Math.min(low, displacement.get(i));
                high = Math.max(high, displacement.get(i));
            }
            if (high - low > maxSpan) {
                continue;
            }
            checkAt.put(group.getFirst(), low);
            covered.addAll(group.subList(1, group.size()));
        }
        return new SharedBaseChecks(checkAt, covered);
    }
}
