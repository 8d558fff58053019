package dbt.runtime.linux;

import dbt.frontend.GuestMemory;
import dbt.frontend.HostSyscall;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The files of {@code /proc} that describe the process as the guest must see it, not as the JVM is: the guest's
 * memory map ({@code maps}, in the kernel's format, with the files that ranges map: {@link MappingNames}), its
 * command line ({@code cmdline}), the auxiliary vector it started with ({@code auxv}), its status line
 * ({@code stat}, {@link ProcStat}), and {@code /proc/cpuinfo} describing a riscv64 machine. Each open gets a fresh
 * host memfd holding the contents at that moment, so that reads, seeks and fstat behave as on a file. A fork child
 * takes over what the files say of the process's start ({@link #facts}).
 */
final class ProcFiles {
    private static final String ISA = "rv64imafdc_zicsr_zifencei_zba_zbb_zbs";

    private final GuestMemory memory;
    private final long pid;
    private final MappingNames names;
    private final GuestThreads threads;
    private volatile List<String> argv = List.of();
    private volatile byte[] auxv = new byte[16];
    private volatile ProcStat.Layout layout = ProcStat.Layout.NONE;

    ProcFiles(GuestMemory memory, long pid, MappingNames names, GuestThreads threads) {
        this.memory = memory;
        this.pid = pid;
        this.names = names;
        this.threads = threads;
    }

    /** What a forked child's files say of its start (the same as this process's): see {@link #restore}. */
    byte[] facts() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            List<String> args = argv;
            out.writeInt(args.size());
            for (String a : args) {
                byte[] b = a.getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
            byte[] vector = auxv;
            out.writeInt(vector.length);
            out.write(vector);
            ProcStat.Layout l = layout;
            for (long v : new long[] {l.startCode(), l.endCode(), l.startData(), l.endData(), l.startStack(),
                    l.argStart(), l.argEnd(), l.envStart(), l.envEnd()}) {
                out.writeLong(v);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // (not on a byte array)
        }
        return bytes.toByteArray();
    }

    /** In a fork child: takes over what its parent's {@link #facts} said. */
    void restore(byte[] facts) {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(facts))) {
            String[] args = new String[in.readInt()];
            for (int i = 0; i < args.length; i++) {
                args[i] = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
            }
            argv = List.of(args);
            auxv = in.readNBytes(in.readInt());
            long[] v = new long[9];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readLong();
            }
            layout = new ProcStat.Layout(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the fork snapshot's /proc facts are cut short", e);
        }
    }

    /** The loaded program, for /proc/self/stat: its code is its first executable run of pages, its data the rest. */
    void recordProgram(long low, long high) {
        long startCode = 0;
        long endCode = 0;
        long startData = 0;
        for (long page = GuestMemory.pageDown(low); page < high; page += GuestMemory.PAGE_SIZE) {
            int p = memory.permissions(page);
            if ((p & GuestMemory.EXEC) != 0 && (startCode == 0 || endCode == page)) {
                startCode = startCode == 0 ? Math.max(page, low) : startCode;
                endCode = page + GuestMemory.PAGE_SIZE;
            } else if ((p & GuestMemory.WRITE) != 0 && startData == 0) {
                startData = page;
            }
        }
        layout = layout.withImage(startCode, endCode, startData, startData == 0 ? 0 : high);
    }

    void setArgv(List<String> argv) {
        this.argv = List.copyOf(argv);
    }

    /** The auxiliary vector of the initial stack at sp (after argc, argv and envp), for /proc/self/auxv. */
    void recordAuxv(long sp) {
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
        auxv = bytes;
        long argc = memory.load(sp, 8);
        long envp = sp + 8 * (argc + 2);
        long envc = (p - envp) / 8;
        layout = layout.withStack(sp, strings(sp + 8, argc, false), strings(sp + 8, argc, true),
                strings(envp, envc, false), strings(envp, envc, true));
    }

    /** Where the first of n strings whose pointers are at vector starts, or (end) where the last one's NUL ends. */
    private long strings(long vector, long n, boolean end) {
        if (n == 0) {
            return 0;
        }
        if (!end) {
            return memory.load(vector, 8);
        }
        long last = memory.load(vector + 8 * (n - 1), 8);
        return last + memory.cStringLength(last, 1 << 20) + 1;
    }

    /**
     * The contents of a /proc file the guest opens, or null if the host's file serves (or it is none of these).
     * caller is the opening thread, identity its name.
     */
    byte[] contents(String path, CallingThread caller, IdentityCalls identity) {
        String own = ownFile(path);
        if (own == null) {
            return path.equals("/proc/cpuinfo") ? text(cpuinfo()) : null;
        }
        return switch (own) {
            case "maps" -> text(maps());
            case "cmdline" -> text(cmdline());
            case "auxv" -> auxv.clone();
            case "stat" -> text(ProcStat.line(task(path, caller, identity), layout, memory));
            default -> null;
        };
    }

    /** The task whose stat the path names: a thread's for thread-self and task/TID, else the process's. */
    private ProcStat.Task task(String path, CallingThread caller, IdentityCalls identity) {
        String[] parts = path.split("/");
        long id = parts[2].equals("thread-self") ? caller.tid() : parts.length == 6 ? parseId(parts[4]) : pid;
        boolean own = id == caller.tid() && (parts[2].equals("thread-self") || parts.length == 6);
        return new ProcStat.Task(id, own ? identity.name() : identity.processName(), own, threads.count(),
                caller.signalMask(), caller.ignoredSignals(), caller.caughtSignals());
    }

    private long parseId(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return pid;
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** For /proc/self/NAME, /proc/thread-self/NAME, /proc/PID/NAME and /proc/PID/task/TID/NAME: NAME; else null. */
    private String ownFile(String path) {
        String[] parts = path.split("/");
        if (parts.length < 4 || !parts[0].isEmpty() || !parts[1].equals("proc")) {
            return null;
        }
        boolean self = parts[2].equals("self") || parts[2].equals("thread-self") || parts[2].equals(Long.toString(pid));
        if (!self) {
            return null;
        }
        if (parts.length == 4) {
            return parts[3];
        }
        return parts.length == 6 && parts[3].equals("task") ? parts[5] : null;
    }

    /** A host descriptor (close-on-exec) open on bytes, at offset 0; -errno if none could be made. */
    static long hostFile(String name, byte[] bytes) {
        try (Arena arena = Arena.ofConfined()) {
            long fd = HostSyscall.memfdCreate(name);
            if (HostSyscall.failed(fd)) {
                return fd;
            }
            MemorySegment buffer = arena.allocate(Math.max(1, bytes.length));
            MemorySegment.copy(bytes, 0, buffer, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
            long done = 0;
            while (done < bytes.length) {
                long w = HostSyscall.call(HostSyscalls.WRITE, fd, buffer.address() + done, bytes.length - done, 0, 0, 0);
                if (HostSyscall.failed(w)) {
                    HostSyscall.call(HostSyscall.CLOSE, fd, 0, 0, 0, 0, 0);
                    return w;
                }
                done += w;
            }
            HostSyscall.call(HostSyscalls.LSEEK, fd, 0, 0, 0, 0, 0);
            return fd;
        }
    }

    /** The guest's mappings, one line per run of pages with the same permissions, as the kernel prints them. */
    private String maps() {
        StringBuilder sb = new StringBuilder();
        long stackLow = GuestMemory.STACK_TOP - GuestMemory.STACK_SIZE;
        long heapLow = memory.brkStart();
        long heapHigh = GuestMemory.pageUp(memory.brk());
        long page = GuestMemory.LOW_LIMIT;
        long end = memory.mappedEnd();
        while (page < end) {
            int p = memory.permissions(page);
            if ((p & GuestMemory.MAPPED) == 0) {
                page += GuestMemory.PAGE_SIZE;
                continue;
            }
            long start = page;
            MappingNames.Named file = names.at(start);
            // A run ends where the permissions change, a file's range ends, or a named region (heap, stack) begins
            // or ends.
            do {
                page += GuestMemory.PAGE_SIZE;
            } while (page < end && memory.permissions(page) == p && page != stackLow && page != heapLow
                    && page != heapHigh && names.at(page) == file);
            String name = file != null ? file.path()
                    : start >= stackLow && start < GuestMemory.STACK_TOP ? "[stack]"
                    : start >= heapLow && start < heapHigh ? "[heap]"
                    : start == Riscv64SignalFrame.TRAMPOLINE ? "[vdso]" : "";
            long device = file == null ? 0 : file.device();
            sb.append(String.format("%08x-%08x %c%c%c%c %08x %02x:%02x %d", start, page,
                    (p & GuestMemory.READ) != 0 ? 'r' : '-', (p & GuestMemory.WRITE) != 0 ? 'w' : '-',
                    (p & GuestMemory.EXEC) != 0 ? 'x' : '-', memory.sharedFile(start) ? 's' : 'p',
                    file == null ? 0 : file.offsetAt(start), (device >>> 8) & 0xfff | (device >>> 32) & ~0xfff,
                    device & 0xff | (device >>> 12) & ~0xff, file == null ? 0 : file.inode()));
            if (!name.isEmpty()) {
                sb.append(" ".repeat(Math.max(1, 73 - sb.length() + sb.lastIndexOf("\n") + 1))).append(name);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private String cmdline() {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            sb.append(a).append('\0');
        }
        return sb.toString();
    }

    /** One entry per host processor, as a riscv64 kernel describes a hart. */
    private static String cpuinfo() {
        StringBuilder sb = new StringBuilder();
        int n = Runtime.getRuntime().availableProcessors();
        for (int k = 0; k < n; k++) {
            sb.append("processor\t: ").append(k).append('\n')
              .append("hart\t\t: ").append(k).append('\n')
              .append("isa\t\t: ").append(ISA).append('\n')
              .append("mmu\t\t: sv39\n")
              .append("uarch\t\t: dbt\n\n");
        }
        return sb.toString();
    }
}
