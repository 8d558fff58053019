package dbt.isa.asm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.isa.check.Diagnostic;
import dbt.isa.decode.DecodeTree;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The source assembler on the seed64 description (and, to show it is generated rather than written for one ISA, on
 * RISC-V): layout, labels, directives, and one test per diagnostic, each {@code file:line:col: message}.
 */
class SourceAssemblerTest {
    private static Image assemble(String source) throws Exception {
        return new SourceAssembler(Seed64.model()).assemble("t.s", source);
    }

    private static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }

    /** The diagnostics of a source that must not assemble. */
    private static List<String> errors(String source) throws Exception {
        AssemblyErrors e = assertThrows(AssemblyErrors.class,
                () -> new SourceAssembler(Seed64.model()).assemble("t.s", source));
        assertEquals(0, e.getStackTrace().length, "a user's mistake carries no stack trace");
        List<String> out = new ArrayList<>();
        for (Diagnostic d : e.diagnostics()) {
            out.add(d.toString());
        }
        assertEquals(String.join("\n", out), e.getMessage());
        return out;
    }

    private static void assertError(String expected, String source) throws Exception {
        assertEquals(List.of(expected), errors(source));
    }

    // ---- layout, labels and encodings ----------------------------------------------------------------------

    @Test
    void textAndDataGetTheirOwnSegmentsAddressesAndPermissions() throws Exception {
        Image image = assemble("""
                # a comment on a line of its own
                        .text
                start:  br:j    forward         ; jumps over the next instruction
                        add:sq  r3, r5, r3
                forward:
                        mov:sd  $message, r2    # a label as an immediate: its address
                        br:le   r1, r2, start
                        sys
                        .data
                message: .ascii "hi\\n"
                """);
        Image.Segment text = image.segment(".text");
        Image.Segment data = image.segment(".data");
        assertEquals(0x10000, text.address());
        assertEquals(Image.READ | Image.EXEC, text.permissions());
        assertEquals(0x20000, data.address());
        assertEquals(Image.READ | Image.WRITE, data.permissions());
        assertEquals("02 00 00 60 " // br:j +8: opcode 0x60, offset 2 words
                + "00 50 33 00 " // add:sq r3, r5, r3: 0x00 ra=3 rb=3 rc=5
                + "00 00 20 c0 00 00 02 00 " // mov:sd $0x20000, r2: 0xc0 ra=2, then the immediate word
                + "fc ff 12 53 " // br:le r1, r2, -16: 0x53 ra=1 rb=2 offset -4 words
                + "00 00 00 70", hex(text.bytes())); // sys
        assertEquals("68 69 0a", hex(data.bytes()));
        assertEquals(0x10000, image.entry(), "without _start the entry is the start of .text");
        assertEquals(0x10008L, image.symbols().get("forward"));
        assertEquals(0x20000L, image.symbols().get("message"));
    }

    @Test
    void theSeedsLoopWithRegisterNamesAndAForwardConstant() throws Exception {
        Image image = assemble("""
                        .reg    a, r8
                        .reg    i, r9
                        .reg    test_limit, r10
                        .text
                        nop
                _start: mov:sd  $LIMIT, test_limit
                loop_start: br:le test_limit, i, exit
                        add:sq  a, i, a
                        add:sq  i, $1, i
                        br:j    loop_start
                exit:   sys
                        .equ    LIMIT, 6 * 7
                """);
        assertEquals(0x10004, image.entry(), "_start is the entry");
        IsaModel model = Seed64.model();
        List<String> listing = disassemble(model, image.segment(".text"));
        assertEquals(List.of("nop", "mov:sd $42, r10", "br:le r10, r9, 0x10020", "add:sq r8, r9, r8",
                "add:sq r9, $1, r9", "br:j 0x1000c", "sys"), listing);
    }

    @Test
    void dataDirectivesAreLittleEndianWithCEscapes() throws Exception {
        Image image = assemble("""
                        .data
                        .org    0x30000
                b:      .byte   1, -1, 'A', 0xff
                h:      .half   0x1234, -2
                w:      .word   0x89abcdef
                q:      .quad   q, -1
                s:      .asciz  "a\\tb\\x41\\101\\\\\\"#;"
                        .align  8
                after:  .space  3, 0x55
                        .equ    SIZE, after - b
                        .byte   SIZE, (SIZE + 2) / 2 - 1
                        .short  'z' - 'a'
                """);
        Image.Segment data = image.segment(".data");
        assertNull(image.segment(".text"), "no code: no .text segment");
        assertEquals(0x30000, data.address());
        assertEquals("01 ff 41 ff " + "34 12 fe ff " + "ef cd ab 89 "
                + "0c 00 03 00 00 00 00 00 " + "ff ff ff ff ff ff ff ff "
                + "61 09 62 41 41 5c 22 23 3b 00 " // a \t b A A \ " # ; NUL
                + "00 00 " // .align 8: 0x30026 -> 0x30028
                + "55 55 55 " + "28 14 " + "19 00", hex(data.bytes()));
        assertEquals(40L, image.symbols().get("SIZE"));
    }

    @Test
    void dataMovesAboveALargeText() throws Exception {
        Image image = assemble("""
                        nop
                        .space  0x10000
                        .data
                d:      .quad   d
                """);
        assertEquals(0x21000, image.segment(".data").address(), "the page after the text");
        assertEquals(0x21000L, image.symbols().get("d"));
    }

    @Test
    void orgPlacesASectionAndLabelsStandAlone() throws Exception {
        Image image = assemble("""
                        .section .text
                        .org    0x400000
                        .global _start
                _start:
                        call    f
                        sys
                f:
                        ret
                """);
        assertEquals(0x400000, image.segment(".text").address());
        assertEquals(0x400000, image.entry());
        assertEquals(List.of("call 0x400008", "sys", "ret"), disassemble(Seed64.model(), image.segment(".text")));
    }

    @Test
    void theAssemblerIsGeneratedForAnyDescription() throws Exception {
        Image image = new SourceAssembler(Seed64.riscv64()).assemble("r.s", """
                        .text
                _start: addi    a0, zero, 42
                        addi    a7, zero, 93
                        c.li    a1, 1
                        beq     a0, a1, _start
                        ecall
                """);
        assertEquals("13 05 a0 02 " + "93 08 d0 05 " + "85 45 " + "e3 0b b5 fe " + "73 00 00 00",
                hex(image.segment(".text").bytes()));
    }

    private static List<String> disassemble(IsaModel model, Image.Segment text) {
        DecodeTree tree = new DecodeTree(model);
        Disassembler printer = new Disassembler(model);
        List<String> out = new ArrayList<>();
        byte[] b = text.bytes();
        int at = 0;
        while (at < b.length) {
            DecodeTree.ParcelSource source = a -> (b[(int) (a - text.address())] & 0xff)
                    | (b[(int) (a - text.address()) + 1] & 0xff) << 8;
            long pc = text.address() + at;
            long first = DecodeTree.fetchWord(source, pc, model.minLength());
            int length = model.lengthOf(first);
            long word = DecodeTree.fetchWord(source, pc, length);
            Instruction insn = tree.decode(word, length);
            assertNotNull(insn, "undecodable at 0x" + Long.toHexString(pc));
            out.add(printer.print(insn, word, pc));
            at += length / 8;
        }
        return out;
    }

    // ---- one test per diagnostic -----------------------------------------------------------------------------

    @Test
    void unknownInstruction() throws Exception {
        assertError("t.s:2:9: unknown instruction 'frob'", "        nop\n        frob r1, r2\n");
    }

    @Test
    void badOperands() throws Exception {
        assertError("t.s:1:16: operands do not match 'add:sq {rb}, {rc}, {ra}' or 'add:sq {rb}, ${simm}, {ra}'",
                "        add:sq r1, r2");
    }

    @Test
    void unknownRegister() throws Exception {
        assertError("t.s:1:19: unknown register 'r16'", "        mov:q r1, r16");
    }

    @Test
    void unknownLabelAsABranchTarget() throws Exception {
        assertError("t.s:1:14: unknown label 'nowhere'", "        br:j nowhere");
    }

    @Test
    void unknownLabelAsAnImmediate() throws Exception {
        assertError("t.s:1:19: unknown label 'nowhere'", "        mov:sd $4+nowhere, r1");
    }

    @Test
    void unknownLabelInData() throws Exception {
        assertError("t.s:2:18: unknown label 'nowhere'", "        .data\n        .quad 1, nowhere");
    }

    @Test
    void duplicateLabel() throws Exception {
        assertError("t.s:3:1: duplicate label 'again' (first defined at t.s:1:1)", "again:\n        nop\nagain:  nop");
    }

    @Test
    void labelThatIsARegisterName() throws Exception {
        assertError("t.s:1:1: 'sp' is a register name: choose another name", "sp:     nop");
    }

    @Test
    void immediateOutOfRange() throws Exception {
        assertError("t.s:1:17: simm: 2147483648 is out of range for a 32-bit signed value",
                "        mov:sd $2147483648, r1");
    }

    @Test
    void unsignedImmediateOutOfRange() throws Exception {
        assertError("t.s:1:17: uimm: -1 is out of range for a 32-bit value", "        mov:ud $-1, r1");
    }

    @Test
    void branchTargetOutOfRange() throws Exception {
        assertError("t.s:1:14: boff: 131076 is out of range for a 18-bit signed value",
                "        br:e r1, r2, far\n        .space 0x20000\nfar:    nop");
    }

    @Test
    void dataValueOutOfRange() throws Exception {
        assertError("t.s:1:18: value 256 is out of range for .byte (-128 to 255)", "        .byte 1, 256");
    }

    @Test
    void numberWiderThan64Bits() throws Exception {
        assertError("t.s:1:15: value 0x10000000000000000 is out of range (more than 64 bits)",
                "        .quad 0x10000000000000000");
    }

    @Test
    void badNumber() throws Exception {
        assertError("t.s:1:15: bad number '12z'", "        .byte 12z");
    }

    @Test
    void unknownDirective() throws Exception {
        assertError("t.s:1:9: unknown directive '.frob'", "        .frob 1");
    }

    @Test
    void badStringEscape() throws Exception {
        assertError("t.s:1:18: bad escape '\\q' in string", "        .ascii \"a\\qb\"");
    }

    @Test
    void unterminatedString() throws Exception {
        assertError("t.s:1:16: unterminated string", "        .ascii \"abc");
    }

    @Test
    void orgAfterCode() throws Exception {
        assertError("t.s:2:9: .org must come before any code or data of .text: it places the section",
                "        nop\n        .org 0x40000");
    }

    @Test
    void layoutValueDefinedLater() throws Exception {
        assertError("t.s:1:16: unknown label 'n' (.space needs a value defined before it)",
                "        .space n\n        .equ n, 4");
    }

    @Test
    void alignmentNotAPowerOfTwo() throws Exception {
        assertError("t.s:1:16: alignment 6 is not a power of two from 1 to 65536", "        .align 6");
    }

    @Test
    void registerNameForAnUnknownRegister() throws Exception {
        assertError("t.s:1:17: unknown register 'r20'", "        .reg x, r20");
    }

    @Test
    void wrongNumberOfArguments() throws Exception {
        assertError("t.s:1:9: .equ needs 2 arguments", "        .equ N");
    }

    @Test
    void overlappingSections() throws Exception {
        assertError("t.s:1:1: sections .text (0x10000-0x10004) and .data (0x10000-0x10001) overlap",
                "        nop\n        .data\n        .org 0x10000\n        .byte 1");
    }

    @Test
    void everyMistakeIsReportedInLineOrder() throws Exception {
        List<String> found = errors("""
                        .frob
                x:      nop
                        br:j    y
                x:      .byte   300
                        .ascii  "\\z"
                """);
        assertEquals(List.of("t.s:1:9: unknown directive '.frob'",
                "t.s:3:17: unknown label 'y'",
                "t.s:4:1: duplicate label 'x' (first defined at t.s:2:1)",
                "t.s:4:17: value 300 is out of range for .byte (-128 to 255)",
                "t.s:5:18: bad escape '\\z' in string"), found);
        for (String d : found) {
            assertTrue(d.matches("t\\.s:\\d+:\\d+: .+"), d);
        }
    }
}
