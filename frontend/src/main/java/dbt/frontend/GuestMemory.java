package dbt.frontend;

import dbt.ir.GuestFault;
import dbt.isa.exec.NativeMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The guest's address space: one reserved host window of {@link #WINDOW_SIZE} (128 GiB) in which guest address
 * {@code g} lives at host address {@code base() + g}, plus a permission table with one byte per 4 KiB page.
 *
 * <p>Invariants:
 * <ul>
 * <li>The whole window (and {@link #GUARD} bytes of host memory on either side of it) is reserved on the host once,
 * lazily committed, and never unmapped while this object is open.</li>
 * <li>The host protection of a window page mirrors its permission byte and never allows more: no access for an
 * unmapped page (and for the guard), read for a readable or executable page, read/write for a writable one. Generated
 * code may therefore touch guest memory directly and rely on the host MMU to stop what the guest may not do (the
 * runtime's fault handler turns such a host fault into running the instruction on the interpreter). Java code here
 * checks the permission table first and never touches a page the host would refuse; the few writes made whatever the
 * guest's protection (loader, initial stack, {@code mremap}) open the host protection for their duration.</li>
 * <li>A permission byte is 0 for an unmapped page, else {@link #MAPPED} plus any of {@link #READ}, {@link #WRITE},
 * {@link #EXEC} (the bit values of Linux's {@code PROT_*}). Every access made on the guest's behalf checks it and
 * throws {@link GuestFault} when the bit it needs is missing, when the address is below {@link #LOW_LIMIT} (Linux never
 * maps there), or when the access does not end inside the window.</li>
 * <li>A page that becomes mapped reads as zero: unmapping discards host pages ({@code MADV_DONTNEED}) and so does
 * mapping over an existing mapping.</li>
 * </ul>
 * The layout of the address space (from the bottom): program image at its link address, the heap ({@code brk}) after
 * it, mappings handed out top-down from {@link #MMAP_TOP}, the stack just below {@link #STACK_TOP}, all in the
 * first 4 GiB (so code stays there too, as most programs expect); above 4 GiB, what a hint or MAP_FIXED asks for,
 * and mappings that do not fit below (large reservations), handed out top-down from the end of the window.
 * Not thread-safe: one guest thread owns it.
 */
public final class GuestMemory implements AutoCloseable {
    public static final int PAGE_SHIFT = 12;
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;
    public static final long WINDOW_SIZE = 1L << 37;
    /** Where the first 4 GiB end: mappings go below it first. */
    public static final long LOW_AREA = 1L << 32;
    /**
     * Inaccessible host memory before and after the window: an access that starts inside the window and runs past
     * its end faults on the host instead of reaching other memory. 64 GiB of address space each (reserved, never
     * backed): translated code checks an access at base + an array index made from a C int by its base alone.
     */
    public static final long GUARD = 1L << 36;
    /** Lowest guest address that can ever be mapped (Linux's default {@code mmap_min_addr}). */
    public static final long LOW_LIMIT = 0x1_0000L;
    public static final long STACK_TOP = 0xF000_0000L;
    public static final long STACK_SIZE = 8L << 20;
    /** Anonymous mappings are handed out top-down below this address; it leaves a wide gap under the stack. */
    public static final long MMAP_TOP = STACK_TOP - (256L << 20);

    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int EXEC = 4;
    public static final int MAPPED = 8;
    private static final int EINVAL = 22;
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    private static final int PROCESS_VM_READV = 310;
    private static final byte NOT_FILE = 0;
    private static final byte PRIVATE_FILE = 1;
    private static final byte SHARED_FILE = 2;

    private final Arena arena;
    private final long base;
    private final MemorySegment window;
    private final MemorySegment permissions;
    private final long permissionsAddress;
    /** One byte per page: how the host maps it: anonymous, or a file, privately or shared ({@link #mapFile}). */
    private final MemorySegment fileBacked;
    private long brkStart;
    private long brk;
    /** No page at or above this address has ever been mapped (scans of the table stop here). */
    private long mappedEnd = LOW_LIMIT;

    public GuestMemory() {
        arena = Arena.ofShared();
        long reservation = HostVirtualMemory.reserve(WINDOW_SIZE + 2 * GUARD);
        MemorySegment.ofAddress(reservation).reinterpret(WINDOW_SIZE + 2 * GUARD, arena,
                s -> HostVirtualMemory.release(s.address(), s.byteSize()));
        base = reservation + GUARD;
        window = MemorySegment.ofAddress(base).reinterpret(WINDOW_SIZE, arena, null);
        // Zero pages from the kernel, touched only where pages get mapped (an allocation would zero all 1 MiB).
        long pages = WINDOW_SIZE >>> PAGE_SHIFT;
        long table = HostSyscall.mapZeroed(pages);
        permissions = MemorySegment.ofAddress(table).reinterpret(pages, arena,
                s -> HostVirtualMemory.release(s.address(), s.byteSize()));
        permissionsAddress = table;
        fileBacked = MemorySegment.ofAddress(HostSyscall.mapZeroed(pages)).reinterpret(pages, arena,
                s -> HostVirtualMemory.release(s.address(), s.byteSize()));
    }

    /** Host address of guest address 0. */
    public long base() {
        return base;
    }

    /** The per-page permission bytes, indexed by {@code guestAddress >>> PAGE_SHIFT}; for generated code to test. */
    public MemorySegment permissionTable() {
        return permissions;
    }

    /** The host address of {@link #permissionTable}, for the interpreter's compiled code to test. */
    public long permissionTableAddress() {
        return permissionsAddress;
    }

    public int permissions(long address) {
        return inWindow(address, 1) ? permissionOf(address >>> PAGE_SHIFT) : 0;
    }

    /** The permission byte of a page of the window (page below {@code WINDOW_SIZE >>> PAGE_SHIFT}). */
    private byte permissionOf(long page) {
        return NativeMemory.getByte(permissionsAddress + page);
    }

    // ---- accesses made by the guest -------------------------------------------------------------------------------

    public long load(long address, int size) {
        check(address, size, READ);
        return switch (size) {
            case 1 -> Byte.toUnsignedLong(NativeMemory.getByte(base + address));
            case 2 -> Short.toUnsignedLong(NativeMemory.getShort(base + address));
            case 4 -> Integer.toUnsignedLong(NativeMemory.getInt(base + address));
            case 8 -> NativeMemory.getLong(base + address);
            default -> throw new IllegalArgumentException("access size " + size);
        };
    }

    public void store(long address, int size, long value) {
        check(address, size, WRITE);
        switch (size) {
            case 1 -> NativeMemory.putByte(base + address, (byte) value);
            case 2 -> NativeMemory.putShort(base + address, (short) value);
            case 4 -> NativeMemory.putInt(base + address, (int) value);
            case 8 -> NativeMemory.putLong(base + address, value);
            default -> throw new IllegalArgumentException("access size " + size);
        }
    }

    /**
     * An aligned 4- or 8-byte compare-and-swap is the host's own, atomic against every other thread's accesses
     * (translated code uses {@code lock cmpxchg} on the same bytes). Other sizes and misaligned addresses (which RISC-V
     * does not allow its atomics) are compared and stored under a lock, indivisible only among themselves.
     */
    public boolean compareAndSwap(long address, int size, long expected, long value) {
        check(address, size, READ);
        check(address, size, WRITE);
        if (size == 8 && (address & 7) == 0) {
            return NativeMemory.compareAndSetLong(base + address, expected, value);
        }
        if (size == 4 && (address & 3) == 0) {
            return NativeMemory.compareAndSetInt(base + address, (int) expected, (int) value);
        }
        synchronized (this) {
            long mask = size == 8 ? -1L : (1L << (8 * size)) - 1;
            if (((load(address, size) ^ expected) & mask) != 0) {
                return false;
            }
            store(address, size, value);
            return true;
        }
    }

    public int fetch16(long address) {
        check(address, 2, EXEC);
        return Short.toUnsignedInt(NativeMemory.getShort(base + address));
    }

    private void check(long address, int size, int permission) {
        if (address < LOW_LIMIT || address > WINDOW_SIZE - size) {
            throw fault(address, permission);
        }
        long first = address >>> PAGE_SHIFT;
        if ((permissionOf(first) & permission) == 0) {
            throw fault(address, permission);
        }
        long last = (address + size - 1) >>> PAGE_SHIFT;
        if (last != first && (permissionOf(last) & permission) == 0) {
            throw fault(last << PAGE_SHIFT, permission);
        }
    }

    private static GuestFault fault(long address, int permission) {
        return new GuestFault(address, switch (permission) {
            case WRITE -> GuestFault.Access.WRITE;
            case EXEC -> GuestFault.Access.EXECUTE;
            default -> GuestFault.Access.READ;
        });
    }

    // ---- ranges, for system calls and the loader ------------------------------------------------------------------

    /** Throws {@link GuestFault} unless every page of [address, address+length) has {@code permission} (one bit). */
    public void require(long address, long length, int permission) {
        long ok = accessiblePrefix(address, length, permission);
        if (ok != length) {
            throw fault(address + ok, permission);
        }
    }

    /** How many bytes from {@code address} on (at most {@code length}) have {@code permission} (one bit). */
    public long accessiblePrefix(long address, long length, int permission) {
        if (length <= 0) {
            return 0;
        }
        if (address < LOW_LIMIT || address >= WINDOW_SIZE) {
            return 0;
        }
        long end = Math.min(address + Math.min(length, WINDOW_SIZE), WINDOW_SIZE);
        long p = address;
        while (p < end) {
            if ((permissionOf(p >>> PAGE_SHIFT) & permission) == 0) {
                return p - address;
            }
            p = (p & -PAGE_SIZE) + PAGE_SIZE;
        }
        return end - address;
    }

    /** Host address of a guest address; unchecked: call {@link #require} first. */
    public long hostAddress(long address) {
        return base + address;
    }

    /** A view of [address, address+length) after checking {@code permission} on all of it. */
    public MemorySegment slice(long address, long length, int permission) {
        require(address, length, permission);
        return window.asSlice(address, length);
    }

    /**
     * Whether every page of [address, address+length) is executable and the range holds bytes[offset,
     * offset+length): guest code as it was when something was made from it.
     */
    public boolean holdsCode(long address, byte[] bytes, int offset, int length) {
        if (accessiblePrefix(address, length, EXEC) != length) {
            return false;
        }
        byte[] held = new byte[length];
        NativeMemory.copy(base + address, held, 0, length);
        return java.util.Arrays.equals(held, 0, length, bytes, offset, offset + length);
    }

    /** Copies guest bytes out, as a guest read. */
    public void read(long address, byte[] destination, int offset, int length) {
        require(address, length, READ);
        NativeMemory.copy(base + address, destination, offset, length);
    }

    /** Copies bytes in, as a guest write. */
    public void write(long address, byte[] source, int offset, int length) {
        require(address, length, WRITE);
        NativeMemory.copy(source, offset, base + address, length);
    }

    /** Copies bytes into mapped pages whatever their protection: for the loader and the kernel's initial stack. */
    public void initialize(long address, byte[] source, int offset, int length) {
        require(address, length, MAPPED);
        writableWhile(address, length, () -> NativeMemory.copy(source, offset, base + address, length));
    }

    /** Zeroes mapped pages whatever their protection (bss). */
    public void zero(long address, long length) {
        require(address, length, MAPPED);
        writableWhile(address, length, () -> window.asSlice(address, length).fill((byte) 0));
    }

    /** Runs a write to [address, address+length) with the host protection opened, then mirrors the guest's again. */
    private void writableWhile(long address, long length, Runnable write) {
        if (length <= 0 || accessiblePrefix(address, length, WRITE) == length) {
            write.run();
            return;
        }
        long first = pageDown(address);
        long size = pageUp(address + length) - first;
        HostVirtualMemory.protect(base + first, size, HostSyscall.PROT_READ | HostSyscall.PROT_WRITE);
        try {
            write.run();
        } finally {
            mirrorHostProtection(first, size);
        }
    }

    /**
     * Length of the NUL-terminated string at {@code address}, or -1 if there is no NUL in the first
     * {@code maxLength} bytes. Throws {@link GuestFault} if it runs into unreadable memory first.
     */
    public int cStringLength(long address, int maxLength) {
        for (int i = 0; i < maxLength; i++) {
            long a = address + i;
            if (i == 0 || (a & (PAGE_SIZE - 1)) == 0) {
                check(a, 1, READ);
            }
            if (NativeMemory.getByte(base + a) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The NUL-terminated UTF-8 string at {@code address}, at most {@code maxLength} bytes (then truncated). */
    public String readCString(long address, int maxLength) {
        int n = cStringLength(address, maxLength);
        byte[] bytes = new byte[n < 0 ? maxLength : n];
        NativeMemory.copy(base + address, bytes, 0, bytes.length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // ---- mappings -------------------------------------------------------------------------------------------------

    /** Maps [address, address+length) with {@code prot} (READ|WRITE|EXEC bits), replacing what was there; zeroed. */
    public void map(long address, long length, int prot) {
        checkMappable(address, length);
        HostVirtualMemory.replaceWithAnonymous(base + address, pageUp(length));
        markFileBacked(address, pageUp(length), NOT_FILE);
        setPermissions(address, length, MAPPED | (prot & (READ | WRITE | EXEC)));
    }

    /** Whether the page at address is the host's mapping of a file: it may hold bytes the host has not read yet. */
    public boolean fileBacked(long address) {
        return inWindow(address, 1) && NativeMemory.getByte(fileBacked.address() + (address >>> PAGE_SHIFT)) != 0;
    }

    /** Whether the page at address is the host's shared mapping of a file (writes reach the file). */
    public boolean sharedFile(long address) {
        return inWindow(address, 1)
                && NativeMemory.getByte(fileBacked.address() + (address >>> PAGE_SHIFT)) == SHARED_FILE;
    }

    private void markFileBacked(long address, long size, byte kind) {
        fileBacked.asSlice(address >>> PAGE_SHIFT, size >>> PAGE_SHIFT).fill(kind);
    }

    /**
     * Maps [address, address+length) onto the host file hostFd from offset, replacing what was there: its pages are
     * the host's mapping of the file (read when touched; with shared, writes reach the file). A page wholly past the
     * file's end, when it is mapped or later (the file shrank), has no backing: a guest access to it is the host's
     * SIGBUS, which becomes the guest's, as on Linux; Java code reads such pages only through {@link #copyOut}.
     * Returns 0, or -errno from the host (the file's mode does not allow prot, say); then the range is left unmapped.
     */
    public long mapFile(long address, long length, int prot, int hostFd, long offset, boolean shared) {
        checkMappable(address, length);
        long size = pageUp(length);
        HostVirtualMemory.replaceWithAnonymous(base + address, size);
        markFileBacked(address, size, NOT_FILE);
        setPermissions(address, size, 0);
        int value = MAPPED | (prot & (READ | WRITE | EXEC));
        long r = HostVirtualMemory.mapFile(base + address, size, hostProtection(value), shared, hostFd, offset);
        if (r != base + address) {
            HostVirtualMemory.replaceWithAnonymous(base + address, size);
            return r < 0 ? r : -EINVAL;
        }
        markFileBacked(address, size, shared ? SHARED_FILE : PRIVATE_FILE);
        setPermissions(address, size, value);
        return 0;
    }

    /**
     * Copies [address, address+into.byteSize()), mapped with some permission (so the host can read it), into a host
     * buffer through the kernel ({@code process_vm_readv} on this process), which reports a page with no backing (a
     * file mapping past its file's end) as a failure instead of raising SIGBUS: false then. Where the host refuses
     * the call, a plain copy.
     */
    public boolean copyOut(long address, MemorySegment into) {
        require(address, into.byteSize(), MAPPED);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment vectors = a.allocate(32, 8);
            NativeMemory.putLong(vectors, 0, into.address());
            NativeMemory.putLong(vectors, 8, into.byteSize());
            NativeMemory.putLong(vectors, 16, base + address);
            NativeMemory.putLong(vectors, 24, into.byteSize());
            long r = HostSyscall.call(PROCESS_VM_READV, ProcessHandle.current().pid(), vectors.address(), 1,
                    vectors.address() + 16, 1, 0);
            if (r == into.byteSize()) {
                return true;
            }
            if (r != -ENOSYS && r != -EPERM) {
                return false;
            }
        }
        MemorySegment.copy(window, address, into, 0, into.byteSize());
        return true;
    }

    public void unmap(long address, long length) {
        checkMappable(address, length);
        setPermissions(address, length, 0);
        HostVirtualMemory.replaceWithAnonymous(base + address, pageUp(length));
        markFileBacked(address, pageUp(length), NOT_FILE);
    }

    /** Drops the contents of mapped pages ({@code MADV_DONTNEED}): they read as zero; permissions are unchanged. */
    public void discard(long address, long length) {
        checkMappable(address, length);
        require(address, pageUp(length), MAPPED);
        HostVirtualMemory.discard(base + address, pageUp(length));
    }

    /** Copies between mapped pages whatever their protection (for {@code mremap}). */
    public void copy(long source, long destination, long length) {
        require(source, length, MAPPED);
        require(destination, length, MAPPED);
        long first = pageDown(source);
        long size = pageUp(source + length) - first;
        HostVirtualMemory.protect(base + first, size, HostSyscall.PROT_READ);
        try {
            writableWhile(destination, length, () -> MemorySegment.copy(window, source, window, destination, length));
        } finally {
            mirrorHostProtection(first, size);
        }
    }

    /** Changes the protection of a fully mapped range; false (nothing changed) if any page in it is unmapped. */
    public boolean protect(long address, long length, int prot) {
        checkMappable(address, length);
        if (accessiblePrefix(address, pageUp(length), MAPPED) != pageUp(length)) {
            return false;
        }
        setPermissions(address, length, MAPPED | (prot & (READ | WRITE | EXEC)));
        return true;
    }

    /** Whether [address, address+length) lies in the mappable part of the window and no page of it is mapped. */
    public boolean isFree(long address, long length) {
        if (length <= 0 || address < LOW_LIMIT || address > WINDOW_SIZE - length) {
            return false;
        }
        long last = (address + length - 1) >>> PAGE_SHIFT;
        for (long page = address >>> PAGE_SHIFT; page <= last; ) {
            boolean eight = (page & 7) == 0 && page + 7 <= last; // (eight pages at once: a program's segments)
            if (eight ? NativeMemory.getLong(permissionsAddress + page) != 0 : permissionOf(page) != 0) {
                return false;
            }
            page += eight ? 8 : 1;
        }
        return true;
    }

    /**
     * Maps {@code length} bytes somewhere free: at {@code hint} (rounded up to a page) when that range is free,
     * otherwise in the highest free range below {@link #MMAP_TOP}. Returns the address, or -1 when nothing fits.
     */
    public long allocate(long hint, long length, int prot) {
        if (length <= 0 || length > WINDOW_SIZE) {
            return -1;
        }
        long size = pageUp(length);
        long wanted = pageUp(hint);
        if (hint != 0 && isFree(wanted, size)) {
            map(wanted, size, prot);
            return wanted;
        }
        long address = size <= MMAP_TOP ? freeRunBelow(MMAP_TOP, LOW_LIMIT, size) : -1;
        if (address < 0) {
            address = freeRunBelow(WINDOW_SIZE, LOW_AREA, size);
        }
        if (address >= 0) {
            map(address, size, prot);
        }
        return address;
    }

    /** The highest page-aligned free range of size bytes in [low, top), or -1. */
    private long freeRunBelow(long top, long low, long size) {
        long pages = size >>> PAGE_SHIFT;
        long run = 0;
        long lowest = low >>> PAGE_SHIFT;
        for (long page = (top >>> PAGE_SHIFT) - 1; page >= lowest; page--) {
            if (page >= 8 && (page & 7) == 7 && page - 7 >= lowest
                    && NativeMemory.getLong(permissionsAddress + page - 7) == 0) {
                run += 8; // eight free pages at once (the table is mostly zero above 4 GiB)
                page -= 7;
                if (run >= pages) {
                    return (page + run - pages) << PAGE_SHIFT;
                }
            } else if (permissionOf(page) != 0) {
                run = 0;
            } else if (++run == pages) {
                return page << PAGE_SHIFT;
            }
        }
        return -1;
    }

    /** The end of the highest page ever mapped: no page at or above it is mapped. */
    public long mappedEnd() {
        return mappedEnd;
    }

    private void setPermissions(long address, long length, int value) {
        if (value != 0) {
            mappedEnd = Math.max(mappedEnd, address + pageUp(length));
        }
        permissions.asSlice(address >>> PAGE_SHIFT, pageUp(length) >>> PAGE_SHIFT).fill((byte) value);
        HostVirtualMemory.protect(base + address, pageUp(length), hostProtection(value));
    }

    /** Sets the host protection of the page-aligned [address, address+length) from the permission table again. */
    private void mirrorHostProtection(long address, long length) {
        long end = address + length;
        long run = address;
        while (run < end) {
            int value = permissionOf(run >>> PAGE_SHIFT);
            long next = run + PAGE_SIZE;
            while (next < end && permissionOf(next >>> PAGE_SHIFT) == value) {
                next += PAGE_SIZE;
            }
            HostVirtualMemory.protect(base + run, next - run, hostProtection(value));
            run = next;
        }
    }

    /** The host protection that mirrors a permission byte (x86 pages cannot be write-only or execute-only). */
    private static int hostProtection(int value) {
        if ((value & WRITE) != 0) {
            return HostSyscall.PROT_READ | HostSyscall.PROT_WRITE;
        }
        return (value & (READ | EXEC)) != 0 ? HostSyscall.PROT_READ : HostSyscall.PROT_NONE;
    }

    private static void checkMappable(long address, long length) {
        if ((address & (PAGE_SIZE - 1)) != 0 || length <= 0 || address < LOW_LIMIT
                || address > WINDOW_SIZE - pageUp(length)) {
            throw new IllegalArgumentException("bad guest mapping range 0x" + Long.toHexString(address)
                    + " + 0x" + Long.toHexString(length));
        }
    }

    private static boolean inWindow(long address, long length) {
        return address >= 0 && address <= WINDOW_SIZE - length;
    }

    public static long pageUp(long value) {
        return (value + PAGE_SIZE - 1) & -PAGE_SIZE;
    }

    public static long pageDown(long value) {
        return value & -PAGE_SIZE;
    }

    // ---- the program break ----------------------------------------------------------------------------------------

    /** Set once by the loader: the page after the highest loaded segment. */
    public void setBrkStart(long address) {
        brkStart = pageUp(address);
        brk = brkStart;
    }

    public long brk() {
        return brk;
    }

    /**
     * Linux {@code brk}: moves the break to {@code request} if that stays above the start and the pages it needs are
     * free; returns the (possibly unchanged) break. Pages given back read as zero when taken again.
     */
    public long brk(long request) {
        if (brkStart == 0 || request < brkStart || request > MMAP_TOP) {
            return brk;
        }
        long oldEnd = pageUp(brk);
        long newEnd = pageUp(request);
        if (newEnd > oldEnd) {
            if (!isFree(oldEnd, newEnd - oldEnd)) {
                return brk;
            }
            map(oldEnd, newEnd - oldEnd, READ | WRITE);
        } else if (newEnd < oldEnd) {
            unmap(newEnd, oldEnd - newEnd);
        }
        brk = request;
        return brk;
    }

    /** The start of the heap (for a fork's copy of this address space). */
    public long brkStart() {
        return brkStart;
    }

    /** Sets the heap as a fork's parent had it; the pages themselves are mapped by the caller. */
    public void restoreBreak(long start, long current) {
        brkStart = start;
        brk = current;
    }

    /** Releases the host window; any later access throws {@link IllegalStateException}. */
    @Override
    public void close() {
        arena.close();
    }
}
