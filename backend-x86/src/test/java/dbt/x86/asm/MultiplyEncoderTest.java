package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;

import org.junit.jupiter.api.Test;

/** Two- and three-operand imul, cqo and cdq. */
class MultiplyEncoderTest extends EncodingTestBase {
    @Test
    void imulTwoOperands() {
        check("48 0f af c3", a -> a.imul(RAX, RBX)); // gas: imul rax, rbx
        check("4c 0f af c1", a -> a.imul(R8, RCX)); // gas: imul r8, rcx
        check("49 0f af d7", a -> a.imul(RDX, R15)); // gas: imul rdx, r15
        check("0f af ce", a -> a.imul(ECX, ESI)); // gas: imul ecx, esi
        check("45 0f af d3", a -> a.imul(R10D, R11D)); // gas: imul r10d, r11d
        check("66 0f af c3", a -> a.imul(AX, BX)); // gas: imul ax, bx
        check("48 0f af 04 24", a -> a.imul(RAX, Mem.q(RSP))); // gas: imul rax, QWORD PTR [rsp]
        check("44 0f af 4c 85 10", a -> a.imul(R9D, Mem.d(RBP, RAX, 4, 0x10))); // gas: imul r9d, DWORD PTR [rbp+rax*4+0x10]
        check("66 41 0f af 34 24", a -> a.imul(SI, Mem.w(R12))); // gas: imul si, WORD PTR [r12]
    }

    @Test
    void imulThreeOperands() {
        check("48 6b c3 05", a -> a.imul(RAX, RBX, 5)); // gas: imul rax, rbx, 5
        check("48 6b c3 ff", a -> a.imul(RAX, RBX, -1)); // gas: imul rax, rbx, -1
        check("48 69 c3 80 00 00 00", a -> a.imul(RAX, RBX, 0x80)); // gas: imul rax, rbx, 0x80
        check("4d 69 e5 00 00 00 80", a -> a.imul(R12, R13, -0x80000000)); // gas: imul r12, r13, -0x80000000
        check("6b c9 7f", a -> a.imul(ECX, ECX, 0x7f)); // gas: imul ecx, ecx, 0x7f
        check("44 69 c0 00 10 00 00", a -> a.imul(R8D, EAX, 0x1000)); // gas: imul r8d, eax, 0x1000
        check("66 69 c3 34 12", a -> a.imul(AX, BX, 0x1234)); // gas: imul ax, bx, 0x1234
        check("66 6b c3 ff", a -> a.imul(AX, BX, 0xffff)); // gas: imul ax, bx, 0xffff
        check("66 44 6b fa 03", a -> a.imul(R15W, DX, 3)); // gas: imul r15w, dx, 3
        check("48 6b 03 03", a -> a.imul(RAX, Mem.q(RBX), 3)); // gas: imul rax, QWORD PTR [rbx], 3
        check("49 69 55 08 00 10 00 00", a -> a.imul(RDX, Mem.q(R13, 0x8), 0x1000)); // gas: imul rdx, QWORD PTR [r13+0x8], 0x1000
        check("66 69 04 24 00 01", a -> a.imul(AX, Mem.w(RSP), 0x100)); // gas: imul ax, WORD PTR [rsp], 0x100
    }

    @Test
    void signExtendAccumulator() {
        check("48 99", a -> a.cqo()); // gas: cqo
        check("99", a -> a.cdq()); // gas: cdq
    }
}
