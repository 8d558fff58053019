package dbt.runtime;

import dbt.frontend.ShippedIsa;
import dbt.isa.check.IsaException;
import dbt.isa.check.IsaLoader;
import dbt.isa.decode.DecodeTree;
import dbt.isa.decode.InstructionDecoder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The guest ISA a command works on: a description file given with --isa, or the shipped RISC-V. */
final class IsaArgument {
    private IsaArgument() {}

    /** Loads the description; its diagnostics (file:line:col: message) become the UsageError's message. */
    static InstructionDecoder load(String file) throws UsageError {
        if (file == null) {
            return ShippedIsa.riscv64();
        }
        if (!Files.isRegularFile(Path.of(file))) {
            throw new UsageError(file + ": no such ISA description");
        }
        try {
            return new DecodeTree(IsaLoader.load(Path.of(file)));
        } catch (IsaException e) {
            throw new UsageError(e.getMessage().replace("\n", "\ndbt: "));
        }
    }
}
