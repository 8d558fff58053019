package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

/**
 * Calls that a region holds inline: the blocks {@link LoopRegions} sees, through which a loop that calls a small
 * leaf function (a comparison through a function pointer, a hash, a getter in another file) is one region, the
 * callee's blocks among its own. A call is inlined when its callee is known (a direct call's target, or the one
 * target an indirect call has gone to every time it ran: predicted) and is a leaf: the blocks reached from its entry
 * by jumps, branches and indirect jumps that have had one target (a PLT entry's), at most {@link #MAX_CALLEE_BLOCKS},
 * each ending in one of those or in a return through the link register, none writing the link register, none a
 * block of the caller, and no loop among them. Blocks that have not run yet (a NaN's path, an error's) are left out:
 * a branch to one leaves the region, with the link register written, and the callee goes on outside it. Then:
 * <ul>
 * <li>the call block ends, without its write of the link register, in a jump to the callee (a direct call), or in a
 * branch on its target being the predicted one: to the callee, or else to the calling instruction itself, outside
 * the region, which then makes the call as it would have (an indirect call; the state there is exactly the state
 * before that instruction);</li>
 * <li>the callee's entry block first writes the link register (the call's own write, moved past the check; so
 * the region never leaves before a callee's block, where the link register would not be written yet: see
 * {@code IrRegion#inlined});</li>
 * <li>the callee's returns are jumps to the return address: the link register holds it when they run, since
 * nothing in the callee writes it and the callee is entered only through the call ({@link #consistent} checks that
 * on the region formed).</li>
 * </ul>
 * No host call is made for an inlined call, and no host return for its return (both stay inside the region).
 */
public final class InlinedCalls implements LongFunction<IrBlock> {
    /** A callee of more blocks than this is called, not inlined. */
    public static final int MAX_CALLEE_BLOCKS = 8;

    /**
     * An inlined call: the call block, the callee's blocks, and the instructions its guarded jumps fall back to (an
     * indirect call's calling instruction, a callee's indirect jumps').
     */
    private record Call(long block, Set<Long> callee, List<Long> fallbacks) {
    }

    /** A leaf callee's blocks, and its indirect jumps (by block) with the one target each has had. */
    private record Callee(Map<Long, IrBlock> blocks, Map<Long, Long> guarded) {
    }

    private final LongFunction<IrBlock> blockAt;
    private final LongUnaryOperator predictedTarget;
    private final Map<Long, IrBlock> rewritten = new HashMap<>();
    /** Blocks handed out as they are: none of them may become a callee's. */
    private final Set<Long> plain = new HashSet<>();
    private final Map<Long, Call> calls = new HashMap<>();

    /**
     * @param blockAt         the lifted block at a guest address, or null where there is none
     * @param predictedTarget the one target the indirect call or jump ending a block has had, or 0 (none known, or
     *                        several)
     */
    public InlinedCalls(LongFunction<IrBlock> blockAt, LongUnaryOperator predictedTarget) {
        this.blockAt = blockAt;
        this.predictedTarget = predictedTarget;
    }

    /** The block at address as the region sees it: rewritten where it makes or is part of an inlined call. */
    @Override
    public IrBlock apply(long address) {
        IrBlock done = rewritten.get(address);
        if (done != null) {
            return done;
        }
        IrBlock b = blockAt.apply(address);
        return b == null ? null : entry(b);
    }

    /** The block b (lifted at its address) as the region sees it: the region's entry, or any other block. */
    public IrBlock entry(IrBlock b) {
        IrBlock inlined = inline(b);
        if (inlined != null) {
            return inlined;
        }
        plain.add(b.guestAddress);
        return b;
    }

    /** The guest addresses of the blocks of every callee inlined (see {@code IrRegion#inlined}). */
    public Set<Long> calleeBlocks() {
        Set<Long> blocks = new HashSet<>();
        calls.values().forEach(c -> blocks.addAll(c.callee));
        return blocks;
    }

    /** How many of the calls inlined are made in the region (blocks this view handed out). */
    public int inlinedIn(List<IrBlock> region) {
        int n = 0;
        for (IrBlock b : region) {
            n += calls.containsKey(b.guestAddress) ? 1 : 0;
        }
        return n;
    }

    /**
     * Whether the region (blocks this view handed out) keeps the rules inlining relies on: every block of an inlined
     * callee in it is entered only from its call block or from the callee's own blocks, the call block is in it, the
     * region is not entered inside a callee, and the calling instruction an indirect call falls back to is no block
     * of it.
     */
    public boolean consistent(List<IrBlock> region) {
        Set<Long> in = new HashSet<>();
        region.forEach(b -> in.add(b.guestAddress));
        for (Call c : calls.values()) {
            if (c.callee.contains(region.getFirst().guestAddress) || c.fallbacks.stream().anyMatch(in::contains)) {
                return false;
            }
            boolean used = false;
            for (long a : c.callee) {
                used |= in.contains(a);
            }
            if (used && !in.contains(c.block)) {
                return false;
            }
        }
        for (IrBlock b : region) {
            for (long s : b.directSuccessors()) {
                for (Call c : calls.values()) {
                    if (c.callee.contains(s) && b.guestAddress != c.block && !c.callee.contains(b.guestAddress)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The call block b rewritten to enter its callee inline (and the callee's blocks rewritten), or null. */
    private IrBlock inline(IrBlock b) {
        Inst t = b.terminator();
        long returnAddress = t == null ? 0 : t.callReturnAddress();
        if (returnAddress == 0) {
            return null;
        }
        boolean direct = t.op == Op.EXIT_JUMP;
        long target = direct ? t.aux : predictedTarget.applyAsLong(b.guestAddress);
        Inst link = jumpWrite(b);
        long callingInstruction = lastPc(b);
        if (target == 0 || link == null || link.operand(0).aux != returnAddress
                || !direct && (callingInstruction == b.guestAddress || callingInstruction < 0)) {
            return null;
        }
        Callee callee = leaf(target, link.registerKey(), b.guestAddress, returnAddress);
        if (callee == null) {
            return null;
        }
        IrBlock call = b.copy();
        call.insts.remove(b.insts.indexOf(link));
        List<Long> fallbacks = new ArrayList<>();
        if (direct) {
            call.terminator().aux2 = 0; // a jump into the callee, no longer a call
        } else {
            guard(call, target, callingInstruction);
            fallbacks.add(callingInstruction);
        }
        // The writes the jumping instructions make (the call's of ra, a PLT jump's of t1), made where they lead.
        Map<Long, Inst> firstWrites = new HashMap<>(Map.of(target, link));
        callee.guarded.forEach((a, p) -> {
            Inst w = jumpWrite(callee.blocks.get(a));
            if (w != null) {
                firstWrites.put(p, w);
            }
        });
        for (Map.Entry<Long, IrBlock> e : callee.blocks.entrySet()) {
            long a = e.getKey();
            IrBlock c = e.getValue().copy();
            Inst r = c.terminator();
            if (r.isReturn()) {
                r.op = Op.EXIT_JUMP;
                r.aux = returnAddress;
                r.aux2 = 0;
                r.operands = new Inst[0];
            }
            Long p = callee.guarded.get(a);
            if (p != null) {
                Inst w = jumpWrite(e.getValue());
                if (w != null) {
                    c.insts.remove(e.getValue().insts.indexOf(w));
                }
                guard(c, p, lastPc(e.getValue()));
                fallbacks.add(lastPc(e.getValue()));
            }
            Inst w = firstWrites.get(a);
            if (w != null) {
                Inst value = new Inst(Op.CONST, Type.I64, w.operand(0).aux, 0);
                c.insts.add(0, value);
                c.insts.add(1, new Inst(Op.SET_REG, w.type, w.aux, w.aux2, value));
            }
            rewritten.put(a, c);
        }
        rewritten.put(b.guestAddress, call);
        calls.put(b.guestAddress, new Call(b.guestAddress, callee.blocks.keySet(), fallbacks));
        return call;
    }

    /**
     * Ends c, a copy of a block ending in an indirect jump or call, in a branch on the target being the predicted
     * one: to it, or else to the jumping instruction itself (fallback), which then jumps as the guest does.
     */
    private static void guard(IrBlock c, long predicted, long fallback) {
        Inst end = c.terminator();
        Inst k = new Inst(Op.CONST, Type.I64, predicted, 0);
        Inst same = new Inst(Op.EQ, Type.I1, 0, 0, end.operand(0), k);
        c.insts.add(c.insts.size() - 1, k);
        c.insts.add(c.insts.size() - 1, same);
        end.op = Op.EXIT_BRANCH;
        end.aux = predicted;
        end.aux2 = fallback;
        end.operands = new Inst[] {same};
    }

    /**
     * The write of a constant to a 64-bit register that the block's jumping instruction makes (after its pc: a
     * call's link register), or null.
     */
    private static Inst jumpWrite(IrBlock b) {
        for (int k = b.insts.size() - 2; k >= 0; k--) {
            Inst i = b.insts.get(k);
            if (i.op == Op.SET_REG) {
                return i.operand(0).isConst() && i.type == Type.I64 ? i : null;
            }
            if (i.op == Op.GUEST_PC) {
                return null;
            }
        }
        return null;
    }

    /** The guest address of the block's last instruction (its last pc marker), or -1. */
    private static long lastPc(IrBlock b) {
        for (int k = b.insts.size() - 1; k >= 0; k--) {
            if (b.insts.get(k).op == Op.GUEST_PC) {
                return b.insts.get(k).aux;
            }
        }
        return -1;
    }

    /**
     * The blocks of the leaf function entered at target, or null when it is not one that can be inlined (see the
     * class comment), or when a block of it was handed out as it is or belongs to another inlined call.
     */
    private Callee leaf(long target, long link, long callBlock, long returnAddress) {
        Map<Long, IrBlock> blocks = new LinkedHashMap<>();
        Map<Long, Long> guarded = new HashMap<>();
        Deque<Long> work = new ArrayDeque<>(List.of(target));
        while (!work.isEmpty()) {
            long a = work.pop();
            if (blocks.containsKey(a)) {
                continue;
            }
            IrBlock b = blockAt.apply(a);
            if (b == null && a != target) {
                continue; // a path not taken yet (a NaN's, an error's): a side exit, where the state has ra written
            }
            blocks.put(a, b);
            if (b == null || blocks.size() > MAX_CALLEE_BLOCKS || a == callBlock || a == returnAddress
                    || plain.contains(a) || rewritten.containsKey(a) || writes(b, link)) {
                return null;
            }
            Inst t = b.terminator();
            boolean jump = t != null && (t.op == Op.EXIT_JUMP && t.callReturnAddress() == 0 || t.op == Op.EXIT_BRANCH);
            boolean ret = t != null && t.isReturn() && returnsThrough(t.operand(0), link, returnAddress);
            if (t != null && t.op == Op.EXIT_INDIRECT && !t.isReturn() && t.callReturnAddress() == 0) {
                // An indirect jump (a PLT entry's, to the library's function): guarded, when it has had one target.
                long p = predictedTarget.applyAsLong(a);
                long from = lastPc(b);
                Inst w = jumpWrite(b);
                if (p == 0 || from == a || from < 0 || w != null && w.registerKey() == link) {
                    return null;
                }
                guarded.put(a, p);
                work.push(p);
                continue;
            }
            if (!jump && !ret) {
                return null;
            }
            for (long s : b.directSuccessors()) {
                work.push(s);
            }
        }
        // A guarded jump's target is entered from that jump only (the jump's write is made where it starts).
        for (long p : guarded.values()) {
            if (p == target || java.util.Collections.frequency(guarded.values(), p) > 1) {
                return null;
            }
            for (IrBlock b : blocks.values()) {
                for (long s : b.directSuccessors()) {
                    if (s == p) {
                        return null;
                    }
                }
            }
        }
        return hasCycle(blocks, guarded) ? null : new Callee(blocks, guarded);
    }

    /**
     * Whether the blocks hold a loop (a self-loop among them). A callee with a loop of its own is called, not inlined:
     * its loop is a region of its own (a self-loop stays one), with homes for its own registers, where in its
     * caller's region it would have the caller's (a Mandelbrot iteration called per pixel: 1.13 -> 1.37 s inlined).
     */
    private static boolean hasCycle(Map<Long, IrBlock> blocks, Map<Long, Long> guarded) {
        Map<Long, Integer> state = new HashMap<>(); // 1: on the current path, 2: done
        Deque<long[]> stack = new ArrayDeque<>();
        long entry = blocks.keySet().iterator().next();
        stack.push(new long[] {entry, 0});
        state.put(entry, 1);
        while (!stack.isEmpty()) {
            long[] frame = stack.peek();
            long[] successors = guarded.containsKey(frame[0]) ? new long[] {guarded.get(frame[0])}
                    : blocks.get(frame[0]).directSuccessors();
            if (frame[1] == successors.length) {
                state.put(frame[0], 2);
                stack.pop();
                continue;
            }
            long s = successors[(int) frame[1]++];
            if (!blocks.containsKey(s)) {
                continue;
            }
            Integer seen = state.get(s);
            if (seen == null) {
                state.put(s, 1);
                stack.push(new long[] {s, 0});
            } else if (seen == 1) {
                return true;
            }
        }
        return false;
    }

    private static boolean writes(IrBlock b, long register) {
        for (Inst i : b.insts) {
            if (i.op == Op.SET_REG && i.registerKey() == register) {
                return true;
            }
        }
        return false;
    }

    /** Whether a return to v goes to returnAddress when the link register holds it: v is the register, or it masked. */
    private static boolean returnsThrough(Inst v, long link, long returnAddress) {
        if (v.op == Op.AND && v.operand(1).isConst() && (returnAddress & v.operand(1).aux) == returnAddress) {
            v = v.operand(0);
        }
        return v.op == Op.GET_REG && v.registerKey() == link;
    }
}
