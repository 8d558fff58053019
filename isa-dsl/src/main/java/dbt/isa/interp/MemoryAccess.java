package dbt.isa.interp;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dbt.isa.exec.Machine;

/**
 * Guest memory accesses as calls that compiled code makes rather than inlines: the machine checks permissions and
 * may throw a {@link dbt.isa.exec.GuestFault}, and a fault leaves compiled code for the interpreter
 * (deoptimizes), so that the block's fault handling runs as it does uncompiled. Nothing is allocated per access.
 */
final class MemoryAccess {
    private MemoryAccess() {}

    @TruffleBoundary
    static long load(Machine m, long address, int bytes) {
        return m.load(address, bytes);
    }

    @TruffleBoundary
    static void store(Machine m, long address, int bytes, long value) {
        m.store(address, bytes, value);
    }

    @TruffleBoundary
    static boolean compareAndSwap(Machine m, long address, int bytes, long expected, long value) {
        return m.compareAndSwap(address, bytes, expected, value);
    }
}
