package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.Type;
import dbt.isa.model.FloatFunction;
import dbt.x86.asm.Assembler;
import dbt.x86.asm.Cond;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Label;
import dbt.x86.asm.Mem;
import dbt.x86.asm.Xmm;

/**
 * Instruction selection for the IR's FLOAT ops on the host's SSE2 unit (and FMA3 where the host has it).
 *
 * <p>What it keeps. Float values are IEEE bit patterns in general registers like every IR value; an op moves its
 * operands into xmm0..xmm2, computes, and moves the result back. MXCSR holds the guest's floating-point state
 * while translated code runs (the entry stub loads it): all exceptions masked, the rounding control mirroring the
 * guest's dynamic rounding mode, the sticky flags accruing the guest's exception flags (x86's IE, ZE, OE, UE, PE
 * are the IEEE flags; x86 detects tininess after rounding, as IEEE's default and RISC-V do). So an op with the
 * dynamic rounding mode is one SSE instruction; an op with a static mode switches MXCSR's rounding control around
 * it, keeping the flags it raised.
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
    private static final Xmm X0 = Xmm.XMM0;
    private static final Xmm X1 = Xmm.XMM1;
    private static final Xmm X2 = Xmm.XMM2;
    private static final FloatFunction[] FUNCTIONS = FloatFunction.values();

    /** What the block compiler gives instruction selection: operand values, result registers, cold paths. */
    interface Values {
        /** The value of v in a register: its own, or scratch after loading it there. */
        Gp use(Inst v, Gp scratch);

        /** The register to compute i's result in. */
        Gp target(Inst i);

        /** Moves a result computed in computed to i's location. */
        void finish(Inst i, Gp computed);

        /**
         * A cold path that runs prologue (if not null), writes guest registers back and interprets the current guest
         * instruction.
         */
        Label coldInterpret(Runnable prologue);
    }

    private final Assembler a;
    private final Values values;
    private final int scratch;

    FloatLowering(Assembler a, Values values, StateLayout layout) {
        this.a = a;
        this.values = values;
        this.scratch = layout.floatScratchOffset();
    }

    void emit(Inst i) {
        FloatFunction f = FUNCTIONS[(int) i.aux];
        Inst[] o = i.operands;
        Inst rounding = o[o.length - 1];
        boolean d = (f.operand == FloatFunction.Kind.I ? i.type : o[0].type) == Type.I64;
        if (rounding.isConst() && rounding.aux == 4 && f.rounds() && !exact(f, o[0].type)) {
            a.jmp(values.coldInterpret(null)); // nearest-max-magnitude: not an x86 mode
            return;
        }
        switch (f) {
            case ADD, SUB, MUL, DIV -> {
                load(X0, o[0], d, Gp.RAX);
                load(X1, o[1], d, Gp.RCX);
                rounded(rounding, () -> {
                    switch (f) {
                        case ADD -> { if (d) { a.addsd(X0, X1); } else { a.addss(X0, X1); } }
                        case SUB -> { if (d) { a.subsd(X0, X1); } else { a.subss(X0, X1); } }
                        case MUL -> { if (d) { a.mulsd(X0, X1); } else { a.mulss(X0, X1); } }
                        default -> { if (d) { a.divsd(X0, X1); } else { a.divss(X0, X1); } }
                    }
                });
                store(i, X0, d);
            }
            case SQRT -> {
                load(X0, o[0], d, Gp.RAX);
                rounded(rounding, () -> { if (d) { a.sqrtsd(X0, X0); } else { a.sqrtss(X0, X0); } });
                store(i, X0, d);
            }
            case MULADD -> {
                if (!HostFeatures.fma()) {
                    a.jmp(values.coldInterpret(null));
                    return;
                }
                load(X0, o[2], d, Gp.RAX);
                load(X1, o[0], d, Gp.RCX);
                load(X2, o[1], d, Gp.RDX);
                rounded(rounding, () -> { if (d) { a.vfmadd231sd(X0, X1, X2); } else { a.vfmadd231ss(X0, X1, X2); } });
                store(i, X0, d);
            }
            case EQ, LT, LE, LT_QUIET, LE_QUIET -> compare(i, f, d);
            case TO_F32 -> {
                if (d) {
                    load(X0, o[0], true, Gp.RAX);
                    rounded(rounding, () -> a.cvtsd2ss(X0, X0));
                    store(i, X0, false);
                } else {
                    a.jmp(values.coldInterpret(null)); // binary32 to binary32: only quiets a signalling NaN
                }
            }
            case TO_F64 -> {
                if (!d) {
                    load(X0, o[0], false, Gp.RAX);
                    a.cvtss2sd(X0, X0); // exact
                    store(i, X0, true);
                } else {
                    a.jmp(values.coldInterpret(null));
                }
            }
            case TO_S32, TO_S64, TO_U32, TO_U64 -> toInteger(i, f, rounding, d);
            case F32_OF_S, F64_OF_S, F32_OF_U, F64_OF_U -> fromInteger(i, f, rounding);
            case IS_NAN, IS_SNAN, IS_INF, IS_ZERO, IS_SUBNORMAL -> classify(i, f, o[0].type == Type.I64);
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

    private void load(Xmm x, Inst v, boolean d, Gp scratchGp) {
        Gp r = values.use(v, scratchGp);
        if (d) {
            a.movq(x, r);
        } else {
            a.movd(x, r.withSize(4));
        }
    }

    private void store(Inst i, Xmm x, boolean d) {
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
     * Emits op under the rounding mode: the dynamic one is MXCSR's already; a static one is switched in around op
     * (rax and rcx are free here: the operands are in xmm registers), keeping the flags op raises.
     */
    private void rounded(Inst rounding, Runnable op) {
        if (!rounding.isConst()) {
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
        if (f == FloatFunction.EQ) {
            load(X0, o[0], d, Gp.RAX);
            load(X1, o[1], d, Gp.RCX);
        } else {
            load(X0, o[1], d, Gp.RAX);
            load(X1, o[0], d, Gp.RCX);
        }
        if (quiet) {
            if (d) { a.ucomisd(X0, X1); } else { a.ucomiss(X0, X1); }
        } else {
            if (d) { a.comisd(X0, X1); } else { a.comiss(X0, X1); }
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
     * rounds to 0 included).
     */
    private void toInteger(Inst i, FloatFunction f, Inst rounding, boolean d) {
        boolean wide = f == FloatFunction.TO_S64 || f == FloatFunction.TO_U64 || f == FloatFunction.TO_U32;
        load(X0, i.operand(0), d, Gp.RAX);
        Gp t = Gp.RDX; // not rax or rcx, which a static rounding mode's MXCSR switch uses
        Gp r = wide ? t : t.withSize(4);
        boolean truncate = rounding.isConst() && rounding.aux == 1;
        boolean unsigned = f == FloatFunction.TO_U32 || f == FloatFunction.TO_U64;
        // An unsigned conversion's cold path may follow an inexact signed conversion (PE) where the guest's
        // answer is an invalid one only: it puts back the flags from before the conversion.
        Mem before = Mem.d(Gp.R15, scratch + 4);
        if (unsigned) {
            a.stmxcsr(before);
        }
        Runnable convert = () -> {
            if (d) {
                if (truncate) { a.cvttsd2si(r, X0); } else { a.cvtsd2si(r, X0); }
            } else {
                if (truncate) { a.cvttss2si(r, X0); } else { a.cvtss2si(r, X0); }
            }
        };
        if (truncate) {
            convert.run();
        } else {
            rounded(rounding, convert);
        }
        Label cold = values.coldInterpret(unsigned ? () -> a.ldmxcsr(before) : null);
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
        if (v.type == Type.I32 && signed) {
            a.movsxd(Gp.RDX, r.withSize(4));
            r = Gp.RDX;
        } else if (v.type == Type.I64 && !signed) {
            a.test(r, r);
            a.jcc(Cond.S, values.coldInterpret(null));
        }
        Gp source = r;
        a.xorps(X0, X0); // no dependency on xmm0's old upper bits
        if (d && v.type == Type.I32) {
            a.cvtsi2sd(X0, source); // exact
        } else {
            rounded(rounding, () -> { if (d) { a.cvtsi2sd(X0, source); } else { a.cvtsi2ss(X0, source); } });
        }
        store(i, X0, d);
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
