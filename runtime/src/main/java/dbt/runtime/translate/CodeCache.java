package dbt.runtime.translate;

import dbt.isa.exec.NativeMemory;
import dbt.frontend.HostSyscall;
import java.lang.foreign.MemorySegment;

/**
 * Where host code lives. Invariant (W^X): one piece of shared memory is mapped twice, read/write for the emitter and
 * read/execute for running; no page is ever writable and executable in the same mapping. (Shared anonymous memory,
 * aliased by mremap, rather than a memfd: perf then takes the code for anonymous, JIT-made code, and names it from
 * {@link PerfMap}'s map.) Code is appended (bump allocation, 16-byte aligned, translations 32-byte aligned) and
 * never moves; a full cache is flushed as a whole by the runtime.
 * Patching a jump writes the 4 bytes of its rel32 through the writable view.
 */
public final class CodeCache {
    private final long size;
    private final MemorySegment writable;
    private final long executable;
    private long used;

    public CodeCache(long size) {
        this.size = size;
        long rw = HostSyscall.mmap(size, HostSyscall.PROT_READ | HostSyscall.PROT_WRITE,
                HostSyscall.MAP_SHARED | HostSyscall.MAP_ANONYMOUS, -1);
        this.executable = NativeCalls.alias(rw, size, HostSyscall.PROT_READ | HostSyscall.PROT_EXEC);
        this.writable = MemorySegment.ofAddress(rw).reinterpret(size);
    }

    /**
     * Where a translation starts: at a multiple of the largest alignment its code asks for ({@code Assembler#align}:
     * a loop's top, 32), so that the alignment is the host address's, not only the offset's in the code.
     */
    public static final int TRANSLATION_ALIGNMENT = 32;

    /** Reserves room for n bytes of code, 16-byte aligned; returns its executable address, or -1 when full. */
    public long reserve(int n) {
        return reserve(n, 16);
    }

    /** Reserves room for n bytes of code at a multiple of alignment (a power of two); as {@link #reserve(int)}. */
    public long reserve(int n, int alignment) {
        long start = (used + alignment - 1) & -(long) alignment;
        if (start + n > size) {
            return -1;
        }
        used = start + n;
        return executable + start;
    }

    /** Writes code at an executable address obtained from {@link #reserve}. */
    public void write(long address, byte[] code) {
        NativeMemory.copy(code, 0, writable, address - executable, code.length);
    }

    /** The writable address of an executable one. */
    public long writableAddress(long executableAddress) {
        return writable.address() + (executableAddress - executable);
    }

    /** Rewrites the rel32 at an executable address so that its jump reaches target. */
    public void patchRel32(long rel32Address, long target) {
        long rel = target - (rel32Address + 4);
        if (rel != (int) rel) {
            throw new IllegalStateException("patched jump out of rel32 range");
        }
        NativeMemory.putInt(writable, rel32Address - executable, (int) rel);
    }

    /** Writes a {@code jmp rel32} to target at an executable address (over at least 5 bytes of old code). */
    public void patchJump(long address, long target) {
        NativeMemory.putByte(writable, address - executable, (byte) 0xE9);
        patchRel32(address + 1, target);
    }

    /** Rewrites the 4 bytes at an executable address. */
    public void patchInt(long address, int value) {
        NativeMemory.putInt(writable, address - executable, value);
    }

    /** Forgets all code except the first keep bytes (the stubs). */
    public void flush(long keep) {
        used = keep;
    }

    public long used() {
        return used;
    }
}
