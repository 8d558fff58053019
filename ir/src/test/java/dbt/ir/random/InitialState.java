package dbt.ir.random;

import java.util.List;
import java.util.SplittableRandom;

/**
 * What a random block starts from: the registers of both files and the CSR slots, in that order in
 * {@code values}, and the seed of the data window's contents.
 */
public record InitialState(List<Long> values, long dataSeed) {
    public static final int SIZE = TestMachine.FILE_SIZES[0] + TestMachine.FILE_SIZES[1] + TestMachine.CSRS;

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
