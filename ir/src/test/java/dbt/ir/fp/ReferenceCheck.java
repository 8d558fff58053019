package dbt.ir.fp;

import static org.junit.jupiter.api.Assertions.fail;

import dbt.ir.fp.ExactReference.R;
import java.util.ArrayList;
import java.util.List;

/** Compares implementation results (bits and flags) with {@link ExactReference}, collecting the first mismatches. */
final class ReferenceCheck {
    private final String what;
    private final List<String> mismatches = new ArrayList<>();
    private int failures;
    int checks;

    ReferenceCheck(String what) {
        this.what = what;
    }

    /** The implementation's result bits and flags against the reference's, for the operands described by args. */
    void compare(long bits, int flags, R expected, String args) {
        checks++;
        if (bits != expected.bits() || flags != expected.flags()) {
            failures++;
            if (mismatches.size() < 15) {
                mismatches.add(String.format("%s(%s): got 0x%x %s, expected %s", what, args, bits,
                        FloatFlags.describe(flags), expected));
            }
        }
    }

    void done() {
        if (failures != 0) {
            fail(failures + " of " + checks + " " + what + " results differ from the exact reference:\n  "
                    + String.join("\n  ", mismatches));
        }
    }

    static String hex(long... xs) {
        StringBuilder s = new StringBuilder();
        for (long x : xs) {
            s.append(s.isEmpty() ? "" : ", ").append(String.format("0x%x", x));
        }
        return s.toString();
    }
}
