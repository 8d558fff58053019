package dbt.ir.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which accesses {@link SharedBaseChecks} checks together, above all those at a base plus an int array index. */
class SharedBaseChecksTest {
    private static final long SPAN = 1 << 15;
    private static final long REACH = 1L << 35;

    private final IrBlock b = new IrBlock(0x1000);
    private final Inst base = b.add(new Inst(Op.GET_REG, Type.I64, 0, 10));

    /** A load of a[index], index a C int (word) scaled by 4: base + (sext(word) << 2). */
    private Inst loadAtIndex(Inst word) {
        Inst extended = b.add(new Inst(Op.SEXT, Type.I64, 0, 0, word));
        Inst scaled = b.add(new Inst(Op.SHL, Type.I64, 0, 0, extended, b.add(new Inst(Op.CONST, Type.I8, 2, 0))));
        Inst address = b.add(new Inst(Op.ADD, Type.I64, 0, 0, base, scaled));
        return b.add(new Inst(Op.LOAD, Type.I32, 4, 0, address));
    }

    private Inst word(int register) {
        return b.add(new Inst(Op.GET_REG, Type.I32, 0, register));
    }

    private Inst loadAt(long displacement) {
        Inst address = b.add(new Inst(Op.ADD, Type.I64, 0, 0, base,
                b.add(new Inst(Op.CONST, Type.I64, displacement, 0))));
        return b.add(new Inst(Op.LOAD, Type.I64, 8, 0, address));
    }

    private SharedBaseChecks inBlock(long reach, Set<Inst> folded) {
        return SharedBaseChecks.of(b.insts, 0, b.insts.size() - 1, folded, SPAN, reach, Set.of(), (v, at) -> true);
    }

    @Test
    void accessesAtTwoIntIndicesOffOneBaseAreCheckedOnceByTheBase() {
        Inst first = loadAtIndex(word(11));
        Inst second = loadAtIndex(word(12));
        SharedBaseChecks checks = inBlock(REACH, Set.of());
        assertEquals(Map.of(first, (long) Integer.MIN_VALUE << 2), checks.checkAt());
        assertEquals(((long) Integer.MAX_VALUE << 2) - ((long) Integer.MIN_VALUE << 2), checks.spans().get(first));
        assertEquals(Map.of(first, base), checks.bases());
        assertEquals(Set.of(second), checks.covered());
        assertEquals(Map.of(), inBlock(0, Set.of()).checkAt(), "guards that do not reach that far: each its own");
    }

    @Test
    void anUnsignedIndexIsCheckedByItsBaseToo() {
        Inst zext = b.add(new Inst(Op.ZEXT, Type.I64, 0, 0, word(11)));
        Inst scaled = b.add(new Inst(Op.SHL, Type.I64, 0, 0, zext, b.add(new Inst(Op.CONST, Type.I8, 3, 0))));
        Inst first = b.add(new Inst(Op.LOAD, Type.I64, 8, 0, b.add(new Inst(Op.ADD, Type.I64, 0, 0, base, scaled))));
        Inst second = loadAtIndex(word(12));
        SharedBaseChecks checks = inBlock(REACH, Set.of());
        assertEquals(Map.of(first, (long) Integer.MIN_VALUE << 2), checks.checkAt());
        assertEquals(Set.of(second), checks.covered());
        assertEquals(Map.of(), inBlock(1L << 34, Set.of()).checkAt(), "an index reaching past the guards");
    }

    @Test
    void anIntIndexJoinsTheConstantDisplacementsOffItsBase() {
        Inst near = loadAt(16);
        Inst indexed = loadAtIndex(word(11));
        Set<Inst> folded = Set.of(near.operand(0));
        SharedBaseChecks checks = inBlock(REACH, folded);
        assertEquals(Set.of(indexed), checks.covered());
        assertTrue(checks.spans().get(near) > SPAN, "the group reaches as far as the index");
        SharedBaseChecks narrow = inBlock(0, folded);
        assertEquals(Set.of(), narrow.covered(), "without the reach: a group of one each");
    }

    @Test
    void aLoopChecksAnUnchangedBaseOfIntIndicesWhereItIsEntered() {
        Inst indexed = loadAtIndex(word(11));
        Inst other = loadAtIndex(word(12));
        SharedBaseChecks unchanged = SharedBaseChecks.ofInvariant(b.insts, 0, b.insts.size() - 1, Set.of(), SPAN,
                REACH, Set.of(base), Set.of(base));
        assertEquals(Map.of(base, (long) Integer.MIN_VALUE << 2), unchanged.checkAt());
        assertEquals(Set.of(indexed, other), unchanged.covered());
        // A pointer the loop walks forward (an invariant base, but not unchanged) keeps its index accesses' checks.
        SharedBaseChecks walked = SharedBaseChecks.ofInvariant(b.insts, 0, b.insts.size() - 1, Set.of(), SPAN,
                REACH, Set.of(base), Set.of());
        assertEquals(Set.of(), walked.covered());
        assertEquals(List.of(), List.copyOf(walked.checkAt().keySet()));
    }
}
