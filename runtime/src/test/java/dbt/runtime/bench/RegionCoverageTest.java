package dbt.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The share run in regions, read from the statistics {@code dbt run --stats} prints on stderr. */
class RegionCoverageTest {
    private static final String STATS = """
            sieve 2 x 4000000: 283146 primes below 3999999, checksum 3
            dbt: translated 15 blocks (4 of them again, to enter a loop directly), 245 guest instructions, 9,204 host \
            bytes (37.6 bytes per guest instruction)
            dbt: regions: 8, covering 57 blocks (0 regions fell back to their first block); guest instructions run in \
            translated code (counted per block entered): 147,351,204, 38.8% of them in regions
            dbt: start-up 153 ms, run 0.451 s
            """;

    @Test
    void theStatisticsLineGivesTheShare() {
        assertEquals(38.8, RegionCoverage.percent(STATS).getAsDouble(), 1e-12);
        assertEquals(100.0, RegionCoverage.percent("dbt: regions: 1, covering 2 blocks (0 regions fell back to their "
                + "first block); guest instructions run in translated code (counted per block entered): 7, 100.0% of "
                + "them in regions").getAsDouble(), 1e-12);
    }

    @Test
    void aLocaleWithADecimalCommaIsRead() {
        assertEquals(38.8, RegionCoverage.percent(STATS.replace("147,351,204, 38.8%", "147.351.204, 38,8%"))
                .getAsDouble(), 1e-12);
        assertEquals(5.0, RegionCoverage.percent(STATS.replace("147,351,204, 38.8%", "147\u202f351\u202f204, 5,0%"))
                .getAsDouble(), 1e-12);
    }

    @Test
    void noLineOrNothingRunGivesNoShare() {
        assertTrue(RegionCoverage.percent("").isEmpty());
        assertTrue(RegionCoverage.percent("dbt: start-up 153 ms, run 0.451 s\n").isEmpty());
        assertTrue(RegionCoverage.percent(STATS.replace("147,351,204, 38.8%", "0, 0.0%")).isEmpty(),
                "no instruction ran in translated code");
        assertTrue(RegionCoverage.percent(STATS.replace("38.8%", "138.8%")).isEmpty(), "not a share");
        assertTrue(RegionCoverage.percent(STATS.substring(0, STATS.indexOf("38.8"))).isEmpty(), "cut short");
        assertTrue(RegionCoverage.percent("dbt: interpreted 60,022,987 guest instructions in 746 blocks, 2.143 s "
                + "(28.0 M instructions/s)").isEmpty());
    }

    @Test
    void aMissingFileGivesNoShare(@TempDir Path dir) {
        assertTrue(RegionCoverage.percent(dir.resolve("none.err")).isEmpty());
    }
}
