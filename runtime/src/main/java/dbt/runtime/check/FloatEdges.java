package dbt.runtime.check;

import java.util.SplittableRandom;

/**
 * IEEE 754 bit patterns at the edges where floating-point code goes wrong, for the checker's registers: binary64
 * values, and binary32 values NaN-boxed in 64 bits (upper half ones) the way RISC-V holds singles, or sometimes
 * not boxed. Any ISA can be given these: to an integer register they are just interesting numbers.
 */
final class FloatEdges {
    private FloatEdges() {}

    private static final long[] DOUBLES = {
            0L, 0x8000000000000000L,                       // +0, -0
            0x7ff0000000000000L, 0xfff0000000000000L,      // +inf, -inf
            0x7ff8000000000000L, 0xfff8000000000001L,      // quiet NaNs (canonical, negative with payload)
            0x7ff0000000000001L, 0x7ff4000000000abcL,      // signalling NaNs
            0x0000000000000001L, 0x800fffffffffffffL,      // smallest and largest subnormal
            0x0010000000000000L, 0x7fefffffffffffffL,      // smallest normal, largest finite
            0x3ff0000000000000L, 0xbff8000000000000L,      // 1, -1.5
            0x3fe0000000000000L, 0x4330000000000001L,      // 0.5, 2^52 + 1
            0x41e0000000000000L, 0xc1e0000000000000L,      // 2^31, -2^31
            0x41dfffffffe00000L, 0x41efffffffe00000L,      // 2^31 - 1, 2^32 - 1
            0x43e0000000000000L, 0xc3e0000000000000L,      // 2^63, -2^63
            0x43f0000000000000L, 0x3fd5555555555555L,      // 2^64, 1/3
    };

    private static final int[] SINGLES = {
            0, 0x80000000, 0x7f800000, 0xff800000,         // signed zeros and infinities
            0x7fc00000, 0xffc00001, 0x7f800001, 0x7fa00abc, // quiet and signalling NaNs
            0x00000001, 0x807fffff, 0x00800000, 0x7f7fffff, // subnormals, smallest normal, largest finite
            0x3f800000, 0xbfc00000, 0x3f000000, 0x4b000001, // 1, -1.5, 0.5, 2^23 + 1
            0x4f000000, 0xcf000000, 0x4f800000, 0x5f000000, // 2^31, -2^31, 2^32, 2^63
            0x5f800000, 0x3eaaaaab,                         // 2^64, 1/3
    };

    static long pick(SplittableRandom random) {
        if (random.nextBoolean()) {
            long d = DOUBLES[random.nextInt(DOUBLES.length)];
            return random.nextInt(4) == 0 ? d ^ random.nextLong(1 << 4) : d; // sometimes a neighbour
        }
        long s = SINGLES[random.nextInt(SINGLES.length)] & 0xffffffffL;
        return random.nextInt(8) == 0 ? s : 0xffffffff00000000L | s; // mostly NaN-boxed
    }
}
