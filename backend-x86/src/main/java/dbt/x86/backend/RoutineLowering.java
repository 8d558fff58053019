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
 * code takes one or eight, or with {@code rep movsb}/{@code rep stosb}.
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
            case STRCMP -> strcmp(out);
            case MEMCMP -> compareBounded(out, false);
            case STRNCMP -> compareBounded(out, true);
            case MEMCHR -> memchr(out);
            case STRCHR -> strchr(out);
            case MEMCPY -> memcpy(out);
            case MEMMOVE -> memmove(out);
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

    /** strlen(rax): aligned 16-byte steps from the one holding s; the result in rdx. */
    private Gp strlen(Label out) {
        Label found = a.newLabel();
        Label step = a.newLabel();
        Label done = a.newLabel();
        a.mov(Gp.RSI, Gp.RAX);
        a.and(Gp.RSI, -16);
        a.pxor(Xmm.XMM0, Xmm.XMM0);
        a.cmp(Gp.RSI, windowSize());
        a.jcc(Cond.AE, out);
        access(out);
        a.movdqu(Xmm.XMM1, Mem.of(16, Gp.R14, Gp.RSI, 1, 0));
        a.pcmpeqb(Xmm.XMM1, Xmm.XMM0);
        a.pmovmskb(Gp.EDX, Xmm.XMM1);
        a.mov(Gp.ECX, Gp.EAX);
        a.and(Gp.ECX, 15);
        a.shr(Gp.EDX, Gp.CL); // (the bytes before s)
        a.test(Gp.EDX, Gp.EDX);
        a.jcc(Cond.NE, found);
        a.bind(step);
        a.add(Gp.RSI, 16);
        a.cmp(Gp.RSI, windowSize());
        a.jcc(Cond.AE, out);
        access(out);
        a.movdqu(Xmm.XMM1, Mem.of(16, Gp.R14, Gp.RSI, 1, 0));
        a.pcmpeqb(Xmm.XMM1, Xmm.XMM0);
        a.pmovmskb(Gp.EDX, Xmm.XMM1);
        a.test(Gp.EDX, Gp.EDX);
        a.jcc(Cond.E, step);
        a.bsf(Gp.EDX, Gp.EDX);
        a.add(Gp.RDX, Gp.RSI);
        a.sub(Gp.RDX, Gp.RAX);
        a.jmp(done);
        a.bind(found);
        a.bsf(Gp.EDX, Gp.EDX);
        a.bind(done);
        return Gp.RDX;
    }

    /**
     * strcmp(rax, rdx): 16 bytes of each per step while both stay in their pages (as many steps as fit before the
     * nearer page end, then one byte); the difference of the first differing bytes (or of the terminator and the
     * other's byte), sign-extended from 32 bits, in rax.
     */
    private Gp strcmp(Label out) {
        Label run = a.newLabel();
        Label step = a.newLabel();
        Label bytewise = a.newLabel();
        Label found = a.newLabel();
        Label differ = a.newLabel();
        a.mov(Gp.RSI, Gp.RAX);
        a.mov(Gp.RDI, Gp.RDX);
        a.pxor(Xmm.XMM2, Xmm.XMM2);
        a.bind(run);
        inWindow(out);
        wholeSteps(Gp.EDX);
        a.jcc(Cond.E, bytewise);
        a.bind(step);
        access(out);
        a.movdqu(Xmm.XMM0, Mem.of(16, Gp.R14, Gp.RSI, 1, 0));
        access(out);
        a.movdqu(Xmm.XMM1, Mem.of(16, Gp.R14, Gp.RDI, 1, 0));
        a.pcmpeqb(Xmm.XMM1, Xmm.XMM0); // the equal bytes
        a.pand(Xmm.XMM1, Xmm.XMM0); // a's byte where equal, else 0
        a.pcmpeqb(Xmm.XMM1, Xmm.XMM2); // where they differ or a ends
        a.pmovmskb(Gp.ECX, Xmm.XMM1);
        a.test(Gp.ECX, Gp.ECX);
        a.jcc(Cond.NE, found);
        a.add(Gp.RSI, 16);
        a.add(Gp.RDI, 16);
        a.dec(Gp.EDX);
        a.jcc(Cond.NE, step);
        a.jmp(run);
        a.bind(found);
        atFirst(Gp.ECX);
        a.jmp(differ);
        a.bind(bytewise);
        access(out);
        a.movzx(Gp.EAX, Mem.of(1, Gp.R14, Gp.RSI, 1, 0));
        access(out);
        a.movzx(Gp.EDX, Mem.of(1, Gp.R14, Gp.RDI, 1, 0));
        a.cmp(Gp.EAX, Gp.EDX);
        a.jcc(Cond.NE, differ);
        a.test(Gp.EAX, Gp.EAX);
        a.jcc(Cond.E, differ);
        a.inc(Gp.RSI);
        a.inc(Gp.RDI);
        a.jmp(run);
        a.bind(differ);
        a.sub(Gp.EAX, Gp.EDX);
        a.movsxd(Gp.RAX, Gp.EAX);
        return Gp.RAX;
    }

    /**
     * memcmp (terminators false) and strncmp (rax, rdx, rcx): as strcmp, for at most rcx bytes; 0 or the
     * difference of the first differing bytes, sign-extended from 32 bits, in rax.
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
        a.jcc(Cond.E, bytewise);
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
     * bits); the flags set on it (ZF: none). Uses ecx.
     */
    private void wholeSteps(Gp count) {
        a.mov(Gp.ECX, Gp.ESI);
        a.and(Gp.ECX, 4095);
        a.mov(count, Gp.EDI);
        a.and(count, 4095);
        a.cmp(count, Gp.ECX);
        a.cmovcc(Cond.B, count, Gp.ECX); // the larger offset: the nearer page end
        a.neg(count);
        a.add(count, 4096);
        a.shr(count, 4);
    }

    /**
     * strchr(rax, rdx): aligned 16-byte steps from the one holding s, for the byte c or the terminator; where the
     * first of them is if it is c, else 0, in rdx.
     */
    private Gp strchr(Label out) {
        Label step = a.newLabel();
        Label first = a.newLabel();
        Label check = a.newLabel();
        Label done = a.newLabel();
        a.movzx(Gp.EDI, Gp.DL);
        a.imul(Gp.ECX, Gp.EDI, 0x01010101);
        a.movd(Xmm.XMM3, Gp.ECX);
        a.pshufd(Xmm.XMM3, Xmm.XMM3, 0); // c in every byte
        a.pxor(Xmm.XMM0, Xmm.XMM0);
        a.mov(Gp.RSI, Gp.RAX);
        a.and(Gp.RSI, -16);
        a.cmp(Gp.RSI, windowSize());
        a.jcc(Cond.AE, out);
        cOrTerminator(out);
        a.mov(Gp.ECX, Gp.EAX);
        a.and(Gp.ECX, 15);
        a.shr(Gp.EDX, Gp.CL); // (the bytes before s)
        a.test(Gp.EDX, Gp.EDX);
        a.jcc(Cond.NE, first);
        a.bind(step);
        a.add(Gp.RSI, 16);
        a.cmp(Gp.RSI, windowSize());
        a.jcc(Cond.AE, out);
        cOrTerminator(out);
        a.test(Gp.EDX, Gp.EDX);
        a.jcc(Cond.E, step);
        a.bsf(Gp.EDX, Gp.EDX);
        a.add(Gp.RDX, Gp.RSI);
        a.jmp(check);
        a.bind(first);
        a.bsf(Gp.EDX, Gp.EDX);
        a.add(Gp.RDX, Gp.RAX);
        a.bind(check);
        a.movzx(Gp.ECX, Mem.of(1, Gp.R14, Gp.RDX, 1, 0));
        a.cmp(Gp.ECX, Gp.EDI);
        a.jcc(Cond.E, done);
        a.xor(Gp.EDX, Gp.EDX); // (the terminator came first)
        a.bind(done);
        return Gp.RDX;
    }

    /**
     * memchr(rax, rdx, rcx): aligned 16-byte steps from the one holding s while they start before s + n (or the top
     * of the address space), for the byte c; where the first is if below s + n, else 0, in rdx.
     */
    private Gp memchr(Label out) {
        Label step = a.newLabel();
        Label first = a.newLabel();
        Label check = a.newLabel();
        Label none = a.newLabel();
        Label done = a.newLabel();
        Label noWrap = a.newLabel();
        a.test(Gp.RCX, Gp.RCX);
        a.jcc(Cond.E, none);
        a.movzx(Gp.EDI, Gp.DL);
        a.imul(Gp.EDI, Gp.EDI, 0x01010101);
        a.movd(Xmm.XMM3, Gp.EDI);
        a.pshufd(Xmm.XMM3, Xmm.XMM3, 0); // c in every byte
        a.mov(Gp.RDI, Gp.RAX);
        a.add(Gp.RDI, Gp.RCX); // the end
        a.jcc(Cond.AE, noWrap);
        a.mov(Gp.RDI, -1); // (n past the top of the address space: memchr(s, c, SIZE_MAX) searches to c)
        a.bind(noWrap);
        a.mov(Gp.RSI, Gp.RAX);
        a.and(Gp.RSI, -16);
        a.cmp(Gp.RSI, windowSize());
        a.jcc(Cond.AE, out);
        equalTo(Xmm.XMM3, out);
        a.mov(Gp.ECX, Gp.EAX);
        a.and(Gp.ECX, 15);
        a.shr(Gp.EDX, Gp.CL); // (the bytes before s)
        a.test(Gp.EDX, Gp.EDX);
        a.jcc(Cond.NE, first);
        a.bind(step);
        a.add(Gp.RSI, 16);
        a.cmp(Gp.RSI, Gp.RDI);
        a.jcc(Cond.AE, none);
        a.cmp(Gp.RSI, windowSize());
        a.jcc(Cond.AE, out);
        equalTo(Xmm.XMM3, out);
        a.test(Gp.EDX, Gp.EDX);
        a.jcc(Cond.E, step);
        a.bsf(Gp.EDX, Gp.EDX);
        a.add(Gp.RDX, Gp.RSI);
        a.jmp(check);
        a.bind(first);
        a.bsf(Gp.EDX, Gp.EDX);
        a.add(Gp.RDX, Gp.RAX);
        a.bind(check);
        a.cmp(Gp.RDX, Gp.RDI);
        a.jcc(Cond.B, done);
        a.bind(none);
        a.xor(Gp.EDX, Gp.EDX);
        a.bind(done);
        return Gp.RDX;
    }

    /** The 16 bytes at rsi: where each is the byte of c's (in every byte of c), as bits in edx. */
    private void equalTo(Xmm c, Label out) {
        access(out);
        a.movdqu(Xmm.XMM1, Mem.of(16, Gp.R14, Gp.RSI, 1, 0));
        a.pcmpeqb(Xmm.XMM1, c);
        a.pmovmskb(Gp.EDX, Xmm.XMM1);
    }

    /** The 16 bytes at rsi: where each is the byte of xmm3's or 0 (xmm0), as bits in edx. */
    private void cOrTerminator(Label out) {
        access(out);
        a.movdqu(Xmm.XMM1, Mem.of(16, Gp.R14, Gp.RSI, 1, 0));
        a.movaps(Xmm.XMM2, Xmm.XMM1);
        a.pcmpeqb(Xmm.XMM1, Xmm.XMM0);
        a.pcmpeqb(Xmm.XMM2, Xmm.XMM3);
        a.por(Xmm.XMM1, Xmm.XMM2);
        a.pmovmskb(Gp.EDX, Xmm.XMM1);
    }

    /**
     * memcpy and memmove (rax, rdx, rcx): declined for overlapping ranges; both ranges checked to end inside the window, then one
     * rep movsb; the result (the destination) in rax.
     */
    private Gp memcpy(Label out) {
        a.mov(Gp.RDI, Gp.RAX);
        a.sub(Gp.RDI, Gp.RDX);
        a.cmp(Gp.RDI, Gp.RCX);
        a.jcc(Cond.B, out); // d - s < n: overlapping, d above
        a.mov(Gp.RDI, Gp.RDX);
        a.sub(Gp.RDI, Gp.RAX);
        a.cmp(Gp.RDI, Gp.RCX);
        a.jcc(Cond.B, out); // s - d < n: overlapping, s above
        endsInWindow(Gp.RAX, out);
        endsInWindow(Gp.RDX, out);
        copyApart(out);
        return Gp.RAX;
    }

    /**
     * Copies rcx bytes from guest rdx to guest rax, which do not overlap, with rep movsb (on this generation of
     * hosts faster than 16-byte steps for short copies too: strings.c 0.88 -> 1.13 s with them below 512 bytes).
     * Each page of the source is read first: the guest's code reads ahead of its writes, so where it cannot read the
     * source it faults having written less than rep movsb would (a destination it cannot write, it writes up to,
     * as rep movsb does). So a fault leaves the destination as it was too.
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
        access(out);
        a.repMovsb();
    }

    /**
     * memmove(rax, rdx, rcx): as memcpy where the ranges do not overlap; where they do, every page of the two
     * ranges is first written with its own byte (an atomic add of 0: it faults where the guest may not write,
     * before anything changed), then the bytes are copied upwards (destination below the source, {@link #copyUp})
     * or downwards ({@link #copyDown}).
     */
    private Gp memmove(Label out) {
        Label up = a.newLabel();
        Label down = a.newLabel();
        Label copy = a.newLabel();
        Label done = a.newLabel();
        endsInWindow(Gp.RAX, out);
        endsInWindow(Gp.RDX, out);
        a.mov(Gp.RDI, Gp.RAX);
        a.sub(Gp.RDI, Gp.RDX);
        a.cmp(Gp.RDI, Gp.RCX);
        a.jcc(Cond.B, down); // s < d < s + n: copied downwards
        a.mov(Gp.RDI, Gp.RDX);
        a.sub(Gp.RDI, Gp.RAX);
        a.cmp(Gp.RDI, Gp.RCX);
        a.jcc(Cond.AE, copy); // no overlap
        a.mov(Gp.RSI, Gp.RAX); // d < s < d + n: [d, s + n) probed, copied upwards
        a.lea(Gp.RDI, Mem.of(8, Gp.RDX, Gp.RCX, 1, 0));
        probe(out, true);
        a.mov(Gp.RCX, Gp.RDI);
        a.sub(Gp.RCX, Gp.RDX);
        copyUp(out);
        a.jmp(done);
        a.bind(copy);
        copyApart(out);
        a.jmp(done);
        a.bind(down);
        a.mov(Gp.RSI, Gp.RDX); // [s, d + n) probed
        a.lea(Gp.RDI, Mem.of(8, Gp.RAX, Gp.RCX, 1, 0));
        probe(out, true);
        a.mov(Gp.RCX, Gp.RDI);
        a.sub(Gp.RCX, Gp.RAX);
        copyDown();
        a.bind(done);
        return Gp.RAX;
    }

    /**
     * Copies rcx bytes from guest rdx to guest rax, upwards: 16 bytes at a time, then a byte at a time (rep movsb
     * is slow where the two overlap: libcstrings 2.6 -> 1.65 s). With the destination below the source, each step reads its
     * bytes before it writes over any source byte not yet read (those all lie above it). Uses rsi, rdi, rdx.
     */
    private void copyUp(Label out) {
        Label wide = a.newLabel();
        Label narrow = a.newLabel();
        Label bytes = a.newLabel();
        Label done = a.newLabel();
        a.lea(Gp.RSI, Mem.of(8, Gp.R14, Gp.RDX, 1, 0));
        a.lea(Gp.RDI, Mem.of(8, Gp.R14, Gp.RAX, 1, 0));
        a.bind(wide);
        a.cmp(Gp.RCX, 16);
        a.jcc(Cond.B, narrow);
        access(out);
        a.movdqu(Xmm.XMM0, Mem.of(16, Gp.RSI, 0));
        access(out);
        a.movdqu(Mem.of(16, Gp.RDI, 0), Xmm.XMM0);
        a.add(Gp.RSI, 16);
        a.add(Gp.RDI, 16);
        a.sub(Gp.RCX, 16);
        a.jmp(wide);
        a.bind(narrow);
        a.test(Gp.RCX, Gp.RCX);
        a.jcc(Cond.E, done);
        a.bind(bytes);
        access(out);
        a.movzx(Gp.EDX, Mem.of(1, Gp.RSI, 0));
        access(out);
        a.mov(Mem.of(1, Gp.RDI, 0), Gp.DL);
        a.inc(Gp.RSI);
        a.inc(Gp.RDI);
        a.dec(Gp.RCX);
        a.jcc(Cond.NE, bytes);
        a.bind(done);
    }

    /**
     * Copies rcx bytes from guest rdx to guest rax, downwards: 16 bytes at a time from the end, then a byte at a
     * time. With the destination above the source, each step reads its bytes before it writes over any source byte
     * not yet read (those all lie below it). Its accesses were probed: they do not fault. Uses rsi, rdi, rdx.
     */
    private void copyDown() {
        Label wide = a.newLabel();
        Label narrow = a.newLabel();
        Label bytes = a.newLabel();
        Label done = a.newLabel();
        a.lea(Gp.RSI, Mem.of(8, Gp.R14, Gp.RDX, 1, 0));
        a.lea(Gp.RDI, Mem.of(8, Gp.R14, Gp.RAX, 1, 0));
        a.bind(wide);
        a.cmp(Gp.RCX, 16);
        a.jcc(Cond.B, narrow);
        a.sub(Gp.RCX, 16);
        a.movdqu(Xmm.XMM0, Mem.of(16, Gp.RSI, Gp.RCX, 1, 0));
        a.movdqu(Mem.of(16, Gp.RDI, Gp.RCX, 1, 0), Xmm.XMM0);
        a.jmp(wide);
        a.bind(narrow);
        a.test(Gp.RCX, Gp.RCX);
        a.jcc(Cond.E, done);
        a.bind(bytes);
        a.dec(Gp.RCX);
        a.movzx(Gp.EDX, Mem.of(1, Gp.RSI, Gp.RCX, 1, 0));
        a.mov(Mem.of(1, Gp.RDI, Gp.RCX, 1, 0), Gp.DL);
        a.jcc(Cond.NE, bytes); // (movzx and mov leave dec's flags)
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
        a.and(Gp.RSI, -4096);
        a.add(Gp.RSI, 4096);
        a.cmp(Gp.RSI, Gp.RDI);
        a.jcc(Cond.B, page);
    }

    /** memset(rax, rdx, rcx): the range checked to end inside the window, then one rep stosb; the result in rdx. */
    private Gp memset(Label out) {
        endsInWindow(Gp.RAX, out);
        a.lea(Gp.RDI, Mem.of(8, Gp.R14, Gp.RAX, 1, 0));
        a.xchg(Gp.RAX, Gp.RDX); // (the byte in al, the destination kept in rdx)
        access(out);
        a.repStosb();
        return Gp.RDX;
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
