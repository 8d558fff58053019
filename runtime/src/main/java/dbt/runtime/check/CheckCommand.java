package dbt.runtime.check;

import dbt.frontend.lift.Lifter;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.decode.RandomEncodings;
import dbt.isa.model.Instruction;
import dbt.runtime.translate.TranslationOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * {@code dbt check}: the translation-equivalence properties for any ISA description. Random instruction sequences
 * from the description's encodings run on the reference interpreter and on the translator in every configuration;
 * a difference is shrunk to a minimal sequence and printed disassembled. Instructions the translator leaves to the
 * interpreter are listed with the reason.
 */
public final class CheckCommand {
    private final InstructionDecoder decoder;
    private final PrintStream out;
    private final boolean interactive;

    public CheckCommand(InstructionDecoder decoder, PrintStream out, boolean interactive) {
        this.decoder = decoder;
        this.out = out;
        this.interactive = interactive;
    }

    /** Runs cases; returns 0 when all agree, 1 when a difference was found. */
    public int run(int cases, long seed, int maxLength, String injectedFault) {
        reportUntranslatable();
        Map<String, TranslationOptions> configs = new LinkedHashMap<>();
        TranslatorConfigurations.all().forEach((k, v) -> configs.put(k, injectedFault == null ? v : v.withInjectedFault(injectedFault)));
        CaseGenerator generator = new CaseGenerator(decoder);
        SplittableRandom random = new SplittableRandom(seed);
        TreeSet<String> covered = new TreeSet<>();
        int compared = 0;
        int skipped = 0;
        long start = System.nanoTime();
        try (EquivalenceCheck check = new EquivalenceCheck(decoder, configs)) {
            for (int n = 0; n < cases; n++) {
                List<Long> seeds = new ArrayList<>();
                int length = 1 + random.nextInt(maxLength);
                for (int k = 0; k < length; k++) {
                    seeds.add(random.nextLong());
                }
                CheckCase c = generator.generate(seeds, random.nextLong());
                EquivalenceCheck.Result r = check.check(c);
                if (r.skipped()) {
                    skipped++;
                } else if (r.failed()) {
                    progressDone();
                    CheckCase small = check.shrink(c);
                    EquivalenceCheck.Result again = check.check(small);
                    out.printf(java.util.Locale.ROOT, "FAILED after %d cases: the translation (configuration '%s') differs from the interpreter on:%n",
                            n + 1, again.configuration());
                    out.print(small.disassembly(decoder));
                    out.print(again.difference());
                    out.printf(java.util.Locale.ROOT, "(shrunk from %d to %d instructions; reproduce with --seed %d --cases %d)%n",
                            c.code().size(), small.code().size(), seed, n + 1);
                    return 1;
                } else {
                    compared++;
                    covered.addAll(generator.instructionsOf(c));
                }
                progress(n + 1, cases);
            }
        }
        progressDone();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(java.util.Locale.ROOT, "check: %,d cases agree in %d translator configurations (%,d more did not end within the budget and "
                        + "were not compared); %d of %d instructions covered; %.1f s, %.0f cases/s%n", compared, configs.size(),
                skipped, covered.size(), decoder.model().instructions().size(), seconds, cases / seconds);
        List<String> missing = decoder.model().instructions().stream().map(Instruction::name)
                .filter(name -> !covered.contains(name)).toList();
        if (!missing.isEmpty()) {
            out.println("check: not covered: " + String.join(", ", missing));
        }
        return 0;
    }

    /** Lists the instructions the translator leaves to the interpreter, and why. */
    private void reportUntranslatable() {
        Lifter lifter = new Lifter(decoder.model());
        RandomEncodings encodings = new RandomEncodings(decoder);
        BlockDecoder blocks = new BlockDecoder(decoder);
        SplittableRandom random = new SplittableRandom(1);
        for (Instruction i : decoder.model().instructions()) {
            String why = null;
            int sampled = 0;
            int interpreted = 0;
            for (int k = 0; k < 16; k++) {
                long word = encodings.word(i, random);
                if (word >= 0) {
                    sampled++;
                    String reason = lifter.whyNotLiftable(new BlockDecoder.Decoded(0x1000, word, i, blocks.flowOf(i, word)));
                    if (reason != null) {
                        interpreted++;
                        why = reason;
                    }
                }
            }
            if (why != null) {
                out.printf(java.util.Locale.ROOT, "check: '%s' is left to the interpreter in %d of %d sampled encodings, e.g.: %s%n", i.name(),
                        interpreted, sampled, why);
            }
        }
    }

    private int lastPercent = -1;

    private void progress(int done, int total) {
        int percent = (int) (100L * done / total);
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        if (interactive) {
            int bar = percent / 4;
            System.err.print("\r  [" + "#".repeat(bar) + ".".repeat(25 - bar) + "] " + done + "/" + total + " cases");
        } else if (percent % 10 == 0) {
            System.err.println("  " + percent + "% (" + done + "/" + total + " cases)");
        }
    }

    private void progressDone() {
        if (interactive && lastPercent >= 0) {
            System.err.println();
        }
    }
}
