package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.Routine;
import dbt.x86.asm.Cond;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Label;
import dbt.x86.asm.Mem;
import dbt.x86.asm.Xmm;

/**
 * The host code of {@link Routine}s: C string functions run on guest memory, 16 bytes per step where the guest's
 * code takes one or eight, or with {@code rep movsb}/{@code rep stosb} where the host has ERMS.
 *
 * <p>Invariants, which make a routine's result the guest function's:
 * <ul>
 * <li>Every guest byte it reads or writes is at r14 + a guest address below the window's size (checked for each
 * page a string routine enters, and once for a whole copy), and every instruction that touches guest memory is a
 * {@link FaultSite}: a page the guest may not access sends the block to the guest's own code at the function's first
 * instruction, with guest registers as they were, which then faults where the guest's code does (a declined routine
 * goes there too, and does what the guest's code does). What a copy or fill wrote before a fault, that code writes
 * again from the same source: memcpy declines overlapping ranges, and an overlapping memmove first probes every page
 * it will write ({@link #probe}), so that it cannot fault half way.</li>
 * <li>A routine reads only pages the guest's code reads too: a 16-byte step stays in one page for each pointer
 * (aligned steps for strlen and strchr; strcmp and memcmp take as many as fit before the nearer page end, then one
 * byte), and the first byte it reads in a page is one the guest function reads. So it never faults where the guest's
 * code would not.</li>
 * <li>It uses rax, rcx, rdx and xmm0..xmm3 (scratch here, see {@link FloatLowering#forget}), and rsi and rdi, saved
 * on the stack around their use (a fault pops them on its way out, before the cold path writes guest registers back
 * from spill slots addressed off rsp). Its operands are read before rsp moves.</li>
 * </ul>
 */
final class RoutineLowering extends Lowering {
    /** The size of a page, which the host's protection (and so a fault) works by. */
    private static final int PAGE = 4096;

    private final FloatLowering floats;

    RoutineLowering(BlockContext cx, FloatLowering floats) {
        super(cx);
        this.floats = floats;
    }

    void emit(Inst i) {
        Routine r = Routine.values()[(int) i.aux];
        Label out = coldInterpret(() -> { // (declined, or a fault: the guest's code runs from the function's entry)
            a.pop(Gp.RDI);
            a.pop(Gp.RSI);
        });
        into(Gp.RAX, i.operand(0));
        into(Gp.RDX, i.operand(1));
        into(Gp.RCX, i.operand(2));
        a.push(Gp.RSI);
        a.push(Gp.RDI);
        Gp result = switch (r) {
            case STRLEN -> strlen(out);
            case STRCMP -> {
                a.mov(Gp.RCX, -1); // (strncmp of at most 2^64 - 1 bytes)
                yield compareBounded(out, true);
            }
            case MEMCMP -> compareBounded(out, false);
            case STRNCMP -> compareBounded(out, true);
            case MEMCHR -> memchr(out);
            case STRCHR -> strchr(out);
            case MEMCPY -> copy(out, false);
            case MEMMOVE -> copy(out, true);
            case MEMSET -> memset(out);
        };
        a.pop(Gp.RDI);
        a.pop(Gp.RSI);
        floats.forget();
        Gp t = target(i);
        if (t != result) {
            a.mov(t, result);
        }
        finish(i, t);
    }

    private Mem windowSize() {
        return Mem.q(Gp.R15, layout.windowSizeOffset());
    }

    /** Marks the instruction emitted next as one that touches guest memory, recovering at out. */
    private void access(Label out) {
        cx.faultSites.add(new FaultSite(a.offset(), out));
    }

    /**
     * Scans 16-byte steps, aligned, from the one holding guest address rax for the first byte that mask marks (mask
     * turns the step's bytes, in xmm1, into bits in edx; it may use xmm1 and xmm2); that byte's guest address in
     * rdx. An aligned step stays in one page, and the scan takes the next one only where the bytes before it were
     * not enough (the guest's code reads into that page too). With end (a register, guest address), none is taken
     * that starts at or past it: then rdx is 0. Uses rsi and rcx.
     */
    private void scan(Label out, Runnable mask, Gp end) {
        Label step = a.newLabel();
        Label first = a.newLabel();
        Label none = a.newLabel();
        Label done = a.newLabel();
        a.mov(Gp.RSI, Gp.RAX);
        a.and(Gp.RSI, -16);
        a.cmp(Gp.RSI, windowSize());
        a.jcc(Cond.AE, out);
        access(out);
        a.movdqu(Xmm.XMM1, Mem.of(16, Gp.R14, Gp.RSI, 1, 0));
        mask.run();
        a.mov(Gp.ECX, Gp.EAX);
        a.and(Gp.ECX, 15);
        a.shr(Gp.EDX, Gp.CL); // (the bytes before rax)
        a.test(Gp.EDX, Gp.EDX);
        a.jcc(Cond.NE, first);
        a.bind(step);
        a.add(Gp.RSI, 16);
        if (end != null) {
            a.cmp(Gp.RSI, end);
            a.jcc(Cond.AE, none);
        }
        a.cmp(Gp.RSI, windowSize());
        a.jcc(Cond.AE, out);
        access(out);
        a.movdqu(Xmm.XMM1, Mem.of(16, Gp.R14, Gp.RSI, 1, 0));
        mask.run();
        a.test(Gp.EDX, Gp.EDX);
        a.jcc(Cond.E, step);
        a.bsf(Gp.EDX, Gp.EDX);
        a.add(Gp.RDX, Gp.RSI);
        a.jmp(done);
        a.bind(first);
        a.bsf(Gp.EDX, Gp.EDX);
        a.add(Gp.RDX, Gp.RAX);
        a.jmp(done);
        a.bind(none);
        a.xor(Gp.EDX, Gp.EDX);
        a.bind(done);
    }

    /** The bytes of xmm1 that equal those of x, as bits in edx. */
    private void equalTo(Xmm x) {
        a.pcmpeqb(Xmm.XMM1, x);
        a.pmovmskb(Gp.EDX, Xmm.XMM1);
    }

    /** Every byte of x, and of the 32-bit pattern, the low byte of rdx (c). */
    private void broadcast(Gp pattern, Xmm x) {
        a.movzx(pattern, Gp.DL);
        a.imul(pattern, pattern, 0x01010101);
        a.movd(x, pattern);
        a.pshufd(x, x, 0);
    }

    /** strlen(rax): the first terminator's address less s, in rdx. */
    private Gp strlen(Label out) {
        a.pxor(Xmm.XMM0, Xmm.XMM0);
        scan(out, () -> equalTo(Xmm.XMM0), null);
        a.sub(Gp.RDX, Gp.RAX);
        return Gp.RDX;
    }

    /** strchr(rax, rdx): the first byte that is c or the terminator; its address if it is c, else 0, in rdx. */
    private Gp strchr(Label out) {
        Label done = a.newLabel();
        a.movzx(Gp.EDI, Gp.DL); // (c, to tell it from the terminator)
        broadcast(Gp.ECX, Xmm.XMM3);
        a.pxor(Xmm.XMM0, Xmm.XMM0);
        scan(out, () -> {
            a.movaps(Xmm.XMM2, Xmm.XMM1);
            a.pcmpeqb(Xmm.XMM1, Xmm.XMM0);
            a.pcmpeqb(Xmm.XMM2, Xmm.XMM3);
            a.por(Xmm.XMM1, Xmm.XMM2);
            a.pmovmskb(Gp.EDX, Xmm.XMM1);
        }, null);
        a.movzx(Gp.ECX, Mem.of(1, Gp.R14, Gp.RDX, 1, 0));
        a.cmp(Gp.ECX, Gp.EDI);
        a.jcc(Cond.E, done);
        a.xor(Gp.EDX, Gp.EDX); // (the terminator came first)
        a.bind(done);
        return Gp.RDX;
    }

    /**
     * memchr(rax, rdx, rcx): the first byte c below s + n (or the top of the address space, for a larger n: memchr(s,
     * c, SIZE_MAX) searches to c), its address, else 0, in rdx.
     */
    private Gp memchr(Label out) {
        Label none = a.newLabel();
        Label done = a.newLabel();
        Label noWrap = a.newLabel();
        a.test(Gp.RCX, Gp.RCX);
        a.jcc(Cond.E, none);
        a.mov(Gp.RDI, Gp.RAX);
        a.add(Gp.RDI, Gp.RCX); // the end
        a.jcc(Cond.AE, noWrap);
        a.mov(Gp.RDI, -1);
        a.bind(noWrap);
        broadcast(Gp.ECX, Xmm.XMM3);
        scan(out, () -> equalTo(Xmm.XMM3), Gp.RDI);
        a.cmp(Gp.RDX, Gp.RDI);
        a.jcc(Cond.B, done); // (also none: 0)
        a.bind(none);
        a.xor(Gp.EDX, Gp.EDX);
        a.bind(done);
        return Gp.RDX;
    }

    /**
     * memcmp (terminators false) and strncmp (rax, rdx, rcx): 16 bytes of each per step while both stay in their
     * pages (as many steps as fit before the nearer page end and within n, then one byte), to the first differing
     * bytes (or, with terminators, to a's terminator); 0 or the difference of those bytes, sign-extended from 32
     * bits, in rax.
     */
    private Gp compareBounded(Label out, boolean terminators) {
        Label run = a.newLabel();
        Label step = a.newLabel();
        Label bytewise = a.newLabel();
        Label found = a.newLabel();
        Label differ = a.newLabel();
        Label equal = a.newLabel();
        Label done = a.newLabel();
        a.mov(Gp.RSI, Gp.RAX);
        a.mov(Gp.RDI, Gp.RDX);
        a.mov(Gp.RAX, Gp.RCX); // (rax: the bytes left)
        a.pxor(Xmm.XMM2, Xmm.XMM2);
        a.bind(run);
        a.test(Gp.RAX, Gp.RAX);
        a.jcc(Cond.E, equal);
        inWindow(out);
        wholeSteps(Gp.EDX);
        a.mov(Gp.RCX, Gp.RAX);
        a.shr(Gp.RCX, 4);
        a.cmp(Gp.RDX, Gp.RCX);
        a.cmovcc(Cond.A, Gp.RDX, Gp.RCX); // (no step past the end)
        a.test(Gp.EDX, Gp.EDX);
        a.jcc(Cond.E, bytewise);
        a.bind(step);
        access(out);
        a.movdqu(Xmm.XMM0, Mem.of(16, Gp.R14, Gp.RSI, 1, 0));
        access(out);
        a.movdqu(Xmm.XMM1, Mem.of(16, Gp.R14, Gp.RDI, 1, 0));
        a.pcmpeqb(Xmm.XMM1, Xmm.XMM0);
        if (terminators) { // (as strcmp's)
            a.pand(Xmm.XMM1, Xmm.XMM0);
            a.pcmpeqb(Xmm.XMM1, Xmm.XMM2);
            a.pmovmskb(Gp.ECX, Xmm.XMM1);
            a.test(Gp.ECX, Gp.ECX);
        } else {
            a.pmovmskb(Gp.ECX, Xmm.XMM1);
            a.xor(Gp.ECX, 0xffff); // the differing bytes
        }
        a.jcc(Cond.NE, found);
        a.add(Gp.RSI, 16);
        a.add(Gp.RDI, 16);
        a.sub(Gp.RAX, 16);
        a.dec(Gp.EDX);
        a.jcc(Cond.NE, step);
        a.jmp(run);
        a.bind(found);
        atFirst(Gp.ECX);
        a.jmp(differ);
        a.bind(bytewise);
        access(out);
        a.movzx(Gp.ECX, Mem.of(1, Gp.R14, Gp.RSI, 1, 0));
        access(out);
        a.movzx(Gp.EDX, Mem.of(1, Gp.R14, Gp.RDI, 1, 0));
        a.inc(Gp.RSI);
        a.inc(Gp.RDI);
        a.dec(Gp.RAX);
        Label stop = a.newLabel();
        a.cmp(Gp.ECX, Gp.EDX);
        if (terminators) {
            a.jcc(Cond.NE, stop);
            a.test(Gp.ECX, Gp.ECX);
            a.jcc(Cond.NE, run);
        } else {
            a.jcc(Cond.E, run);
        }
        a.bind(stop);
        a.mov(Gp.EAX, Gp.ECX);
        a.bind(differ);
        a.sub(Gp.EAX, Gp.EDX);
        a.movsxd(Gp.RAX, Gp.EAX);
        a.jmp(done);
        a.bind(equal);
        a.xor(Gp.EAX, Gp.EAX);
        a.bind(done);
        return Gp.RAX;
    }

    /**
     * The bytes of a and b (rsi, rdi) at the lowest set bit of mask (a found step's), in eax and edx; rsi and rdi
     * move there.
     */
    private void atFirst(Gp mask) {
        a.bsf(mask, mask);
        a.add(Gp.RSI, mask.withSize(8));
        a.add(Gp.RDI, mask.withSize(8));
        a.movzx(Gp.EAX, Mem.of(1, Gp.R14, Gp.RSI, 1, 0));
        a.movzx(Gp.EDX, Mem.of(1, Gp.R14, Gp.RDI, 1, 0));
    }

    /** Goes to out unless both rsi and rdi are below the window's size (then so are the rest of their pages). */
    private void inWindow(Label out) {
        a.cmp(Gp.RSI, windowSize());
        a.jcc(Cond.AE, out);
        a.cmp(Gp.RDI, windowSize());
        a.jcc(Cond.AE, out);
    }

    /**
     * How many whole 16-byte steps rsi and rdi can both take before the nearer one's page ends, into count (32
     * bits). Uses ecx.
     */
    private void wholeSteps(Gp count) {
        a.mov(Gp.ECX, Gp.ESI);
        a.and(Gp.ECX, PAGE - 1);
        a.mov(count, Gp.EDI);
        a.and(count, PAGE - 1);
        a.cmp(count, Gp.ECX);
        a.cmovcc(Cond.B, count, Gp.ECX); // the larger offset: the nearer page end
        a.neg(count);
        a.add(count, PAGE);
        a.shr(count, 4);
    }

    /**
     * memcpy (move false) and memmove (rax, rdx, rcx): both ranges checked to end inside the window; where they do
     * not overlap, {@link #copyApart}; where they do, memcpy declines (undefined in C: the guest's code does what it
     * does), and memmove first writes every page of the two ranges with one of its own bytes (an atomic add of 0:
     * it faults where the guest may not write, before anything changed), then copies with {@link #copyOverlapping}.
     * The result (the destination) in rax.
     */
    private Gp copy(Label out, boolean move) {
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
     * Copies rcx bytes from guest rdx to guest rax where the two overlap (probed: no access faults), 16 bytes at a
     * time and then a byte at a time (rep movsb is slow where the two overlap: libcstrings 2.6 -> 1.65 s): upwards
     * when the destination is below the source, else downwards, so that each step reads its bytes before it writes
     * over any source byte not yet read (those all lie ahead of it). Uses rsi, rdi, rdx.
     */
    private void copyOverlapping(boolean up) {
        Label wide = a.newLabel();
        Label narrow = a.newLabel();
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
        a.bind(wide);
        a.cmp(Gp.RCX, up ? -16 : 16);
        a.jcc(up ? Cond.G : Cond.L, narrow);
        if (!up) {
            a.sub(Gp.RCX, 16);
        }
        a.movdqu(Xmm.XMM0, Mem.of(16, Gp.RSI, Gp.RCX, 1, 0));
        a.movdqu(Mem.of(16, Gp.RDI, Gp.RCX, 1, 0), Xmm.XMM0);
        if (up) {
            a.add(Gp.RCX, 16);
        }
        a.jmp(wide);
        a.bind(narrow);
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
    private Gp memset(Label out) {
        endsInWindow(Gp.RAX, out);
        a.lea(Gp.RDI, Mem.of(8, Gp.R14, Gp.RAX, 1, 0));
        if (HostFeatures.erms()) {
            a.xchg(Gp.RAX, Gp.RDX); // (the byte in al, the destination kept in rdx)
            access(out);
            a.repStosb();
            return Gp.RDX;
        }
        broadcast(Gp.EDX, Xmm.XMM0);
        moves(out, false);
        return Gp.RAX;
    }

    /** Goes to out unless start + rcx bytes end inside the window (without wrapping around). */
    private void endsInWindow(Gp start, Label out) {
        a.mov(Gp.RSI, start);
        a.add(Gp.RSI, Gp.RCX);
        a.jcc(Cond.B, out); // (a carry: past 2^64)
        a.cmp(Gp.RSI, windowSize());
        a.jcc(Cond.A, out);
    }
}
