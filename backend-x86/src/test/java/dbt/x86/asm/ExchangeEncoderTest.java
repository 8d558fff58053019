package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;

import org.junit.jupiter.api.Test;

/** xchg, bswap, lock cmpxchg, lock xadd, mfence. */
class ExchangeEncoderTest extends EncodingTestBase {
    @Test
    void xchg() {
        check("48 93", a -> a.xchg(RAX, RBX)); // gas: xchg rax, rbx
        check("48 93", a -> a.xchg(RBX, RAX)); // gas: xchg rbx, rax
        check("48 87 cb", a -> a.xchg(RBX, RCX)); // gas: xchg rbx, rcx
        check("49 90", a -> a.xchg(R8, RAX)); // gas: xchg r8, rax
        check("49 97", a -> a.xchg(RAX, R15)); // gas: xchg rax, r15
        check("4d 87 ec", a -> a.xchg(R12, R13)); // gas: xchg r12, r13
        check("90", a -> a.xchg(RAX, RAX)); // gas: xchg rax, rax
        check("87 c0", a -> a.xchg(EAX, EAX)); // gas: xchg eax, eax
        check("41 90", a -> a.xchg(EAX, R8D)); // gas: xchg eax, r8d
        check("87 d1", a -> a.xchg(ECX, EDX)); // gas: xchg ecx, edx
        check("66 90", a -> a.xchg(AX, AX)); // gas: xchg ax, ax
        check("66 41 91", a -> a.xchg(AX, R9W)); // gas: xchg ax, r9w
        check("66 87 f3", a -> a.xchg(BX, SI)); // gas: xchg bx, si
        check("86 c0", a -> a.xchg(AL, AL)); // gas: xchg al, al
        check("86 d8", a -> a.xchg(AL, BL)); // gas: xchg al, bl
        check("41 86 c2", a -> a.xchg(R10B, AL)); // gas: xchg r10b, al
        check("44 86 d0", a -> a.xchg(AL, R10B)); // gas: xchg al, r10b
        check("40 86 f3", a -> a.xchg(BL, SIL)); // gas: xchg bl, sil
        check("40 86 ec", a -> a.xchg(SPL, BPL)); // gas: xchg spl, bpl
        check("48 87 ec", a -> a.xchg(RSP, RBP)); // gas: xchg rsp, rbp
    }

    @Test
    void bswap() {
        check("0f c8", a -> a.bswap(EAX)); // gas: bswap eax
        check("0f cb", a -> a.bswap(EBX)); // gas: bswap ebx
        check("41 0f c9", a -> a.bswap(R9D)); // gas: bswap r9d
        check("41 0f cf", a -> a.bswap(R15D)); // gas: bswap r15d
        check("48 0f c8", a -> a.bswap(RAX)); // gas: bswap rax
        check("48 0f cc", a -> a.bswap(RSP)); // gas: bswap rsp
        check("49 0f c8", a -> a.bswap(R8)); // gas: bswap r8
        check("49 0f cf", a -> a.bswap(R15)); // gas: bswap r15
    }

    @Test
    void atomics() {
        check("f0 48 0f b1 18", a -> a.lockCmpxchg(Mem.q(RAX), RBX)); // gas: lock cmpxchg QWORD PTR [rax], rbx
        check("f0 4d 0f b1 4c 24 08", a -> a.lockCmpxchg(Mem.q(R12, 0x8), R9)); // gas: lock cmpxchg QWORD PTR [r12+0x8], r9
        check("f0 0f b1 4d 00", a -> a.lockCmpxchg(Mem.d(RBP), ECX)); // gas: lock cmpxchg DWORD PTR [rbp], ecx
        check("f0 46 0f b1 04 af", a -> a.lockCmpxchg(Mem.d(RDI, R13, 4, 0x0), R8D)); // gas: lock cmpxchg DWORD PTR [rdi+r13*4], r8d
        check("66 f0 0f b1 13", a -> a.lockCmpxchg(Mem.w(RBX), DX)); // gas: lock cmpxchg WORD PTR [rbx], dx
        check("66 f0 45 0f b1 1e", a -> a.lockCmpxchg(Mem.w(R14), R11W)); // gas: lock cmpxchg WORD PTR [r14], r11w
        check("f0 0f b0 0e", a -> a.lockCmpxchg(Mem.b(RSI), CL)); // gas: lock cmpxchg BYTE PTR [rsi], cl
        check("f0 40 0f b0 30", a -> a.lockCmpxchg(Mem.b(RAX), SIL)); // gas: lock cmpxchg BYTE PTR [rax], sil
        check("f0 45 0f b0 38", a -> a.lockCmpxchg(Mem.b(R8), R15B)); // gas: lock cmpxchg BYTE PTR [r8], r15b
        check("f0 48 0f c1 18", a -> a.lockXadd(Mem.q(RAX), RBX)); // gas: lock xadd QWORD PTR [rax], rbx
        check("f0 4d 0f c1 4c 24 08", a -> a.lockXadd(Mem.q(R12, 0x8), R9)); // gas: lock xadd QWORD PTR [r12+0x8], r9
        check("f0 0f c1 4d 00", a -> a.lockXadd(Mem.d(RBP), ECX)); // gas: lock xadd DWORD PTR [rbp], ecx
        check("f0 46 0f c1 04 af", a -> a.lockXadd(Mem.d(RDI, R13, 4, 0x0), R8D)); // gas: lock xadd DWORD PTR [rdi+r13*4], r8d
        check("66 f0 0f c1 13", a -> a.lockXadd(Mem.w(RBX), DX)); // gas: lock xadd WORD PTR [rbx], dx
        check("66 f0 45 0f c1 1e", a -> a.lockXadd(Mem.w(R14), R11W)); // gas: lock xadd WORD PTR [r14], r11w
        check("f0 0f c0 0e", a -> a.lockXadd(Mem.b(RSI), CL)); // gas: lock xadd BYTE PTR [rsi], cl
        check("f0 40 0f c0 30", a -> a.lockXadd(Mem.b(RAX), SIL)); // gas: lock xadd BYTE PTR [rax], sil
        check("f0 45 0f c0 38", a -> a.lockXadd(Mem.b(R8), R15B)); // gas: lock xadd BYTE PTR [r8], r15b
    }

    @Test
    void mfence() {
        check("0f ae f0", a -> a.mfence()); // gas: mfence
    }
}
