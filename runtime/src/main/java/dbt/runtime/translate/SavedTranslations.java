package dbt.runtime.translate;

import dbt.isa.decode.DecodeTree;
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

/**
 * Translations saved on disk by earlier runs of the same program, so that a run starts from code translated before
 * instead of lifting, optimising and compiling it again. One file per program and configuration (see
 * {@link SavedTranslationsKey}); read whole when the run starts, written again when it ends if it translated
 * anything new.
 *
 * <p>Invariants: a saved translation is installed only where guest memory holds, at that moment, exactly the guest
 * bytes it was translated from (compared byte for byte: the file is never trusted to describe the program); a file
 * is used only under the key it was written with (the same dbt build, translation options and host CPU features),
 * compared whole, so that a file of another build or configuration, or a hash collision, is ignored; a file that
 * does not parse is ignored as a whole, and replaced when the run ends; the file is replaced by renaming a
 * complete new one over it, so that a concurrent reader sees an old file or a new one, never half of one. Nothing
 * here affects what the guest computes: every failure means translating as if nothing had been saved.
 *
 * <p>Shared by the engines of all the guest's threads (each has its own code cache and installs its own copies).
 */
public final class SavedTranslations {
    /** More than this many saved translations, or bytes of file, and no more are added. */
    private static final int MAX_TRANSLATIONS = 200_000;
    private static final long MAX_FILE_BYTES = 256L << 20;

    private final Path file;
    private final String key;
    /** The file as read, and where each saved translation is in it (by guest address: offset, length). */
    private final byte[] old;
    private final Map<Long, long[]> index = new HashMap<>();
    /** Saved translations found not to match guest memory (left out when the file is written again). */
    private final Set<Long> stale = new HashSet<>();
    /** Translations made in this run, encoded, by guest address. */
    private final Map<Long, byte[]> added = new HashMap<>();
    private final boolean writable;
    private long loaded;
    private long rejected;
    private long addedBytes;

    private SavedTranslations(Path file, String key, byte[] old, boolean writable) {
        this.file = file;
        this.key = key;
        this.writable = writable;
        this.old = readIndex(old, key, index) ? old : new byte[0];
        if (this.old.length == 0) {
            index.clear();
        }
    }

    /**
     * The saved translations in file under key (none if it does not exist or is of another key or does not
     * parse); writable says whether {@link #save} may replace the file.
     */
    public static SavedTranslations open(Path file, String key, boolean writable) {
        byte[] bytes;
        try {
            bytes = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
        } catch (IOException | RuntimeException e) {
            bytes = new byte[0];
        }
        return new SavedTranslations(file, key, bytes, writable);
    }

    /** Whether a translation of pc is saved (not yet found stale). */
    synchronized boolean has(long pc) {
        return index.containsKey(pc) && !stale.contains(pc) || added.containsKey(pc);
    }

    /**
     * The saved translation of pc, if guest memory (read through memory) holds the code it was translated from;
     * else null (and it is not saved again).
     */
    synchronized TranslatedCode find(long pc, DecodeTree.ParcelSource memory) {
        TranslatedCode t;
        byte[] fresh = added.get(pc);
        if (fresh != null) {
            t = SavedTranslationFormat.decode(fresh, 0, fresh.length);
        } else {
            long[] at = index.get(pc);
            if (at == null || stale.contains(pc)) {
                return null;
            }
            t = SavedTranslationFormat.decode(old, (int) at[0], (int) at[1]);
        }
        if (t == null || t.pc() != pc || !matches(t.guest(), memory)) {
            rejected++;
            stale.add(pc);
            added.remove(pc);
            return null;
        }
        loaded++;
        return t;
    }

    /** Adds a translation made in this run (one with its guest code) to those saved when the run ends. */
    synchronized void add(TranslatedCode t) {
        if (!writable || index.size() + added.size() >= MAX_TRANSLATIONS || addedBytes > MAX_FILE_BYTES) {
            return;
        }
        byte[] encoded = SavedTranslationFormat.encode(t);
        added.put(t.pc(), encoded);
        addedBytes += encoded.length;
    }

    /**
     * Writes the file again if this run translated anything new or found saved code stale: the saved translations
     * still valid and not translated again, then the new ones. Failing to write (a read-only directory, a full disk)
     * is silent: the next run translates again.
     */
    public synchronized void save() {
        if (!writable || added.isEmpty() && stale.isEmpty()) {
            return;
        }
        List<byte[]> units = new ArrayList<>();
        List<long[]> oldUnits = new ArrayList<>();
        index.forEach((pc, at) -> {
            if (!stale.contains(pc) && !added.containsKey(pc)) {
                oldUnits.add(at);
            }
        });
        oldUnits.sort((x, y) -> Long.compare(x[0], y[0])); // (the order they had)
        units.addAll(added.values());
        Path temporary = null;
        try {
            Files.createDirectories(file.getParent());
            temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".new");
            try (var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
                    Files.newOutputStream(temporary), 1 << 16))) {
                SavedTranslationFormat.writeHeader(out, key, oldUnits.size() + units.size());
                for (long[] at : oldUnits) {
                    out.write(old, (int) at[2], (int) (at[0] + at[1] - at[2])); // its whole record, as read
                }
                for (byte[] u : units) {
                    SavedTranslationFormat.writeRecord(out, u);
                }
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // (nothing more to do: the next run translates again)
                }
            }
        }
    }

    /** Saved translations installed in this run. */
    public synchronized long loaded() {
        return loaded;
    }

    /** Saved translations whose guest code was not in guest memory. */
    public synchronized long rejected() {
        return rejected;
    }

    /** Translations of this run to be saved. */
    public synchronized long added() {
        return added.size();
    }

    /** Where the translations are saved. */
    public Path file() {
        return file;
    }

    /** Whether guest memory holds the guest code's bytes (a fetch that faults is a mismatch). */
    private static boolean matches(TranslatedCode.GuestCode guest, DecodeTree.ParcelSource memory) {
        if (guest == null) {
            return false;
        }
        int at = 0;
        byte[] bytes = guest.bytes();
        long[] ranges = guest.ranges();
        try {
            for (int r = 0; r < ranges.length; r += 2) {
                for (long k = 0; k < ranges[r + 1]; k += 2) {
                    int parcel = memory.fetch16(ranges[r] + k);
                    if ((byte) parcel != bytes[at] || (byte) (parcel >>> 8) != bytes[at + 1]) {
                        return false;
                    }
                    at += 2;
                }
            }
        } catch (RuntimeException fault) { // not mapped, or not executable: not this code
            return false;
        }
        return at == bytes.length;
    }

    /**
     * Reads the header and the index of the file's records into index (pc → offset of the encoded translation, its
     * length, offset of its record); false if the file is empty, of another key, or does not parse.
     */
    private static boolean readIndex(byte[] bytes, String key, Map<Long, long[]> index) {
        if (bytes.length == 0) {
            return false;
        }
        try {
            return SavedTranslationFormat.readIndex(bytes, key, index);
        } catch (RuntimeException malformed) {
            return false;
        }
    }
}
