package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.Op;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guest memory accesses that share a base value: loads and stores at base + d for constant displacements d (an
 * address folded as base + d, or the base itself), or at base + index for an index whose range is known and small
 * ({@link IndexRanges}: a table lookup), whose displacement is then anywhere in that range. Where the displacements
 * of a base span at most maxSpan bytes, a backend that confines accesses to a window with guards on both sides wider
 * than them (accesses into a guard fault, precisely) can check the group once: if base + dmin lies in the window (or,
 * where the guards cover the displacements both ways, base itself), every access of the group starts in the window or
 * a guard.
 *
 * <p>An access at base + i for an array index i made from a C {@code int} ({@link IndexRanges#signedWord}: up to
 * 2^34 bytes either way) or an {@code unsigned} (a known range up to wideReach) joins its base's group too, where the
 * backend's guards reach that far (wideReach: every displacement of such a group lies within wideReach of the base,
 * and the check is of the base itself): so a loop over {@code a[idx[k]]} checks a once, where it is entered, not
 * each access.
 *
 * <p>Within one block ({@link #of}) the check goes with the first access of a group. Across a region
 * ({@link #ofInvariant}), for a base the region never changes (the home of a guest register it only reads), the check
 * goes once at the region's entry, before any of its blocks runs, and covers the accesses off that base in all of
 * them.
 *
 * @param checkAt the access (or, region-wide, the base) to check at → the lowest displacement of its group
 * @param spans   each key of checkAt → how far its group's displacements reach past the lowest
 * @param bases   each access of checkAt → its group's base, which the check is of
 * @param covered the accesses checked that way: no check of their own
 */
public record SharedBaseChecks(Map<Inst, Long> checkAt, Map<Inst, Long> spans, Map<Inst, Inst> bases,
                               Set<Inst> covered) {
    public static final SharedBaseChecks NONE = new SharedBaseChecks(Map.of(), Map.of(), Map.of(), Set.of());

    /**
     * The groups among insts[from..to] (one block), leaving out the accesses in skip (checked already);
     * foldedAddresses are the additions folded into addresses. A group is checked at its first access, with its
     * base: so a group whose first access is a table lookup (the base used only to compute its address) needs its
     * base live there; liveAt says whether a value is still in its location at an instruction index.
     */
    public static SharedBaseChecks of(List<Inst> insts, int from, int to, Set<Inst> foldedAddresses, long maxSpan,
                                      long wideReach, Set<Inst> skip,
                                      java.util.function.BiPredicate<Inst, Integer> liveAt) {
        Groups g = groups(insts, from, to, foldedAddresses, base -> true, base -> true, skip, maxSpan, wideReach,
                false);
        Map<Inst, Long> checkAt = new HashMap<>();
        Map<Inst, Long> spans = new HashMap<>();
        Map<Inst, Inst> bases = new HashMap<>();
        Set<Inst> covered = new HashSet<>();
        for (var e : g.byBase.entrySet()) {
            List<Inst> group = e.getValue();
            long[] reach = g.reach(group, maxSpan, wideReach);
            Inst first = group.getFirst();
            boolean baseThere = !g.indexed.contains(first) || liveAt.test(e.getKey(), insts.indexOf(first));
            if (group.size() >= 2 && reach != null && baseThere) {
                checkAt.put(first, reach[0]);
                spans.put(first, reach[1] - reach[0]);
                bases.put(first, e.getKey());
                covered.addAll(group.subList(1, group.size()));
            }
        }
        return new SharedBaseChecks(checkAt, spans, bases, covered);
    }

    /**
     * The groups among insts[from..to] (a region's blocks laid end to end) whose base is one of invariantBases (an
     * address that is such a base plus a constant counts): checkAt maps each such base to its lowest displacement,
     * and covered holds all their accesses. The bases may also be pointers the region walks forward
     * ({@link InductionBases}).
     */
    public static SharedBaseChecks ofInvariant(List<Inst> insts, int from, int to, Set<Inst> foldedAddresses,
                                               long maxSpan, long wideReach, Set<Inst> invariantBases,
                                               Set<Inst> unchangedBases) {
        Groups g = groups(insts, from, to, foldedAddresses, invariantBases::contains, unchangedBases::contains,
                Set.of(), maxSpan, wideReach, true);
        Map<Inst, Long> checkAt = new LinkedHashMap<>();
        Map<Inst, Long> spans = new HashMap<>();
        Map<Inst, Inst> bases = new HashMap<>();
        Set<Inst> covered = new HashSet<>();
        for (var e : g.byBase.entrySet()) {
            long[] reach = g.reach(e.getValue(), maxSpan, wideReach);
            if (reach != null) {
                checkAt.put(e.getKey(), reach[0]);
                spans.put(e.getKey(), reach[1] - reach[0]);
                bases.put(e.getKey(), e.getKey());
                covered.addAll(e.getValue());
            }
        }
        return new SharedBaseChecks(checkAt, spans, bases, covered);
    }

    /**
     * Accesses by base (in program order), each access's lowest and highest displacement, the accesses whose
     * address is base + index (a table lookup), and among those the ones whose index is an array index
     * ({@link IndexRanges#signedWord}).
     */
    private record Groups(Map<Inst, List<Inst>> byBase, Map<Inst, long[]> displacement, Set<Inst> indexed,
                          Set<Inst> wide) {
        /**
         * The group's lowest and highest displacement, or null when they span more than maxSpan; a group with an
         * array index in it, instead, must lie within wideReach of its base either way.
         */
        long[] reach(List<Inst> group, long maxSpan, long wideReach) {
            long low = Long.MAX_VALUE;
            long high = Long.MIN_VALUE;
            boolean anyWide = false;
            for (Inst i : group) {
                low = Math.min(low, displacement.get(i)[0]);
                high = Math.max(high, displacement.get(i)[1]);
                anyWide |= wide.contains(i);
            }
            boolean within = anyWide ? low >= -wideReach && high <= wideReach : high - low <= maxSpan;
            return within ? new long[] {low, high} : null;
        }
    }

    /** With throughAdds, an address computed as a wanted base plus a constant counts as an access off that base. */
    private static Groups groups(List<Inst> insts, int from, int to, Set<Inst> foldedAddresses,
                                 java.util.function.Predicate<Inst> baseWanted,
                                 java.util.function.Predicate<Inst> wideWanted, Set<Inst> skip, long maxSpan,
                                 long wideReach, boolean throughAdds) {
        Map<Inst, List<Inst>> byBase = new LinkedHashMap<>();
        Map<Inst, long[]> displacement = new HashMap<>();
        Set<Inst> indexed = new HashSet<>();
        Set<Inst> wide = new HashSet<>();
        for (int k = from; k <= to; k++) {
            Inst i = insts.get(k);
            if (i.op != Op.LOAD && i.op != Op.STORE || skip.contains(i)) {
                continue;
            }
            Inst address = i.operand(0);
            Inst base = address;
            long[] d = {0, 0};
            if (foldedAddresses.contains(address)) {
                base = address.operand(0);
                d = new long[] {address.operand(1).aux, address.operand(1).aux};
            }
            if (throughAdds && !baseWanted.test(base)) { // a wanted base plus constants: off that base
                Inst inner = base;
                long sum = 0;
                while (inner.op == Op.ADD && !baseWanted.test(inner)) {
                    Inst constant = inner.operand(1).isConst() ? inner.operand(1) : inner.operand(0);
                    if (!constant.isConst()) {
                        break;
                    }
                    sum += constant.aux;
                    inner = constant == inner.operand(1) ? inner.operand(0) : inner.operand(1);
                }
                if (baseWanted.test(inner) && !inner.isConst() && Math.abs(sum) <= maxSpan) {
                    d = new long[] {d[0] + sum, d[1] + sum};
                    base = inner;
                }
            }
            if (base.op == Op.ADD && !base.isConst()) { // base + index: a table lookup, else an array index
                found:
                for (boolean arrayIndex : new boolean[] {false, true}) {
                    for (int o = 0; o < 2; o++) {
                        Inst b = base.operand(o);
                        long[] range = indexRange(base.operand(1 - o), arrayIndex, maxSpan, wideReach);
                        if (range != null && !b.isConst() && IndexRanges.of(b) == null
                                && (!arrayIndex || wideWanted.test(b))) {
                            d = new long[] {d[0] + range[0], d[1] + range[1]};
                            base = b;
                            indexed.add(i);
                            if (arrayIndex) {
                                wide.add(i);
                            }
                            break found;
                        }
                    }
                }
            }
            if (base.isConst() || !baseWanted.test(base)) {
                continue;
            }
            byBase.computeIfAbsent(base, b -> new ArrayList<>()).add(i);
            displacement.put(i, d);
        }
        return new Groups(byBase, displacement, indexed, wide);
    }

    /**
     * The range of index as a table lookup's (known, spanning at most maxSpan) or, for arrayIndex, as an array index's
     * (an unsigned one's known range up to wideReach, else a C int's: {@link IndexRanges#signedWord}); or null.
     */
    private static long[] indexRange(Inst index, boolean arrayIndex, long maxSpan, long wideReach) {
        long[] range = IndexRanges.of(index);
        if (!arrayIndex) {
            return range != null && range[1] - range[0] <= maxSpan ? range : null;
        }
        return range != null && range[1] <= wideReach ? range : IndexRanges.signedWord(index);
    }
}
