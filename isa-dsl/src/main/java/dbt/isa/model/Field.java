package dbt.isa.model;

import java.util.List;

/**
 * An instruction field: bits gathered from the instruction word, most significant part first, then scaled by
 * {@code shift} zero bits, then sign- or zero-extended to {@code width}, then offset by {@code offset}
 * (for register fields such as RISC-V's x8+rs1'). {@link #decode} and {@link #encode} are exact inverses on the
 * values the field can hold; {@link #encode} says so when a value cannot be held.
 */
public record Field(String name, List<Part> parts, int shift, Extension extension, int offset, int width,
                    Kind kind, SourceLocation location) {

    /** A slice [hi:lo] of the instruction word, or (when constant) {@code bits} literal bits of value. */
    public record Part(int hi, int lo, boolean constant, long value) {
        public int bits() {
            return hi - lo + 1;
        }
    }

    public enum Extension { NONE, SIGN, ZERO }

    /** What a field's value means, which decides how it prints and assembles. */
    public sealed interface Kind {}

    public record Immediate() implements Kind {}

    public record Register(int file) implements Kind {}

    public record CsrNumber() implements Kind {}

    /** Printed as the letters of its set bits, most significant first (RISC-V fence sets: "iorw"). */
    public record Flags(String letters) implements Kind {}

    /** Printed as names[value]. */
    public record Named(int table) implements Kind {}

    /** The number of bits gathered from the word plus the scale: the width before extension. */
    public int rawWidth() {
        int w = shift;
        for (Part p : parts) {
            w += p.bits();
        }
        return w;
    }

    /** The highest instruction bit this field reads, or -1 if it reads none. */
    public int highestBit() {
        int h = -1;
        for (Part p : parts) {
            if (!p.constant()) {
                h = Math.max(h, p.hi());
            }
        }
        return h;
    }

    /** The mask of instruction bits this field reads. */
    public long mask() {
        long m = 0;
        for (Part p : parts) {
            if (!p.constant()) {
                m |= bitRange(p.hi(), p.lo());
            }
        }
        return m;
    }

    public long decode(long word) {
        long v = 0;
        for (Part p : parts) {
            long bits = p.constant() ? p.value() : (word >>> p.lo()) & lowBits(p.bits());
            v = (v << p.bits()) | bits;
        }
        v <<= shift;
        int raw = rawWidth();
        if (extension == Extension.SIGN && raw < 64) {
            v = (v << (64 - raw)) >> (64 - raw);
        }
        return truncate(v + offset, width);
    }

    /** The instruction bits that make this field decode to value, or an explanation of why none do. */
    public Encoded encode(long value) {
        long v = truncate(value, width) - offset;
        int raw = rawWidth();
        if (extension == Extension.SIGN) {
            long signed = width == 64 ? v : (v << (64 - width)) >> (64 - width);
            if (raw < 64 && (signed < -(1L << (raw - 1)) || signed >= (1L << (raw - 1)))) {
                return Encoded.failure(name + ": " + signed + " is out of range for a " + raw + "-bit signed value");
            }
            v = signed;
        } else if (raw < 64 && (v < 0 || v >= (1L << raw))) {
            return Encoded.failure(name + ": " + value + " is out of range for a " + raw + "-bit value");
        }
        if (shift > 0 && (v & lowBits(shift)) != 0) {
            return Encoded.failure(name + ": " + value + " is not a multiple of " + (1L << shift));
        }
        long rest = v >>> shift;
        long word = 0;
        for (int i = parts.size() - 1; i >= 0; i--) {
            Part p = parts.get(i);
            long bits = rest & lowBits(p.bits());
            if (p.constant()) {
                if (bits != p.value()) {
                    return Encoded.failure(name + ": " + value + " cannot be encoded");
                }
            } else {
                word |= bits << p.lo();
            }
            rest >>>= p.bits();
        }
        return Encoded.success(word);
    }

    public record Encoded(long bits, String error) {
        static Encoded success(long bits) {
            return new Encoded(bits, null);
        }

        static Encoded failure(String error) {
            return new Encoded(0, error);
        }

        public boolean ok() {
            return error == null;
        }
    }

    public static long lowBits(int n) {
        return n >= 64 ? -1L : (1L << n) - 1;
    }

    public static long bitRange(int hi, int lo) {
        return lowBits(hi - lo + 1) << lo;
    }

    public static long truncate(long v, int width) {
        return v & lowBits(width);
    }

    public static long signExtend(long v, int width) {
        return width >= 64 ? v : (v << (64 - width)) >> (64 - width);
    }
}
