package dbt.runtime.translate;

import dbt.x86.backend.HostFeatures;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Which file holds a program's saved translations (see {@link SavedTranslations}), and the key they are valid
 * under: the program (its path, size and modification time; with the sysroot its libraries come from), this dbt
 * build (the size and modification time of each jar on the class path, or of a class directory's newest file), the
 * translation options that shape code, and the host CPU features code generation uses. The directory is
 * {@code $DBT_CACHE_DIR}, else {@code $XDG_CACHE_HOME/dbt}, else {@code ~/.cache/dbt}.
 */
public final class SavedTranslationsKey {
    private SavedTranslationsKey() {}

    /**
     * The saved translations of program under these options, or null when they cannot be used: the options print
     * or check translations (-d, an injected fault, a budget), or there is no cache directory.
     */
    public static SavedTranslations open(Path program, Path sysroot, TranslationOptions options) {
        if (!options.debug().isEmpty() || options.injectedFault() != null || options.backend().injectedFault() != null
                || options.budgeted()) {
            return null;
        }
        Path directory = directory();
        if (directory == null) {
            return null;
        }
        try {
            Path real = program.toRealPath();
            String key = "program " + real + " " + Files.size(real) + " " + Files.getLastModifiedTime(real).toMillis()
                    + "\nsysroot " + sysroot + "\nbuild " + build() + "\nhost " + HostFeatures.describe()
                    + "\noptions " + options.describe();
            String name = real.getFileName() + "-" + Long.toHexString(hash(key)) + SavedTranslations.SUFFIX;
            return SavedTranslations.open(directory.resolve(name), key);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Path directory() {
        String dir = System.getenv("DBT_CACHE_DIR");
        if (dir != null && !dir.isEmpty()) {
            return Path.of(dir);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "dbt");
        }
        String home = System.getProperty("user.home");
        return home == null || home.isEmpty() ? null : Path.of(home, ".cache", "dbt");
    }

    /**
     * The identity of this build: each entry of the class path (dbt's modules and the libraries they use), a jar by
     * its size and modification time, a directory of classes by its newest file's.
     */
    private static String build() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            File f = new File(entry);
            sb.append(entry).append(' ');
            if (f.isDirectory()) {
                try (Stream<Path> files = Files.walk(f.toPath())) {
                    sb.append(files.mapToLong(p -> p.toFile().lastModified()).max().orElse(0));
                }
            } else {
                sb.append(f.length()).append(' ').append(f.lastModified());
            }
            sb.append(';');
        }
        return sb.toString();
    }

    /** 64-bit FNV-1a of the key's characters: only a file name; the file holds the key itself, compared whole. */
    private static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int k = 0; k < key.length(); k++) {
            h = (h ^ key.charAt(k)) * 0x100000001b3L;
        }
        return h;
    }
}
