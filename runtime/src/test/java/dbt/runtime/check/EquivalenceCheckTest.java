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
}
