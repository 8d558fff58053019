package dbt.runtime.linux;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * qemu's {@code -L}: the guest's absolute paths (its program interpreter, the libraries it loads, any file it
 * opens by an absolute name) are looked up under a sysroot first, and on the host as they are when the sysroot does
 * not have them.
 */
public final class GuestPaths {
    public static final GuestPaths HOST = new GuestPaths(null);

    /** The sysroot without a trailing slash, or null: paths are the host's. */
    private final String prefix;

    private GuestPaths(String prefix) {
        this.prefix = prefix;
    }

    /** Under sysroot (a directory); {@link #HOST} for null or the root itself. */
    public static GuestPaths under(Path sysroot) {
        if (sysroot == null) {
            return HOST;
        }
        String p = sysroot.toAbsolutePath().normalize().toString();
        return p.equals("/") ? HOST : new GuestPaths(p);
    }

    public boolean prefixed() {
        return prefix != null;
    }

    /** The host path for a guest path: the sysroot's file if it has one, else the path itself. */
    public String resolve(String path) {
        if (prefix == null || !path.startsWith("/")) {
            return path;
        }
        String under = prefix + path;
        return Files.exists(Path.of(under)) ? under : path;
    }
}
