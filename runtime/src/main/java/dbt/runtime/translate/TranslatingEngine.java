package dbt.runtime.translate;

import dbt.frontend.GuestMachine;
import dbt.frontend.GuestState;
import dbt.ir.GuestFault;
import dbt.ir.IrBlock;
import dbt.ir.IrInterpreter;
import dbt.ir.Op;
import dbt.ir.Routine;
import dbt.ir.fp.FloatBuiltins;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.exec.NativeMemory;
import dbt.isa.interp.Execution;
import dbt.isa.interp.Interpreter;
import dbt.x86.backend.ExitReason;
import dbt.x86.backend.StateLayout;
import dbt.x86.backend.StatsCounters;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Translation as an engine: runs translated code, and between its exits links blocks (patching a direct jump
 * once its target is translated), translates indirect targets the inline lookup missed, and runs on the reference
 * interpreter the single instructions the translator left to it. A block's first runs, before it is translated,
 * are on the IR interpreter (see {@code Translator.coldRun}); such a run ends as translated code would, so the
 * same exit handling follows it. Returns to the dispatcher only for system calls, fence.i, breakpoints and illegal
 * instructions.
 */
public final class TranslatingEngine implements dbt.runtime.Engine {
    private static final long CODE_CACHE_BYTES = 64L << 20;
    /** How a block run on the IR interpreter ends when it goes on to another block: at the pc in the state. */
    private static final int NEXT_BLOCK = -1;

    private final GuestMachine machine;
    private final GuestState state;
    private final TranslationOptions options;
    private final CodeCache cache = new CodeCache(CODE_CACHE_BYTES);
    private final MappingTable mapping = new MappingTable();
    private final InterruptPatches interruptPatches = new InterruptPatches();
    private final EntryStub entry;
    private final Translator translator;
    private final InstructionDecoder decoder;
    /** Created on first need: Truffle's start-up is kept off the path of programs that never need it. */
    private Interpreter interpreter;
    private final Execution execution = new Execution();
    private final IrInterpreter irInterpreter;
    private final FloatState floatState;
    /** When {@link #codeFor} returns 0: the lifted block to run on the IR interpreter. */
    private IrBlock coldBlock;
    private final TranslationStats stats = new TranslationStats();
    private final SavedTranslations saved;
    /** See {@link StatsCounters}. */
    private final MemorySegment statsCounters;
    private final MemorySegment budget;
    private final long window;
    /** r13 in translated code without host faults: the page-permission table (with them, r13 is allocatable). */
    private final long memoryCheck;
    private long illegalWord;
    private int illegalLength;

    public TranslatingEngine(InstructionDecoder decoder, GuestMachine machine, TranslationOptions options,
                             PrintStream debugOut) {
        this(decoder, machine, options, debugOut, null, null);
    }

    /**
     * An engine that installs the translations saved by earlier runs, and saves its own, in saved (if not null), and
     * runs the C library functions that routines (if not null) finds as host routines.
     */
    public TranslatingEngine(InstructionDecoder decoder, GuestMachine machine, TranslationOptions options,
                             PrintStream debugOut, SavedTranslations saved, GuestRoutines routines) {
        this.saved = saved;
        this.machine = machine;
        this.state = machine.state();
        if (options.backend().hostFaults() && !HostFaults.install()) {
            options = options.withSoftwareMemoryChecks();
        }
        options = options.withPinned(PinnedChoice.of(decoder.model(), options.backend().pinned()));
        this.options = options;
        this.decoder = decoder;
        this.floatState = new FloatState(decoder.model(), state);
        this.irInterpreter = new IrInterpreter(floatState.csrs());
        java.util.Map<Integer, dbt.x86.asm.Gp> pinned = new java.util.LinkedHashMap<>();
        options.backend().pinnedHosts().forEach((index, host) -> pinned.put(state.registerOffset(0, index), host));
        this.entry = new EntryStub(cache, state.mxcsrOffset(), state.hostStackOffset(), pinned);
        this.window = machine.memory().base();
        this.memoryCheck = options.backend().hostFaults() ? 0 : machine.memory().permissionTable().address();
        this.statsCounters = Arena.ofAuto().allocate(StatsCounters.SIZE, 8).fill((byte) 0);
        this.budget = Arena.ofAuto().allocate(8, 8).fill((byte) 0);
        this.translator = new Translator(decoder, layout(state), options, cache, mapping, interruptPatches, entry.exitAddress(),
                options.stats() ? statsCounters.address() : 0, options.budgeted() ? budget.address() : 0, stats, debugOut,
                saved, machine.memory()::holdsCode, options.hostRoutines() && options.backend().hostFaults() ? routines
                : null);
    }

    /** Where translated code finds each part of state (offsets from r15). */
    static StateLayout layout(GuestState state) {
        int[] files = new int[state.registerFileCount()];
        for (int f = 0; f < files.length; f++) {
            files[f] = state.registerOffset(f, 0);
        }
        return new StateLayout(files, state.pcOffset(), state.reservationOffset(), state.reservedValueOffset(),
                state.exitInfoOffset(), state.csrSlots() > 0 ? state.csrOffset(0) : 0, state.floatScratchOffset(),
                state.interruptOffset(), state.hostStackOffset());
    }

    /**
     * Runs until the dispatcher is needed. The thread is in {@link InterruptPatches}' table meanwhile, so that a
     * signal for it rewrites its code to leave; once out of translated code, it writes its code back and returns if
     * it is still asked to.
     */
    @Override
    public Execution.Exit run() {
        interruptPatches.enter();
        try {
            return runInTable();
        } finally {
            interruptPatches.leave();
        }
    }

    private Execution.Exit runInTable() {
        if (state.interruptRequested()) {
            restoreInterruptSites();
            return Execution.Exit.CONTINUE;
        }
        long code = codeFor(state.pc());
        while (true) {
            if (interruptPatches.rewritten()) {
                restoreInterruptSites();
                if (state.interruptRequested()) {
                    return Execution.Exit.CONTINUE;
                }
            }
            int reason;
            int mxcsr = code != 0 ? floatState.guestMxcsr() : 0;
            if (code != 0 && mxcsr < 0) {
                // A rounding mode x86 does not have, or none: the interpreter runs the guest, an instruction at a
                // time, counted against the budget as translated blocks are.
                if (options.budgeted() && spendBudget()) {
                    return Execution.Exit.CONTINUE;
                }
                reason = ExitReason.INTERPRET;
            } else if (code != 0) {
                state.setMxcsr(mxcsr);
                reason = entry.enter(state.address(), window, memoryCheck, code);
                floatState.accrueHostFlags(state.mxcsr());
                stats.exits[reason]++;
            } else {
                reason = runCold();
            }
            switch (reason) {
                case ExitReason.CHAIN -> {
                    Translator.Site site = translator.site((int) state.exitInfo());
                    long generation = translator.generation();
                    state.setPc(site.target());
                    code = codeFor(site.target());
                    if (code != 0 && options.chain() && translator.generation() == generation) {
                        cache.patchRel32(site.rel32Address(), translator.entryFrom(site, code));
                        translator.linked(site, machine);
                        stats.chainPatches++;
                    }
                }
                case ExitReason.INDIRECT -> {
                    if (state.exitInfo() != 0) { // (a plain indirect jump's block, whose lookup failed)
                        translator.jumpMissed(state.exitInfo(), state.pc());
                    }
                    code = codeFor(state.pc());
                }
                case NEXT_BLOCK -> {
                    if (state.interruptRequested()) {
                        return Execution.Exit.CONTINUE;
                    }
                    code = codeFor(state.pc());
                }
                case ExitReason.PREDICTION_OFF -> {
                    translator.predictionOff(state.exitInfo());
                    code = codeFor(state.pc());
                }
                case ExitReason.INTERPRET -> {
                    stats.interpretedInstructions++;
                    Execution.Exit e = stepInstruction();
                    if (e != Execution.Exit.CONTINUE) {
                        illegalWord = execution.illegalWord();
                        illegalLength = execution.illegalLength();
                        return e;
                    }
                    code = codeFor(state.pc());
                }
                case ExitReason.SYSCALL -> {
                    return Execution.Exit.SYSCALL;
                }
                case ExitReason.FENCE_I -> {
                    return Execution.Exit.FENCE_I;
                }
                case ExitReason.BREAKPOINT -> {
                    return Execution.Exit.BREAKPOINT;
                }
                case ExitReason.BUDGET -> {
                    return Execution.Exit.CONTINUE;
                }
                case ExitReason.INTERRUPT -> {
                    // Sites rewritten by a signal since handled (or still to be): the loop's top decides.
                    code = codeFor(state.pc());
                }
                case ExitReason.ILLEGAL -> {
                    // The interpreter knows what the bits were; it stops on them too.
                    Execution.Exit e = interpreter().stepInstruction(machine, execution);
                    illegalWord = execution.illegalWord();
                    illegalLength = execution.illegalLength();
                    return e;
                }
                default -> throw new IllegalStateException("translated code exited with reason " + reason);
            }
        }
    }

    private void restoreInterruptSites() {
        if (interruptPatches.rewritten()) {
            interruptPatches.restore();
        }
    }

    /** The host code for the block at pc, translated now if needed; or 0: run {@link #coldBlock} instead. */
    private long codeFor(long pc) {
        long host = translator.lookup(pc);
        if (host != 0) {
            return host;
        }
        coldBlock = translator.coldRun(pc, machine);
        return coldBlock != null ? 0 : translator.codeFor(pc, machine);
    }

    /**
     * Runs {@link #coldBlock} on the IR interpreter and ends it as its translation would end: the pc in the state
     * and the exit reason. A guest fault leaves the pc on the faulting instruction, to run again alone and raise
     * ({@link #stepInstruction}); that instruction has written no register yet as long as its semantics access memory
     * before they write registers, as both shipped ISAs' do (the check's ir-first configuration compares the state
     * after faults with the reference interpreter's).
     */
    private int runCold() {
        long start = System.nanoTime();
        try {
            state.setPc(irInterpreter.runNumbered(coldBlock, machine));
        } catch (GuestFault | FloatBuiltins.BadRoundingMode | IrInterpreter.MemoryChanged | Routine.Declined f) {
            return ExitReason.INTERPRET;
        } finally {
            stats.coldNanos += System.nanoTime() - start;
        }
        if (irInterpreter.lastExit == Op.EXIT_INDIRECT && !coldBlock.terminator().isReturn()) {
            translator.wentTo(coldBlock, state.pc()); // (profiles for inlining calls and for regions)
        }
        return switch (irInterpreter.lastExit) {
            case EXIT_JUMP, EXIT_BRANCH, EXIT_INDIRECT -> NEXT_BLOCK;
            case EXIT_SYSCALL -> ExitReason.SYSCALL;
            case EXIT_INTERPRET -> ExitReason.INTERPRET;
            case EXIT_ILLEGAL -> ExitReason.ILLEGAL;
            case EXIT_BREAKPOINT -> ExitReason.BREAKPOINT;
            case EXIT_FENCE_I -> ExitReason.FENCE_I;
            default -> throw new IllegalStateException("block ended by " + irInterpreter.lastExit);
        };
    }

    /**
     * Runs the instruction at the pc, which translated code left to an interpreter (a float result it does not make
     * itself, a rounding mode x86 lacks, an access its cold path checks again, a block with too many live values):
     * lifted alone, on the IR interpreter, which runs cold blocks and is warm; the reference interpreter (whose
     * Truffle start-up, about 200 ms on 2 cores, programs then pay only when they need it) takes the instructions the
     * IR interpreter declines, and undecodable ones, whose bits it reports. A guest fault leaves as from
     * {@link #runCold}.
     */
    private Execution.Exit stepInstruction() {
        IrBlock one = translator.singleInstruction(state.pc(), machine);
        long start = System.nanoTime();
        try {
            long next = irInterpreter.runNumbered(one, machine);
            Execution.Exit exit = switch (irInterpreter.lastExit) {
                case EXIT_JUMP, EXIT_BRANCH, EXIT_INDIRECT -> Execution.Exit.CONTINUE;
                case EXIT_SYSCALL -> Execution.Exit.SYSCALL;
                case EXIT_BREAKPOINT -> Execution.Exit.BREAKPOINT;
                case EXIT_FENCE_I -> Execution.Exit.FENCE_I;
                default -> null; // (EXIT_INTERPRET, EXIT_ILLEGAL: before the instruction did anything)
            };
            if (exit != null) {
                state.setPc(next);
                return exit;
            }
        } catch (FloatBuiltins.BadRoundingMode | IrInterpreter.MemoryChanged declined) {
            // (before the instruction wrote anything: the reference interpreter runs it)
        } finally {
            stats.coldNanos += System.nanoTime() - start;
        }
        stats.referenceInstructions++;
        return interpreter().stepInstruction(machine, execution);
    }

    /** Instructions left to an interpreter that the reference interpreter ran (see {@link #stepInstruction}). */
    long referenceInstructions() {
        return stats.referenceInstructions;
    }

    private Interpreter interpreter() {
        if (interpreter == null) {
            interpreter = new Interpreter(decoder);
        }
        return interpreter;
    }

    /** Takes one from the budget; true when there was none left. */
    private boolean spendBudget() {
        long left = NativeMemory.getLong(budget, 0);
        if (left <= 0) {
            return true;
        }
        NativeMemory.putLong(budget, 0, left - 1);
        return false;
    }

    /**
     * In budgeted code, lets about blocks more blocks run before {@link #run} returns CONTINUE (the count is of
     * block entries and loop iterations; blocks run by the interpreter are not counted).
     */
    public void setBudget(long blocks) {
        NativeMemory.putLong(budget, 0, blocks);
    }

    @Override
    public void invalidate() {
        translator.flush();
        if (interpreter != null) {
            interpreter.invalidate();
        }
    }

    @Override
    public long illegalWord() {
        return illegalWord;
    }

    @Override
    public int illegalLength() {
        return illegalLength;
    }

    /**
     * Guest instructions run in translated code (counted per block entered, only with stats on): in blocks' and
     * self-loops' code, and in regions' code.
     */
    public record InstructionsRun(long inBlocks, long inRegions) {}

    /** The guest instructions run in translated code so far (see {@link InstructionsRun}). */
    public InstructionsRun instructionsRun() {
        return new InstructionsRun(NativeMemory.getLong(statsCounters, StatsCounters.RUN_IN_BLOCKS),
                NativeMemory.getLong(statsCounters, StatsCounters.RUN_IN_REGIONS));
    }

    @Override
    public void printStats(PrintStream out) {
        stats.print(out, statsCounters, translator.trampolinesHandedOut(), translator.trampolinesReused(),
                translator.untranslated(), saved);
    }
}
