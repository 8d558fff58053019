package dbt.isa.interp;

import dbt.isa.exec.GuestFault;
import dbt.isa.exec.Machine;
import java.util.HashMap;
import java.util.Map;

/** A Machine over a sparse byte map, for interpreter tests: every address from 0x1000 up is accessible. */
final class TestMachine implements Machine {
    final long[][] registers;
    final long[] csrs = new long[16];
    final Map<Long, Byte> memory = new HashMap<>();
    long pc;
    long reservation = -1;

    TestMachine(int files, int count) {
        registers = new long[files][count];
    }

    @Override public long register(int file, int index) { return registers[file][index]; }
    @Override public void setRegister(int file, int index, long value) { registers[file][index] = value; }
    @Override public long pc() { return pc; }
    @Override public void setPc(long pc) { this.pc = pc; }
    @Override public long csr(int slot) { return csrs[slot]; }
    @Override public void setCsr(int slot, long value) { csrs[slot] = value; }
    @Override public long reservation() { return reservation; }
    @Override public void setReservation(long address) { reservation = address; }

    @Override
    public long load(long address, int size) {
        check(address, GuestFault.Access.READ);
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (memory.getOrDefault(address + i, (byte) 0) & 0xff);
        }
        return v;
    }

    @Override
    public void store(long address, int size, long value) {
        check(address, GuestFault.Access.WRITE);
        for (int i = 0; i < size; i++) {
            memory.put(address + i, (byte) (value >>> (8 * i)));
        }
    }

    @Override
    public int fetch16(long address) {
        check(address, GuestFault.Access.EXECUTE);
        return (int) load(address, 2);
    }

    private static void check(long address, GuestFault.Access access) {
        if (address < 0x1000) {
            throw new GuestFault(address, access);
        }
    }
}
