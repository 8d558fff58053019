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
 * Guest memory accesses that share a base value: loads and stores at base + d for constant displacements d (an
 * address folded as base + d, or the base itself). Where the displacements of a base span at most maxSpan bytes, a
 * backend that confines accesses to a window with a guard of at least maxSpan bytes past its end (accesses into the
 * guard fault, precisely) can check the lowest address once: if base + dmin lies in the window, every access of the
 * group starts in the window or its guard.
 *
 * <p>Within one block ({@link #of}) the check goes with the first access of a group. Across a region
 * ({@link #ofInvariant}), for a base the region never changes (the home of a guest register it only reads), the check
 * goes once at the region's entry, before any of its blocks runs, and covers the accesses off that base in all of
 * them.
 *
 * @param checkAt the access (or, region-wide, the base) to check at → the lowest displacement of its group
 * @param covered the accesses checked that way: no check of their own
 */
public record SharedBaseChecks(Map<Inst, Long> checkAt, Set<Inst> covered) {
    public static final SharedBaseChecks NONE = new SharedBaseChecks(Map.of(), Set.of());

    /**
     * The groups among insts[from..to] (one block), leaving out the accesses in skip (checked already);
     * foldedAddresses are the additions folded into addresses.
     */
    public static SharedBaseChecks of(List<Inst> insts, int from, int to, Set<Inst> foldedAddresses, long maxSpan,
                                      Set<Inst> skip) {
        Groups g = groups(insts, from, to, foldedAddresses, base -> true, skip);
        Map<Inst, Long> checkAt = new IdentityHashMap<>();
        Set<Inst> covered = Collections.newSetFromMap(new IdentityHashMap<>());
        for (List<Inst> group : g.byBase.values()) {
            Long low = g.lowest(group, maxSpan);
            if (group.size() >= 2 && low != null) {
                checkAt.put(group.getFirst(), low);
                covered.addAll(group.subList(1, group.size()));
            }
        }
        return new SharedBaseChecks(checkAt, covered);
    }

    /**
     * The groups among insts[from..to] (a region's blocks laid end to end) whose base is one of invariantBases:
     * checkAt maps each such base to its lowest displacement, and covered holds all their accesses.
     */
    public static SharedBaseChecks ofInvariant(List<Inst> insts, int from, int to, Set<Inst> foldedAddresses,
                                               long maxSpan, Set<Inst> invariantBases) {
        Groups g = groups(insts, from, to, foldedAddresses, invariantBases::contains, Set.of());
        Map<Inst, Long> checkAt = new LinkedHashMap<>();
        Set<Inst> covered = Collections.newSetFromMap(new IdentityHashMap<>());
        for (var e : g.byBase.entrySet()) {
            Long low = g.lowest(e.getValue(), maxSpan);
            if (low != null) {
                checkAt.put(e.getKey(), low);
                covered.addAll(e.getValue());
            }
        }
        return new SharedBaseChecks(checkAt, covered);
    }

    /** Accesses by base (in program order), and each access's displacement. */
    private record Groups(Map<Inst, List<Inst>> byBase, Map<Inst, Long> displacement) {
        /** The group's lowest displacement, or null when its displacements span more than maxSpan. */
        Long lowest(List<Inst> group, long maxSpan) {
            long low = Long.MAX_VALUE;
            long high = Long.MIN_VALUE;
            for (Inst i : group) {
                low = Math.min(low, displacement.get(i));
                high = Math.max(high, displacement.get(i));
            }
            return high - low > maxSpan ? null : low;
        }
    }

    private static Groups groups(List<Inst> insts, int from, int to, Set<Inst> foldedAddresses,
                                 java.util.function.Predicate<Inst> baseWanted, Set<Inst> skip) {
        Map<Inst, List<Inst>> byBase = new LinkedHashMap<>();
        Map<Inst, Long> displacement = new IdentityHashMap<>();
        for (int k = from; k <= to; k++) {
            Inst i = insts.get(k);
            if (i.op != Op.LOAD && i.op != Op.STORE || skip.contains(i)) {
                continue;
            }
            Inst address = i.operand(0);
            Inst base = address;
            long d = 0;
            if (foldedAddresses.contains(address)) {
                base = address.operand(0);
                d = address.operand(1).aux;
            }
            if (base.isConst() || !baseWanted.test(base)) {
                continue;
            }
            byBase.computeIfAbsent(base, b -> new ArrayList<>()).add(i);
            displacement.put(i, d);
        }
        return new Groups(byBase, displacement);
    }
}
