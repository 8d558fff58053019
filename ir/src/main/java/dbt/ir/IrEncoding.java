package dbt.ir;

import java.util.Arrays;

/**
 * A block in binary form, compact and quick to read back (for blocks saved from one run to the next, read while dbt's
 * own code is still cold; the text form of {@link IrPrinter} and {@link IrParser} is for people): the guest address,
 * the guest instruction count and the number of instructions, then per instruction its op, a byte of type, flags and
 * operand count, aux and aux2, and each operand as the distance back to it; numbers as LEB128 varints (signed ones
 * zigzagged), as most are small. Decoding checks every index and enum number: malformed bytes are an
 * {@link IllegalArgumentException}, never a block whose operands are not earlier instructions. A decoded block is
 * numbered ({@link IrBlock#renumber}).
 */
public final class IrEncoding {
    private static final Op[] OPS = Op.values();
    private static final Type[] TYPES = Type.values();
    private static final int FUSED = 8;
    /** Operand counts up to this fit the byte; larger ones follow as a varint. */
    private static final int INLINE_OPERANDS = 14;

    static {
        if (OPS.length > 256 || TYPES.length > 8) {
            throw new ExceptionInInitializerError("the encoding's op or type field is too narrow");
        }
    }

    private IrEncoding() {}

    /** The block's encoding (its instructions numbered as a side effect). */
    public static byte[] encode(IrBlock block) {
        block.renumber();
        Writer out = new Writer(16 + 8 * block.insts.size());
        out.unsigned(block.guestAddress);
        out.unsigned(block.guestInstructions);
        out.unsigned(block.insts.size());
        for (Inst i : block.insts) {
            int n = i.operands.length;
            out.put(i.op.ordinal());
            out.put(i.type.ordinal() | (i.fused ? FUSED : 0) | Math.min(n, INLINE_OPERANDS + 1) << 4);
            if (n > INLINE_OPERANDS) {
                out.unsigned(n);
            }
            out.signed(i.aux);
            out.signed(i.aux2);
            for (Inst o : i.operands) {
                out.unsigned(i.id - 1 - o.id);
            }
        }
        return out.bytes();
    }

    /** The block encoded in bytes[from, to) (which it must fill exactly). */
    public static IrBlock decode(byte[] bytes, int from, int to) {
        if (from < 0 || to > bytes.length || from > to) {
            throw new IllegalArgumentException("bounds out of the array");
        }
        Reader in = new Reader(bytes, from, to);
        IrBlock block = new IrBlock(in.unsigned());
        block.guestInstructions = in.count(Integer.MAX_VALUE);
        int count = in.count((to - from) / 4); // (an instruction takes 4 bytes at least)
        Inst[] insts = new Inst[count];
        for (int k = 0; k < count; k++) {
            int op = in.next();
            int bits = in.next();
            int type = bits & 7;
            if (op >= OPS.length || type >= TYPES.length) {
                throw new IllegalArgumentException("bad op or type");
            }
            int n = bits >>> 4;
            if (n > INLINE_OPERANDS) {
                n = in.count(k);
            }
            long aux = in.signed();
            long aux2 = in.signed();
            Inst[] operands = new Inst[n];
            for (int o = 0; o < n; o++) {
                long back = in.unsigned();
                if (back < 0 || back >= k) {
                    throw new IllegalArgumentException("an operand that is not an earlier instruction");
                }
                operands[o] = insts[k - 1 - (int) back];
            }
            Inst i = new Inst(OPS[op], TYPES[type], aux, aux2, operands);
            i.fused = (bits & FUSED) != 0;
            i.id = k;
            insts[k] = i;
        }
        if (in.at != to) {
            throw new IllegalArgumentException("bytes after the block");
        }
        block.insts.addAll(Arrays.asList(insts));
        return block;
    }

    private static final class Writer {
        private byte[] buf;
        private int at;

        Writer(int capacity) {
            buf = new byte[capacity];
        }

        void put(int b) {
            if (at == buf.length) {
                buf = Arrays.copyOf(buf, 2 * buf.length);
            }
            buf[at++] = (byte) b;
        }

        void unsigned(long v) {
            while ((v & ~0x7fL) != 0) {
                put((int) (v & 0x7f) | 0x80);
                v >>>= 7;
            }
            put((int) v);
        }

        void signed(long v) {
            unsigned(v << 1 ^ v >> 63);
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, at);
        }
    }

    private static final class Reader {
        private final byte[] buf;
        private final int end;
        int at;

        Reader(byte[] buf, int from, int end) {
            this.buf = buf;
            this.at = from;
            this.end = end;
        }

        int next() {
            if (at >= end) {
                throw new IllegalArgumentException("truncated block");
            }
            return buf[at++] & 0xff;
        }

        long unsigned() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = next();
                v |= (long) (b & 0x7f) << shift;
                if (b < 0x80) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        long signed() {
            long v = unsigned();
            return v >>> 1 ^ -(v & 1);
        }

        /** A count of at most max. */
        int count(int max) {
            long v = unsigned();
            if (v < 0 || v > max) {
                throw new IllegalArgumentException("count out of bounds");
            }
            return (int) v;
        }
    }
}
