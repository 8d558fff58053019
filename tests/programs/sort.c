/* sort.c: qsort with several custom comparators (ints ascending/descending,
 * unsigned-by-popcount, structs by multiple keys, strings via pointers) and
 * bsearch hits/misses. All comparators are total orders so the result does
 * not depend on qsort's (non-)stability. Data comes from a fixed LCG. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint32_t seed = 12345;
static uint32_t rnd(void) { seed = seed * 1103515245u + 12345u; return (seed >> 8) & 0xffffff; }

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_int_desc(const void *a, const void *b) { return cmp_int(b, a); }
static int cmp_pop(const void *a, const void *b) {
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    int px = __builtin_popcount(x), py = __builtin_popcount(y);
    if (px != py) return px - py;
    return (x > y) - (x < y);
}
struct person { char name[12]; int age; long score; };
static int cmp_person(const void *a, const void *b) {
    const struct person *p = a, *q = b;
    if (p->age != q->age) return p->age < q->age ? -1 : 1;
    if (p->score != q->score) return p->score > q->score ? -1 : 1; /* score descending */
    return strcmp(p->name, q->name);
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

int main(void) {
    enum { N = 1000 };
    static int xs[N];
    for (int i = 0; i < N; i++) xs[i] = (int)(rnd() % 20001) - 10000;
    qsort(xs, N, sizeof xs[0], cmp_int);
    int sorted = 1;
    for (int i = 1; i < N; i++) sorted &= xs[i - 1] <= xs[i];
    printf("ascending sorted=%d first=%d %d %d last=%d median=%d\n", sorted, xs[0], xs[1], xs[2], xs[N - 1], xs[N / 2]);
    uint64_t chk = 0;                              /* unsigned: wraps, no UB */
    for (int i = 0; i < N; i++) chk = chk * 7 + (uint64_t)(int64_t)xs[i];
    printf("checksum %llu\n", (unsigned long long)chk);

    int hits = 0;
    for (int k = -10000; k <= 10000; k += 37) hits += bsearch(&k, xs, N, sizeof xs[0], cmp_int) != NULL;
    int key = xs[500];
    int *found = bsearch(&key, xs, N, sizeof xs[0], cmp_int);
    int missing = 10001;
    printf("bsearch hits=%d found %d ok=%d missing=%s\n", hits, key, found && *found == key,
           bsearch(&missing, xs, N, sizeof xs[0], cmp_int) ? "found" : "null");

    qsort(xs, N, sizeof xs[0], cmp_int_desc);
    printf("descending first=%d last=%d\n", xs[0], xs[N - 1]);

    unsigned us[16];
    for (int i = 0; i < 16; i++) us[i] = rnd() * 257u;
    qsort(us, 16, sizeof us[0], cmp_pop);
    printf("by popcount:");
    for (int i = 0; i < 16; i++) printf(" %u(%d)", us[i], __builtin_popcount(us[i]));
    printf("\n");

    struct person ps[] = {
        {"carol", 30, 88}, {"alice", 25, 92}, {"bob", 30, 95}, {"dave", 25, 92},
        {"eve", 41, 70}, {"frank", 19, 99}, {"grace", 30, 88}, {"heidi", 41, 100},
    };
    int np = sizeof ps / sizeof ps[0];
    qsort(ps, np, sizeof ps[0], cmp_person);
    for (int i = 0; i < np; i++) printf("person %-6s age %d score %ld\n", ps[i].name, ps[i].age, ps[i].score);

    const char *words[] = {"pear", "apple", "fig", "banana", "kiwi", "cherry", "date", "apricot", "grape"};
    int nw = sizeof words / sizeof words[0];
    qsort(words, nw, sizeof words[0], cmp_str);
    for (int i = 0; i < nw; i++) printf("%s%s", words[i], i + 1 < nw ? " " : "\n");
    const char *want = "fig";
    const char **w = bsearch(&want, words, nw, sizeof words[0], cmp_str);
    printf("bsearch fig at index %ld\n", w ? (long)(w - words) : -1L);
    return sorted ? 0 : 1;
}
