package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;

import org.junit.jupiter.api.Test;

/** cmovcc and setcc under all sixteen conditions. */
class ConditionalEncoderTest extends EncodingTestBase {
    @Test
    void cmovcc() {
        check("48 0f 40 c3", a -> a.cmovcc(Cond.O, RAX, RBX)); // gas: cmovo rax, rbx
        check("48 0f 41 c3", a -> a.cmovcc(Cond.NO, RAX, RBX)); // gas: cmovno rax, rbx
        check("48 0f 42 c3", a -> a.cmovcc(Cond.B, RAX, RBX)); // gas: cmovb rax, rbx
        check("48 0f 43 c3", a -> a.cmovcc(Cond.AE, RAX, RBX)); // gas: cmovae rax, rbx
        check("48 0f 44 c3", a -> a.cmovcc(Cond.E, RAX, RBX)); // gas: cmove rax, rbx
        check("48 0f 45 c3", a -> a.cmovcc(Cond.NE, RAX, RBX)); // gas: cmovne rax, rbx
        check("48 0f 46 c3", a -> a.cmovcc(Cond.BE, RAX, RBX)); // gas: cmovbe rax, rbx
        check("48 0f 47 c3", a -> a.cmovcc(Cond.A, RAX, RBX)); // gas: cmova rax, rbx
        check("48 0f 48 c3", a -> a.cmovcc(Cond.S, RAX, RBX)); // gas: cmovs rax, rbx
        check("48 0f 49 c3", a -> a.cmovcc(Cond.NS, RAX, RBX)); // gas: cmovns rax, rbx
        check("48 0f 4a c3", a -> a.cmovcc(Cond.P, RAX, RBX)); // gas: cmovp rax, rbx
        check("48 0f 4b c3", a -> a.cmovcc(Cond.NP, RAX, RBX)); // gas: cmovnp rax, rbx
        check("48 0f 4c c3", a -> a.cmovcc(Cond.L, RAX, RBX)); // gas: cmovl rax, rbx
        check("48 0f 4d c3", a -> a.cmovcc(Cond.GE, RAX, RBX)); // gas: cmovge rax, rbx
        check("48 0f 4e c3", a -> a.cmovcc(Cond.LE, RAX, RBX)); // gas: cmovle rax, rbx
        check("48 0f 4f c3", a -> a.cmovcc(Cond.G, RAX, RBX)); // gas: cmovg rax, rbx
        check("4d 0f 44 c7", a -> a.cmovcc(Cond.E, R8, R15)); // gas: cmove r8, r15
        check("41 0f 4c c9", a -> a.cmovcc(Cond.L, ECX, R9D)); // gas: cmovl ecx, r9d
        check("66 0f 47 c2", a -> a.cmovcc(Cond.A, AX, DX)); // gas: cmova ax, dx
        check("48 0f 45 44 24 08", a -> a.cmovcc(Cond.NE, RAX, Mem.q(RSP, 8))); // gas: cmovne rax, QWORD PTR [rsp+8]
        check("45 0f 4d 65 00", a -> a.cmovcc(Cond.GE, R12D, Mem.d(R13))); // gas: cmovge r12d, DWORD PTR [r13]
        check("66 0f 42 34 58", a -> a.cmovcc(Cond.B, SI, Mem.w(RAX, RBX, 2, 0))); // gas: cmovb si, WORD PTR [rax+rbx*2]
    }

    @Test
    void setcc() {
        check("0f 90 c0", a -> a.setcc(Cond.O, AL)); // gas: seto al
        check("0f 91 c0", a -> a.setcc(Cond.NO, AL)); // gas: setno al
        check("0f 92 c0", a -> a.setcc(Cond.B, AL)); // gas: setb al
        check("0f 93 c0", a -> a.setcc(Cond.AE, AL)); // gas: setae al
        check("0f 94 c0", a -> a.setcc(Cond.E, AL)); // gas: sete al
        check("0f 95 c0", a -> a.setcc(Cond.NE, AL)); // gas: setne al
        check("0f 96 c0", a -> a.setcc(Cond.BE, AL)); // gas: setbe al
        check("0f 97 c0", a -> a.setcc(Cond.A, AL)); // gas: seta al
        check("0f 98 c0", a -> a.setcc(Cond.S, AL)); // gas: sets al
        check("0f 99 c0", a -> a.setcc(Cond.NS, AL)); // gas: setns al
        check("0f 9a c0", a -> a.setcc(Cond.P, AL)); // gas: setp al
        check("0f 9b c0", a -> a.setcc(Cond.NP, AL)); // gas: setnp al
        check("0f 9c c0", a -> a.setcc(Cond.L, AL)); // gas: setl al
        check("0f 9d c0", a -> a.setcc(Cond.GE, AL)); // gas: setge al
        check("0f 9e c0", a -> a.setcc(Cond.LE, AL)); // gas: setle al
        check("0f 9f c0", a -> a.setcc(Cond.G, AL)); // gas: setg al
        check("40 0f 94 c4", a -> a.setcc(Cond.E, SPL)); // gas: sete spl
        check("40 0f 95 c6", a -> a.setcc(Cond.NE, SIL)); // gas: setne sil
        check("40 0f 9c c7", a -> a.setcc(Cond.L, DIL)); // gas: setl dil
        check("40 0f 9f c5", a -> a.setcc(Cond.G, BPL)); // gas: setg bpl
        check("41 0f 92 c0", a -> a.setcc(Cond.B, R8B)); // gas: setb r8b
        check("41 0f 97 c7", a -> a.setcc(Cond.A, R15B)); // gas: seta r15b
        check("0f 98 c3", a -> a.setcc(Cond.S, BL)); // gas: sets bl
    }
}
