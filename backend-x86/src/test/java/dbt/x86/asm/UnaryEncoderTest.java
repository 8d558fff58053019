package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;

import org.junit.jupiter.api.Test;

/** inc, dec, neg, not and the widening mul, imul, div, idiv, on registers of each width and on memory. */
class UnaryEncoderTest extends EncodingTestBase {
    @Test
    void inc() {
        check("48 ff c0", a -> a.inc(RAX)); // gas: inc rax
        check("49 ff c7", a -> a.inc(R15)); // gas: inc r15
        check("ff c1", a -> a.inc(ECX)); // gas: inc ecx
        check("41 ff c1", a -> a.inc(R9D)); // gas: inc r9d
        check("66 ff c2", a -> a.inc(DX)); // gas: inc dx
        check("66 41 ff c4", a -> a.inc(R12W)); // gas: inc r12w
        check("fe c3", a -> a.inc(BL)); // gas: inc bl
        check("40 fe c4", a -> a.inc(SPL)); // gas: inc spl
        check("41 fe c0", a -> a.inc(R8B)); // gas: inc r8b
        check("48 ff 03", a -> a.inc(Mem.q(RBX))); // gas: inc QWORD PTR [rbx]
        check("ff 44 24 08", a -> a.inc(Mem.d(RSP, 0x8))); // gas: inc DWORD PTR [rsp+0x8]
        check("66 41 ff 45 00", a -> a.inc(Mem.w(R13))); // gas: inc WORD PTR [r13]
        check("42 fe 44 e0 ff", a -> a.inc(Mem.b(RAX, R12, 8, -0x1))); // gas: inc BYTE PTR [rax+r12*8-0x1]
    }

    @Test
    void dec() {
        check("48 ff c8", a -> a.dec(RAX)); // gas: dec rax
        check("49 ff cf", a -> a.dec(R15)); // gas: dec r15
        check("ff c9", a -> a.dec(ECX)); // gas: dec ecx
        check("41 ff c9", a -> a.dec(R9D)); // gas: dec r9d
        check("66 ff ca", a -> a.dec(DX)); // gas: dec dx
        check("66 41 ff cc", a -> a.dec(R12W)); // gas: dec r12w
        check("fe cb", a -> a.dec(BL)); // gas: dec bl
        check("40 fe cc", a -> a.dec(SPL)); // gas: dec spl
        check("41 fe c8", a -> a.dec(R8B)); // gas: dec r8b
        check("48 ff 0b", a -> a.dec(Mem.q(RBX))); // gas: dec QWORD PTR [rbx]
        check("ff 4c 24 08", a -> a.dec(Mem.d(RSP, 0x8))); // gas: dec DWORD PTR [rsp+0x8]
        check("66 41 ff 4d 00", a -> a.dec(Mem.w(R13))); // gas: dec WORD PTR [r13]
        check("42 fe 4c e0 ff", a -> a.dec(Mem.b(RAX, R12, 8, -0x1))); // gas: dec BYTE PTR [rax+r12*8-0x1]
    }

    @Test
    void neg() {
        check("48 f7 d8", a -> a.neg(RAX)); // gas: neg rax
        check("49 f7 df", a -> a.neg(R15)); // gas: neg r15
        check("f7 d9", a -> a.neg(ECX)); // gas: neg ecx
        check("41 f7 d9", a -> a.neg(R9D)); // gas: neg r9d
        check("66 f7 da", a -> a.neg(DX)); // gas: neg dx
        check("66 41 f7 dc", a -> a.neg(R12W)); // gas: neg r12w
        check("f6 db", a -> a.neg(BL)); // gas: neg bl
        check("40 f6 dc", a -> a.neg(SPL)); // gas: neg spl
        check("41 f6 d8", a -> a.neg(R8B)); // gas: neg r8b
        check("48 f7 1b", a -> a.neg(Mem.q(RBX))); // gas: neg QWORD PTR [rbx]
        check("f7 5c 24 08", a -> a.neg(Mem.d(RSP, 0x8))); // gas: neg DWORD PTR [rsp+0x8]
        check("66 41 f7 5d 00", a -> a.neg(Mem.w(R13))); // gas: neg WORD PTR [r13]
        check("42 f6 5c e0 ff", a -> a.neg(Mem.b(RAX, R12, 8, -0x1))); // gas: neg BYTE PTR [rax+r12*8-0x1]
    }

    @Test
    void not() {
        check("48 f7 d0", a -> a.not(RAX)); // gas: not rax
        check("49 f7 d7", a -> a.not(R15)); // gas: not r15
        check("f7 d1", a -> a.not(ECX)); // gas: not ecx
        check("41 f7 d1", a -> a.not(R9D)); // gas: not r9d
        check("66 f7 d2", a -> a.not(DX)); // gas: not dx
        check("66 41 f7 d4", a -> a.not(R12W)); // gas: not r12w
        check("f6 d3", a -> a.not(BL)); // gas: not bl
        check("40 f6 d4", a -> a.not(SPL)); // gas: not spl
        check("41 f6 d0", a -> a.not(R8B)); // gas: not r8b
        check("48 f7 13", a -> a.not(Mem.q(RBX))); // gas: not QWORD PTR [rbx]
        check("f7 54 24 08", a -> a.not(Mem.d(RSP, 0x8))); // gas: not DWORD PTR [rsp+0x8]
        check("66 41 f7 55 00", a -> a.not(Mem.w(R13))); // gas: not WORD PTR [r13]
        check("42 f6 54 e0 ff", a -> a.not(Mem.b(RAX, R12, 8, -0x1))); // gas: not BYTE PTR [rax+r12*8-0x1]
    }

    @Test
    void mul() {
        check("48 f7 e0", a -> a.mul(RAX)); // gas: mul rax
        check("49 f7 e7", a -> a.mul(R15)); // gas: mul r15
        check("f7 e1", a -> a.mul(ECX)); // gas: mul ecx
        check("41 f7 e1", a -> a.mul(R9D)); // gas: mul r9d
        check("66 f7 e2", a -> a.mul(DX)); // gas: mul dx
        check("66 41 f7 e4", a -> a.mul(R12W)); // gas: mul r12w
        check("f6 e3", a -> a.mul(BL)); // gas: mul bl
        check("40 f6 e4", a -> a.mul(SPL)); // gas: mul spl
        check("41 f6 e0", a -> a.mul(R8B)); // gas: mul r8b
        check("48 f7 23", a -> a.mul(Mem.q(RBX))); // gas: mul QWORD PTR [rbx]
        check("f7 64 24 08", a -> a.mul(Mem.d(RSP, 0x8))); // gas: mul DWORD PTR [rsp+0x8]
        check("66 41 f7 65 00", a -> a.mul(Mem.w(R13))); // gas: mul WORD PTR [r13]
        check("42 f6 64 e0 ff", a -> a.mul(Mem.b(RAX, R12, 8, -0x1))); // gas: mul BYTE PTR [rax+r12*8-0x1]
    }

    @Test
    void imul() {
        check("48 f7 e8", a -> a.imul(RAX)); // gas: imul rax
        check("49 f7 ef", a -> a.imul(R15)); // gas: imul r15
        check("f7 e9", a -> a.imul(ECX)); // gas: imul ecx
        check("41 f7 e9", a -> a.imul(R9D)); // gas: imul r9d
        check("66 f7 ea", a -> a.imul(DX)); // gas: imul dx
        check("66 41 f7 ec", a -> a.imul(R12W)); // gas: imul r12w
        check("f6 eb", a -> a.imul(BL)); // gas: imul bl
        check("40 f6 ec", a -> a.imul(SPL)); // gas: imul spl
        check("41 f6 e8", a -> a.imul(R8B)); // gas: imul r8b
        check("48 f7 2b", a -> a.imul(Mem.q(RBX))); // gas: imul QWORD PTR [rbx]
        check("f7 6c 24 08", a -> a.imul(Mem.d(RSP, 0x8))); // gas: imul DWORD PTR [rsp+0x8]
        check("66 41 f7 6d 00", a -> a.imul(Mem.w(R13))); // gas: imul WORD PTR [r13]
        check("42 f6 6c e0 ff", a -> a.imul(Mem.b(RAX, R12, 8, -0x1))); // gas: imul BYTE PTR [rax+r12*8-0x1]
    }

    @Test
    void div() {
        check("48 f7 f0", a -> a.div(RAX)); // gas: div rax
        check("49 f7 f7", a -> a.div(R15)); // gas: div r15
        check("f7 f1", a -> a.div(ECX)); // gas: div ecx
        check("41 f7 f1", a -> a.div(R9D)); // gas: div r9d
        check("66 f7 f2", a -> a.div(DX)); // gas: div dx
        check("66 41 f7 f4", a -> a.div(R12W)); // gas: div r12w
        check("f6 f3", a -> a.div(BL)); // gas: div bl
        check("40 f6 f4", a -> a.div(SPL)); // gas: div spl
        check("41 f6 f0", a -> a.div(R8B)); // gas: div r8b
        check("48 f7 33", a -> a.div(Mem.q(RBX))); // gas: div QWORD PTR [rbx]
        check("f7 74 24 08", a -> a.div(Mem.d(RSP, 0x8))); // gas: div DWORD PTR [rsp+0x8]
        check("66 41 f7 75 00", a -> a.div(Mem.w(R13))); // gas: div WORD PTR [r13]
        check("42 f6 74 e0 ff", a -> a.div(Mem.b(RAX, R12, 8, -0x1))); // gas: div BYTE PTR [rax+r12*8-0x1]
    }

    @Test
    void idiv() {
        check("48 f7 f8", a -> a.idiv(RAX)); // gas: idiv rax
        check("49 f7 ff", a -> a.idiv(R15)); // gas: idiv r15
        check("f7 f9", a -> a.idiv(ECX)); // gas: idiv ecx
        check("41 f7 f9", a -> a.idiv(R9D)); // gas: idiv r9d
        check("66 f7 fa", a -> a.idiv(DX)); // gas: idiv dx
        check("66 41 f7 fc", a -> a.idiv(R12W)); // gas: idiv r12w
        check("f6 fb", a -> a.idiv(BL)); // gas: idiv bl
        check("40 f6 fc", a -> a.idiv(SPL)); // gas: idiv spl
        check("41 f6 f8", a -> a.idiv(R8B)); // gas: idiv r8b
        check("48 f7 3b", a -> a.idiv(Mem.q(RBX))); // gas: idiv QWORD PTR [rbx]
        check("f7 7c 24 08", a -> a.idiv(Mem.d(RSP, 0x8))); // gas: idiv DWORD PTR [rsp+0x8]
        check("66 41 f7 7d 00", a -> a.idiv(Mem.w(R13))); // gas: idiv WORD PTR [r13]
        check("42 f6 7c e0 ff", a -> a.idiv(Mem.b(RAX, R12, 8, -0x1))); // gas: idiv BYTE PTR [rax+r12*8-0x1]
    }
}
