package dbt.runtime.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dbt.frontend.ShippedIsa;
import dbt.isa.asm.Assembler;
import dbt.isa.decode.InstructionDecoder;
import dbt.runtime.translate.TranslationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker's own corners: where the interpreter and the translator count a case's run differently. */
class EquivalenceCheckTest {
    private static final InstructionDecoder RISCV = ShippedIsa.riscv64();

    /**
     * A loop of two instructions run 3,000 times under a reserved dynamic rounding mode: 3,000 blocks for the
     * interpreter, within its budget, but 6,000 single instructions the translator leaves to the interpreter, each
     * counted against its budget. The case is compared, and agrees (the translator's budget allows for its finer
     * count).
     */
    @Test
    void aCaseRunAnInstructionAtATimeIsNotCutShortInTheTranslator() throws Assembler.AssemblyException {
        Assembler assembler = new Assembler(RISCV.model());
        String[] lines = {"addi t0, t0, -1", "bne t0, zero, top", "ecall"};
        long top = CheckLayout.CODE_END - 4L * lines.length;
        List<long[]> code = new ArrayList<>();
        for (int k = 0; k < lines.length; k++) {
            code.add(new long[] {assembler.assemble(lines[k], top + 4L * k, label -> top).word(), 4});
        }
        long[][] registers = new long[RISCV.model().registerFiles().size()][32];
        registers[0][5] = 3_000; // t0
        long[] csrs = new long[RISCV.model().csrSlots()];
        csrs[0] = 5 << 5; // fcsr: rounding mode 5, reserved
        CheckCase c = new CheckCase(code, registers, csrs, new byte[CheckLayout.DATA_BYTES]);
        try (EquivalenceCheck check = new EquivalenceCheck(RISCV, Map.of("all", TranslationOptions.all()))) {
            EquivalenceCheck.Result r = check.check(c);
            assertFalse(r.skipped(), "the interpreter finishes the case");
            assertNull(r.difference(), r.difference());
        }
    }

    /**
     * Found by the RISC-V equivalence property (no-host-faults): a one-block loop whose {@code lb} faults (address 3)
     * on its first iteration, among enough live values (clz is a long sequence) that the allocator evicts one at the
     * load. The load is emitted with its sign extension, one instruction later than the IR has it; a2's read lived
     * only until the load's own index, so its spill slot was free again when the eviction stored another value into
     * it, and the load's cold path wrote that value back as a2 (the canonical NaN of fs3's unboxing). Now a value a
     * cold path writes back lives until where the access is emitted (RegisterAllocator#emittedAt).
     */
    @Test
    void aValueAColdPathWritesBackLivesUntilTheAccessAsEmitted() {
        long[] words = {
            0x9c01,      // c.subw s0, s0
            0x20098953,  // fsgnj.s fs2, fs3, ft0
            0x00304093,  // xori ra, zero, 3
            0x010f9f9b,  // slliw t6, t6, 0x10
            0x8b81,      // c.andi a5, 0
            0x00300e03,  // lb t3, 3(zero): faults
            0x600f9613,  // clz a2, t6
            0x220b9053,  // fsgnjn.d ft0, fs7, ft0
            0xfff88893,  // addi a7, a7, -1
            0xfe0890e3}; // bne a7, zero, top
        List<long[]> code = new ArrayList<>();
        for (long w : words) {
            code.add(new long[] {w, (w & 3) == 3 ? 4 : 2});
        }
        long[][] registers = new long[RISCV.model().registerFiles().size()][32];
        registers[0][12] = 0x20fe8;              // a2: what the fault must leave in it
        registers[0][17] = 2;                    // a7: the loop's count
        registers[0][31] = 0x12345678;           // t6
        registers[1][19] = 0x1234;               // fs3: not NaN-boxed, so fsgnj.s reads the canonical NaN
        registers[1][0] = 0x3ff0000000000000L;   // ft0
        CheckCase c = new CheckCase(code, registers, new long[RISCV.model().csrSlots()],
                new byte[CheckLayout.DATA_BYTES]);
        try (EquivalenceCheck check = new EquivalenceCheck(RISCV, TranslatorConfigurations.all())) {
            EquivalenceCheck.Result r = check.check(c);
            assertFalse(r.skipped(), "the interpreter finishes the case");
            assertNull(r.difference(), r.configuration() + "\n" + r.difference());
        }
    }
}
