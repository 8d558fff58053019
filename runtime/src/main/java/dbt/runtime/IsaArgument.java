package dbt.runtime;

import dbt.frontend.ShippedIsa;
import dbt.isa.check.IsaException;
import dbt.isa.check.IsaLoader;
import dbt.isa.decode.DecodeTree;
import dbt.isa.decode.InstructionDecoder;
import java.nio.file.Path;

/**
 * The guest ISA a command works on: a description file given with --isa (read and checked now; its diagnostics,
 * one {@code file:line:col: message} each, end the command), or else the shipped RISC-V, compiled at build time.
 */
final class IsaArgument {
    private IsaArgument() {}

    static InstructionDecoder load(String file) throws IsaException {
        return file == null ? ShippedIsa.riscv64() : new DecodeTree(IsaLoader.load(Path.of(file)));
    }
}
