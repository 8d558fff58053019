package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.x86.asm.Gp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Linear-scan register allocation over a block's SSA values, in instruction order. A value lives from its
 * definition to its last use, extended (when guest registers are mapped) to where its guest register is written
 * again or to the block's end, so that exits and fault paths can write it back. Constants and fused comparisons get
 * no location: they are folded into the instructions that use them.
 *
 * <p>The allocatable registers exclude rax, rcx and rdx (scratch for the instruction selector: mul/div and
 * shift counts need them), r13/r14/r15 (permission table, guest window, guest state) and rsp. When none is free
 * the new value goes to a spill slot. A value whose last use is the instruction defining another prefers that
 * value's register, so {@code a = a + b} needs no move.
 */
final class RegisterAllocator {
    static final Gp[] ALLOCATABLE = {Gp.RBX, Gp.RSI, Gp.RDI, Gp.R8, Gp.R9, Gp.R10, Gp.R11, Gp.R12, Gp.RBP};
    static final int MAX_SLOTS = 32;

    final Map<Inst, Location> locations = new IdentityHashMap<>();
    /**
     * Values computed where they are used, with no location of their own: address computations folded into memory
     * operands, and narrow views read in place. Their operand 0 lives until their last use.
     */
    private final java.util.Set<Inst> foldedIntoUses;

    /** Whether fused comparisons are emitted with their branch (else they are materialised like any value). */
    private final boolean fuse;

    RegisterAllocator(java.util.Set<Inst> foldedIntoUses, boolean fuse) {
        this.foldedIntoUses = foldedIntoUses;
        this.fuse = fuse;
    }
    final Map<Inst, Integer> lastUse = new IdentityHashMap<>();
    int slotsUsed;

    /** Values that need no location of their own. */
    boolean folded(Inst i) {
        return i.op == Op.CONST || (i.fused && fuse) || !i.op.hasResult() || foldedIntoUses.contains(i);
    }

    /** Returns false when the block needs more spill slots than the host frame has. */
    boolean allocate(IrBlock block, boolean mapRegisters, Map<Inst, Integer> extraUses) {
        List<Inst> insts = block.insts;
        for (int k = 0; k < insts.size(); k++) {
            for (Inst o : insts.get(k).operands) {
                lastUse.put(o, k);
            }
        }
        if (mapRegisters) {
            Map<Long, Integer> lastBindingAt = new java.util.HashMap<>();
            Map<Long, Inst> bound = new java.util.HashMap<>();
            for (int k = 0; k < insts.size(); k++) {
                Inst i = insts.get(k);
                if (i.op == Op.SET_REG) {
                    long key = (i.aux << 32) | i.aux2;
                    Inst previous = bound.put(key, i.operand(0));
                    if (previous != null) {
                        lastUse.merge(previous, k, Math::max);
                    }
                    lastBindingAt.put(key, k);
                }
            }
            int end = insts.size() - 1;
            for (Inst v : bound.values()) {
                lastUse.merge(v, end, Math::max);
            }
        }
        extraUses.forEach((v, k) -> lastUse.merge(v, k, Math::max));
        // A value folded into its uses is computed there: its operands (a register read loaded where it is used has
        // none) live until the value's last use. Later values first, so that the operands of a folded operand live
        // as long as the outermost use.
        for (int k = insts.size() - 1; k >= 0; k--) {
            Inst f = insts.get(k);
            if (foldedIntoUses.contains(f)) {
                for (Inst o : f.operands) {
                    lastUse.merge(o, lastUse.getOrDefault(f, 0), Math::max);
                }
            }
        }
        Deque<Gp> free = new ArrayDeque<>(List.of(ALLOCATABLE));
        Deque<Integer> freeSlots = new ArrayDeque<>();
        List<Inst> active = new ArrayList<>();
        int[] activeLast = new int[insts.size() + 1]; // last use of active.get(a), in step with active
        for (int k = 0; k < insts.size(); k++) {
            Inst i = insts.get(k);
            // Values whose last use was before k are dead: their registers are free again.
            Gp preferred = null;
            boolean foldedHere = folded(i);
            for (int a = active.size() - 1; a >= 0; a--) {
                Inst v = active.get(a);
                int last = activeLast[a];
                if (last < k || (last == k && !foldedHere)) {
                    active.remove(a);
                    System.arraycopy(activeLast, a + 1, activeLast, a, active.size() - a);
                    Location loc = locations.get(v);
                    if (loc instanceof Location.Register r) {
                        if (last == k && i.operands.length > 0 && i.operand(0) == v) {
                            preferred = r.reg();
                        }
                        free.addFirst(r.reg());
                    } else if (loc instanceof Location.Slot s) {
                        freeSlots.add(s.index());
                    }
                }
            }
            if (foldedHere) {
                continue;
            }
            if (!lastUse.containsKey(i) && !i.hasSideEffect()) {
                continue; // unused (dead code that survived): no location
            }
            Location loc;
            if (preferred != null && free.remove(preferred)) {
                loc = new Location.Register(preferred);
            } else if (!free.isEmpty()) {
                loc = new Location.Register(free.removeFirst());
            } else if (!freeSlots.isEmpty()) {
                loc = new Location.Slot(freeSlots.removeFirst());
            } else if (slotsUsed < MAX_SLOTS) {
                loc = new Location.Slot(slotsUsed++);
            } else {
                return false;
            }
            locations.put(i, loc);
            Integer last = lastUse.get(i);
            if (last != null) {
                activeLast[active.size()] = last;
                active.add(i);
            } else if (loc instanceof Location.Register r) {
                free.addFirst(r.reg());
            }
        }
        return true;
    }
}
