package dbt.runtime.translate;

import dbt.frontend.GuestMemory;
import dbt.frontend.HostSyscall;
import dbt.isa.exec.NativeMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Guest pc → host code, in O(1): a native two-level table that translated code also reads inline for indirect
 * jumps. Level 1 has one 8-byte entry per 4 KiB guest page of the whole window (0 or the address of a level-2
 * page; reserved, and committed only where touched); level 2 has one 8-byte entry per 2-byte guest address in the
 * page (0 when untranslated).
 *
 * <p>In front of it, a jump cache (QEMU's tb_jmp_cache): {@code BlockCompiler.JUMP_CACHE_ENTRIES} entries of {guest
 * pc, host code}, direct-mapped by {@code pc >> 1}, which translated code fills on a table hit and reads first (one load against the table's two
 * dependent ones: an interpreter's dispatch jump waits on them whenever the host mispredicts it). It lies below 2 GiB
 * so that code addresses it by index alone ({@code [rcx*8 + disp32]}); where the kernel finds no room there it is
 * absent (address 0) and code reads the table only. An empty entry holds guest pc 1 and, as its code, the stub that
 * leaves as a failed lookup does ({@link #setJumpCacheMiss}): a jump to 1 itself (which an ISA without RISC-V's
 * alignment may make) finds it and takes the slow way.
 */
public final class MappingTable {
    /** Pages of the guest window; translated code's inline lookup tests its bound ({@code BlockCompiler}). */
    public static final long PAGES = GuestMemory.WINDOW_SIZE >>> GuestMemory.PAGE_SHIFT;
    private static final long LEVEL2_BYTES = 2048 * 8;

    private final MemorySegment level1;
    private final Arena arena = Arena.ofAuto();
    private final java.util.List<MemorySegment> level2 = new java.util.ArrayList<>();

    private static final int MAP_32BIT = 0x40;

    private final MemorySegment jumpCache;
    /** The code of an empty entry (see the class comment); 0 until set. */
    private long jumpCacheMiss;

    public MappingTable() {
        long address = HostSyscall.mapZeroed(PAGES * 8);
        level1 = MemorySegment.ofAddress(address).reinterpret(PAGES * 8);
        long bytes = dbt.x86.backend.BlockCompiler.JUMP_CACHE_ENTRIES * 16L;
        long low;
        try {
            low = HostSyscall.mmap(bytes, HostSyscall.PROT_READ | HostSyscall.PROT_WRITE,
                    HostSyscall.MAP_PRIVATE | HostSyscall.MAP_ANONYMOUS | MAP_32BIT, -1);
        } catch (IllegalStateException noRoom) {
            low = 0;
        }
        jumpCache = low > 0 && low + bytes < Integer.MAX_VALUE ? MemorySegment.ofAddress(low).reinterpret(bytes)
                : MemorySegment.NULL;
        emptyJumpCache();
    }

    /** The jump cache's address (below 2 GiB), or 0 when there is none. */
    public long jumpCacheAddress() {
        return jumpCache.address();
    }

    /** Where an empty entry of the jump cache sends a jump to its guest pc: a stub that leaves as a failed lookup. */
    public void setJumpCacheMiss(long stub) {
        jumpCacheMiss = stub;
        emptyJumpCache();
    }

    /** Every entry empty: the first written, then copied over twice as many at each step (on the start-up path). */
    private void emptyJumpCache() {
        long size = jumpCache.byteSize();
        if (size == 0) {
            return;
        }
        NativeMemory.putLong(jumpCache.address(), 1);
        NativeMemory.putLong(jumpCache.address() + 8, jumpCacheMiss);
        for (long filled = 16; filled < size; filled *= 2) {
            MemorySegment.copy(jumpCache, 0, jumpCache, filled, Math.min(filled, size - filled));
        }
    }

    public long address() {
        return level1.address();
    }

    /** The host code for guest pc, or 0. */
    public long get(long pc) {
        if (pc < 0 || pc >>> 12 >= PAGES) {
            return 0;
        }
        long l2 = NativeMemory.getLong(level1.address() + (pc >>> 12) * 8);
        if (l2 == 0) {
            return 0;
        }
        return NativeMemory.getLong(l2 + (pc & 0xffe) * 4); // (below LEVEL2_BYTES)
    }

    public void put(long pc, long host) {
        if (pc < 0 || pc >>> 12 >= PAGES) {
            return; // outside the window: never reached by translated code, looked up the slow way
        }
        long l2 = NativeMemory.getLong(level1.address() + (pc >>> 12) * 8);
        if (l2 == 0) {
            MemorySegment page = arena.allocate(LEVEL2_BYTES, 16); // zeroed
            level2.add(page);
            l2 = page.address();
            NativeMemory.putLong(level1.address() + (pc >>> 12) * 8, l2);
        }
        NativeMemory.putLong(l2 + (pc & 0xffe) * 4, host);
    }

    /** Forgets every mapping (the level-2 pages stay allocated, zeroed). */
    public void clear() {
        for (MemorySegment page : level2) {
            page.fill((byte) 0);
        }
        emptyJumpCache();
    }
}
