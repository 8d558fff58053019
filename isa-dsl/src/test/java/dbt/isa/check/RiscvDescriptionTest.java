package dbt.isa.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.isa.model.Abi;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import dbt.isa.model.RegisterFile;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void riscv64DeclaresTheLinuxSystemCallConvention() {
        IsaModel model = DiagnosticFiles.loadValid(DiagnosticFiles.repositoryRoot().resolve("isa/riscv64/riscv64.isa"));
        Abi abi = model.abi();
        // a7 = number, a0..a5 = arguments, a0 = result, sp = x2, all in the X registers
        assertEquals(new Abi("linux", 0, 17, List.of(10, 11, 12, 13, 14, 15), 10, 2, 4), abi);
        RegisterFile x = model.registerFiles().get(abi.file());
        assertEquals("X", x.name());
        assertEquals("a7", x.registerName(abi.number()));
        assertEquals(List.of("a0", "a1", "a2", "a3", "a4", "a5"),
                abi.arguments().stream().map(x::registerName).toList());
        assertEquals("a0", x.registerName(abi.result()));
        assertEquals("sp", x.registerName(abi.stack()));
    }
}
