package dbt.x86.asm;

import java.util.Arrays;

/**
 * The bytes of the code being assembled: a little-endian byte array that grows as instructions are appended.
 *
 * <p>Invariants, which every method keeps:
 * <ol>
 *   <li><b>I1 (extent)</b> {@code 0 <= size <= bytes.length}; bytes {@code [0, size)} are emitted code, bytes beyond
 *       {@code size} are never observed.</li>
 *   <li><b>I2 (stable offsets)</b> code is only appended, never inserted or removed, so an offset once handed out
 *       by {@link #size()} names the same byte for the life of the buffer (labels and fixups rely on it).</li>
 *   <li><b>I3 (patches stay inside)</b> a patch only overwrites bytes already emitted, {@code [0, size)}; it never
 *       changes {@code size}.</li>
 * </ol>
 */
public final class CodeBuffer {
    private byte[] bytes;
    private int size;

    public CodeBuffer() {
        this(256);
    }

    public CodeBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** The number of bytes emitted so far, which is also the offset of the next byte (I2). */
    public int size() {
        return size;
    }

    /** The emitted byte at {@code offset}, unsigned. */
    public int byteAt(int offset) {
        checkEmitted(offset, 1);
        return bytes[offset] & 0xFF;
    }

    /** Appends the low 8 bits of {@code b}. Restores I1 by growing first. */
    public void emit8(int b) {
        ensureRoom(1);
        bytes[size++] = (byte) b;
    }

    /** Appends the low 16 bits of {@code v}, little-endian. */
    public void emit16(int v) {
        emit8(v);
        emit8(v >>> 8);
    }

    /** Appends {@code v}, little-endian. */
    public void emit32(int v) {
        ensureRoom(4);
        put32(bytes, size, v);
        size += 4;
    }

    /** Appends {@code v}, little-endian. */
    public void emit64(long v) {
        emit32((int) v);
        emit32((int) (v >>> 32));
    }

    /** Overwrites one emitted byte (I3). */
    public void patch8(int offset, int b) {
        checkEmitted(offset, 1);
        bytes[offset] = (byte) b;
    }

    /** Overwrites four emitted bytes, little-endian (I3). */
    public void patch32(int offset, int v) {
        checkEmitted(offset, 4);
        put32(bytes, offset, v);
    }

    /** A copy of the emitted bytes {@code [0, size)}. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    static void put32(byte[] into, int offset, int v) {
        into[offset] = (byte) v;
        into[offset + 1] = (byte) (v >>> 8);
        into[offset + 2] = (byte) (v >>> 16);
        into[offset + 3] = (byte) (v >>> 24);
    }

    private void ensureRoom(int n) {
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
        }
    }

    private void checkEmitted(int offset, int length) {
        if (offset < 0 || offset + length > size) {
            throw new IndexOutOfBoundsException("bytes [" + offset + ", " + (offset + length)
                    + ") are not inside the emitted code [0, " + size + ")");
        }
    }
}
