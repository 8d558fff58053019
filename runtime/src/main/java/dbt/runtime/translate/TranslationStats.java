package dbt.runtime.translate;

import dbt.isa.exec.NativeMemory;
import dbt.x86.backend.ExitReason;
import dbt.x86.backend.StatsCounters;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;

/** Counters for {@code --stats}: what was translated, and how often and why translated code left. */
public final class TranslationStats {
    long blocks;
    long guestInstructions;
    long hostBytes;
    long chainPatches;
    long interpretedInstructions;
    /** Of those, the ones the reference interpreter ran (the IR interpreter declined them: see TranslatingEngine). */
    long referenceInstructions;
    /** Blocks translated a second time to enter a loop that appeared after them (see Translator.linked). */
    long retranslations;
    /** Blocks translated shorter (their values did not fit the spill area), and left to the interpreter even so. */
    long shortened;
    long interpreted;
    /** Regions translated (see IrRegion), the blocks they cover, and regions that fell back to a block. */
    long regions;
    long regionBlocks;
    long regionFallbacks;
    /** Regions through a plain indirect jump that replace a smaller one through the same jump (see Translator). */
    long largerJumpRegions;
    /** Calls whose callee a region holds inline (see InlinedCalls). */
    long inlinedCalls;
    /**
     * Time spent decoding and lifting (every block seen), and translating: region searches (but the lifting they do),
     * the pass pipeline, code generation.
     */
    long liftNanos;
    long searchNanos;
    long passNanos;
    long codegenNanos;
    /** Block runs on the IR interpreter before translation (see Translator.coldRun), and the time they took. */
    long coldRuns;
    long coldNanos;
    /** Saved translations installed (see SavedTranslations), and fresh ones that could not be saved. */
    long savedInstalled;
    long unsaved;
    final long[] exits = new long[16];

    /** Prints these counters with the translated code's own (see {@link StatsCounters}). */
    void print(PrintStream out, MemorySegment counters, long trampolines, long trampolinesReused, long untranslated,
               SavedTranslations saved) {
        long runInBlocks = NativeMemory.getLong(counters, StatsCounters.RUN_IN_BLOCKS);
        long runInRegions = NativeMemory.getLong(counters, StatsCounters.RUN_IN_REGIONS);
        out.printf("dbt: translated %,d blocks (%,d of them again, to enter a loop directly; %,d shortened and %,d left to"
                        + " the interpreter, too many live values), %,d guest instructions, %,d host bytes (%.1f bytes per"
                        + " guest instruction)%n", blocks, retranslations, shortened, interpreted, guestInstructions,
                hostBytes, guestInstructions == 0 ? 0.0 : (double) hostBytes / guestInstructions);
        out.printf("dbt: regions: %,d, covering %,d blocks and %,d calls inlined (%,d regions fell back to their first"
                + " block; %,d of them larger ones of a loop through an indirect jump); guest instructions run"
                + " in translated code (counted per block entered): %,d, %.1f%% of them in regions%n", regions,
                regionBlocks, inlinedCalls, regionFallbacks, largerJumpRegions, runInBlocks + runInRegions,
                runInBlocks + runInRegions == 0 ? 0.0 : 100.0 * runInRegions / (runInBlocks + runInRegions));
        if (saved != null) {
            out.printf("dbt: saved translations (%s): %,d installed instead of translated, %,d lifted blocks read,"
                    + " %,d found stale (the guest code differs); %,d new ones to save, %,d not movable%n",
                    saved.file(), savedInstalled, saved.liftedLoaded(), saved.rejected(), saved.added(), unsaved);
        }
        out.printf("dbt: decoding and lifting every block seen took %.0f ms; translating, region searches %.0f ms,"
                + " passes %.0f ms and code generation %.0f ms%n", liftNanos / 1e6, searchNanos / 1e6,
                passNanos / 1e6, codegenNanos / 1e6);
        out.printf("dbt: IR interpreter: %,d block runs before translation, %.0f ms; %,d blocks never translated%n",
                coldRuns, coldNanos / 1e6, untranslated);
        StringBuilder sb = new StringBuilder("dbt: exits to the dispatcher:");
        for (int r = 1; r < exits.length; r++) {
            if (exits[r] > 0) {
                sb.append(String.format(" %s %,d;", ExitReason.name(r), exits[r]));
            }
        }
        out.println(sb);
        out.printf("dbt: chain patches %,d (trampolines handed out %,d, of them reused %,d); indirect jumps: %,d"
                        + " predicted, %,d found inline, %,d missed; %,d instructions interpreted (%,d of them by the"
                        + " reference interpreter)%n", chainPatches,
                trampolines, trampolinesReused, NativeMemory.getLong(counters, StatsCounters.PREDICTION_HITS),
                NativeMemory.getLong(counters, StatsCounters.LOOKUP_HITS), exits[ExitReason.INDIRECT],
                interpretedInstructions, referenceInstructions);
        out.printf("dbt: returns: %,d as host returns to their call, %,d not%n",
                NativeMemory.getLong(counters, StatsCounters.RETURN_HITS),
                NativeMemory.getLong(counters, StatsCounters.RETURN_MISSES));
    }
}
