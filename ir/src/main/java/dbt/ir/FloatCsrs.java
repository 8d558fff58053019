package dbt.ir;

/**
 * Where the guest's floating-point CSRs are, for whoever runs FLOAT ops: the CSR that accrues their exception
 * flags (five bits, invalid to inexact, from bit {@code flagsShift} of guest-state CSR slot {@code flagsSlot}) and
 * the one that holds the dynamic rounding mode ({@code roundingWidth} bits from bit {@code roundingShift} of slot
 * {@code roundingSlot}). A slot of -1: the ISA declares no such CSR. An ISA model gives its own
 * ({@code IsaModel.floatCsrs}).
 */
public record FloatCsrs(int flagsSlot, int flagsShift, int roundingSlot, int roundingShift, int roundingWidth) {
    /** The rounding operand of a FLOAT op that stands for the guest's dynamic rounding mode. */
    public static final long DYNAMIC = 7;
}
