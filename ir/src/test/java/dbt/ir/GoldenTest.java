package dbt.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.ir.pass.Pass;
import dbt.ir.pass.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests: each file under golden/ holds a comment naming the passes to run ({@code ; passes: fold,dce} or
 * {@code ; passes: all}), an IR block, then {@code ; expect} and the block the passes must produce. The input must
 * also print back to itself. Run with {@code -Dbless=true} to rewrite the expectations after an intended change
 * (then read the diff).
 */
class GoldenTest {
    static final Path DIR = Path.of("src/test/resources/golden");

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".ir")).sorted().toList();
        }
        assertTrue(files.size() >= 8, "golden files missing");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private void check(Path file) throws Exception {
        String text = Files.readString(file);
        String header = text.lines().findFirst().orElse("");
        assertTrue(header.startsWith("; passes: "), file + ": first line must be '; passes: ...'");
        List<String> names = Arrays.asList(header.substring("; passes: ".length()).trim().split(","));
        int split = text.indexOf("; expect");
        String input = split < 0 ? text.substring(header.length()) : text.substring(header.length(), split);
        IrBlock block = IrParser.parse(input);
        assertEquals(IrPrinter.print(IrParser.parse(input)), IrPrinter.print(IrParser.parse(IrPrinter.print(block))),
                "the text form must print back to itself");
        assertTrue(IrVerifier.verify(block).isEmpty(), "input does not verify: " + IrVerifier.verify(block));
        boolean all = names.equals(List.of("all"));
        for (String name : names) {
            assertTrue(all || Pipeline.names().contains(name), file + ": unknown pass '" + name + "'");
        }
        List<Pass> passes = all ? Pipeline.all() : Pipeline.all().stream().filter(p -> names.contains(p.name())).toList();
        for (Pass p : passes) {
            p.run(block);
            assertTrue(IrVerifier.verify(block).isEmpty(), p.name() + " broke the IR: " + IrVerifier.verify(block));
        }
        String actual = IrPrinter.print(block);
        if (Boolean.getBoolean("bless")) {
            String base = split < 0 ? text.stripTrailing() + "\n" : text.substring(0, split);
            Files.writeString(file, base + "; expect\n" + actual);
            return;
        }
        assertTrue(split >= 0, file + " has no '; expect' section: run with -Dbless=true");
        assertEquals(text.substring(split + "; expect\n".length()), actual, file.toString());
    }
}
