/* strings.c -- libc string functions in a loop: strlen, memcpy, strcmp,
 * strchr, memcmp and memset over a table of generated strings of varied
 * lengths (glibc's generic C versions on RISC-V, its SSE/AVX versions
 * natively). Only the sign of strcmp/memcmp is used: the magnitude is
 * implementation-defined.
 *
 * usage: strings [REPS]      (default 32000)
 *
 * bench-args: 32000
 * bench-quick-args: 3200
 * bench-interp-args: 10
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT 256
#define MAXLEN 64

static int sign(int v) {
    return (v > 0) - (v < 0);
}

int main(int argc, char **argv) {
    long reps = argc > 1 ? strtol(argv[1], NULL, 10) : 32000;
    if (reps < 1) {
        fprintf(stderr, "usage: strings [REPS]\n");
        return 2;
    }
    static char strs[COUNT][MAXLEN + 1];
    static char buf[2 * MAXLEN + 2];
    unsigned seed = 1;
    for (int s = 0; s < COUNT; s++) {
        seed = seed * 1664525u + 1013904223u;
        int len = (int)((seed >> 8) % MAXLEN);
        /* Strings share long prefixes so strcmp has to walk. */
        for (int i = 0; i < len; i++) {
            seed = seed * 1664525u + 1013904223u;
            strs[s][i] = (char)('a' + (i < len / 2 ? i % 7 : (int)((seed >> 16) % 26)));
        }
        strs[s][len] = '\0';
    }
    unsigned long check = 0;
    for (long r = 0; r < reps; r++) {
        for (int s = 0; s < COUNT; s++) {
            const char *a = strs[s];
            const char *b = strs[(s + 1 + r) % COUNT];
            size_t la = strlen(a);
            size_t lb = strlen(b);
            memcpy(buf, a, la);
            memcpy(buf + la, b, lb + 1);
            size_t lc = strlen(buf);
            int c1 = sign(strcmp(a, b));
            int c2 = sign(strcmp(buf, a));
            int c3 = sign(memcmp(buf, b, la < lb ? la : lb));
            const char *z = strchr(buf, 'z');
            long zpos = z == NULL ? -1 : (long)(z - buf);
            memset(buf, 'q', lc / 2);
            check = check * 1000003u + la * 3 + lb * 5 + lc * 7 + (unsigned long)(c1 + 1) * 11
                    + (unsigned long)(c2 + 1) * 13 + (unsigned long)(c3 + 1) * 17 + (unsigned long)zpos
                    + (unsigned char)buf[lc / 2];
        }
    }
    printf("strings %ld reps: checksum %lu\n", reps, check);
    return 0;
}
