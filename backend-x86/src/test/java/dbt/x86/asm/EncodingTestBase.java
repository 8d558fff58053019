package dbt.x86.asm;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;

/**
 * Byte-exact encoder tests, one line per form: the expected bytes, then the calls that emit them, then (in a
 * {@code // gas:} comment) the GNU as source the expected bytes were assembled from. {@code src/test/gas/bless.py}
 * regenerates the hex from those comments; never edit it by hand.
 *
 * <p>Every mismatch of a test method is collected and reported together.
 */
abstract class EncodingTestBase {
    private final List<String> mismatches = new ArrayList<>();

    /** The calls, assembled at load address 0, must give {@code hex}. */
    void check(String hex, Consumer<Assembler> emit) {
        checkAt(0, hex, emit);
    }

    /** The calls, assembled for {@code loadAddress}, must give {@code hex}. */
    void checkAt(long loadAddress, String hex, Consumer<Assembler> emit) {
        String actual;
        try {
            actual = hex(assemble(loadAddress, emit).bytes());
        } catch (RuntimeException e) {
            actual = e.toString();
        }
        if (!actual.equals(hex)) {
            mismatches.add("expected " + hex + "\n     got " + actual + "\n      at " + caller());
        }
    }

    static AssembledCode assemble(long loadAddress, Consumer<Assembler> emit) {
        Assembler a = new Assembler();
        emit.accept(a);
        return a.finish(loadAddress);
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    @AfterEach
    void reportMismatches() {
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " encoding(s) differ from GNU as:\n" + String.join("\n", mismatches));
        }
    }

    private static String caller() {
        for (StackTraceElement e : new Throwable().getStackTrace()) {
            if (!e.getClassName().equals(EncodingTestBase.class.getName())) {
                return e.getFileName() + ":" + e.getLineNumber();
            }
        }
        return "?";
    }
}
