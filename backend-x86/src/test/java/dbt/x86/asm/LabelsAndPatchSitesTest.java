package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Label binding rules, errors at finish, and the patch sites reported for later retargeting. */
class LabelsAndPatchSitesTest {
    @Test
    void aLabelIsBoundOnce() {
        Assembler a = new Assembler();
        Label l = a.newLabel();
        assertFalse(l.isBound());
        a.nop();
        a.bind(l);
        assertTrue(l.isBound());
        assertEquals(1, l.offset());
        assertThrows(IllegalStateException.class, () -> a.bind(l));
    }

    @Test
    void finishRejectsAnUnboundLabel() {
        Assembler a = new Assembler();
        a.jmp(a.newLabel());
        assertThrows(IllegalStateException.class, () -> a.finish(0));
    }

    @Test
    void anUnusedUnboundLabelIsHarmless() {
        Assembler a = new Assembler();
        a.newLabel();
        a.ret();
        assertArrayEquals(new byte[] {(byte) 0xC3}, a.finish(0).bytes());
    }

    @Test
    void finishRejectsAnAbsoluteTargetOutOfRel32Range() {
        Assembler a = new Assembler();
        a.jmpAbsolute(0x1_0000_0000L);
        assertThrows(IllegalStateException.class, () -> a.finish(0x1000));
        a.finish(0x1_0000_1000L); // in range from there
    }

    @Test
    void finishCanBeRepeatedForAnotherLoadAddress() {
        Assembler a = new Assembler();
        a.callAbsolute(0x5000);
        assertEquals("e8 fb 3f 00 00", EncodingTestBase.hex(a.finish(0x1000).bytes()));
        assertEquals("e8 fb 2f 00 00", EncodingTestBase.hex(a.finish(0x2000).bytes()));
    }

    @Test
    void patchSitesAreReportedForTheJumpsAskedFor() {
        Assembler a = new Assembler();
        Label back = a.newLabel();
        a.bind(back);
        a.mov(EAX, 1);                                          // 0..5
        PatchSite j = a.jmpAbsolute(0x400000);                  // 5: e9 rel32
        PatchSite c = a.jccAbsolute(Cond.NE, 0x400000);         // 10: 0f 85 rel32
        a.jmp(back);                                            // 16: eb rel8, not a patch site
        PatchSite r = a.jccRel32(Cond.E, back);                 // 18
        PatchSite f = a.jmpRel32(back);                         // 24
        PatchSite k = a.call(back);                             // 29
        PatchSite x = a.callAbsolute(0x400000);                 // 34
        assertEquals(new PatchSite(5, 6, 5), j);
        assertEquals(new PatchSite(10, 12, 6), c);
        assertEquals(new PatchSite(18, 20, 6), r);
        assertEquals(new PatchSite(24, 25, 5), f);
        assertEquals(new PatchSite(29, 30, 5), k);
        assertEquals(new PatchSite(34, 35, 5), x);
        AssembledCode code = a.finish(0x401000);
        assertEquals(List.of(j, c, r, f, k, x), code.patchSites());
        assertEquals(39, code.size());
    }

    @Test
    void aPatchSiteComputesTheDisplacementForANewTarget() {
        Assembler a = new Assembler();
        a.nop();
        PatchSite site = a.jmpAbsolute(0x400000);
        AssembledCode code = a.finish(0x401000);
        int rel = site.rel32For(code.loadAddress(), 0x400000);
        byte[] b = code.bytes();
        int field = (b[site.rel32Offset()] & 0xFF) | (b[site.rel32Offset() + 1] & 0xFF) << 8
                | (b[site.rel32Offset() + 2] & 0xFF) << 16 | b[site.rel32Offset() + 3] << 24;
        assertEquals(field, rel);
        assertEquals(0x400000 - (0x401000 + 6), rel);
        assertThrows(IllegalArgumentException.class, () -> site.rel32For(0x401000, 0x1_0000_0000L));
    }

    @Test
    void condNegatePairsTheCodes() {
        assertEquals(Cond.NE, Cond.E.negate());
        assertEquals(Cond.AE, Cond.B.negate());
        assertEquals(Cond.LE, Cond.G.negate());
        for (Cond c : Cond.values()) {
            assertEquals(c, c.negate().negate());
            assertEquals(c.code() ^ 1, c.negate().code());
        }
    }

    @Test
    void aJumpTableHoldsEachLabelsOffsetFromItsStartWhereverTheCodeIsPlaced() {
        Assembler a = new Assembler(true);
        Label before = a.newLabel();
        Label after = a.newLabel();
        Label table = a.newLabel();
        a.bind(before);
        a.ret();
        a.align(4);
        a.bind(table);
        a.tableEntry(after, table);
        a.tableEntry(before, table);
        a.tableEntry(table, table);
        a.bind(after);
        a.ret();
        byte[] code = a.finish(0x7000).bytes();
        assertEquals("c3 0f 1f 00 0c 00 00 00 fc ff ff ff 00 00 00 00 c3", EncodingTestBase.hex(code));
        assertArrayEquals(code, a.finish(0x123456).bytes(), "(no absolute address in it)");
        assertTrue(a.listing().stream().anyMatch(e -> e.text().equals(".long L1-L2")), a.listing().toString());
        assertThrows(IllegalStateException.class, () -> a.tableEntry(before, a.newLabel()), "an unbound base");
    }
}
