/* Helpers to run the binary; see cli_run.h. */
#include "cli_run.h"

#include <check.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"

char ct_out[1 << 17];

int ct_run(const char *fmt, ...)
{
    char args[8192], cmd[9000];
    va_list ap;
    FILE *p;
    size_t n;
    int st;

    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "%s/mskrota %s 2>&1", getenv("MR_BUILD_ROOT"),
             args);
    p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    n = fread(ct_out, 1, sizeof ct_out - 1, p);
    ct_out[n] = '\0';
    st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

pid_t ct_spawn(const char *const *argv)
{
    char bin[4200];
    pid_t pid;

    snprintf(bin, sizeof bin, "%s/mskrota", getenv("MR_BUILD_ROOT"));
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        }
        execv(bin, (char *const *)argv);
        _exit(127);
    }
    return pid;
}

int ct_wait(pid_t pid)
{
    int st;
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

char *ct_copy_example(void)
{
    char cmd[9000];
    char *dir = fx_tmpdir();
    snprintf(cmd, sizeof cmd, "cp -R '%s/data/example/.' '%s/' && chmod -R "
             "u+w '%s'", getenv("MR_SOURCE_ROOT"), dir, dir);
    ck_assert_int_eq(system(cmd), 0);
    return dir;
}

static void put(const char *dir, const char *rel, const char *text,
                const char *mode)
{
    char path[4200];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    f = fopen(path, mode);
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

void ct_write(const char *dir, const char *rel, const char *text)
{
    put(dir, rel, text, "w");
}

void ct_append(const char *dir, const char *rel, const char *text)
{
    put(dir, rel, text, "a");
}

long ct_json_int(const char *json, const char *key)
{
    char pat[128];
    const char *p;
    snprintf(pat, sizeof pat, "\"%s\": ", key);
    p = strstr(json, pat);
    ck_assert_msg(p != NULL, "no \"%s\" in %s", key, json);
    return strtol(p + strlen(pat), NULL, 10);
}
