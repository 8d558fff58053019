package dbt.isa.asm;

import dbt.isa.model.Csr;
import dbt.isa.model.Field;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import dbt.isa.model.Template;

/**
 * Prints an instruction from its assembly template. Registers print by ABI name, CSRs by name, names-table
 * fields by name, immediates in decimal unless the template says {@code :x} (hex), {@code :xN} (the low N bits in
 * hex) or {@code :pc} (the target address, in hex). {@link Assembler} reads back exactly what this prints.
 */
public final class Disassembler {
    private final IsaModel model;

    public Disassembler(IsaModel model) {
        this.model = model;
    }

    public String print(Instruction insn, long word, long pc) {
        StringBuilder out = new StringBuilder();
        for (Template.Segment s : insn.template().segments()) {
            switch (s) {
                case Template.Text t -> out.append(t.text());
                case Template.Placeholder p -> out.append(operand(model.fields().get(p.field()), p, word, pc));
            }
        }
        return out.toString();
    }

    private String operand(Field f, Template.Placeholder p, long word, long pc) {
        long v = f.decode(word);
        return switch (f.kind()) {
            case Field.Register r -> model.registerFiles().get(r.file()).registerName((int) v);
            case Field.CsrNumber c -> {
                Csr csr = model.csrByNumber(v);
                yield csr != null ? csr.name() : "0x" + Long.toHexString(v);
            }
            case Field.Named n -> model.nameTables().get(n.table()).get((int) v);
            case Field.Flags fl -> flags(fl.letters(), v);
            case Field.Immediate i -> immediate(f, p, v, pc);
        };
    }

    static String flags(String letters, long v) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < letters.length(); k++) {
            if ((v >>> (letters.length() - 1 - k) & 1) != 0) {
                sb.append(letters.charAt(k));
            }
        }
        return sb.isEmpty() ? "0" : sb.toString();
    }

    private static String immediate(Field f, Template.Placeholder p, long v, long pc) {
        long signed = Field.signExtend(v, f.width());
        boolean isSigned = f.extension() == Field.Extension.SIGN;
        long value = isSigned ? signed : v;
        return switch (p.format()) {
            case DECIMAL -> isSigned ? Long.toString(value) : Long.toUnsignedString(value);
            case HEX -> value < 0 ? "-0x" + Long.toHexString(-value) : "0x" + Long.toHexString(value);
            case HEX_BITS -> "0x" + Long.toHexString(Field.truncate(value, p.bits()));
            case PC_RELATIVE -> "0x" + Long.toHexString(pc + value);
        };
    }
}
