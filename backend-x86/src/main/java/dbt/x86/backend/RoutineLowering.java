package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.Routine;
import dbt.x86.asm.Cond;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Label;
import dbt.x86.asm.Mem;
import dbt.x86.asm.Xmm;

/**
 * The host code of {@link Routine}s: C string functions run on guest memory. Scans and compares take a vector per
 * step ({@link ByteVectors}: 32 bytes with AVX2, else 16) where the guest's code takes one byte or eight; copies and
 * fills are {@link RoutineCopies}'.
 *
 * <p>Invariants, which make a routine's result the guest function's:
 * <ul>
 * <li>Every guest byte it reads or writes is at r14 + a guest address below the window's size (checked for each
 * page a string routine enters, and once for a whole copy), and every instruction that touches guest memory is a
 * {@link FaultSite}: a page the guest may not access sends the block to the guest's own code at the function's first
 * instruction, with guest registers as they were, which then faults where the guest's code does (a declined routine
 * goes there too, and does what the guest's code does). What a copy or fill wrote before a fault, that code writes
 * again from the same source (see {@link RoutineCopies}).</li>
 * <li>A routine reads only pages the guest's code reads too: a scan's aligned chunk of two vectors stays in one page,
 * a compare's step stays in its page for each pointer (as many as fit before the nearer page end, then a half step
 * or one byte), and the first byte it reads in a page is one the guest function reads. So it never faults where the
 * guest's code would not.</li>
 * <li>It uses rax, rcx, rdx and xmm0..xmm3 (ymm0..ymm3 with AVX2; scratch here, see {@link FloatLowering#forget}),
 * and rsi and rdi, saved on the stack around their use (a fault pops them on its way out, before the cold path writes
 * guest registers back from spill slots addressed off rsp). Its operands are read before rsp moves. It leaves no ymm
 * upper half set, on either way out.</li>
 * </ul>
 */
final class RoutineLowering extends Lowering {
    /** The size of a page, which the host's protection (and so a fault) works by. */
    static final int PAGE = 4096;

    private final FloatLowering floats;
    /** The scans' and compares' vectors: 32 bytes where the host has AVX2. */
    private final ByteVectors wide;
    /** 16-byte vectors: a compare's half step where wide ones do not fit. */
    private final ByteVectors narrow;
    private final RoutineCopies copies;

    RoutineLowering(BlockContext cx, FloatLowering floats) {
        super(cx);
        this.floats = floats;
        this.wide = new ByteVectors(a, this::access, true);
        this.narrow = new ByteVectors(a, this::access, false);
        this.copies = new RoutineCopies(a, this::access, windowSize(), wide, narrow);
    }

    void emit(Inst i) {
        Routine r = Routine.values()[(int) i.aux];
        wide.begin();
        Label out = coldInterpret(() -> { // (declined, or a fault: the guest's code runs from the function's entry)
            wide.endAnyway();
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
            case MEMCPY -> copies.copy(out, false);
            case MEMMOVE -> copies.copy(out, true);
            case MEMSET -> copies.memset(out);
        };
        wide.end();
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

    /** What a scan looks for: dst's bytes all ones where those of m are marked, else zero; uses only dst. */
    private interface Marks {
        void mark(Xmm dst, Mem m, Label out);
    }

    /**
     * Scans aligned chunks of two vectors from the one holding guest address rax for the first byte marks marks;
     * that byte's guest address in rdx. An aligned chunk stays in one page, and the scan takes the next one only
     * where the bytes before it were not enough (the guest's code reads into that page too). With end (a register,
     * guest address), none is taken that starts at or past it: then rdx is 0. Uses rsi, rcx, xmm1 and xmm2.
     */
    private void scan(Label out, Marks marks, Gp end) {
        int chunk = 2 * wide.width;
        Label step = a.newLabel();
        Label first = a.newLabel();
        Label none = a.newLabel();
        Label done = a.newLabel();
        a.mov(Gp.RSI, Gp.RAX);
        a.and(Gp.RSI, -chunk);
        a.cmp(Gp.RSI, windowSize());
        a.jcc(Cond.AE, out);
        chunkMarks(out, marks);
        a.mov(Gp.ECX, Gp.EAX);
        a.and(Gp.ECX, chunk - 1);
        a.shr(Gp.RDX, Gp.CL); // (the bytes before rax)
        a.test(Gp.RDX, Gp.RDX);
        a.jcc(Cond.NE, first);
        a.bind(step);
        a.add(Gp.RSI, chunk);
        if (end != null) {
            a.cmp(Gp.RSI, end);
            a.jcc(Cond.AE, none);
        }
        a.cmp(Gp.RSI, windowSize());
        a.jcc(Cond.AE, out);
        marks.mark(Xmm.XMM1, wide.at(Gp.R14, Gp.RSI, 0), out);
        marks.mark(Xmm.XMM2, wide.at(Gp.R14, Gp.RSI, wide.width), out);
        wide.or(Xmm.XMM1, Xmm.XMM1, Xmm.XMM2);
        wide.movemask(Gp.EDX, Xmm.XMM1);
        a.test(Gp.EDX, Gp.EDX);
        a.jcc(Cond.E, step);
        chunkMarks(out, marks);
        a.bsf(Gp.RDX, Gp.RDX);
        a.add(Gp.RDX, Gp.RSI);
        a.jmp(done);
        a.bind(first);
        a.bsf(Gp.RDX, Gp.RDX);
        a.add(Gp.RDX, Gp.RAX);
        a.jmp(done);
        a.bind(none);
        a.xor(Gp.EDX, Gp.EDX);
        a.bind(done);
    }

    /** The marks of the chunk at guest rsi, one bit per byte, in rdx. Uses rcx, xmm1 and xmm2. */
    private void chunkMarks(Label out, Marks marks) {
        marks.mark(Xmm.XMM1, wide.at(Gp.R14, Gp.RSI, 0), out);
        marks.mark(Xmm.XMM2, wide.at(Gp.R14, Gp.RSI, wide.width), out);
        wide.movemask(Gp.EDX, Xmm.XMM1);
        wide.movemask(Gp.ECX, Xmm.XMM2);
        a.shl(Gp.RCX, wide.width);
        a.or(Gp.RDX, Gp.RCX);
    }

    /** strlen(rax): the first terminator's address less s, in rdx. */
    private Gp strlen(Label out) {
        wide.zero(Xmm.XMM0);
        scan(out, (dst, m, o) -> wide.equal(dst, Xmm.XMM0, m, o), null);
        a.sub(Gp.RDX, Gp.RAX);
        return Gp.RDX;
    }

    /** strchr(rax, rdx): the first byte that is c or the terminator; its address if it is c, else 0, in rdx. */
    private Gp strchr(Label out) {
        Label done = a.newLabel();
        a.movzx(Gp.EDI, Gp.DL); // (c, to tell it from the terminator)
        wide.broadcast(Xmm.XMM3, Gp.EDX);
        wide.zero(Xmm.XMM0);
        scan(out, (dst, m, o) -> { // (a byte xor c is 0 where it is c, and the smaller of the two 0 where either is)
            wide.xor(dst, Xmm.XMM3, m, o);
            wide.min(dst, dst, m, o);
            wide.equal(dst, dst, Xmm.XMM0);
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
        wide.broadcast(Xmm.XMM3, Gp.EDX);
        scan(out, (dst, m, o) -> wide.equal(dst, Xmm.XMM3, m, o), Gp.RDI);
        a.cmp(Gp.RDX, Gp.RDI);
        a.jcc(Cond.B, done); // (also none: 0)
        a.bind(none);
        a.xor(Gp.EDX, Gp.EDX);
        a.bind(done);
        return Gp.RDX;
    }

    /**
     * memcmp (terminators false) and strncmp (rax, rdx, rcx): two vectors of each per step while both stay in their
     * pages (as many steps as fit before the nearer page end and within n, then one vector, then a 16-byte step if one
     * fits, else one byte), to the first differing bytes (or, with terminators, to a's terminator); 0 or the
     * difference of those bytes, sign-extended from 32 bits, in rax.
     */
    private Gp compareBounded(Label out, boolean terminators) {
        Label run = a.newLabel();
        Label step = a.newLabel();
        Label half = a.newLabel();
        Label bytewise = a.newLabel();
        Label found = a.newLabel();
        Label differ = a.newLabel();
        Label equal = a.newLabel();
        Label done = a.newLabel();
        a.mov(Gp.RSI, Gp.RAX);
        a.mov(Gp.RDI, Gp.RDX);
        a.mov(Gp.RAX, Gp.RCX); // (rax: the bytes left)
        if (terminators) {
            wide.zero(Xmm.XMM2);
        }
        a.bind(run);
        a.test(Gp.RAX, Gp.RAX);
        a.jcc(Cond.E, equal);
        inWindow(out);
        room(Gp.EDX);
        a.cmp(Gp.RDX, Gp.RAX);
        a.cmovcc(Cond.A, Gp.RDX, Gp.RAX); // (no step past the end)
        boolean halves = narrow.width < wide.width;
        Label single = a.newLabel();
        Label foundTwo = a.newLabel();
        a.cmp(Gp.EDX, 2 * wide.width);
        a.jcc(Cond.B, single);
        a.shr(Gp.EDX, Integer.numberOfTrailingZeros(2 * wide.width)); // the steps of two vectors
        a.bind(step);
        compareTwo(terminators, out, foundTwo);
        a.dec(Gp.EDX);
        a.jcc(Cond.NE, step);
        a.jmp(run);
        a.bind(foundTwo); // (in one of the two: the first's step finds it, else the second's)
        compareStep(wide, terminators, out, found);
        compareStep(wide, terminators, out, found);
        a.jmp(run);
        a.bind(single);
        a.cmp(Gp.EDX, wide.width);
        a.jcc(Cond.B, halves ? half : bytewise);
        compareStep(wide, terminators, out, found);
        a.jmp(run);
        if (halves) {
            a.bind(half);
            a.cmp(Gp.EDX, narrow.width);
            a.jcc(Cond.B, bytewise);
            wide.end();
            compareStep(narrow, terminators, out, found);
            a.jmp(run);
        }
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
     * One step of a compare, a vector of v from each of rsi and rdi: to found with the bytes that differ (or, with
     * terminators, a's terminators too) as bits in ecx, else past them (rax less them). Uses xmm0 and xmm1; xmm2 is
     * zero.
     */
    private void compareStep(ByteVectors v, boolean terminators, Label out, Label found) {
        v.load(Xmm.XMM0, v.at(Gp.R14, Gp.RSI, 0), out);
        v.equal(Xmm.XMM1, Xmm.XMM0, v.at(Gp.R14, Gp.RDI, 0), out);
        if (terminators) { // (as strcmp's: the bytes that are equal and not 0 stay not 0)
            v.and(Xmm.XMM1, Xmm.XMM1, Xmm.XMM0);
            v.equal(Xmm.XMM1, Xmm.XMM1, Xmm.XMM2);
            v.movemask(Gp.ECX, Xmm.XMM1);
            a.test(Gp.ECX, Gp.ECX);
        } else {
            v.movemask(Gp.ECX, Xmm.XMM1);
            a.xor(Gp.ECX, v.allMarked()); // the differing bytes
        }
        a.jcc(Cond.NE, found);
        a.add(Gp.RSI, v.width);
        a.add(Gp.RDI, v.width);
        a.sub(Gp.RAX, v.width);
    }

    /**
     * A step of two wide vectors of each of rsi and rdi: to found where they hold bytes that differ (or, with
     * terminators, a's terminator), else past them (rax less them). Uses xmm0, xmm1 and xmm3; xmm2 is zero.
     */
    private void compareTwo(boolean terminators, Label out, Label found) {
        int w = wide.width;
        wide.load(Xmm.XMM0, wide.at(Gp.R14, Gp.RSI, 0), out);
        wide.equal(Xmm.XMM1, Xmm.XMM0, wide.at(Gp.R14, Gp.RDI, 0), out);
        if (terminators) {
            wide.and(Xmm.XMM1, Xmm.XMM1, Xmm.XMM0); // (not 0 where equal and not the terminator)
        }
        wide.load(Xmm.XMM0, wide.at(Gp.R14, Gp.RSI, w), out);
        wide.equal(Xmm.XMM3, Xmm.XMM0, wide.at(Gp.R14, Gp.RDI, w), out);
        if (terminators) {
            wide.and(Xmm.XMM3, Xmm.XMM3, Xmm.XMM0);
            wide.min(Xmm.XMM1, Xmm.XMM1, Xmm.XMM3); // (0 where either is)
            wide.equal(Xmm.XMM1, Xmm.XMM1, Xmm.XMM2);
            wide.movemask(Gp.ECX, Xmm.XMM1);
            a.test(Gp.ECX, Gp.ECX);
        } else {
            wide.and(Xmm.XMM1, Xmm.XMM1, Xmm.XMM3);
            wide.movemask(Gp.ECX, Xmm.XMM1);
            a.xor(Gp.ECX, wide.allMarked());
        }
        a.jcc(Cond.NE, found);
        a.add(Gp.RSI, 2 * w);
        a.add(Gp.RDI, 2 * w);
        a.sub(Gp.RAX, 2 * w);
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

    /** The bytes before the nearer of rsi's and rdi's page ends (1 to a page), into count (32 bits). Uses ecx. */
    private void room(Gp count) {
        a.mov(Gp.ECX, Gp.ESI);
        a.and(Gp.ECX, PAGE - 1);
        a.mov(count, Gp.EDI);
        a.and(count, PAGE - 1);
        a.cmp(count, Gp.ECX);
        a.cmovcc(Cond.B, count, Gp.ECX); // the larger offset: the nearer page end
        a.neg(count);
        a.add(count, PAGE);
    }
}
