package dbt.x86.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the host CPU offers beyond x86-64's baseline (SSE2), read once from the kernel's {@code /proc/cpuinfo}
 * when first asked. Only FMA3 so far: without it, fused multiply-add is left to the interpreter.
 */
public final class HostFeatures {
    private HostFeatures() {}

    private static final class Holder {
        static final boolean FMA = flag("fma");
    }

    static boolean fma() {
        return Holder.FMA;
    }

    /** The features that code generation depends on, as text (code made for one set may not run with another). */
    public static String describe() {
        return fma() ? "fma" : "";
    }

    private static boolean flag(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return (" " + line.substring(line.indexOf(':') + 1) + " ").contains(" " + name + " ");
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
