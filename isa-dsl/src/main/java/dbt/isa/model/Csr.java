package dbt.isa.model;


/**
 * A control/status register. A stored CSR has a slot in the guest state; a counter CSR reads a value the
 * machine counts (cycles, time, instret) and has no slot (-1).
 */
public record Csr(String name, int number, int width, boolean readOnly, Counter counter, int slot,
                  SourceLocation location) {
    public enum Counter { NONE, CYCLES, TIME, INSTRET }
}
