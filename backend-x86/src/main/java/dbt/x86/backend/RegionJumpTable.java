package dbt.x86.backend;

/**
 * The jump table of a region's indirect jump (see ExitLowering#regionJump), as a C compiler makes one for a switch:
 * one 32-bit entry per byte of guest address from the lowest target up, each the offset from the table of the code
 * the address jumps to: a target's block, or where the jump leaves the region. An entry per byte, not per
 * instruction, so that the address is looked up as the register holds it, before the jump's mask (a jump to an odd
 * address goes to the even one below it); placed with the code, the table moves with it. A few targets are compared
 * instead, one by one, as are targets too far apart for a table of {@link #MAX_SPAN} entries.
 *
 * @param lowest the lowest target
 * @param entries how many bytes of guest addresses, from the lowest target, have an entry
 */
record RegionJumpTable(long lowest, int entries) {
    /** Targets compared one by one rather than looked up (two compares cost what the table's lookup does). */
    static final int COMPARED = 2;
    /** Where there is no table: at most this many targets compared, the most frequent (the others leave). */
    static final int MAX_COMPARED = 8;
    /** At most this many bytes of guest addresses (a table of four times that). */
    static final int MAX_SPAN = 4096;

    /** The table for jumps to targets (addresses masked with mask), or null where they are to be compared. */
    static RegionJumpTable of(long[] targets, long mask) {
        if (targets.length <= COMPARED) {
            return null;
        }
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        for (long t : targets) {
            lowest = Math.min(lowest, t);
            highest = Math.max(highest, t);
        }
        long entries = highest - lowest + 1 + (mask & 1 ^ 1); // (an odd address past the highest target reaches it)
        if (-lowest != (int) -lowest || entries > MAX_SPAN) {
            return null;
        }
        return new RegionJumpTable(lowest, (int) entries);
    }
}
