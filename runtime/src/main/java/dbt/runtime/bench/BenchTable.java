package dbt.runtime.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The results table of {@code dbt bench}: one row per benchmark (native, qemu, dbt and interpreter seconds, the
 * ratios dbt/native, qemu/native, dbt/qemu, and the share of dbt's guest instructions run in regions), then a row
 * with the geometric means of the ratios. Rendered as
 * aligned plain text for the terminal and as a markdown table for {@code results.md}.
 */
public final class BenchTable {
    static final String GEOMEAN = "geomean";
    /** The columns of names and arguments, left-aligned; the others hold numbers. */
    private static final List<String> LEFT_ALIGNED = List.of("benchmark", "args", "interp args");

    private final List<BenchResult> rows;
    private final boolean showInterp;

    public BenchTable(List<BenchResult> rows) {
        this.rows = List.copyOf(rows);
        this.showInterp = rows.stream().anyMatch(r -> r.interp().status() != Measurement.Status.SKIPPED);
    }

    public List<BenchResult> rows() {
        return rows;
    }

    /** Whether the interpreter columns are shown (not when every interpreter run was skipped, as with --quick). */
    public boolean showsInterp() {
        return showInterp;
    }

    public OptionalDouble geomeanQemuVsNative() {
        return geomean(BenchResult::qemuVsNative);
    }

    public OptionalDouble geomeanDbtVsNative() {
        return geomean(BenchResult::dbtVsNative);
    }

    public OptionalDouble geomeanDbtVsQemu() {
        return geomean(BenchResult::dbtVsQemu);
    }

    /** The geometric mean of a ratio over the rows where it exists. */
    OptionalDouble geomean(Function<BenchResult, OptionalDouble> ratio) {
        double logSum = 0;
        int n = 0;
        for (BenchResult r : rows) {
            OptionalDouble v = ratio.apply(r);
            if (v.isPresent() && v.getAsDouble() > 0) {
                logSum += Math.log(v.getAsDouble());
                n++;
            }
        }
        return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.exp(logSum / n));
    }

    public List<String> headers() {
        List<String> h = new ArrayList<>(List.of("benchmark", "args", "native s", "qemu s", "dbt s", "dbt/native",
                "dbt/qemu", "qemu/native", "dbt 1st s", "1st/native", "in regions"));
        if (showInterp) {
            h.add("interp s");
            h.add("interp MIPS");
            h.add("interp args");
        }
        return h;
    }

    /** The cells, row by row, the geometric-mean row last. */
    public List<List<String>> cells() {
        List<List<String>> out = new ArrayList<>();
        for (BenchResult r : rows) {
            List<String> c = new ArrayList<>(List.of(r.name(), String.join(" ", r.args()), r.nativeRun().cell(),
                    r.qemu().cell(), r.dbt().cell(), ratio(r.dbtVsNative()), ratio(r.dbtVsQemu()),
                    ratio(r.qemuVsNative()), r.dbtFirst().cell(), ratio(r.firstVsNative()), percent(r.inRegions())));
            if (showInterp) {
                c.add(r.interp().cell());
                c.add(r.interp().ok() && !Double.isNaN(r.interpMips())
                        ? String.format(Locale.ROOT, "%.1f", r.interpMips()) : "");
                c.add(r.interp().status() == Measurement.Status.SKIPPED ? "" : String.join(" ", r.interpArgs()));
            }
            out.add(c);
        }
        List<String> g = new ArrayList<>(List.of(GEOMEAN, "", "", "", "", ratio(geomeanDbtVsNative()),
                ratio(geomeanDbtVsQemu()), ratio(geomeanQemuVsNative()), "", ratio(geomean(BenchResult::firstVsNative)),
                ""));
        if (showInterp) {
            g.add("");
            g.add("");
            g.add("");
        }
        out.add(g);
        return out;
    }

    /** One line per runner that failed or disagreed with native, for the notes. */
    public List<String> problems() {
        return explain(true);
    }

    /** One line per runner that was skipped for a stated reason, for the notes. */
    public List<String> skips() {
        return explain(false);
    }

    private List<String> explain(boolean bad) {
        List<String> out = new ArrayList<>();
        for (BenchResult r : rows) {
            explain(out, bad, r.name(), "native", r.nativeRun());
            explain(out, bad, r.name(), "qemu-riscv64", r.qemu());
            explain(out, bad, r.name(), "dbt", r.dbt());
            explain(out, bad, r.name(), "dbt (first run)", r.dbtFirst());
            explain(out, bad, r.name(), "dbt --interp", r.interp());
        }
        return out;
    }

    private static void explain(List<String> out, boolean bad, String bench, String runner, Measurement m) {
        if (bad ? m.bad() : !m.ok() && !m.bad() && !m.detail().isEmpty()) {
            out.add(bench + ", " + runner + ": " + m.cell() + (m.detail().isEmpty() ? "" : ": " + m.detail()));
        }
    }

    /** Aligned plain text: names left-aligned, numbers right-aligned, a rule under the header and above the means. */
    public String text() {
        List<String> headers = headers();
        List<List<String>> cells = cells();
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headers.get(i).length();
            for (List<String> row : cells) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, headers, width);
        rule(sb, width);
        for (int r = 0; r < cells.size(); r++) {
            if (r == cells.size() - 1) {
                rule(sb, width);
            }
            line(sb, headers, cells.get(r), width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> headers, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                l.append("  ");
            }
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            l.append(LEFT_ALIGNED.contains(headers.get(i)) ? c + pad : pad + c);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    private static void rule(StringBuilder sb, int[] width) {
        int total = 2 * (width.length - 1);
        for (int w : width) {
            total += w;
        }
        sb.append("-".repeat(total)).append('\n');
    }

    /** The markdown table (the geometric-mean row in bold). */
    public String markdown() {
        List<String> headers = headers();
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", headers)).append(" |\n|");
        for (String h : headers) {
            sb.append(LEFT_ALIGNED.contains(h) ? "---|" : "---:|");
        }
        sb.append('\n');
        List<List<String>> cells = cells();
        for (int r = 0; r < cells.size(); r++) {
            boolean mean = r == cells.size() - 1;
            sb.append('|');
            for (String c : cells.get(r)) {
                String cell = c.replace("|", "\\|");
                sb.append(' ').append(mean && !cell.isEmpty() && !cell.equals("-") ? "**" + cell + "**" : cell).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String ratio(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.2f", v.getAsDouble()) : "-";
    }

    /** A percentage with one decimal, or "-" for NaN (not measured). */
    static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", v);
    }
}
