package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.analysis.LoopRegions;
import dbt.x86.asm.Cond;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Label;
import dbt.x86.asm.Mem;
import dbt.x86.asm.PatchSite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a block leaves: direct jumps (to translated code when the target exists, entering a self-loop's registers
 * directly, else through a trampoline until the runtime links them), calls and returns as host calls and returns
 * (see {@link CallFrames}), indirect jumps (fastBT's per-site prediction, then the inline lookup in the mapping
 * table), the dispatcher for everything else, and the cold paths that leave before a block begins (an interrupt,
 * the block budget).
 */
final class ExitLowering extends Lowering {
    /** Of a guest pc, the jump cache's entry index times two (entries of 16 bytes, addressed as index * 8). */
    private static final int JUMP_CACHE_MASK = (BlockCompiler.JUMP_CACHE_ENTRIES - 1) << 1;

    private final IntegerLowering integers;
    private final LoopLowering loop;
    private final ReturnLowering returns;
    private final long mappingTable;
    private final long jumpCache;
    private final long statsCounters;
    private final long budgetCounter;
    private final int firstSite;

    /** See {@link BlockCompiler#BlockCompiler} for the parameters. */
    ExitLowering(BlockContext cx, IntegerLowering integers, LoopLowering loop, long mappingTable, long jumpCache,
                 long statsCounters, long budgetCounter, int firstSite) {
        super(cx);
        this.integers = integers;
        this.loop = loop;
        this.returns = new ReturnLowering(cx, statsCounters);
        this.mappingTable = mappingTable;
        this.jumpCache = jumpCache;
        this.statsCounters = statsCounters;
        this.budgetCounter = budgetCounter;
        this.firstSite = firstSite;
    }

    /**
     * Where a block (or a loop iteration, or a block of a region) begins: with statistics, its guest instructions
     * counted as run (by blocks, or by regions); in budgeted code, one block less, leaving when none is left.
     */
    void blockEntered(long blockAddress, int guestInstructions, boolean region) {
        if (statsCounters != 0) {
            cx.movAddress(Gp.RDX, ExternalRef.Target.STATS_COUNTERS, statsCounters, 0);
            a.add(Mem.q(Gp.RDX, region ? StatsCounters.RUN_IN_REGIONS : StatsCounters.RUN_IN_BLOCKS),
                    guestInstructions);
        }
        if (budgetCounter == 0) {
            return;
        }
        cx.movAddress(Gp.RDX, ExternalRef.Target.BUDGET_COUNTER, budgetCounter, 0);
        a.sub(Mem.q(Gp.RDX, 0), 1);
        leaveBeforeBlockIf(Cond.B, blockAddress, ExitReason.BUDGET);
    }

    /**
     * A cold path that writes back the current bindings and leaves for the dispatcher with the block (or loop
     * iteration) not yet begun, for an interrupt; returns its label, which only rewritten code jumps to.
     */
    Label interruptExit(long blockAddress) {
        Label out = a.newLabel();
        leaveBeforeBlock(out, blockAddress, ExitReason.INTERRUPT);
        return out;
    }

    /**
     * On condition c (of the flags just set), a cold path that writes back the current bindings and leaves for the
     * dispatcher with the block (or loop iteration) not yet begun.
     */
    void leaveBeforeBlockIf(Cond c, long blockAddress, int reason) {
        Label out = a.newLabel();
        a.jcc(c, out);
        leaveBeforeBlock(out, blockAddress, reason);
    }

    /** The cold path at label out of {@link #leaveBeforeBlockIf}. */
    void leaveBeforeBlock(Label out, long blockAddress, int reason) {
        Map<Long, Inst> snapshot = new LinkedHashMap<>(cx.bindings);
        cx.cold(() -> {
            a.bind(out);
            writeBack(snapshot);
            exitWith(blockAddress, reason);
        });
    }

    /** Leaves to the dispatcher with the next pc and a reason. */
    void leave(long pc, int reason) {
        writeBack();
        exitWith(pc, reason);
    }

    /**
     * A direct jump: the loop's back edge, or an exit. A call is a host call: its frame moves the spill slots, so it
     * comes after the guest registers were written back, or after the moves into the homes of a loop or region when
     * those are all host registers (else the call is the jump alone).
     */
    void jump(Inst i) {
        BlockContext.Internal t = cx.internal.get(i.aux);
        if (t != null) {
            loop.moves();
            if (framed(i) && loop.homesInRegisters()) {
                callHere(i);
            }
            internalJump(null, t, i.aux);
        } else if (framed(i)) {
            writeBack();
            Label unframed = returns.pushFrame(i.callReturnAddress());
            linked(i.aux, Link.CALL, cx.blockAddress); // the callee's code itself, once linked
            continuation(i);
            a.bind(unframed);
            linkedJump(i.aux, null, cx.blockAddress);
        } else {
            writeBack();
            directExit(i.aux, null);
        }
    }

    /**
     * A jump (on cond, or always when it is null) to a block of this code, the loop's homes holding the registers'
     * values. A jump to the same or a lower guest address is an interrupt site (see {@link InterruptSite}), so that
     * every cycle in the code passes one.
     */
    private void internalJump(Cond cond, BlockContext.Internal t, long target) {
        if (target <= cx.blockAddress) {
            PatchSite jump = cond == null ? a.jmpRel32(t.label()) : a.jccRel32(cond, t.label());
            if (t.interrupted() != null) {
                cx.interruptSites.add(new InterruptSite(jump.rel32Offset(), InterruptSite.BACK_EDGE_WIDTH,
                        t.interrupted()));
            }
        } else if (cond == null) {
            boolean fallThrough = target == cx.nextBlock
                    || cx.injected(BackendOptions.REGION_FORWARD_JUMP) && cx.nextBlock != -1; // (the wrong rule)
            if (!fallThrough) {
                a.jmp(t.label());
            }
        } else {
            a.jcc(cond, t.label());
        }
    }

    /**
     * A direct jump to guest target: straight to its code if translated (and linking is on), past its interrupt
     * check if it lies ahead (see {@link #forwardEntry}), else to be linked.
     */
    void directExit(long target, Cond cond) {
        LoopEntry loop = cx.targets.loop(target);
        if (loop != null && cx.bindings.values().stream().noneMatch(v -> cx.narrow(v) || cx.rawFloat.containsKey(v)
                || cx.exitOnlyForms.contains(v) || cx.exitTemporaries.contains(v))) {
            // Straight into the loop's body with the values in its registers (not through the state).
            if (cond == null) {
                bridge(target, loop, cx.bindings);
            } else {
                Label bridge = a.newLabel();
                a.jcc(cond, bridge);
                Map<Long, Inst> bound = new LinkedHashMap<>(cx.bindings);
                cx.cold(() -> {
                    a.bind(bridge);
                    bridge(target, loop, bound);
                });
            }
            return;
        }
        linkedJump(target, cond, cx.blockAddress);
    }

    /**
     * A jump (on cond, or always when it is null) to guest target's code, from a block at guest address source (the
     * code is entered past its interrupt site when target lies ahead), or to a trampoline until it is linked.
     */
    private void linkedJump(long target, Cond cond, long source) {
        linked(target, cond == null ? Link.JMP : Link.of(cond), source);
    }

    /** How a linked exit goes: jmp, jcc or call, all with a rel32 that linking patches. */
    private record Link(Cond cond, boolean call) {
        static final Link JMP = new Link(null, false);
        static final Link CALL = new Link(null, true);

        static Link of(Cond cond) {
            return new Link(cond, false);
        }
    }

    private void linked(long target, Link link, long source) {
        long host = cx.targets.translated(target);
        if (host != 0 && target > source) {
            host += BlockCompiler.forwardEntry(options);
        }
        long trampoline = 0;
        if (host == 0) {
            // Until linked, the jump goes to a trampoline that leaves with CHAIN and this exit's number.
            trampoline = cx.targets.trampoline(firstSite + cx.exits.size());
            host = trampoline;
        }
        PatchSite site = link.call() ? a.callAbsolute(host)
                : link.cond() == null ? a.jmpAbsolute(host) : a.jccAbsolute(link.cond(), host);
        cx.exits.add(new ExitSite(target, site, trampoline, source));
    }

    /** Whether exit i is a call made as a host call. */
    private boolean framed(Inst i) {
        return i.callReturnAddress() != 0 && returns.on();
    }

    /**
     * The frame and host call of call i to the code that follows (the jump to the callee, which runs in the frame; at
     * the depth limit it is reached without one). See {@link ReturnLowering}.
     */
    private void callHere(Inst i) {
        Label unframed = returns.pushFrame(i.callReturnAddress());
        Label callee = a.newLabel();
        a.call(callee);
        continuation(i);
        a.bind(unframed);
        a.bind(callee);
    }

    /**
     * Where call i's callee returns to with a host ret: the frame dropped, a linked jump to the return address's
     * code. A return comes from anywhere, so it enters that code at its interrupt site, as an indirect jump does (see
     * {@link BlockCompiler#forwardEntry}): it names the return address as its own source.
     */
    private void continuation(Inst i) {
        returns.dropFrame();
        linkedJump(i.callReturnAddress(), null, i.callReturnAddress());
    }

    /** Moves the bound values into the loop's homes, loads the others from the state, and enters the loop. */
    void bridge(long target, LoopEntry loop, Map<Long, Inst> bound) {
        Map<Location, Inst> moves = new LinkedHashMap<>();
        List<Long> loads = new ArrayList<>();
        Map<Long, Location> homes = new LinkedHashMap<>();
        loop.homes().forEach((k, r) -> homes.put(k, new Location.Register(r)));
        loop.floatHomes().forEach((k, x) -> homes.put(k, new Location.Xmm(x)));
        for (var h : homes.entrySet()) {
            Inst v = bound.get(h.getKey());
            if (v != null) {
                moves.put(h.getValue(), v);
            } else if (cx.pinned.host(h.getKey()) == null) { // (a pinned register's home is its host register)
                loads.add(h.getKey());
            }
        }
        storeEvicted(loop.evicted());
        ParallelMove.emit(a, moves, this::loc);
        for (long k : loads) {
            Mem state = Mem.q(Gp.R15, registerOffset(k));
            if (homes.get(k) instanceof Location.Xmm x) {
                a.movq(x.reg(), state);
            } else {
                a.mov(((Location.Register) homes.get(k)).reg(), state);
            }
        }
        cx.jumpIntoLoop(target, loop);
    }

    void branch(Inst i) {
        Inst c = i.operand(0);
        Cond cond;
        if (c.fused && options.fuseCompares()) {
            cond = integers.compare(c);
        } else {
            Gp r = use(c, Gp.RCX);
            a.test(r.withSize(4), r.withSize(4));
            cond = Cond.NE;
        }
        long taken = i.aux;
        long fall = i.aux2;
        BlockContext.Internal takenInside = cx.internal.get(taken);
        BlockContext.Internal fallInside = cx.internal.get(fall);
        if (takenInside != null || fallInside != null) {
            loop.moves(); // (movs only: the flags survive)
            if (takenInside != null && fallInside != null) {
                if (taken == cx.nextBlock && fall > cx.blockAddress) {
                    internalJump(cond.negate(), fallInside, fall); // and fall through to the taken block
                } else {
                    internalJump(cond, takenInside, taken);
                    internalJump(null, fallInside, fall);
                }
                return;
            }
            boolean onTaken = takenInside != null;
            internalJump(onTaken ? cond : cond.negate(), onTaken ? takenInside : fallInside, onTaken ? taken : fall);
            if (!cx.injected(BackendOptions.REGION_SIDE_EXIT)) {
                writeBack();
            }
            directExit(onTaken ? fall : taken, null);
            return;
        }
        writeBack();
        if (options.singleJump()) {
            directExit(taken, cond);
            directExit(fall, null);
        } else {
            Label over = a.newLabel();
            a.jcc(cond.negate(), over);
            directExit(taken, null);
            a.bind(over);
            directExit(fall, null);
        }
    }

    /**
     * An indirect jump. A call is a host call (see {@link #call}); a return first tries the host return. With
     * prediction (fastBT): the target this site went to last, from its cell, is tried next;
     * a misprediction looks the target up in the table and predicts it next time, until the site has missed too
     * often, when it leaves once for the runtime to patch the prediction out (its first instruction becomes a jump
     * to the plain lookup). Without: the plain lookup (or none: straight to the dispatcher).
     */
    void indirect(Inst i) {
        // (A return's target is compared masked, as the guest computes it: the entry stub's frame holds an odd guest
        // return address, CallFrames.NO_RETURN, which only an unmasked register value could equal.)
        Inst masked = cx.maskedTargets.contains(i.operand(0)) ? i.operand(0) : null;
        Inst target = masked != null ? masked.operand(0) : i.operand(0);
        long[] inside = cx.regionJumps.get(cx.blockAddress);
        if (inside != null && !framed(i) && !i.isReturn()) {
            regionJump(target, masked, inside);
            return;
        }
        if (!(loc(target) instanceof Location.Register r && cx.pinned.isHost(r.reg()))) {
            writeBack();
            into(Gp.RAX, target);
        } else { // (in a pinned register's host register, which the write-back may change)
            into(Gp.RCX, target);
            writeBack();
            a.mov(Gp.RAX, Gp.RCX);
        }
        if (masked != null) {
            a.and(Gp.RAX, (int) masked.operand(1).aux);
        }
        if (framed(i)) {
            callHere(i);
        }
        if (i.isReturn() && returns.on()) {
            returns.ret();
        }
        long profiled = LoopRegions.plainIndirect(i) ? cx.blockAddress : 0; // (see JumpProfile)
        long cell = options.inlineLookup() && options.predict() ? cx.targets.predictionCell() : 0;
        if (cell != 0) {
            Label mispredicted = a.newLabel();
            Label plain = a.newLabel();
            cx.predictions.add(new PredictionSite(cell, a.offset(), plain));
            int cellIndex = cx.predictions.size() - 1;
            cx.movAddress(Gp.RDX, ExternalRef.Target.PREDICTION_CELL, cell, cellIndex); // 10 bytes, room for the jmp that patches the prediction out
            a.cmp(Gp.RAX, Mem.q(Gp.RDX, PredictionSite.GUEST));
            a.jcc(Cond.NE, mispredicted);
            if (statsCounters != 0) {
                cx.movAddress(Gp.RCX, ExternalRef.Target.STATS_COUNTERS, statsCounters, 0);
                a.inc(Mem.q(Gp.RCX, StatsCounters.PREDICTION_HITS));
            }
            a.jmp(Mem.q(Gp.RDX, PredictionSite.HOST));
            a.bind(mispredicted);
            lookup(profiled, () -> {
                Label giveUp = a.newLabel();
                cx.movAddress(Gp.RDX, ExternalRef.Target.PREDICTION_CELL, cell, cellIndex);
                a.sub(Mem.q(Gp.RDX, PredictionSite.MISSES_LEFT), 1);
                a.jcc(Cond.S, giveUp);
                a.mov(Mem.q(Gp.RDX, PredictionSite.GUEST), Gp.RAX);
                a.mov(Mem.q(Gp.RDX, PredictionSite.HOST), Gp.RCX);
                cx.cold(() -> {
                    a.bind(giveUp);
                    a.mov(Mem.q(Gp.R15, layout.exitInfoOffset()), Gp.RDX);
                    a.mov(Mem.q(Gp.R15, layout.pcOffset()), Gp.RAX);
                    a.mov(Gp.EAX, ExitReason.PREDICTION_OFF);
                    cx.jumpAbsolute(ExternalRef.Target.EXIT_STUB, cx.exitStub);
                });
            });
            a.bind(plain);
        }
        lookup(profiled, () -> { });
    }

    /**
     * A plain indirect jump (neither a call nor a return) ending a block of a region, which has gone to blocks of the
     * region before (inside, the most frequent first): to those directly, with the registers in their homes, as a
     * branch inside the region goes; anywhere else, it leaves the region as an indirect jump does. The target is
     * compared with each of a few, else looked up in a table placed with the code ({@link RegionJumpTable}), indexed
     * by the target as the register holds it (the jump's mask, which clears bit 0, is in the table), so that the
     * jump waits for one load.
     */
    private void regionJump(Inst target, Inst masked, long[] inside) {
        long mask = masked != null ? masked.operand(1).aux : -1;
        into(Gp.RCX, target); // (rcx: no home, and the moves into the homes leave it)
        loop.moves();
        Label out = a.newLabel();
        RegionJumpTable table = RegionJumpTable.of(inside, mask);
        if (table == null) {
            a.mov(Gp.RAX, Gp.RCX);
            if (mask != -1) {
                a.and(Gp.RAX, (int) mask);
            }
            for (int k = 0; k < Math.min(inside.length, RegionJumpTable.MAX_COMPARED); k++) {
                long t = inside[k];
                if (t == (int) t) {
                    a.cmp(Gp.RAX, (int) t);
                } else {
                    a.movImm(Gp.RDX, t);
                    a.cmp(Gp.RAX, Gp.RDX);
                }
                internalJump(Cond.E, cx.internal.get(t), t);
            }
        } else {
            Label start = a.newLabel();
            a.lea(Gp.RAX, Mem.of(8, Gp.RCX, (int) -table.lowest()));
            a.cmp(Gp.RAX, table.entries() - 1);
            a.jcc(Cond.A, out);
            a.lea(Gp.RDX, Mem.rip(8, start));
            a.movsxd(Gp.RAX, Mem.of(4, Gp.RDX, Gp.RAX, 4, 0));
            a.add(Gp.RAX, Gp.RDX);
            a.jmp(Gp.RAX);
            // Each target at or below this block: through a jump of its own, an interrupt site (see internalJump).
            Map<Long, Label> entries = new java.util.HashMap<>();
            for (long t : inside) {
                BlockContext.Internal b = cx.internal.get(t);
                if (t <= cx.blockAddress && b.interrupted() != null) {
                    Label via = a.newLabel();
                    a.bind(via);
                    internalJump(null, b, t);
                    entries.put(t, via);
                } else {
                    entries.put(t, b.label());
                }
            }
            cx.cold(() -> {
                a.align(4);
                a.bind(start);
                for (int k = 0; k < table.entries(); k++) {
                    a.tableEntry(entries.getOrDefault(table.lowest() + k & mask, out), start);
                }
            });
        }
        a.bind(out);
        writeBack();
        a.mov(Gp.RAX, Gp.RCX);
        if (mask != -1) {
            a.and(Gp.RAX, (int) mask);
        }
        lookup(cx.blockAddress, () -> { });
    }

    /**
     * The inline lookup of the target in rax (if on): on a hit, runs onHit (which may use rdx; the host code is in
     * rcx) and jumps there; otherwise leaves to the dispatcher with INDIRECT, and the guest address of the block that
     * jumps (profiled, see JumpProfile) or 0 as the exit's information. The jump cache first (its entry for the
     * target: {guest, host} at {@code (pc & MASK) * 8}), then the table, whose hit fills the cache's entry.
     */
    void lookup(long profiled, Runnable onHit) {
        Label miss = a.newLabel();
        if (options.inlineLookup()) {
            Label slow = a.newLabel();
            Label found = a.newLabel();
            int cache = (int) jumpCache;
            if (jumpCache != 0) {
                a.mov(Gp.ECX, Gp.EAX);
                a.and(Gp.ECX, JUMP_CACHE_MASK);
                a.cmp(Gp.RAX, Mem.indexOnly(8, Gp.RCX, 8, cache));
                cx.displacementWas(ExternalRef.Target.JUMP_CACHE, 0);
                a.jcc(Cond.NE, slow);
                a.mov(Gp.RCX, Mem.indexOnly(8, Gp.RCX, 8, cache + 8));
                cx.displacementWas(ExternalRef.Target.JUMP_CACHE, 8);
                a.bind(found);
                hit(onHit);
                a.bind(slow);
            }
            // Two-level mapping table: level 1 indexed by page, level 2 by (pc & 0xfff) / 2, 8 bytes per entry.
            a.mov(Gp.RCX, Gp.RAX);
            a.shr(Gp.RCX, 12);
            a.cmp(Gp.RCX, (int) BlockCompiler.WINDOW_PAGES);
            a.jcc(Cond.AE, miss);
            cx.movAddress(Gp.RDX, ExternalRef.Target.MAPPING_TABLE, mappingTable, 0);
            a.mov(Gp.RCX, Mem.q(Gp.RDX, Gp.RCX, 8, 0));
            a.test(Gp.RCX, Gp.RCX);
            a.jcc(Cond.E, miss);
            a.mov(Gp.EDX, Gp.EAX);
            a.and(Gp.EDX, 0xffe);
            a.mov(Gp.RCX, Mem.q(Gp.RCX, Gp.RDX, 4, 0));
            a.test(Gp.RCX, Gp.RCX);
            a.jcc(Cond.E, miss);
            if (jumpCache != 0) {
                a.mov(Gp.EDX, Gp.EAX);
                a.and(Gp.EDX, JUMP_CACHE_MASK);
                a.mov(Mem.indexOnly(8, Gp.RDX, 8, cache), Gp.RAX);
                cx.displacementWas(ExternalRef.Target.JUMP_CACHE, 0);
                a.mov(Mem.indexOnly(8, Gp.RDX, 8, cache + 8), Gp.RCX);
                cx.displacementWas(ExternalRef.Target.JUMP_CACHE, 8);
                a.jmp(found);
            } else {
                hit(onHit);
            }
        }
        a.bind(miss);
        a.mov(Mem.q(Gp.R15, layout.pcOffset()), Gp.RAX);
        a.mov(Mem.q(Gp.R15, layout.exitInfoOffset()), profiled == (int) profiled ? (int) profiled : 0);
        a.mov(Gp.EAX, ExitReason.INDIRECT);
        cx.jumpAbsolute(ExternalRef.Target.EXIT_STUB, cx.exitStub);
    }

    /** A lookup's hit, the host code in rcx: onHit, the statistics' count, the jump. */
    private void hit(Runnable onHit) {
        onHit.run();
        if (statsCounters != 0) {
            cx.movAddress(Gp.RDX, ExternalRef.Target.STATS_COUNTERS, statsCounters, 0);
            a.inc(Mem.q(Gp.RDX, StatsCounters.LOOKUP_HITS));
        }
        a.jmp(Gp.RCX);
    }
}
