package dbt.ir;

import dbt.isa.model.Csr;
import dbt.isa.model.IsaModel;

/**
 * Where the guest's floating-point CSRs are, for whoever runs FLOAT ops: the CSR that accrues their exception
 * flags (five bits, invalid to inexact, from bit {@code flagsShift} of guest-state CSR slot {@code flagsSlot}) and
 * the one that holds the dynamic rounding mode ({@code roundingWidth} bits from bit {@code roundingShift} of slot
 * {@code roundingSlot}). A slot of -1: the ISA declares no such CSR.
 */
public record FloatCsrs(int flagsSlot, int flagsShift, int roundingSlot, int roundingShift, int roundingWidth) {
    /** The rounding operand of a FLOAT op that stands for the guest's dynamic rounding mode. */
    public static final long DYNAMIC = 7;

    /** The CSRs an ISA declares {@code float flags} and {@code float rounding}. */
    public static FloatCsrs of(IsaModel model) {
        Csr flags = model.csrWithRole(Csr.Role.FLOAT_FLAGS);
        Csr rounding = model.csrWithRole(Csr.Role.FLOAT_ROUNDING);
        return new FloatCsrs(flags == null ? -1 : flags.slot(), flags == null ? 0 : flags.shift(),
                rounding == null ? -1 : rounding.slot(), rounding == null ? 0 : rounding.shift(),
                rounding == null ? 0 : rounding.width());
    }
}
