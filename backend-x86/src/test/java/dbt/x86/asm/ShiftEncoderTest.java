package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;

import org.junit.jupiter.api.Test;

/** shl, shr, sar, rol, ror by 1, by an immediate, and by cl. */
class ShiftEncoderTest extends EncodingTestBase {
    @Test
    void shl() {
        check("48 d1 e0", a -> a.shl(RAX, 1)); // gas: shl rax, 1
        check("48 c1 e0 05", a -> a.shl(RAX, 5)); // gas: shl rax, 5
        check("49 c1 e1 3f", a -> a.shl(R9, 0x3f)); // gas: shl r9, 0x3f
        check("d1 e1", a -> a.shl(ECX, 1)); // gas: shl ecx, 1
        check("41 c1 e2 1f", a -> a.shl(R10D, 0x1f)); // gas: shl r10d, 0x1f
        check("66 c1 e2 03", a -> a.shl(DX, 3)); // gas: shl dx, 3
        check("d0 e0", a -> a.shl(AL, 1)); // gas: shl al, 1
        check("40 c0 e6 07", a -> a.shl(SIL, 7)); // gas: shl sil, 7
        check("41 c0 e4 02", a -> a.shl(R12B, 2)); // gas: shl r12b, 2
        check("48 d3 e0", a -> a.shl(RAX, CL)); // gas: shl rax, cl
        check("49 d3 e7", a -> a.shl(R15, CL)); // gas: shl r15, cl
        check("d3 e7", a -> a.shl(EDI, CL)); // gas: shl edi, cl
        check("66 41 d3 e0", a -> a.shl(R8W, CL)); // gas: shl r8w, cl
        check("d2 e3", a -> a.shl(BL, CL)); // gas: shl bl, cl
        check("40 d2 e5", a -> a.shl(BPL, CL)); // gas: shl bpl, cl
    }

    @Test
    void shr() {
        check("48 d1 e8", a -> a.shr(RAX, 1)); // gas: shr rax, 1
        check("48 c1 e8 05", a -> a.shr(RAX, 5)); // gas: shr rax, 5
        check("49 c1 e9 3f", a -> a.shr(R9, 0x3f)); // gas: shr r9, 0x3f
        check("d1 e9", a -> a.shr(ECX, 1)); // gas: shr ecx, 1
        check("41 c1 ea 1f", a -> a.shr(R10D, 0x1f)); // gas: shr r10d, 0x1f
        check("66 c1 ea 03", a -> a.shr(DX, 3)); // gas: shr dx, 3
        check("d0 e8", a -> a.shr(AL, 1)); // gas: shr al, 1
        check("40 c0 ee 07", a -> a.shr(SIL, 7)); // gas: shr sil, 7
        check("41 c0 ec 02", a -> a.shr(R12B, 2)); // gas: shr r12b, 2
        check("48 d3 e8", a -> a.shr(RAX, CL)); // gas: shr rax, cl
        check("49 d3 ef", a -> a.shr(R15, CL)); // gas: shr r15, cl
        check("d3 ef", a -> a.shr(EDI, CL)); // gas: shr edi, cl
        check("66 41 d3 e8", a -> a.shr(R8W, CL)); // gas: shr r8w, cl
        check("d2 eb", a -> a.shr(BL, CL)); // gas: shr bl, cl
        check("40 d2 ed", a -> a.shr(BPL, CL)); // gas: shr bpl, cl
    }

    @Test
    void sar() {
        check("48 d1 f8", a -> a.sar(RAX, 1)); // gas: sar rax, 1
        check("48 c1 f8 05", a -> a.sar(RAX, 5)); // gas: sar rax, 5
        check("49 c1 f9 3f", a -> a.sar(R9, 0x3f)); // gas: sar r9, 0x3f
        check("d1 f9", a -> a.sar(ECX, 1)); // gas: sar ecx, 1
        check("41 c1 fa 1f", a -> a.sar(R10D, 0x1f)); // gas: sar r10d, 0x1f
        check("66 c1 fa 03", a -> a.sar(DX, 3)); // gas: sar dx, 3
        check("d0 f8", a -> a.sar(AL, 1)); // gas: sar al, 1
        check("40 c0 fe 07", a -> a.sar(SIL, 7)); // gas: sar sil, 7
        check("41 c0 fc 02", a -> a.sar(R12B, 2)); // gas: sar r12b, 2
        check("48 d3 f8", a -> a.sar(RAX, CL)); // gas: sar rax, cl
        check("49 d3 ff", a -> a.sar(R15, CL)); // gas: sar r15, cl
        check("d3 ff", a -> a.sar(EDI, CL)); // gas: sar edi, cl
        check("66 41 d3 f8", a -> a.sar(R8W, CL)); // gas: sar r8w, cl
        check("d2 fb", a -> a.sar(BL, CL)); // gas: sar bl, cl
        check("40 d2 fd", a -> a.sar(BPL, CL)); // gas: sar bpl, cl
    }

    @Test
    void rol() {
        check("48 d1 c0", a -> a.rol(RAX, 1)); // gas: rol rax, 1
        check("48 c1 c0 05", a -> a.rol(RAX, 5)); // gas: rol rax, 5
        check("49 c1 c1 3f", a -> a.rol(R9, 0x3f)); // gas: rol r9, 0x3f
        check("d1 c1", a -> a.rol(ECX, 1)); // gas: rol ecx, 1
        check("41 c1 c2 1f", a -> a.rol(R10D, 0x1f)); // gas: rol r10d, 0x1f
        check("66 c1 c2 03", a -> a.rol(DX, 3)); // gas: rol dx, 3
        check("d0 c0", a -> a.rol(AL, 1)); // gas: rol al, 1
        check("40 c0 c6 07", a -> a.rol(SIL, 7)); // gas: rol sil, 7
        check("41 c0 c4 02", a -> a.rol(R12B, 2)); // gas: rol r12b, 2
        check("48 d3 c0", a -> a.rol(RAX, CL)); // gas: rol rax, cl
        check("49 d3 c7", a -> a.rol(R15, CL)); // gas: rol r15, cl
        check("d3 c7", a -> a.rol(EDI, CL)); // gas: rol edi, cl
        check("66 41 d3 c0", a -> a.rol(R8W, CL)); // gas: rol r8w, cl
        check("d2 c3", a -> a.rol(BL, CL)); // gas: rol bl, cl
        check("40 d2 c5", a -> a.rol(BPL, CL)); // gas: rol bpl, cl
    }

    @Test
    void ror() {
        check("48 d1 c8", a -> a.ror(RAX, 1)); // gas: ror rax, 1
        check("48 c1 c8 05", a -> a.ror(RAX, 5)); // gas: ror rax, 5
        check("49 c1 c9 3f", a -> a.ror(R9, 0x3f)); // gas: ror r9, 0x3f
        check("d1 c9", a -> a.ror(ECX, 1)); // gas: ror ecx, 1
        check("41 c1 ca 1f", a -> a.ror(R10D, 0x1f)); // gas: ror r10d, 0x1f
        check("66 c1 ca 03", a -> a.ror(DX, 3)); // gas: ror dx, 3
        check("d0 c8", a -> a.ror(AL, 1)); // gas: ror al, 1
        check("40 c0 ce 07", a -> a.ror(SIL, 7)); // gas: ror sil, 7
        check("41 c0 cc 02", a -> a.ror(R12B, 2)); // gas: ror r12b, 2
        check("48 d3 c8", a -> a.ror(RAX, CL)); // gas: ror rax, cl
        check("49 d3 cf", a -> a.ror(R15, CL)); // gas: ror r15, cl
        check("d3 cf", a -> a.ror(EDI, CL)); // gas: ror edi, cl
        check("66 41 d3 c8", a -> a.ror(R8W, CL)); // gas: ror r8w, cl
        check("d2 cb", a -> a.ror(BL, CL)); // gas: ror bl, cl
        check("40 d2 cd", a -> a.ror(BPL, CL)); // gas: ror bpl, cl
    }

    @Test
    void bmi2() {
        check("c4 e2 f1 f7 c3", a -> a.shlx(RAX, RBX, RCX)); // gas: shlx rax, rbx, rcx
        check("c4 42 b9 f7 cf", a -> a.shlx(R9, R15, R8)); // gas: shlx r9, r15, r8
        check("c4 e2 71 f7 c3", a -> a.shlx(EAX, EBX, ECX)); // gas: shlx eax, ebx, ecx
        check("c4 62 21 f7 d6", a -> a.shlx(R10D, ESI, R11D)); // gas: shlx r10d, esi, r11d
        check("c4 c2 cb f7 d4", a -> a.shrx(RDX, R12, RSI)); // gas: shrx rdx, r12, rsi
        check("c4 42 43 f7 ee", a -> a.shrx(R13D, R14D, EDI)); // gas: shrx r13d, r14d, edi
        check("c4 e2 b2 f7 ec", a -> a.sarx(RBP, RSP, R9)); // gas: sarx rbp, rsp, r9
        check("c4 c2 7a f7 f0", a -> a.sarx(ESI, R8D, EAX)); // gas: sarx esi, r8d, eax
        check("c4 e3 fb f0 c3 0d", a -> a.rorx(RAX, RBX, 13)); // gas: rorx rax, rbx, 0xd
        check("c4 43 fb f0 dc 3f", a -> a.rorx(R11, R12, 0x3f)); // gas: rorx r11, r12, 0x3f
        check("c4 c3 7b f0 c9 07", a -> a.rorx(ECX, R9D, 7)); // gas: rorx ecx, r9d, 0x7
        check("c4 63 7b f0 fa 1f", a -> a.rorx(R15D, EDX, 0x1f)); // gas: rorx r15d, edx, 0x1f
    }
}
