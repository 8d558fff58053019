package dbt.frontend;

/** Calls into machine code on the host, through {@code libdbthost.so} (see {@link HostLibrary}). */
public final class HostCode {
    static {
        HostLibrary.load();
    }

    private HostCode() {}

    /**
     * Calls the machine code at host address {@code code} as a SysV function of four integer arguments and returns
     * its rax. The code must follow the calling convention (callee-saved registers kept, returns with ret).
     */
    public static native long call(long code, long a, long b, long c, long d);
}
