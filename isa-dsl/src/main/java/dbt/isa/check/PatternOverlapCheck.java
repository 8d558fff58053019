package dbt.isa.check;

import dbt.isa.model.Instruction;
import java.util.List;

/**
 * No instruction word may match two patterns, unless both sit in one {@code overlapping} group and one pattern is
 * strictly more specific (its fixed bits include all of the other's, and agree with them): the more specific one
 * wins when decoding. Anything else is ambiguous and diagnosed at the later instruction.
 */
final class PatternOverlapCheck {
    private final Diagnostics diagnostics;

    PatternOverlapCheck(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void check(List<Instruction> instructions, List<Integer> groups) {
        for (int j = 0; j < instructions.size(); j++) {
            Instruction b = instructions.get(j);
            for (int i = 0; i < j; i++) {
                Instruction a = instructions.get(i);
                if (a.length() != b.length() || ((a.match() ^ b.match()) & a.mask() & b.mask()) != 0) {
                    continue;
                }
                long example = a.match() | b.match();
                String word = "0x" + Long.toHexString(example);
                int group = groups.get(j);
                if (group == 0 || !groups.get(i).equals(group)) {
                    diagnostics.error(b.location(), "pattern of '" + b.name() + "' overlaps '" + a.name() + "' (defined at "
                            + a.location() + "); both match " + word + ": put them in an 'overlapping' group");
                } else if (a.mask() == b.mask() || ((a.mask() & b.mask()) != a.mask() && (a.mask() & b.mask()) != b.mask())) {
                    diagnostics.error(b.location(), "in an overlapping group, neither '" + a.name() + "' nor '" + b.name()
                            + "' is more specific (both match " + word + ")");
                }
            }
        }
    }
}
