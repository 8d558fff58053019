/* fpbadfrm.c -- a dynamic rounding mode (frm) of 7 is reserved: setting it is allowed, but the next F/D
 * instruction that rounds with the dynamic mode is an illegal instruction (SIGILL, status 132), as the RISC-V
 * manual says. Natively, the program raises SIGILL itself. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    volatile double a = 1.0, b = 3.0, c = 0;
    printf("1/3 = %.17g\n", a / b);
    fflush(stdout);
#ifdef __riscv
    __asm__ volatile("fsrmi 7\n\tfld fa1, %1\n\tfld fa2, %2\n\tfdiv.d fa0, fa1, fa2\n\tfsd fa0, %0"
                     : "=m"(c) : "m"(a), "m"(b) : "fa0", "fa1", "fa2");
#else
    kill(getpid(), SIGILL); /* what the RISC-V instruction does */
#endif
    printf("not reached: %g\n", c);
    return 0;
}
