/* fileio.c: stdio and file syscalls — creates /tmp/dbt-fileio-<pid>.txt,
 * fprintf/fputs/fwrite to it, fflush, stat (size, regular file), fseek/ftell,
 * fread back, rewinds and fgets line by line, appends with "a", then
 * unlink()s it and checks it is gone. Also exercises open/write/lseek/read/
 * close via unistd. Output never contains the pid, so it is deterministic. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <sys/stat.h>

static int fail(const char *what) { printf("FAIL: %s (errno %d)\n", what, errno); return 1; }

int main(void) {
    char path[64];
    snprintf(path, sizeof path, "/tmp/dbt-fileio-%ld.txt", (long)getpid());

    FILE *f = fopen(path, "w+");
    if (!f) return fail("fopen w+");
    for (int i = 1; i <= 10; i++) fprintf(f, "line %02d: %d squared is %d\n", i, i, i * i);
    fputs("tail without newline", f);
    static const unsigned char bin[] = {0, 1, 2, 0xfe, 0xff};
    fwrite(bin, 1, sizeof bin, f);
    if (fflush(f) != 0) return fail("fflush");

    struct stat st;
    if (stat(path, &st) != 0) return fail("stat");
    printf("stat: size=%ld regular=%d\n", (long)st.st_size, S_ISREG(st.st_mode) ? 1 : 0);

    long end = ftell(f);
    printf("ftell at end = %ld\n", end);
    if (fseek(f, 8, SEEK_SET) != 0) return fail("fseek");
    char buf[256];
    size_t got = fread(buf, 1, 20, f);
    buf[got] = 0;
    printf("fread 20 @8: \"%s\" (got %zu), ftell=%ld\n", buf, got, ftell(f));
    fseek(f, -5, SEEK_END);
    unsigned char tail[5];
    got = fread(tail, 1, 5, f);
    printf("last bytes: %zu: %u %u %u %u %u\n", got, tail[0], tail[1], tail[2], tail[3], tail[4]);
    printf("feof after short read: %d\n", fread(tail, 1, 1, f) == 0 && feof(f));

    rewind(f);
    int lines = 0;
    long total = 0;
    while (fgets(buf, sizeof buf, f)) {
        lines++;
        total += (long)strlen(buf);
        if (lines == 3 || lines == 10) printf("fgets %d: %s", lines, buf);
    }
    printf("\nfgets lines=%d chars=%ld\n", lines, total);
    if (fclose(f) != 0) return fail("fclose");

    f = fopen(path, "a");
    if (!f) return fail("fopen a");
    fprintf(f, "appended\n");
    fclose(f);
    stat(path, &st);
    printf("after append size=%ld\n", (long)st.st_size);

    int fd = open(path, O_RDWR);
    if (fd < 0) return fail("open");
    off_t off = lseek(fd, 0, SEEK_END);
    ssize_t w = write(fd, "RAW", 3);
    lseek(fd, off - 9, SEEK_SET);
    char raw[16] = {0};
    ssize_t r = read(fd, raw, sizeof raw - 1);
    printf("lseek end=%ld write=%ld read=%ld \"%.*s\"\n", (long)off, (long)w, (long)r, (int)(r > 0 ? r - 4 : 0), raw);
    printf("raw tail \"%s\"\n", raw + (r > 3 ? r - 3 : 0));
    close(fd);

    if (unlink(path) != 0) return fail("unlink");
    errno = 0;
    int gone = stat(path, &st) != 0 && errno == ENOENT;
    printf("unlinked, stat fails with ENOENT: %d\n", gone);
    f = fopen(path, "r");
    printf("fopen after unlink: %s\n", f ? "opened?!" : "NULL");
    return gone && !f ? 0 : 1;
}
