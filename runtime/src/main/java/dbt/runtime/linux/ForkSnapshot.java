package dbt.runtime.linux;

import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;
import dbt.frontend.HostSyscall;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A forked guest process, carried from the parent's dbt to the child's: a JVM cannot fork itself and go on running
 * Java in the child, so {@code fork} starts a new dbt (a host child of this one, so the pids and wait4 are the
 * kernel's) and writes it this snapshot through a pipe. Unlike the kernel's fork it is not atomic: another guest thread
 * that writes memory meanwhile may be seen half-way. The child's descriptors are already in place (the spawn lays
 * them out at the guest's numbers); what travels is the calling thread's guest state, the memory map with the
 * contents of every page that is not all zero, the heap's bounds, the signal actions and mask, the set-tid and clear-tid
 * addresses, and which descriptors are open and close on exec. The child then runs the guest from the clone, with a0 = 0.
 *
 * <p>Format: the magic, then 8-byte words: state size and bytes, heap start and end, mask, the 64 actions (a word
 * saying present or not, then 24 bytes), the set-tid and clear-tid addresses, the count of open guest descriptors
 * and each (its number, bit 32 for close-on-exec), then per run of mapped pages with the same permissions: its
 * address with the permission bits in the low bits, its length, then for each of its pages that is not all zero the
 * page's address and its 4096 bytes, and -1; the end is -1.
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

    /** Writes the snapshot of the process as the calling thread sees it to host descriptor fd. */
    static void write(int fd, GuestState state, GuestMemory memory, GuestSignals signals, byte[][] actions,
                      long setTid, long clearTid, long[] descriptors) {
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
        MemorySegment window = MemorySegment.ofAddress(memory.base()).reinterpret(GuestMemory.WINDOW_SIZE);
        MemorySegment zero = Arena.ofAuto().allocate(PAGE);
        Residency resident = new Residency(memory.base());
        long end = memory.mappedEnd();
        for (long page = GuestMemory.LOW_LIMIT; page < end; ) {
            int permissions = memory.permissions(page);
            if (permissions == 0) {
                page += PAGE;
                continue;
            }
            long start = page;
            while (page < end && memory.permissions(page) == permissions) {
                page += PAGE;
            }
            out.word(start | permissions);
            out.word(page - start);
            if ((permissions & (GuestMemory.READ | GuestMemory.EXEC | GuestMemory.WRITE)) != 0) {
                for (long p = start; p < page; p += PAGE) {
                    // An anonymous page the host never backed is zero: not read (reading would back it, in a large
                    // sparse mapping). A file's page may hold what the host has not read yet.
                    MemorySegment contents = window.asSlice(p, PAGE);
                    if ((memory.fileBacked(p) || resident.test(p)) && contents.mismatch(zero) != -1) {
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

    /**
     * What the child needs besides its memory and state: each descriptor is a guest number, with bit 32 set if it
     * closes on exec.
     */
    record Rest(long mask, byte[][] actions, long setTid, long clearTid, long[] descriptors) {}

    /** Reads a snapshot from host descriptor fd into a new state and the (empty) memory. */
    static Rest read(int fd, GuestState state, GuestMemory memory) {
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
        byte[] contents = new byte[(int) PAGE];
        for (long record = in.readWord(); record != -1; record = in.readWord()) {
            memory.map(record & -PAGE, in.readWord(), (int) (record & (PAGE - 1)));
            for (long page = in.readWord(); page != -1; page = in.readWord()) {
                in.readBytes(MemorySegment.ofArray(contents));
                memory.initialize(page, contents, 0, contents.length);
            }
        }
        memory.restoreBreak(brkStart, brk);
        return new Rest(mask, actions, setTid, clearTid, descriptors);
    }

    // ---- the pipe, through a native buffer ---------------------------------------------------------------------

    private void word(long value) {
        if (used + 8 > BUFFER) {
            flush();
        }
        buffer.set(ValueLayout.JAVA_LONG_UNALIGNED, used, value);
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
        long v = buffer.get(ValueLayout.JAVA_LONG_UNALIGNED, used);
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
