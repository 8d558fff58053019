package dbt.ir.pass;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Peephole rules, grouped by topic. Each rule only ever gives equal behaviour in fewer or cheaper ops.
 * Constant sequences (e.g. RISC-V {@code lui}+{@code addi}) need no rule here: register mapping forwards the
 * {@code lui} result and constant folding makes the pair one 64-bit constant.
 */
public final class Peephole implements Pass {
    @Override
    public String name() {
        return "peephole";
    }

    @Override
    public void run(IrBlock block) {
        Map<Inst, Inst> replaced = new HashMap<>();
        Map<Inst, Inst> extended = new HashMap<>();
        boolean remainders = false;
        for (int k = 0; k < block.insts.size(); k++) {
            Inst i = block.insts.get(k);
            remainders |= i.op == Op.REM_S || i.op == Op.REM_U;
            controlFlow(i);
            extensions(block, k, i);
            stores(i, extended, replaced);
            bitFields(i, replaced);
            rotations(block, k, i);
            k += signCopies(block, k, i, replaced);
            k += wordComparisons(block, k, i);
            divisionGuards(i, replaced);
        }
        block.replaceUses(replaced);
        if (remainders) { // (after the guards: they know a remainder by its op)
            Map<List<Object>, Inst> quotients = new HashMap<>();
            for (int k = 0; k < block.insts.size(); k++) {
                k += remainderOfQuotient(block, k, quotients); // (past what it put before the remainder)
            }
        }
    }

    /**
     * The guards an ISA writes around a division for the cases the IR's own division already settles the same way
     * (see {@link Op}: x % 0 = x, MIN / -1 = MIN, MIN % -1 = 0; RISC-V's table 13.1 gives those results too):
     * <ul>
     * <li>{@code select(b == 0, a, rem(a, b))} is {@code rem(a, b)}, signed or not;</li>
     * <li>{@code select(b == -1 && a == MIN, a, div_s(a, b))} (or MIN for a) is {@code div_s(a, b)};</li>
     * <li>{@code select(b == -1 && a == MIN, 0, rem_s(a, b))} is {@code rem_s(a, b)}.</li>
     * </ul>
     * A zero divisor's quotient keeps its guard (an ISA's -1, RISC-V's, against the IR's 0). Each compare and select
     * left goes with dce; the host's division keeps its own checks (x86 traps on both cases).
     */
    private static void divisionGuards(Inst i, Map<Inst, Inst> replaced) {
        if (i.op != Op.SELECT) {
            return;
        }
        Inst c = i.operand(0);
        Inst x = replaced.getOrDefault(i.operand(1), i.operand(1));
        Inst y = replaced.getOrDefault(i.operand(2), i.operand(2)); // (an inner guard already gone)
        boolean rem = y.op == Op.REM_S || y.op == Op.REM_U;
        if (y.type != i.type || !rem && y.op != Op.DIV_S) {
            return;
        }
        Inst a = y.operand(0);
        Inst b = y.operand(1);
        long min = 1L << (y.type.bits - 1);
        boolean byZero = rem && x == a && equalsConstant(c, b, 0);
        boolean overflow = y.op != Op.REM_U && c.op == Op.AND
                && (equalsConstant(c.operand(0), b, -1) && equalsConstant(c.operand(1), a, min)
                    || equalsConstant(c.operand(1), b, -1) && equalsConstant(c.operand(0), a, min))
                && (rem ? x.isConst() && x.aux == 0 : x == a || x.isConst() && x.aux == min);
        if (byZero || overflow) {
            replaced.put(i, y);
        }
    }

    /**
     * A remainder of the operands of a quotient the block computes ({@code q = a / b, r = a % b}; RISC-V's
     * {@code div} then {@code rem}, recommended in that order for fusion) is {@code a - q * b}: a multiply for a
     * second division. Exact for every a and b under the IR's rules: b = 0 gives q = 0 and a, as {@code a % 0};
     * MIN / -1 gives q = MIN and MIN - MIN * -1 = 0, as {@code MIN % -1}. A quotient computed after the remainder
     * moves before it (a division has no effect). Returns how many instructions it put before the one at k;
     * quotients holds the divisions seen, by op, type and operands.
     */
    private static int remainderOfQuotient(IrBlock block, int k, Map<List<Object>, Inst> quotients) {
        Inst i = block.insts.get(k);
        if (i.op == Op.DIV_S || i.op == Op.DIV_U) {
            quotients.putIfAbsent(List.of(i.op, i.type, i.operand(0), i.operand(1)), i);
        }
        Op division = i.op == Op.REM_S ? Op.DIV_S : i.op == Op.REM_U ? Op.DIV_U : null;
        if (division == null) {
            return 0;
        }
        List<Object> key = List.of(division, i.type, i.operand(0), i.operand(1));
        Inst q = quotients.get(key);
        int moved = 0;
        for (int j = k + 1; q == null && j < block.insts.size(); j++) {
            Inst later = block.insts.get(j);
            if (later.op == division && later.type == i.type && later.operand(0) == i.operand(0)
                    && later.operand(1) == i.operand(1)) {
                q = block.insts.remove(j);
                block.insts.add(k, q);
                quotients.put(key, q);
                moved = 1;
            }
        }
        if (q == null) {
            return 0;
        }
        Inst product = new Inst(Op.MUL, i.type, 0, 0, q, i.operand(1));
        block.insts.add(k + moved, product);
        i.op = Op.SUB;
        i.operands = new Inst[] {i.operand(0), product};
        return moved + 1;
    }

    /** Whether c is {@code v == k} (either way round; k taken at v's width, as the IR keeps constants). */
    private static boolean equalsConstant(Inst c, Inst v, long k) {
        if (c.op != Op.EQ) {
            return false;
        }
        Inst other = c.operand(0) == v ? c.operand(1) : c.operand(1) == v ? c.operand(0) : null;
        return other != null && other.isConst() && other.aux == (k & v.type.mask());
    }

    /**
     * Bit fields of a value put together from disjoint parts, {@code or(K, zext(a))} with the constant K clear where
     * a is (an ISA's concatenation {@code K ++ a}, such as RISC-V's NaN-boxing of a single): a shift that drops all
     * of a is a constant, and a truncation to a's type is a.
     */
    private static void bitFields(Inst i, Map<Inst, Inst> replaced) {
        if ((i.op != Op.SHR && i.op != Op.TRUNC) || i.operand(0).op != Op.OR) {
            return;
        }
        Inst or = i.operand(0);
        Inst k = or.operand(0).isConst() ? or.operand(0) : or.operand(1).isConst() ? or.operand(1) : null;
        Inst z = k == or.operand(0) ? or.operand(1) : or.operand(0);
        if (k == null || z.op != Op.ZEXT || (k.aux & z.operand(0).type.mask()) != 0) {
            return;
        }
        Inst a = z.operand(0);
        // shr(K ++ a, n) with n at least a's width → K >> n
        if (i.op == Op.SHR && i.operand(1).isConst() && i.operand(1).aux >= a.type.bits && i.operand(1).aux < 64) {
            i.becomeConst(k.aux >>> i.operand(1).aux);
        }
        // trunc(K ++ a) to a's type → a
        if (i.op == Op.TRUNC && i.type == a.type) {
            replaced.put(i, a);
        }
    }

    /**
     * Rotations, which C and ISA descriptions alike write as two shifts of one value put together (RISC-V before
     * Zbb has no rotate: gcc's 32-bit rotate by a constant is {@code srliw, slliw, or}, by a variable {@code negw,
     * sllw, srlw, or}; Zbb's {@code rorw} is described as {@code (x >> n) | (x << (32 - n))}). With x of width w:
     * <ul>
     * <li>{@code shl(x, a) | shr(x, b)} is {@code rotr(x, b)} when a + b = w with both below w (constants), or a is
     * w - b with b below w (a b of 0 shifts by w, giving 0, and x | 0 is x), and symmetrically {@code rotl(x, a)};
     * the two parts have no bit in common, so + and ^ put them together alike;</li>
     * <li>{@code shl(x, a) | shr(x, b)} with both a and b below w and b = -a modulo w (each a value masked to w - 1;
     * a = b = 0 gives x | x) is {@code rotl(x, a)};</li>
     * <li>a rotation takes its amount modulo w, so the amount's masks and extensions go;</li>
     * <li>either at a wider type, each part extended ({@code sext(shl.i32) | sext(shr.i32)}: RISC-V's word
     * shifts): the extension of the rotation, where both extensions are alike or the right shift's amount is at
     * least 1 (its top bit is then 0, so both extensions of it are equal).</li>
     * </ul>
     */
    private static void rotations(IrBlock block, int k, Inst i) {
        if ((i.op != Op.OR && i.op != Op.XOR && i.op != Op.ADD) || i.type == Type.I1) {
            return;
        }
        Inst p = i.operand(0);
        Inst q = i.operand(1);
        boolean extended = isExtension(p) && isExtension(q) && p.operand(0).type == q.operand(0).type;
        Inst left = part(extended ? p.operand(0) : p, extended ? q.operand(0) : q, Op.SHL);
        Inst right = part(extended ? p.operand(0) : p, extended ? q.operand(0) : q, Op.SHR);
        if (left == null || right == null || left.type == Type.I1 || !sameValue(left.operand(0), right.operand(0))
                || (!extended && left.type != i.type)) {
            return;
        }
        int w = left.type.bits;
        Inst a = left.operand(1);
        Inst b = right.operand(1);
        Op rotation;
        Inst amount;
        if (a.isConst() && b.isConst()) {
            if (Long.compareUnsigned(a.aux - 1, w - 1) >= 0 || a.aux + b.aux != w) {
                return;
            }
            rotation = Op.ROTR;
            amount = b;
        } else if (below(b, w) && isWidthMinus(a, b, w)) {
            rotation = Op.ROTR;
            amount = modulo(b, w);
        } else if (below(a, w) && isWidthMinus(b, a, w)) {
            rotation = Op.ROTL;
            amount = modulo(a, w);
        } else if (i.op == Op.OR && below(a, w) && below(b, w) && negatedModulo(a, b, w)) {
            rotation = Op.ROTL;
            amount = modulo(a, w);
        } else {
            return;
        }
        Inst rotated = new Inst(rotation, left.type, 0, 0, left.operand(0), amount);
        if (!extended) {
            i.op = rotation;
            i.operands = rotated.operands;
            return;
        }
        Op leftExtension = (left == p.operand(0) ? p : q).op;
        Op rightExtension = (right == p.operand(0) ? p : q).op;
        if (leftExtension != rightExtension && !(b.isConst() && b.aux >= 1)) {
            return;
        }
        block.insts.add(k, rotated);
        i.op = leftExtension;
        i.operands = new Inst[] {rotated};
    }

    /**
     * A value's sign put back on its other bits, as an ISA writes a float register's move, negation and absolute
     * value ({@code fsgnj}, {@code fsgnjn} and {@code fsgnjx rd, rs, rs}: RISC-V's fmv, fneg and fabs, .s and .d):
     * <ul>
     * <li>the sign bit as a flag shifted back into place, {@code shl(zext(ne(and(shr(x, w-1), 1), 0)), w-1)}, is
     * {@code and(x, signBit)}; with the flag negated ({@code not}), {@code xor(and(x, signBit), signBit)}
     * (rewritten in place, what it needs put before it: returns how many ops, else 0);</li>
     * <li>{@code xor(p, q)} of {@link #equivalent} p and q is zero (the sign of rs xor the sign of rs);</li>
     * <li>{@code or(and(x, m), and(y, n))} of two masks that do not overlap, x and y equivalent, is
     * {@code and(x, m | n)}, and x itself when the masks cover every bit; {@code or(xor(and(x, s), s), and(y, ~s))}
     * is {@code xor(x, s)}.</li>
     * </ul>
     * So a move is one copy of the value, a negation one xor, an absolute value one and (for a NaN-boxed single: of
     * its unboxing, boxed again, which a self-loop that carries it drops), not sign arithmetic in general registers.
     */
    private static int signCopies(IrBlock block, int k, Inst i, Map<Inst, Inst> replaced) {
        if (i.op == Op.SHL && i.type != Type.I1 && i.operand(1).isConst() && i.operand(1).aux == i.type.bits - 1
                && i.operand(0).op == Op.ZEXT) {
            Inst flag = i.operand(0).operand(0);
            boolean negated = flag.op == Op.NOT;
            Inst ne = negated ? flag.operand(0) : flag;
            Inst x = ne.op == Op.NE ? signOf(ne, i.type) : null;
            if (x != null) {
                Inst sign = new Inst(Op.CONST, i.type, 1L << (i.type.bits - 1), 0);
                block.insts.add(k, sign);
                if (!negated) {
                    i.op = Op.AND;
                    i.operands = new Inst[] {x, sign};
                    return 1;
                }
                Inst own = new Inst(Op.AND, i.type, 0, 0, x, sign);
                block.insts.add(k + 1, own);
                i.op = Op.XOR;
                i.operands = new Inst[] {own, sign};
                return 2;
            }
        }
        if (i.op == Op.XOR && equivalent(i.operand(0), i.operand(1), 8)) {
            Inst zero = new Inst(Op.CONST, i.type, 0, 0);
            block.insts.add(k, zero);
            replaced.put(i, zero);
            return 1;
        }
        if (i.op == Op.OR) {
            Inst p = replaced.getOrDefault(i.operand(0), i.operand(0));
            Inst q = replaced.getOrDefault(i.operand(1), i.operand(1));
            if (q.op == Op.XOR) {
                Inst t = p;
                p = q;
                q = t;
            }
            if (p.op == Op.XOR && q.op == Op.AND && p.operand(1).isConst() && p.operand(0).op == Op.AND
                    && p.operand(0).operand(1) == p.operand(1) && q.operand(1).isConst()
                    && (~p.operand(1).aux & i.type.mask()) == (q.operand(1).aux & i.type.mask())
                    && equivalent(p.operand(0).operand(0), q.operand(0), 8)) {
                i.op = Op.XOR;
                i.operands = new Inst[] {q.operand(0), p.operand(1)};
                return 0;
            }
            if (p.op != Op.AND || q.op != Op.AND || !p.operand(1).isConst() || !q.operand(1).isConst()
                    || (p.operand(1).aux & q.operand(1).aux) != 0 || !equivalent(p.operand(0), q.operand(0), 8)) {
                return 0;
            }
            long both = (p.operand(1).aux | q.operand(1).aux) & i.type.mask();
            if (both == i.type.mask()) {
                replaced.put(i, p.operand(0));
            } else {
                Inst mask = new Inst(Op.CONST, i.type, both, 0);
                block.insts.add(k, mask);
                i.op = Op.AND;
                i.operands = new Inst[] {p.operand(0), mask};
                return 1;
            }
        }
        return 0;
    }

    /** For {@code ne(and(shr(x, w-1), 1), 0)}, a flag of x's sign (x of type t, w its width): x; else null. */
    private static Inst signOf(Inst ne, Type t) {
        Inst bit = ne.operand(0);
        Inst shifted = bit.op == Op.AND && bit.operand(1).isConst() && bit.operand(1).aux == 1 ? bit.operand(0) : null;
        boolean sign = ne.operand(1).isConst() && ne.operand(1).aux == 0 && shifted != null && shifted.op == Op.SHR
                && shifted.type == t && shifted.operand(1).isConst() && shifted.operand(1).aux == t.bits - 1;
        return sign ? shifted.operand(0) : null;
    }

    /**
     * Whether x and y compute the same value: the same instruction, constants of one type and value, or the same
     * {@link Op#isPure pure} op of equivalent operands, looked into at most depth deep. (An ISA's semantics read a
     * source register once per use: fsgnj rd, rs, rs unboxes rs twice. The cse pass merges such copies too, but runs
     * after this one, and each pass stands alone.)
     */
    static boolean equivalent(Inst x, Inst y, int depth) {
        if (x == y) {
            return true;
        }
        if (x.op != y.op || x.type != y.type || x.aux != y.aux || x.aux2 != y.aux2
                || x.operands.length != y.operands.length) {
            return false;
        }
        if (x.op == Op.CONST) {
            return true;
        }
        if (depth == 0 || !x.op.isPure()) {
            return false;
        }
        for (int o = 0; o < x.operands.length; o++) {
            if (!equivalent(x.operand(o), y.operand(o), depth - 1)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isExtension(Inst v) {
        return v.op == Op.ZEXT || v.op == Op.SEXT;
    }

    /** Whichever of x and y is a shift of kind op, the other being one of the other kind; else null. */
    private static Inst part(Inst x, Inst y, Op op) {
        Op other = op == Op.SHL ? Op.SHR : Op.SHL;
        return x.op == op && y.op == other ? x : y.op == op && x.op == other ? y : null;
    }

    /** Whether x and y are the same value ({@link #equivalent}); false when either is missing. */
    private static boolean sameValue(Inst x, Inst y) {
        return x != null && y != null && equivalent(x, y, 8);
    }

    /** Whether the amount v is known to be below w: a constant, or a value masked to less, or an extension of one. */
    private static boolean below(Inst v, int w) {
        return switch (v.op) {
            case CONST -> Long.compareUnsigned(v.aux, w) < 0;
            case AND -> (v.operand(1).isConst() && Long.compareUnsigned(v.operand(1).aux, w) < 0)
                    || (v.operand(0).isConst() && Long.compareUnsigned(v.operand(0).aux, w) < 0);
            case ZEXT, TRUNC -> below(v.operand(0), w);
            default -> false;
        };
    }

    /** Whether v is w - u: a subtraction from the constant w of u's value. */
    private static boolean isWidthMinus(Inst v, Inst u, int w) {
        return v.op == Op.SUB && v.operand(0).isConst() && v.operand(0).aux == w && sameValue(v.operand(1), u);
    }

    /** Whether b = -a modulo w (a power of two), seen through what keeps values modulo w ({@link #modulo}). */
    private static boolean negatedModulo(Inst a, Inst b, int w) {
        Inst x = modulo(a, w);
        Inst y = modulo(b, w);
        return sameValue(modulo(negated(y, w), w), x) || sameValue(modulo(negated(x, w), w), y);
    }

    /** The value that v negates modulo w ({@code neg(u)}, {@code sub(K, u)} with K a multiple of w), or null. */
    private static Inst negated(Inst v, int w) {
        if (v != null && v.op == Op.NEG) {
            return v.operand(0);
        }
        if (v != null && v.op == Op.SUB && v.operand(0).isConst() && (v.operand(0).aux & (w - 1)) == 0) {
            return v.operand(1);
        }
        return null;
    }

    /**
     * v without what leaves it unchanged modulo w (a power of two, at most 64): extensions and truncations (from
     * and to types wider than i1, which no amount may be: 8 bits and more hold any amount modulo 64), and masks
     * with all of w - 1's bits set.
     */
    private static Inst modulo(Inst v, int w) {
        while (v != null) {
            if ((v.op == Op.ZEXT || v.op == Op.SEXT || v.op == Op.TRUNC) && v.operand(0).type != Type.I1) {
                v = v.operand(0);
            } else if (v.op == Op.AND && v.operand(1).isConst() && (v.operand(1).aux & (w - 1)) == w - 1) {
                v = v.operand(0);
            } else if (v.op == Op.AND && v.operand(0).isConst() && (v.operand(0).aux & (w - 1)) == w - 1) {
                v = v.operand(1);
            } else {
                return v;
            }
        }
        return null;
    }

    /**
     * Stores. A store of a narrow value x that the block has extended before ({@code zext} or {@code sext}, for a
     * register: {@code lbu a5; sb a5} reads a byte and keeps it extended in a5) stores the extension instead, whose
     * low bytes are x: then only the extension reads x, and x and its extension are one value to keep, not two (a
     * zero extension costs nothing, and a load that only its extension reads is one extending load). Not a zero
     * extension of 32 bits: that is how a single is NaN-boxed, and its value is stored from a float register.
     */
    private static void stores(Inst i, Map<Inst, Inst> extended, Map<Inst, Inst> replaced) {
        int value = i.op == Op.STORE ? 1 : i.op == Op.STORE_IF ? 2 : -1;
        if (value >= 0 && i.operands[value].type.bits == 8 * i.aux) { // (the value as bitFields replaces it)
            Inst e = extended.get(replaced.getOrDefault(i.operands[value], i.operands[value]));
            if (e != null) {
                i.operands[value] = e;
            }
        }
        if ((i.op == Op.SEXT || i.op == Op.ZEXT && i.operand(0).type.bits < 32) && i.operand(0).type != Type.I1
                && !i.operand(0).isConst()) {
            extended.putIfAbsent(i.operand(0), i);
        }
    }

    /** Control flow. */
    private static void controlFlow(Inst i) {
        // exit.indirect of a constant (auipc + jalr, once folded) → a direct jump, which can be chained.
        if (i.op == Op.EXIT_INDIRECT && i.operand(0).isConst()) {
            i.op = Op.EXIT_JUMP;
            i.aux = i.operand(0).aux;
            i.operands = new Inst[0];
        }
        // exit.indirect(select(c, T, F)) with constant targets (a conditional branch whose target was computed
        // as pc + offset) → exit.branch c, T, F: one compare and a conditional jump, both sides linkable.
        if (i.op == Op.EXIT_INDIRECT && i.operand(0).op == Op.SELECT && i.operand(0).operand(1).isConst()
                && i.operand(0).operand(2).isConst()) {
            Inst select = i.operand(0);
            i.op = Op.EXIT_BRANCH;
            i.aux = select.operand(1).aux;
            i.aux2 = select.operand(2).aux;
            i.operands = new Inst[] {select.operand(0)};
        }
        // exit.branch on a constant condition → a direct jump.
        if (i.op == Op.EXIT_BRANCH && i.operand(0).isConst()) {
            i.op = Op.EXIT_JUMP;
            i.aux = i.operand(0).aux != 0 ? i.aux : i.aux2;
            i.aux2 = 0;
            i.operands = new Inst[0];
        }
        // exit.branch with both targets equal → a direct jump.
        if (i.op == Op.EXIT_BRANCH && i.aux == i.aux2) {
            i.op = Op.EXIT_JUMP;
            i.aux2 = 0;
            i.operands = new Inst[0];
        }
    }

    /**
     * A comparison of two sign-extended words is one of the words: {@code cmp(sext.i64(x), sext.i64(y))} is
     * {@code cmp(x, y)} for every comparison (sign extension keeps both the signed and the unsigned order of 32-bit
     * values), and a 64-bit constant that is a word's sign extension counts as one. RV64 compares whole registers,
     * which its word ops leave sign-extended ({@code addiw} and {@code bnez} count a loop down): the loop then
     * tests the word it computed, and the extension is left to whatever else reads it (a register write a loop
     * carries narrow, which computes it only where a cold path writes it back). Returns the number of instructions
     * inserted before i (the word constant).
     */
    private static int wordComparisons(IrBlock block, int k, Inst i) {
        if (!i.op.isComparison() || i.operand(0).type != Type.I64 || !(isWordExtension(i.operand(0))
                ? isWordExtension(i.operand(1)) || isWordConstant(i.operand(1))
                : isWordExtension(i.operand(1)) && isWordConstant(i.operand(0)))) {
            return 0;
        }
        Inst[] words = new Inst[2];
        int inserted = 0;
        for (int o = 0; o < 2; o++) {
            Inst v = i.operand(o);
            if (v.isConst()) {
                words[o] = new Inst(Op.CONST, Type.I32, v.aux & 0xffff_ffffL, 0);
                block.insts.add(k + inserted++, words[o]);
            } else {
                words[o] = v.operand(0);
            }
        }
        i.operands = words;
        return inserted;
    }

    private static boolean isWordExtension(Inst v) {
        return v.op == Op.SEXT && v.operand(0).type == Type.I32;
    }

    private static boolean isWordConstant(Inst v) {
        return v.isConst() && v.aux == (int) v.aux;
    }

    /** Extensions and truncations. */
    private static void extensions(IrBlock block, int k, Inst i) {
        // sar.i64(shl.i64(x, 64 - n), 64 - n) for n = 8, 16, 32 → sext.i64(trunc.iN(x)): the lifter's
        // sign extension of an n-bit field, as one movsx; and shr for sar → zext.i64(trunc.iN(x)) (RISC-V's zext.w
        // and zext.h are two shifts before Zba and Zbb), one movzx or 32-bit mov.
        if ((i.op == Op.SAR || i.op == Op.SHR) && i.type == Type.I64 && i.operand(1).isConst()
                && i.operand(0).op == Op.SHL
                && i.operand(0).operand(1).isConst() && i.operand(0).operand(1).aux == i.operand(1).aux) {
            long n = 64 - i.operand(1).aux;
            Type narrow = n == 8 ? Type.I8 : n == 16 ? Type.I16 : n == 32 ? Type.I32 : null;
            if (narrow != null) {
                Inst trunc = new Inst(Op.TRUNC, narrow, 0, 0, i.operand(0).operand(0));
                block.insts.add(k, trunc);
                i.op = i.op == Op.SAR ? Op.SEXT : Op.ZEXT;
                i.operands = new Inst[] {trunc};
            }
        }
        // select(c, 1, 0) → zext(c): an ISA's "c ? 1 : 0" (RISC-V's slt, feq, flt) is the condition's own bit, which
        // a host materialises as it is (x86: setcc) instead of testing it again to pick between two constants.
        if (i.op == Op.SELECT && i.type != Type.I1 && i.operand(1).isConst() && i.operand(1).aux == 1
                && i.operand(2).isConst() && i.operand(2).aux == 0) {
            i.op = Op.ZEXT;
            i.operands = new Inst[] {i.operand(0)};
        }
        // zext(zext(x)) → zext(x); sext(sext(x)) → sext(x)
        if ((i.op == Op.ZEXT || i.op == Op.SEXT) && i.operand(0).op == i.op) {
            i.operands = new Inst[] {i.operand(0).operand(0)};
        }
    }
}
