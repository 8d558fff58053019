package dbt.runtime.linux;

import dbt.isa.exec.NativeMemory;
import dbt.frontend.GuestMemory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static dbt.runtime.linux.Errno.*;

/**
 * The process's interval timers: {@code setitimer}/{@code getitimer} for ITIMER_REAL (which {@code alarm} uses) and
 * the POSIX timers ({@code timer_create} and friends) on the realtime and monotonic clocks. They run on one daemon
 * host thread of dbt's that sends the guest signal when a timer expires ({@link GuestThreads#sendToProcess}, or to
 * one thread for SIGEV_THREAD_ID); the receiving thread takes it at its next block boundary. Times are kept on the
 * monotonic clock.
 *
 * <p>Not supported: ITIMER_VIRTUAL and ITIMER_PROF (CPU-time timers), and CPU-time clocks for POSIX timers
 * (EINVAL, with a warning).
 */
final class GuestTimers {
    private static final int ITIMER_REAL = 0;
    private static final int CLOCK_REALTIME = 0;
    private static final int CLOCK_MONOTONIC = 1;
    private static final int CLOCK_BOOTTIME = 7;
    private static final int SIGEV_SIGNAL = 0;
    private static final int SIGEV_NONE = 1;
    private static final int SIGEV_THREAD_ID = 4;
    private static final int TIMER_ABSTIME = 1;
    private static final int SI_TIMER = -2;
    private static final int SI_KERNEL = 0x80;
    private static final int SIGALRM = 14;
    private static final long NANOS = 1_000_000_000L;

    private final GuestMemory memory;
    private final GuestThreads threads;
    private ScheduledThreadPoolExecutor clock;
    private final Map<Integer, Timer> timers = new HashMap<>();
    /** ITIMER_REAL, which is not a POSIX timer id. */
    private final Timer real;
    private int nextId;

    /** One timer: what it sends to whom, when it next expires (monotonic nanoseconds, 0: disarmed) and how often. */
    private final class Timer {
        final int id;
        final long clockId;
        final int signal;
        final int notify;
        final long targetTid;
        final long value;
        long deadline;
        long interval;
        int overrun;
        ScheduledFuture<?> pending;

        Timer(int id, long clockId, int signal, int notify, long targetTid, long value) {
            this.id = id;
            this.clockId = clockId;
            this.signal = signal;
            this.notify = notify;
            this.targetTid = targetTid;
            this.value = value;
        }

        void arm(long deadline, long interval) {
            if (pending != null) {
                pending.cancel(false);
                pending = null;
            }
            this.deadline = deadline;
            this.interval = interval;
            overrun = 0;
            if (deadline != 0) {
                schedule();
            }
        }

        private void schedule() {
            pending = clock().schedule(this::expire, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }

        /**
         * Sends the timer's signal under the timers' lock, as the kernel generates it: a guest thread that disarms
         * the timer (setitimer, timer_settime, also locked) either gets it before its call returns or never (sent
         * after the lock, a signal could arrive after the disarm and after the handler was reset to the default,
         * and kill the guest: signals.c's interval timers did, once in many runs).
         */
        private void expire() {
            synchronized (GuestTimers.this) {
                if (pending == null) {
                    return; // disarmed meanwhile
                }
                if (interval > 0) {
                    deadline += interval;
                    long now = System.nanoTime();
                    if (deadline < now) { // expirations missed while the signal was still pending
                        long missed = (now - deadline) / interval + 1;
                        overrun = (int) Math.min(Integer.MAX_VALUE, overrun + missed);
                        deadline += missed * interval;
                    }
                    schedule();
                } else {
                    deadline = 0;
                    pending = null;
                }
                send();
            }
        }

        private void send() {
            if (notify == SIGEV_NONE) {
                return;
            }
            byte[] info = new byte[GuestSignals.SIGINFO_SIZE];
            NativeMemory.putInt(info, 0, signal);
            if (this == real) {
                NativeMemory.putInt(info, 8, SI_KERNEL);
            } else {
                NativeMemory.putInt(info, 8, SI_TIMER);
                NativeMemory.putInt(info, 16, id);
                NativeMemory.putInt(info, 20, overrun);
                NativeMemory.putLong(info, 24, value);
            }
            if (notify == SIGEV_THREAD_ID) {
                threads.sendToThread(targetTid, signal, info);
            } else {
                threads.sendToProcess(signal, info);
            }
        }
    }

    GuestTimers(GuestMemory memory, GuestThreads threads) {
        this.memory = memory;
        this.threads = threads;
        this.real = new Timer(-1, CLOCK_MONOTONIC, SIGALRM, SIGEV_SIGNAL, 0, 0);
    }

    private synchronized ScheduledThreadPoolExecutor clock() {
        if (clock == null) {
            clock = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "dbt guest timers");
                t.setDaemon(true);
                return t;
            });
            clock.setRemoveOnCancelPolicy(true);
        }
        return clock;
    }

    // ---- setitimer, getitimer: struct itimerval {timeval interval; timeval value} ------------------------------------

    synchronized long setitimer(CallingThread thread, long which, long newValue, long oldValue) {
        if (which != ITIMER_REAL) {
            return thread.refuse("setitimer of a CPU-time timer (ITIMER_VIRTUAL, ITIMER_PROF)", EINVAL);
        }
        long interval = 0;
        long value = 0;
        if (newValue != 0) {
            interval = microseconds(newValue);
            value = microseconds(newValue + 16);
            if (interval < 0 || value < 0) {
                return -EINVAL;
            }
        }
        if (oldValue != 0) {
            writeTimeval(oldValue, real.interval);
            writeTimeval(oldValue + 16, remaining(real));
        }
        if (newValue != 0) {
            real.arm(value == 0 ? 0 : System.nanoTime() + value, interval);
        }
        return 0;
    }

    synchronized long getitimer(long which, long value) {
        if (which != ITIMER_REAL) {
            return -EINVAL;
        }
        writeTimeval(value, real.interval);
        writeTimeval(value + 16, remaining(real));
        return 0;
    }

    /** A timeval in nanoseconds, or -1 if malformed. */
    private long microseconds(long address) {
        long seconds = memory.load(address, 8);
        long micros = memory.load(address + 8, 8);
        if (seconds < 0 || micros < 0 || micros >= 1_000_000) {
            return -1;
        }
        return Math.min(seconds, Long.MAX_VALUE / (4 * NANOS)) * NANOS + micros * 1000;
    }

    private void writeTimeval(long address, long nanos) {
        memory.store(address, 8, nanos / NANOS);
        memory.store(address + 8, 8, nanos % NANOS / 1000);
    }

    private static long remaining(Timer t) {
        return t.deadline == 0 ? 0 : Math.max(1000, t.deadline - System.nanoTime()); // armed reads as > 0
    }

    // ---- POSIX timers: timer_create(clock, sigevent, timer_t *), timer_settime(id, flags, itimerspec new, old) ---

    synchronized long create(CallingThread thread, long clockId, long event, long idAddress) {
        if (clockId != CLOCK_REALTIME && clockId != CLOCK_MONOTONIC && clockId != CLOCK_BOOTTIME) {
            return thread.refuse("timer_create on clock " + clockId, EINVAL);
        }
        int signal = SIGALRM;
        int notify = SIGEV_SIGNAL;
        long target = 0;
        long value = 0;
        if (event != 0) {
            value = memory.load(event, 8);
            signal = (int) memory.load(event + 8, 4);
            notify = (int) memory.load(event + 12, 4);
            target = (int) memory.load(event + 16, 4);
            if (notify != SIGEV_SIGNAL && notify != SIGEV_NONE && notify != SIGEV_THREAD_ID
                    || notify != SIGEV_NONE && (signal < 1 || signal > 64)) {
                return -EINVAL;
            }
        } else {
            value = nextId;
        }
        Timer t = new Timer(nextId++, clockId, signal, notify, target, value);
        memory.store(idAddress, 4, t.id);
        timers.put(t.id, t);
        return 0;
    }

    synchronized long settime(long id, long flags, long newValue, long oldValue) {
        Timer t = timers.get((int) id);
        if (t == null) {
            return -EINVAL;
        }
        long interval = nanoseconds(newValue);
        long value = nanoseconds(newValue + 16);
        if (interval < 0 || value < 0) {
            return -EINVAL;
        }
        if (oldValue != 0) {
            writeTimespec(oldValue, t.interval);
            writeTimespec(oldValue + 16, remaining(t));
        }
        long deadline = 0;
        if (value != 0) {
            deadline = (flags & TIMER_ABSTIME) != 0 ? System.nanoTime() + (value - now(t.clockId)) : System.nanoTime() + value;
        }
        t.arm(deadline, interval);
        return 0;
    }

    /** The clock a timer was created on: its time now, in nanoseconds (realtime: since the epoch). */
    private static long now(long clockId) {
        if (clockId == CLOCK_REALTIME) {
            java.time.Instant i = java.time.Instant.now();
            return i.getEpochSecond() * NANOS + i.getNano();
        }
        return System.nanoTime();
    }

    synchronized long gettime(long id, long value) {
        Timer t = timers.get((int) id);
        if (t == null) {
            return -EINVAL;
        }
        writeTimespec(value, t.interval);
        writeTimespec(value + 16, remaining(t));
        return 0;
    }

    synchronized long overrun(long id) {
        Timer t = timers.get((int) id);
        return t == null ? -EINVAL : t.overrun;
    }

    synchronized long delete(long id) {
        Timer t = timers.remove((int) id);
        if (t == null) {
            return -EINVAL;
        }
        t.arm(0, 0);
        return 0;
    }

    /** A timespec in nanoseconds, or -1 if malformed. */
    private long nanoseconds(long address) {
        long seconds = memory.load(address, 8);
        long nanos = memory.load(address + 8, 8);
        if (seconds < 0 || nanos < 0 || nanos >= NANOS) {
            return -1;
        }
        return Math.min(seconds, Long.MAX_VALUE / (4 * NANOS)) * NANOS + nanos;
    }

    private void writeTimespec(long address, long nanos) {
        memory.store(address, 8, nanos / NANOS);
        memory.store(address + 8, 8, nanos % NANOS);
    }
}
