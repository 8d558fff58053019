package dbt.ir;

import dbt.isa.model.Csr;
import dbt.isa.model.IsaModel;

/**
 * Where the guest's float-flags CSR is: the guest-state CSR slot and the bit of that slot where its five bits
 * (invalid, divide-by-zero, overflow, underflow, inexact, high to low) start. FLOAT ops accrue their flags there.
 * {@link #NONE} for an ISA without floating point.
 */
public record FloatFlagsSlot(int slot, int shift) {
    public static final FloatFlagsSlot NONE = new FloatFlagsSlot(-1, 0);

    /** The CSR an ISA declares {@code float flags}, or NONE. */
    public static FloatFlagsSlot of(IsaModel model) {
        Csr flags = model.csrWithRole(Csr.Role.FLOAT_FLAGS);
        return flags == null ? NONE : new FloatFlagsSlot(flags.slot(), flags.shift());
    }
}
