package dbt.ir;

/**
 * C library functions that translated code runs whole, on the host, instead of the guest's own instructions for
 * them (op {@link Op#ROUTINE}): their results are fixed by the C standard, so a host loop over guest memory gives
 * the guest function's results exactly (strcmp's difference of the first differing bytes as glibc's generic C code
 * computes it), in a fraction of the guest code's time (a byte or a word per guest loop iteration against 16 bytes
 * per host one). Each takes up to three arguments and gives one result; here is what each does, on a machine's
 * memory: the reference for every backend.
 *
 * <p>A routine declines ({@link Declined}) what it does not do as the guest's code would: memcpy of overlapping
 * ranges (undefined in C; the guest's code then does whatever it does), and memmove of them (were it to fault half
 * way, the guest's code would start again on a source the routine had changed). A declined routine, and one that
 * would touch memory the guest may not access, leaves guest registers and the pc as they were at the function's
 * entry, where the guest's own code then runs. A copy reads each page of its source before it writes (glibc's
 * memcpy reads ahead of its stores: where it cannot read the source, it has written less than a copy a byte at a
 * time would have), so it faults, if at all, on its destination, which the guest's code then writes up to again.
 * Only the result register is written: a routine leaves the scratch registers a guest function may clobber as they
 * were (which code that follows the calling convention cannot tell).
 */
public enum Routine {
    /** strlen(s): the length of the string at s. */
    STRLEN("strlen") {
        @Override
        public long run(IrMachine m, long s, long unused1, long unused2) {
            long n = 0;
            while (m.load(s + n, 1) != 0) {
                n++;
            }
            return n;
        }
    },
    /** strcmp(a, b): 0, or the difference of the first differing bytes (unsigned), as a 32-bit int. */
    STRCMP("strcmp") {
        @Override
        public long run(IrMachine m, long a, long b, long unused) {
            for (long k = 0; ; k++) {
                long x = m.load(a + k, 1);
                long y = m.load(b + k, 1);
                if (x != y || x == 0) {
                    return (long) (int) (x - y);
                }
            }
        }
    },
    /** strncmp(a, b, n): strcmp of at most n bytes. */
    STRNCMP("strncmp") {
        @Override
        public long run(IrMachine m, long a, long b, long n) {
            for (long k = 0; k < n; k++) {
                long x = m.load(a + k, 1);
                long y = m.load(b + k, 1);
                if (x != y || x == 0) {
                    return (long) (int) (x - y);
                }
            }
            return 0;
        }
    },
    /** memcpy(d, s, n): copies n bytes from s to d, which do not overlap (else declined); gives d. */
    MEMCPY("memcpy") {
        @Override
        public long run(IrMachine m, long d, long s, long n) {
            if (overlap(d, s, n)) {
                throw Declined.INSTANCE;
            }
            for (long k = 0; k < n; k = ((s + k) | PAGE_MASK) + 1 - s) {
                m.load(s + k, 1); // (each page of the source, first)
            }
            for (long k = 0; k < n; k++) {
                m.store(d + k, 1, m.load(s + k, 1));
            }
            return d;
        }
    },
    /** memmove(d, s, n): as memcpy; overlapping ranges are declined (a fault half way would leave s changed). */
    MEMMOVE("memmove") {
        @Override
        public long run(IrMachine m, long d, long s, long n) {
            return MEMCPY.run(m, d, s, n);
        }
    },
    /** memcmp(a, b, n) (and bcmp): 0, or the difference of the first differing bytes (unsigned), as an int. */
    MEMCMP("memcmp", "bcmp") {
        @Override
        public long run(IrMachine m, long a, long b, long n) {
            for (long k = 0; k < n; k++) {
                long x = m.load(a + k, 1);
                long y = m.load(b + k, 1);
                if (x != y) {
                    return (long) (int) (x - y);
                }
            }
            return 0;
        }
    },
    /** strchr(s, c) (and index): where the string at s first holds the byte c, or 0 (c 0: where it ends). */
    STRCHR("strchr", "index") {
        @Override
        public long run(IrMachine m, long s, long c, long unused) {
            for (long k = 0; ; k++) {
                long x = m.load(s + k, 1);
                if (x == (c & 0xff)) {
                    return s + k;
                }
                if (x == 0) {
                    return 0;
                }
            }
        }
    },
    /** memchr(s, c, n): where the n bytes at s first hold the byte c, or 0. */
    MEMCHR("memchr") {
        @Override
        public long run(IrMachine m, long s, long c, long n) {
            for (long k = 0; k < n; k++) {
                if (m.load(s + k, 1) == (c & 0xff)) {
                    return s + k;
                }
            }
            return 0;
        }
    },
    /** memset(d, c, n): n bytes at d set to the low byte of c; gives d. */
    MEMSET("memset") {
        @Override
        public long run(IrMachine m, long d, long c, long n) {
            for (long k = 0; k < n; k++) {
                m.store(d + k, 1, c & 0xff);
            }
            return d;
        }
    };

    private static final long PAGE_MASK = (1L << IrMachine.PAGE_SHIFT) - 1;

    /** The C name of the function, and other names of the same function in the C library. */
    public final String cName;
    private final String[] aliases;

    Routine(String cName, String... aliases) {
        this.cName = cName;
        this.aliases = aliases;
    }

    /** Runs the function with these arguments on m's memory and gives its result (a routine's unused ones: 0). */
    public abstract long run(IrMachine m, long a, long b, long c);

    /** Whether [d, d + n) and [s, s + n) share a byte (an empty range shares none). */
    public static boolean overlap(long d, long s, long n) {
        return n != 0 && Long.compareUnsigned(d - s, n) < 0 || n != 0 && Long.compareUnsigned(s - d, n) < 0;
    }

    /** Each routine by its C name and by each of its other names. */
    private static final java.util.Map<String, Routine> BY_NAME = new java.util.HashMap<>();

    static {
        for (Routine r : values()) {
            BY_NAME.put(r.cName, r);
            for (String alias : r.aliases) {
                BY_NAME.put(alias, r);
            }
        }
    }

    /** Every routine's C name and aliases. */
    public static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(BY_NAME.keySet());
    }

    /** The routine whose C name (or another name of it) is name, or null. */
    public static Routine named(String name) {
        return BY_NAME.get(name);
    }

    /** A routine declined its arguments: the guest's own code runs instead (see the class comment). */
    public static final class Declined extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public static final Declined INSTANCE = new Declined();

        private Declined() {
            super("the routine leaves these arguments to the guest's code", null, false, false);
        }
    }
}
