package dbt.runtime.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dbt.frontend.ShippedIsa;
import dbt.isa.model.IsaModel;
import org.junit.jupiter.api.Test;

/** Final states compare by every part, and their difference names the line that differs. */
class FinalStateTest {
    private static final IsaModel MODEL = ShippedIsa.riscv64().model();

    private static FinalState state(String end, long pc, long x7, long csr0, int dataByte) {
        long[][] registers = new long[MODEL.registerFiles().size()][];
        for (int f = 0; f < registers.length; f++) {
            registers[f] = new long[MODEL.registerFiles().get(f).count()];
        }
        registers[0][7] = x7;
        long[] csrs = new long[MODEL.csrSlots()];
        csrs[0] = csr0;
        byte[] data = new byte[CheckLayout.DATA_BYTES];
        data[dataByte] = 1;
        return new FinalState(MODEL, end, pc, registers, csrs, data);
    }

    @Test
    void everyPartCounts() {
        FinalState a = state("ecall", 0x10000, 5, 0, 100);
        assertEquals(a, state("ecall", 0x10000, 5, 0, 100));
        assertNotEquals(a, state("ebreak", 0x10000, 5, 0, 100));
        assertNotEquals(a, state("ecall", 0x10004, 5, 0, 100));
        assertNotEquals(a, state("ecall", 0x10000, 6, 0, 100));
        assertNotEquals(a, state("ecall", 0x10000, 5, 1, 100));
        assertNotEquals(a, state("ecall", 0x10000, 5, 0, CheckLayout.DATA_BYTES - 1));
    }

    @Test
    void theDifferenceNamesTheWordThatDiffers() {
        String d = EquivalenceCheck.difference(state("ecall", 0x10000, 5, 0, 100).describe(),
                state("ecall", 0x10000, 5, 0, 101).describe());
        assertEquals("  interpreter: [0x20060] = 0x100000000\n  translated:  [0x20060] = 0x10000000000\n", d);
    }
}
