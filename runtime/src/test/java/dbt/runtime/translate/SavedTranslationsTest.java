package dbt.runtime.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.x86.asm.Gp;
import dbt.x86.asm.Xmm;
import dbt.x86.backend.BridgedLoop;
import dbt.x86.backend.ExternalRef;
import dbt.x86.backend.LoopEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file of saved translations: what it keeps, and what it refuses (stale guest code, other keys, damage). */
class SavedTranslationsTest {
    private static final long PC = 0x10a40;
    private static final byte[] GUEST = {0x13, 0x05, 0x15, 0x00, (byte) 0x85, 0x05}; // addi a0,a0,1; c.addi a1,1
    private static final String KEY = "program /x 1 2\nbuild test";

    @TempDir
    Path dir;

    /** A translation with every list filled; its offsets lie within its 64 bytes of code. */
    private static TranslatedCode sample(long pc) {
        byte[] code = new byte[64];
        for (int k = 0; k < code.length; k++) {
            code[k] = (byte) (k * 7);
        }
        LoopEntry loop = new LoopEntry(12, Map.of(0x1_0000_0002L, Gp.RBX), Map.of(0x2_0000_0001L, Xmm.XMM3),
                Map.of(0x1_0000_000aL, Gp.R12));
        return new TranslatedCode(pc, true, 2, code,
                List.of(new ExternalRef(2, ExternalRef.Field.IMM64, ExternalRef.Target.MAPPING_TABLE, 0),
                        new ExternalRef(20, ExternalRef.Field.DISP32, ExternalRef.Target.JUMP_CACHE, 8),
                        new ExternalRef(30, ExternalRef.Field.IMM64, ExternalRef.Target.PREDICTION_CELL, 0),
                        new ExternalRef(40, ExternalRef.Field.REL32, ExternalRef.Target.LOOP_TOP, 0),
                        new ExternalRef(50, ExternalRef.Field.REL32, ExternalRef.Target.EXIT_STUB, 0)),
                List.of(new BridgedLoop(0x10b00, loop)),
                List.of(new TranslatedCode.Exit(56, 0x10a48, PC, 0)),
                List.of(new TranslatedCode.Prediction(0, 28, 44)),
                List.of(new TranslatedCode.Interrupt(0, 8, 60)),
                List.of(new TranslatedCode.Fault(10, 62)), loop,
                new TranslatedCode.GuestCode(new long[] {pc, GUEST.length}, GUEST.clone()));
    }

    /** A run that saves samples translating the given addresses (a first run if the file is not there yet). */
    private static void saveSamples(Path file, long... pcs) {
        SavedTranslations run = SavedTranslations.open(file, KEY);
        for (long pc : pcs) {
            run.add(sample(pc));
        }
        run.save();
    }

    /** Guest memory holding bytes at address pc, executable, and nothing else. */
    private static SavedTranslations.CodeReader memory(long pc, byte[] bytes) {
        return (address, code, offset, length) -> address >= pc && address + length <= pc + bytes.length
                && java.util.Arrays.equals(bytes, (int) (address - pc), (int) (address - pc) + length, code, offset,
                offset + length);
    }

    @Test
    void aTranslationDecodesAsItWasEncoded() {
        TranslatedCode t = sample(PC);
        byte[] encoded = SavedTranslationFormat.encode(t);
        TranslatedCode back = SavedTranslationFormat.decode(encoded, 0, encoded.length);
        assertNotNull(back);
        assertEquals(t.pc(), back.pc());
        assertEquals(t.region(), back.region());
        assertEquals(t.guestInstructions(), back.guestInstructions());
        assertArrayEquals(t.code(), back.code());
        assertEquals(t.externals(), back.externals());
        assertEquals(t.exits(), back.exits());
        assertEquals(t.predictions(), back.predictions());
        assertEquals(t.interrupts(), back.interrupts());
        assertEquals(t.faults(), back.faults());
        assertEquals(t.loopEntry(), back.loopEntry());
        assertEquals(1, back.bridgedLoops().size());
        assertEquals(0x10b00, back.bridgedLoops().getFirst().pc());
        assertTrue(back.bridgedLoops().getFirst().sameHomes(t.loopEntry()));
        assertArrayEquals(t.guest().ranges(), back.guest().ranges());
        assertArrayEquals(t.guest().bytes(), back.guest().bytes());
    }

    @Test
    void damagedEncodingsDecodeToNothingOrToCodeThatStaysWithinItself() {
        byte[] encoded = SavedTranslationFormat.encode(sample(PC));
        for (int length = 0; length < encoded.length; length++) {
            assertNull(SavedTranslationFormat.decode(encoded, 0, length), "truncated to " + length);
        }
        Random random = new Random(42);
        int decoded = 0;
        for (int n = 0; n < 20_000; n++) {
            byte[] damaged = encoded.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
            }
            TranslatedCode t = SavedTranslationFormat.decode(damaged, 0, damaged.length);
            if (t != null) {
                decoded++;
                int size = t.code().length;
                for (ExternalRef x : t.externals()) {
                    assertTrue(x.offset() >= 0 && x.offset() + (x.field() == ExternalRef.Field.IMM64 ? 8 : 4) <= size);
                }
                t.exits().forEach(e -> assertTrue(e.rel32Offset() >= 0 && e.rel32Offset() + 4 <= size));
                t.interrupts().forEach(s -> assertTrue(s.offset() >= 0 && s.offset() + s.width() <= size
                        && s.exitOffset() >= 0 && s.exitOffset() < size));
                t.faults().forEach(f -> assertTrue(f.accessOffset() < size && f.recoveryOffset() < size));
                t.predictions().forEach(p -> assertTrue(p.checkOffset() + 10 <= size && p.plainLookupOffset() < size));
            }
        }
        assertTrue(decoded > 0, "some flips (in the code bytes, say) still decode");
    }

    @Test
    void savedTranslationsAreFoundByANewRunOnlyWhereItsGuestCodeIsTheSame() throws IOException {
        Path file = dir.resolve("p.dbt-translations");
        SavedTranslations first = SavedTranslations.open(file, KEY);
        assertFalse(first.has(PC));
        first.add(sample(PC));
        first.add(sample(PC + 0x100));
        first.save();
        try (var left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "the file alone: no temporary file left behind");
        }

        SavedTranslations second = SavedTranslations.open(file, KEY);
        assertTrue(second.has(PC));
        assertNotNull(second.find(PC, memory(PC, GUEST)));
        byte[] changed = GUEST.clone();
        changed[4] ^= 1;
        assertNull(second.find(PC + 0x100, memory(PC + 0x100, changed)), "the guest code differs");
        assertNull(second.find(PC + 0x100, (address, code, offset, length) -> false), "not mapped");
        assertEquals(1, second.loaded());
        assertEquals(1, second.rejected());
        assertFalse(second.has(PC + 0x100));
        second.save();

        SavedTranslations third = SavedTranslations.open(file, KEY);
        assertTrue(third.has(PC));
        assertFalse(third.has(PC + 0x100), "stale code is not saved again");
        assertFalse(SavedTranslations.open(file, KEY + " other").has(PC), "another key: another build");
    }

    @Test
    void liftedBlocksAreSavedFromAProgramsSecondRunOnAndReadBackWhereTheirCodeIsTheSame() throws IOException {
        Path file = dir.resolve("p.dbt-translations");
        TranslatedCode.GuestCode guest = new TranslatedCode.GuestCode(new long[] {PC, GUEST.length}, GUEST.clone());
        SavedTranslations first = SavedTranslations.open(file, KEY);
        first.add(sample(PC + 0x100));
        first.addLifted(lifted(PC), () -> guest);
        first.save();
        SavedTranslations second = SavedTranslations.open(file, KEY);
        assertNull(second.findLifted(PC, memory(PC, GUEST)), "a first run saves no lifted blocks");
        second.addLifted(lifted(PC), () -> guest);
        second.addLifted(lifted(PC + 8), () -> null); // (not all code: not saved)
        second.addLifted(lifted(PC + 16), () -> guest);
        second.translating(PC + 16); // (its translation is saved instead)
        second.save();

        SavedTranslations third = SavedTranslations.open(file, KEY);
        SavedTranslations.Lifted l = third.findLifted(PC, memory(PC, GUEST));
        assertNotNull(l);
        assertEquals(dbt.ir.IrPrinter.print(lifted(PC)), dbt.ir.IrPrinter.print(l.ir()));
        assertNull(third.findLifted(PC + 8, memory(PC, GUEST)));
        assertNull(third.findLifted(PC + 16, memory(PC, GUEST)));
        assertTrue(third.has(PC + 0x100), "the translation saved by the first run is kept");
        byte[] changed = GUEST.clone();
        changed[0] ^= 4;
        SavedTranslations fourth = SavedTranslations.open(file, KEY);
        assertNull(fourth.findLifted(PC, memory(PC, changed)), "the guest code differs");
        assertEquals(1, fourth.rejected());
    }

    /** A small lifted block at pc: a register plus a constant, written back, and a jump on. */
    private static dbt.ir.IrBlock lifted(long pc) {
        dbt.ir.IrBlock b = new dbt.ir.IrBlock(pc);
        dbt.ir.Inst a0 = b.add(new dbt.ir.Inst(dbt.ir.Op.GET_REG, dbt.ir.Type.I64, 0, 10));
        dbt.ir.Inst one = b.add(new dbt.ir.Inst(dbt.ir.Op.CONST, dbt.ir.Type.I64, -1, 0));
        dbt.ir.Inst sum = b.add(new dbt.ir.Inst(dbt.ir.Op.ADD, dbt.ir.Type.I64, 0, 0, a0, one));
        b.add(new dbt.ir.Inst(dbt.ir.Op.SET_REG, dbt.ir.Type.I64, 0, 10, sum));
        b.add(new dbt.ir.Inst(dbt.ir.Op.EXIT_JUMP, dbt.ir.Type.I64, pc + 4, 0));
        b.guestInstructions = 1;
        return b;
    }

    @Test
    void aFileThatDoesNotParseIsIgnoredAndReplaced() throws IOException {
        Path file = dir.resolve("p.dbt-translations");
        saveSamples(file, PC);
        byte[] bytes = Files.readAllBytes(file);
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 5] ^= 1; // (in the code: the record's CRC fails when it is used)
        Files.write(file, flipped);
        SavedTranslations damaged = SavedTranslations.open(file, KEY);
        assertNull(damaged.find(PC, memory(PC, GUEST)), "a record whose CRC fails");
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        SavedTranslations truncated = SavedTranslations.open(file, KEY);
        assertFalse(truncated.has(PC));
        truncated.add(sample(PC + 4));
        truncated.save();
        assertTrue(SavedTranslations.open(file, KEY).has(PC + 4));

        Files.write(file, new byte[] {1, 2, 3});
        assertFalse(SavedTranslations.open(file, KEY).has(PC + 4));
    }

    @Test
    void pruningKeepsTheMostRecentlyUsedFilesWithinTheLimit() throws IOException {
        for (int k = 0; k < SavedTranslations.MAX_FILES + 5; k++) {
            Path f = Files.write(dir.resolve("p" + k + SavedTranslations.SUFFIX), new byte[] {1});
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (k + 1)));
        }
        Path other = Files.write(dir.resolve("notes.txt"), new byte[] {1});
        SavedTranslations.prune(dir);
        for (int k = 0; k < 5; k++) {
            assertFalse(Files.exists(dir.resolve("p" + k + SavedTranslations.SUFFIX)), "the oldest go");
        }
        assertTrue(Files.exists(dir.resolve("p5" + SavedTranslations.SUFFIX)));
        assertTrue(Files.exists(dir.resolve("p" + (SavedTranslations.MAX_FILES + 4) + SavedTranslations.SUFFIX)));
        assertTrue(Files.exists(other), "other files are left alone");
    }

    @Test
    void runsOfTheSameProgramAtOnceAppendTheirOwnTranslations() throws IOException {
        Path file = dir.resolve("p.dbt-translations");
        saveSamples(file, PC);
        SavedTranslations a = SavedTranslations.open(file, KEY); // (two runs started together)
        SavedTranslations b = SavedTranslations.open(file, KEY);
        a.add(sample(PC + 0x100));
        b.add(sample(PC + 0x200));
        a.save();
        b.save();
        SavedTranslations after = SavedTranslations.open(file, KEY);
        for (long pc : new long[] {PC, PC + 0x100, PC + 0x200}) {
            assertNotNull(after.find(pc, memory(pc, GUEST)), "0x" + Long.toHexString(pc));
        }
    }

    @Test
    void aFileOfRecordsAppendedAgainAndAgainIsWrittenAnewBeforeItDoublesWhatItHolds() throws IOException {
        Path file = dir.resolve("p.dbt-translations");
        long largest = 0;
        for (int run = 0; run < 12; run++) {
            saveSamples(file, PC, PC + 8); // (the same translations made again by every run)
            largest = Math.max(largest, Files.size(file));
        }
        long one = Files.size(file);
        assertTrue(largest < 4 * (one + 1), "the file stays bounded: " + largest + " vs " + one);
        assertNotNull(SavedTranslations.open(file, KEY).find(PC, memory(PC, GUEST)));
    }

    @Test
    void aRecordCutShortAtTheEndLeavesTheOthers() throws IOException {
        Path file = dir.resolve("p.dbt-translations");
        saveSamples(file, PC);
        saveSamples(file, PC + 0x100); // (appended)
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 7)); // (a run died while appending)
        SavedTranslations after = SavedTranslations.open(file, KEY);
        assertNotNull(after.find(PC, memory(PC, GUEST)));
        assertFalse(after.has(PC + 0x100));
    }
}
