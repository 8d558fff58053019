package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;
import static dbt.x86.asm.Xmm.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The assembler's listing: offsets, lengths and objdump-style Intel text. (That the text is objdump's for every
 * form is {@link EncodingAgreesWithObjdumpProperties}'s job; these pin the format and the bookkeeping.)
 */
class ListingTest {
    /** The texts of the instructions and labels {@code emit} lists. */
    private static List<String> texts(Consumer<Assembler> emit) {
        Assembler a = new Assembler(true);
        emit.accept(a);
        return a.listing().stream().map(ListingEntry::text).toList();
    }

    private static void lists(String text, Consumer<Assembler> emit) {
        assertEquals(List.of(text), texts(emit));
    }

    @Test
    void entriesHaveOffsetLengthAndText() {
        Assembler a = new Assembler(true);
        Label top = a.newLabel();
        a.bind(top);
        a.mov(RAX, Mem.q(R15, 0x58));                   // 49 8b 47 58
        a.add(RBX, RSI);                                // 48 01 f3
        a.movzx(EAX, Mem.b(R14, RCX, 1, 0));            // 41 0f b6 04 0e
        a.cmp(RDX, 0x100000);                           // 48 81 fa 00 00 10 00
        a.jcc(Cond.NE, top);                            // 75 e9
        a.jmpAbsolute(0x7f0000001000L);                 // e9 rel32
        assertEquals(List.of(
                new ListingEntry(0, 0, "L0:"),
                new ListingEntry(0, 4, "mov rax, QWORD PTR [r15+0x58]"),
                new ListingEntry(4, 3, "add rbx, rsi"),
                new ListingEntry(7, 5, "movzx eax, BYTE PTR [r14+rcx*1]"),
                new ListingEntry(12, 7, "cmp rdx, 0x100000"),
                new ListingEntry(19, 2, "jne L0"),
                new ListingEntry(21, 5, "jmp 0x7f0000001000")), a.listing());
        assertTrue(a.listing().get(0).isLabel());
        assertFalse(a.listing().get(1).isLabel());
    }

    @Test
    void labelsAndJumps() {
        assertEquals(List.of("jmp L1", "L0:", "je L1", "jmp L0", "call L1", "L1:", "ret"), texts(a -> {
            Label back = a.newLabel();
            Label forward = a.newLabel();
            a.jmpRel32(forward);
            a.bind(back);
            a.jccRel32(Cond.E, forward);
            a.jmp(back);
            a.call(forward);
            a.bind(forward);
            a.ret();
        }));
        assertEquals(List.of("jae 0x7f0000000000", "call 0xffffffff80000000", "jmp rax", "call QWORD PTR [rax+0x8]"),
                texts(a -> {
                    a.jccAbsolute(Cond.AE, 0x7f0000000000L);
                    a.callAbsolute(0xffffffff80000000L);
                    a.jmp(RAX);
                    a.call(Mem.q(RAX, 8));
                }));
    }

    @Test
    void immediatesAreHexAtTheOperandWidth() {
        lists("add al, 0xff", a -> a.add(AL, -1));
        lists("add al, 0xff", a -> a.add(AL, 255));
        lists("sub ax, 0xff80", a -> a.sub(AX, -128));
        lists("and eax, 0xfffffff0", a -> a.and(EAX, -16));
        lists("cmp rdx, 0xffffffffffffffff", a -> a.cmp(RDX, -1));
        lists("test BYTE PTR [rdi], 0x80", a -> a.test(Mem.b(RDI), 0x80));
        lists("mov QWORD PTR [rsp+0x10], 0xffffffff80000000", a -> a.mov(Mem.q(RSP, 0x10), Integer.MIN_VALUE));
        lists("imul r9, QWORD PTR [rbx], 0xa", a -> a.imul(R9, Mem.q(RBX), 10));
        lists("shl eax, 1", a -> a.shl(EAX, 1));
        lists("sar rcx, 0x3f", a -> a.sar(RCX, 63));
        lists("ror r8w, cl", a -> a.ror(R8W, CL));
    }

    @Test
    void movImmListsTheFormItChose() {
        lists("mov eax, 0xffffffff", a -> a.movImm(RAX, 0xffff_ffffL));
        lists("mov rax, 0xffffffffffffffff", a -> a.movImm(RAX, -1));
        lists("movabs r10, 0x123456789", a -> a.movImm(R10, 0x1_2345_6789L));
        lists("mov bl, 0x9c", a -> a.movImm(BL, -100));
        lists("movabs rax, 0x0", a -> a.movabs(RAX, 0));
    }

    @Test
    void memoryOperandsAsObjdumpPrintsThem() {
        lists("mov rax, QWORD PTR [rsp]", a -> a.mov(RAX, Mem.q(RSP)));
        lists("mov rax, QWORD PTR [rbp+0x0]", a -> a.mov(RAX, Mem.q(RBP)));          // rbp takes a disp8 of 0
        lists("mov eax, DWORD PTR [r13+rax*4+0x0]", a -> a.mov(EAX, Mem.d(R13, RAX, 4, 0)));
        lists("mov ax, WORD PTR [rcx*8+0x0]", a -> a.mov(AX, Mem.indexOnly(2, RCX, 8, 0)));  // no base: disp32
        lists("mov al, BYTE PTR [rsi-0x80]", a -> a.mov(AL, Mem.b(RSI, -0x80)));
        lists("mov QWORD PTR ds:0x58, rdi", a -> a.mov(Mem.absolute(8, 0x58), RDI));
        lists("inc DWORD PTR ds:0xffffffff80000000", a -> a.inc(Mem.absolute(4, Integer.MIN_VALUE)));
        lists("lea rax, [rbx+rcx*2-0x1]", a -> a.lea(RAX, Mem.q(RBX, RCX, 2, -1)));  // an address: no size
        assertEquals(List.of("lea rax, [rip+L0]", "L0:", "add QWORD PTR [rip+L0-0x8], 0x1000"), texts(a -> {
            Label l = a.newLabel();
            a.lea(RAX, Mem.rip(8, l));
            a.bind(l);
            a.add(Mem.rip(8, l, -8), 0x1000);
        }));
        assertEquals("QWORD PTR [r15+0x58]", Mem.q(R15, 0x58).toString());
    }

    @Test
    void flagConsumersAndAtomics() {
        lists("cmovle r11d, DWORD PTR [rax]", a -> a.cmovcc(Cond.LE, R11D, Mem.d(RAX)));
        lists("setb sil", a -> a.setcc(Cond.B, SIL));
        lists("lock cmpxchg QWORD PTR [r14+rdx*1], rcx", a -> a.lockCmpxchg(Mem.q(R14, RDX, 1, 0), RCX));
        lists("lock xadd DWORD PTR [rax], ebx", a -> a.lockXadd(Mem.d(RAX), EBX));
        assertEquals(List.of("cqo", "cdq", "mfence", "int3", "push r12", "pop rbx", "bswap eax"), texts(a -> {
            a.cqo();
            a.cdq();
            a.mfence();
            a.int3();
            a.push(R12);
            a.pop(RBX);
            a.bswap(EAX);
        }));
    }

    @Test
    void scalarFloatingPoint() {
        lists("movq xmm8, rax", a -> a.movq(XMM8, RAX));
        lists("movd r9d, xmm15", a -> a.movd(R9D, XMM15));
        lists("movq QWORD PTR [rbp+0x0], xmm1", a -> a.movq(Mem.q(RBP), XMM1));
        lists("addss xmm0, DWORD PTR [r15+0x58]", a -> a.addss(XMM0, Mem.d(R15, 0x58)));
        lists("cvtsi2sd xmm0, eax", a -> a.cvtsi2sd(XMM0, EAX));
        lists("cvtsi2sd xmm0, QWORD PTR [rax]", a -> a.cvtsi2sd(XMM0, Mem.q(RAX)));
        lists("cvttss2si r10, xmm3", a -> a.cvttss2si(R10, XMM3));
        lists("vfmadd231sd xmm0, xmm1, xmm2", a -> a.vfma(231, false, false, true, XMM0, XMM1, XMM2));
        lists("vfnmsub213ss xmm3, xmm4, xmm5", a -> a.vfma(213, true, true, false, XMM3, XMM4, XMM5));
        lists("vsubsd xmm1, xmm2, xmm3", a -> a.vsubsd(XMM1, XMM2, XMM3));
        lists("stmxcsr DWORD PTR [rsp+0x4]", a -> a.stmxcsr(Mem.d(RSP, 4)));
        assertEquals(List.of("ldmxcsr DWORD PTR [rip+L0]", "L0:"), texts(a -> {
            Label l = a.newLabel();
            a.ldmxcsr(Mem.rip(4, l));
            a.bind(l);
        }));
        assertEquals("xmm13", XMM13.toString());
    }

    @Test
    void xchgIsListedAsEncoded() {
        lists("xchg rbx, rax", a -> a.xchg(RAX, RBX));      // 48 93: the accumulator last
        lists("xchg r8d, eax", a -> a.xchg(R8D, EAX));
        lists("xchg eax, eax", a -> a.xchg(EAX, EAX));      // 87 c0, not the nop 90
        lists("nop", a -> a.xchg(RAX, RAX));                // 90
        lists("xchg cl, dl", a -> a.xchg(CL, DL));
    }

    @Test
    void paddingIsOneEntryPerNop() {
        Assembler a = new Assembler(true);
        a.nop(25);
        a.ret();
        a.align(16);
        a.nop(0);
        assertEquals(List.of(
                new ListingEntry(0, 11, "data16 cs nop WORD PTR [rax+rax*1+0x0]"),
                new ListingEntry(11, 11, "data16 cs nop WORD PTR [rax+rax*1+0x0]"),
                new ListingEntry(22, 3, "nop DWORD PTR [rax]"),
                new ListingEntry(25, 1, "ret"),
                new ListingEntry(26, 6, "nop WORD PTR [rax+rax*1+0x0]")), a.listing());
        assertEquals(List.of("nop", "xchg ax, ax"), texts(x -> {
            x.nop();
            x.nop(2);
        }));
    }

    @Test
    void theListingCoversTheCodeExactly() {
        Assembler a = new Assembler(true);
        a.mov(RAX, Mem.q(R15, 0x58));
        a.add(RAX, 1);
        a.movImm(RCX, 0x1234_5678_9abcL);
        a.nop(13);
        int next = 0;
        for (ListingEntry e : a.listing()) {
            assertEquals(next, e.offset());
            next += e.length();
        }
        assertEquals(a.offset(), next);
    }

    @Test
    void aRejectedInstructionLeavesNoEntry() {
        Assembler a = new Assembler(true);
        a.ret();
        assertThrows(IllegalArgumentException.class, () -> a.add(RAX, EBX));
        assertThrows(IllegalArgumentException.class, () -> a.mov(RAX, Mem.rip(8, new Assembler().newLabel())));
        assertThrows(IllegalArgumentException.class, () -> a.movq(XMM0, EAX));
        assertThrows(IllegalArgumentException.class, () -> a.addsd(XMM0, Mem.rip(8, new Assembler().newLabel())));
        a.ret();
        assertEquals(List.of(new ListingEntry(0, 1, "ret"), new ListingEntry(1, 1, "ret")), a.listing());
        assertEquals(2, a.offset());
    }

    @Test
    void withoutAListingNothingIsKeptAndTheCodeIsTheSame() {
        Consumer<Assembler> emit = a -> {
            Label l = a.newLabel();
            a.bind(l);
            a.movImm(RAX, -5);
            a.xchg(RAX, RDX);
            a.jcc(Cond.G, l);
            a.align(8);
        };
        Assembler plain = new Assembler();
        Assembler listed = new Assembler(true);
        emit.accept(plain);
        emit.accept(listed);
        assertFalse(plain.isListing());
        assertTrue(listed.isListing());
        assertThrows(IllegalStateException.class, plain::listing);
        assertArrayEquals(plain.finish(0x1000).bytes(), listed.finish(0x1000).bytes());
    }

    @Test
    void enableListingOnlyBeforeAnyCode() {
        Assembler a = new Assembler();
        a.enableListing();
        a.enableListing();
        a.ret();
        assertEquals(List.of(new ListingEntry(0, 1, "ret")), a.listing());

        Assembler late = new Assembler();
        late.ret();
        assertThrows(IllegalStateException.class, late::enableListing);
        Assembler bound = new Assembler();
        bound.bind(bound.newLabel());
        assertThrows(IllegalStateException.class, bound::enableListing);
    }

    @Test
    void linesShowAddressBytesAndText() {
        Assembler a = new Assembler(true);
        Label top = a.newLabel();
        a.bind(top);
        a.mov(RAX, Mem.q(R15, 0x58));
        a.jcc(Cond.NE, top);
        AssembledCode code = a.finish(0x7f0000001000L);
        assertEquals(List.of(
                "L0:",
                "    7f0000001000:  49 8b 47 58                          mov rax, QWORD PTR [r15+0x58]",
                "    7f0000001004:  75 fa                                jne L0"),
                ListingEntry.lines(a.listing(), code));
        assertEquals("0004  jne L0", a.listing().get(2).toString());
        assertEquals("L0:", a.listing().get(0).toString());
    }
}
