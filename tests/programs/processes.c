/* processes.c: processes as real programs use them. One line per part:
 *   fork       fork + waitpid: a child's exit status, a child killed by SIGTERM;
 *   compute    a forked child keeps running the same program (no exec), sieves
 *              primes and returns the result through a pipe;
 *   pipes      a pipe each way: the parent streams 1000 numbers to the child,
 *              the child answers each; the child also prints a line itself;
 *   ids        getppid() in the child == the parent's getpid(), a new pid;
 *              setpgid/getpgid/getpgrp: the child leads its own process group;
 *   system     system("echo hello from system") and system("exit 3");
 *   popen      popen("echo popen-line", "r") and a pclose status; popen of
 *              "tr a-z A-Z" for writing;
 *   spawn      posix_spawn of /bin/echo with file actions redirecting its stdout
 *              into a pipe (and closing the read end); a missing program gives
 *              ENOENT;
 *   exec       execve("/bin/sh", -c 'exit 7') in a forked child: status 7;
 *              execve of a missing file fails with ENOENT; vfork + execve and
 *              vfork + _exit;
 *   sigchld    a SA_SIGINFO SIGCHLD handler counting four children, one at a
 *              time (sigsuspend), with si_code CLD_EXITED and si_status;
 *   wnohang    waitpid(WNOHANG) returns 0 while the child is blocked on a pipe,
 *              then polls until the child is reaped; waitid; wait(-1) for many.
 * stdout is flushed before every fork/system/popen/spawn so that buffered
 * output is not duplicated and lines come out in program order. Nothing
 * printed depends on pids or timing. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const char *yesno(int b) { return b ? "yes" : "no"; }

static void check(int ok, const char *what) {
    if (!ok) {
        printf("FAILED: %s (errno %s)\n", what, strerror(errno));
        fflush(stdout);
        exit(1);
    }
}

static pid_t xfork(void) {
    fflush(stdout);
    pid_t pid = fork();
    check(pid >= 0, "fork");
    return pid;
}

static void describe(int status, char *buf, size_t n) {
    if (WIFEXITED(status)) {
        snprintf(buf, n, "exited %d", WEXITSTATUS(status));
    } else if (WIFSIGNALED(status)) {
        int s = WTERMSIG(status);
        snprintf(buf, n, "killed by %s", s == SIGTERM ? "SIGTERM" : s == SIGKILL ? "SIGKILL" : s == SIGABRT ? "SIGABRT" : "other");
    } else {
        snprintf(buf, n, "other status");
    }
}

static int wait_for(pid_t pid) {
    int status;
    pid_t r;
    do {
        r = waitpid(pid, &status, 0);
    } while (r == -1 && errno == EINTR);
    check(r == pid, "waitpid");
    return status;
}

static int read_full(int fd, void *buf, size_t n) {
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)buf + got, n - got);
        if (r == -1 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            return (int)got;
        }
        got += (size_t)r;
    }
    return (int)got;
}

static int write_full(int fd, const void *buf, size_t n) {
    size_t put = 0;
    while (put < n) {
        ssize_t r = write(fd, (const char *)buf + put, n - put);
        if (r == -1 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            return -1;
        }
        put += (size_t)r;
    }
    return 0;
}

/* ---------------- fork + waitpid ---------------- */
static void part_fork(void) {
    char d1[64], d2[64];
    pid_t pid = xfork();
    if (pid == 0) {
        _exit(42);
    }
    describe(wait_for(pid), d1, sizeof d1);
    pid = xfork();
    if (pid == 0) {
        raise(SIGTERM);
        _exit(0);
    }
    describe(wait_for(pid), d2, sizeof d2);
    printf("fork: child %s; child %s\n", d1, d2);
}

/* ---------------- a child that keeps computing ---------------- */
static unsigned long prime_sum(unsigned limit) {
    char *composite = calloc(limit, 1);
    unsigned long s = 0;
    for (unsigned i = 2; i < limit; i++) {
        if (!composite[i]) {
            s += i;
            for (unsigned long j = (unsigned long)i * i; j < limit; j += i) {
                composite[j] = 1;
            }
        }
    }
    free(composite);
    return s;
}

static void part_compute(void) {
    int pfd[2];
    check(pipe(pfd) == 0, "pipe");
    pid_t pid = xfork();
    if (pid == 0) {
        close(pfd[0]);
        unsigned long s = prime_sum(2000000);
        _exit(write_full(pfd[1], &s, sizeof s) == 0 ? 0 : 1);
    }
    close(pfd[1]);
    unsigned long s = 0;
    int n = read_full(pfd[0], &s, sizeof s);
    close(pfd[0]);
    char d[64];
    describe(wait_for(pid), d, sizeof d);
    printf("compute: child sent %d bytes, sum of primes below 2000000 = %lu, parent agrees %s, child %s\n", n, s,
           yesno(s == prime_sum(2000000)), d);
}

/* ---------------- pipes both ways ---------------- */
static void part_pipes(void) {
    int down[2], up[2];
    check(pipe(down) == 0 && pipe(up) == 0, "pipes");
    pid_t pid = xfork();
    if (pid == 0) {
        close(down[1]);
        close(up[0]);
        uint32_t v;
        unsigned n = 0;
        while (read_full(down[0], &v, sizeof v) == (int)sizeof v) {
            uint32_t answer = v * v + 7;
            if (write_full(up[1], &answer, sizeof answer) != 0) {
                _exit(2);
            }
            n++;
        }
        printf("pipes: child answered %u numbers and prints this line itself\n", n);
        exit(0); /* flushes the child's stdio */
    }
    close(down[0]);
    close(up[1]);
    for (uint32_t i = 0; i < 1000; i++) {
        uint32_t v = i * 2654435761u;
        check(write_full(down[1], &v, sizeof v) == 0, "write down");
    }
    close(down[1]);
    uint32_t answer, count = 0, sum = 0, bad = 0;
    while (read_full(up[0], &answer, sizeof answer) == (int)sizeof answer) {
        uint32_t v = count * 2654435761u;
        bad += answer != v * v + 7;
        sum += answer;
        count++;
    }
    close(up[0]);
    char d[64];
    describe(wait_for(pid), d, sizeof d);
    printf("pipes: parent got %u answers, checksum %u, all correct %s, child %s\n", count, sum, yesno(bad == 0), d);
}

/* ---------------- ids and process groups ---------------- */
static void part_ids(void) {
    int report[2], go[2];
    check(pipe(report) == 0 && pipe(go) == 0, "pipes");
    pid_t parent = getpid();
    pid_t pid = xfork();
    if (pid == 0) {
        close(report[0]);
        close(go[1]);
        int r[3];
        r[0] = getppid() == parent;
        r[1] = getpid() != parent;
        r[2] = setpgid(0, 0) == 0 && getpgrp() == getpid();
        write_full(report[1], r, sizeof r);
        char c;
        read_full(go[0], &c, 1); /* stay alive until the parent looked at the group */
        _exit(0);
    }
    close(report[1]);
    close(go[0]);
    setpgid(pid, pid); /* both sides set it, as shells do; either may win */
    int r[3] = {0, 0, 0};
    read_full(report[0], r, sizeof r);
    int parent_sees = getpgid(pid) == pid;
    int parent_group_kept = getpgrp() != pid;
    write_full(go[1], "g", 1);
    close(go[1]);
    close(report[0]);
    char d[64];
    describe(wait_for(pid), d, sizeof d);
    printf("ids: child getppid == parent getpid %s, new pid %s, child leads its own group %s, parent sees it %s, "
           "parent's group unchanged %s, child %s\n",
           yesno(r[0]), yesno(r[1]), yesno(r[2]), yesno(parent_sees), yesno(parent_group_kept), d);
}

/* ---------------- system ---------------- */
static void part_system(void) {
    fflush(stdout);
    int s1 = system("echo hello from system");
    fflush(stdout);
    int s2 = system("exit 3");
    char d1[64], d2[64];
    describe(s1, d1, sizeof d1);
    describe(s2, d2, sizeof d2);
    printf("system: echo %s, 'exit 3' %s\n", d1, d2);
}

/* ---------------- popen ---------------- */
static void part_popen(void) {
    fflush(stdout);
    FILE *p = popen("echo popen-line", "r");
    check(p != NULL, "popen r");
    char line[128] = "";
    if (!fgets(line, sizeof line, p)) {
        strcpy(line, "(nothing)\n");
    }
    line[strcspn(line, "\n")] = 0;
    int st = pclose(p);
    char d[64];
    describe(st, d, sizeof d);
    printf("popen: read '%s', pclose: %s\n", line, d);

    fflush(stdout);
    p = popen("tr a-z A-Z", "w");
    check(p != NULL, "popen w");
    fputs("popen: written through tr\n", p);
    st = pclose(p);
    describe(st, d, sizeof d);
    printf("popen: writing pclose: %s\n", d);
}

/* ---------------- posix_spawn ---------------- */
static void part_spawn(void) {
    int pfd[2];
    check(pipe(pfd) == 0, "pipe");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pfd[1], 1);
    posix_spawn_file_actions_addclose(&fa, pfd[0]);
    posix_spawn_file_actions_addclose(&fa, pfd[1]);
    char *argv[] = {"echo", "spawned", "echo", NULL};
    pid_t pid;
    fflush(stdout);
    int r = posix_spawn(&pid, "/bin/echo", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(pfd[1]);
    char buf[128] = "";
    int n = 0;
    if (r == 0) {
        n = read_full(pfd[0], buf, sizeof buf - 1);
        buf[n < 0 ? 0 : n] = 0;
        buf[strcspn(buf, "\n")] = 0;
    }
    close(pfd[0]);
    char d[64] = "not spawned";
    if (r == 0) {
        describe(wait_for(pid), d, sizeof d);
    }
    char *argv2[] = {"missing", NULL};
    int r2 = posix_spawn(&pid, "/nonexistent/dbt-missing-program", NULL, NULL, argv2, environ);
    if (r2 == 0) {
        wait_for(pid);
    }
    printf("spawn: posix_spawn %s, pipe got '%s', child %s; missing program gives ENOENT %s\n",
           r == 0 ? "ok" : "failed", buf, d, yesno(r2 == ENOENT));
}

/* ---------------- exec ---------------- */
static void part_exec(void) {
    char *argv[] = {"sh", "-c", "exit 7", NULL};
    pid_t pid = xfork();
    if (pid == 0) {
        execve("/bin/sh", argv, environ);
        _exit(127);
    }
    char d1[64], d2[64], d3[64], d4[64];
    describe(wait_for(pid), d1, sizeof d1);

    pid = xfork();
    if (pid == 0) {
        char *a[] = {"missing", NULL};
        execve("/nonexistent/dbt-missing-program", a, environ);
        _exit(errno == ENOENT ? 50 : 51);
    }
    describe(wait_for(pid), d2, sizeof d2);

    char *argv5[] = {"sh", "-c", "exit 5", NULL};
    fflush(stdout);
    pid = vfork();
    if (pid == 0) {
        execve("/bin/sh", argv5, environ);
        _exit(127);
    }
    check(pid > 0, "vfork");
    describe(wait_for(pid), d3, sizeof d3);

    fflush(stdout);
    pid = vfork();
    if (pid == 0) {
        _exit(9);
    }
    check(pid > 0, "vfork");
    describe(wait_for(pid), d4, sizeof d4);
    printf("exec: sh -c 'exit 7' %s; missing file child %s (50 = ENOENT); vfork+exec 'exit 5' %s; vfork+_exit(9) %s\n",
           d1, d2, d3, d4);
}

/* ---------------- SIGCHLD ---------------- */
static volatile sig_atomic_t chld_count;
static volatile int chld_status[8];
static volatile int chld_code_ok = 1;

static void chld_handler(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)uc;
    if (chld_count < 8) {
        chld_status[chld_count] = si->si_status;
    }
    if (si->si_code != CLD_EXITED) {
        chld_code_ok = 0;
    }
    chld_count++;
}

static void part_sigchld(void) {
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = chld_handler;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    check(sigaction(SIGCHLD, &sa, &old) == 0, "sigaction");
    sigset_t block, orig;
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &orig);
    sigset_t wait_mask = orig;
    sigdelset(&wait_mask, SIGCHLD);
    int reaped_ok = 1;
    for (int i = 0; i < 4; i++) {
        pid_t pid = xfork();
        if (pid == 0) {
            _exit(10 + i);
        }
        while (chld_count <= i) {
            sigsuspend(&wait_mask);
        }
        int st = wait_for(pid);
        reaped_ok &= WIFEXITED(st) && WEXITSTATUS(st) == 10 + i;
    }
    sigprocmask(SIG_SETMASK, &orig, NULL);
    sigaction(SIGCHLD, &old, NULL);
    printf("sigchld: handler ran %d times, si_status %d %d %d %d, CLD_EXITED %s, reaped %s\n", (int)chld_count,
           chld_status[0], chld_status[1], chld_status[2], chld_status[3], yesno(chld_code_ok), yesno(reaped_ok));
}

/* ---------------- WNOHANG, waitid, wait ---------------- */
static void part_wnohang(void) {
    int go[2];
    check(pipe(go) == 0, "pipe");
    pid_t pid = xfork();
    if (pid == 0) {
        close(go[1]);
        unsigned char c = 0;
        read_full(go[0], &c, 1);
        _exit(c);
    }
    close(go[0]);
    int st;
    pid_t before = waitpid(pid, &st, WNOHANG);
    write_full(go[1], "Q", 1);
    close(go[1]);
    pid_t r;
    int polls = 0;
    while ((r = waitpid(pid, &st, WNOHANG)) == 0 && polls < 100000) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
        polls++;
    }
    char d[64];
    describe(st, d, sizeof d);
    printf("wnohang: 0 while the child waits %s, reaped by polling %s, child %s;", yesno(before == 0), yesno(r == pid),
           d);

    pid = xfork();
    if (pid == 0) {
        _exit(33);
    }
    siginfo_t si;
    memset(&si, 0, sizeof si);
    int w = waitid(P_PID, (id_t)pid, &si, WEXITED);
    printf(" waitid CLD_EXITED %s status %d same pid %s;", yesno(w == 0 && si.si_code == CLD_EXITED), si.si_status,
           yesno(si.si_pid == pid));

    int sum = 0, n = 0;
    for (int i = 0; i < 5; i++) {
        pid = xfork();
        if (pid == 0) {
            _exit(i * i);
        }
    }
    while ((r = wait(&st)) > 0) {
        n++;
        sum += WEXITSTATUS(st);
    }
    printf(" wait(-1) reaped %d children, status sum %d, then ECHILD %s\n", n, sum, yesno(errno == ECHILD));
}

int main(void) {
    part_fork();
    part_compute();
    part_pipes();
    part_ids();
    part_system();
    part_popen();
    part_spawn();
    part_exec();
    part_sigchld();
    part_wnohang();
    return 0;
}
