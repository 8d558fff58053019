package dbt.ir.random;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * The constants random IR is made of: mostly values at the edges where width and sign matter (0, 1, -1, the
 * extremes and sign boundaries of every width, shift amounts around every width, the 2^30 bound of the
 * sign-extension pass's word rule, NaNs of both float formats, pointers into the data window), sometimes any value.
 * Shrinking goes towards 0, the first edge.
 */
public final class EdgeValues {
    private EdgeValues() {}

    public static final List<Long> EDGES = edges();

    private static List<Long> edges() {
        List<Long> e = new ArrayList<>(List.of(0L, 1L, -1L, 2L, 3L, 7L, 31L, 32L, 33L, 63L, 64L, 65L,
                Long.MIN_VALUE, Long.MAX_VALUE, 1L << 30, (1L << 30) - 1, -(1L << 30), -(1L << 30) - 1,
                0x7fc0_0000L, 0x7f80_0000L, 0x7ff8_0000_0000_0000L, 0xffff_ffff_7fc0_0001L,
                TestMachine.DATA, TestMachine.DATA + 8, TestMachine.DATA + TestMachine.DATA_BYTES - 8));
        for (int w : new int[] {8, 16, 32}) {
            long half = 1L << (w - 1);
            e.addAll(List.of(half - 1, half, (1L << w) - 1, 1L << w, -half, -half - 1, (long) w - 1, (long) w));
        }
        return List.copyOf(e);
    }

    /** An edge value three times in four, else any long. */
    public static Arbitrary<Long> values() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(EDGES)), Tuple.of(1, Arbitraries.longs()));
    }

    /** A register's starting value: a pointer into the data window half the time, else as {@link #values()}. */
    public static Arbitrary<Long> registerValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.longs().between(0, TestMachine.DATA_BYTES - 1).map(o -> TestMachine.DATA + o)),
                Tuple.of(1, values()));
    }
}
