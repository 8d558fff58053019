package dbt.x86.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * The listing an {@link Assembler} keeps when asked to ({@link Assembler#Assembler(boolean)}), and the one place
 * that turns operands into text, in objdump's Intel syntax (see {@link ListingEntry} for the format).
 *
 * <p>Every instruction is recorded after its bytes are emitted: it spans from the end of the previous instruction
 * ({@code mark}) to the current end of the code. So each public {@link Assembler} method that emits one instruction
 * records exactly one entry, and one that emits several (nop padding) records one per instruction.
 *
 * <p>Operands are {@link Gp}, {@link Xmm}, {@link Ymm}, {@link Mem}, {@link Label}, or an already formatted
 * {@link String} (immediates and addresses, see {@link #imm} and {@link #hex}).
 */
final class Listing {
    /** The size keyword of a memory operand, by its size in bytes. */
    private static final String[] PTR =
            {null, "BYTE PTR ", "WORD PTR ", null, "DWORD PTR ", null, null, null, "QWORD PTR ", null, null, null, null,
                null, null, null, "XMMWORD PTR ", null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, "YMMWORD PTR "};

    private final List<ListingEntry> entries = new ArrayList<>();
    /** The end of the last recorded instruction: where the next one starts. */
    private int mark;

    Listing(int start) {
        mark = start;
    }

    void comment(String text, int offset) {
        entries.add(new ListingEntry(offset, 0, "; " + text));
    }

    void label(Label label, int offset) {
        entries.add(new ListingEntry(offset, 0, label + ":"));
    }

    /** Records the instruction that ends at {@code end} and started where the previous one ended. */
    void instruction(int end, String mnemonic, Object... operands) {
        entries.add(new ListingEntry(mark, end - mark, text(mnemonic, operands)));
        mark = end;
    }

    List<ListingEntry> entries() {
        return List.copyOf(entries);
    }

    // ---- text ----

    /** {@code mnemonic op1, op2, ...}; {@code lea} takes an address, so its memory operand has no size. */
    static String text(String mnemonic, Object... operands) {
        StringBuilder s = new StringBuilder(mnemonic);
        boolean withPtr = !mnemonic.equals("lea");
        for (int i = 0; i < operands.length; i++) {
            s.append(i == 0 ? " " : ", ").append(operand(operands[i], withPtr));
        }
        return s.toString();
    }

    private static String operand(Object op, boolean withPtr) {
        return switch (op) {
            case Mem m -> mem(m, withPtr);
            case Gp r -> r.toString();
            case Xmm x -> x.toString();
            case Ymm y -> y.toString();
            case Label l -> l.toString();
            case String s -> s;
            default -> throw new IllegalArgumentException("not an operand: " + op);
        };
    }

    /**
     * A memory operand as objdump prints it: {@code QWORD PTR [base+index*scale+disp]}, the displacement shown when
     * it is encoded (non-zero, or no base, or rbp/r13 as base, which take an explicit 0), {@code ds:0x58} for an
     * absolute address, {@code [rip+L3+0x8]} for a label.
     */
    static String mem(Mem m, boolean withPtr) {
        StringBuilder s = new StringBuilder(32);
        if (withPtr) {
            s.append(PTR[m.size()]);
        }
        if (m.ripTarget() != null) {
            s.append("[rip+").append(m.ripTarget());
            if (m.disp() != 0) {
                signedHex(s, m.disp());
            }
            return s.append(']').toString();
        }
        Gp base = m.base();
        Gp index = m.index();
        if (base == null && index == null) {
            return s.append("ds:").append(hex(m.disp())).toString();
        }
        s.append('[');
        if (base != null) {
            s.append(base);
        }
        if (index != null) {
            s.append(base != null ? "+" : "").append(index).append('*').append(m.scale());
        }
        if (m.disp() != 0 || base == null || base.low3() == 0b101) {
            signedHex(s, m.disp());
        }
        return s.append(']').toString();
    }

    /** An immediate applied to an operand of {@code size} bytes: its value at that width, in hex. */
    static String imm(long value, int size) {
        return hex(size == 8 ? value : value & ((1L << (size * 8)) - 1));
    }

    /** The width in bytes of a register or memory operand, which an immediate is printed at. */
    static int sizeOf(Object op) {
        return switch (op) {
            case Gp r -> r.size();
            case Mem m -> m.size();
            default -> throw new IllegalArgumentException("no size: " + op);
        };
    }

    /** {@code 0x...}, the 64-bit two's complement for a negative value (as objdump prints addresses). */
    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    private static void signedHex(StringBuilder s, int disp) {
        s.append(disp < 0 ? "-0x" : "+0x").append(Long.toHexString(Math.abs((long) disp)));
    }
}
