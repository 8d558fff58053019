package dbt.x86.backend;

/**
 * A translated self-loop that compiled code jumps straight into (past its head, with the values in the loop's
 * homes: see {@link LoopEntry}): the loop's guest address and its entry as it was when the code was compiled. The
 * jump is valid for any translation of that loop whose entry has the same homes.
 */
public record BridgedLoop(long pc, LoopEntry entry) {
    /** Whether code compiled against this loop may jump into the loop whose entry is now. */
    public boolean sameHomes(LoopEntry now) {
        return now != null && now.homes().equals(entry.homes()) && now.floatHomes().equals(entry.floatHomes())
                && now.evicted().equals(entry.evicted());
    }
}
