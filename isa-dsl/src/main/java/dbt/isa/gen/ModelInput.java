package dbt.isa.gen;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads what a {@link java.io.DataOutputStream} wrote, from bytes already in memory: the model is read once at
 * start-up, on a cold JVM, where every call counts (a DataInputStream goes through its stream for each byte).
 */
final class ModelInput {
    private final byte[] bytes;
    private int at;

    ModelInput(byte[] bytes) {
        this(bytes, 0);
    }

    /** Reads bytes from offset at on. */
    ModelInput(byte[] bytes, int at) {
        this.bytes = bytes;
        this.at = at;
    }

    /** The bytes read. */
    byte[] bytes() {
        return bytes;
    }

    /** Where the next read begins. */
    int position() {
        return at;
    }

    /** Passes over n bytes. */
    void skip(int n) throws EOFException {
        need(n);
        at += n;
    }

    byte readByte() throws EOFException {
        need(1);
        return bytes[at++];
    }

    boolean readBoolean() throws EOFException {
        return readByte() != 0;
    }

    int readInt() throws EOFException {
        need(4);
        int v = (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | bytes[at + 3] & 0xff;
        at += 4;
        return v;
    }

    long readLong() throws EOFException {
        return (long) readInt() << 32 | readInt() & 0xffff_ffffL;
    }

    /** A string in DataOutputStream.writeUTF's form: a 2-byte length, then modified UTF-8 (plain ASCII, mostly). */
    String readUTF() throws IOException {
        need(2);
        int length = (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
        need(2 + length);
        for (int k = at + 2; k < at + 2 + length; k++) {
            if (bytes[k] < 0) { // not ASCII: decode it the way it was encoded
                String s = new DataInputStream(new ByteArrayInputStream(bytes, at, 2 + length)).readUTF();
                at += 2 + length;
                return s;
            }
        }
        String s = new String(bytes, at + 2, length, StandardCharsets.ISO_8859_1);
        at += 2 + length;
        return s;
    }

    private void need(int n) throws EOFException {
        if (bytes.length - at < n) {
            throw new EOFException("model data ends early, at byte " + at);
        }
    }
}
