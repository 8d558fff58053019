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
        // instanceof tests, not a type switch: this runs at start-up in the bytecode interpreter, where linking a type
        // switch (SwitchBootstraps) spins a class; an AOT cache keeps only lambdas' and string concatenations' links.
        if (e instanceof Expr.Const c) {
            return c.value();
        } else if (e instanceof Expr.FieldRef f) {
            return fields.get(f.field()).decode(word);
        } else if (e instanceof Expr.PcRead p) {
            return Field.truncate(pc, p.width());
        } else if (e instanceof Expr.Unary u) {
            Long v = of(u.operand(), word, pc, fields);
            return v == null ? null : Field.truncate(u.op() == Expr.UnaryOp.NEG ? -v : ~v, u.width());
        } else if (e instanceof Expr.Slice s) {
            Long v = of(s.operand(), word, pc, fields);
            return v == null ? null : (v >>> s.lo()) & Field.lowBits(s.width());
        } else if (e instanceof Expr.Concat c) {
            Long hi = of(c.hi(), word, pc, fields);
            Long lo = hi == null ? null : of(c.lo(), word, pc, fields);
            return lo == null ? null : (hi << c.lo().width()) | lo;
        } else if (e instanceof Expr.Extend x) {
            Long v = of(x.operand(), word, pc, fields);
            return v == null ? null
                    : x.signed() ? Field.truncate(Field.signExtend(v, x.operand().width()), x.width()) : v;
        } else if (e instanceof Expr.Select s) {
            Long c = of(s.condition(), word, pc, fields);
            return c == null ? null : of(c != 0 ? s.ifTrue() : s.ifFalse(), word, pc, fields);
        } else if (e instanceof Expr.Binary b) {
            Long l = of(b.left(), word, pc, fields);
            Long r = l == null ? null : of(b.right(), word, pc, fields);
            if (r == null) {
                return null;
            }
            try {
                return BitVectors.apply(b.op(), l, r, b.left().width());
            } catch (ArithmeticException divisionByZero) {
                return null;
            }
        }
        return null;
    }
}
