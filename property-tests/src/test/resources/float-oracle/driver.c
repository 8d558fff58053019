/*
 * Driver of FloatOracleTest (property-tests): runs floating-point operations described on stdin and prints their
 * results, so that the same binary can be run under qemu-riscv64 and under dbt and the outputs compared line by line.
 *
 * stdin: records of 40 bytes, little-endian: u32 variant, u32 fcsr_in, u64 a, u64 b, u64 c, u64 x.
 * stdout: one line per record, "VVVV FFFFFFFFFFFFFFFF RRRRRRRRRRRRRRRR CC" (hex): the variant, the bits of fa0 and of
 * a0 after the instruction, and fcsr after it.
 *
 * The variants are generated assembly functions (oracle_variants, oracle_variant_count): each sets fcsr, loads
 * fa1/fa2/fa3 from a/b/c and a1 from x, executes one instruction (fd = fa0, rd = a0) and stores the results.
 * No floating-point code of its own runs here, so nothing but the variant touches fcsr.
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

struct oracle_in {
    uint64_t a, b, c, x;
    uint32_t fcsr;
    uint32_t pad;
};

struct oracle_out {
    uint64_t fd, rd, fcsr;
};

typedef void (*oracle_fn)(const struct oracle_in *, struct oracle_out *);
extern const oracle_fn oracle_variants[];
extern const uint64_t oracle_variant_count;

#define RECORD 40
static unsigned char inbuf[1 << 16];
static char outbuf[1 << 16];
static size_t outlen;
static const char hexdigits[] = "0123456789abcdef";

static void flush_out(void) {
    size_t done = 0;
    while (done < outlen) {
        ssize_t n = write(1, outbuf + done, outlen - done);
        if (n <= 0) {
            _exit(3);
        }
        done += (size_t) n;
    }
    outlen = 0;
}

static char *hex(char *p, uint64_t v, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
        p[i] = hexdigits[v & 15];
        v >>= 4;
    }
    return p + digits;
}

static uint32_t get32(const unsigned char *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static uint64_t get64(const unsigned char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static void fail(const char *msg) {
    flush_out();
    write(2, msg, strlen(msg));
    _exit(2);
}

int main(void) {
    size_t have = 0;
    for (;;) {
        ssize_t n = read(0, inbuf + have, sizeof inbuf - have);
        if (n < 0) {
            fail("float-oracle driver: read error\n");
        }
        have += (size_t) n;
        size_t pos = 0;
        while (have - pos >= RECORD) {
            const unsigned char *r = inbuf + pos;
            uint32_t variant = get32(r);
            struct oracle_in in;
            struct oracle_out out;
            in.fcsr = get32(r + 4);
            in.pad = 0;
            in.a = get64(r + 8);
            in.b = get64(r + 16);
            in.c = get64(r + 24);
            in.x = get64(r + 32);
            if (variant >= oracle_variant_count) {
                fail("float-oracle driver: variant out of range\n");
            }
            oracle_variants[variant](&in, &out);
            if (outlen + 64 > sizeof outbuf) {
                flush_out();
            }
            char *p = outbuf + outlen;
            p = hex(p, variant, 4);
            *p++ = ' ';
            p = hex(p, out.fd, 16);
            *p++ = ' ';
            p = hex(p, out.rd, 16);
            *p++ = ' ';
            p = hex(p, out.fcsr, 2);
            *p++ = '\n';
            outlen = (size_t) (p - outbuf);
            pos += RECORD;
        }
        memmove(inbuf, inbuf + pos, have - pos);
        have -= pos;
        if (n == 0) {
            break;
        }
    }
    if (have != 0) {
        fail("float-oracle driver: truncated record\n");
    }
    flush_out();
    return 0;
}
