/* fpbadrm.c -- a rounding mode of 5 (reserved) in an F/D instruction is an illegal instruction: the program
 * ends by SIGILL (status 132), as the RISC-V manual says. Natively, the program raises SIGILL itself. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    volatile double a = 1.0, b = 3.0, c;
    printf("1/3 = %.17g\n", a / b);
    fflush(stdout);
#ifdef __riscv
    __asm__ volatile("fld fa1, %1\n\tfld fa2, %2\n\t.insn r 0x53, 5, 0x0d, fa0, fa1, fa2\n\tfsd fa0, %0"
                     : "=m"(c) : "m"(a), "m"(b) : "fa0", "fa1", "fa2");
#else
    kill(getpid(), SIGILL); /* what the RISC-V instruction does */
#endif
    printf("not reached: %g\n", c);
    return 0;
}
