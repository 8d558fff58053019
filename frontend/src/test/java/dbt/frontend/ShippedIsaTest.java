package dbt.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dbt.isa.check.IsaLoader;
import dbt.isa.decode.DecodeTree;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The build-time compiled RISC-V ISA is the description's model, and its generated decoder agrees with the tree. */
class ShippedIsaTest {
    @Test
    void compiledModelEqualsTheDescription() throws Exception {
        IsaModel parsed = IsaLoader.loadResource("isa/riscv64/riscv64.isa");
        IsaModel compiled = ShippedIsa.riscv64().model();
        assertEquals(parsed.instructions().size(), compiled.instructions().size());
        for (int i = 0; i < parsed.instructions().size(); i++) {
            assertEquals(parsed.instructions().get(i).name(), compiled.instructions().get(i).name());
            assertEquals(parsed.instructions().get(i).semantics(), compiled.instructions().get(i).semantics());
        }
    }

    @Test
    void generatedDecoderAgreesWithTheDecodeTree() {
        InstructionDecoder generated = ShippedIsa.riscv64();
        DecodeTree tree = new DecodeTree(generated.model());
        SplittableRandom random = new SplittableRandom(42);
        int decoded = 0;
        for (int n = 0; n < 200_000; n++) {
            long word = random.nextLong() & 0xffffffffL;
            int length = generated.model().lengthOf(word & 0xffff);
            if (length == 16) {
                word &= 0xffff;
            }
            Instruction a = generated.decode(word, length);
            Instruction b = tree.decode(word, length);
            assertSame(b, a == null ? null : generated.model().instructions().get(a.index()), "word 0x" + Long.toHexString(word));
            decoded += a == null ? 0 : 1;
        }
        System.out.println("generated decoder: 200000 random words, " + decoded + " decoded, all agree with the tree");
    }
}
