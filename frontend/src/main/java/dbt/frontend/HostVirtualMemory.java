package dbt.frontend;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The host libc calls the guest window needs: {@code mmap} to reserve it, {@code mprotect} to mirror the guest's
 * page protection, {@code madvise(MADV_DONTNEED)} to give pages back (they read as zero afterwards), {@code munmap}
 * to release it. FFM downcalls, bound once.
 *
 * <p>Invariant: every call here operates on memory this process reserved for a guest window; nothing else.
 */
final class HostVirtualMemory {
    static final int PROT_NONE = 0;
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_PRIVATE = 0x02;
    static final int MAP_ANONYMOUS = 0x20;
    static final int MAP_NORESERVE = 0x4000;
    static final int MADV_DONTNEED = 4;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle MMAP = downcall("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = downcall("munmap",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle MPROTECT = downcall("mprotect",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle MADVISE = downcall("madvise",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));

    private HostVirtualMemory() {
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"));
    }

    /** Reserves {@code length} bytes of private, lazily committed memory, inaccessible until {@link #protect}ed. */
    static long reserve(long length) {
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment p = (MemorySegment) MMAP.invokeExact(errno, MemorySegment.NULL, length,
                    PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0L);
            if (p.address() == -1L) {
                throw new IllegalStateException("cannot reserve " + (length >> 20) + " MiB for the guest address space"
                        + " (mmap errno " + (int) ERRNO.get(errno, 0L) + ")");
            }
            return p.address();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Sets the host protection of [address, address+length) (page-aligned) to prot ({@code PROT_*} bits). */
    static void protect(long address, long length, int prot) {
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int r = (int) MPROTECT.invokeExact(errno, MemorySegment.ofAddress(address), length, prot);
            check(r, "mprotect", errno);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Drops the pages of [address, address+length): they keep their protection and read as zero. */
    static void discard(long address, long length) {
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int r = (int) MADVISE.invokeExact(errno, MemorySegment.ofAddress(address), length, MADV_DONTNEED);
            check(r, "madvise", errno);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static void release(long address, long length) {
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int r = (int) MUNMAP.invokeExact(errno, MemorySegment.ofAddress(address), length);
            check(r, "munmap", errno);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static void check(int result, String call, MemorySegment errno) {
        if (result != 0) {
            throw new IllegalStateException("host " + call + " failed (errno " + (int) ERRNO.get(errno, 0L) + ")");
        }
    }
}
