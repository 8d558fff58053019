package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.ir.fp.FloatFunction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a float result needs its canonical-NaN check: an ISA that wants one NaN for every arithmetic result (RISC-V:
 * 0x7ff8000000000000) writes {@code NAN_SELECT(x, k)} after each op, which costs an unordered compare and a branch on
 * the host. Those only matter where the value becomes visible: in memory, in an integer register, in the guest state
 * a cold path or an exit writes back. Until then a float op whose result the NaN's payload and sign do not change
 * can read x itself. Invariant: every raw value is a quiet NaN or not a NaN, as k is, so no op raises other flags.
 */
final class CanonicalNans {
    private CanonicalNans() {
    }

    /**
     * The canonical-NaN selects among one block's instructions that need computing only where a cold path or an exit
     * writes them back: each use is a float op whose result the NaN's payload and sign do not change
     * ({@link #ignoresNanBits}; it is given x instead), a register write a later write replaces within the block, or,
     * for a binary64 result in a self-loop (topReads: its reads at the top), the body's last write of a register whose
     * read at the top only such float ops use. For those the back edge carries x: each such read is put in rawFloat,
     * mapped to the select (see {@link BlockContext#rawFloat}). A binary32 result is written to a register NaN-boxed
     * ({@code or(0xffffffff00000000, zext.i64(v))}): its boxes whose every write a later write replaces are in the set
     * too, made where written back from x ({@link Lowering#storeState}).
     */
    static Set<Inst> exitOnly(List<Inst> insts, Map<Long, Inst> topReads, Map<Inst, Inst> rawFloat,
                              Set<Inst> rawCarried) {
        Map<Inst, List<Inst>> users = IrBlock.users(insts);
        RegisterWrites w = RegisterWrites.of(insts);
        Set<Inst> out = new HashSet<>();
        for (Inst v : List.copyOf(insts)) {
            boolean single = v.type == Type.I32;
            if (v.op != Op.NAN_SELECT || v.type != Type.I64 && !single || !v.operand(1).isConst()
                    || !v.operand(0).op.isFloat() || FloatFunction.of(v.operand(0).aux).result != FloatFunction.Kind.F
                    || w.readBack().contains(v)) {
                continue;
            }
            List<Inst> ignoring = new ArrayList<>();
            List<Inst> rawHomes = new ArrayList<>();
            List<Inst> boxes = new ArrayList<>();
            int writes = 0;
            boolean exitOnly = true;
            for (Inst u : users.getOrDefault(v, List.of())) {
                Inst box = single ? replacedBox(u, users, w) : null;
                if (box != null) {
                    boxes.add(box);
                } else if (u.op == Op.SET_REG && !single) {
                    writes++;
                    Inst top = topReads.get(u.registerKey());
                    Inst other = top == null ? null : rawFloat.get(top); // (another block's: the same NaN)
                    if (w.last().get(u.registerKey()) == v && top != null && !rawHomes.contains(top)
                            && (other == null || other.operand(1).aux == v.operand(1).aux) && users
                            .getOrDefault(top, List.of()).stream().allMatch(r -> ignoresNanBits(r, top, users))) {
                        rawHomes.add(top);
                    }
                } else if (ignoresNanBits(u, v, users)) {
                    ignoring.add(u);
                } else {
                    exitOnly = false;
                }
            }
            if (!exitOnly || writes != w.replaced().getOrDefault(v, 0) + rawHomes.size()) {
                continue;
            }
            for (Inst u : ignoring) {
                for (int o = 0; o < u.operands.length; o++) {
                    if (u.operands[o] == v) {
                        u.operands[o] = v.operand(0);
                    }
                }
            }
            rawHomes.forEach(g -> {
                rawFloat.putIfAbsent(g, v);
                rawCarried.add(v);
            });
            out.add(v);
            out.addAll(boxes);
        }
        return out;
    }

    /**
     * A region's homes (its reads at the top, see {@link RegionPlan}) that may hold a raw float: the homes of a
     * register that every block reads only with float ops a NaN operand's payload and sign do not change (or not at
     * all; {@link #ignoresNanBits}) and writes only with the canonical-NaN select of a 64-bit float result (the same
     * NaN k in all), by register. A block's last write of one may then move the select's operand into the home on the edges
     * into other blocks ({@link #exitOnly}): the register's value is the home's with a NaN made k, which is how it is
     * written back. That holds at the region's entry too only when the register is not some other NaN there, as a
     * value loaded or moved in from an integer can be: the entry checks it ({@link BlockCompiler}).
     */
    static Map<Long, Inst> rawHomeCandidates(List<Inst> insts, List<Inst> homes) {
        Map<Inst, List<Inst>> users = IrBlock.users(insts);
        Map<Long, Long> nan = new java.util.HashMap<>(); // register → the NaN its every write makes
        Set<Long> other = new HashSet<>(); // registers some write of which is not such a select
        for (Inst i : insts) {
            if (i.op == Op.SET_REG) {
                Inst v = i.operand(0);
                boolean canonical = v.op == Op.NAN_SELECT && v.type == Type.I64 && v.operand(1).isConst()
                        && v.operand(0).op.isFloat()
                        && FloatFunction.of(v.operand(0).aux).result == FloatFunction.Kind.F;
                Long before = canonical ? nan.putIfAbsent(i.registerKey(), v.operand(1).aux) : null;
                if (!canonical || before != null && before != v.operand(1).aux) {
                    other.add(i.registerKey());
                }
            }
        }
        Map<Long, Inst> out = new java.util.HashMap<>();
        for (Inst h : homes) {
            List<Inst> reads = users.getOrDefault(h, List.of());
            if (nan.containsKey(h.registerKey()) && !other.contains(h.registerKey())
                    && reads.stream().allMatch(r -> ignoresNanBits(r, h, users))) {
                out.put(h.registerKey(), h);
            }
        }
        return out;
    }

    /**
     * When u is the zero extension of a single whose one user is its NaN-box, and every use of the box is a register
     * write a later write replaces within the block: the box; else null.
     */
    private static Inst replacedBox(Inst u, Map<Inst, List<Inst>> users, RegisterWrites w) {
        List<Inst> extended = users.getOrDefault(u, List.of());
        if (u.op != Op.ZEXT || extended.size() != 1 || LoopLowering.boxedWord(extended.get(0)) != u) {
            return null;
        }
        Inst box = extended.get(0);
        List<Inst> writes = users.getOrDefault(box, List.of());
        boolean replaced = !w.readBack().contains(box) && writes.stream().allMatch(s -> s.op == Op.SET_REG)
                && writes.size() == w.replaced().getOrDefault(box, 0);
        return replaced ? box : null;
    }

    /**
     * Whether float op u gives the same result (and flags) for a quiet NaN operand v whatever its payload and sign:
     * a comparison, a classification or a conversion to an integer, or arithmetic or a conversion between the float
     * formats whose every user is a canonical-NaN select of it (a quiet NaN raises no flag there, on x86 or RISC-V).
     */
    private static boolean ignoresNanBits(Inst u, Inst v, Map<Inst, List<Inst>> users) {
        if (!u.op.isFloat() || u.operands[u.operands.length - 1] == v) {
            return false; // (the last operand of a rounding op is its mode)
        }
        return switch (FloatFunction.of(u.aux)) {
            case ADD, SUB, MUL, DIV, SQRT, MULADD, TO_F32, TO_F64 -> users.getOrDefault(u, List.of()).stream()
                    .allMatch(w -> w.op == Op.NAN_SELECT && w.operand(0) == u);
            case EQ, LT, LE, LT_QUIET, LE_QUIET, TO_S32, TO_U32, TO_S64, TO_U64, IS_NAN, IS_SNAN, IS_INF, IS_ZERO,
                 IS_SUBNORMAL -> true;
            default -> false;
        };
    }
}
