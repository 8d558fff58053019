package dbt.x86.backend;

import dbt.x86.asm.Label;

/**
 * An indirect jump with a prediction (fastBT): its cell, the code offset of the prediction's first instruction (10
 * bytes, to be patched into a jump to plainLookup when the site gives up predicting), and the lookup without
 * prediction that then runs instead. The runtime records both addresses in the cell once the block is placed.
 */
public record PredictionSite(long cell, int checkOffset, Label plainLookup) {
    /** Cell layout: predicted guest address, its host code, mispredictions left, check address, plain lookup. */
    public static final int GUEST = 0;
    public static final int HOST = 8;
    public static final int MISSES_LEFT = 16;
    public static final int CHECK = 24;
    public static final int PLAIN_LOOKUP = 32;
    public static final int SIZE = 40;
}
