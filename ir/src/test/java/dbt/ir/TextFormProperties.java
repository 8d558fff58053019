package dbt.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbt.ir.random.IrCase;
import dbt.ir.random.Outcome;
import dbt.ir.random.RandomBlocks;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The text form holds a whole block: any random block, printed and read back, prints the same and behaves the same
 * under the IR interpreter (every op, type, register, CSR, reservation and exit form survives the round trip).
 */
class TextFormProperties {
    @Provide
    Arbitrary<IrCase> blocks() {
        return RandomBlocks.cases();
    }

    @Property(tries = 500)
    void aPrintedBlockReadsBackToItself(@ForAll("blocks") IrCase c) throws Exception {
        String text = IrPrinter.print(c.block());
        IrBlock read = IrParser.parse(text);
        assertEquals(text, IrPrinter.print(read));
        assertEquals(Outcome.of(c.block(), c.state()), Outcome.of(read, c.state()));
    }
}
