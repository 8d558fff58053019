package dbt.runtime.linux;

import dbt.frontend.GuestMemory;

import static dbt.frontend.GuestMemory.LOW_LIMIT;
import static dbt.frontend.GuestMemory.MAPPED;
import static dbt.frontend.GuestMemory.PAGE_SIZE;
import static dbt.frontend.GuestMemory.READ;
import static dbt.frontend.GuestMemory.WINDOW_SIZE;
import static dbt.frontend.GuestMemory.WRITE;
import static dbt.frontend.GuestMemory.pageUp;
import static dbt.runtime.linux.Errno.*;

/**
 * The calls that change the guest's memory map: brk, mmap (anonymous, and private file mappings, which are read
 * into fresh pages), munmap, mprotect, mremap, madvise, served by {@link GuestMemory}. The guest's threads share the
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

    private final GuestMemory memory;
    private final HostSyscalls host;

    MemoryMapCalls(GuestMemory memory, HostSyscalls host) {
        this.memory = memory;
        this.host = host;
    }

    synchronized long brk(long request) {
        return memory.brk(request);
    }

    long mmap(LinuxSyscalls calls, long address, long length, long prot, long flags, int h, long offset) {
        int type = (int) flags & 0xF;
        if (length == 0 || (offset & (PAGE_SIZE - 1)) != 0 || type < 1 || type > 3 || (prot & ~PROT_ALLOWED) != 0) {
            return -EINVAL;
        }
        if (length < 0 || length > WINDOW_SIZE) {
            return -ENOMEM;
        }
        long size = pageUp(length);
        boolean anonymous = (flags & MAP_ANONYMOUS) != 0;
        if (!anonymous && type != MAP_PRIVATE && (prot & WRITE) != 0) {
            return calls.refuse("writable shared file mappings", ENODEV);
        }
        long mapped;
        // A file mapping is filled by the host kernel, which needs the pages writable until then.
        int initialProt = anonymous ? (int) prot : (int) prot | READ | WRITE;
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
            memory.map(address, size, initialProt);
            mapped = address;
        } else {
            mapped = memory.allocate(address, size, initialProt);
            if (mapped < 0) {
                return -ENOMEM;
            }
        }
        if (!anonymous) {
            long r = readInto(h, mapped, length, offset);
            if (Errno.isError(r)) {
                memory.unmap(mapped, size);
                return r == -EBADF ? -EACCES : r;
            }
            memory.protect(mapped, size, (int) prot);
        }
        return mapped;
    }

    /** A private file mapping is a copy: read the file into the fresh pages (beyond its end they stay zero). */
    private long readInto(int hostFd, long address, long length, long offset) {
        long done = 0;
        while (done < length) {
            long r = host.call(HostSyscalls.PREAD64, hostFd, memory.hostAddress(address + done), length - done,
                    offset + done);
            if (Errno.isError(r)) {
                return r;
            }
            if (r == 0) {
                break;
            }
            done += r;
        }
        return done;
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
