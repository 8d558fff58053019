package dbt.x86.asm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs GNU objdump on raw x86-64 bytes and returns its Intel-syntax text per instruction address, normalized:
 * whitespace collapsed, and a RIP-relative operand {@code [rip+0x...]  # 0xTARGET} written {@code [rip=0xTARGET]}
 * so that it names the address it reaches.
 */
final class Objdump {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t[0-9a-f ]+\\t(.*)$");
    private static final Pattern RIP = Pattern.compile("\\[rip[+-]0x[0-9a-f]+\\](.*?)\\s*#\\s*(0x[0-9a-f]+).*$");
    private static final boolean AVAILABLE = probe();

    private Objdump() {}

    static boolean available() {
        return AVAILABLE;
    }

    /** Address of each instruction, in order, to its normalized text. */
    static Map<Long, String> disassemble(byte[] code, long address) throws IOException, InterruptedException {
        Path file = Files.createTempFile("dbt-x86-", ".bin");
        try {
            Files.write(file, code);
            List<String> command = List.of("objdump", "-D", "-z", "-b", "binary", "-m", "i386:x86-64", "-M", "intel",
                    "--insn-width=16", "--adjust-vma=0x" + Long.toHexString(address), file.toString());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("objdump failed: " + out);
            }
            Map<Long, String> byAddress = new LinkedHashMap<>();
            for (String line : out.split("\n")) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    byAddress.put(Long.parseUnsignedLong(m.group(1), 16), normalize(m.group(2)));
                }
            }
            return byAddress;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static String normalize(String text) {
        Matcher rip = RIP.matcher(text);
        if (rip.find()) {
            text = text.substring(0, rip.start()) + "[rip=" + rip.group(2) + "]" + rip.group(1);
        }
        return text.replaceAll("\\s+", " ").trim();
    }

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder("objdump", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Joins the disassembly of several addresses for a failure message. */
    static String listing(Map<Long, String> byAddress) {
        List<String> lines = new ArrayList<>();
        byAddress.forEach((a, t) -> lines.add(String.format("  %x: %s", a, t)));
        return String.join("\n", lines);
    }
}
