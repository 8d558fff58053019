package dbt.runtime.linux;

import java.util.Arrays;

/**
 * The guest's file descriptors, mapped onto host descriptors. The guest sees Linux's numbering (lowest free number
 * first, starting from 0, 1, 2 = the host's stdin, stdout, stderr), and can neither see nor close the descriptors the
 * JVM itself holds open. Host descriptors 0-2 are never closed on the guest's behalf (the JVM writes to them too);
 * closing guest 0-2 only forgets the mapping.
 *
 * <p>Invariant: {@code host[g]} is -1 for a free guest descriptor {@code g}, otherwise an open host descriptor; each
 * host descriptor other than 0-2 appears at most once. The guest's threads share one table: every method holds its
 * lock.
 */
final class FdTable {
    /** RLIMIT_NOFILE as the guest sees it. */
    static final int LIMIT = 1024;

    private int[] host = {0, 1, 2};

    synchronized int host(long guestFd) {
        return guestFd >= 0 && guestFd < host.length ? host[(int) guestFd] : -1;
    }

    /** Gives {@code hostFd} the lowest free guest number at or above {@code minimum}; -1 if none is left. */
    synchronized int add(int hostFd, int minimum) {
        for (int g = minimum; g < LIMIT; g++) {
            if (host(g) < 0) {
                install(g, hostFd);
                return g;
            }
        }
        return -1;
    }

    /** Makes guest {@code guestFd} refer to {@code hostFd}; returns the host descriptor it referred to before, or -1. */
    synchronized int install(int guestFd, int hostFd) {
        if (guestFd >= host.length) {
            int old = host.length;
            host = Arrays.copyOf(host, Math.max(guestFd + 1, 2 * old));
            Arrays.fill(host, old, host.length, -1);
        }
        int previous = host[guestFd];
        host[guestFd] = hostFd;
        cloexecCleared.clear(guestFd);
        return previous;
    }

    /** Forgets a guest descriptor; returns its host descriptor, or -1 if it was not open. */
    synchronized int remove(long guestFd) {
        int h = host(guestFd);
        if (h >= 0) {
            host[(int) guestFd] = -1;
        }
        return h;
    }

    /** Whether closing this host descriptor would take it away from the JVM. */
    static boolean isShared(int hostFd) {
        return hostFd <= 2;
    }

    /**
     * A vfork child's table: the same numbers, each on a duplicate host descriptor (with the same close-on-exec
     * flag), so that what the child closes or replaces stays open for the parent. The child closes them all when it
     * ends ({@link #closeAll}).
     */
    synchronized FdTable copyForChild(HostSyscalls calls) {
        FdTable t = new FdTable();
        t.host = java.util.Arrays.copyOf(host, host.length);
        for (int g = 0; g < t.host.length; g++) {
            int h = t.host[g];
            if (h >= 0 && !isShared(h)) {
                long cloexec = calls.call(HostSyscalls.FCNTL, h, F_GETFD, 0) & FD_CLOEXEC;
                long copy = calls.call(HostSyscalls.FCNTL, h, F_DUPFD_CLOEXEC, 3);
                t.host[g] = copy < 0 ? -1 : (int) copy;
                if (copy >= 0 && cloexec == 0) {
                    t.cloexecCleared.set(g);
                }
            }
        }
        return t;
    }

    /** Guest descriptors of a vfork child's copy whose originals were not close-on-exec. */
    private final java.util.BitSet cloexecCleared = new java.util.BitSet();

    /** Closes every host descriptor this table holds (a vfork child's, when it ends). */
    synchronized void closeAll(HostSyscalls calls) {
        for (int g = 0; g < host.length; g++) {
            if (host[g] >= 0 && !isShared(host[g])) {
                calls.call(HostSyscalls.CLOSE, host[g]);
            }
            host[g] = -1;
        }
    }

    /**
     * What a program started now must see: for each guest descriptor (up to the highest open one), the host
     * descriptor to put there, or -1 for one that is closed or closes on exec.
     */
    synchronized int[] execLayout(HostSyscalls calls) {
        int n = host.length;
        while (n > 0 && host[n - 1] < 0) {
            n--;
        }
        int[] layout = new int[Math.max(n, 3)];
        java.util.Arrays.fill(layout, -1);
        for (int g = 0; g < n; g++) {
            int h = host[g];
            if (h < 0) {
                continue;
            }
            boolean cloexec = (calls.call(HostSyscalls.FCNTL, h, F_GETFD, 0) & FD_CLOEXEC) != 0
                    && !cloexecCleared.get(g);
            layout[g] = cloexec ? -1 : h;
        }
        return layout;
    }

    /**
     * What a fork child must have: the host descriptor for each guest descriptor (up to the highest open one, -1
     * where closed), and in {@code cloexec} the guest numbers that close on exec.
     */
    synchronized int[] forkLayout(HostSyscalls calls, java.util.BitSet cloexec) {
        int n = host.length;
        while (n > 0 && host[n - 1] < 0) {
            n--;
        }
        int[] layout = java.util.Arrays.copyOf(host, Math.max(n, 3));
        for (int g = n; g < layout.length; g++) {
            layout[g] = -1;
        }
        for (int g = 0; g < n; g++) {
            if (host[g] >= 0 && (calls.call(HostSyscalls.FCNTL, host[g], F_GETFD, 0) & FD_CLOEXEC) != 0
                    && !cloexecCleared.get(g)) {
                cloexec.set(g);
            }
        }
        return layout;
    }

    /** A fork child's table: guest descriptor g is host descriptor g for each given one (the spawn put it there). */
    synchronized void adoptInherited(long[] descriptors, HostSyscalls calls) {
        for (long d : descriptors) {
            int g = (int) d;
            install(g, g);
            if ((d >>> 32) != 0) {
                calls.call(HostSyscalls.FCNTL, g, F_SETFD, FD_CLOEXEC);
            }
        }
    }

    private static final int F_SETFD = 2;
    private static final int F_GETFD = 1;
    private static final int FD_CLOEXEC = 1;
    private static final int F_DUPFD_CLOEXEC = 1030;
}
