/* bits.c: bit manipulation and sorting — __builtin_popcount/clz/ctz/parity/
 * bswap on 32 and 64 bits, rotates, bit reversal, isolating bits, a radix
 * sort on unsigned keys, an insertion sort and a bitset sieve of Eratosthenes.
 * clz/ctz are never called with 0 (undefined for the builtins). */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <string.h>

static volatile uint64_t vals[] = {1, 2, 3, 0x80, 0xff, 0x1000, 0xdeadbeef, 0x8000000000000000ull,
                                   0x00ff00ff00ff00ffull, 0xffffffffffffffffull, 0x0123456789abcdefull, 0x7fffffff};

static uint64_t rotl64(uint64_t x, unsigned r) { return (x << (r & 63)) | (x >> ((64 - r) & 63)); }
static uint32_t rotr32(uint32_t x, unsigned r) { return (x >> (r & 31)) | (x << ((32 - r) & 31)); }
static uint64_t rev64(uint64_t x) {
    uint64_t r = 0;
    for (int i = 0; i < 64; i++) { r = (r << 1) | (x & 1); x >>= 1; }
    return r;
}

static void radix_sort(uint32_t *a, uint32_t *tmp, int n) {
    for (int shift = 0; shift < 32; shift += 8) {
        int count[257] = {0};
        for (int i = 0; i < n; i++) count[((a[i] >> shift) & 0xff) + 1]++;
        for (int i = 0; i < 256; i++) count[i + 1] += count[i];
        for (int i = 0; i < n; i++) tmp[count[(a[i] >> shift) & 0xff]++] = a[i];
        memcpy(a, tmp, (size_t)n * sizeof *a);
    }
}

int main(void) {
    int n = sizeof vals / sizeof vals[0];
    for (int i = 0; i < n; i++) {
        uint64_t x = vals[i];
        uint32_t lo = (uint32_t)x;
        printf("%016" PRIx64 ": pop=%2d clz=%2d ctz=%2d par=%d | lo pop=%2d clz=%2d ctz=%2d | bswap=%016" PRIx64 " rotl13=%016" PRIx64 " rev=%016" PRIx64 "\n",
               x, __builtin_popcountll(x), __builtin_clzll(x), __builtin_ctzll(x), __builtin_parityll(x),
               __builtin_popcount(lo), lo ? __builtin_clz(lo) : 32, lo ? __builtin_ctz(lo) : 32,
               __builtin_bswap64(x), rotl64(x, 13), rev64(x));
        printf("   bswap32=%08" PRIx32 " rotr32_7=%08" PRIx32 " lowest=%016" PRIx64 " clear-lowest=%016" PRIx64 " pow2=%d\n",
               __builtin_bswap32(lo), rotr32(lo, 7), x & (0 - x), x & (x - 1), (x & (x - 1)) == 0);
    }
    printf("ffs(0)=%d ffs(0x50)=%d ffsll(1<<40)=%d\n", __builtin_ffs((int)(vals[0] - 1)), __builtin_ffs(0x50), __builtin_ffsll(1ll << 40));
    printf("clrsb(-1)=%d clrsb(1)=%d\n", __builtin_clrsb((int)vals[9]), __builtin_clrsb(1));

    enum { N = 5000 };
    static uint32_t a[N], tmp[N];
    uint32_t s = 2463534242u;
    for (int i = 0; i < N; i++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; a[i] = s; }
    radix_sort(a, tmp, N);
    int ok = 1;
    for (int i = 1; i < N; i++) ok &= a[i - 1] <= a[i];
    printf("radix sorted=%d min=%" PRIu32 " max=%" PRIu32 " mid=%" PRIu32 "\n", ok, a[0], a[N - 1], a[N / 2]);

    int16_t small[12] = {5, -3, 12, 0, -32768, 32767, 7, 7, -1, 100, -100, 1};
    for (int i = 1; i < 12; i++) {
        int16_t v = small[i];
        int j = i - 1;
        while (j >= 0 && small[j] > v) { small[j + 1] = small[j]; j--; }
        small[j + 1] = v;
    }
    printf("insertion:");
    for (int i = 0; i < 12; i++) printf(" %d", small[i]);
    printf("\n");

    enum { LIMIT = 1000000 };
    static uint64_t sieve[LIMIT / 64 + 1];
    for (uint64_t i = 2; i * i < LIMIT; i++)
        if (!(sieve[i / 64] >> (i % 64) & 1))
            for (uint64_t j = i * i; j < LIMIT; j += i) sieve[j / 64] |= 1ull << (j % 64);
    long primes = 0, last = 0;
    for (uint64_t i = 2; i < LIMIT; i++)
        if (!(sieve[i / 64] >> (i % 64) & 1)) { primes++; last = (long)i; }
    printf("primes below %d: %ld, largest %ld\n", LIMIT, primes, last);
    return ok ? 0 : 1;
}
