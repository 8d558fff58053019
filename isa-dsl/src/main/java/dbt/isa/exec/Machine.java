package dbt.isa.exec;

/**
 * What the reference interpreter needs from a running guest: its architectural state and its memory.
 *
 * <p>The guest state lives in one native struct (see {@code dbt.frontend.GuestState}) shared by the interpreter and
 * translated code; the memory is one reserved window (see {@code dbt.frontend.GuestMemory}). This interface is the
 * narrow view the ISA-independent interpreter has of both. Register files are numbered in the order the ISA
 * description declares them; hard-wired registers are handled by the interpreter, not here.
 */
public interface Machine {
    long register(int file, int index);

    void setRegister(int file, int index, long value);

    long pc();

    void setPc(long pc);

    /** A control/status register's storage, by the slot the ISA model gives it. */
    long csr(int slot);

    void setCsr(int slot, long value);

    /** Loads 1, 2, 4 or 8 bytes, little-endian, zero-extended. Throws {@link GuestFault} if not readable. */
    long load(long address, int size);

    /** Stores the low 1, 2, 4 or 8 bytes of value, little-endian. Throws {@link GuestFault} if not writable. */
    void store(long address, int size, long value);

    /**
     * Stores the low size bytes of value if memory there still holds the low size bytes of expected, as one
     * indivisible step for every guest thread; true if it stored. Throws {@link GuestFault} if not writable.
     */
    boolean compareAndSwap(long address, int size, long expected, long value);

    /** Fetches 2 bytes of instruction stream. Throws {@link GuestFault} if not executable. */
    int fetch16(long address);

    /** The address of the load reservation (LR/SC), or -1 when none is held. */
    long reservation();

    void setReservation(long address);

    /** The value loaded with the reservation, which a store-conditional compares memory with. */
    long reservedValue();

    void setReservedValue(long value);

    /**
     * The host address of the native struct that holds the registers, or 0 when they are not in native memory. With
     * {@link #registerOffset}, lets the interpreter's compiled code reach a register with one memory access.
     */
    default long stateAddress() {
        return 0;
    }

    /** Where a register lives in the struct at {@link #stateAddress}; the same for every machine of one ISA. */
    default int registerOffset(int file, int index) {
        throw new UnsupportedOperationException("registers are not in native memory");
    }

    /** Whether the runtime asks for the guest to stop at the next block boundary (a signal for this thread). */
    default boolean interruptRequested() {
        return false;
    }
}
