package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.analysis.NarrowViews;
import dbt.ir.analysis.SelfLoops;
import dbt.ir.fp.FloatFunction;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Xmm;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Linear-scan register allocation over a block's SSA values, in instruction order. A value lives from its
 * definition to its last use, extended (when guest registers are mapped) to where its guest register is written
 * again or to the block's end, so that exits and fault paths can write it back. Constants and fused comparisons get
 * no location: they are folded into the instructions that use them.
 *
 * <p>The allocatable registers exclude rax, rcx and rdx (scratch for the instruction selector: mul/div and
 * shift counts need them), r14/r15 (guest window, guest state), rsp, and r13 when memory is checked in software (the
 * page permission table; with host faults r13 is allocatable, the last one handed out), and the pinned registers'
 * host registers ({@link PinnedRegisters}), which their homes hold and release as a region's do, unless a self-loop or
 * region evicts them (they are then allocatable like the others). When none is free,
 * the new value takes the register of the value whose next use lies furthest ahead (Belady's choice, as in Poletto's
 * linear scan), unless the new value's own next use is further still: then the new value goes to a spill slot. The
 * evicted value's live range is split there: it is in its register before that instruction and in a slot from it on
 * (or, when a register write already stored it to the state where it was made, {@link EagerWrites}, in the state: no
 * store), so where a value is depends on the instruction ({@link #at}; instruction selection asks with the index of the
 * instruction it emits, and a cold path with the index of the one it leaves from). At a loop's top, where an evicted
 * value keeps its slot all its life, the value the body uses least is evicted instead; a value from before a loop's
 * body that the body evicts can be kept in a slot all its life instead ({@link #keepInSlots}: the block compiler
 * allocates again so and keeps the allocation whose body makes less memory traffic). A value whose last use is the
 * instruction defining another prefers that value's register, so {@code a = a + b} needs no move; a value whose last
 * use could compute another in its register prefers that value's preferred register ({@link #passedOn}).
 *
 * <p>Values that float ops read ({@link XmmValues}) take xmm4..xmm15 while one is free (the lower four are
 * {@link FloatLowering}'s), else a general register or slot like any other value; xmm registers are not spilled.
 */
final class RegisterAllocator {
    static final Gp[] ALLOCATABLE = {Gp.RBX, Gp.RSI, Gp.RDI, Gp.R8, Gp.R9, Gp.R10, Gp.R11, Gp.R12, Gp.RBP, Gp.R13};
    static final Xmm[] XMM_ALLOCATABLE = {Xmm.XMM4, Xmm.XMM5, Xmm.XMM6, Xmm.XMM7, Xmm.XMM8, Xmm.XMM9, Xmm.XMM10,
        Xmm.XMM11, Xmm.XMM12, Xmm.XMM13, Xmm.XMM14, Xmm.XMM15};
    /** The registers handed out (see {@link #pool}). */
    private final Gp[] allocatable;
    static final int MAX_SLOTS = CallFrames.SPILL_SLOTS;

    final Map<Inst, Location> locations = new HashMap<>();
    /**
     * Values computed where they are used, with no location of their own: address computations folded into memory
     * operands, and narrow views read in place. Their operand 0 lives until their last use.
     */
    private final java.util.Set<Inst> foldedIntoUses;

    /** Whether fused comparisons are emitted with their branch (else they are materialised like any value). */
    private final boolean fuse;
    /** The values that prefer an xmm register. */
    private final java.util.Set<Inst> xmmValues;

    /** Registers a region's blocks need for their own values, besides its homes. */
    static final int KEPT_FOR_VALUES = 3;

    /**
     * How many homes other than the pinned registers' an allocator made with these arguments gives general registers
     * (see {@link RegionPlan}): all it hands out but {@link #KEPT_FOR_VALUES}.
     */
    static int generalHomesAtMost(boolean withR13, PinnedRegisters pinned, java.util.Collection<Gp> evicted) {
        return pool(withR13, pinned, evicted).length - KEPT_FOR_VALUES;
    }

    /** The registers handed out: {@link #ALLOCATABLE} (without r13), less the pinned ones' but those evicted. */
    private static Gp[] pool(boolean withR13, PinnedRegisters pinned, java.util.Collection<Gp> evicted) {
        List<Gp> pool = new ArrayList<>(List.of(pinned.withoutHosts(withR13 ? ALLOCATABLE
                : java.util.Arrays.copyOf(ALLOCATABLE, ALLOCATABLE.length - 1))));
        pool.addAll(evicted);
        return pool.toArray(Gp[]::new);
    }

    /** The pinned registers (see {@link PinnedRegisters}): their homes are their host registers. */
    private final PinnedRegisters pinned;

    RegisterAllocator(java.util.Set<Inst> foldedIntoUses, boolean fuse, boolean withR13,
                      java.util.Set<Inst> xmmValues, PinnedRegisters pinned, java.util.Collection<Gp> evicted) {
        this.foldedIntoUses = foldedIntoUses;
        this.fuse = fuse;
        this.xmmValues = xmmValues;
        this.pinned = pinned;
        this.allocatable = pool(withR13, pinned, evicted);
    }
    final Map<Inst, Integer> lastUse = new HashMap<>();
    int slotsUsed;
    /**
     * A self-loop's values that its back edge moves into a home (the read at its top of the guest register they are
     * bound to): each prefers its home's location, register or slot, when that is free, so that the move is none.
     */
    private Map<Inst, Inst> homeOf = Map.of();
    /** Where each value was defined, and (for free slots) the last use of the value that held the slot. */
    private final Map<Inst, Integer> definedAt = new HashMap<>();
    private final Map<Integer, Integer> slotFreeAfter = new java.util.HashMap<>();

    /**
     * Values evicted from their register at an instruction (see {@link #evictFor}): the index of that instruction,
     * and their register before it (their entry in {@link #locations} is their slot, from it on).
     */
    private final Map<Inst, Integer> splitAt = new HashMap<>();
    private final Map<Inst, Location> beforeSplit = new HashMap<>();
    /** For each instruction index, the values to store from their register to their slot before its code. */
    private final Map<Integer, List<Inst>> spills = new java.util.HashMap<>();

    /** Values evicted before this index are not split: they live in their slot all their life (a loop's top). */
    private int splitFrom;

    /**
     * A self-loop's homes hold their registers at least until this index, its body's first instruction: the back edge
     * jumps there with each home in its register, so no value computed before it (the loop's other reads and its
     * invariants, which live through every iteration) may take a home's register.
     */
    private int homesHeldUntil = -1;

    /**
     * Values a self-loop keeps in a slot of their own all their life, from where they are defined before its body:
     * read from there in every iteration, never stored or put back in a register at the back edge (see
     * {@link #evictedInBody}).
     */
    private java.util.Set<Inst> slotForLife = java.util.Set.of();

    /** Sets the values kept in slots all their life (see {@link #slotForLife}). */
    void keepInSlots(java.util.Set<Inst> values) {
        slotForLife = values;
    }

    /**
     * The values defined before a self-loop's body that were evicted from their register inside it: each is stored
     * where it is evicted and put back in its register at the back edge, in every iteration.
     */
    java.util.Set<Inst> evictedInBody() {
        java.util.Set<Inst> out = new java.util.HashSet<>();
        splitAt.forEach((v, k) -> {
            if (k >= splitFrom && definedAt(v) < splitFrom) {
                out.add(v);
            }
        });
        return out;
    }

    /**
     * The memory accesses a self-loop's body makes for values not in registers, counted once each in its code:
     * stores of evicted values, reads of values from their slots, and the reloads of {@link #evictedInBody} at the
     * back edge.
     */
    int bodyTraffic(List<Inst> insts) {
        int n = evictedInBody().size();
        for (int k = splitFrom; k < insts.size(); k++) {
            n += spillsAt(k).size();
            for (Inst o : insts.get(k).operands) {
                if (at(o, k) instanceof Location.Slot) {
                    n++;
                }
            }
        }
        return n;
    }

    /** See {@link #homesHeldUntil}. */
    void holdHomesUntil(int index) {
        homesHeldUntil = index;
    }

    /** Splits only values evicted at index or later (see {@link #evictFor}). */
    void splitFrom(int index) {
        splitFrom = index;
    }

    /** Where v was defined (an index of the allocated instructions), or -1. */
    int definedAt(Inst v) {
        return definedAt.getOrDefault(v, -1);
    }

    /** Where v is at the instruction of this index: its slot once it was split there or before, else its location. */
    Location at(Inst v, int index) {
        Integer k = splitAt.get(v);
        return k != null && index < k ? beforeSplit.get(v) : locations.get(v);
    }

    /** Where v is where it is defined (before any split). */
    Location homeLocation(Inst v) {
        return beforeSplit.containsKey(v) ? beforeSplit.get(v) : locations.get(v);
    }

    /** The values to store to their slots, from their registers (see {@link #at}), before the code at index. */
    List<Inst> spillsAt(int index) {
        return spills.getOrDefault(index, List.of());
    }

    /** The values split after index (see {@link #at}). */
    List<Inst> splitAfter(int index) {
        List<Inst> out = new ArrayList<>();
        splitAt.forEach((v, k) -> {
            if (k > index) {
                out.add(v);
            }
        });
        return out;
    }

    /** Sets the values that prefer the location of a home (see {@link #homeOf}). */
    void preferHomes(Map<Inst, Inst> homes) {
        homeOf = homes;
    }

    /**
     * Values that take the location of another when it is an xmm register: value -> the other, whose last use is then
     * the later of the two (a self-loop's unboxing of a NaN-boxed home, computed in place: see
     * {@link LoopLowering#unboxedInPlace}).
     */
    private Map<Inst, Inst> sharing = Map.of();

    /** Sets the values that take another's xmm register (see {@link #sharing}). */
    void share(Map<Inst, Inst> values) {
        sharing = values;
    }

    /**
     * Register reads whose place in the state holds their value all through the code (a self-loop's reads of
     * registers it never writes), each with that place's offset: an xmm value among them that finds no free xmm
     * register is read from there where used, rather than taking a general register (see
     * {@link LoopLowering#stateResident}).
     */
    private Map<Inst, Integer> stateResident = Map.of();

    /** Sets the reads that may stay in the state (see {@link #stateResident}). */
    void readInState(Map<Inst, Integer> reads) {
        stateResident = reads;
    }

    /** Register writes stored where they are made: their values are not bound (see {@link EagerWrites}). */
    private java.util.Set<Inst> eagerWrites = java.util.Set.of();
    /** The state offset of each guest register (key) that {@link #eagerWrites} write. */
    private java.util.function.LongToIntFunction stateOffset;
    /**
     * Values that a 64-bit register write stores to the state where it is made: {index of the write, the register's
     * state offset}. Evicted after that write, such a value is read from the state: no spill store.
     */
    private final Map<Inst, int[]> inState = new HashMap<>();

    /** Sets the register writes stored where they are made, and where the state holds each register. */
    void storeEagerly(java.util.Set<Inst> writes, java.util.function.LongToIntFunction stateOffset) {
        eagerWrites = writes;
        this.stateOffset = stateOffset;
    }

    /** Constants that get a location, like any value (see LoopLowering.hoistWideConstants). */
    private java.util.Set<Inst> materialized = java.util.Set.of();

    /** Gives these constants locations of their own. */
    void materialize(java.util.Collection<Inst> constants) {
        materialized = java.util.Set.copyOf(constants);
    }

    /** Values that need no location of their own. */
    boolean folded(Inst i) {
        return i.op == Op.CONST && !materialized.contains(i) || (i.fused && fuse) || !i.op.hasResult()
                || foldedIntoUses.contains(i);
    }

    /**
     * Of a self-loop's or region's evicted pinned registers, those whose host registers this allocation gave a value
     * (they are handed out last): the others need not leave their host registers, nor come back on every way out.
     */
    Map<Long, Gp> holding(Map<Long, Gp> evicted) {
        if (evicted.isEmpty()) {
            return evicted; // (a block that is no loop: nothing to look at)
        }
        java.util.Set<Gp> held = new java.util.HashSet<>();
        for (Map<Inst, Location> m : List.of(locations, beforeSplit)) {
            for (Location l : m.values()) {
                if (l instanceof Location.Register r) {
                    held.add(r.reg());
                }
            }
        }
        Map<Long, Gp> out = new java.util.LinkedHashMap<>(evicted);
        out.values().retainAll(held);
        return out;
    }

    /**
     * Allocates one block's instructions; homes are the reads of its pinned registers (see {@link PinnedRegisters});
     * extraUses, values used where they are not operands: each lives at least until the instruction at its index and
     * that instruction's cold path ({@link #coldPathReads}). Returns false when the block needs more spill slots than
     * the host frame has (or a region, more homes).
     */
    boolean allocate(IrBlock block, boolean mapRegisters, Map<Inst, Integer> extraUses, List<Inst> homes) {
        return allocate(block.insts, new int[] {block.insts.size() - 1}, mapRegisters, extraUses, homes,
                RegisterWrites.of(block.insts).last().keySet());
    }

    /**
     * Allocates the instructions of several blocks laid end to end (a region's), segmentEnds holding the index of
     * each one's last instruction: a value bound to a guest register lives to the end of its own block.
     *
     * <p>homes are the region's reads of its homed registers, at its top (see {@link RegionPlan}): each gets a register
     * of its own, xmm for an xmm value, else the next general one, which holds it at the start of every block. Within a
     * block, a home whose register the region writes holds its register only until its last use there and the block's
     * first write of its guest register (cold paths before that write store it); then the register is free for other
     * values, and the value the block binds to that guest register prefers it, so that the block's end needs no move. A
     * home of a register the region only reads holds its register throughout.
     */
    boolean allocate(List<Inst> insts, int[] segmentEnds, boolean mapRegisters, Map<Inst, Integer> extraUses,
                     List<Inst> homes, java.util.Set<Long> written) {
        for (int k = 0; k < insts.size(); k++) {
            for (Inst o : insts.get(k).operands) {
                lastUse.put(o, k);
            }
            Inst i = insts.get(k);
            if (eagerWrites.contains(i) && i.operand(0).type == dbt.ir.Type.I64) {
                inState.putIfAbsent(i.operand(0), new int[] {k, stateOffset.applyAsInt(i.registerKey())});
            }
        }
        Map<Long, Location> homeRegister = new java.util.HashMap<>();
        java.util.Set<Inst> homeSet = new java.util.HashSet<>();
        homeSet.addAll(homes);
        Location[] homeLocation = new Location[homes.size()];
        int generalHomes = 0;
        int xmmHomes = 0;
        for (int j = 0; j < homes.size(); j++) {
            Inst home = homes.get(j);
            Gp host = pinned.host(home.registerKey());
            if (host != null) {
                homeLocation[j] = new Location.Register(host);
            } else if (xmmValues.contains(home) && xmmHomes < XMM_ALLOCATABLE.length) {
                homeLocation[j] = new Location.Xmm(XMM_ALLOCATABLE[xmmHomes++]);
            } else if (generalHomes < allocatable.length - KEPT_FOR_VALUES) {
                homeLocation[j] = new Location.Register(allocatable[generalHomes++]);
            } else {
                return false;
            }
            locations.put(home, homeLocation[j]);
            homeRegister.put(home.registerKey(), homeLocation[j]);
        }
        Map<Inst, Location> hints = new HashMap<>();
        if (mapRegisters) {
            int start = 0;
            for (int end : segmentEnds) {
                Map<Long, Inst> bound = new java.util.HashMap<>();
                for (int k = start; k <= end; k++) {
                    Inst i = insts.get(k);
                    if (i.op == Op.SET_REG) {
                        Inst previous = eagerWrites.contains(i) ? bound.remove(i.registerKey())
                                : bound.put(i.registerKey(), i.operand(0));
                        if (previous != null) {
                            lastUse.merge(previous, k, Math::max);
                        }
                    }
                }
                for (var b : bound.entrySet()) {
                    lastUse.merge(b.getValue(), end, Math::max);
                    Location home = homeRegister.get(b.getKey());
                    if (home != null && !homeSet.contains(b.getValue())) {
                        hints.put(b.getValue(), home);
                    }
                }
                start = end + 1;
            }
        }
        extraUses.forEach((v, k) -> lastUse.merge(v, coldPathReads(insts, k), Math::max));
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
        sharing.forEach((v, owner) -> {
            if (lastUse.containsKey(v)) {
                lastUse.merge(owner, lastUse.get(v), Math::max);
            }
        });
        List<int[]> reservations = homeReservations(insts, segmentEnds, homes, written, extraUses); // {home, from, to}
        Map<Inst, List<Integer>> uses = new HashMap<>(); // where each value is used, in order
        for (int k = 0; k < insts.size(); k++) {
            Inst i = insts.get(k);
            int at = foldedIntoUses.contains(i) ? lastUse.getOrDefault(i, k) : k;
            for (Inst o : i.operands) {
                uses.computeIfAbsent(o, v -> new ArrayList<>()).add(at);
            }
        }
        Deque<Gp> free = new ArrayDeque<>(List.of(allocatable));
        Deque<Xmm> freeXmm = new ArrayDeque<>(List.of(XMM_ALLOCATABLE));
        Deque<Integer> freeSlots = new ArrayDeque<>();
        List<Inst> active = new ArrayList<>();
        int[] activeLast = new int[insts.size() + 1]; // last use of active.get(a), in step with active
        for (int k = 0; k < insts.size(); k++) {
            Inst i = insts.get(k);
            // Values whose last use was before k are dead: their registers are free again.
            Location preferred = null;
            boolean foldedHere = folded(i);
            for (int a = active.size() - 1; a >= 0; a--) {
                Inst v = active.get(a);
                int last = activeLast[a];
                if (last < k || (last == k && !foldedHere)) {
                    active.remove(a);
                    System.arraycopy(activeLast, a + 1, activeLast, a, active.size() - a);
                    Location loc = locations.get(v);
                    if (loc instanceof Location.Register || loc instanceof Location.Xmm) {
                        if (last == k && reusesRegisterOf(i, v) && (preferred == null || i.operand(0) == v)) {
                            preferred = loc;
                        }
                        release(loc, free, freeXmm);
                    } else if (loc instanceof Location.Slot s) {
                        freeSlots.add(s.index());
                        slotFreeAfter.put(s.index(), last);
                    }
                }
            }
            for (int[] h : reservations) { // {home, from, to, state: 0 to come, 1 held, 2 ended}
                Location reg = homeLocation[h[0]];
                if (h[3] == 1 && (h[2] < k || h[2] == k && !foldedHere)) {
                    h[3] = 2;
                    if (h[2] == k && reusesRegisterOf(i, homes.get(h[0]))) {
                        preferred = reg;
                    }
                    release(reg, free, freeXmm);
                }
            }
            for (int[] h : reservations) {
                if (h[3] == 0 && h[1] == k) {
                    h[3] = 1;
                    take(homeLocation[h[0]], free, freeXmm); // (free: the values of the block before are dead)
                }
            }
            if (foldedHere || homeSet.contains(i)) {
                continue;
            }
            if (!lastUse.containsKey(i) && !i.hasSideEffect()) {
                continue; // unused (dead code that survived): no location
            }
            Location shared = sharing.containsKey(i) ? locations.get(sharing.get(i)) : null;
            if (shared instanceof Location.Xmm) {
                locations.put(i, shared);
                definedAt.put(i, k);
                continue;
            }
            Location loc;
            Location hint = hintOf(i, hints);
            Location home = homeOf.containsKey(i) ? homeLocation(homeOf.get(i)) : null;
            if (hint == null) {
                hint = passedOn(i, insts, hints);
            }
            definedAt.put(i, k);
            boolean xmm = xmmValues.contains(i);
            if (slotForLife.contains(i) && slotsUsed < MAX_SLOTS) {
                loc = new Location.Slot(slotsUsed++);
            } else if (xmm && hint instanceof Location.Xmm && take(hint, free, freeXmm)) {
                loc = hint;
            } else if (xmm && preferred instanceof Location.Xmm && take(preferred, free, freeXmm)) {
                loc = preferred;
            } else if (xmm && !freeXmm.isEmpty()) {
                loc = new Location.Xmm(unwanted(freeXmm, Location.Xmm::new));
            } else if (xmm && stateResident.containsKey(i)) {
                loc = new Location.State(stateResident.get(i));
            } else if (hint instanceof Location.Register && take(hint, free, freeXmm)) {
                loc = hint;
            } else if (preferred instanceof Location.Register && take(preferred, free, freeXmm)) {
                loc = preferred;
            } else if (!free.isEmpty()) {
                loc = new Location.Register(unwanted(free, Location.Register::new));
            } else if ((loc = evictFor(i, k, active, uses, freeSlots)) != null) {
                // (the register of the value used furthest ahead, which now lives in a slot)
            } else if (home instanceof Location.Slot s && freeSlots.remove((Integer) s.index())) {
                loc = home;
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
            } else {
                release(loc, free, freeXmm);
            }
        }
        return true;
    }

    /** The location i prefers for its guest register's sake: the one its register ends in, or its home's. */
    private Location hintOf(Inst i, Map<Inst, Location> hints) {
        Location hint = hints.get(i);
        Location home = homeOf.containsKey(i) ? homeLocation(homeOf.get(i)) : null;
        return hint != null || home instanceof Location.Slot ? hint : home;
    }

    /**
     * The register of the value that i's last use computes, when that use can compute it in i's register with no
     * move ({@link #reusesRegisterOf}) and it has a register it prefers (see {@link #hintOf}): {@code a1 = x ^ y;
     * a1 &= 1} computes x ^ y where a1 ends, not elsewhere and moved there for the and. Else null.
     */
    private Location passedOn(Inst i, List<Inst> insts, Map<Inst, Location> hints) {
        return passedOn(i, insts, hints, 3);
    }

    /**
     * {@link #passedOn}, following a chain of such uses at most depth long (a loaded factor, its multiply-add, the
     * multiply-add's NaN select, which a register write binds).
     */
    private Location passedOn(Inst i, List<Inst> insts, Map<Inst, Location> hints, int depth) {
        Integer last = lastUse.get(i);
        if (last == null || last >= insts.size()) {
            return null;
        }
        Inst user = insts.get(last);
        if (foldedIntoUses.contains(user) || !reusesRegisterOf(user, i)) {
            return null;
        }
        Location hint = hintOf(user, hints);
        if (hint == null && depth > 1) {
            hint = passedOn(user, insts, hints, depth - 1);
        }
        return hint instanceof Location.Register || hint instanceof Location.Xmm ? hint : null;
    }

    /**
     * Whether i can be computed in operand v's register with no move when v dies there: operand 0 of a two-operand
     * form, or the value its operand 0 is a narrow view of (read in place, see {@link NarrowViews}); any operand of
     * a fused multiply-add (FMA3 adds into, or multiplies into, any one of its three).
     */
    private boolean reusesRegisterOf(Inst i, Inst v) {
        if (i.operands.length == 0) {
            return false;
        }
        if (i.op.isFloat() && FloatFunction.of(i.aux) == FloatFunction.MULADD) {
            return i.operand(0) == v || i.operand(1) == v || i.operand(2) == v;
        }
        Inst first = i.operand(0);
        if (i.op == Op.NAN_SELECT && first.op.isFloat() && foldedIntoUses.contains(first)) {
            return reusesRegisterOf(first, v); // (computed in the select's register)
        }
        return first == v || first.op == Op.TRUNC && foldedIntoUses.contains(first) && first.operand(0) == v;
    }

    /** Makes a register location free again (a slot: nothing). */
    private static void release(Location loc, Deque<Gp> free, Deque<Xmm> freeXmm) {
        if (loc instanceof Location.Register r) {
            free.addFirst(r.reg());
        } else if (loc instanceof Location.Xmm x) {
            freeXmm.addFirst(x.reg());
        }
    }

    /** Takes a register location if it is free; false when it is not (or is null or a slot). */
    private static boolean take(Location loc, Deque<Gp> free, Deque<Xmm> freeXmm) {
        return loc instanceof Location.Register r ? free.remove(r.reg())
                : loc instanceof Location.Xmm x && freeXmm.remove(x.reg());
    }

    /**
     * When each home holds its register: {home index, from, to, 0} per block where it does (see
     * {@link #allocate(List, int[], boolean, Map, List, java.util.Set)}). Within a block, a home is held while it
     * has uses to come, and while a guest register is bound to it that something may still write back: a cold path
     * (an instruction that may exit) or the block's end. A block begins with each written register bound to its
     * home; a write of a register binds it to another value, except one stored where it is made ({@link EagerWrites}),
     * which leaves the register bound to nothing. A use extraUses adds (a self-loop's) holds it too.
     */
    private List<int[]> homeReservations(List<Inst> insts, int[] segmentEnds, List<Inst> homes,
                                         java.util.Set<Long> written, Map<Inst, Integer> extraUses) {
        List<int[]> out = new ArrayList<>();
        for (int j = 0; j < homes.size(); j++) {
            Inst home = homes.get(j);
            if (!written.contains(home.registerKey())) {
                out.add(new int[] {j, 0, insts.size() - 1, 0});
                continue;
            }
            int start = 0;
            for (int end : segmentEnds) {
                int to = start;
                Map<Long, Integer> boundSince = new java.util.HashMap<>(); // registers bound to the home: since when
                boundSince.put(home.registerKey(), start);
                for (int k = start; k <= end; k++) {
                    Inst i = insts.get(k);
                    for (Inst o : i.operands) {
                        if (o == home) {
                            to = Math.max(to, foldedIntoUses.contains(i) ? lastUse.getOrDefault(i, k) : k);
                        }
                    }
                    if (i.op == Op.SET_REG) {
                        Integer since = boundSince.remove(i.registerKey());
                        if (since != null) {
                            int exit = SelfLoops.lastExitBefore(insts, k);
                            to = Math.max(to, Math.max(since, exit < 0 ? exit : coldPathReads(insts, exit)));
                        }
                        if (i.operand(0) == home && !eagerWrites.contains(i)) { // (stored there: not bound)
                            boundSince.put(i.registerKey(), k);
                        }
                    }
                }
                if (!boundSince.isEmpty()) {
                    to = end;
                }
                Integer extra = extraUses.get(home); // (a self-loop's: say, the home carries another register's word)
                if (extra != null && extra >= start && extra <= end) {
                    to = Math.max(to, coldPathReads(insts, extra));
                }
                to = Math.max(to, homesHeldUntil);
                out.add(new int[] {j, start, to, 0});
                start = end + 1;
            }
        }
        return out;
    }

    /**
     * Where the instruction at index k is emitted, and so where its cold path reads the values it writes back: there,
     * or for one folded into its use (a load that a sign extension makes, see SignedLoads) at that use. (A value a
     * cold path needs lives until it; a slot freed just before would otherwise take a spill store that overwrites it.)
     */
    private int emittedAt(List<Inst> insts, int k) {
        Inst i = insts.get(k);
        return foldedIntoUses.contains(i) ? Math.max(k, lastUse.getOrDefault(i, k)) : k;
    }

    /**
     * Until where a value that the cold path of the instruction at index k may write back must keep its location:
     * where k is emitted, or one on for a float op, whose cold path runs after its result is computed (a fused
     * multiply-add's NaN test, a conversion's test for x86's integer indefinite), so that the result does not take
     * the register of a value that path writes back.
     */
    private int coldPathReads(List<Inst> insts, int k) {
        return emittedAt(insts, k) + (insts.get(k).op.isFloat() ? 1 : 0);
    }

    /**
     * Takes a free register for a value with no preference: the first that no value defined later wants as its home
     * (see {@link #homeOf}), so that the back edge needs no move for that one; else the first.
     */
    private <R> R unwanted(Deque<R> free, java.util.function.Function<R, Location> location) {
        if (!homeOf.isEmpty()) {
            for (R r : free) {
                boolean wanted = false;
                for (var e : homeOf.entrySet()) {
                    wanted |= !definedAt.containsKey(e.getKey())
                            && location.apply(r).equals(homeLocation(e.getValue()));
                }
                if (!wanted) {
                    free.remove(r);
                    return r;
                }
            }
        }
        return free.removeFirst();
    }

    /**
     * When no register is free for value i (defined at k): the register of the active value whose next use lies
     * furthest ahead, if that is further than i's first use (Belady's choice). That value's live range is split at
     * k: it stays in its register before k, is stored to a slot just before k's code ({@link #spillsAt}), and is
     * read from the slot from k on ({@link #at}). Returns i's location, or null when i itself should go to a slot.
     */
    private Location evictFor(Inst i, int k, List<Inst> active, Map<Inst, List<Integer>> uses,
                              Deque<Integer> freeSlots) {
        if (slotsUsed >= MAX_SLOTS) {
            return null;
        }
        Inst victim = null;
        if (k < splitFrom) {
            // Not split (a loop's top): whichever goes to a slot is read from it at every use in every iteration, so
            // the value the body uses least, not the one it uses last (a hash round's state word read eight times).
            int victimUses = usesFrom(i, splitFrom, uses);
            for (Inst v : active) {
                if (locations.get(v) instanceof Location.Register) {
                    int n = usesFrom(v, splitFrom, uses);
                    if (n < victimUses) {
                        victim = v;
                        victimUses = n;
                    }
                }
            }
        } else {
            int victimNext = nextUse(i, k + 1, uses);
            for (Inst v : active) {
                if (locations.get(v) instanceof Location.Register) {
                    int next = nextUse(v, k, uses);
                    if (next > victimNext) {
                        victim = v;
                        victimNext = next;
                    }
                }
            }
        }
        if (victim == null) {
            return null;
        }
        Location.Register r = (Location.Register) locations.get(victim);
        int[] stored = inState.get(victim);
        if (stored != null && stored[0] < k && k >= splitFrom) { // (stored before k's code: no spill store)
            locations.put(victim, new Location.State(stored[1]));
            beforeSplit.put(victim, r);
            splitAt.put(victim, k);
            return r;
        }
        // Its home's slot if that is free (so that a loop's back edge needs no move), else any free one; not one
        // that a value read at k itself held (the store comes before k's code). Not split (in a loop's top): a
        // slot for its whole life, free all that life so far.
        boolean split = k >= splitFrom;
        int freeSince = split ? k : definedAt.getOrDefault(victim, -1);
        Location home = homeOf.containsKey(victim) ? homeLocation(homeOf.get(victim)) : null;
        Integer free = null;
        for (int s : freeSlots) {
            if (slotFreeAfter.getOrDefault(s, Integer.MAX_VALUE) < freeSince && (free == null
                    || home instanceof Location.Slot h && h.index() == s)) {
                free = s;
            }
        }
        if (free != null) {
            freeSlots.remove(free);
            locations.put(victim, new Location.Slot(free));
        } else {
            locations.put(victim, new Location.Slot(slotsUsed++));
        }
        if (!split) {
            return r;
        }
        beforeSplit.put(victim, r);
        splitAt.put(victim, k);
        spills.computeIfAbsent(k, x -> new ArrayList<>()).add(victim);
        return r;
    }

    /** How many uses v has at or after index k. */
    private static int usesFrom(Inst v, int k, Map<Inst, List<Integer>> uses) {
        int n = 0;
        for (int at : uses.getOrDefault(v, List.of())) {
            n += at >= k ? 1 : 0;
        }
        return n;
    }

    /** The first use of v at or after index k (its last use when only an extension keeps it alive that long). */
    private int nextUse(Inst v, int k, Map<Inst, List<Integer>> uses) {
        for (int at : uses.getOrDefault(v, List.of())) {
            if (at >= k) {
                return at;
            }
        }
        return lastUse.getOrDefault(v, k);
    }
}
