package dbt.runtime.linux;

import dbt.frontend.GuestMemory;
import dbt.frontend.InitialStack;
import dbt.isa.exec.GuestFault;
import dbt.isa.exec.Machine;
import dbt.isa.model.Abi;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dbt.frontend.GuestMemory.READ;
import static dbt.frontend.GuestMemory.WRITE;
import static dbt.runtime.linux.Errno.*;
import static dbt.runtime.linux.LinuxSignals.*;
import static dbt.runtime.linux.LinuxSyscallTable.*;
import static dbt.runtime.linux.Riscv64LinuxAbi.*;

/**
 * The Linux system-call layer: {@link #call} performs the call the guest's registers ask for and writes the result
 * to the result register ({@code -errno} on failure, as the kernel does). Which registers those are comes from the
 * ISA description's {@code abi linux} block ({@link Abi}; on RISC-V a7, a0..a5 and a0), the call numbers are the
 * asm-generic ones ({@link LinuxSyscallTable}); so any guest ISA whose description declares the convention can make
 * system calls without Java code of its own. Without a convention, a system call ends the guest with one line
 * saying so. The data layouts (struct stat, ...) are those of a 64-bit little-endian guest.
 *
 * <p>Most calls go straight through to the host kernel ({@link HostSyscalls}) with guest pointers turned into host
 * pointers into the guest window; memory calls are served by {@link GuestMemory}; a few are emulated (signals,
 * limits, identity of the machine).
 *
 * <p>Invariants: every guest pointer is checked against the permission table before the host sees it (a bad
 * pointer gives {@code -EFAULT}, never a host fault), and the host only ever receives pointers into the guest window
 * or into this object's own native buffers. Guest file descriptors are translated by an {@link FdTable}. Output is
 * not buffered: a guest {@code write} is a host {@code write}. {@code exit}/{@code exit_group} and fatal signals
 * throw {@link GuestExit}.
 *
 * <p>One object per guest thread ({@link #forThread}): the argument array, the native scratch buffers, the thread id
 * and the signal mask are the thread's; the memory, the descriptor table, the signal actions and the threads
 * ({@link GuestThreads}) are the process's and shared. Calls that change the memory map hold the memory's lock.
 */
public final class LinuxSyscalls {
    private static final long AT_FDCWD = -100;
    private static final int PATH_MAX = 4096;
    private static final int O_CLOEXEC = 02000000;
    private static final int F_DUPFD = 0;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int RLIMIT_STACK = 3;
    private static final int RLIMIT_NOFILE = 7;
    private static final int RLIM_NLIMITS = 16;
    private static final int TCGETS = 0x5401;
    private static final int TCSETS = 0x5402;
    private static final int TCSETSF = 0x5404;
    private static final int TIOCGWINSZ = 0x5413;
    private static final int TERMIOS_SIZE = 36;
    private static final int UTS_FIELD = 65;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private final GuestMemory memory;
    private final HostSyscalls host;
    private final FdTable fds;
    private final byte[] executable;
    private final MemorySegment executablePath;
    /** Native buffers the host writes into before conversion (stat, iovecs, pipe fds, uname, rlimit). */
    private final MemorySegment scratch;
    private final PrintStream strace;
    private final SyscallTracer tracer;
    private final PrintStream warnings;
    /** The warnings given (each once per process). */
    private final Set<String> warned;
    private final long pid;
    private final GuestThreads threads;
    private final GuestTimers timers;
    private final HostSignals hostSignals;
    private final GuestProcesses processes;
    private final MemoryMapCalls mappings;
    private final SocketCalls sockets;
    private final EventCalls events;
    private final FileCalls files;
    /** The thread's own (its name, its parent-death signal), sharing the process's part with the other threads'. */
    private final IdentityCalls identity;
    /** For the child of a vfork-style clone: it runs until execve or exit, then the parent goes on. */
    private final boolean vforkChild;
    /** The vfork child's pid once it ended: its program's host pid, or its own (virtual) one. */
    private long vforkPid;
    /** This thread's id (the process id for the first thread). */
    private final long tid;
    /** Where this thread's id is cleared when it ends ({@code set_tid_address}, CLONE_CHILD_CLEARTID), or 0. */
    private long clearTid;
    private boolean exitedAlone;
    /** What the guest sees in an argument the convention does not pass (it has fewer than six argument registers). */
    private static final long ABSENT_ARGUMENT = 0;
    /** The exit status of a guest that makes a system call under a description without a convention. */
    public static final int NO_CONVENTION_STATUS = 70;

    /** The system-call convention, or null when the ISA description declares none. */
    private final Abi abi;
    private final int registerFile;
    private final int numberRegister;
    private final int[] argumentRegisters;
    private final int resultRegister;
    private final long[] args = new long[Abi.MAX_ARGUMENTS];
    /** The machine of the call being made (clone copies its state). */
    private Machine current;
    private final byte[][] signalActions;
    /** The signal frame layout, once the runtime gives one ({@link #enableSignalFrames}). */
    private Riscv64SignalFrame signalFrame;
    private GuestSignals signals;
    private GuestPaths paths = GuestPaths.HOST;
    private final ProcFiles proc;

    /**
     * @param abi        the ISA description's system-call convention ({@code IsaModel.abi()}), or null if it has none
     * @param executable the guest program (what {@code /proc/self/exe} resolves to)
     * @param strace     where to trace every call, or null
     */
    public LinuxSyscalls(GuestMemory memory, Abi abi, Path executable, PrintStream strace) {
        this(memory, abi, executable, strace, System.err);
    }

    public LinuxSyscalls(GuestMemory memory, Abi abi, Path executable, PrintStream strace, PrintStream warnings) {
        if (abi != null && !Abi.KNOWN.contains(abi.name())) {
            throw new IllegalArgumentException("unknown system-call convention '" + abi.name() + "'");
        }
        this.abi = abi;
        registerFile = abi == null ? -1 : abi.file();
        numberRegister = abi == null ? -1 : abi.number();
        argumentRegisters = abi == null ? new int[0] : abi.arguments().stream().mapToInt(Integer::intValue).toArray();
        resultRegister = abi == null ? -1 : abi.result();
        this.memory = memory;
        this.warnings = warnings;
        this.warned = java.util.Collections.synchronizedSet(new HashSet<>());
        this.host = new HostSyscalls(this::signalPending);
        this.fds = new FdTable();
        this.signalActions = new byte[65][];
        this.threads = new GuestThreads(memory, host);
        this.timers = new GuestTimers(memory, threads);
        this.hostSignals = new HostSignals(threads);
        this.processes = new GuestProcesses(memory);
        this.mappings = new MemoryMapCalls(memory, host);
        this.sockets = new SocketCalls(memory);
        this.events = new EventCalls(memory);
        this.files = new FileCalls(memory);
        this.identity = new IdentityCalls(memory, String.valueOf(executable.getFileName()));
        this.vforkChild = false;
        this.executable = realPath(executable).getBytes(StandardCharsets.UTF_8);
        executablePath = Arena.ofAuto().allocate(this.executable.length + 1);
        MemorySegment.copy(this.executable, 0, executablePath, ValueLayout.JAVA_BYTE, 0, this.executable.length);
        scratch = Arena.ofAuto().allocate(16 * 1024, 16);
        pid = ProcessHandle.current().pid();
        tid = pid;
        proc = new ProcFiles(memory, pid, mappings.names());
        this.strace = strace;
        tracer = strace == null ? null : new SyscallTracer(strace, memory, pid);
        signals = new GuestSignals(memory, signalActions, null, registerFile, abi == null ? 0 : abi.stack(), 0);
    }

    /** Where the guest's absolute paths are looked up (qemu's -L); set before the guest starts. */
    public void setPaths(GuestPaths paths) {
        this.paths = paths;
    }

    GuestPaths paths() {
        return paths;
    }

    /** The calls of a new thread of the same process: its own id and buffers, the caller's signal mask. */
    private LinuxSyscalls(LinuxSyscalls process, long tid, long clearTid, boolean vforkChild) {
        paths = process.paths;
        proc = process.proc;
        abi = process.abi;
        registerFile = process.registerFile;
        numberRegister = process.numberRegister;
        argumentRegisters = process.argumentRegisters;
        resultRegister = process.resultRegister;
        memory = process.memory;
        warnings = process.warnings;
        warned = process.warned;
        host = new HostSyscalls(this::signalPending);
        this.vforkChild = vforkChild;
        // A vfork child has descriptors and signal actions of its own (copies); a thread shares them.
        fds = vforkChild ? process.fds.copyForChild(host) : process.fds;
        signalActions = vforkChild ? copy(process.signalActions) : process.signalActions;
        threads = process.threads;
        timers = process.timers;
        hostSignals = process.hostSignals;
        processes = process.processes;
        mappings = process.mappings;
        sockets = process.sockets;
        events = process.events;
        files = process.files;
        identity = process.identity.forThread();
        executable = process.executable;
        executablePath = process.executablePath;
        scratch = Arena.ofAuto().allocate(16 * 1024, 16);
        pid = process.pid;
        this.tid = tid;
        this.clearTid = clearTid;
        strace = process.strace;
        tracer = strace == null ? null : new SyscallTracer(strace, memory, tid);
        signalFrame = process.signalFrame;
        // The caller's mask; no pending signals and no alternate stack.
        signals = new GuestSignals(memory, signalActions, signalFrame, registerFile, abi.stack(), process.signals.mask());
    }

    /**
     * Lets guest handlers run, with Linux's riscv64 signal frame: fFile is the floating-point register file (or
     * -1) and fcsrSlot the CSR slot of fcsr (or -1). Maps the sigreturn trampoline. Before the guest starts.
     */
    public void enableSignalFrames(int fFile, int fcsrSlot) {
        Riscv64SignalFrame.mapTrampoline(memory);
        signalFrame = new Riscv64SignalFrame(registerFile, fFile, fcsrSlot);
        signals = new GuestSignals(memory, signalActions, signalFrame, registerFile, abi.stack(), 0);
    }

    /** Runs the handlers of the signals pending for this thread that its mask lets through (see GuestSignals). */
    public void deliverSignals(Machine m) {
        signals.deliverPending(m);
    }

    /**
     * A synchronous signal at the current pc (SIGSEGV, SIGBUS, SIGILL, SIGTRAP with its si_code and address):
     * true if the guest's handler runs next, false if the signal ends the guest.
     */
    public boolean fault(Machine m, int signal, int code, long address) {
        return signals.fault(m, signal, code, address);
    }

    LinuxSyscalls forThread(long tid, long clearTid) {
        return new LinuxSyscalls(this, tid, clearTid, false);
    }

    /** The calls of a vfork child: a pid of dbt's (until its execve gives it a host one), copies of the tables. */
    LinuxSyscalls forVforkChild() {
        return new LinuxSyscalls(this, processes.newVirtualPid(), 0, true);
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

    boolean isVforkChild() {
        return vforkChild;
    }

    /**
     * After a vfork child ended (status: its exit status, or minus the signal that killed it): the pid its parent's
     * clone returns. Closes the child's descriptors.
     */
    long vforkEnded(int status) {
        if (vforkPid == 0) { // ended without execve: a fault, or exit; the wait status says which
            vforkPid = tid;
            processes.endedWithoutExec(tid, status < 0 ? -status : (status & 0xFF) << 8);
        }
        fds.closeAll(host);
        return vforkPid;
    }

    /** For execve: each guest descriptor's host descriptor, -1 where closed or close-on-exec. */
    int[] descriptorLayout() {
        return fds.execLayout(host);
    }

    long signalMask() {
        return signals.mask();
    }

    /** The signals whose action is SIG_IGN (they stay ignored across execve). */
    long ignoredSignals() {
        long ignored = 0;
        synchronized (signalActions) {
            for (int s = 1; s <= 64; s++) {
                if (signalActions[s] != null && MemorySegment.ofArray(signalActions[s]).get(LONG, 0) == 1) {
                    ignored |= 1L << (s - 1);
                }
            }
        }
        return ignored;
    }

    int[] forkLayout(java.util.BitSet cloexec) {
        return fds.forkLayout(host, cloexec);
    }

    GuestSignals signals() {
        return signals;
    }

    byte[][] signalActions() {
        return signalActions;
    }

    void closeHost(long hostFd) {
        host.call(HostSyscalls.CLOSE, hostFd);
    }

    /** fork (clone without CLONE_VM): see {@link GuestProcesses#fork}. */
    long fork(dbt.frontend.GuestMachine m, long flags, long parentTid, long childTid) {
        long r = host.call(HostSyscalls.PIPE2, scratch.address(), O_CLOEXEC);
        if (Errno.isError(r)) {
            return r;
        }
        long[] pipe = {scratch.get(INT, 0), scratch.get(INT, 4)};
        long pid = processes.fork(this, m, (flags & GuestThreads.CLONE_CHILD_SETTID) != 0 ? childTid : 0,
                (flags & GuestThreads.CLONE_CHILD_CLEARTID) != 0 ? childTid : 0, executable, pipe);
        if (pid > 0 && (flags & GuestThreads.CLONE_PARENT_SETTID) != 0) {
            memory.store(parentTid, 4, pid);
        }
        return pid;
    }

    /**
     * In a fork child's dbt, before the guest runs on: reads the parent's snapshot from host descriptor fd into the
     * (empty) memory and the state, and takes over the descriptors, signal actions and mask it lists. After
     * {@link #enableSignalFrames}.
     */
    public void restoreFork(int fd, dbt.frontend.GuestState state) {
        ForkSnapshot.Rest rest = ForkSnapshot.read(fd, state, memory);
        host.call(HostSyscalls.CLOSE, fd);
        for (int g = 0; g < 3; g++) {
            fds.remove(g);
        }
        fds.adoptInherited(rest.descriptors(), host);
        synchronized (signalActions) {
            for (int s = 1; s <= 64; s++) {
                signalActions[s] = rest.actions()[s];
                if (signalActions[s] != null) {
                    hostSignals.follow(s, MemorySegment.ofArray(signalActions[s]).get(LONG, 0));
                }
            }
        }
        signals.swapMask(rest.mask());
        if (rest.setTid() != 0) {
            memory.store(rest.setTid(), 4, pid);
        }
        clearTid = rest.clearTid();
        state.setRegister(registerFile, resultRegister, 0);
        state.setReservation(-1);
    }

    long hostWait4(long pid, long status, long options, long rusage) {
        return host.call(HostSyscalls.WAIT4, pid, status == 0 ? 0 : out(status, 4), options,
                rusage == 0 ? 0 : out(rusage, 144));
    }

    /**
     * Binds this thread's calls to its guest state and host thread (hostTid, or -1 for the calling thread's), so
     * that signals reach it. On the thread itself, before it runs guest code.
     */
    public void attach(dbt.frontend.GuestState state, long hostTid) {
        long h = hostTid >= 0 ? hostTid : host.call(HostSyscalls.GETTID);
        signals.attach(state, pid, h);
        threads.started(tid, signals);
    }

    private boolean signalPending() {
        return signals.hasDeliverable();
    }

    HostSyscalls host() {
        return host;
    }

    /**
     * Ends dbt killed by signal, as the guest was (so that dbt's parent, a shell or a guest's wait4, sees what it
     * would see natively); output written so far is flushed.
     */
    public static void endBySignal(int signal) {
        HostSignals.dieBy(signal);
    }

    /** This thread's id as the guest sees it. */
    public long tid() {
        return tid;
    }

    /** The process's threads (for the runtime to say how new ones run, and to wait for them). */
    public GuestThreads threads() {
        return threads;
    }

    /** Whether this thread ended by {@code exit} alone, leaving the process to its other threads. */
    public boolean exitedAlone() {
        return exitedAlone;
    }

    /** Answers a call dbt does not support in this form with errno, warning once per message. */
    long refuse(String what, int errno) {
        if (warned.add(what)) {
            warnings.println("dbt: unsupported: " + what);
            warnings.flush();
        }
        return -errno;
    }

    private static String realPath(Path executable) {
        try {
            return executable.toRealPath().toString();
        } catch (IOException | SecurityException e) {
            return executable.toAbsolutePath().normalize().toString();
        }
    }

    /** The ISA description's system-call convention, or null if it declares none. */
    public Abi abi() {
        return abi;
    }

    /** Sets the guest's stack pointer (the convention's stack register); nothing without a convention. */
    public void setStackPointer(Machine m, long sp) {
        if (abi != null) {
            m.setRegister(registerFile, abi.stack(), sp);
        }
    }

    /** An initial-stack builder with the RISC-V hwcap and the host's user and group ids. */
    public InitialStack initialStack() {
        return new InitialStack(memory).hwcap(HWCAP).identity((int) host.call(HostSyscalls.GETUID),
                (int) host.call(HostSyscalls.GETEUID), (int) host.call(HostSyscalls.GETGID),
                (int) host.call(HostSyscalls.GETEGID));
    }

    /**
     * Performs the system call in the convention's number register (a7 on RISC-V) with the arguments in its argument
     * registers (a0..a5) and writes the result to its result register (a0). Without a convention the guest ends.
     */
    public void call(Machine m) {
        current = m;
        if (abi == null) {
            throw new GuestExit(NO_CONVENTION_STATUS, "the guest made a system call, but the ISA description declares"
                    + " no system-call convention (an 'abi linux { ... }' block)");
        }
        long number = m.register(registerFile, numberRegister);
        for (int i = 0; i < args.length; i++) {
            args[i] = i < argumentRegisters.length ? m.register(registerFile, argumentRegisters[i]) : ABSENT_ARGUMENT;
        }
        if (number == SYS_RT_SIGRETURN) { // restores a0 with the rest: no result
            if (tracer != null) {
                tracer.enter(number, args);
                tracer.ended();
            }
            signals.sigreturn(m);
            return;
        }
        if (tracer != null) {
            tracer.enter(number, args);
        }
        long result;
        try {
            result = dispatch(number, args[0], args[1], args[2], args[3], args[4], args[5]);
        } catch (GuestFault f) {
            result = -EFAULT;
        } catch (Errno e) {
            result = -e.errno;
        } catch (GuestExit e) {
            if (tracer != null && number != SYS_EXIT && number != SYS_EXIT_GROUP) {
                tracer.ended();
            }
            throw e;
        }
        if (result == -EINTR && signalFrame != null && restartable(number) && signals.nextRestarts()) {
            // SA_RESTART: the handler runs, then the system call again, with its arguments (a0 kept).
            if (tracer != null) {
                tracer.ended();
            }
            m.setPc(m.pc() - Riscv64SignalFrame.SYSCALL_LENGTH);
            return;
        }
        if (tracer != null) {
            tracer.exit(number, result);
        }
        m.setRegister(registerFile, resultRegister, result);
    }

    private long dispatch(long n, long a, long b, long c, long d, long e, long f) {
        if (n != (int) n) {
            return unsupported(n);
        }
        return switch ((int) n) {
            case SYS_READ -> host.call(HostSyscalls.READ, fd(a), memory.hostAddress(b), prefix(b, c, WRITE));
            case SYS_WRITE -> written(host.call(HostSyscalls.WRITE, fd(a), memory.hostAddress(b), prefix(b, c, READ)));
            case SYS_READV -> vector(HostSyscalls.READV, a, b, c, WRITE);
            case SYS_WRITEV -> written(vector(HostSyscalls.WRITEV, a, b, c, READ));
            case SYS_PREAD64 -> host.call(HostSyscalls.PREAD64, fd(a), memory.hostAddress(b), prefix(b, c, WRITE), d);
            case SYS_PWRITE64 -> written(host.call(HostSyscalls.PWRITE64, fd(a), memory.hostAddress(b), prefix(b, c, READ), d));
            case SYS_OPENAT -> adopt(openProc(b) instanceof byte[] s ? ProcFiles.hostFile("proc", s)
                    : host.call(HostSyscalls.OPENAT, dir(a, b), path(b), c, d), 0);
            case SYS_CLOSE -> close(a);
            case SYS_LSEEK -> host.call(HostSyscalls.LSEEK, fd(a), b, c);
            case SYS_FSTAT -> stat(host.call(HostSyscalls.FSTAT, fd(a), scratch.address()), b);
            case SYS_NEWFSTATAT -> stat(host.call(HostSyscalls.NEWFSTATAT, dir(a, b), path(b), scratch.address(), d), c);
            case SYS_STATX -> host.call(HostSyscalls.STATX, dir(a, b), path(b), c, d, out(e, 256));
            case SYS_READLINKAT -> readlinkat(a, b, c, d);
            case SYS_FACCESSAT -> host.call(HostSyscalls.FACCESSAT, dir(a, b), path(b), c);
            case SYS_FACCESSAT2 -> host.call(HostSyscalls.FACCESSAT2, dir(a, b), path(b), c, d);
            case SYS_GETCWD -> host.call(HostSyscalls.GETCWD, memory.hostAddress(a), prefix(a, b, WRITE));
            case SYS_FCNTL -> fcntl(a, b, c);
            case SYS_DUP -> adopt(host.call(HostSyscalls.FCNTL, fd(a), F_DUPFD, 3), 0);
            case SYS_DUP3 -> dup3(a, b, c);
            case SYS_UNLINKAT -> host.call(HostSyscalls.UNLINKAT, dir(a, b), path(b), c);
            case SYS_MKDIRAT -> host.call(HostSyscalls.MKDIRAT, dir(a, b), path(b), c);
            case SYS_RENAMEAT2 -> host.call(HostSyscalls.RENAMEAT2, dir(a, b), path(b), dir(c, d), path(d), e);
            case SYS_FTRUNCATE -> host.call(HostSyscalls.FTRUNCATE, fd(a), b);
            case SYS_CHDIR -> host.call(HostSyscalls.CHDIR, path(a));
            case SYS_FCHDIR -> host.call(HostSyscalls.FCHDIR, fd(a));
            case SYS_UMASK -> host.call(HostSyscalls.UMASK, a & 0777);
            case SYS_GETDENTS64 -> host.call(HostSyscalls.GETDENTS64, fd(a), memory.hostAddress(b), prefix(b, c, WRITE));
            case SYS_PIPE2 -> pipe2(a, b);
            case SYS_PPOLL -> ppoll(a, b, c, d, e);
            case SYS_MEMFD_CREATE -> adopt(host.call(HostSyscalls.MEMFD_CREATE, path(a), b), 0);
            case SYS_IOCTL -> ioctl(a, b, c);
            case SYS_BRK -> mappings.brk(a);
            case SYS_MMAP -> mappings.mmap(a, b, c, d, (d & MemoryMapCalls.MAP_ANONYMOUS) != 0 ? -1 : fd(e), f);
            case SYS_MUNMAP -> mappings.munmap(a, b);
            case SYS_MPROTECT -> mappings.mprotect(a, b, c);
            case SYS_MREMAP -> mappings.mremap(a, b, c, d);
            case SYS_MADVISE -> mappings.madvise(a, b, c);
            case SYS_MSYNC -> mappings.msync(a, b, c);
            case SYS_MINCORE -> mappings.mincore(a, b, c);
            case SYS_MLOCK, SYS_MUNLOCK -> mappings.lock(a, b);
            case SYS_MLOCKALL, SYS_MUNLOCKALL -> 0; // nothing is swapped out for the guest's sake
            case SYS_EXIT -> {
                exitedAlone = true;
                threads.exiting(clearTid);
                throw new GuestExit((int) a & 0xFF);
            }
            case SYS_EXIT_GROUP -> throw new GuestExit((int) a & 0xFF);
            case SYS_EXECVE -> {
                long r = processes.execve(this, a, b, c, vforkChild);
                if (vforkChild && r > 0) {
                    vforkPid = r;
                    throw new GuestExit(0);
                }
                yield r;
            }
            case SYS_WAIT4 -> processes.wait4(this, a, b, c, d);
            case SYS_WAITID -> host.call(HostSyscalls.WAITID, a, b, c == 0 ? 0 : out(c, 128), d,
                    e == 0 ? 0 : out(e, 144));
            case SYS_SETPGID -> host.call(HostSyscalls.SETPGID, a, b);
            case SYS_GETPGID -> host.call(HostSyscalls.GETPGID, a);
            case SYS_GETSID -> host.call(HostSyscalls.GETSID, a);
            case SYS_SETSID -> host.call(HostSyscalls.SETSID);
            case SYS_SET_TID_ADDRESS -> {
                clearTid = a;
                yield tid;
            }
            case SYS_CLONE -> current instanceof dbt.frontend.GuestMachine g
                    ? threads.clone(this, g, abi, a, b, c, d, e) : -ENOSYS;
            case SYS_CLONE3 -> -ENOSYS; // glibc then uses clone
            case SYS_FUTEX -> threads.futex(this, a, b, c, d, e, f);
            case SYS_SET_ROBUST_LIST -> 0;
            case SYS_RISCV_FLUSH_ICACHE -> threads.flushCode();
            case SYS_SCHED_GETAFFINITY -> self(a) ? host.call(HostSyscalls.SCHED_GETAFFINITY, 0, b, out(c, b)) : -ESRCH;
            case SYS_SCHED_SETAFFINITY -> self(a) ? host.call(HostSyscalls.SCHED_SETAFFINITY, 0, b, in(c, b)) : -ESRCH;
            case SYS_RSEQ -> -ENOSYS; // what QEMU answers; glibc copes quietly
            case SYS_PRLIMIT64 -> prlimit(a, b, c, d);
            case SYS_GETRLIMIT -> prlimit(0, a, 0, b);
            case SYS_GETRANDOM -> host.call(HostSyscalls.GETRANDOM, memory.hostAddress(a), prefix(a, b, WRITE), c);
            case SYS_CLOCK_GETTIME -> host.call(HostSyscalls.CLOCK_GETTIME, a, out(b, 16));
            case SYS_CLOCK_GETRES -> host.call(HostSyscalls.CLOCK_GETRES, a, optionalOut(b, 16));
            case SYS_GETTIMEOFDAY -> host.call(HostSyscalls.GETTIMEOFDAY, optionalOut(a, 16), optionalOut(b, 8));
            case SYS_NANOSLEEP -> host.call(HostSyscalls.NANOSLEEP, in(a, 16), optionalOut(b, 16));
            case SYS_CLOCK_NANOSLEEP -> host.call(HostSyscalls.CLOCK_NANOSLEEP, a, b, in(c, 16), optionalOut(d, 16));
            case SYS_TIMES -> host.call(HostSyscalls.TIMES, optionalOut(a, 32));
            case SYS_GETRUSAGE -> host.call(HostSyscalls.GETRUSAGE, a, out(b, 144));
            case SYS_SYSINFO -> host.call(HostSyscalls.SYSINFO, out(a, 112));
            case SYS_UNAME -> uname(a);
            case SYS_GETPID -> vforkChild ? tid : pid;
            case SYS_GETPPID -> host.call(HostSyscalls.GETPPID);
            case SYS_GETTID -> tid;
            case SYS_GETUID -> host.call(HostSyscalls.GETUID);
            case SYS_GETEUID -> host.call(HostSyscalls.GETEUID);
            case SYS_GETGID -> host.call(HostSyscalls.GETGID);
            case SYS_GETEGID -> host.call(HostSyscalls.GETEGID);
            case SYS_SCHED_YIELD -> host.call(HostSyscalls.SCHED_YIELD);
            case SYS_RT_SIGACTION -> {
                long result = signals.sigaction(a, b, c, d);
                if (result == 0 && b != 0) {
                    hostSignals.follow((int) a, memory.load(b, 8));
                }
                yield result;
            }
            case SYS_RT_SIGPROCMASK -> signals.sigprocmask(a, b, c, d);
            case SYS_RT_SIGPENDING -> signals.sigpending(a, b);
            case SYS_SIGALTSTACK -> signals.sigaltstack(m(), a, b);
            case SYS_KILL -> (int) a == pid || (int) a == 0 ? kill((int) b, sent((int) b, GuestSignals.SI_USER))
                    : (int) a < 0 ? -EPERM : host.call(HostSyscalls.KILL, (int) a, b);
            case SYS_TKILL -> threads.sendToThread((int) a, (int) b, sent((int) b, GuestSignals.SI_TKILL));
            case SYS_TGKILL -> (int) a == pid ? threads.sendToThread((int) b, (int) c, sent((int) c, GuestSignals.SI_TKILL))
                    : -ESRCH;
            case SYS_RT_SIGQUEUEINFO -> (int) a == pid ? kill((int) b, queued(b, c)) : -ESRCH;
            case SYS_RT_TGSIGQUEUEINFO -> (int) a == pid ? threads.sendToThread((int) b, (int) c, queued(c, d)) : -ESRCH;
            case SYS_RT_SIGSUSPEND -> signals.suspend(a, b);
            case SYS_SETITIMER -> timers.setitimer(this, a, b, c);
            case SYS_GETITIMER -> timers.getitimer(a, b);
            case SYS_TIMER_CREATE -> timers.create(this, a, b, c);
            case SYS_TIMER_SETTIME -> timers.settime(a, b, c, d);
            case SYS_TIMER_GETTIME -> timers.gettime(a, b);
            case SYS_TIMER_GETOVERRUN -> timers.overrun(a);
            case SYS_TIMER_DELETE -> timers.delete(a);
            case SYS_RT_SIGTIMEDWAIT -> signals.timedWait(a, b, c, d);
            case SYS_SOCKET -> sockets.socket(this, a, b, c);
            case SYS_SOCKETPAIR -> sockets.socketpair(this, a, b, c, d);
            case SYS_BIND -> sockets.withAddress(this, HostSyscalls.BIND, a, b, c);
            case SYS_CONNECT -> sockets.withAddress(this, HostSyscalls.CONNECT, a, b, c);
            case SYS_LISTEN -> sockets.withNumber(this, HostSyscalls.LISTEN, a, b);
            case SYS_SHUTDOWN -> sockets.withNumber(this, HostSyscalls.SHUTDOWN, a, b);
            case SYS_ACCEPT -> sockets.accept4(this, a, b, c, 0);
            case SYS_ACCEPT4 -> sockets.accept4(this, a, b, c, d);
            case SYS_GETSOCKNAME -> sockets.name(this, HostSyscalls.GETSOCKNAME, a, b, c);
            case SYS_GETPEERNAME -> sockets.name(this, HostSyscalls.GETPEERNAME, a, b, c);
            case SYS_SENDTO -> sockets.sendto(this, a, b, c, d, e, f);
            case SYS_RECVFROM -> sockets.recvfrom(this, a, b, c, d, e, f);
            case SYS_SETSOCKOPT -> sockets.setsockopt(this, a, b, c, d, e);
            case SYS_GETSOCKOPT -> sockets.getsockopt(this, a, b, c, d, e);
            case SYS_SENDMSG -> sockets.sendmsg(this, a, b, c);
            case SYS_RECVMSG -> sockets.recvmsg(this, a, b, c);
            case SYS_EPOLL_CREATE1 -> events.create(this, HostSyscalls.EPOLL_CREATE1, a, 0);
            case SYS_EVENTFD2 -> events.create(this, HostSyscalls.EVENTFD2, a, b);
            case SYS_TIMERFD_CREATE -> events.create(this, HostSyscalls.TIMERFD_CREATE, a, b);
            case SYS_EPOLL_CTL -> events.epollCtl(this, a, b, c, d);
            case SYS_EPOLL_PWAIT -> events.epollPwait(this, a, b, c, d, e, f);
            case SYS_EPOLL_PWAIT2 -> events.epollPwait2(this, a, b, c, d, e, f);
            case SYS_PSELECT6 -> events.pselect6(this, a, b, c, d, e, f);
            case SYS_TIMERFD_SETTIME -> events.timerfdSettime(this, a, b, c, d);
            case SYS_TIMERFD_GETTIME -> events.timerfdGettime(this, a, b);
            case SYS_SENDFILE -> files.sendfile(this, a, b, c, d);
            case SYS_COPY_FILE_RANGE -> files.copyFileRange(this, a, b, c, d, e, f);
            case SYS_SPLICE -> files.splice(this, a, b, c, d, e, f);
            case SYS_FSYNC -> files.onDescriptor(this, HostSyscalls.FSYNC, a, 0, 0, 0);
            case SYS_FDATASYNC -> files.onDescriptor(this, HostSyscalls.FDATASYNC, a, 0, 0, 0);
            case SYS_SYNCFS -> files.onDescriptor(this, HostSyscalls.SYNCFS, a, 0, 0, 0);
            case SYS_SYNC -> host.call(HostSyscalls.SYNC);
            case SYS_FADVISE64 -> files.onDescriptor(this, HostSyscalls.FADVISE64, a, b, c, d);
            case SYS_FALLOCATE -> files.onDescriptor(this, HostSyscalls.FALLOCATE, a, b, c, d);
            case SYS_FLOCK -> files.onDescriptor(this, HostSyscalls.FLOCK, a, b, 0, 0);
            case SYS_FCHMOD -> files.onDescriptor(this, HostSyscalls.FCHMOD, a, b, 0, 0);
            case SYS_FCHOWN -> files.onDescriptor(this, HostSyscalls.FCHOWN, a, b, c, 0);
            case SYS_FCHMODAT -> files.fchmodat(this, a, b, c);
            case SYS_FCHOWNAT -> files.fchownat(this, a, b, c, d, e);
            case SYS_SYMLINKAT -> files.symlinkat(this, a, b, c);
            case SYS_LINKAT -> files.linkat(this, a, b, c, d, e);
            case SYS_UTIMENSAT -> files.utimensat(this, a, b, c, d);
            case SYS_STATFS -> files.statfs(this, a, b);
            case SYS_FSTATFS -> files.fstatfs(this, a, b);
            case SYS_TRUNCATE -> files.truncate(this, a, b);
            case SYS_PREADV -> files.vectorAt(this, HostSyscalls.PREADV, a, b, c, d, e, WRITE);
            case SYS_PWRITEV -> files.vectorAt(this, HostSyscalls.PWRITEV, a, b, c, d, e, READ);
            case SYS_PRCTL -> identity.prctl(this, a, b);
            case SYS_GETRESUID -> identity.getres(this, HostSyscalls.GETRESUID, a, b, c);
            case SYS_GETRESGID -> identity.getres(this, HostSyscalls.GETRESGID, a, b, c);
            case SYS_GETGROUPS -> identity.getgroups(this, a, b);
            case SYS_GETPRIORITY -> identity.priority(this, HostSyscalls.GETPRIORITY, a, b, 0);
            case SYS_SETPRIORITY -> identity.priority(this, HostSyscalls.SETPRIORITY, a, b, c);
            case SYS_SETRLIMIT -> identity.setrlimit(a, b);
            case SYS_MEMBARRIER -> identity.membarrier(this, a, b);
            case SYS_RISCV_HWPROBE -> identity.riscvHwprobe(this, a, b, c, d, e);
            default -> unsupported(n);
        };
    }

    private long unsupported(long number) {
        String what = "system call " + number + " (" + syscallName(number) + ")";
        if (warned.add(what)) {
            warnings.println("dbt: unsupported " + what);
            warnings.flush();
        }
        return -ENOSYS;
    }

    private Machine m() {
        return current;
    }

    /** A signal for the whole process: this thread takes it if it can (Linux prefers the sender too). */
    private long kill(int sig, byte[] info) {
        return signals.blocks(sig) ? threads.sendToProcess(sig, info) : signals.send(sig, info);
    }

    /** The siginfo of a signal this process sends itself. */
    private byte[] sent(int sig, int code) {
        return GuestSignals.sentInfo(sig, code, pid, host.call(HostSyscalls.GETUID));
    }

    /** The siginfo the guest gives with rt_sigqueueinfo (its signal number set to the one sent). */
    private byte[] queued(long sig, long info) {
        byte[] bytes = new byte[GuestSignals.SIGINFO_SIZE];
        memory.read(info, bytes, 0, bytes.length);
        MemorySegment.ofArray(bytes).set(INT, 0, (int) sig);
        return bytes;
    }

    /** Whether a thread id argument names the calling thread (0 does). */
    private boolean self(long id) {
        return (int) id == 0 || (int) id == tid;
    }

    // ---- translating arguments ------------------------------------------------------------------------------------

    /** The host descriptor behind a guest descriptor; EBADF if it is not open. */
    int fd(long guestFd) {
        int h = fds.host((int) guestFd);
        if (h < 0) {
            throw new Errno(EBADF);
        }
        return h;
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

    /** What the guest's /proc file at the path holds, if dbt makes it (see {@link ProcFiles}); else null. */
    private byte[] openProc(long pathAddress) {
        if (memory.cStringLength(pathAddress, PATH_MAX) < 6 || memory.load(pathAddress, 4) != 0x6f72702fL) { // "/pro"
            return null;
        }
        return proc.contents(memory.readCString(pathAddress, PATH_MAX));
    }

    /** The loaded program or interpreter, for /proc/self/maps: its range maps its file. */
    public void nameImage(dbt.frontend.ElfImage image) {
        try {
            Path file = Path.of(image.path()).toRealPath();
            long device = ((Number) java.nio.file.Files.getAttribute(file, "unix:dev")).longValue();
            long inode = ((Number) java.nio.file.Files.getAttribute(file, "unix:ino")).longValue();
            mappings.names().name(GuestMemory.pageDown(image.lowAddress()), GuestMemory.pageUp(image.highAddress()),
                    0, device, inode, file.toString());
        } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // unnamed, as anonymous memory
        }
    }

    /** The auxiliary vector of the initial stack at sp (after argc, argv and envp), for /proc/self/auxv. */
    public void recordAuxv(long sp) {
        long p = sp + 8 * (memory.load(sp, 8) + 2); // argc, argv[], NULL
        while (memory.load(p, 8) != 0) {
            p += 8;
        }
        long start = p + 8;
        long end = start;
        while (memory.load(end, 8) != 0) {
            end += 16;
        }
        byte[] bytes = new byte[(int) (end + 16 - start)];
        memory.read(start, bytes, 0, bytes.length);
        proc.setAuxv(bytes);
    }

    /** The guest's command line, for /proc/self/cmdline. */
    public void setArgv(List<String> argv) {
        proc.setArgv(argv);
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

    private long optionalOut(long address, long length) {
        return address == 0 ? 0 : out(address, length);
    }

    /** A host pointer to a guest buffer the host will read, all of it readable. */
    long in(long address, long length) {
        memory.require(address, length, READ);
        return memory.hostAddress(address);
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

    // ---- files ----------------------------------------------------------------------------------------------------

    private long vector(int call, long fd, long iov, long count, int permission) {
        int h = fd(fd);
        if (count < 0 || count > 1024) {
            return -EINVAL;
        }
        int n = 0;
        while (n < count) {
            long base = memory.load(iov + 16L * n, 8);
            long length = memory.load(iov + 16L * n + 8, 8);
            long usable = length == 0 ? 0 : memory.accessiblePrefix(base, length < 0 ? Long.MAX_VALUE : length, permission);
            if (usable == 0 && length != 0) {
                if (n == 0) {
                    return -EFAULT;
                }
                break;
            }
            scratch.set(LONG, 16L * n, memory.hostAddress(base));
            scratch.set(LONG, 16L * n + 8, usable);
            n++;
            if (usable != length) {
                break;
            }
        }
        return host.call(call, h, scratch.address(), n);
    }

    /** A write to a pipe nobody reads raises SIGPIPE first, as on Linux (the JVM itself ignores SIGPIPE). */
    long written(long result) {
        if (result == -EPIPE) {
            signals.send(SIGPIPE, sent(SIGPIPE, GuestSignals.SI_USER));
        }
        return result;
    }

    long close(long fd) {
        int h = fds.remove((int) fd);
        if (h < 0) {
            return -EBADF;
        }
        return FdTable.isShared(h) ? 0 : host.call(HostSyscalls.CLOSE, h);
    }

    private long dup3(long oldFd, long newFd, long flags) {
        if ((flags & ~O_CLOEXEC) != 0 || (int) oldFd == (int) newFd) {
            return -EINVAL;
        }
        int h = fd(oldFd);
        if ((int) newFd < 0 || (int) newFd >= FdTable.LIMIT) {
            return -EBADF;
        }
        long copy = host.call(HostSyscalls.FCNTL, h, flags != 0 ? F_DUPFD_CLOEXEC : F_DUPFD, 3);
        if (Errno.isError(copy)) {
            return copy;
        }
        int previous = fds.install((int) newFd, (int) copy);
        if (previous >= 0 && !FdTable.isShared(previous)) {
            host.call(HostSyscalls.CLOSE, previous);
        }
        return (int) newFd;
    }

    private long fcntl(long fd, long cmd, long arg) {
        int h = fd(fd);
        return switch ((int) cmd) {
            case F_DUPFD, F_DUPFD_CLOEXEC -> (int) arg < 0 || (int) arg >= FdTable.LIMIT ? -EINVAL
                    : adopt(host.call(HostSyscalls.FCNTL, h, cmd, 3), (int) arg);
            case 1, 2, 3, 4 -> host.call(HostSyscalls.FCNTL, h, cmd, arg); // F_GETFD, F_SETFD, F_GETFL, F_SETFL
            case 5 -> host.call(HostSyscalls.FCNTL, h, cmd, out(arg, 32)); // F_GETLK: struct flock is the same
            case 6, 7 -> host.call(HostSyscalls.FCNTL, h, cmd, in(arg, 32)); // F_SETLK, F_SETLKW
            default -> -EINVAL;
        };
    }

    /** Converts the host's struct stat in the scratch buffer into the guest's, after a successful host call. */
    private long stat(long result, long guestBuffer) {
        if (Errno.isError(result)) {
            return result;
        }
        StatLayout.hostToGuest(scratch, memory.slice(guestBuffer, StatLayout.GUEST_SIZE, WRITE));
        return 0;
    }

    private long readlinkat(long dirfd, long pathAddress, long buffer, long size) {
        if ((int) size <= 0) {
            return -EINVAL;
        }
        long p = path(pathAddress);
        if (p == executablePath.address()) {
            int n = Math.min((int) size, executable.length);
            memory.write(buffer, executable, 0, n);
            return n;
        }
        return host.call(HostSyscalls.READLINKAT, dir(dirfd, pathAddress), p, memory.hostAddress(buffer),
                prefix(buffer, (int) size, WRITE));
    }

    /**
     * ppoll(fds, n, timeout, sigmask): the pollfd array (the same layout on both sides) is copied with host
     * descriptors; a guest descriptor that is not open gets POLLNVAL, as from the kernel. A signal mask applies for the
     * wait as sigsuspend's does (the thread's own mask comes back unless a handler runs).
     */
    private long ppoll(long fdsAddress, long count, long timeout, long sigmask, long setSize) {
        if (count < 0 || count > FdTable.LIMIT) {
            return -EINVAL;
        }
        int n = (int) count;
        if (n > 0) {
            memory.require(fdsAddress, 8L * n, READ | WRITE);
        }
        if (8L * n > scratch.byteSize()) {
            return -ENOMEM;
        }
        int invalid = 0;
        for (int k = 0; k < n; k++) {
            int guest = (int) memory.load(fdsAddress + 8L * k, 4);
            int h = guest < 0 ? -1 : fds.host(guest);
            scratch.set(INT, 8L * k, h);
            scratch.set(INT, 8L * k + 4, (int) memory.load(fdsAddress + 8L * k + 4, 2)); // events; revents 0
            if (guest >= 0 && h < 0) {
                invalid++;
            }
        }
        long hostTimeout = timeout == 0 ? 0 : in(timeout, 16);
        long restore = -1;
        if (sigmask != 0) {
            if (setSize != 8) {
                return -EINVAL;
            }
            restore = signals.swapMask(memory.load(sigmask, 8));
        }
        long result = invalid > 0 ? 0 : host.call(HostSyscalls.PPOLL, scratch.address(), n, hostTimeout, 0, 8);
        if (restore != -1) {
            signals.restoreMask(restore, result == -EINTR);
        }
        if (Errno.isError(result)) {
            return result;
        }
        int ready = 0;
        for (int k = 0; k < n; k++) {
            int guest = (int) memory.load(fdsAddress + 8L * k, 4);
            short revents = guest >= 0 && fds.host(guest) < 0 ? (short) 0x20 // POLLNVAL
                    : (short) (scratch.get(INT, 8L * k + 4) >>> 16);
            memory.store(fdsAddress + 8L * k + 6, 2, revents);
            if (revents != 0) {
                ready++;
            }
        }
        return ready;
    }

    private long pipe2(long fdsAddress, long flags) {
        memory.require(fdsAddress, 8, WRITE);
        long r = host.call(HostSyscalls.PIPE2, scratch.address(), flags);
        if (Errno.isError(r)) {
            return r;
        }
        long readEnd = adopt(scratch.get(INT, 0), 0);
        long writeEnd = adopt(scratch.get(INT, 4), 0);
        if (Errno.isError(readEnd) || Errno.isError(writeEnd)) {
            close(readEnd);
            close(writeEnd);
            return -EMFILE;
        }
        memory.store(fdsAddress, 4, readEnd);
        memory.store(fdsAddress + 4, 4, writeEnd);
        return 0;
    }

    private long ioctl(long fd, long request, long arg) {
        int h = fd(fd);
        int r = (int) request;
        if (r == TCGETS) {
            return host.call(HostSyscalls.IOCTL, h, r, out(arg, TERMIOS_SIZE));
        } else if (r >= TCSETS && r <= TCSETSF) {
            return host.call(HostSyscalls.IOCTL, h, r, in(arg, TERMIOS_SIZE));
        } else if (r == TIOCGWINSZ) {
            return host.call(HostSyscalls.IOCTL, h, r, out(arg, 8));
        }
        return -ENOTTY;
    }

    // ---- process, time, identity ----------------------------------------------------------------------------------

    private long prlimit(long targetPid, long resource, long newLimit, long oldLimit) {
        if (targetPid != 0 && targetPid != pid) {
            return -ESRCH;
        }
        if (resource < 0 || resource >= RLIM_NLIMITS) {
            return -EINVAL;
        }
        long checked = newLimit == 0 ? 0 : identity.setrlimit(resource, newLimit); // checked, not applied
        if (checked != 0) {
            return checked;
        }
        if (oldLimit != 0) {
            MemorySegment limit = memory.slice(oldLimit, 16, WRITE);
            if (resource == RLIMIT_STACK) {
                limit.set(LONG, 0, GuestMemory.STACK_SIZE);
                limit.set(LONG, 8, -1); // RLIM_INFINITY
            } else if (resource == RLIMIT_NOFILE) {
                limit.set(LONG, 0, FdTable.LIMIT);
                limit.set(LONG, 8, FdTable.LIMIT);
            } else {
                long r = host.call(HostSyscalls.PRLIMIT64, 0, resource, 0, scratch.address());
                if (Errno.isError(r)) {
                    return r;
                }
                MemorySegment.copy(scratch, 0, limit, 0, 16);
            }
        }
        return 0;
    }

    private long uname(long address) {
        MemorySegment uts = memory.slice(address, 6 * UTS_FIELD, WRITE);
        long r = host.call(HostSyscalls.UNAME, scratch.address());
        if (Errno.isError(r)) {
            return r;
        }
        String[] fields = {"Linux", null, "6.1.0", "#1 SMP dbt", MACHINE, null};
        for (int i = 0; i < fields.length; i++) {
            MemorySegment field = uts.asSlice((long) i * UTS_FIELD, UTS_FIELD);
            if (fields[i] == null) {
                MemorySegment.copy(scratch, (long) i * UTS_FIELD, field, 0, UTS_FIELD); // nodename, domainname
            } else {
                field.fill((byte) 0);
                byte[] bytes = fields[i].getBytes(StandardCharsets.US_ASCII);
                MemorySegment.copy(bytes, 0, field, ValueLayout.JAVA_BYTE, 0, bytes.length);
            }
        }
        return 0;
    }
}
