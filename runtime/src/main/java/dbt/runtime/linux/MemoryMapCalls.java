package dbt.runtime.linux;

import dbt.isa.exec.NativeMemory;
import dbt.frontend.GuestMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static dbt.frontend.GuestMemory.LOW_LIMIT;
import static dbt.frontend.GuestMemory.MAPPED;
import static dbt.frontend.GuestMemory.PAGE_SIZE;
import static dbt.frontend.GuestMemory.WINDOW_SIZE;
import static dbt.frontend.GuestMemory.WRITE;
import static dbt.frontend.GuestMemory.pageUp;
import static dbt.runtime.linux.Errno.*;

/**
 * The calls that change the guest's memory map: brk, mmap (anonymous, and file mappings, private or shared, which
 * are the host's mappings of the file, read as the guest touches them), munmap, mprotect, mremap, madvise, served by
 * {@link GuestMemory}. Shared anonymous memory is the host's shared mapping of a memfd of its size (what Linux does
 * too: it shows as {@code /dev/zero (deleted)}); every shared mapping keeps a descriptor of what it maps
 * ({@link MappingNames}), for a forked child to map. The guest's threads share the map: every call holds this object's
 * lock.
 */
final class MemoryMapCalls {
    private static final int MAP_PRIVATE = 0x02;
    private static final int F_DUPFD_CLOEXEC = 1030;
    /** /dev/zero's device number, makedev(1, 5). */
    private static final long DEV_ZERO = (1 << 8) | 5;
    /** What /proc/self/maps calls shared anonymous memory, as Linux does. */
    private static final String SHARED_ANONYMOUS = "/dev/zero (deleted)";
    private static final int MAP_FIXED = 0x10;
    static final int MAP_ANONYMOUS = 0x20;
    private static final int MAP_FIXED_NOREPLACE = 0x100000;
    private static final int MREMAP_MAYMOVE = 1;
    private static final int MADV_DONTNEED = 4;
    private static final long PROT_ALLOWED = 7 | 0x0300_0000; // R/W/X and PROT_GROWSDOWN/UP (ignored)
    private static final int MSYNC = 26;
    private static final int MINCORE = 27;

    private final GuestMemory memory;
    private final HostSyscalls host;
    private final MappingNames names = new MappingNames();
    /** Where C library functions begin, told of each file mapped executable (see GuestRoutines); or null. */
    private dbt.runtime.translate.GuestRoutines routines;

    MemoryMapCalls(GuestMemory memory, HostSyscalls host) {
        this.memory = memory;
        this.host = host;
    }

    MappingNames names() {
        return names;
    }

    /**
     * From now on tells routines of each file mapped executable; at once of those already mapped so (a fork's
     * child: its parent mapped them).
     */
    void tellRoutines(dbt.runtime.translate.GuestRoutines routines) {
        this.routines = routines;
        for (MappingNames.Named n : names.all()) {
            tellRoutines(n.path(), n.start(), n.offset(), n.end() - n.start());
        }
    }

    /** Tells routines of size bytes of the file at path from offset, mapped at start, if that is executable. */
    private void tellRoutines(String path, long start, long offset, long size) {
        // (routines checks that memory holds each function's code)
        if (routines != null && !path.isEmpty() && !path.equals(SHARED_ANONYMOUS)
                && (memory.permissions(start) & GuestMemory.EXEC) != 0) {
            routines.addMapping(java.nio.file.Path.of(path), start, offset, size);
        }
    }

    /** [from, to) is no longer what was mapped there: its name goes, and any C library function found in it. */
    private void forget(long from, long to) {
        names.forget(from, to);
        if (routines != null) {
            routines.forget(from, to);
        }
    }

    /** The loaded program or interpreter, for /proc/self/maps: its range maps its file. */
    void nameImage(dbt.frontend.ElfImage image) {
        try {
            java.nio.file.Path file = java.nio.file.Path.of(image.path()).toRealPath();
            long device = ((Number) java.nio.file.Files.getAttribute(file, "unix:dev")).longValue();
            long inode = ((Number) java.nio.file.Files.getAttribute(file, "unix:ino")).longValue();
            names.name(GuestMemory.pageDown(image.lowAddress()), GuestMemory.pageUp(image.highAddress()), 0, device,
                    inode, file.toString());
        } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // unnamed, as anonymous memory
        }
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
        // A shared mapping of /dev/zero is shared anonymous memory (mapping the device again would make new memory).
        boolean anonymous = (flags & MAP_ANONYMOUS) != 0 || type != MAP_PRIVATE && devZero(h);
        int backing = MappingNames.NO_BACKING;
        if (type != MAP_PRIVATE) { // shared: a descriptor of what is mapped stays with the range
            backing = (int) (anonymous ? sharedMemory(size) : host.call(HostSyscalls.FCNTL, h, F_DUPFD_CLOEXEC, 0));
            if (Errno.isError(backing)) {
                return anonymous ? -ENOMEM : backing;
            }
            if (anonymous) {
                h = backing;
                anonymous = false;
            }
        }
        long r = mmap(address, size, prot, flags, anonymous, h, offset, backing);
        if (Errno.isError(r) && backing != MappingNames.NO_BACKING) {
            host.call(HostSyscalls.CLOSE, backing);
        }
        return r;
    }

    /** Whether a host descriptor is open on /dev/zero (the character device 1:5). */
    private boolean devZero(int hostFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stat = arena.allocate(StatLayout.HOST_SIZE, 8);
            return host.call(HostSyscalls.FSTAT, hostFd, stat.address()) == 0
                    && (NativeMemory.getInt(stat, StatLayout.HOST_MODE) & StatLayout.S_IFMT) == StatLayout.S_IFCHR
                    && NativeMemory.getLong(stat, StatLayout.HOST_RDEV) == DEV_ZERO;
        }
    }

    /** A memfd of size bytes (close-on-exec) for shared anonymous memory, or -errno. */
    private long sharedMemory(long size) {
        long fd = dbt.frontend.HostSyscall.memfdCreate("dbt-shared");
        if (Errno.isError(fd)) {
            return fd;
        }
        long r = host.call(HostSyscalls.FTRUNCATE, fd, size);
        if (Errno.isError(r)) {
            host.call(HostSyscalls.CLOSE, fd);
            return r;
        }
        return fd;
    }

    /** mmap of a file (host descriptor h) or anonymous memory, once the arguments are checked. */
    private long mmap(long address, long size, long prot, long flags, boolean anonymous, int h, long offset,
                      int backing) {
        int type = (int) flags & 0xF;
        FileFacts file = null;
        if (!anonymous) {
            file = fileFacts(h);
            if (file.errno() != 0) {
                return -file.errno();
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
                forget(address, address + size);
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
        long r = memory.mapFile(mapped, size, (int) prot, h, offset, type != MAP_PRIVATE);
        if (Errno.isError(r)) {
            memory.unmap(mapped, size);
            forget(mapped, mapped + size);
            return r == -EBADF ? -EACCES : r;
        }
        String path = backing == h ? SHARED_ANONYMOUS : hostPath(h);
        forget(mapped, mapped + size);
        names.name(new MappingNames.Named(mapped, mapped + size, offset, file.device(), file.inode(), path, backing));
        tellRoutines(path, mapped, offset, size);
        return mapped;
    }

    /** What fstat says of a host descriptor: its device and inode (for /proc/self/maps). */
    private record FileFacts(long errno, long device, long inode) {}

    private FileFacts fileFacts(int hostFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stat = arena.allocate(StatLayout.HOST_SIZE, 8);
            long r = host.call(HostSyscalls.FSTAT, hostFd, stat.address());
            if (Errno.isError(r)) {
                return new FileFacts(-r, 0, 0);
            }
            return new FileFacts(0, NativeMemory.getLong(stat, StatLayout.HOST_DEV),
                    NativeMemory.getLong(stat, StatLayout.HOST_INO));
        }
    }

    /** The path of the file a host descriptor is open on, as the host's /proc shows it. */
    private static String hostPath(int hostFd) {
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/" + hostFd)).toString();
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return "";
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
            forget(start, address + size);
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
                forget(oldAddress + newSize, oldAddress + oldSize);
            }
            return oldAddress;
        }
        int prot = memory.permissions(oldAddress) & ~MAPPED;
        MappingNames.Named shared = names.at(oldAddress);
        if (shared != null && shared.backing() != MappingNames.NO_BACKING && shared.end() >= oldAddress + oldSize) {
            return remapShared(shared, oldAddress, oldSize, newSize, prot, (flags & MREMAP_MAYMOVE) != 0);
        }
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
        forget(oldAddress, oldAddress + oldSize); // (the moved copy is anonymous, even of a file)
        return moved;
    }

    /**
     * mremap growing a shared mapping (all of it in one named range): the larger range maps more of the same backing,
     * in place or moved, so it stays shared. The backing does not grow (shared anonymous memory neither, as on Linux:
     * the grown part past the object's end is a SIGBUS when touched).
     */
    private long remapShared(MappingNames.Named range, long oldAddress, long oldSize, long newSize, int prot,
                             boolean mayMove) {
        long offset = range.offsetAt(oldAddress);
        boolean inPlace = memory.isFree(oldAddress + oldSize, newSize - oldSize);
        if (!inPlace && !mayMove) {
            return -ENOMEM;
        }
        long target = inPlace ? oldAddress : memory.allocate(0, newSize, 0);
        if (target < 0) {
            return -ENOMEM;
        }
        long r = inPlace ? memory.mapFile(oldAddress + oldSize, newSize - oldSize, prot, range.backing(),
                offset + oldSize, true) : memory.mapFile(target, newSize, prot, range.backing(), offset, true);
        if (Errno.isError(r)) {
            if (!inPlace) {
                memory.unmap(target, newSize);
            }
            return r;
        }
        names.name(new MappingNames.Named(target, target + newSize, offset, range.device(), range.inode(),
                range.path(), range.backing()));
        if (!inPlace) {
            memory.unmap(oldAddress, oldSize);
            forget(oldAddress, oldAddress + oldSize);
        }
        return target;
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
