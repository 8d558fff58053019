package dbt.x86.backend;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the host CPU offers beyond x86-64's baseline (SSE2), read once from the kernel's {@code /proc/cpuinfo}
 * when first asked: AVX (scalar float arithmetic in its three-operand forms: the result in a register of its own with no
 * copy of the first operand first; without it, the two-operand SSE forms), FMA3 (without it, fused multiply-add is
 * left to the interpreter), BMI2 (shifts by a count
 * in any register, three operands; without it, the count goes through cl), SSE4.1 (roundsd: a conversion to an
 * integer in a static rounding mode rounds first, instead of switching MXCSR's mode around it), ERMS (the C library
 * routines copy and fill with rep movsb/stosb; without it, with 16-byte moves) and AVX2 (their scans and compares
 * take 32 bytes per step; without it, 16). The kernel lists AVX2 only where it saves the ymm registers' state.
 */
public final class HostFeatures {
    private HostFeatures() {}

    /** Set by {@link #useBaseline}: code for x86-64's baseline, whatever the CPU offers. */
    private static volatile boolean baseline;

    private static final class Holder {
        /** The first CPU's flags line, between spaces ("" if unreadable). */
        static final String FLAGS = flags();
        static final boolean AVX = flag("avx");
        static final boolean FMA = flag("fma");
        static final boolean BMI2 = flag("bmi2");
        static final boolean SSE41 = flag("sse4_1");
        static final boolean ERMS = flag("erms");
        static final boolean AVX2 = flag("avx2");
    }

    static boolean avx() {
        return !baseline && Holder.AVX;
    }

    static boolean fma() {
        return !baseline && Holder.FMA;
    }

    static boolean bmi2() {
        return !baseline && Holder.BMI2;
    }

    static boolean sse41() {
        return !baseline && Holder.SSE41;
    }

    /** Enhanced rep movsb/stosb: without it (AMD's Zen 1 and 2) they start slowly and copy a byte at a time. */
    static boolean erms() {
        return !baseline && Holder.ERMS;
    }

    /** 256-bit integer vectors (Intel since Haswell, AMD since Zen). */
    static boolean avx2() {
        return !baseline && Holder.AVX2;
    }

    /**
     * From now on, code uses none of the features (dbt's {@code --no-host-features}): for code that must run on any
     * x86-64, and so that the baseline's instruction selection is tested on machines that have them.
     */
    public static void useBaseline() {
        baseline = true;
    }

    /** The features that code generation depends on, as text (code made for one set may not run with another). */
    public static String describe() {
        return ((avx() ? " avx" : "") + (fma() ? " fma" : "") + (bmi2() ? " bmi2" : "") + (sse41() ? " sse4_1" : "")
                + (erms() ? " erms" : "") + (avx2() ? " avx2" : "")).strip();
    }

    private static boolean flag(String name) {
        return Holder.FLAGS.contains(" " + name + " ");
    }

    /** Read up to the first flags line only: on a large host the file has a few thousand lines, on dbt's start-up. */
    private static String flags() {
        try (BufferedReader in = Files.newBufferedReader(Path.of("/proc/cpuinfo"))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("flags")) {
                    return " " + line.substring(line.indexOf(':') + 1) + " ";
                }
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        return "";
    }
}
