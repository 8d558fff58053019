package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.x86.asm.Assembler;
import dbt.x86.asm.Cond;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Label;
import dbt.x86.asm.Mem;
import dbt.x86.asm.PatchSite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Instruction selection and emission for one block: IR in, x86-64 out.
 *
 * <p>Invariants of the emitted code. r15 holds the guest state, r14 the base of the guest window, r13 the memory
 * check's operand (below); rsp points at 32 spill slots. Every IR value sits zero-extended in a 64-bit register or
 * slot. Guest memory is reached only at r14 + address, after the address was checked to be below the window's size
 * (so the access stays inside the window and its guard). With host faults (the default) r13 holds that size and
 * that is the
 * whole inline check: the window's host protection mirrors the guest's, and each access is a {@link FaultSite}
 * whose host fault the runtime's handler redirects to the access's cold path. Without them r13 is the page
 * permission table and the check also tests the page and that the access does not cross into the next one. Either
 * way a refused access leaves through a cold path that writes back guest registers and asks the dispatcher to run
 * the instruction on the interpreter, which then faults exactly as the guest would. Division is guarded: apart from
 * guest memory accesses with host faults on, no instruction emitted here can trap.
 *
 * <p>With register mapping on, a guest register write only binds the register to a value; bound values are
 * written back once, at the exit (and on cold paths). A block that branches to itself keeps its guest registers in
 * host registers across iterations (seed 000's mapped registers): the back edge moves each written value into the
 * register its next iteration reads, and jumps over the loads.
 */
public final class BlockCompiler {
    /** Pages of the guest window (GuestMemory.WINDOW_SIZE, 128 GiB): the permission and mapping tables' bound. */
    public static final long WINDOW_PAGES = 1L << 25;
    static final int PERM_READ = 1;
    static final int PERM_WRITE = 2;

    private final StateLayout layout;
    private final BackendOptions options;
    private final long exitStub;
    private final long mappingTable;
    private final ExitTargets targets;
    private final long indirectHitCounter;
    private final long budgetCounter;
    private final int firstSite;
    private final Assembler a;
    private final List<ExitSite> exits = new ArrayList<>();
    private final List<FaultSite> faultSites = new ArrayList<>();
    private final List<PredictionSite> predictions = new ArrayList<>();
    private RegisterAllocator alloc;
    private final FloatLowering floats;
    /** The index of the instruction being emitted. */
    private int position;
    /** See {@link #signedLoads}. */
    private Map<Inst, Inst> signedLoads = Map.of();
    /** Comparisons whose only use is the condition of a SELECT: a compare and a cmov, no boolean (see below). */
    private java.util.Set<Inst> selectCompares = java.util.Set.of();
    /** Guest register reads that float ops load from the state themselves (see FloatLowering.floatReads). */
    private java.util.Set<Inst> floatReads = java.util.Set.of();
    /** Guest register (file << 32 | index) → value now bound to it (mapped mode). */
    private final Map<Long, Inst> bindings = new LinkedHashMap<>();
    private final List<Runnable> coldPaths = new ArrayList<>();
    private long guestPc;
    private Label loopTop;
    /** Where a self-loop's back edge goes: loopTop, or the loop proper after a peeled first iteration. */
    private Label backEdge;
    /**
     * Where the back edge goes instead when the thread is interrupted (null without signal checks): a cold path with
     * the bindings of the back edge's target.
     */
    private Label backEdgeInterrupted;
    private final List<InterruptSite> interruptSites = new ArrayList<>();
    private final Map<Long, Inst> loopReads = new HashMap<>();
    /** Narrow homes of a self-loop: register read at the top → the 32-bit value its back edge carries instead. */
    private final Map<Inst, Inst> narrowCarry = new IdentityHashMap<>();
    /**
     * The carriers of narrow homes, which the body's last write of each such register binds instead of their sign
     * extension: written back to the state, they are sign-extended from their low half (as the homes are).
     */
    private final java.util.Set<Inst> narrowWrites = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** Narrow homes whose carrier is also stored elsewhere: register read at the top → the extension, bound. */
    private final Map<Inst, Inst> narrowValue = new IdentityHashMap<>();
    /** Truncations to 32 bits whose users all read only the low 32 bits: they are their operand's register. */
    private java.util.Set<Inst> narrowViews = java.util.Set.of();
    /** Masks of shift counts that x86 applies itself, and truncations feeding only them: never computed. */
    private java.util.Set<Inst> shiftCounts = java.util.Set.of();

    /**
     * @param exitStub     host address of the exit stub (translated code jumps there with rax = exit reason)
     * @param mappingTable host address of the guest-pc → host-code table (two levels, see {@code MappingTable})
     * @param targets      where direct exits go: translated code, or a trampoline of the runtime's
     * @param indirectHitCounter host address of two counters, inline indirect-lookup hits and prediction hits, or 0
     *                     for none
     * @param budgetCounter host address of a count of blocks still allowed to run, or 0 for no limit: each block
     *                     entry (and loop iteration) decrements it and exits with BUDGET when it runs out
     * @param firstSite    the number the runtime gives this block's first direct exit (left in the state's
     *                     exit-information slot when that exit asks to be linked)
     * @param listing      keep a listing of the host code (for -d out_asm)
     */
    public BlockCompiler(StateLayout layout, BackendOptions options, long exitStub, long mappingTable,
                         ExitTargets targets, long indirectHitCounter, long budgetCounter, int firstSite,
                         boolean listing) {
        this.a = new Assembler(listing);
        this.budgetCounter = budgetCounter;
        this.firstSite = firstSite;
        this.indirectHitCounter = indirectHitCounter;
        this.layout = layout;
        this.options = options;
        this.exitStub = exitStub;
        this.mappingTable = mappingTable;
        this.targets = targets;
        this.floats = new FloatLowering(a, new FloatLowering.Values() {
            @Override
            public Gp use(Inst v, Gp scratch) {
                return BlockCompiler.this.use(v, scratch);
            }

            @Override
            public Gp target(Inst i) {
                return BlockCompiler.this.target(i);
            }

            @Override
            public void finish(Inst i, Gp computed) {
                BlockCompiler.this.finish(i, computed);
            }

            @Override
            public Label coldInterpret(Runnable prologue) {
                return BlockCompiler.this.coldInterpret(prologue);
            }

            @Override
            public void coldPath(Runnable emit) {
                coldPaths.add(emit);
            }

            @Override
            public boolean usedLater(Inst v) {
                return alloc.lastUse.getOrDefault(v, -1) > position;
            }

            @Override
            public Mem stateOf(Inst v) {
                return floatReads.contains(v) ? Mem.q(Gp.R15, layout.register(v.aux, v.aux2)) : null;
            }
        }, layout);
    }

    /** Compiles the block, or returns null when it needs more spill slots than there are. */
    public CompiledBlock compile(IrBlock block) {
        loopAddress = block.guestAddress;
        boolean loop = options.mapRegisters() && options.loops() && selfLoop(block);
        List<Inst> carried = List.of();
        if (loop) {
            carried = carryWrittenRegisters(block);
            hoistRegisterReads(block);
        }
        // In a loop, a register read at the top holds the register's value until the body writes it again:
        // a cold path before that write must write it back, so it lives until the last such path.
        Map<Inst, Integer> extraUses = new IdentityHashMap<>();
        Map<Long, Integer> firstWrite = new HashMap<>();
        if (loop) {
            for (int k = 0; k < block.insts.size(); k++) {
                Inst i = block.insts.get(k);
                if (i.op == Op.SET_REG) {
                    firstWrite.putIfAbsent(key(i), k);
                }
            }
            for (Inst i : block.insts) {
                if (i.op == Op.GET_REG && !firstWrite.containsKey(key(i))) {
                    // Read but never written: the next iteration reads it again from the same register.
                    extraUses.put(i, block.insts.size() - 1);
                }
                Integer write = i.op == Op.GET_REG ? firstWrite.get(key(i)) : null;
                // Only a cold path (a checked memory access) before the write can need the old value.
                int access = write == null ? -1 : lastAccessBefore(block.insts, write);
                if (access >= 0) {
                    extraUses.put(i, access);
                }
            }
        }
        narrowViews = narrowViews(block);
        shiftCounts = shiftCounts(block);
        java.util.Set<Inst> foldedIntoUses = foldableAddresses(block);
        foldedIntoUses.addAll(narrowViews);
        foldedIntoUses.addAll(shiftCounts);
        java.util.Set<Inst> xmmOnly = FloatLowering.xmmOnly(block);
        foldedIntoUses.addAll(xmmOnly);
        floats.keepInXmm(xmmOnly);
        // Outside self-loops (whose reads stay in host registers across iterations), a guest register read only by
        // float ops is loaded straight into an xmm register from the state, which holds it all through the block
        // (register writes only bind until the block's exits).
        floatReads = loop || !options.mapRegisters() ? java.util.Set.of() : FloatLowering.floatReads(block);
        foldedIntoUses.addAll(floatReads);
        selectCompares = options.fuseCompares() ? selectCompares(block) : java.util.Set.of();
        foldedIntoUses.addAll(selectCompares);
        if (loop) {
            narrowCarries(block, extraUses);
        }
        signedLoads = signedLoads(block);
        foldedIntoUses.addAll(signedLoads.values());
        int top = 0;
        while (top < block.insts.size() && block.insts.get(top).op == Op.GET_REG) {
            top++;
        }
        for (Inst g : carried) {
            extraUses.merge(g, top, Math::max); // its home holds the carried value at the loop top
        }
        alloc = new RegisterAllocator(foldedIntoUses, options.fuseCompares());
        if (!alloc.allocate(block, options.mapRegisters(), extraUses)) {
            return null;
        }
        int k = 0;
        if (options.signalChecks()) {
            interruptSites.add(new InterruptSite(0, InterruptSite.ENTRY_WIDTH, interruptExit(block.guestAddress)));
            a.nop(InterruptSite.ENTRY_WIDTH);
        }
        if (!loop) {
            checkBudget(block.guestAddress);
        }
        if (loop) {
            for (; k < block.insts.size() && block.insts.get(k).op == Op.GET_REG; k++) {
                Inst g = block.insts.get(k);
                emit(g);
                if (loc(g) != null) {
                    loopReads.putIfAbsent(key(g), g); // a dead duplicate read (no location) holds nothing
                }
            }
            a.align(32);
            loopTop = a.newLabel();
            a.bind(loopTop);
            floats.forget();
            note("loop:");
            // A register the body writes can hold a value the state does not have yet (it was bridged in, or this
            // is a later iteration). Not a narrow home: on the first iteration the state has its value (see
            // narrowCarries).
            bindLoopReads(firstWrite, false);
            checkBudget(block.guestAddress);
            backEdgeInterrupted = options.signalChecks() ? a.newLabel() : null;
            if (backEdgeInterrupted != null && narrowCarry.isEmpty()) {
                leaveBeforeBlock(backEdgeInterrupted, block.guestAddress, ExitReason.INTERRUPT);
            }
        }
        backEdge = loopTop;
        int body = k;
        if (loop && !narrowCarry.isEmpty()) {
            // Peeled: the first iteration, then the loop proper, where the narrow homes are bound too.
            backEdge = a.newLabel();
            emitBody(block, body);
            a.bind(backEdge);
            floats.forget();
            note("loop, after the first iteration:");
            bindings.clear();
            bindLoopReads(firstWrite, true);
            checkBudget(block.guestAddress);
            if (backEdgeInterrupted != null) {
                leaveBeforeBlock(backEdgeInterrupted, block.guestAddress, ExitReason.INTERRUPT);
            }
        }
        emitBody(block, body);
        for (Runnable r : coldPaths) {
            r.run();
        }
        return new CompiledBlock(a, exits, faultSites, loopEntry(), predictions, interruptSites,
                block.guestInstructions);
    }

    private void emitBody(IrBlock block, int from) {
        guestPc = block.guestAddress;
        for (int k = from; k < block.insts.size(); k++) {
            position = k;
            emit(block.insts.get(k));
        }
    }

    /** At a loop top: binds each register the body writes to its read there (narrow homes only if narrow). */
    private void bindLoopReads(Map<Long, Integer> firstWrite, boolean narrow) {
        for (Inst g : loopReads.values()) {
            if (firstWrite.containsKey(key(g)) && loc(g) != null && (narrow || !narrowCarry.containsKey(g))) {
                bindings.put(key(g), g);
            }
        }
    }

    /** A block that jumps to itself, and whose register reads all see the block's entry values (hoistable). */
    private boolean selfLoop(IrBlock block) {
        Inst t = block.terminator();
        boolean toSelf = t != null && (t.op == Op.EXIT_JUMP || t.op == Op.EXIT_BRANCH)
                && (t.aux == block.guestAddress || (t.op == Op.EXIT_BRANCH && t.aux2 == block.guestAddress));
        if (!toSelf) {
            return false;
        }
        java.util.Set<Long> written = new java.util.HashSet<>();
        for (Inst i : block.insts) {
            if (i.op == Op.SET_REG) {
                written.add(key(i));
            } else if (i.op == Op.GET_REG && written.contains(key(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Finds the narrow homes of a self-loop. A register whose last write in the body is {@code sext.i64(n)} of a
     * 32-bit n, and whose read at the top only ever serves readers of its low 32 bits (truncations, and masks with
     * a constant below 2^31), needs no sign extension on the loop-carried path: the back edge carries n itself
     * (RV64's addw/subw/sext.w counters and accumulators then cost one instruction less per iteration of latency).
     * From the second iteration on such a home holds n zero-extended, so it is never written back as it is: the
     * exit and the cold paths write sext(low half). On the first iteration the home holds the register's full
     * value, which need not be a sign-extended 32-bit one, and the state has it: so a loop with narrow homes is
     * peeled. Its first iteration leaves the narrow homes out of the bindings (cold paths before the write leave
     * the state alone: a block that bridges into the loop has written its values back first), and the loop proper
     * binds them.
     */
    private void narrowCarries(IrBlock block, Map<Inst, Integer> extraUses) {
        Map<Long, Inst> lastWrite = new HashMap<>();
        List<Inst> insts = block.insts;
        for (Inst i : insts) {
            if (i.op == Op.SET_REG) {
                lastWrite.put(key(i), i);
            }
        }
        java.util.Set<Inst> wide = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Inst i : insts) {
            for (Inst o : i.operands) {
                if (o.op == Op.GET_REG && !readsOnlyLow32(i)) {
                    wide.add(o);
                }
            }
        }
        for (int k = 0; k < insts.size() && insts.get(k).op == Op.GET_REG; k++) {
            Inst g = insts.get(k);
            Inst write = lastWrite.get(key(g));
            Inst v = write == null ? null : write.operand(0);
            if (v == null || wide.contains(g) || v.op != Op.SEXT || v.type != Type.I64
                    || v.operand(0).type != Type.I32) {
                continue;
            }
            Inst n = v.operand(0);
            Inst carrier = narrowViews.contains(n) ? n.operand(0) : n;
            if (carrier.isConst()) {
                continue;
            }
            narrowCarry.put(g, carrier);
            if (carrier.op == Op.GET_REG || storedElsewhere(insts, carrier, write)) {
                narrowValue.put(g, v); // bound as it is (a binding of the carrier would be sign-extended everywhere)
            } else {
                write.operands[0] = carrier; // the extension itself is then computed only if something else uses it
                narrowWrites.add(carrier);
            }
            extraUses.merge(carrier, insts.size() - 1, Math::max);
        }
    }

    /** Whether something other than write stores v to the state (another register, a CSR, the reservation). */
    private static boolean storedElsewhere(List<Inst> insts, Inst v, Inst write) {
        for (Inst i : insts) {
            if (i != write && (i.op == Op.SET_REG || i.op == Op.SET_CSR || i.op == Op.SET_RESERVATION)
                    && i.operand(0) == v) {
                return true;
            }
        }
        return false;
    }

    /** Comparisons used only as the condition of one SELECT (not fused with the branch): compare and cmov. */
    private static java.util.Set<Inst> selectCompares(IrBlock block) {
        Map<Inst, Integer> uses = block.useCounts();
        java.util.Set<Inst> out = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Inst i : block.insts) {
            if (i.op == Op.SELECT && i.operand(0).op.isComparison() && !i.operand(0).fused
                    && uses.getOrDefault(i.operand(0), 0) == 1 && i.operand(1) != i.operand(0)
                    && i.operand(2) != i.operand(0)) {
                out.add(i.operand(0));
            }
        }
        return out;
    }

    /** The index of the last guest memory access or float op (a cold path) before index end, or -1. */
    private static int lastAccessBefore(List<Inst> insts, int end) {
        for (int k = end - 1; k >= 0; k--) {
            Op op = insts.get(k).op;
            if (op.mayExitAtInstruction()) {
                return k;
            }
        }
        return -1;
    }

    /** Whether user reads its 64-bit operand only through its low 32 bits. */
    private static boolean readsOnlyLow32(Inst user) {
        return switch (user.op) {
            case TRUNC -> true;
            case AND -> user.operands[1].isConst() && user.operands[1].aux >= 0 && user.operands[1].aux < (1L << 31)
                    || user.operands[0].isConst() && user.operands[0].aux >= 0 && user.operands[0].aux < (1L << 31);
            default -> false;
        };
    }

    /**
     * In a self-loop, gives each register the body writes without reading it a read at the top (unused by the
     * body): its value then stays in a host register across iterations, like a read one, instead of being stored
     * on every back edge. Returns the reads added.
     */
    private static List<Inst> carryWrittenRegisters(IrBlock block) {
        java.util.Set<Long> read = new java.util.HashSet<>();
        Map<Long, Inst> written = new LinkedHashMap<>();
        for (Inst i : block.insts) {
            if (i.op == Op.GET_REG) {
                read.add(key(i));
            } else if (i.op == Op.SET_REG) {
                written.putIfAbsent(key(i), i);
            }
        }
        List<Inst> added = new ArrayList<>();
        for (var e : written.entrySet()) {
            if (!read.contains(e.getKey())) {
                Inst w = e.getValue();
                added.add(new Inst(Op.GET_REG, w.operand(0).type, w.aux, w.aux2));
            }
        }
        block.insts.addAll(0, added);
        return added;
    }

    private static void hoistRegisterReads(IrBlock block) {
        List<Inst> reads = new ArrayList<>();
        List<Inst> rest = new ArrayList<>();
        for (Inst i : block.insts) {
            (i.op == Op.GET_REG ? reads : rest).add(i);
        }
        block.insts.clear();
        block.insts.addAll(reads);
        block.insts.addAll(rest);
    }

    /**
     * Additions of a constant that only ever serve as the address of loads and stores: selected into the memory
     * operand ([r14 + base + disp]) and the check's lea, never computed into a register of their own.
     */
    private static java.util.Set<Inst> foldableAddresses(IrBlock block) {
        java.util.Set<Inst> candidates = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Inst i : block.insts) {
            if (i.op == Op.ADD && i.type == Type.I64 && !i.operand(0).isConst() && i.operand(1).isConst()
                    && fitsInt(i.operand(1).aux)) {
                candidates.add(i);
            }
        }
        for (Inst i : block.insts) {
            for (int k = 0; k < i.operands.length; k++) {
                Inst o = i.operands[k];
                boolean addressUse = switch (i.op) {
                    case LOAD, STORE -> k == 0;
                    case LOAD_IF, STORE_IF, STORE_CAS -> k == 1;
                    default -> false;
                };
                if (!addressUse) {
                    candidates.remove(o);
                }
            }
        }
        return candidates;
    }

    /**
     * Truncations of a 64-bit value to 32 bits that every user reads through 32-bit operands only (32-bit
     * arithmetic, comparisons, sign extension, 4-byte stores, narrower truncations): they need no instruction, as
     * their users read the low half of the operand's register directly.
     */
    private static java.util.Set<Inst> narrowViews(IrBlock block) {
        java.util.Set<Inst> views = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Inst i : block.insts) {
            if (i.op == Op.TRUNC && i.type == Type.I32 && i.operand(0).type == Type.I64 && !i.operand(0).isConst()) {
                views.add(i);
            }
        }
        for (Inst i : block.insts) {
            for (int k = 0; k < i.operands.length; k++) {
                if (!readsLow32(i, k)) {
                    views.remove(i.operands[k]);
                }
            }
        }
        return views;
    }

    /**
     * Shift counts x86 masks by itself: {@code and(n, 63)} used only as the count of 64-bit shifts, or
     * {@code and(n, 31)} of 32-bit logical ones (x86 takes the count modulo 64 or 32 there), and truncations of n
     * whose only users are such masks (the count register's low bits are all the shift reads). Each folds into the
     * shifts: the register of the innermost operand is the count.
     */
    private static java.util.Set<Inst> shiftCounts(IrBlock block) {
        Map<Inst, List<Inst>> users = new IdentityHashMap<>();
        for (Inst i : block.insts) {
            for (Inst o : i.operands) {
                users.computeIfAbsent(o, k -> new ArrayList<>()).add(i);
            }
        }
        java.util.Set<Inst> counts = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Inst i : block.insts) {
            if (i.op != Op.AND || !i.operand(1).isConst() || i.operand(0).isConst() || !users.containsKey(i)) {
                continue;
            }
            boolean all = true;
            for (Inst u : users.get(i)) {
                // (A 32-bit arithmetic shift is done in 64 bits after sign extension: its count is masked to 63.)
                boolean shift = (u.op == Op.SHL || u.op == Op.SHR || u.op == Op.SAR && u.type == Type.I64)
                        && u.operand(1) == i && u.operand(0) != i;
                long mask = u.type == Type.I64 ? 63 : u.type == Type.I32 ? 31 : -1;
                all &= shift && i.operand(1).aux == mask;
            }
            if (all) {
                counts.add(i);
                Inst n = i.operand(0);
                if (n.op == Op.TRUNC && n.type.bits >= 8 && !n.operand(0).isConst() && users.get(n).size() == 1) {
                    counts.add(n);
                }
            }
        }
        return counts;
    }

    /** Whether user reads its operand k (of type i32) only through 32-bit register forms. */
    private static boolean readsLow32(Inst user, int k) {
        return switch (user.op) {
            case ADD, SUB, AND, OR, XOR, MUL, NEG, NOT -> user.type == Type.I32;
            case SHL, SHR, SAR -> user.type == Type.I32 && k == 0;
            case EQ, NE, LT_S, LT_U, LE_S, LE_U, GT_S, GT_U, GE_S, GE_U, SEXT, TRUNC -> true;
            case STORE -> k == 1 && user.aux == 4;
            case STORE_IF -> k == 2 && user.aux == 4;
            default -> false;
        };
    }

    private static long key(Inst i) {
        return (i.aux << 32) | i.aux2;
    }

    private void note(String s) {
        a.comment(s);
    }

    // ---- operands ------------------------------------------------------------------------------------------------

    private Location loc(Inst v) {
        return alloc.locations.get(narrowViews.contains(v) ? v.operand(0) : v);
    }


    /** The value of v in a register: its own, or scratch after loading it there. */
    private Gp use(Inst v, Gp scratch) {
        if (narrowViews.contains(v)) {
            return use(v.operand(0), scratch);
        }
        if (v.isConst()) {
            a.movImm(scratch, v.aux);
            return scratch;
        }
        Location l = loc(v);
        if (l instanceof Location.Register r) {
            return r.reg();
        }
        if (l instanceof Location.Slot s) {
            a.mov(scratch, s.mem());
            return scratch;
        }
        throw new IllegalStateException("value without a location: " + v);
    }

    /** Puts the value of v in register r (the target or a scratch register), moving it only if it is elsewhere. */
    private void into(Gp r, Inst v) {
        Gp s = use(v, r);
        if (s != r) {
            a.mov(r, s);
        }
    }

    /** The register to compute i's result in: its own, or rax when it is spilled. */
    private Gp target(Inst i) {
        return loc(i) instanceof Location.Register r ? r.reg() : Gp.RAX;
    }

    /** Stores a result computed in rax to i's spill slot, if it has one. */
    private void finish(Inst i, Gp computed) {
        Location l = loc(i);
        if (l instanceof Location.Slot s) {
            a.mov(s.mem(), computed);
        } else if (l instanceof Location.Register r && r.reg() != computed) {
            a.mov(r.reg(), computed);
        }
    }

    private static boolean fitsInt(long v) {
        return v == (int) v;
    }

    /** A constant as the immediate of an op of type t: 64-bit ops sign-extend 32 bits, narrower ops take 32. */
    private static long immediate(Inst c, Type t) {
        return t == Type.I64 ? c.aux : (int) c.aux;
    }

    private static Gp sized(Gp r, Type t) {
        return t == Type.I64 ? r : r.withSize(4);
    }

    /** Zero-extends a value computed in 32 or 64 bits back to its type's width (the value invariant). */
    private void normalize(Gp r, Type t) {
        switch (t) {
            case I1 -> a.and(r.withSize(4), 1);
            case I8 -> a.movzx(r.withSize(4), r.withSize(1));
            case I16 -> a.movzx(r.withSize(4), r.withSize(2));
            default -> { }
        }
    }

    // ---- emission ------------------------------------------------------------------------------------------------

    private void emit(Inst i) {
        if (i.op.hasResult() && !i.hasSideEffect() && loc(i) == null && !alloc.folded(i)) {
            return; // a value nobody uses (dead code left when DCE is off): nothing to compute
        }
        switch (i.op) {
            case CONST -> { }
            case GUEST_PC -> {
                guestPc = i.aux;
                if (a.isListing()) {
                    note(String.format("guest 0x%x", i.aux));
                }
            }
            case GET_REG -> {
                if (floatReads.contains(i)) {
                    return; // loaded where it is used
                }
                Gp t = target(i);
                Inst bound = options.mapRegisters() ? bindings.get(key(i)) : null;
                if (bound != null) {
                    Gp v = use(bound, t); // written earlier in this block: the state is not up to date
                    if (v != t) {
                        a.mov(t, v);
                    }
                } else {
                    a.mov(t, Mem.q(Gp.R15, layout.register(i.aux, i.aux2)));
                }
                finish(i, t);
            }
            case SET_REG -> {
                if (options.mapRegisters()) {
                    bindings.put(key(i), i.operand(0));
                } else {
                    storeState(layout.register(i.aux, i.aux2), i.operand(0));
                }
            }
            case GET_CSR -> loadState(i, layout.csr(i.aux));
            case SET_CSR -> storeState(layout.csr(i.aux), i.operand(0));
            case GET_RESERVATION -> loadState(i, i.aux == 0 ? layout.reservationOffset() : layout.reservedValueOffset());
            case SET_RESERVATION -> storeState(i.aux == 0 ? layout.reservationOffset() : layout.reservedValueOffset(),
                    i.operand(0));
            case FENCE -> a.mfence();
            case ADD, SUB, AND, OR, XOR -> {
                if (!alloc.folded(i)) {
                    alu(i);
                }
            }
            case MUL -> multiply(i);
            case MULH_SS, MULH_UU, MULH_SU -> multiplyHigh(i);
            case DIV_S, DIV_U, REM_S, REM_U -> divide(i);
            case SHL, SHR, SAR -> shift(i);
            case NEG, NOT -> {
                Gp t = target(i);
                a.mov(t, use(i.operand(0), Gp.RCX));
                if (i.op == Op.NEG) {
                    a.neg(sized(t, i.type));
                } else {
                    a.not(sized(t, i.type));
                }
                normalize(t, i.type);
                finish(i, t);
            }
            case EQ, NE, LT_S, LT_U, LE_S, LE_U, GT_S, GT_U, GE_S, GE_U -> {
                if (i.fused && options.fuseCompares() || selectCompares.contains(i)) {
                    return; // emitted with the branch, or with the select
                }
                Cond c = compare(i);
                Gp t = target(i);
                a.setcc(c, t.withSize(1));
                a.movzx(t.withSize(4), t.withSize(1));
                finish(i, t);
            }
            case SELECT -> {
                if (selectCompares.contains(i.operand(0))) {
                    Cond c = compare(i.operand(0)); // then only moves, which keep the flags
                    into(Gp.RAX, i.operand(2));
                    a.cmovcc(c, Gp.RAX, use(i.operand(1), Gp.RDX));
                    finish(i, Gp.RAX);
                    return;
                }
                into(Gp.RAX, i.operand(2));
                Gp ifTrue = use(i.operand(1), Gp.RDX);
                Gp cond = use(i.operand(0), Gp.RCX);
                a.test(cond.withSize(4), cond.withSize(4));
                a.cmovcc(Cond.NE, Gp.RAX, ifTrue);
                finish(i, Gp.RAX);
            }
            case ZEXT -> {
                Gp t = target(i);
                into(t, i.operand(0));
                finish(i, t);
            }
            case TRUNC -> {
                if (alloc.folded(i)) {
                    return; // read in place by its users
                }
                Gp t = target(i);
                Gp s = use(i.operand(0), t);
                switch (i.type) {
                    case I32 -> a.mov(t.withSize(4), s.withSize(4));
                    case I16 -> a.movzx(t.withSize(4), s.withSize(2));
                    case I8 -> a.movzx(t.withSize(4), s.withSize(1));
                    case I1 -> {
                        a.mov(t.withSize(4), s.withSize(4));
                        a.and(t.withSize(4), 1);
                    }
                    default -> throw new IllegalStateException("trunc to i64");
                }
                finish(i, t);
            }
            case SEXT -> {
                if (signedLoads.containsKey(i)) {
                    load(signedLoads.get(i), i, true);
                    return;
                }
                Gp t = target(i);
                Gp s = use(i.operand(0), Gp.RCX);
                switch (i.operand(0).type) {
                    case I32 -> a.movsxd(t, s.withSize(4));
                    case I16 -> a.movsx(t, s.withSize(2));
                    case I8 -> a.movsx(t, s.withSize(1));
                    case I1 -> {
                        a.mov(t, s);
                        a.neg(t);
                    }
                    default -> throw new IllegalStateException("sext from i64");
                }
                if (i.type != Type.I64) {
                    if (i.type == Type.I32) {
                        a.mov(t.withSize(4), t.withSize(4));
                    } else {
                        normalize(t, i.type);
                    }
                }
                finish(i, t);
            }
            case FLOAT1, FLOAT2, FLOAT3 -> floats.emit(i);
            case NAN_SELECT -> floats.nanSelect(i);
            case FLOAT_FLAGS -> floats.hostFlags(i);
            case CLEAR_FLOAT_FLAGS -> floats.clearHostFlags();
            case LOAD, LOAD_IF -> {
                if (!alloc.folded(i)) { // (a load a sign extension makes, see signedLoads, is emitted there)
                    load(i, i, false);
                }
            }
            case STORE, STORE_IF -> store(i);
            case STORE_CAS -> compareAndSwap(i);
            case EXIT_JUMP -> {
                writeBack();
                if (loopTop != null && i.aux == loopAddress) {
                    loopMoves();
                    backEdgeSite(a.jmpRel32(backEdge));
                } else {
                    directExit(i.aux, null);
                }
            }
            case EXIT_BRANCH -> branch(i);
            case EXIT_INDIRECT -> indirect(i);
            case EXIT_SYSCALL -> leave(i.aux, ExitReason.SYSCALL);
            case EXIT_INTERPRET -> leave(i.aux, ExitReason.INTERPRET);
            case EXIT_ILLEGAL -> leave(i.aux, ExitReason.ILLEGAL);
            case EXIT_BREAKPOINT -> leave(i.aux, ExitReason.BREAKPOINT);
            case EXIT_FENCE_I -> leave(i.aux, ExitReason.FENCE_I);
        }
    }

    private long loopAddress;

    /** In budgeted code: one block (or loop iteration) less; leave when none is left. */
    private void checkBudget(long blockAddress) {
        if (budgetCounter == 0) {
            return;
        }
        a.movImm(Gp.RDX, budgetCounter);
        a.sub(Mem.q(Gp.RDX, 0), 1);
        leaveBeforeBlockIf(Cond.B, blockAddress, ExitReason.BUDGET);
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

    /**
     * A cold path that writes back the current bindings and leaves for the dispatcher with the block (or loop
     * iteration) not yet begun, for an interrupt; returns its label, which only rewritten code jumps to.
     */
    private Label interruptExit(long blockAddress) {
        Label out = a.newLabel();
        leaveBeforeBlock(out, blockAddress, ExitReason.INTERRUPT);
        return out;
    }

    /**
     * On condition c (of the flags just set), a cold path that writes back the current bindings and leaves for the
     * dispatcher with the block (or loop iteration) not yet begun.
     */
    private void leaveBeforeBlockIf(Cond c, long blockAddress, int reason) {
        Label out = a.newLabel();
        a.jcc(c, out);
        leaveBeforeBlock(out, blockAddress, reason);
    }

    /** The cold path at label out of {@link #leaveBeforeBlockIf}. */
    private void leaveBeforeBlock(Label out, long blockAddress, int reason) {
        Map<Long, Inst> snapshot = new LinkedHashMap<>(bindings);
        coldPaths.add(() -> {
            a.bind(out);
            snapshot.forEach((k, v) -> storeState(layout.register(k >>> 32, k & 0xffffffffL), v));
            exitWith(blockAddress, reason);
        });
    }

    private void loadState(Inst i, int offset) {
        Gp t = target(i);
        a.mov(t, Mem.q(Gp.R15, offset));
        finish(i, t);
    }

    /** A narrow home after the back edge, or its carrier: its value is the low half, sign-extended (narrowCarries). */
    private boolean narrow(Inst v) {
        return narrowCarry.containsKey(v) || narrowWrites.contains(v);
    }

    private void storeState(int offset, Inst v) {
        if (narrow(v)) {
            a.movsxd(Gp.RAX, use(v, Gp.RAX).withSize(4));
            a.mov(Mem.q(Gp.R15, offset), Gp.RAX);
        } else if (v.isConst() && fitsInt(v.aux)) {
            a.mov(Mem.q(Gp.R15, offset), (int) v.aux);
        } else {
            a.mov(Mem.q(Gp.R15, offset), use(v, Gp.RAX));
        }
    }

    private void alu(Inst i) {
        Inst x = i.operand(0);
        Inst y = i.operand(1);
        boolean commutative = i.op != Op.SUB;
        Gp t = target(i);
        if (i.op == Op.SUB && x.isConst() && x.aux == 0) {
            into(t, y);
            a.neg(sized(t, i.type));
            normalize(t, i.type);
            finish(i, t);
            return;
        }
        if (commutative && !x.isConst() && !y.isConst() && loc(y) instanceof Location.Register ry && ry.reg() == t) {
            Inst s = x;
            x = y;
            y = s;
        } else if (commutative && x.isConst() && !y.isConst()) {
            Inst s = x;
            x = y;
            y = s;
        }
        if (loc(y) instanceof Location.Register ry && ry.reg() == t
                && !(loc(x) instanceof Location.Register rx && rx.reg() == t)) {
            t = Gp.RAX; // y lives in the target register and the op is not commutative: compute aside
        }
        if (i.op == Op.ADD && (i.type == Type.I64 || i.type == Type.I32) && !x.isConst()
                && loc(x) instanceof Location.Register rx && rx.reg() != t) {
            // t = x + y into another register: one lea instead of mov and add.
            Mem sum = y.isConst() && fitsInt(y.aux) ? Mem.q(rx.reg(), (int) y.aux)
                    : !y.isConst() && loc(y) instanceof Location.Register ry ? Mem.q(rx.reg(), ry.reg(), 1, 0) : null;
            if (sum != null) {
                a.lea(sized(t, i.type), sum);
                finish(i, t);
                return;
            }
        }
        Gp xs = use(x, t);
        if (xs != t) {
            a.mov(t, xs);
        }
        Gp w = sized(t, i.type);
        if (y.isConst() && fitsInt(immediate(y, i.type))) {
            int imm = (int) immediate(y, i.type);
            switch (i.op) {
                case ADD -> a.add(w, imm);
                case SUB -> a.sub(w, imm);
                case AND -> a.and(w, imm);
                case OR -> a.or(w, imm);
                default -> a.xor(w, imm);
            }
        } else {
            Gp ys = sized(use(y, Gp.RCX), i.type);
            switch (i.op) {
                case ADD -> a.add(w, ys);
                case SUB -> a.sub(w, ys);
                case AND -> a.and(w, ys);
                case OR -> a.or(w, ys);
                default -> a.xor(w, ys);
            }
        }
        if (i.op == Op.ADD || i.op == Op.SUB) {
            normalize(t, i.type);
        }
        finish(i, t);
    }

    private void multiply(Inst i) {
        Inst x = i.operand(0);
        Inst y = i.operand(1);
        Gp t = target(i);
        if (x.isConst() || (loc(y) instanceof Location.Register ry && ry.reg() == t)) {
            Inst s = x;
            x = y;
            y = s;
        }
        if (loc(y) instanceof Location.Register ry && ry.reg() == t && !(loc(x) instanceof Location.Register rx
                && rx.reg() == t)) {
            t = Gp.RAX; // both operands would need the target register: compute aside
        }
        Gp xs = use(x, t);
        if (y.isConst() && fitsInt(immediate(y, i.type))) {
            a.imul(sized(t, i.type), sized(xs, i.type), (int) immediate(y, i.type));
        } else {
            if (xs != t) {
                a.mov(t, xs);
            }
            a.imul(sized(t, i.type), sized(use(y, Gp.RCX), i.type));
        }
        normalize(t, i.type);
        finish(i, t);
    }

    private void multiplyHigh(Inst i) {
        Type t = i.type;
        into(Gp.RAX, i.operand(0));
        into(Gp.RCX, i.operand(1));
        if (t == Type.I64) {
            switch (i.op) {
                case MULH_SS -> a.imul(Gp.RCX);
                case MULH_UU -> a.mul(Gp.RCX);
                default -> {
                    // mulhsu(x, y) = mulhu(x, y) - (x < 0 ? y : 0)
                    a.mov(Gp.RDX, Gp.RAX);
                    a.sar(Gp.RDX, 63);
                    a.and(Gp.RDX, Gp.RCX);
                    a.push(Gp.RDX);
                    a.mul(Gp.RCX);
                    a.pop(Gp.RCX);
                    a.sub(Gp.RDX, Gp.RCX);
                }
            }
            finish(i, Gp.RDX);
            return;
        }
        // Narrow: extend both to 64 bits (signed or not) and take the upper half of the 64-bit product.
        boolean xs = i.op != Op.MULH_UU;
        boolean ys = i.op == Op.MULH_SS;
        extend(Gp.RAX, t, xs);
        extend(Gp.RCX, t, ys);
        a.imul(Gp.RAX, Gp.RCX);
        a.shr(Gp.RAX, t.bits);
        if (t != Type.I32) {
            normalize(Gp.RAX, t);
        } else {
            a.mov(Gp.EAX, Gp.EAX);
        }
        finish(i, Gp.RAX);
    }

    /** Sign- or zero-extends a zero-extended value of type t in r to 64 bits. */
    private void extend(Gp r, Type t, boolean signed) {
        if (!signed || t == Type.I64) {
            return;
        }
        switch (t) {
            case I32 -> a.movsxd(r, r.withSize(4));
            case I16 -> a.movsx(r, r.withSize(2));
            case I8 -> a.movsx(r, r.withSize(1));
            default -> { }
        }
    }

    private void divide(Inst i) {
        Type t = i.type;
        boolean signed = i.op == Op.DIV_S || i.op == Op.REM_S;
        boolean rem = i.op == Op.REM_S || i.op == Op.REM_U;
        into(Gp.RAX, i.operand(0));
        into(Gp.RCX, i.operand(1));
        boolean narrow = t == Type.I8 || t == Type.I16;
        if (narrow) {
            extend(Gp.RAX, t, signed);
            extend(Gp.RCX, t, signed);
        }
        boolean wide = t == Type.I64;
        Gp ax = wide ? Gp.RAX : Gp.EAX;
        Gp cx = wide ? Gp.RCX : Gp.ECX;
        Gp dx = wide ? Gp.RDX : Gp.EDX;
        Label zero = a.newLabel();
        Label done = a.newLabel();
        a.test(cx, cx);
        a.jcc(Cond.E, zero);
        if (signed) {
            Label normal = a.newLabel();
            a.cmp(cx, -1);
            a.jcc(Cond.NE, normal);
            // x / -1 = -x (MIN stays MIN), x % -1 = 0: idiv would trap on MIN / -1.
            if (rem) {
                a.xor(Gp.EAX, Gp.EAX);
            } else {
                a.neg(ax);
            }
            a.jmp(done);
            a.bind(normal);
            if (wide) {
                a.cqo();
            } else {
                a.cdq();
            }
            a.idiv(cx);
        } else {
            a.xor(Gp.EDX, Gp.EDX);
            a.div(cx);
        }
        if (rem) {
            a.mov(ax, dx);
        }
        a.jmp(done);
        a.bind(zero);
        if (!rem) {
            a.xor(Gp.EAX, Gp.EAX); // x / 0 = 0 (the IR's rule); x % 0 = x is already in rax
        }
        a.bind(done);
        if (!wide) {
            a.mov(Gp.EAX, Gp.EAX);
            normalize(Gp.RAX, t);
        }
        finish(i, Gp.RAX);
    }

    private void shift(Inst i) {
        Type t = i.type;
        int width = t.bits;
        Inst amount = i.operand(1);
        Gp tr = target(i);
        if (amount.isConst()) {
            long n = amount.aux;
            into(tr, i.operand(0));
            if (Long.compareUnsigned(n, width) >= 0) {
                if (i.op == Op.SAR) {
                    n = width - 1;
                } else {
                    a.xor(tr.withSize(4), tr.withSize(4));
                    finish(i, tr);
                    return;
                }
            }
            if (n != 0) {
                shiftBy(i.op, tr, t, (int) n);
            } else if (t == Type.I32) {
                a.mov(tr.withSize(4), tr.withSize(4)); // the operand may be a narrow view of a 64-bit value
            }
            finish(i, tr);
            return;
        }
        boolean bounded = amount.op == Op.AND && amount.operand(1).isConst()
                && Long.compareUnsigned(amount.operand(1).aux, width) < 0;
        if (bounded && shiftCounts.contains(amount)) {
            // The mask is x86's own (count mod 64, or mod 32 in 32 bits): shift by the unmasked count, in place.
            Inst count = amount;
            while (shiftCounts.contains(count)) {
                count = count.operand(0);
            }
            Gp n = use(count, Gp.RCX);
            if (n != Gp.RCX) {
                a.mov(Gp.ECX, n.withSize(4));
            }
            into(tr, i.operand(0));
            shiftBy(i.op, tr, t, -1);
            finish(i, tr);
            return;
        }
        into(Gp.RAX, i.operand(0));
        into(Gp.RCX, amount);
        Label done = a.newLabel();
        if (!bounded) {
            // An amount of at least the width gives 0 (or all sign bits): x86 would take it modulo 32/64.
            Label inRange = a.newLabel();
            a.cmp(Gp.RCX, width);
            a.jcc(Cond.B, inRange);
            if (i.op == Op.SAR) {
                a.mov(Gp.ECX, width - 1);
            } else {
                a.xor(Gp.EAX, Gp.EAX);
                a.jmp(done);
            }
            a.bind(inRange);
        }
        shiftBy(i.op, Gp.RAX, t, -1);
        a.bind(done);
        finish(i, Gp.RAX);
    }

    /**
     * Shifts the value of type t in r by n, or by cl when n is negative. Narrow values shift in 32 bits; an
     * arithmetic shift first sign-extends them to 64 and then restores the value invariant.
     */
    private void shiftBy(Op op, Gp r, Type t, int n) {
        Gp w = t == Type.I64 ? r : r.withSize(4);
        switch (op) {
            case SHL -> {
                if (n < 0) {
                    a.shl(w, Gp.CL);
                } else {
                    a.shl(w, n);
                }
                normalize(r, t);
            }
            case SHR -> {
                if (n < 0) {
                    a.shr(w, Gp.CL);
                } else {
                    a.shr(w, n);
                }
            }
            default -> {
                extend(r, t, true);
                if (n < 0) {
                    a.sar(r, Gp.CL);
                } else {
                    a.sar(r, n);
                }
                if (t == Type.I32) {
                    a.mov(r.withSize(4), r.withSize(4));
                } else {
                    normalize(r, t);
                }
            }
        }
    }

    /** Emits the compare of a comparison and returns the condition under which it holds. */
    private Cond compare(Inst c) {
        Inst x = c.operand(0);
        Inst y = c.operand(1);
        Type t = x.type;
        boolean signed = switch (c.op) {
            case LT_S, LE_S, GT_S, GE_S -> true;
            default -> false;
        };
        if (signed && (t == Type.I8 || t == Type.I16)) {
            into(Gp.RAX, x);
            extend(Gp.RAX, t, true);
            into(Gp.RCX, y);
            extend(Gp.RCX, t, true);
            a.cmp(Gp.RAX, Gp.RCX);
        } else {
            Type w = t == Type.I64 ? Type.I64 : Type.I32;
            Gp xs = sized(use(x, Gp.RAX), w);
            if (y.isConst() && fitsInt(immediate(y, w)) && (w == Type.I64 || !signed || t == Type.I32)) {
                a.cmp(xs, (int) immediate(y, w));
            } else {
                a.cmp(xs, sized(use(y, Gp.RCX), w));
            }
        }
        return switch (c.op) {
            case EQ -> Cond.E;
            case NE -> Cond.NE;
            case LT_S -> Cond.L;
            case LE_S -> Cond.LE;
            case GT_S -> Cond.G;
            case GE_S -> Cond.GE;
            case LT_U -> Cond.B;
            case LE_U -> Cond.BE;
            case GT_U -> Cond.A;
            default -> Cond.AE;
        };
    }

    // ---- memory --------------------------------------------------------------------------------------------------

    /** A guest address as base register + displacement (folded additions keep their constant here). */
    private record Address(Gp base, int disp) {}

    private Address address(Inst v) {
        if (v.op == Op.ADD && alloc.folded(v) && !v.isConst()) {
            return new Address(use(v.operand(0), Gp.RCX), (int) v.operand(1).aux);
        }
        return new Address(use(v, Gp.RCX), 0);
    }

    /**
     * Checks that the guest may access size bytes at the address with the given permission, as far as it is checked
     * inline (see the class comment); jumps to a cold path (interpret the instruction) otherwise. Returns that cold
     * path, for {@link #access}. Clobbers rdx.
     */
    private Label checkAccess(Address addr, int size, int permission) {
        Label cold = coldInterpret();
        if (options.hostFaults()) {
            if (addr.disp() == 0) {
                a.cmp(addr.base(), Gp.R13);
            } else {
                a.lea(Gp.RDX, Mem.q(addr.base(), addr.disp()));
                a.cmp(Gp.RDX, Gp.R13);
            }
            a.jcc(Cond.AE, cold);
            return cold;
        }
        if (addr.disp() == 0) {
            a.mov(Gp.RDX, addr.base());
        } else {
            a.lea(Gp.RDX, Mem.q(addr.base(), addr.disp()));
        }
        a.shr(Gp.RDX, 12);
        a.cmp(Gp.RDX, (int) WINDOW_PAGES);
        a.jcc(Cond.AE, cold);
        a.test(Mem.b(Gp.R13, Gp.RDX, 1, 0), permission);
        a.jcc(Cond.E, cold);
        if (size > 1) {
            if (addr.disp() == 0) {
                a.mov(Gp.EDX, addr.base().withSize(4));
            } else {
                a.lea(Gp.EDX, Mem.q(addr.base(), addr.disp()));
            }
            a.and(Gp.EDX, 0xfff);
            a.cmp(Gp.EDX, 4096 - size);
            a.jcc(Cond.A, cold);
        }
        return cold;
    }

    /** Marks the instruction emitted next as the guest memory access whose check jumps to cold. */
    private void access(Label cold) {
        if (options.hostFaults()) {
            faultSites.add(new FaultSite(a.offset(), cold));
        }
    }

    /** A cold path that writes back the current bindings and interprets the current guest instruction. */
    private Label coldInterpret() {
        return coldInterpret(null);
    }

    /** Like {@link #coldInterpret()}, running prologue (if not null) first. */
    private Label coldInterpret(Runnable prologue) {
        Label cold = a.newLabel();
        Map<Long, Inst> snapshot = new LinkedHashMap<>(bindings);
        long pc = guestPc;
        coldPaths.add(() -> {
            a.bind(cold);
            if (prologue != null) {
                prologue.run();
            }
            snapshot.forEach((k, v) -> storeState(layout.register(k >>> 32, k & 0xffffffffL), v));
            exitWith(pc, ExitReason.INTERPRET);
        });
        return cold;
    }

    /**
     * Sign extensions to 64 bits of a load just before them that nothing else uses (a guest's lw, lh, lb): the
     * extension is made by the load itself, one movsx from memory instead of a load and a movsx; the load is folded
     * into it. Not a load a self-loop's back edge carries as a narrow home (see narrowCarries). Extension → load.
     */
    private Map<Inst, Inst> signedLoads(IrBlock block) {
        Map<Inst, Integer> uses = block.useCounts();
        Map<Inst, Inst> signed = new IdentityHashMap<>();
        for (int k = 1; k < block.insts.size(); k++) {
            Inst x = block.insts.get(k);
            Inst l = block.insts.get(k - 1);
            if (x.op == Op.SEXT && x.type == Type.I64 && x.operand(0) == l && l.op == Op.LOAD
                    && uses.getOrDefault(l, 0) == 1 && uses.getOrDefault(x, 0) > 0 // (an unused one is not emitted)
                    && l.type.bits == 8 * l.aux && l.aux < 8
                    && !narrowWrites.contains(l) && !narrowCarry.containsValue(l)) {
                signed.put(x, l);
            }
        }
        return signed;
    }

    /**
     * Loads for i into result's location: i's value, or (signed) its sign extension to 64 bits, which result (a
     * {@link #signedLoads} extension) is.
     */
    private void load(Inst i, Inst result, boolean signed) {
        boolean conditional = i.op == Op.LOAD_IF;
        Inst address = i.operand(conditional ? 1 : 0);
        Gp t = target(result);
        Label skip = null;
        if (conditional) {
            Gp c = use(i.operand(0), Gp.RCX);
            a.xor(Gp.EAX, Gp.EAX);
            skip = a.newLabel();
            a.test(c.withSize(4), c.withSize(4));
            a.jcc(Cond.E, skip);
        }
        Address addr = address(address);
        Label cold = checkAccess(addr, (int) i.aux, PERM_READ);
        Gp dst = conditional ? Gp.RAX : t;
        Mem m = Mem.of((int) i.aux, Gp.R14, addr.base(), 1, addr.disp());
        access(cold);
        if (signed) {
            switch ((int) i.aux) {
                case 1, 2 -> a.movsx(dst, m);
                default -> a.movsxd(dst, m);
            }
        } else {
            switch ((int) i.aux) {
                case 1, 2 -> a.movzx(dst.withSize(4), m);
                case 4 -> a.mov(dst.withSize(4), m);
                default -> a.mov(dst, m);
            }
        }
        if (conditional) {
            a.bind(skip);
        }
        finish(result, dst);
    }

    private void store(Inst i) {
        boolean conditional = i.op == Op.STORE_IF;
        int base = conditional ? 1 : 0;
        Label skip = null;
        if (conditional) {
            Gp c = use(i.operand(0), Gp.RCX);
            skip = a.newLabel();
            a.test(c.withSize(4), c.withSize(4));
            a.jcc(Cond.E, skip);
        }
        Address addr = address(i.operand(base));
        Label cold = checkAccess(addr, (int) i.aux, PERM_WRITE);
        Gp v = use(i.operand(base + 1), Gp.RAX);
        int size = (int) i.aux;
        access(cold);
        a.mov(Mem.of(size, Gp.R14, addr.base(), 1, addr.disp()), v.withSize(size));
        if (conditional) {
            a.bind(skip);
        }
    }

    /**
     * {@code lock cmpxchg} of the value with the expected one in rax; a different value in memory goes to the same
     * cold path as a refused access (the instruction runs on the interpreter, which retries it).
     */
    private void compareAndSwap(Inst i) {
        Label skip = null;
        if (!(i.operand(0).isConst() && i.operand(0).aux == 1)) {
            Gp c = use(i.operand(0), Gp.RCX);
            skip = a.newLabel();
            a.test(c.withSize(4), c.withSize(4));
            a.jcc(Cond.E, skip);
        }
        Address addr = address(i.operand(1));
        int size = (int) i.aux;
        Label cold = checkAccess(addr, size, PERM_WRITE);
        into(Gp.RAX, i.operand(2));
        Gp v = use(i.operand(3), Gp.RDX); // rcx may hold the address

        access(cold);
        a.lockCmpxchg(Mem.of(size, Gp.R14, addr.base(), 1, addr.disp()), v.withSize(size));
        a.jcc(Cond.NE, cold);
        if (skip != null) {
            a.bind(skip);
        }
    }

    // ---- exits ---------------------------------------------------------------------------------------------------

    private void writeBack() {
        bindings.forEach((k, v) -> storeState(layout.register(k >>> 32, k & 0xffffffffL), v));
    }

    /** Leaves to the dispatcher with the next pc and a reason. */
    private void leave(long pc, int reason) {
        writeBack();
        exitWith(pc, reason);
    }

    private void exitWith(long pc, int reason) {
        setPc(pc);
        a.mov(Gp.EAX, reason);
        a.jmpAbsolute(exitStub);
    }

    private void setPc(long pc) {
        if (fitsInt(pc)) {
            a.mov(Mem.q(Gp.R15, layout.pcOffset()), (int) pc);
        } else {
            a.movImm(Gp.RAX, pc);
            a.mov(Mem.q(Gp.R15, layout.pcOffset()), Gp.RAX);
        }
    }

    /** For a self-loop whose every register lives in a host register: where and how to enter it. */
    private LoopEntry loopEntry() {
        if (loopTop == null) {
            return null;
        }
        Map<Long, Gp> homes = new HashMap<>();
        for (var e : loopReads.entrySet()) {
            if (!(loc(e.getValue()) instanceof Location.Register r)) {
                return null;
            }
            homes.put(e.getKey(), r.reg());
        }
        return new LoopEntry(loopTop.offset(), Map.copyOf(homes));
    }

    /**
     * A direct jump to guest target: straight to its code if translated (and linking is on), past its interrupt
     * check if it lies ahead (see {@link #forwardEntry}), else to be linked.
     */
    private void directExit(long target, Cond cond) {
        LoopEntry loop = targets.loop(target);
        if (loop != null && bindings.values().stream().noneMatch(this::narrow)) {
            // Straight into the loop's body with the values in its registers (not through the state).
            if (cond == null) {
                bridge(loop, bindings);
            } else {
                Label bridge = a.newLabel();
                a.jcc(cond, bridge);
                Map<Long, Inst> bound = new LinkedHashMap<>(bindings);
                coldPaths.add(() -> {
                    a.bind(bridge);
                    bridge(loop, bound);
                });
            }
            return;
        }
        long host = targets.translated(target);
        if (host != 0 && target > loopAddress) {
            host += forwardEntry(options);
        }
        long trampoline = 0;
        if (host == 0) {
            // Until linked, the jump goes to a trampoline that leaves with CHAIN and this exit's number.
            trampoline = targets.trampoline(firstSite + exits.size());
            host = trampoline;
        }
        PatchSite site = cond == null ? a.jmpAbsolute(host) : a.jccAbsolute(cond, host);
        exits.add(new ExitSite(target, site, trampoline));
    }

    /** Moves the bound values into the loop's homes, loads the others from the state, and enters the loop. */
    private void bridge(LoopEntry loop, Map<Long, Inst> bound) {
        Map<Location, Inst> moves = new LinkedHashMap<>();
        List<Long> loads = new ArrayList<>();
        for (var h : loop.homes().entrySet()) {
            Inst v = bound.get(h.getKey());
            if (v != null) {
                moves.put(new Location.Register(h.getValue()), v);
            } else {
                loads.add(h.getKey());
            }
        }
        ParallelMove.emit(a, moves, alloc.locations);
        for (long k : loads) {
            a.mov(loop.homes().get(k), Mem.q(Gp.R15, layout.register(k >>> 32, k & 0xffffffffL)));
        }
        a.jmpAbsolute(loop.loopTop());
    }

    private void branch(Inst i) {
        Inst c = i.operand(0);
        Cond cond;
        if (c.fused && options.fuseCompares()) {
            cond = compare(c);
        } else {
            Gp r = use(c, Gp.RCX);
            a.test(r.withSize(4), r.withSize(4));
            cond = Cond.NE;
        }
        long taken = i.aux;
        long fall = i.aux2;
        if (loopTop != null && (taken == loopAddress || fall == loopAddress)) {
            boolean loopOnTaken = taken == loopAddress;
            loopMoves();
            backEdgeSite(a.jccRel32(loopOnTaken ? cond : cond.negate(), backEdge));
            writeBack();
            directExit(loopOnTaken ? fall : taken, null);
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

    /** A jump to the loop's back edge: an interrupt site (see {@link InterruptSite}) when there are signal checks. */
    private void backEdgeSite(PatchSite jump) {
        if (backEdgeInterrupted != null) {
            interruptSites.add(new InterruptSite(jump.rel32Offset(), InterruptSite.BACK_EDGE_WIDTH,
                    backEdgeInterrupted));
        }
    }

    /**
     * The back edge of a self-loop: every guest register the block reads gets, in the host register it was read
     * into, the value the block bound to it; afterwards the bindings live there. A parallel move (through rax for
     * cycles); movs only, so flags survive.
     */
    private void loopMoves() {
        Map<Location, Inst> moves = new LinkedHashMap<>();
        Map<Long, Inst> newBindings = new LinkedHashMap<>();
        for (var e : bindings.entrySet()) {
            Inst read = loopReads.get(e.getKey());
            if (read != null && loc(read) != null) {
                boolean extension = narrowValue.get(read) == e.getValue();
                moves.put(loc(read), extension ? narrowCarry.get(read) : e.getValue()); // a narrow home: its carrier
                newBindings.put(e.getKey(), read);
            } else {
                // Written but not read at the top: its value has no fixed home across iterations; store it.
                storeState(layout.register(e.getKey() >>> 32, e.getKey() & 0xffffffffL), e.getValue());
            }
        }
        ParallelMove.emit(a, moves, alloc.locations);
        bindings.clear();
        bindings.putAll(newBindings);
    }

    /**
     * An indirect jump. With prediction (fastBT): the target this site went to last, from its cell, is tried first;
     * a misprediction looks the target up in the table and predicts it next time, until the site has missed too
     * often, when it leaves once for the runtime to patch the prediction out (its first instruction becomes a jump
     * to the plain lookup). Without: the plain lookup (or none: straight to the dispatcher).
     */
    private void indirect(Inst i) {
        writeBack();
        into(Gp.RAX, i.operand(0));
        long cell = options.inlineLookup() && options.predict() ? targets.predictionCell() : 0;
        if (cell != 0) {
            Label mispredicted = a.newLabel();
            Label plain = a.newLabel();
            predictions.add(new PredictionSite(cell, a.offset(), plain));
            a.movabs(Gp.RDX, cell); // 10 bytes, room for the jmp that patches the prediction out
            a.cmp(Gp.RAX, Mem.q(Gp.RDX, PredictionSite.GUEST));
            a.jcc(Cond.NE, mispredicted);
            if (indirectHitCounter != 0) {
                a.movImm(Gp.RCX, indirectHitCounter);
                a.inc(Mem.q(Gp.RCX, 8));
            }
            a.jmp(Mem.q(Gp.RDX, PredictionSite.HOST));
            a.bind(mispredicted);
            lookup(() -> {
                Label giveUp = a.newLabel();
                a.movImm(Gp.RDX, cell);
                a.sub(Mem.q(Gp.RDX, PredictionSite.MISSES_LEFT), 1);
                a.jcc(Cond.S, giveUp);
                a.mov(Mem.q(Gp.RDX, PredictionSite.GUEST), Gp.RAX);
                a.mov(Mem.q(Gp.RDX, PredictionSite.HOST), Gp.RCX);
                coldPaths.add(() -> {
                    a.bind(giveUp);
                    a.mov(Mem.q(Gp.R15, layout.exitInfoOffset()), Gp.RDX);
                    a.mov(Mem.q(Gp.R15, layout.pcOffset()), Gp.RAX);
                    a.mov(Gp.EAX, ExitReason.PREDICTION_OFF);
                    a.jmpAbsolute(exitStub);
                });
            });
            a.bind(plain);
        }
        lookup(() -> { });
    }

    /**
     * The inline lookup of the target in rax (if on): on a hit, runs onHit (which may use rdx; the host code is in
     * rcx) and jumps there; otherwise leaves to the dispatcher with INDIRECT.
     */
    private void lookup(Runnable onHit) {
        Label miss = a.newLabel();
        if (options.inlineLookup()) {
            // Two-level mapping table: level 1 indexed by page, level 2 by (pc & 0xfff) / 2, 8 bytes per entry.
            a.mov(Gp.RCX, Gp.RAX);
            a.shr(Gp.RCX, 12);
            a.cmp(Gp.RCX, (int) WINDOW_PAGES);
            a.jcc(Cond.AE, miss);
            a.movImm(Gp.RDX, mappingTable);
            a.mov(Gp.RCX, Mem.q(Gp.RDX, Gp.RCX, 8, 0));
            a.test(Gp.RCX, Gp.RCX);
            a.jcc(Cond.E, miss);
            a.mov(Gp.EDX, Gp.EAX);
            a.and(Gp.EDX, 0xffe);
            a.mov(Gp.RCX, Mem.q(Gp.RCX, Gp.RDX, 4, 0));
            a.test(Gp.RCX, Gp.RCX);
            a.jcc(Cond.E, miss);
            onHit.run();
            if (indirectHitCounter != 0) {
                a.movImm(Gp.RDX, indirectHitCounter);
                a.inc(Mem.q(Gp.RDX, 0));
            }
            a.jmp(Gp.RCX);
        }
        a.bind(miss);
        a.mov(Mem.q(Gp.R15, layout.pcOffset()), Gp.RAX);
        a.mov(Gp.EAX, ExitReason.INDIRECT);
        a.jmpAbsolute(exitStub);
    }
}
