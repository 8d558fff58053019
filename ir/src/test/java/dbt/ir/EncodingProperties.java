package dbt.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dbt.ir.random.IrCase;
import dbt.ir.random.Outcome;
import dbt.ir.random.RandomBlocks;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The binary form holds a whole block: any random block, encoded and decoded, prints the same and behaves the same
 * under the IR interpreter; damaged bytes decode to a block whose operands are earlier instructions, or fail.
 */
class EncodingProperties {
    @Provide
    Arbitrary<IrCase> blocks() {
        return RandomBlocks.cases();
    }

    @Property(tries = 500)
    void anEncodedBlockDecodesToItself(@ForAll("blocks") IrCase c) {
        byte[] bytes = IrEncoding.encode(c.block());
        IrBlock read = IrEncoding.decode(bytes, 0, bytes.length);
        assertEquals(IrPrinter.print(c.block()), IrPrinter.print(read));
        assertEquals(c.block().guestInstructions, read.guestInstructions);
        assertEquals(Outcome.of(c.block(), c.state()), Outcome.of(read, c.state()));
    }

    @Property(tries = 200)
    void damagedBytesDecodeToAWellFormedBlockOrFail(@ForAll("blocks") IrCase c) {
        byte[] bytes = IrEncoding.encode(c.block());
        Random random = new Random(bytes.length);
        for (int n = 0; n < 50; n++) {
            byte[] damaged = bytes.clone();
            damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
            IrBlock read;
            try {
                read = IrEncoding.decode(damaged, 0, damaged.length);
            } catch (IllegalArgumentException expected) {
                continue;
            }
            for (int k = 0; k < read.insts.size(); k++) {
                for (Inst o : read.insts.get(k).operands) {
                    assertEquals(true, o.id < k && read.insts.get(o.id) == o, "operands are earlier instructions");
                }
            }
        }
        int cut = random.nextInt(bytes.length);
        assertThrows(IllegalArgumentException.class,
                () -> IrEncoding.decode(bytes, 0, cut));
    }
}
