package dbt.x86.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbt.x86.asm.RandomForms.Form;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Differential test of the encoder against GNU objdump: random programs of random forms ({@link RandomForms}) are
 * assembled, disassembled in one objdump call, and every instruction must start where we started it and read as
 * what we meant. Skipped when objdump is not installed.
 */
class EncodingAgreesWithObjdumpProperties {
    @Property(tries = 1000)
    void objdumpReadsWhatWeMeant(@ForAll("programs") List<Form> program) throws Exception {
        Assume.that(Objdump.available());
        Assembler a = new Assembler();
        Label start = a.newLabel();
        Label end = a.newLabel();
        a.bind(start);
        List<Integer> offsets = new ArrayList<>();
        for (Form f : program) {
            offsets.add(a.offset());
            f.emit(a, start, end);
        }
        a.bind(end);
        AssembledCode code = a.finish(RandomForms.LOAD);
        Map<Long, String> disassembly = Objdump.disassemble(code.bytes(), RandomForms.LOAD);

        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < program.size(); i++) {
            int next = i + 1 < program.size() ? offsets.get(i + 1) : code.size();
            String bytes = EncodingTestBase.hex(Arrays.copyOfRange(code.bytes(), offsets.get(i), next));
            String meant = program.get(i).text().replace("{end}", RandomForms.hex(RandomForms.LOAD + code.size()));
            expected.add(bytes + "  " + canonical(meant));
            String read = disassembly.get(RandomForms.LOAD + offsets.get(i));
            actual.add(bytes + "  " + (read == null ? "(no instruction starts here)" : canonical(read)));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual),
                () -> "objdump disagrees; its whole listing:\n" + Objdump.listing(disassembly));
        assertEquals(program.size(), disassembly.size(), "objdump found more instructions than we emitted");
    }

    @Provide
    Arbitrary<List<Form>> programs() {
        return RandomForms.any().list().ofMinSize(1).ofMaxSize(40);
    }

    /** xchg is symmetric and objdump prints its one-byte form with the accumulator last: compare operands sorted. */
    static String canonical(String text) {
        if (text.startsWith("xchg ")) {
            String[] ops = text.substring(5).split(",");
            Arrays.sort(ops);
            return "xchg " + String.join(",", ops);
        }
        return text;
    }
}
