package dbt.frontend.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dbt.frontend.ShippedIsa;
import dbt.ir.FloatCsrs;
import dbt.ir.GuestFault;
import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.IrInterpreter;
import dbt.ir.IrPrinter;
import dbt.ir.Op;
import dbt.isa.asm.Assembler;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.exec.SparseMachine;
import dbt.isa.interp.Execution;
import dbt.isa.interp.Interpreter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * If-conversion of the shapes compilers give conditionals ({@link BranchJoin}), on RISC-V code assembled here: each
 * snippet is lifted from its first instruction with the lifter following branches whose ways meet, and run to its
 * ecall block by block on the IR interpreter, from random registers (so that each branch goes both ways); the
 * machine must end as the reference interpreter leaves it. Each snippet also says whether its first block is to
 * be if-converted, which the test checks from the guest instructions the block's IR holds.
 */
class BranchJoinTest {
    private static final long CODE = 0x10000;
    private static final long DATA = 0x20000;
    private static final InstructionDecoder DECODER = ShippedIsa.riscv64();

    @Test
    void aBranchOverAFewInstructions() {
        agrees(true, """
                beq a1, zero, join
                addi a3, a7, 0
                addi a4, a4, 3
                join: add a0, a0, a3
                ecall""");
    }

    @Test
    void anArmOutOfLineThatEndsInACopyOfTheLoopTest() {
        // crcbitwise's MSB-first loop, as gcc lays it out: the taken arm repeats the loop's test and jumps back.
        agrees(true, """
                addi a0, zero, 8
                top: xor a6, a4, a1
                slliw a4, a4, 1
                slliw a1, a1, 1
                addiw a0, a0, -1
                xor a7, t1, a4
                blt a6, zero, arm
                test: c.bnez a0, top
                after: add a5, a4, a1
                ecall
                arm: addiw a4, a7, 0
                c.bnez a0, top
                jal zero, after""");
    }

    @Test
    void aBranchOnALoadedValueOverAnInstructionInLine() {
        agrees(true, """
                ld a4, 8(a2)
                bgeu a4, a5, join
                addi a5, a4, 0
                join: add a0, a0, a5
                ecall""");
    }

    @Test
    void aBranchOnALoadedValueKeepsItsOtherShapes() {
        // An interpreter's next pc chosen by a loaded value: a select would make the next load wait for this one.
        agrees(false, """
                addi a6, a2, 0
                ld a4, 8(a6)
                bgeu a4, a5, arm
                add a4, s0, a2
                jal zero, join
                arm: addi a4, s0, 0
                join: add a0, a0, a4
                ecall""");
    }

    @Test
    void anArmThatWritesTheTestedRegisterWithCompressedTails() {
        agrees(true, """
                addi a1, zero, 9
                top: c.xor a0, a4
                c.slli a4, 0x1
                c.addi a4, 3
                c.addi a1, -1
                blt a0, zero, arm
                c.bnez a1, top
                c.j done
                arm: sub a0, zero, a0
                c.addi a5, 1
                c.bnez a1, top
                c.j done
                done: ecall""");
    }

    @Test
    void aBranchOverTheLastInstructionOfTheCodeStaysABranch() {
        // Found by the check on the tutorial's ISA: the ways meet at the end of the mapped code, where nothing decodes.
        agrees(false, """
                add a3, a0, a2
                lb a2, -1(a1)
                bne a3, a0, end
                add a0, a5, a3
                end:""", CODE + 4096 - 16);
    }

    @Test
    void ifElseWithAJumpOverTheElse() {
        agrees(true, """
                beq a0, zero, else
                addi a1, a2, 0
                addi a3, a3, 1
                jal zero, join
                else: xori a1, a3, 7
                join: add a4, a1, a3
                ecall""");
    }

    @Test
    void armsThatWriteTheRegistersTheOtherArmAndTheBranchRead() {
        agrees(true, """
                blt a6, a2, arm
                add a2, a6, a2
                sub a6, a2, a6
                jal zero, join
                arm: add a6, a6, a2
                sub a2, a6, a2
                join: xor a0, a6, a2
                ecall""");
    }

    @Test
    void aTailThatLoadsIsNotConverted() {
        // Running the arm's copy of the load from the other place would fault at the wrong pc: the branch stays.
        agrees(false, """
                blt a6, zero, arm
                back: ld a5, 0(a2)
                after: add a0, a5, a4
                ecall
                arm: addi a4, a4, 1
                ld a5, 0(a2)
                jal zero, after""");
    }

    @Test
    void instructionsThatReadThePcArePredicatedEachAtItsOwnAddress() {
        agrees(true, """
                blt a6, zero, arm
                back: auipc a5, 0
                after: add a0, a5, a4
                ecall
                arm: addi a4, a4, 1
                auipc a5, 0
                jal zero, after""");
    }

    @Test
    void aTailThatReadsThePcIsNotConverted() {
        // The arm is too long to predicate its auipc: the two auipc give different values, so the tails differ.
        agrees(false, """
                blt a6, zero, arm
                back: auipc a5, 0
                after: add a0, a5, a4
                ecall
                arm: addi a4, a4, 1
                addi a4, a4, 2
                addi a4, a4, 3
                addi a4, a4, 4
                auipc a5, 0
                jal zero, after""");
    }

    /**
     * gcc's CRC-16 (CCITT, MSB first) loop up to its latches: the loop's test after the branch; the arm (its last
     * lines, given by each test) ends in the test's negation, then a jump back.
     */
    private static final String CRC16_LOOP = """
            addi a3, zero, 8
            top: slli a4, a5, 48
            slli a5, a5, 1
            addi a3, a3, -1
            bge a4, zero, arm
            xori a5, a5, 0x21
            test: c.bnez a3, top
            after: add a0, a5, a3
            ecall
            other: addi a0, a0, 3
            ecall
            """;

    @Test
    void latchesOnOppositeConditionsWithSwappedTargets() {
        agrees(true, CRC16_LOOP + """
                arm: c.beqz a3, after
                jal zero, top""");
    }

    @Test
    void latchesOnOppositeConditionsGoingElsewhereAreNotConverted() {
        agrees(false, CRC16_LOOP + """
                arm: c.beqz a3, other
                jal zero, top""");
        agrees(false, CRC16_LOOP + """
                arm: c.beqz a3, after
                jal zero, other""");
    }

    @Test
    void tailsThatBranchToDifferentPlacesAreNotConverted() {
        agrees(false, """
                blt a6, zero, arm
                back: bne a0, zero, one
                after: addi a0, a0, 1
                ecall
                one: addi a0, a0, 2
                ecall
                two: addi a0, a0, 3
                ecall
                arm: addi a4, a4, 1
                bne a0, zero, two
                jal zero, after""");
    }

    @Test
    void anArmThatCallsIsNotConverted() {
        agrees(false, """
                beq a1, zero, join
                jal ra, f
                join: add a0, a0, a3
                ecall
                f: addi a3, a3, 1
                ecall""");
    }

    @Test
    void anArmWithALoadIsNotConverted() {
        // A null check over a load: the load must not run when the branch is taken.
        agrees(false, """
                beq a2, zero, join
                ld a3, 0(a2)
                join: add a0, a0, a3
                ecall""");
    }

    @Test
    void anArmOfMoreThanItsShareIsNotConverted() {
        agrees(false, """
                beq a1, zero, join
                addi a3, a3, 1
                addi a3, a3, 2
                addi a3, a3, 3
                addi a3, a3, 4
                addi a3, a3, 5
                join: add a0, a0, a3
                ecall""");
    }

    @Test
    void twoWaysThatDoTheSameWithoutAnyArm() {
        agrees(true, """
                bne a1, zero, other
                addi a0, a0, 9
                jal zero, join
                other: addi a0, a0, 9
                join: add a0, a0, a3
                ecall""");
    }

    /**
     * Runs the snippet from its first line from random registers on the reference
     * interpreter and on the lifted IR; converted says whether the first block lifted holds both ways of its first
     * branch.
     */
    private static void agrees(boolean converted, String source) {
        agrees(converted, source, CODE);
    }

    /** The same with the snippet at origin. */
    private static void agrees(boolean converted, String source, long origin) {
        Map<String, Long> labels = new HashMap<>();
        List<long[]> code = assemble(source, labels, origin);
        long entry = origin;
        SparseMachine image = new SparseMachine(new int[] {32, 32}, DECODER.model().csrSlots());
        image.map(CODE, 4096);
        image.map(DATA, 4096);
        for (long[] w : code) {
            image.store(w[0], (int) w[2], w[1]);
        }
        Lifter lifter = new Lifter(DECODER.model());
        BlockDecoder blocks = new BlockDecoder(DECODER);
        BlockDecoder singles = new BlockDecoder(DECODER, 1);
        Lifter.Decoding decodeAt = (at, most) -> (most == 1 ? singles : blocks).decode(image::fetch16, at);
        IrBlock first = lifter.lift(blocks.decode(image::fetch16, entry), decodeAt);
        assertEquals(converted, convertedFirstBranch(first, code, entry),
                () -> "converted:\n" + IrPrinter.print(first));
        SplittableRandom random = new SplittableRandom(source.hashCode());
        Interpreter interpreter = new Interpreter(DECODER);
        for (int n = 0; n < 300; n++) {
            SparseMachine expected = image.copy();
            for (int r = 1; r < 32; r++) {
                long v = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(-3, 4);
                expected.setRegister(0, r, v);
            }
            // a2: a pointer or null
            expected.setRegister(0, 12, random.nextBoolean() ? 0 : DATA + 8 * random.nextInt(8));
            expected.setPc(entry);
            SparseMachine actual = expected.copy();
            String expectedEnd;
            try {
                Execution.Exit end = interpreter.run(expected, new Execution());
                expectedEnd = end == Execution.Exit.ILLEGAL ? "STOP" : end.name();
            } catch (GuestFault f) {
                expectedEnd = f.access() == GuestFault.Access.EXECUTE ? "STOP" : f.getMessage();
            }
            String actualEnd = null;
            IrInterpreter ir = new IrInterpreter(DECODER.model().floatCsrs());
            for (int blocksRun = 0; actualEnd == null; blocksRun++) {
                assertTrue(blocksRun < 100, "the snippet ends");
                IrBlock block = lifter.lift(blocks.decode(actual::fetch16, actual.pc()), decodeAt);
                try {
                    actual.setPc(ir.run(block, actual));
                    actualEnd = ir.lastExit == Op.EXIT_SYSCALL ? "SYSCALL"
                            : ir.lastExit == Op.EXIT_ILLEGAL || ir.lastExit == Op.EXIT_INTERPRET ? "STOP" : null;
                } catch (GuestFault f) {
                    actualEnd = f.getMessage();
                }
            }
            assertEquals(expectedEnd, actualEnd);
            String diff = expected.differences(actual);
            if (!diff.isEmpty()) {
                fail("from " + n + "th registers: " + diff + "\n" + IrPrinter.print(first));
            }
        }
    }

    /** Whether the block holds an instruction after its first conditional branch and one at the branch's target. */
    private static boolean convertedFirstBranch(IrBlock block, List<long[]> code, long entry) {
        TreeSet<Long> pcs = new TreeSet<>();
        for (Inst i : block.insts) {
            if (i.op == Op.GUEST_PC) {
                pcs.add(i.aux);
            }
        }
        BlockDecoder.Block decoded = new BlockDecoder(DECODER).decode(a -> {
            for (long[] w : code) {
                if (a >= w[0] && a < w[0] + w[2]) {
                    return (int) (w[1] >>> 8 * (a - w[0]) & 0xffff);
                }
            }
            throw new GuestFault(a, GuestFault.Access.EXECUTE);
        }, entry);
        BlockDecoder.Decoded branch = decoded.instructions().getLast();
        assertEquals(dbt.isa.model.FlowKind.BRANCH, branch.flow(), "the snippet's first block ends in a branch");
        return pcs.higher(branch.address()) != null;
    }

    /** Assembles lines ({@code label: instruction}) at CODE: each {address, word, bytes}; labels filled in. */
    private static List<long[]> assemble(String source, Map<String, Long> labels, long origin) {
        Assembler assembler = new Assembler(DECODER.model());
        String[] lines = source.strip().split("\n");
        List<long[]> code = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            code.clear();
            long pc = origin;
            for (String line : lines) {
                String text = line.strip();
                int colon = text.indexOf(':');
                if (colon > 0 && text.substring(0, colon).matches("[a-z_]+")) {
                    labels.put(text.substring(0, colon), pc);
                    text = text.substring(colon + 1).strip();
                }
                if (text.isEmpty()) {
                    continue;
                }
                try {
                    Assembler.Encoded e = assembler.assemble(text, pc, l -> labels.getOrDefault(l, CODE));
                    code.add(new long[] {pc, e.word(), e.length() / 8});
                    pc += e.length() / 8;
                } catch (Assembler.AssemblyException e) {
                    throw new IllegalArgumentException(text + ": " + e.getMessage(), e);
                }
            }
        }
        return code;
    }
}
