package dbt.ir.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.IrPrinter;
import dbt.ir.Op;
import org.junit.jupiter.api.Test;

/**
 * Flag-restore guards, on blocks as RISC-V's lifter writes {@code frflags t; flt.d r, a, b; fsflags t} (and
 * {@code frcsr}/{@code fscsr}): where the write restores the flags read, with only comparisons between, the clear
 * goes only where a comparison had a NaN operand; every other write keeps its clear. Each block is checked to behave
 * as before for every pair of edge values in the compared registers (NaNs of both kinds, infinities, zeros).
 */
class FlagRestoreGuardsTest {
    private static final long[] EDGES = {0, 0x8000_0000_0000_0000L, 0x3ff0_0000_0000_0000L, 0xbff0_0000_0000_0000L,
            0x7ff0_0000_0000_0000L, 0x7ff8_0000_0000_0000L, 0x7ff0_0000_0000_0001L, 0xfff8_0000_0000_0000L};

    /** frflags into 0:4, a comparison into 0:5, BETWEEN, then the flags field of csr0 written with WRITTEN. */
    private static final String BLOCK = """
            block 0x1000 {
              %csr = getcsr.i64 csr0
              %ff = fflags.i8
              %z = zext.i64 %ff
              %read = or.i64 %csr, %z
              %k1f = const.i64 0x1f
              %x = and.i64 %read, %k1f
              setreg 0:4, %x
              %a = getreg.i64 1:1
              %b = getreg.i64 1:2
              %rm = const.i8 0x0
              COMPARE
              BETWEEN
              %csr2 = getcsr.i64 csr0
              %keep = const.i64 0xffffffffffffffe0
              %high = and.i64 %csr2, %keep
              %low = and.i64 WRITTEN, %k1f
              %v = or.i64 %high, %low
              %m = and.i64 %v, %k1f
              fflags.clear %m
              setcsr csr0, %v
              exit.jump 0x2000
            }
            """;

    private static final String FLT = "%lt = float2.i1 flt, %a, %b, %rm\n  %ltz = zext.i64 %lt\n  setreg 0:5, %ltz";

    private static IrBlock guarded(String compare, String between, String written) throws Exception {
        String text = BLOCK.replace("COMPARE", compare).replace("BETWEEN", between).replace("WRITTEN", written);
        return PassedBlocks.passed(PassedBlocks.renumbered(text), EDGES, 1, new FlagRestoreGuards());
    }

    private static Inst clear(IrBlock b) {
        return b.insts.stream().filter(i -> i.op == Op.CLEAR_FLOAT_FLAGS).findFirst().orElseThrow();
    }

    @Test
    void aRestoreAroundComparisonsClearsOnlyForANaN() throws Exception {
        String feq = "%eq = float2.i1 feq, %b, %a, %rm\n  %eqz = zext.i64 %eq\n  setreg 0:6, %eqz";
        IrBlock b = guarded(FLT + "\n  " + feq, "", "%x");
        Inst mask = clear(b).operand(0);
        assertEquals(Op.SELECT, mask.op, IrPrinter.print(b));
        assertEquals(0x1f, mask.operand(2).aux, IrPrinter.print(b)); // no NaN: every flag kept
        assertEquals(2, PassedBlocks.count(b, Op.FLOAT1), "one NaN test per operand:\n" + IrPrinter.print(b));
    }

    @Test
    void aRestoreWithNothingBetweenClearsNothing() throws Exception {
        IrBlock b = guarded("", "", "%x");
        Inst mask = clear(b).operand(0);
        assertEquals(Op.CONST, mask.op, IrPrinter.print(b));
        assertEquals(0x1f, mask.aux);
    }

    @Test
    void aWholeFcsrRestoreIsOneToo() throws Exception {
        String text = BLOCK.replace("COMPARE", FLT).replace("BETWEEN", "")
                .replace("%x = and.i64 %read, %k1f", "%kff = const.i64 0xff\n  %x = and.i64 %read, %kff")
                .replace("%low = and.i64 WRITTEN, %k1f\n  %v = or.i64 %high, %low", "%v = and.i64 %x, %kff");
        IrBlock b = PassedBlocks.passed(PassedBlocks.renumbered(text), EDGES, 1, new FlagRestoreGuards());
        assertEquals(Op.SELECT, clear(b).operand(0).op, IrPrinter.print(b));
    }

    /** Two quiet comparisons in a row: the second reads the flags the first restored, from the CSR alone. */
    @Test
    void aReadAfterARestoreReadsNoHostFlags() throws Exception {
        String second = """
                  %csr3 = getcsr.i64 csr0
                  %ff3 = fflags.i8
                  %z3 = zext.i64 %ff3
                  %read3 = or.i64 %csr3, %z3
                  %x3 = and.i64 %read3, %k1f
                  setreg 0:3, %x3
                  exit.jump 0x2000
                """;
        String fadd = "  %s = float2.i64 fadd, %a, %b, %rm\n  setreg 1:3, %s\n";
        for (String before : new String[] {"", fadd}) {
            String text = BLOCK.replace("COMPARE", FLT).replace("BETWEEN", "").replace("WRITTEN", "%x")
                    .replace("  exit.jump 0x2000\n", before + second);
            IrBlock b = PassedBlocks.passed(PassedBlocks.renumbered(text), EDGES, 1, new FlagRestoreGuards());
            assertEquals(before.isEmpty() ? 1 : 2, PassedBlocks.count(b, Op.FLOAT_FLAGS), IrPrinter.print(b));
        }
    }

    @Test
    void otherWritesKeepTheirClear() throws Exception {
        String fadd = "%s = float2.i64 fadd, %a, %b, %rm\n  setreg 1:3, %s";
        String[][] cases = {
                {FLT, "", "%ltz"},                                  // other flags written
                {FLT, "", "%k1f"},                                  // every flag written: nothing to guard
                {FLT, fadd, "%x"},                                  // an addition between raises flags of its own
                {FLT, "setcsr csr0, %k1f", "%x"},                   // the CSR written between
                {FLT, "%sh = const.i64 0x1\n  %x2 = shl.i64 %x, %sh", "%x2"}, // the read's bits moved
                {FLT, "%ff2 = fflags.i8\n  %z2 = zext.i64 %ff2\n  setreg 0:7, %z2", "%x"}, // the host's flags read again
        };
        for (String[] c : cases) {
            IrBlock b = guarded(c[0], c[1], c[2]);
            Inst mask = clear(b).operand(0);
            assertEquals(Op.AND, mask.op, "kept for " + c[1] + " " + c[2] + ":\n" + IrPrinter.print(b));
        }
    }
}
