package dbt.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the JVM of {@code dbt run --interp} needs beyond the translator's, as the {@code ./dbt} launcher gives it
 * (keep the two alike): Truffle's optimizing runtime (truffle-runtime on the class path) and the Graal compiler it
 * drives (its modules on the upgrade module path, JVMCI enabled, Truffle's latency mode), both copied by the build to
 * {@code runtime/target/graal/}; C1 only for the JVM's own JIT (Graal itself is Java), or C2 when Graal is not
 * there (the interpreter's nodes are then what runs the guest); no AOT cache (which the JVM cannot use with upgraded
 * modules). For {@code dbt bench}'s interpreter runs and the tests.
 */
public final class InterpreterJvm {
    private InterpreterJvm() {}

    /** The launcher's flags for the translator, made the interpreter's. */
    public static List<String> flags(List<String> translatorFlags, Path root) {
        List<String> flags = new ArrayList<>();
        for (String f : translatorFlags) {
            if (!f.equals("-XX:TieredStopAtLevel=1") && !f.startsWith("-XX:AOTCache=")) {
                flags.add(f);
            }
        }
        List<Path> modules = jars(root.resolve("runtime/target/graal/modules"));
        if (!modules.isEmpty()) {
            // C1 only again once Graal compiles the guest: Graal is Java, which C2 would compile at length.
            flags.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                    "--upgrade-module-path", join(modules), "-Dpolyglot.engine.MultiTier=false",
                    "-Dpolyglot.engine.Mode=latency"));
        }
        return flags;
    }

    /** The class path with Truffle's optimizing runtime added (unchanged if the build did not copy it). */
    public static String classpath(String classpath, Path root) {
        List<Path> runtime = jars(root.resolve("runtime/target/graal/classpath"));
        return runtime.isEmpty() ? classpath : classpath + java.io.File.pathSeparator + join(runtime);
    }

    private static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String join(List<Path> paths) {
        return String.join(java.io.File.pathSeparator, paths.stream().map(Path::toString).toList());
    }
}
