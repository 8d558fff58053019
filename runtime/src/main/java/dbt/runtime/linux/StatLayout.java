package dbt.runtime.linux;

import dbt.isa.exec.NativeMemory;
import java.lang.foreign.MemorySegment;

/**
 * Converts the host's {@code struct stat} (x86-64, 144 bytes) into the guest's (RV64 uses the asm-generic layout,
 * 128 bytes). The two hold the same fields in a different order and with different widths:
 *
 * <pre>
 *   field       x86-64            asm-generic
 *   st_dev      0  u64            0  u64
 *   st_ino      8  u64            8  u64
 *   st_nlink    16 u64            20 u32
 *   st_mode     24 u32            16 u32
 *   st_uid      28 u32            24 u32
 *   st_gid      32 u32            28 u32
 *   st_rdev     40 u64            32 u64   (then 8 bytes of padding)
 *   st_size     48 i64            48 i64
 *   st_blksize  56 i64            56 i32   (then 4 bytes of padding)
 *   st_blocks   64 i64            64 i64
 *   a/m/ctime   72.. 6 x i64      72.. 6 x i64 (seconds, nanoseconds)
 * </pre>
 */
final class StatLayout {
    static final int HOST_SIZE = 144;
    static final int GUEST_SIZE = 128;
    /** Host fields read on their own (by the memory-map calls). */
    static final int HOST_DEV = 0;
    static final int HOST_INO = 8;
    static final int HOST_MODE = 24;
    static final int HOST_RDEV = 40;
    static final int S_IFMT = 0xF000;
    static final int S_IFCHR = 0x2000;


    private StatLayout() {
    }

    static void hostToGuest(MemorySegment host, MemorySegment guest) {
        guest.asSlice(0, GUEST_SIZE).fill((byte) 0);
        NativeMemory.putLong(guest, 0, NativeMemory.getLong(host, 0));
        NativeMemory.putLong(guest, 8, NativeMemory.getLong(host, 8));
        NativeMemory.putInt(guest, 16, NativeMemory.getInt(host, 24));
        NativeMemory.putInt(guest, 20, (int) NativeMemory.getLong(host, 16));
        NativeMemory.putInt(guest, 24, NativeMemory.getInt(host, 28));
        NativeMemory.putInt(guest, 28, NativeMemory.getInt(host, 32));
        NativeMemory.putLong(guest, 32, NativeMemory.getLong(host, 40));
        NativeMemory.putLong(guest, 48, NativeMemory.getLong(host, 48));
        NativeMemory.putInt(guest, 56, (int) NativeMemory.getLong(host, 56));
        NativeMemory.putLong(guest, 64, NativeMemory.getLong(host, 64));
        MemorySegment.copy(host, 72, guest, 72, 48);
    }
}
