package dbt.properties;

import dbt.isa.asm.Assembler;
import dbt.isa.asm.Disassembler;
import dbt.isa.check.IsaException;
import dbt.isa.check.IsaLoader;
import dbt.isa.decode.DecodeTree;
import dbt.isa.model.IsaModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The ISA descriptions shipped in the repository: every {@code isa/DIR/DIR.isa}, loaded once and shared by all
 * tests of this module, together with the decode tree, printer and assembler generated from each.
 */
final class IsaDescriptions {
    private IsaDescriptions() {}

    /** One loaded description and the tools generated from it. */
    record Isa(String name, Path file, IsaModel model, DecodeTree tree, Disassembler printer, Assembler assembler) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static volatile List<Isa> all;

    /** The repository root: the nearest directory, walking up from the working directory, with the RISC-V description. */
    static Path repoRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("isa/riscv64/riscv64.isa"))) {
                return p;
            }
        }
        throw new IllegalStateException("no isa/riscv64/riscv64.isa above " + start);
    }

    /** The top files of the shipped descriptions: isa/DIR/DIR.isa, sorted by directory name. */
    static List<Path> topFiles() {
        Path isaDir = repoRoot().resolve("isa");
        try (Stream<Path> dirs = Files.list(isaDir)) {
            return dirs.filter(Files::isDirectory)
                    .map(d -> d.resolve(d.getFileName() + ".isa"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every shipped description, loaded (an invalid description fails the test with its diagnostics). */
    static List<Isa> all() {
        List<Isa> result = all;
        if (result == null) {
            synchronized (IsaDescriptions.class) {
                result = all;
                if (result == null) {
                    List<Isa> loaded = new ArrayList<>();
                    for (Path top : topFiles()) {
                        loaded.add(load(top));
                    }
                    if (loaded.isEmpty()) {
                        throw new IllegalStateException("no ISA descriptions under " + repoRoot().resolve("isa"));
                    }
                    all = result = List.copyOf(loaded);
                }
            }
        }
        return result;
    }

    static Isa byName(String name) {
        for (Isa isa : all()) {
            if (isa.model().name().equals(name) || isa.name().equals(name)) {
                return isa;
            }
        }
        return null;
    }

    private static Isa load(Path top) {
        IsaModel model;
        try {
            model = IsaLoader.load(top);
        } catch (IsaException e) {
            throw new AssertionError("ISA description " + top + " does not load:\n" + e.getMessage(), e);
        }
        String dir = top.getParent().getFileName().toString();
        return new Isa(dir, top, model, new DecodeTree(model), new Disassembler(model), new Assembler(model));
    }
}
