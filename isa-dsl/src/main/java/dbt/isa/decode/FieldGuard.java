package dbt.isa.decode;

import dbt.isa.model.Expr;
import dbt.isa.model.Field;
import java.util.List;

/**
 * Evaluates a guard (a decode or control-flow condition) on an instruction word. Guards read only fields and
 * constants, so this small evaluator covers every expression the checker lets them hold.
 */
public final class FieldGuard {
    private FieldGuard() {}

    public static boolean holds(Expr guard, long word, List<Field> fields) {
        return eval(guard, word, fields) != 0;
    }

    private static long eval(Expr e, long word, List<Field> fields) {
        return switch (e) {
            case Expr.Const c -> c.value();
            case Expr.FieldRef f -> fields.get(f.field()).decode(word);
            case Expr.Unary u -> Field.truncate(u.op() == Expr.UnaryOp.NEG ? -eval(u.operand(), word, fields)
                    : ~eval(u.operand(), word, fields), u.width());
            case Expr.Extend x -> x.signed() ? Field.truncate(Field.signExtend(eval(x.operand(), word, fields),
                    x.operand().width()), x.width()) : eval(x.operand(), word, fields);
            case Expr.Binary b -> {
                long l = eval(b.left(), word, fields);
                long r = eval(b.right(), word, fields);
                int w = b.left().width();
                yield switch (b.op()) {
                    case EQ -> l == r ? 1 : 0;
                    case NE -> l != r ? 1 : 0;
                    case LOGICAL_AND -> (l != 0 && r != 0) ? 1 : 0;
                    case LOGICAL_OR -> (l != 0 || r != 0) ? 1 : 0;
                    case LT_U -> Long.compareUnsigned(l, r) < 0 ? 1 : 0;
                    case GE_U -> Long.compareUnsigned(l, r) >= 0 ? 1 : 0;
                    case LT_S -> Field.signExtend(l, w) < Field.signExtend(r, w) ? 1 : 0;
                    case GE_S -> Field.signExtend(l, w) >= Field.signExtend(r, w) ? 1 : 0;
                    case LE_U -> Long.compareUnsigned(l, r) <= 0 ? 1 : 0;
                    case GT_U -> Long.compareUnsigned(l, r) > 0 ? 1 : 0;
                    case LE_S -> Field.signExtend(l, w) <= Field.signExtend(r, w) ? 1 : 0;
                    case GT_S -> Field.signExtend(l, w) > Field.signExtend(r, w) ? 1 : 0;
                    case ADD -> Field.truncate(l + r, b.width());
                    case SUB -> Field.truncate(l - r, b.width());
                    case XOR -> l ^ r;
                    case AND -> l & r;
                    case OR -> l | r;
                    default -> throw new IllegalArgumentException("operator " + b.op() + " in a guard");
                };
            }
            default -> throw new IllegalArgumentException("expression " + e + " in a guard");
        };
    }
}
