/* File mappings as databases and loaders use them: MAP_SHARED read/write (writes reach the file, msync), MAP_PRIVATE
 * at an offset (copy on write: the file keeps its bytes), the zero tail of the last page, a refused writable shared
 * mapping of a read-only descriptor, mincore/mlock, and a forked child reading pages of a private mapping that the
 * parent never touched. Prints no addresses. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    char path[] = "/tmp/dbt-filemap-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) { perror("mkstemp"); return 1; }
    const char *text = "hello, shared file mapping\n";
    if (write(fd, text, strlen(text)) != (ssize_t)strlen(text) || ftruncate(fd, 3 * 4096 + 100) != 0) {
        perror("write"); return 1;
    }
    for (int k = 0; k < 3; k++) {
        char mark[16];
        int n = snprintf(mark, sizeof mark, "page %d", k);
        pwrite(fd, mark, n, 4096L * k + 2000);
    }
    char *s = mmap(NULL, 3 * 4096 + 100, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (s == MAP_FAILED) { perror("mmap shared"); return 1; }
    printf("%.26s|%d|%s\n", s, s[3 * 4096 + 99], s + 4096 + 2000);
    memcpy(s + 5000, "written through the map", 23);
    if (msync(s, 3 * 4096 + 100, MS_SYNC) != 0) { perror("msync"); return 1; }
    char buf[32] = {0};
    pread(fd, buf, 23, 5000);
    printf("file has: %s\n", buf);

    char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 4096);
    if (p == MAP_FAILED) { perror("mmap private"); return 1; }
    p[904] = 'X';
    pread(fd, buf, 1, 5000);
    printf("private copy: %.23s, file unchanged: %c\n", p + 904, buf[0]);
    char *tail = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 3 * 4096);
    printf("last page: %d %d\n", tail[99], tail[100]);

    int ro = open(path, O_RDONLY);
    void *bad = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
    printf("shared writable mapping of a read-only descriptor: %s\n", bad == MAP_FAILED ? "refused" : "mapped");
    char *q = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE, ro, 0);
    unsigned char vec[3];
    printf("mincore %d mlock %d munlock %d\n", mincore(q, 3 * 4096, vec), mlock(q, 4096), munlock(q, 4096));

    pid_t child = fork();
    if (child == 0) {
        /* q's pages were never touched by the parent */
        _exit(strcmp(q + 2 * 4096 + 2000, "page 2") == 0 && strncmp(q, "hello", 5) == 0 ? 42 : 1);
    }
    int status;
    waitpid(child, &status, 0);
    printf("child read the untouched file pages: %s\n", WEXITSTATUS(status) == 42 ? "yes" : "no");
    munmap(s, 3 * 4096 + 100);
    unlink(path);
    return 0;
}
