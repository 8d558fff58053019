package dbt.runtime.linux;

import dbt.isa.exec.NativeMemory;
import dbt.frontend.GuestMemory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

import static dbt.frontend.GuestMemory.WRITE;
import static dbt.runtime.linux.Errno.EINVAL;
import static dbt.runtime.linux.Errno.ESRCH;
import static dbt.runtime.linux.Riscv64LinuxAbi.MACHINE;

/**
 * What the guest learns of the system it runs on and the limits it runs under: uname (a riscv64 Linux with the
 * host's node and domain names), sysinfo, getrusage and getrandom (the host's), and the resource limits getrlimit,
 * setrlimit and prlimit64 (the stack and descriptor limits are dbt's; the others are the host's, and new limits are
 * checked but not applied, since the host's limits are the JVM's).
 *
 * <p>Invariants: no state; a call's host buffer is the calling thread's scratch buffer.
 */
final class SystemCalls {
    private static final int RLIMIT_STACK = 3;
    private static final int RLIMIT_NOFILE = 7;
    private static final int RLIM_NLIMITS = 16;
    private static final int UTS_FIELD = 65;
    private static final int SYSINFO_SIZE = 112;
    private static final int RUSAGE_SIZE = 144;

    private SystemCalls() {
    }

    static long uname(CallingThread thread, long address) {
        MemorySegment scratch = thread.scratch();
        MemorySegment uts = thread.memory().slice(address, 6 * UTS_FIELD, WRITE);
        long r = thread.host().call(HostSyscalls.UNAME, scratch.address());
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

    static long sysinfo(CallingThread thread, long info) {
        return thread.host().call(HostSyscalls.SYSINFO, thread.out(info, SYSINFO_SIZE));
    }

    static long getrusage(CallingThread thread, long who, long usage) {
        return thread.host().call(HostSyscalls.GETRUSAGE, who, thread.out(usage, RUSAGE_SIZE));
    }

    static long getrandom(CallingThread thread, long buffer, long length, long flags) {
        return thread.host().call(HostSyscalls.GETRANDOM, thread.memory().hostAddress(buffer),
                thread.prefix(buffer, length, WRITE), flags);
    }

    /**
     * prlimit64(pid, resource, new, old) for this process (getrlimit is prlimit64(0, resource, NULL, old)): the new
     * limit is checked as setrlimit checks it, not applied.
     */
    static long prlimit(CallingThread thread, long targetPid, long resource, long newLimit, long oldLimit) {
        if (targetPid != 0 && targetPid != thread.pid()) {
            return -ESRCH;
        }
        if (resource < 0 || resource >= RLIM_NLIMITS) {
            return -EINVAL;
        }
        long checked = newLimit == 0 ? 0 : setrlimit(thread, resource, newLimit); // checked, not applied
        if (checked != 0) {
            return checked;
        }
        if (oldLimit != 0) {
            MemorySegment limit = thread.memory().slice(oldLimit, 16, WRITE);
            if (resource == RLIMIT_STACK) {
                NativeMemory.putLong(limit, 0, GuestMemory.STACK_SIZE);
                NativeMemory.putLong(limit, 8, -1); // RLIM_INFINITY
            } else if (resource == RLIMIT_NOFILE) {
                NativeMemory.putLong(limit, 0, FdTable.LIMIT);
                NativeMemory.putLong(limit, 8, FdTable.LIMIT);
            } else {
                MemorySegment scratch = thread.scratch();
                long r = thread.host().call(HostSyscalls.PRLIMIT64, 0, resource, 0, scratch.address());
                if (Errno.isError(r)) {
                    return r;
                }
                MemorySegment.copy(scratch, 0, limit, 0, 16);
            }
        }
        return 0;
    }

    /**
     * setrlimit(resource, rlim): checked as Linux checks it and accepted, not applied, as prlimit64's new limit
     * (the host's limits are the JVM's).
     */
    static long setrlimit(CallingThread thread, long resource, long limit) {
        if (resource < 0 || resource >= RLIM_NLIMITS) {
            return -EINVAL;
        }
        long current = thread.memory().load(limit, 8);
        long maximum = thread.memory().load(limit + 8, 8);
        return Long.compareUnsigned(current, maximum) > 0 ? -EINVAL : 0;
    }
}
