/* switch.c: a dense switch over 40 cases that gcc -O2 compiles to a jump
 * table (on RISC-V: an address load from a .rodata table followed by `jr`),
 * plus a sparse switch (compare tree) and a string-keyed classifier. The
 * selector comes from a runtime loop so nothing can be constant-folded. */
#include <stdio.h>

__attribute__((noinline)) static long dense(unsigned op, long x) {
    switch (op) {
    case 0: return x + 1;
    case 1: return x * 3;
    case 2: return x - 17;
    case 3: return x ^ 0x5a5a;
    case 4: return x << 3;
    case 5: return x >> 2;
    case 6: return ~x;
    case 7: return -x;
    case 8: return x * x;
    case 9: return x | 0x100;
    case 10: return x & 0xff;
    case 11: return x + 1000;
    case 12: return x * 7 + 1;
    case 13: return x / 3;
    case 14: return x % 11;
    case 15: return x - 123456;
    case 16: return x * 31;
    case 17: return (x << 1) | 1;
    case 18: return x + 77;
    case 19: return x * 5 - 2;
    case 20: return x ^ 0xffff;
    case 21: return x + 21;
    case 22: return x * 22;
    case 23: return x - 23;
    case 24: return x / 24;
    case 25: return x % 25;
    case 26: return x + 2626;
    case 27: return x * 27 + 27;
    case 28: return x & 0xf0f0;
    case 29: return x | 0x2929;
    case 30: return x >> 5;
    case 31: return x * 1031;
    case 32: return x - 32768;
    case 33: return x + 3333;
    case 34: return x ^ 34;
    case 35: return x * 35;
    case 36: return x / 36;
    case 37: return x % 37;
    case 38: return x + 38 * 38;
    case 39: return x * 39 - 39;
    default: return -1;
    }
}

__attribute__((noinline)) static int sparse(long v) {
    switch (v) {
    case -1000000: return 1;
    case -7: return 2;
    case 0: return 3;
    case 13: return 4;
    case 1024: return 5;
    case 65537: return 6;
    case 4000000000L: return 7;
    default: return 0;
    }
}

static const char *kind(char c) {
    switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u': return "vowel";
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9': return "digit";
    case ' ': case '\t': case '\n': return "space";
    default: return "other";
    }
}

int main(void) {
    unsigned long acc = 0;                      /* unsigned: wraps, no UB */
    for (unsigned op = 0; op < 42; op++) {
        long r = dense(op, 1000 + op);
        printf("dense(%2u) = %ld\n", op, r);
        acc = acc * 3 + (unsigned long)r;
    }
    printf("dense checksum %lu\n", acc);
    static const long probes[] = {-1000000, -7, 0, 13, 1024, 65537, 4000000000L, 5, -8};
    for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++)
        printf("sparse(%ld) = %d\n", probes[i], sparse(probes[i]));
    const char *text = "hi 42\tout";
    for (const char *p = text; *p; p++) printf("'%c' %s\n", *p == '\t' ? 'T' : *p, kind(*p));
    return 0;
}
