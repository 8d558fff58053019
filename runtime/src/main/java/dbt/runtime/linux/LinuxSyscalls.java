package dbt.runtime.linux;

import static dbt.frontend.GuestMemory.READ;
import static dbt.frontend.GuestMemory.WRITE;
import static dbt.runtime.linux.Errno.*;
import static dbt.runtime.linux.LinuxSyscallTable.*;
import static dbt.runtime.linux.Riscv64LinuxAbi.*;

import dbt.frontend.ElfImage;
import dbt.frontend.GuestMachine;
import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;
import dbt.frontend.InitialStack;
import dbt.ir.GuestFault;
import dbt.isa.exec.Machine;
import dbt.isa.model.Abi;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The Linux system-call layer: {@link #call} performs the call the guest's registers ask for and writes the result
 * to the result register ({@code -errno} on failure, as the kernel does). Which registers those are comes from the
 * ISA description's {@code abi linux} block ({@link Abi}; on RISC-V a7, a0..a5 and a0), the call numbers are the
 * asm-generic ones ({@link LinuxSyscallTable}); so any guest ISA whose description declares the convention can make
 * system calls without Java code of its own. Without a convention, a system call ends the guest with one line
 * saying so. The data layouts (struct stat, ...) are those of a 64-bit little-endian guest.
 *
 * <p>This class reads the arguments, traces the call, restarts it under SA_RESTART, and hands it to the topic that
 * implements it, one file per topic: {@link DescriptorCalls}, {@link FileCalls}, {@link SocketCalls},
 * {@link EventCalls}, {@link MemoryMapCalls}, {@link TimeCalls} and {@link GuestTimers}, {@link SignalCalls} and
 * {@link GuestSignals}, {@link ProcessCalls}, {@link GuestThreads} and {@link GuestProcesses}, {@link IdentityCalls}
 * and {@link SystemCalls}. A call with no argument to translate goes to the host ({@link HostSyscalls}) from here.
 * Each topic gets the {@link CallingThread}: the thread's host calls and signals, and the translation of its
 * arguments (every guest pointer is checked before the host sees it). Output is not buffered: a guest {@code write}
 * is a host {@code write}. {@code exit}/{@code exit_group} and fatal signals throw {@link GuestExit}.
 *
 * <p>One object per guest thread ({@link #forThread}): the argument array, the tracer, the {@link CallingThread},
 * the {@link ProcessCalls} and the {@link IdentityCalls} are the thread's; the other topic objects are the
 * process's, shared by its threads (each locks what it changes; calls that change the memory map hold
 * {@link MemoryMapCalls}'s lock).
 */
public final class LinuxSyscalls {
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
    private final PrintStream strace;
    private final SyscallTracer tracer;

    private final CallingThread thread;
    private final ProcessCalls process;
    /** The thread's own (its name, its parent-death signal), sharing the process's part with the other threads'. */
    private final IdentityCalls identity;
    private final GuestThreads threads;
    private final GuestProcesses processes;
    private final GuestTimers timers;
    private final SignalCalls signalCalls;
    private final MemoryMapCalls mappings;
    private final FileCalls files;
    private final SocketCalls sockets;
    private final EventCalls events;
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
        thread = new CallingThread(memory, executable, warnings, registerFile, abi == null ? 0 : abi.stack());
        HostSyscalls host = thread.host();
        threads = new GuestThreads(memory, host);
        timers = new GuestTimers(memory, threads);
        HostSignals hostSignals = new HostSignals(threads);
        processes = new GuestProcesses(memory);
        process = new ProcessCalls(memory, threads, processes, hostSignals);
        signalCalls = new SignalCalls(memory, threads, hostSignals);
        mappings = new MemoryMapCalls(memory, host);
        proc = new ProcFiles(memory, thread.pid(), mappings.names(), threads);
        files = new FileCalls(memory, proc);
        sockets = new SocketCalls(memory);
        events = new EventCalls(memory);
        identity = new IdentityCalls(memory, String.valueOf(executable.getFileName()));
        this.strace = strace;
        tracer = strace == null ? null : new SyscallTracer(strace, memory, thread.pid());
    }

    /** The calls of a new thread of the same process: its own id and buffers, the caller's signal mask. */
    private LinuxSyscalls(LinuxSyscalls parent, long tid, long clearTid, boolean vforkChild) {
        abi = parent.abi;
        registerFile = parent.registerFile;
        numberRegister = parent.numberRegister;
        argumentRegisters = parent.argumentRegisters;
        resultRegister = parent.resultRegister;
        thread = parent.thread.forThread(tid, vforkChild);
        process = parent.process.forThread(clearTid, vforkChild);
        identity = parent.identity.forThread();
        threads = parent.threads;
        processes = parent.processes;
        timers = parent.timers;
        signalCalls = parent.signalCalls;
        mappings = parent.mappings;
        proc = parent.proc;
        files = parent.files;
        sockets = parent.sockets;
        events = parent.events;
        strace = parent.strace;
        tracer = strace == null ? null : new SyscallTracer(strace, thread.memory(), tid);
    }

    LinuxSyscalls forThread(long tid, long clearTid) {
        return new LinuxSyscalls(this, tid, clearTid, false);
    }

    /** The calls of a vfork child: a pid of dbt's (until its execve gives it a host one), copies of the tables. */
    LinuxSyscalls forVforkChild() {
        return new LinuxSyscalls(this, processes.newVirtualPid(), 0, true);
    }

    /** Where the guest's absolute paths are looked up (qemu's -L); set before the guest starts. */
    public void setPaths(GuestPaths paths) {
        thread.setPaths(paths);
    }

    /**
     * Lets guest handlers run, with Linux's riscv64 signal frame: fFile is the floating-point register file (or
     * -1) and fcsrSlot the CSR slot of fcsr (or -1). Maps the sigreturn trampoline. Before the guest starts.
     */
    public void enableSignalFrames(int fFile, int fcsrSlot) {
        thread.enableSignalFrames(fFile, fcsrSlot);
    }

    /** Runs the handlers of the signals pending for this thread that its mask lets through (see GuestSignals). */
    public void deliverSignals(Machine m) {
        thread.signals().deliverPending(m);
    }

    /**
     * A synchronous signal at the current pc (SIGSEGV, SIGBUS, SIGILL, SIGTRAP with its si_code and address):
     * true if the guest's handler runs next, false if the signal ends the guest.
     */
    public boolean fault(Machine m, int signal, int code, long address) {
        return thread.signals().fault(m, signal, code, address);
    }

    /** fork (clone without CLONE_VM): see {@link ProcessCalls#fork}. */
    long fork(GuestMachine m, long flags, long parentTid, long childTid) {
        return process.fork(thread, m, flags, parentTid, childTid, new ForkSnapshot.Names(mappings.names(), proc));
    }

    /** See {@link ProcessCalls#vforkEnded}. */
    long vforkEnded(int status) {
        return process.vforkEnded(thread, status);
    }

    /**
     * In a fork child's dbt, before the guest runs on: reads the parent's snapshot from host descriptor fd into the
     * (empty) memory and the state, and takes over the descriptors, signal actions and mask it lists. After
     * {@link #enableSignalFrames}.
     */
    public void restoreFork(int fd, GuestState state) {
        process.restoreFork(thread, fd, state, new ForkSnapshot.Names(mappings.names(), proc));
        state.setRegister(registerFile, resultRegister, 0);
        state.setReservation(-1);
    }

    /**
     * Binds this thread's calls to its guest state and host thread (hostTid, or -1 for the calling thread's), so
     * that signals reach it. On the thread itself, before it runs guest code.
     */
    public void attach(GuestState state, long hostTid) {
        long h = hostTid >= 0 ? hostTid : thread.host().call(HostSyscalls.GETTID);
        thread.signals().attach(state, thread.pid(), h);
        threads.started(thread.tid(), thread.signals());
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
        return thread.tid();
    }

    /** The process's threads (for the runtime to say how new ones run, and to wait for them). */
    public GuestThreads threads() {
        return threads;
    }

    /** Whether this thread ended by {@code exit} alone, leaving the process to its other threads. */
    public boolean exitedAlone() {
        return process.exitedAlone();
    }

    /** Answers a call dbt does not support in this form with errno, warning once per message. */
    long refuse(String what, int errno) {
        return thread.refuse(what, errno);
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
        HostSyscalls host = thread.host();
        return new InitialStack(thread.memory()).hwcap(HWCAP).identity((int) host.call(HostSyscalls.GETUID),
                (int) host.call(HostSyscalls.GETEUID), (int) host.call(HostSyscalls.GETGID),
                (int) host.call(HostSyscalls.GETEGID));
    }

    /** Tells routines (see GuestRoutines) where the files the guest maps executable are. */
    public void tellRoutines(dbt.runtime.translate.GuestRoutines routines) {
        mappings.tellRoutines(routines);
    }

    /** The loaded program or interpreter, for /proc/self/maps: its range maps its file. */
    public void nameImage(ElfImage image) {
        mappings.nameImage(image);
    }

    /** The loaded program (not its interpreter), for /proc/self/stat: where its code and data are. */
    public void recordProgram(ElfImage image) {
        proc.recordProgram(image.lowAddress(), image.highAddress());
    }

    /**
     * The initial stack at sp, for /proc/self/auxv (its auxiliary vector, after argc, argv and envp) and
     * /proc/self/stat (where the stack and the argument and environment strings start).
     */
    public void recordAuxv(long sp) {
        proc.recordAuxv(sp);
    }

    /** The guest's command line, for /proc/self/cmdline. */
    public void setArgv(List<String> argv) {
        proc.setArgv(argv);
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
            thread.signals().sigreturn(m);
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
        if (result == -EINTR && thread.hasSignalFrames() && restartable(number) && thread.signals().nextRestarts()) {
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
            return thread.unsupported(n);
        }
        HostSyscalls host = thread.host();
        return switch ((int) n) {
            case SYS_READ -> DescriptorCalls.read(thread, a, b, c);
            case SYS_WRITE -> DescriptorCalls.write(thread, a, b, c);
            case SYS_READV -> DescriptorCalls.vector(thread, HostSyscalls.READV, a, b, c, WRITE);
            case SYS_WRITEV -> DescriptorCalls.vector(thread, HostSyscalls.WRITEV, a, b, c, READ);
            case SYS_PREAD64 -> DescriptorCalls.pread(thread, a, b, c, d);
            case SYS_PWRITE64 -> DescriptorCalls.pwrite(thread, a, b, c, d);
            case SYS_GETDENTS64 -> DescriptorCalls.getdents(thread, a, b, c);
            case SYS_CLOSE -> thread.close(a);
            case SYS_DUP -> DescriptorCalls.dup(thread, a);
            case SYS_DUP3 -> DescriptorCalls.dup3(thread, a, b, c);
            case SYS_FCNTL -> DescriptorCalls.fcntl(thread, a, b, c);
            case SYS_IOCTL -> DescriptorCalls.ioctl(thread, a, b, c);
            case SYS_PIPE2 -> DescriptorCalls.pipe2(thread, a, b);
            case SYS_MEMFD_CREATE -> DescriptorCalls.memfdCreate(thread, a, b);
            case SYS_PPOLL -> DescriptorCalls.ppoll(thread, a, b, c, d, e);
            case SYS_OPENAT -> files.openat(thread, identity, a, b, c, d);
            case SYS_LSEEK -> files.onDescriptor(thread, HostSyscalls.LSEEK, a, b, c, 0);
            case SYS_FSTAT -> files.fstat(thread, a, b);
            case SYS_NEWFSTATAT -> files.newfstatat(thread, a, b, c, d);
            case SYS_STATX -> files.statx(thread, a, b, c, d, e);
            case SYS_READLINKAT -> files.readlinkat(thread, a, b, c, d);
            case SYS_FACCESSAT -> files.onPath(thread, HostSyscalls.FACCESSAT, a, b, c, 0, 0);
            case SYS_FACCESSAT2 -> files.onPath(thread, HostSyscalls.FACCESSAT2, a, b, c, d, 0);
            case SYS_UNLINKAT -> files.onPath(thread, HostSyscalls.UNLINKAT, a, b, c, 0, 0);
            case SYS_MKDIRAT -> files.onPath(thread, HostSyscalls.MKDIRAT, a, b, c, 0, 0);
            case SYS_FCHMODAT -> files.onPath(thread, HostSyscalls.FCHMODAT, a, b, c, 0, 0);
            case SYS_FCHOWNAT -> files.onPath(thread, HostSyscalls.FCHOWNAT, a, b, c, d, e);
            case SYS_RENAMEAT2 -> files.renameat2(thread, a, b, c, d, e);
            case SYS_SYMLINKAT -> files.symlinkat(thread, a, b, c);
            case SYS_LINKAT -> files.linkat(thread, a, b, c, d, e);
            case SYS_UTIMENSAT -> files.utimensat(thread, a, b, c, d);
            case SYS_STATFS -> files.statfs(thread, a, b);
            case SYS_FSTATFS -> files.fstatfs(thread, a, b);
            case SYS_TRUNCATE -> files.truncate(thread, a, b);
            case SYS_FTRUNCATE -> files.onDescriptor(thread, HostSyscalls.FTRUNCATE, a, b, 0, 0);
            case SYS_CHDIR -> files.chdir(thread, a);
            case SYS_FCHDIR -> files.onDescriptor(thread, HostSyscalls.FCHDIR, a, 0, 0, 0);
            case SYS_GETCWD -> files.getcwd(thread, a, b);
            case SYS_UMASK -> files.umask(thread, a);
            case SYS_SENDFILE -> files.sendfile(thread, a, b, c, d);
            case SYS_COPY_FILE_RANGE -> files.copyFileRange(thread, a, b, c, d, e, f);
            case SYS_SPLICE -> files.splice(thread, a, b, c, d, e, f);
            case SYS_FSYNC -> files.onDescriptor(thread, HostSyscalls.FSYNC, a, 0, 0, 0);
            case SYS_FDATASYNC -> files.onDescriptor(thread, HostSyscalls.FDATASYNC, a, 0, 0, 0);
            case SYS_SYNCFS -> files.onDescriptor(thread, HostSyscalls.SYNCFS, a, 0, 0, 0);
            case SYS_SYNC -> host.call(HostSyscalls.SYNC);
            case SYS_FADVISE64 -> files.onDescriptor(thread, HostSyscalls.FADVISE64, a, b, c, d);
            case SYS_FALLOCATE -> files.onDescriptor(thread, HostSyscalls.FALLOCATE, a, b, c, d);
            case SYS_FLOCK -> files.onDescriptor(thread, HostSyscalls.FLOCK, a, b, 0, 0);
            case SYS_FCHMOD -> files.onDescriptor(thread, HostSyscalls.FCHMOD, a, b, 0, 0);
            case SYS_FCHOWN -> files.onDescriptor(thread, HostSyscalls.FCHOWN, a, b, c, 0);
            case SYS_PREADV -> files.vectorAt(thread, HostSyscalls.PREADV, a, b, c, d, e, WRITE);
            case SYS_PWRITEV -> files.vectorAt(thread, HostSyscalls.PWRITEV, a, b, c, d, e, READ);
            case SYS_BRK -> mappings.brk(a);
            case SYS_MMAP -> mappings.mmap(a, b, c, d, (d & MemoryMapCalls.MAP_ANONYMOUS) != 0 ? -1 : thread.fd(e), f);
            case SYS_MUNMAP -> mappings.munmap(a, b);
            case SYS_MPROTECT -> mappings.mprotect(a, b, c);
            case SYS_MREMAP -> mappings.mremap(a, b, c, d);
            case SYS_MADVISE -> mappings.madvise(a, b, c);
            case SYS_MSYNC -> mappings.msync(a, b, c);
            case SYS_MINCORE -> mappings.mincore(a, b, c);
            case SYS_MLOCK, SYS_MUNLOCK -> mappings.lock(a, b);
            case SYS_MLOCKALL, SYS_MUNLOCKALL -> 0; // nothing is swapped out for the guest's sake
            case SYS_EXIT -> process.exit(a);
            case SYS_EXIT_GROUP -> process.exitGroup(a);
            case SYS_EXECVE -> process.execve(thread, a, b, c);
            case SYS_WAIT4 -> processes.wait4(thread, a, b, c, d);
            case SYS_WAITID -> process.waitid(thread, a, b, c, d, e);
            case SYS_SET_TID_ADDRESS -> process.setTidAddress(thread, a);
            case SYS_CLONE -> current instanceof GuestMachine g ? threads.clone(this, g, abi, a, b, c, d, e) : -ENOSYS;
            case SYS_CLONE3 -> -ENOSYS; // glibc then uses clone
            case SYS_FUTEX -> threads.futex(thread, a, b, c, d, e, f);
            case SYS_SET_ROBUST_LIST -> 0;
            case SYS_RISCV_FLUSH_ICACHE -> threads.flushCode();
            case SYS_RSEQ -> -ENOSYS; // what QEMU answers; glibc copes quietly
            case SYS_GETPID -> process.getpid(thread);
            case SYS_GETTID -> thread.tid();
            case SYS_GETPPID -> host.call(HostSyscalls.GETPPID);
            case SYS_SETPGID -> host.call(HostSyscalls.SETPGID, a, b);
            case SYS_GETPGID -> host.call(HostSyscalls.GETPGID, a);
            case SYS_GETSID -> host.call(HostSyscalls.GETSID, a);
            case SYS_SETSID -> host.call(HostSyscalls.SETSID);
            case SYS_SCHED_GETAFFINITY -> process.schedGetaffinity(thread, a, b, c);
            case SYS_SCHED_SETAFFINITY -> process.schedSetaffinity(thread, a, b, c);
            case SYS_SCHED_YIELD -> host.call(HostSyscalls.SCHED_YIELD);
            case SYS_CLOCK_GETTIME -> TimeCalls.clockGettime(thread, a, b);
            case SYS_CLOCK_GETRES -> TimeCalls.clockGetres(thread, a, b);
            case SYS_GETTIMEOFDAY -> TimeCalls.gettimeofday(thread, a, b);
            case SYS_NANOSLEEP -> TimeCalls.nanosleep(thread, a, b);
            case SYS_CLOCK_NANOSLEEP -> TimeCalls.clockNanosleep(thread, a, b, c, d);
            case SYS_TIMES -> TimeCalls.times(thread, a);
            case SYS_SETITIMER -> timers.setitimer(thread, a, b, c);
            case SYS_GETITIMER -> timers.getitimer(a, b);
            case SYS_TIMER_CREATE -> timers.create(thread, a, b, c);
            case SYS_TIMER_SETTIME -> timers.settime(a, b, c, d);
            case SYS_TIMER_GETTIME -> timers.gettime(a, b);
            case SYS_TIMER_GETOVERRUN -> timers.overrun(a);
            case SYS_TIMER_DELETE -> timers.delete(a);
            case SYS_RT_SIGACTION -> signalCalls.sigaction(thread, a, b, c, d);
            case SYS_RT_SIGPROCMASK -> thread.signals().sigprocmask(a, b, c, d);
            case SYS_RT_SIGPENDING -> thread.signals().sigpending(a, b);
            case SYS_SIGALTSTACK -> thread.signals().sigaltstack(current, a, b);
            case SYS_RT_SIGSUSPEND -> thread.signals().suspend(a, b);
            case SYS_RT_SIGTIMEDWAIT -> thread.signals().timedWait(a, b, c, d);
            case SYS_KILL -> signalCalls.kill(thread, a, b);
            case SYS_TKILL -> signalCalls.tkill(thread, a, b);
            case SYS_TGKILL -> signalCalls.tgkill(thread, a, b, c);
            case SYS_RT_SIGQUEUEINFO -> signalCalls.sigqueueinfo(thread, a, b, c);
            case SYS_RT_TGSIGQUEUEINFO -> signalCalls.tgsigqueueinfo(thread, a, b, c, d);
            case SYS_SOCKET -> sockets.socket(thread, a, b, c);
            case SYS_SOCKETPAIR -> sockets.socketpair(thread, a, b, c, d);
            case SYS_BIND -> sockets.withAddress(thread, HostSyscalls.BIND, a, b, c);
            case SYS_CONNECT -> sockets.withAddress(thread, HostSyscalls.CONNECT, a, b, c);
            case SYS_LISTEN -> sockets.withNumber(thread, HostSyscalls.LISTEN, a, b);
            case SYS_SHUTDOWN -> sockets.withNumber(thread, HostSyscalls.SHUTDOWN, a, b);
            case SYS_ACCEPT -> sockets.accept4(thread, a, b, c, 0);
            case SYS_ACCEPT4 -> sockets.accept4(thread, a, b, c, d);
            case SYS_GETSOCKNAME -> sockets.name(thread, HostSyscalls.GETSOCKNAME, a, b, c);
            case SYS_GETPEERNAME -> sockets.name(thread, HostSyscalls.GETPEERNAME, a, b, c);
            case SYS_SENDTO -> sockets.sendto(thread, a, b, c, d, e, f);
            case SYS_RECVFROM -> sockets.recvfrom(thread, a, b, c, d, e, f);
            case SYS_SETSOCKOPT -> sockets.setsockopt(thread, a, b, c, d, e);
            case SYS_GETSOCKOPT -> sockets.getsockopt(thread, a, b, c, d, e);
            case SYS_SENDMSG -> sockets.sendmsg(thread, a, b, c);
            case SYS_RECVMSG -> sockets.recvmsg(thread, a, b, c);
            case SYS_EPOLL_CREATE1 -> events.create(thread, HostSyscalls.EPOLL_CREATE1, a, 0);
            case SYS_EVENTFD2 -> events.create(thread, HostSyscalls.EVENTFD2, a, b);
            case SYS_TIMERFD_CREATE -> events.create(thread, HostSyscalls.TIMERFD_CREATE, a, b);
            case SYS_EPOLL_CTL -> events.epollCtl(thread, a, b, c, d);
            case SYS_EPOLL_PWAIT -> events.epollPwait(thread, a, b, c, d, e, f);
            case SYS_EPOLL_PWAIT2 -> events.epollPwait2(thread, a, b, c, d, e, f);
            case SYS_PSELECT6 -> events.pselect6(thread, a, b, c, d, e, f);
            case SYS_TIMERFD_SETTIME -> events.timerfdSettime(thread, a, b, c, d);
            case SYS_TIMERFD_GETTIME -> events.timerfdGettime(thread, a, b);
            case SYS_UNAME -> SystemCalls.uname(thread, a);
            case SYS_SYSINFO -> SystemCalls.sysinfo(thread, a);
            case SYS_GETRUSAGE -> SystemCalls.getrusage(thread, a, b);
            case SYS_GETRANDOM -> SystemCalls.getrandom(thread, a, b, c);
            case SYS_PRLIMIT64 -> SystemCalls.prlimit(thread, a, b, c, d);
            case SYS_GETRLIMIT -> SystemCalls.prlimit(thread, 0, a, 0, b);
            case SYS_SETRLIMIT -> SystemCalls.setrlimit(thread, a, b);
            case SYS_GETUID -> host.call(HostSyscalls.GETUID);
            case SYS_GETEUID -> host.call(HostSyscalls.GETEUID);
            case SYS_GETGID -> host.call(HostSyscalls.GETGID);
            case SYS_GETEGID -> host.call(HostSyscalls.GETEGID);
            case SYS_GETRESUID -> identity.getres(thread, HostSyscalls.GETRESUID, a, b, c);
            case SYS_GETRESGID -> identity.getres(thread, HostSyscalls.GETRESGID, a, b, c);
            case SYS_GETGROUPS -> identity.getgroups(thread, a, b);
            case SYS_GETPRIORITY -> identity.priority(thread, HostSyscalls.GETPRIORITY, a, b, 0);
            case SYS_SETPRIORITY -> identity.priority(thread, HostSyscalls.SETPRIORITY, a, b, c);
            case SYS_PRCTL -> identity.prctl(thread, a, b);
            case SYS_MEMBARRIER -> identity.membarrier(thread, a, b);
            case SYS_RISCV_HWPROBE -> identity.riscvHwprobe(thread, a, b, c, d, e);
            default -> thread.unsupported(n);
        };
    }
}
