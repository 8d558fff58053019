package dbt.runtime;

import dbt.isa.check.IsaException;
import dbt.isa.check.IsaLoader;
import dbt.isa.decode.DecodeTree;
import dbt.isa.model.IsaModel;

/** The shipped RISC-V description, loaded from the class path, with its decode tree. */
final class GuestIsa {
    static final String RISCV64 = "isa/riscv64/riscv64.isa";

    final IsaModel model;
    final DecodeTree decoder;

    private GuestIsa(IsaModel model) {
        this.model = model;
        this.decoder = new DecodeTree(model);
    }

    static GuestIsa riscv64() {
        try {
            return new GuestIsa(IsaLoader.loadResource(RISCV64));
        } catch (IsaException e) {
            // The shipped description is checked at build time; reaching this means a broken build.
            throw new IllegalStateException("the shipped RISC-V description does not load:\n" + e.getMessage());
        }
    }
}
