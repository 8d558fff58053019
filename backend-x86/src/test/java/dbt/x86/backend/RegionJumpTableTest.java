package dbt.x86.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** When a region's indirect jump gets a table, and how far it reaches. */
class RegionJumpTableTest {
    @Test
    void aFewTargetsAreComparedInstead() {
        assertNull(RegionJumpTable.of(new long[] {0x1000, 0x1040}, -2));
        assertEquals(new RegionJumpTable(0x1000, 0x42), RegionJumpTable.of(new long[] {0x1040, 0x1000, 0x1010}, -2));
    }

    @Test
    void theTableReachesAnOddAddressPastTheHighestTargetOnlyWhereTheJumpClearsBitZero() {
        assertEquals(0x41, RegionJumpTable.of(new long[] {0x1000, 0x1010, 0x1040}, -1).entries());
        assertEquals(0x42, RegionJumpTable.of(new long[] {0x1000, 0x1010, 0x1040}, -2).entries());
    }

    @Test
    void targetsTooFarApartOrTooHighAreComparedInstead() {
        assertNull(RegionJumpTable.of(new long[] {0x1000, 0x1010, 0x1000 + RegionJumpTable.MAX_SPAN}, -2));
        assertEquals(RegionJumpTable.MAX_SPAN, RegionJumpTable.of(
                new long[] {0x1000, 0x1010, 0x1000 + RegionJumpTable.MAX_SPAN - 2}, -2).entries());
        assertNull(RegionJumpTable.of(new long[] {0x8000_0010L, 0x8000_0020L, 0x8000_0030L}, -2)); // (lea: a 32-bit -lowest)
    }
}
