package dbt.ir.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbt.ir.IrBlock;
import dbt.ir.IrPrinter;
import dbt.ir.random.IrCase;
import dbt.ir.random.RandomBlocks;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The pipeline runs the listed passes in their order, and a pass switched off by name is left out: on random blocks,
 * a pipeline gives the block that running {@link Pipeline#all()} one by one gives (without the switched-off pass).
 */
class PipelineProperties {
    @Provide
    Arbitrary<IrCase> blocks() {
        return RandomBlocks.cases();
    }

    @Provide
    Arbitrary<String> names() {
        return net.jqwik.api.Arbitraries.of(Pipeline.names());
    }

    @Property(tries = 300)
    void aPipelineRunsItsPassesInOrder(@ForAll("blocks") IrCase c, @ForAll("names") String off) {
        IrBlock expected = c.block();
        Pipeline.all().forEach(p -> p.run(expected));
        IrBlock actual = c.block();
        new Pipeline(Set.of(), true).run(actual);
        assertEquals(IrPrinter.print(expected), IrPrinter.print(actual));
        IrBlock without = c.block();
        Pipeline.all().stream().filter(p -> !p.name().equals(off)).forEach(p -> p.run(without));
        IrBlock switchedOff = c.block();
        new Pipeline(Set.of(off), false).run(switchedOff);
        assertEquals(IrPrinter.print(without), IrPrinter.print(switchedOff), "with " + off + " switched off");
    }
}
