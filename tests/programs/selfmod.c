/* selfmod.c: code written at run time (a JIT's pattern): a function is written into an executable mapping, called,
 * rewritten in place, made visible with __builtin___clear_cache (riscv_flush_icache on Linux) and called again; the
 * second call must run the new code. Natively (x86-64) the same program writes x86 code. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>

static void emit_return(uint8_t *code, int value) {
#if defined(__riscv)
    uint32_t insns[2] = {0x00000513u | ((uint32_t) value << 20), 0x00008067u}; /* li a0, value; ret */
    memcpy(code, insns, sizeof insns);
#else
    code[0] = 0xb8; /* mov eax, imm32; ret */
    memcpy(code + 1, &value, 4);
    code[5] = 0xc3;
#endif
    __builtin___clear_cache((char *) code, (char *) code + 16);
}

int main(void) {
    uint8_t *code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    int (*f)(void) = (int (*)(void)) code;
    int total = 0;
    for (int i = 1; i <= 5; i++) {
        emit_return(code, i * 100);
        for (int k = 0; k < 20; k++) {
            total += f(); /* called often enough to be translated */
        }
        printf("round %d: f() = %d\n", i, f());
    }
    printf("total %d\n", total);
    return 0;
}
