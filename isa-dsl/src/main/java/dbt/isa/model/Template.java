package dbt.isa.model;

import java.util.List;

/**
 * An instruction's assembly syntax: literal text and field placeholders. One template drives both the printer
 * and the assembler. Formats: DECIMAL (default), HEX ({f:x}), HEX_BITS ({f:xN}: the low N bits in hex),
 * PC_RELATIVE ({f:pc}: printed as the absolute target address, assembled from a label or address).
 */
public record Template(String source, List<Segment> segments) {
    public sealed interface Segment {}

    public record Text(String text) implements Segment {}

    public record Placeholder(int field, Format format, int bits) implements Segment {}

    public enum Format { DECIMAL, HEX, HEX_BITS, PC_RELATIVE }

    /** The mnemonic: the template text up to the first space. */
    public String mnemonic() {
        int sp = source.indexOf(' ');
        return sp < 0 ? source : source.substring(0, sp);
    }
}
