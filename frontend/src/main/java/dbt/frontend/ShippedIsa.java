package dbt.frontend;

import dbt.frontend.riscv64.Riscv64Decoder;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.gen.IsaCompiler;
import dbt.isa.model.IsaModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The ISAs shipped with dbt, as the build compiled them: the checked model (read in binary form, no parsing at
 * start-up) and the decoder generated from it. The descriptions themselves are in {@code isa/} and on the class path.
 */
public final class ShippedIsa {
    private ShippedIsa() {}

    public static InstructionDecoder riscv64() {
        return new Riscv64Decoder(model("isa/riscv64/riscv64.model"));
    }

    private static IsaModel model(String resource) {
        try (InputStream in = ShippedIsa.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path: rebuild dbt");
            }
            return IsaCompiler.readModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
