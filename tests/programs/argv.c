/* argv.c: the initial process stack — argc, argv[] (including empty and
 * spaced arguments), a known environment variable, envp walking and auxv via
 * getauxval(AT_PAGESZ). The test runs it as
 *   argv alpha "two words" "" 42 --flag=x
 * and only prints environment facts that do not depend on the runner. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

extern char **environ;

int main(int argc, char **argv, char **envp) {
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++) printf("argv[%d]=\"%s\" (len %zu)\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
    long sum = 0;
    for (int i = 1; i < argc; i++) sum += strtol(argv[i], NULL, 10);
    printf("numeric sum=%ld\n", sum);
    int n = 0, have_path = 0;
    for (char **e = envp; *e; e++) { n++; if (strncmp(*e, "PATH=", 5) == 0) have_path = 1; }
    printf("envp==environ: %d, env nonempty: %d, PATH present: %d\n", envp == environ, n > 0, have_path);
    const char *path = getenv("PATH");
    printf("getenv(PATH) nonempty: %d\n", path != NULL && path[0] != 0);
    printf("getenv(DBT_SURELY_UNSET_VAR) = %s\n", getenv("DBT_SURELY_UNSET_VAR") ? "set" : "(null)");
    unsigned long pg = getauxval(AT_PAGESZ);
    printf("pagesize is power of two >= 4096: %d\n", pg >= 4096 && (pg & (pg - 1)) == 0);
    return argc == 6 ? 0 : 2;
}
