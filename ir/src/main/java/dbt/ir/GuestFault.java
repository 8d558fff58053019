package dbt.ir;

/**
 * A guest memory access the guest may not make (unmapped, or without the needed permission). It ends the guest
 * with SIGSEGV, as Linux would; it never reaches the host. Carries no stack trace: it is control flow, not a bug.
 */
public final class GuestFault extends RuntimeException {
    public enum Access { READ, WRITE, EXECUTE }

    private final long address;
    private final Access access;

    public GuestFault(long address, Access access) {
        super(null, null, false, false);
        this.address = address;
        this.access = access;
    }

    public long address() {
        return address;
    }

    public Access access() {
        return access;
    }

    @Override
    public String getMessage() {
        return "segmentation fault: " + access.name().toLowerCase() + " at 0x" + Long.toHexString(address);
    }
}
