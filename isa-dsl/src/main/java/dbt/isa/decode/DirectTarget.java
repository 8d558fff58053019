package dbt.isa.decode;

import dbt.isa.model.Expr;
import dbt.isa.model.Field;
import dbt.isa.model.IsaModel;
import dbt.isa.model.Stmt;
import java.util.List;

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
        Long v = eval(write.value(), model.fields(), d);
        return v == null ? -1 : Field.truncate(v, model.wordWidth());
    }

    private static Long eval(Expr e, List<Field> fields, BlockDecoder.Decoded d) {
        return switch (e) {
            case Expr.Const c -> c.value();
            case Expr.FieldRef f -> fields.get(f.field()).decode(d.word());
            case Expr.PcRead p -> d.address();
            case Expr.Extend x -> {
                Long v = eval(x.operand(), fields, d);
                yield v == null ? null : x.signed() ? Field.truncate(Field.signExtend(v, x.operand().width()), x.width()) : v;
            }
            case Expr.Binary b -> {
                Long l = eval(b.left(), fields, d);
                Long r = l == null ? null : eval(b.right(), fields, d);
                if (r == null) {
                    yield null;
                }
                long m = Field.lowBits(b.width());
                yield switch (b.op()) {
                    case ADD -> (l + r) & m;
                    case SUB -> (l - r) & m;
                    case AND -> l & r;
                    case OR -> l | r;
                    case XOR -> l ^ r;
                    default -> null;
                };
            }
            default -> null;
        };
    }
}
