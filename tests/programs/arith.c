/* arith.c: integer arithmetic — wrapping (unsigned / -fwrapv-free, done on
 * unsigned types), shifts (logical vs arithmetic), signed/unsigned compares,
 * sign/zero extension between widths. All results are folded into a checksum
 * that also becomes the exit status (masked to 0..255 and then to 0 if OK). */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

static uint64_t sum;
static void show(const char *what, uint64_t v) {
    printf("%-28s 0x%016" PRIx64 " %" PRId64 "\n", what, v, (int64_t)v);
    sum = sum * 31 + v;
}

/* noinline + volatile reads so the compiler has to emit real instructions */
static volatile int64_t v_big = INT64_MAX, v_small = INT64_MIN, v_m1 = -1;
static volatile int32_t w_big = INT32_MAX, w_small = INT32_MIN, w_m5 = -5;
static volatile uint32_t u32_max = UINT32_MAX;
static volatile uint8_t b_ff = 0xff;
static volatile int8_t sb_80 = -128;
static volatile int sh = 5, sh63 = 63, sh31 = 31;

int main(void) {
    uint64_t ub = (uint64_t)v_big;
    show("u64 INT64_MAX+1", ub + 1);
    show("u64 0-1", (uint64_t)0 - 1u + (uint64_t)(v_m1 + 1));
    show("u32 wrap UINT32_MAX+1", (uint64_t)(uint32_t)(u32_max + 1u));
    show("u32 mul wrap", (uint64_t)(uint32_t)(u32_max * 3u));
    show("u64 mul wrap", (uint64_t)v_big * 3u);
    show("i32 neg via unsigned", (uint64_t)(int64_t)(int32_t)(0u - (uint32_t)w_small));
    show("i32 INT32_MAX as i64+1", (uint64_t)((int64_t)w_big + 1));
    show("sra i64", (uint64_t)(v_small >> sh));
    show("srl u64", (uint64_t)v_small >> sh);
    show("sra i64 by 63", (uint64_t)(v_small >> sh63));
    show("sll u64 by 63", (uint64_t)1 << sh63);
    show("sra i32", (uint64_t)(int64_t)(w_m5 >> 1));
    show("srl u32", (uint64_t)((uint32_t)w_m5 >> 1));
    show("sll u32 by 31", (uint64_t)((uint32_t)1 << sh31));
    show("sra i32 by 31", (uint64_t)(int64_t)(w_small >> sh31));
    show("zext u8", (uint64_t)b_ff);
    show("sext i8", (uint64_t)(int64_t)sb_80);
    show("sext i32->i64", (uint64_t)(int64_t)w_m5);
    show("zext u32->u64", (uint64_t)(uint32_t)w_m5);
    show("trunc i64->i16", (uint64_t)(int64_t)(int16_t)(uint16_t)0x8001u);
    show("i32 add no overflow", (uint64_t)(int64_t)(w_big - 1 + 1));
    show("slt signed -1<1", (uint64_t)(v_m1 < 1));
    show("sltu unsigned -1<1", (uint64_t)((uint64_t)v_m1 < 1u));
    show("slt i32 min<max", (uint64_t)(w_small < w_big));
    show("sltu u32 min<max", (uint64_t)((uint32_t)w_small < (uint32_t)w_big));
    show("min/max signed", (uint64_t)(v_small < v_big ? v_small : v_big));
    show("and/or/xor", (uint64_t)(((0xF0F0F0F0F0F0F0F0ull & (uint64_t)v_m1) ^ 0x0FF00FF00FF00FF0ull) | 0x1ull));
    show("not", ~(uint64_t)v_big);
    show("neg INT64_MIN (unsigned)", 0u - (uint64_t)v_small);
    show("large immediate", (uint64_t)v_m1 + 0x123456789abcdefull);
    int64_t acc = 0;
    for (int i = -50; i <= 50; i++) acc += (int64_t)i * i * i - 7 * i;
    show("poly sum", (uint64_t)acc);
    printf("checksum 0x%016" PRIx64 "\n", sum);
    return sum == 0 ? 1 : 0;
}
