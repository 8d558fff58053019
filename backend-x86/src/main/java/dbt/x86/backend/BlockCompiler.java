package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.IrRegion;
import dbt.ir.Op;
import dbt.ir.analysis.FoldableAddresses;
import dbt.ir.analysis.InductionBases;
import dbt.ir.analysis.MaskedTargets;
import dbt.ir.analysis.NarrowViews;
import dbt.ir.analysis.ScaledIndexes;
import dbt.ir.analysis.SelectCompares;
import dbt.ir.analysis.SelfLoops;
import dbt.ir.analysis.SharedBaseChecks;
import dbt.ir.analysis.ShiftCounts;
import dbt.ir.analysis.SignedLoads;
import dbt.x86.asm.Assembler;
import dbt.x86.asm.Cond;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Label;
import dbt.x86.asm.Mem;
import dbt.x86.asm.Xmm;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One block, IR in, x86-64 out: the analyses that shape its code, register allocation, the layout of a self-loop,
 * and the dispatch of each instruction to its op family's lowering ({@link IntegerLowering},
 * {@link MemoryLowering}, {@link FloatLowering}, {@link RoutineLowering}, {@link ExitLowering}, {@link LoopLowering}).
 *
 * <p>Invariants of the emitted code. r15 holds the guest state, r14 the base of the guest window; rsp points at a call
 * frame (see {@link CallFrames}), with its spill slots. Every IR value sits zero-extended in a 64-bit register or slot,
 * or in the low half of an xmm register (a 64-bit float value, see {@link XmmValues}). Guest memory is reached only at
 * r14 + address, after the address was checked to be below the window's size, which the state holds ({@link
 * StateLayout#windowSizeOffset}), so the access stays inside the window and its guard. With host faults (the default)
 * that is the whole inline check: the window's host protection mirrors the guest's, and each access is a {@link
 * FaultSite} whose host fault the runtime's handler redirects to the access's cold path. Without them r13 holds the
 * page permission table and the check also tests the page and that the access does not cross into the next one. Either
 * way a refused access leaves through a cold path that writes back guest registers and asks the dispatcher to run the
 * instruction on the interpreter, which then faults exactly as the guest would. Division is guarded: apart from guest
 * memory accesses with host faults on, no instruction emitted here can trap.
 *
 * <p>With register mapping on, a guest register write only binds the register to a value; bound values are
 * written back once, at the exit (and on cold paths), but a register's last write in the block is stored where it is
 * made ({@link EagerWrites}) unless a home holds it. A block that branches to itself keeps its guest registers in
 * host registers across iterations (seed 000's mapped registers): the back edge moves each written value into the
 * register its next iteration reads, and jumps over the loads. The pinned registers ({@link PinnedRegisters}) are in
 * their host registers wherever translated code is entered and left for other translated code, not in the state.
 */
public final class BlockCompiler {
    /** Pages of the guest window (GuestMemory.WINDOW_SIZE, 128 GiB): the permission and mapping tables' bound. */
    public static final long WINDOW_PAGES = 1L << 25;
    /**
     * The inaccessible host memory on either side of the window (GuestMemory.GUARD, 64 GiB): an access from a base
     * inside the window at a displacement within it faults on the host there, precisely, if not inside the window.
     * Address space only (reserved, never backed): wide enough that an array index made from a C int, scaled by 8,
     * stays inside it ({@link MemoryLowering#WIDE_REACH}).
     */
    public static final long WINDOW_GUARD = 1L << 36;

    private final BlockContext cx;
    private final Assembler a;
    private final BackendOptions options;
    private final IntegerLowering integers;
    /** Entries of the jump cache the inline lookup reads first ({guest pc, host code}, direct-mapped by pc / 2). */
    public static final int JUMP_CACHE_ENTRIES = 4096;

    private final MemoryLowering memory;
    private final FloatLowering floats;
    private final RoutineLowering routines;
    private final LoopLowering loop;
    private final ExitLowering exits;

    /**
     * @param exitStub     host address of the exit stub (translated code jumps there with rax = exit reason)
     * @param mappingTable host address of the guest-pc → host-code table (two levels, see {@code MappingTable})
     * @param jumpCache    host address (below 2 GiB) of the table's jump cache ({@link ExitLowering#lookup}), or 0
     * @param targets      where direct exits go: translated code, or a trampoline of the runtime's
     * @param statsCounters host address of the {@link StatsCounters}, or 0 for none
     * @param budgetCounter host address of a count of blocks still allowed to run, or 0 for no limit: each block
     *                     entry (and loop iteration) decrements it and exits with BUDGET when it runs out
     * @param firstSite    the number the runtime gives this block's first direct exit (left in the state's
     *                     exit-information slot when that exit asks to be linked)
     * @param listing      keep a listing of the host code (for -d out_asm)
     */
    public BlockCompiler(StateLayout layout, BackendOptions options, long exitStub, long mappingTable, long jumpCache,
                         ExitTargets targets, long statsCounters, long budgetCounter, int firstSite,
                         boolean listing) {
        this.a = new Assembler(listing);
        this.options = options;
        this.cx = new BlockContext(a, layout, options, targets, exitStub);
        this.integers = new IntegerLowering(cx);
        this.memory = new MemoryLowering(cx);
        this.loop = new LoopLowering(cx);
        this.exits = new ExitLowering(cx, integers, loop, mappingTable, jumpCache, statsCounters, budgetCounter,
                firstSite);
        this.floats = new FloatLowering(a, new FloatLowering.Values() {
            @Override
            public Gp use(Inst v, Gp scratch) {
                return integers.use(v, scratch);
            }

            @Override
            public Gp target(Inst i) {
                return integers.target(i);
            }

            @Override
            public void finish(Inst i, Gp computed) {
                integers.finish(i, computed);
            }

            @Override
            public Label coldInterpret(Runnable prologue) {
                return integers.coldInterpret(prologue);
            }

            @Override
            public Label coldInterpretAt(long pc) {
                return integers.coldInterpretAt(pc, null);
            }

            @Override
            public FmaCheckGroups.Group fmaGroup(Inst i) {
                return cx.fmaChecks.get(i);
            }

            @Override
            public Inst fmaCarrier(Inst member) {
                return cx.fmaCarriers.get(member);
            }

            @Override
            public void coldPath(Runnable emit) {
                cx.cold(emit);
            }

            @Override
            public boolean usedLater(Inst v) {
                return cx.alloc.lastUse.getOrDefault(v, -1) > cx.position;
            }

            @Override
            public Mem stateOf(Inst v) {
                if (cx.floatReads.contains(v)) {
                    return Mem.q(Gp.R15, layout.register(v.aux, v.aux2));
                }
                // (a read of a register a self-loop never writes, or a value evicted where a register write stored it)
                return integers.loc(v) instanceof Location.State s ? s.mem() : null;
            }

            @Override
            public Xmm xmmOf(Inst v) {
                return integers.loc(v) instanceof Location.Xmm x ? x.reg() : null;
            }
        }, layout);
        this.routines = new RoutineLowering(cx, floats);
    }

    /**
     * Where a block is entered by a jump from a block at a lower guest address: past the interrupt site that begins
     * every block (see {@link InterruptSite}). A guest thread that never leaves translated code runs around a cycle
     * of blocks, and a cycle steps at least once to a block at the same or a lower address, by a direct jump (which
     * enters at the site) or an indirect one (which enters there too, by the mapping table), or it is a self-loop,
     * whose back edge is a site: so every cycle passes a site, and forward jumps skip the nop.
     */
    public static int forwardEntry(BackendOptions options) {
        return options.signalChecks() ? InterruptSite.ENTRY_WIDTH : 0;
    }

    /** Compiles the block, or returns null when it needs more spill slots than there are. */
    public CompiledBlock compile(IrBlock block) {
        cx.blockAddress = block.guestAddress;
        ConversionNans.fold(block);
        SignedLoads.shareExtensions(block);
        boolean isLoop = options.mapRegisters() && options.loops() && SelfLoops.isSelfLoop(block);
        List<Inst> carried = List.of();
        List<Inst> wideConstants = List.of();
        int invariants = 0;
        if (isLoop) {
            carried = SelfLoops.carryWrittenRegisters(block, loop.carried(block));
            SelfLoops.hoistRegisterReads(block);
        }
        List<Inst> pinnedHomes = options.mapRegisters() ? cx.pinned.hoistHomes(block.insts) : List.of();
        cx.pinnedHomes.addAll(pinnedHomes);
        if (isLoop) {
            invariants = options.hoistInvariants() ? SelfLoops.hoistInvariants(block) : 0;
            if (options.hoistInvariants()) {
                wideConstants = LoopLowering.hoistWideConstants(block, SelfLoops.readsAtTop(block) + invariants);
                invariants += wideConstants.size();
            }
        }
        cx.fmaChecks.putAll(FmaCheckGroups.form(block.insts, isLoop ? SelfLoops.readsAtTop(block) + invariants : 0,
                block.insts.size() - 1, HostFeatures.fma()));
        if (shadowLoads()) {
            ShadowLoads.split(block.insts, cx.fmaChecks);
        }
        // In a loop, a register read at the top holds the register's value until the body writes it again:
        // a cold path before that write must write it back, so it lives until the last such path.
        Map<Inst, Integer> extraUses = new HashMap<>();
        Map<Long, Integer> firstWrite = new HashMap<>();
        if (isLoop) {
            for (int k = 0; k < block.insts.size(); k++) {
                Inst i = block.insts.get(k);
                if (i.op == Op.SET_REG) {
                    firstWrite.putIfAbsent(i.registerKey(), k);
                }
            }
            for (Inst i : block.insts) {
                Integer write = i.op == Op.GET_REG ? firstWrite.get(i.registerKey()) : null;
                // Only a cold path (a checked memory access) before the write can need the old value.
                int access = write == null ? -1 : SelfLoops.lastExitBefore(block.insts, write);
                if (access >= 0) {
                    extraUses.put(i, access);
                }
            }
        }
        if (isLoop) {
            cx.narrowViews = NarrowViews.of(block); // (narrowCarries needs them)
            loop.narrowCarries(block, extraUses);
            cx.exitOnlyForms = loop.exitOnlyForms(block);
        } else if (options.mapRegisters()) {
            cx.exitOnlyForms = CanonicalNans.exitOnly(block.insts, Map.of(), cx.rawFloat, cx.rawCarried);
        }
        // Outside loops (whose reads stay in host registers across iterations), a guest register read only by
        // float ops is loaded straight into an xmm register from the state, which holds it all through the block
        // (register writes only bind until the block's exits).
        Set<Inst> foldedIntoUses = analyse(block, !isLoop && options.mapRegisters(),
                new int[] {block.insts.size() - 1});
        cx.stateReads = !isLoop && options.mapRegisters()
                ? StateReads.of(block.insts, 0, new int[] {block.insts.size() - 1}, cx.pinned) : Set.of();
        foldedIntoUses.addAll(cx.stateReads);
        int top = SelfLoops.readsAtTop(block);
        int body = top + invariants; // (the loop's invariant computations come between its reads and its top)
        for (Inst g : carried) {
            extraUses.merge(g, body, Math::max); // its home holds the carried value at the loop top
        }
        if (isLoop) {
            // Computed once before the loop (reads of registers it never writes, its invariants): what the body uses
            // lives through every iteration; what only other invariants use dies before the loop (its register is
            // then free all through the body).
            Set<Inst> usedInBody = new HashSet<>();
            for (int k = body; k < block.insts.size(); k++) {
                usedInBody.addAll(Arrays.asList(block.insts.get(k).operands));
            }
            for (int k = 0; k < body; k++) {
                Inst i = block.insts.get(k);
                if (unchangedByLoop(k, i, top, firstWrite.keySet()) && usedInBody.contains(i)) {
                    extraUses.put(i, block.insts.size() - 1);
                }
            }
        }
        if (isLoop) {
            cx.evicted = cx.pinned.unusedBy(block.insts);
        }
        Map<Inst, Inst> homes = isLoop ? backEdgeHomes(block, top) : Map.of();
        Set<Inst> xmmValues = isLoop ? loop.xmmValues(block.insts, homes) : XmmValues.of(block.insts);
        Map<Inst, Inst> unboxed = isLoop ? loop.unboxedInPlace(block.insts) : Map.of();
        Map<Inst, Integer> stateResident = isLoop ? loop.stateResident(block.insts) : Map.of();
        Collection<Inst> onHotPath = isLoop ? loop.readOnHotPath(block.insts, wideConstants) : List.of();
        Collection<Gp> evicted = cx.evicted.values();
        int loopBody = body;
        Function<Set<Inst>, RegisterAllocator> configured = slotsForLife -> {
            cx.alloc = new RegisterAllocator(foldedIntoUses, options.fuseCompares(), options.hostFaults(), xmmValues,
                    cx.pinned, evicted);
            // (a self-loop's reads are all at its top: its registers carried in homes)
            storeEagerly(block.insts, 0, new int[] {block.insts.size() - 1}, foldedIntoUses,
                    block.insts.subList(0, isLoop ? top : 0));
            if (isLoop) {
                cx.alloc.share(unboxed);
                cx.alloc.readInState(stateResident);
                cx.alloc.preferHomes(homes);
                cx.alloc.materialize(onHotPath);
                cx.alloc.splitFrom(loopBody + 1); // (see LoopLowering#moves)
                cx.alloc.holdHomesUntil(loopBody);
                cx.alloc.keepInSlots(slotsForLife);
            }
            return cx.alloc;
        };
        if (isLoop) {
            cx.loopBody = body;
        }
        FmaCheckGroups.keepCarriers(block.insts, cx.fmaChecks, cx.fmaCarriers, extraUses);
        RegisterAllocator first = configured.apply(Set.of());
        if (!first.allocate(block, options.mapRegisters(), extraUses, pinnedHomes)) {
            return null;
        }
        Set<Inst> evictedInBody = isLoop ? first.evictedInBody() : Set.of();
        if (!evictedInBody.isEmpty()) {
            // Values from before the body that it evicts are stored and put back every iteration: kept in slots for
            // their whole life instead (read from there), when that makes less memory traffic in the body.
            RegisterAllocator second = configured.apply(evictedInBody);
            if (!second.allocate(block, options.mapRegisters(), extraUses, pinnedHomes)
                    || second.bodyTraffic(block.insts) >= first.bodyTraffic(block.insts)) {
                cx.alloc = first;
            }
        }
        cx.evicted = cx.alloc.holding(cx.evicted);
        if (isLoop && options.hostFaults()) {
            Set<Inst> bases = loopInvariants(block, top, body, firstWrite.keySet());
            Set<Inst> unchanged = Set.copyOf(bases);
            Map<Long, Inst> reads = new HashMap<>();
            block.insts.subList(0, top).forEach(r -> reads.putIfAbsent(r.registerKey(), r));
            int[] starts = {body};
            int[] ends = {block.insts.size() - 1};
            cx.derivedBases = InductionBases.derived(block.insts, starts, ends, reads, Set.copyOf(bases),
                    cx.narrowCarry.keySet(), cx.foldedAddresses, MemoryLowering.SHARED_CHECK_SPAN,
                    MemoryLowering.MAX_STRIDE);
            bases.addAll(InductionBases.of(block.insts, starts, ends, reads, cx.foldedAddresses,
                    MemoryLowering.SHARED_CHECK_SPAN, MemoryLowering.MAX_STRIDE));
            bases.addAll(cx.derivedBases.keySet());
            cx.invariantChecks = SharedBaseChecks.ofInvariant(block.insts, body, block.insts.size() - 1,
                    cx.foldedAddresses, MemoryLowering.SHARED_CHECK_SPAN, MemoryLowering.WIDE_REACH, bases,
                    unchanged);
        }
        cx.sharedChecks = SharedBaseChecks.of(block.insts, 0, block.insts.size() - 1, cx.foldedAddresses,
                MemoryLowering.SHARED_CHECK_SPAN, MemoryLowering.WIDE_REACH, cx.invariantChecks.covered(),
                this::liveAt);
        entrySite(block.guestAddress);
        if (!isLoop) {
            exits.blockEntered(block.guestAddress, block.guestInstructions, false);
            emitBody(block, 0);
            return finish(block.guestInstructions);
        }
        integers.evict(); // (before the loads: homes may take the evicted registers)
        for (int k = 0; k < top; k++) {
            cx.position = k;
            emitHome(block.insts.get(k));
        }
        cx.loopEntry = a.newLabel(); // (blocks that enter the loop directly compute its invariants too)
        a.bind(cx.loopEntry);
        for (int k = top; k < body; k++) {
            cx.position = k;
            emit(block.insts.get(k));
        }
        // Accesses off a base the loop never changes are checked here, once (as a region's are where it is entered).
        memory.checkInvariantBases(block.guestAddress, exits);
        a.align(32);
        cx.loopTop = a.newLabel();
        a.bind(cx.loopTop);
        cx.position = body;
        floats.forget();
        a.comment("loop:");
        // A register the body writes can hold a value the state does not have yet (it was bridged in, or this is a
        // later iteration). Not a narrow or raw float home: on the first iteration the state has its value (see
        // narrowCarries).
        loop.bindReads(firstWrite.keySet(), false);
        exits.blockEntered(block.guestAddress, block.guestInstructions, false);
        Label interrupted = options.signalChecks() ? a.newLabel() : null;
        if (interrupted != null && !cx.peeled()) {
            exits.leaveBeforeBlock(interrupted, block.guestAddress, ExitReason.INTERRUPT);
        }
        if (!cx.peeled()) {
            cx.internal.put(block.guestAddress, new BlockContext.Internal(cx.loopTop, interrupted));
        } else {
            // Peeled: the first iteration, then the loop proper, where the narrow and raw float homes are bound too.
            Label backEdge = a.newLabel();
            cx.internal.put(block.guestAddress, new BlockContext.Internal(backEdge, interrupted));
            emitBody(block, body);
            a.bind(backEdge);
            cx.position = body;
            floats.forget();
            a.comment("loop, after the first iteration:");
            cx.bindings.clear();
            loop.bindReads(firstWrite.keySet(), true);
            exits.blockEntered(block.guestAddress, block.guestInstructions, false);
            if (interrupted != null) {
                exits.leaveBeforeBlock(interrupted, block.guestAddress, ExitReason.INTERRUPT);
            }
            cx.loopProper = true;
        }
        emitBody(block, body);
        cx.loopProper = false;
        return finish(block.guestInstructions);
    }

    /**
     * For a self-loop: the value its back edge moves into each home (the register's last write, or for a narrow
     * home its carrier; see {@link LoopLowering#moves}), mapped to that home.
     */
    private Map<Inst, Inst> backEdgeHomes(IrBlock block, int top) {
        Map<Long, Inst> home = new HashMap<>();
        for (int k = 0; k < top; k++) {
            home.putIfAbsent(block.insts.get(k).registerKey(), block.insts.get(k));
        }
        Map<Long, Inst> last = new HashMap<>();
        for (Inst i : block.insts) {
            if (i.op == Op.SET_REG && home.containsKey(i.registerKey())) {
                last.put(i.registerKey(), i.operand(0));
            }
        }
        Map<Inst, Inst> out = new HashMap<>();
        last.forEach((key, value) -> {
            Inst read = home.get(key);
            Inst moved = cx.carriedBy(read, value);
            if (!moved.isConst() && moved != read) {
                out.putIfAbsent(moved, read);
            }
        });
        return out;
    }

    /**
     * Compiles a region (see {@link IrRegion}; its blocks are rewritten), or returns null when it needs more spill
     * slots than there are. Like a self-loop, the region keeps guest registers in host registers, their homes,
     * across its blocks: each is loaded once on entry, and each edge inside the region moves the values its block
     * bound into the homes (see {@link RegionPlan}).
     */
    public CompiledBlock compile(IrRegion region) {
        region.blocks.forEach(ConversionNans::fold);
        region.blocks.forEach(SignedLoads::shareExtensions);
        for (IrBlock b : region.blocks) {
            cx.fmaChecks.putAll(FmaCheckGroups.form(b.insts, 0, b.insts.size() - 1, HostFeatures.fma()));
            if (shadowLoads()) {
                ShadowLoads.split(b.insts, cx.fmaChecks);
            }
        }
        List<Inst> all = new java.util.ArrayList<>();
        region.blocks.forEach(b -> all.addAll(b.insts));
        cx.evicted = cx.pinned.unusedBy(all);
        int homes = RegisterAllocator.generalHomesAtMost(options.hostFaults(), cx.pinned, cx.evicted.values());
        RegionPlan plan = RegionPlan.of(region, Math.min(RegionPlan.MAX_HOMES, homes), RegionPlan.MAX_FLOAT_HOMES,
                cx.pinned);
        plan.homes().forEach(h -> {
            if (cx.pinned.host(h.registerKey()) != null) {
                cx.pinnedHomes.add(h);
            }
        });
        IrBlock entry = region.entry();
        IrBlock combined = new IrBlock(entry.guestAddress);
        combined.insts.addAll(plan.insts());
        Set<Inst> xmmValues = XmmValues.of(plan.insts());
        if (options.mapRegisters()) { // (each block's own, its edges moving raw floats into the homes that allow it)
            Map<Long, Inst> rawHomes = CanonicalNans.rawHomeCandidates(plan.insts(), plan.homes());
            Set<Inst> forms = new HashSet<>();
            int from = plan.homes().size();
            for (int end : plan.segmentEnds()) {
                forms.addAll(CanonicalNans.exitOnly(plan.insts().subList(from, end + 1), rawHomes, cx.rawFloat,
                        cx.rawCarried));
                from = end + 1;
            }
            cx.exitOnlyForms = forms;
        }
        Set<Inst> foldedIntoUses = analyse(combined, false, plan.segmentEnds());
        cx.stateReads = options.mapRegisters()
                ? StateReads.of(plan.insts(), plan.homes().size(), plan.segmentEnds(), cx.pinned) : Set.of();
        foldedIntoUses.addAll(cx.stateReads);
        cx.alloc = new RegisterAllocator(foldedIntoUses, options.fuseCompares(), options.hostFaults(),
                xmmValues, cx.pinned, cx.evicted.values());
        storeEagerly(plan.insts(), plan.homes().size(), plan.segmentEnds(), foldedIntoUses, plan.homes());
        Map<Inst, Integer> carried = new HashMap<>();
        FmaCheckGroups.keepCarriers(plan.insts(), cx.fmaChecks, cx.fmaCarriers, carried);
        if (!cx.alloc.allocate(plan.insts(), plan.segmentEnds(), options.mapRegisters(), carried, plan.homes(),
                plan.written())) {
            return null;
        }
        cx.evicted = cx.alloc.holding(cx.evicted);
        cx.blockAddress = entry.guestAddress;
        entrySite(entry.guestAddress);
        integers.evict(); // (before the loads: homes may take the evicted registers)
        for (int k = 0; k < plan.homes().size(); k++) {
            cx.position = k;
            emitHome(plan.homes().get(k));
        }
        a.align(32);
        cx.loopTop = a.newLabel();
        // Where blocks outside enter (see LoopEntry): the raw float homes' check, the region-wide memory checks, then
        // the entry block.
        a.bind(cx.loopTop);
        checkRawHomes(plan, entry.guestAddress);
        cx.invariantChecks = options.hostFaults() ? SharedBaseChecks.ofInvariant(plan.insts(), plan.homes().size(),
                plan.insts().size() - 1, cx.foldedAddresses, MemoryLowering.SHARED_CHECK_SPAN,
                MemoryLowering.WIDE_REACH, regionBases(plan), plan.unchangedHomes()) : SharedBaseChecks.NONE;
        memory.checkInvariantBases(entry.guestAddress, exits);
        cx.regionJumps = region.jumps;
        Set<Long> backwardTargets = new HashSet<>();
        for (IrBlock b : region.blocks) {
            for (long[] next : new long[][] {b.directSuccessors(), region.jumps.getOrDefault(b.guestAddress,
                    new long[0])}) {
                for (long s : next) {
                    if (s <= b.guestAddress && region.contains(s) && !region.inlined.contains(s)) {
                        backwardTargets.add(s); // (a cycle through a callee goes back in its caller too)
                    }
                }
            }
        }
        for (IrBlock b : region.blocks) {
            Label label = a.newLabel();
            Label interrupted = options.signalChecks() && backwardTargets.contains(b.guestAddress) ? a.newLabel() : null;
            cx.internal.put(b.guestAddress, new BlockContext.Internal(label, interrupted));
        }
        int start = plan.homes().size();
        for (int n = 0; n < region.blocks.size(); n++) {
            IrBlock b = region.blocks.get(n);
            BlockContext.Internal here = cx.internal.get(b.guestAddress);
            a.bind(here.label());
            floats.forget();
            a.comment(String.format("region block 0x%x:", b.guestAddress));
            cx.bindings.clear();
            loop.bindReads(plan.written(), true); // (raw float homes too: no first iteration is peeled)
            cx.blockAddress = b.guestAddress;
            cx.nextBlock = n + 1 < region.blocks.size() ? region.blocks.get(n + 1).guestAddress : -1;
            exits.blockEntered(b.guestAddress, b.guestInstructions, true);
            if (here.interrupted() != null) {
                exits.leaveBeforeBlock(here.interrupted(), b.guestAddress, ExitReason.INTERRUPT);
            }
            cx.guestPc = b.guestAddress;
            cx.sharedChecks = SharedBaseChecks.of(plan.insts(), start, plan.segmentEnds()[n], cx.foldedAddresses,
                    MemoryLowering.SHARED_CHECK_SPAN, MemoryLowering.WIDE_REACH, cx.invariantChecks.covered(),
                    this::liveAt);
            for (int k = start; k <= plan.segmentEnds()[n]; k++) {
                cx.position = k;
                emit(plan.insts().get(k));
            }
            start = plan.segmentEnds()[n] + 1;
        }
        return finish(region.guestInstructions());
    }

    /**
     * Whether {@link ShadowLoads} pays: register writes bind values (so cold paths write them back), fused
     * multiply-adds are the host's, and a second load needs no check of its own (host faults).
     */
    private boolean shadowLoads() {
        return options.mapRegisters() && options.hostFaults() && HostFeatures.fma();
    }

    /**
     * Where a region is entered: its raw float homes ({@link CanonicalNans#rawHomeCandidates}) hold the registers'
     * values as they are, which is what a write-back makes of them (a NaN made the canonical one) unless one is another
     * NaN (loaded, or moved in from an integer register): then the region's entry is left to the interpreter, which
     * runs on until the register is written (a rare path: it writes the homes back as they are). Past the check no
     * home holds a signalling NaN, so the write-backs' unordered compares raise no flag.
     */
    private void checkRawHomes(RegionPlan plan, long entryPc) {
        List<Inst> raw = plan.homes().stream().filter(cx.rawFloat::containsKey).toList();
        if (raw.isEmpty()) {
            return;
        }
        Map<Long, Inst> before = new java.util.LinkedHashMap<>(cx.bindings); // (the evicted pinned registers')
        cx.bindings.clear();
        loop.bindReads(plan.written(), false); // (the others: written back as usual)
        Label other = integers.coldInterpretAt(entryPc, () -> raw.forEach(h -> {
            integers.into(Gp.RAX, h);
            a.mov(Mem.q(Gp.R15, integers.registerOffset(h.registerKey())), Gp.RAX);
        }));
        for (Inst h : raw) {
            // A NaN (exponent all ones, fraction not zero: the bits shifted left above 0xffe0...) tested on the bits,
            // as an unordered compare would raise invalid for a signalling one.
            integers.into(Gp.RAX, h);
            a.lea(Gp.RDX, Mem.q(Gp.RAX, Gp.RAX, 1, 0));
            a.movImm(Gp.RCX, 0xffe0_0000_0000_0000L);
            a.cmp(Gp.RDX, Gp.RCX);
            Label checked = a.newLabel();
            Label nan = a.newLabel();
            a.jcc(Cond.A, nan);
            a.bind(checked);
            long k = cx.rawFloat.get(h).operand(1).aux;
            cx.cold(() -> { // a NaN: on if it is k
                a.bind(nan);
                a.movImm(Gp.RDX, k);
                a.cmp(Gp.RAX, Gp.RDX);
                a.jcc(Cond.NE, other);
                a.jmp(checked);
            });
        }
        cx.bindings.clear();
        cx.bindings.putAll(before);
    }

    /**
     * Chooses the register writes stored where they are made ({@link EagerWrites}), in each block of insts (from index
     * from, the blocks ending at segmentEnds), but those of pinned registers and of those the homes hold; tells the
     * allocator.
     */
    private void storeEagerly(List<Inst> insts, int from, int[] segmentEnds, Set<Inst> foldedIntoUses,
                              List<Inst> homes) {
        if (!options.mapRegisters()) {
            return;
        }
        Set<Long> homed = new HashSet<>();
        homes.forEach(h -> homed.add(h.registerKey()));
        Set<Inst> eager = new HashSet<>();
        for (int end : segmentEnds) {
            eager.addAll(EagerWrites.of(insts.subList(from, end + 1), foldedIntoUses,
                    key -> cx.pinned.host(key) != null || homed.contains(key),
                    v -> cx.rawFloat.containsKey(v) || cx.narrow(v)));
            from = end + 1;
        }
        cx.eagerWrites = eager;
        cx.alloc.storeEagerly(eager, integers::registerOffset);
    }

    /** Whether v is in its location at the instruction of this index (it has one, and is used there or later). */
    private boolean liveAt(Inst v, int index) {
        Inst holder = cx.narrowViews.contains(v) ? v.operand(0) : v;
        return cx.alloc.locations.containsKey(holder) && cx.alloc.lastUse.getOrDefault(holder, -1) >= index;
    }

    /**
     * The values a self-loop never changes and keeps in their locations all through it: its reads of the registers
     * it never writes, and its invariant computations (insts[top..body), see SelfLoops.hoistInvariants).
     */
    private Set<Inst> loopInvariants(IrBlock block, int top, int body, Set<Long> written) {
        Set<Inst> invariants = new HashSet<>();
        for (int k = 0; k < body; k++) {
            Inst i = block.insts.get(k);
            if (unchangedByLoop(k, i, top, written) && cx.alloc.locations.containsKey(i)) {
                invariants.add(i);
            }
        }
        return invariants;
    }

    /**
     * Whether i, at index k before a self-loop's body, is a value the loop never changes: an invariant computation
     * (k from top on), or a read at the top of a register the loop never writes.
     */
    private static boolean unchangedByLoop(int k, Inst i, int top, Set<Long> written) {
        return k >= top || !written.contains(i.registerKey());
    }

    /**
     * The homes the region's accesses can be checked off once, where it is entered: those of the guest registers it
     * only reads (values that stay the same while it runs), and the pointers it walks forward ({@link InductionBases}).
     */
    private Set<Inst> regionBases(RegionPlan plan) {
        Map<Long, Inst> homes = new HashMap<>();
        plan.homes().forEach(h -> homes.put(h.registerKey(), h));
        int[] ends = plan.segmentEnds();
        int[] starts = new int[ends.length];
        for (int n = 0; n < ends.length; n++) {
            starts[n] = n == 0 ? plan.homes().size() : ends[n - 1] + 1;
        }
        Set<Inst> bases = InductionBases.of(plan.insts(), starts, ends, homes, cx.foldedAddresses,
                MemoryLowering.SHARED_CHECK_SPAN, MemoryLowering.MAX_STRIDE);
        cx.derivedBases = InductionBases.derived(plan.insts(), starts, ends, homes, Set.of(), Set.of(),
                cx.foldedAddresses, MemoryLowering.SHARED_CHECK_SPAN, MemoryLowering.MAX_STRIDE);
        bases.addAll(cx.derivedBases.keySet());
        return bases;
    }

    /**
     * Runs the analyses that shape the code (see dbt.ir.analysis) and returns the values folded into their uses,
     * which get no location of their own.
     */
    private Set<Inst> analyse(IrBlock block, boolean floatReads, int[] segmentEnds) {
        cx.narrowViews = NarrowViews.of(block);
        cx.shiftCounts = ShiftCounts.of(block);
        Set<Inst> foldedIntoUses = FoldableAddresses.of(block);
        cx.foldedAddresses = Set.copyOf(foldedIntoUses);
        cx.scaledIndexes = ScaledIndexes.of(block, 3);
        foldedIntoUses.addAll(cx.scaledIndexes);
        foldedIntoUses.addAll(cx.narrowViews);
        foldedIntoUses.addAll(cx.shiftCounts);
        cx.maskedTargets = MaskedTargets.of(block);
        foldedIntoUses.addAll(cx.maskedTargets);
        Map<Inst, Inst> xmmOnly = FloatLowering.xmmOnly(block);
        xmmOnly.values().removeIf(cx.exitOnlyForms::contains); // (such a select is not computed: its operand is)
        cx.fmaCarriers = FmaCheckGroups.carriers(block.insts, cx.fmaChecks, cx.exitOnlyForms);
        xmmOnly.keySet().removeIf(v -> cx.fmaCarriers.get(v) == v); // (read again by its group's test)
        foldedIntoUses.addAll(xmmOnly.keySet());
        floats.keepInXmm(xmmOnly);
        Set<Inst> negations = HostFeatures.fma() ? FloatLowering.negations(block.insts) : Set.of();
        foldedIntoUses.addAll(negations);
        floats.negateInFma(negations);
        cx.floatReads = floatReads ? FloatLowering.floatReads(block) : Set.of();
        if (!cx.pinned.isEmpty() && !cx.floatReads.isEmpty()) { // (a pinned register's state is its host register)
            cx.floatReads = new HashSet<>(cx.floatReads);
            cx.floatReads.removeIf(r -> cx.pinned.host(r.registerKey()) != null);
        }
        foldedIntoUses.addAll(cx.floatReads);
        cx.selectCompares = options.fuseCompares() ? SelectCompares.of(block) : Set.of();
        foldedIntoUses.addAll(cx.selectCompares);
        cx.signedLoads = SignedLoads.of(block, cx.carriers());
        foldedIntoUses.addAll(cx.signedLoads.values());
        foldedIntoUses.addAll(cx.exitOnlyForms);
        Map<Inst, Integer> uses = cx.exitOnlyForms.isEmpty() ? Map.of() : block.useCounts();
        for (Inst v : cx.exitOnlyForms) { // a NaN-box made where it is written back: of the word itself
            Inst low = LoopLowering.boxedWord(v);
            if (low != null && uses.get(low) == 1) {
                foldedIntoUses.add(low);
            }
        }
        Set<Inst> kept = new HashSet<>(cx.carriers());
        kept.addAll(cx.narrowValue.keySet());
        kept.addAll(cx.narrowValue.values());
        kept.addAll(cx.rawFloat.keySet());
        kept.addAll(cx.rawFloat.values());
        kept.addAll(cx.boxed);
        kept.addAll(cx.unboxes);
        kept.addAll(cx.boxChecks);
        cx.exitTemporaries = options.mapRegisters()
                ? ExitTemporaries.of(block.insts, segmentEnds, foldedIntoUses, cx.narrowViews, cx.exitOnlyForms,
                        kept) : Set.of();
        foldedIntoUses.addAll(cx.exitTemporaries);
        return foldedIntoUses;
    }

    /** The interrupt site every block's code begins with (see {@link InterruptSite}). */
    private void entrySite(long guestAddress) {
        if (options.signalChecks()) {
            cx.interruptSites.add(new InterruptSite(0, InterruptSite.ENTRY_WIDTH, exits.interruptExit(guestAddress)));
            a.nop(InterruptSite.ENTRY_WIDTH);
        }
    }

    /** Loads a loop's register into its home, which holds it from then on. */
    private void emitHome(Inst read) {
        emit(read);
        if (integers.loc(read) != null) {
            cx.loopReads.putIfAbsent(read.registerKey(), read); // a dead duplicate read (no location) holds nothing
        }
    }

    private CompiledBlock finish(int guestInstructions) {
        for (Runnable r : cx.coldPaths) {
            r.run();
        }
        return new CompiledBlock(a, cx.exits, cx.faultSites, loop.entry(), cx.predictions, cx.interruptSites,
                cx.externals, cx.bridgedLoops, guestInstructions);
    }

    private void emitBody(IrBlock block, int from) {
        cx.guestPc = block.guestAddress;
        for (int k = from; k < block.insts.size(); k++) {
            cx.position = k;
            emit(block.insts.get(k));
        }
    }

    private void emit(Inst i) {
        for (Inst v : cx.alloc.spillsAt(cx.position)) { // (values the allocator split here, see RegisterAllocator#at)
            Location.Register r = (Location.Register) cx.alloc.at(v, cx.position - 1);
            a.mov(((Location.Slot) cx.alloc.at(v, cx.position)).mem(), r.reg());
        }
        if (cx.exitTemporaries.contains(i)) {
            return; // (computed where a cold path writes it back: see ExitTemporaries)
        }
        if (i.op.hasResult() && !i.hasSideEffect() && integers.loc(i) == null && !cx.alloc.folded(i)) {
            return; // a value nobody uses (dead code left when DCE is off): nothing to compute
        }
        if (cx.loopProper && cx.boxChecks.contains(i)) {
            return; // (a boxed narrow home's box check: see BlockContext#unboxes)
        }
        if (cx.loopProper && cx.unboxes.contains(i)) {
            integers.word(i, i.operand(1).operand(0));
            return;
        }
        switch (i.op) {
            case CONST -> {
                if (integers.loc(i) != null) { // (a constant loaded once, before a loop)
                    Gp t = integers.target(i);
                    a.movImm(t, i.aux);
                    integers.finish(i, t);
                }
            }
            case GUEST_PC -> {
                cx.guestPc = i.aux;
                if (a.isListing()) {
                    a.comment(String.format("guest 0x%x", i.aux));
                }
            }
            case GET_REG -> readRegister(i);
            case SET_REG -> {
                if (cx.eagerWrites.contains(i)) {
                    cx.bindings.remove(i.registerKey());
                    integers.storeRegister(i.registerKey(), i.operand(0));
                } else if (options.mapRegisters()) {
                    cx.bindings.put(i.registerKey(), i.operand(0));
                } else {
                    integers.storeRegister(i.registerKey(), i.operand(0));
                }
            }
            case GET_CSR -> integers.loadState(i, cx.layout.csr(i.aux));
            case SET_CSR -> integers.storeState(cx.layout.csr(i.aux), i.operand(0));
            case GET_RESERVATION -> integers.loadState(i, i.aux == 0 ? cx.layout.reservationOffset()
                    : cx.layout.reservedValueOffset());
            case SET_RESERVATION -> integers.storeState(i.aux == 0 ? cx.layout.reservationOffset()
                    : cx.layout.reservedValueOffset(), i.operand(0));
            case FENCE -> a.mfence();
            case ADD, SUB, AND, OR, XOR -> {
                if (!cx.alloc.folded(i)) {
                    integers.alu(i);
                }
            }
            case MUL -> integers.multiply(i);
            case MULH_SS, MULH_UU, MULH_SU -> integers.multiplyHigh(i);
            case DIV_S, DIV_U, REM_S, REM_U -> integers.divide(i);
            case SHL, SHR, SAR -> {
                if (!cx.alloc.folded(i)) { // (else a scaled index, made by the lea of its addition)
                    integers.shift(i);
                }
            }
            case ROTL, ROTR -> integers.rotate(i);
            case NEG, NOT -> integers.unary(i);
            case EQ, NE, LT_S, LT_U, LE_S, LE_U, GT_S, GT_U, GE_S, GE_U -> {
                if (!(i.fused && options.fuseCompares() || cx.selectCompares.contains(i))) {
                    integers.comparison(i); // (else emitted with the branch, or with the select)
                }
            }
            case SELECT -> integers.select(i);
            case ZEXT -> {
                if (!cx.alloc.folded(i)) {
                    integers.zeroExtend(i);
                }
            }
            case TRUNC -> {
                if (!cx.alloc.folded(i)) { // (else read in place by its users)
                    integers.truncate(i);
                }
            }
            case SEXT -> {
                if (cx.exitOnlyForms.contains(i)) {
                    return; // (computed where a cold path writes it back)
                } else if (cx.signedLoads.containsKey(i)) {
                    memory.load(cx.signedLoads.get(i), i, true);
                } else {
                    integers.signExtend(i);
                }
            }
            case FLOAT1, FLOAT2, FLOAT3 -> floats.emit(i);
            case NAN_SELECT -> {
                if (!cx.exitOnlyForms.contains(i)) { // (else computed where a cold path writes it back)
                    floats.nanSelect(i);
                }
            }
            case FLOAT_FLAGS -> floats.hostFlags(i);
            case CLEAR_FLOAT_FLAGS -> floats.clearHostFlags(i);
            case LOAD, LOAD_IF -> {
                if (!cx.alloc.folded(i)) { // (a load a sign extension makes, see SignedLoads, is emitted there)
                    memory.load(i, i, false);
                }
            }
            case STORE, STORE_IF -> memory.store(i);
            case STORE_CAS -> memory.compareAndSwap(i);
            case ROUTINE -> routines.emit(i);
            case EXIT_JUMP -> exits.jump(i);
            case EXIT_BRANCH -> exits.branch(i);
            case EXIT_INDIRECT -> exits.indirect(i);
            case EXIT_SYSCALL -> exits.leave(i.aux, ExitReason.SYSCALL);
            case EXIT_INTERPRET -> exits.leave(i.aux, ExitReason.INTERPRET);
            case EXIT_ILLEGAL -> exits.leave(i.aux, ExitReason.ILLEGAL);
            case EXIT_BREAKPOINT -> exits.leave(i.aux, ExitReason.BREAKPOINT);
            case EXIT_FENCE_I -> exits.leave(i.aux, ExitReason.FENCE_I);
        }
    }

    /** A guest register read: the value bound to it in this block, else the state's (float-only reads: none). */
    private void readRegister(Inst i) {
        if (cx.floatReads.contains(i) || cx.stateReads.contains(i)) {
            return; // loaded where it is used
        }
        if (cx.pinnedHomes.contains(i)) {
            return; // (in its host register)
        }
        if (integers.readInState(integers.loc(i), i.registerKey())) {
            return; // (read where it is used)
        }
        Inst bound = options.mapRegisters() ? cx.bindings.get(i.registerKey()) : null;
        if (bound == null) {
            integers.loadRegister(i, i.registerKey());
            return;
        }
        Gp t = integers.target(i);
        Gp v = integers.use(bound, t); // written earlier in this block: the state is not up to date
        if (v != t) {
            a.mov(t, v);
        }
        integers.finish(i, t);
    }
}
