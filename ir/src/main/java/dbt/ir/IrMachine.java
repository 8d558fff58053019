package dbt.ir;

/**
 * What IR ops reach when {@link IrInterpreter} and {@link Routine} run them: the guest's registers, CSRs, load
 * reservation and memory, and the pc a fault is reported at. The IR's own view of a running guest, so that the IR
 * and whatever runs it depend on no ISA description or interpreter; the reference interpreter's machine
 * ({@code dbt.isa.exec.Machine}) is one, the IR tests' small machine another.
 */
public interface IrMachine {
    /** The page size memory permissions are given in: a routine's step never crosses a page it has not checked. */
    int PAGE_SHIFT = 12;

    long register(int file, int index);

    void setRegister(int file, int index, long value);

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

    /** The address of the load reservation (LR/SC), or -1 when none is held. */
    long reservation();

    void setReservation(long address);

    /** The value loaded with the reservation, which a store-conditional compares memory with. */
    long reservedValue();

    void setReservedValue(long value);
}
