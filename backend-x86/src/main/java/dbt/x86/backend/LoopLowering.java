package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.ir.analysis.HighHalfReads;
import dbt.ir.analysis.SelfLoops;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Xmm;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A block that branches to itself keeps its guest registers in host registers across iterations (seed 000's
 * mapped registers): each register the loop touches is read once at its top into a host register, its home; the
 * back edge moves each written value into the home its next iteration reads, and jumps over the loads. Blocks that
 * jump to the loop from elsewhere can enter it with their values moved straight into the homes ({@link LoopEntry}).
 */
final class LoopLowering extends Lowering {
    LoopLowering(BlockContext cx) {
        super(cx);
    }

    /**
     * Gives each 64-bit constant that the self-loop's body (insts from body on) uses on its hot path ({@link #hotUse})
     * and that does not fit an instruction's 32-bit immediate a register of its own, loaded once before the loop: a
     * copy of the constant inserted at index body, which the body's uses read instead (else every use is a
     * {@code movabs}, such as the NaN-box of each single-precision value). Returns the copies; the allocator gives
     * them locations ({@link RegisterAllocator#materialize}).
     */
    static List<Inst> hoistWideConstants(IrBlock block, int body) {
        Map<Long, Integer> uses = new HashMap<>();
        for (int k = body; k < block.insts.size(); k++) {
            Inst i = block.insts.get(k);
            for (Inst o : i.operands) {
                if (wide(o) && hotUse(i)) {
                    uses.merge(o.aux, 1, Integer::sum);
                }
            }
        }
        // The most used few: each holds a register all through the loop.
        List<Long> hoisted = uses.keySet().stream().sorted((x, y) -> uses.get(y) - uses.get(x))
                .limit(MAX_WIDE_CONSTANTS).toList();
        Map<Long, Inst> copies = new LinkedHashMap<>();
        hoisted.forEach(v -> copies.put(v, new Inst(Op.CONST, Type.I64, v, 0)));
        for (int k = body; k < block.insts.size(); k++) {
            Inst i = block.insts.get(k);
            for (int p = 0; p < i.operands.length; p++) {
                if (wide(i.operands[p]) && hotUse(i) && copies.containsKey(i.operands[p].aux)) {
                    i.operands[p] = copies.get(i.operands[p].aux);
                }
            }
        }
        block.insts.addAll(body, copies.values());
        return List.copyOf(copies.values());
    }

    /**
     * The hoisted constants ({@link #hoistWideConstants}) that a value computed on the hot path reads: not only forms
     * that cold paths make ({@link BlockContext#exitOnlyForms}, {@link BlockContext#exitTemporaries}; a NaN-box is
     * made there from a constant of its own), which need no register held through the loop.
     */
    List<Inst> readOnHotPath(List<Inst> insts, List<Inst> hoisted) {
        Set<Inst> read = new HashSet<>();
        for (Inst i : insts) {
            if (hotUse(i) && !cx.exitOnlyForms.contains(i) && !cx.exitTemporaries.contains(i)) {
                read.addAll(Arrays.asList(i.operands));
            }
        }
        return hoisted.stream().filter(read::contains).toList();
    }

    /** Whether i reads its constant operands on the hot path (a NaN select reads its NaN only on a cold one). */
    private static boolean hotUse(Inst i) {
        return i.op != Op.SET_REG && i.op != Op.NAN_SELECT;
    }

    /**
     * Which of the registers a self-loop writes without reading it carries in homes (the others' last writes are
     * stored where they are made, see {@link EagerWrites}): all of them when every register of the integer file that
     * the loop touches can have a home and leave registers for the loop's other values; else those whose last value
     * is used late, at most {@link #BRIEF_CARRY} guest instructions before the back edge (so that a home holds it
     * only briefly), and all those of other files (xmm registers are more, and a float value the allocator cannot
     * place in one goes to a general register before a spill slot: a particle update that writes seventeen float
     * registers ran slower with any of them stored). (A cipher round touches twenty-odd registers and loads most of
     * them early.)
     */
    Set<Long> carried(IrBlock block) {
        List<Inst> insts = block.insts;
        int touched = 0; // integer registers
        Set<Long> seen = new HashSet<>();
        Map<Long, Integer> lastWrite = new HashMap<>();
        Map<Inst, Integer> lastUse = new HashMap<>();
        int[] guestBefore = new int[insts.size() + 1]; // guest instructions before each index
        for (int k = 0; k < insts.size(); k++) {
            Inst i = insts.get(k);
            guestBefore[k + 1] = guestBefore[k] + (i.op == Op.GUEST_PC ? 1 : 0);
            if ((i.op == Op.GET_REG || i.op == Op.SET_REG) && i.registerKey() >>> 32 == 0
                    && cx.pinned.host(i.registerKey()) == null && seen.add(i.registerKey())) {
                touched++;
            }
            if (i.op == Op.SET_REG) {
                lastWrite.put(i.registerKey(), k);
            } else {
                for (Inst o : i.operands) {
                    lastUse.put(o, k);
                }
            }
        }
        int general = RegisterAllocator.generalHomesAtMost(options.hostFaults(), cx.pinned,
                cx.pinned.unusedBy(insts).values());
        boolean crowded = touched > general;
        Set<Long> out = new HashSet<>();
        lastWrite.forEach((key, w) -> {
            int end = Math.max(w, lastUse.getOrDefault(insts.get(w).operand(0), w));
            int held = guestBefore[insts.size()] - guestBefore[end + 1];
            if (!crowded || key >>> 32 != 0 || held <= BRIEF_CARRY || cx.pinned.host(key) != null) {
                out.add(key);
            }
        });
        return out;
    }

    /** See {@link #carried}. */
    static final int BRIEF_CARRY = 8;

    /** Of the allocator's registers, this many at most hold a self-loop's wide constants. */
    static final int MAX_WIDE_CONSTANTS = 2;

    private static boolean wide(Inst v) {
        return v.isConst() && v.type == Type.I64 && !fitsInt(v.aux);
    }

    /**
     * Finds the narrow homes of a self-loop. A register whose last write in the body is {@code sext.i64(n)} of a
     * 32-bit n (or its NaN-box, for a single-precision value: then read "NaN-boxed" for "sign-extended" below), and
     * whose read at the top has no reader of its upper half ({@link HighHalfReads}: truncations,
     * masks, and word arithmetic whose own upper half no one reads), needs no sign extension on the loop-carried
     * path: the back edge carries n itself (RV64's addw/subw/sext.w counters and accumulators then cost one
     * instruction less per iteration of latency).
     * From the second iteration on such a home holds n zero-extended, so it is never written back as it is: the
     * exit and the cold paths write sext(low half). On the first iteration the home holds the register's full
     * value, which need not be a sign-extended 32-bit one, and the state has it: so a loop with narrow homes is
     * peeled. Its first iteration leaves the narrow homes out of the bindings (cold paths before the write leave
     * the state alone: a block that bridges into the loop has written its values back first), and the loop proper
     * binds them.
     * A NaN-boxed home may also have its upper half read by the unboxing of single-precision operands (a float
     * accumulator: {@link #unboxesOnly}); in the loop proper its box is certain, so each unboxing is the word and its
     * box check is not computed ({@link BlockContext#unboxes}): the back edge then carries a float sum through one
     * add, not a box and an unbox.
     */
    void narrowCarries(IrBlock block, Map<Inst, Integer> extraUses) {
        Map<Long, Inst> lastWrite = new HashMap<>();
        List<Inst> insts = block.insts;
        for (Inst i : insts) {
            if (i.op == Op.SET_REG) {
                lastWrite.put(i.registerKey(), i);
            }
        }
        Set<Inst> wide = HighHalfReads.of(block);
        Map<Inst, List<Inst>> users = null;
        for (int k = 0; k < insts.size() && insts.get(k).op == Op.GET_REG; k++) {
            Inst g = insts.get(k);
            Inst write = lastWrite.get(g.registerKey());
            Inst v = write == null ? null : write.operand(0);
            Inst n = v == null ? null : word(v);
            if (n == null) {
                continue;
            }
            List<Inst> unboxes = List.of();
            if (wide.contains(g)) {
                if (v.op != Op.OR) {
                    continue;
                }
                users = users != null ? users : IrBlock.users(insts);
                unboxes = unboxesOnly(g, users);
                if (unboxes == null) {
                    continue;
                }
            }
            Inst carrier = cx.narrowViews.contains(n) ? n.operand(0) : n;
            boolean boxed = v.op == Op.OR;
            if (carrier.isConst() || cx.narrowWrites.contains(carrier) && cx.boxed.contains(carrier) != boxed) {
                continue; // (a carrier carries one kind of word)
            }
            cx.narrowCarry.put(g, carrier);
            for (Inst s : unboxes) {
                cx.unboxes.add(s);
                Inst check = s.operand(0);
                cx.boxChecks.addAll(List.of(check, check.operand(0), check.operand(0).operand(0)));
                if (only(users, s.operand(1)) == s) {
                    cx.boxChecks.add(s.operand(1)); // (the select reads the home itself)
                }
            }
            if (boxed) {
                cx.boxed.add(g);
                cx.boxed.add(carrier);
            }
            if (carrier.op == Op.GET_REG || SelfLoops.storedElsewhere(insts, carrier, write)) {
                cx.narrowValue.put(g, v); // bound as it is (a binding of the carrier would be sign-extended everywhere)
            } else {
                write.operands[0] = carrier; // the extension itself is then computed only if something else uses it
                cx.narrowWrites.add(carrier);
            }
            extraUses.merge(carrier, insts.size() - 1, Math::max);
        }
    }

    /**
     * The values the allocator should keep in xmm registers ({@link XmmValues}) in a self-loop: a narrow carrier
     * stays in a general register, as its home does, unless both are single-precision: a NaN-boxed home whose only
     * reads are unboxings ({@link #unboxesOnly}, or none at all) goes to an xmm register with its carrier when that
     * is a float value, so that the back edge moves a float sum or a loaded single from xmm to xmm. And a home that
     * nothing in the body reads (a register written before it is read: only exits need its value) goes where the
     * value its back edge carries goes (homes: carried value to home, as the allocator is told).
     */
    Set<Inst> xmmValues(List<Inst> insts, Map<Inst, Inst> homes) {
        Map<Inst, List<Inst>> users = IrBlock.users(insts);
        Map<Inst, Inst> floatCarried = new HashMap<>(); // carrier -> home
        cx.narrowCarry.forEach((g, carrier) -> {
            if (cx.boxed.contains(g) && cx.boxChecks.containsAll(users.getOrDefault(g, List.of()))) {
                floatCarried.put(carrier, g);
            }
        });
        Set<Inst> others = cx.carriers();
        others.removeAll(floatCarried.keySet());
        Set<Inst> xmm = XmmValues.of(insts, others);
        floatCarried.forEach((carrier, g) -> {
            if (xmm.contains(carrier)) {
                xmm.add(g);
            }
        });
        homes.forEach((carried, g) -> {
            if (xmm.contains(carried) && !users.containsKey(g)) {
                xmm.add(g);
            }
        });
        return xmm;
    }

    /**
     * The self-loop's reads at the top of registers it never writes (and that are not pinned), with their places in the
     * state, which hold them all through the loop: a float value among them that finds no xmm register is read from
     * there where used ({@link RegisterAllocator#readInState}), not moved from a general register it would hold for
     * the whole loop (nbody's positions and masses of the body the inner loop compares with, five of them), and a
     * bridge into the loop stores it there ({@link LoopEntry}).
     */
    Map<Inst, Integer> stateResident(List<Inst> insts) {
        Set<Long> written = RegisterWrites.of(insts).last().keySet();
        Map<Inst, Integer> out = new HashMap<>();
        for (Inst g : insts) {
            if (g.op != Op.GET_REG) {
                break; // (past the reads at the top)
            }
            if (g.type == Type.I64 && !written.contains(g.registerKey()) && cx.pinned.host(g.registerKey()) == null) {
                out.put(g, registerOffset(g.registerKey()));
            }
        }
        return out;
    }

    /**
     * The unboxings of NaN-boxed homes that take their home's xmm register ({@link RegisterAllocator#share}): select
     * -> home, for a home ({@link #narrowCarries}) that nothing reads but its one unboxing. In the loop proper the
     * home holds the word, so the unboxing is the register itself and costs nothing; on the first iteration, which
     * leaves narrow homes out of the bindings (the state has the register), the select is computed into the home's
     * register, after the box check that is its only other reader. A float accumulator or a single moved along a
     * sliding window then takes one xmm register, not two.
     */
    Map<Inst, Inst> unboxedInPlace(List<Inst> insts) {
        Map<Inst, List<Inst>> users = IrBlock.users(insts);
        Map<Inst, Inst> out = new HashMap<>();
        for (Inst g : cx.narrowCarry.keySet()) {
            if (!cx.boxed.contains(g) || !cx.boxChecks.containsAll(users.getOrDefault(g, List.of()))) {
                continue;
            }
            List<Inst> selects = cx.unboxes.stream().filter(u -> u.operand(1).operand(0) == g).toList();
            if (selects.size() == 1) {
                out.put(selects.get(0), g);
            }
        }
        return out;
    }

    /**
     * When the only reads of g's upper half are the unboxing of a single (the NaN-box check of an ISA whose float
     * registers box singles, as RISC-V's do): the selects {@code select(eq(trunc.i32(shr(g, 32)), 0xffffffff),
     * trunc.i32(g), k)}, each check read by its select alone. Else null. Every other user of g must read its low
     * half only (a truncation to 32 bits).
     */
    private static List<Inst> unboxesOnly(Inst g, Map<Inst, List<Inst>> users) {
        List<Inst> selects = new java.util.ArrayList<>();
        for (Inst u : users.getOrDefault(g, List.of())) {
            if (u.op == Op.TRUNC && u.type == Type.I32) {
                continue;
            }
            if (u.op != Op.SHR || u.operand(0) != g || !u.operand(1).isConst() || u.operand(1).aux != 32) {
                return null;
            }
            Inst high = only(users, u);
            Inst check = high == null ? null : only(users, high);
            Inst select = check == null ? null : only(users, check);
            if (high == null || high.op != Op.TRUNC || high.type != Type.I32 || check == null || check.op != Op.EQ
                    || check.operand(0) != high || !check.operand(1).isConst()
                    || (check.operand(1).aux & 0xffffffffL) != 0xffffffffL || select == null
                    || select.op != Op.SELECT || select.operand(0) != check || select.type != Type.I32
                    || select.operand(1).op != Op.TRUNC || select.operand(1).operand(0) != g) {
                return null;
            }
            selects.add(select);
        }
        return selects;
    }

    /** v's one user, or null. */
    private static Inst only(Map<Inst, List<Inst>> users, Inst v) {
        List<Inst> u = users.getOrDefault(v, List.of());
        return u.size() == 1 ? u.get(0) : null;
    }

    /**
     * The 64-bit forms of words ({@link #word}: sign extensions, NaN-boxes) that only a self-loop's exits need: each
     * use is a register write that a later write of the register replaces within the body, or that the back edge
     * carries as its narrow carrier (see {@link #narrowCarries}). No iteration computes them: a cold path that
     * writes the register back while one is bound makes it there ({@link Lowering#storeState}). (RV64 code
     * sign-extends every word result it writes to a register: {@code sext.w} at the bottom of a hash round, a
     * shifted word written before the round's loads; every single-precision result is NaN-boxed.)
     */
    Set<Inst> exitOnlyForms(IrBlock block) {
        Map<Inst, Integer> uses = block.useCounts();
        RegisterWrites w = RegisterWrites.of(block.insts);
        Set<Inst> out = new HashSet<>();
        for (Inst i : block.insts) {
            if (word(i) == null || w.readBack().contains(i)
                    || i.op == Op.SEXT && i.operand(0).op.mayExitAtInstruction()) {
                continue; // (a sign-extending load is one instruction, and the load itself must run)
            }
            int carried = 0; // its writes the back edge replaces by their narrow carriers
            for (var n : cx.narrowValue.entrySet()) {
                if (n.getValue() == i && w.last().get(n.getKey().registerKey()) == i) {
                    carried++;
                }
            }
            if (w.replaced().getOrDefault(i, 0) + carried == uses.getOrDefault(i, 0)) {
                out.add(i);
            }
        }
        Map<Long, Inst> topReads = new HashMap<>();
        for (int k = 0; k < SelfLoops.readsAtTop(block); k++) {
            topReads.putIfAbsent(block.insts.get(k).registerKey(), block.insts.get(k));
        }
        out.addAll(CanonicalNans.exitOnly(block.insts, topReads, cx.rawFloat, cx.rawCarried));
        return out;
    }

    /** The NaN-box of every single-precision value in a 64-bit float register: its upper half all ones. */
    static final long NAN_BOX = 0xffff_ffff_0000_0000L;

    /**
     * The 32-bit value n whose 64-bit form v is: {@code sext.i64(n)}, or the NaN-box of n,
     * {@code or(0xffffffff00000000, zext.i64(n))}; else null.
     */
    static Inst word(Inst v) {
        if (v.type == Type.I64 && v.op == Op.SEXT) {
            return v.operand(0).type == Type.I32 ? v.operand(0) : null;
        }
        Inst low = boxedWord(v);
        return low == null ? null : low.operand(0);
    }

    /** For a NaN-box, {@code or(0xffffffff00000000, zext.i64(n))} of a 32-bit n: its operand zext.i64(n); else null. */
    static Inst boxedWord(Inst v) {
        if (v.type == Type.I64 && v.op == Op.OR) {
            for (int o = 0; o < 2; o++) {
                Inst box = v.operand(o);
                Inst low = v.operand(1 - o);
                if (box.isConst() && box.aux == NAN_BOX && low.op == Op.ZEXT && low.operand(0).type == Type.I32) {
                    return low;
                }
            }
        }
        return null;
    }

    /**
     * At a loop top: binds each register the body writes to its read there (narrow and raw float homes only if
     * narrow: after a peeled loop's first iteration).
     */
    void bindReads(Set<Long> written, boolean narrow) {
        for (Inst g : cx.loopReads.values()) {
            if (written.contains(g.registerKey()) && loc(g) != null
                    && (narrow || !cx.narrowCarry.containsKey(g) && !cx.rawFloat.containsKey(g))) {
                cx.bindings.put(g.registerKey(), g);
            }
        }
        bindEvicted();
    }

    /**
     * The back edge of a self-loop: every guest register the block reads gets, in the host register it was read
     * into, the value the block bound to it; afterwards the cx.bindings live there, and the code emitted next (the
     * exits not taken) finds values as the loop's top does. A parallel move (through rax for
     * cycles); movs only, so flags survive.
     */
    void moves() {
        Map<Location, Inst> moves = new LinkedHashMap<>();
        Map<Long, Inst> newBindings = new LinkedHashMap<>();
        for (var e : cx.bindings.entrySet()) {
            Inst read = cx.loopReads.get(e.getKey());
            if (e.getValue() == PinnedRegisters.IN_STATE) {
                newBindings.put(e.getKey(), e.getValue()); // (evicted: stays in the state)
            } else if (read != null && home(read) != null) {
                moves.put(home(read), cx.carriedBy(read, e.getValue())); // (a narrow or raw float home: its carrier)
                newBindings.put(e.getKey(), read);
            } else {
                // Written but not read at the top: its value has no fixed home across iterations; store it.
                storeRegister(e.getKey(), e.getValue());
            }
        }
        if (cx.injected(BackendOptions.REGION_EDGE_MOVE)) {
            Location skipped = null; // the last move that would change its home
            for (var m : moves.entrySet()) {
                if (m.getValue().isConst() || !m.getKey().equals(loc(m.getValue()))) {
                    skipped = m.getKey();
                }
            }
            moves.remove(skipped);
        }
        // What the loop keeps from before its top (reads of registers it never writes, invariants) and the allocator
        // split inside it: back to where the top has it. (A read of a register the loop writes gets the register's
        // new value there instead, moved above.)
        for (Inst v : cx.alloc.splitAfter(cx.loopBody)) {
            if (cx.alloc.definedAt(v) < cx.loopBody && cx.alloc.lastUse.getOrDefault(v, -1) >= cx.position) {
                moves.putIfAbsent(home(v), v);
            }
        }
        ParallelMove.emit(a, moves, this::loc);
        cx.bindings.clear();
        cx.bindings.putAll(newBindings);
        cx.position = cx.loopBody; // (what follows finds the homes where the top has them)
    }

    /** Where the loop's top has v (a home, or a value computed before the top). */
    private Location home(Inst v) {
        return cx.alloc.at(v, cx.loopBody);
    }

    /** Whether every home (the value a loop or region edge moves a guest register into) is a host register. */
    boolean homesInRegisters() {
        for (Inst read : cx.loopReads.values()) {
            if (home(read) instanceof Location.Slot) {
                return false;
            }
        }
        return true;
    }

    /** For a self-loop whose every register lives in a host register: where and how to enter it. */
    LoopEntry entry() {
        if (cx.loopTop == null) {
            return null;
        }
        Map<Long, Gp> homes = new HashMap<>();
        Map<Long, Xmm> floatHomes = new HashMap<>();
        for (var e : cx.loopReads.entrySet()) {
            Location home = home(e.getValue());
            if (readInState(home, e.getKey())) {
                continue; // (the state has it: a bridge writes every register back first)
            }
            if (home instanceof Location.Register r) { // (not a type switch, whose bootstrap spins a class)
                homes.put(e.getKey(), r.reg());
            } else if (home instanceof Location.Xmm x) {
                floatHomes.put(e.getKey(), x.reg());
            } else {
                return null;
            }
        }
        return new LoopEntry((cx.loopEntry != null ? cx.loopEntry : cx.loopTop).offset(), Map.copyOf(homes),
                Map.copyOf(floatHomes), Map.copyOf(cx.evicted));
    }
}
