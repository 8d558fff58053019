package dbt.isa.gen;

import dbt.isa.check.IsaException;
import dbt.isa.check.IsaLoader;
import dbt.isa.decode.DecodeTree;
import dbt.isa.model.IsaModel;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build-time step for the shipped ISAs: checks a description (a mistake fails the build with its diagnostics),
 * writes the checked model in binary form (so dbt starts without parsing) and the generated decoder's source.
 *
 * <p>Usage: {@code IsaCompiler TOP.isa MODEL_OUT JAVA_DIR PACKAGE CLASS}
 */
public final class IsaCompiler {
    private IsaCompiler() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: IsaCompiler TOP.isa MODEL_OUT JAVA_DIR PACKAGE CLASS");
            System.exit(2);
        }
        IsaModel model;
        try {
            model = IsaLoader.load(Path.of(args[0]));
        } catch (IsaException e) {
            System.err.println(e.getMessage());
            throw new IOException("the ISA description " + args[0] + " has errors");
        }
        Path modelOut = Path.of(args[1]);
        Files.createDirectories(modelOut.getParent());
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(modelOut)))) {
            ModelCodec.write(model, out);
        }
        Path javaDir = Path.of(args[2]).resolve(args[3].replace('.', '/'));
        Files.createDirectories(javaDir);
        String source = new DecoderGenerator(new DecodeTree(model)).generate(args[3], args[4], Path.of(args[0]).getFileName().toString());
        Files.writeString(javaDir.resolve(args[4] + ".java"), source);
    }

    /** Reads a model written by this compiler. */
    public static IsaModel readModel(InputStream in) throws IOException {
        return ModelCodec.read(new ModelInput(in.readAllBytes()));
    }
}
