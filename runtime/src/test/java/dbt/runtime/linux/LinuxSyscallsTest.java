package dbt.runtime.linux;

import dbt.frontend.GuestMemory;
import dbt.isa.model.Abi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dbt.frontend.GuestMemory.READ;
import static dbt.frontend.GuestMemory.WRITE;
import static dbt.runtime.linux.LinuxSignals.*;
import static dbt.runtime.linux.LinuxSyscallTable.*;
import static dbt.runtime.linux.Riscv64LinuxAbi.HWCAP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The system-call layer under RISC-V's convention, as the shipped description declares it (a7; a0..a5; a0). */
class LinuxSyscallsTest extends GuestCallsFixture {
    private static final long AT_FDCWD = -100;
    private static final long O_WRONLY = 1;
    private static final long O_CREAT = 0100;
    private static final long O_TRUNC = 01000;

    @TempDir
    Path dir;

    LinuxSyscallsTest() {
        super(true);
    }

    private long sys(int number, long... arguments) {
        call(number, 0xDEAD, arguments);
        syscalls.deliverSignals(machine); // as the dispatcher does after every call
        return result();
    }

    @Test
    void theShippedDescriptionDeclaresRiscvsConvention() {
        assertEquals(new Abi("linux", 0, 17, List.of(10, 11, 12, 13, 14, 15), 10, 2, 4), RISCV);
        assertEquals(RISCV, syscalls.abi());
        syscalls.setStackPointer(machine, 0x7fff_f000L);
        assertEquals(0x7fff_f000L, machine.register(0, 2), "sp is x2");
    }

    private long string(long address, String s) {
        byte[] bytes = (s + "\0").getBytes(StandardCharsets.UTF_8);
        memory.write(address, bytes, 0, bytes.length);
        return address;
    }

    private String text(long address, int length) {
        byte[] bytes = new byte[length];
        memory.read(address, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void writesAFileAndReadsItBack() throws IOException {
        Path file = dir.resolve("out.txt");
        long path = string(BUF, file.toString());
        long fd = sys(SYS_OPENAT, AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        assertEquals(3, fd, "the guest's first descriptor, whatever the JVM holds open");
        long data = string(BUF + 0x1000, "hello, guest\n");
        assertEquals(13, sys(SYS_WRITE, fd, data, 13));
        long iov = BUF + 0x2000;
        memory.store(iov, 8, data);
        memory.store(iov + 8, 8, 7);
        memory.store(iov + 16, 8, data + 7);
        memory.store(iov + 24, 8, 6);
        assertEquals(13, sys(SYS_WRITEV, fd, iov, 2));
        assertEquals(0, sys(SYS_CLOSE, fd));
        assertEquals(-Errno.EBADF, sys(SYS_CLOSE, fd));
        assertEquals("hello, guest\nhello, guest\n", Files.readString(file));

        fd = sys(SYS_OPENAT, AT_FDCWD, path, 0, 0);
        assertEquals(3, fd);
        long in = BUF + 0x3000;
        assertEquals(26, sys(SYS_READ, fd, in, 100));
        assertEquals("hello, guest\nhello, guest\n", text(in, 26));
        assertEquals(0, sys(SYS_READ, fd, in, 100), "end of file");
        assertEquals(7, sys(SYS_LSEEK, fd, 7, 0));
        assertEquals(5, sys(SYS_PREAD64, fd, in, 5, 0));
        assertEquals("hello", text(in, 5));

        long st = BUF + 0x4000;
        assertEquals(0, sys(SYS_FSTAT, fd, st));
        assertEquals(26, memory.load(st + 48, 8), "st_size");
        assertEquals(0100000, memory.load(st + 16, 4) & 0170000, "st_mode says regular file");
        assertEquals(1, memory.load(st + 20, 4), "st_nlink");
        assertEquals(0, sys(SYS_NEWFSTATAT, AT_FDCWD, path, st, 0));
        assertEquals(26, memory.load(st + 48, 8));
        assertEquals(-Errno.ENOENT, sys(SYS_NEWFSTATAT, AT_FDCWD, string(BUF + 0x5000, dir + "/nope"), st, 0));

        assertEquals(10, sys(SYS_DUP3, fd, 10, 0));
        assertEquals(0, sys(SYS_LSEEK, 10, 0, 0));
        assertEquals(4, sys(SYS_DUP, 10));
        assertEquals(5, sys(SYS_READ, 4, in, 5));
        assertEquals(0, sys(SYS_UNLINKAT, AT_FDCWD, path, 0));
        assertTrue(Files.notExists(file));
    }

    @Test
    void badPointersGiveEfaultNeverAHostFault() {
        assertEquals(-Errno.EFAULT, sys(SYS_WRITE, 1, 0x10, 5));
        assertEquals(-Errno.EFAULT, sys(SYS_WRITE, 1, 0xFFFF_FFF0L, 100));
        assertEquals(-Errno.EFAULT, sys(SYS_WRITE, 1, 1L << 40, 5));
        assertEquals(-Errno.EFAULT, sys(SYS_OPENAT, AT_FDCWD, 0x2_0000_0000L, 0, 0));
        assertEquals(-Errno.EFAULT, sys(SYS_CLOCK_GETTIME, 0, 0x20000));
        memory.map(0x200000, GuestMemory.PAGE_SIZE, READ);
        assertEquals(-Errno.EFAULT, sys(SYS_GETRANDOM, 0x200000, 16, 0), "read-only page");
        assertEquals(-Errno.EFAULT, sys(SYS_FSTAT, 0, 0x200000));
        assertEquals(-Errno.EBADF, sys(SYS_WRITE, 77, BUF, 1), "bad fd is reported before a bad buffer");
        assertEquals(-Errno.EBADF, sys(SYS_WRITE, 5, 0x10, 1), "JVM descriptors are invisible to the guest");
    }

    @Test
    void getrandomAndClocks() {
        long buf = BUF + 0x100;
        assertEquals(64, sys(SYS_GETRANDOM, buf, 64, 0));
        boolean nonZero = false;
        for (int i = 0; i < 64; i += 8) {
            nonZero |= memory.load(buf + i, 8) != 0;
        }
        assertTrue(nonZero);
        assertEquals(8, sys(SYS_GETRANDOM, BUF + 16 * GuestMemory.PAGE_SIZE - 8, 64, 0), "clamped to the mapping");

        long ts = BUF + 0x200;
        assertEquals(0, sys(SYS_CLOCK_GETTIME, 0, ts));
        long seconds = memory.load(ts, 8);
        assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000) < 5, "CLOCK_REALTIME is now");
        long nanos = memory.load(ts + 8, 8);
        assertTrue(nanos >= 0 && nanos < 1_000_000_000L);
        assertEquals(0, sys(SYS_CLOCK_GETTIME, 1, ts));
        assertTrue(memory.load(ts, 8) > 0 || memory.load(ts + 8, 8) > 0, "CLOCK_MONOTONIC runs");
        assertEquals(0, sys(SYS_GETTIMEOFDAY, ts, 0));
        assertTrue(Math.abs(memory.load(ts, 8) - System.currentTimeMillis() / 1000) < 5);
        memory.store(ts, 8, 0);
        memory.store(ts + 8, 8, 1_000_000);
        assertEquals(0, sys(SYS_NANOSLEEP, ts, 0));
    }

    @Test
    void brkAndMemoryMappings() throws IOException {
        memory.setBrkStart(0x80000);
        assertEquals(0x80000, sys(SYS_BRK, 0));
        assertEquals(0x92345, sys(SYS_BRK, 0x92345));
        memory.store(0x92000, 8, 1);
        long anon = sys(SYS_MMAP, 0, 10000, READ | WRITE, 0x22, -1, 0);
        assertEquals(GuestMemory.MMAP_TOP - 3 * GuestMemory.PAGE_SIZE, anon);
        memory.store(anon + 9992, 8, 5);
        assertEquals(0, sys(SYS_MPROTECT, anon, 4096, READ));
        assertThrows(dbt.ir.GuestFault.class, () -> memory.store(anon, 1, 0));
        assertEquals(-Errno.EEXIST, sys(SYS_MMAP, anon, 4096, READ, 0x100022, -1, 0));
        assertEquals(anon, sys(SYS_MMAP, anon, 4096, READ | WRITE, 0x32, -1, 0), "MAP_FIXED replaces");
        assertEquals(0, sys(SYS_MUNMAP, anon, 3 * 4096));
        assertEquals(0, memory.permissions(anon + 8192));
        assertEquals(-Errno.EINVAL, sys(SYS_MMAP, 0, 0, READ, 0x22, -1, 0));
        assertEquals(-Errno.EINVAL, sys(SYS_MUNMAP, anon + 1, 4096));

        Path file = Files.write(dir.resolve("data"), "file contents".getBytes(StandardCharsets.US_ASCII));
        long fd = sys(SYS_OPENAT, AT_FDCWD, string(BUF, file.toString()), 0, 0);
        long mapped = sys(SYS_MMAP, 0, 8192, READ, 0x02, fd, 0);
        assertEquals("file contents", text(mapped, 13));
        assertEquals(0, memory.load(mapped + 13, 1));
        assertEquals(-Errno.EACCES, sys(SYS_MMAP, 0, 8192, READ | WRITE, 0x01, fd, 0), "shared, writable, read-only fd");

        long grown = sys(SYS_MREMAP, mapped, 8192, 1 << 20, 1);
        assertEquals("file contents", text(grown, 13));
        assertEquals(0, sys(SYS_MADVISE, grown, 8192, 4));
        assertEquals("file contents", text(grown, 13), "MADV_DONTNEED: a private file page reads the file again");
        long scratch = sys(SYS_MMAP, 0, 8192, READ | WRITE, 0x22, -1, 0);
        memory.store(scratch, 8, 42);
        assertEquals(0, sys(SYS_MADVISE, scratch, 8192, 4));
        assertEquals(0, memory.load(scratch, 8), "MADV_DONTNEED: an anonymous page reads as zero");

        long rw = sys(SYS_OPENAT, AT_FDCWD, string(BUF, file.toString()), 2, 0);
        long shared = sys(SYS_MMAP, 0, 8192, READ | WRITE, 0x01, rw, 0);
        memory.store(shared, 4, 0x454c4946L); // "FILE"
        assertEquals("FILE contents", Files.readString(file), "a shared mapping's writes reach the file");
        assertEquals("FILE contents", text(mapped, 13), "and a private mapping's untouched page sees them");
    }

    @Test
    void processIdentityAndLimits() {
        long exe = string(BUF, "/proc/self/exe");
        long out = BUF + 0x100;
        long n = sys(SYS_READLINKAT, AT_FDCWD, exe, out, 4096);
        assertEquals("/tmp/guest-prog", text(out, (int) n));
        assertEquals(4, sys(SYS_READLINKAT, AT_FDCWD, exe, out, 4));

        long uts = BUF + 0x1000;
        assertEquals(0, sys(SYS_UNAME, uts));
        assertEquals("Linux", memory.readCString(uts, 65));
        assertEquals("riscv64", memory.readCString(uts + 4 * 65, 65));

        assertEquals(ProcessHandle.current().pid(), sys(SYS_GETPID));
        assertTrue(sys(SYS_GETTID) > 0);
        assertEquals(sys(SYS_GETTID), sys(SYS_SET_TID_ADDRESS, BUF));
        assertEquals(0, sys(SYS_SET_ROBUST_LIST, BUF, 24));
        assertEquals(-Errno.ENOSYS, sys(SYS_RSEQ, BUF, 32, 0, 0));

        long rlim = BUF + 0x2000;
        assertEquals(0, sys(SYS_PRLIMIT64, 0, 3, 0, rlim));
        assertEquals(8 << 20, memory.load(rlim, 8));
        assertEquals(0, sys(SYS_PRLIMIT64, 0, 7, 0, rlim));
        assertEquals(1024, memory.load(rlim, 8));

        long cwd = BUF + 0x3000;
        long length = sys(SYS_GETCWD, cwd, 4096);
        assertTrue(length > 1);
        assertEquals('/', memory.load(cwd, 1));
        assertEquals(length - 1, memory.cStringLength(cwd, 4096), "raw getcwd counts the NUL");

        assertEquals(-Errno.ENOTTY, sys(SYS_IOCTL, 1, 0x1234, 0));
        assertEquals(0, sys(SYS_RT_SIGACTION, 2, 0, BUF + 0x4000, 8));
        assertEquals(0, sys(SYS_RT_SIGPROCMASK, 0, 0, BUF + 0x4000, 8));
    }

    @Test
    void unknownCallsGiveEnosysAndOneWarning() {
        assertEquals(-Errno.ENOSYS, sys(217, 0));
        assertEquals(-Errno.ENOSYS, sys(217, 0));
        assertEquals(-Errno.ENOSYS, sys(999_999));
        assertEquals("dbt: unsupported system call 217 (add_key)\n"
                + "dbt: unsupported system call 999999 (syscall_999999)\n", warnings.toString());
    }

    @Test
    void exitAndAbortEndTheGuest() {
        GuestExit exit = assertThrows(GuestExit.class, () -> sys(SYS_EXIT_GROUP, 0x107));
        assertEquals(7, exit.status());
        assertEquals(0, exit.getStackTrace().length);
        assertEquals(0, sys(SYS_KILL, ProcessHandle.current().pid(), 28), "SIGWINCH is ignored by default");

        memory.store(BUF, 8, -1L);
        assertEquals(0, sys(SYS_RT_SIGPROCMASK, 0, BUF, 0, 8), "block everything, as glibc's raise does");
        assertEquals(0, sys(SYS_TGKILL, ProcessHandle.current().pid(), sys(SYS_GETTID), SIGABRT));
        memory.store(BUF, 8, 1L << (SIGABRT - 1));
        GuestExit abort = assertThrows(GuestExit.class, () -> sys(SYS_RT_SIGPROCMASK, 1, BUF, 0, 8));
        assertEquals(134, abort.status());
        assertEquals("uncaught guest signal 6 (Aborted)", abort.getMessage());
    }

    @Test
    void writingToABrokenPipeEndsTheGuestQuietly() {
        assertEquals(0, sys(SYS_PIPE2, BUF, 0));
        long readEnd = memory.load(BUF, 4);
        long writeEnd = memory.load(BUF + 4, 4);
        assertEquals(List.of(3L, 4L), List.of(readEnd, writeEnd));
        long data = string(BUF + 0x100, "x");
        assertEquals(1, sys(SYS_WRITE, writeEnd, data, 1));
        assertEquals(1, sys(SYS_READ, readEnd, BUF + 0x200, 10));
        assertEquals(0, sys(SYS_CLOSE, readEnd));
        GuestExit pipe = assertThrows(GuestExit.class, () -> sys(SYS_WRITE, writeEnd, data, 1));
        assertEquals(141, pipe.status());
        assertEquals(null, pipe.getMessage());
        memory.store(BUF + 0x300, 8, 1); // sa_handler = SIG_IGN
        assertEquals(0, sys(SYS_RT_SIGACTION, SIGPIPE, BUF + 0x300, 0, 8));
        assertEquals(-Errno.EPIPE, sys(SYS_WRITE, writeEnd, data, 1));
    }

    @Test
    void straceLooksLikeQemus() {
        long pid = ProcessHandle.current().pid();
        long path = string(BUF, dir.resolve("t").toString());
        long fd = sys(SYS_OPENAT, AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        sys(SYS_CLOSE, 99);
        sys(SYS_MMAP, 0, 4096, READ | WRITE, 0x22, -1, 0);
        assertThrows(GuestExit.class, () -> sys(SYS_EXIT_GROUP, 0));
        String[] lines = trace.toString().split("\n");
        assertEquals(pid + " openat(AT_FDCWD,\"" + dir.resolve("t") + "\",O_WRONLY|O_CREAT|O_TRUNC,0644) = " + fd,
                lines[0]);
        assertEquals(pid + " close(99) = -1 errno=9 (Bad file descriptor)", lines[1]);
        assertEquals(pid + " mmap(NULL,4096,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0) = 0x"
                + Long.toHexString(GuestMemory.MMAP_TOP - 4096), lines[2]);
        assertEquals(pid + " exit_group(0)", lines[3]);
    }

    @Test
    void statLayoutConversion() {
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            var host = arena.allocate(StatLayout.HOST_SIZE);
            for (int i = 0; i < StatLayout.HOST_SIZE; i += 8) {
                host.set(java.lang.foreign.ValueLayout.JAVA_LONG, i, 0x0101010101010101L * (i / 8 + 1));
            }
            host.set(java.lang.foreign.ValueLayout.JAVA_INT, 24, 0100644); // mode
            host.set(java.lang.foreign.ValueLayout.JAVA_INT, 28, 1000); // uid
            host.set(java.lang.foreign.ValueLayout.JAVA_INT, 32, 100); // gid
            host.set(java.lang.foreign.ValueLayout.JAVA_LONG, 16, 3); // nlink
            host.set(java.lang.foreign.ValueLayout.JAVA_LONG, 56, 4096); // blksize
            byte[] guest = new byte[StatLayout.GUEST_SIZE];
            java.util.Arrays.fill(guest, (byte) 0x77);
            StatLayout.hostToGuest(host, java.lang.foreign.MemorySegment.ofArray(guest));
            var g = java.nio.ByteBuffer.wrap(guest).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertEquals(0x0101010101010101L, g.getLong(0), "dev");
            assertEquals(0x0202020202020202L, g.getLong(8), "ino");
            assertEquals(0100644, g.getInt(16), "mode");
            assertEquals(3, g.getInt(20), "nlink");
            assertEquals(1000, g.getInt(24), "uid");
            assertEquals(100, g.getInt(28), "gid");
            assertEquals(0x0606060606060606L, g.getLong(32), "rdev");
            assertEquals(0, g.getLong(40), "padding");
            assertEquals(0x0707070707070707L, g.getLong(48), "size");
            assertEquals(4096, g.getInt(56), "blksize");
            assertEquals(0, g.getInt(60), "padding");
            assertEquals(0x0909090909090909L, g.getLong(64), "blocks");
            for (int i = 0; i < 6; i++) {
                assertEquals(0x0101010101010101L * (10 + i), g.getLong(72 + 8 * i), "times");
            }
            assertEquals(0, g.getLong(120), "unused");
        }
    }

    @Test
    void abiTables() {
        assertEquals("openat", syscallName(56));
        assertEquals("newfstatat", syscallName(79));
        assertEquals("fstat", syscallName(80));
        assertEquals("exit_group", syscallName(94));
        assertEquals("mmap", syscallName(222));
        assertEquals("riscv_flush_icache", syscallName(259));
        assertEquals("rseq", syscallName(293));
        assertEquals("syscall_1000", syscallName(1000));
        assertEquals(0x112d, HWCAP, "I, M, A, F, D and C, as Linux reports an RV64GC hart");
        assertNotEquals(signalName(6), signalName(11));
        assertArrayEquals(new boolean[] {true, false}, new boolean[] {survivesByDefault(17), survivesByDefault(6)});
    }
}
