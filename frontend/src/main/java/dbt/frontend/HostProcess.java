package dbt.frontend;

import dbt.isa.exec.NativeMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * Starting host programs on a guest's behalf, in {@code libdbthost.so} (see {@code dbthost.c}): {@link #spawn} a
 * child (vfork, then execve) or {@link #exec} in place of this process, in both cases with the descriptors laid out
 * as the guest sees them (host descriptor {@code fds[i]} becomes descriptor i; every other descriptor, the JVM's own
 * among them, is closed), the signals the guest ignores still ignored and the others at their default, and the
 * guest's signal mask.
 */
public final class HostProcess {
    static {
        HostLibrary.load();
    }

    private HostProcess() {}

    private static native long spawn(long block);

    private static native long exec(long block);

    /** Starts path as a child; its host pid, or -errno (then the child has already been reaped). */
    public static long spawn(byte[] path, List<byte[]> argv, List<byte[]> envp, int[] fds, long mask, long ignored) {
        try (Arena arena = Arena.ofConfined()) {
            return spawn(block(arena, path, argv, envp, fds, mask, ignored).address());
        }
    }

    /** Replaces this process with path; returns -errno only if that failed (its descriptors may be rearranged). */
    public static long exec(byte[] path, List<byte[]> argv, List<byte[]> envp, int[] fds, long mask, long ignored) {
        try (Arena arena = Arena.ofConfined()) {
            return exec(block(arena, path, argv, envp, fds, mask, ignored).address());
        }
    }

    /** The block dbthost.c reads (its layout is described there). */
    private static MemorySegment block(Arena arena, byte[] path, List<byte[]> argv, List<byte[]> envp, int[] fds,
                                       long mask, long ignored) {
        int n = fds.length;
        MemorySegment b = arena.allocate(8L * (8 + 2 * n + 8 + 8), 16);
        NativeMemory.putLong(b, 0, cString(arena, path).address());
        NativeMemory.putLong(b, 8, pointers(arena, argv).address());
        NativeMemory.putLong(b, 16, pointers(arena, envp).address());
        NativeMemory.putLong(b, 24, n);
        NativeMemory.putLong(b, 32, mask);
        NativeMemory.putLong(b, 40, ignored);
        for (int i = 0; i < n; i++) {
            NativeMemory.putLong(b, 8L * (8 + i), fds[i]);
        }
        return b;
    }

    private static MemorySegment cString(Arena arena, byte[] s) {
        MemorySegment c = arena.allocate(s.length + 1);
        MemorySegment.copy(s, 0, c, ValueLayout.JAVA_BYTE, 0, s.length);
        return c;
    }

    private static MemorySegment pointers(Arena arena, List<byte[]> strings) {
        MemorySegment p = arena.allocate(8L * (strings.size() + 1), 8);
        for (int i = 0; i < strings.size(); i++) {
            NativeMemory.putLong(p, 8L * i, cString(arena, strings.get(i)).address());
        }
        return p;
    }
}
