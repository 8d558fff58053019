/* lzcompress.c -- an LZ77 compressor with a hash table and hash chains
 * (every position is entered under a hash of its next 4 bytes; a match is
 * looked for by walking the chain of earlier positions with the same hash,
 * up to 64 of them within a 64 KiB window, comparing bytes), with lazy
 * matching (a match is put off by one byte if the next position has a longer
 * one), writing LZ4-like sequences (a token byte with literal and match
 * lengths, the literals, a 16-bit offset). Then the decompressor (byte
 * copies, overlapping ones included) restores the input, which must be equal
 * to it. The input is LEN bytes of generated semi-repetitive text (words
 * drawn from a skewed vocabulary, sentences that now and then repeat an
 * earlier one with small changes), compressed and decompressed REPS times
 * (a few bytes change between repetitions). Irregular loops, short
 * data-dependent byte compare loops, loads and stores all over two 256 KiB
 * tables.
 *
 * usage: lzcompress [REPS [LEN]]      (default 26 passes over 1 MiB)
 *
 * bench-args: 26
 * bench-quick-args: 3
 * bench-interp-args: 1 136000
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HASH_BITS 16
#define WINDOW 65536              /* offsets are 1 .. WINDOW - 1 */
#define MIN_MATCH 4
#define MAX_CHAIN 64
#define GOOD_MATCH 258            /* stop searching once a match is this long */

static unsigned long rng_state = 0x853C49E6748FEA9BUL;

static unsigned rnd(unsigned n) {
    rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((rng_state >> 33) % n);
}

/* ---- input ---- */

#define VOCAB 600

static void generate(unsigned char *text, long len) {
    static char words[VOCAB][12];
    for (int w = 0; w < VOCAB; w++) {
        int n = 2 + (int)rnd(9);
        for (int i = 0; i < n; i++) {
            words[w][i] = (char)("etaoinshrdlucmfwypvbgkqjxz"[rnd(rnd(26) + 1)]);
        }
        words[w][n] = '\0';
    }
    long pos = 0;
    while (pos < len) {
        if (pos > 2000 && rnd(4) == 0) {
            /* repeat an earlier sentence, changing a letter here and there */
            long from = (long)rnd((unsigned)(pos - 1000));
            long n = 40 + (long)rnd(200);
            for (long i = 0; i < n && pos < len; i++) {
                unsigned char c = text[from + i];
                if (rnd(60) == 0 && c >= 'a' && c <= 'z') {
                    c = (unsigned char)('a' + rnd(26));
                }
                text[pos++] = c;
            }
        } else {
            int words_in_sentence = 4 + (int)rnd(14);
            for (int k = 0; k < words_in_sentence && pos < len; k++) {
                unsigned r = rnd(VOCAB);
                const char *w = words[r * r / VOCAB];      /* skewed: small indices are common */
                for (int i = 0; w[i] != '\0' && pos < len; i++) {
                    text[pos++] = (unsigned char)w[i];
                }
                if (pos < len) {
                    text[pos++] = (unsigned char)(rnd(12) == 0 ? ',' : ' ');
                }
            }
            if (pos < len) {
                text[pos++] = (unsigned char)(rnd(5) == 0 ? '\n' : '.');
            }
        }
    }
}

/* ---- compressor ---- */

static int head[1 << HASH_BITS];  /* latest position with a hash, or -1 */
static int prev[WINDOW];          /* prev[pos % WINDOW]: the position before pos with the same hash, or -1 */

static unsigned hash4(const unsigned char *p) {
    unsigned v = (unsigned)p[0] | (unsigned)p[1] << 8 | (unsigned)p[2] << 16 | (unsigned)p[3] << 24;
    return (v * 2654435761u) >> (32 - HASH_BITS);
}

static void insert(const unsigned char *in, long len, long pos) {
    if (pos + MIN_MATCH <= len) {
        unsigned h = hash4(in + pos);
        prev[pos % WINDOW] = head[h];
        head[h] = (int)pos;
    }
}

/* The longest match for in[pos..] among earlier positions (already inserted); its offset in *offset. */
static long longest_match(const unsigned char *in, long len, long pos, long *offset) {
    long best = 0;
    if (pos + MIN_MATCH > len) {
        return 0;
    }
    long limit = len - pos;
    int cand = head[hash4(in + pos)];
    for (int chain = 0; cand >= 0 && chain < MAX_CHAIN; chain++) {
        long dist = pos - cand;
        if (dist >= WINDOW || dist <= 0) {
            break;
        }
        const unsigned char *a = in + cand;
        const unsigned char *b = in + pos;
        /* Cheap rejection: a longer match must agree at the byte just past the best so far. */
        if (best < limit && a[best] == b[best] && a[0] == b[0]) {
            long n = 0;
            while (n < limit && a[n] == b[n]) {
                n++;
            }
            if (n > best) {
                best = n;
                *offset = dist;
                if (n >= GOOD_MATCH) {
                    break;
                }
            }
        }
        cand = prev[cand % WINDOW];
    }
    return best >= MIN_MATCH ? best : 0;
}

static unsigned char *put_length(unsigned char *out, long n) {
    while (n >= 255) {
        *out++ = 255;
        n -= 255;
    }
    *out++ = (unsigned char)n;
    return out;
}

static unsigned char *put_sequence(unsigned char *out, const unsigned char *lit, long nlit, long mlen, long offset) {
    unsigned char *token = out++;
    unsigned t = (unsigned)(nlit < 15 ? nlit : 15) << 4;
    if (nlit >= 15) {
        out = put_length(out, nlit - 15);
    }
    for (long i = 0; i < nlit; i++) {
        *out++ = lit[i];
    }
    if (mlen > 0) {
        long m = mlen - MIN_MATCH;
        t |= (unsigned)(m < 15 ? m : 15);
        *out++ = (unsigned char)offset;
        *out++ = (unsigned char)(offset >> 8);
        if (m >= 15) {
            out = put_length(out, m - 15);
        }
    }
    *token = (unsigned char)t;
    return out;
}

/* Returns the compressed size; the last sequence has literals only. */
static long compress(const unsigned char *in, long len, unsigned char *out) {
    memset(head, 0xff, sizeof head);
    memset(prev, 0xff, sizeof prev);
    unsigned char *o = out;
    long lit = 0;                 /* start of the pending literals */
    long pos = 0;
    while (pos < len) {
        long offset = 0;
        long mlen = longest_match(in, len, pos, &offset);
        insert(in, len, pos);
        if (mlen > 0 && mlen < GOOD_MATCH && pos + 1 < len) {
            /* lazy: would a match starting one byte later be longer? */
            long offset2 = 0;
            long mlen2 = longest_match(in, len, pos + 1, &offset2);
            if (mlen2 > mlen + 1) {
                pos++;
                insert(in, len, pos);
                mlen = mlen2;
                offset = offset2;
            }
        }
        if (mlen == 0) {
            pos++;
            continue;
        }
        o = put_sequence(o, in + lit, pos - lit, mlen, offset);
        for (long i = 1; i < mlen; i++) {
            insert(in, len, pos + i);
        }
        pos += mlen;
        lit = pos;
    }
    o = put_sequence(o, in + lit, len - lit, 0, 0);
    return (long)(o - out);
}

/* ---- decompressor ---- */

static long get_length(const unsigned char **pp, const unsigned char *end, long n) {
    const unsigned char *p = *pp;
    if (n == 15) {
        unsigned c;
        do {
            if (p >= end) {
                return -1;
            }
            c = *p++;
            n += c;
        } while (c == 255);
    }
    *pp = p;
    return n;
}

/* Returns the decompressed size, or -1 on malformed input. */
static long decompress(const unsigned char *in, long n, unsigned char *out, long cap) {
    const unsigned char *p = in;
    const unsigned char *end = in + n;
    long o = 0;
    while (p < end) {
        unsigned t = *p++;
        long nlit = get_length(&p, end, t >> 4);
        if (nlit < 0 || nlit > end - p || nlit > cap - o) {
            return -1;
        }
        for (long i = 0; i < nlit; i++) {
            out[o++] = *p++;
        }
        if (p == end) {
            break;                /* the last sequence */
        }
        if (end - p < 2) {
            return -1;
        }
        long offset = (long)p[0] | (long)p[1] << 8;
        p += 2;
        long mlen = get_length(&p, end, t & 15);
        if (mlen < 0 || offset == 0 || offset > o || mlen + MIN_MATCH > cap - o) {
            return -1;
        }
        mlen += MIN_MATCH;
        const unsigned char *src = out + o - offset;
        for (long i = 0; i < mlen; i++) {  /* may overlap its own output: byte by byte */
            out[o + i] = src[i];
        }
        o += mlen;
    }
    return o;
}

int main(int argc, char **argv) {
    long reps = argc > 1 ? strtol(argv[1], NULL, 10) : 26;
    long len = argc > 2 ? strtol(argv[2], NULL, 10) : 1L << 20;
    if (reps < 1 || len < 1 || len > 1L << 30) {
        fprintf(stderr, "usage: lzcompress [REPS [LEN]]\n");
        return 2;
    }
    long cap = len + len / 128 + 64;
    unsigned char *text = malloc((size_t)len);
    unsigned char *packed = malloc((size_t)cap);
    unsigned char *back = malloc((size_t)len);
    if (text == NULL || packed == NULL || back == NULL) {
        return 1;
    }
    generate(text, len);
    unsigned long check = 0;
    long size = 0;
    int ok = 1;
    for (long r = 0; r < reps; r++) {
        for (int k = 0; k < 8; k++) {
            long at = (long)rnd((unsigned)len);
            text[at] = (unsigned char)('a' + rnd(26));
        }
        size = compress(text, len, packed);
        long n = decompress(packed, size, back, len);
        if (n != len || memcmp(back, text, (size_t)len) != 0) {
            ok = 0;
        }
        for (long i = 0; i < size; i++) {
            check = (check ^ packed[i]) * 0x100000001B3UL;
        }
    }
    printf("lzcompress %ld x %ld bytes: last compressed to %ld bytes (%ld per mille), checksum %016lx, round trip %s\n",
           reps, len, size, size * 1000 / len, check, ok ? "ok" : "FAILED");
    free(text);
    free(packed);
    free(back);
    return ok ? 0 : 1;
}
