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
 * command line ({@code cmdline}), the auxiliary vector it started with ({@code auxv}), and {@code /proc/cpuinfo}
 * describing a riscv64 machine. Each open gets a fresh host memfd holding the contents at that moment, so that
 * reads, seeks and fstat behave as on a file.
 */
final class ProcFiles {
    private static final String ISA = "rv64imafdc_zicsr_zifencei_zba_zbb_zbs";

    private final GuestMemory memory;
    private final long pid;
    private final MappingNames names;
    private volatile List<String> argv = List.of();
    private volatile byte[] auxv = new byte[16];

    ProcFiles(GuestMemory memory, long pid, MappingNames names) {
        this.memory = memory;
        this.pid = pid;
        this.names = names;
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
    }

    /** The contents of a /proc file the guest opens, or null if the host's file serves (or it is none of these). */
    byte[] contents(String path) {
        String own = ownFile(path);
        if (own == null) {
            return path.equals("/proc/cpuinfo") ? text(cpuinfo()) : null;
        }
        return switch (own) {
            case "maps" -> text(maps());
            case "cmdline" -> text(cmdline());
            case "auxv" -> auxv.clone();
            default -> null;
        };
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
