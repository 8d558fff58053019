package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;
import static dbt.x86.asm.Xmm.*;

import org.junit.jupiter.api.Test;

/**
 * Scalar floating point: movq/movd between general-purpose registers, xmm registers and memory, movaps, the sd/ss
 * arithmetic, comparisons and conversions, the FMA3 multiply-adds (VEX), ldmxcsr/stmxcsr, pxor and xorps; with low
 * and high xmm and general-purpose registers and every memory form.
 */
class SseEncoderTest extends EncodingTestBase {
    @Test
    void movqMovdBetweenGeneralPurposeAndXmmRegisters() {
        check("66 48 0f 6e c0", a -> a.movq(XMM0, RAX)); // gas: movq xmm0, rax
        check("66 4d 0f 6e f8", a -> a.movq(XMM15, R8)); // gas: movq xmm15, r8
        check("66 4c 0f 6e cc", a -> a.movq(XMM9, RSP)); // gas: movq xmm9, rsp
        check("66 49 0f 6e dd", a -> a.movq(XMM3, R13)); // gas: movq xmm3, r13
        check("66 48 0f 7e c0", a -> a.movq(RAX, XMM0)); // gas: movq rax, xmm0
        check("66 4d 0f 7e e1", a -> a.movq(R9, XMM12)); // gas: movq r9, xmm12
        check("66 4c 0f 7e c5", a -> a.movq(RBP, XMM8)); // gas: movq rbp, xmm8
        check("66 49 0f 7e cf", a -> a.movq(R15, XMM1)); // gas: movq r15, xmm1
        check("66 0f 6e c0", a -> a.movd(XMM0, EAX)); // gas: movd xmm0, eax
        check("66 45 0f 6e ca", a -> a.movd(XMM9, R10D)); // gas: movd xmm9, r10d
        check("66 41 0f 6e d4", a -> a.movd(XMM2, R12D)); // gas: movd xmm2, r12d
        check("66 44 0f 6e f7", a -> a.movd(XMM14, EDI)); // gas: movd xmm14, edi
        check("66 0f 7e c0", a -> a.movd(EAX, XMM0)); // gas: movd eax, xmm0
        check("66 45 0f 7e eb", a -> a.movd(R11D, XMM13)); // gas: movd r11d, xmm13
        check("66 44 0f 7e fc", a -> a.movd(ESP, XMM15)); // gas: movd esp, xmm15
        check("66 41 0f 7e f8", a -> a.movd(R8D, XMM7)); // gas: movd r8d, xmm7
    }

    @Test
    void movqMovdWithMemory() {
        check("f3 0f 7e 00", a -> a.movq(XMM0, Mem.q(RAX))); // gas: movq xmm0, QWORD PTR [rax]
        check("f3 47 0f 7e 44 e5 10", a -> a.movq(XMM8, Mem.q(R13, R12, 8, 0x10))); // gas: movq xmm8, QWORD PTR [r13+r12*8+0x10]
        check("f3 0f 7e ac 24 80 00 00 00", a -> a.movq(XMM5, Mem.q(RSP, 0x80))); // gas: movq xmm5, QWORD PTR [rsp+0x80]
        check("f3 45 0f 7e 7f 58", a -> a.movq(XMM15, Mem.q(R15, 0x58))); // gas: movq xmm15, QWORD PTR [r15+0x58]
        check("66 0f d6 00", a -> a.movq(Mem.q(RAX), XMM0)); // gas: movq QWORD PTR [rax], xmm0
        check("66 44 0f d6 5c 24 08", a -> a.movq(Mem.q(RSP, 8), XMM11)); // gas: movq QWORD PTR [rsp+8], xmm11
        check("66 42 0f d6 a4 4b 00 f0 ff ff", a -> a.movq(Mem.q(RBX, R9, 2, -0x1000), XMM4)); // gas: movq QWORD PTR [rbx+r9*2-0x1000], xmm4
        check("66 44 0f d6 0c 8d 40 00 00 00", a -> a.movq(Mem.indexOnly(8, RCX, 4, 0x40), XMM9)); // gas: movq QWORD PTR [rcx*4+0x40], xmm9
        check("66 0f 6e 00", a -> a.movd(XMM0, Mem.d(RAX))); // gas: movd xmm0, DWORD PTR [rax]
        check("66 45 0f 6e 64 24 fc", a -> a.movd(XMM12, Mem.d(R12, -4))); // gas: movd xmm12, DWORD PTR [r12-4]
        check("66 0f 6e 0c 25 34 12 00 00", a -> a.movd(XMM1, Mem.absolute(4, 0x1234))); // gas: movd xmm1, DWORD PTR ds:0x1234
        check("66 44 0f 7e 75 00", a -> a.movd(Mem.d(RBP), XMM14)); // gas: movd DWORD PTR [rbp], xmm14
        check("66 41 0f 7e 5c 10 7f", a -> a.movd(Mem.d(R8, RDX, 1, 0x7f), XMM3)); // gas: movd DWORD PTR [r8+rdx*1+0x7f], xmm3
        check("f3 0f 7e 15 00 00 00 00", a -> { Label l = a.newLabel(); a.movq(XMM2, Mem.rip(8, l)); a.bind(l); }); // gas: movq xmm2, QWORD PTR [rip+1f]; 1:
        check("66 44 0f 7e 15 fb ff ff ff", a -> { Label l = a.newLabel(); a.bind(l); a.movd(Mem.rip(4, l, 4), XMM10); }); // gas: 1: movd DWORD PTR [rip+1b+4], xmm10
    }

    @Test
    void movaps() {
        check("0f 28 c1", a -> a.movaps(XMM0, XMM1)); // gas: movaps xmm0, xmm1
        check("45 0f 28 c7", a -> a.movaps(XMM8, XMM15)); // gas: movaps xmm8, xmm15
        check("41 0f 28 da", a -> a.movaps(XMM3, XMM10)); // gas: movaps xmm3, xmm10
        check("44 0f 28 da", a -> a.movaps(XMM11, XMM2)); // gas: movaps xmm11, xmm2
    }

    @Test
    void doubleArithmetic() {
        check("f2 0f 58 c1", a -> a.addsd(XMM0, XMM1)); // gas: addsd xmm0, xmm1
        check("f2 45 0f 58 cf", a -> a.addsd(XMM9, XMM15)); // gas: addsd xmm9, xmm15
        check("f2 41 0f 58 97 00 01 00 00", a -> a.addsd(XMM2, Mem.q(R15, 0x100))); // gas: addsd xmm2, QWORD PTR [r15+0x100]
        check("f2 41 0f 5c c0", a -> a.subsd(XMM0, XMM8)); // gas: subsd xmm0, xmm8
        check("f2 44 0f 5c 14 d8", a -> a.subsd(XMM10, Mem.q(RAX, RBX, 8, 0))); // gas: subsd xmm10, QWORD PTR [rax+rbx*8]
        check("f2 44 0f 59 e4", a -> a.mulsd(XMM12, XMM4)); // gas: mulsd xmm12, xmm4
        check("f2 0f 59 0c 24", a -> a.mulsd(XMM1, Mem.q(RSP))); // gas: mulsd xmm1, QWORD PTR [rsp]
        check("f2 0f 5e fe", a -> a.divsd(XMM7, XMM6)); // gas: divsd xmm7, xmm6
        check("f2 45 0f 5e 6d 00", a -> a.divsd(XMM13, Mem.q(R13))); // gas: divsd xmm13, QWORD PTR [r13]
        check("f2 41 0f 51 c7", a -> a.sqrtsd(XMM0, XMM15)); // gas: sqrtsd xmm0, xmm15
        check("f2 0f 51 c0", a -> a.sqrtsd(XMM0, XMM0)); // gas: sqrtsd xmm0, xmm0
        check("f2 44 0f 51 5a f8", a -> a.sqrtsd(XMM11, Mem.q(RDX, -8))); // gas: sqrtsd xmm11, QWORD PTR [rdx-8]
        check("f2 0f 5d c1", a -> a.minsd(XMM0, XMM1)); // gas: minsd xmm0, xmm1
        check("f2 47 0f 5d 44 9c 20", a -> a.minsd(XMM8, Mem.q(R12, R11, 4, 0x20))); // gas: minsd xmm8, QWORD PTR [r12+r11*4+0x20]
        check("f2 45 0f 5f f1", a -> a.maxsd(XMM14, XMM9)); // gas: maxsd xmm14, xmm9
        check("f2 0f 5f 9d ff ff ff 7f", a -> a.maxsd(XMM3, Mem.q(RBP, 0x7fffffff))); // gas: maxsd xmm3, QWORD PTR [rbp+0x7fffffff]
    }

    @Test
    void singleArithmetic() {
        check("f3 0f 58 c1", a -> a.addss(XMM0, XMM1)); // gas: addss xmm0, xmm1
        check("f3 44 0f 58 08", a -> a.addss(XMM9, Mem.d(RAX))); // gas: addss xmm9, DWORD PTR [rax]
        check("f3 45 0f 5c ff", a -> a.subss(XMM15, XMM15)); // gas: subss xmm15, xmm15
        check("f3 41 0f 5c 61 10", a -> a.subss(XMM4, Mem.d(R9, 0x10))); // gas: subss xmm4, DWORD PTR [r9+0x10]
        check("f3 41 0f 59 d2", a -> a.mulss(XMM2, XMM10)); // gas: mulss xmm2, xmm10
        check("f3 46 0f 59 44 44 80", a -> a.mulss(XMM8, Mem.d(RSP, R8, 2, -0x80))); // gas: mulss xmm8, DWORD PTR [rsp+r8*2-0x80]
        check("f3 0f 5e eb", a -> a.divss(XMM5, XMM3)); // gas: divss xmm5, xmm3
        check("f3 46 0f 5e 1c f5 00 00 00 00", a -> a.divss(XMM11, Mem.indexOnly(4, R14, 8, 0))); // gas: divss xmm11, DWORD PTR [r14*8+0]
        check("f3 41 0f 51 c9", a -> a.sqrtss(XMM1, XMM9)); // gas: sqrtss xmm1, xmm9
        check("f3 0f 51 09", a -> a.sqrtss(XMM1, Mem.d(RCX))); // gas: sqrtss xmm1, DWORD PTR [rcx]
        check("f3 45 0f 5d e5", a -> a.minss(XMM12, XMM13)); // gas: minss xmm12, xmm13
        check("f3 41 0f 5d 04 24", a -> a.minss(XMM0, Mem.d(R12))); // gas: minss xmm0, DWORD PTR [r12]
        check("f3 0f 5f c1", a -> a.maxss(XMM0, XMM1)); // gas: maxss xmm0, xmm1
        check("f3 44 0f 5f 97 00 10 00 00", a -> a.maxss(XMM10, Mem.d(RDI, 0x1000))); // gas: maxss xmm10, DWORD PTR [rdi+0x1000]
    }

    @Test
    void comparisons() {
        check("f2 0f c2 c1 03", a -> a.cmpunordsd(XMM0, XMM1)); // gas: cmpunordsd xmm0, xmm1
        check("f3 45 0f c2 cf 03", a -> a.cmpunordss(XMM9, XMM15)); // gas: cmpunordss xmm9, xmm15
        check("66 0f 2e c1", a -> a.ucomisd(XMM0, XMM1)); // gas: ucomisd xmm0, xmm1
        check("66 45 0f 2e cf", a -> a.ucomisd(XMM9, XMM15)); // gas: ucomisd xmm9, xmm15
        check("66 41 0f 2e 57 58", a -> a.ucomisd(XMM2, Mem.q(R15, 0x58))); // gas: ucomisd xmm2, QWORD PTR [r15+0x58]
        check("44 0f 2e c0", a -> a.ucomiss(XMM8, XMM0)); // gas: ucomiss xmm8, xmm0
        check("45 0f 2e 04 24", a -> a.ucomiss(XMM8, Mem.d(R12))); // gas: ucomiss xmm8, DWORD PTR [r12]
        check("66 0f 2f 00", a -> a.comisd(XMM0, Mem.q(RAX))); // gas: comisd xmm0, QWORD PTR [rax]
        check("66 44 0f 2f f3", a -> a.comisd(XMM14, XMM3)); // gas: comisd xmm14, xmm3
        check("0f 2f c1", a -> a.comiss(XMM0, XMM1)); // gas: comiss xmm0, xmm1
        check("41 0f 2f f3", a -> a.comiss(XMM6, XMM11)); // gas: comiss xmm6, xmm11
        check("44 0f 2f 6c b3 04", a -> a.comiss(XMM13, Mem.d(RBX, RSI, 4, 4))); // gas: comiss xmm13, DWORD PTR [rbx+rsi*4+4]
    }

    @Test
    void conversionsBetweenDoubleAndSingle() {
        check("f2 0f 5a c1", a -> a.cvtsd2ss(XMM0, XMM1)); // gas: cvtsd2ss xmm0, xmm1
        check("f2 0f 5a c0", a -> a.cvtsd2ss(XMM0, XMM0)); // gas: cvtsd2ss xmm0, xmm0
        check("f2 45 0f 5a e0", a -> a.cvtsd2ss(XMM12, XMM8)); // gas: cvtsd2ss xmm12, xmm8
        check("f2 41 0f 5a 1a", a -> a.cvtsd2ss(XMM3, Mem.q(R10))); // gas: cvtsd2ss xmm3, QWORD PTR [r10]
        check("f3 0f 5a c1", a -> a.cvtss2sd(XMM0, XMM1)); // gas: cvtss2sd xmm0, xmm1
        check("f3 41 0f 5a cf", a -> a.cvtss2sd(XMM1, XMM15)); // gas: cvtss2sd xmm1, xmm15
        check("f3 44 0f 5a 4c 24 04", a -> a.cvtss2sd(XMM9, Mem.d(RSP, 4))); // gas: cvtss2sd xmm9, DWORD PTR [rsp+4]
    }

    @Test
    void conversionsFromIntegers() {
        check("f2 48 0f 2a c0", a -> a.cvtsi2sd(XMM0, RAX)); // gas: cvtsi2sd xmm0, rax
        check("f2 0f 2a c0", a -> a.cvtsi2sd(XMM0, EAX)); // gas: cvtsi2sd xmm0, eax
        check("f2 4d 0f 2a ff", a -> a.cvtsi2sd(XMM15, R15)); // gas: cvtsi2sd xmm15, r15
        check("f2 44 0f 2a c5", a -> a.cvtsi2sd(XMM8, EBP)); // gas: cvtsi2sd xmm8, ebp
        check("f2 41 0f 2a d1", a -> a.cvtsi2sd(XMM2, R9D)); // gas: cvtsi2sd xmm2, r9d
        check("f2 48 0f 2a 08", a -> a.cvtsi2sd(XMM1, Mem.q(RAX))); // gas: cvtsi2sd xmm1, QWORD PTR [rax]
        check("f2 45 0f 2a 54 cd 00", a -> a.cvtsi2sd(XMM10, Mem.d(R13, RCX, 8, 0))); // gas: cvtsi2sd xmm10, DWORD PTR [r13+rcx*8]
        check("f3 48 0f 2a c0", a -> a.cvtsi2ss(XMM0, RAX)); // gas: cvtsi2ss xmm0, rax
        check("f3 4d 0f 2a d1", a -> a.cvtsi2ss(XMM10, R9)); // gas: cvtsi2ss xmm10, r9
        check("f3 45 0f 2a d1", a -> a.cvtsi2ss(XMM10, R9D)); // gas: cvtsi2ss xmm10, r9d
        check("f3 0f 2a de", a -> a.cvtsi2ss(XMM3, ESI)); // gas: cvtsi2ss xmm3, esi
        check("f3 48 0f 2a 64 24 18", a -> a.cvtsi2ss(XMM4, Mem.q(RSP, 0x18))); // gas: cvtsi2ss xmm4, QWORD PTR [rsp+0x18]
        check("f3 45 0f 2a 20", a -> a.cvtsi2ss(XMM12, Mem.d(R8))); // gas: cvtsi2ss xmm12, DWORD PTR [r8]
    }

    @Test
    void conversionsToIntegers() {
        check("f2 48 0f 2d c0", a -> a.cvtsd2si(RAX, XMM0)); // gas: cvtsd2si rax, xmm0
        check("f2 0f 2d c0", a -> a.cvtsd2si(EAX, XMM0)); // gas: cvtsd2si eax, xmm0
        check("f2 4d 0f 2d e1", a -> a.cvtsd2si(R12, XMM9)); // gas: cvtsd2si r12, xmm9
        check("f2 41 0f 2d 1c 41", a -> a.cvtsd2si(EBX, Mem.q(R9, RAX, 2, 0))); // gas: cvtsd2si ebx, QWORD PTR [r9+rax*2]
        check("f2 4d 0f 2c ff", a -> a.cvttsd2si(R15, XMM15)); // gas: cvttsd2si r15, xmm15
        check("f2 0f 2c cb", a -> a.cvttsd2si(ECX, XMM3)); // gas: cvttsd2si ecx, xmm3
        check("f2 48 0f 2c 14 24", a -> a.cvttsd2si(RDX, Mem.q(RSP))); // gas: cvttsd2si rdx, QWORD PTR [rsp]
        check("f3 44 0f 2d c1", a -> a.cvtss2si(R8D, XMM1)); // gas: cvtss2si r8d, xmm1
        check("f3 49 0f 2d f6", a -> a.cvtss2si(RSI, XMM14)); // gas: cvtss2si rsi, xmm14
        check("f3 4c 0f 2d 57 08", a -> a.cvtss2si(R10, Mem.d(RDI, 8))); // gas: cvtss2si r10, DWORD PTR [rdi+8]
        check("f3 41 0f 2c c9", a -> a.cvttss2si(ECX, XMM9)); // gas: cvttss2si ecx, xmm9
        check("f3 48 0f 2c c0", a -> a.cvttss2si(RAX, XMM0)); // gas: cvttss2si rax, xmm0
        check("f3 45 0f 2c 6d 00", a -> a.cvttss2si(R13D, Mem.d(R13))); // gas: cvttss2si r13d, DWORD PTR [r13]
    }

    @Test
    void fusedMultiplyAdd() {
        check("c4 e2 f1 b9 c2", a -> a.vfma(231, false, false, true, XMM0, XMM1, XMM2)); // gas: vfmadd231sd xmm0, xmm1, xmm2
        check("c4 42 b1 b9 c2", a -> a.vfma(231, false, false, true, XMM8, XMM9, XMM10)); // gas: vfmadd231sd xmm8, xmm9, xmm10
        check("c4 e2 81 b9 c0", a -> a.vfma(231, false, false, true, XMM0, XMM15, XMM0)); // gas: vfmadd231sd xmm0, xmm15, xmm0
        check("c4 e2 71 b9 c2", a -> a.vfma(231, false, false, false, XMM0, XMM1, XMM2)); // gas: vfmadd231ss xmm0, xmm1, xmm2
        check("c4 c2 59 b9 db", a -> a.vfma(231, false, false, false, XMM3, XMM4, XMM11)); // gas: vfmadd231ss xmm3, xmm4, xmm11
        check("c4 e2 f1 bb c2", a -> a.vfma(231, false, true, true, XMM0, XMM1, XMM2)); // gas: vfmsub231sd xmm0, xmm1, xmm2
        check("c4 42 b1 bd c2", a -> a.vfma(231, true, false, true, XMM8, XMM9, XMM10)); // gas: vfnmadd231sd xmm8, xmm9, xmm10
        check("c4 e2 81 bf c0", a -> a.vfma(231, true, true, true, XMM0, XMM15, XMM0)); // gas: vfnmsub231sd xmm0, xmm15, xmm0
        check("c4 c2 59 bb db", a -> a.vfma(231, false, true, false, XMM3, XMM4, XMM11)); // gas: vfmsub231ss xmm3, xmm4, xmm11
        check("c4 e2 71 bd c2", a -> a.vfma(231, true, false, false, XMM0, XMM1, XMM2)); // gas: vfnmadd231ss xmm0, xmm1, xmm2
        check("c4 c2 59 bf db", a -> a.vfma(231, true, true, false, XMM3, XMM4, XMM11)); // gas: vfnmsub231ss xmm3, xmm4, xmm11
        check("c4 62 f9 a9 ff", a -> a.vfma(213, false, false, true, XMM15, XMM0, XMM7)); // gas: vfmadd213sd xmm15, xmm0, xmm7
        check("c4 e2 e9 a9 cb", a -> a.vfma(213, false, false, true, XMM1, XMM2, XMM3)); // gas: vfmadd213sd xmm1, xmm2, xmm3
        check("c4 42 11 a9 e6", a -> a.vfma(213, false, false, false, XMM12, XMM13, XMM14)); // gas: vfmadd213ss xmm12, xmm13, xmm14
        check("c4 e2 b9 99 f5", a -> a.vfma(132, false, false, true, XMM6, XMM8, XMM5)); // gas: vfmadd132sd xmm6, xmm8, xmm5
        check("c4 e2 09 99 cb", a -> a.vfma(132, false, false, false, XMM1, XMM14, XMM3)); // gas: vfmadd132ss xmm1, xmm14, xmm3
        check("c4 e2 79 99 c0", a -> a.vfma(132, false, false, false, XMM0, XMM0, XMM0)); // gas: vfmadd132ss xmm0, xmm0, xmm0
        check("c4 e2 e9 ab cb", a -> a.vfma(213, false, true, true, XMM1, XMM2, XMM3)); // gas: vfmsub213sd xmm1, xmm2, xmm3
        check("c4 42 59 ad cc", a -> a.vfma(213, true, false, false, XMM9, XMM4, XMM12)); // gas: vfnmadd213ss xmm9, xmm4, xmm12
        check("c4 62 f9 af ff", a -> a.vfma(213, true, true, true, XMM15, XMM0, XMM7)); // gas: vfnmsub213sd xmm15, xmm0, xmm7
        check("c4 e2 21 9f d5", a -> a.vfma(132, true, true, false, XMM2, XMM11, XMM5)); // gas: vfnmsub132ss xmm2, xmm11, xmm5
    }

    @Test
    void threeOperandScalarArithmetic() {
        check("c5 eb 58 cb", a -> a.vaddsd(XMM1, XMM2, XMM3)); // gas: vaddsd xmm1, xmm2, xmm3
        check("c4 41 2a 58 cb", a -> a.vaddss(XMM9, XMM10, XMM11)); // gas: vaddss xmm9, xmm10, xmm11
        check("c5 5b 5c f8", a -> a.vsubsd(XMM15, XMM4, XMM0)); // gas: vsubsd xmm15, xmm4, xmm0
        check("c5 ba 5c c1", a -> a.vsubss(XMM0, XMM8, XMM1)); // gas: vsubss xmm0, xmm8, xmm1
        check("c4 c1 53 59 ec", a -> a.vmulsd(XMM5, XMM5, XMM12)); // gas: vmulsd xmm5, xmm5, xmm12
        check("c5 c2 59 db", a -> a.vmulss(XMM3, XMM7, XMM3)); // gas: vmulss xmm3, xmm7, xmm3
        check("c4 41 13 5e e6", a -> a.vdivsd(XMM12, XMM13, XMM14)); // gas: vdivsd xmm12, xmm13, xmm14
        check("c4 c1 7a 5e e7", a -> a.vdivss(XMM4, XMM0, XMM15)); // gas: vdivss xmm4, xmm0, xmm15
        check("c5 eb 51 cb", a -> a.vsqrtsd(XMM1, XMM2, XMM3)); // gas: vsqrtsd xmm1, xmm2, xmm3
        check("c4 41 32 51 ce", a -> a.vsqrtss(XMM9, XMM9, XMM14)); // gas: vsqrtss xmm9, xmm9, xmm14
        check("c5 9b 5a c5", a -> a.vcvtsd2ss(XMM0, XMM12, XMM5)); // gas: vcvtsd2ss xmm0, xmm12, xmm5
        check("c5 62 5a db", a -> a.vcvtss2sd(XMM11, XMM3, XMM3)); // gas: vcvtss2sd xmm11, xmm3, xmm3
    }

    @Test
    void roundToIntegral() {
        check("66 0f 3a 0b d1 01", a -> a.roundsd(XMM2, XMM1, 1)); // gas: roundsd xmm2, xmm1, 0x1
        check("66 44 0f 3a 0a e3 02", a -> a.roundss(XMM12, XMM3, 2)); // gas: roundss xmm12, xmm3, 0x2
        check("66 41 0f 3a 0b c7 00", a -> a.roundsd(XMM0, XMM15, 0)); // gas: roundsd xmm0, xmm15, 0x0
        check("66 45 0f 3a 0a ca 03", a -> a.roundss(XMM9, XMM10, 3)); // gas: roundss xmm9, xmm10, 0x3
    }

    @Test
    void mxcsr() {
        check("0f ae 10", a -> a.ldmxcsr(Mem.d(RAX))); // gas: ldmxcsr DWORD PTR [rax]
        check("41 0f ae 55 00", a -> a.ldmxcsr(Mem.d(R13))); // gas: ldmxcsr DWORD PTR [r13]
        check("41 0f ae 97 80 00 00 00", a -> a.ldmxcsr(Mem.d(R15, 0x80))); // gas: ldmxcsr DWORD PTR [r15+0x80]
        check("0f ae 5c 24 04", a -> a.stmxcsr(Mem.d(RSP, 4))); // gas: stmxcsr DWORD PTR [rsp+4]
        check("43 0f ae 5c 8c fc", a -> a.stmxcsr(Mem.d(R12, R9, 4, -4))); // gas: stmxcsr DWORD PTR [r12+r9*4-4]
        check("0f ae 1c 25 00 01 00 00", a -> a.stmxcsr(Mem.absolute(4, 0x100))); // gas: stmxcsr DWORD PTR ds:0x100
        check("0f ae 15 00 00 00 00", a -> { Label l = a.newLabel(); a.ldmxcsr(Mem.rip(4, l)); a.bind(l); }); // gas: ldmxcsr DWORD PTR [rip+1f]; 1:
    }

    @Test
    void zeroing() {
        check("66 0f ef c0", a -> a.pxor(XMM0, XMM0)); // gas: pxor xmm0, xmm0
        check("66 45 0f ef c7", a -> a.pxor(XMM8, XMM15)); // gas: pxor xmm8, xmm15
        check("66 45 0f ef c9", a -> a.pxor(XMM9, XMM9)); // gas: pxor xmm9, xmm9
        check("66 41 0f ef d4", a -> a.pxor(XMM2, XMM12)); // gas: pxor xmm2, xmm12
        check("0f 57 c0", a -> a.xorps(XMM0, XMM0)); // gas: xorps xmm0, xmm0
        check("44 0f 57 e1", a -> a.xorps(XMM12, XMM1)); // gas: xorps xmm12, xmm1
        check("45 0f 57 ff", a -> a.xorps(XMM15, XMM15)); // gas: xorps xmm15, xmm15
        check("41 0f 57 eb", a -> a.xorps(XMM5, XMM11)); // gas: xorps xmm5, xmm11
    }
}
