package dbt.ir.pass;

import dbt.ir.IrBlock;
import dbt.ir.IrPrinter;
import dbt.ir.IrVerifier;
import dbt.ir.random.IrCase;
import dbt.ir.random.Outcome;
import dbt.ir.random.RandomBlocks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Each pass proven on its own, against the IR's definition rather than its own output: a random block (see
 * {@link dbt.ir.random.BlockBuilder}), run by {@link dbt.ir.IrInterpreter} from a random state, ends the same way
 * (next pc and kind of exit, or the same fault at the same guest pc) with the same registers, CSRs, reservation and
 * memory after any one pass as before it; and after every stage of the pipeline, and the whole pipeline. Every
 * pass's output must verify. jqwik shrinks a failing block to a few instructions, printed as IR.
 *
 * <p>Bugs planted by hand in the passes (one at a time, then reverted) that these properties caught, within the
 * 3,000 tries of one run, each shrunk to a block of a few instructions:
 * <ul>
 * <li>sext: {@code >= 33} changed to {@code >= 32} (the sign bits a sext-of-trunc needs); {@code >= 34} to
 *     {@code >= 33} (the word rule's operands); the word rule's constant bound {@code -2^30} dropped; an add or
 *     sub that keeps all its operands' sign bits; a shift right by n claiming n + 1 sign bits; a shift of a word
 *     by 0 taken as clearing bit 31; every zero-extended word taken as having bit 31 clear; a shift right taken
 *     as reading only its operand's low half, and a register write taken as replaced across a load that may fault
 *     ({@link dbt.ir.analysis.HighHalfReads}; caught once the generator had the LOW_HALF and REPLACED_WRITE idioms).
 * <li>fold: sext folded at one bit less than the operand's width; two-operand ops folded at the result's width
 *     (comparisons at 1 bit); a select on a constant picking the wrong side.
 * <li>copyprop: {@code 0 - x} taken as x.
 * <li>regmap: a register write dropped across an op that may fault.
 * <li>dce: loads taken as free of effects (a faulting load removed).
 * <li>peephole: a shift pair of unequal amounts taken as a sign extension; the NaN-boxing shift rule one bit
 *     early; a constant-condition branch taking the wrong target; a comparison of sign-extended words made on the
 *     words with a constant that is no word's extension, or with zero extensions too (caught once the generator had
 *     the WORD_COMPARE idiom).
 * <li>fuse: a comparison with a second use moved after it (caught by the verifier).
 * <li>nansel: a select on is_nan of another value fused (caught by the verifier).
 * <li>advance: an access after the advance addressed at the advanced pointer plus the advance, not minus; an
 *     addition of a constant to the old pointer made one of the new pointer plus both constants (caught once the
 *     generator had the ADVANCED_POINTER idiom).
 * <li>cse: constant operands compared by type alone; the result type left out of what makes two ops the same.
 *     (Loads taken as pure, the same address loaded again after a store, survived: the golden file
 *     {@code cse-unboxing-and-addresses.ir} catches it.)
 * </ul>
 * Counterexamples at the exact bounds are also unit tests ({@link SignBitsCounterexampleTest}).
 */
class PassEquivalenceProperties {
    @Provide
    Arbitrary<IrCase> blocks() {
        return RandomBlocks.cases();
    }

    /** The distinct passes of the pipeline, by name. */
    static Map<String, Pass> passes() {
        Map<String, Pass> byName = new LinkedHashMap<>();
        for (Pass p : Pipeline.all()) {
            byName.putIfAbsent(p.name(), p);
        }
        return byName;
    }

    @Property(tries = 3000)
    void eachPassAloneKeepsBehaviour(@ForAll("blocks") IrCase c) {
        String expected = Outcome.of(validBlock(c), c.state());
        for (Pass p : passes().values()) {
            IrBlock block = c.block();
            p.run(block);
            check(p.name() + " alone", block, expected, c);
        }
    }

    @Property(tries = 3000)
    void everyStageOfThePipelineKeepsBehaviour(@ForAll("blocks") IrCase c) {
        String expected = Outcome.of(validBlock(c), c.state());
        IrBlock block = c.block();
        List<Pass> all = Pipeline.all();
        for (int k = 0; k < all.size(); k++) {
            all.get(k).run(block);
            check("stage " + k + " of the pipeline (" + all.get(k).name() + ")", block, expected, c);
        }
        IrBlock whole = c.block();
        new Pipeline(Set.of(), true).run(whole);
        check("the whole pipeline", whole, expected, c);
    }

    private static IrBlock validBlock(IrCase c) {
        IrBlock block = c.block();
        List<String> problems = IrVerifier.verify(block);
        if (!problems.isEmpty()) {
            throw new AssertionError("the generator built invalid IR: " + problems + "\n" + IrPrinter.print(block));
        }
        return block;
    }

    private static void check(String what, IrBlock after, String expected, IrCase c) {
        List<String> problems = IrVerifier.verify(after);
        if (!problems.isEmpty()) {
            throw new AssertionError(what + " broke the IR: " + problems + "\nbefore:" + c + "after:\n" + IrPrinter.print(after));
        }
        String actual = Outcome.of(after, c.state());
        if (!actual.equals(expected)) {
            throw new AssertionError(what + " changed behaviour\nbefore:" + c + "after:\n" + IrPrinter.print(after)
                    + difference(expected, actual));
        }
    }

    private static String difference(String expected, String actual) {
        String[] e = expected.split("\n");
        String[] a = actual.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.max(e.length, a.length); k++) {
            String x = k < e.length ? e[k] : "";
            String y = k < a.length ? a[k] : "";
            if (!x.equals(y)) {
                sb.append("  before: ").append(x).append("\n  after:  ").append(y).append('\n');
            }
        }
        return sb.toString();
    }
}
