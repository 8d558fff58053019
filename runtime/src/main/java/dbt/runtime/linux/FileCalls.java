package dbt.runtime.linux;

import dbt.frontend.GuestMemory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static dbt.frontend.GuestMemory.READ;
import static dbt.frontend.GuestMemory.WRITE;
import static dbt.runtime.linux.Errno.EINVAL;

/**
 * File calls beyond open, read and write: copies between descriptors (sendfile, copy_file_range, splice), syncing and
 * advice (fsync, fdatasync, sync, syncfs, fadvise64, fallocate), ownership and modes (fchmod, fchmodat, fchown,
 * fchownat), links (symlinkat, linkat), times (utimensat), file-system statistics (statfs, fstatfs), whole-file locks
 * (flock), truncate, and the vectored preadv and pwritev. Each goes to the host's call of the same name, with the
 * structures as they are: {@code struct statfs} (120 bytes), {@code struct timespec[2]}, {@code loff_t} and
 * {@code struct iovec} have the same layout on riscv64 and x86-64.
 *
 * <p>Invariants: descriptors go through the calling thread's {@link LinuxSyscalls#fd}, paths through its
 * {@link LinuxSyscalls#path} (which applies -L), and every guest pointer is checked before the host sees it. The
 * object holds nothing but the memory: the process's threads share it, and each call runs on the calling thread's
 * {@link HostSyscalls} (so a blocking copy is interrupted by that thread's signals).
 */
final class FileCalls {
    private static final long AT_FDCWD = -100;
    private static final int STATFS_SIZE = 120;
    private static final int TIMES_SIZE = 32;
    private static final int OFFSET_SIZE = 8;
    private static final int PATH_MAX = 4096;

    private final GuestMemory memory;

    FileCalls(GuestMemory memory) {
        this.memory = memory;
    }

    /** sendfile(out_fd, in_fd, offset, count): offset, if given, is read and updated. */
    long sendfile(LinuxSyscalls calls, long outFd, long inFd, long offset, long count) {
        return calls.written(calls.host().call(HostSyscalls.SENDFILE, calls.fd(outFd), calls.fd(inFd),
                offset(offset), count));
    }

    long copyFileRange(LinuxSyscalls calls, long inFd, long inOffset, long outFd, long outOffset, long length,
                       long flags) {
        return calls.host().call(HostSyscalls.COPY_FILE_RANGE, calls.fd(inFd), offset(inOffset), calls.fd(outFd),
                offset(outOffset), length, flags);
    }

    long splice(LinuxSyscalls calls, long inFd, long inOffset, long outFd, long outOffset, long length, long flags) {
        return calls.written(calls.host().call(HostSyscalls.SPLICE, calls.fd(inFd), offset(inOffset),
                calls.fd(outFd), offset(outOffset), length, flags));
    }

    /** A host pointer to an optional {@code loff_t} the host reads and updates; 0 stays 0. */
    private long offset(long address) {
        if (address == 0) {
            return 0;
        }
        memory.require(address, OFFSET_SIZE, READ);
        memory.require(address, OFFSET_SIZE, WRITE);
        return memory.hostAddress(address);
    }

    /** A call whose arguments are a descriptor and plain numbers: fsync, fchmod, flock, fadvise64, ... */
    long onDescriptor(LinuxSyscalls calls, int hostCall, long fd, long b, long c, long d) {
        return calls.host().call(hostCall, calls.fd(fd), b, c, d);
    }

    long fchmodat(LinuxSyscalls calls, long dirfd, long path, long mode) {
        return calls.host().call(HostSyscalls.FCHMODAT, calls.dir(dirfd, path), calls.path(path), mode);
    }

    long fchownat(LinuxSyscalls calls, long dirfd, long path, long owner, long group, long flags) {
        return calls.host().call(HostSyscalls.FCHOWNAT, calls.dir(dirfd, path), calls.path(path), owner, group,
                flags);
    }

    /** symlinkat(target, dirfd, linkpath): the target is stored as it is, not looked up (nor moved under -L). */
    long symlinkat(LinuxSyscalls calls, long target, long dirfd, long linkPath) {
        return calls.host().call(HostSyscalls.SYMLINKAT, string(target), calls.dir(dirfd, linkPath),
                calls.path(linkPath));
    }

    long linkat(LinuxSyscalls calls, long oldDir, long oldPath, long newDir, long newPath, long flags) {
        return calls.host().call(HostSyscalls.LINKAT, calls.dir(oldDir, oldPath), calls.path(oldPath),
                calls.dir(newDir, newPath), calls.path(newPath), flags);
    }

    /**
     * utimensat(dirfd, path, times, flags): a null path names the descriptor itself (futimens), a null times means
     * now; the two timespecs are the same on both sides.
     */
    long utimensat(LinuxSyscalls calls, long dirfd, long path, long times, long flags) {
        long hostTimes = times == 0 ? 0 : calls.in(times, TIMES_SIZE);
        if (path == 0) {
            long dir = (int) dirfd == AT_FDCWD ? AT_FDCWD : calls.fd(dirfd);
            return calls.host().call(HostSyscalls.UTIMENSAT, dir, 0, hostTimes, flags);
        }
        return calls.host().call(HostSyscalls.UTIMENSAT, calls.dir(dirfd, path), calls.path(path), hostTimes, flags);
    }

    long statfs(LinuxSyscalls calls, long path, long buffer) {
        return calls.host().call(HostSyscalls.STATFS, calls.path(path), calls.out(buffer, STATFS_SIZE));
    }

    long fstatfs(LinuxSyscalls calls, long fd, long buffer) {
        return calls.host().call(HostSyscalls.FSTATFS, calls.fd(fd), calls.out(buffer, STATFS_SIZE));
    }

    long truncate(LinuxSyscalls calls, long path, long length) {
        return calls.host().call(HostSyscalls.TRUNCATE, calls.path(path), length);
    }

    /**
     * preadv/pwritev(fd, iov, count, pos_l, pos_h): the iovecs are translated ({@link IoVectors}) for the host to
     * write the guest's buffers (permission WRITE: preadv) or read them (READ: pwritev, which raises SIGPIPE as
     * write does); the two halves of the position go to the host as they came, since both 64-bit kernels combine
     * them the same way.
     */
    long vectorAt(LinuxSyscalls calls, int hostCall, long fd, long iov, long count, long low, long high,
                  int permission) {
        int h = calls.fd(fd);
        if (count < 0 || count > IoVectors.MAX) {
            return -EINVAL;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment vectors = arena.allocate(IoVectors.SIZE * Math.max(1, count), 8);
            int n = IoVectors.translate(memory, iov, (int) count, permission, vectors);
            long result = calls.host().call(hostCall, h, vectors.address(), n, low, high);
            return permission == READ ? calls.written(result) : result;
        }
    }

    /** A host pointer to a NUL-terminated guest string taken as it is. */
    private long string(long address) {
        if (memory.cStringLength(address, PATH_MAX) < 0) {
            throw new Errno(Errno.ENAMETOOLONG);
        }
        return memory.hostAddress(address);
    }
}
