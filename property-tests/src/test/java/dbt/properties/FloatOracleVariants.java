package dbt.properties;

import dbt.isa.model.Field;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import dbt.properties.IsaDescriptions.Isa;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The instructions {@link FloatOracleTest} runs: every computational instruction of the F and D extensions of the
 * loaded RISC-V model (rv64f.isa, rv64d.isa; loads, stores and compressed forms left out), once per rounding mode
 * (0..4 and 7, dynamic) when it has a rounding-mode field, encoded from the model's own fields with fixed registers
 * (fd = fa0, fs1 = fa1, fs2 = fa2, fs3 = fa3, rd = a0, rs1 = a1) and checked by decoding the word back. Also the
 * RISC-V assembly that wraps each variant in a small function for the C driver (float-oracle/driver.c).
 */
final class FloatOracleVariants {
    private FloatOracleVariants() {}

    /** The description files whose instructions are tested. */
    static final List<String> FILES = List.of("rv64f.isa", "rv64d.isa");

    /** The rounding modes each instruction with a rounding-mode field is run with (5 and 6 are reserved). */
    static final int[] MODES = {0, 1, 2, 3, 4, 7};

    static final String[] MODE_NAMES = {"rne", "rtz", "rdn", "rup", "rmm", "res5", "res6", "dyn"};

    /** Fixed registers: the number each register field is encoded with. */
    static final int FA0 = 10, FA1 = 11, FA2 = 12, FA3 = 13, A0 = 10, A1 = 11;

    /** Sentinels loaded into fa0 and a0 before the instruction: what a register it does not write reads as. */
    static final long FD_SENTINEL = 0x5a5a_5a5a_5a5a_5a5aL;
    static final long RD_SENTINEL = 0xa5a5_a5a5_a5a5_a5a5L;

    /** An IEEE binary format: precision p (significand bits, hidden one included) and exponent bits. */
    enum Fmt {
        S(24, 8), D(53, 11);

        final int p;
        final int ebits;
        final int width;
        final int bias;
        final int emin; // unbiased exponent of the smallest normal
        final int emax;

        Fmt(int p, int ebits) {
            this.p = p;
            this.ebits = ebits;
            this.width = p + ebits;
            this.bias = (1 << (ebits - 1)) - 1;
            this.emin = 1 - bias;
            this.emax = bias;
        }

        long signBit() {
            return 1L << (width - 1);
        }

        long mantMask() {
            return (1L << (p - 1)) - 1;
        }

        long expMask() {
            return ((1L << ebits) - 1) << (p - 1);
        }

        long maskAll() {
            return width == 64 ? -1L : (1L << width) - 1;
        }

        /** The exponent of the least subnormal: its value is 2^qmin. */
        int qmin() {
            return emin - (p - 1);
        }
    }

    /** What an instruction does, which decides how its operands are chosen. */
    enum Kind { ADD, MUL, DIV, SQRT, FMA, F2I, I2F, F2F, MINMAX, SGNJ, CMP, CLASS, MV_TO_X, MV_FROM_X }

    /**
     * One instruction with one rounding mode (rm = -1: no rounding-mode field). src: the format of its floating-point
     * operands (null: its operand is rs1); intWidth: the bits of rs1 it reads (32 or 64) or of rd it writes; dst:
     * the format of fd (null: it writes rd).
     */
    record Variant(int index, Isa isa, Instruction insn, String rmField, int rm, long word, Kind kind, Fmt src,
                   int intWidth, boolean intSigned, Fmt dst, int floatSources, boolean readsRs1, boolean writesRd) {
        String name() {
            return insn.name() + (rm < 0 ? "" : "." + MODE_NAMES[rm]);
        }

        String disassembly() {
            return isa.printer().print(insn, word, 0);
        }

        boolean dynamic() {
            return rm == 7;
        }

        /** The rounding mode the instruction uses given fcsr (-1 when it has none). */
        int effectiveMode(int fcsr) {
            return rm < 0 ? -1 : rm == 7 ? (fcsr >> 5) & 7 : rm;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** The variants of every F and D computational instruction of the model, numbered from 0. */
    static List<Variant> derive(Isa isa) {
        IsaModel model = isa.model();
        List<Variant> out = new ArrayList<>();
        for (Instruction insn : model.instructions()) {
            if (!selected(model, insn)) {
                continue;
            }
            String rmField = null;
            for (int f : insn.fields()) {
                String n = model.fields().get(f).name();
                if (n.equals("rm") || n.equals("rm_exact")) {
                    rmField = n;
                }
            }
            if (rmField == null) {
                out.add(make(isa, insn, null, -1, out.size()));
            } else {
                for (int mode : MODES) {
                    out.add(make(isa, insn, rmField, mode, out.size()));
                }
            }
        }
        return out;
    }

    /** A computational F or D instruction: 32 bits, from rv64f.isa or rv64d.isa, no immediate (no load or store). */
    static boolean selected(IsaModel model, Instruction insn) {
        if (insn.length() != 32 || insn.location() == null) {
            return false;
        }
        String file = Path.of(insn.location().file()).getFileName().toString();
        if (!FILES.contains(file)) {
            return false;
        }
        for (int f : insn.fields()) {
            if (model.fields().get(f).kind() instanceof Field.Immediate) {
                return false;
            }
        }
        return true;
    }

    private static Variant make(Isa isa, Instruction insn, String rmField, int rm, int index) {
        IsaModel model = isa.model();
        long word = insn.match();
        int floatSources = 0;
        boolean readsRs1 = false;
        boolean writesRd = false;
        List<long[]> expected = new ArrayList<>(); // {field index, value}
        for (int f : insn.fields()) {
            Field field = model.fields().get(f);
            long value = switch (field.name()) {
                case "fd" -> FA0;
                case "fs1" -> { floatSources = Math.max(floatSources, 1); yield FA1; }
                case "fs2" -> { floatSources = Math.max(floatSources, 2); yield FA2; }
                case "fs3" -> { floatSources = Math.max(floatSources, 3); yield FA3; }
                case "rd" -> { writesRd = true; yield A0; }
                case "rs1" -> { readsRs1 = true; yield A1; }
                case "rm", "rm_exact" -> rm;
                default -> throw new AssertionError(insn.name() + ": field " + field.name()
                        + " is not one FloatOracleTest knows how to fill (fd, fs1..fs3, rd, rs1, rm, rm_exact)");
            };
            Field.Encoded e = field.encode(value);
            if (!e.ok()) {
                throw new AssertionError(insn.name() + ": field " + field.name() + " cannot encode " + value + ": "
                        + e.error());
            }
            word |= e.bits();
            expected.add(new long[] {f, value});
        }
        // The word must decode back to the same instruction, with the same field values, by the decode tree and by
        // the reference (linear-scan) decoder.
        Instruction decoded = isa.tree().decode(word, 32);
        if (decoded != insn) {
            throw new AssertionError(insn.name() + " rm=" + rm + ": word " + Encodings.hex(word, 32) + " decodes to "
                    + (decoded == null ? "nothing" : decoded.name()));
        }
        Instruction reference = Encodings.reference(model, word, 32);
        if (reference != insn) {
            throw new AssertionError(insn.name() + ": word " + Encodings.hex(word, 32)
                    + " is, by the reference decoder, " + (reference == null ? "nothing" : reference.name()));
        }
        for (long[] fv : expected) {
            Field field = model.fields().get((int) fv[0]);
            if (field.decode(word) != fv[1]) {
                throw new AssertionError(insn.name() + ": field " + field.name() + " of " + Encodings.hex(word, 32)
                        + " decodes to " + field.decode(word) + ", encoded " + fv[1]);
            }
        }

        // What the operands and results are, from the name (op.fmt, or fcvt/fmv.dst.src).
        String[] parts = insn.name().toLowerCase(Locale.ROOT).split("\\.");
        String op = parts[0];
        String dstLetter = parts[parts.length == 3 ? 1 : parts.length - 1];
        String srcLetter = parts[parts.length - 1];
        Kind kind = switch (op) {
            case "fadd", "fsub" -> Kind.ADD;
            case "fmul" -> Kind.MUL;
            case "fdiv" -> Kind.DIV;
            case "fsqrt" -> Kind.SQRT;
            case "fmadd", "fmsub", "fnmadd", "fnmsub" -> Kind.FMA;
            case "fmin", "fmax" -> Kind.MINMAX;
            case "fsgnj", "fsgnjn", "fsgnjx" -> Kind.SGNJ;
            case "feq", "flt", "fle" -> Kind.CMP;
            case "fclass" -> Kind.CLASS;
            case "fcvt" -> floatLetter(srcLetter) && floatLetter(dstLetter) ? Kind.F2F
                    : floatLetter(srcLetter) ? Kind.F2I : Kind.I2F;
            case "fmv" -> readsRs1 ? Kind.MV_FROM_X : Kind.MV_TO_X;
            default -> throw new AssertionError("FloatOracleTest does not know how to choose operands for "
                    + insn.name() + ": teach FloatOracleVariants its kind");
        };
        if (parts.length != 2 && parts.length != 3) {
            throw new AssertionError("unexpected instruction name " + insn.name());
        }
        Fmt src = null;
        int intWidth = 64;
        boolean intSigned = true;
        if (floatSources > 0) {
            // fmv.x.w reads the low 32 bits of a float register: a single.
            src = switch (srcLetter) {
                case "s", "w" -> Fmt.S;
                case "d" -> Fmt.D;
                default -> throw new AssertionError(insn.name() + ": unknown source format " + srcLetter);
            };
        }
        String intLetter = readsRs1 ? srcLetter : writesRd ? dstLetter : null;
        if (intLetter != null && (kind == Kind.I2F || kind == Kind.F2I)) {
            switch (intLetter) {
                case "w" -> { intWidth = 32; intSigned = true; }
                case "wu" -> { intWidth = 32; intSigned = false; }
                case "l" -> { intWidth = 64; intSigned = true; }
                case "lu" -> { intWidth = 64; intSigned = false; }
                default -> throw new AssertionError(insn.name() + ": unknown integer format " + intLetter);
            }
        }
        Fmt dst = null;
        if (!writesRd) {
            dst = switch (dstLetter) {
                case "s", "w" -> Fmt.S;
                case "d" -> Fmt.D;
                default -> throw new AssertionError(insn.name() + ": unknown destination format " + dstLetter);
            };
        }
        if (floatSources == 0 && !readsRs1) {
            throw new AssertionError(insn.name() + ": reads no operand");
        }
        return new Variant(index, isa, insn, rmField, rm, word, kind, src, intWidth, intSigned, dst, floatSources,
                readsRs1, writesRd);
    }

    private static boolean floatLetter(String s) {
        return s.equals("s") || s.equals("d");
    }

    /**
     * The assembly of every variant as a function {@code void f(const struct oracle_in *a0, struct oracle_out *a1)}
     * and the table {@code oracle_variants} / {@code oracle_variant_count} that driver.c calls them through.
     */
    static String assembly(List<Variant> variants) {
        StringBuilder s = new StringBuilder();
        s.append("# Generated by FloatOracleTest: one function per variant (see float-oracle/driver.c).\n");
        s.append("# in: a(0) b(8) c(16) x(24) fcsr(32); out: fd(0) rd(8) fcsr(16)\n");
        s.append("\t.section .rodata\n\t.balign 8\noracle_sentinels:\n");
        s.append(String.format("\t.dword 0x%016x\n\t.dword 0x%016x\n", FD_SENTINEL, RD_SENTINEL));
        s.append("\t.text\n");
        for (Variant v : variants) {
            s.append("\n\t.balign 4\n");
            s.append("oracle_v").append(v.index()).append(":\t# ").append(v.name()).append(": ")
                    .append(v.disassembly()).append('\n');
            s.append("\tlw t0, 32(a0)\n");
            s.append("\tld t1, 24(a0)\n");
            s.append("\tfld fa1, 0(a0)\n");
            s.append("\tfld fa2, 8(a0)\n");
            s.append("\tfld fa3, 16(a0)\n");
            s.append("\tmv t2, a1\n");
            s.append("\tmv a1, t1\n");
            s.append("\tlla t3, oracle_sentinels\n");
            s.append("\tfld fa0, 0(t3)\n");
            s.append("\tld a0, 8(t3)\n");
            s.append("\tfscsr t0\n");
            s.append(String.format("\t.4byte 0x%08x\n", v.word()));
            s.append("\tfrcsr t0\n");
            s.append("\tfsd fa0, 0(t2)\n");
            s.append("\tsd a0, 8(t2)\n");
            s.append("\tsd t0, 16(t2)\n");
            s.append("\tret\n");
        }
        s.append("\n\t.section .rodata\n\t.balign 8\n\t.globl oracle_variants\noracle_variants:\n");
        for (Variant v : variants) {
            s.append("\t.dword oracle_v").append(v.index()).append('\n');
        }
        s.append("\t.globl oracle_variant_count\noracle_variant_count:\n\t.dword ").append(variants.size())
                .append('\n');
        return s.toString();
    }
}
