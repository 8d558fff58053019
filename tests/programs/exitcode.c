/* exitcode.c: a nonzero exit status through exit(), after atexit handlers
 * run in reverse order and stdio buffers (including one written without a
 * trailing newline) are flushed by exit. Expected status: 3. */
#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("atexit handler registered first (runs last)\n"); }
static void second(void) { printf("atexit handler registered second (runs first)\n"); }

static volatile int levels = 5;

__attribute__((noinline)) static void leave(int n) {
    printf("exiting from depth %d with status 3; buffered tail", n);
    exit(3);
}

/* exit() called from a few frames down, not from main; the recursion goes
 * through a volatile function pointer so it is a real call chain */
static int depth(int n);
static int (*volatile recurse)(int) = depth;
static int depth(int n) {
    if (n < levels) return recurse(n + 1) + 1;
    leave(n);
    return 0;   /* not reached */
}

int main(void) {
    atexit(first);
    atexit(second);
    printf("before exit\n");
    return depth(0);
}
