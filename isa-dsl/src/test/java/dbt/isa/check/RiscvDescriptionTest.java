package dbt.isa.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped RISC-V description (isa/riscv64 at the repository root) passes the checker without a diagnostic. */
class RiscvDescriptionTest {
    @Test
    void riscv64LoadsWithoutDiagnostics() {
        Path top = DiagnosticFiles.repositoryRoot().resolve("isa/riscv64/riscv64.isa");
        IsaModel model = DiagnosticFiles.loadValid(top);
        System.out.println("isa/riscv64/riscv64.isa: " + model.instructions().size() + " instructions");
        assertEquals("riscv64", model.name());
        assertEquals(64, model.wordWidth());
        assertTrue(model.instructions().size() > 100, "RV64IMAC has well over 100 instructions");
        assertEquals(model.instructions().size(),
                model.instructions().stream().map(Instruction::name).distinct().count(), "instruction names are unique");
    }
}
