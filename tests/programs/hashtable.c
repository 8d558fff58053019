/* hashtable.c: heap-heavy code — a chained hash table of malloc'ed string
 * keys that grows by rehashing (realloc of the bucket array), a singly linked
 * list built/reversed/freed, a dynamic array grown with realloc, and a few
 * large allocations (>= 128 KiB, served by mmap in glibc) alongside many
 * small ones (served from brk). Deterministic: output never prints pointers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

struct entry { char *key; long value; struct entry *next; };
struct table { struct entry **buckets; size_t nbuckets, count; };

static uint64_t hash(const char *s) {            /* FNV-1a over unsigned bytes */
    uint64_t h = 0xcbf29ce484222325ull;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) h = (h ^ *p) * 0x100000001b3ull;
    return h;
}

static void rehash(struct table *t, size_t nb) {
    struct entry **old = t->buckets;
    size_t oldn = t->nbuckets;
    t->buckets = calloc(nb, sizeof *t->buckets);
    t->nbuckets = nb;
    for (size_t i = 0; i < oldn; i++)
        for (struct entry *e = old[i], *next; e; e = next) {
            next = e->next;
            size_t b = hash(e->key) % nb;
            e->next = t->buckets[b];
            t->buckets[b] = e;
        }
    free(old);
}

static void put(struct table *t, const char *key, long value) {
    size_t b = hash(key) % t->nbuckets;
    for (struct entry *e = t->buckets[b]; e; e = e->next)
        if (strcmp(e->key, key) == 0) { e->value = value; return; }
    struct entry *e = malloc(sizeof *e);
    e->key = strdup(key);
    e->value = value;
    e->next = t->buckets[b];
    t->buckets[b] = e;
    if (++t->count > t->nbuckets * 2) rehash(t, t->nbuckets * 2 + 1);
}

static struct entry *get(struct table *t, const char *key) {
    for (struct entry *e = t->buckets[hash(key) % t->nbuckets]; e; e = e->next)
        if (strcmp(e->key, key) == 0) return e;
    return NULL;
}

static int del(struct table *t, const char *key) {
    struct entry **pp = &t->buckets[hash(key) % t->nbuckets];
    for (; *pp; pp = &(*pp)->next)
        if (strcmp((*pp)->key, key) == 0) {
            struct entry *e = *pp;
            *pp = e->next;
            free(e->key);
            free(e);
            t->count--;
            return 1;
        }
    return 0;
}

struct node { long v; struct node *next; };

int main(void) {
    struct table t = {calloc(7, sizeof(struct entry *)), 7, 0};
    char key[32];
    for (long i = 0; i < 20000; i++) {
        snprintf(key, sizeof key, "key-%ld", i * 7919 % 20000);
        put(&t, key, i);
    }
    for (long i = 0; i < 5000; i++) { snprintf(key, sizeof key, "key-%ld", i * 3); put(&t, key, -i); }
    int deleted = 0;
    for (long i = 0; i < 20000; i += 10) { snprintf(key, sizeof key, "key-%ld", i); deleted += del(&t, key); }
    printf("count=%zu buckets=%zu deleted=%d\n", t.count, t.nbuckets, deleted);
    long sum = 0;
    int found = 0;
    for (long i = 0; i < 20000; i++) {
        snprintf(key, sizeof key, "key-%ld", i);
        struct entry *e = get(&t, key);
        if (e) { found++; sum += e->value; }
    }
    printf("found=%d sum=%ld\n", found, sum);
    struct entry *e = get(&t, "key-3");
    printf("key-3=%ld key-1=%ld missing=%s\n", e ? e->value : 0, get(&t, "key-1")->value, get(&t, "nope") ? "found" : "null");
    size_t longest = 0;
    for (size_t b = 0; b < t.nbuckets; b++) {
        size_t len = 0;
        for (struct entry *x = t.buckets[b]; x; x = x->next) len++;
        if (len > longest) longest = len;
    }
    printf("longest chain=%zu\n", longest);
    for (size_t b = 0; b < t.nbuckets; b++)
        for (struct entry *x = t.buckets[b], *n; x; x = n) { n = x->next; free(x->key); free(x); }
    free(t.buckets);

    /* linked list: build, reverse, sum, free */
    struct node *head = NULL;
    for (long i = 1; i <= 100000; i++) {
        struct node *n = malloc(sizeof *n);
        n->v = i; n->next = head; head = n;
    }
    struct node *rev = NULL;
    while (head) { struct node *n = head->next; head->next = rev; rev = head; head = n; }
    long lsum = 0, first = rev->v;
    int ordered = 1;
    for (struct node *n = rev; n; n = n->next) { lsum += n->v; if (n->next && n->next->v != n->v + 1) ordered = 0; }
    while (rev) { struct node *n = rev->next; free(rev); rev = n; }
    printf("list first=%ld sum=%ld ordered=%d\n", first, lsum, ordered);

    /* realloc-grown vector */
    size_t cap = 1, len = 0;
    long *vec = malloc(cap * sizeof *vec);
    int reallocs = 0;
    for (long i = 0; i < 300000; i++) {
        if (len == cap) { cap *= 2; vec = realloc(vec, cap * sizeof *vec); reallocs++; }
        vec[len++] = i ^ (i >> 3);
    }
    long vsum = 0;
    for (size_t i = 0; i < len; i++) vsum += vec[i];
    printf("vector len=%zu cap=%zu reallocs=%d sum=%ld\n", len, cap, reallocs, vsum);
    vec = realloc(vec, 10 * sizeof *vec);
    printf("shrunk vec[9]=%ld\n", vec[9]);
    free(vec);

    /* big blocks (mmap threshold) mixed with small ones */
    long bigsum = 0;
    for (int round = 0; round < 8; round++) {
        size_t sz = (size_t)(256 + round * 512) * 1024;
        unsigned char *big = malloc(sz);
        char *small = malloc(24 + round);
        memset(big, round + 1, sz);
        big[sz - 1] = 0x7f;
        snprintf(small, 24 + round, "r%d", round);
        bigsum += big[0] + big[sz / 2] + big[sz - 1] + (long)strlen(small);
        free(small);
        free(big);
    }
    printf("bigsum=%ld\n", bigsum);
    char *z = calloc(1 << 20, 1);
    long nz = 0;
    for (int i = 0; i < (1 << 20); i++) nz += z[i] != 0;
    free(z);
    printf("calloc nonzero=%ld\n", nz);
    return 0;
}
