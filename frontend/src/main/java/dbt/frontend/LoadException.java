package dbt.frontend;

/**
 * A program that cannot be started, for a reason the user caused (missing file, not an ELF, wrong machine, ...).
 * The message is one complete line meant for the user, e.g. {@code prog: not an ELF file}; the command line prints it
 * as {@code dbt: <message>}. Carries no stack trace.
 */
public final class LoadException extends Exception {
    /** The status dbt ends with: 1, or 127 where the kernel's loader gives that (a missing interpreter). */
    private final int status;

    public LoadException(String message) {
        this(message, 1);
    }

    public LoadException(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The user's line for a file, called name, that could not be read. */
    public static LoadException unreadable(String name, java.io.IOException e) {
        return new LoadException(name + switch (e) {
            case java.nio.file.NoSuchFileException x -> ": no such file or directory";
            case java.nio.file.AccessDeniedException x -> ": permission denied";
            default -> ": cannot read: " + e.getMessage();
        });
    }
}
