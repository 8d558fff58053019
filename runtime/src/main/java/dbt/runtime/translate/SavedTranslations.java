package dbt.runtime.translate;

import dbt.ir.IrBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Translations saved on disk by earlier runs of the same program, so that a run starts from code translated before
 * instead of lifting, optimising and compiling it again; and, from a program's second run on, the blocks it only
 * lifted. One file per program and configuration (see {@link SavedTranslationsKey}); read whole when the run
 * starts; what the run made is appended when it ends (see {@link #save}).
 *
 * <p>Invariants: a saved record is used only where guest memory holds, at that moment, exactly the guest bytes it
 * was made from, executable (compared byte for byte: the file is never trusted to describe the program); a file is
 * used only under the key it was written with (the same dbt build, translation options and host CPU features),
 * compared whole, so that a file of another build or configuration, or a hash collision, is ignored; a record whose
 * CRC fails is not used, a file whose records do not parse is ignored as a whole, and replaced when the run ends;
 * records are appended under a lock, and a file written anew is renamed over the old one, so that a reader sees
 * whole records only (a record cut short at the end, from a run that died while appending, is left out). Nothing
 * here affects what the guest computes: every failure means translating as if nothing had been saved.
 *
 * <p>Shared by the engines of all the guest's threads (each has its own code cache and installs its own copies).
 */
public final class SavedTranslations {
    /** The permissions of a file written here: the owner's alone (the code in it runs as its owner). */
    private static final java.nio.file.attribute.FileAttribute<?> OWNER_ONLY =
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    /** More than this many saved records, or bytes of new ones, and no more are added. */
    private static final int MAX_RECORDS = 400_000;
    private static final long MAX_FILE_BYTES = 256L << 20;
    /** The name every file of saved translations ends with. */
    static final String SUFFIX = ".dbt-translations";
    /** A directory holds at most this many bytes and files of saved translations (see {@link #prune}). */
    static final long MAX_DIRECTORY_BYTES = 1L << 30;
    static final int MAX_FILES = 1000;
    /** At most this many lifted blocks wait, as IR, to be encoded (encoded, a block takes a tenth of the memory). */
    private static final int PENDING_LIFTED = 4096;

    /** Guest memory, as far as saved records need it: whether it holds guest code, executable (GuestMemory's). */
    public interface CodeReader {
        boolean holdsCode(long address, byte[] bytes, int offset, int length);
    }

    /** A lifted block read back: its IR as the lifter made it, and the guest code it was lifted from. */
    record Lifted(IrBlock ir, TranslatedCode.GuestCode guest) {}

    /** A block lifted in this run, not encoded yet: its IR as lifted, and its guest code (asked for when encoded). */
    private record PendingLifted(IrBlock ir, Supplier<TranslatedCode.GuestCode> guest) {}

    /** Where a record's encoding is: bytes[offset, offset + length). */
    private record Span(byte[] bytes, int offset, int length) {}

    /** The records of one kind: where each is in the file, those found stale, and those made in this run. */
    private static final class Records {
        final Map<Long, long[]> index = new HashMap<>();
        final Set<Long> stale = new HashSet<>();
        final Map<Long, byte[]> added = new HashMap<>();

        boolean has(long pc) {
            return index.containsKey(pc) && !stale.contains(pc) || added.containsKey(pc);
        }
    }

    private final Path file;
    private final String key;
    /** The file as read (empty when it was absent, of another key or damaged). */
    private final byte[] old;
    private final Records translations = new Records();
    private final Records lifted = new Records();
    /** Blocks lifted in this run and not translated, encoded at save (or when too many wait). */
    private final Map<Long, PendingLifted> pendingLifted = new HashMap<>();
    /** Records in the file as read, those of an address appended again counted too. */
    private final int recordsInFile;
    private long loaded;
    private long liftedLoaded;
    private long rejected;
    private long addedBytes;

    private SavedTranslations(Path file, String key, byte[] old) {
        this.file = file;
        this.key = key;
        int records = old.length > 0 ? readIndex(old, key) : -1;
        boolean read = records >= 0;
        this.recordsInFile = Math.max(records, 0);
        this.old = read ? old : new byte[0];
        if (!read) {
            translations.index.clear();
            lifted.index.clear();
        }
    }

    /** The saved translations in file under key (none if it does not exist or is of another key or does not parse). */
    public static SavedTranslations open(Path file, String key) {
        byte[] bytes;
        try {
            bytes = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
        } catch (IOException | RuntimeException e) {
            bytes = new byte[0];
        }
        return new SavedTranslations(file, key, bytes);
    }

    /** Whether a translation of pc is saved (not yet found stale). */
    synchronized boolean has(long pc) {
        return translations.has(pc);
    }

    /**
     * The saved translation of pc, if guest memory (read through memory) holds the code it was translated from;
     * else null (and it is not saved again).
     */
    synchronized TranslatedCode find(long pc, CodeReader memory) {
        Span s = record(translations, pc);
        if (s == null) {
            return null;
        }
        TranslatedCode t = SavedTranslationFormat.decode(s.bytes(), s.offset(), s.length());
        if (!valid(translations, pc, t == null ? null : t.guest(), t != null && t.pc() == pc, memory)) {
            return null;
        }
        loaded++;
        return t;
    }

    /** The lifted block at pc, if saved and guest memory holds the code it was lifted from; else null. */
    synchronized Lifted findLifted(long pc, CodeReader memory) {
        Span s = record(lifted, pc);
        if (s == null) {
            return null;
        }
        Lifted l = SavedTranslationFormat.decodeLifted(s.bytes(), s.offset(), s.length());
        if (!valid(lifted, pc, l == null ? null : l.guest(), l != null, memory)) {
            return null;
        }
        liftedLoaded++;
        return l;
    }

    /** Adds a translation made in this run (one with its guest code) to those saved when the run ends. */
    synchronized void add(TranslatedCode t) {
        add(translations, t.pc(), () -> SavedTranslationFormat.encode(t));
    }

    /**
     * A block lifted in this run, to be saved when the run ends unless {@link #translating} it comes first (then
     * its translation is saved, and its IR changes): its IR as lifted, and its guest code (asked for then; null if
     * it is not all code). Only from a program's second run on (when there was a file): encoding every block run
     * once costs a first run as much time as reading them saves a later one, and many programs run only once.
     */
    synchronized void addLifted(IrBlock ir, Supplier<TranslatedCode.GuestCode> guest) {
        if (old.length > 0) {
            pendingLifted.put(ir.guestAddress, new PendingLifted(ir, guest));
            if (pendingLifted.size() >= PENDING_LIFTED) {
                encodePending(); // (so that a large program's lifted IR does not pile up: see Translator.COLD_BLOCKS)
            }
        }
    }

    /** Encodes the pending lifted blocks (each with all its guest code) as records to save. */
    private void encodePending() {
        pendingLifted.forEach((pc, pending) -> {
            TranslatedCode.GuestCode guest = pending.guest().get();
            if (guest != null) {
                add(lifted, pc, () -> SavedTranslationFormat.encodeLifted(pending.ir(), guest));
            }
        });
        pendingLifted.clear();
    }

    /** The lifted block at pc is being translated: its IR is not to be saved. */
    synchronized void translating(long pc) {
        pendingLifted.remove(pc);
    }

    private void add(Records records, long pc, Supplier<byte[]> encoding) {
        if (addedBytes > MAX_FILE_BYTES || translations.index.size() + lifted.index.size()
                + translations.added.size() + lifted.added.size() >= MAX_RECORDS) {
            return;
        }
        byte[] encoded = encoding.get();
        records.added.put(pc, encoded);
        addedBytes += encoded.length;
    }

    /**
     * Where the encoding of pc's record is (this run's own, or the file's, its CRC checked on first use), or null if
     * there is none to use.
     */
    private Span record(Records records, long pc) {
        byte[] own = records.added.get(pc);
        if (own != null) {
            return new Span(own, 0, own.length);
        }
        long[] at = records.index.get(pc);
        if (at == null || records.stale.contains(pc)) {
            return null;
        }
        if (at[3] != 0) { // (not checked yet)
            if (!SavedTranslationFormat.crcMatches(old, at)) {
                records.stale.add(pc);
                return null;
            }
            at[3] = 0;
        }
        return new Span(old, (int) at[0], (int) at[1]);
    }

    /** Whether a decoded record is usable here; if not, it is stale (not used or saved again). */
    private boolean valid(Records records, long pc, TranslatedCode.GuestCode guest, boolean decoded,
                          CodeReader memory) {
        if (decoded && matches(guest, memory)) {
            return true;
        }
        rejected++;
        records.stale.add(pc);
        records.added.remove(pc);
        return false;
    }

    /**
     * Saves what this run made: appended to the file (under a lock, so that the runs of a parallel build that share
     * a program append in turn), or, when records were found stale, when the file is not there or not usable, or when
     * appending would leave it more than twice as large as what it holds, written anew (the valid records, then the
     * new ones, renamed over it). Failing to write (a read-only directory, a full disk) is silent: the next run
     * translates again.
     */
    public synchronized void save() {
        encodePending();
        boolean nothingNew = translations.added.isEmpty() && lifted.added.isEmpty();
        boolean rewrite = !translations.stale.isEmpty() || !lifted.stale.isEmpty() || old.length == 0
                || 2L * (translations.index.size() + lifted.index.size()) < recordsInFile + newRecords();
        try {
            if (!rewrite && nothingNew) {
                if (loaded + liftedLoaded > 0) { // (used: the last to be pruned)
                    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                            System.currentTimeMillis()));
                }
            } else if (!rewrite) {
                append();
            } else {
                rewrite();
                prune(file.getParent());
            }
        } catch (IOException | RuntimeException e) {
            // (nothing more to do: the next run translates again)
        }
    }

    private int newRecords() {
        return translations.added.size() + lifted.added.size();
    }

    /** Appends the new records to the file, which still has the header this run read. */
    private void append() throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND);
             java.nio.channels.FileLock lock = channel.lock()) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1 << 16);
            try (var out = new java.io.DataOutputStream(bytes)) {
                writeNew(out);
            }
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes.toByteArray());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /** Writes the file anew: the valid records kept, then the new ones, renamed over the old file. */
    private void rewrite() throws IOException {
        List<long[]> kept = new ArrayList<>();
        for (Records records : List.of(translations, lifted)) {
            records.index.forEach((pc, at) -> {
                if (!records.stale.contains(pc) && !records.added.containsKey(pc)) {
                    kept.add(at);
                }
            });
        }
        kept.sort((x, y) -> Long.compare(x[0], y[0])); // (the order they had)
        Files.createDirectories(file.getParent());
        // A name of this process and moment, created new and owner-only as Files.createTempFile makes one, whose
        // SecureRandom costs a first run its security providers' start-up (hello's: 35 ms of its main thread).
        Path temporary = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".new");
        try {
            try (var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(java.nio.channels.Channels
                    .newOutputStream(Files.newByteChannel(temporary, java.util.EnumSet.of(
                            java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE),
                            OWNER_ONLY)), 1 << 16))) {
                SavedTranslationFormat.writeHeader(out, key);
                for (long[] at : kept) {
                    out.write(old, (int) at[2], (int) (at[0] + at[1] - at[2])); // its whole record, as read
                }
                writeNew(out);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private void writeNew(java.io.DataOutputStream out) throws IOException {
        for (byte[] u : translations.added.values()) {
            SavedTranslationFormat.writeRecord(out, SavedTranslationFormat.TRANSLATION, u);
        }
        for (byte[] u : lifted.added.values()) {
            SavedTranslationFormat.writeRecord(out, SavedTranslationFormat.LIFTED, u);
        }
    }

    /**
     * Keeps the directory's saved translations within {@link #MAX_DIRECTORY_BYTES} and {@link #MAX_FILES}: the
     * least recently used files go first (a run that uses a file and writes nothing touches it). Every rebuild of a
     * program, every option set, every dbt build starts a file of its own, so without this the directory only grows.
     */
    static void prune(Path directory) throws IOException {
        List<Path> files;
        try (var listed = Files.list(directory)) {
            files = new ArrayList<>(listed.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList());
        }
        Map<Path, long[]> facts = new HashMap<>(); // size, modified
        long total = 0;
        for (Path f : files) {
            try {
                long size = Files.size(f);
                facts.put(f, new long[] {size, Files.getLastModifiedTime(f).toMillis()});
                total += size;
            } catch (IOException gone) { // (another run pruned it)
                facts.put(f, new long[] {0, Long.MIN_VALUE});
            }
        }
        files.sort((x, y) -> Long.compare(facts.get(x)[1], facts.get(y)[1]));
        int count = files.size();
        for (Path f : files) {
            if (total <= MAX_DIRECTORY_BYTES && count <= MAX_FILES) {
                break;
            }
            Files.deleteIfExists(f);
            total -= facts.get(f)[0];
            count--;
        }
    }

    /** Saved translations installed in this run. */
    public synchronized long loaded() {
        return loaded;
    }

    /** Saved lifted blocks used in this run. */
    public synchronized long liftedLoaded() {
        return liftedLoaded;
    }

    /** Saved records whose guest code was not in guest memory. */
    public synchronized long rejected() {
        return rejected;
    }

    /** Translations of this run to be saved. */
    public synchronized long added() {
        return translations.added.size();
    }

    /** Where the translations are saved. */
    public Path file() {
        return file;
    }

    /** Whether guest memory holds the guest code's bytes, executable. */
    private static boolean matches(TranslatedCode.GuestCode guest, CodeReader memory) {
        if (guest == null) {
            return false;
        }
        int at = 0;
        byte[] bytes = guest.bytes();
        long[] ranges = guest.ranges();
        for (int r = 0; r < ranges.length; r += 2) {
            if (ranges[r + 1] > bytes.length - at || !memory.holdsCode(ranges[r], bytes, at, (int) ranges[r + 1])) {
                return false;
            }
            at += (int) ranges[r + 1];
        }
        return at == bytes.length;
    }

    /** Reads the file's header and records into the indexes: how many records (-1: another key, or damaged). */
    private int readIndex(byte[] bytes, String key) {
        try {
            return SavedTranslationFormat.readIndex(bytes, key, List.of(translations.index, lifted.index));
        } catch (RuntimeException malformed) {
            return -1;
        }
    }

}
