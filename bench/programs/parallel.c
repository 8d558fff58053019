/* parallel.c -- the same work split over THREADS pthreads: for each of N
 * numbers, a 64-bit mixing function iterated with lookups in a per-thread
 * table and a small scratch array (loads, stores, multiplies, shifts),
 * results summed. The sum does not depend
 * on the number of threads, so 1 and 2 threads print the same line; with 2
 * threads on 2 cores the time should nearly halve (dbt runs each guest thread
 * on a host thread of its own).
 *
 * usage: parallel [THREADS [N]]      (default 2 threads, N = 96e6)
 *
 * bench-args: 2 96000000
 * bench-quick-args: 2 9600000
 * bench-interp-args: 2 100000
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define TABLE 256

struct part {
    long from, to;
    unsigned long sum;
};

static unsigned long mix(unsigned long x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdUL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53UL;
    x ^= x >> 33;
    return x;
}

static void *work(void *arg) {
    struct part *p = arg;
    unsigned long table[TABLE];
    for (int i = 0; i < TABLE; i++) {
        table[i] = mix((unsigned long) i + 1);
    }
    unsigned long sum = 0;
    for (long n = p->from; n < p->to; n++) {
        unsigned long x = mix((unsigned long) n);
        volatile unsigned long scratch[4];
        for (int k = 0; k < 4; k++) {
            unsigned idx = (unsigned) (x >> (8 * k)) & (TABLE - 1);
            x = mix(x ^ table[idx]);
            scratch[k] = x >> 7;
        }
        sum += x ^ scratch[0] ^ scratch[3];
    }
    p->sum = sum;
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 2;
    long n = argc > 2 ? atol(argv[2]) : 96000000L;
    if (threads < 1 || threads > 64) {
        fprintf(stderr, "parallel: 1 to 64 threads\n");
        return 2;
    }
    pthread_t t[64];
    struct part parts[64];
    for (int i = 0; i < threads; i++) {
        parts[i].from = n * i / threads;
        parts[i].to = n * (i + 1) / threads;
        pthread_create(&t[i], NULL, work, &parts[i]);
    }
    unsigned long total = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(t[i], NULL);
        total += parts[i].sum;
    }
    printf("parallel: %ld numbers, checksum %016lx\n", n, total);
    return 0;
}
