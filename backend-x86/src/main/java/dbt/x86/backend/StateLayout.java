package dbt.x86.backend;

/**
 * Where translated code finds guest state: byte offsets from the state register (r15) of every register file's
 * registers (8 bytes each), the pc, the LR/SC reservation (its address and the value loaded with it), the
 * exit-information word, the stored CSRs, and 8 bytes
 * of scratch for floating-point sequences (MXCSR changes), the interrupt word (non-zero: leave at the next block
 * entry or loop iteration), and two words of the host stack: rsp as the entry stub leaves it, and the lowest rsp
 * below which a call pushes no frame (see {@link CallFrames}), then the size of the guest window (the memory check's
 * bound, see {@link #windowSizeOffset}).
 */
public record StateLayout(int[] registerFileOffsets, int pcOffset, int reservationOffset, int reservedValueOffset,
                          int exitInfoOffset, int csrOffset, int floatScratchOffset, int interruptOffset,
                          int hostStackOffset) {
    public int register(long file, long index) {
        return registerFileOffsets[(int) file] + 8 * (int) index;
    }

    /** The word after the host stack's two: the guest window's size, which a checked address must be below. */
    public int windowSizeOffset() {
        return hostStackOffset + 16;
    }

    public int csr(long slot) {
        return csrOffset + 8 * (int) slot;
    }
}
