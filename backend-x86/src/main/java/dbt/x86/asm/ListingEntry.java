package dbt.x86.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of an {@link Assembler#listing() assembler listing}: an instruction, a label bound at an offset, or a
 * comment ({@link Assembler#comment}, text starting with "; ").
 *
 * <p>An instruction's text is what {@code objdump -d -M intel} prints for its bytes, with one space after the
 * mnemonic and after each comma: {@code mov rax, QWORD PTR [r15+0x58]}, {@code cmp rdx, 0x100000},
 * {@code movzx eax, BYTE PTR [r14+rcx*1]}. Immediates are in hex, as wide as the operand they apply to (so
 * {@code add rax, -1} reads {@code add rax, 0xffffffffffffffff}); a jump or call to a host address shows the address
 * ({@code jne 0x7f0000001000}); a jump, call or RIP-relative operand that uses a label shows the label's name
 * ({@code jmp L3}, {@code lea rax, [rip+L3+0x8]}), where objdump would show the address it resolves to.
 *
 * @param offset where the instruction starts (or the label is bound), from the start of the code
 * @param length the instruction's length in bytes, at least 1; 0 for a label or a comment
 * @param text the instruction in Intel syntax, or the label's name followed by a colon ({@code L3:})
 */
public record ListingEntry(int offset, int length, String text) {
    public ListingEntry {
        if (offset < 0 || length < 0 || text == null) {
            throw new IllegalArgumentException("bad listing entry " + offset + "+" + length + ": " + text);
        }
    }

    /** Whether this entry is a label bind (length 0) rather than an instruction. */
    public boolean isLabel() {
        return length == 0;
    }

    /**
     * The listing as printable lines for code placed at {@code code.loadAddress()}: an instruction as its address,
     * bytes and text (objdump's layout), a label on a line of its own.
     *
     * <pre>
     * L0:
     *     7f0000001000:  49 8b 47 58                          mov rax, QWORD PTR [r15+0x58]
     *     7f0000001004:  75 fa                                jne L0
     * </pre>
     *
     * @param listing the listing of the assembler that produced {@code code}; entries beyond its end are left out
     */
    public static List<String> lines(List<ListingEntry> listing, AssembledCode code) {
        List<String> lines = new ArrayList<>(listing.size());
        byte[] bytes = code.bytes();
        for (ListingEntry e : listing) {
            if (e.offset() + e.length() > bytes.length) {
                continue;
            }
            if (e.isLabel()) {
                lines.add(e.text());
                continue;
            }
            StringBuilder hex = new StringBuilder(3 * e.length());
            for (int i = e.offset(); i < e.offset() + e.length(); i++) {
                hex.append(hex.isEmpty() ? "" : " ").append(Character.forDigit((bytes[i] >> 4) & 0xF, 16))
                        .append(Character.forDigit(bytes[i] & 0xF, 16));
            }
            lines.add(String.format("    %x:  %-35s  %s", code.loadAddress() + e.offset(), hex, e.text()));
        }
        return lines;
    }

    @Override
    public String toString() {
        return isLabel() ? text : String.format("%04x  %s", offset, text);
    }
}
