package dbt.ir.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Which loads {@link SignedLoads} folds into their sign extension, and how {@link SignedLoads#shareExtensions} lets a
 * loaded word that is also read as a word be folded too.
 */
class SignedLoadsTest {
    /** lw a5, 0(a0); then a user of the loaded word as made by user (null: none), and a5 written. */
    private static IrBlock loadWord(BiFunction<IrBlock, Inst, Inst> user) {
        IrBlock b = new IrBlock(0x1000);
        Inst address = b.add(new Inst(Op.GET_REG, Type.I64, 0, 10));
        Inst word = b.add(new Inst(Op.LOAD, Type.I32, 4, 0, address));
        Inst extended = b.add(new Inst(Op.SEXT, Type.I64, 0, 0, word));
        b.add(new Inst(Op.SET_REG, Type.I64, 0, 15, extended));
        if (user != null) {
            b.add(user.apply(b, word));
        }
        b.add(new Inst(Op.EXIT_JUMP, Type.I64, 0x2000, 0));
        return b;
    }

    @Test
    void aLoadOnlyItsExtensionReadsIsFoldedIntoIt() {
        IrBlock b = loadWord(null);
        assertEquals(Map.of(b.insts.get(2), b.insts.get(1)), SignedLoads.of(b, Set.of()));
        assertEquals(Map.of(), SignedLoads.of(b, Set.of(b.insts.get(1))), "an excluded load");
    }

    @Test
    void aWordAlsoComparedIsReadFromTheExtensionsLowHalf() {
        IrBlock b = loadWord((block, w) -> new Inst(Op.LT_S, Type.I1, 0, 0, w,
                block.add(new Inst(Op.CONST, Type.I32, 0, 0))));
        Inst word = b.insts.get(1);
        Inst extended = b.insts.get(2);
        assertEquals(Map.of(), SignedLoads.of(b, Set.of()), "two users: not folded as it is");
        SignedLoads.shareExtensions(b);
        Inst low = b.insts.get(b.insts.indexOf(extended) + 1);
        assertEquals(Op.TRUNC, low.op);
        assertSame(extended, low.operand(0));
        Inst compare = b.insts.stream().filter(i -> i.op == Op.LT_S).findFirst().orElseThrow();
        assertSame(low, compare.operand(0), "the compare reads the extension's word");
        assertEquals(Map.of(extended, word), SignedLoads.of(b, Set.of()));
        assertEquals(Set.of(low), NarrowViews.of(b), "read in the extension's register");
    }

    @Test
    void aWordReadOtherwiseThanByAComparisonIsLeftAlone() {
        // Word arithmetic would wait a cycle longer for a sign-extending load: a plain load and an extension instead.
        assertLeftAlone(loadWord((block, w) -> new Inst(Op.ADD, Type.I32, 0, 0, w, w)));
        // A zero extension reads the loaded word's upper half as zero, which the sign extension's is not.
        assertLeftAlone(loadWord((block, w) -> new Inst(Op.ZEXT, Type.I64, 0, 0, w)));
    }

    private static void assertLeftAlone(IrBlock b) {
        int before = b.insts.size();
        SignedLoads.shareExtensions(b);
        assertEquals(before, b.insts.size());
        assertEquals(Map.of(), SignedLoads.of(b, Set.of()));
    }

    @Test
    void aHalfwordIsLeftAlone() {
        IrBlock b = new IrBlock(0x1000);
        Inst address = b.add(new Inst(Op.GET_REG, Type.I64, 0, 10));
        Inst half = b.add(new Inst(Op.LOAD, Type.I16, 2, 0, address));
        Inst extended = b.add(new Inst(Op.SEXT, Type.I64, 0, 0, half));
        b.add(new Inst(Op.SET_REG, Type.I64, 0, 15, extended));
        Inst compare = b.add(new Inst(Op.EQ, Type.I1, 0, 0, half, half));
        b.add(new Inst(Op.EXIT_BRANCH, Type.I64, 0x2000, 0x3000, compare));
        int before = b.insts.size();
        SignedLoads.shareExtensions(b);
        assertEquals(before, b.insts.size(), "only words are shared");
    }
}
