package dbt.isa.asm;

import dbt.isa.check.IsaException;
import dbt.isa.check.IsaLoader;
import dbt.isa.model.IsaModel;
import java.nio.file.Files;
import java.nio.file.Path;

/** The descriptions in the repository's isa/ directory, loaded once for the tests of this package. */
public final class Seed64 {
    private static IsaModel seed64;
    private static IsaModel riscv64;

    private Seed64() {}

    public static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("isa/seed64/seed64.isa"))) {
                return p;
            }
        }
        throw new IllegalStateException("no isa/seed64/seed64.isa above " + Path.of("").toAbsolutePath());
    }

    public static synchronized IsaModel model() throws IsaException {
        if (seed64 == null) {
            seed64 = IsaLoader.load(repositoryRoot().resolve("isa/seed64/seed64.isa"));
        }
        return seed64;
    }

    public static synchronized IsaModel riscv64() throws IsaException {
        if (riscv64 == null) {
            riscv64 = IsaLoader.load(repositoryRoot().resolve("isa/riscv64/riscv64.isa"));
        }
        return riscv64;
    }
}
