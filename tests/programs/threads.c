/* threads.c: POSIX threads as real software uses them, with output that does
 * not depend on scheduling. Phases (one line each):
 *   identity   pthread_self/pthread_equal, gettid() (main's == getpid(), every
 *              thread's distinct), the id a thread sees == the one create gave;
 *   workers    8 threads (one with its own stack size) compute and return
 *              results through pthread_join;
 *   mutex      a pthread_mutex guarding a plain counter (100k increments per
 *              thread) and a sorted linked list all threads insert into;
 *   condvar    a bounded-buffer producer/consumer queue (mutex + 2 condition
 *              variables), 3 producers and 3 consumers, order-free checksums;
 *   barrier    a double-buffered stencil over 40 phases separated by
 *              pthread_barrier_wait, compared with a sequential run; exactly
 *              one PTHREAD_BARRIER_SERIAL_THREAD per wait;
 *   atomics    C11 fetch_add, a compare_exchange loop (sum and max), fetch_or,
 *              an exchange-based spinlock guarding a plain counter and an
 *              exchange "hot potato" whose total is conserved, all contended;
 *   tls        __thread variables (initialised .tdata and zeroed .tbss, an
 *              array) updated per thread, checked and summed; distinct addresses;
 *   once       pthread_once raced by all threads: the init runs exactly once;
 *   exit       pthread_exit from a nested call with a cleanup handler and a
 *              pthread_key destructor; join sees the value;
 *   detached   a detached thread signalling completion through a sem_t.
 * Contended loops are long enough (100k+ per thread) that a non-atomic
 * implementation of the atomics or the lock would very likely lose updates. */
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NT 8
#define ITERS 100000

static void check(int ok, const char *what) {
    if (!ok) {
        printf("FAILED: %s\n", what);
        fflush(stdout);
        exit(1);
    }
}

static const char *yesno(int b) { return b ? "yes" : "no"; }

/* ---------------- identity ---------------- */
struct ident {
    pthread_t self;
    pid_t tid;
    pid_t pid;
};
static struct ident idents[NT];
static pthread_barrier_t ident_barrier;

static void *ident_thread(void *arg) {
    struct ident *id = arg;
    id->self = pthread_self();
    id->tid = gettid();
    id->pid = getpid();
    pthread_barrier_wait(&ident_barrier); /* all alive at once: no tid can be reused */
    return NULL;
}

static void phase_identity(void) {
    pthread_t th[NT];
    pthread_t main_self = pthread_self();
    check(pthread_barrier_init(&ident_barrier, NULL, NT) == 0, "barrier init");
    for (int i = 0; i < NT; i++) {
        check(pthread_create(&th[i], NULL, ident_thread, &idents[i]) == 0, "create ident");
    }
    for (int i = 0; i < NT; i++) {
        check(pthread_join(th[i], NULL) == 0, "join ident");
    }
    pthread_barrier_destroy(&ident_barrier);
    int self_matches = 1, not_main = 1, tids_distinct = 1, same_pid = 1;
    pid_t main_tid = gettid();
    for (int i = 0; i < NT; i++) {
        self_matches &= pthread_equal(idents[i].self, th[i]) != 0;
        not_main &= !pthread_equal(idents[i].self, main_self);
        same_pid &= idents[i].pid == getpid();
        tids_distinct &= idents[i].tid != main_tid && idents[i].tid > 0;
        for (int j = 0; j < i; j++) {
            tids_distinct &= idents[i].tid != idents[j].tid;
        }
    }
    printf("identity: main gettid==getpid %s, self==main %s, thread self==created id %s, "
           "threads!=main %s, tids distinct %s, same pid %s\n",
           yesno(main_tid == getpid()), yesno(pthread_equal(pthread_self(), main_self)), yesno(self_matches),
           yesno(not_main), yesno(tids_distinct), yesno(same_pid));
}

/* ---------------- workers with return values ---------------- */
static unsigned long collatz_steps(unsigned long n) {
    unsigned long s = 0;
    while (n != 1) {
        n = (n & 1) ? 3 * n + 1 : n / 2;
        s++;
    }
    return s;
}

static unsigned long deep(unsigned depth, unsigned long acc) {
    volatile unsigned long pad[16];
    for (int i = 0; i < 16; i++) {
        pad[i] = acc + (unsigned long)i * depth;
    }
    if (depth == 0) {
        return acc;
    }
    unsigned long r = deep(depth - 1, acc * 31 + depth);
    return r ^ pad[depth & 15];
}

static void *worker(void *arg) {
    long k = (long)arg;
    unsigned long *res = malloc(2 * sizeof *res);
    unsigned long best = 0, besti = 0;
    for (unsigned long n = 1 + (unsigned long)k * 5000; n <= (unsigned long)(k + 1) * 5000; n++) {
        unsigned long s = collatz_steps(n);
        if (s > best) {
            best = s;
            besti = n;
        }
    }
    res[0] = besti;
    res[1] = best + deep(2000, (unsigned long)k) % 1000;
    return res;
}

static void phase_workers(void) {
    pthread_t th[NT];
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    check(pthread_attr_setstacksize(&attr, 1 << 20) == 0, "setstacksize");
    for (long i = 0; i < NT; i++) {
        check(pthread_create(&th[i], i == 3 ? &attr : NULL, worker, (void *)i) == 0, "create worker");
    }
    pthread_attr_destroy(&attr);
    printf("workers:");
    for (int i = 0; i < NT; i++) {
        void *ret;
        check(pthread_join(th[i], &ret) == 0, "join worker");
        unsigned long *r = ret;
        printf(" %lu/%lu", r[0], r[1]);
        free(r);
    }
    printf("\n");
}

/* ---------------- mutex: counter + sorted linked list ---------------- */
struct node {
    long value;
    struct node *next;
};
static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct node *list_head;
static long mutex_counter;
#define LIST_PER_THREAD 300

static void *mutex_thread(void *arg) {
    long k = (long)arg;
    for (int i = 0; i < ITERS; i++) {
        pthread_mutex_lock(&list_lock);
        mutex_counter++;
        pthread_mutex_unlock(&list_lock);
        if (i % (ITERS / LIST_PER_THREAD) == 0 && i / (ITERS / LIST_PER_THREAD) < LIST_PER_THREAD) {
            struct node *n = malloc(sizeof *n);
            n->value = k + (long)(i / (ITERS / LIST_PER_THREAD)) * NT;
            pthread_mutex_lock(&list_lock);
            struct node **pp = &list_head;
            while (*pp && (*pp)->value < n->value) {
                pp = &(*pp)->next;
            }
            n->next = *pp;
            *pp = n;
            pthread_mutex_unlock(&list_lock);
        }
    }
    return NULL;
}

static void phase_mutex(void) {
    pthread_t th[NT];
    for (long i = 0; i < NT; i++) {
        check(pthread_create(&th[i], NULL, mutex_thread, (void *)i) == 0, "create mutex");
    }
    for (int i = 0; i < NT; i++) {
        check(pthread_join(th[i], NULL) == 0, "join mutex");
    }
    long count = 0, sum = 0, expect = 0;
    int in_order = 1;
    for (struct node *n = list_head, *next; n; n = next) {
        in_order &= n->value == expect++;
        count++;
        sum += n->value;
        next = n->next;
        free(n);
    }
    list_head = NULL;
    printf("mutex: counter %ld (expected %ld), list nodes %ld sum %ld, sorted and complete %s\n",
           mutex_counter, (long)NT * ITERS, count, sum, yesno(in_order && count == (long)NT * LIST_PER_THREAD));
}

/* ---------------- condition variables: bounded buffer ---------------- */
#define QCAP 64
#define NPROD 3
#define NCONS 3
#define PER_PROD 20000
static struct {
    pthread_mutex_t lock;
    pthread_cond_t not_full, not_empty;
    long buf[QCAP];
    int head, count, producers_left;
} q = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER, {0}, 0, 0, NPROD};

struct consumed {
    long n;
    unsigned long sum, sumsq, xorh;
};

static unsigned long hash64(unsigned long x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdUL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53UL;
    x ^= x >> 33;
    return x;
}

static void *producer(void *arg) {
    long k = (long)arg;
    for (long i = 0; i < PER_PROD; i++) {
        long item = k * 1000000 + i;
        pthread_mutex_lock(&q.lock);
        while (q.count == QCAP) {
            pthread_cond_wait(&q.not_full, &q.lock);
        }
        q.buf[(q.head + q.count) % QCAP] = item;
        q.count++;
        pthread_cond_signal(&q.not_empty);
        pthread_mutex_unlock(&q.lock);
    }
    pthread_mutex_lock(&q.lock);
    if (--q.producers_left == 0) {
        pthread_cond_broadcast(&q.not_empty);
    }
    pthread_mutex_unlock(&q.lock);
    return NULL;
}

static void *consumer(void *arg) {
    (void)arg;
    struct consumed *c = calloc(1, sizeof *c);
    for (;;) {
        pthread_mutex_lock(&q.lock);
        while (q.count == 0 && q.producers_left > 0) {
            pthread_cond_wait(&q.not_empty, &q.lock);
        }
        if (q.count == 0) {
            pthread_mutex_unlock(&q.lock);
            break;
        }
        long item = q.buf[q.head];
        q.head = (q.head + 1) % QCAP;
        q.count--;
        pthread_cond_signal(&q.not_full);
        pthread_mutex_unlock(&q.lock);
        c->n++;
        c->sum += (unsigned long)item;
        c->sumsq += (unsigned long)item * (unsigned long)item;
        c->xorh ^= hash64((unsigned long)item);
    }
    return c;
}

static void phase_condvar(void) {
    pthread_t prod[NPROD], cons[NCONS];
    for (long i = 0; i < NCONS; i++) {
        check(pthread_create(&cons[i], NULL, consumer, (void *)i) == 0, "create consumer");
    }
    for (long i = 0; i < NPROD; i++) {
        check(pthread_create(&prod[i], NULL, producer, (void *)i) == 0, "create producer");
    }
    for (int i = 0; i < NPROD; i++) {
        check(pthread_join(prod[i], NULL) == 0, "join producer");
    }
    struct consumed total = {0, 0, 0, 0};
    for (int i = 0; i < NCONS; i++) {
        void *ret;
        check(pthread_join(cons[i], &ret) == 0, "join consumer");
        struct consumed *c = ret;
        total.n += c->n;
        total.sum += c->sum;
        total.sumsq += c->sumsq;
        total.xorh ^= c->xorh;
        free(c);
    }
    unsigned long esum = 0, esumsq = 0, exor = 0;
    for (long k = 0; k < NPROD; k++) {
        for (long i = 0; i < PER_PROD; i++) {
            unsigned long item = (unsigned long)(k * 1000000 + i);
            esum += item;
            esumsq += item * item;
            exor ^= hash64(item);
        }
    }
    printf("condvar: consumed %ld items, sum %lu sumsq %lu xor %016lx, matches produced %s, queue empty %s\n",
           total.n, total.sum, total.sumsq, total.xorh,
           yesno(total.sum == esum && total.sumsq == esumsq && total.xorh == exor), yesno(q.count == 0));
}

/* ---------------- barrier: double-buffered stencil ---------------- */
#define BN 4096
#define BPHASES 40
static unsigned bufA[BN], bufB[BN], seqA[BN], seqB[BN];
static pthread_barrier_t barrier;
static atomic_int serial_count;

static void stencil_step(const unsigned *in, unsigned *out, int lo, int hi) {
    for (int i = lo; i < hi; i++) {
        unsigned l = in[(i + BN - 1) % BN], c = in[i], r = in[(i + 1) % BN];
        out[i] = (l * 3u + c * 5u + r * 7u) ^ (c >> 3);
    }
}

static void *barrier_thread(void *arg) {
    long k = (long)arg;
    int lo = (int)(k * BN / NT), hi = (int)((k + 1) * BN / NT);
    for (int p = 0; p < BPHASES; p++) {
        const unsigned *in = (p & 1) ? bufB : bufA;
        unsigned *out = (p & 1) ? bufA : bufB;
        stencil_step(in, out, lo, hi);
        int r = pthread_barrier_wait(&barrier);
        if (r == PTHREAD_BARRIER_SERIAL_THREAD) {
            atomic_fetch_add(&serial_count, 1);
        } else if (r != 0) {
            return (void *)1;
        }
    }
    return NULL;
}

static void phase_barrier(void) {
    for (int i = 0; i < BN; i++) {
        bufA[i] = seqA[i] = (unsigned)hash64((unsigned long)i);
    }
    check(pthread_barrier_init(&barrier, NULL, NT) == 0, "barrier init");
    pthread_t th[NT];
    for (long i = 0; i < NT; i++) {
        check(pthread_create(&th[i], NULL, barrier_thread, (void *)i) == 0, "create barrier");
    }
    int errors = 0;
    for (int i = 0; i < NT; i++) {
        void *ret;
        check(pthread_join(th[i], &ret) == 0, "join barrier");
        errors += ret != NULL;
    }
    pthread_barrier_destroy(&barrier);
    for (int p = 0; p < BPHASES; p++) {
        stencil_step((p & 1) ? seqB : seqA, (p & 1) ? seqA : seqB, 0, BN);
    }
    const unsigned *fin = (BPHASES & 1) ? bufB : bufA;
    const unsigned *sfin = (BPHASES & 1) ? seqB : seqA;
    unsigned long h = 0;
    for (int i = 0; i < BN; i++) {
        h = h * 1000003 + fin[i];
    }
    printf("barrier: %d phases, checksum %016lx, matches sequential %s, serial threads %d, errors %d\n",
           BPHASES, h, yesno(memcmp(fin, sfin, sizeof bufA) == 0), atomic_load(&serial_count), errors);
}

/* ---------------- C11 atomics, contended ---------------- */
static _Atomic long at_add;
static _Atomic unsigned long at_cas_sum;
static _Atomic long at_max = -1;
static _Atomic unsigned at_bits;
static atomic_int spin;
static long spin_protected;
static _Atomic long potato = 1000000;
static long potato_kept[NT];
static pthread_barrier_t at_start;

static void *atomic_thread(void *arg) {
    long k = (long)arg;
    pthread_barrier_wait(&at_start);
    long kept = 0;
    for (long i = 0; i < ITERS; i++) {
        atomic_fetch_add(&at_add, 1);
        unsigned long old = atomic_load_explicit(&at_cas_sum, memory_order_relaxed);
        while (!atomic_compare_exchange_weak(&at_cas_sum, &old, old + (unsigned long)(k + 1))) {
        }
        if ((i & 7) == 0) {
            long cand = (long)(hash64((unsigned long)(k * ITERS + i)) % 1000000007UL);
            long cur = atomic_load(&at_max);
            while (cur < cand && !atomic_compare_exchange_strong(&at_max, &cur, cand)) {
            }
        }
        if ((i & 3) == 0) {
            while (atomic_exchange_explicit(&spin, 1, memory_order_acquire)) {
                while (atomic_load_explicit(&spin, memory_order_relaxed)) {
                }
            }
            spin_protected++;
            atomic_store_explicit(&spin, 0, memory_order_release);
        }
        if ((i & 15) == 0) {
            /* give k*ITERS+i, receive whatever was there: values are conserved */
            kept += atomic_exchange(&potato, k * ITERS + i);
        }
    }
    atomic_fetch_or(&at_bits, 1u << (k * 3));
    potato_kept[k] = kept;
    return NULL;
}

static void phase_atomics(void) {
    pthread_t th[NT];
    check(pthread_barrier_init(&at_start, NULL, NT) == 0, "barrier init");
    for (long i = 0; i < NT; i++) {
        check(pthread_create(&th[i], NULL, atomic_thread, (void *)i) == 0, "create atomic");
    }
    for (int i = 0; i < NT; i++) {
        check(pthread_join(th[i], NULL) == 0, "join atomic");
    }
    pthread_barrier_destroy(&at_start);
    unsigned long ecas = 0;
    long emax = -1, given = 1000000, kept = atomic_load(&potato);
    for (long k = 0; k < NT; k++) {
        ecas += (unsigned long)(k + 1) * ITERS;
        kept += potato_kept[k];
        for (long i = 0; i < ITERS; i++) {
            if ((i & 7) == 0) {
                long cand = (long)(hash64((unsigned long)(k * ITERS + i)) % 1000000007UL);
                if (cand > emax) {
                    emax = cand;
                }
            }
            if ((i & 15) == 0) {
                given += k * ITERS + i;
            }
        }
    }
    printf("atomics: fetch_add %ld/%ld, cas sum %lu/%lu, cas max %s, bits %#x, spinlock %ld/%ld, exchange conserved %s\n",
           atomic_load(&at_add), (long)NT * ITERS, atomic_load(&at_cas_sum), ecas,
           yesno(atomic_load(&at_max) == emax), atomic_load(&at_bits), spin_protected, (long)NT * ITERS / 4,
           yesno(kept == given));
}

/* ---------------- thread-local storage ---------------- */
static __thread long tls_counter = 1000;
static __thread unsigned tls_zero;
static __thread unsigned char tls_arr[64] = {1, 2, 3};
static _Thread_local const char *tls_name = "init";
static uintptr_t tls_addr[NT];

__attribute__((noinline)) static void tls_bump(long k) {
    tls_counter += k;
    tls_zero++;
    tls_arr[tls_zero % 64] += (unsigned char)k;
}

static void *tls_thread(void *arg) {
    long k = (long)arg;
    long ok = tls_counter == 1000 && tls_zero == 0 && tls_arr[0] == 1 && tls_arr[2] == 3 && tls_arr[3] == 0 &&
              strcmp(tls_name, "init") == 0;
    tls_name = "thread";
    tls_addr[k] = (uintptr_t)&tls_counter;
    for (int i = 0; i < ITERS; i++) {
        tls_bump(k);
    }
    unsigned long asum = 0;
    for (int i = 0; i < 64; i++) {
        asum += tls_arr[i];
    }
    long *r = malloc(4 * sizeof *r);
    r[0] = ok;
    r[1] = tls_counter;
    r[2] = tls_zero;
    r[3] = (long)asum;
    return r;
}

static void phase_tls(void) {
    pthread_t th[NT];
    tls_counter = -5;
    tls_name = "main";
    for (long i = 0; i < NT; i++) {
        check(pthread_create(&th[i], NULL, tls_thread, (void *)i) == 0, "create tls");
    }
    long fresh = 1, total = 0;
    int values_ok = 1;
    printf("tls:");
    for (long k = 0; k < NT; k++) {
        void *ret;
        check(pthread_join(th[k], &ret) == 0, "join tls");
        long *r = ret;
        fresh &= r[0];
        values_ok &= r[1] == 1000 + k * ITERS && r[2] == ITERS;
        total += r[1];
        printf(" %ld/%ld", r[1], r[3]);
        free(r);
    }
    int distinct = 1;
    for (int i = 0; i < NT; i++) {
        distinct &= tls_addr[i] != (uintptr_t)&tls_counter;
        for (int j = 0; j < i; j++) {
            distinct &= tls_addr[i] != tls_addr[j];
        }
    }
    printf("; total %ld, fresh initial values %s, per-thread values %s, distinct addresses %s, main untouched %s\n",
           total, yesno(fresh), yesno(values_ok), yesno(distinct),
           yesno(tls_counter == -5 && tls_zero == 0 && strcmp(tls_name, "main") == 0));
}

/* ---------------- pthread_once ---------------- */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_int once_runs;
static long once_value;
static pthread_barrier_t once_start;

static void once_init(void) {
    atomic_fetch_add(&once_runs, 1);
    unsigned long h = 0;
    for (int i = 0; i < 100000; i++) {
        h = hash64(h + (unsigned long)i);
    }
    once_value = (long)(h % 1000000);
}

static void *once_thread(void *arg) {
    (void)arg;
    pthread_barrier_wait(&once_start);
    pthread_once(&once, once_init);
    return (void *)once_value;
}

static void phase_once(void) {
    pthread_t th[NT];
    check(pthread_barrier_init(&once_start, NULL, NT) == 0, "barrier init");
    for (long i = 0; i < NT; i++) {
        check(pthread_create(&th[i], NULL, once_thread, NULL) == 0, "create once");
    }
    int same = 1;
    for (int i = 0; i < NT; i++) {
        void *ret;
        check(pthread_join(th[i], &ret) == 0, "join once");
        same &= (long)ret == once_value;
    }
    pthread_barrier_destroy(&once_start);
    pthread_once(&once, once_init);
    printf("once: init ran %d time(s), value %ld, every thread saw it %s\n", atomic_load(&once_runs), once_value,
           yesno(same));
}

/* ---------------- pthread_exit, cleanup handlers, key destructors ---------------- */
static pthread_key_t key;
static atomic_long destructor_sum;
static atomic_int cleanups;

static void key_destructor(void *p) {
    atomic_fetch_add(&destructor_sum, *(long *)p);
    free(p);
}

static void cleanup(void *arg) { atomic_fetch_add(&cleanups, (int)(long)arg); }

__attribute__((noinline)) static void leave(long v, int depth) {
    if (v < 0) {
        return; /* never: only so that gcc does not call the recursion infinite */
    }
    if (depth > 0) {
        leave(v + depth, depth - 1);
    }
    pthread_exit((void *)v);
}

static void *exit_thread(void *arg) {
    long k = (long)arg;
    long *p = malloc(sizeof *p);
    *p = 100 + k;
    pthread_setspecific(key, p);
    pthread_cleanup_push(cleanup, (void *)(k + 1));
    if (k != 0) {
        leave(k * 1000, 10);
    }
    pthread_cleanup_pop(0);
    return (void *)-1L; /* thread 0 returns normally: no cleanup, but the destructor */
}

static void phase_exit(void) {
    check(pthread_key_create(&key, key_destructor) == 0, "key create");
    pthread_t th[4];
    for (long i = 0; i < 4; i++) {
        check(pthread_create(&th[i], NULL, exit_thread, (void *)i) == 0, "create exit");
    }
    printf("exit: joined");
    for (int i = 0; i < 4; i++) {
        void *ret;
        check(pthread_join(th[i], &ret) == 0, "join exit");
        printf(" %ld", (long)ret);
    }
    printf(", cleanup handlers %d, key destructors %ld\n", atomic_load(&cleanups), atomic_load(&destructor_sum));
    pthread_key_delete(key);
}

/* ---------------- detached thread + semaphore ---------------- */
static sem_t done_sem;
static long detached_result;
static int detached_state;

static void *detached_thread(void *arg) {
    (void)arg;
    pthread_attr_t a;
    int state = -1;
    if (pthread_getattr_np(pthread_self(), &a) == 0) {
        pthread_attr_getdetachstate(&a, &state);
        pthread_attr_destroy(&a);
    }
    detached_state = state;
    long s = 0;
    for (long i = 1; i <= 200000; i++) {
        s += (long)collatz_steps((unsigned long)(i % 1000) + 1) & 7;
    }
    detached_result = s;
    sem_post(&done_sem);
    return NULL;
}

static void phase_detached(void) {
    check(sem_init(&done_sem, 0, 0) == 0, "sem init");
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t th;
    check(pthread_create(&th, &attr, detached_thread, NULL) == 0, "create detached");
    pthread_attr_destroy(&attr);
    while (sem_wait(&done_sem) != 0) {
    }
    int v = -1;
    sem_getvalue(&done_sem, &v);
    printf("detached: result %ld, ran detached %s, semaphore back to %d\n", detached_result,
           yesno(detached_state == PTHREAD_CREATE_DETACHED), v);
    /* no sem_destroy: the detached thread may still be returning from sem_post */
}

int main(void) {
    phase_identity();
    phase_workers();
    phase_mutex();
    phase_condvar();
    phase_barrier();
    phase_atomics();
    phase_tls();
    phase_once();
    phase_exit();
    phase_detached();
    return 0;
}
