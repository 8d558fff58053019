package dbt.isa.exec;

import dbt.ir.GuestFault;
import dbt.ir.IrMachine;

/**
 * What the reference interpreter needs from a running guest: its architectural state and its memory.
 *
 * <p>The guest state lives in one native struct (see {@code dbt.frontend.GuestState}) shared by the interpreter and
 * translated code; the memory is one reserved window (see {@code dbt.frontend.GuestMemory}). This class is the
 * narrow view the ISA-independent interpreter has of both. Register files are numbered in the order the ISA
 * description declares them; hard-wired registers are handled by the interpreter, not here.
 *
 * <p>Registers, CSRs, the reservation and memory are the IR's view of a guest ({@link IrMachine}); this class adds
 * the pc, instruction fetch, and where state and memory live for compiled code.
 *
 * <p>An abstract class rather than an interface: the interpreter's nodes cast their frame's machine to it at every
 * access, and a cast to an interface is a call into the VM's subtype check in C1's code (the interpreter's code
 * until Graal has compiled a block).
 */
public abstract class Machine implements IrMachine {
    /** The permission bits of {@link #permissionTable} (Linux's PROT_READ and PROT_WRITE). */
    public static final int READABLE = 1;
    public static final int WRITABLE = 2;

    public abstract long pc();

    /** Fetches 2 bytes of instruction stream. Throws {@link GuestFault} if not executable. */
    public abstract int fetch16(long address);

    /**
     * The host address of the native struct that holds the registers, or 0 when they are not in native memory. With
     * {@link #registerOffset}, lets the interpreter's compiled code reach a register with one memory access.
     */
    public long stateAddress() {
        return 0;
    }

    /** Where a register lives in the struct at {@link #stateAddress}; the same for every machine of one ISA. */
    public int registerOffset(int file, int index) {
        throw new UnsupportedOperationException("registers are not in native memory");
    }

    /**
     * The host address of guest address 0 when the guest's memory is one host window of {@link #memorySize} bytes
     * that the interpreter may read and write directly where {@link #permissionTable} allows it (what {@link #load}
     * and {@link #store} would do, without a call); 0 when it is not.
     */
    public long memoryBase() {
        return 0;
    }

    /**
     * With {@link #memoryBase}: the host address of one byte per page of the window ({@code address >>> PAGE_SHIFT}),
     * with {@link #READABLE} and {@link #WRITABLE} set where a load or store of the page succeeds. A page without the
     * bit goes through {@link #load} or {@link #store}, which fault.
     */
    public long permissionTable() {
        return 0;
    }

    /** With {@link #memoryBase}: the window's size in bytes. */
    public long memorySize() {
        return 0;
    }

    /** Where a CSR slot lives in the struct at {@link #stateAddress} (8 bytes), or -1 when it is not there. */
    public int csrOffset(int slot) {
        return -1;
    }

    /** Where the pc lives in the struct at {@link #stateAddress} (8 bytes), or -1 when it is not there. */
    public int pcOffset() {
        return -1;
    }

    /**
     * Where the word {@link #interruptRequested} tests lives in the struct at {@link #stateAddress} (8 bytes, nonzero
     * when an interrupt is requested; another thread writes it), or -1 when it is not there.
     */
    public int interruptOffset() {
        return -1;
    }

    /** Whether the runtime asks for the guest to stop at the next block boundary (a signal for this thread). */
    public boolean interruptRequested() {
        return false;
    }
}
