package dbt.isa.decode;

import dbt.isa.model.Expr;
import dbt.isa.model.Field;
import java.util.List;

/** Decides a guard (a decode or control-flow condition, over fields and constants only) for an instruction word. */
public final class FieldGuard {
    private FieldGuard() {}

    public static boolean holds(Expr guard, long word, List<Field> fields) {
        Long v = DecodedConstants.of(guard, word, 0, fields);
        if (v == null) {
            throw new IllegalArgumentException("a guard that is not decided by the fields: " + guard);
        }
        return v != 0;
    }
}
