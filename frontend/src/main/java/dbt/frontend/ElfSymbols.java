package dbt.frontend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The functions an ELF file defines by name: its {@code .symtab} (a static program's, unless stripped), else its
 * {@code .dynsym} (a shared library's exports). Only defined global or weak symbols of type FUNC are listed, each
 * with its address (unbiased), size and the file offset of its code. A file that is not a little-endian ELF64, or
 * whose section headers do not hold together, lists none: symbols only ever enable something optional.
 */
public final class ElfSymbols {
    /** A function: its name, address in the file's own layout, size in bytes, and where its code is in the file. */
    public record Function(String name, long address, long size, long fileOffset) {}

    private static final int SHT_SYMTAB = 2;
    private static final int SHT_DYNSYM = 11;
    private static final int SHT_NOBITS = 8;
    private static final int STT_FUNC = 2;
    private static final int STB_GLOBAL = 1;
    private static final int STB_WEAK = 2;
    private static final int SECTION_HEADER_SIZE = 64;
    private static final int SYMBOL_SIZE = 24;

    private ElfSymbols() {
    }

    /**
     * The functions of the ELF file that have one of these names (ASCII). A name is compared in place, byte by byte,
     * only with the wanted names that begin with its first byte: a static program has a few thousand functions,
     * read while dbt's own code is still cold (a string made of each took 15 ms of every run).
     */
    public static List<Function> functions(byte[] file, Set<String> names) {
        byte[][][] byFirst = new byte[128][][];
        for (String n : names) {
            byte[] bytes = n.getBytes(StandardCharsets.US_ASCII);
            int first = bytes[0];
            byte[][] old = byFirst[first] == null ? new byte[0][] : byFirst[first];
            byte[][] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = bytes;
            byFirst[first] = grown;
        }
        try {
            return read(file, ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN), byFirst);
        } catch (IndexOutOfBoundsException | IllegalArgumentException damaged) {
            return List.of();
        }
    }

    private static List<Function> read(byte[] file, ByteBuffer b, byte[][][] byFirst) {
        if (b.capacity() < 64 || b.getInt(0) != 0x464c457f || b.get(4) != 2 || b.get(5) != 1) {
            return List.of();
        }
        long shoff = b.getLong(0x28);
        int shentsize = Short.toUnsignedInt(b.getShort(0x3a));
        int shnum = Short.toUnsignedInt(b.getShort(0x3c));
        if (shoff == 0 || shentsize != SECTION_HEADER_SIZE) {
            return List.of();
        }
        int table = -1;
        for (int type : new int[] {SHT_SYMTAB, SHT_DYNSYM}) {
            for (int s = 0; s < shnum && table < 0; s++) {
                if (b.getInt(section(shoff, s) + 4) == type) {
                    table = s;
                }
            }
        }
        if (table < 0) {
            return List.of();
        }
        int header = section(shoff, table);
        int symbols = Math.toIntExact(b.getLong(header + 0x18));
        int count = Math.toIntExact(b.getLong(header + 0x20) / SYMBOL_SIZE);
        int strings = Math.toIntExact(b.getLong(section(shoff, b.getInt(header + 0x28)) + 0x18));
        List<Function> out = new ArrayList<>();
        for (int k = 1; k < count; k++) {
            int sym = symbols + k * SYMBOL_SIZE;
            int info = Byte.toUnsignedInt(b.get(sym + 4));
            int shndx = Short.toUnsignedInt(b.getShort(sym + 6));
            int binding = info >> 4;
            if ((info & 0xf) != STT_FUNC || binding != STB_GLOBAL && binding != STB_WEAK || shndx == 0
                    || shndx >= shnum) {
                continue;
            }
            byte[] name = wanted(file, strings + b.getInt(sym), byFirst);
            if (name == null) {
                continue;
            }
            int code = section(shoff, shndx);
            if (b.getInt(code + 4) == SHT_NOBITS) {
                continue;
            }
            long value = b.getLong(sym + 8);
            long offset = value - b.getLong(code + 0x10) + b.getLong(code + 0x18);
            out.add(new Function(new String(name, StandardCharsets.US_ASCII), value, b.getLong(sym + 16), offset));
        }
        return out;
    }

    private static int section(long shoff, int index) {
        return Math.toIntExact(shoff + (long) index * SECTION_HEADER_SIZE);
    }

    /** The wanted name that the NUL-terminated string at file[at] is, or null. */
    private static byte[] wanted(byte[] file, int at, byte[][][] byFirst) {
        int first = file[at];
        if (first <= 0 || byFirst[first] == null) {
            return null;
        }
        for (byte[] n : byFirst[first]) {
            if (file[at + n.length] == 0 && Arrays.equals(file, at, at + n.length, n, 0, n.length)) {
                return n;
            }
        }
        return null;
    }
}
