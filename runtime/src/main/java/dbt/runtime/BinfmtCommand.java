package dbt.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code dbt binfmt [--install]}: the line that registers dbt with the kernel's binfmt_misc as the interpreter of
 * riscv64 ELF executables (static and dynamic, ET_EXEC and ET_DYN), so that {@code ./riscv64-program} runs under
 * dbt; with {@code --install} (as root, binfmt_misc mounted) it is written to the register file. The magic and mask
 * are qemu's for riscv64: the ELF identification of a 64-bit little-endian current-version file (any OS ABI), type
 * 2 or 3, machine 243.
 */
final class BinfmtCommand {
    static final String NAME = "dbt-riscv64";
    static final byte[] MAGIC = {
        0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, (byte) 0xf3, 0};
    static final byte[] MASK = {
        -1, -1, -1, -1, -1, -1, -1, 0, -1, -1, -1, -1, -1, -1, -1, -1, (byte) 0xfe, -1, -1, -1};
    private static final Path REGISTER = Path.of("/proc/sys/fs/binfmt_misc/register");
    static final String USAGE = """
                   dbt binfmt [--install]
              the binfmt_misc line that makes riscv64 programs run under dbt when executed; --install registers it
              (root; remove with: echo -1 > /proc/sys/fs/binfmt_misc/%s)
            """.formatted(NAME);

    private BinfmtCommand() {}

    static int run(List<String> args) throws UsageError {
        boolean install = false;
        for (String a : args) {
            switch (a) {
                case "--install" -> install = true;
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return 0;
                }
                default -> throw new UsageError("binfmt: unknown option '" + a + "' (dbt binfmt [--install])");
            }
        }
        String launcher = System.getProperty("dbt.launcher");
        if (launcher == null) {
            throw new UsageError("binfmt: run it through the dbt launcher script, whose path goes in the line");
        }
        String line = line(Path.of(launcher).toAbsolutePath().normalize().toString());
        if (!install) {
            System.out.println(line);
            return 0;
        }
        try {
            Files.writeString(REGISTER, line);
        } catch (IOException e) {
            System.err.println("dbt: binfmt: cannot write " + REGISTER + switch (e) {
                case java.nio.file.NoSuchFileException x -> " (binfmt_misc is not mounted: mount -t binfmt_misc none"
                        + " /proc/sys/fs/binfmt_misc)";
                case java.nio.file.AccessDeniedException x -> " (needs root)";
                default -> " (" + e.getMessage() + ")";
            });
            return 1;
        }
        System.out.println("registered " + NAME + ": riscv64 programs now run under " + launcher);
        return 0;
    }

    /** The registration line for interpreter (flags: none; the program's path comes as dbt's first argument). */
    static String line(String interpreter) {
        return ":" + NAME + ":M::" + escaped(MAGIC) + ":" + escaped(MASK) + ":" + interpreter + ":";
    }

    private static String escaped(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("\\x%02x", b & 0xff));
        }
        return sb.toString();
    }
}
