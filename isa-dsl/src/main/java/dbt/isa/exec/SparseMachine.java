package dbt.isa.exec;

import dbt.ir.GuestFault;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A machine held entirely in Java: registers in arrays, memory as a sparse map of 4 KiB pages, where only
 * mapped pages are accessible. It is the reference machine for differential tests (interpreter against lifted IR,
 * against translated code) and for tools that run a few instructions without a process around them.
 */
public final class SparseMachine extends Machine {
    private static final int PAGE = 4096;

    private final long[][] registers;
    private final long[] csrs;
    private final Map<Long, byte[]> pages = new HashMap<>();
    private long pc;
    private long reservation = -1;
    private long reservedValue;

    public SparseMachine(int[] registerFileSizes, int csrSlots) {
        registers = new long[registerFileSizes.length][];
        for (int f = 0; f < registerFileSizes.length; f++) {
            registers[f] = new long[registerFileSizes[f]];
        }
        csrs = new long[csrSlots];
    }

    /** Makes [address, address + length) accessible (zero-filled where new). */
    public void map(long address, long length) {
        for (long p = address / PAGE; p <= (address + length - 1) / PAGE; p++) {
            pages.computeIfAbsent(p, k -> new byte[PAGE]);
        }
    }

    public SparseMachine copy() {
        int[] sizes = Arrays.stream(registers).mapToInt(r -> r.length).toArray();
        SparseMachine m = new SparseMachine(sizes, csrs.length);
        for (int f = 0; f < registers.length; f++) {
            m.registers[f] = registers[f].clone();
        }
        System.arraycopy(csrs, 0, m.csrs, 0, csrs.length);
        pages.forEach((k, v) -> m.pages.put(k, v.clone()));
        m.pc = pc;
        m.reservation = reservation;
        m.reservedValue = reservedValue;
        return m;
    }

    /** A description of every difference from another machine (empty when equal), for test failures. */
    public String differences(SparseMachine o) {
        StringBuilder sb = new StringBuilder();
        if (pc != o.pc) {
            sb.append(String.format("pc 0x%x != 0x%x%n", pc, o.pc));
        }
        if (reservation != o.reservation) {
            sb.append(String.format("reservation 0x%x != 0x%x%n", reservation, o.reservation));
        }
        if (reservation != -1 && reservedValue != o.reservedValue) {
            sb.append(String.format("reserved value 0x%x != 0x%x%n", reservedValue, o.reservedValue));
        }
        for (int f = 0; f < registers.length; f++) {
            for (int i = 0; i < registers[f].length; i++) {
                if (registers[f][i] != o.registers[f][i]) {
                    sb.append(String.format("register %d:%d 0x%x != 0x%x%n", f, i, registers[f][i], o.registers[f][i]));
                }
            }
        }
        for (int s = 0; s < csrs.length; s++) {
            if (csrs[s] != o.csrs[s]) {
                sb.append(String.format("csr slot %d 0x%x != 0x%x%n", s, csrs[s], o.csrs[s]));
            }
        }
        for (var e : pages.entrySet()) {
            byte[] other = o.pages.get(e.getKey());
            if (other == null || !Arrays.equals(e.getValue(), other)) {
                sb.append(String.format("memory page 0x%x differs%n", e.getKey() * PAGE));
            }
        }
        return sb.toString();
    }

    @Override public long register(int file, int index) { return registers[file][index]; }
    @Override public void setRegister(int file, int index, long value) { registers[file][index] = value; }
    @Override public long pc() { return pc; }
    @Override public void setPc(long pc) { this.pc = pc; }
    @Override public long csr(int slot) { return csrs[slot]; }
    @Override public void setCsr(int slot, long value) { csrs[slot] = value; }
    @Override public long reservation() { return reservation; }
    @Override public void setReservation(long address) { reservation = address; }
    @Override public long reservedValue() { return reservedValue; }
    @Override public void setReservedValue(long value) { reservedValue = value; }

    /** One thread: memory cannot change between the load and the store. */
    @Override
    public boolean compareAndSwap(long address, int size, long expected, long value) {
        long mask = size == 8 ? -1L : (1L << (8 * size)) - 1;
        if (((load(address, size) ^ expected) & mask) != 0) {
            page(address, GuestFault.Access.WRITE); // a write the guest may not make faults even when it would fail
            return false;
        }
        store(address, size, value);
        return true;
    }

    @Override
    public long load(long address, int size) {
        for (int i = 0; i < size; i++) {
            page(address + i, GuestFault.Access.READ); // fault at the lowest inaccessible byte
        }
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (page(address + i, GuestFault.Access.READ)[(int) Math.floorMod(address + i, (long) PAGE)] & 0xff);
        }
        return v;
    }

    @Override
    public void store(long address, int size, long value) {
        for (int i = 0; i < size; i++) {
            page(address + i, GuestFault.Access.WRITE); // fault before any byte changes
        }
        for (int i = 0; i < size; i++) {
            page(address + i, GuestFault.Access.WRITE)[(int) Math.floorMod(address + i, (long) PAGE)] = (byte) (value >>> (8 * i));
        }
    }

    @Override
    public int fetch16(long address) {
        page(address, GuestFault.Access.EXECUTE);
        return (int) load(address, 2);
    }

    private byte[] page(long address, GuestFault.Access access) {
        byte[] p = pages.get(Math.floorDiv(address, PAGE));
        if (p == null) {
            throw new GuestFault(address, access);
        }
        return p;
    }
}
