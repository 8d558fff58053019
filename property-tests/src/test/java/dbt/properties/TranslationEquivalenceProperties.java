package dbt.properties;

import dbt.frontend.ShippedIsa;
import dbt.frontend.lift.Lifter;
import dbt.ir.Op;
import dbt.isa.asm.Assembler;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.model.FlowKind;
import dbt.isa.model.Instruction;
import dbt.runtime.check.CaseGenerator;
import dbt.runtime.check.CheckCase;
import dbt.runtime.check.EquivalenceCheck;
import dbt.runtime.check.TranslatorConfigurations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
                c = closeLoop(c, random);
            }
            return new Sample(c);
        });
    }

    /**
     * Makes the sequence a counted loop: a register the body never writes counts down from 1..4, and a backward
     * branch repeats the body while it is not zero.
     */
    static CheckCase closeLoop(CheckCase c, SplittableRandom random) {
        Set<Long> written = new HashSet<>();
        Lifter lifter = new Lifter(DECODER.model());
        for (long[] w : c.code()) {
            Instruction i = DECODER.decode(w[0], (int) w[1] * 8);
            var d = new BlockDecoder.Decoded(0x1000, w[0], i, FlowKind.NEXT);
            var block = new BlockDecoder.Block(0x1000, List.of(d), BlockDecoder.Stop.END, 0, 0, 0);
            for (var inst : lifter.lift(block).insts) {
                if (inst.op == Op.SET_REG && inst.aux == 0) {
                    written.add(inst.aux2);
                }
            }
        }
        List<Integer> free = new ArrayList<>();
        for (int r = 5; r < 32; r++) {
            if (!written.contains((long) r)) {
                free.add(r);
            }
        }
        if (free.isEmpty()) {
            return c;
        }
        int counter = free.get(random.nextInt(free.size()));
        String name = DECODER.model().registerFiles().getFirst().registerName(counter);
        long start = c.start() - 8;
        long end = start + c.codeBytes();
        try {
            Assembler asm = new Assembler(DECODER.model());
            List<long[]> code = new ArrayList<>(c.code());
            code.add(new long[] {asm.assemble("addi " + name + ", " + name + ", -1", end).word(), 4});
            code.add(new long[] {asm.assemble("bne " + name + ", zero, 0x" + Long.toHexString(start), end + 4).word(), 4});
            long[][] registers = new long[c.registers().length][];
            for (int f = 0; f < registers.length; f++) {
                registers[f] = c.registers()[f].clone();
            }
            registers[0][counter] = random.nextInt(1, 5);
            return new CheckCase(code, registers, c.csrs(), c.data());
        } catch (Assembler.AssemblyException e) {
            throw new IllegalStateException(e);
        }
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
