package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;
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
    }
}
