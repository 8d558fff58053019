package dbt.x86.backend;

import dbt.ir.FloatCsrs;
import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.ir.fp.FloatFunction;
import dbt.x86.asm.Assembler;
import dbt.x86.asm.Cond;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Label;
import dbt.x86.asm.Mem;
import dbt.x86.asm.Xmm;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Instruction selection for the IR's FLOAT ops on the host's SSE2 unit (and FMA3 where the host has it).
 *
 * <p>What it keeps. Float values are IEEE bit patterns in integer types like every IR value. Those the allocator placed
 * in xmm4..xmm15 (see {@link XmmValues}) are read and computed there. The others live in general registers or slots; an
 * op computes in xmm0..xmm3 and moves its result back, and those four registers are a cache of values on straight-line
 * code: each holds the value of one IR instruction (an operand moved in, or a result), so a chain of float ops moves
 * each value in once; {@link #forget} empties it where control can arrive from elsewhere (a loop head). Nothing else in
 * translated code touches xmm registers. A result only a NAN_SELECT reads ({@link #xmmOnly}) has no location of its
 * own: it is computed where that NAN_SELECT's result goes. MXCSR holds the guest's floating-point state while
 * translated code runs (the entry stub loads it): all exceptions masked, the rounding control mirroring the guest's
 * dynamic rounding mode, the sticky flags accruing the guest's exception flags (x86's IE, ZE, OE, UE, PE are the IEEE
 * flags; x86 detects tininess after rounding, as IEEE's default and RISC-V do). So an op with the dynamic rounding mode
 * is one SSE instruction; an op with a static mode switches MXCSR's rounding control around it, keeping the flags it
 * raised.
 *
 * <p>What it does not do. Where the host's answer may differ from the exact one, the op leaves through a cold
 * path that writes guest registers back and has the interpreter run the guest instruction: a conversion to an
 * integer that gives x86's "integer indefinite" (NaN or out of range, where the guest saturates), an unsigned
 * conversion outside what a signed 64-bit conversion covers, nearest-max-magnitude (which x86 does not have),
 * fused multiply-add without FMA3. A cold path leaves MXCSR's flags as the interpreter's run of the instruction
 * will leave them: what the host raised there the interpreter raises too, or the path puts the flags back. NaN
 * payloads are x86's (the first operand's, or x86's default NaN); an ISA that wants its own NaN writes so in its
 * text (RISC-V's canonical NaN), which the classification ops below make cheap.
 */
final class FloatLowering {
    /** What the block compiler gives instruction selection: operand values, result registers, cold paths. */
    interface Values {
        /** The value of v in a register: its own, or scratch after loading it there. */
        Gp use(Inst v, Gp scratch);

        /** The register to compute i's result in. */
        Gp target(Inst i);

        /** Moves a result computed in computed to i's location. */
        void finish(Inst i, Gp computed);

        /** Emits code at the end of the block, out of the hot path (a fix-up that jumps back). */
        void coldPath(Runnable emit);

        /** Whether an instruction after the one being emitted uses v. */
        boolean usedLater(Inst v);

        /**
         * Where in the guest state v is, for a guest register read that float ops load themselves or a value whose
         * location is its register's place in the state; else null.
         */
        Mem stateOf(Inst v);

        /** The xmm register the allocator gave v, or null. */
        Xmm xmmOf(Inst v);

        /**
         * A cold path that runs prologue (if not null), writes guest registers back and interprets the current guest
         * instruction.
         */
        Label coldInterpret(Runnable prologue);

        /** A cold path that writes guest registers back and interprets from the guest instruction at pc. */
        Label coldInterpretAt(long pc);

        /** The run of fused multiply-adds tested together that i belongs to ({@link FmaCheckGroups}), or null. */
        FmaCheckGroups.Group fmaGroup(Inst i);

        /** The value that holds a member's result for its group's test ({@link FmaCheckGroups#carriers}). */
        Inst fmaCarrier(Inst member);
    }

    private final Assembler a;
    private final Values values;
    private final int scratch;
    /**
     * The registers that cache values, xmm0..xmm3 (the allocator hands out the others): as many as one op uses at
     * most (a fused multiply-add's three operands and its result).
     */
    static final int CACHE = 4;
    /**
     * The value each xmm register holds, or null: for xmm4..xmm15, only a result computed there that nothing reads
     * after its one reader, or the register's own value.
     */
    private final Inst[] held = new Inst[16];
    /** The registers the op being emitted reads or writes: not to be reused for another value before it ends. */
    private final boolean[] pinned = new boolean[16];
    private int nextVictim;
    /**
     * Results that live only in an xmm register (see {@link #xmmOnly}): no general register, no move out; each
     * mapped to the NAN_SELECT that reads it.
     */
    private Map<Inst, Inst> xmmOnly = Map.of();
    /** Sign flips the fused multiply-adds that read them negate themselves ({@link #negations}). */
    private Set<Inst> negations = Set.of();
    /** Results known not to be NaNs on the path that continues (a NaN went to the interpreter). */
    private final Set<Inst> notNaN = new HashSet<>();

    FloatLowering(Assembler a, Values values, StateLayout layout) {
        this.a = a;
        this.values = values;
        this.scratch = layout.floatScratchOffset();
    }

    /**
     * Float results that need no general register: used only by the NAN_SELECT that follows them with nothing but
     * constants in between, so the value is still in the xmm register it was computed in when it is read. (The
     * usual case: an ISA's canonical-NaN rule applied to every arithmetic result.)
     */
    static Map<Inst, Inst> xmmOnly(IrBlock block) {
        Map<Inst, Integer> uses = block.useCounts();
        Map<Inst, Inst> out = new HashMap<>();
        List<Inst> insts = block.insts;
        for (int k = 0; k < insts.size(); k++) {
            Inst i = insts.get(k);
            if (!i.op.isFloat() || uses.getOrDefault(i, 0) != 1) {
                continue;
            }
            FloatFunction.Kind result = FloatFunction.of(i.aux).result;
            if (result != FloatFunction.Kind.F && result != FloatFunction.Kind.F32 && result != FloatFunction.Kind.F64) {
                continue;
            }
            int n = k + 1;
            while (n < insts.size() && insts.get(n).isConst()) {
                n++;
            }
            if (n < insts.size() && insts.get(n).op == Op.NAN_SELECT && insts.get(n).operand(0) == i
                    && insts.get(n).operand(1) != i) {
                out.put(i, insts.get(n));
            }
        }
        return out;
    }

    /**
     * Guest register reads used only by float ops (or a NAN_SELECT) that read a 64-bit value whose register the block
     * does not write before the read: such an op can load the value from the state into an xmm register itself.
     */
    static Set<Inst> floatReads(IrBlock block) {
        Map<Inst, List<Inst>> users = IrBlock.users(block.insts);
        Set<Long> written = new java.util.HashSet<>();
        Set<Inst> out = new HashSet<>();
        for (Inst i : block.insts) {
            long key = (i.aux << 32) | i.aux2;
            if (i.op == Op.SET_REG) {
                written.add(key);
            }
            if (i.op != Op.GET_REG || i.type != Type.I64 || written.contains(key) || !users.containsKey(i)) {
                continue;
            }
            boolean floats = true;
            for (Inst u : users.get(i)) {
                // (classification and conversions from integers read their operand from a general register)
                FloatFunction f = u.op.isFloat() ? FloatFunction.of(u.aux) : null;
                floats &= f != null && f.raisesFlags() && f.operand != FloatFunction.Kind.I
                        && u.operands[u.operands.length - 1] != i || u.op == Op.NAN_SELECT && u.operand(0) == i;
            }
            if (floats) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Sign flips that only fused multiply-adds read, as a factor or the addend: {@code xor} with the sign bit of the
     * operation's width (RISC-V's fmsub, fnmsub and fnmadd negate the product or the addend, which the lifter writes
     * as a flipped operand). The fused op reads the operand itself and negates in its one rounded operation
     * (vfmsub, vfnmadd, vfnmsub: the exact value is the same, so is its rounding in every mode), so a flip costs
     * neither an instruction nor a general register. (A NaN operand's sign would differ, but a NaN result goes to
     * the interpreter anyway.)
     */
    static Set<Inst> negations(List<Inst> insts) {
        Set<Inst> flips = new HashSet<>();
        for (Inst i : insts) {
            if (i.op == Op.XOR && (i.type == Type.I64 || i.type == Type.I32) && signBit(i.operand(0), i.type)
                    != signBit(i.operand(1), i.type)) {
                flips.add(i);
            }
        }
        for (Inst u : insts) {
            for (int p = 0; p < u.operands.length; p++) {
                boolean fused = u.op.isFloat() && FloatFunction.of(u.aux) == FloatFunction.MULADD && p < 3;
                if (flips.contains(u.operands[p]) && !fused) {
                    flips.remove(u.operands[p]);
                }
            }
        }
        return flips;
    }

    private static boolean signBit(Inst c, Type t) {
        return c.isConst() && c.aux == (t == Type.I64 ? Long.MIN_VALUE : 0x8000_0000L);
    }

    /** The value a sign flip of {@link #negations} flips, or v itself. */
    private Inst unnegated(Inst v) {
        return !negations.contains(v) ? v : v.operand(0).isConst() ? v.operand(1) : v.operand(0);
    }

    /** Tells which sign flips fused multiply-adds negate themselves ({@link #negations} of the block). */
    void negateInFma(Set<Inst> flips) {
        this.negations = flips;
    }

    /** Tells which results stay in xmm registers only (computed by {@link #xmmOnly} for the block). */
    void keepInXmm(Map<Inst, Inst> values) {
        this.xmmOnly = values;
    }

    /** Forgets what the xmm registers hold: control may reach the code emitted next from elsewhere. */
    void forget() {
        Arrays.fill(held, null);
    }

    void emit(Inst i) {
        try {
            select(i);
        } finally {
            Arrays.fill(pinned, false);
        }
    }

    /**
     * NAN_SELECT(x, k): x, unless x is a NaN (an unordered compare with itself), then k, put in by a cold path.
     * The result is computed in an xmm register of its own, which then holds it on both paths.
     */
    void nanSelect(Inst i) {
        try {
            boolean d = i.type == Type.I64;
            Inst value = i.operand(0);
            Xmm x = in(value, d, Gp.RAX);
            if (notNaN.contains(value) || convertsCanonical(value, i.operand(1))) {
                store(i, x, d); // x itself
                return;
            }
            // A value used only here is not needed after: its register becomes the result's.
            Xmm r = values.xmmOf(i) != null ? values.xmmOf(i) : xmmOnly.containsKey(value) ? x : fresh();
            if (r != x) {
                a.movaps(r, x);
            }
            Label fix = a.newLabel();
            Label back = a.newLabel();
            if (quietIfNaN(value)) {
                if (d) { a.ucomisd(x, x); } else { a.ucomiss(x, x); }
                a.jcc(Cond.P, fix);
            } else {
                // (ucomis would raise invalid for a signalling NaN: a NaN on the bit pattern, as classify tests it)
                Gp t = d ? Gp.RAX : Gp.EAX;
                if (d) { a.movq(t, x); } else { a.movd(t, x); }
                a.add(t, t);
                a.movImm(Gp.RCX, d ? 0xffe0_0000_0000_0000L : 0xff00_0000L);
                a.cmp(t, d ? Gp.RCX : Gp.ECX);
                a.jcc(Cond.A, fix);
            }
            a.bind(back);
            store(i, r, d);
            Inst k = i.operand(1);
            values.coldPath(() -> {
                a.bind(fix);
                Gp kr = values.use(k, Gp.RAX);
                if (d) {
                    a.movq(r, kr);
                } else {
                    a.movd(r, kr.withSize(4));
                }
                a.jmp(back);
            });
        } finally {
            Arrays.fill(pinned, false);
        }
    }

    /**
     * Whether value, if a NaN, is a quiet one: the result of an operation that rounds (IEEE 754 makes every NaN such
     * an operation delivers quiet), which an unordered compare may test without raising invalid. NAN_SELECT raises
     * no flags; a register's or memory's bits may be a signalling NaN.
     */
    private static boolean quietIfNaN(Inst value) {
        if (!value.op.isFloat()) {
            return false;
        }
        FloatFunction f = FloatFunction.of(value.aux);
        return f.rounds() && switch (f.result) {
            case F, F32, F64 -> true;
            default -> false;
        };
    }

    /**
     * Whether value is a conversion between the float formats of a canonical-NaN select's result whose NaN x86's
     * conversion makes k (a quiet NaN's sign and payload kept, the payload's top bits aligned): then value is k or not
     * a NaN, as a conversion makes a NaN only of one (RISC-V's fcvt.d.s of a single just made canonical).
     */
    private static boolean convertsCanonical(Inst value, Inst k) {
        if (!value.op.isFloat() || !k.isConst()) {
            return false;
        }
        FloatFunction f = FloatFunction.of(value.aux);
        Inst x = value.operand(0);
        if (f != FloatFunction.TO_F64 && f != FloatFunction.TO_F32 || x.op != Op.NAN_SELECT
                || !x.operand(1).isConst()) {
            return false;
        }
        long from = x.operand(1).aux;
        if (f == FloatFunction.TO_F64) { // binary32 → binary64
            boolean quiet = (from & 0x7fc0_0000L) == 0x7fc0_0000L;
            long converted = (from >>> 31 & 1) << 63 | 0x7ffL << 52 | (from & 0x7f_ffffL) << 29;
            return quiet && (from & 0xffff_ffff_0000_0000L) == 0 && converted == k.aux;
        }
        boolean quiet = (from & 0x7ff8_0000_0000_0000L) == 0x7ff8_0000_0000_0000L; // binary64 → binary32
        long converted = (from >>> 63) << 31 | 0x7f80_0000L | (from & 0xf_ffff_ffff_ffffL) >>> 29;
        return quiet && converted == k.aux;
    }

    /**
     * The NaN test of a run of fused multiply-adds, after its last (whose result is in last): two results compared
     * unordered, or the unordered masks of the others combined ({@code cmpunord}: all ones, itself a NaN, where
     * either operand is one) compared with the last; a NaN interprets from the run's first guest instruction. Raises
     * no flag: no x86 arithmetic result is a signalling NaN, nor is the mask.
     */
    private void testGroup(FmaCheckGroups.Group group, Xmm last, boolean d) {
        pinned[last.number()] = true;
        java.util.List<Inst> others = group.members().subList(0, group.members().size() - 1);
        Xmm combined = in(values.fmaCarrier(others.getFirst()), d, Gp.RAX);
        if (others.size() > 1) {
            Xmm mask = fresh();
            a.movaps(mask, combined);
            pinned[combined.number()] = false;
            for (Inst m : others.subList(1, others.size())) {
                Xmm x = in(values.fmaCarrier(m), d, Gp.RAX);
                if (d) { a.cmpunordsd(mask, x); } else { a.cmpunordss(mask, x); }
                pinned[x.number()] = x == last; // (a cache register each member may pass through in turn)
            }
            combined = mask;
        }
        if (d) { a.ucomisd(combined, last); } else { a.ucomiss(combined, last); }
        a.jcc(Cond.P, values.coldInterpretAt(group.firstPc()));
    }

    /** FLOAT_FLAGS: MXCSR's sticky flags, as IEEE flags (the bit order of {@link Mxcsr#ieeeFlags}). */
    void hostFlags(Inst i) {
        Mem m = Mem.d(Gp.R15, scratch);
        a.stmxcsr(m);
        a.mov(Gp.EAX, m);
        a.mov(Gp.ECX, Gp.EAX);
        a.and(Gp.ECX, 0x01);
        a.shl(Gp.ECX, 4);            // IE: invalid
        int[][] moves = {{0x04, 1, 1}, {0x08, 1, 0}, {0x10, 3, 0}, {0x20, 5, 0}}; // ZE, OE, UE, PE: mask, shift, left
        for (int[] b : moves) {
            a.mov(Gp.EDX, Gp.EAX);
            a.and(Gp.EDX, b[0]);
            if (b[2] == 1) {
                a.shl(Gp.EDX, b[1]);
            } else {
                a.shr(Gp.EDX, b[1]);
            }
            a.or(Gp.ECX, Gp.EDX);
        }
        values.finish(i, Gp.RCX);
    }

    /**
     * CLEAR_FLOAT_FLAGS(f): MXCSR's sticky flags cleared (the guest is about to write its flags, f), unless there are
     * none, or only inexact and f shows inexact too (libm's floor, ceil, round: frflags, an inexact conversion,
     * fsflags of what frflags read, in a program whose flags show inexact already). Writing MXCSR costs tens of
     * cycles when its flags change; a flag f shows may stay set, since the CSR shows it from now on. So an f that
     * shows every flag (a restore that {@link dbt.ir.pass.FlagRestoreGuards} found has nothing to forget) keeps them
     * all, without reading MXCSR (stmxcsr waits for the floating-point operations in flight: tens of cycles).
     */
    void clearHostFlags(Inst i) {
        if (i.operand(0).isConst() && (i.operand(0).aux & 0x1f) == 0x1f) {
            return;
        }
        Mem m = Mem.d(Gp.R15, scratch);
        Label clear = a.newLabel();
        Label kept = a.newLabel();
        Gp f = values.use(i.operand(0), Gp.RCX);
        a.mov(Gp.EAX, f.withSize(4));
        a.not(Gp.EAX);
        a.test(Gp.EAX, 0x1f);
        a.jcc(Cond.E, kept);
        a.stmxcsr(m);
        a.mov(Gp.EAX, m);
        a.and(Gp.EAX, 0x3d); // IE ZE OE UE PE (DE, x86's own, is no IEEE flag)
        a.jcc(Cond.E, kept);
        a.cmp(Gp.EAX, 0x20);
        a.jcc(Cond.NE, clear);
        a.test(f.withSize(4), 1); // NX
        a.jcc(Cond.NE, kept);
        a.bind(clear);
        a.and(m, ~0x3f);
        a.ldmxcsr(m);
        a.bind(kept);
    }

    private void select(Inst i) {
        FloatFunction f = FloatFunction.of(i.aux);
        Inst[] o = i.operands;
        Inst rounding = o[o.length - 1];
        boolean d = (f.operand == FloatFunction.Kind.I ? i.type : o[0].type) == Type.I64;
        if (rounding.aux == 4 && f.rounds() && !exact(f, o[0].type)) {
            interpretInstead(i); // nearest-max-magnitude: not an x86 mode
            return;
        }
        switch (f) {
            case ADD, SUB, MUL, DIV -> {
                Xmm x = in(o[0], d, Gp.RAX);
                Xmm y = in(o[1], d, Gp.RAX);
                if (HostFeatures.avx()) { // three operands: the result in its own register, whatever x and y hold
                    Xmm r = result(i, x, y);
                    rounded(rounding, () -> {
                        switch (f) {
                            case ADD -> { if (d) { a.vaddsd(r, x, y); } else { a.vaddss(r, x, y); } }
                            case SUB -> { if (d) { a.vsubsd(r, x, y); } else { a.vsubss(r, x, y); } }
                            case MUL -> { if (d) { a.vmulsd(r, x, y); } else { a.vmulss(r, x, y); } }
                            default -> { if (d) { a.vdivsd(r, x, y); } else { a.vdivss(r, x, y); } }
                        }
                    });
                    store(i, r, d);
                    return;
                }
                Xmm r = result(i, x);
                if (r != x) {
                    a.movaps(r, x);
                }
                rounded(rounding, () -> {
                    switch (f) {
                        case ADD -> { if (d) { a.addsd(r, y); } else { a.addss(r, y); } }
                        case SUB -> { if (d) { a.subsd(r, y); } else { a.subss(r, y); } }
                        case MUL -> { if (d) { a.mulsd(r, y); } else { a.mulss(r, y); } }
                        default -> { if (d) { a.divsd(r, y); } else { a.divss(r, y); } }
                    }
                });
                store(i, r, d);
            }
            case SQRT -> {
                Xmm x = in(o[0], d, Gp.RAX);
                Xmm r = result(i, x);
                rounded(rounding, () -> {
                    if (HostFeatures.avx()) { // (the legacy form waits for r's old value, whose bits it keeps)
                        if (d) { a.vsqrtsd(r, x, x); } else { a.vsqrtss(r, x, x); }
                    } else {
                        if (d) { a.sqrtsd(r, x); } else { a.sqrtss(r, x); }
                    }
                });
                store(i, r, d);
            }
            case MULADD -> {
                if (!HostFeatures.fma()) {
                    interpretInstead(i);
                    return;
                }
                // A negated factor or addend (see negations) is read as it is, and negated by the instruction.
                boolean negateProduct = negations.contains(o[0]) != negations.contains(o[1]);
                boolean negateAddend = negations.contains(o[2]);
                Xmm c = in(unnegated(o[2]), d, Gp.RAX);
                Xmm x = in(unnegated(o[0]), d, Gp.RAX);
                Xmm y = in(unnegated(o[1]), d, Gp.RAX);
                // In the register of an operand that dies here when the allocator gave it that one: the addend's
                // (231: r = x*y + r), a factor's (213: r = y*r + c); else the addend copied there first.
                Xmm r = result(i, c, x, y);
                if (r != c && r != x && r != y) {
                    a.movaps(r, c);
                }
                int order = r == c || r != x && r != y ? 231 : 213;
                Xmm first = order == 231 ? x : r == x ? y : x;
                Xmm second = order == 231 ? y : c;
                rounded(rounding, () -> a.vfma(order, negateProduct, negateAddend, d, r, first, second));
                // x86 does not raise invalid for inf * 0 + a quiet NaN, which IEEE leaves open and RISC-V requires:
                // a NaN result (rare) is left to the interpreter; in a run of them, tested once (FmaCheckGroups).
                FmaCheckGroups.Group group = values.fmaGroup(i);
                if (group == null) {
                    if (d) { a.ucomisd(r, r); } else { a.ucomiss(r, r); }
                    a.jcc(Cond.P, values.coldInterpret(null));
                } else if (group.last() == i) {
                    for (Xmm read : new Xmm[] {c, x, y}) { // (read: their registers may serve the test)
                        pinned[read.number()] = read == r;
                    }
                    testGroup(group, r, d);
                }
                store(i, r, d);
                notNaN.add(i);
            }
            case EQ, LT, LE, LT_QUIET, LE_QUIET -> compare(i, f, d);
            case TO_F32 -> {
                if (d) {
                    Xmm x = in(o[0], true, Gp.RAX);
                    Xmm r = fresh();
                    rounded(rounding, () -> {
                        if (HostFeatures.avx()) { a.vcvtsd2ss(r, x, x); } else { a.cvtsd2ss(r, x); }
                    });
                    store(i, r, false);
                } else {
                    interpretInstead(i); // binary32 to binary32: only quiets a signalling NaN
                }
            }
            case TO_F64 -> {
                if (!d) {
                    Xmm x = in(o[0], false, Gp.RAX);
                    Xmm r = result(i, x);
                    if (HostFeatures.avx()) { a.vcvtss2sd(r, x, x); } else { a.cvtss2sd(r, x); } // exact
                    store(i, r, true);
                } else {
                    interpretInstead(i);
                }
            }
            case TO_S32, TO_S64, TO_U32, TO_U64 -> toInteger(i, f, rounding, d);
            case F32_OF_S, F64_OF_S, F32_OF_U, F64_OF_U -> fromInteger(i, f, rounding);
            case IS_NAN, IS_SNAN, IS_INF, IS_ZERO, IS_SUBNORMAL -> classify(i, f, o[0].type == Type.I64);
        }
    }

    /**
     * The guest instruction goes to the interpreter whenever it runs here; what follows is not reached, but is
     * still emitted and reads i's result, so i gets one (in an xmm register nothing wrote).
     */
    private void interpretInstead(Inst i) {
        a.jmp(values.coldInterpret(null));
        if (i.type == Type.I64 || i.type == Type.I32) {
            store(i, fresh(), i.type == Type.I64);
        } else {
            Gp t = values.target(i);
            values.finish(i, t);
        }
    }

    /** Whether f on this operand type is exact whatever the rounding mode (it then ignores the mode). */
    private static boolean exact(FloatFunction f, Type operand) {
        return switch (f) {
            case TO_F64 -> operand == Type.I32;
            case F64_OF_S, F64_OF_U -> operand == Type.I32;
            default -> !f.rounds();
        };
    }

    // ---- moves --------------------------------------------------------------------------------------------------

    /** An xmm register holding v: its own, or the cache register that already does, or one v is moved into now. */
    private Xmm in(Inst v, boolean d, Gp scratchGp) {
        Xmm own = values.xmmOf(v);
        if (own != null) {
            pinned[own.number()] = true;
            return own;
        }
        for (int k = 0; k < held.length; k++) {
            if (held[k] == v) {
                pinned[k] = true;
                return Xmm.of(k);
            }
        }
        Xmm x = fresh();
        Mem state = values.stateOf(v);
        if (state != null) {
            a.movq(x, state);
        } else if (d) {
            a.movq(x, values.use(v, scratchGp));
        } else {
            a.movd(x, values.use(v, scratchGp).withSize(4));
        }
        held[x.number()] = v;
        return x;
    }

    /**
     * The register to compute i's result in: its own xmm register (or, for a value only a NAN_SELECT reads, that
     * one's), unless the op reads another operand from there; else a cache register. first are the operands the op
     * may compute its result over (in their register: the one it set the result register to, or any operand of a
     * three-operand form).
     */
    private Xmm result(Inst i, Xmm... first) {
        Xmm own = values.xmmOf(xmmOnly.getOrDefault(i, i));
        if (own != null && (Arrays.asList(first).contains(own) || !pinned[own.number()])) {
            pinned[own.number()] = true;
            return own;
        }
        return fresh();
    }

    /**
     * A cache register for a new value: one the op being emitted does not use, and preferably one holding nothing
     * still needed; round robin over the others.
     */
    private Xmm fresh() {
        int k = -1;
        for (int n = 0; n < CACHE && k < 0; n++) {
            int c = (nextVictim + n) % CACHE;
            if (!pinned[c] && (held[c] == null || !values.usedLater(held[c]))) {
                k = c;
            }
        }
        for (int n = 0; n < CACHE && k < 0; n++) { // (else the next one not pinned)
            int c = (nextVictim + n) % CACHE;
            if (!pinned[c]) {
                k = c;
                nextVictim = c;
            }
        }
        if (k < 0) { // (an op reads at most three values and makes one: the caller pinned too many)
            throw new IllegalStateException("every xmm cache register is in use");
        }
        nextVictim = (nextVictim + 1) % CACHE;
        held[k] = null;
        pinned[k] = true;
        return Xmm.of(k);
    }

    /** Moves the result in x to i's location (unless it lives only there); x now holds i. */
    private void store(Inst i, Xmm x, boolean d) {
        held[x.number()] = i;
        if (xmmOnly.containsKey(i)) {
            return;
        }
        Xmm own = values.xmmOf(i);
        if (own != null) {
            if (own != x) {
                a.movaps(own, x);
            }
            return;
        }
        Gp t = values.target(i);
        if (d) {
            a.movq(t, x);
        } else {
            a.movd(t.withSize(4), x);
        }
        values.finish(i, t);
    }

    // ---- rounding -----------------------------------------------------------------------------------------------

    /**
     * Emits op under the rounding mode (a CONST: the lifter makes every rounding operand one): the dynamic one is
     * MXCSR's already; a static one is switched in around op
     * (rax and rcx are free here: the operands are in xmm registers), keeping the flags op raises.
     */
    private void rounded(Inst rounding, Runnable op) {
        if (rounding.aux == FloatCsrs.DYNAMIC) {
            op.run();
            return;
        }
        Mem m = Mem.d(Gp.R15, scratch);
        a.stmxcsr(m);
        a.mov(Gp.EAX, m);
        a.mov(Gp.ECX, Gp.EAX);
        a.and(Gp.EAX, ~Mxcsr.ROUNDING_MASK);
        int rc = Mxcsr.roundingControl(rounding.aux);
        if (rc != 0) {
            a.or(Gp.EAX, rc);
        }
        a.mov(m, Gp.EAX);
        a.ldmxcsr(m);
        op.run();
        a.stmxcsr(m);
        a.and(Gp.ECX, Mxcsr.ROUNDING_MASK);
        a.mov(Gp.EAX, m);
        a.and(Gp.EAX, ~Mxcsr.ROUNDING_MASK);
        a.or(Gp.EAX, Gp.ECX);
        a.mov(m, Gp.EAX);
        a.ldmxcsr(m);
    }

    // ---- comparisons --------------------------------------------------------------------------------------------

    /**
     * feq: ucomis (invalid only for a signalling NaN), equal and ordered. flt/fle: comis (invalid for any NaN) of b
     * against a, above or above-or-equal, which an unordered result (CF set) fails; the quiet forms use ucomis.
     */
    private void compare(Inst i, FloatFunction f, boolean d) {
        Inst[] o = i.operands;
        boolean quiet = f == FloatFunction.EQ || f == FloatFunction.LT_QUIET || f == FloatFunction.LE_QUIET;
        Gp t = values.target(i);
        Xmm x = in(f == FloatFunction.EQ ? o[0] : o[1], d, Gp.RAX);
        Xmm y = in(f == FloatFunction.EQ ? o[1] : o[0], d, Gp.RAX);
        if (quiet) {
            if (d) { a.ucomisd(x, y); } else { a.ucomiss(x, y); }
        } else {
            if (d) { a.comisd(x, y); } else { a.comiss(x, y); }
        }
        Gp t8 = t.withSize(1);
        switch (f) {
            case EQ -> {
                a.setcc(Cond.E, t8);
                a.setcc(Cond.NP, Gp.CL);
                a.and(t8, Gp.CL);
            }
            case LT, LT_QUIET -> a.setcc(Cond.A, t8);
            default -> a.setcc(Cond.AE, t8);
        }
        a.movzx(t.withSize(4), t8);
        values.finish(i, t);
    }

    // ---- conversions --------------------------------------------------------------------------------------------

    /**
     * To a signed integer: cvt(t)sd2si, whose "integer indefinite" (the minimum) also stands for NaN and out of
     * range, so it goes to the interpreter (which also handles the minimum itself, rarely converted). To an
     * unsigned one: a signed 64-bit conversion, good when it is in the unsigned range (a negative value that
     * rounds to 0 included). In a static rounding mode (floor's and ceil's {@code fcvt.l.d rdn}): roundsd to an
     * integral value in that mode (inexact exactly when the guest's conversion is, for a result in range), then the
     * truncating conversion, exact; no MXCSR switch (two ldmxcsr, each tens of cycles). An out-of-range 32-bit
     * result may follow an inexact rounding, so its cold path puts back the flags from before, as an unsigned one's.
     */
    private void toInteger(Inst i, FloatFunction f, Inst rounding, boolean d) {
        boolean wide = f == FloatFunction.TO_S64 || f == FloatFunction.TO_U64 || f == FloatFunction.TO_U32;
        Xmm x = in(i.operand(0), d, Gp.RAX);
        // In the result's own register (its cold path writes back no value held there, see
        // RegisterAllocator#coldPathReads), else rdx: not rax or rcx, which a static rounding mode's MXCSR switch uses.
        Gp t = values.target(i) == Gp.RAX ? Gp.RDX : values.target(i);
        Gp r = wide ? t : t.withSize(4);
        boolean truncate = rounding.aux == 1;
        boolean unsigned = f == FloatFunction.TO_U32 || f == FloatFunction.TO_U64;
        boolean roundFirst = !truncate && Mxcsr.hasMode(rounding.aux) && HostFeatures.sse41();
        // An unsigned conversion's cold path may follow an inexact signed conversion (PE) where the guest's
        // answer is an invalid one only: it puts back the flags from before the conversion.
        boolean restore = unsigned || roundFirst && f == FloatFunction.TO_S32;
        Mem before = Mem.d(Gp.R15, scratch + 4);
        if (restore) {
            a.stmxcsr(before);
        }
        if (roundFirst) {
            Xmm y = fresh();
            if (d) {
                a.roundsd(y, x, Mxcsr.roundImmediate(rounding.aux));
                a.cvttsd2si(r, y);
            } else {
                a.roundss(y, x, Mxcsr.roundImmediate(rounding.aux));
                a.cvttss2si(r, y);
            }
        } else if (truncate) {
            if (d) { a.cvttsd2si(r, x); } else { a.cvttss2si(r, x); }
        } else {
            rounded(rounding, () -> { if (d) { a.cvtsd2si(r, x); } else { a.cvtss2si(r, x); } });
        }
        Label cold = values.coldInterpret(restore ? () -> a.ldmxcsr(before) : null);
        switch (f) {
            case TO_S32, TO_S64 -> {
                a.cmp(r, 1); // overflows exactly for the minimum, x86's indefinite
                a.jcc(Cond.O, cold);
            }
            case TO_U32 -> {
                a.mov(Gp.RCX, t);
                a.shr(Gp.RCX, 32);
                a.jcc(Cond.NE, cold);
            }
            default -> {
                a.test(t, t);
                a.jcc(Cond.S, cold);
            }
        }
        values.finish(i, t);
    }

    /**
     * From an integer: cvtsi2sd/ss of the 64-bit register holds the value of any 32-bit operand (values are kept
     * zero-extended; a signed one is sign-extended first) and of a 64-bit signed one; an unsigned 64-bit value with
     * its top bit set goes to the interpreter.
     */
    private void fromInteger(Inst i, FloatFunction f, Inst rounding) {
        boolean d = i.type == Type.I64;
        boolean signed = f == FloatFunction.F32_OF_S || f == FloatFunction.F64_OF_S;
        Inst v = i.operand(0);
        Gp r = values.use(v, Gp.RDX); // not rax or rcx, which a static rounding mode's MXCSR switch uses
        if (v.type == Type.I32 && signed && (d || rounding.aux == FloatCsrs.DYNAMIC)) {
            r = r.withSize(4); // (cvtsi2sd/ss of the 32-bit register itself)
        } else if (v.type == Type.I32 && signed) {
            a.movsxd(Gp.RDX, r.withSize(4)); // (for the static mode's range test below)
            r = Gp.RDX;
        } else if (v.type == Type.I64 && !signed) {
            a.test(r, r);
            a.jcc(Cond.S, values.coldInterpret(null));
        }
        Gp source = r;
        Xmm x = result(i);
        a.xorps(x, x); // no dependency on the register's old upper bits
        Runnable convert = () -> { if (d) { a.cvtsi2sd(x, source); } else { a.cvtsi2ss(x, source); } };
        if (d && v.type == Type.I32) {
            a.cvtsi2sd(x, source); // exact
        } else if (rounding.aux == FloatCsrs.DYNAMIC) {
            convert.run();
        } else {
            // A static mode matters only when the integer has more bits than the significand (53, or 24): an exact
            // conversion is the same in every mode (floor's fcvt.d.l rdn of an integer it just made).
            Label slow = a.newLabel();
            Label done = a.newLabel();
            a.mov(Gp.RAX, source);
            a.sar(Gp.RAX, d ? 53 : 24);
            a.add(Gp.RAX, 1);
            a.cmp(Gp.RAX, 1);
            a.jcc(Cond.A, slow); // (x >> 53 is 0 or -1: |x| <= 2^53)
            convert.run();
            a.jmp(done);
            a.bind(slow);
            rounded(rounding, convert);
            a.bind(done);
        }
        store(i, x, d);
    }

    // ---- classification -----------------------------------------------------------------------------------------

    /**
     * On the bit pattern, with the sign shifted out: t = x << 1 leaves the exponent at the top. With E the exponent
     * field all ones at the top (0xffe0... for binary64, 0xff00_0000 for binary32) and Q the quiet bit shifted
     * likewise: NaN is t > E, infinity t == E, signalling NaN E < t < E + Q, zero t == 0, subnormal 0 < t < the
     * smallest normal's t.
     */
    private void classify(Inst i, FloatFunction f, boolean d) {
        Gp x = values.use(i.operand(0), Gp.RAX);
        Gp t = d ? Gp.RAX : Gp.EAX;
        Gp k = d ? Gp.RCX : Gp.ECX;
        long exponent = d ? 0xffe0_0000_0000_0000L : 0xff00_0000L;
        long quiet = d ? 0x0010_0000_0000_0000L : 0x0080_0000L;
        long smallestNormal = d ? 0x0020_0000_0000_0000L : 0x0100_0000L;
        a.mov(t, d ? x : x.withSize(4));
        a.add(t, t);
        Cond cond;
        switch (f) {
            case IS_NAN -> {
                a.movImm(Gp.RCX, exponent);
                a.cmp(t, k);
                cond = Cond.A;
            }
            case IS_INF -> {
                a.movImm(Gp.RCX, exponent);
                a.cmp(t, k);
                cond = Cond.E;
            }
            case IS_SNAN -> {
                a.movImm(Gp.RCX, exponent + 1);
                a.sub(t, k);
                a.movImm(Gp.RCX, quiet - 1);
                a.cmp(t, k);
                cond = Cond.B;
            }
            case IS_ZERO -> {
                a.test(t, t);
                cond = Cond.E;
            }
            default -> { // subnormal: 0 < t < smallest normal, i.e. t - 1 below smallest normal - 1
                a.sub(t, 1);
                a.movImm(Gp.RCX, smallestNormal - 1);
                a.cmp(t, k);
                cond = Cond.B;
            }
        }
        Gp r = values.target(i);
        a.setcc(cond, r.withSize(1));
        a.movzx(r.withSize(4), r.withSize(1));
        values.finish(i, r);
    }
}
