package dbt.isa.interp;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import dbt.isa.exec.Machine;
import dbt.isa.exec.NativeMemory;

/**
 * Guest memory accesses. When the machine's memory is one host window with a permission table
 * ({@link Machine#memoryBase}), a load or store that stays within one page whose permission byte allows it is one
 * host access, inline in compiled code (the table's byte is one load more). Everything else (another kind of machine,
 * a page without the permission, an access across pages, the window's end) calls the machine, which checks
 * permissions and may throw a {@link dbt.ir.GuestFault}: calls that compiled code makes rather than inlines,
 * and a fault leaves compiled code for the interpreter (deoptimizes), so that the block's fault handling runs as it
 * does uncompiled. Nothing is allocated per access.
 *
 * <p>The host accesses are off-heap ({@code Unsafe} with an address alone), which Graal knows cannot alias Java
 * fields: the machine's and the interpreter's own fields stay in registers across guest loads and stores.
 */
final class MemoryAccess {
    private static final long PAGE_SIZE = 1L << Machine.PAGE_SHIFT;

    private MemoryAccess() {}

    /** Loads bytes (1, 2, 4 or 8, a constant in compiled code) at address, zero-extended. */
    static long load(VirtualFrame frame, Machine m, long address, int bytes) {
        long base = Frames.memoryBase(frame);
        if (CompilerDirectives.injectBranchProbability(CompilerDirectives.LIKELY_PROBABILITY,
                base != 0 && direct(frame, m, address, bytes, Machine.READABLE))) {
            long host = base + address;
            return switch (bytes) {
                case 1 -> Byte.toUnsignedLong(NativeMemory.getByte(host));
                case 2 -> Short.toUnsignedLong(NativeMemory.getShort(host));
                case 4 -> Integer.toUnsignedLong(NativeMemory.getInt(host));
                default -> NativeMemory.getLong(host);
            };
        }
        return checkedLoad(m, address, bytes);
    }

    /** Stores the low bytes (1, 2, 4 or 8, a constant in compiled code) of value at address. */
    static void store(VirtualFrame frame, Machine m, long address, int bytes, long value) {
        long base = Frames.memoryBase(frame);
        if (CompilerDirectives.injectBranchProbability(CompilerDirectives.LIKELY_PROBABILITY,
                base != 0 && direct(frame, m, address, bytes, Machine.WRITABLE))) {
            long host = base + address;
            switch (bytes) {
                case 1 -> NativeMemory.putByte(host, (byte) value);
                case 2 -> NativeMemory.putShort(host, (short) value);
                case 4 -> NativeMemory.putInt(host, (int) value);
                default -> NativeMemory.putLong(host, value);
            }
            return;
        }
        checkedStore(m, address, bytes, value);
    }

    /** Whether the access lies in the window, within one page, and the page's permission byte has the bit. */
    private static boolean direct(VirtualFrame frame, Machine m, long address, int bytes, int permission) {
        return Long.compareUnsigned(address, m.memorySize() - bytes) <= 0
                && (address & (PAGE_SIZE - 1)) <= PAGE_SIZE - bytes
                && (NativeMemory.getByte(Frames.permissionTable(frame) + (address >>> Machine.PAGE_SHIFT))
                        & permission) != 0;
    }

    @TruffleBoundary
    private static long checkedLoad(Machine m, long address, int bytes) {
        return m.load(address, bytes);
    }

    @TruffleBoundary
    private static void checkedStore(Machine m, long address, int bytes, long value) {
        m.store(address, bytes, value);
    }

    @TruffleBoundary
    static boolean compareAndSwap(Machine m, long address, int bytes, long expected, long value) {
        return m.compareAndSwap(address, bytes, expected, value);
    }
}
