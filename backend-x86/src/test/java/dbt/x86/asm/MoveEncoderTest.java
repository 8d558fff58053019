package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;

import org.junit.jupiter.api.Test;

/** mov in every form, movabs, movImm, movzx/movsx/movsxd, lea, push/pop. */
class MoveEncoderTest extends EncodingTestBase {
    @Test
    void movRegisterRegister() {
        check("48 89 d8", a -> a.mov(RAX, RBX)); // gas: mov rax, rbx
        check("48 89 c3", a -> a.mov(RBX, RAX)); // gas: mov rbx, rax
        check("49 89 c0", a -> a.mov(R8, RAX)); // gas: mov r8, rax
        check("4c 89 c0", a -> a.mov(RAX, R8)); // gas: mov rax, r8
        check("4d 89 cf", a -> a.mov(R15, R9)); // gas: mov r15, r9
        check("48 89 ec", a -> a.mov(RSP, RBP)); // gas: mov rsp, rbp
        check("89 d1", a -> a.mov(ECX, EDX)); // gas: mov ecx, edx
        check("41 89 c2", a -> a.mov(R10D, EAX)); // gas: mov r10d, eax
        check("44 89 e8", a -> a.mov(EAX, R13D)); // gas: mov eax, r13d
        check("66 89 d8", a -> a.mov(AX, BX)); // gas: mov ax, bx
        check("66 41 89 cb", a -> a.mov(R11W, CX)); // gas: mov r11w, cx
        check("66 44 89 f4", a -> a.mov(SP, R14W)); // gas: mov sp, r14w
        check("88 d8", a -> a.mov(AL, BL)); // gas: mov al, bl
        check("88 d1", a -> a.mov(CL, DL)); // gas: mov cl, dl
        check("40 88 c4", a -> a.mov(SPL, AL)); // gas: mov spl, al
        check("40 88 f0", a -> a.mov(AL, SIL)); // gas: mov al, sil
        check("40 88 ef", a -> a.mov(DIL, BPL)); // gas: mov dil, bpl
        check("41 88 c0", a -> a.mov(R8B, AL)); // gas: mov r8b, al
        check("44 88 f8", a -> a.mov(AL, R15B)); // gas: mov al, r15b
        check("44 88 e6", a -> a.mov(SIL, R12B)); // gas: mov sil, r12b
    }

    @Test
    void movRegisterMemory() {
        check("48 8b 03", a -> a.mov(RAX, Mem.q(RBX))); // gas: mov rax, QWORD PTR [rbx]
        check("4c 8b 4c 24 08", a -> a.mov(R9, Mem.q(RSP, 0x8))); // gas: mov r9, QWORD PTR [rsp+0x8]
        check("41 8b 4c 24 fc", a -> a.mov(ECX, Mem.d(R12, -0x4))); // gas: mov ecx, DWORD PTR [r12-0x4]
        check("66 8b 55 00", a -> a.mov(DX, Mem.w(RBP))); // gas: mov dx, WORD PTR [rbp]
        check("66 45 8b 95 00 01 00 00", a -> a.mov(R10W, Mem.w(R13, 0x100))); // gas: mov r10w, WORD PTR [r13+0x100]
        check("8a 07", a -> a.mov(AL, Mem.b(RDI))); // gas: mov al, BYTE PTR [rdi]
        check("40 8a 34 08", a -> a.mov(SIL, Mem.b(RAX, RCX, 1, 0x0))); // gas: mov sil, BYTE PTR [rax+rcx*1]
        check("47 8a 7c ff 7f", a -> a.mov(R15B, Mem.b(R15, R15, 8, 0x7f))); // gas: mov r15b, BYTE PTR [r15+r15*8+0x7f]
        check("4f 8b 5c 5b 80", a -> a.mov(R11, Mem.q(R11, R11, 2, -0x80))); // gas: mov r11, QWORD PTR [r11+r11*2-0x80]
    }

    @Test
    void movMemoryRegister() {
        check("48 89 03", a -> a.mov(Mem.q(RBX), RAX)); // gas: mov QWORD PTR [rbx], rax
        check("4c 89 4c 24 10", a -> a.mov(Mem.q(RSP, 0x10), R9)); // gas: mov QWORD PTR [rsp+0x10], r9
        check("41 89 0c 24", a -> a.mov(Mem.d(R12), ECX)); // gas: mov DWORD PTR [r12], ecx
        check("66 89 55 02", a -> a.mov(Mem.w(RBP, 0x2), DX)); // gas: mov WORD PTR [rbp+0x2], dx
        check("40 88 28", a -> a.mov(Mem.b(RAX), BPL)); // gas: mov BYTE PTR [rax], bpl
        check("47 88 54 88 01", a -> a.mov(Mem.b(R8, R9, 4, 0x1), R10B)); // gas: mov BYTE PTR [r8+r9*4+0x1], r10b
        check("48 89 3c f5 00 10 00 00", a -> a.mov(Mem.indexOnly(8, RSI, 8, 0x1000), RDI)); // gas: mov QWORD PTR [rsi*8+0x1000], rdi
    }

    @Test
    void movRegisterImmediate() {
        check("48 c7 c0 00 00 00 00", a -> a.mov(RAX, 0)); // gas: mov rax, 0
        check("48 c7 c0 ff ff ff ff", a -> a.mov(RAX, -1)); // gas: mov rax, -1
        check("49 c7 c1 ff ff ff 7f", a -> a.mov(R9, 0x7fffffff)); // gas: mov r9, 0x7fffffff
        check("48 c7 c4 00 00 00 80", a -> a.mov(RSP, -0x80000000)); // gas: mov rsp, -0x80000000
        check("b8 05 00 00 00", a -> a.mov(EAX, 5)); // gas: mov eax, 5
        check("41 bc ff ff ff ff", a -> a.mov(R12D, -1)); // gas: mov r12d, -1
        check("bd 78 56 34 12", a -> a.mov(EBP, 0x12345678)); // gas: mov ebp, 0x12345678
        check("66 b8 34 12", a -> a.mov(AX, 0x1234)); // gas: mov ax, 0x1234
        check("66 41 b8 ff ff", a -> a.mov(R8W, -1)); // gas: mov r8w, -1
        check("b0 05", a -> a.mov(AL, 5)); // gas: mov al, 5
        check("40 b6 80", a -> a.mov(SIL, -0x80)); // gas: mov sil, -0x80
        check("41 b7 7f", a -> a.mov(R15B, 0x7f)); // gas: mov r15b, 0x7f
        check("40 b4 ff", a -> a.mov(SPL, -1)); // gas: mov spl, -1
    }

    @Test
    void movMemoryImmediate() {
        check("48 c7 00 05 00 00 00", a -> a.mov(Mem.q(RAX), 5)); // gas: mov QWORD PTR [rax], 5
        check("48 c7 44 24 08 ff ff ff ff", a -> a.mov(Mem.q(RSP, 0x8), -1)); // gas: mov QWORD PTR [rsp+0x8], -1
        check("41 c7 04 24 78 56 34 12", a -> a.mov(Mem.d(R12), 0x12345678)); // gas: mov DWORD PTR [r12], 0x12345678
        check("41 c7 45 f8 00 00 00 80", a -> a.mov(Mem.d(R13, -0x8), -0x80000000)); // gas: mov DWORD PTR [r13-0x8], -0x80000000
        check("66 c7 03 34 12", a -> a.mov(Mem.w(RBX), 0x1234)); // gas: mov WORD PTR [rbx], 0x1234
        check("41 c6 45 00 ff", a -> a.mov(Mem.b(R13), -1)); // gas: mov BYTE PTR [r13], -1
        check("c6 44 58 03 7f", a -> a.mov(Mem.b(RAX, RBX, 2, 0x3), 0x7f)); // gas: mov BYTE PTR [rax+rbx*2+0x3], 0x7f
        check("48 c7 05 00 00 00 00 05 00 00 00", a -> { Label l = a.newLabel(); a.mov(Mem.rip(8, l), 5); a.bind(l); }); // gas: mov QWORD PTR [rip+1f], 5; 1:
        check("66 c7 05 00 00 00 00 34 12", a -> { Label l = a.newLabel(); a.mov(Mem.rip(2, l), 0x1234); a.bind(l); }); // gas: mov WORD PTR [rip+1f], 0x1234; 1:
        check("c6 05 00 00 00 00 01", a -> { Label l = a.newLabel(); a.mov(Mem.rip(1, l), 1); a.bind(l); }); // gas: mov BYTE PTR [rip+1f], 1; 1:
    }

    @Test
    void movabs() {
        check("48 b8 f0 de bc 9a 78 56 34 12", a -> a.movabs(RAX, 0x123456789abcdef0L)); // gas: movabs rax, 0x123456789abcdef0
        check("49 bf ff ff ff ff ff ff ff ff", a -> a.movabs(R15, -1L)); // gas: movabs r15, -1
        check("48 bc 00 00 00 00 00 00 00 00", a -> a.movabs(RSP, 0L)); // gas: movabs rsp, 0
    }

    @Test
    void movImmPicksTheShortestForm() {
        check("b8 00 00 00 00", a -> a.movImm(RAX, 0L)); // gas: mov eax, 0
        check("b8 ff ff ff ff", a -> a.movImm(RAX, 0xffffffffL)); // gas: mov eax, 0xffffffff
        check("41 b9 00 00 00 80", a -> a.movImm(R9, 0x80000000L)); // gas: mov r9d, 0x80000000
        check("48 c7 c0 ff ff ff ff", a -> a.movImm(RAX, -1L)); // gas: mov rax, -1
        check("49 c7 c4 00 00 00 80", a -> a.movImm(R12, -0x80000000L)); // gas: mov r12, -0x80000000
        check("48 b8 00 00 00 00 01 00 00 00", a -> a.movImm(RAX, 0x100000000L)); // gas: movabs rax, 0x100000000
        check("49 bd ff ff ff ff ff ff ff 7f", a -> a.movImm(R13, 0x7fffffffffffffffL)); // gas: movabs r13, 0x7fffffffffffffff
        check("48 bb ff ff ff 7f ff ff ff ff", a -> a.movImm(RBX, -0x80000001L)); // gas: movabs rbx, -0x80000001
        check("b9 07 00 00 00", a -> a.movImm(ECX, 7L)); // gas: mov ecx, 7
        check("66 41 b8 ff ff", a -> a.movImm(R8W, 0xffffL)); // gas: mov r8w, 0xffff
        check("40 b7 03", a -> a.movImm(DIL, 3L)); // gas: mov dil, 3
    }

    @Test
    void zeroAndSignExtension() {
        check("0f b6 c3", a -> a.movzx(EAX, BL)); // gas: movzx eax, bl
        check("48 0f b6 c3", a -> a.movzx(RAX, BL)); // gas: movzx rax, bl
        check("40 0f b6 c6", a -> a.movzx(EAX, SIL)); // gas: movzx eax, sil
        check("45 0f b6 c1", a -> a.movzx(R8D, R9B)); // gas: movzx r8d, r9b
        check("49 0f b7 c7", a -> a.movzx(RAX, R15W)); // gas: movzx rax, r15w
        check("66 0f b6 c3", a -> a.movzx(AX, BL)); // gas: movzx ax, bl
        check("4c 0f b7 e2", a -> a.movzx(R12, DX)); // gas: movzx r12, dx
        check("0f b6 08", a -> a.movzx(ECX, Mem.b(RAX))); // gas: movzx ecx, BYTE PTR [rax]
        check("4d 0f b7 4c 24 08", a -> a.movzx(R9, Mem.w(R12, 0x8))); // gas: movzx r9, WORD PTR [r12+0x8]
        check("66 44 0f b6 03", a -> a.movzx(R8W, Mem.b(RBX))); // gas: movzx r8w, BYTE PTR [rbx]
        check("4a 0f b6 7c ac ff", a -> a.movzx(RDI, Mem.b(RSP, R13, 4, -0x1))); // gas: movzx rdi, BYTE PTR [rsp+r13*4-0x1]
        check("0f be c3", a -> a.movsx(EAX, BL)); // gas: movsx eax, bl
        check("48 0f be c3", a -> a.movsx(RAX, BL)); // gas: movsx rax, bl
        check("40 0f be c6", a -> a.movsx(EAX, SIL)); // gas: movsx eax, sil
        check("45 0f be c1", a -> a.movsx(R8D, R9B)); // gas: movsx r8d, r9b
        check("49 0f bf c7", a -> a.movsx(RAX, R15W)); // gas: movsx rax, r15w
        check("66 0f be c3", a -> a.movsx(AX, BL)); // gas: movsx ax, bl
        check("4c 0f bf e2", a -> a.movsx(R12, DX)); // gas: movsx r12, dx
        check("0f be 08", a -> a.movsx(ECX, Mem.b(RAX))); // gas: movsx ecx, BYTE PTR [rax]
        check("4d 0f bf 4c 24 08", a -> a.movsx(R9, Mem.w(R12, 0x8))); // gas: movsx r9, WORD PTR [r12+0x8]
        check("66 44 0f be 03", a -> a.movsx(R8W, Mem.b(RBX))); // gas: movsx r8w, BYTE PTR [rbx]
        check("4a 0f be 7c ac ff", a -> a.movsx(RDI, Mem.b(RSP, R13, 4, -0x1))); // gas: movsx rdi, BYTE PTR [rsp+r13*4-0x1]
        check("48 63 c3", a -> a.movsxd(RAX, EBX)); // gas: movsxd rax, ebx
        check("4d 63 c1", a -> a.movsxd(R8, R9D)); // gas: movsxd r8, r9d
        check("49 63 e7", a -> a.movsxd(RSP, R15D)); // gas: movsxd rsp, r15d
        check("48 63 04 24", a -> a.movsxd(RAX, Mem.d(RSP))); // gas: movsxd rax, DWORD PTR [rsp]
        check("4e 63 5c d5 40", a -> a.movsxd(R11, Mem.d(RBP, R10, 8, 0x40))); // gas: movsxd r11, DWORD PTR [rbp+r10*8+0x40]
    }

    @Test
    void lea() {
        check("48 8d 43 08", a -> a.lea(RAX, Mem.q(RBX, 8))); // gas: lea rax, [rbx+8]
        check("4f 8d 44 ec f8", a -> a.lea(R8, Mem.q(R12, R13, 8, -8))); // gas: lea r8, [r12+r13*8-8]
        check("8d 04 0b", a -> a.lea(EAX, Mem.d(RBX, RCX, 1, 0))); // gas: lea eax, [rbx+rcx*1]
        check("66 8d 03", a -> a.lea(AX, Mem.w(RBX))); // gas: lea ax, [rbx]
        check("48 8d a4 24 00 ff ff ff", a -> a.lea(RSP, Mem.q(RSP, -0x100))); // gas: lea rsp, [rsp-0x100]
        check("48 8d 14 55 00 00 00 00", a -> a.lea(RDX, Mem.indexOnly(8, RDX, 2, 0))); // gas: lea rdx, [rdx*2+0]
        check("48 8d 05 f9 ff ff ff", a -> { Label l = a.newLabel(); a.bind(l); a.lea(RAX, Mem.rip(8, l)); }); // gas: 1: lea rax, [rip+1b]
        check("4c 8d 15 08 00 00 00", a -> { Label l = a.newLabel(); a.lea(R10, Mem.rip(8, l, 8)); a.bind(l); }); // gas: lea r10, [rip+1f+8]; 1:
    }

    @Test
    void pushPop() {
        check("50", a -> a.push(RAX)); // gas: push rax
        check("55", a -> a.push(RBP)); // gas: push rbp
        check("54", a -> a.push(RSP)); // gas: push rsp
        check("57", a -> a.push(RDI)); // gas: push rdi
        check("41 50", a -> a.push(R8)); // gas: push r8
        check("41 54", a -> a.push(R12)); // gas: push r12
        check("41 57", a -> a.push(R15)); // gas: push r15
        check("58", a -> a.pop(RAX)); // gas: pop rax
        check("5d", a -> a.pop(RBP)); // gas: pop rbp
        check("5c", a -> a.pop(RSP)); // gas: pop rsp
        check("5f", a -> a.pop(RDI)); // gas: pop rdi
        check("41 58", a -> a.pop(R8)); // gas: pop r8
        check("41 5c", a -> a.pop(R12)); // gas: pop r12
        check("41 5f", a -> a.pop(R15)); // gas: pop r15
    }
}
