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
 * following direct jumps and branches (calls leave it, as their callees return by indirect jumps), and the indirect
 * jumps that are neither calls nor returns to where they have been seen to go ({@link JumpTargets}: a switch's
 * jump table, an interpreter's dispatch). Blocks that jump to themselves are left out: they are compiled as
 * self-loops of their own, which the region enters and leaves. The blocks come in reverse postorder from the entry,
 * so that most edges inside the region go forward.
 */
public final class LoopRegions {
    /** At most this many blocks are looked at from the entry (each is decoded and lifted). */
    public static final int EXPLORED = 64;
    /** At most this many targets of one indirect jump are followed. */
    public static final int MAX_JUMP_TARGETS = 64;

    private LoopRegions() {
    }

    /**
     * Where the plain indirect jump (neither a call nor a return) ending the block at an address has been seen to
     * go, the most frequent first; empty where none was seen or the block ends otherwise.
     */
    @FunctionalInterface
    public interface JumpTargets {
        JumpTargets NONE = block -> new long[0];

        long[] of(long block);
    }

    /** Whether t, a block's terminator, is an indirect jump that is neither a call nor a return. */
    public static boolean plainIndirect(Inst t) {
        return t != null && t.op == dbt.ir.Op.EXIT_INDIRECT && !t.isReturn() && t.callReturnAddress() == 0;
    }

    /** The blocks b goes to: its direct successors, and where its plain indirect jump went (at most indirect). */
    private static long[] successors(IrBlock b, JumpTargets jumps, int indirect) {
        long[] direct = b.directSuccessors();
        if (indirect == 0 || !plainIndirect(b.terminator())) {
            return direct;
        }
        long[] seen = jumps.of(b.guestAddress);
        int n = Math.min(indirect, seen.length);
        long[] all = java.util.Arrays.copyOf(direct, direct.length + n);
        System.arraycopy(seen, 0, all, direct.length, n);
        return all;
    }

    /**
     * The region entry heads: at least two blocks, at most maxBlocks; else empty. blockAt gives the lifted block at
     * a guest address, or null where there is none (not code, not mapped).
     */
    public static List<IrBlock> find(IrBlock entry, LongFunction<IrBlock> blockAt, int maxBlocks) {
        return find(entry, blockAt, maxBlocks, JumpTargets.NONE, maxBlocks);
    }

    /**
     * As {@link #find(IrBlock, LongFunction, int)}, following plain indirect jumps to their targets (jumps); a loop
     * through such a jump may have up to maxJumpBlocks blocks (a dispatch loop and its handlers). Where there are more,
     * fewer of each jump's targets are followed, the most frequent, down to none.
     */
    public static List<IrBlock> find(IrBlock entry, LongFunction<IrBlock> blockAt, int maxBlocks, JumpTargets jumps,
            int maxJumpBlocks) {
        if (jumpsToItself(entry)) {
            return List.of();
        }
        int[] followed = new int[1];
        for (int indirect = MAX_JUMP_TARGETS; ; indirect = followed[0] / 2) {
            followed[0] = 0;
            List<IrBlock> region = find(entry, blockAt, maxBlocks, maxJumpBlocks, jumps, indirect, followed);
            if (region != null || followed[0] == 0) {
                return region != null ? region : List.of();
            }
        }
    }

    /**
     * The region, or null when the loop has more than maxBlocks, or maxJumpBlocks if it goes through a plain indirect
     * jump; followed[0] then tells the most targets of one such jump in it that were followed.
     */
    private static List<IrBlock> find(IrBlock entry, LongFunction<IrBlock> blockAt, int maxBlocks, int maxJumpBlocks,
            JumpTargets jumps, int indirect, int[] followed) {
        Map<Long, IrBlock> seen = new LinkedHashMap<>();
        Map<Long, long[]> successors = new HashMap<>();
        Map<Long, List<Long>> predecessors = new HashMap<>();
        List<Long> postorder = new ArrayList<>();
        seen.put(entry.guestAddress, entry);
        // Iterative depth-first search: a frame is a block and the index of its next successor.
        Deque<long[]> stack = new ArrayDeque<>();
        stack.push(new long[] {entry.guestAddress, 0});
        while (!stack.isEmpty()) {
            long[] frame = stack.peek();
            long[] next = successors.computeIfAbsent(frame[0], b -> successors(seen.get(b), jumps, indirect));
            if (frame[1] == next.length) {
                postorder.add(frame[0]);
                stack.pop();
                continue;
            }
            long s = next[(int) frame[1]++];
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
        for (long b : loop) {
            if (plainIndirect(seen.get(b).terminator())) { // (whose successors past the direct ones are its targets)
                followed[0] = Math.max(followed[0], successors.get(b).length - seen.get(b).directSuccessors().length);
            }
        }
        if (loop.size() > (followed[0] > 0 ? maxJumpBlocks : maxBlocks)) {
            return null;
        }
        if (!loop.contains(entry.guestAddress) || loop.size() < 2) {
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
        return loopsPastCalls(entry, blockAt, maxBlocks, JumpTargets.NONE, maxBlocks);
    }

    /** As above, past plain indirect jumps too (jumps), a way through one up to maxJumpBlocks long. */
    public static boolean loopsPastCalls(IrBlock entry, LongFunction<IrBlock> blockAt, int maxBlocks,
            JumpTargets jumps, int maxJumpBlocks) {
        if (jumpsToItself(entry)) {
            return false;
        }
        Map<Long, Integer> depth = new HashMap<>(Map.of(entry.guestAddress, 0));
        Set<Long> pastJumps = new HashSet<>(); // (reached through a plain indirect jump)
        Deque<IrBlock> work = new ArrayDeque<>(List.of(entry));
        while (!work.isEmpty()) {
            IrBlock b = work.pop();
            int d = depth.get(b.guestAddress);
            Inst t = b.terminator();
            long back = t == null ? 0 : t.callReturnAddress();
            long[] next = successors(b, jumps, MAX_JUMP_TARGETS); // (a call's target too: a recursive call is a way back)
            int direct = plainIndirect(t) ? b.directSuccessors().length : next.length;
            if (back != 0) {
                next = java.util.Arrays.copyOf(next, next.length + 1);
                next[next.length - 1] = back;
            }
            for (int k = 0; k < next.length; k++) {
                long s = next[k];
                if (s == entry.guestAddress) {
                    return true;
                }
                boolean pastJump = pastJumps.contains(b.guestAddress) || k >= direct && s != back;
                if (d + 1 < (pastJump ? maxJumpBlocks : maxBlocks) && depth.size() <= EXPLORED
                        && !depth.containsKey(s)) {
                    IrBlock n = blockAt.apply(s);
                    if (n != null && !jumpsToItself(n)) {
                        depth.put(s, d + 1);
                        if (pastJump) {
                            pastJumps.add(s);
                        }
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
