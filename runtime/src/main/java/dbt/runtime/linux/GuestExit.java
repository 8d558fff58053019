package dbt.runtime.linux;

/**
 * The guest process ended: {@code exit}/{@code exit_group}, or a signal whose default action terminates it. Carries
 * the host exit status (0-255; 128+signal for a signal) and, for a signal or a system call that cannot be made, a
 * one-line message for the user. No stack
 * trace: it is control flow, thrown out of {@link LinuxSyscalls#call} to the dispatcher.
 */
public final class GuestExit extends RuntimeException {
    private final int status;

    public GuestExit(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public GuestExit(int status) {
        this(status, null);
    }

    /** The status the host process should exit with. */
    public int status() {
        return status;
    }
}
