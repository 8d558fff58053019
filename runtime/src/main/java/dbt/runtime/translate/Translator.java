package dbt.runtime.translate;

import dbt.frontend.lift.Lifter;
import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.IrRegion;
import dbt.ir.analysis.InlinedCalls;
import dbt.ir.analysis.LoopRegions;
import dbt.ir.IrPrinter;
import dbt.ir.Op;
import dbt.ir.Routine;
import dbt.ir.Type;
import dbt.ir.pass.Pipeline;
import dbt.isa.asm.Disassembler;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.exec.Machine;
import dbt.x86.asm.AssembledCode;
import dbt.x86.asm.Assembler;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Mem;
import dbt.x86.asm.ListingEntry;
import dbt.x86.backend.BlockCompiler;
import dbt.x86.backend.BridgedLoop;
import dbt.x86.backend.CompiledBlock;
import dbt.x86.backend.ExitReason;
import dbt.x86.backend.ExitTargets;
import dbt.x86.backend.LoopEntry;
import dbt.x86.backend.InterruptSite;
import dbt.x86.backend.StateLayout;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guest block → host code in the cache: decode, lift, run the pass pipeline, compile, place, map. Keeps the
 * direct exits of placed blocks so the dispatcher can link (patch) them once their targets exist.
 */
public final class Translator {
    /**
     * A direct exit of a placed block: the address of its rel32, the guest address it goes to, its trampoline, the
     * guest address of the block it leaves, and of the translation that block is part of (itself, or a region's
     * first block).
     */
    record Site(long rel32Address, long target, long trampoline, long source, long translation) {}

    /**
     * A block not translated yet: as decoded (the blocks its lifting went through: the first, then one past each
     * branch it if-converted; null when its lifted IR was saved by an earlier run), the guest code they hold (null
     * until asked for, or when it is not all code: see {@link #guestCode}), as lifted, and how many times it ran on
     * the IR interpreter.
     */
    private static final class Cold {
        final List<BlockDecoder.Block> decoded;
        TranslatedCode.GuestCode guest;
        final IrBlock ir;
        /**
         * Whether the block runs a host routine (its own block, or a call run in place): translated at once, since a
         * routine's Java semantics, the IR interpreter's, take a byte at a time (a program's first copies of large
         * arrays took bwt 2.0 -> 3.7 s).
         */
        final boolean runsRoutine;
        int runs;

        Cold(List<BlockDecoder.Block> decoded, TranslatedCode.GuestCode guest, IrBlock ir) {
            this.decoded = decoded;
            this.guest = guest;
            this.ir = ir;
            boolean routine = false;
            for (Inst i : ir.insts) {
                routine |= i.op == Op.ROUTINE;
            }
            this.runsRoutine = routine;
        }

        TranslatedCode.GuestCode guest() {
            if (guest == null && decoded != null) {
                guest = TranslatedCode.GuestCode.of(decoded);
            }
            return guest;
        }
    }

    /** Trampolines in the pool, and prediction cells, per generation of the code cache. */
    private static final int TRAMPOLINES = 1 << 15;
    private static final int PREDICTION_CELLS = 1 << 16;
    /** At most this many direct exits per block (two are used), with room to spare: the pool keeps that many free. */
    private static final int MAX_EXITS_PER_BLOCK = 4;
    /** At most this many interrupt sites per block (an entry and two back edges are used). */
    private static final int MAX_INTERRUPT_SITES_PER_BLOCK = 4;
    /** At most this many blocks in a region. */
    private static final int MAX_REGION_BLOCKS = 16;
    /** At most this many in a region through a plain indirect jump (a dispatch loop: its handlers). */
    private static final int MAX_JUMP_REGION_BLOCKS = 48;
    /** At most this many blocks wait for translation with their lifted IR kept (see {@link #cold}). */
    private static final int COLD_BLOCKS = 1 << 14;

    private final InstructionDecoder decoder;
    private final BlockDecoder blocks;
    /** Single instructions, which the lifter decodes to see where a branch's two ways meet (to predicate them). */
    private final BlockDecoder singles;
    /**
     * Blocks of at most {@link #SHORT_BLOCK} instructions, for a block whose values do not fit the allocator's spill
     * area (blocks are long so that a loop's body is one block, which is compiled as a self-loop).
     */
    private final BlockDecoder shortBlocks;
    static final int SHORT_BLOCK = 64;
    private final Lifter lifter;
    /** Lifts {@link #singleInstruction}s, which only the IR interpreter runs (writes of the rounding mode too). */
    private final Lifter singleLifter;
    private final Pipeline pipeline;
    private final StateLayout layout;
    private final TranslationOptions options;
    private final CodeCache cache;
    private final MappingTable mapping;
    private final long exitStub;
    /** See {@link BlockCompiler#forwardEntry}. */
    private final int forwardEntry;
    private final long stubsEnd;
    private final TrampolinePool trampolines;
    private final PredictionCells predictions;
    private final InterruptPatches interruptPatches;
    /** Counts flushes: a site number is only meaningful in the generation it was handed out in. */
    private long generation;
    private final long indirectHitCounter;
    private final long budgetCounter;
    private final TranslationStats stats;
    private final PrintStream debugOut;
    private final boolean debugging;
    private final List<Site> sites = new ArrayList<>();
    /** Placed self-loops by guest address: how blocks jumping there enter them. */
    private final Map<Long, LoopEntry> loops = new HashMap<>();
    /** Blocks translated again to enter a loop directly (once each per generation). */
    private final Set<Long> retranslated = new HashSet<>();
    /** Host addresses of the guest accesses registered with {@link HostFaults}, to forget on a flush. */
    private final List<Long> faultSites = new ArrayList<>();
    /**
     * Blocks seen but not translated yet (see {@link #coldRun}), by guest address; at most {@link #COLD_BLOCKS}, so
     * that the lifted IR of a large program's run-once code does not pile up (a few KiB a block): when full, it is
     * emptied, and the blocks in it count their runs again.
     */
    private final Map<Long, Cold> cold = new HashMap<>();
    /** Instructions lifted alone, for {@link #singleInstruction}. */
    private final Map<Long, IrBlock> singleInstructions = new HashMap<>();
    /**
     * Where each indirect call or jump (not a return) went while its block ran on the IR interpreter, by the block's
     * guest address: its last target and how many runs in a row went there (see {@link #predictedTarget}); emptied
     * when it reaches {@link #COLD_BLOCKS}.
     */
    private final Map<Long, long[]> indirectTargets = new HashMap<>();
    /** Runs in a row to one target that make it an indirect jump's predicted target. */
    private static final int PREDICTED_AFTER = 4;
    /** Where plain indirect jumps have gone, for region formation. */
    private final JumpProfile jumps = new JumpProfile();
    /**
     * The regions through plain indirect jumps: by the jump's block, the latest region's first block and how many
     * blocks it has. A loop through such a jump forms a region again only with a quarter more blocks (else every
     * block of a dispatch loop translated later, each handler as the jump finds it, would head a region of the same
     * loop); the larger region then serves the loop, entered where its old region leaves it.
     */
    private final Map<Long, long[]> jumpRegions = new HashMap<>();
    /** For the slow lookup (ladder stage before the O(1) table): translated guest pcs and their code, in order. */
    private final List<long[]> placed = new ArrayList<>();
    /** Translations saved by earlier runs, installed instead of translating (null: none, and none are saved). */
    private final SavedTranslations saved;
    /** Where saved records check that guest memory holds the code they were made from. */
    private final SavedTranslations.CodeReader codeReader;
    /** The C library functions run as host routines (see {@link GuestRoutines}), or null: none. */
    private final GuestRoutines routines;
    /** Saved loops being installed first for the code that jumps into them (a cycle of such jumps stops here). */
    private final Set<Long> installing = new HashSet<>();
    /**
     * Saved loops being installed, by pc: where their loop top will be, and whether code installed meanwhile jumps
     * there (an inner self-loop and the region of the loop around it jump into each other).
     */
    private final Map<Long, Placing> placing = new HashMap<>();

    /** A saved loop being installed: its entry where it will be, and whether other code jumps there already. */
    private static final class Placing {
        final LoopEntry entry;
        boolean bridged;

        Placing(LoopEntry entry) {
            this.entry = entry;
        }
    }
    /** Where this engine's code finds what lies outside it (see {@link TranslatedCode#relocate}). */
    private final TranslatedCode.Externals externals;

    Translator(InstructionDecoder decoder, StateLayout layout, TranslationOptions options, CodeCache cache,
               MappingTable mapping, InterruptPatches interruptPatches, long exitStub, long indirectHitCounter,
               long budgetCounter, TranslationStats stats, PrintStream debugOut, SavedTranslations saved,
               SavedTranslations.CodeReader codeReader, GuestRoutines routines) {
        this.routines = routines;
        this.interruptPatches = interruptPatches;
        this.budgetCounter = budgetCounter;
        this.decoder = decoder;
        this.blocks = new BlockDecoder(decoder);
        this.singles = new BlockDecoder(decoder, 1);
        this.shortBlocks = new BlockDecoder(decoder, SHORT_BLOCK);
        this.lifter = new Lifter(decoder.model());
        this.singleLifter = new Lifter(decoder.model(), true);
        this.pipeline = new Pipeline(options.disabledPasses(), false, options.injectedFault());
        this.layout = layout;
        this.options = options;
        this.cache = cache;
        this.mapping = mapping;
        this.exitStub = exitStub;
        this.forwardEntry = BlockCompiler.forwardEntry(options.backend());
        this.trampolines = new TrampolinePool(cache, TRAMPOLINES, exitStub, layout.exitInfoOffset());
        long missStub = indirectMissStub(cache, layout, exitStub);
        this.predictions = new PredictionCells(PREDICTION_CELLS, missStub);
        mapping.setJumpCacheMiss(missStub);
        this.stubsEnd = cache.used();
        this.indirectHitCounter = indirectHitCounter;
        this.stats = stats;
        this.debugOut = debugOut;
        this.debugging = !options.debug().isEmpty();
        this.saved = saved;
        this.codeReader = codeReader;
        this.externals = target -> switch (target) {
            case EXIT_STUB -> exitStub;
            case MAPPING_TABLE -> mapping.address();
            case JUMP_CACHE -> mapping.jumpCacheAddress();
            case STATS_COUNTERS -> indirectHitCounter;
            case BUDGET_COUNTER -> budgetCounter;
            case PREDICTION_CELL, LOOP_TOP -> 0;
        };
    }

    /** The host code for guest pc, translating it first if needed. */
    long codeFor(long pc, Machine machine) {
        long host = lookup(pc);
        return host != 0 ? host : translate(pc, machine);
    }

    /**
     * The lifted IR of the untranslated block at pc if it is to run on the IR interpreter this time, because it has
     * run there fewer than {@code translateAfter} times; else null, and the block is to be translated. Most blocks
     * run once (72% of hello's, 65% of crc32's, by qemu -d exec): lifting and interpreting such a block costs less
     * than lifting, optimising and compiling it, above all while dbt's own Java is still cold. The lifted IR is
     * kept for the translation; it is not optimised, so the interpreter runs exactly what the lifter produced.
     */
    IrBlock coldRun(long pc, Machine machine) {
        if (options.translateAfter() == 0 || saved != null && saved.has(pc)) {
            return null; // (saved code is installed at once)
        }
        Cold c = cold.get(pc);
        if (c == null) {
            c = lifted(pc, machine);
            if (cold.size() >= COLD_BLOCKS) {
                cold.clear();
            }
            cold.put(pc, c);
        }
        if (c.runs >= options.translateAfter() || c.runsRoutine) {
            return null;
        }
        c.runs++;
        stats.coldRuns++;
        return c.ir;
    }

    long lookup(long pc) {
        if (options.fastLookup()) {
            return mapping.get(pc);
        }
        for (long[] p : placed) {
            if (p[0] == pc) {
                return p[1];
            }
        }
        return 0;
    }

    Site site(int index) {
        return sites.get(index);
    }

    /** Where the site's jump enters the target's code: past its interrupt check when the target lies ahead. */
    long entryFrom(Site site, long code) {
        return site.target() > site.source() ? code + forwardEntry : code;
    }

    /** The indirect jump whose prediction cell this is gives up predicting. */
    void predictionOff(long cell) {
        predictions.patchOut(cell, cache);
    }

    long generation() {
        return generation;
    }

    /**
     * The site's jump now goes to translated code: its trampoline can serve another exit. If the target is a loop,
     * the block the site leaves is translated once more, to enter the loop with its values in the loop's registers
     * (it was translated before the loop existed); the old translation stays valid for jumps already linked to it.
     */
    void linked(Site site, Machine machine) {
        if (site.trampoline() != 0) {
            trampolines.release(site.trampoline());
        }
        if (loops.containsKey(site.target()) && options.fastLookup() && retranslated.add(site.translation())) {
            translate(site.translation(), machine, false); // (with the loop's entry: not as saved)
            stats.retranslations++;
        }
    }

    long trampolinesHandedOut() {
        return trampolines.handedOut();
    }

    /**
     * The block at pc, decoded and lifted, or as an earlier run saved it lifted (counted as decode-and-lift time);
     * what is lifted here is saved for later runs.
     */
    private Cold lifted(long pc, Machine machine) {
        long start = System.nanoTime();
        SavedTranslations.Lifted savedBlock = saved == null ? null : saved.findLifted(pc, codeReader);
        if (savedBlock != null) {
            stats.liftNanos += System.nanoTime() - start;
            return new Cold(null, savedBlock.guest(), savedBlock.ir());
        }
        Cold c = decodeAndLift(pc, machine, blocks);
        if (saved != null) {
            saved.addLifted(c.ir, c::guest);
        }
        stats.liftNanos += System.nanoTime() - start;
        return c;
    }

    /**
     * The instruction at pc lifted alone (no if-conversion, no host routine), for running one instruction on the IR
     * interpreter where translated code leaves it to an interpreter; kept until the code cache is flushed.
     */
    IrBlock singleInstruction(long pc, Machine machine) {
        IrBlock ir = singleInstructions.get(pc);
        if (ir == null) {
            long start = System.nanoTime();
            ir = singleLifter.lift(singles.decode(machine::fetch16, pc), null);
            ir.renumber();
            stats.liftNanos += System.nanoTime() - start;
            if (singleInstructions.size() >= COLD_BLOCKS) {
                singleInstructions.clear();
            }
            singleInstructions.put(pc, ir);
        }
        return ir;
    }

    /** The block at pc, decoded by blockDecoder (at most its length), and lifted. */
    private Cold decodeAndLift(long pc, Machine machine, BlockDecoder blockDecoder) {
        BlockDecoder.Block block = blockDecoder.decode(machine::fetch16, pc);
        List<BlockDecoder.Block> pieces = new ArrayList<>(List.of(block));
        Routine routine = routines == null ? null : routines.at(pc);
        // (a routine's block stands for the guest's code at pc, which is decoded all the same: saved translations of
        // it are checked against that code)
        IrBlock ir = routine != null ? routines.block(pc, routine)
                : lifter.lift(block, !options.ifConversion() ? null : (at, most) -> {
                    BlockDecoder.Block b = (most == 1 ? singles : blockDecoder).decode(machine::fetch16, at);
                    pieces.add(b);
                    return b;
                });
        if (routines != null && routine == null) {
            ir = routines.runCalled(ir);
        }
        ir.renumber(); // (for the IR interpreter: the block is not changed until it is translated)
        return new Cold(pieces, null, ir);
    }

    /** Blocks that ran on the IR interpreter and were never translated (in this generation). */
    long untranslated() {
        return cold.size();
    }

    long trampolinesReused() {
        return trampolines.reused();
    }

    /** Forgets all translated code (fence.i, or a full cache). */
    void flush() {
        generation++;
        interruptPatches.clear();
        cache.flush(stubsEnd);
        trampolines.reset();
        predictions.reset();
        faultSites.forEach(HostFaults::remove);
        faultSites.clear();
        mapping.clear();
        sites.clear();
        loops.clear();
        retranslated.clear();
        jumpRegions.clear();
        cold.clear();
        singleInstructions.clear();
        placed.clear();
    }

    private long translate(long pc, Machine machine) {
        return translate(pc, machine, true);
    }

    /**
     * The block at block, ending in an indirect call or jump (not a return), went to target when it ran on the IR
     * interpreter.
     */
    void wentTo(IrBlock block, long target) {
        if (LoopRegions.plainIndirect(block.terminator())) {
            jumps.wentTo(block.guestAddress, target);
        }
        predictTarget(block.guestAddress, target);
    }

    /** The plain indirect jump ending the block at block went to target, which its lookup did not find. */
    void jumpMissed(long block, long target) {
        jumps.wentTo(block, target);
    }

    private void predictTarget(long block, long target) {
        if (indirectTargets.size() >= COLD_BLOCKS) {
            indirectTargets.clear();
        }
        long[] seen = indirectTargets.computeIfAbsent(block, b -> new long[] {target, 0});
        if (seen[0] != target) {
            seen[0] = target;
            seen[1] = 0;
        }
        seen[1]++;
    }

    /**
     * Where the indirect call or jump ending the block at block has gone its last {@link #PREDICTED_AFTER} runs or
     * more, or 0 (see {@link InlinedCalls}): a PLT entry's first run goes to the dynamic linker's resolver, its later
     * ones to the function.
     */
    private long predictedTarget(long block) {
        long[] seen = indirectTargets.get(block);
        return seen != null && seen[1] >= PREDICTED_AFTER ? seen[0] : 0;
    }

    /** Translates the code at pc (installing its saved translation instead, if asked and there is one). */
    private long translate(long pc, Machine machine, boolean fromSaved) {
        int room = options.backend().regions() ? MAX_JUMP_REGION_BLOCKS : 1;
        if (trampolines.available() < MAX_EXITS_PER_BLOCK * room
                || !interruptPatches.hasRoom(MAX_INTERRUPT_SITES_PER_BLOCK * room)) {
            flush();
        }
        if (fromSaved && saved != null) {
            long address = installSaved(pc, machine);
            if (address != 0) {
                return address;
            }
        }
        Cold seen = cold.remove(pc);
        Cold c = seen != null ? seen : lifted(pc, machine);
        if (options.backend().regions()) {
            long searchStart = System.nanoTime();
            long liftedBefore = stats.liftNanos;
            List<IrBlock> loop = List.of();
            int inlined = 0;
            Set<Long> callees = Set.of();
            // Most blocks are in no loop, even if every call came back: no region, with calls inlined or without.
            boolean mayLoop = LoopRegions.loopsPastCalls(c.ir, target -> liftedOrNull(target, machine),
                    MAX_REGION_BLOCKS, jumps, MAX_JUMP_REGION_BLOCKS);
            boolean again = mayLoop; // (without inlining: the same blocks, so the same loop, when no call was inlined)
            if (options.inlineCalls() && mayLoop) {
                InlinedCalls calls = new InlinedCalls(target -> liftedOrNull(target, machine), this::predictedTarget);
                loop = LoopRegions.find(calls.entry(c.ir), calls, MAX_REGION_BLOCKS, jumps, MAX_JUMP_REGION_BLOCKS);
                inlined = calls.inlinedIn(loop);
                callees = calls.calleeBlocks();
                again = !callees.isEmpty();
                if (inlined > 0 && !calls.consistent(loop)) {
                    loop = List.of();
                    inlined = 0;
                    callees = Set.of();
                }
            }
            if (loop.isEmpty() && again) {
                loop = LoopRegions.find(c.ir, target -> liftedOrNull(target, machine), MAX_REGION_BLOCKS, jumps,
                        MAX_JUMP_REGION_BLOCKS);
            }
            stats.searchNanos += System.nanoTime() - searchStart - (stats.liftNanos - liftedBefore);
            if (!loop.isEmpty() && inJumpRegion(pc, loop)) {
                loop = List.of();
            }
            if (!loop.isEmpty()) {
                long address = translateRegion(pc, c, loop, callees, machine);
                if (address != 0) {
                    stats.inlinedCalls += inlined;
                    return address;
                }
            }
        }
        IrBlock ir = c.ir;
        if (saved != null) {
            saved.translating(pc); // (the passes change its IR)
        }
        long start = System.nanoTime();
        if (debugging) {
            debug("in_asm", () -> guestListing(c));
            debug("ir", () -> IrPrinter.print(ir));
        }
        pipeline.run(ir);
        long optimised = System.nanoTime();
        stats.passNanos += optimised - start;
        if (debugging) {
            debug("ir_opt", () -> IrPrinter.print(ir));
        }
        int firstSite = sites.size();
        CompiledBlock compiled = compiler(firstSite).compile(ir);
        Cold translated = c;
        if (compiled == null && c.ir.guestInstructions > SHORT_BLOCK) {
            // Too many live values for the spill area: a shorter block, which ends where the rest begins.
            translated = decodeAndLift(pc, machine, shortBlocks);
            IrBlock shorter = translated.ir;
            pipeline.run(shorter);
            compiled = compiler(firstSite).compile(shorter);
            stats.shortened++;
        }
        long address = placeBlock(pc, compiled, firstSite, optimised, translated);
        return address != 0 ? address : translate(pc, machine);
    }

    /**
     * Places a block's compiled code (or, if it did not compile: too many live values, code that leaves the whole
     * block to the interpreter); as {@link #place}.
     */
    private long placeBlock(long pc, CompiledBlock compiled, int firstSite, long optimised, Cold source) {
        if (compiled == null) {
            IrBlock fallback = new IrBlock(pc);
            fallback.add(new Inst(Op.EXIT_INTERPRET, Type.I64, pc, 0));
            compiled = compiler(firstSite).compile(fallback);
            stats.interpreted++;
        }
        stats.blocks++;
        return place(pc, compiled, optimised, false, Collections.singletonList(source));
    }

    /**
     * Translates a block of IR made elsewhere, not lifted from guest memory (the backend's IR-level tests): the
     * passes, the block compiler and placing, as for a lifted block; returns its code's address, 0 if the cache was
     * full (then flushed).
     */
    long translateIr(IrBlock ir) {
        long start = System.nanoTime();
        pipeline.run(ir);
        long optimised = System.nanoTime();
        stats.passNanos += optimised - start;
        int firstSite = sites.size();
        return placeBlock(ir.guestAddress, compiler(firstSite).compile(ir), firstSite, optimised, null);
    }

    /**
     * Whether the loop found for the block at pc goes through the plain indirect jump of a region (see {@link
     * #jumpRegions}) that pc does not head, and is not a quarter larger: that region runs the loop already.
     */
    private boolean inJumpRegion(long pc, List<IrBlock> loop) {
        for (IrBlock b : loop) {
            long[] region = jumpRegions.get(b.guestAddress);
            if (region != null && region[0] != pc && loop.size() < region[1] + Math.max(2, region[1] / 4)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Translates the region of blocks (the first at pc) as one unit, or returns 0 when it does not fit the
     * allocator (then the first block is translated on its own). The blocks are the lifted ones, left as they are:
     * each is copied before the passes run on it, so that it can still be translated on its own.
     */
    private long translateRegion(long pc, Cold first, List<IrBlock> blocks, Set<Long> callees, Machine machine) {
        long start = System.nanoTime();
        List<IrBlock> optimisedBlocks = new ArrayList<>();
        for (IrBlock b : blocks) {
            IrBlock copy = b.copy();
            pipeline.run(copy);
            optimisedBlocks.add(copy);
        }
        long optimised = System.nanoTime();
        stats.passNanos += optimised - start;
        if (debugging) {
            debug("ir_opt", () -> "region of " + blocks.size() + " blocks:\n"
                    + String.join("", optimisedBlocks.stream().map(IrPrinter::print).toList()));
        }
        Map<Long, long[]> jumpsInside = jumpsInside(blocks, callees);
        CompiledBlock compiled = compiler(sites.size()).compile(new IrRegion(optimisedBlocks, callees, jumpsInside));
        if (compiled == null) {
            stats.regionFallbacks++;
            return 0;
        }
        stats.regions++;
        stats.regionBlocks += blocks.size();
        boolean larger = false;
        for (long b : jumpsInside.keySet()) {
            long[] before = jumpRegions.put(b, new long[] {pc, blocks.size()});
            larger |= before != null && before[0] != pc;
        }
        if (larger) {
            stats.largerJumpRegions++;
        }
        List<Cold> sources = new ArrayList<>();
        for (IrBlock b : blocks) {
            sources.add(b.guestAddress == pc ? first : cold.get(b.guestAddress));
        }
        long address = place(pc, compiled, optimised, true, sources);
        return address != 0 ? address : translate(pc, machine);
    }

    /**
     * For each block that ends in a plain indirect jump: the blocks of the region it has gone to, the most frequent
     * first (the region was formed following them, see {@link LoopRegions}).
     */
    private Map<Long, long[]> jumpsInside(List<IrBlock> blocks, Set<Long> callees) {
        Set<Long> inside = new HashSet<>();
        for (IrBlock b : blocks) {
            if (!callees.contains(b.guestAddress)) {
                inside.add(b.guestAddress);
            }
        }
        Map<Long, long[]> out = new HashMap<>();
        for (IrBlock b : blocks) {
            if (LoopRegions.plainIndirect(b.terminator())) {
                long[] targets = java.util.Arrays.stream(jumps.of(b.guestAddress)).filter(inside::contains).toArray();
                if (targets.length > 0) {
                    out.put(b.guestAddress, targets);
                }
            }
        }
        return out;
    }

    /**
     * The block at pc, lifted (and kept for its translation), as a region may hold it: null where no block can be
     * decoded, and, when blocks run on the IR interpreter before their translation, where the block never ran (not
     * on the interpreter, not translated). So a region holds the paths its loop has taken (the others are its side
     * exits), and forming it lifts no code that never runs.
     */
    private IrBlock liftedOrNull(long pc, Machine machine) {
        Cold c = cold.get(pc);
        if (options.translateAfter() > 0 && lookup(pc) == 0 && (c == null || c.runs == 0)) {
            return null;
        }
        if (c == null) {
            try {
                c = lifted(pc, machine);
            } catch (RuntimeException notCode) { // a fetch outside mapped code: no block there
                return null;
            }
            if (cold.size() >= COLD_BLOCKS) {
                cold.clear();
            }
            cold.put(pc, c);
        }
        return c.ir;
    }

    private BlockCompiler compiler(int firstSite) {
        ExitTargets targets = new ExitTargets() {
            @Override
            public long translated(long target) {
                return options.chain() ? lookup(target) : 0;
            }

            @Override
            public long trampoline(int site) {
                return trampolines.allocate(site);
            }

            @Override
            public long predictionCell() {
                return predictions.allocate();
            }

            @Override
            public LoopEntry loop(long target) {
                return options.chain() ? loops.get(target) : null;
            }
        };
        return new BlockCompiler(layout, options.backend(), exitStub, mapping.address(), mapping.jumpCacheAddress(),
                targets, indirectHitCounter,
                budgetCounter, firstSite, options.debug().contains("out_asm"));
    }

    /**
     * Puts compiled code for guest pc in the cache, registers its sites and maps pc to it; returns its address, or 0
     * when the cache was full (it is flushed then, and the code is to be translated again). sources are the blocks
     * it was translated from (as decoded), for saving it.
     */
    private long place(long pc, CompiledBlock compiled, long optimised, boolean region, List<Cold> sources) {
        int size = compiled.code().offset();
        long address = cache.reserve(size, CodeCache.TRANSLATION_ALIGNMENT);
        if (address < 0) {
            flush();
            return 0;
        }
        AssembledCode code = compiled.code().finish(address);
        TranslatedCode.GuestCode guest = saved != null ? guestCode(sources) : null;
        TranslatedCode t = TranslatedCode.of(pc, region, compiled, code, guest);
        install(t, address);
        if (guest != null) {
            if (t.movable(code, address, externals)) {
                saved.add(t);
            } else {
                stats.unsaved++;
            }
        }
        stats.codegenNanos += System.nanoTime() - optimised;
        if (debugging) {
            debug("out_asm", () -> String.format("host code at 0x%x, %d bytes:%n", address, size)
                    + String.join("\n", ListingEntry.lines(compiled.code().listing(), code)) + "\n");
        }
        return address;
    }

    /**
     * Installs the saved translation of pc if guest memory holds the code it was made from: its code placed and
     * relocated, with fresh trampolines and prediction cells, jumping into the loops it was compiled against (each
     * installed first if it is saved too) if they are there with the same homes; returns its address, or 0 (none,
     * not this code, not those loops, or no room: then pc is translated).
     */
    private long installSaved(long pc, Machine machine) {
        if (!installing.add(pc)) {
            return 0;
        }
        try {
            return installSavedCode(pc, machine);
        } finally {
            installing.remove(pc);
        }
    }

    private long installSavedCode(long pc, Machine machine) {
        TranslatedCode t = saved.find(pc, codeReader);
        if (t == null) {
            return 0;
        }
        long generationBefore = generation;
        long[] cells = new long[t.predictions().size()];
        for (int k = 0; k < cells.length; k++) {
            cells[k] = predictions.allocate();
            if (cells[k] == 0) {
                return 0; // (no cell left until the next flush: the cells taken are unused until then)
            }
        }
        long address = cache.reserve(t.code().length, CodeCache.TRANSLATION_ALIGNMENT);
        if (address < 0) {
            flush();
            return 0;
        }
        // Where its loop will be, for a loop it jumps into (installed first) that jumps into it too.
        if (t.loopEntry() != null) {
            placing.put(pc, new Placing(t.loopEntry().at(address)));
        }
        long done = 0;
        try {
            done = placeSaved(t, address, machine, generationBefore, cells);
            return done;
        } finally {
            Placing p = t.loopEntry() == null ? null : placing.remove(pc);
            if (done == 0 && p != null && p.bridged) {
                flush(); // (code installed meanwhile jumps to where this one is not: rare, and then nothing stays)
            }
        }
    }

    /** The rest of installSavedCode: t's loops found or installed, its code relocated to address and installed. */
    private long placeSaved(TranslatedCode t, long address, Machine machine, long generationBefore, long[] cells) {
        long[] loopTops = new long[t.bridgedLoops().size()];
        for (int k = 0; k < loopTops.length; k++) {
            BridgedLoop b = t.bridgedLoops().get(k);
            if (!loops.containsKey(b.pc()) && !placing.containsKey(b.pc()) && lookup(b.pc()) == 0
                    && saved.has(b.pc())) {
                installSaved(b.pc(), machine); // (the loop it jumps into, as saved, if it is not there yet)
            }
            Placing p = placing.get(b.pc());
            LoopEntry now = p != null ? p.entry : loops.get(b.pc());
            if (!b.sameHomes(now)) {
                return 0;
            }
            if (p != null) {
                p.bridged = true;
            }
            loopTops[k] = now.loopTop();
        }
        if (generation != generationBefore || t.exits().size() > trampolines.available()) {
            return 0;
        }
        long[] jumps = new long[t.exits().size()];
        for (int k = 0; k < jumps.length; k++) {
            jumps[k] = trampolines.allocate(sites.size() + k);
        }
        TranslatedCode relocated = t.relocate(address, externals, jumps, cells, loopTops);
        if (relocated == null) {
            return 0; // (its trampolines and cells stay unused until the next flush)
        }
        install(relocated, address);
        // Its exits go to trampolines now, also those that went straight to code when it was compiled; linking them
        // is no reason to translate it again to enter a loop: it was made knowing the loops of the run that saved it.
        retranslated.add(t.pc());
        stats.savedInstalled++;
        return address;
    }

    /** Writes the translation's code at address, registers its sites and maps its guest address to it. */
    private void install(TranslatedCode t, long address) {
        byte[] bytes = t.code();
        cache.write(address, bytes);
        for (TranslatedCode.Exit e : t.exits()) {
            sites.add(new Site(address + e.rel32Offset(), e.target(), e.trampoline(), e.source(), t.pc()));
        }
        for (TranslatedCode.Prediction p : t.predictions()) {
            predictions.place(p.cell(), address + p.checkOffset(), address + p.plainLookupOffset());
        }
        for (TranslatedCode.Interrupt s : t.interrupts()) {
            long site = address + s.offset();
            long normal = 0;
            for (int b = s.width() - 1; b >= 0; b--) {
                normal = normal << 8 | (bytes[s.offset() + b] & 0xff);
            }
            interruptPatches.add(cache.writableAddress(site), s.width(),
                    InterruptSite.interrupted(address, s.offset(), s.width(), s.exitOffset()), normal);
        }
        for (TranslatedCode.Fault f : t.faults()) {
            HostFaults.add(address + f.accessOffset(), address + f.recoveryOffset());
            faultSites.add(address + f.accessOffset());
        }
        mapping.put(t.pc(), address);
        placed.add(new long[] {t.pc(), address});
        PerfMap.record(address, bytes.length, t.pc(), t.region());
        if (t.loopEntry() != null) {
            loops.put(t.pc(), t.loopEntry().at(address));
        }
        stats.guestInstructions += t.guestInstructions();
        stats.hostBytes += bytes.length;
    }

    /** The guest code the blocks were decoded from, together; null if one is not known or not all code. */
    private static TranslatedCode.GuestCode guestCode(List<Cold> sources) {
        List<TranslatedCode.GuestCode> parts = new ArrayList<>();
        for (Cold c : sources) {
            TranslatedCode.GuestCode g = c == null ? null : c.guest();
            if (g == null) {
                return null;
            }
            parts.add(g);
        }
        return TranslatedCode.GuestCode.concat(parts);
    }

    /**
     * Leaves as a failed inline lookup does (the target in rax): where a fresh prediction cell sends its hits, and an
     * empty entry of the jump cache.
     */
    private static long indirectMissStub(CodeCache cache, StateLayout layout, long exitStub) {
        Assembler a = new Assembler();
        a.mov(Mem.q(Gp.R15, layout.pcOffset()), Gp.RAX);
        a.mov(Mem.q(Gp.R15, layout.exitInfoOffset()), 0); // (no block to profile: see ExitLowering#lookup)
        a.mov(Gp.EAX, ExitReason.INDIRECT);
        a.jmpAbsolute(exitStub);
        long address = cache.reserve(a.offset());
        cache.write(address, a.finish(address).bytes());
        PerfMap.record(address, a.offset(), "dbt-indirect-miss");
        return address;
    }

    /** Prints one -d item (callers test {@link #debugging} first, so that no text is built for nobody). */
    private void debug(String what, java.util.function.Supplier<String> text) {
        if (options.debug().contains(what)) {
            debugOut.println("---- " + what);
            debugOut.print(text.get());
        }
    }

    /** The guest instructions the block's IR holds, disassembled, and the one it stops at if it is left out. */
    private String guestListing(Cold c) {
        Set<Long> lifted = new HashSet<>();
        for (Inst i : c.ir.insts) {
            if (i.op == Op.GUEST_PC || i.op == Op.EXIT_INTERPRET) {
                lifted.add(i.aux);
            }
        }
        Disassembler printer = new Disassembler(decoder.model());
        StringBuilder sb = new StringBuilder();
        for (BlockDecoder.Block block : c.decoded) {
            for (BlockDecoder.Decoded d : block.instructions()) {
                if (lifted.remove(d.address())) {
                    sb.append(String.format("0x%x:  %s%n", d.address(), printer.print(d.instruction(), d.word(), d.address())));
                }
            }
        }
        BlockDecoder.Block last = c.decoded.getLast();
        if (c.ir.terminator().op == Op.EXIT_ILLEGAL && last.stop() == BlockDecoder.Stop.UNDECODABLE) {
            sb.append(String.format("0x%x:  (undecodable 0x%x)%n", last.stopAddress(), last.stopWord()));
        }
        return sb.toString();
    }
}
