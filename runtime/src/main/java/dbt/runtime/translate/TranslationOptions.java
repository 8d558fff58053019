package dbt.runtime.translate;

import dbt.ir.pass.InjectedFault;
import dbt.x86.backend.BackendOptions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the translator does, all switchable from the command line so that seed 000's ladder can be measured.
 *
 * @param disabledPasses IR passes switched off by name (see {@code Pipeline.names()})
 * @param backend        code-generation switches
 * @param chain          patch direct jumps to their targets once translated (off: every block exit returns to
 *                       the dispatcher)
 * @param fastLookup     the dispatcher finds translated code through the O(1) mapping table (off: a linear scan of
 *                       the translated blocks, as before seed 000's jump table)
 * @param debug          what to print per block: in_asm, ir, ir_opt, out_asm
 * @param stats          count and print translation statistics
 * @param budgeted       translated code counts the blocks it runs against a budget (see
 *                       {@code TranslatingEngine.setBudget}); for running untrusted code in tests
 * @param injectedFault  a deliberately wrong pass to add ({@code InjectedFault}), or null: for showing that the
 *                       equivalence checker finds broken translations (a wrong rule of the backend's is in
 *                       {@link BackendOptions#injectedFault}; {@link #withInjectedFault} sets either)
 * @param translateAfter a block runs this many times on the IR interpreter, from its lifted IR, before it is
 *                       translated; 0 translates every block before its first run (see {@code Translator.coldRun})
 * @param ifConversion   a short forward branch over plain instructions does not end a block: they run under its
 *                       condition as a predicate (see {@code Lifter.skipped})
 * @param inlineCalls    a region holds the small leaf functions its loop calls (see {@code InlinedCalls}; needs
 *                       regions)
 * @param hostRoutines   C library functions whose results the C standard fixes run as host routines, not as the
 *                       guest's code (see {@code GuestRoutines})
 */
public record TranslationOptions(Set<String> disabledPasses, BackendOptions backend, boolean chain, boolean fastLookup,
                                 Set<String> debug, boolean stats, boolean budgeted, String injectedFault,
                                 int translateAfter, boolean ifConversion, boolean inlineCalls,
                                 boolean hostRoutines) {
    public TranslationOptions(Set<String> disabledPasses, BackendOptions backend, boolean chain, boolean fastLookup,
                              Set<String> debug, boolean stats, boolean budgeted) {
        this(disabledPasses, backend, chain, fastLookup, debug, stats, budgeted, null, 0, true, true, true);
    }

    public static TranslationOptions all() {
        return new TranslationOptions(Set.of(), BackendOptions.all(), true, true, Set.of(), false, false);
    }

    /**
     * The options with some passes and mechanisms switched off. Register mapping and compare fusion are each a pass
     * and a way of generating code: switching off the pass switches off both. A self-loop keeps guest registers in
     * host registers only when it is a linked, single-jump branch to itself with mapped registers; returns use the
     * return-address stack only with linking (its entries go to linked jumps).
     */
    public static TranslationOptions of(Set<String> disabledPasses, boolean chain, boolean singleJump, boolean fastLookup,
                                        boolean loops, boolean predict, boolean hostFaults) {
        boolean regmap = !disabledPasses.contains("regmap");
        boolean mappedLoops = regmap && chain && singleJump && loops;
        BackendOptions backend = new BackendOptions(regmap, !disabledPasses.contains("fuse"), singleJump, fastLookup,
                mappedLoops, mappedLoops, fastLookup && predict, chain, hostFaults, true);
        return new TranslationOptions(Set.copyOf(disabledPasses), backend, chain, fastLookup, Set.of(), false, false);
    }

    /**
     * Every option that shapes translated code, as text in the same order in every run (a set's own order is not):
     * the options part of the key of saved translations ({@code SavedTranslationsKey}), so a new component belongs
     * here too (TranslationOptionsTest checks that each one changes it). Built without string concatenation, which
     * costs start-up time on its first use.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(backend.describe());
        sb.append(" passes-off ").append(new java.util.TreeSet<>(disabledPasses)).append(" chain ").append(chain)
                .append(" fast-lookup ").append(fastLookup).append(" stats ").append(stats).append(" budgeted ")
                .append(budgeted).append(" fault ").append(injectedFault).append(" translate-after ")
                .append(translateAfter).append(" if-conversion ").append(ifConversion).append(" inline-calls ")
                .append(inlineCalls).append(" host-routines ").append(hostRoutines);
        return sb.toString();
    }

    public TranslationOptions withOutput(Set<String> debug, boolean stats) {
        return new TranslationOptions(disabledPasses, backend, chain, fastLookup, Set.copyOf(debug), stats, budgeted,
                injectedFault, translateAfter, ifConversion, inlineCalls, hostRoutines);
    }

    /** The same options with memory checked in software (when the host fault handler cannot be installed). */
    public TranslationOptions withSoftwareMemoryChecks() {
        return new TranslationOptions(disabledPasses, backend.withHostFaults(false), chain, fastLookup, debug, stats,
                budgeted, injectedFault, translateAfter, ifConversion, inlineCalls, hostRoutines);
    }

    /** The same options with or without regions (loops of several blocks compiled as one; see IrRegion). */
    public TranslationOptions withRegions(boolean on) {
        return new TranslationOptions(disabledPasses, backend.withRegions(on), chain, fastLookup, debug, stats,
                budgeted, injectedFault, translateAfter, ifConversion, inlineCalls, hostRoutines);
    }

    /** The same options with these registers pinned (see {@link BackendOptions#pinned}). */
    public TranslationOptions withPinned(List<Integer> registers) {
        return new TranslationOptions(disabledPasses, backend.withPinned(registers), chain, fastLookup, debug, stats,
                budgeted, injectedFault, translateAfter, ifConversion, inlineCalls, hostRoutines);
    }

    /** The same options with or without the return-address stack. */
    public TranslationOptions withReturnStack(boolean on) {
        return new TranslationOptions(disabledPasses, backend.withReturnStack(on), chain, fastLookup, debug, stats,
                budgeted, injectedFault, translateAfter, ifConversion, inlineCalls, hostRoutines);
    }

    public TranslationOptions withSignalChecks(boolean on) {
        return new TranslationOptions(disabledPasses, backend.withSignalChecks(on), chain, fastLookup, debug, stats,
                budgeted, injectedFault, translateAfter, ifConversion, inlineCalls, hostRoutines);
    }

    public TranslationOptions withBudget() {
        return new TranslationOptions(disabledPasses, backend, chain, fastLookup, debug, stats, true, injectedFault,
                translateAfter, ifConversion, inlineCalls, hostRoutines);
    }

    /** Every fault {@link #withInjectedFault} knows: the IR's wrong passes, then the backend's wrong rules. */
    public static List<String> faults() {
        return Stream.concat(InjectedFault.KINDS.stream(), BackendOptions.FAULTS.stream()).toList();
    }

    /** The same options with one of {@link #faults()}: a wrong pass in the pipeline, or a wrong backend rule. */
    public TranslationOptions withInjectedFault(String fault) {
        if (BackendOptions.FAULTS.contains(fault)) {
            return new TranslationOptions(disabledPasses, backend.withInjectedFault(fault), chain, fastLookup, debug,
                    stats, budgeted, injectedFault, translateAfter, ifConversion, inlineCalls, hostRoutines);
        }
        return new TranslationOptions(disabledPasses, backend, chain, fastLookup, debug, stats, budgeted, fault,
                translateAfter, ifConversion, inlineCalls, hostRoutines);
    }

    /** The same options with or without self-loops computing their invariants once, before they start. */
    public TranslationOptions withHoistInvariants(boolean on) {
        return new TranslationOptions(disabledPasses, backend.withHoistInvariants(on), chain, fastLookup, debug, stats,
                budgeted, injectedFault, translateAfter, ifConversion, inlineCalls, hostRoutines);
    }

    /** The same options with or without if-conversion of short forward branches. */
    public TranslationOptions withIfConversion(boolean on) {
        return new TranslationOptions(disabledPasses, backend, chain, fastLookup, debug, stats, budgeted, injectedFault,
                translateAfter, on, inlineCalls, hostRoutines);
    }

    /** The same options with or without leaf calls inlined into regions. */
    public TranslationOptions withInlineCalls(boolean on) {
        return new TranslationOptions(disabledPasses, backend, chain, fastLookup, debug, stats, budgeted, injectedFault,
                translateAfter, ifConversion, on, hostRoutines);
    }

    /** The same options with or without C library functions run as host routines. */
    public TranslationOptions withHostRoutines(boolean on) {
        return new TranslationOptions(disabledPasses, backend, chain, fastLookup, debug, stats, budgeted, injectedFault,
                translateAfter, ifConversion, inlineCalls, on);
    }

    public TranslationOptions withTranslateAfter(int runs) {
        return new TranslationOptions(disabledPasses, backend, chain, fastLookup, debug, stats, budgeted, injectedFault,
                runs, ifConversion, inlineCalls, hostRoutines);
    }
}
