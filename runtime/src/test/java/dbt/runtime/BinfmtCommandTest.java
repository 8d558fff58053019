package dbt.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The binfmt_misc line: its format, and its magic and mask against real binaries. */
class BinfmtCommandTest {
    @Test
    void theLineHasTheKernelsFormat() {
        String line = BinfmtCommand.line("/opt/dbt/dbt");
        assertEquals(":dbt-riscv64:M::\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                + "\\x02\\x00\\xf3\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff"
                + "\\xfe\\xff\\xff\\xff:/opt/dbt/dbt:", line);
    }

    /** Whether the kernel would hand the file to dbt: its first bytes, masked, equal the magic. */
    private static boolean matches(Path file) throws IOException {
        byte[] head = new byte[BinfmtCommand.MAGIC.length];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) < head.length) {
                return false;
            }
        }
        for (int k = 0; k < head.length; k++) {
            if ((head[k] & BinfmtCommand.MASK[k]) != BinfmtCommand.MAGIC[k]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theMagicMatchesRiscvProgramsStaticAndDynamicAndNothingElse() throws Exception {
        Assumptions.assumeTrue(GuestProgramsTest.onPath("riscv64-linux-gnu-gcc"), "no riscv64-linux-gnu-gcc");
        Path out = GuestProgramsTest.build(GuestProgramsTest.findRepoRoot().resolve("tests").resolve("programs"));
        for (String name : List.of("hello", "threads", "exceptions")) {
            assertTrue(matches(out.resolve("riscv64").resolve(name)), "static " + name);
            assertTrue(matches(out.resolve("riscv64-dynamic").resolve(name)), "dynamic " + name);
            assertFalse(matches(out.resolve("native").resolve(name)), "native " + name);
        }
        Path interpreter = Path.of("/usr/riscv64-linux-gnu/lib/ld-linux-riscv64-lp64d.so.1");
        if (Files.exists(interpreter)) {
            assertTrue(matches(interpreter), "the loader itself (ET_DYN) runs too, as under qemu");
        }
    }

    /** Where binfmt_misc can be written (root, mounted): registers, runs a program directly, unregisters. */
    @Test
    void registeredProgramsRunDirectly() throws Exception {
        Path register = Path.of("/proc/sys/fs/binfmt_misc/register");
        Assumptions.assumeTrue(Files.isWritable(register), "binfmt_misc is not mounted writable here");
        Path entry = register.resolveSibling(BinfmtCommand.NAME);
        Assumptions.assumeFalse(Files.exists(entry), "already registered");
        Path launcher = GuestProgramsTest.findRepoRoot().resolve("dbt");
        Files.writeString(register, BinfmtCommand.line(launcher.toString()));
        try {
            Path out = GuestProgramsTest.build(GuestProgramsTest.findRepoRoot().resolve("tests").resolve("programs"));
            Process p = new ProcessBuilder(out.resolve("riscv64").resolve("hello").toString())
                    .redirectErrorStream(true).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            String output = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.exitValue(), output);
            assertTrue(output.startsWith("Hello"), output);
        } finally {
            Files.writeString(entry, "-1");
        }
    }
}
