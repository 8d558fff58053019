/* atomics.c: A-extension coverage, single-threaded — C11 <stdatomic.h>
 * fetch_add/fetch_sub/fetch_or/fetch_and/fetch_xor, exchange,
 * compare_exchange_strong/weak (success and failure) on 32- and 64-bit,
 * plus the GCC __atomic builtins (amomin/amomax style via CAS loops,
 * load/store with different memory orders, test_and_set) and __sync.
 * Only 32/64-bit atomics: GCC 12 lowers 8/16-bit ones to libatomic calls. */
#include <stdio.h>
#include <stdatomic.h>
#include <stdint.h>
#include <inttypes.h>

static _Atomic int32_t c32 = 10;
static _Atomic int64_t c64 = 1000000000000LL;
static _Atomic uint32_t flags32 = 0xf0;
static _Atomic uint64_t flags64 = 0xff00ff00ff00ff00ull;
static int32_t plain32 = -5;
static int64_t plain64 = 7;
static atomic_flag spin = ATOMIC_FLAG_INIT;

int main(void) {
    int32_t old32 = atomic_fetch_add(&c32, 5);
    printf("fetch_add32 old=%d new=%d\n", old32, atomic_load(&c32));
    old32 = atomic_fetch_sub(&c32, 20);
    printf("fetch_sub32 old=%d new=%d\n", old32, atomic_load(&c32));
    int64_t old64 = atomic_fetch_add(&c64, 0x7fffffffLL);
    printf("fetch_add64 old=%" PRId64 " new=%" PRId64 "\n", old64, atomic_load(&c64));
    old64 = atomic_fetch_sub_explicit(&c64, 1, memory_order_relaxed);
    printf("fetch_sub64 old=%" PRId64 " new=%" PRId64 "\n", old64, atomic_load_explicit(&c64, memory_order_acquire));

    printf("fetch_or32 old=%#x ", atomic_fetch_or(&flags32, 0x0f)); printf("new=%#x\n", atomic_load(&flags32));
    printf("fetch_and32 old=%#x ", atomic_fetch_and(&flags32, 0x3c)); printf("new=%#x\n", atomic_load(&flags32));
    printf("fetch_xor32 old=%#x ", atomic_fetch_xor(&flags32, 0xffffffffu)); printf("new=%#x\n", atomic_load(&flags32));
    printf("fetch_xor64 old=%#" PRIx64 " ", atomic_fetch_xor(&flags64, 0xffffull)); printf("new=%#" PRIx64 "\n", atomic_load(&flags64));
    printf("fetch_and64 old=%#" PRIx64 " ", atomic_fetch_and(&flags64, 0x0ff0ff0ff0ff0ff0ull)); printf("new=%#" PRIx64 "\n", atomic_load(&flags64));

    printf("exchange32 old=%d ", atomic_exchange(&c32, -123)); printf("new=%d\n", atomic_load(&c32));
    printf("exchange64 old=%" PRId64 " ", atomic_exchange(&c64, INT64_MIN)); printf("new=%" PRId64 "\n", atomic_load(&c64));

    int32_t expected32 = -123;
    _Bool ok = atomic_compare_exchange_strong(&c32, &expected32, 77);
    printf("cas32 success ok=%d expected=%d now=%d\n", ok, expected32, atomic_load(&c32));
    expected32 = 5;
    ok = atomic_compare_exchange_strong(&c32, &expected32, 88);
    printf("cas32 failure ok=%d expected=%d now=%d\n", ok, expected32, atomic_load(&c32));
    int64_t expected64 = INT64_MIN;
    ok = atomic_compare_exchange_strong(&c64, &expected64, INT64_MAX);
    printf("cas64 success ok=%d now=%" PRId64 "\n", ok, atomic_load(&c64));
    expected64 = 0;
    ok = atomic_compare_exchange_strong(&c64, &expected64, 1);
    printf("cas64 failure ok=%d expected=%" PRId64 "\n", ok, expected64);
    /* weak CAS may fail spuriously: loop until it succeeds (a CAS-based add) */
    int64_t cur = atomic_load(&c64);
    while (!atomic_compare_exchange_weak(&c64, &cur, cur - 100)) {}
    printf("weak-cas loop now=%" PRId64 "\n", atomic_load(&c64));

    /* GCC __atomic builtins on plain objects */
    printf("__atomic_add_fetch32=%d\n", __atomic_add_fetch(&plain32, 12, __ATOMIC_SEQ_CST));
    printf("__atomic_fetch_nand32 old=%d ", __atomic_fetch_nand(&plain32, 3, __ATOMIC_SEQ_CST)); printf("new=%d\n", __atomic_load_n(&plain32, __ATOMIC_SEQ_CST));
    printf("__atomic_exchange_n64 old=%" PRId64 " ", __atomic_exchange_n(&plain64, -9, __ATOMIC_ACQ_REL)); printf("new=%" PRId64 "\n", plain64);
    int64_t e = -9;
    printf("__atomic_cas64=%d ", __atomic_compare_exchange_n(&plain64, &e, 4096, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    printf("now=%" PRId64 "\n", __atomic_load_n(&plain64, __ATOMIC_RELAXED));
    __atomic_store_n(&plain32, 31, __ATOMIC_RELEASE);
    printf("__atomic_sub_fetch32=%d\n", __atomic_sub_fetch(&plain32, 40, __ATOMIC_RELAXED));
    printf("__sync_fetch_and_add64 old=%" PRId64 " ", __sync_fetch_and_add(&plain64, 4)); printf("new=%" PRId64 "\n", plain64);
    printf("__sync_val_cas32 old=%d ", __sync_val_compare_and_swap(&plain32, -9, 1)); printf("new=%d\n", plain32);
    __sync_synchronize();

    /* atomic max via CAS (what amomax does) */
    int32_t vals[] = {3, -50, 99, 12, 100, -2};
    _Atomic int32_t mx = INT32_MIN;
    for (int i = 0; i < 6; i++) {
        int32_t o = atomic_load(&mx);
        while (o < vals[i] && !atomic_compare_exchange_weak(&mx, &o, vals[i])) {}
    }
    printf("cas-max=%d\n", atomic_load(&mx));

    printf("test_and_set first=%d ", atomic_flag_test_and_set(&spin)); printf("second=%d\n", atomic_flag_test_and_set(&spin));
    atomic_flag_clear(&spin);
    printf("after clear=%d\n", atomic_flag_test_and_set(&spin));
    atomic_thread_fence(memory_order_seq_cst);

    /* sub-word update done by hand (GCC 12 would call libatomic for 8/16-bit
     * atomics): add to the u8 lane of a packed 32-bit word with a CAS loop */
    static _Atomic uint32_t packed = 0x1234fa00u | 250u;
    uint32_t o = atomic_load(&packed), nw;
    do nw = (o & ~0xffu) | ((o + 10u) & 0xffu); while (!atomic_compare_exchange_weak(&packed, &o, nw));
    printf("packed u8 lane add old=%#x new=%#x\n", o, atomic_load(&packed));
    return atomic_load(&mx) == 100 ? 0 : 1;
}
