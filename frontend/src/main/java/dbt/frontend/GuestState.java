package dbt.frontend;

import dbt.isa.exec.NativeMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The guest's architectural state as one native struct of 8-byte slots, so that the interpreter and translated code
 * (which reaches it through a fixed host register) share it and execution can switch between them at any block
 * boundary.
 *
 * <p>Layout, in slots of 8 bytes from offset 0: every register file in declaration order (file {@code f}, register
 * {@code i} at {@code registerOffset(f, i)}), then the pc, the LR/SC reservation address (-1 when none is held), the
 * exit-reason word and the exit-info word (both written by translated code when it returns to the dispatcher), the
 * host MXCSR image that translated code runs with (its rounding mode and sticky exception flags: the guest's
 * floating-point state while translated code holds it, see {@code EntryStub}), a scratch slot for translated code's
 * floating-point sequences, the value loaded with the reservation, the interrupt word (set by another host
 * thread when this guest thread has a signal to take: translated code and the interpreter leave for the dispatcher
 * at the next block boundary), two words of the host stack that translated code runs on (its entry's rsp and the
 * lowest rsp its calls may push frames to: {@code CallFrames}), the size of the guest window (translated code's
 * memory check compares addresses with it), then the CSR slots. The struct is 64-byte aligned and
 * zero-initialised except for the reservation and the window's size. The offsets never change after construction.
 */
public final class GuestState implements AutoCloseable {

    private final Arena arena;
    private final MemorySegment struct;
    /**
     * The struct's host address: the accessors read and write there ({@link NativeMemory}; the interpreter's compiled
     * code reads it once per block), not through the segment.
     */
    private final long address;
    /** The struct's size in bytes: every accessor stays below it. */
    private final long size;
    private final int[] fileOffsets;
    private final int[] fileSizes;
    private final int pcOffset;
    private final int csrBase;
    private final int csrSlots;

    public GuestState(int[] registerFileSizes, int csrSlots) {
        if (csrSlots < 0) {
            throw new IllegalArgumentException("csrSlots " + csrSlots);
        }
        fileSizes = registerFileSizes.clone();
        fileOffsets = new int[fileSizes.length];
        int offset = 0;
        for (int f = 0; f < fileSizes.length; f++) {
            if (fileSizes[f] < 0) {
                throw new IllegalArgumentException("register file " + f + " size " + fileSizes[f]);
            }
            fileOffsets[f] = offset;
            offset += 8 * fileSizes[f];
        }
        pcOffset = offset;
        csrBase = pcOffset + 11 * 8;
        this.csrSlots = csrSlots;
        arena = Arena.ofShared();
        size = csrBase + 8L * csrSlots;
        struct = arena.allocate(size, 64);
        address = struct.address();
        setReservation(-1);
        NativeMemory.putLong(address + windowSizeOffset(), GuestMemory.WINDOW_SIZE);
    }

    /**
     * A new state with the same registers, pc and CSRs (a new guest thread's, which then differ where clone says);
     * it holds no reservation.
     */
    public GuestState copy() {
        GuestState c = new GuestState(fileSizes, csrSlots);
        c.struct.copyFrom(struct);
        c.setReservation(-1);
        return c;
    }

    /** The struct itself (its {@code address()} is what translated code holds in its state register). */
    public MemorySegment segment() {
        return struct;
    }

    public long address() {
        return address;
    }

    public long size() {
        return size;
    }

    public int registerFileCount() {
        return fileSizes.length;
    }

    public int registerFileSize(int file) {
        return fileSizes[file];
    }

    public int registerOffset(int file, int index) {
        if (index < 0 || index >= fileSizes[file]) {
            throw new IndexOutOfBoundsException("register " + index + " of file " + file);
        }
        return fileOffsets[file] + 8 * index;
    }

    public int pcOffset() {
        return pcOffset;
    }

    public int reservationOffset() {
        return pcOffset + 8;
    }

    public int exitReasonOffset() {
        return pcOffset + 16;
    }

    public int exitInfoOffset() {
        return pcOffset + 24;
    }

    /** The 4-byte MXCSR image translated code is entered with and leaves behind. */
    public int mxcsrOffset() {
        return pcOffset + 32;
    }

    /** 8 bytes translated code may use as scratch memory (MXCSR changes around a static rounding mode). */
    public int floatScratchOffset() {
        return pcOffset + 40;
    }

    public int reservedValueOffset() {
        return pcOffset + 48;
    }

    public long reservedValue() {
        return NativeMemory.getLong(address + pcOffset + 48);
    }

    public void setReservedValue(long value) {
        NativeMemory.putLong(address + pcOffset + 48, value);
    }

    public int interruptOffset() {
        return pcOffset + 56;
    }

    /** The entry stub's rsp, and after it the lowest rsp a call may push a frame to (see {@code CallFrames}). */
    public int hostStackOffset() {
        return pcOffset + 64;
    }

    /** The size of the guest window: translated code's memory check compares guest addresses with it. */
    public int windowSizeOffset() {
        return pcOffset + 80;
    }

    /** Asks the thread running this guest state to come back to the dispatcher soon (any thread may call it). */
    public void requestInterrupt() {
        NativeMemory.putLongVolatile(address + pcOffset + 56, 1L);
    }

    public void clearInterrupt() {
        NativeMemory.putLongVolatile(address + pcOffset + 56, 0L);
    }

    public boolean interruptRequested() {
        return NativeMemory.getLongVolatile(address + pcOffset + 56) != 0;
    }

    public int mxcsr() {
        return NativeMemory.getInt(address + pcOffset + 32);
    }

    public void setMxcsr(int value) {
        NativeMemory.putInt(address + pcOffset + 32, value);
    }

    public int csrOffset(int slot) {
        if (slot < 0 || slot >= csrSlots) {
            throw new IndexOutOfBoundsException("csr slot " + slot);
        }
        return csrBase + 8 * slot;
    }

    public int csrSlots() {
        return csrSlots;
    }

    // Accessors, kept cheap: indices are not checked against their file; slot() still confines every access to the
    // struct, so a wrong index reads a neighbouring slot, never host memory.

    public long register(int file, int index) {
        return NativeMemory.getLong(slot(fileOffsets[file] + 8L * index));
    }

    public void setRegister(int file, int index, long value) {
        NativeMemory.putLong(slot(fileOffsets[file] + 8L * index), value);
    }

    /** The host address of the 8-byte slot at offset, which lies inside the struct (else IndexOutOfBounds). */
    private long slot(long offset) {
        if (offset < 0 || offset > size - 8) {
            throw new IndexOutOfBoundsException("state offset " + offset);
        }
        return address + offset;
    }

    public long pc() {
        return NativeMemory.getLong(address + pcOffset);
    }

    public void setPc(long pc) {
        NativeMemory.putLong(address + pcOffset, pc);
    }

    public long reservation() {
        return NativeMemory.getLong(address + pcOffset + 8);
    }

    public void setReservation(long reserved) {
        NativeMemory.putLong(address + pcOffset + 8, reserved);
    }

    public long exitReason() {
        return NativeMemory.getLong(address + pcOffset + 16);
    }

    public void setExitReason(long reason) {
        NativeMemory.putLong(address + pcOffset + 16, reason);
    }

    public long exitInfo() {
        return NativeMemory.getLong(address + pcOffset + 24);
    }

    public void setExitInfo(long info) {
        NativeMemory.putLong(address + pcOffset + 24, info);
    }

    public long csr(int slot) {
        return NativeMemory.getLong(slot(csrBase + 8L * slot));
    }

    public void setCsr(int slot, long value) {
        NativeMemory.putLong(slot(csrBase + 8L * slot), value);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GuestState[pc=0x").append(Long.toHexString(pc()));
        for (int f = 0; f < fileSizes.length; f++) {
            int file = f;
            long[] values = new long[fileSizes[f]];
            Arrays.setAll(values, i -> register(file, i));
            sb.append(", file").append(f).append('=').append(Arrays.toString(values));
        }
        return sb.append(']').toString();
    }

    @Override
    public void close() {
        arena.close();
    }
}
