package dbt.x86.asm;

import java.util.List;

/**
 * The x86-64 assembler: one method per legal instruction form, typed operands ({@link Gp}, {@link Xmm},
 * {@link Mem}, {@code int} and {@code long} immediates, {@link Label}), and the shortest encoding of each form. This
 * class is the instruction list; the encodings live in one encoder per family ({@link AluEncoder},
 * {@link MoveEncoder}, ..., {@link SseEncoder} and {@link FmaEncoder} for scalar floating point).
 *
 * <pre>
 * Assembler a = new Assembler();
 * Label loop = a.newLabel();
 * a.bind(loop);
 * a.sub(Gp.RCX, 1);
 * a.jcc(Cond.NE, loop);           // backward and near: jne rel8
 * a.jmpAbsolute(0x7f00_0000_1000L); // resolved when placed
 * AssembledCode code = a.finish(codeCacheAddress);
 * </pre>
 *
 * <p>An assembler made with {@code new Assembler(true)} also keeps a {@link #listing() listing}: for every
 * instruction its offset, length and text as {@code objdump -d -M intel} prints it, and every label bind. Without
 * it, no text is ever built.
 *
 * <p>Operand sizes must agree ({@code add(Gp.RAX, Gp.EBX)} throws {@link IllegalArgumentException}), as must a
 * register and a memory operand's access size. Immediates must fit the operand: for 8- and 16-bit operands either
 * the signed or the unsigned range, for 32-bit any {@code int}, for 64-bit a sign-extended {@code int}. The SSE
 * forms take the general-purpose widths their encoding has ({@code movq} 64-bit, {@code movd} 32-bit, conversions
 * either) and memory as wide as the scalar ({@code addsd} an 8-byte, {@code addss} a 4-byte operand).
 *
 * <p>Not thread-safe; one assembler per translation.
 */
public final class Assembler {
    private final CodeBuffer buf = new CodeBuffer();
    private final FixupTable fixups = new FixupTable();
    private final OperandEncoder enc = new OperandEncoder(buf, fixups, this);
    private final AluEncoder alu = new AluEncoder(enc);
    private final UnaryEncoder unary = new UnaryEncoder(enc);
    private final MultiplyEncoder multiply = new MultiplyEncoder(enc);
    private final ShiftEncoder shift = new ShiftEncoder(enc);
    private final MoveEncoder move = new MoveEncoder(enc);
    private final ExchangeEncoder exchange = new ExchangeEncoder(enc);
    private final ConditionalEncoder conditional = new ConditionalEncoder(enc);
    private final JumpEncoder jump = new JumpEncoder(enc);
    private final SseEncoder sse = new SseEncoder(enc);
    private final FmaEncoder fma = new FmaEncoder(enc);
    private final StringEncoder string = new StringEncoder(enc);
    private final AvxEncoder avx = new AvxEncoder(enc);
    private final PaddingEncoder padding = new PaddingEncoder(buf);
    private int labelCount;
    private int boundLabels;
    /** The listing being kept, or null when nobody asked for one. */
    private Listing listing;
    /** See {@link #flagsTest}: the register the flags stand for and where that op ends; the last label's offset. */
    private Gp flagsOf;
    private int flagsEnd = -1;
    private int boundAt = -1;
    /**
     * See {@link #conditionOf}: the condition a setcc took from the flags; the register numbers (a bit each) that hold
     * its result, 1 where it holds, else 0 (none until the setcc's byte is zero-extended); where that run of
     * instructions ends; the byte register the setcc wrote.
     */
    private Cond setCond;
    private int setRegisters;
    private int setEnd = -1;
    private int setByte = -1;
    /**
     * See {@link #mov(Gp, Mem)}: by register number, the displacement of the stack slot ({@code [rsp + disp]}, 8 bytes)
     * it was loaded from, or {@link #NO_SLOT}; valid where the run of instructions since the first such load ends
     * (none writing the slots, each register's entry cleared when it is written).
     */
    private final int[] slotOf = new int[16];
    private int slotEnd = -1;
    private static final int NO_SLOT = Integer.MIN_VALUE;

    /** An assembler that keeps no listing. */
    public Assembler() {}

    /** An assembler that keeps a {@link #listing() listing} if {@code listing} is true. */
    public Assembler(boolean listing) {
        if (listing) {
            enableListing();
        }
    }

    // ---- listing ----

    /**
     * Starts keeping a {@link #listing() listing}; must be called before anything is emitted or bound (else
     * {@link IllegalStateException}), so that the listing covers the whole code. Calling it again does nothing.
     */
    public void enableListing() {
        if (listing != null) {
            return;
        }
        if (buf.size() != 0 || boundLabels != 0) {
            throw new IllegalStateException("the listing must be enabled before any code is emitted");
        }
        listing = new Listing(0);
    }

    public boolean isListing() {
        return listing != null;
    }

    /**
     * Every instruction emitted so far, in order, with its offset, length and Intel-syntax text, and every label
     * bind (see {@link ListingEntry} for the format, {@link ListingEntry#lines} to print it). The instructions tile
     * the code: each starts where the previous one ended, the first at 0.
     *
     * @throws IllegalStateException if the listing was not enabled
     */
    public List<ListingEntry> listing() {
        if (listing == null) {
            throw new IllegalStateException("no listing: enable it with new Assembler(true) or enableListing()");
        }
        return listing.entries();
    }

    /** Adds a comment line to the listing (if one is kept) at the current offset; emits nothing. */
    public void comment(String text) {
        if (listing != null) {
            listing.comment(text, buf.size());
        }
    }

    // ---- code, labels, result ----

    /** The offset of the next instruction from the start of the code. */
    public int offset() {
        return buf.size();
    }

    /**
     * Whether the flags hold ZF and SF of the value in register r (at its size), as {@code test r, r} would set them:
     * an addition, subtraction, {@code and}, {@code or}, {@code xor} or {@code neg} into r was emitted last, or
     * followed only by moves into other registers ({@code add r10d, -1; movsxd r8, r10d}), and no label is bound since
     * (where a jump from elsewhere would bring other flags). Its CF and OF are its own, not a test's: conditions on ZF
     * and SF alone.
     */
    public boolean flagsTest(Gp r) {
        return flagsEnd == buf.size() && boundAt != flagsEnd && r == flagsOf;
    }

    private void resultFlags(Gp r) {
        flagsOf = r;
        flagsEnd = buf.size();
        if (r.size() == 1) { // (a byte's result is not zero exactly when NE holds: as after a setcc, see conditionOf)
            setCond = Cond.NE;
            setByte = r.number();
            setRegisters = 0;
            setEnd = buf.size();
        }
    }

    /**
     * The condition cc such that the flags hold it exactly when register r is not zero, r being a setcc's result (or
     * a byte's arithmetic result, for NE: {@code sete bl; setnp cl; and bl, cl}, a float equality) zero-extended
     * ({@code setae bl; movzx ebx, bl}), or a copy of it, with nothing since but moves (which leave the
     * flags) and no label bound (where a jump from elsewhere would bring other flags); else null. {@code test r, r;
     * jne} is then {@code jcc cc}: a RISC-V float comparison's result that a branch tests ({@code flt.d a5, fa0, fa5;
     * bnez a5}) is comisd, the setcc for the register, and a jump on the comparison's own flags.
     */
    public Cond conditionOf(Gp r) {
        return setEnd == buf.size() && boundAt != setEnd && (setRegisters & 1 << r.number()) != 0 ? setCond : null;
    }

    /**
     * After a move emitted from offset at into dst (moves leave the flags): they still test the register they did, and
     * still hold a setcc's condition; src, if a register, is copied (-1: dst takes another value).
     */
    private void keepFlags(int at, Gp dst) {
        keepFlags(at, dst.number(), -1);
    }

    private void keepFlags(int at, int dst, int src) {
        if (flagsEnd == at && boundAt != at && flagsOf != null && dst != flagsOf.number()) {
            flagsEnd = buf.size();
        }
        if (setEnd == at && boundAt != at) {
            boolean copy = src >= 0 && (setRegisters & 1 << src) != 0;
            setRegisters = copy ? setRegisters | 1 << dst : dst >= 0 ? setRegisters & ~(1 << dst) : setRegisters;
            setEnd = buf.size();
        }
    }

    /**
     * After an instruction emitted from offset at that writes register number written (-1: none) and no stack slot:
     * the registers loaded from stack slots still hold them, but the one written (see {@link #mov(Gp, Mem)}).
     */
    private void keepSlot(int at, int written) {
        if (slotEnd == at && boundAt != at && written != Gp.RSP.number()) { // (rsp moved: other slots at those disps)
            if (written >= 0) {
                slotOf[written] = NO_SLOT;
            }
            slotEnd = buf.size();
        }
    }

    public Label newLabel() {
        return new Label(this, labelCount++);
    }

    /** Binds {@code label} to the current offset; a label is bound once (else {@link IllegalStateException}). */
    public void bind(Label label) {
        enc.requireOwnLabel(label);
        label.bindAt(buf.size());
        boundAt = buf.size();
        boundLabels++;
        if (listing != null) {
            listing.label(label, buf.size());
        }
    }

    /**
     * The code with every label use and absolute target resolved for placement at {@code loadAddress}. May be called
     * more than once (e.g. for different addresses); the assembler is not changed.
     *
     * @throws IllegalStateException if a used label is unbound or a rel32 target is out of reach from loadAddress
     */
    public AssembledCode finish(long loadAddress) {
        byte[] code = buf.toByteArray();
        fixups.resolve(code, loadAddress);
        return new AssembledCode(code, loadAddress, fixups.patchSites(), fixups.absoluteFields());
    }

    // ---- mov and friends ----

    public void mov(Gp dst, Gp src) {
        int at = buf.size();
        move.rr(dst, src);
        listed("mov", dst, src);
        keepFlags(at, dst.number(), dst.size() >= 4 ? src.number() : -1); // (a byte or half-word: part of dst)
        keepSlot(at, dst.number());
    }
    /**
     * A load; of a stack slot (8 bytes at {@code [rsp + disp]}) into a register loaded from it before, with nothing
     * since but instructions that write neither (see {@link #keepSlot}) and no label bound (where a jump from
     * elsewhere would bring another value), none: the register holds the slot's value (a spilled invariant that a
     * run of table lookups each takes as its base: {@code mov rcx, [rsp+0x10]; lea r8, [rcx+r8*4]}).
     */
    public void mov(Gp dst, Mem src) {
        boolean slot = dst.size() == 8 && stackSlot(src) && dst != Gp.RSP;
        boolean valid = slotEnd == buf.size() && boundAt != slotEnd;
        if (slot && valid && slotOf[dst.number()] == src.disp()) {
            return;
        }
        int at = buf.size();
        move.rm(dst, src);
        listed("mov", dst, src);
        keepFlags(at, dst);
        keepSlot(at, dst.number());
        if (slot) {
            if (!valid) {
                java.util.Arrays.fill(slotOf, NO_SLOT);
            }
            slotOf[dst.number()] = src.disp();
            slotEnd = buf.size();
        }
    }
    /** A store; one to guest memory or the state leaves the stack slots' loads valid (see {@link #mov(Gp, Mem)}). */
    public void mov(Mem dst, Gp src) {
        int at = buf.size();
        move.mr(dst, src);
        listed("mov", dst, src);
        if (dst.base() != Gp.RSP && dst.index() != Gp.RSP && dst.ripTarget() == null) {
            keepSlot(at, -1);
        } else if (stackSlot(dst) && dst.size() == 8) { // (a spill: the registers loaded from other slots stay valid)
            keepSlot(at, -1);
            for (int r = 0; r < slotOf.length; r++) {
                if (slotOf[r] != NO_SLOT && Math.abs((long) slotOf[r] - dst.disp()) < 8) {
                    slotOf[r] = NO_SLOT;
                }
            }
        }
    }

    private static boolean stackSlot(Mem m) {
        return m.base() == Gp.RSP && m.index() == null && m.ripTarget() == null;
    }
    /** {@code mov r, imm}: a 64-bit register takes the sign-extended imm32 form ({@link #movImm} picks the shortest). */
    public void mov(Gp dst, int imm) { move.ri(dst, imm); listedImm("mov", dst, imm); }
    public void mov(Mem dst, int imm) { move.mi(dst, imm); listedImm("mov", dst, imm); }
    /** {@code mov r64, imm64}, always ten bytes. */
    public void movabs(Gp dst, long imm) { move.movabs(dst, imm); listedImm("movabs", dst, imm); }
    /**
     * The shortest mov of any constant into a register; flags unchanged (no {@code xor r, r} for zero). For a 64-bit
     * register: a value in [0, 2^32) is a 32-bit mov, a value in the signed imm32 range the sign-extended form,
     * anything else movabs. Narrower registers take the constant at their width.
     */
    public void movImm(Gp dst, long value) {
        if (dst.size() != 8) {
            move.ri(dst, value);
            listedImm("mov", dst, value);
        } else if (value >>> 32 == 0) {
            mov(dst.withSize(4), (int) value);     // writing the 32-bit register zeroes the upper half; 5 or 6 bytes
        } else if (value == (int) value) {
            mov(dst, (int) value);                 // sign-extended imm32, 7 bytes
        } else {
            movabs(dst, value);                    // 10 bytes
        }
    }
    public void movzx(Gp dst, Gp src) {
        int at = buf.size();
        move.movzx(dst, src);
        listed("movzx", dst, src);
        boolean extendsSet = setEnd == at && boundAt != at && src.size() == 1 && src.number() == setByte;
        keepFlags(at, dst);
        keepSlot(at, dst.number());
        if (extendsSet) { // (the setcc's byte made the whole register's value)
            setRegisters = 1 << dst.number();
            setEnd = buf.size();
        }
    }
    public void movzx(Gp dst, Mem src) {
        int at = buf.size(); move.movzx(dst, src); listed("movzx", dst, src); keepSlot(at, dst.number());
    }
    public void movsx(Gp dst, Gp src) {
        int at = buf.size(); move.movsx(dst, src); listed("movsx", dst, src); keepSlot(at, dst.number());
    }
    public void movsx(Gp dst, Mem src) {
        int at = buf.size(); move.movsx(dst, src); listed("movsx", dst, src); keepSlot(at, dst.number());
    }
    public void movsxd(Gp dst, Gp src) {
        int at = buf.size();
        move.movsxd(dst, src);
        listed("movsxd", dst, src);
        keepFlags(at, dst);
        keepSlot(at, dst.number());
    }
    public void movsxd(Gp dst, Mem src) {
        int at = buf.size(); move.movsxd(dst, src); listed("movsxd", dst, src); keepSlot(at, dst.number());
    }
    public void lea(Gp dst, Mem src) {
        int at = buf.size(); move.lea(dst, src); listed("lea", dst, src); keepSlot(at, dst.number());
    }
    public void push(Gp r) { move.push(r); listed("push", r); }
    public void pop(Gp r) { move.pop(r); listed("pop", r); }

    // ---- two-operand ALU ----

    public void add(Gp dst, Gp src) { aluRr(AluOp.ADD, "add", dst, src); }
    public void add(Gp dst, Mem src) { aluRm(AluOp.ADD, "add", dst, src); }
    public void add(Mem dst, Gp src) { alu.mr(AluOp.ADD, dst, src); listed("add", dst, src); }
    public void add(Gp dst, int imm) { aluRi(AluOp.ADD, "add", dst, imm); }
    public void add(Mem dst, int imm) { alu.mi(AluOp.ADD, dst, imm); listedImm("add", dst, imm); }

    public void or(Gp dst, Gp src) { aluRr(AluOp.OR, "or", dst, src); }
    public void or(Gp dst, Mem src) { aluRm(AluOp.OR, "or", dst, src); }
    public void or(Mem dst, Gp src) { alu.mr(AluOp.OR, dst, src); listed("or", dst, src); }
    public void or(Gp dst, int imm) { aluRi(AluOp.OR, "or", dst, imm); }
    public void or(Mem dst, int imm) { alu.mi(AluOp.OR, dst, imm); listedImm("or", dst, imm); }

    public void adc(Gp dst, Gp src) { alu.rr(AluOp.ADC, dst, src); listed("adc", dst, src); }
    public void adc(Gp dst, Mem src) { alu.rm(AluOp.ADC, dst, src); listed("adc", dst, src); }
    public void adc(Mem dst, Gp src) { alu.mr(AluOp.ADC, dst, src); listed("adc", dst, src); }
    public void adc(Gp dst, int imm) { alu.ri(AluOp.ADC, dst, imm); listedImm("adc", dst, imm); }
    public void adc(Mem dst, int imm) { alu.mi(AluOp.ADC, dst, imm); listedImm("adc", dst, imm); }

    public void sbb(Gp dst, Gp src) { alu.rr(AluOp.SBB, dst, src); listed("sbb", dst, src); }
    public void sbb(Gp dst, Mem src) { alu.rm(AluOp.SBB, dst, src); listed("sbb", dst, src); }
    public void sbb(Mem dst, Gp src) { alu.mr(AluOp.SBB, dst, src); listed("sbb", dst, src); }
    public void sbb(Gp dst, int imm) { alu.ri(AluOp.SBB, dst, imm); listedImm("sbb", dst, imm); }
    public void sbb(Mem dst, int imm) { alu.mi(AluOp.SBB, dst, imm); listedImm("sbb", dst, imm); }

    public void and(Gp dst, Gp src) { aluRr(AluOp.AND, "and", dst, src); }
    public void and(Gp dst, Mem src) { aluRm(AluOp.AND, "and", dst, src); }
    public void and(Mem dst, Gp src) { alu.mr(AluOp.AND, dst, src); listed("and", dst, src); }
    public void and(Gp dst, int imm) { aluRi(AluOp.AND, "and", dst, imm); }
    public void and(Mem dst, int imm) { alu.mi(AluOp.AND, dst, imm); listedImm("and", dst, imm); }

    public void sub(Gp dst, Gp src) { aluRr(AluOp.SUB, "sub", dst, src); }
    public void sub(Gp dst, Mem src) { aluRm(AluOp.SUB, "sub", dst, src); }
    public void sub(Mem dst, Gp src) { alu.mr(AluOp.SUB, dst, src); listed("sub", dst, src); }
    public void sub(Gp dst, int imm) { aluRi(AluOp.SUB, "sub", dst, imm); }
    public void sub(Mem dst, int imm) { alu.mi(AluOp.SUB, dst, imm); listedImm("sub", dst, imm); }

    public void xor(Gp dst, Gp src) { aluRr(AluOp.XOR, "xor", dst, src); }
    public void xor(Gp dst, Mem src) { aluRm(AluOp.XOR, "xor", dst, src); }
    public void xor(Mem dst, Gp src) { alu.mr(AluOp.XOR, dst, src); listed("xor", dst, src); }
    public void xor(Gp dst, int imm) { aluRi(AluOp.XOR, "xor", dst, imm); }
    public void xor(Mem dst, int imm) { alu.mi(AluOp.XOR, dst, imm); listedImm("xor", dst, imm); }

    /** An ALU op into dst (see {@link #resultFlags}, {@link #keepSlot}). */
    private void aluRr(AluOp op, String name, Gp dst, Gp src) {
        int at = buf.size(); alu.rr(op, dst, src); listed(name, dst, src); resultFlags(dst); keepSlot(at, dst.number());
    }
    private void aluRm(AluOp op, String name, Gp dst, Mem src) {
        int at = buf.size(); alu.rm(op, dst, src); listed(name, dst, src); resultFlags(dst); keepSlot(at, dst.number());
    }
    private void aluRi(AluOp op, String name, Gp dst, int imm) {
        int at = buf.size();
        alu.ri(op, dst, imm);
        listedImm(name, dst, imm);
        resultFlags(dst);
        keepSlot(at, dst.number());
    }
    public void cmp(Gp a, Gp b) { int at = buf.size(); alu.rr(AluOp.CMP, a, b); listed("cmp", a, b); keepSlot(at, -1); }
    public void cmp(Gp a, Mem b) {
        int at = buf.size(); alu.rm(AluOp.CMP, a, b); listed("cmp", a, b); keepSlot(at, -1);
    }
    public void cmp(Mem a, Gp b) { alu.mr(AluOp.CMP, a, b); listed("cmp", a, b); }
    public void cmp(Gp a, int imm) {
        int at = buf.size(); alu.ri(AluOp.CMP, a, imm); listedImm("cmp", a, imm); keepSlot(at, -1);
    }
    public void cmp(Mem a, int imm) { alu.mi(AluOp.CMP, a, imm); listedImm("cmp", a, imm); }

    public void test(Gp a, Gp b) { int at = buf.size(); alu.testRr(a, b); listed("test", a, b); keepSlot(at, -1); }
    public void test(Mem a, Gp b) { alu.testMr(a, b); listed("test", a, b); }
    public void test(Gp a, int imm) {
        int at = buf.size(); alu.testRi(a, imm); listedImm("test", a, imm); keepSlot(at, -1);
    }
    public void test(Mem a, int imm) { alu.testMi(a, imm); listedImm("test", a, imm); }

    // ---- one operand: inc, dec, neg, not; widening mul and div on rdx:rax ----

    public void inc(Gp r) { unary.r(UnaryOp.INC, r); listed("inc", r); }
    public void inc(Mem m) { unary.m(UnaryOp.INC, m); listed("inc", m); }
    public void dec(Gp r) { unary.r(UnaryOp.DEC, r); listed("dec", r); }
    public void dec(Mem m) { unary.m(UnaryOp.DEC, m); listed("dec", m); }
    public void neg(Gp r) { unary.r(UnaryOp.NEG, r); listed("neg", r); resultFlags(r); }
    public void neg(Mem m) { unary.m(UnaryOp.NEG, m); listed("neg", m); }
    public void not(Gp r) { unary.r(UnaryOp.NOT, r); listed("not", r); }
    public void not(Mem m) { unary.m(UnaryOp.NOT, m); listed("not", m); }
    public void mul(Gp r) { unary.r(UnaryOp.MUL, r); listed("mul", r); }
    public void mul(Mem m) { unary.m(UnaryOp.MUL, m); listed("mul", m); }
    public void imul(Gp r) { unary.r(UnaryOp.IMUL, r); listed("imul", r); }
    public void imul(Mem m) { unary.m(UnaryOp.IMUL, m); listed("imul", m); }
    public void div(Gp r) { unary.r(UnaryOp.DIV, r); listed("div", r); }
    public void div(Mem m) { unary.m(UnaryOp.DIV, m); listed("div", m); }
    public void idiv(Gp r) { unary.r(UnaryOp.IDIV, r); listed("idiv", r); }
    public void idiv(Mem m) { unary.m(UnaryOp.IDIV, m); listed("idiv", m); }

    // ---- truncating multiply, sign extension of the accumulator ----

    public void imul(Gp dst, Gp src) { multiply.imulRr(dst, src); listed("imul", dst, src); }
    public void imul(Gp dst, Mem src) { multiply.imulRm(dst, src); listed("imul", dst, src); }
    public void imul(Gp dst, Gp src, int imm) { multiply.imulRri(dst, src, imm); listedImm("imul", dst, src, imm); }
    public void imul(Gp dst, Mem src, int imm) { multiply.imulRmi(dst, src, imm); listedImm("imul", dst, src, imm); }
    public void cqo() { multiply.cqo(); listed("cqo"); }
    public void cdq() { multiply.cdq(); listed("cdq"); }

    // ---- shifts and rotates: by an immediate, or by cl ----

    public void shl(Gp r, int count) {
        int at = buf.size(); shift.ri(ShiftOp.SHL, r, count); listedShift("shl", r, count); keepSlot(at, r.number());
    }
    public void shl(Gp r, Gp cl) { shift.rcl(ShiftOp.SHL, r, cl); listed("shl", r, cl); }
    public void shr(Gp r, int count) {
        int at = buf.size(); shift.ri(ShiftOp.SHR, r, count); listedShift("shr", r, count); keepSlot(at, r.number());
    }
    public void shr(Gp r, Gp cl) { shift.rcl(ShiftOp.SHR, r, cl); listed("shr", r, cl); }
    public void sar(Gp r, int count) {
        int at = buf.size(); shift.ri(ShiftOp.SAR, r, count); listedShift("sar", r, count); keepSlot(at, r.number());
    }
    public void sar(Gp r, Gp cl) { shift.rcl(ShiftOp.SAR, r, cl); listed("sar", r, cl); }
    /** BMI2: dst = src shifted by count (any register; masked to 5 or 6 bits as cl is); the flags are kept. */
    public void shlx(Gp dst, Gp src, Gp count) { shift.rrx(ShiftOp.SHL, dst, src, count); listed("shlx", dst, src, count); }
    public void shrx(Gp dst, Gp src, Gp count) { shift.rrx(ShiftOp.SHR, dst, src, count); listed("shrx", dst, src, count); }
    public void sarx(Gp dst, Gp src, Gp count) { shift.rrx(ShiftOp.SAR, dst, src, count); listed("sarx", dst, src, count); }
    /** BMI2: dst = src rotated right by count, the flags kept. */
    public void rorx(Gp dst, Gp src, int count) {
        shift.rorx(dst, src, count);
        if (listing != null) {
            listing.instruction(buf.size(), "rorx", dst, src, Listing.hex(count));
        }
    }
    public void rol(Gp r, int count) { shift.ri(ShiftOp.ROL, r, count); listedShift("rol", r, count); }
    public void rol(Gp r, Gp cl) { shift.rcl(ShiftOp.ROL, r, cl); listed("rol", r, cl); }
    public void ror(Gp r, int count) { shift.ri(ShiftOp.ROR, r, count); listedShift("ror", r, count); }
    public void ror(Gp r, Gp cl) { shift.rcl(ShiftOp.ROR, r, cl); listed("ror", r, cl); }

    // ---- flag consumers ----

    public void cmovcc(Cond cc, Gp dst, Gp src) { conditional.cmov(cc, dst, src); listedCc("cmov", cc, dst, src); }
    public void cmovcc(Cond cc, Gp dst, Mem src) {
        conditional.cmov(cc, dst, src);
        listedCc("cmov", cc, dst, src);
    }
    public void setcc(Cond cc, Gp dst) {
        conditional.set(cc, dst);
        listedCc("set", cc, dst, null);
        setCond = cc;
        setByte = dst.number();
        setRegisters = 0;
        setEnd = buf.size();
    }

    // ---- exchanges and atomics ----

    public void xchg(Gp a, Gp b) {
        exchange.rr(a, b);
        if (listing == null) {
            return;
        }
        if (a == Gp.RAX && b == Gp.RAX) {
            listed("nop");                                     // 90
        } else if (ExchangeEncoder.accumulatorForm(a, b)) {
            Gp other = ExchangeEncoder.inOpcode(a, b);         // objdump names the accumulator last
            listed("xchg", other, other == a ? b : a);
        } else {
            listed("xchg", a, b);
        }
    }
    public void bswap(Gp r) { exchange.bswap(r); listed("bswap", r); }
    public void lockCmpxchg(Mem m, Gp r) { exchange.lockCmpxchg(m, r); listed("lock cmpxchg", m, r); }
    public void lockXadd(Mem m, Gp r) { exchange.lockXadd(m, r); listed("lock xadd", m, r); }
    public void mfence() { exchange.mfence(); listed("mfence"); }

    // ---- control transfers ----

    /** jmp to a label: rel8 if it is bound and near, else rel32. */
    public void jmp(Label target) { jump.jmp(target); listed("jmp", target); }
    /** jcc to a label: rel8 if it is bound and near, else rel32. */
    public void jcc(Cond cc, Label target) { jump.jcc(cc, target); listedCc("j", cc, target, null); }
    /** jmp rel32 to a label, always five bytes, reported for later patching. */
    public PatchSite jmpRel32(Label target) {
        PatchSite site = jump.jmpRel32(target);
        listed("jmp", target);
        return site;
    }
    /** jcc rel32 to a label, always six bytes, reported for later patching. */
    public PatchSite jccRel32(Cond cc, Label target) {
        PatchSite site = jump.jccRel32(cc, target);
        listedCc("j", cc, target, null);
        return site;
    }
    /** jmp rel32 to a host address, resolved by {@link #finish(long)}. */
    public PatchSite jmpAbsolute(long target) {
        PatchSite site = jump.jmpAbsolute(target);
        listedAddress("jmp", null, target);
        return site;
    }
    /** jcc rel32 to a host address, resolved by {@link #finish(long)}. */
    public PatchSite jccAbsolute(Cond cc, long target) {
        PatchSite site = jump.jccAbsolute(cc, target);
        listedAddress("j", cc, target);
        return site;
    }
    public void jmp(Gp target) { jump.jmp(target); listed("jmp", target); }
    public void jmp(Mem target) { jump.jmp(target); listed("jmp", target); }
    public PatchSite call(Label target) {
        PatchSite site = jump.call(target);
        listed("call", target);
        return site;
    }
    /** call rel32 to a host address, resolved by {@link #finish(long)}. */
    public PatchSite callAbsolute(long target) {
        PatchSite site = jump.callAbsolute(target);
        listedAddress("call", null, target);
        return site;
    }
    public void call(Gp target) { jump.call(target); listed("call", target); }
    public void call(Mem target) { jump.call(target); listed("call", target); }
    public void ret() { jump.ret(); listed("ret"); }
    public void syscall() { jump.syscall(); listed("syscall"); }

    // ---- scalar floating point: moves between general-purpose registers, xmm registers and memory ----

    /** movq xmm, r64: the upper half of the xmm register is zeroed. */
    public void movq(Xmm dst, Gp src) {
        int at = buf.size();
        sse.movq(dst, src);
        listed("movq", dst, src);
        keepFlags(at, -1, -1);
    }
    public void movq(Gp dst, Xmm src) {
        int at = buf.size();
        sse.movq(dst, src);
        listed("movq", dst, src);
        keepFlags(at, dst);
    }
    /** movd xmm, r32: bits 32 and up of the xmm register are zeroed. */
    public void movd(Xmm dst, Gp src) { sse.movd(dst, src); listed("movd", dst, src); }
    /** movd r32, xmm: zero-extends into the 64-bit register. */
    public void movd(Gp dst, Xmm src) { sse.movd(dst, src); listed("movd", dst, src); }
    public void movq(Xmm dst, Mem src) { sse.movq(dst, src); listed("movq", dst, src); }
    public void movq(Mem dst, Xmm src) { sse.movq(dst, src); listed("movq", dst, src); }
    public void movd(Xmm dst, Mem src) { sse.movd(dst, src); listed("movd", dst, src); }
    public void movd(Mem dst, Xmm src) { sse.movd(dst, src); listed("movd", dst, src); }
    /** Copies all 128 bits. */
    public void movaps(Xmm dst, Xmm src) {
        int at = buf.size();
        sse.rr(SseOp.MOVAPS, dst, src);
        listed("movaps", dst, src);
        keepFlags(at, -1, -1);
    }

    // ---- scalar arithmetic: sd on the low 64 bits (memory operands of 8 bytes), ss on the low 32 (4 bytes) ----

    public void addsd(Xmm dst, Xmm src) { sse.rr(SseOp.ADDSD, dst, src); listed("addsd", dst, src); }
    public void addsd(Xmm dst, Mem src) { sse.rm(SseOp.ADDSD, dst, src); listed("addsd", dst, src); }
    public void addss(Xmm dst, Xmm src) { sse.rr(SseOp.ADDSS, dst, src); listed("addss", dst, src); }
    public void addss(Xmm dst, Mem src) { sse.rm(SseOp.ADDSS, dst, src); listed("addss", dst, src); }
    public void subsd(Xmm dst, Xmm src) { sse.rr(SseOp.SUBSD, dst, src); listed("subsd", dst, src); }
    public void subsd(Xmm dst, Mem src) { sse.rm(SseOp.SUBSD, dst, src); listed("subsd", dst, src); }
    public void subss(Xmm dst, Xmm src) { sse.rr(SseOp.SUBSS, dst, src); listed("subss", dst, src); }
    public void subss(Xmm dst, Mem src) { sse.rm(SseOp.SUBSS, dst, src); listed("subss", dst, src); }
    public void mulsd(Xmm dst, Xmm src) { sse.rr(SseOp.MULSD, dst, src); listed("mulsd", dst, src); }
    public void mulsd(Xmm dst, Mem src) { sse.rm(SseOp.MULSD, dst, src); listed("mulsd", dst, src); }
    public void mulss(Xmm dst, Xmm src) { sse.rr(SseOp.MULSS, dst, src); listed("mulss", dst, src); }
    public void mulss(Xmm dst, Mem src) { sse.rm(SseOp.MULSS, dst, src); listed("mulss", dst, src); }
    public void divsd(Xmm dst, Xmm src) { sse.rr(SseOp.DIVSD, dst, src); listed("divsd", dst, src); }
    public void divsd(Xmm dst, Mem src) { sse.rm(SseOp.DIVSD, dst, src); listed("divsd", dst, src); }
    public void divss(Xmm dst, Xmm src) { sse.rr(SseOp.DIVSS, dst, src); listed("divss", dst, src); }
    public void divss(Xmm dst, Mem src) { sse.rm(SseOp.DIVSS, dst, src); listed("divss", dst, src); }
    /** The VEX three-operand forms (AVX): {@code dst = a op b}, the bits above the scalar from a. */
    public void vaddsd(Xmm dst, Xmm a, Xmm b) { avx.scalar(SseOp.ADDSD, dst, a, b); listed("vaddsd", dst, a, b); }
    public void vaddss(Xmm dst, Xmm a, Xmm b) { avx.scalar(SseOp.ADDSS, dst, a, b); listed("vaddss", dst, a, b); }
    public void vsubsd(Xmm dst, Xmm a, Xmm b) { avx.scalar(SseOp.SUBSD, dst, a, b); listed("vsubsd", dst, a, b); }
    public void vsubss(Xmm dst, Xmm a, Xmm b) { avx.scalar(SseOp.SUBSS, dst, a, b); listed("vsubss", dst, a, b); }
    public void vmulsd(Xmm dst, Xmm a, Xmm b) { avx.scalar(SseOp.MULSD, dst, a, b); listed("vmulsd", dst, a, b); }
    public void vmulss(Xmm dst, Xmm a, Xmm b) { avx.scalar(SseOp.MULSS, dst, a, b); listed("vmulss", dst, a, b); }
    public void vdivsd(Xmm dst, Xmm a, Xmm b) { avx.scalar(SseOp.DIVSD, dst, a, b); listed("vdivsd", dst, a, b); }
    public void vdivss(Xmm dst, Xmm a, Xmm b) { avx.scalar(SseOp.DIVSS, dst, a, b); listed("vdivss", dst, a, b); }
    /** dst = sqrt(b) (vsqrtsd dst, a, b), the bits above from a: with a = b, no dependency on dst's old value. */
    public void vsqrtsd(Xmm dst, Xmm a, Xmm b) { avx.scalar(SseOp.SQRTSD, dst, a, b); listed("vsqrtsd", dst, a, b); }
    public void vsqrtss(Xmm dst, Xmm a, Xmm b) { avx.scalar(SseOp.SQRTSS, dst, a, b); listed("vsqrtss", dst, a, b); }
    /** dst = b converted (vcvtsd2ss rounds per MXCSR, vcvtss2sd is exact), the bits above from a. */
    public void vcvtsd2ss(Xmm dst, Xmm a, Xmm b) { avx.scalar(SseOp.CVTSD2SS, dst, a, b); listed("vcvtsd2ss", dst, a, b); }
    public void vcvtss2sd(Xmm dst, Xmm a, Xmm b) { avx.scalar(SseOp.CVTSS2SD, dst, a, b); listed("vcvtss2sd", dst, a, b); }
    public void sqrtsd(Xmm dst, Xmm src) { sse.rr(SseOp.SQRTSD, dst, src); listed("sqrtsd", dst, src); }
    public void sqrtsd(Xmm dst, Mem src) { sse.rm(SseOp.SQRTSD, dst, src); listed("sqrtsd", dst, src); }
    public void sqrtss(Xmm dst, Xmm src) { sse.rr(SseOp.SQRTSS, dst, src); listed("sqrtss", dst, src); }
    public void sqrtss(Xmm dst, Mem src) { sse.rm(SseOp.SQRTSS, dst, src); listed("sqrtss", dst, src); }
    /** min/max: if either operand is a NaN, or both are zeros, the result is {@code src}. */
    public void minsd(Xmm dst, Xmm src) { sse.rr(SseOp.MINSD, dst, src); listed("minsd", dst, src); }
    public void minsd(Xmm dst, Mem src) { sse.rm(SseOp.MINSD, dst, src); listed("minsd", dst, src); }
    public void minss(Xmm dst, Xmm src) { sse.rr(SseOp.MINSS, dst, src); listed("minss", dst, src); }
    public void minss(Xmm dst, Mem src) { sse.rm(SseOp.MINSS, dst, src); listed("minss", dst, src); }
    public void maxsd(Xmm dst, Xmm src) { sse.rr(SseOp.MAXSD, dst, src); listed("maxsd", dst, src); }
    public void maxsd(Xmm dst, Mem src) { sse.rm(SseOp.MAXSD, dst, src); listed("maxsd", dst, src); }
    public void maxss(Xmm dst, Xmm src) { sse.rr(SseOp.MAXSS, dst, src); listed("maxss", dst, src); }
    public void maxss(Xmm dst, Mem src) { sse.rm(SseOp.MAXSS, dst, src); listed("maxss", dst, src); }

    // ---- scalar comparisons into ZF, PF, CF (unordered sets all three; OF, SF, AF are cleared) ----

    /** Invalid only for a signalling NaN. */
    public void ucomisd(Xmm a, Xmm b) { sse.rr(SseOp.UCOMISD, a, b); listed("ucomisd", a, b); }
    public void ucomisd(Xmm a, Mem b) { sse.rm(SseOp.UCOMISD, a, b); listed("ucomisd", a, b); }
    public void ucomiss(Xmm a, Xmm b) { sse.rr(SseOp.UCOMISS, a, b); listed("ucomiss", a, b); }
    public void ucomiss(Xmm a, Mem b) { sse.rm(SseOp.UCOMISS, a, b); listed("ucomiss", a, b); }
    /** Invalid for any NaN. */
    public void comisd(Xmm a, Xmm b) { sse.rr(SseOp.COMISD, a, b); listed("comisd", a, b); }
    public void comisd(Xmm a, Mem b) { sse.rm(SseOp.COMISD, a, b); listed("comisd", a, b); }
    public void comiss(Xmm a, Xmm b) { sse.rr(SseOp.COMISS, a, b); listed("comiss", a, b); }
    public void comiss(Xmm a, Mem b) { sse.rm(SseOp.COMISS, a, b); listed("comiss", a, b); }

    // ---- scalar comparisons into a mask ----

    /** dst = all ones where dst or src is a NaN, else zero (low 8 bytes; quiet: invalid for a signalling NaN only). */
    public void cmpunordsd(Xmm dst, Xmm src) { sse.cmpUnordered(true, dst, src); listed("cmpunordsd", dst, src); }
    /** As {@link #cmpunordsd}, on the low 4 bytes. */
    public void cmpunordss(Xmm dst, Xmm src) { sse.cmpUnordered(false, dst, src); listed("cmpunordss", dst, src); }

    // ---- conversions: double <-> single, integer -> scalar (the Gp's size picks REX.W), scalar -> integer ----

    public void cvtsd2ss(Xmm dst, Xmm src) { sse.rr(SseOp.CVTSD2SS, dst, src); listed("cvtsd2ss", dst, src); }
    public void cvtsd2ss(Xmm dst, Mem src) { sse.rm(SseOp.CVTSD2SS, dst, src); listed("cvtsd2ss", dst, src); }
    public void cvtss2sd(Xmm dst, Xmm src) { sse.rr(SseOp.CVTSS2SD, dst, src); listed("cvtss2sd", dst, src); }
    public void cvtss2sd(Xmm dst, Mem src) { sse.rm(SseOp.CVTSS2SD, dst, src); listed("cvtss2sd", dst, src); }
    /** From a 32- or 64-bit signed integer. */
    public void cvtsi2sd(Xmm dst, Gp src) { sse.fromInt(true, dst, src); listed("cvtsi2sd", dst, src); }
    public void cvtsi2sd(Xmm dst, Mem src) { sse.fromInt(true, dst, src); listed("cvtsi2sd", dst, src); }
    public void cvtsi2ss(Xmm dst, Gp src) { sse.fromInt(false, dst, src); listed("cvtsi2ss", dst, src); }
    public void cvtsi2ss(Xmm dst, Mem src) { sse.fromInt(false, dst, src); listed("cvtsi2ss", dst, src); }
    /** To a 32- or 64-bit signed integer, rounded per MXCSR; NaN and out of range give the minimum. */
    public void cvtsd2si(Gp dst, Xmm src) { sse.toInt(true, false, dst, src); listed("cvtsd2si", dst, src); }
    public void cvtsd2si(Gp dst, Mem src) { sse.toInt(true, false, dst, src); listed("cvtsd2si", dst, src); }
    /** To a 32- or 64-bit signed integer, truncated; NaN and out of range give the minimum. */
    public void cvttsd2si(Gp dst, Xmm src) { sse.toInt(true, true, dst, src); listed("cvttsd2si", dst, src); }
    /** SSE4.1: to an integral value in imm's rounding mode (see {@link SseEncoder#round}). */
    public void roundsd(Xmm dst, Xmm src, int imm) { sse.round(true, dst, src, imm); listed("roundsd", dst, src, Listing.hex(imm)); }
    public void roundss(Xmm dst, Xmm src, int imm) { sse.round(false, dst, src, imm); listed("roundss", dst, src, Listing.hex(imm)); }
    public void cvttsd2si(Gp dst, Mem src) { sse.toInt(true, true, dst, src); listed("cvttsd2si", dst, src); }
    public void cvtss2si(Gp dst, Xmm src) { sse.toInt(false, false, dst, src); listed("cvtss2si", dst, src); }
    public void cvtss2si(Gp dst, Mem src) { sse.toInt(false, false, dst, src); listed("cvtss2si", dst, src); }
    public void cvttss2si(Gp dst, Xmm src) { sse.toInt(false, true, dst, src); listed("cvttss2si", dst, src); }
    public void cvttss2si(Gp dst, Mem src) { sse.toInt(false, true, dst, src); listed("cvttss2si", dst, src); }

    // ---- fused multiply-add (FMA3, VEX): the digits say which operands are multiplied, the last one added ----

    /**
     * A fused multiply-add, rounded once, in operand order 132, 213 or 231: 231 is {@code dst = a*b + dst}, 213
     * {@code dst = a*dst + b}, 132 {@code dst = dst*b + a}; negateProduct and negateAddend flip the signs of the
     * product and of the added operand within the one rounded operation (vfnmadd, vfmsub, vfnmsub).
     */
    public void vfma(int order, boolean negateProduct, boolean negateAddend, boolean isDouble, Xmm dst, Xmm a, Xmm b) {
        int base = switch (order) {
            case 132 -> FmaEncoder.VFMADD132;
            case 213 -> FmaEncoder.VFMADD213;
            case 231 -> FmaEncoder.VFMADD231;
            default -> throw new IllegalArgumentException("no FMA3 operand order " + order);
        };
        fma.vfmadd(base + (negateAddend ? 2 : 0) + (negateProduct ? 4 : 0), isDouble, dst, a, b);
        listed("vf" + (negateProduct ? "n" : "") + "m" + (negateAddend ? "sub" : "add") + order + (isDouble ? "sd" : "ss"),
                dst, a, b);
    }

    // ---- MXCSR, and zeroing an xmm register ----

    public void ldmxcsr(Mem src) { sse.ldmxcsr(src); listed("ldmxcsr", src); }
    public void stmxcsr(Mem dst) { sse.stmxcsr(dst); listed("stmxcsr", dst); }
    public void pxor(Xmm dst, Xmm src) { sse.rr(SseOp.PXOR, dst, src); listed("pxor", dst, src); }

    // ---- 16 bytes at a time, and byte strings (the host routines of C string functions) ----

    /** movdqu xmm, m128: 16 bytes from any address. */
    public void movdqu(Xmm dst, Mem src) { sse.rm(SseOp.MOVDQU, dst, src); listed("movdqu", dst, src); }
    public void movdqu(Mem dst, Xmm src) { sse.movdqu(dst, src); listed("movdqu", dst, src); }
    /** pcmpeqb xmm, xmm: each byte all ones where the two are equal, else zero. */
    public void pcmpeqb(Xmm dst, Xmm src) { sse.rr(SseOp.PCMPEQB, dst, src); listed("pcmpeqb", dst, src); }
    /** pmovmskb r32, xmm: bit k is byte k's top bit. */
    public void pmovmskb(Gp dst, Xmm src) { sse.pmovmskb(dst, src); listed("pmovmskb", dst, src); }
    public void pand(Xmm dst, Xmm src) { sse.rr(SseOp.PAND, dst, src); listed("pand", dst, src); }
    public void por(Xmm dst, Xmm src) { sse.rr(SseOp.POR, dst, src); listed("por", dst, src); }
    /** pshufd xmm, xmm, imm8; imm 0 copies the low dword to all four. */
    public void pshufd(Xmm dst, Xmm src, int imm) { sse.pshufd(dst, src, imm); listed("pshufd", dst, src, Listing.hex(imm)); }
    public void bsf(Gp dst, Gp src) { string.bsf(dst, src); listed("bsf", dst, src); }
    public void repMovsb() { string.repMovsb(); listed("rep movsb"); }
    public void repStosb() { string.repStosb(); listed("rep stosb"); }
    public void xorps(Xmm dst, Xmm src) { sse.rr(SseOp.XORPS, dst, src); listed("xorps", dst, src); }
    /** pminub xmm, xmm: each byte the smaller of the two, unsigned. */
    public void pminub(Xmm dst, Xmm src) { sse.rr(SseOp.PMINUB, dst, src); listed("pminub", dst, src); }
    /** pminub xmm, m128: m must be 16-byte aligned. */
    public void pminub(Xmm dst, Mem src) { sse.rm(SseOp.PMINUB, dst, src); listed("pminub", dst, src); }

    // ---- 32 bytes at a time (AVX2): three operands, the first source in the middle; vzeroupper before SSE code ----

    /** vmovdqu ymm, m256: 32 bytes from any address. */
    public void vmovdqu(Ymm dst, Mem src) { avx.load(dst, src); listed("vmovdqu", dst, src); }
    public void vmovdqu(Mem dst, Ymm src) { avx.store(dst, src); listed("vmovdqu", dst, src); }
    public void vpcmpeqb(Ymm dst, Ymm a, Ymm b) { avx.rrr(SseOp.PCMPEQB, dst, a, b); listed("vpcmpeqb", dst, a, b); }
    public void vpcmpeqb(Ymm dst, Ymm a, Mem b) { avx.rrm(SseOp.PCMPEQB, dst, a, b); listed("vpcmpeqb", dst, a, b); }
    public void vpminub(Ymm dst, Ymm a, Mem b) { avx.rrm(SseOp.PMINUB, dst, a, b); listed("vpminub", dst, a, b); }
    public void vpminub(Ymm dst, Ymm a, Ymm b) { avx.rrr(SseOp.PMINUB, dst, a, b); listed("vpminub", dst, a, b); }
    public void vpand(Ymm dst, Ymm a, Ymm b) { avx.rrr(SseOp.PAND, dst, a, b); listed("vpand", dst, a, b); }
    public void vpor(Ymm dst, Ymm a, Ymm b) { avx.rrr(SseOp.POR, dst, a, b); listed("vpor", dst, a, b); }
    public void vpxor(Ymm dst, Ymm a, Ymm b) { avx.rrr(SseOp.PXOR, dst, a, b); listed("vpxor", dst, a, b); }
    public void vpxor(Ymm dst, Ymm a, Mem b) { avx.rrm(SseOp.PXOR, dst, a, b); listed("vpxor", dst, a, b); }
    /** vpmovmskb r32, ymm: bit k is byte k's top bit. */
    public void vpmovmskb(Gp dst, Ymm src) { avx.pmovmskb(dst, src); listed("vpmovmskb", dst, src); }
    /** vpbroadcastb ymm, xmm: the low byte of src in every byte. */
    public void vpbroadcastb(Ymm dst, Xmm src) { avx.pbroadcastb(dst, src); listed("vpbroadcastb", dst, src); }
    public void vzeroupper() { avx.vzeroupper(); listed("vzeroupper"); }

    // ---- padding and traps ----

    public void nop() { nop(1); }
    /** {@code length} bytes of multi-byte nops, as few as possible (GNU as's, up to 11 bytes each). */
    public void nop(int length) {
        PaddingEncoder.requireNopLength(length);
        for (int left = length; left > 0; ) {
            int n = padding.nopInstruction(left);
            left -= n;
            listed(PaddingEncoder.text(n));
        }
    }
    /** Nops up to the next multiple of {@code alignment} (a power of two) from the start of the code. */
    public void align(int alignment) { nop(padding.paddingFor(alignment)); }
    /**
     * Data, not an instruction: a 32-bit entry of a jump table, the offset of label from base (a label of this code
     * bound already, the table's start), filled by {@link #finish}.
     */
    public void tableEntry(Label label, Label base) {
        enc.requireOwnLabel(label);
        enc.requireOwnLabel(base);
        if (!base.isBound()) {
            throw new IllegalStateException("a table entry's base " + base + " is not bound");
        }
        int field = buf.size();
        buf.emit32(0);
        fixups.labelUse(field, base.offset(), label, 0);
        listed(".long", label + "-" + base);
    }
    /** A breakpoint, for debugging only: generated code must never trap (see DESIGN.md, the safety model). */
    public void int3() { padding.int3(); listed("int3"); }

    // ---- recording the listing: one entry per instruction, text only when a listing is kept ----

    private void listed(String mnemonic) {
        if (listing != null) {
            listing.instruction(buf.size(), mnemonic);
        }
    }

    private void listed(String mnemonic, Object op) {
        if (listing != null) {
            listing.instruction(buf.size(), mnemonic, op);
        }
    }

    private void listed(String mnemonic, Object op1, Object op2) {
        if (listing != null) {
            listing.instruction(buf.size(), mnemonic, op1, op2);
        }
    }

    private void listed(String mnemonic, Object op1, Object op2, Object op3) {
        if (listing != null) {
            listing.instruction(buf.size(), mnemonic, op1, op2, op3);
        }
    }

    /** An immediate last, printed at the width of the first operand. */
    private void listedImm(String mnemonic, Object dst, long imm) {
        if (listing != null) {
            listing.instruction(buf.size(), mnemonic, dst, Listing.imm(imm, Listing.sizeOf(dst)));
        }
    }

    private void listedImm(String mnemonic, Object dst, Object src, long imm) {
        if (listing != null) {
            listing.instruction(buf.size(), mnemonic, dst, src, Listing.imm(imm, Listing.sizeOf(dst)));
        }
    }

    /** A shift by an immediate: objdump prints the short by-one form's count as {@code 1}, others in hex. */
    private void listedShift(String mnemonic, Gp r, int count) {
        if (listing != null) {
            listing.instruction(buf.size(), mnemonic, r, count == 1 ? "1" : Listing.hex(count));
        }
    }

    /** {@code prefix + cc} with one or two operands ({@code op2} null for one). */
    private void listedCc(String prefix, Cond cc, Object op1, Object op2) {
        if (listing != null) {
            if (op2 == null) {
                listing.instruction(buf.size(), prefix + cc.suffix(), op1);
            } else {
                listing.instruction(buf.size(), prefix + cc.suffix(), op1, op2);
            }
        }
    }

    /** A jump or call to a host address ({@code cc} null for jmp and call). */
    private void listedAddress(String mnemonic, Cond cc, long target) {
        if (listing != null) {
            listing.instruction(buf.size(), cc == null ? mnemonic : mnemonic + cc.suffix(), Listing.hex(target));
        }
    }
}
