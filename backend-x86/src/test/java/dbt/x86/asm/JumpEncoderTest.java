package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;

import org.junit.jupiter.api.Test;

/**
 * jmp, jcc and call: to labels backward (rel8 when within reach, else rel32) and forward (always rel32), the
 * {@code ...Rel32} forms, indirect through registers and memory, and to absolute addresses resolved at a load address.
 * GNU as relaxes forward jumps to rel8, so their expectations use {@code {disp32}} to ask for the form we emit.
 */
class JumpEncoderTest extends EncodingTestBase {
    @Test
    void backwardLabels() {
        check("eb fe", a -> { Label l = a.newLabel(); a.bind(l); a.jmp(l); }); // gas: 1: jmp 1b
        check("cc eb fd", a -> { Label l = a.newLabel(); a.bind(l); a.int3(); a.jmp(l); }); // gas: 1: int3; jmp 1b
        check("cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc eb 80", a -> { Label l = a.newLabel(); a.bind(l); int3s(a, 126); a.jmp(l); }); // gas: 1: .fill 126, 1, 0xcc; jmp 1b
        check("cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc e9 7c ff ff ff", a -> { Label l = a.newLabel(); a.bind(l); int3s(a, 127); a.jmp(l); }); // gas: 1: .fill 127, 1, 0xcc; jmp 1b
        check("cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc e9 13 fc ff ff", a -> { Label l = a.newLabel(); a.bind(l); int3s(a, 1000); a.jmp(l); }); // gas: 1: .fill 1000, 1, 0xcc; jmp 1b
        check("cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc 74 80", a -> { Label l = a.newLabel(); a.bind(l); int3s(a, 126); a.jcc(Cond.E, l); }); // gas: 1: .fill 126, 1, 0xcc; je 1b
        check("cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc 0f 84 7b ff ff ff", a -> { Label l = a.newLabel(); a.bind(l); int3s(a, 127); a.jcc(Cond.E, l); }); // gas: 1: .fill 127, 1, 0xcc; je 1b
        check("e9 fb ff ff ff", a -> { Label l = a.newLabel(); a.bind(l); a.jmpRel32(l); }); // gas: 1: {disp32} jmp 1b
        check("0f 8c fa ff ff ff", a -> { Label l = a.newLabel(); a.bind(l); a.jccRel32(Cond.L, l); }); // gas: 1: {disp32} jl 1b
        check("e8 fb ff ff ff", a -> { Label l = a.newLabel(); a.bind(l); a.call(l); }); // gas: 1: call 1b
    }

    @Test
    void forwardLabels() {
        check("e9 00 00 00 00", a -> { Label l = a.newLabel(); a.jmp(l); a.bind(l); }); // gas: {disp32} jmp 1f; 1:
        check("e9 02 00 00 00 cc cc", a -> { Label l = a.newLabel(); a.jmp(l); a.int3(); a.int3(); a.bind(l); }); // gas: {disp32} jmp 1f; int3; int3; 1:
        check("0f 85 01 00 00 00 cc", a -> { Label l = a.newLabel(); a.jcc(Cond.NE, l); a.int3(); a.bind(l); }); // gas: {disp32} jne 1f; int3; 1:
        check("e9 2c 01 00 00 cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc", a -> { Label l = a.newLabel(); a.jmpRel32(l); int3s(a, 300); a.bind(l); }); // gas: {disp32} jmp 1f; .fill 300, 1, 0xcc; 1:
        check("0f 87 00 00 00 00", a -> { Label l = a.newLabel(); a.jccRel32(Cond.A, l); a.bind(l); }); // gas: {disp32} ja 1f; 1:
        check("e8 01 00 00 00 c3", a -> { Label l = a.newLabel(); a.call(l); a.ret(); a.bind(l); }); // gas: call 1f; ret; 1:
        check("e9 01 00 00 00 cc 72 fd", a -> { Label l = a.newLabel(); Label m = a.newLabel(); a.jmp(m); a.bind(l); a.int3(); a.bind(m); a.jcc(Cond.B, l); }); // gas: {disp32} jmp 2f; 1: int3; 2: jb 1b
        check("e9 0b 00 00 00 0f 84 05 00 00 00 e8 00 00 00 00", a -> { Label l = a.newLabel(); a.jmp(l); a.jcc(Cond.E, l); a.call(l); a.bind(l); }); // gas: {disp32} jmp 1f; {disp32} je 1f; call 1f; 1:
    }

    @Test
    void everyCondition() {
        check("70 fe", a -> { Label l = a.newLabel(); a.bind(l); a.jcc(Cond.O, l); }); // gas: 1: jo 1b
        check("71 fe", a -> { Label l = a.newLabel(); a.bind(l); a.jcc(Cond.NO, l); }); // gas: 1: jno 1b
        check("72 fe", a -> { Label l = a.newLabel(); a.bind(l); a.jcc(Cond.B, l); }); // gas: 1: jb 1b
        check("73 fe", a -> { Label l = a.newLabel(); a.bind(l); a.jcc(Cond.AE, l); }); // gas: 1: jae 1b
        check("74 fe", a -> { Label l = a.newLabel(); a.bind(l); a.jcc(Cond.E, l); }); // gas: 1: je 1b
        check("75 fe", a -> { Label l = a.newLabel(); a.bind(l); a.jcc(Cond.NE, l); }); // gas: 1: jne 1b
        check("76 fe", a -> { Label l = a.newLabel(); a.bind(l); a.jcc(Cond.BE, l); }); // gas: 1: jbe 1b
        check("77 fe", a -> { Label l = a.newLabel(); a.bind(l); a.jcc(Cond.A, l); }); // gas: 1: ja 1b
        check("78 fe", a -> { Label l = a.newLabel(); a.bind(l); a.jcc(Cond.S, l); }); // gas: 1: js 1b
        check("79 fe", a -> { Label l = a.newLabel(); a.bind(l); a.jcc(Cond.NS, l); }); // gas: 1: jns 1b
        check("7a fe", a -> { Label l = a.newLabel(); a.bind(l); a.jcc(Cond.P, l); }); // gas: 1: jp 1b
        check("7b fe", a -> { Label l = a.newLabel(); a.bind(l); a.jcc(Cond.NP, l); }); // gas: 1: jnp 1b
        check("7c fe", a -> { Label l = a.newLabel(); a.bind(l); a.jcc(Cond.L, l); }); // gas: 1: jl 1b
        check("7d fe", a -> { Label l = a.newLabel(); a.bind(l); a.jcc(Cond.GE, l); }); // gas: 1: jge 1b
        check("7e fe", a -> { Label l = a.newLabel(); a.bind(l); a.jcc(Cond.LE, l); }); // gas: 1: jle 1b
        check("7f fe", a -> { Label l = a.newLabel(); a.bind(l); a.jcc(Cond.G, l); }); // gas: 1: jg 1b
        check("0f 80 00 00 00 00", a -> { Label l = a.newLabel(); a.jcc(Cond.O, l); a.bind(l); }); // gas: {disp32} jo 1f; 1:
        check("0f 81 00 00 00 00", a -> { Label l = a.newLabel(); a.jcc(Cond.NO, l); a.bind(l); }); // gas: {disp32} jno 1f; 1:
        check("0f 82 00 00 00 00", a -> { Label l = a.newLabel(); a.jcc(Cond.B, l); a.bind(l); }); // gas: {disp32} jb 1f; 1:
        check("0f 83 00 00 00 00", a -> { Label l = a.newLabel(); a.jcc(Cond.AE, l); a.bind(l); }); // gas: {disp32} jae 1f; 1:
        check("0f 84 00 00 00 00", a -> { Label l = a.newLabel(); a.jcc(Cond.E, l); a.bind(l); }); // gas: {disp32} je 1f; 1:
        check("0f 85 00 00 00 00", a -> { Label l = a.newLabel(); a.jcc(Cond.NE, l); a.bind(l); }); // gas: {disp32} jne 1f; 1:
        check("0f 86 00 00 00 00", a -> { Label l = a.newLabel(); a.jcc(Cond.BE, l); a.bind(l); }); // gas: {disp32} jbe 1f; 1:
        check("0f 87 00 00 00 00", a -> { Label l = a.newLabel(); a.jcc(Cond.A, l); a.bind(l); }); // gas: {disp32} ja 1f; 1:
        check("0f 88 00 00 00 00", a -> { Label l = a.newLabel(); a.jcc(Cond.S, l); a.bind(l); }); // gas: {disp32} js 1f; 1:
        check("0f 89 00 00 00 00", a -> { Label l = a.newLabel(); a.jcc(Cond.NS, l); a.bind(l); }); // gas: {disp32} jns 1f; 1:
        check("0f 8a 00 00 00 00", a -> { Label l = a.newLabel(); a.jcc(Cond.P, l); a.bind(l); }); // gas: {disp32} jp 1f; 1:
        check("0f 8b 00 00 00 00", a -> { Label l = a.newLabel(); a.jcc(Cond.NP, l); a.bind(l); }); // gas: {disp32} jnp 1f; 1:
        check("0f 8c 00 00 00 00", a -> { Label l = a.newLabel(); a.jcc(Cond.L, l); a.bind(l); }); // gas: {disp32} jl 1f; 1:
        check("0f 8d 00 00 00 00", a -> { Label l = a.newLabel(); a.jcc(Cond.GE, l); a.bind(l); }); // gas: {disp32} jge 1f; 1:
        check("0f 8e 00 00 00 00", a -> { Label l = a.newLabel(); a.jcc(Cond.LE, l); a.bind(l); }); // gas: {disp32} jle 1f; 1:
        check("0f 8f 00 00 00 00", a -> { Label l = a.newLabel(); a.jcc(Cond.G, l); a.bind(l); }); // gas: {disp32} jg 1f; 1:
    }

    @Test
    void indirect() {
        check("ff e0", a -> a.jmp(RAX)); // gas: jmp rax
        check("41 ff e0", a -> a.jmp(R8)); // gas: jmp r8
        check("ff e4", a -> a.jmp(RSP)); // gas: jmp rsp
        check("41 ff e7", a -> a.jmp(R15)); // gas: jmp r15
        check("ff 20", a -> a.jmp(Mem.q(RAX))); // gas: jmp QWORD PTR [rax]
        check("41 ff 64 24 08", a -> a.jmp(Mem.q(R12, 8))); // gas: jmp QWORD PTR [r12+8]
        check("42 ff a4 cb 00 01 00 00", a -> a.jmp(Mem.q(RBX, R9, 8, 0x100))); // gas: jmp QWORD PTR [rbx+r9*8+0x100]
        check("ff 25 00 00 00 00", a -> { Label l = a.newLabel(); a.jmp(Mem.rip(8, l)); a.bind(l); }); // gas: jmp QWORD PTR [rip+1f]; 1:
        check("ff d0", a -> a.call(RAX)); // gas: call rax
        check("41 ff d3", a -> a.call(R11)); // gas: call r11
        check("ff 14 24", a -> a.call(Mem.q(RSP))); // gas: call QWORD PTR [rsp]
        check("41 ff 54 c5 00", a -> a.call(Mem.q(R13, RAX, 8, 0))); // gas: call QWORD PTR [r13+rax*8]
        check("c3", a -> a.ret()); // gas: ret
    }

    @Test
    void absoluteTargetsResolvedAtTheLoadAddress() {
        checkAt(0x401000L, "e9 fb ef ff ff", a -> a.jmpAbsolute(0x400000L)); // gas: jmp 0x400000
        checkAt(0x401000L, "e9 00 00 00 00", a -> a.jmpAbsolute(0x401005L)); // gas: jmp 0x401005
        checkAt(0x401000L, "0f 84 fa ef be 7f", a -> a.jccAbsolute(Cond.E, 0x7fff0000L)); // gas: je 0x7fff0000
        checkAt(0x401000L, "0f 8e fa ef ff ff", a -> a.jccAbsolute(Cond.LE, 0x400000L)); // gas: jle 0x400000
        checkAt(0x401000L, "e8 2f 02 00 00", a -> a.callAbsolute(0x401234L)); // gas: call 0x401234
        checkAt(0x401000L, "b8 01 00 00 00 e9 f6 ef 0f 00 0f 85 f0 ef ff ff e8 eb ef c0 ff", a -> { a.mov(EAX, 1); a.jmpAbsolute(0x500000L); a.jccAbsolute(Cond.NE, 0x400000L); a.callAbsolute(0x10000L); }); // gas: mov eax, 1; jmp 0x500000; jne 0x400000; call 0x10000
        checkAt(0x7f0000001000L, "90 e9 fa ef ff ff", a -> { a.nop(); a.jmpAbsolute(0x7f0000000000L); }); // gas: nop; jmp 0x7f0000000000
        checkAt(0x7f0000001000L, "e8 fb ef ff 7f", a -> { a.callAbsolute(0x7f0080000000L); }); // gas: call 0x7f0080000000
        checkAt(0x401000L, "e9 05 00 00 00 e9 f6 ef ff ff 78 fe", a -> { Label l = a.newLabel(); a.jmp(l); a.jmpAbsolute(0x400000L); a.bind(l); a.jcc(Cond.S, l); }); // gas: {disp32} jmp 1f; jmp 0x400000; 1: js 1b
    }

    static void int3s(Assembler a, int n) {
        for (int i = 0; i < n; i++) {
            a.int3();
        }
    }
}
