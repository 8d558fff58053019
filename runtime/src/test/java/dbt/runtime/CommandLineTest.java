package dbt.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * qemu-riscv64's command line as dbt takes it, each option shown by a run of dbt in a child JVM on a small guest
 * program built here by the cross compiler (dynamically linked, so that -L is needed too).
 */
class CommandLineTest {
    private static final String PROGRAM = """
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <sys/auxv.h>
            int main(int argc, char **argv) {
                const char *set = getenv("DBT_TEST_SET"), *unset = getenv("DBT_TEST_UNSET");
                printf("argv0=%s set=%s unset=%s\\n", argv[0], set ? set : "(none)", unset ? unset : "(none)");
                if (argc > 1 && strcmp(argv[1], "maps") == 0) {
                    char line[512];
                    FILE *f = fopen("/proc/self/maps", "r");
                    while (f && fgets(line, sizeof line, f)) fputs(line, stdout);
                }
                if (argc > 1 && strcmp(argv[1], "auxv") == 0) {
                    FILE *f = fopen("/proc/self/auxv", "rb");
                    unsigned long pair[2];
                    int n = 0, agree = 0;
                    while (fread(pair, sizeof pair, 1, f) == 1 && pair[0] != 0) {
                        n++;
                        agree += pair[1] == getauxval(pair[0]);
                    }
                    printf("auxv %d entries, %d as getauxval says\\n", n, agree);
                }
                return 3;
            }
            """;

    @TempDir
    static Path dir;
    private static Path program;

    @BeforeAll
    static void build() throws Exception {
        Assumptions.assumeTrue(GuestProgramsTest.SYSROOT != null, "no riscv64 sysroot (libc6-dev-riscv64-cross)");
        program = DbtChild.build(dir, "env", PROGRAM);
    }

    record Run(int status, String stdout, String stderr) {}

    private static Run dbt(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = DbtChild.dbt(args);
        pb.environment().remove("QEMU_LD_PREFIX");
        pb.environment().putAll(env);
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "dbt did not finish");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String sysroot() {
        return GuestProgramsTest.SYSROOT.toString();
    }

    @Test
    void runsAProgramAsQemuDoesWithSysrootEnvironmentAndArgv0() throws Exception {
        Run r = dbt(Map.of("DBT_TEST_UNSET", "here"), "-L", sysroot(), "-E", "DBT_TEST_SET=yes", "-U", "DBT_TEST_UNSET",
                "-0", "myname", program.toString());
        assertEquals(3, r.status(), r.stderr());
        assertEquals("argv0=myname set=yes unset=(none)\n", r.stdout());
        Run viaRun = dbt(Map.of("DBT_TEST_UNSET", "here"), "run", "-L", sysroot(), program.toString());
        assertEquals("argv0=" + program + " set=(none) unset=here\n", viaRun.stdout());
    }

    @Test
    void qemuEnvironmentVariablesWorkAsTheOptions() throws Exception {
        Run r = dbt(Map.of("QEMU_LD_PREFIX", sysroot(), "QEMU_SET_ENV", "DBT_TEST_SET=env", "QEMU_ARGV0", "zero"),
                program.toString());
        assertEquals("argv0=zero set=env unset=(none)\n", r.stdout(), r.stderr());
    }

    @Test
    void optionsAfterTheProgramAreTheGuests() throws Exception {
        Run r = dbt(Map.of(), "-L", sysroot(), program.toString(), "-version");
        assertEquals(3, r.status(), r.stderr());
        assertTrue(r.stdout().startsWith("argv0="), r.stdout());
    }

    @Test
    void straceGoesToTheLogFileOfDashD() throws Exception {
        Path log = dir.resolve("strace.log");
        Run r = dbt(Map.of(), "-L", sysroot(), "-strace", "-D", log.toString(), program.toString());
        assertEquals(3, r.status(), r.stderr());
        String trace = Files.readString(log);
        assertTrue(trace.contains("openat(") && trace.contains("libc.so.6"), trace);
        assertTrue(trace.contains("exit_group(3)"), trace);
    }

    @Test
    void procSelfMapsShowsTheGuestsMemory() throws Exception {
        Run r = dbt(Map.of(), "-L", sysroot(), program.toString(), "maps");
        assertTrue(r.stdout().contains("[stack]") && r.stdout().contains("[heap]"), r.stdout());
        assertFalse(r.stdout().contains("libjvm"), "the JVM's own mappings are not the guest's: " + r.stdout());
    }

    @Test
    void procSelfAuxvIsTheGuestsAuxiliaryVector() throws Exception {
        Run r = dbt(Map.of(), "-L", sysroot(), program.toString(), "auxv");
        String line = r.stdout().lines().filter(l -> l.startsWith("auxv")).findFirst().orElse("");
        String[] words = line.split(" ");
        assertTrue(words.length == 7 && Integer.parseInt(words[1]) >= 10 && words[1].equals(words[3]), r.stdout());
    }

    @Test
    void versionAndHelpPrintAndSucceed() throws Exception {
        Run version = dbt(Map.of(), "-version");
        assertEquals(0, version.status());
        assertTrue(version.stdout().startsWith("dbt "), version.stdout());
        Run help = dbt(Map.of(), "run", "--help");
        assertEquals(0, help.status());
        assertTrue(help.stdout().contains("-L DIR"), help.stdout());
    }

    @Test
    void aMissingInterpreterOrSysrootIsOneLine() throws Exception {
        Run missing = dbt(Map.of(), program.toString());
        assertEquals(127, missing.status());
        assertEquals("dbt: " + program + ": its interpreter /lib/ld-linux-riscv64-lp64d.so.1 does not exist (a"
                + " dynamically linked program: give the directory its libraries are under with -L, e.g. -L"
                + " /usr/riscv64-linux-gnu)\n", missing.stderr());
        Run notDir = dbt(Map.of(), "-L", program.toString(), program.toString());
        assertEquals("dbt: -L " + program + ": not a directory\n", notDir.stderr());
        assertTrue(notDir.status() != 0);
        Run badCpu = dbt(Map.of(), "-cpu", "pentium", program.toString());
        assertTrue(badCpu.stderr().startsWith("dbt: -cpu pentium: unknown model") && badCpu.stderr().lines().count() == 1,
                badCpu.stderr());
        Run badPin = dbt(Map.of(), "-L", sysroot(), "--pin", "2,40", program.toString());
        assertEquals("dbt: --pin 40: not a register that can be pinned (X has 32, X[0] always zero)\n",
                badPin.stderr());
        assertEquals(2, badPin.status());
    }
}
