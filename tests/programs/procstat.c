/* /proc/self/stat as programs read it (a garbage collector its start of stack, a tool its pid, name, state and
 * threads): the fields that mean the same on every run are checked against what the process knows of itself
 * (getpid, getppid, its name, the [stack] line of /proc/self/maps, a local's address), in the process, through
 * /proc/PID/stat, in a second thread, and in a forked child. Values that differ from run to run are never printed. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_FIELDS 64

/* One stat line: field[k] is proc(5)'s field k (1-based; field 2, the name, is in comm; field 3, the state, is a
 * character). Returns how many fields the line has, or -1. */
static int read_stat(const char *path, char *comm, size_t comm_size, char *state, unsigned long long *field) {
    char buf[4096];
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return -1;
    }
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *open = strchr(buf, '(');
    char *close = strrchr(buf, ')');
    if (open == NULL || close == NULL || close < open || close[1] != ' ') {
        return -1;
    }
    field[1] = strtoull(buf, NULL, 10);
    size_t len = (size_t) (close - open - 1);
    if (len >= comm_size) {
        len = comm_size - 1;
    }
    memcpy(comm, open + 1, len);
    comm[len] = 0;
    *state = close[2];
    int count = 3;
    char *p = close + 3;
    while (count < MAX_FIELDS - 1) {
        char *end;
        unsigned long long v = strtoull(p, &end, 10);
        if (end == p) {
            break;
        }
        field[++count] = v;
        p = end;
    }
    return count;
}

/* The [stack] range of /proc/self/maps. */
static int stack_range(unsigned long long *low, unsigned long long *high) {
    char line[512];
    FILE *f = fopen("/proc/self/maps", "r");
    if (f == NULL) {
        return 0;
    }
    int found = 0;
    while (fgets(line, sizeof line, f)) {
        if (strstr(line, "[stack]") && sscanf(line, "%llx-%llx", low, high) == 2) {
            found = 1;
        }
    }
    fclose(f);
    return found;
}

static const char *yes(int b) {
    return b ? "yes" : "NO";
}

/* What the process's own stat says, as the process itself can check it. */
static void check_self(const char *who, const char *path, pid_t parent) {
    char comm[64], state;
    unsigned long long field[MAX_FIELDS] = {0};
    int local;
    int n = read_stat(path, comm, sizeof comm, &state, field);
    if (n < 28) {
        printf("%s: cannot parse %s (%d fields)\n", who, path, n);
        return;
    }
    unsigned long long low = 0, high = 0;
    int stack = stack_range(&low, &high);
    unsigned long long start_stack = field[28];
    printf("%s: pid is getpid(): %s\n", who, yes(field[1] == (unsigned long long) getpid()));
    printf("%s: name: %s\n", who, comm);
    printf("%s: state: %c\n", who, state);
    printf("%s: ppid is getppid(): %s\n", who, yes(field[4] == (unsigned long long) parent));
    printf("%s: threads: %llu\n", who, field[20]);
    printf("%s: start of stack in [stack], above this frame: %s\n", who,
           yes(stack && start_stack >= low && start_stack < high && start_stack > (unsigned long long) &local));
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t checked = PTHREAD_COND_INITIALIZER;
static int done;

static void *second(void *arg) {
    (void) arg;
    char comm[64], state;
    unsigned long long field[MAX_FIELDS] = {0};
    int n = read_stat("/proc/thread-self/stat", comm, sizeof comm, &state, field);
    printf("thread: /proc/thread-self/stat's pid is gettid(): %s\n",
           yes(n >= 4 && field[1] == (unsigned long long) syscall(SYS_gettid)));
    n = read_stat("/proc/self/stat", comm, sizeof comm, &state, field);
    printf("thread: /proc/self/stat's pid is getpid(): %s\n", yes(n >= 4 && field[1] == (unsigned long long) getpid()));
    pthread_mutex_lock(&lock);
    done = 1;
    pthread_cond_signal(&checked);
    while (done != 2) {
        pthread_cond_wait(&checked, &lock);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void) {
    char path[64];
    check_self("self", "/proc/self/stat", getppid());
    snprintf(path, sizeof path, "/proc/%d/stat", (int) getpid());
    check_self("by pid", path, getppid());
    fflush(stdout);

    pthread_t t;
    pthread_create(&t, NULL, second, NULL);
    pthread_mutex_lock(&lock);
    while (done != 1) {
        pthread_cond_wait(&checked, &lock);
    }
    char comm[64], state;
    unsigned long long field[MAX_FIELDS] = {0};
    int n = read_stat("/proc/self/stat", comm, sizeof comm, &state, field);
    printf("with a second thread: threads: %llu\n", n >= 20 ? field[20] : 0);
    done = 2;
    pthread_cond_signal(&checked);
    pthread_mutex_unlock(&lock);
    pthread_join(t, NULL);
    fflush(stdout);

    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        check_self("fork child", "/proc/self/stat", parent);
        fflush(stdout);
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    printf("child exited: %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return 0;
}
