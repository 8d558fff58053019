package dbt.runtime.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The second chart of {@code dbt bench}, drawn by JFreeChart: per benchmark a horizontal bar of 100% of the guest
 * instructions dbt ran in translated code, split into the share run in regions and the rest, run in single blocks
 * (the table's "in regions" column). A benchmark without statistics has no bar, and its label says so. It does not
 * show times: see BenchChart. Headless; written as PNG.
 */
public final class BenchCoverageChart {
    public static final int DEFAULT_WIDTH = 1000;

    static final Color REGIONS = BenchChart.DBT;
    static final Color BLOCKS = new Color(0xc8, 0xc8, 0xc8);
    private static final String REGIONS_SERIES = "in regions";
    private static final String BLOCKS_SERIES = "in single blocks";

    private BenchCoverageChart() {}

    /** A height that gives each benchmark's bar about 24 pixels, under the titles and above the axis and legend. */
    public static int height(BenchTable table) {
        return Math.max(300, 160 + 24 * table.rows().size());
    }

    /** Renders the chart of {@code table} and writes it to {@code png} (parent directories are created). */
    public static void write(BenchTable table, String subtitle, Path png, int width, int height) throws IOException {
        BenchChart.save(chart(table, subtitle), png, width, height);
    }

    static JFreeChart chart(BenchTable table, String subtitle) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (BenchResult r : table.rows()) {
            double share = r.inRegions();
            String label = r.name() + (Double.isNaN(share) ? " (no statistics)" : " " + BenchTable.percent(share));
            data.addValue(Double.isNaN(share) ? null : share, REGIONS_SERIES, label);
            data.addValue(Double.isNaN(share) ? null : 100 - share, BLOCKS_SERIES, label);
        }

        NumberAxis percent = new NumberAxis("% of the guest instructions run in translated code (main thread)");
        percent.setRange(0, 100);
        percent.setTickUnit(new NumberTickUnit(10));
        StackedBarRenderer bars = new StackedBarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, REGIONS);
        bars.setSeriesPaint(1, BLOCKS);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(), percent, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        return BenchChart.titled("dbt bench: where translated guest instructions ran", plot, subtitle);
    }
}
