package dbt.properties;

import dbt.frontend.ShippedIsa;
import dbt.isa.decode.InstructionDecoder;
import dbt.runtime.check.CaseGenerator;
import dbt.runtime.check.CheckCase;
import dbt.runtime.check.EquivalenceCheck;
import dbt.runtime.check.TranslatorConfigurations;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Translation equivalence on the shipped RISC-V: random instruction sequences drawn from the ISA's own encodings
 * (branches and indirect jumps included), with random registers and memory, end in the same registers, memory,
 * pc and exit under the reference interpreter and under the translator in every configuration (see
 * {@link TranslatorConfigurations}). Half the cases are closed into counted loops, so that blocks branching to
 * themselves are translated too. jqwik shrinks a failure to a short sequence, printed disassembled. The same
 * machinery runs for any ISA in {@code dbt check} and in {@link OtherIsaEquivalenceTest}.
 */
class TranslationEquivalenceProperties {
    static final InstructionDecoder DECODER = ShippedIsa.riscv64();
    static final CaseGenerator GENERATOR = new CaseGenerator(DECODER);
    static final EquivalenceCheck CHECK = new EquivalenceCheck(DECODER, TranslatorConfigurations.all());
    static int compared;
    static int skipped;
    static final Set<String> covered = new HashSet<>();

    /** A case and whether it was closed into a loop, printed disassembled when jqwik reports it. */
    record Sample(CheckCase c) {
        @Override
        public String toString() {
            return "\n" + c.disassembly(DECODER);
        }
    }

    @Provide
    Arbitrary<Sample> cases() {
        return Arbitraries.longs().list().ofMinSize(1).ofMaxSize(12).map(seeds -> {
            SplittableRandom random = new SplittableRandom(seeds.getFirst());
            CheckCase c = GENERATOR.generate(seeds, random.nextLong());
            if (random.nextBoolean()) {
                c = CountedLoops.close(DECODER, c, random);
            }
            return new Sample(c);
        });
    }

    @Property(tries = 30_000)
    void translationAgreesWithTheInterpreter(@ForAll("cases") Sample s) {
        EquivalenceCheck.Result r = CHECK.check(s.c());
        if (r.failed()) {
            throw new AssertionError("translated (" + r.configuration() + ") differs from the interpreter on:\n"
                    + s.c().disassembly(DECODER) + r.difference());
        }
        if (r.skipped()) {
            skipped++;
        } else {
            compared++;
            covered.addAll(GENERATOR.instructionsOf(s.c()));
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("translation equivalence (riscv64): %d cases x %d translator configurations agree with the "
                        + "interpreter (%d more did not end within the budget); %d of %d instructions covered%n", compared,
                TranslatorConfigurations.all().size(), skipped, covered.size(), DECODER.model().instructions().size());
        if (compared < 28_500 && skipped + compared >= 30_000) {
            throw new AssertionError("only " + compared + " cases were compared: fewer than 28,500");
        }
    }
}
