package dbt.runtime.linux;

import dbt.isa.exec.NativeMemory;
import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;
import dbt.frontend.HostSyscall;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A forked guest process, carried from the parent's dbt to the child's: a JVM cannot fork itself and go on running
 * Java in the child, so {@code fork} starts a new dbt (a host child of this one, so the pids and wait4 are the
 * kernel's) and writes it this snapshot through a pipe. Unlike the kernel's fork it is not atomic: another guest thread
 * that writes memory meanwhile may be seen half-way. The child's descriptors are already in place (the spawn lays
 * them out at the guest's numbers, then the pipe, then the backings of the shared mappings: {@link MappingNames});
 * what travels is the calling thread's guest state, the memory map with the contents of every private page that is
 * not all zero (a shared mapping's pages are not copied: the child maps its backing, so parent and child share them
 * as after Linux's fork), the names of the mapped ranges, what the {@code /proc} files say of the process's start
 * ({@link ProcFiles#facts}), the heap's bounds, the signal actions and mask, the set-tid and clear-tid addresses, and
 * which descriptors are open and close on exec. The child then runs the guest from the clone, with a0 = 0.
 *
 * <p>Format: the magic, then 8-byte words: state size and bytes, heap start and end, mask, the 64 actions (a word
 * saying present or not, then 24 bytes), the set-tid and clear-tid addresses, the count of open guest descriptors
 * and each (its number, bit 32 for close-on-exec), the length of the /proc facts and their bytes (padded to 8), the
 * count of named ranges and each (start, end, offset, device, inode, the index of its backing among the descriptors
 * after the pipe or -1, the path's length and its bytes padded to 8), then per run of mapped pages with the same
 * permissions and name: its address with the permission bits in the low bits, its length, then (for a private run)
 * for each of its pages that is not all zero the page's address and its 4096 bytes, and -1; the end is -1.
 */
final class ForkSnapshot {
    private static final long MAGIC = 0x314b524f46544244L; // "DBTFORK1"
    private static final int WRITE = 1;
    private static final int READ = 0;
    private static final long PAGE = GuestMemory.PAGE_SIZE;
    private static final int BUFFER = 1 << 16;

    private final int fd;
    private final MemorySegment buffer = Arena.ofAuto().allocate(BUFFER, 16);
    private int used;

    /**
     * Which window pages the host has ever backed, in memory or in swap ({@code /proc/self/pagemap}'s present and
     * swapped bits), read a chunk at a time; the others are zero.
     */
    private static final class Residency {
        private static final long CHUNK_PAGES = 1L << 18;
        private final long base;
        private final java.nio.ByteBuffer entries =
                java.nio.ByteBuffer.allocateDirect((int) CHUNK_PAGES * 8).order(java.nio.ByteOrder.nativeOrder());
        private java.nio.channels.FileChannel pagemap;
        private long chunk = -1;

        Residency(long base) {
            this.base = base;
            try {
                pagemap = java.nio.channels.FileChannel.open(java.nio.file.Path.of("/proc/self/pagemap"));
            } catch (java.io.IOException e) {
                pagemap = null; // (cannot tell: every page is read)
            }
        }

        boolean test(long page) {
            if (pagemap == null) {
                return true;
            }
            long index = (base + page) / PAGE;
            long c = index - index % CHUNK_PAGES;
            if (c != chunk) {
                chunk = c;
                entries.clear();
                try {
                    while (entries.hasRemaining() && pagemap.read(entries, c * 8 + entries.position()) > 0) {
                        // read the whole chunk
                    }
                } catch (java.io.IOException e) {
                    pagemap = null;
                    return true;
                }
            }
            int at = (int) (index - c) * 8;
            return at + 8 > entries.position() || (entries.getLong(at) & (3L << 62)) != 0;
        }
    }

    private ForkSnapshot(int fd) {
        this.fd = fd;
    }

    /** What the process's mappings are named and backed by, and what its /proc files say of its start. */
    record Names(MappingNames mappings, ProcFiles proc) {}

    /**
     * The host descriptors that back the shared mappings among named, each once, in the order the child gets them
     * (after the pipe).
     */
    static int[] backings(java.util.List<MappingNames.Named> named) {
        return named.stream().mapToInt(MappingNames.Named::backing).filter(b -> b != MappingNames.NO_BACKING)
                .distinct().toArray();
    }

    /**
     * Writes the snapshot of the process as the calling thread sees it to host descriptor fd; named are the named
     * ranges whose {@link #backings} the child gets after the pipe.
     */
    static void write(int fd, GuestState state, GuestMemory memory, GuestSignals signals, byte[][] actions,
                      long setTid, long clearTid, long[] descriptors, java.util.List<MappingNames.Named> named,
                      byte[] procFacts) {
        ForkSnapshot out = new ForkSnapshot(fd);
        out.word(MAGIC);
        out.word(state.size());
        out.bytes(state.segment());
        out.word(memory.brkStart());
        out.word(memory.brk());
        out.word(signals.mask());
        synchronized (actions) {
            for (int s = 1; s <= 64; s++) {
                out.word(actions[s] == null ? 0 : 1);
                if (actions[s] != null) {
                    out.bytes(MemorySegment.ofArray(actions[s]));
                }
            }
        }
        out.word(setTid);
        out.word(clearTid);
        out.word(descriptors.length);
        for (long d : descriptors) {
            out.word(d);
        }
        out.padded(procFacts);
        int[] backings = backings(named);
        out.word(named.size());
        for (MappingNames.Named n : named) {
            out.word(n.start());
            out.word(n.end());
            out.word(n.offset());
            out.word(n.device());
            out.word(n.inode());
            int k = 0;
            while (k < backings.length && backings[k] != n.backing()) {
                k++;
            }
            out.word(n.backing() == MappingNames.NO_BACKING ? -1 : k);
            out.padded(n.path().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        java.util.TreeMap<Long, MappingNames.Named> byStart = new java.util.TreeMap<>();
        named.forEach(n -> byStart.put(n.start(), n));
        MemorySegment window = MemorySegment.ofAddress(memory.base()).reinterpret(GuestMemory.WINDOW_SIZE);
        MemorySegment zero = Arena.ofAuto().allocate(PAGE);
        MemorySegment filePage = Arena.ofAuto().allocate(PAGE);
        Residency resident = new Residency(memory.base());
        long end = memory.mappedEnd();
        for (long page = GuestMemory.LOW_LIMIT; page < end; ) {
            int permissions = memory.permissions(page);
            if (permissions == 0) {
                page += PAGE;
                continue;
            }
            long start = page;
            MappingNames.Named in = within(byStart, start);
            Long next = byStart.higherKey(start);
            long limit = in != null ? in.end() : next != null ? next : end;
            while (page < end && page < limit && memory.permissions(page) == permissions) {
                page += PAGE;
            }
            out.word(start | permissions);
            out.word(page - start);
            boolean shared = in != null && in.backing() != MappingNames.NO_BACKING;
            if (!shared && (permissions & (GuestMemory.READ | GuestMemory.EXEC | GuestMemory.WRITE)) != 0) {
                for (long p = start; p < page; p += PAGE) {
                    // An anonymous page the host never backed is zero: not read (reading would back it, in a large
                    // sparse mapping). A file's page may hold what the host has not read yet.
                    // A file's page past the end of the file has no contents (the child gets a zero page).
                    boolean file = memory.fileBacked(p);
                    MemorySegment contents = file ? filePage : window.asSlice(p, PAGE);
                    if ((file ? memory.copyOut(p, filePage) : resident.test(p)) && contents.mismatch(zero) != -1) {
                        out.word(p);
                        out.bytes(contents);
                    }
                }
            }
            out.word(-1);
        }
        out.word(-1);
        out.flush();
    }

    /** The named range address lies in, or null. */
    private static MappingNames.Named within(java.util.TreeMap<Long, MappingNames.Named> byStart, long address) {
        java.util.Map.Entry<Long, MappingNames.Named> e = byStart.floorEntry(address);
        return e != null && e.getValue().end() > address ? e.getValue() : null;
    }

    /**
     * What the child needs besides its memory and state: each descriptor is a guest number, with bit 32 set if it
     * closes on exec.
     */
    record Rest(long mask, byte[][] actions, long setTid, long clearTid, long[] descriptors) {}

    /**
     * Reads a snapshot from host descriptor fd into a new state and the (empty) memory, and the names of its ranges
     * and its /proc facts into names; the shared ranges' backings are the host descriptors after fd, made
     * close-on-exec.
     */
    static Rest read(int fd, GuestState state, GuestMemory memory, Names names) {
        ForkSnapshot in = new ForkSnapshot(fd);
        if (in.readWord() != MAGIC) {
            throw new IllegalStateException("not a fork snapshot");
        }
        long size = in.readWord();
        if (size != state.size()) {
            throw new IllegalStateException("the fork snapshot's guest state has another size");
        }
        in.readBytes(state.segment());
        long brkStart = in.readWord();
        long brk = in.readWord();
        long mask = in.readWord();
        byte[][] actions = new byte[65][];
        for (int s = 1; s <= 64; s++) {
            if (in.readWord() != 0) {
                actions[s] = new byte[GuestSignals.SIGACTION_SIZE];
                in.readBytes(MemorySegment.ofArray(actions[s]));
            }
        }
        long setTid = in.readWord();
        long clearTid = in.readWord();
        long[] descriptors = new long[(int) in.readWord()];
        for (int i = 0; i < descriptors.length; i++) {
            descriptors[i] = in.readWord();
        }
        names.proc().restore(in.readPadded());
        java.util.TreeMap<Long, MappingNames.Named> byStart = new java.util.TreeMap<>();
        for (long n = in.readWord(); n > 0; n--) {
            long start = in.readWord();
            long end = in.readWord();
            long offset = in.readWord();
            long device = in.readWord();
            long inode = in.readWord();
            long backing = in.readWord();
            String path = new String(in.readPadded(), java.nio.charset.StandardCharsets.UTF_8);
            int host = backing < 0 ? MappingNames.NO_BACKING : fd + 1 + (int) backing;
            if (host != MappingNames.NO_BACKING) {
                HostSyscall.call(HostSyscalls.FCNTL, host, F_SETFD, FD_CLOEXEC, 0, 0, 0);
            }
            MappingNames.Named named = new MappingNames.Named(start, end, offset, device, inode, path, host);
            byStart.put(start, named);
            names.mappings().name(named);
        }
        byte[] contents = new byte[(int) PAGE];
        for (long record = in.readWord(); record != -1; record = in.readWord()) {
            long start = record & -PAGE;
            long length = in.readWord();
            int permissions = (int) (record & (PAGE - 1));
            MappingNames.Named within = within(byStart, start);
            if (within != null && within.backing() != MappingNames.NO_BACKING) {
                long offset = within.offsetAt(start);
                long r = memory.mapFile(start, length, permissions, within.backing(), offset, true);
                if (r != 0) {
                    throw new IllegalStateException("the fork child cannot map its parent's shared memory (" + r + ")");
                }
            } else {
                memory.map(start, length, permissions);
            }
            for (long page = in.readWord(); page != -1; page = in.readWord()) {
                in.readBytes(MemorySegment.ofArray(contents));
                memory.initialize(page, contents, 0, contents.length);
            }
        }
        memory.restoreBreak(brkStart, brk);
        return new Rest(mask, actions, setTid, clearTid, descriptors);
    }

    // ---- the pipe, through a native buffer ---------------------------------------------------------------------

    private static final int F_SETFD = 2;
    private static final int FD_CLOEXEC = 1;

    /** Bytes with their length before them, padded to a multiple of 8. */
    private void padded(byte[] b) {
        word(b.length);
        bytes(MemorySegment.ofArray(java.util.Arrays.copyOf(b, (b.length + 7) & -8)));
    }

    private byte[] readPadded() {
        int length = (int) readWord();
        byte[] b = new byte[(length + 7) & -8];
        readBytes(MemorySegment.ofArray(b));
        return java.util.Arrays.copyOf(b, length);
    }

    private void word(long value) {
        if (used + 8 > BUFFER) {
            flush();
        }
        NativeMemory.putLong(buffer, used, value);
        used += 8;
    }

    private void bytes(MemorySegment s) {
        for (long done = 0; done < s.byteSize(); ) {
            if (used == BUFFER) {
                flush();
            }
            long n = Math.min(BUFFER - used, s.byteSize() - done);
            MemorySegment.copy(s, done, buffer, used, n);
            used += (int) n;
            done += n;
        }
    }

    private void flush() {
        for (int done = 0; done < used; ) {
            long n = HostSyscall.call(WRITE, fd, buffer.address() + done, used - done, 0, 0, 0);
            if (n == -4) {
                continue; // EINTR
            }
            if (n <= 0) {
                throw new IllegalStateException("the fork child stopped reading (" + n + ")");
            }
            done += (int) n;
        }
        used = 0;
    }

    private int available;

    private long readWord() {
        fill(8);
        long v = NativeMemory.getLong(buffer, used);
        used += 8;
        return v;
    }

    private void readBytes(MemorySegment into) {
        for (long done = 0; done < into.byteSize(); ) {
            fill(1);
            long n = Math.min(available - used, into.byteSize() - done);
            MemorySegment.copy(buffer, used, into, done, n);
            used += (int) n;
            done += n;
        }
    }

    /** Makes at least n bytes available from the pipe (n at most 8). */
    private void fill(int n) {
        if (available - used >= n) {
            return;
        }
        MemorySegment.copy(buffer, used, buffer, 0, available - used);
        available -= used;
        used = 0;
        while (available < n) {
            long r = HostSyscall.call(READ, fd, buffer.address() + available, BUFFER - available, 0, 0, 0);
            if (r == -4) {
                continue;
            }
            if (r <= 0) {
                throw new IllegalStateException("the fork snapshot ended early (" + r + ")");
            }
            available += (int) r;
        }
    }
}
