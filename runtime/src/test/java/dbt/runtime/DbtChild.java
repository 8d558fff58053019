package dbt.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * dbt in a child JVM on a small guest program that a test carries as C source: {@link #build} makes the program
 * with the cross compiler (the test is skipped where there is none), {@link #dbt} the process builder that runs
 * dbt on this test's JVM and class path ({@link GuestProgramsTest#dbtCommand}).
 */
public final class DbtChild {
    private static final String CROSS_COMPILER = "riscv64-linux-gnu-gcc";

    private DbtChild() {
    }

    /**
     * Writes the source to {@code name.c} in dir and builds it into {@code name} there with {@code -O2} and the
     * options; returns the program's path.
     */
    public static Path build(Path dir, String name, String source, String... options)
            throws IOException, InterruptedException {
        Assumptions.assumeTrue(GuestProgramsTest.onPath(CROSS_COMPILER), "no " + CROSS_COMPILER);
        Path file = Files.writeString(dir.resolve(name + ".c"), source);
        Path program = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(CROSS_COMPILER, "-O2"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-o", program.toString(), file.toString()));
        Process cc = new ProcessBuilder(cmd).inheritIO().start();
        assertEquals(0, cc.waitFor(), CROSS_COMPILER + " failed");
        return program;
    }

    /** A process builder for dbt with these arguments (its options, the program and the program's arguments). */
    public static ProcessBuilder dbt(String... arguments) {
        List<String> cmd = GuestProgramsTest.dbtCommand();
        cmd.addAll(List.of(arguments));
        return new ProcessBuilder(cmd);
    }
}
