package dbt.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Formatting of the {@code dbt bench} table, from made-up measurements (nothing is run). */
class BenchTableTest {

    static BenchResult row(String name, double nat, double qemu, double dbt, double inRegions) {
        return new BenchResult(name, List.of("10"), Measurement.ok(nat), Measurement.ok(qemu), Measurement.ok(dbt),
                Measurement.ok(0.75), List.of("1"), Double.NaN, inRegions, Measurement.ok(1.5 * dbt));
    }

    static List<BenchResult> fakeRows() {
        return List.of(
                row("loop", 0.5, 1.0, 2.0, 100),     // qemu 2x, dbt 4x, dbt/qemu 2x
                row("fib", 0.25, 2.0, 0.5, 38.84),   // qemu 8x, dbt 2x, dbt/qemu 0.25x
                new BenchResult("sieve", List.of("80"), Measurement.ok(1.0), Measurement.ok(3.0),
                        Measurement.of(Measurement.Status.MISMATCH, "stdout line 1: expected 'a', got 'b'"),
                        Measurement.of(Measurement.Status.SKIPPED, ""), List.of()));
    }

    @Test
    void ratiosAndGeometricMeans() {
        BenchTable t = new BenchTable(fakeRows());
        assertEquals(4.0, t.rows().get(0).dbtVsNative().getAsDouble(), 1e-12);
        assertEquals(0.25, t.rows().get(1).dbtVsQemu().getAsDouble(), 1e-12);
        assertTrue(t.rows().get(2).dbtVsNative().isEmpty(), "no ratio for a mismatching run");
        assertEquals(Math.sqrt(4.0 * 2.0), t.geomeanDbtVsNative().getAsDouble(), 1e-12);
        assertEquals(Math.cbrt(2.0 * 8.0 * 3.0), t.geomeanQemuVsNative().getAsDouble(), 1e-12);
        assertEquals(Math.sqrt(2.0 * 0.25), t.geomeanDbtVsQemu().getAsDouble(), 1e-12);
        assertTrue(t.rows().get(2).bad());
        assertFalse(t.rows().get(0).bad());
    }

    @Test
    void textTableIsAligned() {
        String text = new BenchTable(fakeRows()).text();
        List<String> lines = text.lines().toList();
        assertEquals(7, lines.size(), text); // header, rule, 3 rows, rule, geomean
        assertEquals("benchmark  args  native s  qemu s     dbt s  dbt/native  dbt/qemu  qemu/native  dbt 1st s"
                        + "  1st/native  in regions  interp s  interp MIPS  interp args",
                lines.get(0));
        assertTrue(lines.get(1).matches("-+"), lines.get(1));
        assertEquals(lines.get(0).length(), lines.get(1).length());
        assertEquals("loop       10       0.500   1.000     2.000        4.00      2.00         2.00      3.000"
                        + "        6.00      100.0%     0.750               1",
                lines.get(2));
        assertEquals("sieve      80       1.000   3.000  MISMATCH           -         -         3.00    skipped"
                        + "           -           -   skipped",
                lines.get(4));
        assertTrue(lines.get(6).startsWith("geomean "), lines.get(6));
        assertTrue(lines.get(6).contains("2.83"), lines.get(6)); // sqrt(8)
        // numbers are right-aligned: every data row ends its native column at the same place
        int end = lines.get(0).indexOf("native s") + "native s".length();
        for (int i = 2; i <= 4; i++) {
            assertTrue(Character.isDigit(lines.get(i).charAt(end - 1)), lines.get(i));
            assertEquals(' ', lines.get(i).charAt(end));
        }
    }

    @Test
    void markdownTable() {
        String md = new BenchTable(fakeRows()).markdown();
        List<String> lines = md.lines().toList();
        assertEquals("| benchmark | args | native s | qemu s | dbt s | dbt/native | dbt/qemu | qemu/native "
                + "| dbt 1st s | 1st/native | in regions | interp s | interp MIPS | interp args |", lines.get(0));
        assertEquals("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|", lines.get(1));
        assertEquals("| fib | 10 | 0.250 | 2.000 | 0.500 | 2.00 | 0.25 | 8.00 | 0.750 | 3.00 | 38.8% | 0.750 |  | 1 |",
                lines.get(3));
        assertEquals("| **geomean** |  |  |  |  | **2.83** | **0.71** | **3.63** |  | **4.24** |  |  |  |  |",
                lines.get(5)); // (4.24: sqrt(6 * 3))
        assertEquals(6, lines.size());
    }

    @Test
    void interpreterColumnsDisappearWhenNothingRanOnIt() {
        Measurement skipped = Measurement.of(Measurement.Status.SKIPPED, "");
        BenchResult r = new BenchResult("loop", List.of(), Measurement.ok(1), Measurement.of(
                Measurement.Status.UNAVAILABLE, ""), Measurement.ok(3), skipped, List.of());
        BenchTable t = new BenchTable(List.of(r));
        assertFalse(t.showsInterp());
        assertEquals(List.of("benchmark", "args", "native s", "qemu s", "dbt s", "dbt/native", "dbt/qemu",
                "qemu/native", "dbt 1st s", "1st/native", "in regions"), t.headers());
        assertEquals(List.of("loop", "", "1.000", "n/a", "3.000", "3.00", "-", "-", "skipped", "-", "-"),
                t.cells().get(0));
        assertTrue(t.problems().isEmpty(), t.problems().toString());
    }

    @Test
    void theInterpreterColumnsShowItsGuestMips() {
        BenchResult rated = new BenchResult("loop", List.of("10"), Measurement.ok(1), Measurement.ok(2),
                Measurement.ok(3), Measurement.ok(0.5), List.of("1"), 123.45, Double.NaN, Measurement.ok(4));
        BenchResult failed = new BenchResult("fib", List.of("10"), Measurement.ok(1), Measurement.ok(2),
                Measurement.ok(3), Measurement.of(Measurement.Status.FAILED, "exit status 1"), List.of("1"), 99,
                Double.NaN, Measurement.ok(4));
        BenchTable t = new BenchTable(List.of(rated, failed));
        int column = t.headers().indexOf("interp MIPS");
        assertEquals(t.headers().indexOf("interp s") + 1, column);
        assertEquals("123.5", t.cells().get(0).get(column));
        assertEquals("", t.cells().get(1).get(column), "no rate for a failed run");
        assertEquals(t.headers().size(), t.cells().get(2).size(), "the geomean row has every column");
    }

    @Test
    void theRegionColumnShowsTheShareOrADash() {
        BenchTable t = new BenchTable(fakeRows());
        int column = t.headers().indexOf("in regions");
        assertEquals(t.headers().indexOf("1st/native") + 1, column);
        assertEquals("100.0%", t.cells().get(0).get(column));
        assertEquals("38.8%", t.cells().get(1).get(column));
        assertEquals("-", t.cells().get(2).get(column), "no statistics: a dash");
        assertEquals("", t.cells().get(3).get(column), "no mean of shares");
        assertTrue(t.markdown().lines().toList().get(2).endsWith("| 2.00 | 3.000 | 6.00 | 100.0% | 0.750 |  | 1 |"),
                t.markdown());
    }

    @Test
    void interpreterStatisticsGiveTheRate() {
        String err = "dbt: interpreted 60,022,987 guest instructions in 746 blocks, 2.143 s (28.0 M instructions/s); "
                + "20,007,315 block runs, 3.0 instructions each\ndbt: start-up 340 ms, run 1.997 s\n";
        assertEquals(28.0, InterpRate.mips(err).getAsDouble(), 1e-12);
        String withCpu = "dbt: interpreted 60,022,987 guest instructions in 746 blocks, 2.143 s (28.0 M instructions/s; "
                + "1.950 s of CPU in the guest's thread); 20,007,315 block runs, 3.0 instructions each\n";
        assertEquals(28.0, InterpRate.mips(withCpu).getAsDouble(), 1e-12);
        assertTrue(InterpRate.mips("dbt: start-up 340 ms, run 1.997 s").isEmpty());
    }

    @Test
    void problemsNameTheBenchmarkAndRunner() {
        List<String> problems = new BenchTable(fakeRows()).problems();
        assertEquals(List.of("sieve, dbt: MISMATCH: stdout line 1: expected 'a', got 'b'"), problems);
        BenchResult skipped = new BenchResult("big", List.of(), Measurement.ok(1), Measurement.ok(2), Measurement.ok(3),
                Measurement.of(Measurement.Status.SKIPPED, "too slow"), List.of());
        BenchTable t = new BenchTable(List.of(skipped));
        assertTrue(t.problems().isEmpty());
        assertEquals(List.of("big, dbt --interp: skipped: too slow"), t.skips());
    }

    @Test
    void benchmarkInputsComeFromTheSourceHeader() {
        Benchmark b = Benchmark.parse(Path.of("bench/programs/sieve.c"), """
                /* sieve.c -- ...
                 * bench-args: 80 4000000
                 * bench-quick-args: 8
                 * bench-interp-args: 1 200000
                 */
                int main(void) { return 0; }
                """);
        assertEquals("sieve", b.name());
        assertEquals(List.of("80", "4000000"), b.args(false));
        assertEquals(List.of("8"), b.args(true));
        assertEquals(List.of("1", "200000"), b.interpArgs());

        Benchmark skip = Benchmark.parse(Path.of("x.c"), "// bench-args: 5\n// bench-interp-args: skip\n");
        assertEquals(List.of("5"), skip.args(true));
        assertEquals(null, skip.interpArgs());
    }

    @Test
    void options() throws Exception {
        BenchOptions d = BenchOptions.parse(List.of());
        assertEquals(3, d.runs());
        assertFalse(d.quick());
        BenchOptions q = BenchOptions.parse(List.of("--quick", "--only", "fib,loop", "--out=/tmp/x"));
        assertEquals(1, q.runs());
        assertEquals(List.of("fib", "loop"), q.only());
        assertEquals(Path.of("/tmp/x"), q.out());
        assertEquals(5, BenchOptions.parse(List.of("--quick", "--runs", "5")).runs());
        assertEquals(null, BenchOptions.parse(List.of("--help")));
        for (List<String> bad : List.of(List.of("--runs", "0"), List.of("--runs"), List.of("--frob"),
                List.of("--only", ","))) {
            try {
                BenchOptions.parse(bad);
                throw new AssertionError("accepted " + bad);
            } catch (BenchOptions.BadUsage expected) {
                // good
            }
        }
    }
}
