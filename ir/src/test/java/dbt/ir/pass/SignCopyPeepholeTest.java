package dbt.ir.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.ir.IrBlock;
import dbt.ir.IrPrinter;
import dbt.ir.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The peephole's rules for a value's sign put back on its other bits (Peephole#signCopies), on the IR RISC-V's float
 * register moves lift to ({@code fsgnj.s fd, fs, fs}: rv64f.isa unboxes fs once for the sign and once for the rest;
 * {@code fsgnj.d}): each checked to keep the block's behaviour from edge values (NaN-boxed singles and not, either
 * sign, NaNs, infinities) and to have its effect: the move is the unboxing and the box again, no sign arithmetic.
 * Where the sign comes from another register, or the shift is not the sign's, the block keeps its ops.
 */
class SignCopyPeepholeTest {
    private static final long[] EDGES = {0, 1, -1, 0x8000_0000L, 0x7fff_ffffL, 0xffff_ffff_3f80_0000L,
            0xffff_ffff_bf80_0000L, 0xffff_ffff_7fc0_0000L, 0xffff_ffff_ff80_0000L, 0x0000_0001_3f80_0000L,
            0x7ff8_0000_0000_0000L, 0x8000_0000_0000_0000L, 0xbff0_0000_0000_0000L, Long.MAX_VALUE};

    /** RISC-V's unboxing of %G as a single: its low word if the upper is all ones, else the canonical NaN. */
    private static String unbox(String name, String g) {
        return ("""
                  %NAMEk32 = const.i64 0x20
                  %NAMEhi = shr.i64 %NAMEg, %NAMEk32
                  %NAMEhw = trunc.i32 %NAMEhi
                  %NAMEones = const.i32 0xffffffff
                  %NAMEboxed = eq.i1 %NAMEhw, %NAMEones
                  %NAMElo = trunc.i32 %NAMEg
                  %NAMEnan = const.i32 0x7fc00000
                  %NAME = select.i32 %NAMEboxed, %NAMElo, %NAMEnan
                """).replace("NAMEg", g).replace("NAME", name);
    }

    /**
     * fsgnj.s 1:3, 1:A, 1:B as rv64f.isa lifts it (the sign of B's single with the rest of A's; one read of a register
     * both name), the sign's shift s.
     */
    private static String fsgnjS(String a, String b, int s) {
        return fsgnjS(a, b, s, "").replace("%flag", "%neg");
    }

    /**
     * As {@link #fsgnjS(String, String, int)}, the sign's flag then changed by more: {@code %neg} redefined (fsgnjn:
     * {@code not}; fsgnjx: {@code xor} with the flag of A's sign).
     */
    private static String fsgnjS(String a, String b, int s, String more) {
        String reads = a.equals(b) ? "  %ga = getreg.i64 " + a + "\n" : "  %ga = getreg.i64 " + a + "\n  %gb = getreg.i64 "
                + b + "\n";
        return "block 0x1000 {\n" + reads + unbox("u", a.equals(b) ? "ga" : "gb") + """
                  %s31 = const.i32 SHIFT
                  %sh = shr.i32 %u, %s31
                  %k1 = const.i32 0x1
                  %bit = and.i32 %sh, %k1
                  %k0 = const.i32 0x0
                  %neg = ne.i1 %bit, %k0
                """.replace("SHIFT", "0x" + Integer.toHexString(s)) + unbox("v", "ga") + more + """
                  %rest = const.i32 0x7fffffff
                  %low = and.i32 %v, %rest
                  %back = const.i32 0x1f
                  %z = zext.i32 %flag
                  %sign = shl.i32 %z, %back
                  %r = or.i32 %sign, %low
                  %rz = zext.i64 %r
                  %box = const.i64 0xffffffff00000000
                  %boxed = or.i64 %box, %rz
                  setreg 1:3, %boxed
                  exit.jump 0x2000
                }
                """;
    }

    /** fsgnj.d 1:3, 1:1, 1:1: bit 63 of the register with its bits 62..0. */
    private static final String FSGNJ_D = """
            block 0x1000 {
              %x = getreg.i64 1:1
              %k63 = const.i64 0x3f
              %sh = shr.i64 %x, %k63
              %k1 = const.i64 0x1
              %bit = and.i64 %sh, %k1
              %k0 = const.i64 0x0
              %neg = ne.i1 %bit, %k0
              %rest = const.i64 0x7fffffffffffffff
              %low = and.i64 %x, %rest
              %z = zext.i64 %neg
              %sign = shl.i64 %z, %k63
              %r = or.i64 %sign, %low
              setreg 1:3, %r
              exit.jump 0x2000
            }
            """;

    /** The block after the peephole, constant folding and dce, checked to behave as before from every edge value. */
    private static IrBlock optimised(String named) throws Exception {
        return PassedBlocks.passed(PassedBlocks.renumbered(named), EDGES, 1, new Peephole(), new ConstantFolding(),
                new DeadCodeElimination());
    }

    private static long count(IrBlock b, Op op) {
        return PassedBlocks.count(b, op);
    }

    @Test
    void aSinglesMoveIsItsUnboxingBoxedAgain() throws Exception {
        IrBlock b = optimised(fsgnjS("1:1", "1:1", 31));
        assertEquals(0, count(b, Op.SHL), IrPrinter.print(b));
        assertEquals(0, count(b, Op.NE), IrPrinter.print(b));
        assertEquals(1, count(b, Op.OR), "only the box's or:\n" + IrPrinter.print(b));
        assertEquals(0, count(b, Op.AND), IrPrinter.print(b));
    }

    @Test
    void aDoublesMoveIsTheRegister() throws Exception {
        IrBlock b = optimised(FSGNJ_D);
        assertEquals(List.of(Op.GET_REG, Op.SET_REG, Op.EXIT_JUMP), b.insts.stream().map(i -> i.op).toList(),
                IrPrinter.print(b));
    }

    @Test
    void aSignFromAnotherRegisterStays() throws Exception {
        IrBlock b = optimised(fsgnjS("1:1", "1:2", 31));
        assertEquals(2, count(b, Op.OR), "the sign's or and the box's:\n" + IrPrinter.print(b));
        assertTrue(count(b, Op.AND) >= 2, IrPrinter.print(b));
    }

    @Test
    void aBitThatIsNotTheSignStaysWhereItIs() throws Exception {
        IrBlock b = optimised(fsgnjS("1:1", "1:1", 30));
        assertEquals(1, count(b, Op.SHL), IrPrinter.print(b));
        assertEquals(2, count(b, Op.OR), IrPrinter.print(b));
    }

    private static final String NEGATED = "  %flag = not.i1 %neg\n";
    private static final String ABSOLUTE = """
              %vs = shr.i32 %v, %s31
              %vbit = and.i32 %vs, %k1
              %vneg = ne.i1 %vbit, %k0
              %flag = xor.i1 %vneg, %neg
            """;

    @Test
    void aSinglesNegationIsOneXor() throws Exception {
        IrBlock b = optimised(fsgnjS("1:1", "1:1", 31, NEGATED));
        assertEquals(0, count(b, Op.SHL), IrPrinter.print(b));
        assertEquals(1, count(b, Op.XOR), IrPrinter.print(b));
        assertEquals(1, count(b, Op.OR), "only the box's or:\n" + IrPrinter.print(b));
        IrBlock other = optimised(fsgnjS("1:1", "1:2", 31, NEGATED)); // (fsgnjn with another sign: kept)
        assertEquals(2, count(other, Op.OR), IrPrinter.print(other));
    }

    @Test
    void aSinglesAbsoluteValueIsOneAnd() throws Exception {
        IrBlock b = optimised(fsgnjS("1:1", "1:1", 31, ABSOLUTE));
        assertEquals(0, count(b, Op.SHL), IrPrinter.print(b));
        assertEquals(0, count(b, Op.XOR), IrPrinter.print(b));
        assertEquals(1, count(b, Op.AND), IrPrinter.print(b));
        IrBlock other = optimised(fsgnjS("1:1", "1:2", 31, ABSOLUTE)); // (fsgnjx of two registers: kept)
        assertEquals(1, count(other, Op.XOR), IrPrinter.print(other));
    }

    @Test
    void masksOfOneValueJoin() throws Exception {
        IrBlock b = optimised("""
                block 0x1000 {
                  %x = getreg.i64 1:1
                  %m = const.i64 0xff
                  %n = const.i64 0xff00
                  %p = and.i64 %x, %m
                  %k8 = const.i64 0x8
                  %y = shl.i64 %x, %k8
                  %ys = shr.i64 %y, %k8
                  %q = and.i64 %x, %n
                  %r = or.i64 %p, %q
                  setreg 1:3, %r
                  exit.jump 0x2000
                }
                """);
        assertEquals(0, count(b, Op.OR), IrPrinter.print(b));
        assertEquals(1, count(b, Op.AND), IrPrinter.print(b));
    }
}
