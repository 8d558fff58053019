package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 256-bit (AVX2) instructions of the host routines' scans and compares, and pminub: two-byte (C5) VEX prefixes
 * where map 0F and no X or B extension allow, three-byte (C4) ones otherwise, with low and high registers and memory
 * operands (expected bytes and text from GNU as and objdump).
 */
class AvxEncoderTest extends EncodingTestBase {
    private static final Ymm Y0 = Ymm.of(0), Y1 = Ymm.of(1), Y2 = Ymm.of(2), Y3 = Ymm.of(3), Y8 = Ymm.of(8),
            Y9 = Ymm.of(9), Y10 = Ymm.of(10), Y11 = Ymm.of(11), Y12 = Ymm.of(12), Y15 = Ymm.of(15);

    @Test
    void thirtyTwoBytesAtATime() {
        check("c4 c1 7e 6f 0c 36", a -> a.vmovdqu(Y1, Mem.of(32, R14, RSI, 1, 0))); // gas: vmovdqu ymm1, YMMWORD PTR [r14+rsi*1]
        check("c4 41 7e 6f 4c 36 20", a -> a.vmovdqu(Y9, Mem.of(32, R14, RSI, 1, 0x20))); // gas: vmovdqu ymm9, YMMWORD PTR [r14+rsi*1+0x20]
        check("c5 fe 6f 00", a -> a.vmovdqu(Y0, Mem.of(32, RAX, 0))); // gas: vmovdqu ymm0, YMMWORD PTR [rax]
        check("c5 fe 7f 04 0f", a -> a.vmovdqu(Mem.of(32, RDI, RCX, 1, 0), Y0)); // gas: vmovdqu YMMWORD PTR [rdi+rcx*1], ymm0
        check("c4 41 7e 7f 4c 36 e0", a -> a.vmovdqu(Mem.of(32, R14, RSI, 1, -0x20), Y9)); // gas: vmovdqu YMMWORD PTR [r14+rsi*1-0x20], ymm9
        check("c5 fd 74 ca", a -> a.vpcmpeqb(Y1, Y0, Y2)); // gas: vpcmpeqb ymm1, ymm0, ymm2
        check("c4 c1 7d 74 0c 3e", a -> a.vpcmpeqb(Y1, Y0, Mem.of(32, R14, RDI, 1, 0))); // gas: vpcmpeqb ymm1, ymm0, YMMWORD PTR [r14+rdi*1]
        check("c4 41 65 74 54 36 20", a -> a.vpcmpeqb(Y10, Y3, Mem.of(32, R14, RSI, 1, 0x20))); // gas: vpcmpeqb ymm10, ymm3, YMMWORD PTR [r14+rsi*1+0x20]
        check("c4 c1 25 74 d7", a -> a.vpcmpeqb(Y2, Y11, Y15)); // gas: vpcmpeqb ymm2, ymm11, ymm15
        check("c4 c1 6d da 54 36 20", a -> a.vpminub(Y2, Y2, Mem.of(32, R14, RSI, 1, 0x20))); // gas: vpminub ymm2, ymm2, YMMWORD PTR [r14+rsi*1+0x20]
        check("c5 f5 da cb", a -> a.vpminub(Y1, Y1, Y3)); // gas: vpminub ymm1, ymm1, ymm3
        check("c4 41 6d da cc", a -> a.vpminub(Y9, Y2, Y12)); // gas: vpminub ymm9, ymm2, ymm12
        check("c5 f5 db c8", a -> a.vpand(Y1, Y1, Y0)); // gas: vpand ymm1, ymm1, ymm0
        check("c5 f5 eb ca", a -> a.vpor(Y1, Y1, Y2)); // gas: vpor ymm1, ymm1, ymm2
        check("c4 41 35 eb c2", a -> a.vpor(Y8, Y9, Y10)); // gas: vpor ymm8, ymm9, ymm10
        check("c5 ed ef d2", a -> a.vpxor(Y2, Y2, Y2)); // gas: vpxor ymm2, ymm2, ymm2
        check("c4 c1 65 ef 0c 36", a -> a.vpxor(Y1, Y3, Mem.of(32, R14, RSI, 1, 0))); // gas: vpxor ymm1, ymm3, YMMWORD PTR [r14+rsi*1]
        check("c5 fd d7 d1", a -> a.vpmovmskb(EDX, Y1)); // gas: vpmovmskb edx, ymm1
        check("c4 41 7d d7 cc", a -> a.vpmovmskb(R9D, Y12)); // gas: vpmovmskb r9d, ymm12
        check("c4 e2 7d 78 db", a -> a.vpbroadcastb(Y3, Xmm.XMM3)); // gas: vpbroadcastb ymm3, xmm3
        check("c4 62 7d 78 d9", a -> a.vpbroadcastb(Y11, Xmm.XMM1)); // gas: vpbroadcastb ymm11, xmm1
        check("c4 c2 7d 78 d1", a -> a.vpbroadcastb(Y2, Xmm.XMM9)); // gas: vpbroadcastb ymm2, xmm9
        check("c5 f8 77", Assembler::vzeroupper); // gas: vzeroupper
        check("66 0f da ca", a -> a.pminub(Xmm.XMM1, Xmm.XMM2)); // gas: pminub xmm1, xmm2
        check("66 44 0f da cb", a -> a.pminub(Xmm.XMM9, Xmm.XMM3)); // gas: pminub xmm9, xmm3
        check("66 41 0f da 4c 36 10", a -> a.pminub(Xmm.XMM1, Mem.of(16, R14, RSI, 1, 0x10))); // gas: pminub xmm1, XMMWORD PTR [r14+rsi*1+0x10]
    }

    @Test
    void listedAsObjdumpPrintsThem() {
        Assembler a = new Assembler(true);
        a.vpcmpeqb(Y10, Y3, Mem.of(32, R14, RSI, 1, 0x20));
        a.vpmovmskb(EDX, Y1);
        a.vzeroupper();
        assertEquals(List.of("vpcmpeqb ymm10, ymm3, YMMWORD PTR [r14+rsi*1+0x20]", "vpmovmskb edx, ymm1", "vzeroupper"),
                a.listing().stream().map(ListingEntry::text).toList());
    }

    @Test
    void operandsOfTheWrongSizeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Assembler().vpmovmskb(RCX, Y1));
        assertThrows(IllegalArgumentException.class, () -> new Assembler().vmovdqu(Y1, Mem.of(16, RAX, 0)));
        assertThrows(IllegalArgumentException.class, () -> new Assembler().vpcmpeqb(Y1, Y2, Mem.q(RAX)));
    }
}
