package dbt.isa.interp;

/**
 * The guest executed something its ISA makes illegal at run time (for example an unknown CSR); Linux would send
 * SIGILL. Undecodable words never get this far: they end the block before execution.
 */
public final class IllegalInstruction extends RuntimeException {
    public IllegalInstruction(String message) {
        super(message, null, false, false);
    }
}
