/* strings.c: libc string routines — strlen/strcpy/strcat/strcmp/strncmp,
 * memcpy/memmove (overlapping both directions)/memset/memcmp, strchr/strrchr,
 * strstr, strtok_r, snprintf (truncation and return value), strtol/strtoul. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

static int sign(int x) { return (x > 0) - (x < 0); }

int main(void) {
    char buf[128], buf2[128];
    const char *s = "The quick brown fox jumps over the lazy dog";
    printf("strlen=%zu\n", strlen(s));
    strcpy(buf, s);
    printf("strcpy: %s\n", buf);
    strcat(buf, "!!");
    printf("strcat: %s (len %zu)\n", buf, strlen(buf));
    printf("strcmp: %d %d %d\n", sign(strcmp("abc", "abd")), sign(strcmp("abc", "abc")),
           sign(strcmp("b", "abc")));
    printf("strncmp: %d\n", sign(strncmp("hello world", "hello there", 5)));
    /* bytes >= 0x80 must compare as unsigned */
    printf("strcmp high byte: %d\n", sign(strcmp("\xff", "\x01")));

    memcpy(buf2, "0123456789", 11);
    memmove(buf2 + 2, buf2, 5);          /* overlapping forward */
    printf("memmove fwd: %s\n", buf2);
    memcpy(buf2, "0123456789", 11);
    memmove(buf2, buf2 + 3, 5);          /* overlapping backward */
    printf("memmove back: %s\n", buf2);
    memset(buf2, 'x', 4);
    printf("memset: %s\n", buf2);
    printf("memcmp: %d %d\n", sign(memcmp("abcd", "abce", 4)), sign(memcmp("abcd", "abce", 3)));

    const char *p = strstr(s, "fox");
    printf("strstr: %s\n", p ? p : "(null)");
    printf("strstr missing: %s\n", strstr(s, "cat") ? "found" : "(null)");
    printf("strchr: %s\n", strchr(s, 'j'));
    printf("strrchr: %s\n", strrchr(s, 'o'));

    strcpy(buf, "alpha,beta,,gamma;delta");
    char *save = NULL;
    int n = 0;
    for (char *tok = strtok_r(buf, ",;", &save); tok; tok = strtok_r(NULL, ",;", &save))
        printf("token[%d]=%s\n", n++, tok);

    char small[8];
    volatile size_t small_size = sizeof small;   /* hides the intended truncation from -Wformat-truncation */
    int r = snprintf(small, small_size, "%d-%s-%x", 12345, "abc", 0xbeefu);
    printf("snprintf ret=%d buf=\"%s\"\n", r, small);
    r = snprintf(buf, sizeof buf, "[%5d|%-5d|%05d|%+d|%ld|%lu|%lx|%c|%%]", 42, 42, 42, 42,
                 -9000000000L, 18000000000UL, 0xdeadbeefcafeUL, 'Z');
    printf("snprintf ret=%d %s\n", r, buf);
    printf("strtol: %ld %ld %lu\n", strtol("-12345", NULL, 10), strtol("0x7fff", NULL, 16),
           strtoul("777", NULL, 8));

    /* hand-rolled reverse and a character histogram with unsigned char */
    strcpy(buf, s);
    size_t len = strlen(buf);
    for (size_t i = 0; i < len / 2; i++) { char t = buf[i]; buf[i] = buf[len - 1 - i]; buf[len - 1 - i] = t; }
    printf("reversed: %s\n", buf);
    unsigned counts[256] = {0};
    for (const unsigned char *q = (const unsigned char *)s; *q; q++) counts[*q]++;
    printf("count 'o'=%u ' '=%u 'e'=%u\n", counts['o'], counts[' '], counts['e']);
    return 0;
}
