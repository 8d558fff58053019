package dbt.runtime.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.OptionalDouble;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The chart of {@code dbt bench}, drawn by JFreeChart: per benchmark (and for the geometric mean) a pair of bars,
 * the wall time of qemu-riscv64 and of dbt relative to native, on a logarithmic axis with a dashed line at 1 (native
 * speed). A ratio that could not be measured has no bar, and the benchmark's label says why. Headless; written as PNG.
 */
public final class BenchChart {
    public static final int DEFAULT_WIDTH = 1200;
    public static final int DEFAULT_HEIGHT = 600;

    static final Color QEMU = new Color(0x9a, 0x9a, 0x9a);
    static final Color DBT = new Color(0x1f, 0x77, 0xb4);
    private static final String QEMU_SERIES = "qemu-riscv64 / native";
    private static final String DBT_SERIES = "dbt / native";

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private BenchChart() {}

    /** Renders the chart of {@code table} and writes it to {@code png} (parent directories are created). */
    public static void write(BenchTable table, String subtitle, Path png, int width, int height) throws IOException {
        save(chart(table, subtitle), png, width, height);
    }

    /** Writes a chart to {@code png}, creating its parent directories (the bench's charts, headless). */
    static void save(JFreeChart chart, Path png, int width, int height) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
    }

    static JFreeChart chart(BenchTable table, String subtitle) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (BenchResult r : table.rows()) {
            String label = r.name() + why(r.qemuVsNative(), "qemu", r.qemu(), r.nativeRun())
                    + why(r.dbtVsNative(), "dbt", r.dbt(), r.nativeRun());
            add(data, QEMU_SERIES, label, r.qemuVsNative());
            add(data, DBT_SERIES, label, r.dbtVsNative());
        }
        add(data, QEMU_SERIES, BenchTable.GEOMEAN, table.geomeanQemuVsNative());
        add(data, DBT_SERIES, BenchTable.GEOMEAN, table.geomeanDbtVsNative());

        LogAxis ratio = new LogAxis("time relative to native (log scale; 1 = native speed)");
        ratio.setBase(2); // a tick at every doubling: 0.5, 1, 2, 4, 8, ...
        ratio.setTickUnit(new NumberTickUnit(1));
        ratio.setNumberFormatOverride(new DecimalFormat("0.###"));
        ratio.setLowerBound(Math.max(0.05, 0.8 * lowest(data)));
        ratio.setUpperBound(Math.max(2, 1.25 * highest(data)));
        CategoryAxis benchmarks = new CategoryAxis();
        benchmarks.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setItemMargin(0.05);
        bars.setSeriesPaint(0, QEMU);
        bars.setSeriesPaint(1, DBT);
        CategoryPlot plot = new CategoryPlot(data, benchmarks, ratio, bars);
        ValueMarker nativeSpeed = new ValueMarker(1.0, Color.DARK_GRAY,
                new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        plot.addRangeMarker(nativeSpeed);
        return titled("dbt bench: wall time relative to native (lower is better)", plot, subtitle);
    }

    /** The bench's look for a chart of plot: white, light grid lines, a bold title and the subtitle (if any). */
    static JFreeChart titled(String title, CategoryPlot plot, String subtitle) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xd0, 0xd0, 0xd0));
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        if (!subtitle.isEmpty()) {
            chart.addSubtitle(new TextTitle(subtitle));
        }
        return chart;
    }

    /** A bar, if the ratio was measured (no bar otherwise: a log axis has no place for 0). */
    private static void add(DefaultCategoryDataset data, String series, String label, OptionalDouble ratio) {
        data.addValue(ratio.isPresent() && ratio.getAsDouble() > 0 ? ratio.getAsDouble() : null, series, label);
    }

    /** For a ratio that is missing: " (runner: why)", naming the run that failed; else "". */
    private static String why(OptionalDouble ratio, String runner, Measurement m, Measurement nativeRun) {
        if (ratio.isPresent()) {
            return "";
        }
        Measurement culprit = m.ok() ? nativeRun : m;
        return " (" + runner + ": " + (culprit.status() == Measurement.Status.OK ? "n/a" : culprit.cell()) + ")";
    }

    private static double lowest(DefaultCategoryDataset data) {
        double low = 1;
        for (int r = 0; r < data.getRowCount(); r++) {
            for (int c = 0; c < data.getColumnCount(); c++) {
                Number v = data.getValue(r, c);
                low = v == null ? low : Math.min(low, v.doubleValue());
            }
        }
        return low;
    }

    private static double highest(DefaultCategoryDataset data) {
        double high = 1;
        for (int r = 0; r < data.getRowCount(); r++) {
            for (int c = 0; c < data.getColumnCount(); c++) {
                Number v = data.getValue(r, c);
                high = v == null ? high : Math.max(high, v.doubleValue());
            }
        }
        return high;
    }
}
