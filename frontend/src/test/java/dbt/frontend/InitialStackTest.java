package dbt.frontend;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitialStackTest {
    private final GuestMemory memory = new GuestMemory();

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void layoutParsesBackLikeTheKernelsOwn() throws LoadException {
        ElfImage image = new ElfImage("./prog", 0x10078, 0x10040, 56, 7, 0, 0x10000, 0x20000, null);
        byte[] random = new byte[16];
        for (int i = 0; i < 16; i++) {
            random[i] = (byte) (i + 1);
        }
        long hwcap = (1L << ('i' - 'a')) | (1L << ('m' - 'a')) | (1L << ('a' - 'a')) | (1L << ('c' - 'a'));
        long sp = new InitialStack(memory).hwcap(hwcap).identity(1000, 1001, 100, 101).random(random)
                .build(image, List.of("./prog", "one", "två"), List.of("HOME=/root", "X="), "./prog");
        assertEquals(0, sp % 16, "sp is 16-byte aligned");

        long p = sp;
        assertEquals(3, memory.load(p, 8));
        List<String> argv = new ArrayList<>();
        for (p += 8; memory.load(p, 8) != 0; p += 8) {
            argv.add(memory.readCString(memory.load(p, 8), 4096));
        }
        assertEquals(List.of("./prog", "one", "två"), argv);
        List<String> envp = new ArrayList<>();
        for (p += 8; memory.load(p, 8) != 0; p += 8) {
            envp.add(memory.readCString(memory.load(p, 8), 4096));
        }
        assertEquals(List.of("HOME=/root", "X="), envp);
        Map<Long, Long> auxv = new LinkedHashMap<>();
        for (p += 8; ; p += 16) {
            long tag = memory.load(p, 8);
            auxv.put(tag, memory.load(p + 8, 8));
            if (tag == InitialStack.AT_NULL) {
                break;
            }
        }
        assertEquals(List.of(16L, 6L, 17L, 3L, 4L, 5L, 7L, 8L, 9L, 11L, 12L, 13L, 14L, 23L, 25L, 31L, 0L),
                List.copyOf(auxv.keySet()), "the kernel's order");
        assertEquals(hwcap, auxv.get((long) InitialStack.AT_HWCAP));
        assertEquals(0x1105, hwcap);
        assertEquals(4096, auxv.get((long) InitialStack.AT_PAGESZ));
        assertEquals(100, auxv.get((long) InitialStack.AT_CLKTCK));
        assertEquals(0x10040, auxv.get((long) InitialStack.AT_PHDR));
        assertEquals(56, auxv.get((long) InitialStack.AT_PHENT));
        assertEquals(7, auxv.get((long) InitialStack.AT_PHNUM));
        assertEquals(0, auxv.get((long) InitialStack.AT_BASE));
        assertEquals(0x10078, auxv.get((long) InitialStack.AT_ENTRY));
        assertEquals(1000, auxv.get((long) InitialStack.AT_UID));
        assertEquals(1001, auxv.get((long) InitialStack.AT_EUID));
        assertEquals(100, auxv.get((long) InitialStack.AT_GID));
        assertEquals(101, auxv.get((long) InitialStack.AT_EGID));
        assertEquals(0, auxv.get((long) InitialStack.AT_SECURE));
        assertFalse(auxv.containsKey((long) InitialStack.AT_PLATFORM));
        byte[] back = new byte[16];
        memory.read(auxv.get((long) InitialStack.AT_RANDOM), back, 0, 16);
        assertArrayEquals(random, back);
        long execFn = auxv.get((long) InitialStack.AT_EXECFN);
        assertEquals("./prog", memory.readCString(execFn, 4096));
        assertEquals(GuestMemory.STACK_TOP - 8 - 7, execFn, "execfn sits at the very top");
        assertEquals(0, memory.load(GuestMemory.STACK_TOP - 8, 8));
        long lastEnv = memory.load(sp + 8 * (1 + 3 + 1 + 1), 8);
        assertEquals(execFn - 3, lastEnv, "strings are contiguous: ... envp[last] then execfn");
        assertTrue(auxv.get((long) InitialStack.AT_RANDOM) < memory.load(sp + 8, 8), "random below the strings");
    }

    @Test
    void platformStringIsOptional() throws LoadException {
        ElfImage image = new ElfImage("p", 0x10078, 0x10040, 56, 1, 0, 0x10000, 0x20000, null);
        long sp = new InitialStack(memory).platform("riscv64").build(image, List.of("p"), List.of(), "p");
        long p = sp + 8 * 4;
        long platform = 0;
        for (; memory.load(p, 8) != 0; p += 16) {
            if (memory.load(p, 8) == InitialStack.AT_PLATFORM) {
                platform = memory.load(p + 8, 8);
            }
        }
        assertEquals("riscv64", memory.readCString(platform, 100));
    }

    @Test
    void hugeArgumentListsAreRefused() {
        ElfImage image = new ElfImage("p", 0x10078, 0x10040, 56, 1, 0, 0x10000, 0x20000, null);
        String big = "x".repeat(3 << 20);
        LoadException e = assertThrows(LoadException.class,
                () -> new InitialStack(memory).build(image, List.of("p", big), List.of(), "p"));
        assertEquals("p: argument list too long", e.getMessage());
    }
}
