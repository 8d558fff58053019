package dbt.frontend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads an ELF64 little-endian executable into a {@link GuestMemory}: ET_EXEC at its link addresses, or a PIE
 * (ET_DYN) at {@link #PIE_BIAS}; a program interpreter (the dynamic loader a dynamically linked program names in
 * PT_INTERP) where the mmap area has room, as Linux places it. Each PT_LOAD segment is mapped with its own
 * permissions (a page shared by two segments gets the union), its file bytes are copied and the rest of it (bss)
 * reads as zero (fresh pages, touched only where the file's bytes end); the break starts at the page after the
 * highest segment.
 *
 * <p>The whole file is validated before anything is mapped, so a malformed file leaves memory untouched. Every
 * problem the user can cause is reported as a {@link LoadException} whose message is one line starting with the
 * program's name.
 */
public final class ElfLoader {
    /** Where a static PIE's lowest segment goes: well above ET_EXEC images and the brk heap that follows them. */
    public static final long PIE_BIAS = 0x4000_0000L;

    private static final int EHDR_SIZE = 64;
    private static final int PHDR_SIZE = 56;
    private static final int ET_REL = 1;
    private static final int ET_EXEC = 2;
    private static final int ET_DYN = 3;
    private static final int ET_CORE = 4;
    private static final int PT_LOAD = 1;
    private static final int PT_INTERP = 3;
    private static final int PT_PHDR = 6;
    private static final int PF_X = 1;
    private static final int PF_W = 2;
    private static final int PF_R = 4;
    private static final long MAX_FILE_SIZE = 1L << 30;

    private static final Map<Integer, String> MACHINE_NAMES = Map.ofEntries(
            Map.entry(2, "SPARC"), Map.entry(3, "x86"), Map.entry(8, "MIPS"), Map.entry(20, "PowerPC"),
            Map.entry(21, "PowerPC64"), Map.entry(22, "s390"), Map.entry(40, "ARM"), Map.entry(42, "SuperH"),
            Map.entry(43, "SPARC64"), Map.entry(50, "IA-64"), Map.entry(62, "x86-64"), Map.entry(183, "AArch64"),
            Map.entry(243, "RISC-V"), Map.entry(258, "LoongArch"));

    private final int expectedMachine;
    private final String expectedMachineName;

    /**
     * @param expectedMachine     the {@code e_machine} the guest ISA uses (RISC-V: 243)
     * @param expectedMachineName how to name it in messages (e.g. {@code riscv64})
     */
    public ElfLoader(int expectedMachine, String expectedMachineName) {
        this.expectedMachine = expectedMachine;
        this.expectedMachineName = expectedMachineName;
    }

    private record Segment(long offset, long vaddr, long filesz, long memsz, int prot) {
    }

    public ElfImage load(Path file, GuestMemory memory) throws LoadException {
        String name = file.toString();
        return load(name, readFile(file, name), memory);
    }

    /**
     * Loads the program interpreter that a program names, from file (the name it gave, under a sysroot perhaps):
     * an ET_DYN object without an interpreter of its own, placed where the mmap area has room.
     */
    public ElfImage loadInterpreter(Path file, String program, GuestMemory memory) throws LoadException {
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new LoadException(program + ": its interpreter " + name + " does not exist (a dynamically linked"
                    + " program: give the directory its libraries are under with -L, e.g. -L /usr/riscv64-linux-gnu)",
                    127);
        }
        return load(name, readFile(file, name), memory, true);
    }

    private static byte[] readFile(Path file, String name) throws LoadException {
        try {
            if (Files.isDirectory(file)) {
                throw new LoadException(name + ": is a directory");
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new LoadException(name + ": not a regular file");
            }
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new LoadException(name + ": file too large for an executable");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw LoadException.unreadable(name, e);
        }
    }

    /** Loads an executable already in memory; {@code name} is used in messages and recorded in the image. */
    public ElfImage load(String name, byte[] file, GuestMemory memory) throws LoadException {
        return load(name, file, memory, false);
    }

    private ElfImage load(String name, byte[] file, GuestMemory memory, boolean interpreter) throws LoadException {
        ByteBuffer elf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 4 || elf.getInt(0) != 0x464C457F) {
            throw new LoadException(name + ": not an ELF file");
        }
        if (file.length < EHDR_SIZE) {
            throw new LoadException(name + ": truncated ELF (" + file.length + " bytes, shorter than the ELF header)");
        }
        switch (file[4]) {
            case 2 -> { }
            case 1 -> throw new LoadException(name + ": 32-bit ELF is not supported (need ELF64)");
            default -> throw new LoadException(name + ": invalid ELF class " + file[4]);
        }
        switch (file[5]) {
            case 1 -> { }
            case 2 -> throw new LoadException(name + ": big-endian ELF is not supported");
            default -> throw new LoadException(name + ": invalid ELF data encoding " + file[5]);
        }
        int type = Short.toUnsignedInt(elf.getShort(16));
        int machine = Short.toUnsignedInt(elf.getShort(18));
        switch (type) {
            case ET_EXEC, ET_DYN -> { }
            case ET_REL -> throw new LoadException(name + ": relocatable object file, not an executable");
            case ET_CORE -> throw new LoadException(name + ": core dump, not an executable");
            default -> throw new LoadException(name + ": unsupported ELF type " + type);
        }
        if (machine != expectedMachine) {
            String known = MACHINE_NAMES.get(machine);
            throw new LoadException(name + ": ELF machine " + machine + (known == null ? "" : " (" + known + ")")
                    + " is not " + expectedMachineName);
        }
        long entry = elf.getLong(24);
        long phoff = elf.getLong(32);
        int phentsize = Short.toUnsignedInt(elf.getShort(54));
        int phnum = Short.toUnsignedInt(elf.getShort(56));
        if (phnum == 0) {
            throw new LoadException(name + ": no program headers, not an executable");
        }
        if (phentsize != PHDR_SIZE) {
            throw new LoadException(name + ": invalid program header size " + phentsize + " (expected 56)");
        }
        if (phoff < EHDR_SIZE || phoff > file.length || (long) phnum * PHDR_SIZE > file.length - phoff) {
            throw new LoadException(name + ": truncated ELF (program headers at 0x" + Long.toHexString(phoff)
                    + " extend past the end of the " + file.length + "-byte file)");
        }

        List<Segment> segments = new ArrayList<>();
        long phdrVaddr = -1;
        String interpreterPath = null;
        for (int i = 0; i < phnum; i++) {
            int h = (int) phoff + i * PHDR_SIZE;
            int ptype = elf.getInt(h);
            if (ptype == PT_INTERP) {
                long offset = elf.getLong(h + 8);
                long size = elf.getLong(h + 32);
                if (offset < 0 || size < 2 || size > 4096 || offset > file.length - size
                        || file[(int) (offset + size - 1)] != 0 || file[(int) offset] == 0) {
                    throw new LoadException(name + ": invalid ELF (its interpreter's name is not a string in the file)");
                }
                if (interpreter) {
                    throw new LoadException(name + ": an interpreter cannot have an interpreter of its own");
                }
                interpreterPath = new String(file, (int) offset, (int) size - 1, StandardCharsets.UTF_8);
            }
            if (ptype == PT_PHDR) {
                phdrVaddr = elf.getLong(h + 16);
            }
            if (ptype != PT_LOAD) {
                continue;
            }
            int flags = elf.getInt(h + 4);
            long offset = elf.getLong(h + 8);
            long vaddr = elf.getLong(h + 16);
            long filesz = elf.getLong(h + 32);
            long memsz = elf.getLong(h + 40);
            if (offset < 0 || filesz < 0 || offset > file.length || filesz > file.length - offset) {
                throw new LoadException(name + ": truncated ELF (segment " + i + " needs file bytes up to 0x"
                        + Long.toHexString(offset + filesz) + ", the file has 0x" + Integer.toHexString(file.length) + ")");
            }
            if (memsz < filesz) {
                throw new LoadException(name + ": invalid ELF (segment " + i + " is smaller in memory than in the file)");
            }
            if (memsz == 0) {
                continue;
            }
            int prot = ((flags & PF_R) != 0 ? GuestMemory.READ : 0) | ((flags & PF_W) != 0 ? GuestMemory.WRITE : 0)
                    | ((flags & PF_X) != 0 ? GuestMemory.EXEC : 0);
            segments.add(new Segment(offset, vaddr, filesz, memsz, prot));
        }
        if (segments.isEmpty()) {
            throw new LoadException(name + ": no loadable segments");
        }

        long bias = 0;
        if (interpreter && type != ET_DYN) {
            throw new LoadException(name + ": not a shared object, so not a program interpreter");
        }
        if (type == ET_DYN) {
            long lowest = GuestMemory.pageDown(segments.stream().mapToLong(Segment::vaddr).min().orElseThrow());
            long base = PIE_BIAS;
            if (interpreter) {
                long highest = segments.stream().mapToLong(s -> s.vaddr + s.memsz).max().orElseThrow();
                long span = highest - lowest;
                base = span <= 0 || span > GuestMemory.MMAP_TOP ? -1 : memory.allocate(0, GuestMemory.pageUp(span), 0);
                if (base < 0) {
                    throw new LoadException(name + ": does not fit the guest address space");
                }
                memory.unmap(base, GuestMemory.pageUp(span));
            }
            bias = base - lowest;
        }
        long low = Long.MAX_VALUE;
        long high = 0;
        for (Segment s : segments) {
            long start = s.vaddr + bias;
            long end = start + s.memsz;
            if (start < GuestMemory.LOW_LIMIT || end < start || end > GuestMemory.MMAP_TOP) {
                throw new LoadException(name + ": segment at 0x" + Long.toHexString(s.vaddr) + " does not fit the"
                        + " guest address space (0x" + Long.toHexString(GuestMemory.LOW_LIMIT) + "-0x"
                        + Long.toHexString(GuestMemory.MMAP_TOP) + ")");
            }
            low = Math.min(low, start);
            high = Math.max(high, end);
        }

        for (Segment s : segments) {
            mapPages(memory, s.vaddr + bias, s.memsz, s.prot);
        }
        for (Segment s : segments) {
            long start = s.vaddr + bias;
            memory.initialize(start, file, (int) s.offset, (int) s.filesz);
            // The rest of the page the file's bytes end in is zeroed (it may hold a neighbour's bytes); the pages
            // after it were just mapped, zero and untouched, so a large bss costs nothing until the guest uses it.
            long fileEnd = start + s.filesz;
            memory.zero(fileEnd, Math.min(start + s.memsz, GuestMemory.pageUp(fileEnd)) - fileEnd);
        }
        if (!interpreter) {
            memory.setBrkStart(high);
        }

        long phdr = phdrVaddr >= 0 ? phdrVaddr + bias : phdrFromSegments(segments, phoff, phnum, bias);
        return new ElfImage(name, entry + bias, phdr, PHDR_SIZE, phnum, bias, low, high, interpreterPath);
    }

    /** Maps the pages of a segment; a page another segment already mapped keeps its content and gets both permissions. */
    private static void mapPages(GuestMemory memory, long start, long length, int prot) {
        long first = GuestMemory.pageDown(start);
        long end = GuestMemory.pageUp(start + length);
        if (memory.isFree(first, end - first)) {
            memory.map(first, end - first, prot);
            return;
        }
        for (long page = first; page < end; page += GuestMemory.PAGE_SIZE) {
            int existing = memory.permissions(page);
            if (existing == 0) {
                memory.map(page, GuestMemory.PAGE_SIZE, prot);
            } else {
                memory.protect(page, GuestMemory.PAGE_SIZE, existing | prot);
            }
        }
    }

    /** Without PT_PHDR: the headers' address inside the segment that loads them, as Linux computes AT_PHDR. */
    private static long phdrFromSegments(List<Segment> segments, long phoff, int phnum, long bias) {
        for (Segment s : segments) {
            if (s.offset <= phoff && phoff + (long) phnum * PHDR_SIZE <= s.offset + s.filesz) {
                return s.vaddr + bias + (phoff - s.offset);
            }
        }
        Segment first = segments.getFirst();
        return first.vaddr - first.offset + bias + phoff;
    }
}
