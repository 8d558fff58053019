package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;
import static dbt.x86.asm.Xmm.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The instructions of the host routines of C string functions: movdqu loads, pcmpeqb, pmovmskb, bsf, rep movsb and
 * rep stosb, with low and high registers (expected bytes from GNU as).
 */
class StringEncoderTest extends EncodingTestBase {
    @Test
    void sixteenBytesAtATime() {
        check("f3 41 0f 6f 0c 36", a -> a.movdqu(XMM1, Mem.of(16, R14, RSI, 1, 0))); // gas: movdqu xmm1, XMMWORD PTR [r14+rsi*1]
        check("f3 45 0f 6f 0c 3e", a -> a.movdqu(XMM9, Mem.of(16, R14, RDI, 1, 0))); // gas: movdqu xmm9, XMMWORD PTR [r14+rdi*1]
        check("f3 0f 6f 40 10", a -> a.movdqu(XMM0, Mem.of(16, RAX, 0x10))); // gas: movdqu xmm0, XMMWORD PTR [rax+0x10]
        check("f3 0f 7f 04 0f", a -> a.movdqu(Mem.of(16, RDI, RCX, 1, 0), XMM0)); // gas: movdqu XMMWORD PTR [rdi+rcx*1], xmm0
        check("f3 45 0f 7f 4c 06 10", a -> a.movdqu(Mem.of(16, R14, RAX, 1, 0x10), XMM9)); // gas: movdqu XMMWORD PTR [r14+rax*1+0x10], xmm9
        check("66 0f 74 c8", a -> a.pcmpeqb(XMM1, XMM0)); // gas: pcmpeqb xmm1, xmm0
        check("66 44 0f 74 d3", a -> a.pcmpeqb(XMM10, XMM3)); // gas: pcmpeqb xmm10, xmm3
        check("66 41 0f 74 d7", a -> a.pcmpeqb(XMM2, XMM15)); // gas: pcmpeqb xmm2, xmm15
        check("66 0f d7 c9", a -> a.pmovmskb(ECX, XMM1)); // gas: pmovmskb ecx, xmm1
        check("66 45 0f d7 cc", a -> a.pmovmskb(R9D, XMM12)); // gas: pmovmskb r9d, xmm12
        check("66 0f d7 d2", a -> a.pmovmskb(EDX, XMM2)); // gas: pmovmskb edx, xmm2
        check("66 0f db c8", a -> a.pand(XMM1, XMM0)); // gas: pand xmm1, xmm0
        check("66 44 0f db ca", a -> a.pand(XMM9, XMM2)); // gas: pand xmm9, xmm2
        check("66 0f eb cb", a -> a.por(XMM1, XMM3)); // gas: por xmm1, xmm3
        check("66 45 0f eb d3", a -> a.por(XMM10, XMM11)); // gas: por xmm10, xmm11
        check("66 0f 70 db 00", a -> a.pshufd(XMM3, XMM3, 0)); // gas: pshufd xmm3, xmm3, 0x0
        check("66 44 0f 70 e1 1b", a -> a.pshufd(XMM12, XMM1, 0x1b)); // gas: pshufd xmm12, xmm1, 0x1b
    }

    @Test
    void bitScanAndByteStrings() {
        check("0f bc c9", a -> a.bsf(ECX, ECX)); // gas: bsf ecx, ecx
        check("44 0f bc d0", a -> a.bsf(R10D, EAX)); // gas: bsf r10d, eax
        check("49 0f bc c3", a -> a.bsf(RAX, R11)); // gas: bsf rax, r11
        check("f3 a4", Assembler::repMovsb); // gas: rep movsb
        check("f3 aa", Assembler::repStosb); // gas: rep stosb
        check("f0 41 0f c0 0c 36", a -> a.lockXadd(Mem.of(1, R14, RSI, 1, 0), CL)); // gas: lock xadd BYTE PTR [r14+rsi*1], cl
    }

    @Test
    void operandsOfTheWrongSizeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Assembler().pmovmskb(RCX, XMM1));
        assertThrows(IllegalArgumentException.class, () -> new Assembler().bsf(ECX, RAX));
        assertThrows(IllegalArgumentException.class, () -> new Assembler().movdqu(XMM1, Mem.q(RAX)));
    }
}
