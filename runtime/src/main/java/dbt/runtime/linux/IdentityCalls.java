package dbt.runtime.linux;

import dbt.frontend.GuestMemory;

import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dbt.frontend.GuestMemory.READ;
import static dbt.runtime.linux.Errno.EINVAL;
import static dbt.runtime.linux.Errno.EPERM;

/**
 * Who the process is and what it runs on: prctl (the thread's name, its parent-death signal, whether the process is
 * dumpable), getresuid, getresgid, getgroups, getpriority, setpriority, membarrier and RISC-V's riscv_hwprobe.
 *
 * <p>One object per guest thread ({@link #forThread}, as Linux's task holds them): the name (a new thread starts
 * with its creator's, as comm is inherited) and the parent-death signal (cleared in a new thread, as clone does) are
 * the thread's; whether the process is dumpable and which membarrier commands it registered are the process's,
 * shared by all its threads. The identity calls go to the host (the guest runs as dbt's user); riscv_hwprobe answers
 * for the machine dbt translates, described in the kernel's {@code arch/riscv/include/uapi/asm/hwprobe.h} terms.
 */
final class IdentityCalls {
    private static final int PR_SET_PDEATHSIG = 1;
    private static final int PR_GET_PDEATHSIG = 2;
    private static final int PR_GET_DUMPABLE = 3;
    private static final int PR_SET_DUMPABLE = 4;
    private static final int PR_SET_NAME = 15;
    private static final int PR_GET_NAME = 16;
    /** TASK_COMM_LEN: a name's bytes with their NUL. */
    private static final int NAME_SIZE = 16;
    private static final int MAX_SIGNAL = 64;
    private static final int PRIO_PROCESS = 0;

    private static final int MEMBARRIER_CMD_QUERY = 0;
    private static final int MEMBARRIER_CMD_PRIVATE_EXPEDITED = 8;
    private static final int MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED = 16;
    private static final int MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE = 32;
    private static final int MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE = 64;
    private static final int MEMBARRIER_SUPPORTED = MEMBARRIER_CMD_PRIVATE_EXPEDITED
            | MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED | MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE
            | MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE;

    private static final int HWPROBE_PAIR = 16;
    /** The most CPU-set bytes riscv_hwprobe looks at (a cpu_set_t of 1024 CPUs). */
    private static final int HWPROBE_CPUSET_MAX = 128;
    private static final long HWPROBE_KEY_MVENDORID = 0;
    private static final long HWPROBE_KEY_MARCHID = 1;
    private static final long HWPROBE_KEY_MIMPID = 2;
    private static final long HWPROBE_KEY_BASE_BEHAVIOR = 3;
    private static final long HWPROBE_KEY_IMA_EXT_0 = 4;
    private static final long HWPROBE_KEY_CPUPERF_0 = 5;
    private static final long HWPROBE_BASE_BEHAVIOR_IMA = 1;
    private static final long HWPROBE_IMA_FD = 1L << 0;
    private static final long HWPROBE_IMA_C = 1L << 1;
    private static final long HWPROBE_EXT_ZBA = 1L << 3;
    private static final long HWPROBE_EXT_ZBB = 1L << 4;
    private static final long HWPROBE_EXT_ZBS = 1L << 5;
    /** The extensions beyond IMA that the ISA description translates (no V). */
    private static final long HWPROBE_IMA_EXT = HWPROBE_IMA_FD | HWPROBE_IMA_C | HWPROBE_EXT_ZBA | HWPROBE_EXT_ZBB
            | HWPROBE_EXT_ZBS;
    private static final long HWPROBE_MISALIGNED_UNKNOWN = 0;

    /** What the process's threads share. */
    private static final class Process {
        /** The first thread's name (its comm is the process's in /proc/self/stat). */
        byte[] leaderName;
        volatile int dumpable = 1;
        volatile boolean expedited;
        volatile boolean expeditedSyncCore;
    }

    private final GuestMemory memory;
    private final Process process;
    /** The thread's name: 15 bytes, NUL-padded (only the thread itself reads and changes it). */
    private final byte[] name;
    private int deathSignal;

    /** The first thread's: its name is the program's file name (cut to 15 bytes, as Linux's comm). */
    IdentityCalls(GuestMemory memory, String programName) {
        this(memory, new Process(), nameBytes(programName.getBytes(StandardCharsets.UTF_8)));
        process.leaderName = name;
    }

    private IdentityCalls(GuestMemory memory, Process process, byte[] name) {
        this.memory = memory;
        this.process = process;
        this.name = name;
    }

    /** The calls of a thread this one creates: the same process, this thread's name, no parent-death signal. */
    IdentityCalls forThread() {
        return new IdentityCalls(memory, process, name.clone());
    }

    /** The thread's name (for /proc/thread-self/stat; another thread may read it while it changes). */
    String name() {
        return nameString(name);
    }

    /** The process's name: its first thread's. */
    String processName() {
        return nameString(process.leaderName);
    }

    private static String nameString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    private static byte[] nameBytes(byte[] bytes) {
        return Arrays.copyOf(bytes, NAME_SIZE - 1);
    }

    /** prctl(option, arg2, ...): the options above; any other is EINVAL with one warning. */
    long prctl(CallingThread thread, long option, long arg) {
        return switch ((int) option) {
            case PR_SET_NAME -> setName(arg);
            case PR_GET_NAME -> getName(arg);
            case PR_SET_PDEATHSIG -> setDeathSignal(thread, arg);
            case PR_GET_PDEATHSIG -> {
                memory.store(arg, 4, deathSignal);
                yield 0;
            }
            case PR_GET_DUMPABLE -> process.dumpable;
            case PR_SET_DUMPABLE -> {
                if (arg != 0 && arg != 1) {
                    yield -EINVAL;
                }
                process.dumpable = (int) arg;
                yield 0;
            }
            default -> thread.refuse("prctl option " + option, EINVAL);
        };
    }

    /** PR_SET_NAME: up to 15 bytes of the string (fewer at its NUL). */
    private long setName(long address) {
        byte[] bytes = new byte[NAME_SIZE - 1];
        int n = 0;
        while (n < bytes.length && (bytes[n] = (byte) memory.load(address + n, 1)) != 0) {
            n++;
        }
        Arrays.fill(name, (byte) 0);
        System.arraycopy(bytes, 0, name, 0, n);
        return 0;
    }

    /** PR_GET_NAME: the name, NUL-padded to 16 bytes. */
    private long getName(long address) {
        byte[] bytes = Arrays.copyOf(name, NAME_SIZE);
        memory.write(address, bytes, 0, NAME_SIZE);
        return 0;
    }

    /**
     * PR_SET_PDEATHSIG: kept for PR_GET_PDEATHSIG, and set on the host too, whose parent is the guest's: the host
     * sends the signal to dbt, which gives it to the guest as any signal from outside ({@link HostSignals}).
     */
    private long setDeathSignal(CallingThread thread, long signal) {
        if (signal < 0 || signal > MAX_SIGNAL) {
            return -EINVAL;
        }
        long r = thread.host().call(HostSyscalls.PRCTL, PR_SET_PDEATHSIG, signal);
        if (r == 0) {
            deathSignal = (int) signal;
        }
        return r;
    }

    /** getresuid, getresgid: the host's three ids, each into a guest int. */
    long getres(CallingThread thread, int hostCall, long real, long effective, long saved) {
        return thread.host().call(hostCall, thread.out(real, 4), thread.out(effective, 4), thread.out(saved, 4));
    }

    long getgroups(CallingThread thread, long size, long list) {
        if ((int) size < 0) {
            return -EINVAL;
        }
        return thread.host().call(HostSyscalls.GETGROUPS, (int) size,
                size == 0 ? 0 : thread.out(list, 4L * (int) size));
    }

    /**
     * getpriority, setpriority (raw: getpriority gives 20 - nice): the host's, with the calling thread's own id
     * meaning the calling host thread.
     */
    long priority(CallingThread thread, int hostCall, long which, long who, long value) {
        long hostWho = (int) which == PRIO_PROCESS && (int) who == thread.tid() ? 0 : who;
        return thread.host().call(hostCall, which, hostWho, value);
    }

    /**
     * membarrier(cmd, flags, cpu): QUERY and the private expedited commands (plain and SYNC_CORE, each after its
     * REGISTER command, else EPERM). The barrier is the host's membarrier on dbt's threads, which are the guest's
     * (registered with the host when the guest registers), or a full fence where the host will not do it.
     */
    long membarrier(CallingThread thread, long command, long flags) {
        if (flags != 0) {
            return -EINVAL;
        }
        return switch ((int) command) {
            case MEMBARRIER_CMD_QUERY -> MEMBARRIER_SUPPORTED;
            case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE -> {
                thread.host().call(HostSyscalls.MEMBARRIER, command, 0, 0);
                if (command == MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) {
                    process.expedited = true;
                } else {
                    process.expeditedSyncCore = true;
                }
                yield 0;
            }
            case MEMBARRIER_CMD_PRIVATE_EXPEDITED, MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE -> {
                boolean registered = command == MEMBARRIER_CMD_PRIVATE_EXPEDITED ? process.expedited
                        : process.expeditedSyncCore;
                if (!registered) {
                    yield -EPERM;
                }
                if (thread.host().call(HostSyscalls.MEMBARRIER, command, 0, 0) != 0) {
                    VarHandle.fullFence();
                }
                yield 0;
            }
            default -> thread.refuse("membarrier command " + command, EINVAL);
        };
    }

    /**
     * riscv_hwprobe(pairs, pair_count, cpusetsize, cpus, flags): fills in the value of each key-value pair, or sets
     * an unknown key to -1 and its value to 0. The answer is the same for every CPU; a CPU set, if given, must name
     * one. No flags are known.
     */
    long riscvHwprobe(CallingThread thread, long pairs, long count, long cpuSetSize, long cpus, long flags) {
        if (flags != 0) {
            return thread.refuse("riscv_hwprobe flags " + flags, EINVAL);
        }
        if (cpuSetSize != 0 || cpus != 0) {
            int size = Long.compareUnsigned(cpuSetSize, HWPROBE_CPUSET_MAX) > 0 ? HWPROBE_CPUSET_MAX : (int) cpuSetSize;
            byte[] set = new byte[size];
            memory.read(cpus, set, 0, size);
            if (isEmpty(set)) {
                return -EINVAL;
            }
        }
        for (long k = 0; Long.compareUnsigned(k, count) < 0; k++) {
            long pair = pairs + HWPROBE_PAIR * k;
            memory.require(pair, HWPROBE_PAIR, READ);
            long key = memory.load(pair, 8);
            long value = value(key);
            memory.store(pair, 8, value < 0 ? -1 : key);
            memory.store(pair + 8, 8, Math.max(value, 0));
        }
        return 0;
    }

    /** A key's value, or -1 for a key this machine does not know. */
    private static long value(long key) {
        if (key == HWPROBE_KEY_MVENDORID || key == HWPROBE_KEY_MARCHID || key == HWPROBE_KEY_MIMPID) {
            return 0;
        } else if (key == HWPROBE_KEY_BASE_BEHAVIOR) {
            return HWPROBE_BASE_BEHAVIOR_IMA;
        } else if (key == HWPROBE_KEY_IMA_EXT_0) {
            return HWPROBE_IMA_EXT;
        } else if (key == HWPROBE_KEY_CPUPERF_0) {
            return HWPROBE_MISALIGNED_UNKNOWN;
        }
        return -1;
    }

    private static boolean isEmpty(byte[] set) {
        for (byte b : set) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
