package dbt.runtime.linux;

import dbt.isa.exec.NativeMemory;
import dbt.frontend.GuestMachine;
import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;

import java.lang.foreign.MemorySegment;

import static dbt.runtime.linux.Errno.ESRCH;

/**
 * The calls that make, end, change and wait for processes and threads, as far as the calling thread takes part:
 * exit, exit_group, execve, fork (a clone without CLONE_VM), the end of a vfork child, set_tid_address, getpid,
 * waitid, sched_getaffinity and sched_setaffinity, and a fork child's start from its parent's snapshot. What spans
 * the process is elsewhere: the threads and futexes in {@link GuestThreads}, the programs started and the children
 * waited for in {@link GuestProcesses}.
 *
 * <p>One object per guest thread ({@link #forThread}): whether the thread is a vfork child (and the pid it ended
 * with), where its id is cleared when it ends, and whether it ended by {@code exit} alone are the thread's, and only
 * the thread itself reads and changes them (its parent reads a vfork child's end after joining it); the
 * {@link GuestThreads}, {@link GuestProcesses} and {@link HostSignals} are the process's and shared (they lock
 * themselves).
 */
final class ProcessCalls {
    private static final int O_CLOEXEC = 02000000;
    private static final int SIGINFO_SIZE = 128;
    private static final int RUSAGE_SIZE = 144;

    private final GuestMemory memory;
    private final GuestThreads threads;
    private final GuestProcesses processes;
    private final HostSignals hostSignals;
    /** For the child of a vfork-style clone: it runs until execve or exit, then the parent goes on. */
    private final boolean vforkChild;
    /** The vfork child's pid once it ended: its program's host pid, or its own (virtual) one. */
    private long vforkPid;
    /** Where this thread's id is cleared when it ends ({@code set_tid_address}, CLONE_CHILD_CLEARTID), or 0. */
    private long clearTid;
    private boolean exitedAlone;

    /** The first thread's. */
    ProcessCalls(GuestMemory memory, GuestThreads threads, GuestProcesses processes, HostSignals hostSignals) {
        this(memory, threads, processes, hostSignals, 0, false);
    }

    private ProcessCalls(GuestMemory memory, GuestThreads threads, GuestProcesses processes, HostSignals hostSignals,
                         long clearTid, boolean vforkChild) {
        this.memory = memory;
        this.threads = threads;
        this.processes = processes;
        this.hostSignals = hostSignals;
        this.clearTid = clearTid;
        this.vforkChild = vforkChild;
    }

    /** The calls of a new thread (or vfork child) of the same process. */
    ProcessCalls forThread(long clearTid, boolean vforkChild) {
        return new ProcessCalls(memory, threads, processes, hostSignals, clearTid, vforkChild);
    }

    /** Whether this thread ended by {@code exit} alone, leaving the process to its other threads. */
    boolean exitedAlone() {
        return exitedAlone;
    }

    /** exit(status): this thread ends; its id is cleared (and the word's waiters woken) where it asked. */
    long exit(long status) {
        exitedAlone = true;
        threads.exiting(clearTid);
        throw new GuestExit((int) status & 0xFF);
    }

    long exitGroup(long status) {
        throw new GuestExit((int) status & 0xFF);
    }

    /** execve: see {@link GuestProcesses#execve}; a vfork child whose program started ends, and its parent goes on. */
    long execve(CallingThread thread, long path, long argv, long envp) {
        long r = processes.execve(thread, path, argv, envp, vforkChild);
        if (vforkChild && r > 0) {
            vforkPid = r;
            throw new GuestExit(0);
        }
        return r;
    }

    long setTidAddress(CallingThread thread, long address) {
        clearTid = address;
        return thread.tid();
    }

    /** getpid: a vfork child has its own pid (dbt's until its execve). */
    long getpid(CallingThread thread) {
        return vforkChild ? thread.tid() : thread.pid();
    }

    /** fork (clone without CLONE_VM): see {@link GuestProcesses#fork}. */
    long fork(CallingThread thread, GuestMachine m, long flags, long parentTid, long childTid,
              ForkSnapshot.Names names) {
        MemorySegment scratch = thread.scratch();
        long r = thread.host().call(HostSyscalls.PIPE2, scratch.address(), O_CLOEXEC);
        if (Errno.isError(r)) {
            return r;
        }
        long[] pipe = {NativeMemory.getInt(scratch, 0), NativeMemory.getInt(scratch, 4)};
        long pid = processes.fork(thread, m, (flags & GuestThreads.CLONE_CHILD_SETTID) != 0 ? childTid : 0,
                (flags & GuestThreads.CLONE_CHILD_CLEARTID) != 0 ? childTid : 0, thread.executable(), pipe, names);
        if (pid > 0 && (flags & GuestThreads.CLONE_PARENT_SETTID) != 0) {
            memory.store(parentTid, 4, pid);
        }
        return pid;
    }

    /**
     * After a vfork child ended (status: its exit status, or minus the signal that killed it): the pid its parent's
     * clone returns. Closes the child's descriptors.
     */
    long vforkEnded(CallingThread thread, int status) {
        if (vforkPid == 0) { // ended without execve: a fault, or exit; the wait status says which
            vforkPid = thread.tid();
            processes.endedWithoutExec(thread.tid(), status < 0 ? -status : (status & 0xFF) << 8);
        }
        thread.closeAll();
        return vforkPid;
    }

    /**
     * In a fork child's dbt, before the guest runs on: reads the parent's snapshot from host descriptor fd into the
     * (empty) memory and the state, and takes over the descriptors, signal actions and mask it lists.
     */
    void restoreFork(CallingThread thread, int fd, GuestState state, ForkSnapshot.Names names) {
        ForkSnapshot.Rest rest = ForkSnapshot.read(fd, state, memory, names);
        thread.closeHost(fd);
        thread.inheritDescriptors(rest.descriptors());
        byte[][] signalActions = thread.signalActions();
        synchronized (signalActions) {
            for (int s = 1; s <= 64; s++) {
                signalActions[s] = rest.actions()[s];
                if (signalActions[s] != null) {
                    hostSignals.follow(s, NativeMemory.getLong(signalActions[s], 0));
                }
            }
        }
        thread.signals().swapMask(rest.mask());
        if (rest.setTid() != 0) {
            memory.store(rest.setTid(), 4, thread.pid());
        }
        clearTid = rest.clearTid();
    }

    long waitid(CallingThread thread, long type, long id, long info, long options, long rusage) {
        return thread.host().call(HostSyscalls.WAITID, type, id, info == 0 ? 0 : thread.out(info, SIGINFO_SIZE),
                options, rusage == 0 ? 0 : thread.out(rusage, RUSAGE_SIZE));
    }

    long schedGetaffinity(CallingThread thread, long id, long size, long mask) {
        return self(thread, id) ? thread.host().call(HostSyscalls.SCHED_GETAFFINITY, 0, size, thread.out(mask, size))
                : -ESRCH;
    }

    long schedSetaffinity(CallingThread thread, long id, long size, long mask) {
        return self(thread, id) ? thread.host().call(HostSyscalls.SCHED_SETAFFINITY, 0, size, thread.in(mask, size))
                : -ESRCH;
    }

    /** Whether a thread id argument names the calling thread (0 does). */
    private static boolean self(CallingThread thread, long id) {
        return (int) id == 0 || (int) id == thread.tid();
    }
}
