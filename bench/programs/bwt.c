/* bwt.c -- Burrows-Wheeler transform and back. The rotations of a LEN-byte
 * generated text (ending in a unique 0 byte, so that sorting rotations is
 * sorting suffixes) are sorted by prefix doubling: each round orders them by
 * (rank of the first k bytes, rank of the next k bytes) with a stable
 * counting sort, until all ranks differ. The last column of the sorted
 * rotations is then move-to-front coded, decoded back, and inverted through
 * the last-to-first mapping; the text must come back. Random-access loads
 * and stores over several 4 MiB int arrays (rank, suffix and count tables),
 * indexed by values just loaded: the memory access pattern of suffix sorting
 * and of block-sorting compressors, unlike the sequential loops of the rest
 * of the bench. REPS times, the text changing a little each time.
 *
 * usage: bwt [REPS [LEN]]      (default 7 transforms of 1 MiB)
 *
 * bench-args: 7
 * bench-quick-args: 1 700000
 * bench-interp-args: 1 36000
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned rng = 0x6B43A9B5u;

static unsigned rnd(unsigned n) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng % n;
}

/* Text from a small vocabulary of syllables, with earlier stretches repeated (long common prefixes). */
static void generate(unsigned char *t, long n) {
    static const char *const syll[] = {"ba", "na", "ra", "ka", "to", "mi", "ne", "su", "lo", "pe", "ri", "da", "ch",
                                       "an", "en", "on", "the", "ing", " ", " ", ", ", ". "};
    const int nsyll = (int)(sizeof syll / sizeof syll[0]);
    long pos = 0;
    while (pos < n - 1) {
        if (pos > 1000 && rnd(30) == 0) {
            long from = (long)rnd((unsigned)(pos - 500));
            long len = 20 + (long)rnd(200);
            for (long i = 0; i < len && pos < n - 1; i++) {
                t[pos++] = rnd(100) == 0 ? (unsigned char)('A' + rnd(26)) : t[from + i];
            }
        } else {
            const char *s = syll[rnd((unsigned)nsyll)];
            for (int i = 0; s[i] != '\0' && pos < n - 1; i++) {
                t[pos++] = (unsigned char)s[i];
            }
        }
    }
    t[n - 1] = 0;                 /* the unique smallest byte: the end marker */
}

/* Sorts the rotations of t[0..n-1] into sa[]; rank[], tmp[] and cnt[] (n + 256 ints) are scratch. */
static int suffix_sort(const unsigned char *t, long n, int *sa, int *rank, int *tmp, int *cnt) {
    long classes;
    memset(cnt, 0, sizeof(int) * 256);
    for (long i = 0; i < n; i++) {
        cnt[t[i]]++;
    }
    for (int c = 1; c < 256; c++) {
        cnt[c] += cnt[c - 1];
    }
    for (long i = n - 1; i >= 0; i--) {
        sa[--cnt[t[i]]] = (int)i;
    }
    /* ranks of the first byte: equal bytes, equal rank */
    rank[sa[0]] = 0;
    classes = 1;
    for (long i = 1; i < n; i++) {
        if (t[sa[i]] != t[sa[i - 1]]) {
            classes++;
        }
        rank[sa[i]] = (int)classes - 1;
    }
    int rounds = 0;
    for (long k = 1; k < n && classes < n; k *= 2) {
        rounds++;
        /* order by the second half: rotation i - k's second half is rotation i, already sorted */
        for (long i = 0; i < n; i++) {
            long s = sa[i] - k;
            tmp[i] = (int)(s < 0 ? s + n : s);
        }
        /* stable counting sort by the first half */
        memset(cnt, 0, sizeof(int) * (size_t)classes);
        for (long i = 0; i < n; i++) {
            cnt[rank[tmp[i]]]++;
        }
        for (long c = 1; c < classes; c++) {
            cnt[c] += cnt[c - 1];
        }
        for (long i = n - 1; i >= 0; i--) {
            sa[--cnt[rank[tmp[i]]]] = tmp[i];
        }
        /* new ranks, into tmp[], then swapped into rank[] */
        tmp[sa[0]] = 0;
        classes = 1;
        for (long i = 1; i < n; i++) {
            long a = sa[i], b = sa[i - 1];
            long a2 = a + k >= n ? a + k - n : a + k;
            long b2 = b + k >= n ? b + k - n : b + k;
            if (rank[a] != rank[b] || rank[a2] != rank[b2]) {
                classes++;
            }
            tmp[sa[i]] = (int)classes - 1;
        }
        memcpy(rank, tmp, sizeof(int) * (size_t)n);
    }
    return rounds;
}

/* Move-to-front: each byte becomes its index in a list of the 256 byte values, then moves to the front. */
static void mtf_encode(const unsigned char *in, long n, unsigned char *out) {
    unsigned char list[256];
    for (int i = 0; i < 256; i++) {
        list[i] = (unsigned char)i;
    }
    for (long i = 0; i < n; i++) {
        unsigned char c = in[i];
        unsigned char moving = list[0];
        int j = 0;
        list[0] = c;
        while (moving != c) {         /* shift the list down until c's old place */
            j++;
            unsigned char t = list[j];
            list[j] = moving;
            moving = t;
        }
        out[i] = (unsigned char)j;
    }
}

static void mtf_decode(const unsigned char *in, long n, unsigned char *out) {
    unsigned char list[256];
    for (int i = 0; i < 256; i++) {
        list[i] = (unsigned char)i;
    }
    for (long i = 0; i < n; i++) {
        int j = in[i];
        unsigned char c = list[j];
        for (; j > 0; j--) {
            list[j] = list[j - 1];
        }
        list[0] = c;
        out[i] = c;
    }
}

/* Rebuilds the text from the last column and the row of the original text. */
static void inverse_bwt(const unsigned char *last, long n, long primary, int *lf, unsigned char *out) {
    long count[256];
    long start[256];
    memset(count, 0, sizeof count);
    for (long i = 0; i < n; i++) {
        lf[i] = (int)count[last[i]]++;       /* occurrences of last[i] before row i */
    }
    long sum = 0;
    for (int c = 0; c < 256; c++) {
        start[c] = sum;                      /* first row whose rotation begins with c */
        sum += count[c];
    }
    long row = primary;
    for (long j = n - 1; j >= 0; j--) {
        unsigned char c = last[row];
        out[j] = c;
        row = start[c] + lf[row];
    }
}

int main(int argc, char **argv) {
    long reps = argc > 1 ? strtol(argv[1], NULL, 10) : 7;
    long n = argc > 2 ? strtol(argv[2], NULL, 10) : 1L << 20;
    if (reps < 1 || n < 2 || n > 1L << 28) {
        fprintf(stderr, "usage: bwt [REPS [LEN]]\n");
        return 2;
    }
    unsigned char *text = malloc((size_t)n);
    unsigned char *last = malloc((size_t)n);
    unsigned char *mtf = malloc((size_t)n);
    unsigned char *back = malloc((size_t)n);
    int *sa = malloc(sizeof(int) * (size_t)n);
    int *rank = malloc(sizeof(int) * (size_t)n);
    int *tmp = malloc(sizeof(int) * (size_t)n);
    int *cnt = malloc(sizeof(int) * (size_t)(n + 256));
    if (text == NULL || last == NULL || mtf == NULL || back == NULL || sa == NULL || rank == NULL || tmp == NULL
        || cnt == NULL) {
        return 1;
    }
    generate(text, n);
    unsigned long check = 0;
    long primary = 0;
    long zeros = 0;
    int rounds = 0;
    int ok = 1;
    for (long r = 0; r < reps; r++) {
        if (r > 0) {
            for (int k = 0; k < 16; k++) {
                text[rnd((unsigned)(n - 1))] = (unsigned char)('a' + rnd(26));
            }
        }
        rounds = suffix_sort(text, n, sa, rank, tmp, cnt);
        for (long i = 0; i < n; i++) {
            long s = sa[i];
            last[i] = text[s == 0 ? n - 1 : s - 1];
            if (s == 0) {
                primary = i;
            }
        }
        mtf_encode(last, n, mtf);
        zeros = 0;
        for (long i = 0; i < n; i++) {
            zeros += mtf[i] == 0;
            check = (check ^ mtf[i]) * 0x100000001B3UL;
        }
        check ^= (unsigned long)primary;
        mtf_decode(mtf, n, back);
        if (memcmp(back, last, (size_t)n) != 0) {
            ok = 0;
        }
        inverse_bwt(last, n, primary, tmp, back);
        if (memcmp(back, text, (size_t)n) != 0) {
            ok = 0;
        }
    }
    printf("bwt %ld x %ld bytes: %d doubling rounds, primary row %ld, %ld of %ld move-to-front codes are 0, "
           "checksum %016lx, round trip %s\n",
           reps, n, rounds, primary, zeros, n, check, ok ? "ok" : "FAILED");
    free(text);
    free(last);
    free(mtf);
    free(back);
    free(sa);
    free(rank);
    free(tmp);
    free(cnt);
    return ok ? 0 : 1;
}
