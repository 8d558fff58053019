package dbt.x86.backend;

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
 *                     handler sends the faulting instruction to the interpreter); only the 4 GiB bound is checked
 *                     inline (off: every access tests the page-permission table first, in software)
 * @param regions      a loop of several blocks (without calls) is compiled as one region, its guest registers in host
 *                     registers across its blocks (needs loops)
 * @param returnStack  calls push their return address with the host code to continue at on a return-address stack;
 *                     a return to the address on its top goes straight there (fastBT's shadow stack; off: returns
 *                     are indirect jumps like any other)
 * @param signalChecks blocks and self-loops have {@link InterruptSite}s, which a signal for the thread rewrites to
 *                     leave for the dispatcher, so that it reaches a guest thread that never leaves translated code
 *                     (off: only at its next exit, e.g. a system call)
 */
public record BackendOptions(boolean mapRegisters, boolean fuseCompares, boolean singleJump, boolean inlineLookup,
                             boolean loops, boolean regions, boolean predict, boolean returnStack,
                             boolean hostFaults, boolean signalChecks) {
    public static BackendOptions all() {
        return new BackendOptions(true, true, true, true, true, true, true, true, true, true);
    }

    public BackendOptions withRegions(boolean on) {
        return new BackendOptions(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, on && loops, predict,
                returnStack, hostFaults, signalChecks);
    }

    public BackendOptions withHostFaults(boolean on) {
        return new BackendOptions(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, regions, predict,
                returnStack, on, signalChecks);
    }

    public BackendOptions withSignalChecks(boolean on) {
        return new BackendOptions(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, regions, predict,
                returnStack, hostFaults, on);
    }

    public BackendOptions withReturnStack(boolean on) {
        return new BackendOptions(mapRegisters, fuseCompares, singleJump, inlineLookup, loops, regions, predict, on,
                hostFaults, signalChecks);
    }
}
