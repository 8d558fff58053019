/* wc.c: reads stdin to EOF with read(2)-backed getchar/fread and reports
 * lines, words, bytes, the longest line and a byte checksum — like `wc`. The
 * test feeds tests/programs/stdin/wc.stdin. Exit status 0 iff input was
 * non-empty. */
#include <stdio.h>
#include <ctype.h>
#include <stdint.h>

int main(void) {
    long lines = 0, words = 0, bytes = 0, longest = 0, cur = 0, digits = 0;
    uint32_t sum = 0;
    int in_word = 0, c;
    while ((c = getchar()) != EOF) {
        bytes++;
        sum = sum * 33 + (uint32_t)c;
        if (isdigit(c)) digits++;
        if (c == '\n') { lines++; if (cur > longest) longest = cur; cur = 0; }
        else cur++;
        if (isspace(c)) in_word = 0;
        else if (!in_word) { in_word = 1; words++; }
    }
    if (cur > longest) longest = cur;
    printf("%ld lines, %ld words, %ld bytes\n", lines, words, bytes);
    printf("longest line %ld, digits %ld, checksum %08x\n", longest, digits, (unsigned)sum);
    return bytes > 0 ? 0 : 1;
}
