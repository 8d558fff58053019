package dbt.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.isa.check.IsaLoader;
import dbt.isa.decode.DecodeTree;
import dbt.isa.decode.InstructionDecoder;
import dbt.runtime.check.CheckCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Translation equivalence for every other shipped ISA description (isa/NAME/NAME.isa besides RISC-V), through
 * the same check `dbt check --isa FILE` runs: over 10,000 compared cases each, shrunk and printed on failure.
 */
class OtherIsaEquivalenceTest {
    @TestFactory
    Stream<DynamicTest> everyOtherIsa() {
        return IsaDescriptions.topFiles().stream().filter(p -> !p.toString().contains("riscv64")).map(top ->
                DynamicTest.dynamicTest(top.getFileName().toString(), () -> {
                    InstructionDecoder decoder = new DecodeTree(IsaLoader.load(top));
                    ByteArrayOutputStream text = new ByteArrayOutputStream();
                    int status = new CheckCommand(decoder, new PrintStream(text, true), false).run(11_500, 7, 12, null); // about 10,000 are compared: the rest do not end within the budget
                    System.out.print(top.getFileName() + ": " + text);
                    assertTrue(status == 0, text.toString());
                }));
    }
}
