package dbt.x86.backend;

/**
 * The counters translated code keeps for {@code --stats} (longs at these byte offsets from the address the runtime
 * gives {@link BlockCompiler}; none when it gives 0): indirect jumps found by the inline lookup, and by their
 * prediction; guest instructions of the blocks entered, in blocks' (and self-loops') code and in regions' code;
 * returns that went back to their call as host returns, and returns that did not.
 */
public final class StatsCounters {
    public static final int LOOKUP_HITS = 0;
    public static final int PREDICTION_HITS = 8;
    public static final int RUN_IN_BLOCKS = 16;
    public static final int RUN_IN_REGIONS = 24;
    public static final int RETURN_HITS = 32;
    public static final int RETURN_MISSES = 40;
    public static final int SIZE = 48;

    private StatsCounters() {}
}
