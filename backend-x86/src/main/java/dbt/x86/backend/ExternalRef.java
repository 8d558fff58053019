package dbt.x86.backend;

/**
 * A field of a compiled block's code that holds the address of something outside the block, which the runtime
 * provides and which lies elsewhere in another run of dbt (another code cache, other counters): where the field is,
 * how it holds the address, and what it refers to. With the direct exits ({@link ExitSite}, which go to trampolines
 * until linked) these are every address in the code that is not the code's own: a runtime that puts the code at
 * another address, in another run, writes these fields again and nothing else (see {@code SavedTranslations}).
 *
 * @param offset where the field begins, from the start of the block's code
 * @param index  for {@link Target#JUMP_CACHE}, the offset added to the cache's address; for
 *               {@link Target#PREDICTION_CELL}, which of the block's prediction sites; for {@link Target#LOOP_TOP},
 *               which of its bridged loops; else 0
 */
public record ExternalRef(int offset, Field field, Target target, int index) {
    /** How the field holds the address. */
    public enum Field {
        /** A jump's or call's rel32, from the end of the field. */
        REL32,
        /** A memory operand's absolute 32-bit displacement (an address below 2 GiB), at the end of its instruction. */
        DISP32,
        /** A {@code movabs}'s 64-bit immediate. */
        IMM64
    }

    /** What the field refers to. */
    public enum Target {
        EXIT_STUB, MAPPING_TABLE, JUMP_CACHE, STATS_COUNTERS, BUDGET_COUNTER, PREDICTION_CELL,
        /** Another translation's loop, past its head (see {@link BridgedLoop}). */
        LOOP_TOP
    }
}
