package dbt.runtime.linux;

/**
 * The guest process ended: {@code exit}/{@code exit_group}, or a signal whose default action terminates it. Carries
 * the host exit status (0-255; 128+signal for a signal) and, for a signal or a system call that cannot be made, a
 * one-line message for the user. No stack
 * trace: it is control flow, thrown out of {@link LinuxSyscalls#call} to the dispatcher.
 */
public final class GuestExit extends RuntimeException {
    private final int status;
    private final int signal;

    public GuestExit(int status, String message) {
        this(status, 0, message);
    }

    private GuestExit(int status, int signal, String message) {
        super(message, null, false, false);
        this.status = status;
        this.signal = signal;
    }

    /** The guest ends killed by signal: status 128 + signal, and dbt dies by the same signal. */
    public static GuestExit bySignal(int signal, String message) {
        return new GuestExit(128 + signal, signal, message);
    }

    /** The signal that ended the guest, or 0 if it exited. */
    public int signal() {
        return signal;
    }

    public GuestExit(int status) {
        this(status, null);
    }

    /** The status the host process should exit with. */
    public int status() {
        return status;
    }
}
