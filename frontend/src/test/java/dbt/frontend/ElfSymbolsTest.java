package dbt.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The functions found by name in the cross toolchain's glibc, against binutils' readelf. */
class ElfSymbolsTest {
    private static final Path LIBC = Path.of("/usr/riscv64-linux-gnu/lib/libc.so.6");
    /** Names that share their first bytes (strlen, strncmp, strnlen), prefixes of others (str, mem), and absent ones. */
    private static final Set<String> NAMES = Set.of("strlen", "strncmp", "strnlen", "strcmp", "str", "memcpy", "mem",
            "memmove", "printf", "malloc", "_IO_puts", "no_such_function", "s");

    @Test
    void theNamedFunctionsOfASharedLibraryAsReadelfListsThem() throws IOException, InterruptedException {
        assumeTrue(Files.isReadable(LIBC), "needs libc6-dev-riscv64-cross");
        Process p = new ProcessBuilder("readelf", "-W", "--dyn-syms", LIBC.toString()).redirectErrorStream(true)
                .start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor() == 0, "needs binutils' readelf");
        // Num: Value Size Type Bind Vis Ndx Name[@version]
        Pattern line = Pattern.compile("(?m)^\\s*\\d+: ([0-9a-f]+)\\s+(\\d+) FUNC\\s+(GLOBAL|WEAK)\\s+\\S+\\s+(\\d+) "
                + "([^@\\s]+)");
        Map<String, String> expected = new TreeMap<>();
        for (Matcher m = line.matcher(listing); m.find(); ) {
            if (NAMES.contains(m.group(5))) {
                expected.put(m.group(5), Long.parseLong(m.group(1), 16) + "+" + m.group(2));
            }
        }
        assertTrue(expected.size() >= 8, "readelf lists the usual functions: " + expected);
        byte[] file = Files.readAllBytes(LIBC);
        Map<String, String> found = new TreeMap<>();
        for (ElfSymbols.Function f : ElfSymbols.functions(file, NAMES)) {
            found.put(f.name(), f.address() + "+" + f.size());
            assertTrue(f.fileOffset() > 0 && f.fileOffset() + f.size() <= file.length, "code in the file: " + f);
        }
        assertEquals(expected, found);
    }

    @Test
    void aDamagedFileHasNoFunctions() throws IOException {
        assumeTrue(Files.isReadable(LIBC), "needs libc6-dev-riscv64-cross");
        byte[] file = Files.readAllBytes(LIBC);
        assertEquals(0, ElfSymbols.functions(Arrays.copyOf(file, file.length / 2), NAMES).size(),
                "cut in half: its section headers are gone");
        assertEquals(0, ElfSymbols.functions(new byte[] {0x7f, 'E', 'L', 'F'}, NAMES).size());
    }
}
