package dbt.isa.exec;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Field;
import java.util.Objects;
import sun.misc.Unsafe;

/**
 * Reads, writes and copies of native memory at host addresses, for the accessors that run for every guest register,
 * memory access and block lookup made from Java: the guest state, the guest window and its permission table, the map of
 * translations, the code cache, system calls' structs, and the reference interpreter's compiled code. Plain loads and
 * stores, also in the JVM's bytecode interpreter, where dbt's start-up runs: a {@code MemorySegment} access goes
 * through var handles there, whose method handle forms are spun and then interpreted on first use, and a copy from a
 * heap segment links a type switch (the bundled hello: 0.20 -> 0.15 s on a 2-core Zen 5, mean of 40).
 *
 * <p>The accessors by address check nothing: each caller keeps accesses inside memory it owns (a struct's bounds, the
 * guest window after its permission check, a table's size), as its class comment says; a wrong address would crash
 * the JVM. The accessors of a segment (a system call's struct in guest memory, a buffer of the host's) and of a byte
 * array (a struct kept in Java, such as a signal's action) check the offset against its size, as a segment's own
 * accessors do; a heap segment is read through the segment.
 */
public final class NativeMemory {
    private static final Unsafe UNSAFE = unsafe();
    private static final long BYTES = UNSAFE.arrayBaseOffset(byte[].class);

    private NativeMemory() {}

    public static byte getByte(long address) {
        return UNSAFE.getByte(address);
    }

    public static short getShort(long address) {
        return UNSAFE.getShort(address);
    }

    public static int getInt(long address) {
        return UNSAFE.getInt(address);
    }

    public static long getLong(long address) {
        return UNSAFE.getLong(address);
    }

    public static void putByte(long address, byte value) {
        UNSAFE.putByte(address, value);
    }

    public static void putShort(long address, short value) {
        UNSAFE.putShort(address, value);
    }

    public static void putInt(long address, int value) {
        UNSAFE.putInt(address, value);
    }

    public static void putLong(long address, long value) {
        UNSAFE.putLong(address, value);
    }

    /** A volatile load: compiled code reads it again each time (a word another thread sets). */
    public static long getLongVolatile(long address) {
        return UNSAFE.getLongVolatile(null, address);
    }

    /** A volatile store (also where a release store is all that is needed). */
    public static void putLongVolatile(long address, long value) {
        UNSAFE.putLongVolatile(null, address, value);
    }

    /** An atomic compare-and-set of the 4 bytes at a 4-byte aligned address. */
    public static boolean compareAndSetInt(long address, int expected, int value) {
        return UNSAFE.compareAndSwapInt(null, address, expected, value);
    }

    /** An atomic compare-and-set of the 8 bytes at an 8-byte aligned address. */
    public static boolean compareAndSetLong(long address, long expected, long value) {
        return UNSAFE.compareAndSwapLong(null, address, expected, value);
    }

    /** The 8 bytes at offset in s, little-endian, unaligned (IndexOutOfBoundsException outside s). */
    public static long getLong(MemorySegment s, long offset) {
        long a = at(s, offset, 8);
        return s.isNative() ? UNSAFE.getLong(a) : s.get(ValueLayout.JAVA_LONG_UNALIGNED, offset);
    }

    public static int getInt(MemorySegment s, long offset) {
        long a = at(s, offset, 4);
        return s.isNative() ? UNSAFE.getInt(a) : s.get(ValueLayout.JAVA_INT_UNALIGNED, offset);
    }

    public static void putByte(MemorySegment s, long offset, byte value) {
        long a = at(s, offset, 1);
        if (s.isNative()) {
            UNSAFE.putByte(a, value);
        } else {
            s.set(ValueLayout.JAVA_BYTE, offset, value);
        }
    }

    public static void putInt(MemorySegment s, long offset, int value) {
        long a = at(s, offset, 4);
        if (s.isNative()) {
            UNSAFE.putInt(a, value);
        } else {
            s.set(ValueLayout.JAVA_INT_UNALIGNED, offset, value);
        }
    }

    public static void putLong(MemorySegment s, long offset, long value) {
        long a = at(s, offset, 8);
        if (s.isNative()) {
            UNSAFE.putLong(a, value);
        } else {
            s.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, value);
        }
    }

    /**
     * s's address plus offset, bytes bytes that lie inside s (else IndexOutOfBoundsException); a host address only
     * for a native segment (a heap segment, which tests pass, is read through the segment).
     */
    private static long at(MemorySegment s, long offset, int bytes) {
        Objects.checkFromIndexSize(offset, bytes, s.byteSize());
        return s.address() + offset;
    }

    /** The 8 bytes at offset in the array, little-endian, unaligned (IndexOutOfBoundsException outside it). */
    public static long getLong(byte[] a, int offset) {
        Objects.checkFromIndexSize(offset, 8, a.length);
        return UNSAFE.getLong(a, BYTES + offset);
    }

    public static int getInt(byte[] a, int offset) {
        Objects.checkFromIndexSize(offset, 4, a.length);
        return UNSAFE.getInt(a, BYTES + offset);
    }

    public static void putLong(byte[] a, int offset, long value) {
        Objects.checkFromIndexSize(offset, 8, a.length);
        UNSAFE.putLong(a, BYTES + offset, value);
    }

    public static void putInt(byte[] a, int offset, int value) {
        Objects.checkFromIndexSize(offset, 4, a.length);
        UNSAFE.putInt(a, BYTES + offset, value);
    }

    /** Copies length bytes of the array from offset to the host address. */
    public static void copy(byte[] from, int offset, long address, int length) {
        Objects.checkFromIndexSize(offset, length, from.length);
        UNSAFE.copyMemory(from, BYTES + offset, null, address, length);
    }

    /** Copies length bytes from the host address into the array at offset. */
    public static void copy(long address, byte[] to, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, to.length);
        UNSAFE.copyMemory(null, address, to, BYTES + offset, length);
    }

    /** Copies length bytes of the array from offset into s at into (an exception outside either). */
    public static void copy(byte[] from, int offset, MemorySegment s, long into, int length) {
        long a = at(s, into, length);
        if (s.isNative()) {
            copy(from, offset, a, length);
        } else {
            MemorySegment.copy(MemorySegment.ofArray(from), offset, s, into, length);
        }
    }

    private static Unsafe unsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
