package dbt.runtime.linux;

import dbt.frontend.GuestMemory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dbt.frontend.GuestMemory.READ;
import static dbt.runtime.linux.LinuxSyscallTable.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The calls of the topic files as the guest makes them, through {@link LinuxSyscalls#call}: what riscv_hwprobe
 * answers, the epoll_event and fd_set translations, SCM_RIGHTS both ways, prctl's names, and the refusals.
 */
class TopicCallsTest extends GuestCallsFixture {
    private static final long READ_ONLY = 0x200000;

    TopicCallsTest() {
        super(false);
        memory.map(READ_ONLY, GuestMemory.PAGE_SIZE, READ);
    }

    private long sys(int number, long... arguments) {
        call(number, 0, arguments);
        return result();
    }

    @Test
    void riscvHwprobeAnswersAsTheKernelForTheTranslatedExtensions() {
        long[] keys = {0, 1, 2, 3, 4, 5, 77, -5};
        for (int k = 0; k < keys.length; k++) {
            memory.store(BUF + 16L * k, 8, keys[k]);
            memory.store(BUF + 16L * k + 8, 8, 0x5555);
        }
        assertEquals(0, sys(SYS_RISCV_HWPROBE, BUF, keys.length, 0, 0, 0));
        long[] values = {0, 0, 0, 1, 1 | 2 | 8 | 16 | 32, 0, 0, 0};
        long[] keysAfter = {0, 1, 2, 3, 4, 5, -1, -1};
        for (int k = 0; k < keys.length; k++) {
            assertEquals(keysAfter[k], memory.load(BUF + 16L * k, 8), "key " + keys[k]);
            assertEquals(values[k], memory.load(BUF + 16L * k + 8, 8), "value of key " + keys[k]);
        }
        memory.store(BUF + 0x1000, 8, 0);
        assertEquals(-Errno.EINVAL, sys(SYS_RISCV_HWPROBE, BUF, 1, 8, BUF + 0x1000, 0), "an empty CPU set");
        memory.store(BUF + 0x1000, 8, 1);
        assertEquals(0, sys(SYS_RISCV_HWPROBE, BUF, 1, 8, BUF + 0x1000, 0), "CPU 0");
        assertEquals(-Errno.EFAULT, sys(SYS_RISCV_HWPROBE, READ_ONLY, 1, 0, 0, 0));
        assertEquals(-Errno.EINVAL, sys(SYS_RISCV_HWPROBE, BUF, 1, 0, 0, 1));
    }

    @Test
    void epollEventsAreConvertedBetweenTheTwoLayouts() {
        long efd = sys(SYS_EVENTFD2, 3, 0);
        long ep = sys(SYS_EPOLL_CREATE1, 0);
        assertTrue(efd >= 3 && ep >= 3);
        long event = BUF;
        memory.store(event, 4, 1); // EPOLLIN
        memory.store(event + 4, 4, 0xAAAA_AAAAL); // padding: never read
        memory.store(event + 8, 8, 0x0123_4567_89AB_CDEFL);
        assertEquals(0, sys(SYS_EPOLL_CTL, ep, 1, efd, event));
        long events = BUF + 0x100;
        memory.store(events + 4, 4, 0x7777_7777L);
        assertEquals(1, sys(SYS_EPOLL_PWAIT, ep, events, 4, 0, 0, 8));
        assertEquals(1, memory.load(events, 4), "EPOLLIN");
        assertEquals(0x7777_7777L, memory.load(events + 4, 4), "the padding is the guest's");
        assertEquals(0x0123_4567_89AB_CDEFL, memory.load(events + 8, 8), "the data word, at offset 8");
        assertEquals(-Errno.EINVAL, sys(SYS_EPOLL_PWAIT, ep, events, 0, 0, 0, 8));
        assertEquals(-Errno.EFAULT, sys(SYS_EPOLL_PWAIT, ep, READ_ONLY, 1, 0, 0, 8));
        assertEquals(-Errno.EBADF, sys(SYS_EPOLL_CTL, ep, 1, 999, event));
    }

    @Test
    void pselectSetsHoldGuestDescriptorNumbers() {
        long efd = sys(SYS_EVENTFD2, 1, 0); // readable
        long quiet = sys(SYS_EVENTFD2, 0, 0);
        long set = BUF;
        memory.store(set, 8, 1L << efd | 1L << quiet);
        long timeout = BUF + 0x100;
        memory.store(timeout, 8, 0);
        memory.store(timeout + 8, 8, 0);
        assertEquals(1, sys(SYS_PSELECT6, quiet + 1, set, 0, 0, timeout, 0));
        assertEquals(1L << efd, memory.load(set, 8));
        memory.store(set, 8, 1L << 40);
        assertEquals(-Errno.EBADF, sys(SYS_PSELECT6, 41, set, 0, 0, timeout, 0));
        assertEquals(-Errno.EFAULT, sys(SYS_PSELECT6, 8, READ_ONLY, 0, 0, timeout, 0), "a set must be writable");
    }

    @Test
    void scmRightsCarryGuestDescriptorsBothWays() {
        assertEquals(0, sys(SYS_SOCKETPAIR, 1, 1, 0, BUF)); // AF_UNIX, SOCK_STREAM
        long left = memory.load(BUF, 4);
        long right = memory.load(BUF + 4, 4);
        long passed = sys(SYS_EVENTFD2, 5, 0);
        long message = BUF + 0x100;
        long iov = BUF + 0x200;
        long data = BUF + 0x300;
        long control = BUF + 0x400;
        memory.store(data, 1, 'x');
        memory.store(iov, 8, data);
        memory.store(iov + 8, 8, 1);
        memory.store(control, 8, 20); // cmsg_len = CMSG_LEN(4)
        memory.store(control + 8, 4, 1); // SOL_SOCKET
        memory.store(control + 12, 4, 1); // SCM_RIGHTS
        memory.store(control + 16, 4, passed);
        header(message, iov, control, 24);
        assertEquals(1, sys(SYS_SENDMSG, left, message, 0));

        header(message, iov, control + 0x100, 64);
        memory.store(data, 1, 0);
        assertEquals(1, sys(SYS_RECVMSG, right, message, 0));
        assertEquals('x', memory.load(data, 1));
        assertEquals(24, memory.load(message + 40, 8), "msg_controllen");
        long received = memory.load(control + 0x100 + 16, 4);
        assertTrue(received > passed && received < 16, "a guest number: " + received);
        assertEquals(8, sys(SYS_READ, received, BUF + 0x800, 8));
        assertEquals(5, memory.load(BUF + 0x800, 8), "the eventfd that was sent");

        memory.store(control + 16, 4, 999);
        header(message, iov, control, 24);
        assertEquals(-Errno.EBADF, sys(SYS_SENDMSG, left, message, 0), "a descriptor the guest does not have");
    }

    private void header(long message, long iov, long control, long controlLength) {
        memory.store(message, 8, 0);
        memory.store(message + 8, 8, 0);
        memory.store(message + 16, 8, iov);
        memory.store(message + 24, 8, 1);
        memory.store(message + 32, 8, control);
        memory.store(message + 40, 8, controlLength);
        memory.store(message + 48, 4, 0);
    }

    @Test
    void prctlNamesAndRefusals() {
        byte[] name = "a-thread-name-longer-than-15\0".getBytes(StandardCharsets.US_ASCII);
        memory.write(BUF, name, 0, name.length);
        assertEquals(0, sys(SYS_PRCTL, 16, BUF + 0x100)); // PR_GET_NAME before any PR_SET_NAME
        assertEquals("guest-prog", memory.readCString(BUF + 0x100, 16));
        assertEquals(0, sys(SYS_PRCTL, 15, BUF));
        assertEquals(0, sys(SYS_PRCTL, 16, BUF + 0x100));
        assertEquals("a-thread-name-l", memory.readCString(BUF + 0x100, 16));
        assertEquals(1, sys(SYS_PRCTL, 3), "PR_GET_DUMPABLE");
        assertEquals(-Errno.EINVAL, sys(SYS_PRCTL, 4, 2), "PR_SET_DUMPABLE 2");
        assertEquals(-Errno.EINVAL, sys(SYS_PRCTL, 0x59616d61)); // PR_SET_PTRACER
        assertEquals(-Errno.EINVAL, sys(SYS_SETSOCKOPT, sys(SYS_SOCKET, 1, 1, 0), 1, 26, BUF, 16));
        assertEquals("dbt: unsupported: prctl option 1499557217\n"
                + "dbt: unsupported: setsockopt SOL_SOCKET option 26\n", warnings.toString());
        assertEquals(-Errno.EFAULT, sys(SYS_SENDTO, 0, 0x10, 4, 0, 0, 0), "a bad buffer");
    }
}
