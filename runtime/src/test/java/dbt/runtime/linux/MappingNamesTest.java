package dbt.runtime.linux;

import dbt.frontend.HostSyscall;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The named ranges of the memory map: cut by what unmaps part of them, with the file offsets following; a shared
 * range's backing descriptor stays open while any piece of it remains and is closed with the last.
 */
class MappingNamesTest {
    private static final int F_GETFD = 1;
    private static final long EBADF = 9;
    private static final long PAGE = 0x1000;
    private static final long START = 0x10_0000;

    private static boolean open(int fd) {
        return HostSyscall.call(HostSyscalls.FCNTL, fd, F_GETFD, 0, 0, 0, 0) >= 0;
    }

    @Test
    void forgettingThePiecesOfASharedRangeClosesItsBackingWithTheLast() {
        int fd = (int) HostSyscall.memfdCreate("mapping-names-test");
        assertTrue(fd >= 0);
        MappingNames names = new MappingNames();
        names.name(new MappingNames.Named(START, START + 4 * PAGE, 0x8000, 1, 2, "/dev/zero (deleted)", fd));

        names.forget(START + PAGE, START + 2 * PAGE); // a hole: two pieces hold the backing
        assertNull(names.at(START + PAGE));
        MappingNames.Named after = names.at(START + 3 * PAGE);
        assertEquals(START + 2 * PAGE, after.start());
        assertEquals(0x8000 + 2 * PAGE, after.offset());
        assertEquals(fd, after.backing());
        assertEquals(START + PAGE, names.boundaryAfter(START));
        assertEquals(START + 2 * PAGE, names.boundaryAfter(START + PAGE));
        assertTrue(open(fd));

        names.forget(START, START + PAGE);
        assertTrue(open(fd), "the piece above still maps it");
        names.name(START + 2 * PAGE, START + 4 * PAGE, 0, 1, 3, "/a/file"); // mapped over: the last piece goes
        assertEquals(-EBADF, HostSyscall.call(HostSyscalls.FCNTL, fd, F_GETFD, 0, 0, 0, 0));
        assertEquals(MappingNames.NO_BACKING, names.at(START + 2 * PAGE).backing());
        assertEquals(1, names.all().size());
    }
}
