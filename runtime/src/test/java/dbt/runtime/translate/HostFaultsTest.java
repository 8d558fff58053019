package dbt.runtime.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The fault handler's table, and that the JVM's own uses of SIGSEGV (implicit null checks in compiled code, stack
 * overflow detection) still work once our handler sits in front of the JVM's: a fault that is not ours must reach
 * the JVM unchanged, or this test process dies.
 */
class HostFaultsTest {
    @Test
    void sitesAreFoundUntilRemovedAcrossGrowth() {
        assertTrue(HostFaults.install(), "the handler installs in a normal JVM");
        long base = 0x7fff_1234_0000L;
        int n = 20_000; // several times the first table's capacity
        for (int i = 0; i < n; i++) {
            HostFaults.add(base + 7L * i, base + 1_000_000 + i);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(base + 1_000_000 + i, HostFaults.recoveryFor(base + 7L * i));
        }
        assertEquals(0, HostFaults.recoveryFor(base + 3), "an address that is no site");
        for (int i = 0; i < n; i += 2) {
            HostFaults.remove(base + 7L * i);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i % 2 == 0 ? 0 : base + 1_000_000 + i, HostFaults.recoveryFor(base + 7L * i));
        }
        for (int i = 1; i < n; i += 2) {
            HostFaults.remove(base + 7L * i);
        }
        assertEquals(0, HostFaults.recoveryFor(base + 7));
    }

    @Test
    void theJvmStillHandlesItsOwnNullChecks() {
        assertTrue(HostFaults.install());
        int[] array = new int[3];
        int caught = 0;
        long sum = 0;
        for (int i = 0; i < 300_000; i++) {
            try {
                sum += length(i % 100 == 0 ? null : array);
            } catch (NullPointerException e) {
                caught++;
            }
        }
        assertEquals(3_000, caught);
        assertEquals(3L * 297_000, sum);
    }

    @Test
    void theJvmStillHandlesStackOverflow() {
        assertTrue(HostFaults.install());
        for (int k = 0; k < 3; k++) {
            try {
                recurse(0);
            } catch (StackOverflowError e) {
                continue;
            }
            throw new AssertionError("unbounded recursion returned");
        }
    }

    private static int length(int[] a) {
        return a.length;
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
