/* pointerwalk.c: loops that walk a pointer forward off the end of mapped
 * memory, and must fault exactly where the guest's own instruction does.
 * Translators check such loops' accesses once, where the loop is entered,
 * and rely on a guard past the end of guest memory for the rest; this is
 * the test that the fault still comes at the first byte the guest may not
 * touch, with the registers and memory as the guest left them:
 *   - byte, halfword, word and doubleword loads walking up to an unmapped
 *     page (one-block loops, and two-pointer loops with a branch in the body,
 *     strcmp-style, where either pointer runs off);
 *   - stores walking into a read-only page (memset-style), and a copy loop
 *     whose destination runs off while its source does not;
 *   - strides of 1 to 4096 bytes and one of 4104 (more than one page per step);
 *   - array loops, base + index with the index kept (one array, and two indexed
 *     by the same index where either runs off), and one in assembly whose
 *     first access is inside the loop, entered (once translated) with base +
 *     index far away;
 *   - a pointer that starts beyond any mapping (far above the address space a
 *     guest normally uses) and one that starts right at the unmapped page;
 *   - glibc's own strlen, memchr, strcmp, memcpy and memset running off the
 *     end (these report only that the fault was in the unmapped page, since
 *     where inside it depends on the implementation).
 * A SIGSEGV handler reports si_addr relative to the buffer, then siglongjmps
 * back; what the store loops wrote before their fault is checksummed. (Each
 * loop also counts its iterations in a volatile, so that the compiler keeps
 * it a loop; the count is not printed: where a compiler puts the increment
 * relative to the next iteration's load is its choice.)
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define NOVEC __attribute__((noinline, optimize("no-tree-vectorize")))

static sigjmp_buf back;
static volatile uintptr_t fault_addr;
static unsigned char *buf; /* page 0 and 1 readable and writable, page 2 read-only, page 3 unmapped */
static long page;
static volatile long progress;
static volatile long sink; /* keeps the index loops' sums (and so their loads) */

static void on_segv(int sig, siginfo_t *info, void *context) {
    (void)sig;
    (void)context;
    fault_addr = (uintptr_t)info->si_addr;
    siglongjmp(back, 1);
}

static void report(const char *what, int faulted) {
    if (!faulted) {
        printf("%-28s no fault\n", what);
    } else if (fault_addr >= (uintptr_t)buf && fault_addr < (uintptr_t)buf + 4 * page) {
        printf("%-28s fault at buf+%ld (page %ld +%ld)\n", what, (long)(fault_addr - (uintptr_t)buf),
               (long)((fault_addr - (uintptr_t)buf) / page), (long)((fault_addr - (uintptr_t)buf) % page));
    } else {
        printf("%-28s fault at %#lx\n", what, (unsigned long)fault_addr);
    }
}

static void report_page(const char *what, int faulted, long expected_page) {
    long p = faulted ? (long)((fault_addr - (uintptr_t)buf) / page) : -1;
    printf("%-28s %s\n", what, faulted && p == expected_page ? "fault in the expected page" : "WRONG");
}

#define TRY(what, body)                        \
    do {                                       \
        progress = 0;                          \
        int faulted_ = sigsetjmp(back, 1);     \
        if (!faulted_) {                       \
            body;                              \
        }                                      \
        report(what, faulted_);                \
    } while (0)

NOVEC static long walk8(const unsigned char *p, long stride) {
    long sum = 0;
    while (*p != 0) {
        sum += *p;
        p += stride;
        progress++;
    }
    return sum;
}

NOVEC static long walk16(const uint16_t *p) {
    long sum = 0;
    while (*p != 0xffff) {
        sum += *p++;
        progress++;
    }
    return sum;
}

NOVEC static long walk32(const uint32_t *p) {
    long sum = 0;
    while (*p != 0xffffffffu) {
        sum ^= *p++;
        progress++;
    }
    return sum;
}

NOVEC static long walk64(const uint64_t *p) {
    uint64_t sum = 0;
    while (*p != ~(uint64_t)0) {
        sum += *p;
        p++;
        progress++;
    }
    return (long)sum;
}

/* strcmp-style: two pointers, a branch in the body. */
NOVEC static int compare(const unsigned char *a, const unsigned char *b) {
    for (;;) {
        unsigned char x = *a++, y = *b++;
        if (x == 0) {
            return -y;
        }
        if (x != y) {
            return x - y;
        }
        progress++;
    }
}

NOVEC static void fill(unsigned char *p, long n, unsigned char v) {
    for (long i = 0; i < n; i++) {
        p[i] = v;
        progress = i;
    }
}

NOVEC static void fill32(uint32_t *p, long n) {
    while (n-- > 0) {
        *p++ = 0x01020304;
        progress++;
    }
}

NOVEC static void copy(unsigned char *dst, const unsigned char *src, long n) {
    while (n-- > 0) {
        *dst++ = *src++;
        progress++;
    }
}

/* array-style: base + index, where the compiler keeps the index (stored to progress) and adds the base to it in
   the loop; translators check base + index once too. One function per constant stride. */
#define INDEX8(S)                                                 \
    NOVEC static long index8_##S(const unsigned char *a) {        \
        long sum = 0;                                             \
        for (long i = 0;; i += S) {                               \
            unsigned char x = a[i];                               \
            if (x == 0) {                                         \
                return sum;                                       \
            }                                                     \
            sum += x;                                             \
            progress = i;                                         \
        }                                                         \
    }
INDEX8(1)
INDEX8(7)
INDEX8(64)
INDEX8(4096)

#ifdef __riscv
/* long indexloop(a, i): sum of a[i], a[i+1], ... up to a zero byte, with the first access inside the loop (compilers
   put one before it), so that a translated loop entered with a + i outside memory checks it where it is entered. */
__asm__(".text\n"
        ".globl indexloop\n"
        "indexloop:\n"
        "  li a2, 0\n"
        "1:\n"
        "  add a3, a0, a1\n"
        "  lbu a4, 0(a3)\n"
        "  addi a1, a1, 1\n"
        "  add a2, a2, a4\n"
        "  bnez a4, 1b\n"
        "  mv a0, a2\n"
        "  ret\n");
long indexloop(const unsigned char *a, long i);
#else
static long indexloop(const unsigned char *a, long i) {
    long sum = 0;
    unsigned char x;
    do {
        x = a[i++];
        sum += x;
    } while (x != 0);
    return sum;
}
#endif

/* two arrays, one index: either runs off */
NOVEC static long index2(const unsigned char *a, const unsigned char *b) {
    long sum = 0;
    for (long i = 0;; i++) {
        unsigned char x = a[i], y = b[i];
        if (x == 0) {
            return sum;
        }
        sum += x ^ y;
        progress = i;
    }
}

int main(void) {
    page = sysconf(_SC_PAGESIZE);
    buf = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    memset(buf, 'x', 3 * page);
    mprotect(buf + 2 * page, page, PROT_READ);
    munmap(buf + 3 * page, page);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);

    long strides[] = {1, 2, 3, 8, 24, 100, 512, 4095, 4096, 4104};
    for (unsigned s = 0; s < sizeof strides / sizeof strides[0]; s++) {
        char what[64];
        snprintf(what, sizeof what, "walk8 stride %ld", strides[s]);
        TRY(what, walk8(buf + 5, strides[s]));
    }
    TRY("walk16", walk16((const uint16_t *)(buf + page)));
    TRY("walk32", walk32((const uint32_t *)(buf + 4)));
    TRY("walk32 from the last word", walk32((const uint32_t *)(buf + 3 * page - 4)));
    TRY("walk64", walk64((const uint64_t *)(buf + 2 * page + 16)));
    TRY("walk64 misaligned", walk64((const uint64_t *)(buf + 3 * page - 13)));
    TRY("walk8 at the unmapped page", walk8(buf + 3 * page, 1));
    TRY("walk8 far away", walk8((const unsigned char *)((uintptr_t)1 << 46), 1));

    TRY("index8 stride 1", sink = index8_1(buf + 3));
    TRY("index8 stride 7", sink = index8_7(buf + 3));
    TRY("index8 stride 64", sink = index8_64(buf + 3));
    TRY("index8 stride 4096", sink = index8_4096(buf + 3));
    /* the loop translated on a short string first, then entered with a + i far away (the base, or the index) */
    buf[100] = 0;
    for (int r = 0; r < 50; r++) {
        sink = indexloop(buf, 90);
    }
    buf[100] = 'x';
    TRY("indexloop far away", sink = indexloop((const unsigned char *)((uintptr_t)1 << 46), 5));
    progress = 0;
    if (!sigsetjmp(back, 1)) {
        sink = indexloop(buf, -((long)1 << 40));
        printf("%-28s no fault\n", "indexloop index far below");
    } else {
        printf("%-28s %s\n", "indexloop index far below",
               fault_addr == (uintptr_t)buf - ((uintptr_t)1 << 40) ? "fault at buf - 2^40" : "WRONG");
    }
    TRY("indexloop runs off", sink = indexloop(buf, 3 * page - 20));
    TRY("index2, a runs off", sink = index2(buf + 3 * page - 40, buf + 5));
    TRY("index2, b runs off", sink = index2(buf + 5, buf + 3 * page - 40));

    /* compare: equal strings, no terminator: the pointer that reaches page 3 first faults. */
    TRY("compare, a runs off", compare(buf + 3 * page - 50, buf + page));
    TRY("compare, b runs off", compare(buf + page, buf + 3 * page - 70));

    /* stores into the read-only page */
    TRY("fill into read-only", fill(buf + 2 * page - 300, 1000, 'y'));
    TRY("fill32 into read-only", fill32((uint32_t *)(buf + page + 8), (long)page));
    TRY("copy, dst runs off", copy(buf + 2 * page - 10, buf, 100));
    TRY("copy, src runs off", copy(buf, buf + 3 * page - 10, 100));
    /* what the stores left: the bytes before the read-only page */
    unsigned sum = 0;
    for (long i = 0; i < 2 * page; i++) {
        sum = sum * 31 + buf[i];
    }
    printf("checksum of pages 0-1: %08x\n", sum);

    /* glibc's own, running off the end of page 2 into page 3 */
    int f;
    f = sigsetjmp(back, 1);
    if (!f) {
        printf("strlen %zu\n", strlen((const char *)buf + 2 * page + 100));
    }
    report_page("strlen", f, 3);
    f = sigsetjmp(back, 1);
    if (!f) {
        printf("memchr %p\n", memchr(buf + 2 * page + 7, 'z', 2 * page));
    }
    report_page("memchr", f, 3);
    f = sigsetjmp(back, 1);
    if (!f) {
        printf("strcmp %d\n", strcmp((const char *)buf + 3 * page - 200, (const char *)buf + 2));
    }
    report_page("strcmp", f, 3);
    f = sigsetjmp(back, 1);
    if (!f) {
        memcpy(buf, buf + 3 * page - 1000, 3000);
        printf("memcpy returned\n");
    }
    report_page("memcpy", f, 3);
    f = sigsetjmp(back, 1);
    if (!f) {
        memset(buf + page + 5, 'q', 2 * page);
        printf("memset returned\n");
    }
    report_page("memset", f, 2);
    return 0;
}
