package dbt.frontend;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads {@code libdbthost.so} (built from {@code src/main/c/dbthost.c}) once, for the classes that declare its
 * native methods, {@link HostSyscall} and {@link HostCode}. The build puts it beside this module's jar and class
 * directory (in {@code target/}), where it is loaded from; a jar found elsewhere (say, in a Maven repository)
 * carries its own copy, which is then written to a new private directory under {@code java.io.tmpdir} for this
 * run. Loading is on dbt's start-up path, hence plain {@code java.io.File} here.
 */
final class HostLibrary {
    private static final String NAME = "libdbthost.so";

    static {
        if (!"amd64".equals(System.getProperty("os.arch")) || !"Linux".equals(System.getProperty("os.name"))) {
            throw new IllegalStateException("the host must be x86-64 Linux, not " + System.getProperty("os.arch")
                    + " " + System.getProperty("os.name"));
        }
        try {
            File source = ModuleLocation.get();
            File beside = source == null ? null : new File(source.getParentFile(), NAME);
            if (beside != null && beside.isFile()) {
                System.load(beside.getPath());
            } else {
                Path copy = copied();
                System.load(copy.toString());
                Files.delete(copy); // (mapped now; and dbt ends by halting the JVM, which deletes nothing on exit)
                Files.delete(copy.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + NAME + " to " + System.getProperty("java.io.tmpdir"), e);
        }
    }

    private HostLibrary() {}

    /** Makes sure the library is loaded. */
    static void load() {}

    private static Path copied() throws IOException {
        try (InputStream in = HostLibrary.class.getResourceAsStream(NAME)) {
            if (in == null) {
                throw new IllegalStateException(NAME + " is missing beside " + HostLibrary.class.getName()
                        + " and from the class path: rebuild dbt");
            }
            Path dir = Files.createTempDirectory("dbt-native"); // private to this user: nobody else can swap the file
            Path file = dir.resolve(NAME);
            Files.copy(in, file);
            return file;
        }
    }
}
