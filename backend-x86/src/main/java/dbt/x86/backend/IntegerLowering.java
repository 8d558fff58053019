package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.x86.asm.Cond;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Label;
import dbt.x86.asm.Mem;

/**
 * Instruction selection for the IR's integer ops: arithmetic and logic, multiplication and division (guarded:
 * division by zero and MIN / -1 give the IR's results and never trap), shifts (with x86's own count masking where
 * the IR's mask is the same), comparisons, selects and width changes.
 */
final class IntegerLowering extends Lowering {
    IntegerLowering(BlockContext cx) {
        super(cx);
    }

    void alu(Inst i) {
        Inst x = i.operand(0);
        Inst y = i.operand(1);
        boolean commutative = i.op != Op.SUB;
        Gp t = target(i);
        if (i.op == Op.ADD && (cx.scaledIndexes.contains(x) || cx.scaledIndexes.contains(y))) {
            // base + (index << k), the shift folded (see ScaledIndexes): one lea.
            Inst shift = cx.scaledIndexes.contains(x) ? x : y;
            Gp base = use(shift == x ? y : x, Gp.RCX);
            Gp index = use(shift.operand(0), Gp.RDX);
            a.lea(t, Mem.q(base, index, 1 << shift.operand(1).aux, 0));
            finish(i, t);
            return;
        }
        if (i.op == Op.AND && y.isConst() && !x.isConst()
                && (y.aux == 0xff || y.aux == 0xffff || y.aux == 0xffff_ffffL)) {
            // The low byte, half-word or word: one zero-extending move (to another register too).
            Gp s = use(x, t);
            if (y.aux == 0xffff_ffffL) {
                a.mov(t.withSize(4), s.withSize(4));
            } else {
                a.movzx(t.withSize(4), s.withSize(y.aux == 0xff ? 1 : 2));
            }
            finish(i, t);
            return;
        }
        if (i.op == Op.SUB && x.isConst() && x.aux == 0) {
            into(t, y);
            a.neg(sized(t, i.type));
            normalize(t, i.type);
            finish(i, t);
            return;
        }
        if (commutative && !x.isConst() && !y.isConst() && loc(y) instanceof Location.Register ry && ry.reg() == t) {
            Inst s = x;
            x = y;
            y = s;
        } else if (commutative && x.isConst() && !y.isConst()) {
            Inst s = x;
            x = y;
            y = s;
        }
        if (loc(y) instanceof Location.Register ry && ry.reg() == t
                && !(loc(x) instanceof Location.Register rx && rx.reg() == t)) {
            t = Gp.RAX; // y lives in the target register and the op is not commutative: compute aside
        }
        if (i.op == Op.ADD && (i.type == Type.I64 || i.type == Type.I32) && !x.isConst()
                && loc(x) instanceof Location.Register rx && rx.reg() != t) {
            // t = x + y into another register: one lea instead of mov and add.
            Mem sum = y.isConst() && fitsInt(y.aux) ? Mem.q(rx.reg(), (int) y.aux)
                    : !y.isConst() && loc(y) instanceof Location.Register ry ? Mem.q(rx.reg(), ry.reg(), 1, 0) : null;
            if (sum != null) {
                a.lea(sized(t, i.type), sum);
                finish(i, t);
                return;
            }
        }
        Gp xs = use(x, t);
        if (xs != t) {
            a.mov(t, xs);
        }
        Gp w = sized(t, i.type);
        if (y.isConst() && fitsInt(immediate(y, i.type))) {
            int imm = (int) immediate(y, i.type);
            switch (i.op) {
                case ADD -> a.add(w, imm);
                case SUB -> a.sub(w, imm);
                case AND -> a.and(w, imm);
                case OR -> a.or(w, imm);
                default -> a.xor(w, imm);
            }
        } else if (!y.isConst() && loc(y) instanceof Location.InMemory sy) {
            Mem ym = sy.mem(i.type == Type.I64 ? 8 : 4); // a spilled operand read in place
            switch (i.op) {
                case ADD -> a.add(w, ym);
                case SUB -> a.sub(w, ym);
                case AND -> a.and(w, ym);
                case OR -> a.or(w, ym);
                default -> a.xor(w, ym);
            }
        } else {
            Gp ys = sized(use(y, Gp.RCX), i.type);
            switch (i.op) {
                case ADD -> a.add(w, ys);
                case SUB -> a.sub(w, ys);
                case AND -> a.and(w, ys);
                case OR -> a.or(w, ys);
                default -> a.xor(w, ys);
            }
        }
        if (i.op == Op.ADD || i.op == Op.SUB) {
            normalize(t, i.type);
        }
        finish(i, t);
    }

    void multiply(Inst i) {
        Inst x = i.operand(0);
        Inst y = i.operand(1);
        Gp t = target(i);
        if (x.isConst() || (loc(y) instanceof Location.Register ry && ry.reg() == t)) {
            Inst s = x;
            x = y;
            y = s;
        }
        if (loc(y) instanceof Location.Register ry && ry.reg() == t && !(loc(x) instanceof Location.Register rx
                && rx.reg() == t)) {
            t = Gp.RAX; // both operands would need the target register: compute aside
        }
        Gp xs = use(x, t);
        if (y.isConst() && fitsInt(immediate(y, i.type))) {
            a.imul(sized(t, i.type), sized(xs, i.type), (int) immediate(y, i.type));
        } else {
            if (xs != t) {
                a.mov(t, xs);
            }
            a.imul(sized(t, i.type), sized(use(y, Gp.RCX), i.type));
        }
        normalize(t, i.type);
        finish(i, t);
    }

    void multiplyHigh(Inst i) {
        Type t = i.type;
        into(Gp.RAX, i.operand(0));
        into(Gp.RCX, i.operand(1));
        if (t == Type.I64) {
            switch (i.op) {
                case MULH_SS -> a.imul(Gp.RCX);
                case MULH_UU -> a.mul(Gp.RCX);
                default -> {
                    // mulhsu(x, y) = mulhu(x, y) - (x < 0 ? y : 0)
                    a.mov(Gp.RDX, Gp.RAX);
                    a.sar(Gp.RDX, 63);
                    a.and(Gp.RDX, Gp.RCX);
                    a.push(Gp.RDX);
                    a.mul(Gp.RCX);
                    a.pop(Gp.RCX);
                    a.sub(Gp.RDX, Gp.RCX);
                }
            }
            finish(i, Gp.RDX);
            return;
        }
        // Narrow: extend both to 64 bits (signed or not) and take the upper half of the 64-bit product.
        boolean xs = i.op != Op.MULH_UU;
        boolean ys = i.op == Op.MULH_SS;
        extend(Gp.RAX, t, xs);
        extend(Gp.RCX, t, ys);
        a.imul(Gp.RAX, Gp.RCX);
        a.shr(Gp.RAX, t.bits);
        if (t != Type.I32) {
            normalize(Gp.RAX, t);
        } else {
            a.mov(Gp.EAX, Gp.EAX);
        }
        finish(i, Gp.RAX);
    }

    void divide(Inst i) {
        Type t = i.type;
        boolean signed = i.op == Op.DIV_S || i.op == Op.REM_S;
        boolean rem = i.op == Op.REM_S || i.op == Op.REM_U;
        into(Gp.RAX, i.operand(0));
        into(Gp.RCX, i.operand(1));
        boolean narrow = t == Type.I8 || t == Type.I16;
        if (narrow) {
            extend(Gp.RAX, t, signed);
            extend(Gp.RCX, t, signed);
        }
        boolean wide = t == Type.I64;
        Gp ax = wide ? Gp.RAX : Gp.EAX;
        Gp cx = wide ? Gp.RCX : Gp.ECX;
        Gp dx = wide ? Gp.RDX : Gp.EDX;
        Label zero = a.newLabel();
        Label done = a.newLabel();
        a.test(cx, cx);
        a.jcc(Cond.E, rem ? done : zero); // (x % 0 = x is already in rax)
        if (signed) {
            Label normal = a.newLabel();
            a.cmp(cx, -1);
            a.jcc(Cond.NE, normal);
            // x / -1 = -x (MIN stays MIN), x % -1 = 0: idiv would trap on MIN / -1.
            if (rem) {
                a.xor(Gp.EAX, Gp.EAX);
            } else {
                a.neg(ax);
            }
            a.jmp(done);
            a.bind(normal);
            if (wide) {
                a.cqo();
            } else {
                a.cdq();
            }
            a.idiv(cx);
        } else {
            a.xor(Gp.EDX, Gp.EDX);
            a.div(cx);
        }
        if (rem) {
            a.mov(ax, dx);
        } else {
            a.jmp(done);
            a.bind(zero);
            a.xor(Gp.EAX, Gp.EAX); // x / 0 = 0 (the IR's rule)
        }
        a.bind(done);
        if (!wide) {
            a.mov(Gp.EAX, Gp.EAX);
            normalize(Gp.RAX, t);
        }
        finish(i, Gp.RAX);
    }

    void shift(Inst i) {
        Type t = i.type;
        int width = t.bits;
        Inst amount = i.operand(1);
        Gp tr = target(i);
        if (amount.isConst()) {
            long n = amount.aux;
            into(tr, i.operand(0));
            if (Long.compareUnsigned(n, width) >= 0) {
                if (i.op == Op.SAR) {
                    n = width - 1;
                } else {
                    a.xor(tr.withSize(4), tr.withSize(4));
                    finish(i, tr);
                    return;
                }
            }
            if (n != 0) {
                shiftBy(i.op, tr, t, (int) n);
            } else if (t == Type.I32) {
                a.mov(tr.withSize(4), tr.withSize(4)); // the operand may be a narrow view of a 64-bit value
            }
            finish(i, tr);
            return;
        }
        boolean bounded = amount.op == Op.AND && amount.operand(1).isConst()
                && Long.compareUnsigned(amount.operand(1).aux, width) < 0;
        if (bounded && HostFeatures.bmi2() && (t == Type.I64 || t == Type.I32)) {
            // BMI2: one instruction from any registers (shlx/shrx/sarx mask the count as x86's shifts do, and the
            // masked amount is below the width); a 32-bit arithmetic shift shifts in 32 bits and zero-extends.
            Inst count = amount;
            while (cx.shiftCounts.contains(count)) {
                count = count.operand(0);
            }
            int size = t == Type.I64 ? 8 : 4;
            Gp n = use(count, Gp.RCX).withSize(size);
            Gp x = use(i.operand(0), n.number() == tr.number() ? Gp.RAX : tr).withSize(size); // (keeps the count)
            switch (i.op) {
                case SHL -> a.shlx(tr.withSize(size), x, n);
                case SHR -> a.shrx(tr.withSize(size), x, n);
                default -> a.sarx(tr.withSize(size), x, n);
            }
            finish(i, tr);
            return;
        }
        if (bounded && cx.shiftCounts.contains(amount)) {
            // The mask is x86's own (count mod 64, or mod 32 in 32 bits): shift by the unmasked count, in place.
            Inst count = amount;
            while (cx.shiftCounts.contains(count)) {
                count = count.operand(0);
            }
            Gp n = use(count, Gp.RCX);
            if (n != Gp.RCX) {
                a.mov(Gp.ECX, n.withSize(4));
            }
            into(tr, i.operand(0));
            shiftBy(i.op, tr, t, -1);
            finish(i, tr);
            return;
        }
        into(Gp.RAX, i.operand(0));
        into(Gp.RCX, amount);
        Label done = a.newLabel();
        if (!bounded) {
            // An amount of at least the width gives 0 (or all sign bits): x86 would take it modulo 32/64.
            Label inRange = a.newLabel();
            a.cmp(Gp.RCX, width);
            a.jcc(Cond.B, inRange);
            if (i.op == Op.SAR) {
                a.mov(Gp.ECX, width - 1);
            } else {
                a.xor(Gp.EAX, Gp.EAX);
                a.jmp(done);
            }
            a.bind(inRange);
        }
        shiftBy(i.op, Gp.RAX, t, -1);
        a.bind(done);
        finish(i, Gp.RAX);
    }

    /**
     * A rotation: x86's rol/ror in the value's own width, which take the amount modulo the width as the IR does
     * (the count register's low 5 bits, 6 in 64 bits, and a 5-bit amount rotates 8 or 16 bits by its remainder).
     * An i1 value rotates to itself.
     */
    void rotate(Inst i) {
        Type t = i.type;
        Inst amount = i.operand(1);
        Gp tr = target(i);
        Gp r = tr.withSize(Math.max(1, t.bits / 8));
        boolean left = i.op == Op.ROTL;
        if (amount.isConst() || t == Type.I1) {
            int n = t == Type.I1 ? 0 : (int) (amount.aux & (t.bits - 1));
            if (n != 0 && HostFeatures.bmi2() && (t == Type.I64 || t == Type.I32)) {
                a.rorx(r, use(i.operand(0), tr).withSize(r.size()), left ? t.bits - n : n); // any source, one instruction
                finish(i, tr);
                return;
            }
            into(tr, i.operand(0));
            if (n != 0) {
                if (left) {
                    a.rol(r, n);
                } else {
                    a.ror(r, n);
                }
            } else if (t == Type.I32) {
                a.mov(tr.withSize(4), tr.withSize(4)); // the operand may be a narrow view of a 64-bit value
            }
            finish(i, tr);
            return;
        }
        Gp n = use(amount, Gp.RCX);
        if (n != Gp.RCX) {
            a.mov(Gp.ECX, n.withSize(4));
        }
        into(tr, i.operand(0));
        if (left) {
            a.rol(r, Gp.CL);
        } else {
            a.ror(r, Gp.CL);
        }
        finish(i, tr);
    }

    /**
     * Shifts the value of type t in r by n, or by cl when n is negative. Narrow values shift in 32 bits; an
     * arithmetic shift first sign-extends them to 64 and then restores the value invariant.
     */
    void shiftBy(Op op, Gp r, Type t, int n) {
        Gp w = t == Type.I64 ? r : r.withSize(4);
        switch (op) {
            case SHL -> {
                if (n < 0) {
                    a.shl(w, Gp.CL);
                } else {
                    a.shl(w, n);
                }
                normalize(r, t);
            }
            case SHR -> {
                if (n < 0) {
                    a.shr(w, Gp.CL);
                } else {
                    a.shr(w, n);
                }
            }
            default -> {
                extend(r, t, true);
                if (n < 0) {
                    a.sar(r, Gp.CL);
                } else {
                    a.sar(r, n);
                }
                if (t == Type.I32) {
                    a.mov(r.withSize(4), r.withSize(4));
                } else {
                    normalize(r, t);
                }
            }
        }
    }

    /** Emits the compare of a comparison and returns the condition under which it holds. */
    Cond compare(Inst c) {
        Inst x = c.operand(0);
        Inst y = c.operand(1);
        Op op = c.op;
        if (x.isConst() && !y.isConst()) { // (x86 compares with an immediate on the right: RISC-V's li a5, 1; bge a5, a0)
            x = c.operand(1);
            y = c.operand(0);
            op = SWAPPED.get(op);
        }
        Type t = x.type;
        if (cx.stateReads.contains(x) && !y.isConst()) { // (read in place, see StateReads: on the right)
            Inst s = x;
            x = y;
            y = s;
            op = SWAPPED.get(op);
        }
        boolean signed = switch (op) {
            case LT_S, LE_S, GT_S, GE_S -> true;
            default -> false;
        };
        if (signed && (t == Type.I1 || t == Type.I8 || t == Type.I16)) {
            into(Gp.RAX, x);
            extend(Gp.RAX, t, true);
            into(Gp.RCX, y);
            extend(Gp.RCX, t, true);
            a.cmp(Gp.RAX, Gp.RCX);
        } else {
            Type w = t == Type.I64 ? Type.I64 : Type.I32;
            boolean withImmediate = y.isConst() && fitsInt(immediate(y, w))
                    && (w == Type.I64 || !signed || t == Type.I32);
            if (withImmediate && !x.isConst() && loc(x) instanceof Location.InMemory m) { // (in the state, or spilled)
                a.cmp(m.mem().withSize(w == Type.I64 ? 8 : 4), (int) immediate(y, w));
                return condition(op);
            }
            Gp xs = sized(use(x, Gp.RAX), w);
            boolean zero = y.isConst() && immediate(y, w) == 0 && (w == Type.I64 || t == Type.I32);
            Cond set = zero && (op == Op.EQ || op == Op.NE) ? a.conditionOf(xs) : null;
            if (set != null) { // (x a comparison's result just made from the flags: a jump on those flags)
                return op == Op.NE ? set : set.negate();
            }
            if (zero && a.flagsTest(xs) && (op == Op.EQ || op == Op.NE || op == Op.LT_S || op == Op.GE_S)) {
                // (x just computed there: addiw a0, a0, -1; bnez a0 is add; jne, as x86 code counts down)
                return op == Op.EQ ? Cond.E : op == Op.NE ? Cond.NE : op == Op.LT_S ? Cond.S : Cond.NS;
            }
            if (withImmediate) {
                a.cmp(xs, (int) immediate(y, w));
            } else if (!y.isConst() && loc(y) instanceof Location.InMemory m) { // (a loop's bound in its slot)
                a.cmp(xs, m.mem().withSize(w == Type.I64 ? 8 : 4));
            } else {
                a.cmp(xs, sized(use(y, Gp.RCX), w));
            }
        }
        return condition(op);
    }

    /** The condition under which a comparison op holds after x86's compare of its operands in order. */
    private static Cond condition(Op op) {
        return switch (op) {
            case EQ -> Cond.E;
            case NE -> Cond.NE;
            case LT_S -> Cond.L;
            case LE_S -> Cond.LE;
            case GT_S -> Cond.G;
            case GE_S -> Cond.GE;
            case LT_U -> Cond.B;
            case LE_U -> Cond.BE;
            case GT_U -> Cond.A;
            default -> Cond.AE;
        };
    }


    /** Each comparison with its operands swapped: x < y is y > x. */
    private static final java.util.Map<Op, Op> SWAPPED = java.util.Map.of(Op.EQ, Op.EQ, Op.NE, Op.NE, Op.LT_S, Op.GT_S,
            Op.GT_S, Op.LT_S, Op.LE_S, Op.GE_S, Op.GE_S, Op.LE_S, Op.LT_U, Op.GT_U, Op.GT_U, Op.LT_U, Op.LE_U, Op.GE_U,
            Op.GE_U, Op.LE_U);

    /** NEG and NOT. */
    void unary(Inst i) {
        Gp t = target(i);
        a.mov(t, use(i.operand(0), Gp.RCX));
        if (i.op == Op.NEG) {
            a.neg(sized(t, i.type));
        } else {
            a.not(sized(t, i.type));
        }
        normalize(t, i.type);
        finish(i, t);
    }

    /** A comparison's boolean (one neither fused with its branch nor emitted with its select). */
    void comparison(Inst i) {
        Cond c = compare(i);
        Gp t = target(i);
        a.setcc(c, t.withSize(1));
        a.movzx(t.withSize(4), t.withSize(1));
        finish(i, t);
    }

    /**
     * SELECT as a conditional move into the result's register, which first takes the value if false (no move when
     * it is that value's register already); rax when the result is spilled or its register holds the value if true.
     */
    void select(Inst i) {
        Cond c;
        if (cx.selectCompares.contains(i.operand(0))) {
            c = compare(i.operand(0)); // then only moves, which keep the flags
        } else {
            Gp cond = use(i.operand(0), Gp.RCX);
            a.test(cond.withSize(4), cond.withSize(4));
            c = Cond.NE;
        }
        Gp t = target(i);
        if (loc(i.operand(1)) instanceof Location.Register r && r.reg() == t) {
            t = Gp.RAX;
        }
        into(t, i.operand(2));
        a.cmovcc(c, t, use(i.operand(1), Gp.RDX));
        finish(i, t);
    }

    /** i is the low 32 bits of home (a boxed narrow home's unboxing in a loop proper: see BlockContext#unboxes). */
    void word(Inst i, Inst home) {
        if (loc(i) instanceof Location.Xmm x && loc(home) instanceof Location.Xmm h) {
            if (x.reg() != h.reg()) {
                a.movaps(x.reg(), h.reg()); // (the low 32 bits are the word: see XmmValues)
            }
            return;
        }
        Gp low = use(home, Gp.RAX).withSize(4);
        if (loc(i) instanceof Location.Xmm x) {
            a.movd(x.reg(), low);
        } else {
            Gp t = target(i);
            a.mov(t.withSize(4), low);
            finish(i, t);
        }
    }

    /** ZEXT: the value is zero-extended already (the value invariant); a move at most (a spill: one store). */
    void zeroExtend(Inst i) {
        finish(i, use(i.operand(0), target(i)));
    }

    void truncate(Inst i) {
        Gp t = target(i);
        Gp s = use(i.operand(0), t);
        switch (i.type) {
            case I32 -> a.mov(t.withSize(4), s.withSize(4));
            case I16 -> a.movzx(t.withSize(4), s.withSize(2));
            case I8 -> a.movzx(t.withSize(4), s.withSize(1));
            case I1 -> {
                a.mov(t.withSize(4), s.withSize(4));
                a.and(t.withSize(4), 1);
            }
            default -> throw new IllegalStateException("trunc to i64");
        }
        finish(i, t);
    }

    void signExtend(Inst i) {
        Gp t = target(i);
        Inst o = i.operand(0);
        if (o.type == Type.I32 && i.type == Type.I64 && !o.isConst() && loc(o) instanceof Location.InMemory m) {
            a.movsxd(t, m.mem().withSize(4)); // (from its slot or the state: its low half, little-endian)
            finish(i, t);
            return;
        }
        Gp s = use(o, Gp.RCX);
        switch (o.type) {
            case I32 -> a.movsxd(t, s.withSize(4));
            case I16 -> a.movsx(t, s.withSize(2));
            case I8 -> a.movsx(t, s.withSize(1));
            case I1 -> {
                a.mov(t, s);
                a.neg(t);
            }
            default -> throw new IllegalStateException("sext from i64");
        }
        if (i.type != Type.I64) {
            if (i.type == Type.I32) {
                a.mov(t.withSize(4), t.withSize(4));
            } else {
                normalize(t, i.type);
            }
        }
        finish(i, t);
    }
}
