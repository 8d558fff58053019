package dbt.isa.decode;

import dbt.isa.model.Field;
import dbt.isa.model.IsaModel;
import dbt.isa.model.Stmt;

/**
 * The target of a direct jump, found by evaluating the instruction's one unconditional pc write with its field
 * values and its address known (RISC-V {@code jal}: PC = PC + imm_j). Used by the block decoder to continue a block
 * at the target of an unconditional jump. Returns -1 when the target is not a constant of the instruction.
 */
final class DirectTarget {
    private DirectTarget() {}

    static long of(IsaModel model, BlockDecoder.Decoded d) {
        Stmt.PcWrite write = null;
        for (Stmt s : d.instruction().semantics()) {
            if (s instanceof Stmt.PcWrite w) {
                if (write != null) {
                    return -1;
                }
                write = w;
            } else if (s instanceof Stmt.If || s instanceof Stmt.Atomic) {
                return -1; // a pc write could hide in there: not a plain jump
            }
        }
        if (write == null) {
            return -1;
        }
        Long v = DecodedConstants.of(write.value(), d.word(), d.address(), model.fields());
        return v == null ? -1 : Field.truncate(v, model.wordWidth());
    }
}
