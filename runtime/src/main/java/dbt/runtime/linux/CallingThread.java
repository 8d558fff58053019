package dbt.runtime.linux;

import dbt.isa.exec.NativeMemory;
import dbt.frontend.GuestMemory;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

import static dbt.frontend.GuestMemory.READ;
import static dbt.frontend.GuestMemory.WRITE;
import static dbt.runtime.linux.Errno.*;
import static dbt.runtime.linux.LinuxSignals.SIGPIPE;
import static dbt.runtime.linux.LinuxSyscallTable.syscallName;

/**
 * The guest thread making a system call, as the topic classes see it: its ids, its host calls, its signals, and the
 * translation of its arguments: guest pointers become host pointers into the guest window ({@link #in},
 * {@link #out}, {@link #prefix}), guest descriptors host ones ({@link #fd}, {@link #dir}; {@link #adopt} gives a new
 * host descriptor a guest number), guest paths host paths under the path rules ({@link #path}: -L, and
 * {@code /proc/self/exe} naming the guest program).
 *
 * <p>Invariants: every guest pointer is checked against the permission table before the host sees it (a bad pointer
 * gives {@code -EFAULT}, never a host fault), and the host only ever receives pointers into the guest window or into
 * native buffers of dbt's. One object per guest thread ({@link #forThread}): the host calls (interrupted by this
 * thread's deliverable signals), the scratch buffer, the thread id and the {@link GuestSignals} (mask, pending
 * signals, alternate stack) are the thread's; the memory, the path rules, the program's path, the warnings given,
 * the descriptor table and the signal actions are the process's and shared. A vfork child has copies of the
 * descriptor table and the signal actions. The descriptor table locks itself; the signal actions are guarded by the
 * array's own monitor.
 */
final class CallingThread {
    private static final long AT_FDCWD = -100;
    private static final int PATH_MAX = 4096;
    private static final int SIGNALS = 64;

    private final GuestMemory memory;
    private final HostSyscalls host;
    private final FdTable fds;
    private final byte[] executable;
    private final MemorySegment executablePath;
    /** Native buffers the host writes into before conversion (stat, iovecs, pipe fds, uname, rlimit). */
    private final MemorySegment scratch;
    private final PrintStream warnings;
    /** The warnings given (each once per process). */
    private final Set<String> warned;
    private final long pid;
    /** This thread's id (the process id for the first thread). */
    private final long tid;
    private GuestPaths paths = GuestPaths.HOST;
    private final byte[][] signalActions;
    private final int registerFile;
    private final int stackRegister;
    /** The signal frame layout, once the runtime gives one ({@link #enableSignalFrames}). */
    private Riscv64SignalFrame signalFrame;
    private GuestSignals signals;

    /** The first thread's: the process's id is dbt's, the program's path its real path. */
    CallingThread(GuestMemory memory, Path executable, PrintStream warnings, int registerFile, int stackRegister) {
        this.memory = memory;
        this.warnings = warnings;
        this.warned = Collections.synchronizedSet(new HashSet<>());
        this.host = new HostSyscalls(this::signalPending);
        this.fds = new FdTable();
        this.signalActions = new byte[SIGNALS + 1][];
        this.executable = realPath(executable).getBytes(StandardCharsets.UTF_8);
        executablePath = Arena.ofAuto().allocate(this.executable.length + 1);
        NativeMemory.copy(this.executable, 0, executablePath, 0, this.executable.length);
        scratch = Arena.ofAuto().allocate(16 * 1024, 16);
        pid = ProcessHandle.current().pid();
        tid = pid;
        this.registerFile = registerFile;
        this.stackRegister = stackRegister;
        signals = new GuestSignals(memory, signalActions, null, registerFile, stackRegister, 0);
    }

    /** A new thread of the same process: its own id and buffers, the caller's signal mask. */
    private CallingThread(CallingThread process, long tid, boolean vforkChild) {
        paths = process.paths;
        memory = process.memory;
        warnings = process.warnings;
        warned = process.warned;
        host = new HostSyscalls(this::signalPending);
        // A vfork child has descriptors and signal actions of its own (copies); a thread shares them.
        fds = vforkChild ? process.fds.copyForChild(host) : process.fds;
        signalActions = vforkChild ? copy(process.signalActions) : process.signalActions;
        executable = process.executable;
        executablePath = process.executablePath;
        scratch = Arena.ofAuto().allocate(16 * 1024, 16);
        pid = process.pid;
        this.tid = tid;
        registerFile = process.registerFile;
        stackRegister = process.stackRegister;
        signalFrame = process.signalFrame;
        // The caller's mask; no pending signals and no alternate stack.
        signals = new GuestSignals(memory, signalActions, signalFrame, registerFile, stackRegister,
                process.signals.mask());
    }

    CallingThread forThread(long tid, boolean vforkChild) {
        return new CallingThread(this, tid, vforkChild);
    }

    private static byte[][] copy(byte[][] actions) {
        synchronized (actions) {
            byte[][] c = new byte[actions.length][];
            for (int i = 0; i < c.length; i++) {
                c[i] = actions[i] == null ? null : actions[i].clone();
            }
            return c;
        }
    }

    private static String realPath(Path executable) {
        try {
            return executable.toRealPath().toString();
        } catch (IOException | SecurityException e) {
            return executable.toAbsolutePath().normalize().toString();
        }
    }

    /**
     * Lets guest handlers run, with Linux's riscv64 signal frame: fFile is the floating-point register file (or
     * -1) and fcsrSlot the CSR slot of fcsr (or -1). Maps the sigreturn trampoline. Before the guest starts.
     */
    void enableSignalFrames(int fFile, int fcsrSlot) {
        Riscv64SignalFrame.mapTrampoline(memory);
        signalFrame = new Riscv64SignalFrame(registerFile, fFile, fcsrSlot);
        signals = new GuestSignals(memory, signalActions, signalFrame, registerFile, stackRegister, 0);
    }

    boolean hasSignalFrames() {
        return signalFrame != null;
    }

    private boolean signalPending() {
        return signals.hasDeliverable();
    }

    GuestMemory memory() {
        return memory;
    }

    HostSyscalls host() {
        return host;
    }

    /** A native buffer of 16 KiB, 16-byte aligned, of this thread's: for the host to write into during one call. */
    MemorySegment scratch() {
        return scratch;
    }

    long pid() {
        return pid;
    }

    long tid() {
        return tid;
    }

    GuestSignals signals() {
        return signals;
    }

    long signalMask() {
        return signals.mask();
    }

    byte[][] signalActions() {
        return signalActions;
    }

    /** The signals whose action is SIG_IGN (they stay ignored across execve). */
    long ignoredSignals() {
        return signalsWhose(handler -> handler == 1);
    }

    /** The signals the guest handles (their action is a handler of its own). */
    long caughtSignals() {
        return signalsWhose(handler -> handler > 1);
    }

    private long signalsWhose(java.util.function.LongPredicate action) {
        long set = 0;
        synchronized (signalActions) {
            for (int s = 1; s <= SIGNALS; s++) {
                if (signalActions[s] != null && action.test(NativeMemory.getLong(signalActions[s], 0))) {
                    set |= 1L << (s - 1);
                }
            }
        }
        return set;
    }

    /** Where the guest's absolute paths are looked up (qemu's -L); set before the guest starts. */
    void setPaths(GuestPaths paths) {
        this.paths = paths;
    }

    GuestPaths paths() {
        return paths;
    }

    /** The guest program's real path, as {@code /proc/self/exe} gives it. */
    byte[] executable() {
        return executable;
    }

    /** Whether a host pointer {@link #path} gave names the guest program ({@code /proc/self/exe}). */
    boolean isExecutable(long hostPath) {
        return hostPath == executablePath.address();
    }

    /** Answers a call dbt does not support in this form with errno, warning once per message. */
    long refuse(String what, int errno) {
        warnOnce(what, "dbt: unsupported: " + what);
        return -errno;
    }

    /** Answers a system call dbt does not know with ENOSYS, warning once per call. */
    long unsupported(long number) {
        String what = "system call " + number + " (" + syscallName(number) + ")";
        warnOnce(what, "dbt: unsupported " + what);
        return -ENOSYS;
    }

    private void warnOnce(String what, String warning) {
        if (warned.add(what)) {
            warnings.println(warning);
            warnings.flush();
        }
    }

    /** The siginfo of a signal this process sends itself. */
    byte[] sent(int sig, int code) {
        return GuestSignals.sentInfo(sig, code, pid, host.call(HostSyscalls.GETUID));
    }

    /** A write to a pipe nobody reads raises SIGPIPE first, as on Linux (the JVM itself ignores SIGPIPE). */
    long written(long result) {
        if (result == -EPIPE) {
            signals.send(SIGPIPE, sent(SIGPIPE, GuestSignals.SI_USER));
        }
        return result;
    }

    // ---- descriptors ----------------------------------------------------------------------------------------------

    /** The host descriptor behind a guest descriptor; EBADF if it is not open. */
    int fd(long guestFd) {
        int h = fds.host((int) guestFd);
        if (h < 0) {
            throw new Errno(EBADF);
        }
        return h;
    }

    /** The host descriptor behind a guest descriptor, or -1 if it is not open. */
    int hostFd(int guestFd) {
        return fds.host(guestFd);
    }

    /** The host dirfd for an *at call; Linux ignores a bad dirfd when the path is absolute. */
    long dir(long dirfd, long pathAddress) {
        if ((int) dirfd == AT_FDCWD) {
            return AT_FDCWD;
        }
        int h = fds.host((int) dirfd);
        if (h >= 0) {
            return h;
        }
        if (memory.load(pathAddress, 1) == '/') {
            return AT_FDCWD;
        }
        throw new Errno(EBADF);
    }

    /** Gives a new host descriptor a guest number (the lowest free one at or above {@code minimum}). */
    long adopt(long hostResult, int minimum) {
        if (Errno.isError(hostResult)) {
            return hostResult;
        }
        int guest = fds.add((int) hostResult, minimum);
        if (guest < 0) {
            host.call(HostSyscalls.CLOSE, hostResult);
            return -EMFILE;
        }
        return guest;
    }

    /** Puts a host descriptor at guest number {@code guestFd}; returns the host descriptor it replaced, or -1. */
    int install(int guestFd, int hostFd) {
        return fds.install(guestFd, hostFd);
    }

    long close(long fd) {
        int h = fds.remove((int) fd);
        if (h < 0) {
            return -EBADF;
        }
        return FdTable.isShared(h) ? 0 : host.call(HostSyscalls.CLOSE, h);
    }

    void closeHost(long hostFd) {
        host.call(HostSyscalls.CLOSE, hostFd);
    }

    /** A vfork child's end: its own descriptors close. */
    void closeAll() {
        fds.closeAll(host);
    }

    /** For execve: each guest descriptor's host descriptor, -1 where closed or close-on-exec. */
    int[] descriptorLayout() {
        return fds.execLayout(host);
    }

    int[] forkLayout(java.util.BitSet cloexec) {
        return fds.forkLayout(host, cloexec);
    }

    /** In a fork child: the descriptors its parent passed, in place of dbt's own 0, 1 and 2. */
    void inheritDescriptors(long[] descriptors) {
        for (int g = 0; g < 3; g++) {
            fds.remove(g);
        }
        fds.adoptInherited(descriptors, host);
    }

    // ---- pointers and paths ---------------------------------------------------------------------------------------

    /** A host pointer to the guest's NUL-terminated path; {@code /proc/self/exe} names the guest program. */
    long path(long address) {
        int length = memory.cStringLength(address, PATH_MAX);
        if (length < 0) {
            throw new Errno(ENAMETOOLONG);
        }
        if (length >= 14 && length < 64 && isSelfExe(address)) {
            return executablePath.address();
        }
        if (paths.prefixed() && length > 0 && memory.load(address, 1) == '/') {
            String guest = memory.readCString(address, PATH_MAX);
            String host = paths.resolve(guest);
            if (!host.equals(guest)) {
                return Arena.ofAuto().allocateFrom(host).address();
            }
        }
        return memory.hostAddress(address);
    }

    private boolean isSelfExe(long address) {
        String s = memory.readCString(address, 64);
        return s.equals("/proc/self/exe") || s.equals("/proc/thread-self/exe") || s.equals("/proc/" + pid + "/exe");
    }

    /** How much of a guest buffer of {@code length} bytes is usable with {@code permission}; EFAULT if none of it. */
    long prefix(long address, long length, int permission) {
        if (length == 0) {
            return 0;
        }
        long usable = memory.accessiblePrefix(address, length < 0 ? Long.MAX_VALUE : length, permission);
        if (usable == 0) {
            throw new Errno(EFAULT);
        }
        return usable;
    }

    /** A host pointer to a guest buffer the host will write, all of it writable. */
    long out(long address, long length) {
        memory.require(address, length, WRITE);
        return memory.hostAddress(address);
    }

    /** As {@link #out}, with a null guest pointer staying null. */
    long optionalOut(long address, long length) {
        return address == 0 ? 0 : out(address, length);
    }

    /** A host pointer to a guest buffer the host will read, all of it readable. */
    long in(long address, long length) {
        memory.require(address, length, READ);
        return memory.hostAddress(address);
    }
}
