package dbt.isa.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.isa.check.IsaException;
import dbt.isa.check.IsaLoader;
import dbt.isa.decode.DecodeTree;
import dbt.isa.model.Abi;
import dbt.isa.model.FlowKind;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The seed64 description (isa/seed64/seed64.isa) loads without a diagnostic and has what a guest ISA needs. */
class Seed64DescriptionTest {
    @Test
    void loadsWithoutDiagnostics() throws IsaException {
        // IsaLoader.load throws with every diagnostic if there is even one
        IsaModel model = IsaLoader.load(Seed64.repositoryRoot().resolve("isa/seed64/seed64.isa"));
        assertEquals("seed64", model.name());
        assertEquals(64, model.wordWidth());
        assertEquals(1, model.registerFiles().size());
        assertEquals(16, model.registerFiles().getFirst().count());
        assertEquals(-1, model.registerFiles().getFirst().zeroIndex(), "no register is hard-wired");
        System.out.println("isa/seed64/seed64.isa: " + model.instructions().size() + " instructions");
    }

    @Test
    void everyInstructionHasSemanticsAndAUniqueName() throws IsaException {
        IsaModel model = Seed64.model();
        for (Instruction i : model.instructions()) {
            assertTrue(!i.semantics().isEmpty() || i.name().equals("nop"), i.name() + " has no semantics");
        }
        assertEquals(model.instructions().size(),
                model.instructions().stream().map(Instruction::name).distinct().count());
    }

    @Test
    void instructionsAre32Or64BitsToldApartByTheTopOpcodeBit() throws IsaException {
        IsaModel model = Seed64.model();
        Set<Integer> lengths = model.instructions().stream().map(Instruction::length).collect(Collectors.toSet());
        assertEquals(Set.of(32, 64), lengths);
        assertEquals(32, model.lengthOf(0x0000_0000L));
        assertEquals(64, model.lengthOf(0x8000_0000L));
        for (Instruction i : model.instructions()) {
            assertEquals(i.length() == 64, (i.match() >>> 31 & 1) == 1, i.name());
        }
    }

    @Test
    void declaresTheLinuxSystemCallRegisters() throws IsaException {
        Abi abi = Seed64.model().abi();
        assertNotNull(abi);
        assertEquals(new Abi("linux", 0, 7, List.of(1, 2, 3, 4, 5, 6), 1, 15, Abi.NONE), abi);
        assertEquals("sp", Seed64.model().registerFiles().getFirst().registerName(15));
    }

    @Test
    void hasTheSeedsInstructionsAndControlFlowKinds() throws IsaException {
        IsaModel model = Seed64.model();
        Set<String> mnemonics = new TreeSet<>();
        model.instructions().forEach(i -> mnemonics.add(i.template().mnemonic()));
        for (String m : List.of("add:sq", "add:uq", "add:sd", "add:ud", "sub:sq", "mul:sq", "div:sq", "div:uq", "rem:sq",
                "and:uq", "or:uq", "xor:uq", "shl:uq", "shr:sq", "shr:uq", "mov:q", "mov:sd", "mov:ud", "movhi",
                "ld:sb", "ld:ub", "ld:sh", "ld:uh", "ld:sd", "ld:ud", "ld:q", "st:b", "st:h", "st:d", "st:q",
                "br:e", "br:ne", "br:l", "br:le", "br:g", "br:ge", "br:b", "br:be", "br:a", "br:ae", "br:j", "br:r",
                "call", "call:r", "ret", "sys")) {
            assertTrue(mnemonics.contains(m), "missing " + m);
        }
        assertEquals(FlowKind.CALL, flow(model, "call"));
        assertEquals(FlowKind.INDIRECT_CALL, flow(model, "call.r"));
        assertEquals(FlowKind.RETURN, flow(model, "ret"));
        assertEquals(FlowKind.INDIRECT, flow(model, "br.r"));
        assertEquals(FlowKind.JUMP, flow(model, "br.j"));
        assertEquals(FlowKind.BRANCH, flow(model, "br.le"));
        assertEquals(FlowKind.SYSCALL, flow(model, "sys"));
    }

    @Test
    void theSeedsLoopAssemblesAndPrintsBack() throws Exception {
        IsaModel model = Seed64.model();
        Assembler asm = new Assembler(model);
        Disassembler printer = new Disassembler(model);
        DecodeTree tree = new DecodeTree(model);
        long pc = 0x10000;
        for (String line : List.of("br:le r10, r9, 0x10020", "add:sq r8, r9, r8", "add:sq r9, $1, r9", "br:j 0x10000")) {
            Assembler.Encoded e = asm.assemble(line, pc);
            assertEquals(e.instruction(), tree.decode(e.word(), e.length()));
            assertEquals(line, printer.print(e.instruction(), e.word(), pc));
            pc += e.length() / 8;
        }
        assertEquals(0x10000 + 4 + 4 + 8 + 4, pc, "the immediate form is 64 bits, the others 32");
    }

    private static FlowKind flow(IsaModel model, String name) {
        return model.instruction(name).flow().getFirst().kind();
    }
}
