package dbt.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coverage chart is a PNG of the requested size with both shares drawn, from made-up results. */
class BenchCoverageChartTest {

    @Test
    void drawsTheShareInRegionsAndInBlocks(@TempDir Path dir) throws Exception {
        BenchTable table = new BenchTable(BenchTableTest.fakeRows());
        Path png = dir.resolve("sub").resolve("bench-coverage.png");
        BenchCoverageChart.write(table, "fake data", png, 800, BenchCoverageChart.height(table));

        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO cannot read the PNG back");
        assertEquals(800, image.getWidth());
        assertEquals(BenchCoverageChart.height(table), image.getHeight());
        assertTrue(BenchChartTest.containsColour(image, BenchCoverageChart.REGIONS.getRGB()), "no region bar drawn");
        assertTrue(BenchChartTest.containsColour(image, BenchCoverageChart.BLOCKS.getRGB()), "no block bar drawn");
    }

    @Test
    void copesWithNoStatisticsAtAll(@TempDir Path dir) throws Exception {
        BenchResult r = new BenchResult("x", List.of(), Measurement.ok(1), Measurement.ok(2),
                Measurement.of(Measurement.Status.FAILED, "exit status 139"),
                Measurement.of(Measurement.Status.SKIPPED, ""), List.of());
        Path png = dir.resolve("bench-coverage.png");
        BenchCoverageChart.write(new BenchTable(List.of(r)), "", png, 320, 200);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(320, image.getWidth());
        assertEquals(200, image.getHeight());
    }
}
