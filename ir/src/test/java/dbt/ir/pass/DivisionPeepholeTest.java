package dbt.ir.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbt.ir.IrBlock;
import dbt.ir.IrPrinter;
import dbt.ir.Op;
import dbt.ir.Type;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The peephole's rules for divisions, each checked to keep behaviour from every pair of edge values, at 32 and 64
 * bits, and to have its effect: the guards (Peephole#divisionGuards) of a division written with an ISA's cases for a
 * zero divisor and for MIN / -1 (RISC-V's table 13.1, as rv64m.isa writes it) go where the IR's own division settles
 * them alike, and stay where it does not (a zero divisor's quotient, a wrong value or a wrong test); a remainder of a
 * quotient's operands (Peephole#remainderOfQuotient) is a multiply and a subtraction, not a second division.
 */
class DivisionPeepholeTest {
    /** Registers 0:1 and 0:2 hold a and b (at 32 bits, their low words); the result goes to 0:3. */
    private static final long[] EDGES = {0, 1, -1, 2, -2, 7, -7, Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE,
            0x8000_0000L, 0x7fff_ffffL, 0xffff_ffffL, 0xffff_ffff_8000_0000L};

    /** The ISA's shapes: each select here is needless but a zero divisor's quotient. */
    private static final String[] RISCV = {
            // div: b == 0 ? -1 : (b == -1 && a == MIN) ? a : a / b
            "%10 = div.s.T %a, %b\n %11 = select.T %ovf, %a, %10\n %12 = select.T %zero, %m1, %11",
            // rem: b == 0 ? a : (b == -1 && a == MIN) ? 0 : a % b
            "%10 = rem.s.T %a, %b\n %11 = select.T %ovf, %k0, %10\n %12 = select.T %zero, %a, %11",
            "%10 = div.u.T %a, %b\n %11 = const.T 0x0\n %12 = select.T %zero, %m1, %10",
            "%10 = rem.u.T %a, %b\n %11 = const.T 0x0\n %12 = select.T %zero, %a, %10",
            // the overflow test the other way round, its value MIN itself
            "%10 = div.s.T %a, %b\n %11 = select.T %ovf2, %min, %10\n %12 = select.T %zero, %m1, %11",
    };

    /** Guards the IR's division does not settle alike: each must stay. */
    private static final String[] OTHERS = {
            "%10 = div.u.T %a, %b\n %11 = const.T 0x0\n %12 = select.T %zero, %a, %10", // x / 0 is 0, not a
            "%10 = div.s.T %a, %b\n %11 = const.T 0x0\n %12 = select.T %ovf, %k0, %10", // MIN / -1 is MIN, not 0
            "%10 = rem.s.T %a, %b\n %11 = const.T 0x0\n %12 = select.T %ovf, %a, %10", // MIN % -1 is 0, not MIN
            "%10 = rem.u.T %a, %b\n %11 = const.T 0x0\n %12 = select.T %zero, %b, %10", // x % 0 is x, not 0
            "%10 = rem.u.T %a, %b\n %11 = const.T 0x0\n %12 = select.T %one, %a, %10", // b == 1 is no zero test
            "%10 = rem.s.T %a, %b\n %11 = const.T 0x0\n %12 = select.T %ovfU, %k0, %10", // b == 1 && a == MIN
    };

    private static String block(String body, Type t) {
        long mask = t.mask();
        String type = t.text();
        String ab = t == Type.I64 ? """
                  %a = getreg.i64 0:1
                  %b = getreg.i64 0:2
                """ : """
                  %ra = getreg.i64 0:1
                  %rb = getreg.i64 0:2
                  %a = trunc.i32 %ra
                  %b = trunc.i32 %rb
                """;
        String text = "block 0x1000 {\n" + ab + """
                  %k0 = const.T 0x0
                  %k1 = const.T 0x1
                  %m1 = const.T M1
                  %min = const.T MIN
                  %zero = eq.i1 %b, %k0
                  %one = eq.i1 %b, %k1
                  %isM1 = eq.i1 %b, %m1
                  %isMin = eq.i1 %min, %a
                  %ovf = and.i1 %isM1, %isMin
                  %ovf2 = and.i1 %isMin, %isM1
                  %ovfU = and.i1 %one, %isMin
                  BODY
                  %r = RESULT
                  setreg 0:3, %r
                  exit.jump 0x2000
                }
                """;
        text = text.replace("BODY", body.replace("\n", "\n  "))
                .replace("RESULT", t == Type.I64 ? "add.i64 %12, %k0" : "sext.i64 %12")
                .replace(".T", "." + type)
                .replace("M1", "0x" + Long.toHexString(-1L & mask))
                .replace("MIN", "0x" + Long.toHexString(1L << (t.bits - 1)));
        return PassedBlocks.renumbered(text);
    }

    private static long count(IrBlock b, Op op) {
        return PassedBlocks.count(b, op);
    }

    /** The selects left after the peephole and dce, which keep the block's behaviour (see {@link #optimised}). */
    private static long selectsLeft(String text) throws Exception {
        return count(optimised(text), Op.SELECT);
    }

    /** The block after the peephole and dce, checked to behave as before from every pair of edge values. */
    private static IrBlock optimised(String text) throws Exception {
        return PassedBlocks.passed(text, EDGES, 0, new Peephole(), new DeadCodeElimination());
    }

    @ParameterizedTest
    @EnumSource(value = Type.class, names = {"I32", "I64"})
    void theIsasGuardsGoButAZeroDivisorsQuotient(Type t) throws Exception {
        long[] left = {1, 0, 1, 0, 1}; // (div and div.u keep the zero divisor's -1)
        for (int k = 0; k < RISCV.length; k++) {
            assertEquals(left[k], selectsLeft(block(RISCV[k], t)), "selects left of\n" + block(RISCV[k], t));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Type.class, names = {"I32", "I64"})
    void guardsTheDivisionDoesNotSettleStay(Type t) throws Exception {
        for (String body : OTHERS) {
            assertEquals(1, selectsLeft(block(body, t)), "selects left of\n" + block(body, t));
        }
    }

    /** Quotient then remainder of the same operands, bare and as the ISA guards them, and others. */
    private static final String[] PAIRS = {
            "%10 = div.s.T %a, %b\n %11 = rem.s.T %a, %b\n %12 = add.T %10, %11",
            "%10 = div.u.T %a, %b\n %11 = rem.u.T %a, %b\n %12 = xor.T %10, %11",
            // RISC-V's div then rem, each guarded
            "%20 = div.s.T %a, %b\n %21 = select.T %ovf, %a, %20\n %22 = select.T %zero, %m1, %21\n"
                    + " %23 = rem.s.T %a, %b\n %24 = select.T %ovf, %k0, %23\n %25 = select.T %zero, %a, %24\n"
                    + " %12 = sub.T %22, %25",
            // the remainder first: the quotient moves before it
            "%10 = rem.s.T %a, %b\n %11 = div.s.T %a, %b\n %12 = add.T %10, %11",
            "%10 = rem.u.T %a, %b\n %13 = mul.T %10, %a\n %11 = div.u.T %a, %b\n %12 = add.T %13, %11",
    };

    /** Pairs that keep their two divisions: other operands, other signedness. */
    private static final String[] NOT_PAIRS = {
            "%10 = div.u.T %a, %b\n %11 = rem.u.T %b, %a\n %12 = add.T %10, %11",
            "%10 = div.s.T %a, %b\n %11 = rem.u.T %a, %b\n %12 = add.T %10, %11",
    };

    private static long divisions(IrBlock b) {
        return count(b, Op.DIV_S) + count(b, Op.DIV_U) + count(b, Op.REM_S) + count(b, Op.REM_U);
    }

    @ParameterizedTest
    @EnumSource(value = Type.class, names = {"I32", "I64"})
    void aRemainderAfterItsQuotientIsNoSecondDivision(Type t) throws Exception {
        for (String body : PAIRS) {
            IrBlock b = optimised(block(body, t));
            assertEquals(1, divisions(b), "divisions left in\n" + IrPrinter.print(b));
        }
        for (String body : NOT_PAIRS) {
            IrBlock b = optimised(block(body, t));
            assertEquals(2, divisions(b), "divisions left in\n" + IrPrinter.print(b));
        }
    }
}
