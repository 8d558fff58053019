package dbt.ir;

import java.util.StringJoiner;

/**
 * The text form of a block, one instruction per line; {@link IrParser} reads it back to an equal block.
 * <pre>
 * block 0x10078 {
 *   %0 = getreg.i64 0:10
 *   %1 = const.i64 0x5
 *   %2 = add.i64 %0, %1
 *   setreg 0:10, %2
 *   exit.jump 0x1007c
 * }
 * </pre>
 */
public final class IrPrinter {
    private IrPrinter() {}

    public static String print(IrBlock block) {
        block.renumber();
        StringBuilder out = new StringBuilder("block 0x").append(Long.toHexString(block.guestAddress)).append(" {\n");
        for (Inst i : block.insts) {
            out.append("  ").append(line(i)).append('\n');
        }
        return out.append("}\n").toString();
    }

    public static String line(Inst i) {
        StringBuilder s = new StringBuilder();
        if (i.op.hasResult()) {
            s.append('%').append(i.id).append(" = ").append(i.op.text).append('.').append(i.type.text());
        } else if (i.op == Op.STORE || i.op == Op.STORE_IF || i.op == Op.STORE_CAS) {
            s.append(i.op.text).append('.').append(i.type.text());
        } else {
            s.append(i.op.text);
        }
        StringJoiner args = new StringJoiner(", ", " ", "");
        args.setEmptyValue("");
        switch (i.op) {
            case CONST -> args.add(hex(i.aux));
            case GET_REG, SET_REG -> args.add(i.aux + ":" + i.aux2);
            case GET_CSR, SET_CSR -> args.add("csr" + i.aux);
            case GET_RESERVATION, SET_RESERVATION -> {
                if (i.aux == 1) {
                    args.add("value");
                }
            }
            case FLOAT1, FLOAT2, FLOAT3 -> args.add(dbt.ir.fp.FloatFunction.of(i.aux).builtin);
            case ROUTINE -> args.add(Routine.values()[(int) i.aux].cName);
            case GUEST_PC, EXIT_JUMP, EXIT_SYSCALL, EXIT_INTERPRET, EXIT_ILLEGAL, EXIT_BREAKPOINT, EXIT_FENCE_I ->
                    args.add(hex(i.aux));
            default -> { }
        }
        for (Inst o : i.operands) {
            args.add("%" + o.id);
        }
        if (i.op == Op.EXIT_BRANCH) {
            args.add(hex(i.aux)).add(hex(i.aux2));
        }
        if (i.callReturnAddress() != 0) {
            args.add("call " + hex(i.callReturnAddress()));
        }
        if (i.isReturn()) {
            args.add("return");
        }
        return s.append(args).append(i.fused ? " [fused]" : "").toString();
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
