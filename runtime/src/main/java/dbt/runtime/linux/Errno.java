package dbt.runtime.linux;

/**
 * Linux error numbers, which RISC-V and the x86-64 host share (both use the asm-generic values), so a host
 * system call's {@code -errno} is passed to the guest unchanged. Also an exception that carries one: helpers of
 * {@link LinuxSyscalls} throw it to end a call with {@code -errno} (no stack trace; it is control flow).
 */
final class Errno extends RuntimeException {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int E2BIG = 7;
    static final int ENOEXEC = 8;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EFAULT = 14;
    static final int EEXIST = 17;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int EMFILE = 24;
    static final int ENOTTY = 25;
    static final int EPIPE = 32;
    static final int ENAMETOOLONG = 36;
    static final int ENOSYS = 38;
    static final int EMSGSIZE = 90;
    static final int ENOBUFS = 105;

    private static final String[] MESSAGES = {null, "Operation not permitted", "No such file or directory",
        "No such process", "Interrupted system call", "Input/output error", "No such device or address",
        "Argument list too long", "Exec format error", "Bad file descriptor", "No child processes",
        "Resource temporarily unavailable", "Cannot allocate memory", "Permission denied", "Bad address",
        "Block device required", "Device or resource busy", "File exists", "Invalid cross-device link",
        "No such device", "Not a directory", "Is a directory", "Invalid argument", "Too many open files in system",
        "Too many open files", "Inappropriate ioctl for device", "Text file busy", "File too large",
        "No space left on device", "Illegal seek", "Read-only file system", "Too many links", "Broken pipe",
        "Numerical argument out of domain", "Numerical result out of range", "Resource deadlock avoided",
        "File name too long", "No locks available", "Function not implemented", "Directory not empty",
        "Too many levels of symbolic links"};

    final int errno;

    Errno(int errno) {
        super(null, null, false, false);
        this.errno = errno;
    }

    /** Whether a raw system-call result is an error ({@code -4095..-1}). */
    static boolean isError(long result) {
        return result < 0 && result >= -4095;
    }

    static String message(int errno) {
        return errno > 0 && errno < MESSAGES.length ? MESSAGES[errno] : "Unknown error " + errno;
    }
}
