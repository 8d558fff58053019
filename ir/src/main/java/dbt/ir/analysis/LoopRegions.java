package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Region formation: the loop a block heads, as the strongly connected set of blocks that contains it, found by
 * following direct jumps and branches (calls leave it, as their callees return by indirect jumps). Blocks that jump
 * to themselves are left out: they are compiled as self-loops of their own, which the region enters and leaves.
 * The blocks come in reverse postorder from the entry, so that most edges inside the region go forward.
 */
public final class LoopRegions {
    /** At most this many blocks are looked at from the entry (each is decoded and lifted). */
    public static final int EXPLORED = 64;

    private LoopRegions() {
    }

    /**
     * The region entry heads: at least two blocks, at most maxBlocks; else empty. blockAt gives the lifted block at
     * a guest address, or null where there is none (not code, not mapped).
     */
    public static List<IrBlock> find(IrBlock entry, LongFunction<IrBlock> blockAt, int maxBlocks) {
        if (jumpsToItself(entry)) {
            return List.of();
        }
        Map<Long, IrBlock> seen = new LinkedHashMap<>();
        Map<Long, List<Long>> predecessors = new HashMap<>();
        List<Long> postorder = new ArrayList<>();
        seen.put(entry.guestAddress, entry);
        // Iterative depth-first search: a frame is a block and the index of its next successor.
        Deque<long[]> stack = new ArrayDeque<>();
        stack.push(new long[] {entry.guestAddress, 0});
        while (!stack.isEmpty()) {
            long[] frame = stack.peek();
            long[] successors = seen.get(frame[0]).directSuccessors();
            if (frame[1] == successors.length) {
                postorder.add(frame[0]);
                stack.pop();
                continue;
            }
            long s = successors[(int) frame[1]++];
            IrBlock b = seen.get(s);
            if (b == null && seen.size() < EXPLORED) {
                b = blockAt.apply(s);
                if (b != null && !jumpsToItself(b)) {
                    seen.put(s, b);
                    stack.push(new long[] {s, 0});
                } else {
                    b = null;
                }
            }
            if (b != null) {
                predecessors.computeIfAbsent(s, k -> new ArrayList<>()).add(frame[0]);
            }
        }
        // The blocks from which the entry is reached again.
        Set<Long> loop = new HashSet<>();
        Deque<Long> work = new ArrayDeque<>(predecessors.getOrDefault(entry.guestAddress, List.of()));
        while (!work.isEmpty()) {
            long b = work.pop();
            if (loop.add(b)) {
                work.addAll(predecessors.getOrDefault(b, List.of()));
            }
        }
        if (!loop.contains(entry.guestAddress) || loop.size() < 2 || loop.size() > maxBlocks) {
            return List.of();
        }
        List<IrBlock> order = new ArrayList<>();
        Collections.reverse(postorder);
        for (long b : postorder) {
            if (loop.contains(b)) {
                order.add(seen.get(b));
            }
        }
        return order;
    }

    /**
     * Whether entry would be in a loop of at most maxBlocks if every call also went straight on to its return address:
     * a region that holds inlined calls ({@link InlinedCalls}) forms only then, since its callees come back there, and
     * one without them too (through its loop's jumps and branches, or a recursive call). A breadth-first search, for
     * the shortest way back (past calls it sees much more of the function than {@link #find} does), looking at no
     * more than {@link #EXPLORED} blocks beyond the entry: a test cheaper than inlining, which lifts and rewrites
     * callees, for every block translated (a shell's first run spent more time looking for inlined calls than in the
     * code it ran).
     */
    public static boolean loopsPastCalls(IrBlock entry, LongFunction<IrBlock> blockAt, int maxBlocks) {
        if (jumpsToItself(entry)) {
            return false;
        }
        Map<Long, Integer> depth = new HashMap<>(Map.of(entry.guestAddress, 0));
        Deque<IrBlock> work = new ArrayDeque<>(List.of(entry));
        while (!work.isEmpty()) {
            IrBlock b = work.pop();
            int d = depth.get(b.guestAddress);
            Inst t = b.terminator();
            long back = t == null ? 0 : t.callReturnAddress();
            long[] next = b.directSuccessors(); // (a call's target too: a recursive call is a way back)
            if (back != 0) {
                next = java.util.Arrays.copyOf(next, next.length + 1);
                next[next.length - 1] = back;
            }
            for (long s : next) {
                if (s == entry.guestAddress) {
                    return true;
                }
                if (d + 1 < maxBlocks && depth.size() <= EXPLORED && !depth.containsKey(s)) {
                    IrBlock n = blockAt.apply(s);
                    if (n != null && !jumpsToItself(n)) {
                        depth.put(s, d + 1);
                        work.add(n);
                    }
                }
            }
        }
        return false;
    }

    private static boolean jumpsToItself(IrBlock b) {
        for (long s : b.directSuccessors()) {
            if (s == b.guestAddress) {
                return true;
            }
        }
        return false;
    }
}
