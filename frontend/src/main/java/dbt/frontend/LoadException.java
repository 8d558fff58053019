package dbt.frontend;

/**
 * A program that cannot be started, for a reason the user caused (missing file, not an ELF, wrong machine, ...).
 * The message is one complete line meant for the user, e.g. {@code prog: not an ELF file}; the command line prints it
 * as {@code dbt: <message>}. Carries no stack trace.
 */
public final class LoadException extends Exception {
    public LoadException(String message) {
        super(message, null, false, false);
    }
}
