package dbt.runtime.linux;

import dbt.isa.exec.NativeMemory;
import dbt.frontend.GuestMemory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Set;

import static dbt.frontend.GuestMemory.READ;
import static dbt.frontend.GuestMemory.WRITE;
import static dbt.runtime.linux.Errno.EINVAL;
import static dbt.runtime.linux.Errno.EMSGSIZE;
import static dbt.runtime.linux.Errno.ENOBUFS;

/**
 * The socket calls (socket, socketpair, bind, listen, accept, accept4, connect, getsockname, getpeername, sendto,
 * recvfrom, setsockopt, getsockopt, shutdown, sendmsg, recvmsg), served by the host's. Socket addresses, socket
 * options, {@code struct iovec} and {@code struct msghdr} (name, namelen, iov, iovlen, control, controllen, flags:
 * 56 bytes) have the same layout on riscv64 and x86-64, and so have the SOCK_*, MSG_* and SO_* numbers; what is
 * translated is what holds a guest address or a descriptor:
 * <ul>
 *   <li>a msghdr's pointers (to the name, the iovecs and the control buffer) become host pointers after their guest
 *       buffers are checked; the iovecs are rewritten by {@link IoVectors};</li>
 *   <li>SCM_RIGHTS control messages carry descriptors: a sent one's guest descriptors become host ones, a received
 *       one's host descriptors get guest numbers ({@link CallingThread#adopt}); what cannot be given a number is
 *       closed and the message cut short with MSG_CTRUNC, as Linux does;</li>
 *   <li>the socket options whose values hold a descriptor or a pointer (BPF filters and programs, SO_PEERPIDFD) are
 *       refused with EINVAL and one warning.</li>
 * </ul>
 *
 * <p>Invariants: descriptors go through the calling thread's {@link CallingThread#fd}, new ones through its
 * {@link CallingThread#adopt} (SOCK_CLOEXEC and MSG_CMSG_CLOEXEC reach the host, whose descriptor flag is what
 * execve consults); every guest pointer is checked before the host sees it; a send that finds the connection broken
 * raises SIGPIPE unless MSG_NOSIGNAL says not to. The object holds nothing but the memory: the process's threads
 * share it, and each call runs on the calling thread's {@link HostSyscalls}, so that the thread's signals interrupt a
 * blocking accept, connect, send or receive (which SA_RESTART makes again: {@link LinuxSyscallTable#restartable}).
 */
final class SocketCalls {
    /** sizeof(struct sockaddr_storage): the longest address the kernel takes or gives. */
    private static final int SOCKADDR_MAX = 128;
    private static final int MSGHDR_SIZE = 56;
    private static final int CMSG_HEADER = 16;
    /** The longest control buffer a message carries (Linux bounds a sent one by optmem_max, about 20 KiB). */
    private static final int CONTROL_MAX = 64 * 1024;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_CTRUNC = 0x8;
    private static final int MSG_NOSIGNAL = 0x4000;
    /** SO_ATTACH_FILTER, SO_ATTACH_BPF, SO_ATTACH_REUSEPORT_CBPF, SO_ATTACH_REUSEPORT_EBPF, SO_PEERPIDFD. */
    private static final Set<Integer> UNTRANSLATED_OPTIONS = Set.of(26, 50, 51, 52, 77);

    private final GuestMemory memory;

    SocketCalls(GuestMemory memory) {
        this.memory = memory;
    }

    long socket(CallingThread thread, long domain, long type, long protocol) {
        return thread.adopt(thread.host().call(HostSyscalls.SOCKET, domain, type, protocol), 0);
    }

    /** socketpair(domain, type, protocol, sv): both new descriptors get guest numbers, or neither stays open. */
    long socketpair(CallingThread thread, long domain, long type, long protocol, long pair) {
        memory.require(pair, 8, WRITE);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment hostPair = arena.allocate(8, 4);
            long r = thread.host().call(HostSyscalls.SOCKETPAIR, domain, type, protocol, hostPair.address());
            if (Errno.isError(r)) {
                return r;
            }
            long first = thread.adopt(NativeMemory.getInt(hostPair, 0), 0);
            if (Errno.isError(first)) {
                thread.host().call(HostSyscalls.CLOSE, NativeMemory.getInt(hostPair, 4));
                return first;
            }
            long second = thread.adopt(NativeMemory.getInt(hostPair, 4), 0);
            if (Errno.isError(second)) {
                thread.close(first);
                return second;
            }
            memory.store(pair, 4, first);
            memory.store(pair + 4, 4, second);
            return 0;
        }
    }

    /** bind, connect: a descriptor and an address the host reads. */
    long withAddress(CallingThread thread, int hostCall, long fd, long address, long length) {
        return thread.host().call(hostCall, thread.fd(fd), addressIn(thread, address, length), length);
    }

    /** listen(fd, backlog), shutdown(fd, how). */
    long withNumber(CallingThread thread, int hostCall, long fd, long number) {
        return thread.host().call(hostCall, thread.fd(fd), number);
    }

    /** accept4(fd, addr, addrlen, flags); accept is accept4 with no flags. */
    long accept4(CallingThread thread, long fd, long address, long lengthAddress, long flags) {
        int h = thread.fd(fd);
        long hostAddress = addressOut(thread, address, lengthAddress);
        return thread.adopt(thread.host().call(HostSyscalls.ACCEPT4, h, hostAddress,
                hostAddress == 0 ? 0 : memory.hostAddress(lengthAddress), flags), 0);
    }

    /** getsockname, getpeername: the address the host writes, with its length read and written. */
    long name(CallingThread thread, int hostCall, long fd, long address, long lengthAddress) {
        int h = thread.fd(fd);
        long hostAddress = addressOut(thread, address, lengthAddress);
        return thread.host().call(hostCall, h, hostAddress, hostAddress == 0 ? 0 : memory.hostAddress(lengthAddress));
    }

    long sendto(CallingThread thread, long fd, long buffer, long length, long flags, long address, long addressLength) {
        int h = thread.fd(fd);
        long data = thread.in(buffer, length);
        long result = thread.host().call(HostSyscalls.SENDTO, h, data, length, flags,
                addressIn(thread, address, addressLength), addressLength);
        return signalled(thread, flags, result);
    }

    /** recvfrom: as read does, into the writable prefix of the buffer. */
    long recvfrom(CallingThread thread, long fd, long buffer, long length, long flags, long address,
                  long lengthAddress) {
        int h = thread.fd(fd);
        long usable = thread.prefix(buffer, length, WRITE);
        long hostAddress = addressOut(thread, address, lengthAddress);
        return thread.host().call(HostSyscalls.RECVFROM, h, memory.hostAddress(buffer), usable, flags, hostAddress,
                hostAddress == 0 ? 0 : memory.hostAddress(lengthAddress));
    }

    long setsockopt(CallingThread thread, long fd, long level, long option, long value, long length) {
        int h = thread.fd(fd);
        if ((int) level == SOL_SOCKET && UNTRANSLATED_OPTIONS.contains((int) option)) {
            return thread.refuse("setsockopt SOL_SOCKET option " + (int) option, EINVAL);
        }
        if ((int) length < 0) {
            return -EINVAL;
        }
        long hostValue = value == 0 ? 0 : thread.in(value, (int) length);
        return thread.host().call(HostSyscalls.SETSOCKOPT, h, level, option, hostValue, (int) length);
    }

    long getsockopt(CallingThread thread, long fd, long level, long option, long value, long lengthAddress) {
        int h = thread.fd(fd);
        if ((int) level == SOL_SOCKET && UNTRANSLATED_OPTIONS.contains((int) option)) {
            return thread.refuse("getsockopt SOL_SOCKET option " + (int) option, EINVAL);
        }
        int length = (int) memory.load(lengthAddress, 4);
        memory.require(lengthAddress, 4, WRITE);
        if (length < 0) {
            return -EINVAL;
        }
        long hostValue = value == 0 ? 0 : thread.out(value, length);
        return thread.host().call(HostSyscalls.GETSOCKOPT, h, level, option, hostValue,
                memory.hostAddress(lengthAddress));
    }

    /** sendmsg(fd, msg, flags): the host's msghdr for the guest's, descriptors in SCM_RIGHTS translated. */
    long sendmsg(CallingThread thread, long fd, long message, long flags) {
        int h = thread.fd(fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment header = hostMessage(thread, arena, message, true).header();
            return signalled(thread, flags, thread.host().call(HostSyscalls.SENDMSG, h, header.address(), flags));
        }
    }

    /**
     * recvmsg(fd, msg, flags): the host receives into the guest's buffers; then the control messages (descriptors
     * given guest numbers), their length, the name's length and the flags go back into the guest's msghdr.
     */
    long recvmsg(CallingThread thread, long fd, long message, long flags) {
        int h = thread.fd(fd);
        try (Arena arena = Arena.ofConfined()) {
            HostMessage host = hostMessage(thread, arena, message, false);
            MemorySegment header = host.header();
            long result = thread.host().call(HostSyscalls.RECVMSG, h, header.address(), flags);
            if (Errno.isError(result)) {
                return result;
            }
            MemorySegment guest = memory.slice(message, MSGHDR_SIZE, WRITE);
            int messageFlags = NativeMemory.getInt(header, 48);
            long controlLength = 0;
            if (host.control() != null) {
                long used = Math.min(NativeMemory.getLong(header, 40), host.control().byteSize());
                controlLength = receivedRights(thread, host.control(), used);
                if (controlLength < used) {
                    messageFlags |= MSG_CTRUNC;
                }
                MemorySegment into = memory.slice(NativeMemory.getLong(guest, 32), controlLength, WRITE);
                MemorySegment.copy(host.control(), 0, into, 0, controlLength);
            }
            if (NativeMemory.getLong(guest, 0) != 0) {
                NativeMemory.putInt(guest, 8, NativeMemory.getInt(header, 8));
            }
            NativeMemory.putLong(guest, 40, controlLength);
            NativeMemory.putInt(guest, 48, messageFlags);
            return result;
        }
    }

    /**
     * The host's msghdr (in arena) for the guest's at {@code message}: for a send the name, the iovecs' buffers and
     * the control buffer are checked readable and the control messages copied (SCM_RIGHTS translated); for a receive
     * they are checked writable and the host gets a control buffer of its own to fill.
     */
    private HostMessage hostMessage(CallingThread thread, Arena arena, long message, boolean send) {
        MemorySegment guest = memory.slice(message, MSGHDR_SIZE, READ);
        if (!send) {
            memory.require(message, MSGHDR_SIZE, WRITE);
        }
        MemorySegment host = arena.allocate(MSGHDR_SIZE, 8);
        long name = NativeMemory.getLong(guest, 0);
        int nameLength = NativeMemory.getInt(guest, 8);
        if (name != 0) {
            if (nameLength < 0 || send && nameLength > SOCKADDR_MAX) {
                throw new Errno(EINVAL);
            }
            int length = Math.min(nameLength, SOCKADDR_MAX);
            NativeMemory.putLong(host, 0, send ? thread.in(name, length) : thread.out(name, length));
            NativeMemory.putInt(host, 8, length);
        }
        long count = NativeMemory.getLong(guest, 24);
        if (count < 0 || count > IoVectors.MAX) {
            throw new Errno(EMSGSIZE);
        }
        MemorySegment vectors = arena.allocate(IoVectors.SIZE * Math.max(1, count), 8);
        int n = IoVectors.translate(memory, NativeMemory.getLong(guest, 16), (int) count, send ? READ : WRITE, vectors);
        NativeMemory.putLong(host, 16, vectors.address());
        NativeMemory.putLong(host, 24, n);
        long control = NativeMemory.getLong(guest, 32);
        long controlLength = NativeMemory.getLong(guest, 40);
        MemorySegment buffer = null;
        if (control != 0 && controlLength != 0) {
            if (controlLength < 0 || controlLength > CONTROL_MAX) {
                if (send) {
                    throw new Errno(ENOBUFS);
                }
                controlLength = CONTROL_MAX;
            }
            buffer = arena.allocate(controlLength, 8);
            if (send) {
                MemorySegment.copy(memory.slice(control, controlLength, READ), 0, buffer, 0, controlLength);
                sentRights(thread, buffer);
            } else {
                memory.require(control, controlLength, WRITE);
            }
            NativeMemory.putLong(host, 32, buffer.address());
            NativeMemory.putLong(host, 40, controlLength);
        }
        return new HostMessage(host, buffer);
    }

    /** A host msghdr and its control buffer (null when it has none). */
    private record HostMessage(MemorySegment header, MemorySegment control) {}

    /** Replaces the guest descriptors in the SCM_RIGHTS messages of a control buffer by host ones (EBADF if closed). */
    private static void sentRights(CallingThread thread, MemorySegment control) {
        long end = control.byteSize();
        for (long at = 0; at + CMSG_HEADER <= end; at = next(control, at)) {
            long length = NativeMemory.getLong(control, at);
            if (length < CMSG_HEADER || length > end - at) {
                return; // the host rejects the buffer
            }
            if (isRights(control, at)) {
                for (long p = at + CMSG_HEADER; p + 4 <= at + length; p += 4) {
                    NativeMemory.putInt(control, p, thread.fd(NativeMemory.getInt(control, p)));
                }
            }
        }
    }

    /**
     * Gives guest numbers to the host descriptors the SCM_RIGHTS messages of a received control buffer (of
     * {@code used} bytes) carry; returns how many bytes of it the guest gets: all of them, or up to the descriptors
     * that got a number when the table is full (the rest are closed).
     */
    private static long receivedRights(CallingThread thread, MemorySegment control, long used) {
        long kept = used;
        long next;
        for (long at = 0; at + CMSG_HEADER <= used; at = next) {
            long length = NativeMemory.getLong(control, at);
            if (length < CMSG_HEADER || length > used - at) {
                break;
            }
            next = next(control, at);
            if (!isRights(control, at)) {
                continue;
            }
            for (long p = at + CMSG_HEADER; p + 4 <= at + length; p += 4) {
                int hostFd = NativeMemory.getInt(control, p);
                if (kept < used) {
                    thread.host().call(HostSyscalls.CLOSE, hostFd);
                    continue;
                }
                long guestFd = thread.adopt(hostFd, 0); // on failure adopt closed it
                if (Errno.isError(guestFd)) {
                    kept = p == at + CMSG_HEADER ? at : p; // a message left with no descriptor is dropped
                    NativeMemory.putLong(control, at, p - at);
                } else {
                    NativeMemory.putInt(control, p, (int) guestFd);
                }
            }
        }
        return kept;
    }

    private static boolean isRights(MemorySegment control, long at) {
        return NativeMemory.getInt(control, at + 8) == SOL_SOCKET
                && NativeMemory.getInt(control, at + 12) == SCM_RIGHTS;
    }

    /** Where the control message after the one at {@code at} starts (CMSG_NXTHDR: lengths aligned to 8). */
    private static long next(MemorySegment control, long at) {
        return at + ((NativeMemory.getLong(control, at) + 7) & ~7L);
    }

    /** A host pointer to a socket address the host reads (null stays null); EINVAL for a length out of range. */
    private long addressIn(CallingThread thread, long address, long length) {
        if (address == 0) {
            return 0;
        }
        if ((int) length < 0 || (int) length > SOCKADDR_MAX) {
            throw new Errno(EINVAL);
        }
        return thread.in(address, (int) length);
    }

    /**
     * A host pointer to a socket address the host writes, whose length (an int the host reads and writes) is at
     * lengthAddress; 0 when the guest wants no address.
     */
    private long addressOut(CallingThread thread, long address, long lengthAddress) {
        if (address == 0) {
            return 0;
        }
        int length = (int) memory.load(lengthAddress, 4);
        memory.require(lengthAddress, 4, WRITE);
        if (length < 0) {
            throw new Errno(EINVAL);
        }
        return thread.out(address, Math.min(length, SOCKADDR_MAX));
    }

    /** A send's result, after raising SIGPIPE for a broken connection unless the flags include MSG_NOSIGNAL. */
    private static long signalled(CallingThread thread, long flags, long result) {
        return (flags & MSG_NOSIGNAL) != 0 ? result : thread.written(result);
    }
}
