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
}
