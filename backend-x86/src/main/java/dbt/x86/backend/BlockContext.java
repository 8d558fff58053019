package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.analysis.InductionBases;
import dbt.ir.analysis.SharedBaseChecks;
import dbt.x86.asm.Assembler;
import dbt.x86.asm.Label;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the parts of one block's compilation share: the code being assembled, where each value lives, the guest
 * registers bound to values, the cold paths to emit after the hot code, the sites the runtime needs to know, and
 * the facts the analyses found. {@link BlockCompiler} fills it in; the lowerings read it and add code and sites.
 */
final class BlockContext {
    final Assembler a;
    final StateLayout layout;
    final BackendOptions options;
    final ExitTargets targets;
    /** Host address of the exit stub (translated code jumps there with rax = exit reason). */
    final long exitStub;
    RegisterAllocator alloc;
    /** The guest registers kept in fixed host registers (see {@link PinnedRegisters}). */
    final PinnedRegisters pinned;
    /** Of a self-loop or region, the pinned registers it evicts (see {@link PinnedRegisters#unusedBy}). */
    Map<Long, dbt.x86.asm.Gp> evicted = Map.of();
    /** The reads of pinned registers that are their homes: already in their host registers, no code. */
    final Set<Inst> pinnedHomes = new HashSet<>();

    /** Guest register (file << 32 | index) → the value now bound to it (with register mapping). */
    final Map<Long, Inst> bindings = new LinkedHashMap<>();
    /** Code emitted after the block's hot code, in order (see {@link #cold}). */
    final List<Runnable> coldPaths = new ArrayList<>();
    final List<ExitSite> exits = new ArrayList<>();
    final List<FaultSite> faultSites = new ArrayList<>();
    final List<PredictionSite> predictions = new ArrayList<>();
    final List<InterruptSite> interruptSites = new ArrayList<>();
    /** Every field of the code that holds an address outside it, except the direct exits' (see {@link ExternalRef}). */
    final List<ExternalRef> externals = new ArrayList<>();
    /** The loops the code jumps straight into, which its {@link ExternalRef.Target#LOOP_TOP} references index. */
    final List<BridgedLoop> bridgedLoops = new ArrayList<>();
    /** The guest address of the instruction being emitted, and the index of the IR instruction. */
    long guestPc;
    int position;

    /** Fused multiply-adds tested for a NaN once per run of them ({@link FmaCheckGroups}): member → its group. */
    final Map<Inst, FmaCheckGroups.Group> fmaChecks = new HashMap<>();
    /** Where each of those holds its result for its group's test ({@link FmaCheckGroups#carriers}). */
    Map<Inst, Inst> fmaCarriers = Map.of();
    /** Truncations to 32 bits whose users all read only the low 32 bits: they are their operand's register. */
    Set<Inst> narrowViews = Set.of();
    /** Masks of shift counts that x86 applies itself, and truncations feeding only them: never computed. */
    Set<Inst> shiftCounts = Set.of();
    /** Indirect jumps' targets masked where the jump leaves ({@link dbt.ir.analysis.MaskedTargets}). */
    Set<Inst> maskedTargets = Set.of();
    /** Sign extensions made by the load they extend: extension → load. */
    Map<Inst, Inst> signedLoads = Map.of();
    /** Comparisons whose only use is the condition of a SELECT: a compare and a cmov, no boolean. */
    Set<Inst> selectCompares = Set.of();
    /** Additions of a constant folded into the addresses of loads and stores (see FoldableAddresses). */
    Set<Inst> foldedAddresses = Set.of();
    /** Accesses of the block being emitted that share a checked base (see SharedBaseChecks; with host faults). */
    SharedBaseChecks sharedChecks = SharedBaseChecks.NONE;
    /** In a region: accesses off bases it never changes, checked once where it is entered (with host faults). */
    SharedBaseChecks invariantChecks = SharedBaseChecks.NONE;
    /** Of invariantChecks' bases: sums base + index computed in the loop (see InductionBases#derived). */
    Map<Inst, InductionBases.Derived> derivedBases = Map.of();
    /** In a self-loop: 64-bit forms of words (extensions, NaN-boxes) made only where written back (LoopLowering). */
    Set<Inst> exitOnlyForms = Set.of();
    /** Register temporaries only a cold path needs, computed there (see {@link ExitTemporaries}). */
    Set<Inst> exitTemporaries = Set.of();
    /** Shifts folded into the addition that uses them, one lea (see {@link dbt.ir.analysis.ScaledIndexes}). */
    Set<Inst> scaledIndexes = Set.of();
    /** Register writes stored where they are made, not bound (see {@link EagerWrites}). */
    Set<Inst> eagerWrites = Set.of();
    /** Guest register reads that float ops load from the state themselves (see FloatLowering.floatReads). */
    Set<Inst> floatReads = Set.of();
    /** Guest register reads whose one user reads them from the state (see {@link StateReads}). */
    Set<Inst> stateReads = Set.of();

    /** The guest address of the block being emitted (in a region, one of its blocks). */
    long blockAddress;

    // ---- a self-loop or a region (see LoopLowering) ------------------------------------------------------------

    /**
     * A block of this code that a jump can reach without leaving it: where the jump goes, and where it goes instead
     * when the thread is interrupted (null without signal checks), a cold path that leaves with the target's
     * bindings written back.
     */
    record Internal(Label label, Label interrupted) {}

    /** The blocks of this code by guest address: the self-loop's own, or a region's. */
    final Map<Long, Internal> internal = new HashMap<>();
    /**
     * A region's plain indirect jumps that stay inside it (see {@link dbt.ir.IrRegion#jumps}): by the block they end,
     * the blocks of the region they may go to.
     */
    Map<Long, long[]> regionJumps = Map.of();
    /** In a region, the guest address of the block laid out after the one being emitted (else -1). */
    long nextBlock = -1;
    /** Where the loop's homes hold their registers' values (after their loads), or null if there is no loop. */
    Label loopTop;
    /** A self-loop's entry with its homes loaded, before its invariants are computed (null: at loopTop). */
    Label loopEntry;
    /** Of a self-loop, the index of its body's first instruction (loopTop's; before it, its reads and invariants). */
    int loopBody;
    /** The loop's register reads at its top: guest register → the read, whose location is the register's home. */
    final Map<Long, Inst> loopReads = new HashMap<>();
    /** Narrow homes of a self-loop: register read at the top → the 32-bit value its back edge carries instead. */
    final Map<Inst, Inst> narrowCarry = new HashMap<>();
    /**
     * The carriers of narrow homes, which the body's last write of each such register binds instead of their sign
     * extension: written back to the state, they are sign-extended from their low half (as the homes are).
     */
    final Set<Inst> narrowWrites = new HashSet<>();
    /** Narrow homes whose carrier is also stored elsewhere: register read at the top → the extension, bound. */
    final Map<Inst, Inst> narrowValue = new HashMap<>();

    BlockContext(Assembler a, StateLayout layout, BackendOptions options, ExitTargets targets, long exitStub) {
        this.a = a;
        this.layout = layout;
        this.options = options;
        this.targets = targets;
        this.exitStub = exitStub;
        this.pinned = options.pinned() == null ? PinnedRegisters.NONE : options.pinnedRegisters();
    }

    /** {@code movabs r, address}: the address of target, recorded as an external reference. */
    void movAddress(dbt.x86.asm.Gp r, ExternalRef.Target target, long address, int index) {
        a.movabs(r, address);
        externals.add(new ExternalRef(a.offset() - 8, ExternalRef.Field.IMM64, target, index));
    }

    /** A jump to host address target (of the given kind), recorded as an external reference. */
    void jumpAbsolute(ExternalRef.Target target, long address) {
        externals.add(new ExternalRef(a.jmpAbsolute(address).rel32Offset(), ExternalRef.Field.REL32, target, 0));
    }

    /** A jump into the translated loop at guest address pc past its head, recorded as an external reference. */
    void jumpIntoLoop(long pc, LoopEntry loop) {
        externals.add(new ExternalRef(a.jmpAbsolute(loop.loopTop()).rel32Offset(), ExternalRef.Field.REL32,
                ExternalRef.Target.LOOP_TOP, bridgedLoops.size()));
        bridgedLoops.add(new BridgedLoop(pc, loop));
    }

    /**
     * Records the instruction just emitted, whose memory operand's displacement (its last four bytes: it has no
     * immediate) is the address of target plus index.
     */
    void displacementWas(ExternalRef.Target target, int index) {
        externals.add(new ExternalRef(a.offset() - 4, ExternalRef.Field.DISP32, target, index));
    }

    /**
     * Whether a deliberately wrong rule of region code (see {@link BackendOptions#injectedFault}) is to be applied:
     * it is the fault asked for, and this code is a region's (more than one block of its own).
     */
    boolean injected(String fault) {
        return fault.equals(options.injectedFault()) && internal.size() > 1;
    }

    /**
     * Raw float homes of a self-loop or a region: register read at the top → a last write of the register (the
     * body's; in a region, a block's), a canonical-NaN select {@code NAN_SELECT(x, k)} whose x the back edge (an edge
     * into another block) carries instead (see {@link CanonicalNans#exitOnly}). Every reader of such a home is a float
     * op that an operand NaN's payload and sign do not change; where the home is written back, a NaN becomes k.
     */
    final Map<Inst, Inst> rawFloat = new HashMap<>();
    /**
     * The canonical-NaN selects whose operand the back edge (in a region, an edge into another block) moves into a raw
     * float home instead of the select: in a self-loop the one rawFloat maps its home to, in a region one per block.
     */
    final Set<Inst> rawCarried = new HashSet<>();

    /** The value the back edge moves into read's home when value is the register's last write in the body. */
    Inst carriedBy(Inst read, Inst value) {
        if (narrowValue.get(read) == value) {
            return narrowCarry.get(read);
        }
        return rawFloat.containsKey(read) && rawCarried.contains(value) ? value.operand(0) : value;
    }

    /**
     * Whether the self-loop is peeled: its homes that hold another form of the register's value than the state's
     * (narrow, raw float) hold it only after the first iteration, before which the state has the register's value.
     */
    boolean peeled() {
        return !narrowCarry.isEmpty() || !rawFloat.isEmpty();
    }

    /** Narrow homes and carriers whose value is the low half NaN-boxed (not sign-extended). */
    final Set<Inst> boxed = new HashSet<>();

    /**
     * The unboxing selects of boxed narrow homes ({@link LoopLowering#narrowCarries}): in the loop proper (after the
     * first iteration) the home holds the word, boxed by definition, so each select is its word, and its box check
     * ({@link #boxChecks}: the shift, truncation and compare) is not computed.
     */
    final Set<Inst> unboxes = new HashSet<>();
    final Set<Inst> boxChecks = new HashSet<>();
    /** Whether the code being emitted is a peeled self-loop's loop proper (after its first iteration). */
    boolean loopProper;

    /** The words a self-loop's back edge carries into its narrow homes. */
    Set<Inst> carriers() {
        Set<Inst> out = new HashSet<>();
        out.addAll(narrowWrites);
        out.addAll(narrowCarry.values());
        return out;
    }

    /** A narrow home after the back edge, or its carrier: its value is the low half, sign-extended (or boxed). */
    boolean narrow(Inst v) {
        return narrowCarry.containsKey(v) || narrowWrites.contains(v);
    }

    /**
     * Adds code to emit after the block's hot code, reached from the instruction being emitted: it runs with
     * {@link #position} at that instruction, so that it finds values where they are there.
     */
    void cold(Runnable emit) {
        int at = position;
        coldPaths.add(() -> {
            int after = position;
            position = at;
            emit.run();
            position = after;
        });
    }
}
