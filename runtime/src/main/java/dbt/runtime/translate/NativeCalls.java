package dbt.runtime.translate;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** The libc calls the code cache, the mapping table and the fault handler need, as FFM downcalls bound once. */
final class NativeCalls {
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int PROT_EXEC = 4;
    static final int MAP_SHARED = 0x01;
    static final int MAP_PRIVATE = 0x02;
    static final int MAP_ANONYMOUS = 0x20;
    static final int MAP_NORESERVE = 0x4000;
    static final int MFD_CLOEXEC = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle MMAP = downcall("mmap",
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MEMFD_CREATE = downcall("memfd_create",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle FTRUNCATE = downcall("ftruncate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SIGACTION = downcall("sigaction",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

    private NativeCalls() {}

    private static MethodHandle downcall(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), d);
    }

    static long mmap(long length, int prot, int flags, int fd) {
        try {
            long p = (long) MMAP.invokeExact(MemorySegment.NULL, length, prot, flags, fd, 0L);
            if (p == -1L) {
                throw new IllegalStateException("mmap of " + length + " bytes failed");
            }
            return p;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static int memfd(String name, long size) {
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            int fd = (int) MEMFD_CREATE.invokeExact(arena.allocateFrom(name), MFD_CLOEXEC);
            if (fd < 0 || (int) FTRUNCATE.invokeExact(fd, size) != 0) {
                throw new IllegalStateException("cannot create the code cache (memfd_create/ftruncate failed)");
            }
            return fd;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** libc {@code sigaction(signal, action, old)}; either struct may be NULL. Returns 0 on success. */
    static int sigaction(int signal, MemorySegment action, MemorySegment old) {
        try {
            return (int) SIGACTION.invokeExact(signal, action, old);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static void close(int fd) {
        try {
            int r = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
