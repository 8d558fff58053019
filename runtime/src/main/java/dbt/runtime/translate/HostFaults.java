package dbt.runtime.translate;

import dbt.isa.exec.NativeMemory;
import dbt.x86.asm.Assembler;
import dbt.x86.asm.Cond;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Label;
import dbt.x86.asm.Mem;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Host faults in translated code become interpreter runs of the guest instruction that caused them (QEMU maps host
 * faults to guest signals the same way). Translated code touches guest memory directly; the window's host
 * protection mirrors the guest's ({@code GuestMemory}), so a refused guest access is a host SIGSEGV at a known
 * instruction (or a SIGBUS, for a page of a file mapping past the end of a file that shrank: the interpreter's access
 * then becomes the JVM's InternalError, which the dispatcher turns into the guest's SIGBUS).
 *
 * <p>Invariants:
 * <ul>
 * <li>The handler is installed at most once per process and never removed. It is machine code in its own small W^X
 * region: it looks the faulting instruction's address up in the fault-site table; on a hit it sets the interrupted
 * context's rip to the site's recovery code (the block's cold path: write back guest registers, exit to interpret the
 * instruction) and returns; on a miss it jumps, with the same three arguments, to the handler that was installed
 * before it for that signal (the JVM's, which uses SIGSEGV for its own null checks and stack banging). It calls nothing and touches
 * only the table and the context.</li>
 * <li>The table is open-addressed with linear probing. A key is the host address of an access instruction in
 * translated code, never {@link #EMPTY} (ends a probe) nor {@link #REMOVED} (a removed entry, probed past). The
 * handler reads it without locks: an entry's value is written before its key, and a grown table is published by one
 * pointer store once it is complete. Replaced tables are never freed, as a handler may still be reading one.</li>
 * </ul>
 */
public final class HostFaults {
    private static final int SIGSEGV = 11;
    /** A guest access to a file mapping's page past the file's end (the file shrank) is a host SIGBUS. */
    private static final int SIGBUS = 7;
    private static final long SA_SIGINFO = 4;
    private static final long SA_RESTORER = 0x0400_0000;
    /** The kernel's x86-64 {@code struct sigaction}: the handler, flags, the restorer, an 8-byte mask. */
    private static final long SIGACTION_SIZE = 32;
    private static final long SA_HANDLER = 0;
    private static final long SA_FLAGS = 8;
    /** Offset of {@code gregs[REG_RIP]} in {@code ucontext_t}: uc_flags, uc_link, uc_stack (40 bytes), then 23 gregs. */
    private static final int UC_RIP = 40 + 16 * 8;
    /** The hash: (address * MULTIPLIER) >>> 32, as the handler's imul with a sign-extended imm32 computes it. */
    private static final int MULTIPLIER = 0x9E37_79B1;
    private static final long EMPTY = 0;
    private static final long REMOVED = 1;
    private static final int TABLE_HEADER = 16;
    private static final int FIRST_CAPACITY = 1 << 12;

    private static boolean tried;
    private static boolean installed;
    /** [0]: the current table's address; [8]: the handler installed before ours. */
    private static MemorySegment data;
    /** [0]: capacity - 1 (the mask); entries (key, value) from {@link #TABLE_HEADER}. */
    private static MemorySegment table;
    private static int capacity;
    /** Slots that are not empty: live entries and removed ones. */
    private static int occupied;
    private static int live;

    private HostFaults() {}

    /**
     * Installs the handler if it is not yet; false if it cannot be (then translated code must check memory in
     * software). It cannot when the SIGSEGV handler in place is not a three-argument function to pass faults on to
     * (with a restorer that ours can share).
     */
    static synchronized boolean install() {
        if (tried) {
            return installed;
        }
        tried = true;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment previous = arena.allocate(SIGACTION_SIZE, 8);
            MemorySegment previousBus = arena.allocate(SIGACTION_SIZE, 8);
            if (!chainable(SIGSEGV, previous)) {
                return false;
            }
            data = Arena.global().allocate(24, 16);
            NativeMemory.putLong(data, 8, NativeMemory.getLong(previous, SA_HANDLER));
            boolean bus = chainable(SIGBUS, previousBus);
            NativeMemory.putLong(data, 16, NativeMemory.getLong(previousBus, SA_HANDLER));
            publish(newTable(FIRST_CAPACITY));
            // The same flags, mask and restorer (the JVM's libc's) as the handler we stand in front of.
            long handler = emitHandler(data.address());
            MemorySegment action = arena.allocate(SIGACTION_SIZE, 8).copyFrom(previous);
            NativeMemory.putLong(action, SA_HANDLER, handler);
            installed = NativeCalls.sigaction(SIGSEGV, action, MemorySegment.NULL) == 0;
            if (installed && bus) {
                action.copyFrom(previousBus);
                NativeMemory.putLong(action, SA_HANDLER, handler);
                NativeCalls.sigaction(SIGBUS, action, MemorySegment.NULL);
            }
            return installed;
        }
    }

    /** Reads sig's action into previous: true if it is a three-argument handler (with a restorer) to pass faults on to. */
    private static boolean chainable(int sig, MemorySegment previous) {
        if (NativeCalls.sigaction(sig, MemorySegment.NULL, previous) != 0) {
            return false;
        }
        long handler = NativeMemory.getLong(previous, SA_HANDLER);
        long flags = NativeMemory.getLong(previous, SA_FLAGS);
        return handler != 0 && handler != 1 && (flags & SA_SIGINFO) != 0 && (flags & SA_RESTORER) != 0;
    }

    /** Redirects a host fault at site (the address of a guest access instruction) to recovery. */
    static synchronized void add(long site, long recovery) {
        if ((occupied + 1) * 2 > capacity) {
            rehash(Math.max(FIRST_CAPACITY, Integer.highestOneBit(Math.max(1, live) * 4) * 2));
        }
        if (insert(table, capacity - 1, site, recovery)) {
            occupied++;
            live++;
        }
    }

    /** Forgets site (its code is being discarded); a later fault there goes to the previous handler. */
    static synchronized void remove(long site) {
        long entry = entryOf(site);
        if (entry >= 0) {
            NativeMemory.putLong(table, entry, REMOVED);
            live--;
        }
    }

    /** The recovery address the handler would use for a fault at site, or 0 (for tests). */
    static synchronized long recoveryFor(long site) {
        long entry = entryOf(site);
        return entry < 0 ? 0 : NativeMemory.getLong(table, entry + 8);
    }

    /** The offset of site's entry in the table, or -1: the handler's probe, in Java. */
    private static long entryOf(long site) {
        long mask = capacity - 1;
        for (long i = hash(site) & mask; ; i = (i + 1) & mask) {
            long key = NativeMemory.getLong(table, TABLE_HEADER + 16 * i);
            if (key == EMPTY) {
                return -1;
            }
            if (key == site) {
                return TABLE_HEADER + 16 * i;
            }
        }
    }

    private static long hash(long site) {
        return (site * MULTIPLIER) >>> 32;
    }

    private static MemorySegment newTable(int size) {
        MemorySegment t = Arena.global().allocate(TABLE_HEADER + 16L * size, 16);
        NativeMemory.putLong(t, 0, size - 1);
        return t;
    }

    private static void publish(MemorySegment t) {
        table = t;
        capacity = (int) (NativeMemory.getLong(t, 0) + 1);
        NativeMemory.putLongVolatile(data.address(), t.address());
    }

    private static void rehash(int size) {
        MemorySegment t = newTable(size);
        int n = 0;
        for (int i = 0; i < capacity; i++) {
            long key = NativeMemory.getLong(table, TABLE_HEADER + 16L * i);
            if (key != EMPTY && key != REMOVED) {
                insert(t, size - 1, key, NativeMemory.getLong(table, TABLE_HEADER + 16L * i + 8));
                n++;
            }
        }
        publish(t);
        occupied = n;
        live = n;
    }

    /** Writes the entry (value first, then key); true if it took an empty slot. */
    private static boolean insert(MemorySegment t, long mask, long site, long recovery) {
        for (long i = hash(site) & mask; ; i = (i + 1) & mask) {
            long offset = TABLE_HEADER + 16 * i;
            long key = NativeMemory.getLong(t, offset);
            if (key == EMPTY || key == site) {
                NativeMemory.putLong(t, offset + 8, recovery);
                NativeMemory.putLongVolatile(t.address() + offset, site);
                return key == EMPTY;
            }
        }
    }

    /**
     * The handler, {@code (int signal, siginfo_t *info, ucontext_t *context)} in rdi, rsi, rdx, which it leaves
     * untouched for the previous handler. Returns its address.
     */
    private static long emitHandler(long dataAddress) {
        Assembler a = new Assembler();
        Label probe = a.newLabel();
        Label hit = a.newLabel();
        Label previous = a.newLabel();
        a.movabs(Gp.RAX, dataAddress);
        a.mov(Gp.R8, Mem.q(Gp.RAX, 0));          // the table
        a.mov(Gp.R9, Mem.q(Gp.R8, 0));           // its mask
        a.mov(Gp.R10, Mem.q(Gp.RDX, UC_RIP));    // the faulting instruction
        a.imul(Gp.R11, Gp.R10, MULTIPLIER);
        a.shr(Gp.R11, 32);
        a.bind(probe);
        a.and(Gp.R11, Gp.R9);
        a.mov(Gp.RCX, Gp.R11);
        a.shl(Gp.RCX, 4);
        a.mov(Gp.RAX, Mem.q(Gp.R8, Gp.RCX, 1, TABLE_HEADER));
        a.cmp(Gp.RAX, Gp.R10);
        a.jcc(Cond.E, hit);
        a.test(Gp.RAX, Gp.RAX);
        a.jcc(Cond.E, previous);
        a.add(Gp.R11, 1);
        a.jmp(probe);
        a.bind(hit);
        a.mov(Gp.RAX, Mem.q(Gp.R8, Gp.RCX, 1, TABLE_HEADER + 8));
        a.mov(Mem.q(Gp.RDX, UC_RIP), Gp.RAX);
        a.ret();
        a.bind(previous);
        Label segv = a.newLabel();
        a.movabs(Gp.RAX, dataAddress);
        a.cmp(Gp.EDI, SIGBUS);
        a.jcc(Cond.NE, segv);
        a.jmp(Mem.q(Gp.RAX, 16));
        a.bind(segv);
        a.jmp(Mem.q(Gp.RAX, 8));
        CodeCache region = new CodeCache(4096);
        long address = region.reserve(a.offset());
        region.write(address, a.finish(address).bytes());
        return address;
    }
}
