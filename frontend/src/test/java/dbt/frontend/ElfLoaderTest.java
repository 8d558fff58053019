package dbt.frontend;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static dbt.frontend.GuestMemory.EXEC;
import static dbt.frontend.GuestMemory.MAPPED;
import static dbt.frontend.GuestMemory.READ;
import static dbt.frontend.GuestMemory.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ElfLoaderTest {
    private final GuestMemory memory = new GuestMemory();
    private final ElfLoader loader = new ElfLoader(243, "riscv64");

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void loadsSegmentsWithPermissionsAndBss() throws LoadException {
        byte[] file = TinyElf.typical().build();
        ElfImage image = loader.load("prog", file, memory);
        assertEquals(0x10078, image.entry());
        assertEquals(0x10040, image.phdr(), "headers found inside the first segment");
        assertEquals(56, image.phent());
        assertEquals(2, image.phnum());
        assertEquals(0, image.loadBias());
        assertEquals(0x10000, image.lowAddress());
        assertEquals(0x13010, image.highAddress());
        assertEquals(0x14000, memory.brk());
        assertEquals(MAPPED | READ | EXEC, memory.permissions(0x10000));
        assertEquals(MAPPED | READ | WRITE, memory.permissions(0x11000));
        assertEquals(MAPPED | READ | WRITE, memory.permissions(0x13000));
        assertEquals(0, memory.permissions(0x14000));
        assertEquals(0x0807060504030201L, memory.load(0x11000, 8));
        assertEquals(0, memory.load(0x11008, 8), "bss is zero");
        assertEquals(0x464C457F, memory.load(0x10000, 4));
        assertEquals(1, memory.load(0x10040, 4), "PT_LOAD type of the first header");
    }

    @Test
    void prefersPtPhdrAndSharesPagesBetweenSegments() throws LoadException {
        TinyElf elf = new TinyElf().header(6, 64, 0x10040, 3 * 56);
        elf.phdrs.add(new TinyElf.Phdr(1, 5, 0, 0x10000, 0x800, 0x800));
        elf.payloads.add(null);
        elf.load(6, 0x800, 0x10800, new byte[] {9}, 0x100);
        byte[] file = elf.build();
        Arrays.fill(file, 0x200, 0x800, (byte) 0x55);
        ElfImage image = loader.load("prog", file, memory);
        assertEquals(0x10040, image.phdr());
        assertEquals(MAPPED | READ | WRITE | EXEC, memory.permissions(0x10000));
        assertEquals(0x55, memory.load(0x107FF, 1), "the first segment's bytes survive the second");
        assertEquals(9, memory.load(0x10800, 1));
        assertEquals(0, memory.load(0x10801, 1));
    }

    @Test
    void loadsStaticPieAtTheBias() throws LoadException {
        TinyElf elf = new TinyElf();
        elf.type = 3;
        elf.entry = 0x120;
        elf.load(5, 0, 0, new byte[0x200], 0x200);
        ElfImage image = loader.load("pie", elf.build(), memory);
        assertEquals(ElfLoader.PIE_BIAS, image.loadBias());
        assertEquals(ElfLoader.PIE_BIAS + 0x120, image.entry());
        assertEquals(ElfLoader.PIE_BIAS + 64, image.phdr());
        assertEquals(MAPPED | READ | EXEC, memory.permissions(ElfLoader.PIE_BIAS));
    }

    @Test
    void rejectsWhatIsNotAnElf() {
        assertMessage("prog: not an ELF file", "#!/bin/sh\necho hi\n".getBytes());
        assertMessage("prog: not an ELF file", new byte[0]);
        assertMessage("prog: truncated ELF (20 bytes, shorter than the ELF header)",
                Arrays.copyOf(TinyElf.typical().build(), 20));
    }

    @Test
    void rejectsTruncatedHeadersAndSegments() {
        byte[] file = TinyElf.typical().build();
        assertMessage("prog: truncated ELF (program headers at 0x40 extend past the end of the 100-byte file)",
                Arrays.copyOf(file, 100));
        assertMessage("prog: truncated ELF (segment 1 needs file bytes up to 0x1008, the file has 0x1004)",
                Arrays.copyOf(file, 0x1004));
        assertEquals(0, memory.permissions(0x10000), "nothing mapped after a failed load");
    }

    @Test
    void rejectsOtherMachinesClassesAndTypes() {
        assertMessage("prog: ELF machine 62 (x86-64) is not riscv64", patch(2, 18, 62));
        assertMessage("prog: ELF machine 9999 is not riscv64", patch(2, 18, 9999));
        assertMessage("prog: 32-bit ELF is not supported (need ELF64)", patch(1, 4, 1));
        assertMessage("prog: big-endian ELF is not supported", patch(1, 5, 2));
        assertMessage("prog: relocatable object file, not an executable", patch(2, 16, 1));
        assertMessage("prog: core dump, not an executable", patch(2, 16, 4));
        assertMessage("prog: unsupported ELF type 7", patch(2, 16, 7));
        assertMessage("prog: invalid program header size 32 (expected 56)", patch(2, 54, 32));
    }

    @Test
    void rejectsBadInterpreterNamesAndUnloadable() {
        TinyElf dynamic = TinyElf.typical().header(3, 0x200, 0x10200, 0x10);
        assertMessage("prog: invalid ELF (its interpreter's name is not a string in the file)", dynamic.build());
        TinyElf noLoad = new TinyElf().header(4, 0x100, 0, 0x10);
        assertMessage("prog: no loadable segments", noLoad.build());
        TinyElf low = new TinyElf().load(5, 0, 0x1000, new byte[0x100], 0x100);
        assertMessage("prog: segment at 0x1000 does not fit the guest address space (0x10000-0xe0000000)", low.build());
        TinyElf huge = new TinyElf().load(5, 0, 0x10000, new byte[0x100], 1L << 40);
        assertMessage("prog: segment at 0x10000 does not fit the guest address space (0x10000-0xe0000000)",
                huge.build());
    }

    @Test
    void reportsFileProblemsInOneLine(@TempDir Path dir) throws IOException {
        LoadException missing = assertThrows(LoadException.class, () -> loader.load(dir.resolve("nope"), memory));
        assertEquals(dir.resolve("nope") + ": no such file or directory", missing.getMessage());
        LoadException directory = assertThrows(LoadException.class, () -> loader.load(dir, memory));
        assertEquals(dir + ": is a directory", directory.getMessage());
        Path script = Files.writeString(dir.resolve("script"), "echo hi\n");
        assertEquals(script + ": not an ELF file",
                assertThrows(LoadException.class, () -> loader.load(script, memory)).getMessage());
        assertEquals(0, missing.getStackTrace().length);
    }

    @Test
    void loadsARealStaticRiscvBinary(@TempDir Path dir) throws Exception {
        Path source = Files.writeString(dir.resolve("hello.c"),
                "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n");
        Path binary = dir.resolve("hello");
        assumeTrue(compile(source, binary), "riscv64-linux-gnu-gcc not available");
        byte[] file = Files.readAllBytes(binary);
        ByteBuffer elf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        ElfImage image = loader.load(binary, memory);
        assertEquals(elf.getLong(24), image.entry());
        assertEquals(elf.getShort(56), image.phnum());
        assertNotEquals(0, memory.fetch16(image.entry()), "entry is executable and loaded");
        byte[] phdrs = new byte[image.phnum() * 56];
        memory.read(image.phdr(), phdrs, 0, phdrs.length);
        long phoff = elf.getLong(32);
        assertArrayEquals(Arrays.copyOfRange(file, (int) phoff, (int) phoff + phdrs.length), phdrs);
        assertEquals(GuestMemory.pageUp(image.highAddress()), memory.brk());
    }

    static boolean compile(Path source, Path binary) throws Exception {
        try {
            Process p = new ProcessBuilder("riscv64-linux-gnu-gcc", "-O2", "-static", "-o", binary.toString(),
                    source.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] patch(int size, int offset, int value) {
        byte[] file = TinyElf.typical().build();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (size == 1) {
            b.put(offset, (byte) value);
        } else {
            b.putShort(offset, (short) value);
        }
        return file;
    }

    private void assertMessage(String expected, byte[] file) {
        LoadException e = assertThrows(LoadException.class, () -> loader.load("prog", file, memory));
        assertEquals(expected, e.getMessage());
    }
}
