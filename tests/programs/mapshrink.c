/* A file that shrinks under its mappings: pages still inside the file read what it holds (the cut page's tail as
 * zero), a touch of a page wholly past the new end is a SIGBUS (BUS_ADRERR) that a handler catches, for reads and
 * writes, in a loop that ran many times before (translated code) as well as in code run once, through a shared and a
 * private mapping; a mapping made longer than the file is the same past its end, also in a forked child; when the
 * file grows again the page reads as zero. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096

static sigjmp_buf back;
static volatile sig_atomic_t signal_number;
static volatile sig_atomic_t signal_code;

static void on_bus(int sig, siginfo_t *info, void *context) {
    (void) context;
    signal_number = sig;
    signal_code = info->si_code;
    siglongjmp(back, 1);
}

/* The sum of n bytes from p (kept a real loop over memory by the volatile pointer). */
static __attribute__((noinline)) long sum(volatile const char *p, int n) {
    long total = 0;
    for (int i = 0; i < n; i++) {
        total += p[i];
    }
    return total;
}

static __attribute__((noinline)) void store(volatile char *p, char value) {
    *p = value;
}

/* Runs one access; says whether it ended in SIGBUS and with which code. */
#define TRY(what, access)                                                                                      \
    do {                                                                                                       \
        signal_number = 0;                                                                                     \
        if (sigsetjmp(back, 1) == 0) {                                                                         \
            long result = (access);                                                                            \
            printf("%s: no signal, %ld\n", what, result);                                                      \
        } else {                                                                                               \
            printf("%s: %s, %s\n", what, signal_number == SIGBUS ? "SIGBUS" : "another signal",               \
                   signal_code == BUS_ADRERR ? "BUS_ADRERR" : "another code");                                 \
        }                                                                                                      \
    } while (0)

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_bus;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sa, NULL);

    char path[64];
    snprintf(path, sizeof path, "/tmp/dbt-mapshrink-%d", (int) getpid());
    FILE *f = fopen(path, "w+");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    int fd = fileno(f);
    char page[PAGE];
    for (int k = 0; k < 3; k++) {
        memset(page, 'a' + k, PAGE);
        fwrite(page, 1, PAGE, f);
    }
    fflush(f);
    char *shared = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *private = mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    if (shared == MAP_FAILED || private == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    long hot = 0;
    for (int round = 0; round < 200; round++) { /* long enough to be translated */
        hot += sum(shared + 2 * PAGE, 64) + sum(private + PAGE, 64);
    }
    printf("before: %c %c %c, %ld\n", shared[0], shared[PAGE], shared[2 * PAGE], hot);

    if (ftruncate(fd, PAGE + 100) != 0) {
        perror("ftruncate");
        return 1;
    }
    printf("after the cut: %c %c %d\n", shared[0], shared[PAGE + 50], shared[PAGE + 200]);
    TRY("hot read past the end", sum(shared + 2 * PAGE, 64));
    TRY("hot read past the end, again", sum(shared + 2 * PAGE + 100, 64));
    TRY("read past the end", shared[2 * PAGE + 5]);
    TRY("write past the end", (store(shared + 2 * PAGE + 8, 'x'), 0L));
    TRY("private mapping, inside the file", sum(private + PAGE, 64));
    TRY("private mapping, past the end", private[2 * PAGE + 1]);
    TRY("inside the file still", shared[PAGE + 1]);

    char *longer = mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    if (longer == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    TRY("longer than the file, the last page of the file", sum(longer + PAGE + 64, 64));
    TRY("longer than the file, past its end", longer[2 * PAGE]);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        TRY("fork child, longer mapping, inside the file", longer[1]);
        TRY("fork child, shared mapping, past the end", shared[2 * PAGE + 5]);
        fflush(stdout);
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    printf("child exited: %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);

    if (ftruncate(fd, 3 * PAGE) != 0) {
        perror("ftruncate");
        return 1;
    }
    TRY("grown again", sum(shared + 2 * PAGE, 64));
    TRY("grown again, private", private[2 * PAGE + 1]);
    munmap(shared, 3 * PAGE);
    munmap(private, 3 * PAGE);
    munmap(longer, 3 * PAGE);
    fclose(f);
    unlink(path);
    return 0;
}
