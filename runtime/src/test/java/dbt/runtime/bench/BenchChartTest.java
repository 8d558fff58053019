package dbt.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart writer produces a real PNG of the requested size from made-up results (nothing is run). */
class BenchChartTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void writesAPngOfTheRequestedSize(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("sub").resolve("bench.png");
        BenchChart.write(new BenchTable(BenchTableTest.fakeRows()), "fake data", png, 900, 450);

        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO cannot read the PNG back");
        assertEquals(900, image.getWidth());
        assertEquals(450, image.getHeight());
        assertTrue(containsColour(image, BenchChart.DBT.getRGB()), "no dbt bar drawn");
        assertTrue(containsColour(image, BenchChart.QEMU.getRGB()), "no qemu bar drawn");
    }

    @Test
    void copesWithNoRatiosAtAll(@TempDir Path dir) throws Exception {
        Measurement failed = Measurement.of(Measurement.Status.FAILED, "exit status 139");
        BenchResult r = new BenchResult("x", List.of(), Measurement.ok(1), Measurement.of(
                Measurement.Status.UNAVAILABLE, ""), failed, Measurement.of(Measurement.Status.SKIPPED, ""), List.of());
        Path png = dir.resolve("bench.png");
        BenchChart.write(new BenchTable(List.of(r)), "", png, 320, 200);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(320, image.getWidth());
        assertEquals(200, image.getHeight());
    }

    static boolean containsColour(BufferedImage image, int argb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == (argb & 0xffffff)) {
                    return true;
                }
            }
        }
        return false;
    }
}
