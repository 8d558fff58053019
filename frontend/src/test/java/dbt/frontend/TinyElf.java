package dbt.frontend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small ELF64 little-endian files for loader tests: segment bytes, then the ELF header and program headers
 * written over them (a segment at file offset 0 contains the headers, as in real executables).
 */
final class TinyElf {
    record Phdr(int type, int flags, long offset, long vaddr, long filesz, long memsz) {
    }

    int type = 2;
    int machine = 243;
    long entry = 0x10078;
    final List<Phdr> phdrs = new ArrayList<>();
    final List<byte[]> payloads = new ArrayList<>();

    /** Adds a PT_LOAD whose file bytes are {@code data}, placed at file offset {@code offset}. */
    TinyElf load(int flags, long offset, long vaddr, byte[] data, long memsz) {
        phdrs.add(new Phdr(1, flags, offset, vaddr, data.length, memsz));
        payloads.add(data);
        return this;
    }

    TinyElf header(int type, long offset, long vaddr, long size) {
        phdrs.add(new Phdr(type, 4, offset, vaddr, size, size));
        payloads.add(null);
        return this;
    }

    byte[] build() {
        long end = 64 + 56L * phdrs.size();
        for (Phdr p : phdrs) {
            end = Math.max(end, p.offset + p.filesz);
        }
        ByteBuffer b = ByteBuffer.allocate((int) end).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < phdrs.size(); i++) {
            if (payloads.get(i) != null) {
                b.put((int) phdrs.get(i).offset, payloads.get(i));
            }
        }
        b.putInt(0, 0x464C457F).put(4, (byte) 2).put(5, (byte) 1).put(6, (byte) 1);
        b.putShort(16, (short) type).putShort(18, (short) machine).putInt(20, 1).putLong(24, entry)
                .putLong(32, 64).putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) phdrs.size());
        for (int i = 0; i < phdrs.size(); i++) {
            Phdr p = phdrs.get(i);
            int h = 64 + 56 * i;
            b.putInt(h, p.type).putInt(h + 4, p.flags).putLong(h + 8, p.offset).putLong(h + 16, p.vaddr)
                    .putLong(h + 24, p.vaddr).putLong(h + 32, p.filesz).putLong(h + 40, p.memsz).putLong(h + 48, 0x1000);
        }
        return b.array();
    }

    /** A typical static executable: text (R+X) loaded with the headers from offset 0, data (R+W) with bss. */
    static TinyElf typical() {
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8};
        TinyElf elf = new TinyElf();
        elf.phdrs.add(new Phdr(1, 5, 0, 0x10000, 0x200, 0x200));
        elf.payloads.add(null);
        elf.load(6, 0x1000, 0x11000, data, 0x2010);
        return elf;
    }
}
