package dbt.runtime.translate;

import static org.junit.jupiter.api.Assertions.fail;

import dbt.ir.GuestFault;
import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.IrInterpreter;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.ir.fp.FloatBuiltins;
import dbt.ir.fp.FloatFunction;
import dbt.ir.random.BlockBuilder;
import dbt.ir.random.InitialState;
import dbt.ir.random.IrCase;
import dbt.ir.random.RandomBlocks;
import dbt.ir.random.TestMachine;
import dbt.runtime.check.EquivalenceCheck;
import dbt.x86.backend.ExitReason;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The backend proven on the IR's own terms, not through what a lifter makes of one ISA: random IR blocks from the
 * IR tests' generator (every op over every type, edge values, loads and stores in and out of the data window,
 * every exit; a third of them closed into counted loops, which translation compiles as loops), run as
 * translated host code under several translator configurations, must end as the IR interpreter running the same
 * block ends, with the same registers, CSRs, reservation and data.
 *
 * <p>What translated code may do that the interpreter does not: leave an instruction to the interpreter (exit
 * INTERPRET at its pc: a float op in a rounding mode x86 lacks, an access its check refuses). Its state must then be
 * the interpreter's at a point inside that instruction, for the runtime to run the rest of it: where the interpreter
 * faulted there, exactly its state; otherwise its state after some prefix of that instruction's ops, in the same
 * iteration. Cases where that happens are counted, and must stay a minority.
 */
class IrTranslationProperties {
    /** Runs of a block that branches to itself after which a case is given up (not compared). */
    static final int LIMIT = 16;
    static final long ADDRESS = BlockBuilder.ADDRESS;

    /** The configurations: the backend's paths (host faults or checks, loops, pinned registers), and no passes. */
    static final Map<String, TranslationOptions> CONFIGURATIONS = configurations();

    private static Map<String, TranslationOptions> configurations() {
        List<Integer> pinned = List.of(2, 5, 1);
        Map<String, TranslationOptions> c = new LinkedHashMap<>();
        c.put("all", TranslationOptions.all().withPinned(pinned));
        c.put("pin-six", TranslationOptions.all().withPinned(List.of(7, 5, 0, 1, 2, 6)));
        c.put("no-pin", TranslationOptions.all().withPinned(List.of()));
        c.put("no-host-faults", TranslationOptions.of(Set.of(), true, true, true, true, true, false).withPinned(pinned));
        c.put("no-loops", TranslationOptions.of(Set.of(), true, true, true, false, true, true).withPinned(pinned));
        c.put("no-regmap", TranslationOptions.of(Set.of("regmap"), true, true, true, true, true, true)
                .withPinned(List.of()));
        c.put("no-fuse", TranslationOptions.of(Set.of("fuse"), true, true, true, true, true, true).withPinned(pinned));
        c.put("none", TranslationOptions.of(Set.copyOf(dbt.ir.pass.Pipeline.names()), false, false, false, false,
                false, false).withPinned(List.of()));
        return c;
    }

    private static final Map<String, TranslatedIrRunner> RUNNERS = new LinkedHashMap<>();

    @AfterContainer
    static void closeRunners() {
        RUNNERS.values().forEach(TranslatedIrRunner::close);
        RUNNERS.clear();
    }

    /**
     * A random case, with every value stored at its end when observeAll (else only those the generator observes: a
     * value the backend computes wrong is often dead, or read only where it makes no difference), closed into a
     * counted loop of trips runs when trips is not 0: its exit replaced by a branch back to its start while a counter
     * counts down from trips, and on to the exit's pc after. The stores and the counter are in data no other access
     * of the block reaches (past the generator's).
     */
    record Case(IrCase ir, int trips, boolean observeAll) {
        static final long OBSERVED = TestMachine.DATA + TranslatedIrRunner.DATA_BYTES / 4;
        static final int MAX_OBSERVED = TranslatedIrRunner.DATA_BYTES / 4 / 8;
        static final long COUNTER = TestMachine.DATA + TranslatedIrRunner.DATA_BYTES / 2;
        static final long AFTER = 0x50000;

        IrBlock block() {
            IrBlock b = ir.block();
            if (trips == 0 && !observeAll) {
                return b;
            }
            Inst exit = b.insts.removeLast();
            if (observeAll) {
                Set<Inst> unspecified = unspecified(b);
                int k = 0;
                for (Inst v : List.copyOf(b.insts)) {
                    if (v.op.hasResult() && !v.isConst() && !unspecified.contains(v) && k < MAX_OBSERVED) {
                        Inst wide = v.type == Type.I64 ? v : b.add(new Inst(Op.ZEXT, Type.I64, 0, 0, v));
                        b.add(new Inst(Op.STORE, Type.I64, 8, 0, b.add(new Inst(Op.CONST, Type.I64, OBSERVED + 8L * k++,
                                0)), wide));
                    }
                }
            }
            if (trips == 0) {
                b.add(exit);
                return b;
            }
            Inst at = b.add(new Inst(Op.CONST, Type.I64, COUNTER, 0));
            Inst left = b.add(new Inst(Op.SUB, Type.I64, 0, 0, b.add(new Inst(Op.LOAD, Type.I64, 8, 0, at)),
                    b.add(new Inst(Op.CONST, Type.I64, 1, 0))));
            b.add(new Inst(Op.STORE, Type.I64, 8, 0, at, left));
            Inst again = b.add(new Inst(Op.NE, Type.I1, 0, 0, left, b.add(new Inst(Op.CONST, Type.I64, 0, 0))));
            b.add(new Inst(Op.EXIT_BRANCH, Type.I64, ADDRESS, AFTER, again));
            return b;
        }

        /**
         * The values whose bits the IR leaves to the backend: a float op's NaN (before the generator's canonical
         * select), the flags the host holds (FLOAT_FLAGS, and its extension and shift before they are ORed into the
         * flags CSR's value), that CSR's slot read alone.
         */
        private static Set<Inst> unspecified(IrBlock b) {
            Set<Inst> out = new HashSet<>();
            for (Inst v : b.insts) {
                boolean rawFloat = v.op.isFloat() && switch (FloatFunction.of(v.aux).result) {
                    case F, F32, F64 -> true;
                    default -> false;
                };
                boolean flagsSlot = v.op == Op.GET_CSR && v.aux == TestMachine.FLOAT_CSRS.flagsSlot();
                boolean fromFlags = (v.op == Op.ZEXT || v.op == Op.SHL) && out.contains(v.operand(0));
                if (rawFloat || flagsSlot || v.op == Op.FLOAT_FLAGS || fromFlags) {
                    out.add(v);
                }
            }
            return out;
        }

        /** The machine the case starts from: its state, the counter set, at the block's start. */
        TestMachine start() {
            TestMachine m = new TestMachine(ir.state(), TestMachine.DATA, TranslatedIrRunner.DATA_BYTES);
            m.store(COUNTER, 8, trips);
            m.setPc(ADDRESS);
            return m;
        }

        @Override
        public String toString() {
            return ir + (observeAll ? "every value stored at the end\n" : "")
                    + (trips == 0 ? "" : "closed into a loop of " + trips + " runs\n");
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        // a third of them loops; the dynamic rounding mode one x86 has (translated code runs only in those); in half
        // of them every register of file 0 points into the data (else most blocks fault early, on a register's value);
        // in half of them every value observed
        Arbitrary<Integer> trips = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, 6)));
        Arbitrary<Integer> modes = Arbitraries.integers().between(0, 3);
        Arbitrary<Boolean> pointers = Arbitraries.of(false, true);
        Arbitrary<Boolean> observeAll = Arbitraries.of(false, true);
        return Combinators.combine(RandomBlocks.cases(), trips, modes, pointers, observeAll).as((c, n, mode, inData,
                all) -> {
            int slot = TestMachine.FLOAT_CSRS.roundingSlot();
            long field = 7L << TestMachine.FLOAT_CSRS.roundingShift();
            long csr = c.state().values().get(InitialState.SIZE - TestMachine.CSRS + slot);
            InitialState s = c.state().withCsr(slot, csr & ~field | (long) mode << TestMachine.FLOAT_CSRS.roundingShift());
            for (int r = 0; inData && r < TestMachine.FILE_SIZES[0]; r++) {
                s = s.withRegister(0, r, TestMachine.DATA + 8L * r);
            }
            return new Case(new IrCase(c.steps(), c.exit(), s), n, all);
        });
    }

    @Property
    void translatedBlocksEndAsInterpreted(@ForAll("cases") Case c) {
        Reference reference = Reference.run(c);
        Assume.that(reference != null); // (a loop that did not end within LIMIT runs)
        Statistics.label("runs of the block").collect(reference.runsBefore == 0 ? "one" : "more (a loop)");
        for (Map.Entry<String, TranslationOptions> e : CONFIGURATIONS.entrySet()) {
            TranslatedIrRunner runner = RUNNERS.computeIfAbsent(e.getKey(), k -> new TranslatedIrRunner(e.getValue()));
            String translated = runTranslated(runner, c);
            if (translated.equals(reference.text)) {
                Statistics.label("how it ended").collect(reference.end.startsWith("interpret") ? "as interpreted, "
                        + "at a fault" : "as interpreted");
                continue;
            }
            if (translated.startsWith("end: interpret at ") && reference.leftAt(translated)) {
                Statistics.label("how it ended").collect("left to the interpreter inside an instruction");
                continue;
            }
            fail("configuration " + e.getKey() + ": translated code ended otherwise than the interpreter\n"
                    + EquivalenceCheck.difference(reference.text, translated) + "block:" + c);
        }
        Statistics.label("how it ended").coverage(checker -> checker.check("left to the interpreter inside an "
                + "instruction").percentage(p -> p < 20));
    }

    /** The block run as translated code: how it ended, and the machine's state then (as {@link Reference#text}). */
    private static String runTranslated(TranslatedIrRunner runner, Case c) {
        runner.load(c.start());
        runner.translate(c.block());
        for (int run = 0; run < LIMIT; run++) {
            TranslatedIrRunner.Exit exit = runner.run();
            String end = switch (exit.reason()) {
                case ExitReason.CHAIN, ExitReason.INDIRECT, ExitReason.PREDICTION_OFF -> "transfer";
                case ExitReason.INTERPRET -> "interpret";
                case ExitReason.SYSCALL -> Op.EXIT_SYSCALL.text;
                case ExitReason.ILLEGAL -> Op.EXIT_ILLEGAL.text;
                case ExitReason.BREAKPOINT -> Op.EXIT_BREAKPOINT.text;
                case ExitReason.FENCE_I -> Op.EXIT_FENCE_I.text;
                default -> "exit reason " + ExitReason.name(exit.reason());
            };
            if (!end.equals("transfer") || exit.pc() != ADDRESS) {
                TestMachine m = c.start();
                runner.store(m);
                return Reference.describe(end, exit.pc(), m);
            }
        }
        return "end: still looping after " + LIMIT + " runs, where the interpreter left";
    }

    /**
     * The IR interpreter's run of a case: the block run again while it goes back to its start; how it ended, the
     * machine then, and how many whole runs came before the last. A fault, a changed compare-and-swap, a rounding
     * mode the interpreter declines: "interpret at" the instruction's pc, as translated code leaves them.
     */
    record Reference(Case c, String end, String text, int runsBefore) {
        /** How a run ended and the machine's state, the data a line per 64 bytes (so that differences show). */
        static String describe(String end, long pc, TestMachine m) {
            StringBuilder sb = new StringBuilder(String.format("end: %s at 0x%x%n", end, pc));
            for (String line : m.describe().split("\n")) {
                if (!line.startsWith("data: ")) {
                    sb.append(line).append('\n');
                    continue;
                }
                String hex = line.substring("data: ".length());
                for (int k = 0; k < hex.length(); k += 128) {
                    sb.append(String.format("data +0x%03x: ", k / 2)).append(hex, k, Math.min(hex.length(), k + 128))
                            .append('\n');
                }
            }
            return sb.toString();
        }

        static Reference run(Case c) {
            TestMachine m = c.start();
            IrInterpreter interpreter = new IrInterpreter(TestMachine.FLOAT_CSRS);
            IrBlock block = c.block();
            for (int run = 0; run < LIMIT; run++) {
                String end = runOnce(interpreter, block, m);
                if (!end.equals("transfer") || m.pc() != ADDRESS) {
                    return new Reference(c, end, describe(end, m.pc(), m), run);
                }
            }
            return null;
        }

        /** Runs block once on m, leaving the next pc in m; returns how it ended. */
        private static String runOnce(IrInterpreter interpreter, IrBlock block, TestMachine m) {
            try {
                long next = interpreter.run(block, m);
                m.setPc(next);
                return switch (interpreter.lastExit) {
                    case EXIT_JUMP, EXIT_BRANCH, EXIT_INDIRECT -> "transfer";
                    case EXIT_INTERPRET -> "interpret";
                    default -> interpreter.lastExit.text;
                };
            } catch (GuestFault | IrInterpreter.MemoryChanged | FloatBuiltins.BadRoundingMode f) {
                return "interpret"; // (the interpreter set the pc to the instruction's)
            }
        }

        /**
         * Whether translated code that left the instruction at pc to the interpreter, with the state described by
         * translated, left it as the interpreter's state is somewhere inside that instruction, in some run.
         */
        boolean leftAt(String translated) {
            long pc = Long.parseUnsignedLong(translated.substring("end: interpret at 0x".length(),
                    translated.indexOf('\n')), 16);
            IrBlock whole = c.block();
            int start = -1;
            int end = whole.insts.size() - 1;
            for (int k = 0; k < whole.insts.size(); k++) {
                Inst i = whole.insts.get(k);
                if (i.op == Op.GUEST_PC && i.aux == pc) {
                    start = k;
                } else if (start >= 0 && i.op == Op.GUEST_PC) {
                    end = k;
                    break;
                }
            }
            if (start < 0) {
                return false;
            }
            for (int runs = 0; runs <= runsBefore; runs++) {
                for (int cut = start; cut <= end; cut++) {
                    TestMachine m = c.start();
                    IrInterpreter interpreter = new IrInterpreter(TestMachine.FLOAT_CSRS);
                    for (int r = 0; r < runs; r++) {
                        runOnce(interpreter, c.block(), m);
                    }
                    IrBlock prefix = c.block();
                    prefix.insts.subList(cut, prefix.insts.size()).clear();
                    prefix.add(new Inst(Op.EXIT_INTERPRET, Type.I64, pc, 0));
                    String e = runOnce(interpreter, prefix, m);
                    if (describe(e, m.pc(), m).equals(translated)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
