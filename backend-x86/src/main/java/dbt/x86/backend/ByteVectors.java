package dbt.x86.backend;

import dbt.x86.asm.Assembler;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Label;
import dbt.x86.asm.Mem;
import dbt.x86.asm.Xmm;
import dbt.x86.asm.Ymm;
import java.util.function.Consumer;

/**
 * Byte-vector operations of the host routines on {@link #width} bytes: 32 (the ymm registers of AVX2) or 16 (SSE2's
 * xmm registers), so that a scan or a compare is written once for both. Registers are named by their xmm; at 32 bytes
 * the operations use the ymm of the same number.
 *
 * <p>Invariants:
 * <ul>
 * <li>The forms are AVX's three-operand ones ({@code dst = x op y}). At 16 bytes a memory operand is loaded into dst
 * first (movdqu: any address) where dst is not x, and read by the instruction itself where it is (SSE2 then needs it
 * 16-byte aligned: only aligned steps use that form).</li>
 * <li>Each instruction that touches guest memory is marked as a fault site (the {@code access} given, for the label
 * given), and is the only one so marked; an access given no label is one that cannot fault (its pages probed).</li>
 * <li>Code that used 32-byte vectors runs {@link #end} before any SSE code runs (the upper halves left dirty make
 * legacy SSE instructions slow on Intel's CPUs); 16-byte vectors leave nothing to clear.</li>
 * </ul>
 */
final class ByteVectors {
    /** Bytes per vector: 32 or 16. */
    final int width;
    private final Assembler a;
    private final Consumer<Label> access;
    private final boolean avx;
    /** Whether a 32-byte operation was emitted since {@link #begin}. */
    private boolean dirty;

    /** Vectors of 32 bytes if {@code wide} and the host has AVX2, else of 16. */
    ByteVectors(Assembler a, Consumer<Label> access, boolean wide) {
        this.a = a;
        this.access = access;
        this.avx = wide && HostFeatures.avx2();
        this.width = avx ? 32 : 16;
    }

    /** {@code [base + index + disp]}, a vector wide. */
    Mem at(Gp base, Gp index, int disp) {
        return Mem.of(width, base, index, 1, disp);
    }

    /** A movemask's result with every byte marked: {@code 2^width - 1}, as 32 bits. */
    int allMarked() {
        return (int) ((1L << width) - 1);
    }

    /** dst = m; with out null an access that cannot fault (its pages were probed), not a fault site. */
    void load(Xmm dst, Mem m, Label out) {
        mark(out);
        if (ymm()) {
            a.vmovdqu(Ymm.of(dst), m);
        } else {
            a.movdqu(dst, m);
        }
    }

    /** m = src; with out null an access that cannot fault, as {@link #load}'s. */
    void store(Mem m, Xmm src, Label out) {
        mark(out);
        if (ymm()) {
            a.vmovdqu(m, Ymm.of(src));
        } else {
            a.movdqu(m, src);
        }
    }

    /** dst = the bytes where x and m are equal, all ones, the rest zero. */
    void equal(Xmm dst, Xmm x, Mem m, Label out) {
        withMemory(dst, x, m, out, a::vpcmpeqb, a::pcmpeqb);
    }

    void equal(Xmm dst, Xmm x, Xmm y) {
        withRegisters(dst, x, y, a::vpcmpeqb, a::pcmpeqb);
    }

    /** dst = the bytewise unsigned minimum of x and m. */
    void min(Xmm dst, Xmm x, Mem m, Label out) {
        if (!avx && dst == x) {
            mark(out);
            a.pminub(dst, m);
        } else {
            withMemory(dst, x, m, out, a::vpminub, a::pminub);
        }
    }

    /** dst = the bytewise unsigned minimum of x and y. */
    void min(Xmm dst, Xmm x, Xmm y) {
        withRegisters(dst, x, y, a::vpminub, a::pminub);
    }

    /** dst = x xor m. */
    void xor(Xmm dst, Xmm x, Mem m, Label out) {
        withMemory(dst, x, m, out, a::vpxor, a::pxor);
    }

    void or(Xmm dst, Xmm x, Xmm y) {
        withRegisters(dst, x, y, a::vpor, a::por);
    }

    void and(Xmm dst, Xmm x, Xmm y) {
        withRegisters(dst, x, y, a::vpand, a::pand);
    }

    void zero(Xmm dst) {
        if (ymm()) {
            a.vpxor(Ymm.of(dst), Ymm.of(dst), Ymm.of(dst));
        } else {
            a.pxor(dst, dst);
        }
    }

    /** dst (32 bits) = the top bit of each of v's bytes. */
    void movemask(Gp dst, Xmm v) {
        if (ymm()) {
            a.vpmovmskb(dst, Ymm.of(v));
        } else {
            a.pmovmskb(dst, v);
        }
    }

    /** Every byte of dst, and of c (a 32-bit register), the low byte of c. */
    void broadcast(Xmm dst, Gp c) {
        a.movzx(c, c.withSize(1));
        a.imul(c, c, 0x01010101);
        a.movd(dst, c);
        if (ymm()) {
            a.vpbroadcastb(Ymm.of(dst), dst);
        } else {
            a.pshufd(dst, dst, 0);
        }
    }

    /** From here on, {@link #end} clears the upper halves only if code emitted after this used them. */
    void begin() {
        dirty = false;
    }

    /**
     * Clears the upper halves of the ymm registers if code emitted since {@link #begin} used them (a routine's code:
     * at its end and before its SSE steps): before SSE code runs again.
     */
    void end() {
        if (dirty) {
            a.vzeroupper();
        }
    }

    /** Clears the upper halves of the ymm registers on a way out that any code of this may reach. */
    void endAnyway() {
        if (avx) {
            a.vzeroupper();
        }
    }

    /** Whether the operation about to be emitted is a 32-byte one (then {@link #end} has upper halves to clear). */
    private boolean ymm() {
        dirty |= avx;
        return avx;
    }

    /** Marks the instruction emitted next as a fault site recovering at out, unless out is null. */
    private void mark(Label out) {
        if (out != null) {
            access.accept(out);
        }
    }

    /** A 32-byte op with a memory operand, {@code dst = x op m}. */
    private interface WideForm {
        void emit(Ymm dst, Ymm x, Mem m);
    }

    /** A commutative 16-byte op, {@code dst = dst op x}. */
    private interface NarrowForm {
        void emit(Xmm dst, Xmm x);
    }

    /**
     * {@code dst = x op m}: the wide form at 32 bytes; at 16, m loaded into dst (not x) and the narrow form with x.
     */
    private void withMemory(Xmm dst, Xmm x, Mem m, Label out, WideForm wide, NarrowForm narrow) {
        if (ymm()) {
            mark(out);
            wide.emit(Ymm.of(dst), Ymm.of(x), m);
            return;
        }
        if (dst == x) {
            throw new IllegalArgumentException("a 16-byte " + m + " op into its own source " + x);
        }
        load(dst, m, out);
        narrow.emit(dst, x);
    }

    /** A 32-byte op on registers, {@code dst = x op y}. */
    private interface WideRegisterForm {
        void emit(Ymm dst, Ymm x, Ymm y);
    }

    /**
     * {@code dst = x op y}, op commutative: the wide form at 32 bytes; at 16, the narrow form on dst and whichever of
     * x and y dst is not (dst copied from x first where it is neither).
     */
    private void withRegisters(Xmm dst, Xmm x, Xmm y, WideRegisterForm wide, NarrowForm narrow) {
        if (ymm()) {
            wide.emit(Ymm.of(dst), Ymm.of(x), Ymm.of(y));
            return;
        }
        if (dst != x && dst != y) {
            a.movaps(dst, x);
        }
        narrow.emit(dst, dst == y ? x : y);
    }
}
