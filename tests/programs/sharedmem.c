/* Memory a forked child shares with its parent: MAP_SHARED|MAP_ANONYMOUS pages (counters both increment with
 * atomics, a process-shared mutex and condition variable for a ping-pong, a message), the same through a grandchild,
 * a MAP_SHARED file mapping the child writes, a MAP_SHARED mapping of /dev/zero (shared anonymous memory too), and,
 * for contrast, a MAP_PRIVATE page the child's writes do not reach; the shared mapping moved by mremap is still
 * shared. /proc/self/maps shows the shared anonymous mapping as Linux does. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 20000
#define PINGS 200

struct shared {
    atomic_long counter;
    atomic_int ready;
    pthread_mutex_t lock;
    pthread_cond_t turn_changed;
    int turn; /* 0: the parent's, 1: the child's */
    int pings;
    char message[64];
};

static void add(struct shared *s, int n) {
    for (int i = 0; i < n; i++) {
        atomic_fetch_add(&s->counter, 1);
    }
}

static void ping_pong(struct shared *s, int me) {
    for (int i = 0; i < PINGS; i++) {
        pthread_mutex_lock(&s->lock);
        while (s->turn != me) {
            pthread_cond_wait(&s->turn_changed, &s->lock);
        }
        s->pings++;
        s->turn = 1 - me;
        pthread_cond_broadcast(&s->turn_changed);
        pthread_mutex_unlock(&s->lock);
    }
}

static int wait_for(pid_t child) {
    int status;
    if (waitpid(child, &status, 0) != child) {
        return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The permissions and name /proc/self/maps gives the mapping at address. */
static void show_mapping(const char *what, void *address) {
    char line[512];
    FILE *f = fopen("/proc/self/maps", "r");
    while (f != NULL && fgets(line, sizeof line, f)) {
        unsigned long low, high;
        char perms[8];
        int name = 0;
        if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &low, &high, perms, &name) >= 3 && low <= (unsigned long) address
                && (unsigned long) address < high) {
            line[strcspn(line, "\n")] = 0;
            printf("%s: %s %s\n", what, perms, name > 0 ? line + name : "");
        }
    }
    if (f != NULL) {
        fclose(f);
    }
}

int main(void) {
    struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int *private = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int zero = open("/dev/zero", O_RDWR);
    atomic_long *old_style = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, zero, 0);
    close(zero);
    if (s == MAP_FAILED || private == MAP_FAILED || old_style == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    show_mapping("shared anonymous", s);
    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(&s->lock, &ma);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED);
    pthread_cond_init(&s->turn_changed, &ca);
    *private = 1;

    char path[64];
    snprintf(path, sizeof path, "/tmp/dbt-sharedmem-%d", (int) getpid());
    FILE *file = fopen(path, "w+");
    if (file == NULL || ftruncate(fileno(file), 4096) != 0) {
        perror(path);
        return 1;
    }
    char *mapped = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fileno(file), 0);
    if (mapped == MAP_FAILED) {
        perror("mmap file");
        return 1;
    }
    fflush(stdout);

    pid_t child = fork();
    if (child == 0) {
        *private = 2; /* the parent keeps its 1 */
        atomic_fetch_add(old_style, 5);
        atomic_store(&s->ready, 1);
        add(s, ROUNDS);
        ping_pong(s, 1);
        strcpy(s->message, "written by the child");
        strcpy(mapped, "the child wrote the file");
        pid_t grandchild = fork();
        if (grandchild == 0) {
            add(s, ROUNDS);
            _exit(0);
        }
        _exit(wait_for(grandchild));
    }
    while (!atomic_load(&s->ready)) {
        /* the child has started when its store is seen here */
    }
    printf("the child's first store is seen by the parent\n");
    add(s, ROUNDS);
    ping_pong(s, 0);
    int status = wait_for(child);
    printf("child exited: %d\n", status);
    printf("counter: %ld (expected %d)\n", atomic_load(&s->counter), 3 * ROUNDS);
    printf("pings: %d (expected %d)\n", s->pings, 2 * PINGS);
    printf("message: %s\n", s->message);
    printf("private page: %d\n", *private);
    printf("shared /dev/zero mapping: %ld\n", atomic_load(old_style));
    printf("shared file mapping: %s\n", mapped);
    char back[64] = {0};
    pread(fileno(file), back, sizeof back - 1, 0);
    printf("the file: %s\n", back);

    /* After the fork the mapping is still shared: a second child sees the parent's later writes, and the reverse. */
    strcpy(s->message, "written by the parent");
    child = fork();
    if (child == 0) {
        int seen = strcmp(s->message, "written by the parent") == 0;
        strcpy(s->message, "answered by the second child");
        _exit(seen ? 0 : 1);
    }
    printf("second child saw the parent's message: %s\n", wait_for(child) == 0 ? "yes" : "no");
    printf("message: %s\n", s->message);

    /* Grown by mremap (moved where it cannot grow in place), the mapping keeps its contents and stays shared (its
     * grown part lies past the end of the shared object, as on Linux: not touched here). */
    void *above = mmap((char *) s + 4096, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    char *grown = mremap(s, 4096, 3 * 4096, MREMAP_MAYMOVE); /* moved: the page above is taken */
    if (grown == MAP_FAILED) {
        perror("mremap");
        return 1;
    }
    printf("after mremap: moved: %s, %s\n", grown != (char *) s ? "yes" : "no", ((struct shared *) grown)->message);
    child = fork();
    if (child == 0) {
        strcpy(grown + 2048, "written after mremap");
        _exit(0);
    }
    wait_for(child);
    printf("after mremap, the child wrote: %s\n", grown + 2048);

    munmap(mapped, 4096);
    fclose(file);
    unlink(path);
    munmap(grown, 3 * 4096);
    if (above != MAP_FAILED) {
        munmap(above, 4096);
    }
    return 0;
}
