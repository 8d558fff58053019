package dbt.ir;

import dbt.ir.fp.FloatFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the invariants every pass must keep: operands are defined earlier in the block, operand and result
 * types agree with the op, exactly one terminator ends the block. Returns the problems found (empty when valid).
 */
public final class IrVerifier {
    private IrVerifier() {}

    public static List<String> verify(IrBlock block) {
        block.renumber();
        List<String> problems = new ArrayList<>();
        Map<Inst, Boolean> defined = new HashMap<>();
        for (int k = 0; k < block.insts.size(); k++) {
            Inst i = block.insts.get(k);
            String at = IrPrinter.line(i) + ": ";
            if (i.operands.length != i.op.arity) {
                problems.add(at + "has " + i.operands.length + " operands, needs " + i.op.arity);
                continue;
            }
            for (Inst o : i.operands) {
                if (!defined.containsKey(o)) {
                    problems.add(at + "uses %" + o.id + " before it is defined");
                } else if (!o.op.hasResult()) {
                    problems.add(at + "uses %" + o.id + ", which has no value");
                }
            }
            if (i.op.isTerminator() != (k == block.insts.size() - 1)) {
                problems.add(at + (i.op.isTerminator() ? "terminator before the end of the block" : "block does not end in a terminator"));
            }
            String typeProblem = types(i);
            if (typeProblem != null) {
                problems.add(at + typeProblem);
            }
            defined.put(i, true);
        }
        if (block.insts.isEmpty()) {
            problems.add("empty block");
        }
        return problems;
    }

    private static String types(Inst i) {
        Inst[] o = i.operands;
        return switch (i.op) {
            case ADD, SUB, MUL, MULH_SS, MULH_UU, MULH_SU, DIV_S, DIV_U, REM_S, REM_U, AND, OR, XOR ->
                    o[0].type == i.type && o[1].type == i.type ? null : "operands must be " + i.type.text();
            case SHL, SHR, SAR, ROTL, ROTR -> o[0].type == i.type && o[1].type != Type.I1 ? null
                    : "shifted value must be " + i.type.text();
            case NEG, NOT -> o[0].type == i.type ? null : "operand must be " + i.type.text();
            case EQ, NE, LT_S, LT_U, LE_S, LE_U, GT_S, GT_U, GE_S, GE_U ->
                    i.type == Type.I1 && o[0].type == o[1].type ? null : "comparison needs equal operand types and gives i1";
            case SELECT -> o[0].type == Type.I1 && o[1].type == i.type && o[2].type == i.type ? null
                    : "select needs an i1 condition and two " + i.type.text() + " values";
            case ZEXT, SEXT -> o[0].type.bits < i.type.bits ? null : "extension must widen";
            case TRUNC -> o[0].type.bits > i.type.bits ? null : "truncation must narrow";
            case LOAD, STORE -> o[0].type == Type.I64 ? null : "guest address must be i64";
            case LOAD_IF, STORE_IF -> o[0].type == Type.I1 && o[1].type == Type.I64 ? null : "needs an i1 condition and an i64 address";
            case STORE_CAS -> o[0].type == Type.I1 && o[1].type == Type.I64 && o[2].type == i.type && o[3].type == i.type
                    ? null : "store.cas needs an i1 condition, an i64 address, and expected and new values of its type";
            case EXIT_BRANCH -> o[0].type == Type.I1 ? null : "branch condition must be i1";
            case EXIT_INDIRECT -> o[0].type != Type.I64 ? "indirect target must be i64"
                    : i.aux != 0 && (i.aux != 1 || i.aux2 != 0) ? "an indirect exit is a call or a return, not both" : null;
            case FLOAT1, FLOAT2, FLOAT3 -> floatTypes(i);
            case ROUTINE -> i.aux < 0 || i.aux >= Routine.values().length ? "unknown routine " + i.aux
                    : i.type == Type.I64 && o[0].type == Type.I64 && o[1].type == Type.I64 && o[2].type == Type.I64
                    ? null : "a routine takes and gives i64 values";
            case FLOAT_FLAGS -> i.type == Type.I8 ? null : "fflags gives i8";
            case NAN_SELECT -> (i.type == Type.I32 || i.type == Type.I64) && o[0].type == i.type && o[1].type == i.type
                    ? null : "select.nan needs two values of its type, i32 or i64";
            default -> null;
        };
    }

    private static String floatTypes(Inst i) {
        if (!FloatFunction.exists(i.aux)) {
            return "unknown float function " + i.aux;
        }
        FloatFunction f = FloatFunction.of(i.aux);
        Inst[] o = i.operands;
        if (f.operands != o.length - 1) {
            return f.builtin + " takes " + f.operands + " operands and a rounding mode";
        }
        for (int k = 0; k < f.operands; k++) {
            if (o[k].type != o[0].type || (o[k].type != Type.I32 && o[k].type != Type.I64)) {
                return f.builtin + " operands must be one of i32, i64";
            }
        }
        Inst rounding = o[o.length - 1];
        if (!rounding.isConst() || (rounding.aux > 4 && rounding.aux != FloatCsrs.DYNAMIC)) {
            return f.builtin + "'s rounding mode must be a constant 0..4 or " + FloatCsrs.DYNAMIC + " (dynamic)";
        }
        int format = f.operand == FloatFunction.Kind.I ? i.type.bits : o[0].type.bits;
        return (format == 32 || format == 64) && i.type.bits == f.resultWidth(format) ? null
                : f.builtin + " of " + o[0].type.text() + " cannot give " + i.type.text();
    }
}
