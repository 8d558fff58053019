package dbt.runtime.linux;

import dbt.isa.exec.NativeMemory;
import dbt.frontend.GuestMemory;

import java.lang.foreign.MemorySegment;

import static dbt.runtime.linux.Errno.EFAULT;

/**
 * Turns a guest's array of {@code struct iovec} (base, length: 16 bytes, the same on both 64-bit ABIs) into the
 * host's, whose bases are host pointers into the guest window, for the vectored calls that live in the topic files
 * (preadv, pwritev, sendmsg, recvmsg).
 *
 * <p>Invariant: every host iovec written covers only guest bytes that have the permission asked for. As readv and
 * writev do, the array stops at the first buffer that is not wholly usable (after its usable prefix), so the host
 * makes a short transfer where Linux would fault part way; a first buffer with no usable byte is {@code EFAULT}.
 */
final class IoVectors {
    /** UIO_MAXIOV: the most iovecs a call takes. */
    static final int MAX = 1024;
    /** The size of one {@code struct iovec}. */
    static final int SIZE = 16;


    private IoVectors() {
    }

    /**
     * Writes the host iovecs for the {@code count} guest iovecs at {@code iov} into {@code host} (room for
     * {@code count}); returns how many it wrote. Throws {@link Errno} EFAULT if the first buffer is unusable (and a
     * guest fault if the array itself is unreadable).
     */
    static int translate(GuestMemory memory, long iov, int count, int permission, MemorySegment host) {
        int n = 0;
        while (n < count) {
            long base = memory.load(iov + (long) SIZE * n, 8);
            long length = memory.load(iov + (long) SIZE * n + 8, 8);
            long usable = length == 0 ? 0
                    : memory.accessiblePrefix(base, length < 0 ? Long.MAX_VALUE : length, permission);
            if (usable == 0 && length != 0) {
                if (n == 0) {
                    throw new Errno(EFAULT);
                }
                break;
            }
            NativeMemory.putLong(host, (long) SIZE * n, memory.hostAddress(base));
            NativeMemory.putLong(host, (long) SIZE * n + 8, usable);
            n++;
            if (usable != length) {
                break;
            }
        }
        return n;
    }
}
