package dbt.isa.asm;

import java.util.List;
import java.util.Map;

/**
 * A program assembled from source ({@link SourceAssembler}): its segments, each with its address, bytes and
 * permissions, the entry address, and the value of every symbol (labels and {@code .equ} constants).
 */
public record Image(List<Segment> segments, long entry, Map<String, Long> symbols) {
    /** Permission bits, the values of Linux's {@code PROT_*}. */
    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int EXEC = 4;

    public Image {
        segments = List.copyOf(segments);
        symbols = Map.copyOf(symbols);
    }

    /** A segment: {@code bytes} placed at {@code address}, with {@code permissions} ({@link #READ} | ...). */
    public record Segment(String name, long address, byte[] bytes, int permissions) {
        public long end() {
            return address + bytes.length;
        }

        @Override
        public String toString() {
            return name + " 0x" + Long.toHexString(address) + "+" + bytes.length + " "
                    + ((permissions & READ) != 0 ? "r" : "-") + ((permissions & WRITE) != 0 ? "w" : "-")
                    + ((permissions & EXEC) != 0 ? "x" : "-");
        }
    }

    /** The segment of that name (".text", ".data"), or null when the program has none. */
    public Segment segment(String name) {
        for (Segment s : segments) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
