package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.Op;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.HashMap;
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
 *
 * <p>An array walked by index is the same ({@link #derived}): {@code base + i}, for a base the loop never changes and
 * an index home i it advances as above, takes values that advance as i does; where each block that advances i also
 * accesses memory off {@code base + i}, that sum is a pointer walked forward, checked once where the loop is entered
 * as the sum of the two values there.
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
        Set<Inst> out = new HashSet<>();
        advancedIn(insts, starts, ends, homes, maxStride).forEach((home, segments) -> {
            if (segments.stream().allMatch(n -> accessedOff(insts, starts[n], ends[n], home, foldedAddresses,
                    maxSpan))) {
                out.add(home);
            }
        });
        return out;
    }

    /**
     * A sum the loop computes, base + index + offset: base a value it never changes, index a home it walks forward,
     * offset a constant (the sum of a base and an index the block has advanced already).
     */
    public record Derived(Inst base, Inst index, long offset) {}

    /**
     * The sums {@code base + i} or {@code base + (i + c)} (additions among insts) that are pointers walked forward,
     * as described above: base a home no block changes or one of invariants (values defined before the loop that it
     * never changes), i a home that each block leaves as it is or advances by 1..maxStride, |c| at most maxSpan, and
     * each block that advances i accessing memory off the sum (as {@link SharedBaseChecks} groups addresses, within
     * maxSpan). Homes in narrow are left out (their registers do not hold the guest register's full value).
     */
    public static Map<Inst, Derived> derived(List<Inst> insts, int[] starts, int[] ends, Map<Long, Inst> homes,
                                             Set<Inst> invariants, Set<Inst> narrow, Set<Inst> foldedAddresses,
                                             long maxSpan, long maxStride) {
        Map<Inst, List<Integer>> advanced = advancedIn(insts, starts, ends, homes, maxStride);
        Map<Inst, Derived> out = new HashMap<>();
        for (int n = 0; n < starts.length; n++) {
            for (int k = starts[n]; k <= ends[n]; k++) {
                Inst i = insts.get(k);
                if (i.op != Op.ADD || out.containsKey(i)) {
                    continue;
                }
                for (int o = 0; o < 2; o++) {
                    Inst base = i.operand(1 - o);
                    Inst index = i.operand(o);
                    long offset = 0;
                    if (!advanced.containsKey(index) && index.op == Op.ADD) { // i + c
                        int constant = index.operand(1).isConst() ? 1 : index.operand(0).isConst() ? 0 : -1;
                        if (constant >= 0) {
                            offset = index.operand(constant).aux;
                            index = index.operand(1 - constant);
                        }
                    }
                    List<Integer> segments = advanced.get(index);
                    boolean invariant = invariants.contains(base) || advanced.getOrDefault(base, List.of(0)).isEmpty();
                    if (segments != null && !segments.isEmpty() && !narrow.contains(index) && invariant
                            && Math.abs(offset) <= maxSpan && segments.stream().allMatch(s -> accessedOff(insts,
                                    starts[s], ends[s], i, foldedAddresses, maxSpan))) {
                        out.put(i, new Derived(base, index, offset));
                        break;
                    }
                }
            }
        }
        return out;
    }

    /**
     * The homes that every segment leaves as they are or advances by 1..maxStride, each with the segments that
     * advance it.
     */
    private static Map<Inst, List<Integer>> advancedIn(List<Inst> insts, int[] starts, int[] ends,
                                                       Map<Long, Inst> homes, long maxStride) {
        Map<Inst, List<Integer>> out = new HashMap<>();
        homes.values().forEach(h -> out.put(h, new ArrayList<>()));
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
                if (value == home || !out.containsKey(home)) {
                    continue;
                }
                long c = advance(value, home);
                if (c < 1 || c > maxStride) {
                    out.remove(home);
                } else {
                    out.get(home).add(n);
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
        return !SharedBaseChecks.ofInvariant(insts, from, to, foldedAddresses, maxSpan, 0, Set.of(home), Set.of())
                .checkAt().isEmpty(); // (not an array index's access: one past the guard's reach bounds no advance)
    }
}
