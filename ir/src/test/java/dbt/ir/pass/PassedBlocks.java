package dbt.ir.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbt.ir.IrBlock;
import dbt.ir.IrParser;
import dbt.ir.IrPrinter;
import dbt.ir.IrVerifier;
import dbt.ir.Op;
import dbt.ir.random.InitialState;
import dbt.ir.random.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Blocks written with named values, run through passes and checked to behave as before from pairs of edge values. */
final class PassedBlocks {
    private PassedBlocks() {
    }

    /** The text with its named values numbered (the parser takes numbers), in order of definition. */
    static String renumbered(String text) {
        Map<String, String> names = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(%\\w+) =").matcher(text);
        while (m.find()) {
            names.putIfAbsent(m.group(1), "%" + names.size());
        }
        StringBuilder out = new StringBuilder();
        Matcher use = Pattern.compile("%\\w+").matcher(text);
        while (use.find()) {
            use.appendReplacement(out, names.get(use.group()));
        }
        use.appendTail(out);
        return out.toString();
    }

    static long count(IrBlock b, Op op) {
        return b.insts.stream().filter(i -> i.op == op).count();
    }

    /**
     * The block of text after the passes, checked to verify and to end as the block before them does, for registers
     * file:1 and file:2 given every pair of edges.
     */
    static IrBlock passed(String text, long[] edges, int file, Pass... passes) throws Exception {
        IrBlock block = IrParser.parse(text);
        for (Pass p : passes) {
            p.run(block);
        }
        assertEquals(List.of(), IrVerifier.verify(block), "after the passes:\n" + IrPrinter.print(block));
        for (long a : edges) {
            for (long b : edges) {
                InitialState s = InitialState.zero().withRegister(file, 1, a).withRegister(file, 2, b);
                assertEquals(Outcome.of(IrParser.parse(text), s), Outcome.of(block, s),
                        file + ":1 = 0x" + Long.toHexString(a) + ", " + file + ":2 = 0x" + Long.toHexString(b)
                                + ", after the passes:\n" + IrPrinter.print(block));
            }
        }
        return block;
    }
}
