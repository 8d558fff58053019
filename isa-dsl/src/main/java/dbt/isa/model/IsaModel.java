package dbt.isa.model;

import dbt.ir.FloatCsrs;
import java.util.List;

/**
 * A checked ISA description: immutable, and everything the decoder, printer, assembler, interpreter and
 * lifter derive their behaviour from. {@code wordWidth} is the width of addresses and of sext()/zext().
 * {@code abi} is the system-call register convention, or null when the description declares none.
 */
public record IsaModel(String name, int wordWidth, boolean littleEndian, List<RegisterFile> registerFiles,
                       String pcName, List<Csr> csrs, List<LengthRule> lengths, List<Field> fields,
                       List<List<String>> nameTables, List<Instruction> instructions, Abi abi) {

    /** A model without a system-call convention. */
    public IsaModel(String name, int wordWidth, boolean littleEndian, List<RegisterFile> registerFiles,
                    String pcName, List<Csr> csrs, List<LengthRule> lengths, List<Field> fields,
                    List<List<String>> nameTables, List<Instruction> instructions) {
        this(name, wordWidth, littleEndian, registerFiles, pcName, csrs, lengths, fields, nameTables, instructions,
                null);
    }

    /** Slots of stored CSRs in the guest state (a view shares the slot of the CSR it is part of). */
    public int csrSlots() {
        return csrs.stream().mapToInt(c -> c.slot() + 1).max().orElse(0);
    }

    /** The CSR with the given role (the floating-point flags or rounding mode), or null if none has it. */
    public Csr csrWithRole(Csr.Role role) {
        for (Csr c : csrs) {
            if (c.role() == role) {
                return c;
            }
        }
        return null;
    }

    /** Where the CSRs declared {@code float flags} and {@code float rounding} are, for whoever runs FLOAT ops. */
    public FloatCsrs floatCsrs() {
        Csr flags = csrWithRole(Csr.Role.FLOAT_FLAGS);
        Csr rounding = csrWithRole(Csr.Role.FLOAT_ROUNDING);
        return new FloatCsrs(flags == null ? -1 : flags.slot(), flags == null ? 0 : flags.shift(),
                rounding == null ? -1 : rounding.slot(), rounding == null ? 0 : rounding.shift(),
                rounding == null ? 0 : rounding.width());
    }

    public Csr csrByNumber(long number) {
        for (Csr c : csrs) {
            if (c.number() == number) {
                return c;
            }
        }
        return null;
    }

    public int minLength() {
        return lengths.stream().mapToInt(LengthRule::bits).min().orElse(32);
    }

    /** The instruction length (bits) given the first parcel of minLength() bits. */
    public int lengthOf(long firstParcel) {
        for (LengthRule r : lengths) {
            if (r.applies(firstParcel)) {
                return r.bits();
            }
        }
        return lengths.getLast().bits();
    }

    public Instruction instruction(String name) {
        for (Instruction i : instructions) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }
}
