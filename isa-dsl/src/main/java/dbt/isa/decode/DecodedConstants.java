package dbt.isa.decode;

import dbt.isa.exec.BitVectors;
import dbt.isa.model.Expr;
import dbt.isa.model.Field;
import java.util.List;

/**
 * The value a semantic expression has once an instruction is decoded: expressions of constants, fields and the
 * instruction's own address. Null when it depends on anything else (registers, memory, locals) or would divide by
 * zero. The one evaluator behind decode and flow guards, direct jump targets and the interpreter's folding.
 */
public final class DecodedConstants {
    private DecodedConstants() {}

    public static Long of(Expr e, long word, long pc, List<Field> fields) {
        return switch (e) {
            case Expr.Const c -> c.value();
            case Expr.FieldRef f -> fields.get(f.field()).decode(word);
            case Expr.PcRead p -> Field.truncate(pc, p.width());
            case Expr.Unary u -> {
                Long v = of(u.operand(), word, pc, fields);
                yield v == null ? null : Field.truncate(u.op() == Expr.UnaryOp.NEG ? -v : ~v, u.width());
            }
            case Expr.Slice s -> {
                Long v = of(s.operand(), word, pc, fields);
                yield v == null ? null : (v >>> s.lo()) & Field.lowBits(s.width());
            }
            case Expr.Concat c -> {
                Long hi = of(c.hi(), word, pc, fields);
                Long lo = hi == null ? null : of(c.lo(), word, pc, fields);
                yield lo == null ? null : (hi << c.lo().width()) | lo;
            }
            case Expr.Extend x -> {
                Long v = of(x.operand(), word, pc, fields);
                yield v == null ? null : x.signed() ? Field.truncate(Field.signExtend(v, x.operand().width()), x.width()) : v;
            }
            case Expr.Select s -> {
                Long c = of(s.condition(), word, pc, fields);
                yield c == null ? null : of(c != 0 ? s.ifTrue() : s.ifFalse(), word, pc, fields);
            }
            case Expr.Binary b -> {
                Long l = of(b.left(), word, pc, fields);
                Long r = l == null ? null : of(b.right(), word, pc, fields);
                if (r == null) {
                    yield null;
                }
                try {
                    yield BitVectors.apply(b.op(), l, r, b.left().width());
                } catch (ArithmeticException divisionByZero) {
                    yield null;
                }
            }
            default -> null;
        };
    }
}
