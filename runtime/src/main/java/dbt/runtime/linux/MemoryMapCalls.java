package dbt.runtime.linux;

import dbt.frontend.GuestMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dbt.frontend.GuestMemory.LOW_LIMIT;
import static dbt.frontend.GuestMemory.MAPPED;
import static dbt.frontend.GuestMemory.PAGE_SIZE;
import static dbt.frontend.GuestMemory.READ;
import static dbt.frontend.GuestMemory.WINDOW_SIZE;
import static dbt.frontend.GuestMemory.WRITE;
import static dbt.frontend.GuestMemory.pageUp;
import static dbt.runtime.linux.Errno.*;

/**
 * The calls that change the guest's memory map: brk, mmap (anonymous, and file mappings, private or shared, which
 * are the host's mappings of the file, read as the guest touches them), munmap, mprotect, mremap, madvise, served by
 * {@link GuestMemory}. The guest's threads share the
 * map: every call holds this object's lock.
 */
final class MemoryMapCalls {
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_FIXED = 0x10;
    static final int MAP_ANONYMOUS = 0x20;
    private static final int MAP_FIXED_NOREPLACE = 0x100000;
    private static final int MREMAP_MAYMOVE = 1;
    private static final int MADV_DONTNEED = 4;
    private static final long PROT_ALLOWED = 7 | 0x0300_0000; // R/W/X and PROT_GROWSDOWN/UP (ignored)
    /** x86-64's struct stat: its size, st_mode and st_size. */
    private static final int HOST_STAT_SIZE = 144;
    private static final int HOST_ST_MODE = 24;
    private static final int HOST_ST_SIZE = 48;
    private static final int S_IFMT = 0xF000;
    private static final int S_IFREG = 0x8000;
    private static final int MSYNC = 26;
    private static final int MINCORE = 27;

    private final GuestMemory memory;
    private final HostSyscalls host;

    MemoryMapCalls(GuestMemory memory, HostSyscalls host) {
        this.memory = memory;
        this.host = host;
    }

    synchronized long brk(long request) {
        return memory.brk(request);
    }

    synchronized long mmap(long address, long length, long prot, long flags, int h, long offset) {
        int type = (int) flags & 0xF;
        if (length == 0 || (offset & (PAGE_SIZE - 1)) != 0 || type < 1 || type > 3 || (prot & ~PROT_ALLOWED) != 0) {
            return -EINVAL;
        }
        if (length < 0 || length > WINDOW_SIZE) {
            return -ENOMEM;
        }
        long size = pageUp(length);
        boolean anonymous = (flags & MAP_ANONYMOUS) != 0;
        long fileSize = 0;
        if (!anonymous) {
            fileSize = fileSize(h);
            if (fileSize < 0) {
                return fileSize;
            }
        }
        long mapped;
        if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0) {
            if ((address & (PAGE_SIZE - 1)) != 0) {
                return -EINVAL;
            }
            if (address < LOW_LIMIT) {
                return -EPERM;
            }
            if (address > WINDOW_SIZE - size) {
                return -ENOMEM;
            }
            if ((flags & MAP_FIXED_NOREPLACE) != 0 && !memory.isFree(address, size)) {
                return -EEXIST;
            }
            if (anonymous) {
                memory.map(address, size, (int) prot);
                return address;
            }
            mapped = address;
        } else {
            // A file mapping's place is taken first, then the file is mapped over it.
            mapped = memory.allocate(address, size, anonymous ? (int) prot : 0);
            if (mapped < 0 || anonymous) {
                return mapped < 0 ? -ENOMEM : mapped;
            }
        }
        long r = memory.mapFile(mapped, size, (int) prot, h, offset, type != MAP_PRIVATE, fileSize);
        if (Errno.isError(r)) {
            memory.unmap(mapped, size);
            return r == -EBADF ? -EACCES : r;
        }
        return mapped;
    }

    /** The size of the file behind a host descriptor (0 for what is not a regular file), or -errno. */
    private long fileSize(int hostFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stat = arena.allocate(HOST_STAT_SIZE, 8);
            long r = host.call(HostSyscalls.FSTAT, hostFd, stat.address());
            if (Errno.isError(r)) {
                return r == -EBADF ? -EBADF : r;
            }
            boolean regular = (stat.get(ValueLayout.JAVA_INT, HOST_ST_MODE) & S_IFMT) == S_IFREG;
            return regular ? stat.get(ValueLayout.JAVA_LONG, HOST_ST_SIZE) : 0;
        }
    }

    synchronized long munmap(long address, long length) {
        long size = pageUp(length);
        if ((address & (PAGE_SIZE - 1)) != 0 || length <= 0 || address < 0 || address > WINDOW_SIZE - size) {
            return -EINVAL;
        }
        long start = Math.max(address, LOW_LIMIT);
        if (start < address + size) {
            memory.unmap(start, address + size - start);
        }
        return 0;
    }

    synchronized long mprotect(long address, long length, long prot) {
        if ((address & (PAGE_SIZE - 1)) != 0 || (prot & ~PROT_ALLOWED) != 0 || length < 0) {
            return -EINVAL;
        }
        if (length == 0) {
            return 0;
        }
        long size = pageUp(length);
        if (address < LOW_LIMIT || address > WINDOW_SIZE - size) {
            return -ENOMEM;
        }
        return memory.protect(address, size, (int) prot) ? 0 : -ENOMEM;
    }

    synchronized long mremap(long oldAddress, long oldLength, long newLength, long flags) {
        long oldSize = pageUp(oldLength);
        long newSize = pageUp(newLength);
        if ((oldAddress & (PAGE_SIZE - 1)) != 0 || (flags & ~MREMAP_MAYMOVE) != 0 || oldSize <= 0 || newSize <= 0
                || newLength > WINDOW_SIZE) {
            return -EINVAL;
        }
        if (oldAddress < LOW_LIMIT || oldAddress > WINDOW_SIZE - oldSize
                || memory.accessiblePrefix(oldAddress, oldSize, MAPPED) != oldSize) {
            return -EFAULT;
        }
        if (newSize <= oldSize) {
            if (newSize < oldSize) {
                memory.unmap(oldAddress + newSize, oldSize - newSize);
            }
            return oldAddress;
        }
        int prot = memory.permissions(oldAddress) & ~MAPPED;
        if (memory.isFree(oldAddress + oldSize, newSize - oldSize)) {
            memory.map(oldAddress + oldSize, newSize - oldSize, prot);
            return oldAddress;
        }
        if ((flags & MREMAP_MAYMOVE) == 0) {
            return -ENOMEM;
        }
        long moved = memory.allocate(0, newSize, prot);
        if (moved < 0) {
            return -ENOMEM;
        }
        memory.copy(oldAddress, moved, oldSize);
        memory.unmap(oldAddress, oldSize);
        return moved;
    }

    /** msync: the host's, on the window's pages (what a shared file mapping wrote reaches the file). */
    synchronized long msync(long address, long length, long flags) {
        if ((address & (PAGE_SIZE - 1)) != 0 || (flags & ~7) != 0 || (flags & 5) == 5 || length < 0) {
            return -EINVAL;
        }
        long size = pageUp(length);
        if (size == 0) {
            return 0;
        }
        if (!mapped(address, size)) {
            return -ENOMEM;
        }
        return host.call(MSYNC, memory.base() + address, size, flags);
    }

    /** mincore: which pages the host holds in memory, into the guest's vector (one byte per page). */
    synchronized long mincore(long address, long length, long vector) {
        if ((address & (PAGE_SIZE - 1)) != 0 || length < 0) {
            return -EINVAL;
        }
        long size = pageUp(length);
        if (!mapped(address, size)) {
            return -ENOMEM;
        }
        memory.require(vector, size / PAGE_SIZE, WRITE);
        return host.call(MINCORE, memory.base() + address, size, memory.hostAddress(vector));
    }

    /** mlock, munlock: nothing to do (the guest's pages are the host's to page), once the range is mapped. */
    synchronized long lock(long address, long length) {
        long first = address & -PAGE_SIZE;
        long size = pageUp(address + length) - first;
        return length == 0 || mapped(first, size) ? 0 : -ENOMEM;
    }

    private boolean mapped(long address, long size) {
        return address >= LOW_LIMIT && size > 0 && address <= WINDOW_SIZE - size
                && memory.accessiblePrefix(address, size, MAPPED) == size;
    }

    synchronized long madvise(long address, long length, long advice) {
        if ((address & (PAGE_SIZE - 1)) != 0 || length < 0) {
            return -EINVAL;
        }
        long size = pageUp(length);
        if (advice == MADV_DONTNEED && size > 0) {
            if (address < LOW_LIMIT || address > WINDOW_SIZE - size
                    || memory.accessiblePrefix(address, size, MAPPED) != size) {
                return -ENOMEM;
            }
            memory.discard(address, size);
        }
        return 0;
    }
}
