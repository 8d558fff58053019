package dbt.ir.random;

import dbt.ir.FloatCsrs;
import dbt.ir.GuestFault;
import dbt.ir.IrMachine;
import java.util.Arrays;

/**
 * A small guest for running random IR blocks: register file 0 of 64-bit registers, register file 1 of 32-bit ones,
 * two CSR slots (slot 0 laid out as RISC-V's fcsr: flags in bits 4..0, rounding mode in bits 7..5), and one data
 * window ({@link #DATA_BYTES} bytes at {@link #DATA}, or as given); every other address faults. Its whole state
 * prints as text, so that two runs compare by equality and differ readably.
 */
public final class TestMachine implements IrMachine {
    /** Page-aligned and above 64 KiB, where the runtime's guest memory maps data (for the backend's IR property). */
    public static final long DATA = 0x20000;
    public static final int DATA_BYTES = 0x100;
    public static final int[] FILE_SIZES = {8, 4};
    public static final int CSRS = 2;
    /** The float CSRs: flags in bits 4..0 of slot 0, the dynamic rounding mode in bits 7..5. */
    public static final FloatCsrs FLOAT_CSRS = new FloatCsrs(0, 0, 0, 5, 3);

    private final long[][] registers = new long[FILE_SIZES.length][];
    private final long[] csrs = new long[CSRS];
    private final long dataAddress;
    private final byte[] data;
    private long pc;
    private long reservation = -1;
    private long reservedValue;

    public TestMachine(InitialState s) {
        this(s, DATA, DATA_BYTES);
    }

    /** A machine of zeros whose data window is dataBytes at dataAddress. */
    public TestMachine(long dataAddress, int dataBytes) {
        this(InitialState.zero(), dataAddress, dataBytes);
        Arrays.fill(data, (byte) 0);
    }

    /** A machine in state s whose data window is dataBytes at dataAddress, filled from s's seed. */
    public TestMachine(InitialState s, long dataAddress, int dataBytes) {
        this.dataAddress = dataAddress;
        this.data = new byte[dataBytes];
        for (int f = 0; f < FILE_SIZES.length; f++) {
            registers[f] = new long[FILE_SIZES[f]];
            for (int r = 0; r < FILE_SIZES[f]; r++) {
                registers[f][r] = s.register(f, r) & (f == 1 ? 0xffff_ffffL : -1L);
            }
        }
        for (int k = 0; k < CSRS; k++) {
            csrs[k] = s.csr(k);
        }
        s.fillData(data);
    }

    @Override
    public long register(int file, int index) {
        return registers[file][index];
    }

    @Override
    public void setRegister(int file, int index, long value) {
        registers[file][index] = file == 1 ? value & 0xffff_ffffL : value;
    }

    public long pc() {
        return pc;
    }

    @Override
    public void setPc(long pc) {
        this.pc = pc;
    }

    @Override
    public long csr(int slot) {
        return csrs[slot];
    }

    @Override
    public void setCsr(int slot, long value) {
        csrs[slot] = value;
    }

    private int offset(long address, int size, GuestFault.Access access) {
        if (address < dataAddress || address > dataAddress + data.length - size) {
            throw new GuestFault(address, access);
        }
        return (int) (address - dataAddress);
    }

    @Override
    public long load(long address, int size) {
        int at = offset(address, size, GuestFault.Access.READ);
        long v = 0;
        for (int b = size - 1; b >= 0; b--) {
            v = (v << 8) | (data[at + b] & 0xff);
        }
        return v;
    }

    @Override
    public void store(long address, int size, long value) {
        int at = offset(address, size, GuestFault.Access.WRITE);
        for (int b = 0; b < size; b++) {
            data[at + b] = (byte) (value >>> (8 * b));
        }
    }

    @Override
    public boolean compareAndSwap(long address, int size, long expected, long value) {
        offset(address, size, GuestFault.Access.WRITE);
        long mask = size == 8 ? -1L : (1L << (8 * size)) - 1;
        if ((load(address, size) & mask) != (expected & mask)) {
            return false;
        }
        store(address, size, value);
        return true;
    }

    @Override
    public long reservation() {
        return reservation;
    }

    @Override
    public void setReservation(long address) {
        reservation = address;
    }

    @Override
    public long reservedValue() {
        return reservedValue;
    }

    @Override
    public void setReservedValue(long value) {
        reservedValue = value;
    }

    /** The whole state, one fact a line. */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.format("pc = 0x%x%n", pc));
        for (int f = 0; f < registers.length; f++) {
            sb.append("file ").append(f).append(": ").append(hex(registers[f])).append('\n');
        }
        sb.append("csrs: ").append(hex(csrs)).append('\n');
        sb.append(String.format("reservation = 0x%x, value 0x%x%n", reservation, reservedValue));
        sb.append("data: ").append(java.util.HexFormat.of().formatHex(data)).append('\n');
        return sb.toString();
    }

    private static String hex(long[] values) {
        return Arrays.stream(values).mapToObj(v -> "0x" + Long.toHexString(v)).toList().toString();
    }
}
