package dbt.ir.pass;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.ir.analysis.HighHalfReads;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sign-extension elimination by known sign bits. RISC-V's word instructions (addw, subw, sraiw, sext.w, ...)
 * sign-extend every 32-bit result to 64 bits, and often the value already was, or the extension is free; QEMU's
 * TCG optimiser tracks the same facts. For each 64-bit value the pass knows, in one forward walk, how many of its top
 * bits equal bit 63 ({@link #signBits}, at least 1), and rewrites by these identities:
 * <ul>
 * <li>{@code sext.i64(trunc.i32 x)} is {@code x} when x has at least 33 sign bits (it is a sign-extended 32-bit
 * value already);</li>
 * <li>{@code sext.i64(y)} of an i32 y whose bit 31 is known clear is {@code zext.i64(y)}, which costs nothing (IR
 * values are kept zero-extended);</li>
 * <li>{@code sext.i64(add/sub.i32(a, b))} is {@code add/sub.i64(A, B)} when a and b are truncations of (or small
 * constants standing for) 64-bit values A and B with at least 34 sign bits each: the 32-bit operation cannot wrap
 * ({@code subw rd, zero, rs} becomes one negation).</li>
 * <li>{@code sext.i64(y)} whose upper half nothing reads ({@link HighHalfReads}) is {@code zext.i64(y)}.</li>
 * </ul>
 * The 32-bit operations left unused are removed by {@link DeadCodeElimination}.
 */
public final class SignExtensionElimination implements Pass {
    @Override
    public String name() {
        return "sext";
    }

    @Override
    public void run(IrBlock block) {
        Map<Inst, Integer> known = new HashMap<>();
        Map<Inst, Inst> replaced = new HashMap<>();
        List<Inst> out = new ArrayList<>(block.insts.size());
        for (Inst i : block.insts) {
            for (int k = 0; k < i.operands.length; k++) {
                Inst r = replaced.get(i.operands[k]);
                if (r != null) {
                    i.operands[k] = r;
                }
            }
            if (i.op == Op.SEXT && i.type == Type.I64 && i.operand(0).type == Type.I32) {
                Inst y = i.operand(0);
                if (y.op == Op.TRUNC && signBits(y.operand(0), known) >= 33) {
                    replaced.put(i, y.operand(0));
                } else if (bit31Clear(y)) {
                    i.op = Op.ZEXT;
                } else if (y.op == Op.ADD || y.op == Op.SUB) {
                    Inst a = widened(y.operand(0), known, out);
                    Inst b = a == null ? null : widened(y.operand(1), known, out);
                    if (b != null) {
                        i.op = y.op;
                        i.operands = new Inst[] {a, b};
                    }
                }
            }
            out.add(i);
            if (i.type == Type.I64 && i.op.hasResult()) {
                known.put(i, compute(i, known));
            }
        }
        block.insts.clear();
        block.insts.addAll(out);
        block.replaceUses(replaced);
        Set<Inst> upperHalfRead = HighHalfReads.of(block);
        for (Inst i : block.insts) {
            if (i.op == Op.SEXT && i.type == Type.I64 && i.operand(0).type == Type.I32 && !upperHalfRead.contains(i)) {
                i.op = Op.ZEXT;
            }
        }
    }

    /**
     * The 64-bit value with at least 34 sign bits that the i32 operand v is the low half of, or null: the operand of
     * a truncation, or a new constant for a constant in [-2^30, 2^30) (added to out before its use).
     */
    private static Inst widened(Inst v, Map<Inst, Integer> known, List<Inst> out) {
        if (v.op == Op.TRUNC && v.operand(0).type == Type.I64 && signBits(v.operand(0), known) >= 34) {
            return v.operand(0);
        }
        if (v.isConst() && (int) v.aux >= -(1 << 30) && (int) v.aux < (1 << 30)) {
            Inst c = new Inst(Op.CONST, Type.I64, (int) v.aux, 0);
            out.add(c);
            known.put(c, compute(c, known));
            return c;
        }
        return null;
    }

    /** Whether bit 31 of the i32 value y is known to be clear. */
    private static boolean bit31Clear(Inst y) {
        return switch (y.op) {
            case SHR -> y.operand(1).isConst() && Long.compareUnsigned(y.operand(1).aux - 1, 31) < 0;
            case AND -> (y.operand(1).isConst() && (y.operand(1).aux & 0x8000_0000L) == 0)
                    || (y.operand(0).isConst() && (y.operand(0).aux & 0x8000_0000L) == 0);
            case ZEXT -> y.operand(0).type.bits < 32;
            default -> y.isConst() && (y.aux & 0x8000_0000L) == 0;
        };
    }

    /** How many top bits of the 64-bit value v are known to equal bit 63: 1 (nothing known) to 64. */
    static int signBits(Inst v, Map<Inst, Integer> known) {
        Integer n = known.get(v);
        return n != null ? n : v.isConst() ? constantSignBits(v.aux) : 1;
    }

    private static int constantSignBits(long c) {
        return Long.numberOfLeadingZeros(c < 0 ? ~c : c);
    }

    private static boolean constantBelow64(Inst amount) {
        return amount.isConst() && Long.compareUnsigned(amount.aux, 64) < 0;
    }

    private static int compute(Inst i, Map<Inst, Integer> known) {
        Inst[] o = i.operands;
        return switch (i.op) {
            case CONST -> constantSignBits(i.aux);
            case SEXT -> 65 - o[0].type.bits;
            case ZEXT -> 64 - o[0].type.bits + (o[0].type == Type.I32 && bit31Clear(o[0]) ? 1 : 0);
            case AND -> {
                int n = Math.min(signBits(o[0], known), signBits(o[1], known));
                // x & c with c >= 0 lies in [0, c]
                for (Inst x : o) {
                    if (x.isConst() && x.aux >= 0) {
                        n = Math.max(n, Long.numberOfLeadingZeros(x.aux));
                    }
                }
                yield n;
            }
            case OR, XOR -> Math.min(signBits(o[0], known), signBits(o[1], known));
            case SELECT -> Math.min(signBits(o[1], known), signBits(o[2], known));
            case ADD, SUB -> Math.max(1, Math.min(signBits(o[0], known), signBits(o[1], known)) - 1);
            case SAR -> constantBelow64(o[1]) ? (int) Math.min(64, signBits(o[0], known) + o[1].aux) : 1;
            case SHR -> constantBelow64(o[1]) && o[1].aux >= 1 ? (int) o[1].aux : 1;
            case SHL -> constantBelow64(o[1]) ? (int) Math.max(1, signBits(o[0], known) - o[1].aux) : 1;
            default -> 1;
        };
    }
}
