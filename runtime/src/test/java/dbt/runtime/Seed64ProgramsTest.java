package dbt.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed64 examples ({@code examples/seed64/*.s}) run through the real command line, {@code dbt run --isa
 * isa/seed64/seed64.isa [--interp] PROGRAM.s [ARGS]} in a child JVM, translated and interpreted: their output and exit
 * status are checked. And the mistakes: a malformed source or description ends with status 1 and one
 * {@code file:line:col: message} line per mistake.
 */
class Seed64ProgramsTest {
    static final long TIMEOUT_SECONDS = 120;

    record Result(int status, String stdout, String stderr) {}

    /** An example, its arguments, and what it must print and return. */
    record Example(String file, List<String> args, String stdout, int status) {}

    static final List<Example> EXAMPLES = List.of(
            new Example("hello.s", List.of(), "Hello from seed64!\n", 0),
            new Example("exit3.s", List.of(), "", 3),
            new Example("loop.s", List.of("100000"), "4999950000\n", 0),
            new Example("fib.s", List.of(), """
                    fib(25) = 75025
                    sum of fib(0..20) = 17710
                    ld:sb + ld:ub of 0xf0 = 224
                    ld:sh + ld:uh of 0x8001 = 2
                    """, 0));

    @TestFactory
    Stream<DynamicTest> examplesRunTranslatedAndInterpreted() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Example e : EXAMPLES) {
            for (String mode : List.of("", "--interp")) {
                String label = e.file() + (mode.isEmpty() ? " translated" : " " + mode);
                tests.add(DynamicTest.dynamicTest(label, () -> {
                    List<String> args = new ArrayList<>(List.of("--isa", isa().toString()));
                    if (!mode.isEmpty()) {
                        args.add(mode);
                    }
                    args.add(root().resolve("examples/seed64").resolve(e.file()).toString());
                    args.addAll(e.args());
                    Result r = dbtRun(args);
                    assertEquals(e.stdout(), r.stdout(), label + " stdout; stderr:\n" + r.stderr());
                    assertEquals(e.status(), r.status(), label + " exit status; stderr:\n" + r.stderr());
                }));
            }
        }
        return tests.stream();
    }

    /** The seed's loop at its full default length (10^9 iterations) is for translated code only. */
    @Test
    void theSeedsLoopAtItsDefaultLimitTranslated() throws Exception {
        Result r = dbtRun(List.of("--isa", isa().toString(), root().resolve("examples/seed64/loop.s").toString()));
        assertEquals("499999999500000000\n", r.stdout(), r.stderr());
        assertEquals(0, r.status());
    }

    @Test
    void aMalformedSourceGivesOneLinePerMistakeAndStatus1(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("bad.s");
        Files.writeString(source, """
                _start: mov:sd  $1, r1
                        frob    r1
                        br:j    nowhere
                        .byte   1000
                """);
        Result r = dbtRun(List.of("--isa", isa().toString(), source.toString()));
        assertEquals(1, r.status());
        assertEquals("", r.stdout());
        assertEquals(source + ":2:9: unknown instruction 'frob'\n"
                + source + ":3:17: unknown label 'nowhere'\n"
                + source + ":4:17: value 1000 is out of range for .byte (-128 to 255)\n", r.stderr());
    }

    @Test
    void aBrokenDescriptionGivesItsDiagnosticsAndStatus1(@TempDir Path dir) throws Exception {
        Path description = dir.resolve("broken.isa");
        Files.writeString(description, """
                isa broken { word 64; endian little; }
                registers R[4] : bits(64);
                pc PC : bits(64);
                encoding { length 32 otherwise; }
                insn halt "0000 0000 0000 0000 0000 0000 0000 0000" asm "halt" { R[9] = 1; }
                """);
        Result r = dbtRun(List.of("--isa", description.toString(), root().resolve("examples/seed64/hello.s").toString()));
        assertEquals(1, r.status());
        assertFalse(r.stderr().isEmpty());
        for (String line : r.stderr().split("\n")) {
            assertTrue(line.matches(java.util.regex.Pattern.quote(description.toString()) + ":\\d+:\\d+: .+"), line);
        }
    }

    @Test
    void aMissingSourceIsOneLine() throws Exception {
        Result r = dbtRun(List.of("--isa", isa().toString(), "no-such-program.s"));
        assertEquals(1, r.status());
        assertEquals("dbt: no-such-program.s: no such file or directory\n", r.stderr());
    }

    // ---------------------------------------------------------------------------------------------------------

    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("isa/seed64/seed64.isa"))) {
                return p;
            }
        }
        throw new IllegalStateException("no isa/seed64/seed64.isa above " + Path.of("").toAbsolutePath());
    }

    static Path isa() {
        return root().resolve("isa/seed64/seed64.isa");
    }

    /** Runs {@code dbt.runtime.Main run ARGS} in a child JVM with the test class path and empty stdin. */
    static Result dbtRun(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(GuestProgramsTest.CHILD_JVM_FLAGS);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(GuestProgramsTest.MAIN_CLASS);
        cmd.add("run");
        cmd.addAll(args);
        Path out = Files.createTempFile("seed64", ".stdout");
        Path err = Files.createTempFile("seed64", ".stderr");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
