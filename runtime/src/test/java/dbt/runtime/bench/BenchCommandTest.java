package dbt.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure helpers of {@code dbt bench} (nothing is built or run). */
class BenchCommandTest {

    private static ProcessRun run(String stdout, int exit, String stderr) {
        return new ProcessRun(exit, false, 0.1, stdout.getBytes(StandardCharsets.UTF_8), stderr, null);
    }

    @Test
    void differenceQuotesTheFirstDifferingLine() {
        assertEquals("stdout line 2: expected 'b = 2', got 'b = 3'",
                BenchCommand.difference(run("a = 1\nb = 2\n", 0, ""), run("a = 1\nb = 3\n", 0, "")));
        assertEquals("stdout line 1: expected 'x', got end of output; exit status 139, native 0; stderr: segfault",
                BenchCommand.difference(run("x\n", 0, ""), run("", 139, "segfault")));
    }

    @Test
    void childJvmKeepsTheLauncherFlagsButNoAgents() {
        java.nio.file.Path cache = java.nio.file.Path.of("/tmp/bench.aot");
        List<String> flags = BenchCommand.jvmFlags(List.of("--enable-native-access=ALL-UNNAMED", "-Xss16m",
                "-agentlib:jdwp=transport=dt_socket,server=y", "-javaagent:/x.jar", "-Djava.awt.headless=true",
                "-XX:AOTCache=/repo/runtime/target/dbt.aot"), cache);
        assertEquals(List.of("--enable-native-access=ALL-UNNAMED", "-Xss16m", "-XX:AOTCache=/tmp/bench.aot"), flags);
        assertEquals(List.of("--enable-native-access=ALL-UNNAMED", "-Xss16m"), BenchCommand.jvmFlags(
                List.of("--enable-native-access=ALL-UNNAMED", "-Xss16m", "-XX:AOTCache=/repo/runtime/target/dbt.aot"), null));
        List<String> fallback = BenchCommand.jvmFlags(List.of(), cache);
        assertTrue(fallback.contains("--enable-native-access=ALL-UNNAMED"), fallback.toString());
        assertTrue(fallback.contains("-Xss16m"), fallback.toString());
    }
}
