package dbt.x86.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The buffer's invariants: it grows keeping offsets, writes little-endian, and patches only emitted bytes. */
class CodeBufferTest {
    @Test
    void growsAndKeepsOffsets() {
        CodeBuffer b = new CodeBuffer(16);
        for (int i = 0; i < 1000; i++) {
            b.emit8(i);
        }
        assertEquals(1000, b.size());
        assertEquals(999 & 0xFF, b.byteAt(999));
        assertEquals(7, b.byteAt(7));
    }

    @Test
    void littleEndian() {
        CodeBuffer b = new CodeBuffer();
        b.emit16(0x1234);
        b.emit32(0xAABBCCDD);
        b.emit64(0x0102030405060708L);
        assertEquals("34 12 dd cc bb aa 08 07 06 05 04 03 02 01", EncodingTestBase.hex(b.toByteArray()));
    }

    @Test
    void patchesOnlyInsideEmittedCode() {
        CodeBuffer b = new CodeBuffer();
        b.emit32(0);
        b.patch32(0, 0x11223344);
        b.patch8(3, 0x99);
        assertEquals("44 33 22 99", EncodingTestBase.hex(b.toByteArray()));
        assertThrows(IndexOutOfBoundsException.class, () -> b.patch32(1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> b.patch8(4, 0));
        assertEquals(4, b.size());
    }
}
