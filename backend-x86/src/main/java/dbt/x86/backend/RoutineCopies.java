package dbt.x86.backend;

import dbt.x86.asm.Assembler;
import dbt.x86.asm.Cond;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Label;
import dbt.x86.asm.Mem;
import dbt.x86.asm.Xmm;
import java.util.function.Consumer;

/**
 * The host code of the copy and fill routines (memcpy, memmove, memset) for {@link RoutineLowering}, whose
 * invariants it keeps: every byte written lies in the window, every instruction that touches guest memory is a
 * fault site, and what a copy or fill wrote before a fault, the guest's own code writes again (a copy reads each
 * page of its source first; an overlapping memmove first writes each page it will write with its own byte).
 * Uses rax, rcx, rdx, rsi, rdi, xmm0 and xmm1 (ymm0 with AVX2: {@link RoutineLowering} clears the upper halves).
 */
final class RoutineCopies {
    private static final int PAGE = RoutineLowering.PAGE;

    private final Assembler a;
    private final Consumer<Label> access;
    private final Mem windowSize;
    /** An overlapping memmove's vectors: 32 bytes where the host has AVX2. */
    private final ByteVectors wide;
    /** 16-byte vectors: a fill's, and an overlapping memmove's half step where wide ones do not fit. */
    private final ByteVectors narrow;

    RoutineCopies(Assembler a, Consumer<Label> access, Mem windowSize, ByteVectors wide, ByteVectors narrow) {
        this.a = a;
        this.access = access;
        this.windowSize = windowSize;
        this.wide = wide;
        this.narrow = narrow;
    }

    /** Marks the instruction emitted next as one that touches guest memory, recovering at out. */
    private void access(Label out) {
        access.accept(out);
    }

    /**
     * memcpy (move false) and memmove (rax, rdx, rcx): both ranges checked to end inside the window; where they do
     * not overlap, {@link #copyApart}; where they do, memcpy declines (undefined in C: the guest's code does what it
     * does), and memmove first writes every page of the two ranges with one of its own bytes (an atomic add of 0:
     * it faults where the guest may not write, before anything changed), then copies with {@link #copyOverlapping}.
     * The result (the destination) in rax.
     */
    Gp copy(Label out, boolean move) {
        Label up = move ? a.newLabel() : out;
        Label down = move ? a.newLabel() : out;
        Label done = a.newLabel();
        endsInWindow(Gp.RAX, out);
        endsInWindow(Gp.RDX, out);
        a.mov(Gp.RDI, Gp.RAX);
        a.sub(Gp.RDI, Gp.RDX);
        a.cmp(Gp.RDI, Gp.RCX);
        a.jcc(Cond.B, down); // s <= d < s + n
        a.mov(Gp.RDI, Gp.RDX);
        a.sub(Gp.RDI, Gp.RAX);
        a.cmp(Gp.RDI, Gp.RCX);
        a.jcc(Cond.B, up); // d < s < d + n
        copyApart(out);
        if (move) {
            a.jmp(done);
            a.bind(up);
            probeAndCopy(out, Gp.RAX, Gp.RDX, true);
            a.jmp(done);
            a.bind(down);
            probeAndCopy(out, Gp.RDX, Gp.RAX, false);
        }
        a.bind(done);
        return Gp.RAX;
    }

    /**
     * Copies rcx bytes from guest rdx to guest rax, which do not overlap: with rep movsb where the host has ERMS (on
     * Intel's hosts faster than 16-byte steps for short copies too: strings.c 0.88 -> 1.13 s with them below 512
     * bytes), else with {@link #moves}. Each page of the source is read first: the guest's code reads ahead of its
     * writes, so where it cannot read the source it faults having written less than the copy would (a destination
     * it cannot write, it writes up to, as the copy does). So a fault leaves the destination as it was too.
     */
    private void copyApart(Label out) {
        Label empty = a.newLabel();
        a.test(Gp.RCX, Gp.RCX);
        a.jcc(Cond.E, empty);
        a.mov(Gp.RSI, Gp.RDX);
        a.lea(Gp.RDI, Mem.of(8, Gp.RDX, Gp.RCX, 1, 0));
        probe(out, false);
        a.bind(empty);
        a.lea(Gp.RDI, Mem.of(8, Gp.R14, Gp.RAX, 1, 0));
        a.lea(Gp.RSI, Mem.of(8, Gp.R14, Gp.RDX, 1, 0));
        if (HostFeatures.erms()) {
            access(out);
            a.repMovsb();
        } else {
            moves(out, true);
        }
    }

    /**
     * Stores rcx bytes at host rdi: copied from host rsi (copy, the two not overlapping), or the byte repeated in
     * all of xmm0 and edx (a fill). 16 bytes per step and a last step that ends at the end (overlapping the one
     * before it); under 16 bytes, two moves of the largest size that fits, one from each end (a byte and a word
     * under 4). Every byte read or written lies in the ranges. Uses rcx, rdx, xmm0, xmm1, and for a fill rsi.
     */
    private void moves(Label out, boolean copy) {
        Label small = a.newLabel();
        Label under8 = a.newLabel();
        Label under4 = a.newLabel();
        Label step = a.newLabel();
        Label done = a.newLabel();
        a.cmp(Gp.RCX, 16);
        a.jcc(Cond.B, small);
        a.sub(Gp.RCX, 16); // (where the last step starts)
        Gp k = copy ? Gp.RDX : Gp.RSI; // the offset (edx holds a fill's pattern)
        a.xor(k.withSize(4), k.withSize(4));
        a.bind(step);
        if (copy) {
            access(out);
            a.movdqu(Xmm.XMM0, Mem.of(16, Gp.RSI, k, 1, 0));
        }
        access(out);
        a.movdqu(Mem.of(16, Gp.RDI, k, 1, 0), Xmm.XMM0);
        a.add(k, 16);
        a.cmp(k, Gp.RCX);
        a.jcc(Cond.B, step);
        if (copy) {
            access(out);
            a.movdqu(Xmm.XMM0, Mem.of(16, Gp.RSI, Gp.RCX, 1, 0));
        }
        access(out);
        a.movdqu(Mem.of(16, Gp.RDI, Gp.RCX, 1, 0), Xmm.XMM0);
        a.jmp(done);
        a.bind(small);
        a.cmp(Gp.ECX, 8);
        a.jcc(Cond.B, under8);
        endMoves(out, copy, 8);
        a.jmp(done);
        a.bind(under8);
        a.cmp(Gp.ECX, 4);
        a.jcc(Cond.B, under4);
        endMoves(out, copy, 4);
        a.jmp(done);
        a.bind(under4);
        a.test(Gp.ECX, Gp.ECX);
        a.jcc(Cond.E, done);
        if (copy) {
            access(out);
            a.movzx(Gp.EDX, Mem.of(1, Gp.RSI, 0));
        }
        access(out);
        a.mov(Mem.of(1, Gp.RDI, 0), Gp.DL);
        a.cmp(Gp.ECX, 2);
        a.jcc(Cond.B, done);
        if (copy) {
            access(out);
            a.movzx(Gp.EDX, Mem.of(2, Gp.RSI, Gp.RCX, 1, -2));
        }
        access(out);
        a.mov(Mem.of(2, Gp.RDI, Gp.RCX, 1, -2), Gp.DX);
        a.bind(done);
    }

    /**
     * Moves size bytes (8 or 4) to each end of the rcx bytes (at least size) at rdi: from the same ends of rsi
     * (copy; both read before either is written), or xmm0's.
     */
    private void endMoves(Label out, boolean copy, int size) {
        if (copy) {
            access(out);
            load(Xmm.XMM0, Mem.of(size, Gp.RSI, 0), size);
            access(out);
            load(Xmm.XMM1, Mem.of(size, Gp.RSI, Gp.RCX, 1, -size), size);
        }
        access(out);
        store(Mem.of(size, Gp.RDI, 0), Xmm.XMM0, size);
        access(out);
        store(Mem.of(size, Gp.RDI, Gp.RCX, 1, -size), copy ? Xmm.XMM1 : Xmm.XMM0, size);
    }

    private void load(Xmm x, Mem m, int size) {
        if (size == 8) {
            a.movq(x, m);
        } else {
            a.movd(x, m);
        }
    }

    private void store(Mem m, Xmm x, int size) {
        if (size == 8) {
            a.movq(m, x);
        } else {
            a.movd(m, x);
        }
    }

    /**
     * An overlapping memmove: writes every page of [low, other + n) (the two ranges, low the lower start) with one of
     * its own bytes, then copies upwards (the destination, rax, is low) or downwards.
     */
    private void probeAndCopy(Label out, Gp low, Gp other, boolean up) {
        a.mov(Gp.RSI, low);
        a.lea(Gp.RDI, Mem.of(8, other, Gp.RCX, 1, 0));
        probe(out, true);
        a.mov(Gp.RCX, Gp.RDI);
        a.sub(Gp.RCX, other); // (n again)
        copyOverlapping(up);
    }

    /**
     * Copies rcx bytes from guest rdx to guest rax where the two overlap (probed: no access faults), a vector at a
     * time (rep movsb is slow where the two overlap: libcstrings 2.6 -> 1.65 s), then a 16-byte step if one fits,
     * then a byte at a time: upwards when the destination is below the source, else downwards, so that each step
     * reads its bytes before it writes over any source byte not yet read (those all lie ahead of it). Uses rsi, rdi,
     * rdx.
     */
    private void copyOverlapping(boolean up) {
        Label bytes = a.newLabel();
        Label done = a.newLabel();
        // Up: rsi and rdi at the ends and rcx from -n up to 0; down: at the starts and rcx from n down to 0.
        a.lea(Gp.RSI, Mem.of(8, Gp.R14, Gp.RDX, 1, 0));
        a.lea(Gp.RDI, Mem.of(8, Gp.R14, Gp.RAX, 1, 0));
        if (up) {
            a.add(Gp.RSI, Gp.RCX);
            a.add(Gp.RDI, Gp.RCX);
            a.neg(Gp.RCX);
        }
        overlappingSteps(wide, up, true);
        if (narrow.width < wide.width) {
            wide.end();
            overlappingSteps(narrow, up, false);
        }
        a.test(Gp.RCX, Gp.RCX);
        a.jcc(Cond.E, done);
        a.bind(bytes);
        if (!up) {
            a.dec(Gp.RCX);
        }
        a.movzx(Gp.EDX, Mem.of(1, Gp.RSI, Gp.RCX, 1, 0));
        a.mov(Mem.of(1, Gp.RDI, Gp.RCX, 1, 0), Gp.DL);
        if (up) {
            a.inc(Gp.RCX);
        } else {
            a.test(Gp.RCX, Gp.RCX);
        }
        a.jcc(Cond.NE, bytes);
        a.bind(done);
    }

    /** Steps of a vector of v of {@link #copyOverlapping} while one fits (loop), or one step if it fits. */
    private void overlappingSteps(ByteVectors v, boolean up, boolean loop) {
        Label step = a.newLabel();
        Label next = a.newLabel();
        a.bind(step);
        a.cmp(Gp.RCX, up ? -v.width : v.width);
        a.jcc(up ? Cond.G : Cond.L, next);
        if (!up) {
            a.sub(Gp.RCX, v.width);
        }
        v.load(Xmm.XMM0, v.at(Gp.RSI, Gp.RCX, 0), null);
        v.store(v.at(Gp.RDI, Gp.RCX, 0), Xmm.XMM0, null);
        if (up) {
            a.add(Gp.RCX, v.width);
        }
        if (loop) {
            a.jmp(step);
        }
        a.bind(next);
    }

    /**
     * Touches each page of guest range [rsi, rdi) (not empty): writes one of its bytes with the value it holds, or
     * only reads it; rsi moves, rcx is lost when writing.
     */
    private void probe(Label out, boolean write) {
        Label page = a.newLabel();
        a.bind(page);
        if (write) {
            a.xor(Gp.ECX, Gp.ECX);
            access(out);
            a.lockXadd(Mem.of(1, Gp.R14, Gp.RSI, 1, 0), Gp.CL);
        } else {
            access(out);
            a.test(Mem.of(1, Gp.R14, Gp.RSI, 1, 0), 0);
        }
        a.and(Gp.RSI, -PAGE);
        a.add(Gp.RSI, PAGE);
        a.cmp(Gp.RSI, Gp.RDI);
        a.jcc(Cond.B, page);
    }

    /**
     * memset(rax, rdx, rcx): the range checked to end inside the window, then one rep stosb (ERMS, see
     * {@link #copyApart}) or {@link #moves} of the byte repeated; the result (the destination) in rdx or rax.
     */
    Gp memset(Label out) {
        endsInWindow(Gp.RAX, out);
        a.lea(Gp.RDI, Mem.of(8, Gp.R14, Gp.RAX, 1, 0));
        if (HostFeatures.erms()) {
            a.xchg(Gp.RAX, Gp.RDX); // (the byte in al, the destination kept in rdx)
            access(out);
            a.repStosb();
            return Gp.RDX;
        }
        narrow.broadcast(Xmm.XMM0, Gp.EDX);
        moves(out, false);
        return Gp.RAX;
    }

    /** Goes to out unless start + rcx bytes end inside the window (without wrapping around). */
    private void endsInWindow(Gp start, Label out) {
        a.mov(Gp.RSI, start);
        a.add(Gp.RSI, Gp.RCX);
        a.jcc(Cond.B, out); // (a carry: past 2^64)
        a.cmp(Gp.RSI, windowSize);
        a.jcc(Cond.A, out);
    }
}
