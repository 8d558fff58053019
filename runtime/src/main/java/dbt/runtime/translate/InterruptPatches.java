package dbt.runtime.translate;

import dbt.isa.exec.NativeMemory;
import dbt.frontend.HostSyscall;
import dbt.x86.asm.Assembler;
import dbt.x86.asm.Cond;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Label;
import dbt.x86.asm.Mem;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * How a guest thread in translated code is made to leave it when it is asked to take a signal, at no cost while
 * it is not: the thread's {@link dbt.x86.backend.InterruptSite}s are rewritten to go to their interrupt exits by
 * the thread itself, in the handler of the host signal that wakes it ({@code HostWakeup}), and written back by
 * the thread's engine once it is out.
 *
 * <p>Invariants. The handler runs on the thread whose code it rewrites, so the rewriting is ordinary self-modifying
 * code, complete before the thread runs translated code again (the handler's return is serializing); no other
 * thread ever writes this thread's code. A thread is in the table of threads ({@link #THREADS}: host tid, list)
 * exactly while it is inside {@code TranslatingEngine.run}; it enters the table before it reads the interrupt
 * word, and a sender sets the word before it sends the host signal, so either the engine sees the word or the
 * handler finds the thread. The list's count covers only complete entries (an entry is written, then counted), and
 * drops to 0 before the code it names is forgotten.
 *
 * <p>The list, in native memory: the count (8 bytes), a flag the handler sets when it rewrote (8 bytes), then
 * entries of 32 bytes: the writable address of the site, its interrupted value, its normal value, its width (4 or
 * 8 bytes).
 */
public final class InterruptPatches {
    private static final int SLOTS = 4096;
    private static final int SLOT_BYTES = 16;
    private static final int ENTRY_BYTES = 32;
    private static final int HEADER_BYTES = 16;
    /** Sites per thread between flushes of its code (a block has at most three). */
    private static final int CAPACITY = 1 << 16;
    private static final int GETTID = 186;
    private static final MemorySegment THREADS =
            MemorySegment.ofAddress(HostSyscall.mapZeroed((long) SLOTS * SLOT_BYTES)).reinterpret(SLOTS * SLOT_BYTES);

    private final MemorySegment list = MemorySegment.ofAddress(
            HostSyscall.mapZeroed(HEADER_BYTES + (long) CAPACITY * ENTRY_BYTES))
            .reinterpret(HEADER_BYTES + (long) CAPACITY * ENTRY_BYTES);
    private int count;
    /** This thread's slot in {@link #THREADS} while in the engine, else -1. */
    private int slot = -1;
    /** Where the search for a free slot starts: the slot this thread had last. */
    private int lastSlot;
    /** The host tid of the thread that runs this engine (one thread does), once known. */
    private long hostTid;

    /** Whether n more sites fit; when not, the code is to be flushed. */
    boolean hasRoom(int n) {
        return count + n <= CAPACITY;
    }

    /** Adds a site of placed code. */
    void add(long writableAddress, int width, long interrupted, long normal) {
        if (!hasRoom(1)) {
            throw new IllegalStateException("interrupt site list full: hasRoom was not asked");
        }
        long at = HEADER_BYTES + (long) count * ENTRY_BYTES;
        NativeMemory.putLong(list, at, writableAddress);
        NativeMemory.putLong(list, at + 8, interrupted);
        NativeMemory.putLong(list, at + 16, normal);
        NativeMemory.putLong(list, at + 24, width);
        VarHandle.storeStoreFence();
        count++;
        NativeMemory.putLong(list, 0, count);
    }

    /** Forgets every site (before their code is forgotten). */
    void clear() {
        count = 0;
        NativeMemory.putLong(list, 0, 0);
        VarHandle.storeStoreFence();
    }

    /** Whether the handler may have rewritten sites since the last {@link #restore}. */
    boolean rewritten() {
        return NativeMemory.getLong(list, 8) != 0;
    }

    /** Writes every site back to its normal value. */
    void restore() {
        NativeMemory.putLong(list, 8, 0);
        VarHandle.storeStoreFence();
        for (int k = 0; k < count; k++) {
            long at = HEADER_BYTES + (long) k * ENTRY_BYTES;
            MemorySegment site = MemorySegment.ofAddress(NativeMemory.getLong(list, at)).reinterpret(8);
            long normal = NativeMemory.getLong(list, at + 16);
            if (NativeMemory.getLong(list, at + 24) == 4) {
                NativeMemory.putInt(site, 0, (int) normal);
            } else {
                NativeMemory.putLong(site, 0, normal);
            }
        }
    }

    /** The calling thread enters the table; then the engine may read the interrupt word. */
    void enter() {
        if (hostTid == 0) {
            hostTid = HostSyscall.call(GETTID, 0, 0, 0, 0, 0, 0);
        }
        for (int k = 0; k < SLOTS; k++) {
            int s = (lastSlot + k) % SLOTS;
            if (NativeMemory.compareAndSetLong(THREADS.address() + (long) s * SLOT_BYTES, 0L, -1L)) {
                NativeMemory.putLong(THREADS, (long) s * SLOT_BYTES + 8, list.address());
                NativeMemory.putLongVolatile(THREADS.address() + (long) s * SLOT_BYTES, hostTid);
                VarHandle.fullFence();
                slot = s;
                lastSlot = s;
                return;
            }
        }
        // More threads in translated code than slots: this one is interrupted at its exits only.
    }

    /** The calling thread leaves the table. */
    void leave() {
        if (slot >= 0) {
            NativeMemory.putLongVolatile(THREADS.address() + (long) slot * SLOT_BYTES, 0L);
            slot = -1;
        }
    }

    /**
     * The host signal handler's code (the System V ABI: it may use every register but rsp, which the kernel
     * restores): finds the calling thread in the table and rewrites its sites, then returns.
     */
    public static void emitHandler(Assembler a) {
        Label scan = a.newLabel();
        Label found = a.newLabel();
        Label patch = a.newLabel();
        Label wide = a.newLabel();
        Label next = a.newLabel();
        Label done = a.newLabel();
        a.mov(Gp.EAX, GETTID);
        a.syscall();
        a.movImm(Gp.RCX, THREADS.address());
        a.movImm(Gp.RDX, THREADS.address() + (long) SLOTS * SLOT_BYTES);
        a.bind(scan);
        a.cmp(Gp.RCX, Gp.RDX);
        a.jcc(Cond.AE, done);
        a.cmp(Gp.RAX, Mem.q(Gp.RCX, 0));
        a.jcc(Cond.E, found);
        a.add(Gp.RCX, SLOT_BYTES);
        a.jmp(scan);
        a.bind(found);
        a.mov(Gp.RSI, Mem.q(Gp.RCX, 8));
        a.mov(Gp.RDX, Mem.q(Gp.RSI, 0));
        a.mov(Mem.q(Gp.RSI, 8), Gp.RDX); // rewritten (if any)
        a.lea(Gp.RDI, Mem.q(Gp.RSI, HEADER_BYTES));
        a.bind(patch);
        a.test(Gp.RDX, Gp.RDX);
        a.jcc(Cond.E, done);
        a.mov(Gp.R8, Mem.q(Gp.RDI, 0));
        a.mov(Gp.R9, Mem.q(Gp.RDI, 8));
        a.cmp(Mem.q(Gp.RDI, 24), 4);
        a.jcc(Cond.NE, wide);
        a.mov(Mem.d(Gp.R8), Gp.R9D);
        a.jmp(next);
        a.bind(wide);
        a.mov(Mem.q(Gp.R8, 0), Gp.R9);
        a.bind(next);
        a.add(Gp.RDI, ENTRY_BYTES);
        a.dec(Gp.RDX);
        a.jmp(patch);
        a.bind(done);
        a.ret();
    }
}
