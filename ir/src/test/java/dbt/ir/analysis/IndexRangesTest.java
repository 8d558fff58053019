package dbt.ir.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.ir.Arithmetic;
import dbt.ir.Inst;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The ranges {@link IndexRanges} claims hold for every value the expression can take: random expressions of the
 * ops it reasons about (and others it must not), of every width, evaluated by the IR's own {@link Arithmetic} on
 * random and edge inputs. A claimed range that a value falls outside of would let a table lookup skip its memory
 * check while leaving the guest window.
 */
class IndexRangesTest {
    private static final Op[] OPS = {Op.AND, Op.SHR, Op.SHL, Op.ADD, Op.ZEXT, Op.OR, Op.SUB, Op.MUL};
    private static final Type[] TYPES = {Type.I8, Type.I16, Type.I32, Type.I64};
    private static final long[] EDGES = {0, 1, 2, 255, 256, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL, -1L, Long.MIN_VALUE,
            Long.MAX_VALUE};

    @Test
    void everyValueLiesInTheClaimedRange() {
        SplittableRandom random = new SplittableRandom(12);
        int bounded = 0;
        for (int n = 0; n < 20_000; n++) {
            List<Inst> inputs = new ArrayList<>();
            Inst e = expression(random, 4, inputs);
            long[] range = IndexRanges.of(e);
            if (range == null) {
                continue;
            }
            bounded++;
            assertTrue(range[0] >= 0 && range[0] <= range[1], "a range of non-negative bounds: " + e);
            for (int t = 0; t < 40; t++) {
                Map<Inst, Long> values = new IdentityHashMap<>();
                for (Inst in : inputs) {
                    long v = random.nextInt(3) == 0 ? EDGES[random.nextInt(EDGES.length)] : random.nextLong();
                    values.put(in, v & in.type.mask());
                }
                long v = evaluate(e, values);
                assertTrue(Long.compareUnsigned(v, range[0]) >= 0 && Long.compareUnsigned(v, range[1]) <= 0,
                        String.format("0x%x outside [0x%x, 0x%x]", v, range[0], range[1]));
            }
        }
        assertTrue(bounded > 5_000, "the expressions reach bounded ranges often: " + bounded);
    }

    @Test
    void aTableIndexIsBoundedAndARegisterIsNot() {
        Inst x = new Inst(Op.GET_REG, Type.I64, 0, 10);
        Inst index = shl(and(shr(x, 8), 255), 2);
        long[] range = IndexRanges.of(index);
        assertNotNull(range);
        assertEquals(0, range[0]);
        assertEquals(1020, range[1]);
        assertNull(IndexRanges.of(x));
        assertNull(IndexRanges.of(new Inst(Op.ADD, Type.I64, 0, 0, x, index)));
        // a table at a known address, reached through a base past its start (gcc: lw a5, -1840(a6))
        Inst past = new Inst(Op.ADD, Type.I64, 0, 0, index, new Inst(Op.CONST, Type.I64, 0x78400, 0));
        long[] table = IndexRanges.of(new Inst(Op.ADD, Type.I64, 0, 0, past, new Inst(Op.CONST, Type.I64, -0x730, 0)));
        assertNotNull(table);
        assertEquals(0x78400 - 0x730, table[0]);
        assertEquals(0x78400 - 0x730 + 1020, table[1]);
        assertNull(IndexRanges.of(new Inst(Op.ADD, Type.I64, 0, 0, index, new Inst(Op.CONST, Type.I64, -1, 0))),
                "an index that may be 0, less one, may be anything");
    }

    /**
     * An array index made from a C int: sext(w) scaled by 1 to 8 lies within the signed range claimed, for edge and
     * random words; a wider shift, a zero extension or a 64-bit register is no such index.
     */
    @Test
    void anIntIndexScaledByAnElementSizeStaysWithinItsReach() {
        SplittableRandom random = new SplittableRandom(3);
        Inst word = new Inst(Op.GET_REG, Type.I32, 0, 10);
        Inst extended = new Inst(Op.SEXT, Type.I64, 0, 0, word);
        for (int k = 0; k <= 3; k++) {
            Inst index = k == 0 ? extended : shl(extended, k);
            long[] range = IndexRanges.signedWord(index);
            assertNotNull(range, "scaled by " + (1 << k));
            assertEquals((long) Integer.MIN_VALUE << k, range[0]);
            assertEquals((long) Integer.MAX_VALUE << k, range[1]);
            assertTrue(range[1] - range[0] < 1L << 35, "within 2^34 either way");
            for (int t = 0; t < 1000; t++) {
                int w = t < EDGES.length ? (int) EDGES[t] : random.nextInt();
                long v = (long) w << k; // sext, then shl: the IR's own arithmetic
                assertEquals(v, Arithmetic.apply(Op.SHL, Arithmetic.signExtend(w & 0xffff_ffffL, 32), k, 64));
                assertTrue(v >= range[0] && v <= range[1]);
            }
        }
        assertNull(IndexRanges.signedWord(shl(extended, 4)), "a 16-byte element");
        assertNull(IndexRanges.signedWord(new Inst(Op.ZEXT, Type.I64, 0, 0, word)), "zero-extended: not negative");
        assertNull(IndexRanges.signedWord(new Inst(Op.GET_REG, Type.I64, 0, 10)), "any 64-bit value");
    }

    private static Inst shl(Inst x, long s) {
        return new Inst(Op.SHL, Type.I64, 0, 0, x, new Inst(Op.CONST, Type.I8, s, 0));
    }

    private static Inst shr(Inst x, long s) {
        return new Inst(Op.SHR, Type.I64, 0, 0, x, new Inst(Op.CONST, Type.I8, s, 0));
    }

    private static Inst and(Inst x, long m) {
        return new Inst(Op.AND, Type.I64, 0, 0, x, new Inst(Op.CONST, Type.I64, m, 0));
    }

    private static Inst expression(SplittableRandom r, int depth, List<Inst> inputs) {
        Type t = TYPES[r.nextInt(TYPES.length)];
        if (depth == 0 || r.nextInt(4) == 0) {
            if (r.nextBoolean()) {
                long c = r.nextBoolean() ? r.nextLong(-4096, 4096) : EDGES[r.nextInt(EDGES.length)];
                return new Inst(Op.CONST, t, c & t.mask(), 0);
            }
            Inst in = new Inst(Op.GET_REG, t, 0, inputs.size());
            inputs.add(in);
            return in;
        }
        Op op = OPS[r.nextInt(OPS.length)];
        Inst a = expression(r, depth - 1, inputs);
        if (op == Op.ZEXT) {
            Type wider = a.type == Type.I64 ? Type.I64 : TYPES[r.nextInt(List.of(TYPES).indexOf(a.type), TYPES.length)];
            return a.type == wider ? a : new Inst(Op.ZEXT, wider, 0, 0, a);
        }
        Inst b;
        if (op == Op.SHL || op == Op.SHR) {
            b = new Inst(Op.CONST, Type.I8, r.nextInt(70), 0);
        } else {
            b = retyped(expression(r, depth - 1, inputs), a.type, inputs);
        }
        return new Inst(op, a.type, 0, 0, a, b);
    }

    /** e as a value of type t: e itself, or a constant or input of that type in its place. */
    private static Inst retyped(Inst e, Type t, List<Inst> inputs) {
        if (e.type == t) {
            return e;
        }
        if (e.isConst()) {
            return new Inst(Op.CONST, t, e.aux & t.mask(), 0);
        }
        Inst in = new Inst(Op.GET_REG, t, 0, inputs.size());
        inputs.add(in);
        return in;
    }

    private static long evaluate(Inst e, Map<Inst, Long> inputs) {
        return switch (e.op) {
            case CONST -> e.aux;
            case GET_REG -> inputs.get(e);
            case ZEXT -> evaluate(e.operand(0), inputs);
            default -> Arithmetic.apply(e.op, evaluate(e.operand(0), inputs), evaluate(e.operand(1), inputs),
                    e.operand(0).type.bits);
        };
    }
}
