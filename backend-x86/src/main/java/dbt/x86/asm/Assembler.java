package dbt.x86.asm;

/**
 * The x86-64 assembler: one method per legal instruction form, typed operands ({@link Gp}, {@link Mem}, {@code int}
 * and {@code long} immediates, {@link Label}), and the shortest encoding of each form. This class is the
 * instruction list; the encodings live in one encoder per family ({@link AluEncoder}, {@link MoveEncoder}, ...).
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
 * <p>Operand sizes must agree ({@code add(Gp.RAX, Gp.EBX)} throws {@link IllegalArgumentException}), as must a
 * register and a memory operand's access size. Immediates must fit the operand: for 8- and 16-bit operands either
 * the signed or the unsigned range, for 32-bit any {@code int}, for 64-bit a sign-extended {@code int}.
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
    private final PaddingEncoder padding = new PaddingEncoder(buf);
    private int labelCount;

    // ---- code, labels, result ----

    /** The offset of the next instruction from the start of the code. */
    public int offset() {
        return buf.size();
    }

    public Label newLabel() {
        return new Label(this, labelCount++);
    }

    /** Binds {@code label} to the current offset; a label is bound once (else {@link IllegalStateException}). */
    public void bind(Label label) {
        enc.requireOwnLabel(label);
        label.bindAt(buf.size());
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
        return new AssembledCode(code, loadAddress, fixups.patchSites());
    }

    // ---- mov and friends ----

    public void mov(Gp dst, Gp src) { move.rr(dst, src); }
    public void mov(Gp dst, Mem src) { move.rm(dst, src); }
    public void mov(Mem dst, Gp src) { move.mr(dst, src); }
    /** {@code mov r, imm}: a 64-bit register takes the sign-extended imm32 form ({@link #movImm} picks the shortest). */
    public void mov(Gp dst, int imm) { move.ri(dst, imm); }
    public void mov(Mem dst, int imm) { move.mi(dst, imm); }
    /** {@code mov r64, imm64}, always ten bytes. */
    public void movabs(Gp dst, long imm) { move.movabs(dst, imm); }
    /** The shortest mov of any constant into a register; flags unchanged. */
    public void movImm(Gp dst, long value) { move.movImm(dst, value); }
    public void movzx(Gp dst, Gp src) { move.movzx(dst, src); }
    public void movzx(Gp dst, Mem src) { move.movzx(dst, src); }
    public void movsx(Gp dst, Gp src) { move.movsx(dst, src); }
    public void movsx(Gp dst, Mem src) { move.movsx(dst, src); }
    public void movsxd(Gp dst, Gp src) { move.movsxd(dst, src); }
    public void movsxd(Gp dst, Mem src) { move.movsxd(dst, src); }
    public void lea(Gp dst, Mem src) { move.lea(dst, src); }
    public void push(Gp r) { move.push(r); }
    public void pop(Gp r) { move.pop(r); }

    // ---- two-operand ALU ----

    public void add(Gp dst, Gp src) { alu.rr(AluOp.ADD, dst, src); }
    public void add(Gp dst, Mem src) { alu.rm(AluOp.ADD, dst, src); }
    public void add(Mem dst, Gp src) { alu.mr(AluOp.ADD, dst, src); }
    public void add(Gp dst, int imm) { alu.ri(AluOp.ADD, dst, imm); }
    public void add(Mem dst, int imm) { alu.mi(AluOp.ADD, dst, imm); }

    public void or(Gp dst, Gp src) { alu.rr(AluOp.OR, dst, src); }
    public void or(Gp dst, Mem src) { alu.rm(AluOp.OR, dst, src); }
    public void or(Mem dst, Gp src) { alu.mr(AluOp.OR, dst, src); }
    public void or(Gp dst, int imm) { alu.ri(AluOp.OR, dst, imm); }
    public void or(Mem dst, int imm) { alu.mi(AluOp.OR, dst, imm); }

    public void adc(Gp dst, Gp src) { alu.rr(AluOp.ADC, dst, src); }
    public void adc(Gp dst, Mem src) { alu.rm(AluOp.ADC, dst, src); }
    public void adc(Mem dst, Gp src) { alu.mr(AluOp.ADC, dst, src); }
    public void adc(Gp dst, int imm) { alu.ri(AluOp.ADC, dst, imm); }
    public void adc(Mem dst, int imm) { alu.mi(AluOp.ADC, dst, imm); }

    public void sbb(Gp dst, Gp src) { alu.rr(AluOp.SBB, dst, src); }
    public void sbb(Gp dst, Mem src) { alu.rm(AluOp.SBB, dst, src); }
    public void sbb(Mem dst, Gp src) { alu.mr(AluOp.SBB, dst, src); }
    public void sbb(Gp dst, int imm) { alu.ri(AluOp.SBB, dst, imm); }
    public void sbb(Mem dst, int imm) { alu.mi(AluOp.SBB, dst, imm); }

    public void and(Gp dst, Gp src) { alu.rr(AluOp.AND, dst, src); }
    public void and(Gp dst, Mem src) { alu.rm(AluOp.AND, dst, src); }
    public void and(Mem dst, Gp src) { alu.mr(AluOp.AND, dst, src); }
    public void and(Gp dst, int imm) { alu.ri(AluOp.AND, dst, imm); }
    public void and(Mem dst, int imm) { alu.mi(AluOp.AND, dst, imm); }

    public void sub(Gp dst, Gp src) { alu.rr(AluOp.SUB, dst, src); }
    public void sub(Gp dst, Mem src) { alu.rm(AluOp.SUB, dst, src); }
    public void sub(Mem dst, Gp src) { alu.mr(AluOp.SUB, dst, src); }
    public void sub(Gp dst, int imm) { alu.ri(AluOp.SUB, dst, imm); }
    public void sub(Mem dst, int imm) { alu.mi(AluOp.SUB, dst, imm); }

    public void xor(Gp dst, Gp src) { alu.rr(AluOp.XOR, dst, src); }
    public void xor(Gp dst, Mem src) { alu.rm(AluOp.XOR, dst, src); }
    public void xor(Mem dst, Gp src) { alu.mr(AluOp.XOR, dst, src); }
    public void xor(Gp dst, int imm) { alu.ri(AluOp.XOR, dst, imm); }
    public void xor(Mem dst, int imm) { alu.mi(AluOp.XOR, dst, imm); }

    public void cmp(Gp a, Gp b) { alu.rr(AluOp.CMP, a, b); }
    public void cmp(Gp a, Mem b) { alu.rm(AluOp.CMP, a, b); }
    public void cmp(Mem a, Gp b) { alu.mr(AluOp.CMP, a, b); }
    public void cmp(Gp a, int imm) { alu.ri(AluOp.CMP, a, imm); }
    public void cmp(Mem a, int imm) { alu.mi(AluOp.CMP, a, imm); }

    public void test(Gp a, Gp b) { alu.testRr(a, b); }
    public void test(Mem a, Gp b) { alu.testMr(a, b); }
    public void test(Gp a, int imm) { alu.testRi(a, imm); }
    public void test(Mem a, int imm) { alu.testMi(a, imm); }

    // ---- one operand: inc, dec, neg, not; widening mul and div on rdx:rax ----

    public void inc(Gp r) { unary.r(UnaryOp.INC, r); }
    public void inc(Mem m) { unary.m(UnaryOp.INC, m); }
    public void dec(Gp r) { unary.r(UnaryOp.DEC, r); }
    public void dec(Mem m) { unary.m(UnaryOp.DEC, m); }
    public void neg(Gp r) { unary.r(UnaryOp.NEG, r); }
    public void neg(Mem m) { unary.m(UnaryOp.NEG, m); }
    public void not(Gp r) { unary.r(UnaryOp.NOT, r); }
    public void not(Mem m) { unary.m(UnaryOp.NOT, m); }
    public void mul(Gp r) { unary.r(UnaryOp.MUL, r); }
    public void mul(Mem m) { unary.m(UnaryOp.MUL, m); }
    public void imul(Gp r) { unary.r(UnaryOp.IMUL, r); }
    public void imul(Mem m) { unary.m(UnaryOp.IMUL, m); }
    public void div(Gp r) { unary.r(UnaryOp.DIV, r); }
    public void div(Mem m) { unary.m(UnaryOp.DIV, m); }
    public void idiv(Gp r) { unary.r(UnaryOp.IDIV, r); }
    public void idiv(Mem m) { unary.m(UnaryOp.IDIV, m); }

    // ---- truncating multiply, sign extension of the accumulator ----

    public void imul(Gp dst, Gp src) { multiply.imulRr(dst, src); }
    public void imul(Gp dst, Mem src) { multiply.imulRm(dst, src); }
    public void imul(Gp dst, Gp src, int imm) { multiply.imulRri(dst, src, imm); }
    public void imul(Gp dst, Mem src, int imm) { multiply.imulRmi(dst, src, imm); }
    public void cqo() { multiply.cqo(); }
    public void cdq() { multiply.cdq(); }

    // ---- shifts and rotates: by an immediate, or by cl ----

    public void shl(Gp r, int count) { shift.ri(ShiftOp.SHL, r, count); }
    public void shl(Gp r, Gp cl) { shift.rcl(ShiftOp.SHL, r, cl); }
    public void shr(Gp r, int count) { shift.ri(ShiftOp.SHR, r, count); }
    public void shr(Gp r, Gp cl) { shift.rcl(ShiftOp.SHR, r, cl); }
    public void sar(Gp r, int count) { shift.ri(ShiftOp.SAR, r, count); }
    public void sar(Gp r, Gp cl) { shift.rcl(ShiftOp.SAR, r, cl); }
    public void rol(Gp r, int count) { shift.ri(ShiftOp.ROL, r, count); }
    public void rol(Gp r, Gp cl) { shift.rcl(ShiftOp.ROL, r, cl); }
    public void ror(Gp r, int count) { shift.ri(ShiftOp.ROR, r, count); }
    public void ror(Gp r, Gp cl) { shift.rcl(ShiftOp.ROR, r, cl); }

    // ---- flag consumers ----

    public void cmovcc(Cond cc, Gp dst, Gp src) { conditional.cmov(cc, dst, src); }
    public void cmovcc(Cond cc, Gp dst, Mem src) { conditional.cmov(cc, dst, src); }
    public void setcc(Cond cc, Gp dst) { conditional.set(cc, dst); }

    // ---- exchanges and atomics ----

    public void xchg(Gp a, Gp b) { exchange.rr(a, b); }
    public void bswap(Gp r) { exchange.bswap(r); }
    public void lockCmpxchg(Mem m, Gp r) { exchange.lockCmpxchg(m, r); }
    public void lockXadd(Mem m, Gp r) { exchange.lockXadd(m, r); }
    public void mfence() { exchange.mfence(); }

    // ---- control transfers ----

    /** jmp to a label: rel8 if it is bound and near, else rel32. */
    public void jmp(Label target) { jump.jmp(target); }
    /** jcc to a label: rel8 if it is bound and near, else rel32. */
    public void jcc(Cond cc, Label target) { jump.jcc(cc, target); }
    /** jmp rel32 to a label, always five bytes, reported for later patching. */
    public PatchSite jmpRel32(Label target) { return jump.jmpRel32(target); }
    /** jcc rel32 to a label, always six bytes, reported for later patching. */
    public PatchSite jccRel32(Cond cc, Label target) { return jump.jccRel32(cc, target); }
    /** jmp rel32 to a host address, resolved by {@link #finish(long)}. */
    public PatchSite jmpAbsolute(long target) { return jump.jmpAbsolute(target); }
    /** jcc rel32 to a host address, resolved by {@link #finish(long)}. */
    public PatchSite jccAbsolute(Cond cc, long target) { return jump.jccAbsolute(cc, target); }
    public void jmp(Gp target) { jump.jmp(target); }
    public void jmp(Mem target) { jump.jmp(target); }
    public PatchSite call(Label target) { return jump.call(target); }
    /** call rel32 to a host address, resolved by {@link #finish(long)}. */
    public PatchSite callAbsolute(long target) { return jump.callAbsolute(target); }
    public void call(Gp target) { jump.call(target); }
    public void call(Mem target) { jump.call(target); }
    public void ret() { jump.ret(); }

    // ---- padding and traps ----

    public void nop() { padding.nop(1); }
    /** {@code length} bytes of multi-byte nops. */
    public void nop(int length) { padding.nop(length); }
    /** Nops up to the next multiple of {@code alignment} (a power of two) from the start of the code. */
    public void align(int alignment) { padding.align(alignment); }
    /** A breakpoint, for debugging only: generated code must never trap (see DESIGN.md, the safety model). */
    public void int3() { padding.int3(); }
}
