package dbt.runtime.linux;

import dbt.isa.exec.NativeMemory;
import dbt.frontend.GuestMemory;

import static dbt.runtime.linux.Errno.EPERM;
import static dbt.runtime.linux.Errno.ESRCH;

/**
 * The signal calls that reach beyond the calling thread's {@link GuestSignals}: rt_sigaction (which also tells
 * {@link HostSignals} which signals from outside to catch), and the senders kill, tkill, tgkill, rt_sigqueueinfo and
 * rt_tgsigqueueinfo, which give a signal to this thread, another of the process's ({@link GuestThreads}), or another
 * process (the host's kill). The calls on the thread's own signals (mask, pending, alternate stack, suspend, wait,
 * sigreturn) are {@link GuestSignals}'s, reached through {@link CallingThread#signals}.
 *
 * <p>Invariants: the object holds only the process's memory, threads and host signals, shared by all its threads
 * (each locks itself); the thread's signals and the process's actions come with the calling thread.
 */
final class SignalCalls {
    private final GuestMemory memory;
    private final GuestThreads threads;
    private final HostSignals hostSignals;

    SignalCalls(GuestMemory memory, GuestThreads threads, HostSignals hostSignals) {
        this.memory = memory;
        this.threads = threads;
        this.hostSignals = hostSignals;
    }

    long sigaction(CallingThread thread, long signal, long action, long oldAction, long setSize) {
        long result = thread.signals().sigaction(signal, action, oldAction, setSize);
        if (result == 0 && action != 0) {
            hostSignals.follow((int) signal, memory.load(action, 8));
        }
        return result;
    }

    /** kill(pid, sig): this process (pid or 0) gets it as a whole; another process through the host. */
    long kill(CallingThread thread, long pid, long sig) {
        return (int) pid == thread.pid() || (int) pid == 0
                ? toProcess(thread, (int) sig, thread.sent((int) sig, GuestSignals.SI_USER))
                : (int) pid < 0 ? -EPERM : thread.host().call(HostSyscalls.KILL, (int) pid, sig);
    }

    long tkill(CallingThread thread, long tid, long sig) {
        return threads.sendToThread((int) tid, (int) sig, thread.sent((int) sig, GuestSignals.SI_TKILL));
    }

    long tgkill(CallingThread thread, long tgid, long tid, long sig) {
        return (int) tgid == thread.pid()
                ? threads.sendToThread((int) tid, (int) sig, thread.sent((int) sig, GuestSignals.SI_TKILL)) : -ESRCH;
    }

    long sigqueueinfo(CallingThread thread, long pid, long sig, long info) {
        return (int) pid == thread.pid() ? toProcess(thread, (int) sig, queued(sig, info)) : -ESRCH;
    }

    long tgsigqueueinfo(CallingThread thread, long tgid, long tid, long sig, long info) {
        return (int) tgid == thread.pid() ? threads.sendToThread((int) tid, (int) sig, queued(sig, info)) : -ESRCH;
    }

    /** A signal for the whole process: this thread takes it if it can (Linux prefers the sender too). */
    private long toProcess(CallingThread thread, int sig, byte[] info) {
        GuestSignals signals = thread.signals();
        return signals.blocks(sig) ? threads.sendToProcess(sig, info) : signals.send(sig, info);
    }

    /** The siginfo the guest gives with rt_sigqueueinfo (its signal number set to the one sent). */
    private byte[] queued(long sig, long info) {
        byte[] bytes = new byte[GuestSignals.SIGINFO_SIZE];
        memory.read(info, bytes, 0, bytes.length);
        NativeMemory.putInt(bytes, 0, (int) sig);
        return bytes;
    }
}
