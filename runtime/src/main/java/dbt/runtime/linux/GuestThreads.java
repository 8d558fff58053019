package dbt.runtime.linux;

import static dbt.runtime.linux.Errno.*;

import dbt.frontend.GuestMachine;
import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;
import dbt.ir.GuestFault;
import dbt.isa.model.Abi;
import dbt.runtime.Main;
import java.util.concurrent.CompletableFuture;

/**
 * The guest process's threads: {@code clone} as {@code pthread_create} calls it, a thread's end, and {@code futex}.
 *
 * <p>Each guest thread runs on a host thread of its own, with its own guest state, its own engine (so its own
 * translated code) and its own {@link LinuxSyscalls}; they share the guest memory, the descriptor table and the
 * signal actions. A guest thread's id is its host thread's id, except the first thread's, which is the process id,
 * as Linux numbers a process's first thread (the JVM runs the guest's first thread on a host thread of its own).
 * {@code futex} is the host's, on the guest word's host address, so a waiting thread costs no CPU and a waker in
 * another guest thread reaches it.
 *
 * <p>Invariants: {@link #live} counts the guest threads that have not ended, the first one included until it calls
 * {@code exit}. A thread that ends by {@code exit} with a clear-tid address zeroes that word and wakes one waiter
 * ({@code pthread_join} waits for this) before it is counted out. {@code exit_group}, a fatal signal or an error in
 * any thread other than the first ends the host process with its status ({@link #endProcess}); in the first thread
 * they return to {@code Main}, whose exit ends the others.
 */
public final class GuestThreads {
    /**
     * Runs a guest thread on the calling host thread until it ends; returns its exit status, or minus the signal
     * that killed it.
     */
    public interface Runner {
        int run(GuestMachine machine, LinuxSyscalls calls);
    }

    static final long CLONE_VM = 0x100;
    static final long CLONE_FS = 0x200;
    static final long CLONE_FILES = 0x400;
    static final long CLONE_SIGHAND = 0x800;
    static final long CLONE_VFORK = 0x4000;
    static final long CLONE_THREAD = 0x10000;
    static final long CLONE_SYSVSEM = 0x40000;
    static final long CLONE_SETTLS = 0x80000;
    static final long CLONE_PARENT_SETTID = 0x100000;
    static final long CLONE_CHILD_CLEARTID = 0x200000;
    static final long CLONE_DETACHED = 0x400000;
    static final long CLONE_CHILD_SETTID = 0x1000000;
    /** What a thread needs: one address space, file table and signal table, in the caller's thread group. */
    private static final long THREAD = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD;
    /** What glibc's fork adds to a plain fork (the exit signal is in the low byte). */
    private static final long FORK_OPTIONS = CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_PARENT_SETTID;
    private static final long THREAD_OPTIONS = CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID
            | CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_CHILD_SETTID;

    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;
    private static final int FUTEX_REQUEUE = 3;
    private static final int FUTEX_CMP_REQUEUE = 4;
    private static final int FUTEX_WAKE_OP = 5;
    private static final int FUTEX_WAIT_BITSET = 9;
    private static final int FUTEX_WAKE_BITSET = 10;
    /** FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME, which go to the host as they are. */
    private static final int FUTEX_MODIFIERS = 128 | 256;

    /** The host stack of a guest thread: translated code and the dispatcher use little of it. */
    private static final long HOST_STACK = 4L << 20;

    private final GuestMemory memory;
    private final HostSyscalls host;
    private Runner runner;
    private int live = 1;
    /** The signals of every running guest thread, by thread id, in creation order (the first thread first). */
    private final java.util.LinkedHashMap<Long, GuestSignals> signals = new java.util.LinkedHashMap<>();
    /** Counts {@code riscv_flush_icache} calls: each thread's engine forgets its code when it sees a new count. */
    private volatile long codeGeneration;

    GuestThreads(GuestMemory memory, HostSyscalls host) {
        this.memory = memory;
        this.host = host;
    }

    /** How new threads run (the engine and dispatcher are the runtime's); without one, clone is refused. */
    public synchronized void setRunner(Runner runner) {
        this.runner = runner;
    }

    /**
     * {@code clone(flags, stack, parent_tid, tls, child_tid)} (RISC-V's argument order) for a new thread; returns
     * its id once it has one (and has written it where the flags say), or {@code -errno}.
     */
    long clone(LinuxSyscalls parent, GuestMachine machine, Abi abi, long flags, long stack, long parentTid, long tls,
               long childTid) {
        if ((flags & (CLONE_VM | CLONE_VFORK | CLONE_THREAD)) == (CLONE_VM | CLONE_VFORK)) {
            return vfork(parent, machine, abi, stack);
        }
        if ((flags & (CLONE_VM | CLONE_THREAD | CLONE_SIGHAND | CLONE_FILES | CLONE_FS)) == 0) {
            if ((flags & ~(FORK_OPTIONS | 0xFF)) != 0) {
                return parent.refuse("fork with flags 0x" + Long.toHexString(flags), EINVAL);
            }
            return parent.fork(machine, flags, parentTid, childTid);
        }
        if ((flags & THREAD) != THREAD || (flags & ~(THREAD | THREAD_OPTIONS | 0xFF)) != 0 || (flags & 0xFF) != 0
                || (flags & CLONE_SETTLS) != 0 && abi.thread() == Abi.NONE) {
            return parent.refuse("clone with flags 0x" + Long.toHexString(flags)
                    + " (only threads, as pthread_create makes them, are supported yet)", EINVAL);
        }
        Runner r;
        synchronized (this) {
            r = runner;
            if (r == null) {
                return -ENOSYS;
            }
            live++;
        }
        GuestState state = machine.state().copy();
        if (stack != 0) {
            state.setRegister(abi.file(), abi.stack(), stack);
        }
        if ((flags & CLONE_SETTLS) != 0) {
            state.setRegister(abi.file(), abi.thread(), tls);
        }
        state.setRegister(abi.file(), abi.result(), 0);
        GuestMachine child = new GuestMachine(state, memory);
        CompletableFuture<Long> started = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().name("guest thread").stackSize(HOST_STACK).unstarted(() -> {
            long tid = host.call(HostSyscalls.GETTID);
            LinuxSyscalls calls = parent.forThread(tid, (flags & CLONE_CHILD_CLEARTID) != 0 ? childTid : 0);
            calls.attach(state, tid);
            // Both ids are in place before either thread goes on, as the kernel writes them before clone returns.
            if ((flags & CLONE_CHILD_SETTID) != 0) {
                storeTid(childTid, tid);
            }
            if ((flags & CLONE_PARENT_SETTID) != 0) {
                storeTid(parentTid, tid);
            }
            started.complete(tid);
            int status;
            try {
                status = r.run(child, calls);
            } catch (RuntimeException | Error e) {
                System.err.println("dbt: internal error in a guest thread: " + e);
                status = 70;
            }
            if (!calls.exitedAlone()) {
                endProcess(status);
            }
            forget(tid);
            ended();
        });
        try {
            thread.start();
        } catch (OutOfMemoryError e) { // the host has no more threads to give
            ended();
            return -EAGAIN;
        }
        return started.join();
    }

    /**
     * A vfork-style child (posix_spawn, system, popen): runs as a guest thread with copies of the descriptors and
     * signal actions (see {@link GuestProcesses}) while the parent waits; returns the pid of the program its execve
     * started, or its own pid of dbt's if it ended without one.
     */
    private long vfork(LinuxSyscalls parent, GuestMachine machine, Abi abi, long stack) {
        Runner r;
        synchronized (this) {
            r = runner;
        }
        if (r == null) {
            return -ENOSYS;
        }
        GuestState state = machine.state().copy();
        if (stack != 0) {
            state.setRegister(abi.file(), abi.stack(), stack);
        }
        state.setRegister(abi.file(), abi.result(), 0);
        GuestMachine child = new GuestMachine(state, memory);
        LinuxSyscalls calls = parent.forVforkChild();
        long[] pid = new long[1];
        Thread thread = Thread.ofPlatform().name("guest vfork child").stackSize(HOST_STACK).unstarted(() -> {
            int status;
            try {
                status = r.run(child, calls);
            } catch (RuntimeException | Error e) {
                System.err.println("dbt: internal error in a vfork child: " + e);
                status = 70;
            }
            pid[0] = calls.vforkEnded(status);
        });
        try {
            thread.start();
            thread.join();
        } catch (OutOfMemoryError e) {
            return -EAGAIN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -EINTR;
        }
        return pid[0];
    }

    private void storeTid(long address, long tid) {
        try {
            memory.store(address, 4, tid);
        } catch (GuestFault f) {
            // Linux ignores a tid address it cannot write.
        }
    }

    /**
     * The calling thread ends alone ({@code exit}): zeroes its clear-tid word and wakes one waiter there. It is
     * counted out when its host thread returns, or, for the first thread, in {@link #awaitOthers}.
     */
    void exiting(long clearTid) {
        if (clearTid != 0) {
            storeTid(clearTid, 0);
            host.call(HostSyscalls.FUTEX, memory.hostAddress(clearTid), FUTEX_WAKE, 1, 0, 0, 0);
        }
    }

    private synchronized void ended() {
        live--;
        notifyAll();
    }

    /** For the first thread, after it ended alone: waits until every other thread has ended. */
    public synchronized void awaitOthers(long tid) {
        signals.remove(tid);
        live--;
        while (live > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * {@code riscv_flush_icache}: every thread forgets its translated code before it runs any more of it; the others
     * are interrupted for that, as for a signal.
     */
    synchronized long flushCode() {
        codeGeneration++;
        signals.values().forEach(GuestSignals::interrupt);
        return 0;
    }

    public long codeGeneration() {
        return codeGeneration;
    }

    /** How many guest threads the process has (at least the one asking). */
    synchronized int count() {
        return Math.max(1, signals.size());
    }

    /** A thread starts: signals for it (by tgkill) or for the process (by kill) can reach it. */
    synchronized void started(long tid, GuestSignals s) {
        signals.put(tid, s);
    }

    private synchronized void forget(long tid) {
        signals.remove(tid);
    }

    /** tgkill, tkill: sig for one thread; -ESRCH if it has ended (or never was). */
    long sendToThread(long tid, int sig, byte[] info) {
        GuestSignals target;
        synchronized (this) {
            target = signals.get(tid);
        }
        return target == null ? -ESRCH : target.send(sig, info);
    }

    /** kill, a timer, a host signal: sig for the process, taken by the first thread that does not block it. */
    long sendToProcess(int sig, byte[] info) {
        GuestSignals target = null;
        synchronized (this) {
            for (GuestSignals s : signals.values()) {
                if (target == null || !s.blocks(sig) && target.blocks(sig)) {
                    target = s;
                }
            }
        }
        return target == null ? 0 : target.send(sig, info);
    }

    /** Ends the host process (exit_group, or a fatal signal: -signal, in a thread other than the first). */
    static void endProcess(int status) {
        if (status < 0) {
            HostSignals.dieBy(-status);
        }
        Main.exit(status);
    }

    /**
     * {@code futex(uaddr, op, val, timeout or val2, uaddr2, val3)} on the host: the wait, wake, requeue and wake-op
     * families, private or shared, with either clock. Priority-inheritance futexes (which need host thread ids the
     * guest does not see) are not supported.
     */
    long futex(CallingThread thread, long address, long op, long value, long timeout, long address2, long value3) {
        int command = (int) op & ~FUTEX_MODIFIERS;
        if ((address & 3) != 0) {
            return -EINVAL;
        }
        return switch (command) {
            case FUTEX_WAIT, FUTEX_WAIT_BITSET -> {
                memory.require(address, 4, GuestMemory.READ);
                long hostTimeout = 0;
                if (timeout != 0) {
                    memory.require(timeout, 16, GuestMemory.READ);
                    hostTimeout = memory.hostAddress(timeout);
                }
                yield thread.host().call(HostSyscalls.FUTEX, memory.hostAddress(address), op, value, hostTimeout, 0,
                        value3);
            }
            case FUTEX_WAKE, FUTEX_WAKE_BITSET -> {
                memory.require(address, 4, GuestMemory.MAPPED);
                yield host.call(HostSyscalls.FUTEX, memory.hostAddress(address), op, value, 0, 0, value3);
            }
            case FUTEX_REQUEUE, FUTEX_CMP_REQUEUE, FUTEX_WAKE_OP -> {
                memory.require(address, 4, GuestMemory.READ);
                memory.require(address2, 4, command == FUTEX_WAKE_OP ? GuestMemory.WRITE : GuestMemory.READ);
                yield host.call(HostSyscalls.FUTEX, memory.hostAddress(address), op, value, timeout,
                        memory.hostAddress(address2), value3);
            }
            default -> thread.refuse("futex operation " + command, ENOSYS);
        };
    }
}
