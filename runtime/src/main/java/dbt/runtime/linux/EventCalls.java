package dbt.runtime.linux;

import dbt.isa.exec.NativeMemory;
import dbt.frontend.GuestMemory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static dbt.frontend.GuestMemory.READ;
import static dbt.frontend.GuestMemory.WRITE;
import static dbt.runtime.linux.Errno.EINTR;
import static dbt.runtime.linux.Errno.EINVAL;

/**
 * Waiting for events on descriptors: epoll (epoll_create1, epoll_ctl, epoll_pwait, epoll_pwait2), pselect6, and
 * the descriptors that make events (eventfd2, timerfd_create, timerfd_settime, timerfd_gettime), all served by the
 * host's calls of the same name.
 *
 * <p>What differs between the guest and the host:
 * <ul>
 *   <li>{@code struct epoll_event} is packed on x86-64 (u32 events at 0, u64 data at 4: 12 bytes) but naturally
 *       aligned on riscv64 (events at 0, data at 8: 16 bytes); events are converted both ways. The data word is the
 *       guest's own and comes back untouched, so no descriptor in it needs translating.</li>
 *   <li>pselect6's {@code fd_set}s are bitmaps of guest descriptor numbers: each set bit is translated to the host
 *       descriptor's bit (a guest descriptor that is not open is EBADF, as Linux says), and the host's answer back.
 *       Its sixth argument points to {sigset pointer, sigset size}.</li>
 *   <li>A signal mask given to a wait applies for the wait as ppoll's does ({@link GuestSignals#swapMask}): the
 *       host waits with its own mask, and the guest's signals interrupt it through the thread's wake-up.</li>
 * </ul>
 * {@code struct itimerspec} and {@code struct timespec} are the same on both sides.
 *
 * <p>Invariants: descriptors go through the calling thread's {@link CallingThread#fd}, new ones through its
 * {@link CallingThread#adopt} (their close-on-exec flag is the host descriptor's, set by the host from the call's
 * flags); guest pointers are checked before the host or a conversion touches them. The object holds nothing but the
 * memory: the process's threads share it, and each wait runs on the calling thread's {@link HostSyscalls}.
 */
final class EventCalls {
    private static final int GUEST_EVENT = 16;
    private static final int HOST_EVENT = 12;
    /** The most events one wait converts (a wait may return fewer than asked for). */
    private static final int MAX_EVENTS_AT_ONCE = 1024;
    private static final int SIGSET_SIZE = 8;
    private static final int TIMESPEC_SIZE = 16;
    private static final int ITIMERSPEC_SIZE = 32;

    private final GuestMemory memory;

    EventCalls(GuestMemory memory) {
        this.memory = memory;
    }

    /** epoll_create1, eventfd2, timerfd_create: a host call that makes a new descriptor from plain numbers. */
    long create(CallingThread thread, int hostCall, long a, long b) {
        return thread.adopt(thread.host().call(hostCall, a, b), 0);
    }

    /** epoll_ctl(epfd, op, fd, event): the guest's event (16 bytes), if any, packed into the host's (12). */
    long epollCtl(CallingThread thread, long epfd, long op, long fd, long event) {
        int e = thread.fd(epfd);
        int h = thread.fd(fd);
        if (event == 0) { // EPOLL_CTL_DEL needs none; the host says EFAULT for the others
            return thread.host().call(HostSyscalls.EPOLL_CTL, e, op, h, 0);
        }
        MemorySegment guest = memory.slice(event, GUEST_EVENT, READ);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(HOST_EVENT, 8);
            NativeMemory.putInt(host, 0, NativeMemory.getInt(guest, 0));
            NativeMemory.putLong(host, 4, NativeMemory.getLong(guest, 8));
            return thread.host().call(HostSyscalls.EPOLL_CTL, e, op, h, host.address());
        }
    }

    /** epoll_pwait(epfd, events, maxevents, timeout in ms, sigmask, sigsetsize). */
    long epollPwait(CallingThread thread, long epfd, long events, long max, long timeout, long sigmask,
                    long setSize) {
        return epollWait(thread, HostSyscalls.EPOLL_PWAIT, epfd, events, max, timeout, sigmask, setSize);
    }

    /** epoll_pwait2(epfd, events, maxevents, timeout timespec or null, sigmask, sigsetsize). */
    long epollPwait2(CallingThread thread, long epfd, long events, long max, long timeout, long sigmask,
                     long setSize) {
        long hostTimeout = timeout == 0 ? 0 : thread.in(timeout, TIMESPEC_SIZE);
        return epollWait(thread, HostSyscalls.EPOLL_PWAIT2, epfd, events, max, hostTimeout, sigmask, setSize);
    }

    private long epollWait(CallingThread thread, int hostCall, long epfd, long events, long max, long timeout,
                           long sigmask, long setSize) {
        int e = thread.fd(epfd);
        if (max <= 0 || max > Integer.MAX_VALUE / GUEST_EVENT) {
            return -EINVAL;
        }
        memory.require(events, GUEST_EVENT * max, WRITE);
        int n = (int) Math.min(max, MAX_EVENTS_AT_ONCE);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate((long) HOST_EVENT * n, 8);
            long result = withMask(thread, sigmask, setSize,
                    () -> thread.host().call(hostCall, e, host.address(), n, timeout, 0, SIGSET_SIZE));
            if (result > 0) {
                MemorySegment guest = memory.slice(events, GUEST_EVENT * result, WRITE);
                for (int k = 0; k < result; k++) {
                    long g = (long) GUEST_EVENT * k;
                    long h = (long) HOST_EVENT * k;
                    NativeMemory.putInt(guest, g, NativeMemory.getInt(host, h));
                    NativeMemory.putLong(guest, g + 8, NativeMemory.getLong(host, h + 4));
                }
            }
            return result;
        }
    }

    /**
     * Runs a wait with the guest's temporary signal mask (a guest pointer to it, or 0 for none) in force, as
     * sigsuspend does: the thread's own mask comes back afterwards unless a handler is to run first.
     */
    private long withMask(CallingThread thread, long sigmask, long setSize, java.util.function.LongSupplier wait) {
        if (sigmask == 0) {
            return wait.getAsLong();
        }
        if (setSize != SIGSET_SIZE) {
            return -EINVAL;
        }
        long own = thread.signals().swapMask(memory.load(sigmask, SIGSET_SIZE));
        long result = wait.getAsLong();
        thread.signals().restoreMask(own, result == -EINTR);
        return result;
    }

    /**
     * pselect6(n, readfds, writefds, exceptfds, timeout, {sigmask, size}): the guest's sets translated to host
     * descriptors and back; the timeout (which may be read-only) is copied, and what is left of it written back
     * where the guest can be written, as Linux does.
     */
    long pselect6(CallingThread thread, long count, long readSet, long writeSet, long exceptSet, long timeout,
                  long sigData) {
        if ((int) count < 0) {
            return -EINVAL;
        }
        int n = Math.min((int) count, FdTable.LIMIT);
        long[] guestSets = {readSet, writeSet, exceptSet};
        long[][] bits = new long[3][];
        int highest = -1;
        for (int s = 0; s < 3; s++) {
            bits[s] = readSet(guestSets[s], n);
            highest = Math.max(highest, highestHost(thread, bits[s]));
        }
        long sigmask = 0;
        long setSize = SIGSET_SIZE;
        if (sigData != 0) {
            sigmask = memory.load(sigData, 8);
            setSize = memory.load(sigData + 8, 8);
        }
        int hostCount = highest + 1;
        int hostWords = (hostCount + 63) / 64;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment[] host = new MemorySegment[3];
            for (int s = 0; s < 3; s++) {
                host[s] = bits[s] == null ? null : hostSet(thread, arena, bits[s], hostWords);
            }
            MemorySegment hostTimeout = timeout == 0 ? null : arena.allocate(TIMESPEC_SIZE, 8);
            if (hostTimeout != null) {
                MemorySegment.copy(memory.slice(timeout, TIMESPEC_SIZE, READ), 0, hostTimeout, 0, TIMESPEC_SIZE);
            }
            long result = withMask(thread, sigmask, setSize, () -> thread.host().call(HostSyscalls.PSELECT6,
                    hostCount, address(host[0]), address(host[1]), address(host[2]), address(hostTimeout), 0));
            if (hostTimeout != null && (result >= 0 || result == -EINTR)
                    && memory.accessiblePrefix(timeout, TIMESPEC_SIZE, WRITE) == TIMESPEC_SIZE) {
                MemorySegment.copy(hostTimeout, 0, memory.slice(timeout, TIMESPEC_SIZE, WRITE), 0, TIMESPEC_SIZE);
            }
            if (result < 0) {
                return result;
            }
            int ready = 0;
            for (int s = 0; s < 3; s++) {
                ready += bits[s] == null ? 0 : writeReady(thread, guestSets[s], bits[s], host[s]);
            }
            return ready;
        }
    }

    /** The words of a guest fd_set covering descriptors 0..n-1 (checked readable and writable), or null for none. */
    private long[] readSet(long address, int n) {
        if (address == 0) {
            return null;
        }
        int words = (n + 63) / 64;
        memory.require(address, 8L * words, WRITE);
        MemorySegment set = memory.slice(address, 8L * words, READ);
        long[] bits = new long[words];
        for (int w = 0; w < words; w++) {
            bits[w] = NativeMemory.getLong(set, 8L * w);
        }
        if (n % 64 != 0) {
            bits[words - 1] &= (1L << (n % 64)) - 1;
        }
        return bits;
    }

    /** The highest host descriptor behind the set's guest descriptors (-1 for none); EBADF for one not open. */
    private static int highestHost(CallingThread thread, long[] bits) {
        if (bits == null) {
            return -1;
        }
        int highest = -1;
        for (int g = next(bits, 0); g >= 0; g = next(bits, g + 1)) {
            highest = Math.max(highest, thread.fd(g));
        }
        return highest;
    }

    private static MemorySegment hostSet(CallingThread thread, Arena arena, long[] bits, int words) {
        MemorySegment set = arena.allocate(8L * Math.max(1, words), 8);
        for (int g = next(bits, 0); g >= 0; g = next(bits, g + 1)) {
            int h = thread.fd(g);
            long offset = 8L * (h / 64);
            NativeMemory.putLong(set, offset, NativeMemory.getLong(set, offset) | 1L << (h % 64));
        }
        return set;
    }

    /** Writes which of the set's guest descriptors the host found ready into the guest's set; returns how many. */
    private int writeReady(CallingThread thread, long address, long[] bits, MemorySegment host) {
        long[] ready = new long[bits.length];
        int count = 0;
        for (int g = next(bits, 0); g >= 0; g = next(bits, g + 1)) {
            int h = thread.fd(g);
            if ((NativeMemory.getLong(host, 8L * (h / 64)) & 1L << (h % 64)) != 0) {
                ready[g / 64] |= 1L << (g % 64);
                count++;
            }
        }
        MemorySegment set = memory.slice(address, 8L * bits.length, WRITE);
        for (int w = 0; w < ready.length; w++) {
            NativeMemory.putLong(set, 8L * w, ready[w]);
        }
        return count;
    }

    /** The lowest descriptor at or above from whose bit is set, or -1. */
    private static int next(long[] bits, int from) {
        for (int w = from / 64; w < bits.length; w++) {
            long word = bits[w] & (w == from / 64 ? -1L << (from % 64) : -1L);
            if (word != 0) {
                return w * 64 + Long.numberOfTrailingZeros(word);
            }
        }
        return -1;
    }

    private static long address(MemorySegment segment) {
        return segment == null ? 0 : segment.address();
    }

    long timerfdSettime(CallingThread thread, long fd, long flags, long value, long old) {
        return thread.host().call(HostSyscalls.TIMERFD_SETTIME, thread.fd(fd), flags, thread.in(value, ITIMERSPEC_SIZE),
                old == 0 ? 0 : thread.out(old, ITIMERSPEC_SIZE));
    }

    long timerfdGettime(CallingThread thread, long fd, long current) {
        return thread.host().call(HostSyscalls.TIMERFD_GETTIME, thread.fd(fd), thread.out(current, ITIMERSPEC_SIZE));
    }
}
