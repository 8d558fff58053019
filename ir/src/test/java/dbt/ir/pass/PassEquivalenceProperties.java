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
 * (next pc and exit, or the same fault at the same guest pc) with the same registers, CSRs, reservation and memory
 * after any one pass as before it; and after every stage of the pipeline, and the whole pipeline. Every pass's
 * output must verify. jqwik shrinks a failing block to a few instructions, printed as IR.
 *
 * <p>Planted bugs these properties caught (each put in by hand, the property run, then reverted):
 * see the list in the report of issue 12, repeated here:
 * <ul>
 * <li>(filled in below as they are tried)
 * </ul>
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
