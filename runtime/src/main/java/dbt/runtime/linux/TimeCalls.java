package dbt.runtime.linux;

/**
 * The clocks and sleeps: clock_gettime, clock_getres, gettimeofday, nanosleep, clock_nanosleep and times. Each is
 * the host's call of the same name on the guest's buffers, whose layouts are the same on both sides
 * ({@code struct timespec} and {@code struct timeval} 16 bytes, {@code struct timezone} 8, {@code struct tms} 32).
 * The guest's timers (setitimer, getitimer, timer_create and the rest) are {@link GuestTimers}'s.
 *
 * <p>Invariants: no state; a sleep is the calling thread's host call, so that thread's signals interrupt it.
 */
final class TimeCalls {
    private static final int TIMESPEC_SIZE = 16;
    private static final int TIMEVAL_SIZE = 16;
    private static final int TIMEZONE_SIZE = 8;
    private static final int TMS_SIZE = 32;

    private TimeCalls() {
    }

    static long clockGettime(CallingThread thread, long clock, long time) {
        return thread.host().call(HostSyscalls.CLOCK_GETTIME, clock, thread.out(time, TIMESPEC_SIZE));
    }

    static long clockGetres(CallingThread thread, long clock, long resolution) {
        return thread.host().call(HostSyscalls.CLOCK_GETRES, clock, thread.optionalOut(resolution, TIMESPEC_SIZE));
    }

    static long gettimeofday(CallingThread thread, long time, long zone) {
        return thread.host().call(HostSyscalls.GETTIMEOFDAY, thread.optionalOut(time, TIMEVAL_SIZE),
                thread.optionalOut(zone, TIMEZONE_SIZE));
    }

    static long nanosleep(CallingThread thread, long duration, long remaining) {
        return thread.host().call(HostSyscalls.NANOSLEEP, thread.in(duration, TIMESPEC_SIZE),
                thread.optionalOut(remaining, TIMESPEC_SIZE));
    }

    static long clockNanosleep(CallingThread thread, long clock, long flags, long time, long remaining) {
        return thread.host().call(HostSyscalls.CLOCK_NANOSLEEP, clock, flags, thread.in(time, TIMESPEC_SIZE),
                thread.optionalOut(remaining, TIMESPEC_SIZE));
    }

    static long times(CallingThread thread, long buffer) {
        return thread.host().call(HostSyscalls.TIMES, thread.optionalOut(buffer, TMS_SIZE));
    }
}
