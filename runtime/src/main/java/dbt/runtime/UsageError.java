package dbt.runtime;

/** A command line dbt cannot act on; printed as one line, exit status 2. */
final class UsageError extends Exception {
    UsageError(String message) {
        super(message, null, false, false);
    }
}
