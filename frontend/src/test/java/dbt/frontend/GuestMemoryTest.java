package dbt.frontend;

import static dbt.frontend.GuestMemory.EXEC;
import static dbt.frontend.GuestMemory.MAPPED;
import static dbt.frontend.GuestMemory.PAGE_SIZE;
import static dbt.frontend.GuestMemory.READ;
import static dbt.frontend.GuestMemory.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.ir.GuestFault;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuestMemoryTest {
    private final GuestMemory memory = new GuestMemory();

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void loadsAndStoresAllSizesLittleEndianZeroExtended() {
        memory.map(0x20000, PAGE_SIZE, READ | WRITE);
        memory.store(0x20000, 8, 0x8877665544332211L);
        assertEquals(0x11, memory.load(0x20000, 1));
        assertEquals(0x2211, memory.load(0x20000, 2));
        assertEquals(0x44332211L, memory.load(0x20000, 4));
        assertEquals(0x8877665544332211L, memory.load(0x20000, 8));
        memory.store(0x20010, 1, 0xFF);
        memory.store(0x20012, 2, 0xFFFF);
        memory.store(0x20014, 4, 0xFFFF_FFFFL);
        assertEquals(0xFF, memory.load(0x20010, 1));
        assertEquals(0xFFFF, memory.load(0x20012, 2));
        assertEquals(0xFFFF_FFFFL, memory.load(0x20014, 4));
        memory.store(0x20021, 8, -2);
        assertEquals(-2, memory.load(0x20021, 8), "unaligned access works");
    }

    @Test
    void unmappedLowAndOutOfWindowAddressesFault() {
        memory.map(0x20000, PAGE_SIZE, READ | WRITE);
        assertFault(0x21000, GuestFault.Access.READ, () -> memory.load(0x21000, 4));
        assertFault(0, GuestFault.Access.WRITE, () -> memory.store(0, 8, 1));
        assertFault(0x8000, GuestFault.Access.READ, () -> memory.load(0x8000, 1));
        assertFault(-8, GuestFault.Access.READ, () -> memory.load(-8, 8));
        assertFault(1L << 32, GuestFault.Access.READ, () -> memory.load(1L << 32, 1));
        assertFault(0xFFFF_FFFEL, GuestFault.Access.READ, () -> memory.load(0xFFFF_FFFEL, 4));
        assertFault(Long.MAX_VALUE - 2, GuestFault.Access.WRITE, () -> memory.store(Long.MAX_VALUE - 2, 8, 0));
    }

    @Test
    void accessCrossingIntoAnUnmappedPageFaultsAtThatPage() {
        memory.map(0x20000, PAGE_SIZE, READ | WRITE);
        assertFault(0x21000, GuestFault.Access.WRITE, () -> memory.store(0x20FFC, 8, 0));
        assertEquals(0, memory.load(0x20FF8, 8));
    }

    @Test
    void permissionsAreEnforced() {
        memory.map(0x30000, PAGE_SIZE, READ | EXEC);
        memory.map(0x31000, PAGE_SIZE, READ | WRITE);
        memory.map(0x32000, PAGE_SIZE, 0);
        assertFault(0x30000, GuestFault.Access.WRITE, () -> memory.store(0x30000, 4, 1));
        assertFault(0x31000, GuestFault.Access.EXECUTE, () -> memory.fetch16(0x31000));
        assertFault(0x32000, GuestFault.Access.READ, () -> memory.load(0x32000, 1));
        assertEquals(0, memory.fetch16(0x30000));
        assertTrue(memory.protect(0x30000, PAGE_SIZE, READ | WRITE));
        memory.store(0x30000, 2, 0x1234);
        assertFault(0x30000, GuestFault.Access.EXECUTE, () -> memory.fetch16(0x30000));
        assertFalse(memory.protect(0x32000, 2 * PAGE_SIZE, READ), "range with an unmapped page");
        assertEquals(MAPPED, memory.permissions(0x32000));
        assertEquals(MAPPED | READ | WRITE, memory.permissionTable().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0x31));
    }

    @Test
    void remappedPagesReadAsZero() {
        memory.map(0x40000, 2 * PAGE_SIZE, READ | WRITE);
        memory.store(0x40008, 8, 42);
        memory.unmap(0x40000, 2 * PAGE_SIZE);
        assertFault(0x40008, GuestFault.Access.READ, () -> memory.load(0x40008, 8));
        memory.map(0x40000, PAGE_SIZE, READ);
        assertEquals(0, memory.load(0x40008, 8));
        memory.map(0x50000, PAGE_SIZE, READ | WRITE);
        memory.store(0x50000, 8, 7);
        memory.map(0x50000, PAGE_SIZE, READ | WRITE);
        assertEquals(0, memory.load(0x50000, 8), "mapping over a mapping replaces it");
    }

    @Test
    void bulkCopiesAndStrings() {
        memory.map(0x60000, 2 * PAGE_SIZE, READ | WRITE);
        byte[] hello = "hello\0world".getBytes(StandardCharsets.US_ASCII);
        memory.write(0x60FFC, hello, 0, hello.length);
        byte[] back = new byte[hello.length];
        memory.read(0x60FFC, back, 0, back.length);
        assertArrayEquals(hello, back);
        assertEquals("hello", memory.readCString(0x60FFC, 100));
        assertEquals(5, memory.cStringLength(0x60FFC, 100));
        assertEquals(-1, memory.cStringLength(0x60FFC, 3));
        assertEquals("hel", memory.readCString(0x60FFC, 3));
        memory.store(0x61FFF, 1, 'x');
        assertFault(0x62000, GuestFault.Access.READ, () -> memory.readCString(0x61FFF, 100));
        memory.protect(0x60000, PAGE_SIZE, READ);
        assertFault(0x60000, GuestFault.Access.WRITE, () -> memory.write(0x60000, hello, 0, 1));
        memory.initialize(0x60000, hello, 0, 1);
        assertEquals('h', memory.load(0x60000, 1));
        assertEquals(PAGE_SIZE + 1, memory.accessiblePrefix(0x60FFF, 1 << 20, READ));
        assertEquals(0, memory.accessiblePrefix(0x60FFF, 10, WRITE));
        assertEquals(10, memory.accessiblePrefix(0x61000, 10, WRITE));
    }

    @Test
    void brkGrowsShrinksAndZeroes() {
        memory.setBrkStart(0x80123);
        assertEquals(0x81000, memory.brk());
        assertEquals(0x81000, memory.brk(0), "a query");
        assertEquals(0x81000, memory.brk(0x10000), "below the start is refused");
        assertEquals(0x83800, memory.brk(0x83800));
        memory.store(0x83700, 8, 99);
        assertEquals(0x81008, memory.brk(0x81008));
        assertFault(0x83700, GuestFault.Access.READ, () -> memory.load(0x83700, 8));
        assertEquals(0x84000, memory.brk(0x84000));
        assertEquals(0, memory.load(0x83700, 8));
        memory.map(0x90000, PAGE_SIZE, READ);
        assertEquals(0x84000, memory.brk(0x95000), "would run into a mapping");
    }

    @Test
    void allocatorGoesTopDownAndHonoursHints() {
        long a = memory.allocate(0, 3 * PAGE_SIZE, READ | WRITE);
        assertEquals(GuestMemory.MMAP_TOP - 3 * PAGE_SIZE, a);
        long b = memory.allocate(0, 100, READ);
        assertEquals(a - PAGE_SIZE, b);
        memory.unmap(a, PAGE_SIZE);
        long c = memory.allocate(0, 2 * PAGE_SIZE, READ);
        assertEquals(b - 2 * PAGE_SIZE, c, "the one-page hole is too small");
        long d = memory.allocate(0, PAGE_SIZE, READ);
        assertEquals(a, d, "the hole is reused");
        assertEquals(0x7000_0000L, memory.allocate(0x7000_0000L, PAGE_SIZE, READ));
        assertEquals(c - PAGE_SIZE, memory.allocate(0x7000_0000L, PAGE_SIZE, READ), "taken hint falls back");
        assertEquals(-1, memory.allocate(0, GuestMemory.WINDOW_SIZE, READ));
        assertTrue(memory.isFree(0x1_0000, PAGE_SIZE));
        assertFalse(memory.isFree(0x8000, PAGE_SIZE));
    }

    @Test
    void hostWindowLayout() {
        assertEquals(GuestMemory.WINDOW_SIZE >>> GuestMemory.PAGE_SHIFT, memory.permissionTable().byteSize());
        assertEquals(memory.base() + 0x1234, memory.hostAddress(0x1234));
        assertThrows(IllegalArgumentException.class, () -> memory.map(0x1000, PAGE_SIZE, READ));
        assertThrows(IllegalArgumentException.class, () -> memory.map(0x20001, PAGE_SIZE, READ));
        assertThrows(IllegalArgumentException.class, () -> memory.map(GuestMemory.WINDOW_SIZE - PAGE_SIZE, 2 * PAGE_SIZE, READ));
    }

    private static void assertFault(long address, GuestFault.Access access, Runnable action) {
        GuestFault fault = assertThrows(GuestFault.class, action::run);
        assertEquals(address, fault.address(), "fault address");
        assertEquals(access, fault.access());
    }
}
