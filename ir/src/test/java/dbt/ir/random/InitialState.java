package dbt.ir.random;

import java.util.List;
import java.util.SplittableRandom;

/**
 * What a random block starts from: the registers of both files and the CSR slots, in that order in
 * {@code values}, and the seed of the data window's contents.
 */
public record InitialState(List<Long> values, long dataSeed) {
    public static final int SIZE = TestMachine.FILE_SIZES[0] + TestMachine.FILE_SIZES[1] + TestMachine.CSRS;

    /** Every register and CSR 0, data from seed 0. */
    public static InitialState zero() {
        return new InitialState(java.util.Collections.nCopies(SIZE, 0L), 0);
    }

    /** The same state with register {@code index} of file {@code file} set to v. */
    public InitialState withRegister(int file, int index, long v) {
        List<Long> changed = new java.util.ArrayList<>(values);
        changed.set(file == 0 ? index : TestMachine.FILE_SIZES[0] + index, v);
        return new InitialState(changed, dataSeed);
    }

    /** The same state with CSR slot s set to v. */
    public InitialState withCsr(int s, long v) {
        List<Long> changed = new java.util.ArrayList<>(values);
        changed.set(TestMachine.FILE_SIZES[0] + TestMachine.FILE_SIZES[1] + s, v);
        return new InitialState(changed, dataSeed);
    }

    long register(int file, int index) {
        return values.get(file == 0 ? index : TestMachine.FILE_SIZES[0] + index);
    }

    long csr(int slot) {
        return values.get(TestMachine.FILE_SIZES[0] + TestMachine.FILE_SIZES[1] + slot);
    }

    void fillData(byte[] data) {
        new SplittableRandom(dataSeed).nextBytes(data);
    }

    @Override
    public String toString() {
        return "registers and csrs " + values.stream().map(v -> "0x" + Long.toHexString(v)).toList()
                + ", data seed " + dataSeed;
    }
}
