package dbt.runtime.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dbt.ir.analysis.LoopRegions;
import org.junit.jupiter.api.Test;

/** Where an indirect jump went: its distinct targets, the most frequent first, up to a limit. */
class JumpProfileTest {
    @Test
    void targetsComeMostFrequentFirst() {
        JumpProfile p = new JumpProfile();
        assertArrayEquals(new long[0], p.of(0x100));
        p.wentTo(0x100, 0x200);
        p.wentTo(0x100, 0x300);
        p.wentTo(0x100, 0x400);
        p.wentTo(0x100, 0x400);
        p.wentTo(0x100, 0x300);
        p.wentTo(0x100, 0x400);
        p.wentTo(0x180, 0x200);
        assertArrayEquals(new long[] {0x400, 0x300, 0x200}, p.of(0x100));
        assertArrayEquals(new long[] {0x200}, p.of(0x180));
    }

    @Test
    void atMostTheRegionSearchsLimitOfTargetsIsKept() {
        JumpProfile p = new JumpProfile();
        for (int k = 0; k < LoopRegions.MAX_JUMP_TARGETS + 10; k++) {
            p.wentTo(0x100, 0x1000 + 2L * k);
        }
        assertArrayEquals(new long[] {0x1000, 0x1002}, java.util.Arrays.copyOf(p.of(0x100), 2));
        org.junit.jupiter.api.Assertions.assertEquals(LoopRegions.MAX_JUMP_TARGETS, p.of(0x100).length);
    }
}
