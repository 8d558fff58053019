package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;

import org.junit.jupiter.api.Test;

/** ModRM and SIB: every base with every displacement size, indexes, no base, absolute, RIP-relative, and every register in ModRM.reg. */
class AddressingTest extends EncodingTestBase {
    @Test
    void everyBaseWithEveryDisplacementSize() {
        check("48 8b 00", a -> a.mov(RAX, Mem.q(RAX))); // gas: mov rax, QWORD PTR [rax]
        check("48 8b 40 7f", a -> a.mov(RAX, Mem.q(RAX, 0x7f))); // gas: mov rax, QWORD PTR [rax+0x7f]
        check("48 8b 40 80", a -> a.mov(RAX, Mem.q(RAX, -0x80))); // gas: mov rax, QWORD PTR [rax-0x80]
        check("48 8b 80 80 00 00 00", a -> a.mov(RAX, Mem.q(RAX, 0x80))); // gas: mov rax, QWORD PTR [rax+0x80]
        check("48 8b 80 88 a9 cb ed", a -> a.mov(RAX, Mem.q(RAX, -0x12345678))); // gas: mov rax, QWORD PTR [rax-0x12345678]
        check("48 8b 01", a -> a.mov(RAX, Mem.q(RCX))); // gas: mov rax, QWORD PTR [rcx]
        check("48 8b 41 7f", a -> a.mov(RAX, Mem.q(RCX, 0x7f))); // gas: mov rax, QWORD PTR [rcx+0x7f]
        check("48 8b 41 80", a -> a.mov(RAX, Mem.q(RCX, -0x80))); // gas: mov rax, QWORD PTR [rcx-0x80]
        check("48 8b 81 80 00 00 00", a -> a.mov(RAX, Mem.q(RCX, 0x80))); // gas: mov rax, QWORD PTR [rcx+0x80]
        check("48 8b 81 88 a9 cb ed", a -> a.mov(RAX, Mem.q(RCX, -0x12345678))); // gas: mov rax, QWORD PTR [rcx-0x12345678]
        check("48 8b 02", a -> a.mov(RAX, Mem.q(RDX))); // gas: mov rax, QWORD PTR [rdx]
        check("48 8b 42 7f", a -> a.mov(RAX, Mem.q(RDX, 0x7f))); // gas: mov rax, QWORD PTR [rdx+0x7f]
        check("48 8b 42 80", a -> a.mov(RAX, Mem.q(RDX, -0x80))); // gas: mov rax, QWORD PTR [rdx-0x80]
        check("48 8b 82 80 00 00 00", a -> a.mov(RAX, Mem.q(RDX, 0x80))); // gas: mov rax, QWORD PTR [rdx+0x80]
        check("48 8b 82 88 a9 cb ed", a -> a.mov(RAX, Mem.q(RDX, -0x12345678))); // gas: mov rax, QWORD PTR [rdx-0x12345678]
        check("48 8b 03", a -> a.mov(RAX, Mem.q(RBX))); // gas: mov rax, QWORD PTR [rbx]
        check("48 8b 43 7f", a -> a.mov(RAX, Mem.q(RBX, 0x7f))); // gas: mov rax, QWORD PTR [rbx+0x7f]
        check("48 8b 43 80", a -> a.mov(RAX, Mem.q(RBX, -0x80))); // gas: mov rax, QWORD PTR [rbx-0x80]
        check("48 8b 83 80 00 00 00", a -> a.mov(RAX, Mem.q(RBX, 0x80))); // gas: mov rax, QWORD PTR [rbx+0x80]
        check("48 8b 83 88 a9 cb ed", a -> a.mov(RAX, Mem.q(RBX, -0x12345678))); // gas: mov rax, QWORD PTR [rbx-0x12345678]
        check("48 8b 04 24", a -> a.mov(RAX, Mem.q(RSP))); // gas: mov rax, QWORD PTR [rsp]
        check("48 8b 44 24 7f", a -> a.mov(RAX, Mem.q(RSP, 0x7f))); // gas: mov rax, QWORD PTR [rsp+0x7f]
        check("48 8b 44 24 80", a -> a.mov(RAX, Mem.q(RSP, -0x80))); // gas: mov rax, QWORD PTR [rsp-0x80]
        check("48 8b 84 24 80 00 00 00", a -> a.mov(RAX, Mem.q(RSP, 0x80))); // gas: mov rax, QWORD PTR [rsp+0x80]
        check("48 8b 84 24 88 a9 cb ed", a -> a.mov(RAX, Mem.q(RSP, -0x12345678))); // gas: mov rax, QWORD PTR [rsp-0x12345678]
        check("48 8b 45 00", a -> a.mov(RAX, Mem.q(RBP))); // gas: mov rax, QWORD PTR [rbp]
        check("48 8b 45 7f", a -> a.mov(RAX, Mem.q(RBP, 0x7f))); // gas: mov rax, QWORD PTR [rbp+0x7f]
        check("48 8b 45 80", a -> a.mov(RAX, Mem.q(RBP, -0x80))); // gas: mov rax, QWORD PTR [rbp-0x80]
        check("48 8b 85 80 00 00 00", a -> a.mov(RAX, Mem.q(RBP, 0x80))); // gas: mov rax, QWORD PTR [rbp+0x80]
        check("48 8b 85 88 a9 cb ed", a -> a.mov(RAX, Mem.q(RBP, -0x12345678))); // gas: mov rax, QWORD PTR [rbp-0x12345678]
        check("48 8b 06", a -> a.mov(RAX, Mem.q(RSI))); // gas: mov rax, QWORD PTR [rsi]
        check("48 8b 46 7f", a -> a.mov(RAX, Mem.q(RSI, 0x7f))); // gas: mov rax, QWORD PTR [rsi+0x7f]
        check("48 8b 46 80", a -> a.mov(RAX, Mem.q(RSI, -0x80))); // gas: mov rax, QWORD PTR [rsi-0x80]
        check("48 8b 86 80 00 00 00", a -> a.mov(RAX, Mem.q(RSI, 0x80))); // gas: mov rax, QWORD PTR [rsi+0x80]
        check("48 8b 86 88 a9 cb ed", a -> a.mov(RAX, Mem.q(RSI, -0x12345678))); // gas: mov rax, QWORD PTR [rsi-0x12345678]
        check("48 8b 07", a -> a.mov(RAX, Mem.q(RDI))); // gas: mov rax, QWORD PTR [rdi]
        check("48 8b 47 7f", a -> a.mov(RAX, Mem.q(RDI, 0x7f))); // gas: mov rax, QWORD PTR [rdi+0x7f]
        check("48 8b 47 80", a -> a.mov(RAX, Mem.q(RDI, -0x80))); // gas: mov rax, QWORD PTR [rdi-0x80]
        check("48 8b 87 80 00 00 00", a -> a.mov(RAX, Mem.q(RDI, 0x80))); // gas: mov rax, QWORD PTR [rdi+0x80]
        check("48 8b 87 88 a9 cb ed", a -> a.mov(RAX, Mem.q(RDI, -0x12345678))); // gas: mov rax, QWORD PTR [rdi-0x12345678]
        check("49 8b 00", a -> a.mov(RAX, Mem.q(R8))); // gas: mov rax, QWORD PTR [r8]
        check("49 8b 40 7f", a -> a.mov(RAX, Mem.q(R8, 0x7f))); // gas: mov rax, QWORD PTR [r8+0x7f]
        check("49 8b 40 80", a -> a.mov(RAX, Mem.q(R8, -0x80))); // gas: mov rax, QWORD PTR [r8-0x80]
        check("49 8b 80 80 00 00 00", a -> a.mov(RAX, Mem.q(R8, 0x80))); // gas: mov rax, QWORD PTR [r8+0x80]
        check("49 8b 80 88 a9 cb ed", a -> a.mov(RAX, Mem.q(R8, -0x12345678))); // gas: mov rax, QWORD PTR [r8-0x12345678]
        check("49 8b 01", a -> a.mov(RAX, Mem.q(R9))); // gas: mov rax, QWORD PTR [r9]
        check("49 8b 41 7f", a -> a.mov(RAX, Mem.q(R9, 0x7f))); // gas: mov rax, QWORD PTR [r9+0x7f]
        check("49 8b 41 80", a -> a.mov(RAX, Mem.q(R9, -0x80))); // gas: mov rax, QWORD PTR [r9-0x80]
        check("49 8b 81 80 00 00 00", a -> a.mov(RAX, Mem.q(R9, 0x80))); // gas: mov rax, QWORD PTR [r9+0x80]
        check("49 8b 81 88 a9 cb ed", a -> a.mov(RAX, Mem.q(R9, -0x12345678))); // gas: mov rax, QWORD PTR [r9-0x12345678]
        check("49 8b 02", a -> a.mov(RAX, Mem.q(R10))); // gas: mov rax, QWORD PTR [r10]
        check("49 8b 42 7f", a -> a.mov(RAX, Mem.q(R10, 0x7f))); // gas: mov rax, QWORD PTR [r10+0x7f]
        check("49 8b 42 80", a -> a.mov(RAX, Mem.q(R10, -0x80))); // gas: mov rax, QWORD PTR [r10-0x80]
        check("49 8b 82 80 00 00 00", a -> a.mov(RAX, Mem.q(R10, 0x80))); // gas: mov rax, QWORD PTR [r10+0x80]
        check("49 8b 82 88 a9 cb ed", a -> a.mov(RAX, Mem.q(R10, -0x12345678))); // gas: mov rax, QWORD PTR [r10-0x12345678]
        check("49 8b 03", a -> a.mov(RAX, Mem.q(R11))); // gas: mov rax, QWORD PTR [r11]
        check("49 8b 43 7f", a -> a.mov(RAX, Mem.q(R11, 0x7f))); // gas: mov rax, QWORD PTR [r11+0x7f]
        check("49 8b 43 80", a -> a.mov(RAX, Mem.q(R11, -0x80))); // gas: mov rax, QWORD PTR [r11-0x80]
        check("49 8b 83 80 00 00 00", a -> a.mov(RAX, Mem.q(R11, 0x80))); // gas: mov rax, QWORD PTR [r11+0x80]
        check("49 8b 83 88 a9 cb ed", a -> a.mov(RAX, Mem.q(R11, -0x12345678))); // gas: mov rax, QWORD PTR [r11-0x12345678]
        check("49 8b 04 24", a -> a.mov(RAX, Mem.q(R12))); // gas: mov rax, QWORD PTR [r12]
        check("49 8b 44 24 7f", a -> a.mov(RAX, Mem.q(R12, 0x7f))); // gas: mov rax, QWORD PTR [r12+0x7f]
        check("49 8b 44 24 80", a -> a.mov(RAX, Mem.q(R12, -0x80))); // gas: mov rax, QWORD PTR [r12-0x80]
        check("49 8b 84 24 80 00 00 00", a -> a.mov(RAX, Mem.q(R12, 0x80))); // gas: mov rax, QWORD PTR [r12+0x80]
        check("49 8b 84 24 88 a9 cb ed", a -> a.mov(RAX, Mem.q(R12, -0x12345678))); // gas: mov rax, QWORD PTR [r12-0x12345678]
        check("49 8b 45 00", a -> a.mov(RAX, Mem.q(R13))); // gas: mov rax, QWORD PTR [r13]
        check("49 8b 45 7f", a -> a.mov(RAX, Mem.q(R13, 0x7f))); // gas: mov rax, QWORD PTR [r13+0x7f]
        check("49 8b 45 80", a -> a.mov(RAX, Mem.q(R13, -0x80))); // gas: mov rax, QWORD PTR [r13-0x80]
        check("49 8b 85 80 00 00 00", a -> a.mov(RAX, Mem.q(R13, 0x80))); // gas: mov rax, QWORD PTR [r13+0x80]
        check("49 8b 85 88 a9 cb ed", a -> a.mov(RAX, Mem.q(R13, -0x12345678))); // gas: mov rax, QWORD PTR [r13-0x12345678]
        check("49 8b 06", a -> a.mov(RAX, Mem.q(R14))); // gas: mov rax, QWORD PTR [r14]
        check("49 8b 46 7f", a -> a.mov(RAX, Mem.q(R14, 0x7f))); // gas: mov rax, QWORD PTR [r14+0x7f]
        check("49 8b 46 80", a -> a.mov(RAX, Mem.q(R14, -0x80))); // gas: mov rax, QWORD PTR [r14-0x80]
        check("49 8b 86 80 00 00 00", a -> a.mov(RAX, Mem.q(R14, 0x80))); // gas: mov rax, QWORD PTR [r14+0x80]
        check("49 8b 86 88 a9 cb ed", a -> a.mov(RAX, Mem.q(R14, -0x12345678))); // gas: mov rax, QWORD PTR [r14-0x12345678]
        check("49 8b 07", a -> a.mov(RAX, Mem.q(R15))); // gas: mov rax, QWORD PTR [r15]
        check("49 8b 47 7f", a -> a.mov(RAX, Mem.q(R15, 0x7f))); // gas: mov rax, QWORD PTR [r15+0x7f]
        check("49 8b 47 80", a -> a.mov(RAX, Mem.q(R15, -0x80))); // gas: mov rax, QWORD PTR [r15-0x80]
        check("49 8b 87 80 00 00 00", a -> a.mov(RAX, Mem.q(R15, 0x80))); // gas: mov rax, QWORD PTR [r15+0x80]
        check("49 8b 87 88 a9 cb ed", a -> a.mov(RAX, Mem.q(R15, -0x12345678))); // gas: mov rax, QWORD PTR [r15-0x12345678]
    }

    @Test
    void baseAndIndex() {
        check("48 8b 04 03", a -> a.mov(RAX, Mem.q(RBX, RAX, 1, 0x0))); // gas: mov rax, QWORD PTR [rbx+rax*1]
        check("48 8b 04 0b", a -> a.mov(RAX, Mem.q(RBX, RCX, 1, 0x0))); // gas: mov rax, QWORD PTR [rbx+rcx*1]
        check("48 8b 04 13", a -> a.mov(RAX, Mem.q(RBX, RDX, 1, 0x0))); // gas: mov rax, QWORD PTR [rbx+rdx*1]
        check("48 8b 04 1b", a -> a.mov(RAX, Mem.q(RBX, RBX, 1, 0x0))); // gas: mov rax, QWORD PTR [rbx+rbx*1]
        check("48 8b 04 2b", a -> a.mov(RAX, Mem.q(RBX, RBP, 1, 0x0))); // gas: mov rax, QWORD PTR [rbx+rbp*1]
        check("48 8b 04 33", a -> a.mov(RAX, Mem.q(RBX, RSI, 1, 0x0))); // gas: mov rax, QWORD PTR [rbx+rsi*1]
        check("48 8b 04 3b", a -> a.mov(RAX, Mem.q(RBX, RDI, 1, 0x0))); // gas: mov rax, QWORD PTR [rbx+rdi*1]
        check("4a 8b 04 03", a -> a.mov(RAX, Mem.q(RBX, R8, 1, 0x0))); // gas: mov rax, QWORD PTR [rbx+r8*1]
        check("4a 8b 04 0b", a -> a.mov(RAX, Mem.q(RBX, R9, 1, 0x0))); // gas: mov rax, QWORD PTR [rbx+r9*1]
        check("4a 8b 04 13", a -> a.mov(RAX, Mem.q(RBX, R10, 1, 0x0))); // gas: mov rax, QWORD PTR [rbx+r10*1]
        check("4a 8b 04 1b", a -> a.mov(RAX, Mem.q(RBX, R11, 1, 0x0))); // gas: mov rax, QWORD PTR [rbx+r11*1]
        check("4a 8b 04 23", a -> a.mov(RAX, Mem.q(RBX, R12, 1, 0x0))); // gas: mov rax, QWORD PTR [rbx+r12*1]
        check("4a 8b 04 2b", a -> a.mov(RAX, Mem.q(RBX, R13, 1, 0x0))); // gas: mov rax, QWORD PTR [rbx+r13*1]
        check("4a 8b 04 33", a -> a.mov(RAX, Mem.q(RBX, R14, 1, 0x0))); // gas: mov rax, QWORD PTR [rbx+r14*1]
        check("4a 8b 04 3b", a -> a.mov(RAX, Mem.q(RBX, R15, 1, 0x0))); // gas: mov rax, QWORD PTR [rbx+r15*1]
        check("48 8b 04 44", a -> a.mov(RAX, Mem.q(RSP, RAX, 2, 0x0))); // gas: mov rax, QWORD PTR [rsp+rax*2]
        check("48 8b 44 84 10", a -> a.mov(RAX, Mem.q(RSP, RAX, 4, 0x10))); // gas: mov rax, QWORD PTR [rsp+rax*4+0x10]
        check("4a 8b 04 4c", a -> a.mov(RAX, Mem.q(RSP, R9, 2, 0x0))); // gas: mov rax, QWORD PTR [rsp+r9*2]
        check("4a 8b 44 8c 10", a -> a.mov(RAX, Mem.q(RSP, R9, 4, 0x10))); // gas: mov rax, QWORD PTR [rsp+r9*4+0x10]
        check("4a 8b 04 64", a -> a.mov(RAX, Mem.q(RSP, R12, 2, 0x0))); // gas: mov rax, QWORD PTR [rsp+r12*2]
        check("4a 8b 44 a4 10", a -> a.mov(RAX, Mem.q(RSP, R12, 4, 0x10))); // gas: mov rax, QWORD PTR [rsp+r12*4+0x10]
        check("4a 8b 04 6c", a -> a.mov(RAX, Mem.q(RSP, R13, 2, 0x0))); // gas: mov rax, QWORD PTR [rsp+r13*2]
        check("4a 8b 44 ac 10", a -> a.mov(RAX, Mem.q(RSP, R13, 4, 0x10))); // gas: mov rax, QWORD PTR [rsp+r13*4+0x10]
        check("48 8b 04 6c", a -> a.mov(RAX, Mem.q(RSP, RBP, 2, 0x0))); // gas: mov rax, QWORD PTR [rsp+rbp*2]
        check("48 8b 44 ac 10", a -> a.mov(RAX, Mem.q(RSP, RBP, 4, 0x10))); // gas: mov rax, QWORD PTR [rsp+rbp*4+0x10]
        check("49 8b 04 44", a -> a.mov(RAX, Mem.q(R12, RAX, 2, 0x0))); // gas: mov rax, QWORD PTR [r12+rax*2]
        check("49 8b 44 84 10", a -> a.mov(RAX, Mem.q(R12, RAX, 4, 0x10))); // gas: mov rax, QWORD PTR [r12+rax*4+0x10]
        check("4b 8b 04 4c", a -> a.mov(RAX, Mem.q(R12, R9, 2, 0x0))); // gas: mov rax, QWORD PTR [r12+r9*2]
        check("4b 8b 44 8c 10", a -> a.mov(RAX, Mem.q(R12, R9, 4, 0x10))); // gas: mov rax, QWORD PTR [r12+r9*4+0x10]
        check("4b 8b 04 64", a -> a.mov(RAX, Mem.q(R12, R12, 2, 0x0))); // gas: mov rax, QWORD PTR [r12+r12*2]
        check("4b 8b 44 a4 10", a -> a.mov(RAX, Mem.q(R12, R12, 4, 0x10))); // gas: mov rax, QWORD PTR [r12+r12*4+0x10]
        check("4b 8b 04 6c", a -> a.mov(RAX, Mem.q(R12, R13, 2, 0x0))); // gas: mov rax, QWORD PTR [r12+r13*2]
        check("4b 8b 44 ac 10", a -> a.mov(RAX, Mem.q(R12, R13, 4, 0x10))); // gas: mov rax, QWORD PTR [r12+r13*4+0x10]
        check("49 8b 04 6c", a -> a.mov(RAX, Mem.q(R12, RBP, 2, 0x0))); // gas: mov rax, QWORD PTR [r12+rbp*2]
        check("49 8b 44 ac 10", a -> a.mov(RAX, Mem.q(R12, RBP, 4, 0x10))); // gas: mov rax, QWORD PTR [r12+rbp*4+0x10]
        check("48 8b 44 45 00", a -> a.mov(RAX, Mem.q(RBP, RAX, 2, 0x0))); // gas: mov rax, QWORD PTR [rbp+rax*2]
        check("48 8b 44 85 10", a -> a.mov(RAX, Mem.q(RBP, RAX, 4, 0x10))); // gas: mov rax, QWORD PTR [rbp+rax*4+0x10]
        check("4a 8b 44 4d 00", a -> a.mov(RAX, Mem.q(RBP, R9, 2, 0x0))); // gas: mov rax, QWORD PTR [rbp+r9*2]
        check("4a 8b 44 8d 10", a -> a.mov(RAX, Mem.q(RBP, R9, 4, 0x10))); // gas: mov rax, QWORD PTR [rbp+r9*4+0x10]
        check("4a 8b 44 65 00", a -> a.mov(RAX, Mem.q(RBP, R12, 2, 0x0))); // gas: mov rax, QWORD PTR [rbp+r12*2]
        check("4a 8b 44 a5 10", a -> a.mov(RAX, Mem.q(RBP, R12, 4, 0x10))); // gas: mov rax, QWORD PTR [rbp+r12*4+0x10]
        check("4a 8b 44 6d 00", a -> a.mov(RAX, Mem.q(RBP, R13, 2, 0x0))); // gas: mov rax, QWORD PTR [rbp+r13*2]
        check("4a 8b 44 ad 10", a -> a.mov(RAX, Mem.q(RBP, R13, 4, 0x10))); // gas: mov rax, QWORD PTR [rbp+r13*4+0x10]
        check("48 8b 44 6d 00", a -> a.mov(RAX, Mem.q(RBP, RBP, 2, 0x0))); // gas: mov rax, QWORD PTR [rbp+rbp*2]
        check("48 8b 44 ad 10", a -> a.mov(RAX, Mem.q(RBP, RBP, 4, 0x10))); // gas: mov rax, QWORD PTR [rbp+rbp*4+0x10]
        check("49 8b 44 45 00", a -> a.mov(RAX, Mem.q(R13, RAX, 2, 0x0))); // gas: mov rax, QWORD PTR [r13+rax*2]
        check("49 8b 44 85 10", a -> a.mov(RAX, Mem.q(R13, RAX, 4, 0x10))); // gas: mov rax, QWORD PTR [r13+rax*4+0x10]
        check("4b 8b 44 4d 00", a -> a.mov(RAX, Mem.q(R13, R9, 2, 0x0))); // gas: mov rax, QWORD PTR [r13+r9*2]
        check("4b 8b 44 8d 10", a -> a.mov(RAX, Mem.q(R13, R9, 4, 0x10))); // gas: mov rax, QWORD PTR [r13+r9*4+0x10]
        check("4b 8b 44 65 00", a -> a.mov(RAX, Mem.q(R13, R12, 2, 0x0))); // gas: mov rax, QWORD PTR [r13+r12*2]
        check("4b 8b 44 a5 10", a -> a.mov(RAX, Mem.q(R13, R12, 4, 0x10))); // gas: mov rax, QWORD PTR [r13+r12*4+0x10]
        check("4b 8b 44 6d 00", a -> a.mov(RAX, Mem.q(R13, R13, 2, 0x0))); // gas: mov rax, QWORD PTR [r13+r13*2]
        check("4b 8b 44 ad 10", a -> a.mov(RAX, Mem.q(R13, R13, 4, 0x10))); // gas: mov rax, QWORD PTR [r13+r13*4+0x10]
        check("49 8b 44 6d 00", a -> a.mov(RAX, Mem.q(R13, RBP, 2, 0x0))); // gas: mov rax, QWORD PTR [r13+rbp*2]
        check("49 8b 44 ad 10", a -> a.mov(RAX, Mem.q(R13, RBP, 4, 0x10))); // gas: mov rax, QWORD PTR [r13+rbp*4+0x10]
        check("48 8b 84 11 00 fe ff ff", a -> a.mov(RAX, Mem.q(RCX, RDX, 1, -0x200))); // gas: mov rax, QWORD PTR [rcx+rdx*1-0x200]
        check("48 8b 84 51 00 fe ff ff", a -> a.mov(RAX, Mem.q(RCX, RDX, 2, -0x200))); // gas: mov rax, QWORD PTR [rcx+rdx*2-0x200]
        check("48 8b 84 91 00 fe ff ff", a -> a.mov(RAX, Mem.q(RCX, RDX, 4, -0x200))); // gas: mov rax, QWORD PTR [rcx+rdx*4-0x200]
        check("48 8b 84 d1 00 fe ff ff", a -> a.mov(RAX, Mem.q(RCX, RDX, 8, -0x200))); // gas: mov rax, QWORD PTR [rcx+rdx*8-0x200]
    }

    @Test
    void noBase() {
        check("48 8b 04 05 00 00 00 00", a -> a.mov(RAX, Mem.indexOnly(8, RAX, 1, 0x0))); // gas: mov rax, QWORD PTR [rax*1+0x0]
        check("4c 8b 0c 05 00 00 00 00", a -> a.mov(R9, Mem.indexOnly(8, RAX, 1, 0x0))); // gas: mov r9, QWORD PTR [rax*1+0x0]
        check("48 8b 04 5d 10 00 00 00", a -> a.mov(RAX, Mem.indexOnly(8, RBX, 2, 0x10))); // gas: mov rax, QWORD PTR [rbx*2+0x10]
        check("4c 8b 0c 5d 10 00 00 00", a -> a.mov(R9, Mem.indexOnly(8, RBX, 2, 0x10))); // gas: mov r9, QWORD PTR [rbx*2+0x10]
        check("48 8b 04 ad f8 ff ff ff", a -> a.mov(RAX, Mem.indexOnly(8, RBP, 4, -0x8))); // gas: mov rax, QWORD PTR [rbp*4-0x8]
        check("4c 8b 0c ad f8 ff ff ff", a -> a.mov(R9, Mem.indexOnly(8, RBP, 4, -0x8))); // gas: mov r9, QWORD PTR [rbp*4-0x8]
        check("4a 8b 04 e5 78 56 34 12", a -> a.mov(RAX, Mem.indexOnly(8, R12, 8, 0x12345678))); // gas: mov rax, QWORD PTR [r12*8+0x12345678]
        check("4e 8b 0c e5 78 56 34 12", a -> a.mov(R9, Mem.indexOnly(8, R12, 8, 0x12345678))); // gas: mov r9, QWORD PTR [r12*8+0x12345678]
        check("4a 8b 04 2d 00 00 00 00", a -> a.mov(RAX, Mem.indexOnly(8, R13, 1, 0x0))); // gas: mov rax, QWORD PTR [r13*1+0x0]
        check("4e 8b 0c 2d 00 00 00 00", a -> a.mov(R9, Mem.indexOnly(8, R13, 1, 0x0))); // gas: mov r9, QWORD PTR [r13*1+0x0]
        check("4a 8b 04 fd ff ff ff ff", a -> a.mov(RAX, Mem.indexOnly(8, R15, 8, -0x1))); // gas: mov rax, QWORD PTR [r15*8-0x1]
        check("4e 8b 0c fd ff ff ff ff", a -> a.mov(R9, Mem.indexOnly(8, R15, 8, -0x1))); // gas: mov r9, QWORD PTR [r15*8-0x1]
        check("48 8b 04 25 34 12 00 00", a -> a.mov(RAX, Mem.absolute(8, 0x1234))); // gas: mov rax, QWORD PTR ds:0x1234
        check("44 8b 14 25 f0 ff ff ff", a -> a.mov(R10D, Mem.absolute(4, -0x10))); // gas: mov r10d, DWORD PTR ds:-0x10
        check("8a 0c 25 00 00 00 00", a -> a.mov(CL, Mem.absolute(1, 0x0))); // gas: mov cl, BYTE PTR ds:0x0
    }

    @Test
    void everyRegisterInTheRegField() {
        check("4b 8b 44 5a 01", a -> a.mov(RAX, Mem.q(R10, R11, 2, 0x1))); // gas: mov rax, QWORD PTR [r10+r11*2+0x1]
        check("4b 8b 4c 5a 01", a -> a.mov(RCX, Mem.q(R10, R11, 2, 0x1))); // gas: mov rcx, QWORD PTR [r10+r11*2+0x1]
        check("4b 8b 54 5a 01", a -> a.mov(RDX, Mem.q(R10, R11, 2, 0x1))); // gas: mov rdx, QWORD PTR [r10+r11*2+0x1]
        check("4b 8b 5c 5a 01", a -> a.mov(RBX, Mem.q(R10, R11, 2, 0x1))); // gas: mov rbx, QWORD PTR [r10+r11*2+0x1]
        check("4b 8b 64 5a 01", a -> a.mov(RSP, Mem.q(R10, R11, 2, 0x1))); // gas: mov rsp, QWORD PTR [r10+r11*2+0x1]
        check("4b 8b 6c 5a 01", a -> a.mov(RBP, Mem.q(R10, R11, 2, 0x1))); // gas: mov rbp, QWORD PTR [r10+r11*2+0x1]
        check("4b 8b 74 5a 01", a -> a.mov(RSI, Mem.q(R10, R11, 2, 0x1))); // gas: mov rsi, QWORD PTR [r10+r11*2+0x1]
        check("4b 8b 7c 5a 01", a -> a.mov(RDI, Mem.q(R10, R11, 2, 0x1))); // gas: mov rdi, QWORD PTR [r10+r11*2+0x1]
        check("4f 8b 44 5a 01", a -> a.mov(R8, Mem.q(R10, R11, 2, 0x1))); // gas: mov r8, QWORD PTR [r10+r11*2+0x1]
        check("4f 8b 4c 5a 01", a -> a.mov(R9, Mem.q(R10, R11, 2, 0x1))); // gas: mov r9, QWORD PTR [r10+r11*2+0x1]
        check("4f 8b 54 5a 01", a -> a.mov(R10, Mem.q(R10, R11, 2, 0x1))); // gas: mov r10, QWORD PTR [r10+r11*2+0x1]
        check("4f 8b 5c 5a 01", a -> a.mov(R11, Mem.q(R10, R11, 2, 0x1))); // gas: mov r11, QWORD PTR [r10+r11*2+0x1]
        check("4f 8b 64 5a 01", a -> a.mov(R12, Mem.q(R10, R11, 2, 0x1))); // gas: mov r12, QWORD PTR [r10+r11*2+0x1]
        check("4f 8b 6c 5a 01", a -> a.mov(R13, Mem.q(R10, R11, 2, 0x1))); // gas: mov r13, QWORD PTR [r10+r11*2+0x1]
        check("4f 8b 74 5a 01", a -> a.mov(R14, Mem.q(R10, R11, 2, 0x1))); // gas: mov r14, QWORD PTR [r10+r11*2+0x1]
        check("4f 8b 7c 5a 01", a -> a.mov(R15, Mem.q(R10, R11, 2, 0x1))); // gas: mov r15, QWORD PTR [r10+r11*2+0x1]
        check("8a 00", a -> a.mov(AL, Mem.b(RAX))); // gas: mov al, BYTE PTR [rax]
        check("41 88 04 19", a -> a.mov(Mem.b(R9, RBX, 1, 0x0), AL)); // gas: mov BYTE PTR [r9+rbx*1], al
        check("40 8a 20", a -> a.mov(SPL, Mem.b(RAX))); // gas: mov spl, BYTE PTR [rax]
        check("41 88 24 19", a -> a.mov(Mem.b(R9, RBX, 1, 0x0), SPL)); // gas: mov BYTE PTR [r9+rbx*1], spl
        check("40 8a 28", a -> a.mov(BPL, Mem.b(RAX))); // gas: mov bpl, BYTE PTR [rax]
        check("41 88 2c 19", a -> a.mov(Mem.b(R9, RBX, 1, 0x0), BPL)); // gas: mov BYTE PTR [r9+rbx*1], bpl
        check("40 8a 30", a -> a.mov(SIL, Mem.b(RAX))); // gas: mov sil, BYTE PTR [rax]
        check("41 88 34 19", a -> a.mov(Mem.b(R9, RBX, 1, 0x0), SIL)); // gas: mov BYTE PTR [r9+rbx*1], sil
        check("40 8a 38", a -> a.mov(DIL, Mem.b(RAX))); // gas: mov dil, BYTE PTR [rax]
        check("41 88 3c 19", a -> a.mov(Mem.b(R9, RBX, 1, 0x0), DIL)); // gas: mov BYTE PTR [r9+rbx*1], dil
        check("44 8a 00", a -> a.mov(R8B, Mem.b(RAX))); // gas: mov r8b, BYTE PTR [rax]
        check("45 88 04 19", a -> a.mov(Mem.b(R9, RBX, 1, 0x0), R8B)); // gas: mov BYTE PTR [r9+rbx*1], r8b
        check("44 8a 38", a -> a.mov(R15B, Mem.b(RAX))); // gas: mov r15b, BYTE PTR [rax]
        check("45 88 3c 19", a -> a.mov(Mem.b(R9, RBX, 1, 0x0), R15B)); // gas: mov BYTE PTR [r9+rbx*1], r15b
    }

    @Test
    void ripRelative() {
        check("48 8b 05 f9 ff ff ff", a -> { Label l = a.newLabel(); a.bind(l); a.mov(RAX, Mem.rip(8, l)); }); // gas: 1: mov rax, QWORD PTR [rip+1b]
        check("44 8b 25 00 00 00 00", a -> { Label l = a.newLabel(); a.mov(R12D, Mem.rip(4, l)); a.bind(l); }); // gas: mov r12d, DWORD PTR [rip+1f]; 1:
        check("90 90 48 81 05 f8 ff ff ff 00 10 00 00", a -> { Label l = a.newLabel(); a.nop(); a.bind(l); a.nop(); a.add(Mem.rip(8, l, 4), 0x1000); }); // gas: nop; 1: nop; add QWORD PTR [rip+1b+4], 0x1000
        check("80 3d 00 00 00 00 07", a -> { Label l = a.newLabel(); a.cmp(Mem.rip(1, l), 7); a.bind(l); }); // gas: cmp BYTE PTR [rip+1f], 7; 1:
        check("f7 05 01 00 00 00 00 01 00 00 cc", a -> { Label l = a.newLabel(); a.test(Mem.rip(4, l), 0x100); a.int3(); a.bind(l); }); // gas: test DWORD PTR [rip+1f], 0x100; int3; 1:
        check("48 6b 05 00 00 00 00 03", a -> { Label l = a.newLabel(); a.imul(RAX, Mem.rip(8, l), 3); a.bind(l); }); // gas: imul rax, QWORD PTR [rip+1f], 3; 1:
        check("48 69 05 00 00 00 00 2c 01 00 00", a -> { Label l = a.newLabel(); a.imul(RAX, Mem.rip(8, l), 300); a.bind(l); }); // gas: imul rax, QWORD PTR [rip+1f], 300; 1:
    }
}
