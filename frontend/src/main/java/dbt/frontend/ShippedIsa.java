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
        try {
            byte[] own = besideThisClass(resource);
            if (own != null) {
                return IsaCompiler.readModel(new java.io.ByteArrayInputStream(own));
            }
            try (InputStream in = ShippedIsa.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the class path: rebuild dbt");
                }
                return IsaCompiler.readModel(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The resource from this module's own jar or class directory, or null where that cannot be read: a class path
     * search for it opens every jar before this one (Truffle's among them), which costs milliseconds at start-up.
     */
    private static byte[] besideThisClass(String resource) {
        try {
            java.io.File where = ModuleLocation.get();
            if (where == null) {
                return null;
            }
            if (where.isDirectory()) {
                java.io.File file = new java.io.File(where, resource);
                return file.isFile() ? java.nio.file.Files.readAllBytes(file.toPath()) : null;
            }
            try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(where)) {
                java.util.zip.ZipEntry entry = jar.getEntry(resource);
                return entry == null ? null : jar.getInputStream(entry).readAllBytes();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
