/* hello.c: the smallest guest — one puts, one printf, exit status 0. */
#include <stdio.h>

int main(void) {
    puts("Hello, world!");
    printf("%s %d %ld\n", "printf works:", 42, 1234567890123L);
    return 0;
}
