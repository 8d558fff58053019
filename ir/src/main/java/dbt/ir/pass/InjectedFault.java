package dbt.ir.pass;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;

/**
 * A deliberately wrong pass, for showing that the equivalence checker catches a broken translation
 * ({@code dbt check --inject-fault swap-sub}). Never part of the pipeline unless asked for by name.
 * <ul>
 * <li>{@code swap-sub}: a - b is translated as b - a.
 * <li>{@code drop-store}: the last store of a block is dropped.
 * </ul>
 */
public final class InjectedFault implements Pass {
    public static final java.util.List<String> KINDS = java.util.List.of("swap-sub", "drop-store");

    private final String kind;

    public InjectedFault(String kind) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown fault '" + kind + "' (" + String.join(", ", KINDS) + ")");
        }
        this.kind = kind;
    }

    @Override
    public String name() {
        return "inject-" + kind;
    }

    @Override
    public void run(IrBlock block) {
        if (kind.equals("swap-sub")) {
            for (Inst i : block.insts) {
                if (i.op == Op.SUB) {
                    i.operands = new Inst[] {i.operand(1), i.operand(0)};
                }
            }
        } else {
            for (int k = block.insts.size() - 1; k >= 0; k--) {
                if (block.insts.get(k).op == Op.STORE) {
                    block.insts.remove(k);
                    return;
                }
            }
        }
    }
}
