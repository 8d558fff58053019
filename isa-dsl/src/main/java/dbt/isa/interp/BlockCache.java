package dbt.isa.interp;

import java.util.Arrays;

/**
 * The interpreter's blocks by start address: an open-addressing table with long keys, so that finding the next
 * block (once per block run) neither boxes the pc nor follows a chain. It grows by doubling when half full and
 * holds every block built since the last {@link #clear}; guest code is finite, so is the table.
 */
final class BlockCache<T> {
    private long[] keys = new long[1024];
    private Object[] values = new Object[1024];
    private int size;

    @SuppressWarnings("unchecked")
    T get(long pc) {
        long[] k = keys;
        Object[] v = values;
        int mask = k.length - 1;
        for (int i = slot(pc, mask); ; i = (i + 1) & mask) {
            Object b = v[i];
            if (b == null || k[i] == pc) {
                return (T) b;
            }
        }
    }

    void put(long pc, T block) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(pc, mask);
        while (values[i] != null && keys[i] != pc) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            size++;
        }
        keys[i] = pc;
        values[i] = block;
    }

    int size() {
        return size;
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                @SuppressWarnings("unchecked")
                T value = (T) oldValues[i];
                put(oldKeys[i], value);
            }
        }
    }

    /** Instructions are at least 2-byte aligned: the low bit carries nothing; a multiplicative hash spreads the rest. */
    private static int slot(long pc, int mask) {
        return (int) (((pc >>> 1) * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }
}
