package dbt.isa.model;

import dbt.ir.fp.FloatFunction;

/**
 * A control/status register. A stored CSR has a slot in the guest state; a counter CSR reads a value the
 * machine counts (cycles, time, instret) and has no slot (-1). A view (such as RISC-V's fflags, bits 4..0 of fcsr)
 * shares the slot of the CSR it is part of: it is the {@code width} bits from bit {@code shift} of that slot.
 * A role says what the floating-point built-ins use the CSR for (see {@link FloatFunction}).
 */
public record Csr(String name, int number, int width, boolean readOnly, Counter counter, int slot, int shift,
                  Role role, SourceLocation location) {
    public enum Counter { NONE, CYCLES, TIME, INSTRET }

    public enum Role {
        NONE,
        /** Accrues the IEEE exception flags of the floating-point built-ins (5 bits: NV DZ OF UF NX). */
        FLOAT_FLAGS,
        /** Holds the dynamic rounding mode, which the ISA's text passes to the built-ins. */
        FLOAT_ROUNDING
    }

    public Csr(String name, int number, int width, boolean readOnly, Counter counter, int slot,
               SourceLocation location) {
        this(name, number, width, readOnly, counter, slot, 0, Role.NONE, location);
    }

    /** The bits of the slot this CSR is. */
    public long mask() {
        return Field.lowBits(width) << shift;
    }

    /** This CSR's value, from its slot's. */
    public long read(long slotValue) {
        return (slotValue >>> shift) & Field.lowBits(width);
    }

    /** The slot's value once this CSR is written with value (the slot's other bits kept). */
    public long write(long slotValue, long value) {
        return (slotValue & ~mask()) | ((value << shift) & mask());
    }
}
