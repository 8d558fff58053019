package dbt.properties;

import dbt.runtime.check.CheckCase;
import dbt.runtime.check.CheckRunner;
import dbt.runtime.check.EquivalenceCheck;
import dbt.runtime.check.TranslatorConfigurations;
import dbt.runtime.translate.TranslatingEngine;
import dbt.runtime.translate.TranslationOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Translation equivalence on guest code that runs: random RISC-V programs with loops, ifs, early exits and calls
 * (see {@link RunningPrograms}) end in the same registers, memory, pc and exit under the reference interpreter and
 * under the translator in every configuration of {@link TranslatorConfigurations}. Unlike random bytes or short
 * straight sequences, these programs go through many blocks (loops closing on themselves, loops of several blocks
 * translated as regions, calls and returns, blocks entered from several predecessors) before they stop. The report
 * after the run says how far the cases ran and how much of them ran in regions' code (measured by the translator's
 * statistics, with every optimisation on), and the run fails if the generator stops producing code that runs (the
 * median case below 100 instructions or fewer than three cases in four reaching the program's end) or that forms
 * regions (fewer than half the cases running some instructions in regions, or less than 15% of all their
 * instructions run there; measured on 2,000 programs: 69% of the cases, 33% of the instructions, and in the worst
 * of 25 runs of 80 cases, 47 cases and 23%).
 */
class RunningCodeProperties {
    static final RunningPrograms PROGRAMS = new RunningPrograms();
    static final EquivalenceCheck CHECK = new EquivalenceCheck(RunningPrograms.DECODER, TranslatorConfigurations.all());
    static final RunLength LENGTH = new RunLength(RunningPrograms.DECODER);
    static final List<Long> instructions = new ArrayList<>();
    static final List<Long> blocks = new ArrayList<>();
    /** With statistics on, for the share of each case's instructions run in regions' code. */
    static final CheckRunner MEASURED = new CheckRunner(RunningPrograms.DECODER,
            TranslationOptions.all().withOutput(Set.of(), true));
    /** Of all cases: those that ran some instructions in regions, and the instructions run in regions and in all. */
    static int casesInRegions;
    static long inRegions;
    static long translatedInstructions;
    static final Map<String, Integer> endings = new HashMap<>();
    /** Whether a case failed: then that is the news, not what the cases were like. */
    static boolean failed;

    @Property(tries = 80)
    void runningCodeTranslatesLikeTheInterpreter(@ForAll long seed) {
        CheckCase c = PROGRAMS.generate(seed);
        EquivalenceCheck.Result r = CHECK.check(c);
        if (r.failed()) {
            failed = true;
            CheckCase small = CHECK.shrink(c);
            throw new AssertionError("translated (" + r.configuration() + ") differs from the interpreter on:\n"
                    + small.disassembly(RunningPrograms.DECODER) + CHECK.check(small).difference()
                    + "\n(shrunk from seed " + seed + ")");
        }
        RunLength.Run run = LENGTH.run(c, -1, 5_000);
        instructions.add(run.instructions());
        blocks.add(run.blocks());
        endings.merge(run.end(), 1, Integer::sum);
        TranslatingEngine.InstructionsRun before = MEASURED.translator().instructionsRun();
        MEASURED.run(c);
        TranslatingEngine.InstructionsRun after = MEASURED.translator().instructionsRun();
        long regions = after.inRegions() - before.inRegions();
        casesInRegions += regions > 0 ? 1 : 0;
        inRegions += regions;
        translatedInstructions += regions + after.inBlocks() - before.inBlocks();
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    @AfterContainer
    static void report() {
        if (instructions.isEmpty()) {
            return;
        }
        double regionShare = translatedInstructions == 0 ? 0 : (double) inRegions / translatedInstructions;
        System.out.printf("running code: %d programs agree under %d translator configurations; median %d guest "
                        + "instructions in %d blocks (mean %.0f instructions), endings %s; %d programs run in regions, "
                        + "%.0f%% of the instructions%n", instructions.size(),
                TranslatorConfigurations.all().size(), median(instructions), median(blocks),
                instructions.stream().mapToLong(Long::longValue).average().orElse(0), endings, casesInRegions,
                100 * regionShare);
        if (failed) {
            return;
        }
        if (median(instructions) < 100 || endings.getOrDefault("syscall", 0) * 4 < instructions.size() * 3) {
            throw new AssertionError("the generated programs no longer run: median " + median(instructions)
                    + " instructions, endings " + endings);
        }
        if (casesInRegions * 2 < instructions.size() || regionShare < 0.15) {
            throw new AssertionError("the generated programs no longer form regions: " + casesInRegions + " of "
                    + instructions.size() + " run in regions, " + Math.round(100 * regionShare)
                    + "% of their instructions");
        }
    }
}
