/* Rotations as real software writes them, which RV64GC (no Zbb) compiles to two shifts and an or: dbt's IR
 * recognises the pair as one rotation. In hot loops (translated, not interpreted): SHA-256's compression function
 * (32-bit rotations by constants), ChaCha20's quarter round (rotl 16, 12, 8, 7), SipHash-2-4 (64-bit rotations),
 * MurmurHash3's 32-bit finaliser and mixing; rotations by a variable amount (masked both ways, as gcc turns into
 * negw/sllw/srlw/or, amounts 0 to 70), parts put together with + and ^ instead of |, 8- and 16-bit rotations,
 * and shift pairs that are not rotations (amounts adding up to 31 or 33, two different values). Each part prints
 * a checksum; the native build computes the same C. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))

static inline uint32_t rotr32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
static inline uint32_t rotl32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
static inline uint64_t rotl64(uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }

/* 1. SHA-256 over a generated message. */
static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
    0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
    0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
    0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

static NOINLINE void sha256_block(uint32_t h[8], const uint8_t *p) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++) {
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    }
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr32(w[i - 15], 7) ^ rotr32(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr32(w[i - 2], 17) ^ rotr32(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = hh + (rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void sha256_part(void) {
    static uint8_t msg[64 * 512];
    for (size_t i = 0; i < sizeof msg; i++) {
        msg[i] = (uint8_t)(i * 131 + (i >> 7));
    }
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    for (int r = 0; r < 4; r++) {
        for (size_t off = 0; off < sizeof msg; off += 64) {
            sha256_block(h, msg + off);
        }
    }
    printf("sha256:");
    for (int i = 0; i < 8; i++) {
        printf(" %08x", h[i]);
    }
    printf("\n");
}

/* 2. ChaCha20 blocks: the quarter round's rotations by 16, 12, 8, 7. */
#define QR(a, b, c, d) \
    a += b; d ^= a; d = rotl32(d, 16); c += d; b ^= c; b = rotl32(b, 12); \
    a += b; d ^= a; d = rotl32(d, 8);  c += d; b ^= c; b = rotl32(b, 7)

static NOINLINE void chacha_block(uint32_t out[16], const uint32_t in[16]) {
    uint32_t x[16];
    memcpy(x, in, sizeof x);
    for (int i = 0; i < 10; i++) {
        QR(x[0], x[4], x[8], x[12]); QR(x[1], x[5], x[9], x[13]); QR(x[2], x[6], x[10], x[14]);
        QR(x[3], x[7], x[11], x[15]); QR(x[0], x[5], x[10], x[15]); QR(x[1], x[6], x[11], x[12]);
        QR(x[2], x[7], x[8], x[13]); QR(x[3], x[4], x[9], x[14]);
    }
    for (int i = 0; i < 16; i++) {
        out[i] = x[i] + in[i];
    }
}

static void chacha_part(void) {
    uint32_t in[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
    for (int i = 4; i < 16; i++) {
        in[i] = 0x01010101u * (uint32_t)i;
    }
    uint32_t out[16], sum = 0;
    for (uint32_t n = 0; n < 20000; n++) {
        in[12] = n;
        chacha_block(out, in);
        for (int i = 0; i < 16; i++) {
            sum = rotl32(sum, 5) ^ out[i];
        }
    }
    printf("chacha20: %08x (block 0 word 0 %08x)\n", sum, out[0]);
}

/* 3. SipHash-2-4 of messages of every length up to 64. */
#define SIPROUND \
    v0 += v1; v1 = rotl64(v1, 13); v1 ^= v0; v0 = rotl64(v0, 32); v2 += v3; v3 = rotl64(v3, 16); v3 ^= v2; \
    v0 += v3; v3 = rotl64(v3, 21); v3 ^= v0; v2 += v1; v1 = rotl64(v1, 17); v1 ^= v2; v2 = rotl64(v2, 32)

static NOINLINE uint64_t siphash(const uint8_t *m, size_t len, uint64_t k0, uint64_t k1) {
    uint64_t v0 = k0 ^ 0x736f6d6570736575ull, v1 = k1 ^ 0x646f72616e646f6dull;
    uint64_t v2 = k0 ^ 0x6c7967656e657261ull, v3 = k1 ^ 0x7465646279746573ull;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, m + i, 8);
        v3 ^= w; SIPROUND; SIPROUND; v0 ^= w;
    }
    uint64_t b = (uint64_t)len << 56;
    for (size_t j = 0; i + j < len; j++) {
        b |= (uint64_t)m[i + j] << (8 * j);
    }
    v3 ^= b; SIPROUND; SIPROUND; v0 ^= b;
    v2 ^= 0xff;
    SIPROUND; SIPROUND; SIPROUND; SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

static void siphash_part(void) {
    uint8_t m[64];
    for (int i = 0; i < 64; i++) {
        m[i] = (uint8_t)i;
    }
    uint64_t sum = 0;
    for (int r = 0; r < 3000; r++) {
        for (size_t len = 0; len <= 64; len++) {
            sum += siphash(m, len, 0x0706050403020100ull + (uint64_t)r, 0x0f0e0d0c0b0a0908ull);
        }
    }
    printf("siphash: %016llx (empty message %016llx)\n", (unsigned long long)sum,
           (unsigned long long)siphash(m, 0, 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull));
}

/* 4. MurmurHash3 x86_32 over a buffer, many seeds. */
static NOINLINE uint32_t murmur3(const uint8_t *p, size_t len, uint32_t seed) {
    uint32_t h = seed;
    size_t i = 0;
    for (; i + 4 <= len; i += 4) {
        uint32_t k;
        memcpy(&k, p + i, 4);
        k *= 0xcc9e2d51; k = rotl32(k, 15); k *= 0x1b873593;
        h ^= k; h = rotl32(h, 13); h = h * 5 + 0xe6546b64;
    }
    uint32_t k = 0;
    for (size_t j = len - i; j > 0; j--) {
        k = k << 8 | p[i + j - 1];
    }
    if (len - i > 0) {
        k *= 0xcc9e2d51; k = rotl32(k, 15); k *= 0x1b873593; h ^= k;
    }
    h ^= (uint32_t)len;
    h ^= h >> 16; h *= 0x85ebca6b; h ^= h >> 13; h *= 0xc2b2ae35; h ^= h >> 16;
    return h;
}

static void murmur_part(void) {
    static uint8_t buf[1031];
    for (size_t i = 0; i < sizeof buf; i++) {
        buf[i] = (uint8_t)(i * 7 + 3);
    }
    uint32_t sum = 0;
    for (uint32_t seed = 0; seed < 2000; seed++) {
        sum ^= murmur3(buf, sizeof buf - seed % 8, seed);
    }
    printf("murmur3: %08x\n", sum);
}

/* 5. Variable amounts (masked both ways: defined for every n), other joins, narrow widths, and near misses. */
static NOINLINE uint32_t rotl32v(uint32_t x, unsigned n) { return (x << (n & 31)) | (x >> (-n & 31)); }
static NOINLINE uint32_t rotr32v(uint32_t x, unsigned n) { return (x >> (n & 31)) | (x << (-n & 31)); }
static NOINLINE uint64_t rotl64v(uint64_t x, unsigned n) { return (x << (n & 63)) | (x >> (-n & 63)); }
static NOINLINE uint64_t rotr64v(uint64_t x, unsigned n) { return (x >> (n & 63)) | (x << (-n & 63)); }
static NOINLINE uint32_t plus_join(uint32_t x) { return (x << 5) + (x >> 27); }
static NOINLINE uint64_t xor_join(uint64_t x) { return (x << 40) ^ (x >> 24); }
static NOINLINE uint16_t rotl16(uint16_t x, unsigned n) { return (uint16_t)((x << (n & 15)) | (x >> (-n & 15))); }
static NOINLINE uint8_t rotr8(uint8_t x) { return (uint8_t)((x >> 3) | (x << 5)); }
static NOINLINE uint32_t sum31(uint32_t x) { return (x << 3) | (x >> 28); }
static NOINLINE uint32_t sum33(uint32_t x) { return (x << 5) | (x >> 28); }
static NOINLINE uint32_t two_values(uint32_t x, uint32_t y) { return (x << 7) | (y >> 25); }
static NOINLINE int32_t signed_parts(int32_t x) { return (int32_t)(((uint32_t)x >> 9) | ((uint32_t)x << 23)); }

static void variable_part(void) {
    static const uint64_t values[] = {0, 1, 0x80000000u, 0xffffffffu, 0x7fffffffu, 0x123456789abcdef0ull,
                                      0x8000000000000000ull, 0xffffffffffffffffull, 0xdeadbeefcafef00dull};
    uint64_t sum = 0;
    for (int r = 0; r < 2000; r++) {
        for (size_t k = 0; k < sizeof values / sizeof values[0]; k++) {
            uint64_t v = values[k] + (uint64_t)r * 0x9e3779b97f4a7c15ull * (r & 1);
            for (unsigned n = 0; n <= 70; n++) {
                sum = sum * 31 + rotl32v((uint32_t)v, n) + rotr32v((uint32_t)(v >> 7), n);
                sum = sum * 31 + rotl64v(v, n) + rotr64v(v ^ n, n) + rotl16((uint16_t)v, n);
            }
            sum = sum * 31 + plus_join((uint32_t)v) + xor_join(v) + rotr8((uint8_t)v);
            sum = sum * 31 + sum31((uint32_t)v) + sum33((uint32_t)v) + two_values((uint32_t)v, (uint32_t)(v >> 32));
            sum = sum * 31 + (uint64_t)(int64_t)signed_parts((int32_t)v);
        }
    }
    printf("variable and near misses: %016llx\n", (unsigned long long)sum);
    printf("rotl32v(0x80000001, 0..2, 31, 32, 33): %08x %08x %08x %08x %08x %08x\n", rotl32v(0x80000001u, 0),
           rotl32v(0x80000001u, 1), rotl32v(0x80000001u, 2), rotl32v(0x80000001u, 31), rotl32v(0x80000001u, 32),
           rotl32v(0x80000001u, 33));
    printf("signed_parts(-2): %d, sum31(0xf0000001): %08x, sum33(0xf0000001): %08x\n", signed_parts(-2),
           sum31(0xf0000001u), sum33(0xf0000001u));
}

int main(void) {
    sha256_part();
    chacha_part();
    siphash_part();
    murmur_part();
    variable_part();
    return 0;
}
