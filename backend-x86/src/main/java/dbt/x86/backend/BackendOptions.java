package dbt.x86.backend;

import java.util.List;

/**
 * Code-generation switches, each one a step of seed 000's optimisation ladder.
 *
 * @param mapRegisters guest registers stay in host registers within a block, written back once at exits
 *                     (off: every read is a load and every write a store, "unoptimised")
 * @param fuseCompares a fused compare becomes cmp + jcc (off: the boolean is materialised and tested)
 * @param singleJump   a conditional exit is one jcc to the taken target (off: jcc over a jmp, two jumps)
 * @param inlineLookup indirect jumps look the target up inline in the mapping table before leaving
 * @param loops        a block that branches to itself keeps guest registers in host registers across
 *                     iterations and jumps to its own loop head (needs mapRegisters)
 * @param predict      each indirect jump first tries the target it went to last (fastBT's per-site prediction, given
 *                     up at a site that keeps missing) before the table lookup (needs inlineLookup)
 * @param hostFaults   guest memory is accessed directly and the host MMU stops what the guest may not do (a fault
 *                     handler sends the faulting instruction to the interpreter); only the window's bound is
 *                     checked inline (off: every access tests the page-permission table first, in software)
 * @param regions      a loop of several blocks (without calls) is compiled as one region, its guest registers in host
 *                     registers across its blocks (needs loops)
 * @param returnStack  guest calls are host calls, and a guest return to where its call would come back is a host
 *                     return, predicted by the host's own return-address stack (see {@link CallFrames}; off: calls
 *                     are jumps, returns indirect jumps like any other)
 * @param signalChecks blocks and self-loops have {@link InterruptSite}s, which a signal for the thread rewrites to
 *                     leave for the dispatcher, so that it reaches a guest thread that never leaves translated code
 *                     (off: only at its next exit, e.g. a system call)
 * @param hoistInvariants a self-loop computes what does not change from one iteration to the next (from constants and
 *                     registers it never writes) once, before it ({@code SelfLoops.hoistInvariants})
 * @param pinned       integer registers (indices in register file 0) kept in fixed host registers across all
 *                     translated code (see {@link PinnedRegisters}; needs mapRegisters); empty: none; null: the
 *                     ISA's own choice, which the runtime makes (from its ABI) before translating
 * @param injectedFault one of {@link #FAULTS}, a deliberately wrong rule of region code, or null (always, outside
 *                     tests of the checkers): for showing that the equivalence checks find broken regions
 */
public record BackendOptions(boolean mapRegisters, boolean fuseCompares, boolean singleJump, boolean inlineLookup,
                             boolean loops, boolean regions, boolean predict, boolean returnStack,
                             boolean hostFaults, boolean signalChecks, boolean hoistInvariants,
                             List<Integer> pinned, String injectedFault) {
    /** A side exit of a region (a branch with one target inside it) leaves without writing back the homes. */
    public static final String REGION_SIDE_EXIT = "region-side-exit";
    /** An edge inside a region leaves one of the values its block bound out of its home. */
    public static final String REGION_EDGE_MOVE = "region-edge-move";
    /** A jump forward inside a region falls through to the block laid out next, whichever block it goes to. */
    public static final String REGION_FORWARD_JUMP = "region-forward-jump";
    /**
     * A cold path in a region (a memory access the guest may not make, a float result left to the interpreter)
     * leaves the homes unwritten.
     */
    public static final String REGION_COLD_PATH = "region-cold-path";
    public static final List<String> FAULTS = List.of(REGION_SIDE_EXIT, REGION_EDGE_MOVE, REGION_FORWARD_JUMP,
            REGION_COLD_PATH);

    public BackendOptions {
        pinned = !mapRegisters ? List.of() : pinned == null ? null : List.copyOf(pinned);
        if (injectedFault != null && !FAULTS.contains(injectedFault)) {
            throw new IllegalArgumentException("unknown fault '" + injectedFault + "'");
        }
    }

    public BackendOptions(boolean mapRegisters, boolean fuseCompares, boolean singleJump, boolean inlineLookup,
                          boolean loops, boolean regions, boolean predict, boolean returnStack, boolean hostFaults,
                          boolean signalChecks) {
        this(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, regions, predict, returnStack, hostFaults,
                signalChecks, true, null, null);
    }

    /**
     * Every switch, as text in a fixed order (part of the key of saved translations: a new component belongs here
     * too; a test checks each one changes it). Built without string concatenation, which costs start-up time.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        boolean[] switches = {mapRegisters, fuseCompares, singleJump, inlineLookup, loops, regions, predict, returnStack,
                hostFaults, signalChecks, hoistInvariants};
        for (boolean b : switches) {
            sb.append(b ? '1' : '0');
        }
        return sb.append(" pinned ").append(pinned).append(" fault ").append(injectedFault).toString();
    }

    public static BackendOptions all() {
        return new BackendOptions(true, true, true, true, true, true, true, true, true, true);
    }

    public BackendOptions withRegions(boolean on) {
        return new BackendOptions(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, on && loops, predict,
                returnStack, hostFaults, signalChecks, hoistInvariants, pinned, injectedFault);
    }

    public BackendOptions withHostFaults(boolean on) {
        return new BackendOptions(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, regions, predict,
                returnStack, on, signalChecks, hoistInvariants, pinned, injectedFault);
    }

    public BackendOptions withSignalChecks(boolean on) {
        return new BackendOptions(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, regions, predict,
                returnStack, hostFaults, on, hoistInvariants, pinned, injectedFault);
    }

    public BackendOptions withInjectedFault(String fault) {
        return new BackendOptions(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, regions, predict,
                returnStack, hostFaults, signalChecks, hoistInvariants, pinned, fault);
    }

    public BackendOptions withReturnStack(boolean on) {
        return new BackendOptions(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, regions, predict, on,
                hostFaults, signalChecks, hoistInvariants, pinned, injectedFault);
    }

    public BackendOptions withHoistInvariants(boolean on) {
        return new BackendOptions(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, regions, predict,
                returnStack, hostFaults, signalChecks, on, pinned, injectedFault);
    }

    /** The same options with these registers pinned (see {@link #pinned}). */
    public BackendOptions withPinned(List<Integer> registers) {
        return new BackendOptions(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, regions, predict,
                returnStack, hostFaults, signalChecks, hoistInvariants, registers, injectedFault);
    }

    /** Each pinned register (its index in register file 0) with its host register, in order. */
    public java.util.Map<Integer, dbt.x86.asm.Gp> pinnedHosts() {
        if (pinned == null) {
            throw new IllegalStateException("the ISA's pinned registers are not chosen yet");
        }
        java.util.Map<Integer, dbt.x86.asm.Gp> out = new java.util.LinkedHashMap<>();
        pinnedRegisters().all().forEach((key, host) -> out.put((int) (long) key, host));
        return out;
    }

    /** The pinned registers with their host registers. */
    PinnedRegisters pinnedRegisters() {
        return new PinnedRegisters(pinned);
    }
}
