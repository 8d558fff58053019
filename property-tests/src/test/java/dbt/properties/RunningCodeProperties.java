package dbt.properties;

import dbt.runtime.check.CheckCase;
import dbt.runtime.check.EquivalenceCheck;
import dbt.runtime.check.TranslatorConfigurations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Translation equivalence on guest code that runs: random RISC-V programs with loops, forward branches and calls
 * (see {@link RunningPrograms}) end in the same registers, memory, pc and exit under the reference interpreter and
 * under the translator in every configuration of {@link TranslatorConfigurations}. Unlike random bytes or short
 * straight sequences, these programs go through many blocks (loops closing on themselves, calls and returns,
 * blocks entered from several predecessors) before they stop. The report after the run says how far the cases
 * ran, and the run fails if the generator stops producing code that runs (the median case below 100 instructions
 * or fewer than three cases in four reaching the program's end).
 */
class RunningCodeProperties {
    static final RunningPrograms PROGRAMS = new RunningPrograms();
    static final EquivalenceCheck CHECK = new EquivalenceCheck(RunningPrograms.DECODER, TranslatorConfigurations.all());
    static final RunLength LENGTH = new RunLength(RunningPrograms.DECODER);
    static final List<Long> instructions = new ArrayList<>();
    static final List<Long> blocks = new ArrayList<>();
    static final Map<String, Integer> endings = new HashMap<>();

    @Property(tries = 80)
    void runningCodeTranslatesLikeTheInterpreter(@ForAll long seed) {
        CheckCase c = PROGRAMS.generate(seed);
        EquivalenceCheck.Result r = CHECK.check(c);
        if (r.failed()) {
            CheckCase small = CHECK.shrink(c);
            throw new AssertionError("translated (" + r.configuration() + ") differs from the interpreter on:\n"
                    + small.disassembly(RunningPrograms.DECODER) + CHECK.check(small).difference()
                    + "\n(shrunk from seed " + seed + ")");
        }
        RunLength.Run run = LENGTH.run(c, -1, 5_000);
        instructions.add(run.instructions());
        blocks.add(run.blocks());
        endings.merge(run.end(), 1, Integer::sum);
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
        System.out.printf("running code: %d programs agree under %d translator configurations; median %d guest "
                        + "instructions in %d blocks (mean %.0f instructions), endings %s%n", instructions.size(),
                TranslatorConfigurations.all().size(), median(instructions), median(blocks),
                instructions.stream().mapToLong(Long::longValue).average().orElse(0), endings);
        if (median(instructions) < 100 || endings.getOrDefault("syscall", 0) * 4 < instructions.size() * 3) {
            throw new AssertionError("the generated programs no longer run: median " + median(instructions)
                    + " instructions, endings " + endings);
        }
    }
}
