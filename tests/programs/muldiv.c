/* muldiv.c: M-extension edge cases without UB in C. Operands live in
 * volatiles so the compiler must emit real mul/mulh/div/rem instructions.
 * Covers mul/mulh/mulhu/mulhsu (via __int128), div/divu/rem/remu with all
 * sign combinations, the *w variants (32-bit int ops sign-extended into
 * 64-bit registers), mixed widths and big unsigned values.
 *
 * INT64_MIN / -1, INT64_MIN % -1 and division by zero are UB in C, so they
 * are never written as C divisions. Instead, on RISC-V the div/rem/divu/remu
 * and divw/remw/divuw/remuw instructions are issued directly with inline asm
 * (defined by the ISA: x/0 = -1 or all ones, x%0 = x, MIN/-1 = MIN,
 * MIN%-1 = 0), and the native build computes the same values from a C model
 * of the spec. This is where a translator to x86 (whose idiv traps) breaks. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

static volatile int64_t a64[] = {0, 1, -1, 7, -7, 3, -3, 1000000007, -1000000007,
                                 INT64_MAX, INT64_MIN + 1, 0x123456789abcdefLL, -0x123456789abcdefLL};
static volatile uint64_t u64v[] = {1, 2, 3, 10, 0xffffffffull, 0x100000000ull, 0xfffffffffffffffeull,
                                   0xffffffffffffffffull, 0x8000000000000000ull, 0xdeadbeefcafebabeull};
static volatile int32_t a32[] = {1, -1, 7, -7, 3, -3, 65536, -65536, INT32_MAX, INT32_MIN + 1, 123456789};
static volatile int64_t vmin = INT64_MIN, vm1 = -1;
static volatile int32_t wmin = INT32_MIN, wm1 = -1;

/* ---- RISC-V division semantics: the instruction itself, or a C model of it */
#if defined(__riscv) && __riscv_xlen == 64
#define RV_OP(name, insn)                                                      \
    static int64_t name(int64_t a, int64_t b) {                                \
        int64_t r;                                                             \
        __asm__ volatile(insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));       \
        return r;                                                              \
    }
RV_OP(rv_div, "div") RV_OP(rv_rem, "rem") RV_OP(rv_divu, "divu") RV_OP(rv_remu, "remu")
RV_OP(rv_divw, "divw") RV_OP(rv_remw, "remw") RV_OP(rv_divuw, "divuw") RV_OP(rv_remuw, "remuw")
#else
static int64_t rv_div(int64_t a, int64_t b) {
    if (b == 0) return -1;
    if (a == INT64_MIN && b == -1) return INT64_MIN;
    return a / b;
}
static int64_t rv_rem(int64_t a, int64_t b) {
    if (b == 0) return a;
    if (a == INT64_MIN && b == -1) return 0;
    return a % b;
}
static int64_t rv_divu(int64_t a, int64_t b) { return b == 0 ? -1 : (int64_t)((uint64_t)a / (uint64_t)b); }
static int64_t rv_remu(int64_t a, int64_t b) { return b == 0 ? a : (int64_t)((uint64_t)a % (uint64_t)b); }
/* *w: use the low 32 bits of each operand, sign-extend the 32-bit result */
static int64_t rv_divw(int64_t a, int64_t b) {
    int32_t x = (int32_t)a, y = (int32_t)b;
    if (y == 0) return -1;
    if (x == INT32_MIN && y == -1) return INT32_MIN;
    return x / y;
}
static int64_t rv_remw(int64_t a, int64_t b) {
    int32_t x = (int32_t)a, y = (int32_t)b;
    if (y == 0) return x;
    if (x == INT32_MIN && y == -1) return 0;
    return x % y;
}
static int64_t rv_divuw(int64_t a, int64_t b) {
    uint32_t x = (uint32_t)a, y = (uint32_t)b;
    return (int32_t)(y == 0 ? UINT32_MAX : x / y);
}
static int64_t rv_remuw(int64_t a, int64_t b) {
    uint32_t x = (uint32_t)a, y = (uint32_t)b;
    return (int32_t)(y == 0 ? x : x % y);
}
#endif

static volatile int64_t edge[] = {0, 1, -1, 2, -2, 7, INT64_MIN, INT64_MAX, INT32_MIN, INT32_MAX,
                                  (int64_t)0xffffffff80000000ull, 0x17fffffffLL, 0x100000000LL,
                                  (int64_t)0x80000000ull, -0x100000000LL};

static uint64_t h;
static void mix(uint64_t v) { h = (h ^ v) * 0x100000001b3ull; }

int main(void) {
    int n64 = sizeof a64 / sizeof a64[0], nu = sizeof u64v / sizeof u64v[0], n32 = sizeof a32 / sizeof a32[0];

    /* signed 64-bit div/rem (C truncates toward zero, like RISC-V) */
    for (int i = 0; i < n64; i++)
        for (int j = 0; j < n64; j++) {
            int64_t x = a64[i], y = a64[j];
            if (y == 0) continue;                 /* division by zero is UB in C */
            mix((uint64_t)(x / y)); mix((uint64_t)(x % y));
        }
    printf("div/rem 64 hash %016" PRIx64 "\n", h);
    printf("7/-2=%" PRId64 " 7%%-2=%" PRId64 " -7/2=%" PRId64 " -7%%2=%" PRId64 "\n",
           a64[3] / -2, a64[3] % -2, a64[4] / 2, a64[4] % 2);

    /* INT64_MIN edge cases that are defined in C */
    int64_t m = vmin, mm1 = vm1;
    printf("INT64_MIN/2=%" PRId64 " INT64_MIN%%3=%" PRId64 " INT64_MIN/INT64_MIN=%" PRId64 "\n", m / 2, m % 3, m / vmin);
    printf("INT64_MIN/(INT64_MIN+1)=%" PRId64 " rem=%" PRId64 "\n", m / (vmin + 1), m % (vmin + 1));
    printf("-1 * INT64_MIN as unsigned = %016" PRIx64 "\n", (uint64_t)mm1 * (uint64_t)m);
    printf("(uint64)INT64_MIN / (uint64)-1 = %" PRIu64 " rem %016" PRIx64 "\n", (uint64_t)m / (uint64_t)mm1, (uint64_t)m % (uint64_t)mm1);
    /* INT32_MIN / -1 is defined when promoted to int64 */
    int64_t wq = (int64_t)wmin / (int64_t)wm1, wr = (int64_t)wmin % (int64_t)wm1;
    printf("(int64)INT32_MIN / -1 = %" PRId64 " rem %" PRId64 "\n", wq, wr);

    /* unsigned 64-bit */
    h = 0;
    for (int i = 0; i < nu; i++)
        for (int j = 0; j < nu; j++) { uint64_t x = u64v[i], y = u64v[j]; mix(x / y); mix(x % y); mix(x * y); }
    printf("divu/remu/mul hash %016" PRIx64 "\n", h);
    printf("max/3=%" PRIu64 " max%%10=%" PRIu64 " 0x8000..%%7=%" PRIu64 "\n", u64v[7] / u64v[2], u64v[7] % u64v[3], u64v[8] % 7);

    /* high halves: mulh (signed*signed), mulhu, mulhsu (signed*unsigned) */
    h = 0;
    for (int i = 0; i < n64; i++)
        for (int j = 0; j < n64; j++) {
            __int128 p = (__int128)a64[i] * a64[j];
            mix((uint64_t)(p >> 64)); mix((uint64_t)p);
        }
    printf("mulh hash %016" PRIx64 "\n", h);
    h = 0;
    for (int i = 0; i < nu; i++)
        for (int j = 0; j < nu; j++) mix((uint64_t)(((unsigned __int128)u64v[i] * u64v[j]) >> 64));
    printf("mulhu hash %016" PRIx64 "\n", h);
    h = 0;
    for (int i = 0; i < n64; i++)
        for (int j = 0; j < nu; j++) mix((uint64_t)(((__int128)a64[i] * (__int128)(unsigned __int128)u64v[j]) >> 64));
    printf("mulhsu hash %016" PRIx64 "\n", h);
    unsigned __int128 big = (unsigned __int128)u64v[7] * u64v[7];
    printf("max*max = %016" PRIx64 "%016" PRIx64 "\n", (uint64_t)(big >> 64), (uint64_t)big);
    __int128 sbig = (__int128)vmin * vmin;
    printf("min*min = %016" PRIx64 "%016" PRIx64 "\n", (uint64_t)((unsigned __int128)sbig >> 64), (uint64_t)sbig);

    /* 32-bit ops (addw/subw/mulw/divw/remw/divuw/remuw/sllw/srlw/sraw) */
    h = 0;
    for (int i = 0; i < n32; i++)
        for (int j = 0; j < n32; j++) {
            int32_t x = a32[i], y = a32[j];
            int64_t sum = (int64_t)x + y;                 /* 64-bit, no overflow */
            uint32_t wrapsum = (uint32_t)x + (uint32_t)y;  /* addw semantics */
            uint32_t wrapmul = (uint32_t)x * (uint32_t)y;  /* mulw semantics */
            int32_t q = x / y, r = x % y;                  /* divw/remw, y != 0, no INT32_MIN */
            uint32_t uq = (uint32_t)x / (uint32_t)y, ur = (uint32_t)x % (uint32_t)y;
            int32_t sl = (int32_t)((uint32_t)x << (j & 31)), sr = x >> (j & 31);
            uint32_t lr = (uint32_t)x >> (j & 31);
            mix((uint64_t)sum); mix(wrapsum); mix((uint64_t)(int64_t)(int32_t)wrapmul);
            mix((uint64_t)(int64_t)q); mix((uint64_t)(int64_t)r); mix(uq); mix(ur);
            mix((uint64_t)(int64_t)sl); mix((uint64_t)(int64_t)sr); mix(lr);
        }
    printf("w-ops hash %016" PRIx64 "\n", h);
    printf("INT32_MAX+1 (wrapped, sext) = %" PRId64 "\n", (int64_t)(int32_t)((uint32_t)a32[8] + 1u));
    printf("-7/2=%d -7%%2=%d 7u/2=%u 0xfffffff9u/2=%u\n", a32[3] / 2, a32[3] % 2, (unsigned)a32[2] / 2u, (unsigned)a32[3] / 2u);

    /* mixed widths */
    int32_t i32 = a32[9];
    uint16_t u16 = 0xfffe;
    int8_t i8 = -100;
    int64_t mixed = (int64_t)i32 * u16 + i8 * (int64_t)a64[7];
    printf("mixed widths = %" PRId64 "\n", mixed);
    uint32_t ucmp = (uint32_t)a32[1];
    printf("(uint32)-1 > 1: %d, (int64)(uint32)-1 = %" PRId64 "\n", ucmp > 1u, (int64_t)ucmp);
    /* the cases C cannot express: x/0, x%0, MIN/-1, MIN%-1 (64- and 32-bit) */
    printf("rv div  MIN/-1=%" PRId64 " MIN%%-1=%" PRId64 " 5/0=%" PRId64 " 5%%0=%" PRId64 " -5/0=%" PRId64 " -5%%0=%" PRId64 "\n",
           rv_div(vmin, vm1), rv_rem(vmin, vm1), rv_div(5, edge[0]), rv_rem(5, edge[0]),
           rv_div(-5, edge[0]), rv_rem(-5, edge[0]));
    printf("rv divu 5/0=%" PRId64 " 5%%0=%" PRId64 " MIN/-1=%" PRId64 " MIN%%-1=%" PRId64 "\n",
           rv_divu(5, edge[0]), rv_remu(5, edge[0]), rv_divu(vmin, vm1), rv_remu(vmin, vm1));
    printf("rv divw INT32_MIN/-1=%" PRId64 " rem=%" PRId64 " 5/0=%" PRId64 " -5%%0=%" PRId64 "\n",
           rv_divw(wmin, wm1), rv_remw(wmin, wm1), rv_divw(5, edge[0]), rv_remw(-5, edge[0]));
    printf("rv divuw 5/0=%" PRId64 " 0x80000000%%0=%" PRId64 " 0xffffffff/1=%" PRId64 "\n",
           rv_divuw(5, edge[0]), rv_remuw(edge[13], edge[0]), rv_divuw(-1, 1));
    int ne = sizeof edge / sizeof edge[0];
    h = 0;
    for (int i = 0; i < ne; i++)
        for (int j = 0; j < ne; j++) {
            int64_t x = edge[i], y = edge[j];
            mix((uint64_t)rv_div(x, y)); mix((uint64_t)rv_rem(x, y));
            mix((uint64_t)rv_divu(x, y)); mix((uint64_t)rv_remu(x, y));
        }
    printf("rv div/rem/divu/remu edge hash %016" PRIx64 "\n", h);
    h = 0;
    for (int i = 0; i < ne; i++)
        for (int j = 0; j < ne; j++) {
            int64_t x = edge[i], y = edge[j];   /* upper halves must be ignored */
            mix((uint64_t)rv_divw(x, y)); mix((uint64_t)rv_remw(x, y));
            mix((uint64_t)rv_divuw(x, y)); mix((uint64_t)rv_remuw(x, y));
        }
    printf("rv divw/remw/divuw/remuw edge hash %016" PRIx64 "\n", h);
    return 0;
}
