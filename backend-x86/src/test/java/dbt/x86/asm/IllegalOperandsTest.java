package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;
import static dbt.x86.asm.Xmm.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Size combinations and operands that have no encoding are rejected with IllegalArgumentException, one line each. */
class IllegalOperandsTest {
    static void rejects(Consumer<Assembler> emit) {
        assertThrows(IllegalArgumentException.class, () -> emit.accept(new Assembler()));
    }

    @Test
    void mismatchedSizes() {
        rejects(a -> a.add(RAX, EBX));
        rejects(a -> a.mov(EAX, BX));
        rejects(a -> a.mov(AL, Mem.q(RAX)));
        rejects(a -> a.mov(Mem.d(RAX), RBX));
        rejects(a -> a.cmp(Mem.w(RAX), AL));
        rejects(a -> a.test(RAX, ECX));
        rejects(a -> a.xchg(RAX, EAX));
        rejects(a -> a.lockCmpxchg(Mem.d(RAX), RBX));
        rejects(a -> a.lockXadd(Mem.q(RAX), EBX));
        rejects(a -> a.imul(RAX, ECX));
        rejects(a -> a.cmovcc(Cond.E, EAX, Mem.q(RAX)));
    }

    @Test
    void formsWithoutAnEncoding() {
        rejects(a -> a.imul(AL, BL));
        rejects(a -> a.imul(AL, BL, 3));
        rejects(a -> a.cmovcc(Cond.E, AL, BL));
        rejects(a -> a.setcc(Cond.E, EAX));
        rejects(a -> a.bswap(AX));
        rejects(a -> a.push(EAX));
        rejects(a -> a.pop(AX));
        rejects(a -> a.jmp(EAX));
        rejects(a -> a.call(Mem.d(RAX)));
        rejects(a -> a.movabs(EAX, 1));
        rejects(a -> a.movsxd(EAX, EBX));
        rejects(a -> a.movsxd(RAX, BX));
        rejects(a -> a.movzx(EAX, EBX));
        rejects(a -> a.movzx(AX, BX));
        rejects(a -> a.movsx(AL, Mem.b(RAX)));
        rejects(a -> a.lea(AL, Mem.q(RAX)));
        rejects(a -> a.shl(RAX, CX));
        rejects(a -> a.shl(RAX, RCX));
        rejects(a -> a.shlx(RAX, EBX, RCX));
        rejects(a -> a.sarx(AX, BX, CX));
        rejects(a -> a.rorx(RAX, RBX, 64));
        rejects(a -> a.rorx(EAX, EBX, 32));
    }

    @Test
    void sseGeneralPurposeRegistersOfTheWrongSize() {
        rejects(a -> a.movq(XMM0, EAX));
        rejects(a -> a.movq(XMM0, AX));
        rejects(a -> a.movq(R8D, XMM1));
        rejects(a -> a.movd(XMM0, RAX));
        rejects(a -> a.movd(XMM0, AL));
        rejects(a -> a.movd(R9, XMM15));
        rejects(a -> a.movd(SIL, XMM2));
        rejects(a -> a.cvtsi2sd(XMM0, AX));
        rejects(a -> a.cvtsi2ss(XMM0, BL));
        rejects(a -> a.cvtsd2si(CX, XMM0));
        rejects(a -> a.cvttsd2si(DL, XMM0));
        rejects(a -> a.cvtss2si(R8W, XMM0));
        rejects(a -> a.cvttss2si(SPL, XMM0));
        rejects(a -> a.cvttss2si(AX, Mem.d(RAX)));
    }

    @Test
    void sseMemoryOperandsOfTheWrongSize() {
        rejects(a -> a.movq(XMM0, Mem.d(RAX)));
        rejects(a -> a.movq(Mem.d(RAX), XMM0));
        rejects(a -> a.movd(XMM0, Mem.q(RAX)));
        rejects(a -> a.movd(Mem.w(RAX), XMM0));
        rejects(a -> a.addsd(XMM0, Mem.d(RAX)));
        rejects(a -> a.addss(XMM0, Mem.q(RAX)));
        rejects(a -> a.subsd(XMM0, Mem.b(RAX)));
        rejects(a -> a.mulss(XMM0, Mem.w(RAX)));
        rejects(a -> a.divsd(XMM0, Mem.d(RAX)));
        rejects(a -> a.sqrtss(XMM0, Mem.q(RAX)));
        rejects(a -> a.minsd(XMM0, Mem.d(RAX)));
        rejects(a -> a.maxss(XMM0, Mem.q(RAX)));
        rejects(a -> a.ucomisd(XMM0, Mem.d(RAX)));
        rejects(a -> a.comiss(XMM0, Mem.q(RAX)));
        rejects(a -> a.cvtsd2ss(XMM0, Mem.d(RAX)));
        rejects(a -> a.cvtss2sd(XMM0, Mem.q(RAX)));
        rejects(a -> a.cvtsi2sd(XMM0, Mem.w(RAX)));
        rejects(a -> a.cvtsi2ss(XMM0, Mem.b(RAX)));
        rejects(a -> a.cvtsd2si(RAX, Mem.d(RAX)));
        rejects(a -> a.cvtss2si(EAX, Mem.q(RAX)));
        rejects(a -> a.ldmxcsr(Mem.q(RAX)));
        rejects(a -> a.stmxcsr(Mem.w(RAX)));
        rejects(a -> Xmm.of(16));
        rejects(a -> Xmm.of(-1));
    }

    @Test
    void immediatesThatDoNotFit() {
        rejects(a -> a.add(AL, 256));
        rejects(a -> a.add(AL, -129));
        rejects(a -> a.mov(AX, 0x10000));
        rejects(a -> a.mov(Mem.b(RAX), 0x100));
        rejects(a -> a.movImm(EAX, 0x100000000L));
        rejects(a -> a.movImm(BL, -200));
        rejects(a -> a.shl(RAX, 64));
        rejects(a -> a.shl(EAX, 32));
        rejects(a -> a.sar(RAX, -1));
        rejects(a -> a.nop(-1));
        rejects(a -> a.align(12));
    }

    @Test
    void badMemoryOperands() {
        rejects(a -> Mem.q(EAX));
        rejects(a -> Mem.q(RAX, RSP, 1, 0));
        rejects(a -> Mem.q(RAX, ECX, 2, 0));
        rejects(a -> Mem.q(RAX, RCX, 3, 0));
        rejects(a -> Mem.of(3, RAX, 0));
        rejects(a -> Gp.q(16));
        rejects(a -> Gp.of(0, 16));
    }

    @Test
    void labelsOfAnotherAssembler() {
        Label foreign = new Assembler().newLabel();
        rejects(a -> a.bind(foreign));
        rejects(a -> a.jmp(foreign));
        rejects(a -> a.jccRel32(Cond.E, foreign));
        rejects(a -> a.mov(RAX, Mem.rip(8, foreign)));
        rejects(a -> a.addsd(XMM0, Mem.rip(8, foreign)));
        rejects(a -> a.stmxcsr(Mem.rip(4, foreign)));
    }
}
