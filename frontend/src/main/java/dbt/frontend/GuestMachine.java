package dbt.frontend;

import dbt.isa.exec.Machine;

/**
 * A running guest as the reference interpreter sees it: a {@link GuestState} and a {@link GuestMemory}, by straight
 * delegation (no allocation per access). Hard-wired registers are the interpreter's business, not this class's.
 */
public final class GuestMachine extends Machine {
    private final GuestState state;
    private final GuestMemory memory;

    public GuestMachine(GuestState state, GuestMemory memory) {
        this.state = state;
        this.memory = memory;
    }

    public GuestState state() {
        return state;
    }

    public GuestMemory memory() {
        return memory;
    }

    @Override
    public long register(int file, int index) {
        return state.register(file, index);
    }

    @Override
    public void setRegister(int file, int index, long value) {
        state.setRegister(file, index, value);
    }

    @Override
    public long stateAddress() {
        return state.address();
    }

    @Override
    public int registerOffset(int file, int index) {
        return state.registerOffset(file, index);
    }

    @Override
    public long memoryBase() {
        return memory.base();
    }

    @Override
    public long permissionTable() {
        return memory.permissionTableAddress();
    }

    @Override
    public long memorySize() {
        return GuestMemory.WINDOW_SIZE;
    }

    @Override
    public int csrOffset(int slot) {
        return state.csrOffset(slot);
    }

    @Override
    public int pcOffset() {
        return state.pcOffset();
    }

    @Override
    public int interruptOffset() {
        return state.interruptOffset();
    }

    @Override
    public long pc() {
        return state.pc();
    }

    @Override
    public void setPc(long pc) {
        state.setPc(pc);
    }

    @Override
    public long csr(int slot) {
        return state.csr(slot);
    }

    @Override
    public void setCsr(int slot, long value) {
        state.setCsr(slot, value);
    }

    @Override
    public long load(long address, int size) {
        return memory.load(address, size);
    }

    @Override
    public void store(long address, int size, long value) {
        memory.store(address, size, value);
    }

    @Override
    public boolean compareAndSwap(long address, int size, long expected, long value) {
        return memory.compareAndSwap(address, size, expected, value);
    }

    @Override
    public int fetch16(long address) {
        return memory.fetch16(address);
    }

    @Override
    public long reservation() {
        return state.reservation();
    }

    @Override
    public void setReservation(long address) {
        state.setReservation(address);
    }

    @Override
    public boolean interruptRequested() {
        return state.interruptRequested();
    }

    @Override
    public long reservedValue() {
        return state.reservedValue();
    }

    @Override
    public void setReservedValue(long value) {
        state.setReservedValue(value);
    }
}
