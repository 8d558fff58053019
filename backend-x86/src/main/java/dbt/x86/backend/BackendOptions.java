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
 * @param injectedFault one of {@link #FAULTS}, a deliberately wrong rule of region code, or null (always, outside
 *                     tests of the checkers): for showing that the equivalence checks find broken regions
 */
public record BackendOptions(boolean mapRegisters, boolean fuseCompares, boolean singleJump, boolean inlineLookup,
                             boolean loops, boolean regions, boolean predict, boolean returnStack,
                             boolean hostFaults, boolean signalChecks, boolean hoistInvariants,
                             String injectedFault) {
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
        if (injectedFault != null && !FAULTS.contains(injectedFault)) {
            throw new IllegalArgumentException("unknown fault '" + injectedFault + "'");
        }
    }

    public BackendOptions(boolean mapRegisters, boolean fuseCompares, boolean singleJump, boolean inlineLookup,
                          boolean loops, boolean regions, boolean predict, boolean returnStack, boolean hostFaults,
                          boolean signalChecks) {
        this(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, regions, predict, returnStack, hostFaults,
                signalChecks, true, null);
    }

    public static BackendOptions all() {
        return new BackendOptions(true, true, true, true, true, true, true, true, true, true);
    }

    public BackendOptions withRegions(boolean on) {
        return new BackendOptions(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, on && loops, predict,
                returnStack, hostFaults, signalChecks, hoistInvariants, injectedFault);
    }

    public BackendOptions withHostFaults(boolean on) {
        return new BackendOptions(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, regions, predict,
                returnStack, on, signalChecks, hoistInvariants, injectedFault);
    }

    public BackendOptions withSignalChecks(boolean on) {
        return new BackendOptions(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, regions, predict,
                returnStack, hostFaults, on, hoistInvariants, injectedFault);
    }

    public BackendOptions withInjectedFault(String fault) {
        return new BackendOptions(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, regions, predict,
                returnStack, hostFaults, signalChecks, hoistInvariants, fault);
    }

    public BackendOptions withReturnStack(boolean on) {
        return new BackendOptions(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, regions, predict, on,
                hostFaults, signalChecks, hoistInvariants, injectedFault);
    }

    public BackendOptions withHoistInvariants(boolean on) {
        return new BackendOptions(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, regions, predict,
                returnStack, hostFaults, signalChecks, on, injectedFault);
    }
}
