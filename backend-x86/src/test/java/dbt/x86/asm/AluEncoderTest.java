package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;

import org.junit.jupiter.api.Test;

/** add, or, adc, sbb, and, sub, xor, cmp and test: register, memory and immediate forms, and the choice between imm8, accumulator and imm32 forms. */
class AluEncoderTest extends EncodingTestBase {
    @Test
    void add() {
        check("48 01 d8", a -> a.add(RAX, RBX)); // gas: add rax, rbx
        check("4d 01 f8", a -> a.add(R8, R15)); // gas: add r8, r15
        check("44 01 c9", a -> a.add(ECX, R9D)); // gas: add ecx, r9d
        check("66 01 f2", a -> a.add(DX, SI)); // gas: add dx, si
        check("00 d8", a -> a.add(AL, BL)); // gas: add al, bl
        check("44 00 c4", a -> a.add(SPL, R8B)); // gas: add spl, r8b
        check("48 03 43 08", a -> a.add(RAX, Mem.q(RBX, 0x8))); // gas: add rax, QWORD PTR [rbx+0x8]
        check("44 03 24 ac", a -> a.add(R12D, Mem.d(RSP, RBP, 4, 0x0))); // gas: add r12d, DWORD PTR [rsp+rbp*4]
        check("41 02 75 00", a -> a.add(SIL, Mem.b(R13))); // gas: add sil, BYTE PTR [r13]
        check("48 01 03", a -> a.add(Mem.q(RBX), RAX)); // gas: add QWORD PTR [rbx], rax
        check("66 45 01 51 fe", a -> a.add(Mem.w(R9, -0x2), R10W)); // gas: add WORD PTR [r9-0x2], r10w
        check("40 00 38", a -> a.add(Mem.b(RAX), DIL)); // gas: add BYTE PTR [rax], dil
        check("48 83 c1 01", a -> a.add(RCX, 1)); // gas: add rcx, 1
        check("48 83 c1 80", a -> a.add(RCX, -0x80)); // gas: add rcx, -0x80
        check("48 81 c1 80 00 00 00", a -> a.add(RCX, 0x80)); // gas: add rcx, 0x80
        check("49 81 c3 7f ff ff ff", a -> a.add(R11, -0x81)); // gas: add r11, -0x81
        check("48 83 c0 7f", a -> a.add(RAX, 0x7f)); // gas: add rax, 0x7f
        check("48 05 00 10 00 00", a -> a.add(RAX, 0x1000)); // gas: add rax, 0x1000
        check("05 88 a9 cb ed", a -> a.add(EAX, -0x12345678)); // gas: add eax, -0x12345678
        check("66 05 34 12", a -> a.add(AX, 0x1234)); // gas: add ax, 0x1234
        check("66 83 c0 ff", a -> a.add(AX, 0xffff)); // gas: add ax, 0xffff
        check("66 41 81 c5 00 01", a -> a.add(R13W, 0x100)); // gas: add r13w, 0x100
        check("04 05", a -> a.add(AL, 5)); // gas: add al, 5
        check("04 ff", a -> a.add(AL, -1)); // gas: add al, -1
        check("80 c3 7f", a -> a.add(BL, 0x7f)); // gas: add bl, 0x7f
        check("41 80 c6 ff", a -> a.add(R14B, 0xff)); // gas: add r14b, 0xff
        check("40 80 c5 01", a -> a.add(BPL, 1)); // gas: add bpl, 1
        check("81 c4 45 23 01 00", a -> a.add(ESP, 0x12345)); // gas: add esp, 0x12345
        check("48 83 00 01", a -> a.add(Mem.q(RAX), 1)); // gas: add QWORD PTR [rax], 1
        check("49 81 44 24 10 00 10 00 00", a -> a.add(Mem.q(R12, 0x10), 0x1000)); // gas: add QWORD PTR [r12+0x10], 0x1000
        check("83 45 00 80", a -> a.add(Mem.d(RBP), -0x80)); // gas: add DWORD PTR [rbp], -0x80
        check("66 81 04 4b 34 12", a -> a.add(Mem.w(RBX, RCX, 2, 0x0), 0x1234)); // gas: add WORD PTR [rbx+rcx*2], 0x1234
        check("41 80 45 01 80", a -> a.add(Mem.b(R13, 0x1), 0x80)); // gas: add BYTE PTR [r13+0x1], 0x80
    }

    @Test
    void or() {
        check("48 09 d8", a -> a.or(RAX, RBX)); // gas: or rax, rbx
        check("4d 09 f8", a -> a.or(R8, R15)); // gas: or r8, r15
        check("44 09 c9", a -> a.or(ECX, R9D)); // gas: or ecx, r9d
        check("66 09 f2", a -> a.or(DX, SI)); // gas: or dx, si
        check("08 d8", a -> a.or(AL, BL)); // gas: or al, bl
        check("44 08 c4", a -> a.or(SPL, R8B)); // gas: or spl, r8b
        check("48 0b 43 08", a -> a.or(RAX, Mem.q(RBX, 0x8))); // gas: or rax, QWORD PTR [rbx+0x8]
        check("44 0b 24 ac", a -> a.or(R12D, Mem.d(RSP, RBP, 4, 0x0))); // gas: or r12d, DWORD PTR [rsp+rbp*4]
        check("41 0a 75 00", a -> a.or(SIL, Mem.b(R13))); // gas: or sil, BYTE PTR [r13]
        check("48 09 03", a -> a.or(Mem.q(RBX), RAX)); // gas: or QWORD PTR [rbx], rax
        check("66 45 09 51 fe", a -> a.or(Mem.w(R9, -0x2), R10W)); // gas: or WORD PTR [r9-0x2], r10w
        check("40 08 38", a -> a.or(Mem.b(RAX), DIL)); // gas: or BYTE PTR [rax], dil
        check("48 83 c9 01", a -> a.or(RCX, 1)); // gas: or rcx, 1
        check("48 83 c9 80", a -> a.or(RCX, -0x80)); // gas: or rcx, -0x80
        check("48 81 c9 80 00 00 00", a -> a.or(RCX, 0x80)); // gas: or rcx, 0x80
        check("49 81 cb 7f ff ff ff", a -> a.or(R11, -0x81)); // gas: or r11, -0x81
        check("48 83 c8 7f", a -> a.or(RAX, 0x7f)); // gas: or rax, 0x7f
        check("48 0d 00 10 00 00", a -> a.or(RAX, 0x1000)); // gas: or rax, 0x1000
        check("0d 88 a9 cb ed", a -> a.or(EAX, -0x12345678)); // gas: or eax, -0x12345678
        check("66 0d 34 12", a -> a.or(AX, 0x1234)); // gas: or ax, 0x1234
        check("66 83 c8 ff", a -> a.or(AX, 0xffff)); // gas: or ax, 0xffff
        check("66 41 81 cd 00 01", a -> a.or(R13W, 0x100)); // gas: or r13w, 0x100
        check("0c 05", a -> a.or(AL, 5)); // gas: or al, 5
        check("0c ff", a -> a.or(AL, -1)); // gas: or al, -1
        check("80 cb 7f", a -> a.or(BL, 0x7f)); // gas: or bl, 0x7f
        check("41 80 ce ff", a -> a.or(R14B, 0xff)); // gas: or r14b, 0xff
        check("40 80 cd 01", a -> a.or(BPL, 1)); // gas: or bpl, 1
        check("81 cc 45 23 01 00", a -> a.or(ESP, 0x12345)); // gas: or esp, 0x12345
        check("48 83 08 01", a -> a.or(Mem.q(RAX), 1)); // gas: or QWORD PTR [rax], 1
        check("49 81 4c 24 10 00 10 00 00", a -> a.or(Mem.q(R12, 0x10), 0x1000)); // gas: or QWORD PTR [r12+0x10], 0x1000
        check("83 4d 00 80", a -> a.or(Mem.d(RBP), -0x80)); // gas: or DWORD PTR [rbp], -0x80
        check("66 81 0c 4b 34 12", a -> a.or(Mem.w(RBX, RCX, 2, 0x0), 0x1234)); // gas: or WORD PTR [rbx+rcx*2], 0x1234
        check("41 80 4d 01 80", a -> a.or(Mem.b(R13, 0x1), 0x80)); // gas: or BYTE PTR [r13+0x1], 0x80
    }

    @Test
    void adc() {
        check("48 11 d8", a -> a.adc(RAX, RBX)); // gas: adc rax, rbx
        check("4d 11 f8", a -> a.adc(R8, R15)); // gas: adc r8, r15
        check("44 11 c9", a -> a.adc(ECX, R9D)); // gas: adc ecx, r9d
        check("66 11 f2", a -> a.adc(DX, SI)); // gas: adc dx, si
        check("10 d8", a -> a.adc(AL, BL)); // gas: adc al, bl
        check("44 10 c4", a -> a.adc(SPL, R8B)); // gas: adc spl, r8b
        check("48 13 43 08", a -> a.adc(RAX, Mem.q(RBX, 0x8))); // gas: adc rax, QWORD PTR [rbx+0x8]
        check("44 13 24 ac", a -> a.adc(R12D, Mem.d(RSP, RBP, 4, 0x0))); // gas: adc r12d, DWORD PTR [rsp+rbp*4]
        check("41 12 75 00", a -> a.adc(SIL, Mem.b(R13))); // gas: adc sil, BYTE PTR [r13]
        check("48 11 03", a -> a.adc(Mem.q(RBX), RAX)); // gas: adc QWORD PTR [rbx], rax
        check("66 45 11 51 fe", a -> a.adc(Mem.w(R9, -0x2), R10W)); // gas: adc WORD PTR [r9-0x2], r10w
        check("40 10 38", a -> a.adc(Mem.b(RAX), DIL)); // gas: adc BYTE PTR [rax], dil
        check("48 83 d1 01", a -> a.adc(RCX, 1)); // gas: adc rcx, 1
        check("48 83 d1 80", a -> a.adc(RCX, -0x80)); // gas: adc rcx, -0x80
        check("48 81 d1 80 00 00 00", a -> a.adc(RCX, 0x80)); // gas: adc rcx, 0x80
        check("49 81 d3 7f ff ff ff", a -> a.adc(R11, -0x81)); // gas: adc r11, -0x81
        check("48 83 d0 7f", a -> a.adc(RAX, 0x7f)); // gas: adc rax, 0x7f
        check("48 15 00 10 00 00", a -> a.adc(RAX, 0x1000)); // gas: adc rax, 0x1000
        check("15 88 a9 cb ed", a -> a.adc(EAX, -0x12345678)); // gas: adc eax, -0x12345678
        check("66 15 34 12", a -> a.adc(AX, 0x1234)); // gas: adc ax, 0x1234
        check("66 83 d0 ff", a -> a.adc(AX, 0xffff)); // gas: adc ax, 0xffff
        check("66 41 81 d5 00 01", a -> a.adc(R13W, 0x100)); // gas: adc r13w, 0x100
        check("14 05", a -> a.adc(AL, 5)); // gas: adc al, 5
        check("14 ff", a -> a.adc(AL, -1)); // gas: adc al, -1
        check("80 d3 7f", a -> a.adc(BL, 0x7f)); // gas: adc bl, 0x7f
        check("41 80 d6 ff", a -> a.adc(R14B, 0xff)); // gas: adc r14b, 0xff
        check("40 80 d5 01", a -> a.adc(BPL, 1)); // gas: adc bpl, 1
        check("81 d4 45 23 01 00", a -> a.adc(ESP, 0x12345)); // gas: adc esp, 0x12345
        check("48 83 10 01", a -> a.adc(Mem.q(RAX), 1)); // gas: adc QWORD PTR [rax], 1
        check("49 81 54 24 10 00 10 00 00", a -> a.adc(Mem.q(R12, 0x10), 0x1000)); // gas: adc QWORD PTR [r12+0x10], 0x1000
        check("83 55 00 80", a -> a.adc(Mem.d(RBP), -0x80)); // gas: adc DWORD PTR [rbp], -0x80
        check("66 81 14 4b 34 12", a -> a.adc(Mem.w(RBX, RCX, 2, 0x0), 0x1234)); // gas: adc WORD PTR [rbx+rcx*2], 0x1234
        check("41 80 55 01 80", a -> a.adc(Mem.b(R13, 0x1), 0x80)); // gas: adc BYTE PTR [r13+0x1], 0x80
    }

    @Test
    void sbb() {
        check("48 19 d8", a -> a.sbb(RAX, RBX)); // gas: sbb rax, rbx
        check("4d 19 f8", a -> a.sbb(R8, R15)); // gas: sbb r8, r15
        check("44 19 c9", a -> a.sbb(ECX, R9D)); // gas: sbb ecx, r9d
        check("66 19 f2", a -> a.sbb(DX, SI)); // gas: sbb dx, si
        check("18 d8", a -> a.sbb(AL, BL)); // gas: sbb al, bl
        check("44 18 c4", a -> a.sbb(SPL, R8B)); // gas: sbb spl, r8b
        check("48 1b 43 08", a -> a.sbb(RAX, Mem.q(RBX, 0x8))); // gas: sbb rax, QWORD PTR [rbx+0x8]
        check("44 1b 24 ac", a -> a.sbb(R12D, Mem.d(RSP, RBP, 4, 0x0))); // gas: sbb r12d, DWORD PTR [rsp+rbp*4]
        check("41 1a 75 00", a -> a.sbb(SIL, Mem.b(R13))); // gas: sbb sil, BYTE PTR [r13]
        check("48 19 03", a -> a.sbb(Mem.q(RBX), RAX)); // gas: sbb QWORD PTR [rbx], rax
        check("66 45 19 51 fe", a -> a.sbb(Mem.w(R9, -0x2), R10W)); // gas: sbb WORD PTR [r9-0x2], r10w
        check("40 18 38", a -> a.sbb(Mem.b(RAX), DIL)); // gas: sbb BYTE PTR [rax], dil
        check("48 83 d9 01", a -> a.sbb(RCX, 1)); // gas: sbb rcx, 1
        check("48 83 d9 80", a -> a.sbb(RCX, -0x80)); // gas: sbb rcx, -0x80
        check("48 81 d9 80 00 00 00", a -> a.sbb(RCX, 0x80)); // gas: sbb rcx, 0x80
        check("49 81 db 7f ff ff ff", a -> a.sbb(R11, -0x81)); // gas: sbb r11, -0x81
        check("48 83 d8 7f", a -> a.sbb(RAX, 0x7f)); // gas: sbb rax, 0x7f
        check("48 1d 00 10 00 00", a -> a.sbb(RAX, 0x1000)); // gas: sbb rax, 0x1000
        check("1d 88 a9 cb ed", a -> a.sbb(EAX, -0x12345678)); // gas: sbb eax, -0x12345678
        check("66 1d 34 12", a -> a.sbb(AX, 0x1234)); // gas: sbb ax, 0x1234
        check("66 83 d8 ff", a -> a.sbb(AX, 0xffff)); // gas: sbb ax, 0xffff
        check("66 41 81 dd 00 01", a -> a.sbb(R13W, 0x100)); // gas: sbb r13w, 0x100
        check("1c 05", a -> a.sbb(AL, 5)); // gas: sbb al, 5
        check("1c ff", a -> a.sbb(AL, -1)); // gas: sbb al, -1
        check("80 db 7f", a -> a.sbb(BL, 0x7f)); // gas: sbb bl, 0x7f
        check("41 80 de ff", a -> a.sbb(R14B, 0xff)); // gas: sbb r14b, 0xff
        check("40 80 dd 01", a -> a.sbb(BPL, 1)); // gas: sbb bpl, 1
        check("81 dc 45 23 01 00", a -> a.sbb(ESP, 0x12345)); // gas: sbb esp, 0x12345
        check("48 83 18 01", a -> a.sbb(Mem.q(RAX), 1)); // gas: sbb QWORD PTR [rax], 1
        check("49 81 5c 24 10 00 10 00 00", a -> a.sbb(Mem.q(R12, 0x10), 0x1000)); // gas: sbb QWORD PTR [r12+0x10], 0x1000
        check("83 5d 00 80", a -> a.sbb(Mem.d(RBP), -0x80)); // gas: sbb DWORD PTR [rbp], -0x80
        check("66 81 1c 4b 34 12", a -> a.sbb(Mem.w(RBX, RCX, 2, 0x0), 0x1234)); // gas: sbb WORD PTR [rbx+rcx*2], 0x1234
        check("41 80 5d 01 80", a -> a.sbb(Mem.b(R13, 0x1), 0x80)); // gas: sbb BYTE PTR [r13+0x1], 0x80
    }

    @Test
    void and() {
        check("48 21 d8", a -> a.and(RAX, RBX)); // gas: and rax, rbx
        check("4d 21 f8", a -> a.and(R8, R15)); // gas: and r8, r15
        check("44 21 c9", a -> a.and(ECX, R9D)); // gas: and ecx, r9d
        check("66 21 f2", a -> a.and(DX, SI)); // gas: and dx, si
        check("20 d8", a -> a.and(AL, BL)); // gas: and al, bl
        check("44 20 c4", a -> a.and(SPL, R8B)); // gas: and spl, r8b
        check("48 23 43 08", a -> a.and(RAX, Mem.q(RBX, 0x8))); // gas: and rax, QWORD PTR [rbx+0x8]
        check("44 23 24 ac", a -> a.and(R12D, Mem.d(RSP, RBP, 4, 0x0))); // gas: and r12d, DWORD PTR [rsp+rbp*4]
        check("41 22 75 00", a -> a.and(SIL, Mem.b(R13))); // gas: and sil, BYTE PTR [r13]
        check("48 21 03", a -> a.and(Mem.q(RBX), RAX)); // gas: and QWORD PTR [rbx], rax
        check("66 45 21 51 fe", a -> a.and(Mem.w(R9, -0x2), R10W)); // gas: and WORD PTR [r9-0x2], r10w
        check("40 20 38", a -> a.and(Mem.b(RAX), DIL)); // gas: and BYTE PTR [rax], dil
        check("48 83 e1 01", a -> a.and(RCX, 1)); // gas: and rcx, 1
        check("48 83 e1 80", a -> a.and(RCX, -0x80)); // gas: and rcx, -0x80
        check("48 81 e1 80 00 00 00", a -> a.and(RCX, 0x80)); // gas: and rcx, 0x80
        check("49 81 e3 7f ff ff ff", a -> a.and(R11, -0x81)); // gas: and r11, -0x81
        check("48 83 e0 7f", a -> a.and(RAX, 0x7f)); // gas: and rax, 0x7f
        check("48 25 00 10 00 00", a -> a.and(RAX, 0x1000)); // gas: and rax, 0x1000
        check("25 88 a9 cb ed", a -> a.and(EAX, -0x12345678)); // gas: and eax, -0x12345678
        check("66 25 34 12", a -> a.and(AX, 0x1234)); // gas: and ax, 0x1234
        check("66 83 e0 ff", a -> a.and(AX, 0xffff)); // gas: and ax, 0xffff
        check("66 41 81 e5 00 01", a -> a.and(R13W, 0x100)); // gas: and r13w, 0x100
        check("24 05", a -> a.and(AL, 5)); // gas: and al, 5
        check("24 ff", a -> a.and(AL, -1)); // gas: and al, -1
        check("80 e3 7f", a -> a.and(BL, 0x7f)); // gas: and bl, 0x7f
        check("41 80 e6 ff", a -> a.and(R14B, 0xff)); // gas: and r14b, 0xff
        check("40 80 e5 01", a -> a.and(BPL, 1)); // gas: and bpl, 1
        check("81 e4 45 23 01 00", a -> a.and(ESP, 0x12345)); // gas: and esp, 0x12345
        check("48 83 20 01", a -> a.and(Mem.q(RAX), 1)); // gas: and QWORD PTR [rax], 1
        check("49 81 64 24 10 00 10 00 00", a -> a.and(Mem.q(R12, 0x10), 0x1000)); // gas: and QWORD PTR [r12+0x10], 0x1000
        check("83 65 00 80", a -> a.and(Mem.d(RBP), -0x80)); // gas: and DWORD PTR [rbp], -0x80
        check("66 81 24 4b 34 12", a -> a.and(Mem.w(RBX, RCX, 2, 0x0), 0x1234)); // gas: and WORD PTR [rbx+rcx*2], 0x1234
        check("41 80 65 01 80", a -> a.and(Mem.b(R13, 0x1), 0x80)); // gas: and BYTE PTR [r13+0x1], 0x80
    }

    @Test
    void sub() {
        check("48 29 d8", a -> a.sub(RAX, RBX)); // gas: sub rax, rbx
        check("4d 29 f8", a -> a.sub(R8, R15)); // gas: sub r8, r15
        check("44 29 c9", a -> a.sub(ECX, R9D)); // gas: sub ecx, r9d
        check("66 29 f2", a -> a.sub(DX, SI)); // gas: sub dx, si
        check("28 d8", a -> a.sub(AL, BL)); // gas: sub al, bl
        check("44 28 c4", a -> a.sub(SPL, R8B)); // gas: sub spl, r8b
        check("48 2b 43 08", a -> a.sub(RAX, Mem.q(RBX, 0x8))); // gas: sub rax, QWORD PTR [rbx+0x8]
        check("44 2b 24 ac", a -> a.sub(R12D, Mem.d(RSP, RBP, 4, 0x0))); // gas: sub r12d, DWORD PTR [rsp+rbp*4]
        check("41 2a 75 00", a -> a.sub(SIL, Mem.b(R13))); // gas: sub sil, BYTE PTR [r13]
        check("48 29 03", a -> a.sub(Mem.q(RBX), RAX)); // gas: sub QWORD PTR [rbx], rax
        check("66 45 29 51 fe", a -> a.sub(Mem.w(R9, -0x2), R10W)); // gas: sub WORD PTR [r9-0x2], r10w
        check("40 28 38", a -> a.sub(Mem.b(RAX), DIL)); // gas: sub BYTE PTR [rax], dil
        check("48 83 e9 01", a -> a.sub(RCX, 1)); // gas: sub rcx, 1
        check("48 83 e9 80", a -> a.sub(RCX, -0x80)); // gas: sub rcx, -0x80
        check("48 81 e9 80 00 00 00", a -> a.sub(RCX, 0x80)); // gas: sub rcx, 0x80
        check("49 81 eb 7f ff ff ff", a -> a.sub(R11, -0x81)); // gas: sub r11, -0x81
        check("48 83 e8 7f", a -> a.sub(RAX, 0x7f)); // gas: sub rax, 0x7f
        check("48 2d 00 10 00 00", a -> a.sub(RAX, 0x1000)); // gas: sub rax, 0x1000
        check("2d 88 a9 cb ed", a -> a.sub(EAX, -0x12345678)); // gas: sub eax, -0x12345678
        check("66 2d 34 12", a -> a.sub(AX, 0x1234)); // gas: sub ax, 0x1234
        check("66 83 e8 ff", a -> a.sub(AX, 0xffff)); // gas: sub ax, 0xffff
        check("66 41 81 ed 00 01", a -> a.sub(R13W, 0x100)); // gas: sub r13w, 0x100
        check("2c 05", a -> a.sub(AL, 5)); // gas: sub al, 5
        check("2c ff", a -> a.sub(AL, -1)); // gas: sub al, -1
        check("80 eb 7f", a -> a.sub(BL, 0x7f)); // gas: sub bl, 0x7f
        check("41 80 ee ff", a -> a.sub(R14B, 0xff)); // gas: sub r14b, 0xff
        check("40 80 ed 01", a -> a.sub(BPL, 1)); // gas: sub bpl, 1
        check("81 ec 45 23 01 00", a -> a.sub(ESP, 0x12345)); // gas: sub esp, 0x12345
        check("48 83 28 01", a -> a.sub(Mem.q(RAX), 1)); // gas: sub QWORD PTR [rax], 1
        check("49 81 6c 24 10 00 10 00 00", a -> a.sub(Mem.q(R12, 0x10), 0x1000)); // gas: sub QWORD PTR [r12+0x10], 0x1000
        check("83 6d 00 80", a -> a.sub(Mem.d(RBP), -0x80)); // gas: sub DWORD PTR [rbp], -0x80
        check("66 81 2c 4b 34 12", a -> a.sub(Mem.w(RBX, RCX, 2, 0x0), 0x1234)); // gas: sub WORD PTR [rbx+rcx*2], 0x1234
        check("41 80 6d 01 80", a -> a.sub(Mem.b(R13, 0x1), 0x80)); // gas: sub BYTE PTR [r13+0x1], 0x80
    }

    @Test
    void xor() {
        check("48 31 d8", a -> a.xor(RAX, RBX)); // gas: xor rax, rbx
        check("4d 31 f8", a -> a.xor(R8, R15)); // gas: xor r8, r15
        check("44 31 c9", a -> a.xor(ECX, R9D)); // gas: xor ecx, r9d
        check("66 31 f2", a -> a.xor(DX, SI)); // gas: xor dx, si
        check("30 d8", a -> a.xor(AL, BL)); // gas: xor al, bl
        check("44 30 c4", a -> a.xor(SPL, R8B)); // gas: xor spl, r8b
        check("48 33 43 08", a -> a.xor(RAX, Mem.q(RBX, 0x8))); // gas: xor rax, QWORD PTR [rbx+0x8]
        check("44 33 24 ac", a -> a.xor(R12D, Mem.d(RSP, RBP, 4, 0x0))); // gas: xor r12d, DWORD PTR [rsp+rbp*4]
        check("41 32 75 00", a -> a.xor(SIL, Mem.b(R13))); // gas: xor sil, BYTE PTR [r13]
        check("48 31 03", a -> a.xor(Mem.q(RBX), RAX)); // gas: xor QWORD PTR [rbx], rax
        check("66 45 31 51 fe", a -> a.xor(Mem.w(R9, -0x2), R10W)); // gas: xor WORD PTR [r9-0x2], r10w
        check("40 30 38", a -> a.xor(Mem.b(RAX), DIL)); // gas: xor BYTE PTR [rax], dil
        check("48 83 f1 01", a -> a.xor(RCX, 1)); // gas: xor rcx, 1
        check("48 83 f1 80", a -> a.xor(RCX, -0x80)); // gas: xor rcx, -0x80
        check("48 81 f1 80 00 00 00", a -> a.xor(RCX, 0x80)); // gas: xor rcx, 0x80
        check("49 81 f3 7f ff ff ff", a -> a.xor(R11, -0x81)); // gas: xor r11, -0x81
        check("48 83 f0 7f", a -> a.xor(RAX, 0x7f)); // gas: xor rax, 0x7f
        check("48 35 00 10 00 00", a -> a.xor(RAX, 0x1000)); // gas: xor rax, 0x1000
        check("35 88 a9 cb ed", a -> a.xor(EAX, -0x12345678)); // gas: xor eax, -0x12345678
        check("66 35 34 12", a -> a.xor(AX, 0x1234)); // gas: xor ax, 0x1234
        check("66 83 f0 ff", a -> a.xor(AX, 0xffff)); // gas: xor ax, 0xffff
        check("66 41 81 f5 00 01", a -> a.xor(R13W, 0x100)); // gas: xor r13w, 0x100
        check("34 05", a -> a.xor(AL, 5)); // gas: xor al, 5
        check("34 ff", a -> a.xor(AL, -1)); // gas: xor al, -1
        check("80 f3 7f", a -> a.xor(BL, 0x7f)); // gas: xor bl, 0x7f
        check("41 80 f6 ff", a -> a.xor(R14B, 0xff)); // gas: xor r14b, 0xff
        check("40 80 f5 01", a -> a.xor(BPL, 1)); // gas: xor bpl, 1
        check("81 f4 45 23 01 00", a -> a.xor(ESP, 0x12345)); // gas: xor esp, 0x12345
        check("48 83 30 01", a -> a.xor(Mem.q(RAX), 1)); // gas: xor QWORD PTR [rax], 1
        check("49 81 74 24 10 00 10 00 00", a -> a.xor(Mem.q(R12, 0x10), 0x1000)); // gas: xor QWORD PTR [r12+0x10], 0x1000
        check("83 75 00 80", a -> a.xor(Mem.d(RBP), -0x80)); // gas: xor DWORD PTR [rbp], -0x80
        check("66 81 34 4b 34 12", a -> a.xor(Mem.w(RBX, RCX, 2, 0x0), 0x1234)); // gas: xor WORD PTR [rbx+rcx*2], 0x1234
        check("41 80 75 01 80", a -> a.xor(Mem.b(R13, 0x1), 0x80)); // gas: xor BYTE PTR [r13+0x1], 0x80
    }

    @Test
    void cmp() {
        check("48 39 d8", a -> a.cmp(RAX, RBX)); // gas: cmp rax, rbx
        check("4d 39 f8", a -> a.cmp(R8, R15)); // gas: cmp r8, r15
        check("44 39 c9", a -> a.cmp(ECX, R9D)); // gas: cmp ecx, r9d
        check("66 39 f2", a -> a.cmp(DX, SI)); // gas: cmp dx, si
        check("38 d8", a -> a.cmp(AL, BL)); // gas: cmp al, bl
        check("44 38 c4", a -> a.cmp(SPL, R8B)); // gas: cmp spl, r8b
        check("48 3b 43 08", a -> a.cmp(RAX, Mem.q(RBX, 0x8))); // gas: cmp rax, QWORD PTR [rbx+0x8]
        check("44 3b 24 ac", a -> a.cmp(R12D, Mem.d(RSP, RBP, 4, 0x0))); // gas: cmp r12d, DWORD PTR [rsp+rbp*4]
        check("41 3a 75 00", a -> a.cmp(SIL, Mem.b(R13))); // gas: cmp sil, BYTE PTR [r13]
        check("48 39 03", a -> a.cmp(Mem.q(RBX), RAX)); // gas: cmp QWORD PTR [rbx], rax
        check("66 45 39 51 fe", a -> a.cmp(Mem.w(R9, -0x2), R10W)); // gas: cmp WORD PTR [r9-0x2], r10w
        check("40 38 38", a -> a.cmp(Mem.b(RAX), DIL)); // gas: cmp BYTE PTR [rax], dil
        check("48 83 f9 01", a -> a.cmp(RCX, 1)); // gas: cmp rcx, 1
        check("48 83 f9 80", a -> a.cmp(RCX, -0x80)); // gas: cmp rcx, -0x80
        check("48 81 f9 80 00 00 00", a -> a.cmp(RCX, 0x80)); // gas: cmp rcx, 0x80
        check("49 81 fb 7f ff ff ff", a -> a.cmp(R11, -0x81)); // gas: cmp r11, -0x81
        check("48 83 f8 7f", a -> a.cmp(RAX, 0x7f)); // gas: cmp rax, 0x7f
        check("48 3d 00 10 00 00", a -> a.cmp(RAX, 0x1000)); // gas: cmp rax, 0x1000
        check("3d 88 a9 cb ed", a -> a.cmp(EAX, -0x12345678)); // gas: cmp eax, -0x12345678
        check("66 3d 34 12", a -> a.cmp(AX, 0x1234)); // gas: cmp ax, 0x1234
        check("66 83 f8 ff", a -> a.cmp(AX, 0xffff)); // gas: cmp ax, 0xffff
        check("66 41 81 fd 00 01", a -> a.cmp(R13W, 0x100)); // gas: cmp r13w, 0x100
        check("3c 05", a -> a.cmp(AL, 5)); // gas: cmp al, 5
        check("3c ff", a -> a.cmp(AL, -1)); // gas: cmp al, -1
        check("80 fb 7f", a -> a.cmp(BL, 0x7f)); // gas: cmp bl, 0x7f
        check("41 80 fe ff", a -> a.cmp(R14B, 0xff)); // gas: cmp r14b, 0xff
        check("40 80 fd 01", a -> a.cmp(BPL, 1)); // gas: cmp bpl, 1
        check("81 fc 45 23 01 00", a -> a.cmp(ESP, 0x12345)); // gas: cmp esp, 0x12345
        check("48 83 38 01", a -> a.cmp(Mem.q(RAX), 1)); // gas: cmp QWORD PTR [rax], 1
        check("49 81 7c 24 10 00 10 00 00", a -> a.cmp(Mem.q(R12, 0x10), 0x1000)); // gas: cmp QWORD PTR [r12+0x10], 0x1000
        check("83 7d 00 80", a -> a.cmp(Mem.d(RBP), -0x80)); // gas: cmp DWORD PTR [rbp], -0x80
        check("66 81 3c 4b 34 12", a -> a.cmp(Mem.w(RBX, RCX, 2, 0x0), 0x1234)); // gas: cmp WORD PTR [rbx+rcx*2], 0x1234
        check("41 80 7d 01 80", a -> a.cmp(Mem.b(R13, 0x1), 0x80)); // gas: cmp BYTE PTR [r13+0x1], 0x80
    }

    @Test
    void test() {
        check("48 85 d8", a -> a.test(RAX, RBX)); // gas: test rax, rbx
        check("4d 85 c9", a -> a.test(R9, R9)); // gas: test r9, r9
        check("44 85 e1", a -> a.test(ECX, R12D)); // gas: test ecx, r12d
        check("66 85 d2", a -> a.test(DX, DX)); // gas: test dx, dx
        check("40 84 f0", a -> a.test(AL, SIL)); // gas: test al, sil
        check("41 84 df", a -> a.test(R15B, BL)); // gas: test r15b, bl
        check("48 85 03", a -> a.test(Mem.q(RBX), RAX)); // gas: test QWORD PTR [rbx], rax
        check("40 84 64 24 03", a -> a.test(Mem.b(RSP, 0x3), SPL)); // gas: test BYTE PTR [rsp+0x3], spl
        check("47 85 04 ec", a -> a.test(Mem.d(R12, R13, 8, 0x0), R8D)); // gas: test DWORD PTR [r12+r13*8], r8d
        check("48 a9 01 00 00 00", a -> a.test(RAX, 1)); // gas: test rax, 1
        check("48 a9 ff ff ff ff", a -> a.test(RAX, -1)); // gas: test rax, -1
        check("48 f7 c1 00 01 00 00", a -> a.test(RCX, 0x100)); // gas: test rcx, 0x100
        check("49 f7 c0 01 00 00 00", a -> a.test(R8, 1)); // gas: test r8, 1
        check("a9 80 00 00 00", a -> a.test(EAX, 0x80)); // gas: test eax, 0x80
        check("f7 c7 04 00 00 00", a -> a.test(EDI, 4)); // gas: test edi, 4
        check("66 a9 34 12", a -> a.test(AX, 0x1234)); // gas: test ax, 0x1234
        check("66 41 f7 c2 01 00", a -> a.test(R10W, 1)); // gas: test r10w, 1
        check("a8 01", a -> a.test(AL, 1)); // gas: test al, 1
        check("40 f6 c6 40", a -> a.test(SIL, 0x40)); // gas: test sil, 0x40
        check("41 f6 c3 ff", a -> a.test(R11B, 0xff)); // gas: test r11b, 0xff
        check("48 f7 00 01 00 00 00", a -> a.test(Mem.q(RAX), 1)); // gas: test QWORD PTR [rax], 1
        check("f7 45 08 78 56 34 12", a -> a.test(Mem.d(RBP, 0x8), 0x12345678)); // gas: test DWORD PTR [rbp+0x8], 0x12345678
        check("66 41 f7 45 00 00 80", a -> a.test(Mem.w(R13), 0x8000)); // gas: test WORD PTR [r13], 0x8000
        check("41 f6 04 24 80", a -> a.test(Mem.b(R12), 0x80)); // gas: test BYTE PTR [r12], 0x80
    }
}
