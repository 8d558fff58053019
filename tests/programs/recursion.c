/* recursion.c: deep-ish call chains and stack use — naive fib, small
 * Ackermann, Towers of Hanoi (move count and the first few moves), mutual
 * recursion, and a recursive permutation generator. */
#include <stdio.h>

static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static long ack(long m, long n) {
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static long moves;
static void hanoi(int n, char from, char to, char via) {
    if (n == 0) return;
    hanoi(n - 1, from, via, to);
    moves++;
    if (moves <= 7) printf("  move disk %d %c -> %c\n", n, from, to);
    hanoi(n - 1, via, to, from);
}

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static int perm_count;
static void permute(char *a, int k, int n) {
    if (k == n) {
        if (perm_count < 6) printf("  perm %s\n", a);
        perm_count++;
        return;
    }
    for (int i = k; i < n; i++) {
        char t = a[k]; a[k] = a[i]; a[i] = t;
        permute(a, k + 1, n);
        t = a[k]; a[k] = a[i]; a[i] = t;
    }
}

int main(void) {
    for (int i = 0; i <= 25; i += 5) printf("fib(%d) = %ld\n", i, fib(i));
    printf("fib(30) = %ld\n", fib(30));
    for (long m = 0; m <= 3; m++)
        for (long n = 0; n <= 3; n++)
            printf("ack(%ld,%ld) = %ld\n", m, n, ack(m, n));
    printf("ack(2,100) = %ld\n", ack(2, 100));
    printf("hanoi(16):\n");
    hanoi(16, 'A', 'C', 'B');
    printf("hanoi moves = %ld\n", moves);
    printf("is_even(10001) = %d, is_odd(7777) = %d\n", is_even(10001), is_odd(7777));
    char word[] = "abcde";
    permute(word, 0, 5);
    printf("permutations = %d\n", perm_count);
    return moves == 65535 ? 0 : 1;
}
