package dbt.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.runtime.DbtChild;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest TCP server under dbt (in a child JVM) answering a host client: the guest binds 127.0.0.1 port 0, prints
 * the port the host gave it, waits for the connection with epoll, accepts it (accept4, SOCK_CLOEXEC), reads a line
 * and answers it in capitals. The client is this JVM's own {@link Socket}, so the guest's socket calls meet a real
 * peer on the host's network stack.
 */
class GuestTcpServerTest {
    private static final String SERVER = """
            #define _GNU_SOURCE
            #include <arpa/inet.h>
            #include <ctype.h>
            #include <fcntl.h>
            #include <stdio.h>
            #include <string.h>
            #include <sys/epoll.h>
            #include <sys/socket.h>
            #include <unistd.h>
            int main(void) {
                int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
                struct sockaddr_in a = {.sin_family = AF_INET};
                a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
                socklen_t len = sizeof a;
                if (ls < 0 || bind(ls, (struct sockaddr *) &a, sizeof a) || listen(ls, 1)
                        || getsockname(ls, (struct sockaddr *) &a, &len)) {
                    perror("server");
                    return 1;
                }
                printf("%d\\n", ntohs(a.sin_port));
                fflush(stdout);
                int ep = epoll_create1(EPOLL_CLOEXEC);
                struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0xfeedfacecafebeefULL};
                if (epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev) || epoll_wait(ep, &ev, 1, -1) != 1
                        || ev.data.u64 != 0xfeedfacecafebeefULL) {
                    perror("epoll");
                    return 2;
                }
                struct sockaddr_in peer;
                len = sizeof peer;
                int c = accept4(ls, (struct sockaddr *) &peer, &len, SOCK_CLOEXEC);
                if (c < 0 || !(fcntl(c, F_GETFD) & FD_CLOEXEC) || peer.sin_addr.s_addr != htonl(INADDR_LOOPBACK)) {
                    perror("accept4");
                    return 3;
                }
                char line[256];
                size_t n = 0;
                while (n < sizeof line - 1 && (n == 0 || line[n - 1] != '\\n')) {
                    ssize_t r = recv(c, line + n, sizeof line - 1 - n, 0);
                    if (r <= 0) {
                        return 4;
                    }
                    n += r;
                }
                char answer[300];
                int m = snprintf(answer, sizeof answer, "served: ");
                for (size_t i = 0; i < n; i++) {
                    answer[m++] = (char) toupper((unsigned char) line[i]);
                }
                if (send(c, answer, m, MSG_NOSIGNAL) != m || shutdown(c, SHUT_WR)) {
                    return 5;
                }
                close(c);
                close(ep);
                close(ls);
                return 0;
            }
            """;

    @TempDir
    static Path dir;
    private static Path server;

    @BeforeAll
    static void build() throws Exception {
        server = DbtChild.build(dir, "server", SERVER, "-static");
    }

    @Test
    @Timeout(180)
    void aHostClientTalksToAGuestServer() throws Exception {
        Path err = dir.resolve("err");
        Process dbt = DbtChild.dbt(server.toString()).redirectError(err.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(dbt.getInputStream(),
                StandardCharsets.UTF_8))) {
            String port = out.readLine();
            assertTrue(port != null && port.matches("[1-9][0-9]*"), "the port the guest printed: " + port + "\n"
                    + Files.readString(err));
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(port))) {
                socket.setSoTimeout(60_000);
                OutputStream request = socket.getOutputStream();
                request.write("ping from the host\n".getBytes(StandardCharsets.UTF_8));
                request.flush();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals("served: PING FROM THE HOST\n", answer);
            }
            assertTrue(dbt.waitFor(60, TimeUnit.SECONDS), "the guest server did not end");
            assertEquals(0, dbt.exitValue(), Files.readString(err));
        } finally {
            dbt.destroyForcibly();
        }
    }
}
