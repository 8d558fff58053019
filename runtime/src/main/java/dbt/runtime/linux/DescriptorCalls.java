package dbt.runtime.linux;

import dbt.isa.exec.NativeMemory;
import dbt.frontend.GuestMemory;

import java.lang.foreign.MemorySegment;

import static dbt.frontend.GuestMemory.READ;
import static dbt.frontend.GuestMemory.WRITE;
import static dbt.runtime.linux.Errno.*;

/**
 * The calls on descriptors as such: the transfers read, write, readv, writev, pread64, pwrite64 and getdents64,
 * the descriptor table's dup, dup3, fcntl and close, new descriptors from pipe2 and memfd_create, the
 * terminal ioctls, and ppoll. The host's call does the work on the host descriptor behind the guest's, on the guest's
 * buffers: {@code struct iovec}, {@code struct flock}, {@code struct pollfd}, {@code struct termios} (as the kernel
 * passes it, 36 bytes) and {@code struct winsize} have the same layout on both sides.
 *
 * <p>Invariants: no state; descriptors go through the calling thread's {@link CallingThread#fd} and new ones
 * through its {@link CallingThread#adopt}, whose table locks itself; a write that meets a closed pipe raises SIGPIPE
 * ({@link CallingThread#written}); a host buffer is the calling thread's scratch buffer.
 */
final class DescriptorCalls {
    private static final int O_CLOEXEC = 02000000;
    private static final int F_DUPFD = 0;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int FLOCK_SIZE = 32;
    private static final int TCGETS = 0x5401;
    private static final int TCSETS = 0x5402;
    private static final int TCSETSF = 0x5404;
    private static final int TIOCGWINSZ = 0x5413;
    private static final int TERMIOS_SIZE = 36;
    private static final int WINSIZE_SIZE = 8;
    private static final int POLLFD_SIZE = 8;
    private static final short POLLNVAL = 0x20;

    private DescriptorCalls() {
    }

    static long read(CallingThread thread, long fd, long buffer, long count) {
        return thread.host().call(HostSyscalls.READ, thread.fd(fd), thread.memory().hostAddress(buffer),
                thread.prefix(buffer, count, WRITE));
    }

    static long write(CallingThread thread, long fd, long buffer, long count) {
        return thread.written(thread.host().call(HostSyscalls.WRITE, thread.fd(fd),
                thread.memory().hostAddress(buffer), thread.prefix(buffer, count, READ)));
    }

    static long pread(CallingThread thread, long fd, long buffer, long count, long offset) {
        return thread.host().call(HostSyscalls.PREAD64, thread.fd(fd), thread.memory().hostAddress(buffer),
                thread.prefix(buffer, count, WRITE), offset);
    }

    static long pwrite(CallingThread thread, long fd, long buffer, long count, long offset) {
        return thread.written(thread.host().call(HostSyscalls.PWRITE64, thread.fd(fd),
                thread.memory().hostAddress(buffer), thread.prefix(buffer, count, READ), offset));
    }

    static long getdents(CallingThread thread, long fd, long buffer, long count) {
        return thread.host().call(HostSyscalls.GETDENTS64, thread.fd(fd), thread.memory().hostAddress(buffer),
                thread.prefix(buffer, count, WRITE));
    }

    /**
     * readv and writev: the iovecs are translated ({@link IoVectors}) for the host to write the guest's buffers
     * (permission WRITE: readv) or read them (READ: writev, which raises SIGPIPE as write does).
     */
    static long vector(CallingThread thread, int hostCall, long fd, long iov, long count, int permission) {
        int h = thread.fd(fd);
        if (count < 0 || count > IoVectors.MAX) {
            return -EINVAL;
        }
        MemorySegment vectors = thread.scratch();
        int n = IoVectors.translate(thread.memory(), iov, (int) count, permission, vectors);
        long result = thread.host().call(hostCall, h, vectors.address(), n);
        return permission == READ ? thread.written(result) : result;
    }

    static long dup(CallingThread thread, long fd) {
        return thread.adopt(thread.host().call(HostSyscalls.FCNTL, thread.fd(fd), F_DUPFD, 3), 0);
    }

    static long dup3(CallingThread thread, long oldFd, long newFd, long flags) {
        if ((flags & ~O_CLOEXEC) != 0 || (int) oldFd == (int) newFd) {
            return -EINVAL;
        }
        int h = thread.fd(oldFd);
        if ((int) newFd < 0 || (int) newFd >= FdTable.LIMIT) {
            return -EBADF;
        }
        long copy = thread.host().call(HostSyscalls.FCNTL, h, flags != 0 ? F_DUPFD_CLOEXEC : F_DUPFD, 3);
        if (Errno.isError(copy)) {
            return copy;
        }
        int previous = thread.install((int) newFd, (int) copy);
        if (previous >= 0 && !FdTable.isShared(previous)) {
            thread.closeHost(previous);
        }
        return (int) newFd;
    }

    static long fcntl(CallingThread thread, long fd, long cmd, long arg) {
        int h = thread.fd(fd);
        HostSyscalls host = thread.host();
        return switch ((int) cmd) {
            case F_DUPFD, F_DUPFD_CLOEXEC -> (int) arg < 0 || (int) arg >= FdTable.LIMIT ? -EINVAL
                    : thread.adopt(host.call(HostSyscalls.FCNTL, h, cmd, 3), (int) arg);
            case 1, 2, 3, 4 -> host.call(HostSyscalls.FCNTL, h, cmd, arg); // F_GETFD, F_SETFD, F_GETFL, F_SETFL
            case 5 -> host.call(HostSyscalls.FCNTL, h, cmd, thread.out(arg, FLOCK_SIZE)); // F_GETLK
            case 6, 7 -> host.call(HostSyscalls.FCNTL, h, cmd, thread.in(arg, FLOCK_SIZE)); // F_SETLK, F_SETLKW
            default -> -EINVAL;
        };
    }

    static long ioctl(CallingThread thread, long fd, long request, long arg) {
        int h = thread.fd(fd);
        int r = (int) request;
        if (r == TCGETS) {
            return thread.host().call(HostSyscalls.IOCTL, h, r, thread.out(arg, TERMIOS_SIZE));
        } else if (r >= TCSETS && r <= TCSETSF) {
            return thread.host().call(HostSyscalls.IOCTL, h, r, thread.in(arg, TERMIOS_SIZE));
        } else if (r == TIOCGWINSZ) {
            return thread.host().call(HostSyscalls.IOCTL, h, r, thread.out(arg, WINSIZE_SIZE));
        }
        return -ENOTTY;
    }

    static long pipe2(CallingThread thread, long fdsAddress, long flags) {
        GuestMemory memory = thread.memory();
        MemorySegment scratch = thread.scratch();
        memory.require(fdsAddress, 8, WRITE);
        long r = thread.host().call(HostSyscalls.PIPE2, scratch.address(), flags);
        if (Errno.isError(r)) {
            return r;
        }
        long readEnd = thread.adopt(NativeMemory.getInt(scratch, 0), 0);
        long writeEnd = thread.adopt(NativeMemory.getInt(scratch, 4), 0);
        if (Errno.isError(readEnd) || Errno.isError(writeEnd)) {
            thread.close(readEnd);
            thread.close(writeEnd);
            return -EMFILE;
        }
        memory.store(fdsAddress, 4, readEnd);
        memory.store(fdsAddress + 4, 4, writeEnd);
        return 0;
    }

    static long memfdCreate(CallingThread thread, long name, long flags) {
        return thread.adopt(thread.host().call(HostSyscalls.MEMFD_CREATE, thread.path(name), flags), 0);
    }

    /**
     * ppoll(fds, n, timeout, sigmask): the pollfd array (the same layout on both sides) is copied with host
     * descriptors; a guest descriptor that is not open gets POLLNVAL, as from the kernel. A signal mask applies for the
     * wait as sigsuspend's does (the thread's own mask comes back unless a handler runs).
     */
    static long ppoll(CallingThread thread, long fdsAddress, long count, long timeout, long sigmask, long setSize) {
        GuestMemory memory = thread.memory();
        MemorySegment scratch = thread.scratch();
        if (count < 0 || count > FdTable.LIMIT) {
            return -EINVAL;
        }
        int n = (int) count;
        if (n > 0) {
            memory.require(fdsAddress, (long) POLLFD_SIZE * n, READ | WRITE);
        }
        if ((long) POLLFD_SIZE * n > scratch.byteSize()) {
            return -ENOMEM;
        }
        int invalid = 0;
        for (int k = 0; k < n; k++) {
            int guest = (int) memory.load(fdsAddress + 8L * k, 4);
            int h = guest < 0 ? -1 : thread.hostFd(guest);
            NativeMemory.putInt(scratch, 8L * k, h);
            // events; revents 0
            NativeMemory.putInt(scratch, 8L * k + 4, (int) memory.load(fdsAddress + 8L * k + 4, 2));
            if (guest >= 0 && h < 0) {
                invalid++;
            }
        }
        long hostTimeout = timeout == 0 ? 0 : thread.in(timeout, 16);
        long restore = -1;
        if (sigmask != 0) {
            if (setSize != 8) {
                return -EINVAL;
            }
            restore = thread.signals().swapMask(memory.load(sigmask, 8));
        }
        long result = invalid > 0 ? 0 : thread.host().call(HostSyscalls.PPOLL, scratch.address(), n, hostTimeout, 0, 8);
        if (restore != -1) {
            thread.signals().restoreMask(restore, result == -EINTR);
        }
        if (Errno.isError(result)) {
            return result;
        }
        int ready = 0;
        for (int k = 0; k < n; k++) {
            int guest = (int) memory.load(fdsAddress + 8L * k, 4);
            short revents = guest >= 0 && thread.hostFd(guest) < 0 ? POLLNVAL
                    : (short) (NativeMemory.getInt(scratch, 8L * k + 4) >>> 16);
            memory.store(fdsAddress + 8L * k + 6, 2, revents);
            if (revents != 0) {
                ready++;
            }
        }
        return ready;
    }
}
