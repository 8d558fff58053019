package dbt.x86.asm;

import org.junit.jupiter.api.Test;

/** nop of every length, alignment padding from every offset, int3: the same bytes as {@code .nops} and {@code .p2align}. */
class PaddingEncoderTest extends EncodingTestBase {
    @Test
    void nops() {
        check("90", a -> a.nop()); // gas: nop
        check("cc", a -> a.int3()); // gas: int3
        check("", a -> a.nop(0)); // gas: .nops 0
        check("90", a -> a.nop(1)); // gas: .nops 1
        check("66 90", a -> a.nop(2)); // gas: .nops 2
        check("0f 1f 00", a -> a.nop(3)); // gas: .nops 3
        check("0f 1f 40 00", a -> a.nop(4)); // gas: .nops 4
        check("0f 1f 44 00 00", a -> a.nop(5)); // gas: .nops 5
        check("66 0f 1f 44 00 00", a -> a.nop(6)); // gas: .nops 6
        check("0f 1f 80 00 00 00 00", a -> a.nop(7)); // gas: .nops 7
        check("0f 1f 84 00 00 00 00 00", a -> a.nop(8)); // gas: .nops 8
        check("66 0f 1f 84 00 00 00 00 00", a -> a.nop(9)); // gas: .nops 9
        check("66 2e 0f 1f 84 00 00 00 00 00", a -> a.nop(10)); // gas: .nops 10
        check("66 66 2e 0f 1f 84 00 00 00 00 00", a -> a.nop(11)); // gas: .nops 11
        check("66 66 2e 0f 1f 84 00 00 00 00 00 90", a -> a.nop(12)); // gas: .nops 12
        check("66 66 2e 0f 1f 84 00 00 00 00 00 0f 1f 40 00", a -> a.nop(15)); // gas: .nops 15
        check("66 66 2e 0f 1f 84 00 00 00 00 00 66 66 2e 0f 1f 84 00 00 00 00 00", a -> a.nop(22)); // gas: .nops 22
        check("66 66 2e 0f 1f 84 00 00 00 00 00 66 66 2e 0f 1f 84 00 00 00 00 00 90", a -> a.nop(23)); // gas: .nops 23
        check("66 66 2e 0f 1f 84 00 00 00 00 00 66 66 2e 0f 1f 84 00 00 00 00 00 66 66 2e 0f 1f 84 00 00 00 00 00 0f 1f 80 00 00 00 00", a -> a.nop(40)); // gas: .nops 40
    }

    @Test
    void align() {
        check("", a -> { JumpEncoderTest.int3s(a, 0); a.align(4); }); // gas: .p2align 2
        check("", a -> { JumpEncoderTest.int3s(a, 0); a.align(8); }); // gas: .p2align 3
        check("", a -> { JumpEncoderTest.int3s(a, 0); a.align(16); }); // gas: .p2align 4
        check("", a -> { JumpEncoderTest.int3s(a, 0); a.align(32); }); // gas: .p2align 5
        check("cc 0f 1f 00", a -> { JumpEncoderTest.int3s(a, 1); a.align(4); }); // gas: .fill 1, 1, 0xcc; .p2align 2
        check("cc 0f 1f 80 00 00 00 00", a -> { JumpEncoderTest.int3s(a, 1); a.align(8); }); // gas: .fill 1, 1, 0xcc; .p2align 3
        check("cc 66 66 2e 0f 1f 84 00 00 00 00 00 0f 1f 40 00", a -> { JumpEncoderTest.int3s(a, 1); a.align(16); }); // gas: .fill 1, 1, 0xcc; .p2align 4
        check("cc 66 66 2e 0f 1f 84 00 00 00 00 00 66 66 2e 0f 1f 84 00 00 00 00 00 66 0f 1f 84 00 00 00 00 00", a -> { JumpEncoderTest.int3s(a, 1); a.align(32); }); // gas: .fill 1, 1, 0xcc; .p2align 5
        check("cc cc 66 66 2e 0f 1f 84 00 00 00 00 00 0f 1f 00", a -> { JumpEncoderTest.int3s(a, 2); a.align(16); }); // gas: .fill 2, 1, 0xcc; .p2align 4
        check("cc cc cc cc cc 66 66 2e 0f 1f 84 00 00 00 00 00", a -> { JumpEncoderTest.int3s(a, 5); a.align(16); }); // gas: .fill 5, 1, 0xcc; .p2align 4
        check("cc cc cc cc cc cc cc 90", a -> { JumpEncoderTest.int3s(a, 7); a.align(4); }); // gas: .fill 7, 1, 0xcc; .p2align 2
        check("cc cc cc cc cc cc cc 90", a -> { JumpEncoderTest.int3s(a, 7); a.align(8); }); // gas: .fill 7, 1, 0xcc; .p2align 3
        check("cc cc cc cc cc cc cc 66 0f 1f 84 00 00 00 00 00", a -> { JumpEncoderTest.int3s(a, 7); a.align(16); }); // gas: .fill 7, 1, 0xcc; .p2align 4
        check("cc cc cc cc cc cc cc 66 66 2e 0f 1f 84 00 00 00 00 00 66 66 2e 0f 1f 84 00 00 00 00 00 0f 1f 00", a -> { JumpEncoderTest.int3s(a, 7); a.align(32); }); // gas: .fill 7, 1, 0xcc; .p2align 5
        check("cc cc cc cc cc cc cc cc 0f 1f 84 00 00 00 00 00", a -> { JumpEncoderTest.int3s(a, 8); a.align(16); }); // gas: .fill 8, 1, 0xcc; .p2align 4
        check("cc cc cc cc cc cc cc cc cc 0f 1f 00", a -> { JumpEncoderTest.int3s(a, 9); a.align(4); }); // gas: .fill 9, 1, 0xcc; .p2align 2
        check("cc cc cc cc cc cc cc cc cc 0f 1f 80 00 00 00 00", a -> { JumpEncoderTest.int3s(a, 9); a.align(8); }); // gas: .fill 9, 1, 0xcc; .p2align 3
        check("cc cc cc cc cc cc cc cc cc 0f 1f 80 00 00 00 00", a -> { JumpEncoderTest.int3s(a, 9); a.align(16); }); // gas: .fill 9, 1, 0xcc; .p2align 4
        check("cc cc cc cc cc cc cc cc cc 66 66 2e 0f 1f 84 00 00 00 00 00 66 66 2e 0f 1f 84 00 00 00 00 00 90", a -> { JumpEncoderTest.int3s(a, 9); a.align(32); }); // gas: .fill 9, 1, 0xcc; .p2align 5
        check("cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc 90", a -> { JumpEncoderTest.int3s(a, 15); a.align(16); }); // gas: .fill 15, 1, 0xcc; .p2align 4
        check("cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc", a -> { JumpEncoderTest.int3s(a, 16); a.align(4); }); // gas: .fill 16, 1, 0xcc; .p2align 2
        check("cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc", a -> { JumpEncoderTest.int3s(a, 16); a.align(8); }); // gas: .fill 16, 1, 0xcc; .p2align 3
        check("cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc", a -> { JumpEncoderTest.int3s(a, 16); a.align(16); }); // gas: .fill 16, 1, 0xcc; .p2align 4
        check("cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc 66 66 2e 0f 1f 84 00 00 00 00 00 0f 1f 44 00 00", a -> { JumpEncoderTest.int3s(a, 16); a.align(32); }); // gas: .fill 16, 1, 0xcc; .p2align 5
        check("cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc 0f 1f 00", a -> { JumpEncoderTest.int3s(a, 17); a.align(4); }); // gas: .fill 17, 1, 0xcc; .p2align 2
        check("cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc 0f 1f 80 00 00 00 00", a -> { JumpEncoderTest.int3s(a, 17); a.align(8); }); // gas: .fill 17, 1, 0xcc; .p2align 3
        check("cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc 66 66 2e 0f 1f 84 00 00 00 00 00 0f 1f 40 00", a -> { JumpEncoderTest.int3s(a, 17); a.align(16); }); // gas: .fill 17, 1, 0xcc; .p2align 4
        check("cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc 66 66 2e 0f 1f 84 00 00 00 00 00 0f 1f 40 00", a -> { JumpEncoderTest.int3s(a, 17); a.align(32); }); // gas: .fill 17, 1, 0xcc; .p2align 5
    }
}
