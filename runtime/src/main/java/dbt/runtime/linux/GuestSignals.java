package dbt.runtime.linux;

import static dbt.runtime.linux.Errno.*;
import static dbt.runtime.linux.LinuxSignals.*;

import dbt.frontend.GuestMemory;
import dbt.ir.GuestFault;
import dbt.isa.exec.Machine;
import dbt.isa.exec.NativeMemory;

/**
 * One guest thread's signals: its mask, its pending signals (one siginfo each: standard signals coalesce, and so,
 * for now, do real-time ones), its alternate stack; the actions are the process's (shared with the other threads).
 * Real-time signals (from {@link #SIGRTMIN}) queue, one delivery per send. Signals are delivered when the thread is between guest instructions at the dispatcher: after a system call (so a
 * signal the guest sends itself runs its handler before the next instruction, as on Linux), and at once for a fault
 * the guest has a handler for. The frame is the kernel's ({@link Riscv64SignalFrame}).
 *
 * <p>Not yet: signals from outside the thread (another process, another thread, timers) while the thread runs.
 */
final class GuestSignals {
    static final int SA_SIGINFO = 4;
    static final long SA_ONSTACK = 0x0800_0000L;
    static final long SA_RESTART = 0x1000_0000L;
    static final long SA_NODEFER = 0x4000_0000L;
    static final long SA_RESETHAND = 0x8000_0000L;
    static final int SIGACTION_SIZE = 24;
    static final int SIGINFO_SIZE = 128;
    static final int SI_USER = 0;
    static final int SI_TKILL = -6;
    static final int SIGRTMIN = 32;
    private static final int SS_ONSTACK = 1;
    private static final int SS_DISABLE = 2;
    private static final long SIG_DFL = 0;
    private static final long SIG_IGN = 1;

    private final GuestMemory memory;
    /** The process's actions, indexed by signal: the kernel's struct sigaction (handler, flags, mask), or null. */
    private final byte[][] actions;
    /** How handlers are entered, or null when the guest ISA has no frame layout here (no handlers then). */
    private final Riscv64SignalFrame frame;
    private final int stackRegister;
    private final int registerFile;
    private long mask;
    /** The mask sigsuspend replaced, for the first handler's frame to save (and sigreturn to restore), or -1. */
    private long suspendedMask = -1;
    private long pending;
    /** Set by {@link #attach}: the state whose interrupt word to set, and the host thread to wake. */
    private dbt.frontend.GuestState state;
    private long pid;
    private long hostTid;
    private long ownerThreadId = -1;
    /** The siginfo of each pending signal: one for a standard signal, every one sent for a real-time signal. */
    @SuppressWarnings("unchecked")
    private final java.util.ArrayDeque<byte[]>[] pendingInfo = new java.util.ArrayDeque[65];
    /** stack_t: ss_sp, ss_flags, ss_size. */
    private final byte[] alternateStack = new byte[24];

    GuestSignals(GuestMemory memory, byte[][] actions, Riscv64SignalFrame frame, int registerFile, int stackRegister,
                 long mask) {
        this.memory = memory;
        this.actions = actions;
        this.frame = frame;
        this.registerFile = registerFile;
        this.stackRegister = stackRegister;
        this.mask = mask;
        alternateStack[8] = SS_DISABLE;
    }

    /** The thread this object belongs to: where send() asks for an interrupt and which host thread it wakes. */
    synchronized void attach(dbt.frontend.GuestState state, long pid, long hostTid) {
        this.state = state;
        this.pid = pid;
        this.hostTid = hostTid;
        this.ownerThreadId = Thread.currentThread().threadId();
    }

    synchronized long mask() {
        return mask;
    }

    /** Whether a pending signal is not blocked (a blocking call it interrupted returns EINTR, or restarts). */
    synchronized boolean hasDeliverable() {
        return (pending & ~mask) != 0;
    }

    /** Whether the next signal to deliver has a handler installed with SA_RESTART. */
    synchronized boolean nextRestarts() {
        long deliverable = pending & ~mask;
        if (deliverable == 0) {
            return false;
        }
        int sig = Long.numberOfTrailingZeros(deliverable) + 1;
        long handler = handler(sig);
        return handler != SIG_DFL && handler != SIG_IGN && (flags(sig) & SA_RESTART) != 0;
    }

    static long bit(int signal) {
        return 1L << (signal - 1);
    }

    private long handler(int sig) {
        return actions[sig] == null ? SIG_DFL : NativeMemory.getLong(actions[sig], 0);
    }

    private long flags(int sig) {
        return actions[sig] == null ? 0 : NativeMemory.getLong(actions[sig], 8);
    }

    // ---- system calls ---------------------------------------------------------------------------------------------

    long sigaction(long signal, long action, long oldAction, long setSize) {
        int sig = (int) signal;
        if (setSize != 8 || sig < 1 || sig > 64 || (action != 0 && (sig == SIGKILL || sig == SIGSTOP))) {
            return -EINVAL;
        }
        byte[] next = null;
        if (action != 0) {
            next = new byte[SIGACTION_SIZE];
            memory.read(action, next, 0, SIGACTION_SIZE);
        }
        synchronized (actions) {
            if (oldAction != 0) {
                byte[] previous = actions[sig] != null ? actions[sig] : new byte[SIGACTION_SIZE];
                memory.write(oldAction, previous, 0, SIGACTION_SIZE);
            }
            if (next != null) {
                actions[sig] = next;
            }
        }
        return 0;
    }

    long sigprocmask(long how, long set, long oldSet, long setSize) {
        if (setSize != 8) {
            return -EINVAL;
        }
        long next = mask;
        if (set != 0) {
            long s = memory.load(set, 8);
            switch ((int) how) {
                case 0 -> next |= s;
                case 1 -> next &= ~s;
                case 2 -> next = s;
                default -> {
                    return -EINVAL;
                }
            }
        }
        if (oldSet != 0) {
            memory.store(oldSet, 8, mask);
        }
        setMask(next);
        return 0;
    }

    private synchronized void setMask(long next) {
        mask = next & ~(bit(SIGKILL) | bit(SIGSTOP));
    }

    long sigpending(long set, long setSize) {
        if (setSize != 8) {
            return -EINVAL;
        }
        long p;
        synchronized (this) {
            p = pending;
        }
        memory.store(set, 8, p);
        return 0;
    }

    /** Sets a mask for the length of a call (ppoll's, pselect's); returns the one to restore after it. */
    synchronized long swapMask(long temporary) {
        long old = mask;
        setMask(temporary);
        return old;
    }

    /**
     * After a call with a temporary mask: the thread's own mask again, or, if the call was interrupted for a
     * signal, kept until that signal's handler frame has saved the thread's own (as sigsuspend does).
     */
    synchronized void restoreMask(long own, boolean interrupted) {
        if (interrupted && (pending & ~mask) != 0) {
            suspendedMask = own;
        } else {
            setMask(own);
        }
    }

    /** rt_sigsuspend: waits with the given mask until a signal is deliverable; -EINTR (its handler runs next). */
    long suspend(long set, long setSize) {
        if (setSize != 8) {
            return -EINVAL;
        }
        long temporary = memory.load(set, 8);
        synchronized (this) {
            suspendedMask = mask;
            setMask(temporary);
            while ((pending & ~mask) == 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return -EINTR;
    }

    /**
     * rt_sigtimedwait: takes a pending signal of set (normally blocked) without running its handler, writes its
     * siginfo to info (if not 0), and returns its number; -EAGAIN after the timeout (a timespec, or 0 for none),
     * -EINTR when another signal becomes deliverable first.
     */
    long timedWait(long set, long info, long timeout, long setSize) {
        if (setSize != 8) {
            return -EINVAL;
        }
        long wanted = memory.load(set, 8) & ~(bit(SIGKILL) | bit(SIGSTOP));
        long deadline = Long.MAX_VALUE;
        if (timeout != 0) {
            long seconds = memory.load(timeout, 8);
            long nanos = memory.load(timeout + 8, 8);
            if (seconds < 0 || nanos < 0 || nanos >= 1_000_000_000L) {
                return -EINVAL;
            }
            deadline = System.nanoTime() + Math.min(seconds, Long.MAX_VALUE / 2_000_000_000L) * 1_000_000_000L + nanos;
        }
        byte[] taken;
        int sig;
        synchronized (this) {
            while (true) {
                long ready = pending & wanted;
                if (ready != 0) {
                    sig = Long.numberOfTrailingZeros(ready) + 1;
                    taken = dequeue(sig);
                    break;
                }
                if ((pending & ~mask) != 0) {
                    return -EINTR;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return -EAGAIN;
                }
                try {
                    wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -EINTR;
                }
            }
        }
        if (info != 0) {
            memory.write(info, taken, 0, taken.length);
        }
        return sig;
    }

    /** Removes one siginfo of sig from the pending queue (the lock held). */
    private byte[] dequeue(int sig) {
        byte[] info = pendingInfo[sig].poll();
        if (pendingInfo[sig].isEmpty()) {
            pending &= ~bit(sig);
        }
        return info;
    }

    long sigaltstack(Machine m, long stack, long oldStack) {
        if (oldStack != 0) {
            byte[] old = alternateStack.clone();
            if (onAlternateStack(m.register(registerFile, stackRegister))) {
                old[8] = SS_ONSTACK;
            }
            memory.write(oldStack, old, 0, old.length);
        }
        if (stack != 0) {
            if (onAlternateStack(m.register(registerFile, stackRegister))) {
                return -EPERM;
            }
            byte[] next = new byte[24];
            memory.read(stack, next, 0, 24);
            int flags = NativeMemory.getInt(next, 8);
            if ((flags & ~(SS_DISABLE | 0x8000_0000)) != 0) { // SS_AUTODISARM is accepted
                return -EINVAL;
            }
            if ((flags & SS_DISABLE) == 0 && NativeMemory.getLong(next, 16) < 2048) { // MINSIGSTKSZ
                return -ENOMEM;
            }
            System.arraycopy(next, 0, alternateStack, 0, 24);
        }
        return 0;
    }

    private boolean onAlternateStack(long sp) {
        long base = NativeMemory.getLong(alternateStack, 0);
        long size = NativeMemory.getLong(alternateStack, 16);
        return (NativeMemory.getInt(alternateStack, 8) & SS_DISABLE) == 0 && sp - base <= size && sp > base;
    }

    /** rt_sigreturn: the registers, pc and mask the frame at sp saved. A frame it cannot read is a SIGSEGV. */
    void sigreturn(Machine m) {
        if (frame == null) {
            throw GuestExit.bySignal(SIGSEGV, "rt_sigreturn without a signal frame");
        }
        try {
            setMask(frame.restore(m, memory));
        } catch (GuestFault f) {
            throw GuestExit.bySignal(SIGSEGV, "segmentation fault: rt_sigreturn found no readable signal frame at 0x"
                    + Long.toHexString(m.register(registerFile, stackRegister)));
        }
    }

    // ---- sending and delivering -----------------------------------------------------------------------------------

    /** A siginfo_t for a signal sent by a process (kill) or thread (tkill, tgkill): code, pid and uid. */
    static byte[] sentInfo(int sig, int code, long pid, long uid) {
        byte[] info = new byte[SIGINFO_SIZE];
        NativeMemory.putInt(info, 0, sig);
        NativeMemory.putInt(info, 8, code);
        NativeMemory.putInt(info, 16, (int) pid);
        NativeMemory.putInt(info, 20, (int) uid);
        return info;
    }

    /** A siginfo_t for a fault: code and the faulting address. */
    static byte[] faultInfo(int sig, int code, long address) {
        byte[] info = new byte[SIGINFO_SIZE];
        NativeMemory.putInt(info, 0, sig);
        NativeMemory.putInt(info, 8, code);
        NativeMemory.putLong(info, 16, address);
        return info;
    }

    /**
     * Makes sig pending for this thread, unless its action is to ignore it; if the thread does not block it, asks
     * the thread to come back to the dispatcher and wakes it from a blocking call. Any thread may call this.
     */
    synchronized long send(int sig, byte[] info) {
        if (sig == 0) {
            return 0;
        }
        if (sig < 1 || sig > 64) {
            return -EINVAL;
        }
        long handler = handler(sig);
        if ((handler == SIG_IGN || handler == SIG_DFL && survivesByDefault(sig)) && (mask & bit(sig)) == 0) {
            return 0;
        }
        if (pendingInfo[sig] == null) {
            pendingInfo[sig] = new java.util.ArrayDeque<>();
        }
        if ((pending & bit(sig)) == 0 || sig >= SIGRTMIN) {
            pendingInfo[sig].add(info);
        }
        pending |= bit(sig);
        if ((mask & bit(sig)) == 0) {
            interrupt();
        }
        notifyAll(); // sigsuspend, rt_sigtimedwait
        return 0;
    }

    /**
     * Asks the thread to come back to the dispatcher: from translated code (see {@code InterruptPatches}), from a
     * blocking call (it returns EINTR unless a signal handler restarts it). Any thread may call this.
     */
    void interrupt() {
        if (state != null) {
            state.requestInterrupt(); // before the wake: see InterruptPatches
            if (Thread.currentThread().threadId() != ownerThreadId) {
                HostWakeup.wake(pid, hostTid);
            }
        }
    }

    /** Whether sig is blocked by this thread (to route a signal for the process to a thread that takes it). */
    synchronized boolean blocks(int sig) {
        return (mask & bit(sig)) != 0;
    }

    /**
     * Delivers every pending signal the mask lets through: a handler gets a frame (the last delivered runs first, as
     * on Linux); a default action that ends the process throws {@link GuestExit}.
     */
    void deliverPending(Machine m) {
        if (state != null) {
            state.clearInterrupt(); // before looking: a signal sent from now on sets it again
        }
        while (true) {
            int sig;
            byte[] info;
            synchronized (this) {
                long deliverable = pending & ~mask;
                if (deliverable == 0) {
                    if (suspendedMask != -1) { // sigsuspend returned without a handler: its mask ends here
                        mask = suspendedMask;
                        suspendedMask = -1;
                    }
                    return;
                }
                sig = Long.numberOfTrailingZeros(deliverable) + 1;
                info = dequeue(sig);
            }
            long handler = handler(sig);
            if (handler == SIG_IGN || handler == SIG_DFL && survivesByDefault(sig)) {
                continue;
            }
            if (handler == SIG_DFL) {
                throw defaultAction(sig);
            }
            enter(m, sig, info, handler);
        }
    }

    /**
     * A synchronous signal (a fault, an illegal instruction, a breakpoint) at the current pc: true if the guest's
     * handler now runs; false if the signal ends the guest (no handler, or blocked, as Linux then forces the
     * default action).
     */
    boolean fault(Machine m, int sig, int code, long address) {
        long handler = handler(sig);
        if (frame == null || handler == SIG_DFL || handler == SIG_IGN || (mask & bit(sig)) != 0) {
            return false;
        }
        try {
            enter(m, sig, faultInfo(sig, code, address), handler);
            return true;
        } catch (GuestExit e) {
            return false;
        }
    }

    private static GuestExit defaultAction(int sig) {
        if (sig == SIGPIPE) {
            return GuestExit.bySignal(sig, null); // quietly, as shells report it
        }
        return GuestExit.bySignal(sig, "uncaught guest signal " + sig + " (" + signalName(sig) + ")");
    }

    /** Pushes the frame for sig and enters its handler, with the action's mask (and sig, without SA_NODEFER). */
    private void enter(Machine m, int sig, byte[] info, long handler) {
        if (frame == null) {
            throw GuestExit.bySignal(sig, "guest signal " + sig + " (" + signalName(sig)
                    + ") has a handler, but dbt has no signal frame for this ISA");
        }
        long flags = flags(sig);
        long sp = m.register(registerFile, stackRegister);
        byte[] stack = alternateStack.clone();
        boolean onAlternate = onAlternateStack(sp);
        if (onAlternate) {
            stack[8] = SS_ONSTACK;
        }
        if ((flags & SA_ONSTACK) != 0 && (alternateStack[8] & SS_DISABLE) == 0 && !onAlternate) {
            sp = NativeMemory.getLong(alternateStack, 0) + NativeMemory.getLong(alternateStack, 16);
        }
        long saved;
        synchronized (this) {
            saved = suspendedMask != -1 ? suspendedMask : mask;
            suspendedMask = -1;
        }
        try {
            frame.push(m, memory, sp, sig, info, saved, stack, handler);
        } catch (GuestFault f) {
            throw GuestExit.bySignal(SIGSEGV, "segmentation fault: no room for the frame of guest signal " + sig
                    + " (" + signalName(sig) + ") below 0x" + Long.toHexString(sp));
        }
        long actionMask = actions[sig] == null ? 0 : NativeMemory.getLong(actions[sig], 16);
        setMask(mask | actionMask | ((flags & SA_NODEFER) != 0 ? 0 : bit(sig)));
        if ((flags & SA_RESETHAND) != 0) {
            synchronized (actions) {
                if (actions[sig] != null) {
                    NativeMemory.putLong(actions[sig], 0, SIG_DFL);
                }
            }
        }
    }
}
