package dbt.runtime.translate;

import dbt.ir.IrBlock;
import dbt.ir.IrEncoding;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Xmm;
import dbt.x86.backend.BridgedLoop;
import dbt.x86.backend.ExternalRef;
import dbt.x86.backend.LoopEntry;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The file format of {@link SavedTranslations}, big-endian: a header (magic, format version, the key's length and
 * UTF-8 bytes), then records to the end of the file, each the guest address it is about, its kind, the length and
 * CRC-32 of its encoding, and the encoding: of a {@link TranslatedCode} (its guest code, host code, and every list
 * the runtime registers, by offsets; no address of the run that wrote it), or of a lifted block (its guest code and
 * {@link IrEncoding}'s form of its IR). A record's CRC is checked when it is first used (a damaged record is not
 * used) and decoding checks every count and offset against the record's bounds, so damage never becomes code that
 * writes outside itself.
 */
final class SavedTranslationFormat {
    private static final int MAGIC = 0x44425454; // "DBTT"
    private static final int VERSION = 3;
    /** The kinds of record. */
    static final byte TRANSLATION = 0;
    static final byte LIFTED = 1;
    /** A record's guest address, kind, length and CRC. */
    static final int RECORD_HEADER = 17;
    private static final ExternalRef.Field[] FIELDS = ExternalRef.Field.values();
    private static final ExternalRef.Target[] TARGETS = ExternalRef.Target.values();

    private SavedTranslationFormat() {}

    static void writeHeader(DataOutputStream out, String key) throws IOException {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(k.length);
        out.write(k);
    }

    /** A record: the guest address (an encoding begins with it), the kind, the encoding's length, CRC and bytes. */
    static void writeRecord(DataOutputStream out, byte kind, byte[] encoded) throws IOException {
        out.write(encoded, 0, 8);
        out.writeByte(kind);
        out.writeInt(encoded.length);
        CRC32 crc = new CRC32();
        crc.update(encoded);
        out.writeInt((int) crc.getValue());
        out.write(encoded);
    }

    /**
     * Reads the header (which must be this format's, version's and key's) and fills an index per kind: guest
     * address → {offset of the encoding, its length, offset of the record, 1 while its CRC is unchecked}, the last
     * record of an address winning (records are appended); returns how many records there are (-1: the file is not
     * of this key, or its records do not parse). A record cut short at
     * the end (a run that died while appending) ends them; CRCs are checked when a record is used (see
     * {@link #crcMatches}).
     */
    static int readIndex(byte[] bytes, String key, List<Map<Long, long[]>> indexes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt() != MAGIC || in.getInt() != VERSION) {
            return -1;
        }
        byte[] k = new byte[in.getInt()];
        in.get(k);
        if (!key.equals(new String(k, StandardCharsets.UTF_8))) {
            return -1;
        }
        int records = 0;
        while (in.remaining() >= RECORD_HEADER) {
            int start = in.position();
            long pc = in.getLong();
            int kind = in.get();
            int length = in.getInt();
            in.getInt(); // (its CRC, checked when it is used)
            if (length > in.remaining()) {
                break; // (cut short)
            }
            if (kind < 0 || kind >= indexes.size() || length < 8 || in.getLong(in.position()) != pc) {
                return -1;
            }
            indexes.get(kind).put(pc, new long[] {in.position(), length, start, 1});
            in.position(in.position() + length);
            records++;
        }
        return records;
    }

    /** A lifted block: its guest code, then its IR. */
    static byte[] encodeLifted(IrBlock ir, TranslatedCode.GuestCode guest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(ir.guestAddress);
            writeGuest(out, guest);
            out.write(IrEncoding.encode(ir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The lifted block encoded at [offset, offset + length) of bytes, or null if it does not decode. */
    static SavedTranslations.Lifted decodeLifted(byte[] bytes, int offset, int length) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, offset, length).slice();
            long pc = in.getLong();
            TranslatedCode.GuestCode guest = readGuest(in);
            IrBlock ir = guest == null ? null : IrEncoding.decode(bytes, offset + in.position(), offset + length);
            return ir == null || ir.guestAddress != pc ? null : new SavedTranslations.Lifted(ir, guest);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private static void writeGuest(DataOutputStream out, TranslatedCode.GuestCode guest) throws IOException {
        long[] ranges = guest.ranges();
        out.writeInt(ranges.length / 2);
        for (long r : ranges) {
            out.writeLong(r);
        }
        out.writeInt(guest.bytes().length);
        out.write(guest.bytes());
    }

    /** Guest code as {@link #writeGuest} wrote it, or null if its ranges and bytes do not agree. */
    private static TranslatedCode.GuestCode readGuest(ByteBuffer in) {
        long[] ranges = new long[2 * count(in, 16)];
        long guestLength = 0;
        for (int r = 0; r < ranges.length; r++) {
            ranges[r] = in.getLong();
            if (r % 2 == 1) {
                guestLength += ranges[r];
                if (ranges[r] <= 0 || ranges[r] % 2 != 0) {
                    return null;
                }
            }
        }
        byte[] guest = new byte[count(in, 1)];
        in.get(guest);
        return guest.length == guestLength ? new TranslatedCode.GuestCode(ranges, guest) : null;
    }

    /** Whether the record indexed by at (see {@link #readIndex}) has the CRC its header says. */
    static boolean crcMatches(byte[] bytes, long[] at) {
        CRC32 crc = new CRC32();
        crc.update(bytes, (int) at[0], (int) at[1]);
        return (int) crc.getValue() == ByteBuffer.wrap(bytes).getInt((int) at[0] - 4);
    }

    static byte[] encode(TranslatedCode t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(t.code().length + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(t.pc());
            out.writeBoolean(t.region());
            out.writeInt(t.guestInstructions());
            writeGuest(out, t.guest());
            out.writeInt(t.code().length);
            out.write(t.code());
            out.writeInt(t.externals().size());
            for (ExternalRef x : t.externals()) {
                out.writeInt(x.offset());
                out.writeByte(x.field().ordinal());
                out.writeByte(x.target().ordinal());
                out.writeInt(x.index());
            }
            out.writeInt(t.bridgedLoops().size());
            for (BridgedLoop b : t.bridgedLoops()) {
                out.writeLong(b.pc());
                writeHomes(out, b.entry());
            }
            out.writeInt(t.exits().size());
            for (TranslatedCode.Exit e : t.exits()) {
                out.writeInt(e.rel32Offset());
                out.writeLong(e.target());
                out.writeLong(e.source());
            }
            out.writeInt(t.predictions().size());
            for (TranslatedCode.Prediction p : t.predictions()) {
                out.writeInt(p.checkOffset());
                out.writeInt(p.plainLookupOffset());
            }
            out.writeInt(t.interrupts().size());
            for (TranslatedCode.Interrupt s : t.interrupts()) {
                out.writeInt(s.offset());
                out.writeByte(s.width());
                out.writeInt(s.exitOffset());
            }
            out.writeInt(t.faults().size());
            for (TranslatedCode.Fault f : t.faults()) {
                out.writeInt(f.accessOffset());
                out.writeInt(f.recoveryOffset());
            }
            LoopEntry loop = t.loopEntry();
            out.writeBoolean(loop != null);
            if (loop != null) {
                out.writeInt((int) loop.loopTop());
                writeHomes(out, loop);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A loop entry's homes, float homes and evicted registers (not its loop top). */
    private static void writeHomes(DataOutputStream out, LoopEntry loop) throws IOException {
        writeRegisters(out, loop.homes());
        out.writeInt(loop.floatHomes().size());
        for (var h : loop.floatHomes().entrySet()) {
            out.writeLong(h.getKey());
            out.writeByte(h.getValue().number());
        }
        writeRegisters(out, loop.evicted());
    }

    /** The homes written by {@link #writeHomes}, as the entry of a loop whose top is at loopTop. */
    private static LoopEntry readHomes(ByteBuffer in, long loopTop) {
        Map<Long, Gp> homes = readRegisters(in);
        Map<Long, Xmm> floatHomes = new LinkedHashMap<>();
        for (int n = count(in, 9); n > 0; n--) {
            floatHomes.put(in.getLong(), Xmm.of(in.get()));
        }
        return new LoopEntry(loopTop, Map.copyOf(homes), Map.copyOf(floatHomes), Map.copyOf(readRegisters(in)));
    }

    private static void writeRegisters(DataOutputStream out, Map<Long, Gp> registers) throws IOException {
        out.writeInt(registers.size());
        for (var h : registers.entrySet()) {
            out.writeLong(h.getKey());
            out.writeByte(h.getValue().number());
            out.writeByte(h.getValue().size());
        }
    }

    /** The translation encoded at [offset, offset + length) of bytes, or null if it does not decode. */
    static TranslatedCode decode(byte[] bytes, int offset, int length) {
        try {
            return decode(ByteBuffer.wrap(bytes, offset, length).slice());
        } catch (RuntimeException malformed) { // (out of bounds, a bad register or enum number)
            return null;
        }
    }

    private static TranslatedCode decode(ByteBuffer in) {
        long pc = in.getLong();
        boolean region = in.get() != 0;
        int guestInstructions = in.getInt();
        TranslatedCode.GuestCode guest = readGuest(in);
        if (guest == null) {
            return null;
        }
        byte[] code = new byte[count(in, 1)];
        in.get(code);
        List<ExternalRef> externals = new ArrayList<>();
        for (int n = count(in, 10); n > 0; n--) {
            int at = in.getInt();
            ExternalRef.Field field = FIELDS[in.get()];
            ExternalRef.Target target = TARGETS[in.get()];
            int index = in.getInt();
            within(at, field == ExternalRef.Field.IMM64 ? 8 : 4, code);
            externals.add(new ExternalRef(at, field, target, index));
        }
        List<BridgedLoop> bridgedLoops = new ArrayList<>();
        for (int n = count(in, 20); n > 0; n--) {
            bridgedLoops.add(new BridgedLoop(in.getLong(), readHomes(in, 0)));
        }
        List<TranslatedCode.Exit> exits = new ArrayList<>();
        for (int n = count(in, 20); n > 0; n--) {
            exits.add(new TranslatedCode.Exit(within(in.getInt(), 4, code), in.getLong(), in.getLong(), 0));
        }
        List<TranslatedCode.Prediction> predictions = new ArrayList<>();
        for (int n = count(in, 8); n > 0; n--) {
            predictions.add(new TranslatedCode.Prediction(0, within(in.getInt(), 10, code), within(in.getInt(), 1, code)));
        }
        for (ExternalRef x : externals) {
            int items = x.target() == ExternalRef.Target.PREDICTION_CELL ? predictions.size()
                    : x.target() == ExternalRef.Target.LOOP_TOP ? bridgedLoops.size() : Integer.MAX_VALUE;
            if (x.index() < 0 || x.index() >= items) {
                return null;
            }
        }
        List<TranslatedCode.Interrupt> interrupts = new ArrayList<>();
        for (int n = count(in, 9); n > 0; n--) {
            int at = in.getInt();
            int width = in.get();
            if (width != 4 && width != 8) {
                return null;
            }
            interrupts.add(new TranslatedCode.Interrupt(within(at, width, code), width, within(in.getInt(), 1, code)));
        }
        List<TranslatedCode.Fault> faults = new ArrayList<>();
        for (int n = count(in, 8); n > 0; n--) {
            faults.add(new TranslatedCode.Fault(within(in.getInt(), 1, code), within(in.getInt(), 1, code)));
        }
        LoopEntry loop = null;
        if (in.get() != 0) {
            loop = readHomes(in, within(in.getInt(), 1, code));
        }
        if (in.remaining() != 0) {
            return null;
        }
        return new TranslatedCode(pc, region, guestInstructions, code, externals, bridgedLoops, exits, predictions,
                interrupts, faults, loop, guest);
    }

    private static Map<Long, Gp> readRegisters(ByteBuffer in) {
        Map<Long, Gp> registers = new LinkedHashMap<>();
        for (int n = count(in, 10); n > 0; n--) {
            registers.put(in.getLong(), Gp.of(in.get(), in.get()));
        }
        return registers;
    }

    /** A count of items of at least itemBytes each, which must fit in what is left. */
    private static int count(ByteBuffer in, int itemBytes) {
        int n = in.getInt();
        if (n < 0 || (long) n * itemBytes > in.remaining()) {
            throw new IllegalArgumentException("count out of bounds");
        }
        return n;
    }

    /** offset, checked to leave room for width bytes of code. */
    private static int within(int offset, int width, byte[] code) {
        if (offset < 0 || offset + width > code.length) {
            throw new IllegalArgumentException("offset out of bounds");
        }
        return offset;
    }
}
