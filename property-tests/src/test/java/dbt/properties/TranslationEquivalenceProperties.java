package dbt.properties;

import dbt.frontend.GuestMachine;
import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;
import dbt.frontend.ShippedIsa;
import dbt.ir.pass.Pipeline;
import dbt.isa.asm.Disassembler;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.decode.RandomEncodings;
import dbt.isa.exec.GuestFault;
import dbt.isa.interp.IllegalInstruction;
import dbt.isa.model.FlowKind;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import dbt.runtime.Engine;
import dbt.runtime.InterpretingEngine;
import dbt.runtime.translate.TranslatingEngine;
import dbt.runtime.translate.TranslationOptions;
import dbt.x86.backend.BackendOptions;
import java.io.PrintStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Translation equivalence: random instruction sequences drawn from the ISA's own encodings, with random
 * registers and memory, end in the same registers, memory, pc and exit under the reference interpreter and under
 * the translator — with every optimisation, and with each one switched off alone. Sequences only ever transfer
 * control forwards (direct branches and jumps with forward targets; no indirect jumps), so every case ends: in
 * the ecall placed after the sequence, in a fault, or beyond the code. A failing case shrinks (jqwik) to a short
 * sequence, printed disassembled.
 */
class TranslationEquivalenceProperties {
    static final long CODE = 0x10000;
    static final long DATA = 0x20000;
    static final int DATA_BYTES = 0x2000;
    static final InstructionDecoder DECODER = ShippedIsa.riscv64();
    static final IsaModel MODEL = DECODER.model();
    static final RandomEncodings ENCODINGS = new RandomEncodings(DECODER);
    static final Disassembler PRINTER = new Disassembler(MODEL);
    static final List<Instruction> USABLE = MODEL.instructions().stream()
            .filter(i -> i.flow().stream().noneMatch(f -> f.kind() == FlowKind.INDIRECT || f.kind() == FlowKind.RETURN
                    || f.kind() == FlowKind.INDIRECT_CALL || f.kind() == FlowKind.TRAP))
            .filter(i -> !i.name().equals("auipc") && !i.name().equals("ecall"))
            .toList();

    /** The translator configurations every case runs under. */
    static final Map<String, TranslationOptions> CONFIGS = configs();
    static final Map<String, Runner> RUNNERS = new LinkedHashMap<>();
    static int cases;
    static final Set<String> covered = new HashSet<>();

    static Map<String, TranslationOptions> configs() {
        Map<String, TranslationOptions> c = new LinkedHashMap<>();
        c.put("all", TranslationOptions.all());
        for (String pass : Pipeline.names()) {
            BackendOptions b = new BackendOptions(!pass.equals("regmap"), !pass.equals("fuse"), true, true, !pass.equals("regmap"));
            c.put("no-" + pass, new TranslationOptions(Set.of(pass), b, true, true, Set.of(), false, false));
        }
        c.put("no-chain", new TranslationOptions(Set.of(), new BackendOptions(true, true, true, true, false), false, true,
                Set.of(), false, false));
        c.put("no-loops", new TranslationOptions(Set.of(), new BackendOptions(true, true, true, true, false), true, true,
                Set.of(), false, false));
        c.put("no-jcc", new TranslationOptions(Set.of(), new BackendOptions(true, true, false, true, false), true, true, Set.of(), false, false));
        c.put("no-fast-lookup", new TranslationOptions(Set.of(), new BackendOptions(true, true, true, false, true), true, false, Set.of(), false, false));
        c.put("none", new TranslationOptions(Set.copyOf(Pipeline.names()), new BackendOptions(false, false, false, false, false),
                false, false, Set.of(), false, false));
        return c;
    }

    /** One guest machine and the engine that runs on it, reused from case to case. */
    static final class Runner {
        final GuestMemory memory = new GuestMemory();
        final GuestState state = new GuestState(MODEL.registerFiles().stream().mapToInt(f -> f.count()).toArray(), MODEL.csrSlots());
        final GuestMachine machine = new GuestMachine(state, memory);
        final Engine engine;

        Runner(TranslationOptions options) {
            memory.map(CODE, 0x1000, GuestMemory.READ | GuestMemory.EXEC);
            memory.map(DATA, DATA_BYTES, GuestMemory.READ | GuestMemory.WRITE);
            // Translated code runs on a block budget: a miscompiled case that never ends fails instead of hanging.
            engine = options == null ? new InterpretingEngine(DECODER, machine)
                    : new TranslatingEngine(DECODER, machine, options.withBudget(), new PrintStream(OutputStream.nullOutputStream()));
        }

        /** Loads the case, runs it to its first exit, and describes the final state. */
        String run(Case c) {
            engine.invalidate();
            memory.protect(CODE, 0x1000, GuestMemory.READ | GuestMemory.WRITE);
            byte[] code = new byte[0x1000];
            int at = 0;
            for (long[] insn : c.code) {
                for (int b = 0; b < insn[1]; b++) {
                    code[at++] = (byte) (insn[0] >>> (8 * b));
                }
            }
            long ecall = 0x00000073;
            for (int b = 0; b < 4; b++) {
                code[at++] = (byte) (ecall >>> (8 * b));
            }
            memory.write(CODE, code, 0, code.length);
            memory.protect(CODE, 0x1000, GuestMemory.READ | GuestMemory.EXEC);
            memory.write(DATA, c.data, 0, c.data.length);
            for (int f = 0; f < c.registers.length; f++) {
                for (int r = 0; r < c.registers[f].length; r++) {
                    state.setRegister(f, r, c.registers[f][r]);
                }
            }
            state.setReservation(-1);
            state.setPc(CODE);
            if (engine instanceof TranslatingEngine t) {
                t.setBudget(10_000);
            }
            String end;
            try {
                end = engine.run().name();
                if (end.equals("CONTINUE")) {
                    end = "did not finish within 10,000 blocks";
                }
            } catch (GuestFault e) {
                end = "fault " + e.access() + " 0x" + Long.toHexString(e.address());
            } catch (IllegalInstruction e) {
                end = "illegal instruction";
            }
            StringBuilder sb = new StringBuilder("end: " + end + String.format("%npc 0x%x%n", state.pc()));
            for (int f = 0; f < c.registers.length; f++) {
                for (int r = 0; r < c.registers[f].length; r++) {
                    sb.append(String.format("%s = 0x%x%n", MODEL.registerFiles().get(f).registerName(r), state.register(f, r)));
                }
            }
            byte[] data = new byte[DATA_BYTES];
            memory.read(DATA, data, 0, DATA_BYTES);
            for (int k = 0; k < DATA_BYTES; k += 8) {
                long v = 0;
                for (int b = 7; b >= 0; b--) {
                    v = (v << 8) | (data[k + b] & 0xff);
                }
                if (v != 0) {
                    sb.append(String.format("[0x%x] = 0x%x%n", DATA + k, v));
                }
            }
            return sb.toString();
        }
    }

    /** A case: instruction words (word, bytes), registers, data. */
    record Case(List<long[]> code, long[][] registers, byte[] data) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("\n");
            long pc = CODE;
            for (long[] w : code) {
                Instruction i = DECODER.decode(w[0], (int) w[1] * 8);
                sb.append(String.format("  0x%x: %s%n", pc, i == null ? "?" : PRINTER.print(i, w[0], pc)));
                pc += w[1];
            }
            return sb.toString();
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.longs().list().ofMinSize(1).ofMaxSize(12).map(seeds -> {
            SplittableRandom random = new SplittableRandom(seeds.isEmpty() ? 0 : seeds.getFirst());
            List<long[]> code = new ArrayList<>();
            long pc = CODE;
            for (long seed : seeds) {
                SplittableRandom r = new SplittableRandom(seed);
                long[] insn = null;
                for (int attempt = 0; attempt < 20 && insn == null; attempt++) {
                    Instruction i = USABLE.get(r.nextInt(USABLE.size()));
                    long word = ENCODINGS.word(i, r);
                    if (word >= 0 && forwardOnly(i, word, pc)) {
                        insn = new long[] {word, i.length() / 8};
                    }
                }
                if (insn != null) {
                    code.add(insn);
                    pc += insn[1];
                }
            }
            int counter = -1;
            if (!code.isEmpty() && random.nextBoolean()) {
                counter = closeLoop(code, random);
            }
            long[][] registers = new long[MODEL.registerFiles().size()][];
            for (int f = 0; f < registers.length; f++) {
                registers[f] = new long[MODEL.registerFiles().get(f).count()];
                for (int k = 0; k < registers[f].length; k++) {
                    int kind = random.nextInt(4);
                    registers[f][k] = kind == 0 ? random.nextLong() : kind == 1 ? random.nextLong(-4, 5)
                            : DATA + DATA_BYTES / 2 + random.nextInt(-256, 256);
                }
                if (MODEL.registerFiles().get(f).zeroIndex() >= 0) {
                    registers[f][MODEL.registerFiles().get(f).zeroIndex()] = 0;
                }
            }
            if (counter > 0) {
                registers[0][counter] = random.nextInt(1, 5); // the loop runs 1 to 4 times
            }
            byte[] data = new byte[DATA_BYTES];
            random.nextBytes(data);
            return new Case(code, registers, data);
        });
    }

    /**
     * Makes the sequence a counted loop: a register the body never writes counts down, and a backward branch
     * repeats the body while it is not zero. Returns the counter register, or -1 if every register is written.
     */
    static int closeLoop(List<long[]> code, SplittableRandom random) {
        Set<Long> written = new HashSet<>();
        long pc = CODE;
        for (long[] w : code) {
            Instruction i = DECODER.decode(w[0], (int) w[1] * 8);
            var block = new dbt.isa.decode.BlockDecoder.Block(pc, List.of(new BlockDecoder.Decoded(pc, w[0], i, FlowKind.NEXT)),
                    BlockDecoder.Stop.END, 0, 0, 0);
            for (var inst : new dbt.frontend.lift.Lifter(MODEL).lift(block).insts) {
                if (inst.op == dbt.ir.Op.SET_REG && inst.aux == 0) {
                    written.add(inst.aux2);
                }
            }
            pc += w[1];
        }
        List<Integer> free = new ArrayList<>();
        for (int r = 5; r < 32; r++) {
            if (!written.contains((long) r)) {
                free.add(r);
            }
        }
        if (free.isEmpty()) {
            return -1;
        }
        int counter = free.get(random.nextInt(free.size()));
        String name = MODEL.registerFiles().getFirst().registerName(counter);
        try {
            var asm = new dbt.isa.asm.Assembler(MODEL);
            var dec = asm.assemble("addi " + name + ", " + name + ", -1", pc);
            code.add(new long[] {dec.word(), 4});
            var branch = asm.assemble("bne " + name + ", zero, 0x" + Long.toHexString(CODE), pc + 4);
            code.add(new long[] {branch.word(), 4});
        } catch (dbt.isa.asm.Assembler.AssemblyException e) {
            throw new IllegalStateException(e);
        }
        return counter;
    }

    /** A direct control transfer must go forwards, so that every case ends. */
    static boolean forwardOnly(Instruction insn, long word, long pc) {
        BlockDecoder.Decoded d = new BlockDecoder.Decoded(pc, word, insn, FlowKind.NEXT);
        FlowKind flow = new BlockDecoder(DECODER).flowOf(insn, word);
        if (flow == FlowKind.NEXT || flow == FlowKind.FENCE || flow == FlowKind.SYSCALL) {
            return true;
        }
        // The target of a direct transfer is pc + the instruction's one pc-relative field.
        for (var s : insn.template().segments()) {
            if (s instanceof dbt.isa.model.Template.Placeholder p && p.format() == dbt.isa.model.Template.Format.PC_RELATIVE) {
                long offset = MODEL.fields().get(p.field()).decode(word);
                return offset > 0 && offset < 0x800;
            }
        }
        return false;
    }

    static Runner runner(String name) {
        return RUNNERS.computeIfAbsent(name, n -> new Runner(n.equals("interpreter") ? null : CONFIGS.get(n)));
    }

    @Property(tries = 10000)
    void translationAgreesWithTheInterpreter(@ForAll("cases") Case c) {
        String expected = runner("interpreter").run(c);
        for (String config : CONFIGS.keySet()) {
            String actual = runner(config).run(c);
            if (!actual.equals(expected)) {
                throw new AssertionError("translated (" + config + ") differs from the interpreter on:" + c
                        + difference(expected, actual));
            }
        }
        cases++;
        for (long[] w : c.code) {
            Instruction i = DECODER.decode(w[0], (int) w[1] * 8);
            covered.add(i.name());
        }
    }

    static String difference(String expected, String actual) {
        String[] e = expected.split("\n");
        String[] a = actual.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.max(e.length, a.length); k++) {
            String x = k < e.length ? e[k] : "";
            String y = k < a.length ? a[k] : "";
            if (!x.equals(y)) {
                sb.append("  interpreter: ").append(x).append("\n  translated:  ").append(y).append('\n');
            }
        }
        return sb.toString();
    }

    @AfterContainer
    static void report() {
        System.out.printf("translation equivalence: %d cases x %d translator configurations agree with the interpreter; "
                + "%d of %d instructions covered%n", cases, CONFIGS.size(), covered.size(), USABLE.size());
    }
}
