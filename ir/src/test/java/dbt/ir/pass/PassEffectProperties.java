package dbt.ir.pass;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.IrPrinter;
import dbt.ir.Op;
import dbt.ir.random.IrCase;
import dbt.ir.random.RandomBlocks;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Each pass does its job, not only no harm ({@link PassEquivalenceProperties} shows that): on random blocks, after
 * dead-code elimination no value without effect is unused; after constant folding no op it folds has only constant
 * operands, and no select has a constant condition; after compare-and-branch fusion a comparison used only by the
 * block's branch stands just before it, marked fused; after the peephole rules a store of a value extended before
 * it (but a single's 32-bit zero extension) stores the extension; after sinking, a cheap value whose registers are
 * all written again stands close to its first use that is not a register write (or another such value).
 */
class PassEffectProperties {
    /** The comparisons, listed here rather than asked of {@link Op#isComparison}, which the passes use. */
    static final Set<Op> COMPARISONS = EnumSet.of(Op.EQ, Op.NE, Op.LT_S, Op.LT_U, Op.LE_S, Op.LE_U, Op.GT_S, Op.GT_U,
            Op.GE_S, Op.GE_U);

    @Provide
    Arbitrary<IrCase> blocks() {
        return RandomBlocks.cases();
    }

    @Property(tries = 1000)
    void deadCodeEliminationLeavesNoDeadValue(@ForAll("blocks") IrCase c) {
        IrBlock block = c.block();
        new DeadCodeElimination().run(block);
        Map<Inst, Integer> uses = block.useCounts();
        for (Inst i : block.insts) {
            assertTrue(i.hasSideEffect() || uses.containsKey(i), () -> "dead value left: " + IrPrinter.line(i)
                    + "\n" + IrPrinter.print(block));
        }
    }

    @Property(tries = 1000)
    void constantFoldingLeavesNothingToFold(@ForAll("blocks") IrCase c) {
        IrBlock block = c.block();
        new ConstantFolding().run(block);
        for (Inst i : block.insts) {
            boolean folds = COMPARISONS.contains(i.op) || switch (i.op) {
                case NEG, NOT, ZEXT, SEXT, TRUNC, ADD, SUB, MUL, MULH_SS, MULH_UU, MULH_SU, DIV_S, DIV_U, REM_S, REM_U,
                     AND, OR, XOR, SHL, SHR, SAR -> true;
                default -> false;
            };
            boolean allConstant = i.operands.length > 0;
            for (Inst o : i.operands) {
                allConstant &= o.isConst();
            }
            assertFalse(folds && allConstant, () -> "not folded: " + IrPrinter.line(i) + "\n" + IrPrinter.print(block));
            assertFalse(i.op == Op.SELECT && i.operand(0).isConst() && block.useCounts().containsKey(i),
                    () -> "select on a constant still used: " + IrPrinter.line(i) + "\n" + IrPrinter.print(block));
        }
    }

    @Property(tries = 1000)
    void fusionPutsTheBranchComparisonNextToTheBranch(@ForAll("blocks") IrCase c) {
        IrBlock block = c.block();
        Inst exit = block.terminator();
        boolean fusable = exit.op == Op.EXIT_BRANCH && COMPARISONS.contains(exit.operand(0).op)
                && block.useCounts().get(exit.operand(0)) == 1;
        new CompareBranchFusion().run(block);
        if (fusable) {
            Inst cmp = block.insts.get(block.insts.size() - 2);
            assertTrue(cmp == exit.operand(0) && cmp.fused, () -> "not fused:\n" + IrPrinter.print(block));
        } else {
            assertTrue(block.insts.stream().noneMatch(i -> i.fused), () -> "fused wrongly:\n" + IrPrinter.print(block));
        }
    }

    @Property(tries = 1000)
    void aStoreOfAnExtendedValueStoresTheExtension(@ForAll("blocks") IrCase c) {
        IrBlock block = c.block();
        new Peephole().run(block);
        Set<Inst> extended = new java.util.HashSet<>();
        for (Inst i : block.insts) {
            int value = i.op == Op.STORE ? 1 : i.op == Op.STORE_IF ? 2 : -1;
            if (value >= 0) {
                Inst v = i.operand(value);
                assertFalse(v.type.bits == 8 * i.aux && extended.contains(v),
                        () -> "stores a value it has extended: " + IrPrinter.line(i) + "\n" + IrPrinter.print(block));
            }
            boolean narrow = i.operands.length == 1 && !i.operand(0).isConst() && i.operand(0).type.bits > 1;
            if (narrow && (i.op == Op.SEXT || i.op == Op.ZEXT && i.operand(0).type.bits < 32)) {
                extended.add(i.operand(0));
            }
        }
    }

    @Property(tries = 1000)
    void sinkingComputesCheapValuesNearTheirUses(@ForAll("blocks") IrCase c) {
        IrBlock block = c.block();
        String input = IrPrinter.print(block);
        new SinkToUses().run(block);
        List<Inst> insts = block.insts;
        Map<Inst, List<Inst>> users = new java.util.HashMap<>();
        for (Inst i : insts) {
            for (Inst o : i.operands) {
                users.computeIfAbsent(o, x -> new java.util.ArrayList<>()).add(i);
            }
        }
        Set<Long> writtenLater = new java.util.HashSet<>();
        Set<Inst> rewritten = new java.util.HashSet<>();
        Set<Inst> forTheState = new java.util.HashSet<>(); // read only by register writes and other such values
        for (int k = insts.size() - 1; k >= 0; k--) {
            Inst v = insts.get(k);
            if (v.op == Op.SET_REG && !writtenLater.add(v.registerKey())) {
                rewritten.add(v);
            }
            List<Inst> us = users.getOrDefault(v, List.of());
            boolean allRewritten = us.stream().allMatch(u -> u.op != Op.SET_REG || rewritten.contains(u));
            if (!cheap(v) || !allRewritten) {
                continue;
            }
            int first = Integer.MAX_VALUE;
            for (Inst u : us) {
                if (u.op != Op.SET_REG && !forTheState.contains(u)) {
                    first = Math.min(first, insts.indexOf(u));
                }
            }
            if (first == Integer.MAX_VALUE) {
                forTheState.add(v);
            } else { // (counting what the pass left in place: copies of other values may stand between)
                long between = insts.subList(k + 1, first).stream().filter(i -> !cheap(i)).count();
                assertTrue(between + 1 < SinkToUses.MIN_DISTANCE, () -> "computed " + between + " before its use: "
                        + IrPrinter.line(v) + "\n" + IrPrinter.print(block) + "\nfrom\n" + input);
            }
        }
    }

    /** The values {@link SinkToUses} computes again at their uses. */
    private static boolean cheap(Inst v) {
        return SinkToUses.recomputable(v) && !v.operand(0).isConst();
    }
}
