package dbt.x86.asm;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random instruction forms for {@link EncodingAgreesWithObjdumpProperties}: each is an {@link Assembler} method
 * with random operands, and the text objdump should print for it (Intel syntax, objdump's spelling: immediates in
 * hex as wide as the operand, {@code QWORD PTR}, RIP-relative operands as {@code [rip=TARGET]}).
 *
 * <p>Code is assembled at {@link #LOAD}; {@code START} is a label at the first instruction, {@code END} a label
 * bound after the last one, whose address appears in the text as {@code {end}}.
 */
final class RandomForms {
    static final long LOAD = 0x7f12_3456_0000L;

    enum Target { START, END }

    /** An assembler call and what it means. Arguments may be {@link MemSpec} or {@link Target}, resolved per program. */
    record Form(String text, String method, List<Object> args) {
        void emit(Assembler a, Label start, Label end) {
            Object[] actual = args.stream().map(x -> x instanceof MemSpec m ? m.toMem(start)
                    : x == Target.START ? start : x == Target.END ? end : x).toArray();
            invoke(a, method, actual);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A memory operand described independently of any assembler (a RIP-relative one refers to START). */
    record MemSpec(int size, Gp base, Gp index, int scale, int disp, boolean rip) {
        Mem toMem(Label start) {
            return rip ? Mem.rip(size, start, disp) : Mem.of(size, base, index, scale, disp);
        }

        String text(boolean withPtr) {
            String ptr = withPtr ? List.of("BYTE", "WORD", "", "DWORD", "", "", "", "QWORD").get(size - 1) + " PTR " : "";
            if (rip) {
                return ptr + "[rip=" + hex(LOAD + disp) + "]";
            }
            if (base == null && index == null) {
                return ptr + "ds:" + hex(disp);
            }
            StringBuilder s = new StringBuilder("[");
            if (base != null) {
                s.append(base);
            }
            if (index != null) {
                s.append(base != null ? "+" : "").append(index).append('*').append(scale);
            }
            boolean encodesDisp = disp != 0 || base == null || base.low3() == 5;
            if (encodesDisp) {
                s.append(disp < 0 ? "-" : "+").append("0x").append(Long.toHexString(Math.abs((long) disp)));
            }
            return ptr + s.append(']');
        }
    }

    private RandomForms() {}

    static Arbitrary<Form> any() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, alu()), Tuple.of(2, test()), Tuple.of(5, mov()), Tuple.of(2, extend()), Tuple.of(1, lea()),
                Tuple.of(2, unary()), Tuple.of(2, imul()), Tuple.of(2, shift()), Tuple.of(2, conditional()),
                Tuple.of(2, exchange()), Tuple.of(3, jumps()), Tuple.of(1, noOperands()), Tuple.of(5, sse()),
                Tuple.of(1, fma()), Tuple.of(1, bmi2()));
    }

    // ---- operands ----

    static Arbitrary<Integer> anySize() {
        return Arbitraries.of(1, 2, 4, 8);
    }

    static Arbitrary<Gp> gp(int size) {
        return Arbitraries.integers().between(0, 15).map(n -> Gp.of(n, size));
    }

    static Arbitrary<Xmm> xmm() {
        return Arbitraries.integers().between(0, 15).map(Xmm::of);
    }

    static Arbitrary<MemSpec> mem(int size) {
        Arbitrary<Gp> base = gp(8).injectNull(0.15);
        Arbitrary<Gp> index = Arbitraries.integers().between(0, 15).filter(n -> n != 4).map(Gp::q).injectNull(0.5);
        Arbitrary<Integer> scale = Arbitraries.of(1, 2, 4, 8);
        Arbitrary<Integer> disp = Arbitraries.oneOf(
                Arbitraries.of(0, 1, -1, 0x7f, -0x80, 0x80, -0x81, Integer.MIN_VALUE, Integer.MAX_VALUE),
                Arbitraries.integers().between(-300, 300), Arbitraries.integers());
        Arbitrary<Boolean> rip = Arbitraries.of(true, false, false, false, false, false, false, false, false, false);
        return Combinators.combine(base, index, scale, disp, rip).as((b, i, s, d, r) -> r
                ? new MemSpec(size, null, null, 1, d >> 4, true)    // START + disp must stay in rel32 reach
                : new MemSpec(size, b, i, i == null ? 1 : s, d, false));
    }

    /** An immediate that fits an operand of {@code size} (signed or unsigned for 8 and 16 bits). */
    static Arbitrary<Integer> imm(int size) {
        return switch (size) {
            case 1 -> Arbitraries.integers().between(-128, 255);
            case 2 -> Arbitraries.integers().between(-32768, 65535);
            default -> Arbitraries.oneOf(Arbitraries.integers().between(-300, 300), Arbitraries.integers());
        };
    }

    /** How objdump prints an immediate operating on {@code size} bytes: the value at that width, in hex. */
    static String imm(long v, int size) {
        return hex(size == 8 ? v : v & ((1L << (size * 8)) - 1));
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    // ---- families ----

    static Arbitrary<Form> alu() {
        Arbitrary<String> ops = Arbitraries.of("add", "or", "adc", "sbb", "and", "sub", "xor", "cmp");
        return anySize().flatMap(s -> Combinators.combine(ops, gp(s), gp(s), mem(s), imm(s), Arbitraries.integers().between(0, 4))
                .as((op, r1, r2, m, i, form) -> switch (form) {
                    case 0 -> form(op + " " + r1 + "," + r2, op, r1, r2);
                    case 1 -> form(op + " " + r1 + "," + m.text(true), op, r1, m);
                    case 2 -> form(op + " " + m.text(true) + "," + r2, op, m, r2);
                    case 3 -> form(op + " " + r1 + "," + imm(i, s), op, r1, i);
                    default -> form(op + " " + m.text(true) + "," + imm(i, s), op, m, i);
                }));
    }

    static Arbitrary<Form> test() {
        return anySize().flatMap(s -> Combinators.combine(gp(s), gp(s), mem(s), imm(s), Arbitraries.integers().between(0, 3))
                .as((r1, r2, m, i, form) -> switch (form) {
                    case 0 -> form("test " + r1 + "," + r2, "test", r1, r2);
                    case 1 -> form("test " + m.text(true) + "," + r2, "test", m, r2);
                    case 2 -> form("test " + r1 + "," + imm(i, s), "test", r1, i);
                    default -> form("test " + m.text(true) + "," + imm(i, s), "test", m, i);
                }));
    }

    static Arbitrary<Form> mov() {
        Arbitrary<Long> constants = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-300, 300),
                Arbitraries.integers().map(i -> (long) i), Arbitraries.integers().map(Integer::toUnsignedLong),
                Arbitraries.of(0L, 0xffff_ffffL, 0x8000_0000L, -0x8000_0000L, -0x8000_0001L, 0x1_0000_0000L));
        Arbitrary<Form> sized = anySize().flatMap(s -> Combinators.combine(gp(s), gp(s), mem(s), imm(s), Arbitraries.integers().between(0, 4))
                .as((r1, r2, m, i, form) -> switch (form) {
                    case 0 -> form("mov " + r1 + "," + r2, "mov", r1, r2);
                    case 1 -> form("mov " + r1 + "," + m.text(true), "mov", r1, m);
                    case 2 -> form("mov " + m.text(true) + "," + r2, "mov", m, r2);
                    case 3 -> form("mov " + r1 + "," + imm(i, s), "mov", r1, i);
                    default -> form("mov " + m.text(true) + "," + imm(i, s), "mov", m, i);
                }));
        Arbitrary<Form> movabs = Combinators.combine(gp(8), constants)
                .as((r, v) -> form("movabs " + r + "," + hex(v), "movabs", r, v));
        Arbitrary<Form> movImm = Combinators.combine(gp(8), constants).as((r, v) -> {
            String text = v >>> 32 == 0 ? "mov " + r.withSize(4) + "," + hex(v)
                    : v == (int) (long) v ? "mov " + r + "," + hex(v) : "movabs " + r + "," + hex(v);
            return form(text, "movImm", r, v);
        });
        return Arbitraries.frequencyOf(Tuple.of(5, sized), Tuple.of(1, movabs), Tuple.of(2, movImm));
    }

    static Arbitrary<Form> extend() {
        Arbitrary<Tuple.Tuple2<Integer, Integer>> widths = Arbitraries.of(
                Tuple.of(1, 2), Tuple.of(1, 4), Tuple.of(1, 8), Tuple.of(2, 4), Tuple.of(2, 8));
        Arbitrary<Form> zxsx = widths.flatMap(w -> Combinators.combine(Arbitraries.of("movzx", "movsx"), gp(w.get2()), gp(w.get1()),
                        mem(w.get1()), Arbitraries.of(true, false))
                .as((op, dst, src, m, reg) -> reg ? form(op + " " + dst + "," + src, op, dst, src)
                        : form(op + " " + dst + "," + m.text(true), op, dst, m)));
        Arbitrary<Form> sxd = Combinators.combine(gp(8), gp(4), mem(4), Arbitraries.of(true, false))
                .as((d, s, m, reg) -> reg ? form("movsxd " + d + "," + s, "movsxd", d, s)
                        : form("movsxd " + d + "," + m.text(true), "movsxd", d, m));
        return Arbitraries.oneOf(zxsx, sxd);
    }

    static Arbitrary<Form> lea() {
        return Arbitraries.of(2, 4, 8).flatMap(s -> Combinators.combine(gp(s), mem(8))
                .as((r, m) -> form("lea " + r + "," + m.text(false), "lea", r, m)));
    }

    static Arbitrary<Form> unary() {
        Arbitrary<String> ops = Arbitraries.of("inc", "dec", "neg", "not", "mul", "imul", "div", "idiv");
        return anySize().flatMap(s -> Combinators.combine(ops, gp(s), mem(s), Arbitraries.of(true, false))
                .as((op, r, m, reg) -> reg ? form(op + " " + r, op, r) : form(op + " " + m.text(true), op, m)));
    }

    static Arbitrary<Form> imul() {
        return Arbitraries.of(2, 4, 8).flatMap(s -> Combinators.combine(gp(s), gp(s), mem(s), imm(s), Arbitraries.integers().between(0, 3))
                .as((r1, r2, m, i, form) -> switch (form) {
                    case 0 -> form("imul " + r1 + "," + r2, "imul", r1, r2);
                    case 1 -> form("imul " + r1 + "," + m.text(true), "imul", r1, m);
                    case 2 -> form("imul " + r1 + "," + r2 + "," + imm(i, s), "imul", r1, r2, i);
                    default -> form("imul " + r1 + "," + m.text(true) + "," + imm(i, s), "imul", r1, m, i);
                }));
    }

    static Arbitrary<Form> shift() {
        Arbitrary<String> ops = Arbitraries.of("shl", "shr", "sar", "rol", "ror");
        return anySize().flatMap(s -> Combinators.combine(ops, gp(s), Arbitraries.integers().between(0, s == 8 ? 63 : 31),
                        Arbitraries.of(true, false))
                .as((op, r, n, byCl) -> byCl ? form(op + " " + r + ",cl", op, r, Gp.CL)
                        : form(op + " " + r + "," + (n == 1 ? "1" : hex(n)), op, r, n)));
    }

    /** BMI2's shifts by any register and rotation by an immediate, three operands, 32 or 64 bits. */
    static Arbitrary<Form> bmi2() {
        Arbitrary<String> ops = Arbitraries.of("shlx", "shrx", "sarx", "rorx");
        return Arbitraries.of(4, 8).flatMap(s -> Combinators.combine(ops, gp(s), gp(s), gp(s),
                        Arbitraries.integers().between(0, s * 8 - 1))
                .as((op, r1, r2, r3, n) -> op.equals("rorx") ? form(op + " " + r1 + "," + r2 + "," + hex(n), op, r1, r2, n)
                        : form(op + " " + r1 + "," + r2 + "," + r3, op, r1, r2, r3)));
    }

    static Arbitrary<Form> conditional() {
        Arbitrary<Cond> conds = Arbitraries.of(Cond.class);
        Arbitrary<Form> cmov = Arbitraries.of(2, 4, 8).flatMap(s -> Combinators.combine(conds, gp(s), gp(s), mem(s), Arbitraries.of(true, false))
                .as((c, r1, r2, m, reg) -> form("cmov" + c.suffix() + " " + r1 + "," + (reg ? r2 : m.text(true)),
                        "cmovcc", c, r1, reg ? r2 : m)));
        Arbitrary<Form> set = Combinators.combine(conds, gp(1)).as((c, r) -> form("set" + c.suffix() + " " + r, "setcc", c, r));
        return Arbitraries.oneOf(cmov, set);
    }

    static Arbitrary<Form> exchange() {
        Arbitrary<Form> xchg = anySize().flatMap(s -> Combinators.combine(gp(s), gp(s)).as((r1, r2) ->
                form(r1 == Gp.RAX && r2 == Gp.RAX ? "nop" : "xchg " + r1 + "," + r2, "xchg", r1, r2)));
        Arbitrary<Form> bswap = Arbitraries.of(4, 8).flatMap(s -> gp(s).map(r -> form("bswap " + r, "bswap", r)));
        Arbitrary<Form> atomic = anySize().flatMap(s -> Combinators.combine(Arbitraries.of("cmpxchg", "xadd"), gp(s), mem(s))
                .as((op, r, m) -> form("lock " + op + " " + m.text(true) + "," + r,
                        "lock" + Character.toUpperCase(op.charAt(0)) + op.substring(1), m, r)));
        return Arbitraries.oneOf(xchg, bswap, atomic);
    }

    static Arbitrary<Form> jumps() {
        Arbitrary<Target> targets = Arbitraries.of(Target.class);
        Arbitrary<Cond> conds = Arbitraries.of(Cond.class);
        Arbitrary<Long> hostAddresses = Arbitraries.integers().between(-0x4000_0000, 0x4000_0000).map(d -> LOAD + d);
        Arbitrary<Form> toLabel = Combinators.combine(targets, conds, Arbitraries.integers().between(0, 4)).as((t, c, form) -> {
            String where = t == Target.START ? hex(LOAD) : "{end}";
            return switch (form) {
                case 0 -> form("jmp " + where, "jmp", t);
                case 1 -> form("j" + c.suffix() + " " + where, "jcc", c, t);
                case 2 -> form("jmp " + where, "jmpRel32", t);
                case 3 -> form("j" + c.suffix() + " " + where, "jccRel32", c, t);
                default -> form("call " + where, "call", t);
            };
        });
        Arbitrary<Form> absolute = Combinators.combine(hostAddresses, conds, Arbitraries.integers().between(0, 2)).as((x, c, form) ->
                switch (form) {
                    case 0 -> form("jmp " + hex(x), "jmpAbsolute", x);
                    case 1 -> form("j" + c.suffix() + " " + hex(x), "jccAbsolute", c, x);
                    default -> form("call " + hex(x), "callAbsolute", x);
                });
        Arbitrary<Form> indirect = Combinators.combine(Arbitraries.of("jmp", "call"), gp(8), mem(8), Arbitraries.of(true, false))
                .as((op, r, m, reg) -> reg ? form(op + " " + r, op, r) : form(op + " " + m.text(true), op, m));
        return Arbitraries.oneOf(toLabel, absolute, indirect);
    }

    static Arbitrary<Form> noOperands() {
        List<String> nops = List.of("", "nop", "xchg ax,ax", "nop DWORD PTR [rax]", "nop DWORD PTR [rax+0x0]",
                "nop DWORD PTR [rax+rax*1+0x0]", "nop WORD PTR [rax+rax*1+0x0]", "nop DWORD PTR [rax+0x0]",
                "nop DWORD PTR [rax+rax*1+0x0]", "nop WORD PTR [rax+rax*1+0x0]", "cs nop WORD PTR [rax+rax*1+0x0]",
                "data16 cs nop WORD PTR [rax+rax*1+0x0]");
        Arbitrary<Form> stack = Combinators.combine(Arbitraries.of("push", "pop"), gp(8)).as((op, r) -> form(op + " " + r, op, r));
        Arbitrary<Form> nop = Arbitraries.integers().between(1, 11).map(n -> form(nops.get(n), "nop", n));
        Arbitrary<Form> bare = Arbitraries.of("ret", "cqo", "cdq", "mfence", "int3", "nop").map(op -> form(op, op));
        return Arbitraries.oneOf(stack, nop, bare);
    }

    /** movq/movd, the {@code op xmm, xmm/m} instructions, the integer conversions, ldmxcsr/stmxcsr. */
    static Arbitrary<Form> sse() {
        Arbitrary<Form> gpMoves = Arbitraries.of(4, 8).flatMap(s -> Combinators.combine(xmm(), gp(s), Arbitraries.of(true, false))
                .as((x, r, toXmm) -> {
                    String op = s == 8 ? "movq" : "movd";
                    return toXmm ? form(op + " " + x + "," + r, op, x, r) : form(op + " " + r + "," + x, op, r, x);
                }));
        Arbitrary<Form> memMoves = Arbitraries.of(4, 8).flatMap(s -> Combinators.combine(xmm(), mem(s), Arbitraries.of(true, false))
                .as((x, m, load) -> {
                    String op = s == 8 ? "movq" : "movd";
                    return load ? form(op + " " + x + "," + m.text(true), op, x, m)
                            : form(op + " " + m.text(true) + "," + x, op, m, x);
                }));
        Arbitrary<Form> packed = Combinators.combine(Arbitraries.of("movaps", "pxor", "xorps"), xmm(), xmm())
                .as((op, x1, x2) -> form(op + " " + x1 + "," + x2, op, x1, x2));
        Arbitrary<Tuple.Tuple2<String, Integer>> scalarOps = Arbitraries.of(
                Tuple.of("addsd", 8), Tuple.of("addss", 4), Tuple.of("subsd", 8), Tuple.of("subss", 4),
                Tuple.of("mulsd", 8), Tuple.of("mulss", 4), Tuple.of("divsd", 8), Tuple.of("divss", 4),
                Tuple.of("sqrtsd", 8), Tuple.of("sqrtss", 4), Tuple.of("minsd", 8), Tuple.of("minss", 4),
                Tuple.of("maxsd", 8), Tuple.of("maxss", 4), Tuple.of("ucomisd", 8), Tuple.of("ucomiss", 4),
                Tuple.of("comisd", 8), Tuple.of("comiss", 4), Tuple.of("cvtsd2ss", 8), Tuple.of("cvtss2sd", 4));
        Arbitrary<Form> scalar = scalarOps.flatMap(op -> Combinators.combine(xmm(), xmm(), mem(op.get2()), Arbitraries.of(true, false))
                .as((x1, x2, m, reg) -> reg ? form(op.get1() + " " + x1 + "," + x2, op.get1(), x1, x2)
                        : form(op.get1() + " " + x1 + "," + m.text(true), op.get1(), x1, m)));
        Arbitrary<String> fromIntOps = Arbitraries.of("cvtsi2sd", "cvtsi2ss");
        Arbitrary<Form> fromInt = Arbitraries.of(4, 8).flatMap(s -> Combinators.combine(fromIntOps, xmm(), gp(s), mem(s),
                        Arbitraries.of(true, false))
                .as((op, x, r, m, reg) -> reg ? form(op + " " + x + "," + r, op, x, r)
                        : form(op + " " + x + "," + m.text(true), op, x, m)));
        Arbitrary<Tuple.Tuple2<String, Integer>> toIntOps = Arbitraries.of(
                Tuple.of("cvtsd2si", 8), Tuple.of("cvttsd2si", 8), Tuple.of("cvtss2si", 4), Tuple.of("cvttss2si", 4));
        Arbitrary<Form> toInt = Combinators.combine(toIntOps, Arbitraries.of(4, 8)).as(Tuple::of).flatMap(t ->
                Combinators.combine(gp(t.get2()), xmm(), mem(t.get1().get2()), Arbitraries.of(true, false))
                        .as((r, x, m, reg) -> {
                            String op = t.get1().get1();
                            return reg ? form(op + " " + r + "," + x, op, r, x)
                                    : form(op + " " + r + "," + m.text(true), op, r, m);
                        }));
        Arbitrary<Form> mxcsr = Combinators.combine(Arbitraries.of("ldmxcsr", "stmxcsr"), mem(4))
                .as((op, m) -> form(op + " " + m.text(true), op, m));
        return Arbitraries.frequencyOf(Tuple.of(2, gpMoves), Tuple.of(2, memMoves), Tuple.of(1, packed), Tuple.of(5, scalar),
                Tuple.of(2, fromInt), Tuple.of(2, toInt), Tuple.of(1, mxcsr));
    }

    /**
     * The FMA3 scalar multiply-adds in every operand order and sign (vfmadd, vfmsub, vfnmadd, vfnmsub), and AVX's
     * three-operand scalar arithmetic, VEX-encoded.
     */
    static Arbitrary<Form> fma() {
        Arbitrary<Form> fused = Combinators.combine(Arbitraries.of(132, 213, 231), Arbitraries.of(true, false),
                        Arbitraries.of(true, false), Arbitraries.of(true, false), xmm(), xmm(), xmm())
                .as((order, negP, negA, d, x1, x2, x3) -> form("vf" + (negP ? "n" : "") + "m" + (negA ? "sub" : "add")
                        + order + (d ? "sd" : "ss") + " " + x1 + "," + x2 + "," + x3, "vfma", order, negP, negA, d,
                        x1, x2, x3));
        Arbitrary<String> ops = Arbitraries.of("vaddsd", "vaddss", "vsubsd", "vsubss", "vmulsd", "vmulss", "vdivsd",
                "vdivss", "vsqrtsd", "vsqrtss", "vcvtsd2ss", "vcvtss2sd");
        Arbitrary<Form> arithmetic = Combinators.combine(ops, xmm(), xmm(), xmm())
                .as((op, x1, x2, x3) -> form(op + " " + x1 + "," + x2 + "," + x3, op, x1, x2, x3));
        return Arbitraries.oneOf(fused, arithmetic);
    }

    // ---- calling the assembler by name ----

    static Form form(String text, String method, Object... args) {
        return new Form(text, method, Arrays.asList(args));
    }

    /** Calls the public {@link Assembler} method {@code name} whose parameters accept {@code args}. */
    static void invoke(Assembler a, String name, Object... args) {
        List<Method> candidates = new ArrayList<>();
        for (Method m : Assembler.class.getMethods()) {
            if (m.getName().equals(name) && accepts(m.getParameterTypes(), args)) {
                candidates.add(m);
            }
        }
        if (candidates.size() != 1) {
            throw new IllegalStateException(candidates.size() + " methods " + name + " take " + Arrays.toString(args));
        }
        try {
            candidates.get(0).invoke(a, args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static boolean accepts(Class<?>[] params, Object[] args) {
        if (params.length != args.length) {
            return false;
        }
        for (int i = 0; i < params.length; i++) {
            Class<?> p = params[i];
            Class<?> boxed = p == int.class ? Integer.class : p == long.class ? Long.class
                    : p == boolean.class ? Boolean.class : p;
            if (!boxed.isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }
}
