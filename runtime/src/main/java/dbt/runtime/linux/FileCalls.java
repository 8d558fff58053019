package dbt.runtime.linux;

import dbt.frontend.GuestMemory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static dbt.frontend.GuestMemory.READ;
import static dbt.frontend.GuestMemory.WRITE;
import static dbt.runtime.linux.Errno.EINVAL;

/**
 * The calls on files by name and on what a file holds and is: openat (with the {@code /proc} files dbt makes,
 * {@link ProcFiles}), the stat family (fstat, newfstatat, statx), readlinkat, faccessat, faccessat2, mkdirat,
 * unlinkat, renameat2, links (symlinkat, linkat), ownership and modes (fchmod, fchmodat, fchown, fchownat), times
 * (utimensat), file-system statistics (statfs, fstatfs), truncate and ftruncate, the working directory (chdir,
 * fchdir, getcwd) and umask; copies between descriptors (sendfile, copy_file_range, splice), syncing and advice
 * (fsync, fdatasync, syncfs, fadvise64, fallocate), whole-file locks (flock), and the vectored preadv and pwritev.
 * Each goes to the host's call of the same name, with the structures as they are: {@code struct statfs} (120
 * bytes), {@code struct statx}, {@code struct timespec[2]}, {@code loff_t} and {@code struct iovec} have the same
 * layout on riscv64 and x86-64; {@code struct stat} does not, and is converted ({@link StatLayout}).
 *
 * <p>Invariants: descriptors go through the calling thread's {@link CallingThread#fd}, paths through its
 * {@link CallingThread#path} (which applies -L), and every guest pointer is checked before the host sees it. The
 * object holds nothing but the memory and the {@code /proc} files: the process's threads share it, and each call
 * runs on the calling thread's {@link HostSyscalls} (so a blocking copy is interrupted by that thread's signals).
 */
final class FileCalls {
    private static final long AT_FDCWD = -100;
    private static final int STATFS_SIZE = 120;
    private static final int TIMES_SIZE = 32;
    private static final int OFFSET_SIZE = 8;
    private static final int PATH_MAX = 4096;
    private static final int STATX_SIZE = 256;
    private static final int MODE_BITS = 0777;

    private final GuestMemory memory;
    private final ProcFiles proc;

    FileCalls(GuestMemory memory, ProcFiles proc) {
        this.memory = memory;
        this.proc = proc;
    }

    /**
     * openat(dirfd, path, flags, mode): a {@code /proc} file dbt makes is a new memfd with its contents (identity:
     * the calling thread's name, for {@code /proc/thread-self/stat}).
     */
    long openat(CallingThread thread, IdentityCalls identity, long dirfd, long path, long flags, long mode) {
        return thread.adopt(openProc(path, thread, identity) instanceof byte[] s ? ProcFiles.hostFile("proc", s)
                : thread.host().call(HostSyscalls.OPENAT, thread.dir(dirfd, path), thread.path(path), flags, mode), 0);
    }

    /** What the guest's /proc file at the path holds, if dbt makes it (see {@link ProcFiles}); else null. */
    private byte[] openProc(long pathAddress, CallingThread thread, IdentityCalls identity) {
        if (memory.cStringLength(pathAddress, PATH_MAX) < 6 || memory.load(pathAddress, 4) != 0x6f72702fL) { // "/pro"
            return null;
        }
        return proc.contents(memory.readCString(pathAddress, PATH_MAX), thread, identity);
    }

    long fstat(CallingThread thread, long fd, long buffer) {
        MemorySegment scratch = thread.scratch();
        return stat(scratch, thread.host().call(HostSyscalls.FSTAT, thread.fd(fd), scratch.address()), buffer);
    }

    long newfstatat(CallingThread thread, long dirfd, long path, long buffer, long flags) {
        MemorySegment scratch = thread.scratch();
        return stat(scratch, thread.host().call(HostSyscalls.NEWFSTATAT, thread.dir(dirfd, path), thread.path(path),
                scratch.address(), flags), buffer);
    }

    /** Converts the host's struct stat in the scratch buffer into the guest's, after a successful host call. */
    private long stat(MemorySegment scratch, long result, long guestBuffer) {
        if (Errno.isError(result)) {
            return result;
        }
        StatLayout.hostToGuest(scratch, memory.slice(guestBuffer, StatLayout.GUEST_SIZE, WRITE));
        return 0;
    }

    long statx(CallingThread thread, long dirfd, long path, long flags, long mask, long buffer) {
        return thread.host().call(HostSyscalls.STATX, thread.dir(dirfd, path), thread.path(path), flags, mask,
                thread.out(buffer, STATX_SIZE));
    }

    /** readlinkat: {@code /proc/self/exe} gives the guest program's path. */
    long readlinkat(CallingThread thread, long dirfd, long pathAddress, long buffer, long size) {
        if ((int) size <= 0) {
            return -EINVAL;
        }
        long p = thread.path(pathAddress);
        if (thread.isExecutable(p)) {
            byte[] executable = thread.executable();
            int n = Math.min((int) size, executable.length);
            memory.write(buffer, executable, 0, n);
            return n;
        }
        return thread.host().call(HostSyscalls.READLINKAT, thread.dir(dirfd, pathAddress), p,
                memory.hostAddress(buffer), thread.prefix(buffer, (int) size, WRITE));
    }

    /**
     * A call whose arguments are a directory descriptor, a path and plain numbers: faccessat, mkdirat, unlinkat,
     * fchmodat, fchownat, ...
     */
    long onPath(CallingThread thread, int hostCall, long dirfd, long path, long b, long c, long d) {
        return thread.host().call(hostCall, thread.dir(dirfd, path), thread.path(path), b, c, d);
    }

    long renameat2(CallingThread thread, long oldDir, long oldPath, long newDir, long newPath, long flags) {
        return thread.host().call(HostSyscalls.RENAMEAT2, thread.dir(oldDir, oldPath), thread.path(oldPath),
                thread.dir(newDir, newPath), thread.path(newPath), flags);
    }

    long chdir(CallingThread thread, long path) {
        return thread.host().call(HostSyscalls.CHDIR, thread.path(path));
    }

    long getcwd(CallingThread thread, long buffer, long size) {
        return thread.host().call(HostSyscalls.GETCWD, memory.hostAddress(buffer), thread.prefix(buffer, size, WRITE));
    }

    long umask(CallingThread thread, long mask) {
        return thread.host().call(HostSyscalls.UMASK, mask & MODE_BITS);
    }

    /** sendfile(out_fd, in_fd, offset, count): offset, if given, is read and updated. */
    long sendfile(CallingThread thread, long outFd, long inFd, long offset, long count) {
        return thread.written(thread.host().call(HostSyscalls.SENDFILE, thread.fd(outFd), thread.fd(inFd),
                offset(offset), count));
    }

    long copyFileRange(CallingThread thread, long inFd, long inOffset, long outFd, long outOffset, long length,
                       long flags) {
        return thread.host().call(HostSyscalls.COPY_FILE_RANGE, thread.fd(inFd), offset(inOffset), thread.fd(outFd),
                offset(outOffset), length, flags);
    }

    long splice(CallingThread thread, long inFd, long inOffset, long outFd, long outOffset, long length, long flags) {
        return thread.written(thread.host().call(HostSyscalls.SPLICE, thread.fd(inFd), offset(inOffset),
                thread.fd(outFd), offset(outOffset), length, flags));
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

    /** A call whose arguments are a descriptor and plain numbers: fsync, fchmod, flock, lseek, ftruncate, ... */
    long onDescriptor(CallingThread thread, int hostCall, long fd, long b, long c, long d) {
        return thread.host().call(hostCall, thread.fd(fd), b, c, d);
    }

    /** symlinkat(target, dirfd, linkpath): the target is stored as it is, not looked up (nor moved under -L). */
    long symlinkat(CallingThread thread, long target, long dirfd, long linkPath) {
        return thread.host().call(HostSyscalls.SYMLINKAT, string(target), thread.dir(dirfd, linkPath),
                thread.path(linkPath));
    }

    long linkat(CallingThread thread, long oldDir, long oldPath, long newDir, long newPath, long flags) {
        return thread.host().call(HostSyscalls.LINKAT, thread.dir(oldDir, oldPath), thread.path(oldPath),
                thread.dir(newDir, newPath), thread.path(newPath), flags);
    }

    /**
     * utimensat(dirfd, path, times, flags): a null path names the descriptor itself (futimens), a null times means
     * now; the two timespecs are the same on both sides.
     */
    long utimensat(CallingThread thread, long dirfd, long path, long times, long flags) {
        long hostTimes = times == 0 ? 0 : thread.in(times, TIMES_SIZE);
        if (path == 0) {
            long dir = (int) dirfd == AT_FDCWD ? AT_FDCWD : thread.fd(dirfd);
            return thread.host().call(HostSyscalls.UTIMENSAT, dir, 0, hostTimes, flags);
        }
        return thread.host().call(HostSyscalls.UTIMENSAT, thread.dir(dirfd, path), thread.path(path), hostTimes, flags);
    }

    long statfs(CallingThread thread, long path, long buffer) {
        return thread.host().call(HostSyscalls.STATFS, thread.path(path), thread.out(buffer, STATFS_SIZE));
    }

    long fstatfs(CallingThread thread, long fd, long buffer) {
        return thread.host().call(HostSyscalls.FSTATFS, thread.fd(fd), thread.out(buffer, STATFS_SIZE));
    }

    long truncate(CallingThread thread, long path, long length) {
        return thread.host().call(HostSyscalls.TRUNCATE, thread.path(path), length);
    }

    /**
     * preadv/pwritev(fd, iov, count, pos_l, pos_h): the iovecs are translated ({@link IoVectors}) for the host to
     * write the guest's buffers (permission WRITE: preadv) or read them (READ: pwritev, which raises SIGPIPE as
     * write does); the two halves of the position go to the host as they came, since both 64-bit kernels combine
     * them the same way.
     */
    long vectorAt(CallingThread thread, int hostCall, long fd, long iov, long count, long low, long high,
                  int permission) {
        int h = thread.fd(fd);
        if (count < 0 || count > IoVectors.MAX) {
            return -EINVAL;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment vectors = arena.allocate(IoVectors.SIZE * Math.max(1, count), 8);
            int n = IoVectors.translate(memory, iov, (int) count, permission, vectors);
            long result = thread.host().call(hostCall, h, vectors.address(), n, low, high);
            return permission == READ ? thread.written(result) : result;
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
