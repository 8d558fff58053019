package dbt.runtime.translate;

import dbt.isa.decode.BlockDecoder;
import dbt.x86.asm.AssembledCode;
import dbt.x86.backend.BridgedLoop;
import dbt.x86.backend.CompiledBlock;
import dbt.x86.backend.ExitSite;
import dbt.x86.backend.ExternalRef;
import dbt.x86.backend.FaultSite;
import dbt.x86.backend.InterruptSite;
import dbt.x86.backend.LoopEntry;
import dbt.x86.backend.PredictionSite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A translation's host code and what the runtime registers for it once it is placed, all by offsets from the start
 * of the code: the form a fresh translation and a saved one (see {@link SavedTranslations}) are both installed from.
 * The code's bytes are as resolved for some address; the fields that hold addresses outside the code are the
 * externals and the exits' rel32s, which {@link #relocate} writes again for another address and another run.
 *
 * @param pc                the guest address it translates (a block's, or a region's first block's)
 * @param region            whether it is a region's code
 * @param guestInstructions the guest instructions it holds
 * @param exits             its direct exits (the trampoline each goes to until linked; 0 in a saved translation)
 * @param bridgedLoops      the loops it jumps straight into (their entries' loop tops are not this run's in a saved
 *                          translation)
 * @param predictions       its predicted indirect jumps (their cells; 0 in a saved translation)
 * @param loopEntry         for a self-loop, how to enter it past its head (loopTop an offset), or null
 * @param guest             the guest code it was translated from (null when it is not to be saved)
 */
record TranslatedCode(long pc, boolean region, int guestInstructions, byte[] code, List<ExternalRef> externals,
                      List<BridgedLoop> bridgedLoops, List<Exit> exits, List<Prediction> predictions,
                      List<Interrupt> interrupts, List<Fault> faults, LoopEntry loopEntry, GuestCode guest) {

    /** A direct exit: the offset of its rel32, where it goes and from which block (see {@link ExitSite}). */
    record Exit(int rel32Offset, long target, long source, long trampoline) {}

    /** A predicted indirect jump (see {@link PredictionSite}): its check's and its plain lookup's offsets. */
    record Prediction(long cell, int checkOffset, int plainLookupOffset) {}

    /** An interrupt site (see {@link InterruptSite}): where, how wide, and the offset of its interrupt exit. */
    record Interrupt(int offset, int width, int exitOffset) {}

    /** A guest access's host instruction and its cold path (see {@link FaultSite}). */
    record Fault(int accessOffset, int recoveryOffset) {}

    /**
     * Guest code by address ranges and its bytes: ranges holds start and length pairs, bytes their contents in
     * order. A saved translation is used only where guest memory holds these bytes again.
     */
    record GuestCode(long[] ranges, byte[] bytes) {
        /**
         * The guest code of decoded blocks, by ranges of consecutive instructions; null if a block ended at something
         * that is not code (an undecodable word, a fetch fault), whose bytes it does not hold.
         */
        static GuestCode of(Iterable<BlockDecoder.Block> decoded) {
            long[] ranges = new long[16];
            int n = 0;
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            for (BlockDecoder.Block block : decoded) {
                if (block.stop() != BlockDecoder.Stop.END) {
                    return null;
                }
                for (BlockDecoder.Decoded d : block.instructions()) {
                    if (n > 0 && ranges[n - 2] + ranges[n - 1] == d.address()) {
                        ranges[n - 1] += d.bytes();
                    } else {
                        if (n == ranges.length) {
                            ranges = Arrays.copyOf(ranges, 2 * n);
                        }
                        ranges[n++] = d.address();
                        ranges[n++] = d.bytes();
                    }
                    for (int b = 0; b < d.bytes(); b++) {
                        bytes.write((int) (d.word() >>> 8 * b));
                    }
                }
            }
            return new GuestCode(Arrays.copyOf(ranges, n), bytes.toByteArray());
        }

        /** The guest code of all the parts, in order. */
        static GuestCode concat(List<GuestCode> parts) {
            if (parts.size() == 1) {
                return parts.getFirst();
            }
            int ranges = 0;
            int bytes = 0;
            for (GuestCode p : parts) {
                ranges += p.ranges.length;
                bytes += p.bytes.length;
            }
            long[] r = new long[ranges];
            byte[] b = new byte[bytes];
            ranges = 0;
            bytes = 0;
            for (GuestCode p : parts) {
                System.arraycopy(p.ranges, 0, r, ranges, p.ranges.length);
                System.arraycopy(p.bytes, 0, b, bytes, p.bytes.length);
                ranges += p.ranges.length;
                bytes += p.bytes.length;
            }
            return new GuestCode(r, b);
        }
    }

    /** The parts of freshly compiled code, resolved as code; guest is null unless it is to be saved. */
    static TranslatedCode of(long pc, boolean region, CompiledBlock compiled, AssembledCode code, GuestCode guest) {
        List<Exit> exits = new ArrayList<>();
        for (ExitSite e : compiled.exits()) {
            exits.add(new Exit(e.site().rel32Offset(), e.target(), e.source(), e.trampoline()));
        }
        List<Prediction> predictions = new ArrayList<>();
        for (PredictionSite p : compiled.predictions()) {
            predictions.add(new Prediction(p.cell(), p.checkOffset(), p.plainLookup().offset()));
        }
        List<Interrupt> interrupts = new ArrayList<>();
        for (InterruptSite s : compiled.interruptSites()) {
            interrupts.add(new Interrupt(s.offset(), s.width(), s.exit().offset()));
        }
        List<Fault> faults = new ArrayList<>();
        for (FaultSite f : compiled.faultSites()) {
            faults.add(new Fault(f.accessOffset(), f.recovery().offset()));
        }
        return new TranslatedCode(pc, region, compiled.guestInstructions(), code.bytes(),
                List.copyOf(compiled.externals()), List.copyOf(compiled.bridgedLoops()), exits, predictions,
                interrupts, faults, compiled.loopEntry(), guest);
    }

    /**
     * Whether the code, just placed at address, can be moved to another address: every absolute jump the assembler
     * resolved is an exit's or a known external reference's, and writing every external field and exit again for
     * this address gives back the same bytes (so each field is where its reference says, and holds what it says).
     */
    boolean movable(AssembledCode assembled, long address, Externals where) {
        Set<Integer> known = new HashSet<>();
        exits.forEach(e -> known.add(e.rel32Offset()));
        externals.stream().filter(x -> x.field() == ExternalRef.Field.REL32).forEach(x -> known.add(x.offset()));
        Set<Integer> resolved = new HashSet<>();
        for (int f : assembled.absoluteFields()) {
            resolved.add(f);
        }
        if (!known.equals(resolved)) {
            return false;
        }
        long[] jumpTargets = new long[exits.size()]; // (a trampoline, or translated code linked at compile time)
        for (int k = 0; k < jumpTargets.length; k++) {
            int field = exits.get(k).rel32Offset();
            jumpTargets[k] = address + field + 4 + (int) littleEndian(code, field, 4);
        }
        long[] cells = predictions.stream().mapToLong(Prediction::cell).toArray();
        long[] loopTops = bridgedLoops.stream().mapToLong(b -> b.entry().loopTop()).toArray();
        TranslatedCode again = relocate(address, where, jumpTargets, cells, loopTops);
        return again != null && Arrays.equals(again.code, code);
    }

    /** Where each external target is in this run (0: absent, and code that refers to it cannot be placed). */
    interface Externals {
        long address(ExternalRef.Target target);
    }

    /**
     * This saved code with its exits going to the given trampolines, its predictions using the given cells and its
     * jumps into loops going to the given loop tops, its bytes made to run at address: every external field and exit
     * rel32 written again. Null when it refers to something this run does not have.
     */
    TranslatedCode relocate(long address, Externals where, long[] trampolines, long[] cells, long[] loopTops) {
        byte[] bytes = code.clone();
        List<Exit> relocatedExits = new ArrayList<>();
        for (int k = 0; k < exits.size(); k++) {
            Exit e = exits.get(k);
            putRel32(bytes, e.rel32Offset(), address, trampolines[k]);
            relocatedExits.add(new Exit(e.rel32Offset(), e.target(), e.source(), trampolines[k]));
        }
        List<Prediction> relocatedPredictions = new ArrayList<>();
        for (int k = 0; k < predictions.size(); k++) {
            Prediction p = predictions.get(k);
            relocatedPredictions.add(new Prediction(cells[k], p.checkOffset(), p.plainLookupOffset()));
        }
        for (ExternalRef x : externals) {
            long base = switch (x.target()) {
                case PREDICTION_CELL -> cells[x.index()];
                case LOOP_TOP -> loopTops[x.index()];
                default -> where.address(x.target());
            };
            if (base == 0) { // (absent in this run)
                return null;
            }
            long target = x.target() == ExternalRef.Target.JUMP_CACHE ? base + x.index() : base;
            switch (x.field()) {
                case REL32 -> putRel32(bytes, x.offset(), address, target);
                case DISP32 -> {
                    if (target != (int) target) {
                        return null;
                    }
                    putLittleEndian(bytes, x.offset(), target, 4);
                }
                case IMM64 -> putLittleEndian(bytes, x.offset(), target, 8);
            }
        }
        return new TranslatedCode(pc, region, guestInstructions, bytes, externals, bridgedLoops, relocatedExits,
                relocatedPredictions, interrupts, faults, loopEntry, guest);
    }

    private static void putRel32(byte[] bytes, int offset, long address, long target) {
        long rel = target - (address + offset + 4);
        if (rel != (int) rel) {
            throw new IllegalStateException("relocated jump out of rel32 range");
        }
        putLittleEndian(bytes, offset, rel, 4);
    }

    private static long littleEndian(byte[] bytes, int offset, int width) {
        long v = 0;
        for (int b = width - 1; b >= 0; b--) {
            v = v << 8 | (bytes[offset + b] & 0xff);
        }
        return v;
    }

    private static void putLittleEndian(byte[] bytes, int offset, long value, int width) {
        for (int b = 0; b < width; b++) {
            bytes[offset + b] = (byte) (value >>> 8 * b);
        }
    }
}
