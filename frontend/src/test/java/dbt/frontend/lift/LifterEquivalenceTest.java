package dbt.frontend.lift;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dbt.frontend.ShippedIsa;
import dbt.ir.GuestFault;
import dbt.ir.IrBlock;
import dbt.ir.IrInterpreter;
import dbt.ir.IrPrinter;
import dbt.ir.IrVerifier;
import dbt.ir.pass.Pipeline;
import dbt.isa.asm.Disassembler;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.decode.RandomEncodings;
import dbt.isa.exec.SparseMachine;
import dbt.isa.interp.Execution;
import dbt.isa.interp.IllegalInstruction;
import dbt.isa.interp.Interpreter;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every instruction of the shipped ISA, with random fields and registers: the lifted IR (run by the IR
 * interpreter, as lifted and after the whole optimisation pipeline) must leave the machine exactly as the
 * reference interpreter does.
 */
class LifterEquivalenceTest {
    static final long CODE = 0x10000;
    static final long DATA = 0x20000;

    @Test
    void everyInstructionLiftsToIrThatAgreesWithTheInterpreter() {
        InstructionDecoder decoder = ShippedIsa.riscv64();
        IsaModel model = decoder.model();
        RandomEncodings encodings = new RandomEncodings(decoder);
        Lifter lifter = new Lifter(model);
        BlockDecoder blocks = new BlockDecoder(decoder);
        Disassembler printer = new Disassembler(model);
        SplittableRandom random = new SplittableRandom(7);
        int cases = 0;
        int interpreted = 0;
        for (Instruction insn : model.instructions()) {
            for (int n = 0; n < 300; n++) {
                long word = encodings.word(insn, random);
                if (word < 0) {
                    continue;
                }
                SparseMachine start = new SparseMachine(new int[] {32, 32}, model.csrSlots());
                start.map(CODE, 4096);
                start.map(DATA, 8192);
                start.store(CODE, insn.length() / 8, word);
                start.store(CODE + insn.length() / 8, 4, 0x00000073); // ecall: ends the block
                for (int f = 0; f < 2; f++) {
                    for (int r = 0; r < 32; r++) {
                        // Registers mostly point into the data page, so loads and stores land there.
                        long v = random.nextInt(3) == 0 ? random.nextLong() : DATA + 2048 + random.nextInt(-64, 64);
                        start.setRegister(f, r, f == 0 && r == 0 ? 0 : v);
                    }
                }
                start.setPc(CODE);
                SparseMachine expected = start.copy();
                SparseMachine actual = start.copy();
                String expectedEnd = run(() -> new Interpreter(decoder).step(expected, new Execution()).name());
                BlockDecoder.Block block = blocks.decode(actual::fetch16, CODE);
                IrBlock ir = lifter.lift(block);
                if (n % 2 == 1) {
                    new Pipeline(Set.of(), true).run(ir); // every other case runs fully optimised
                }
                var problems = IrVerifier.verify(ir);
                if (!problems.isEmpty()) {
                    fail(printer.print(insn, word, CODE) + ": invalid IR " + problems + "\n" + IrPrinter.print(ir));
                }
                IrInterpreter irInterp = new IrInterpreter(model.floatCsrs());
                String actualEnd = run(() -> {
                    long next = irInterp.run(ir, actual);
                    actual.setPc(next);
                    return irInterp.lastExit.name();
                });
                if (irInterp.lastExit == dbt.ir.Op.EXIT_INTERPRET) {
                    interpreted++;
                    continue; // the runtime runs it on the interpreter: nothing to compare
                }
                String diff = expected.differences(actual);
                if (!diff.isEmpty() || !sameEnd(expectedEnd, actualEnd)) {
                    fail(printer.print(insn, word, CODE) + String.format(" (0x%x): interpreter %s, IR %s%n", word,
                            expectedEnd, actualEnd) + diff + IrPrinter.print(ir));
                }
                cases++;
            }
        }
        System.out.println("lifter equivalence: " + cases + " cases over " + model.instructions().size()
                + " instructions agree; " + interpreted + " left to the interpreter");
        assertTrue(cases > 30_000, "too few cases compared: " + cases);
    }

    private static boolean sameEnd(String interp, String ir) {
        return switch (interp) {
            case "CONTINUE" -> ir.equals("EXIT_JUMP") || ir.equals("EXIT_BRANCH") || ir.equals("EXIT_INDIRECT");
            case "SYSCALL" -> ir.equals("EXIT_SYSCALL");
            case "BREAKPOINT" -> ir.equals("EXIT_BREAKPOINT");
            case "FENCE_I" -> ir.equals("EXIT_FENCE_I");
            case "ILLEGAL" -> ir.equals("EXIT_ILLEGAL");
            default -> interp.equals(ir);
        };
    }

    private interface Step {
        String run();
    }

    private static String run(Step s) {
        try {
            return s.run();
        } catch (GuestFault f) {
            return "fault " + f.access() + " 0x" + Long.toHexString(f.address());
        } catch (IllegalInstruction | dbt.ir.fp.FloatBuiltins.BadRoundingMode e) {
            return "illegal"; // the IR interpreter's run then goes to the interpreter, which finds it illegal
        }
    }
}
