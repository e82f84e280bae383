#define _GNU_SOURCE     /* memmem */
/* Hostile inputs (issue 9): every case of tests/hostile/cases.tsv is a
 * copy of data/example (or an empty directory) with one thing broken, run
 * through `mskrota validate` under limits; each must exit 65 within the
 * time limit, within 200 MB, and name the place of its first problem
 * ("file:line:col: error: ..." with the expected text). Then the fuzz
 * seed and regression corpora (fuzz/corpus/, fuzz/regress/) go through
 * the fuzz targets' own bodies (fuzz/fuzz_common.c), so that every crash
 * the fuzzers found stays fixed.
 *
 * The manifest: one case a line, tab-separated: name, month ("-" for
 * none), setup, expected place ("file" alone for a problem of the whole
 * file, as the reader reports it), expected text. setup is "-" or actions
 * separated by " ;; ":
 *   base none            start from an empty directory, not data/example
 *   write REL TEXT       write a whole file (TEXT, and REL in every action,
 *                        escaped: \n \t \r \\ \xHH)
 *   sub REL OLD=>NEW     replace the first OLD of a file (escaped)
 *   prepend REL TEXT     put TEXT before a file's content
 *   crlf REL             end every line of a file with CR LF (data/example's
 *                        referrals.csv has them already)
 *   rm REL | mkdir REL | fifo REL
 *   link REL TARGET      a symbolic link; {out} in TARGET is a directory
 *                        beside the service (outside it), holding secret.yaml
 *   outwrite NAME TEXT   write a file into that outside directory
 *   gen REL KIND         a large generated file (see gen())
 * Files of tests/hostile/cases/<name>/, if any, are copied over the base
 * first. */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../fuzz/fuzz_common.h"
#include "suites.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

#define MAX_CASES  200
#define LIMIT_MB   200
#define LIMIT_CPU  2.0       /* seconds of CPU (three times that sanitized) */
#define LIMIT_WALL 20.0      /* a hang: far beyond LIMIT_CPU on a busy CI */

typedef struct h_case {
    char name[64], month[16], setup[4096], place[256], text[512];
} h_case;

static h_case cases[MAX_CASES];
static int n_cases = -1;

static const char *src_root(void)
{
    const char *r = getenv("MR_SOURCE_ROOT");
    return r != NULL && *r ? r : ".";
}

static const char *build_root(void)
{
    const char *r = getenv("MR_BUILD_ROOT");
    return r != NULL && *r ? r : ".";
}

/* Splits line at tabs into at most n fields; returns the count. */
static int split_tabs(char *line, char **f, int n)
{
    int k = 0;
    f[k++] = line;
    for (char *s = line; *s && k < n; s++)
        if (*s == '\t') {
            *s = 0;
            f[k++] = s + 1;
        }
    return k;
}

static void load_cases(void)
{
    char path[1024], line[8192];
    FILE *f;

    if (n_cases >= 0)
        return;
    n_cases = 0;
    snprintf(path, sizeof path, "%s/tests/hostile/cases.tsv", src_root());
    if ((f = fopen(path, "r")) == NULL)
        return;
    while (fgets(line, sizeof line, f) != NULL && n_cases < MAX_CASES) {
        char *fl[5];
        h_case *c = &cases[n_cases];
        line[strcspn(line, "\n")] = 0;
        if (line[0] == '#' || line[0] == 0)
            continue;
        if (split_tabs(line, fl, 5) != 5)
            continue;               /* counted as missing by the check */
        snprintf(c->name, sizeof c->name, "%s", fl[0]);
        snprintf(c->month, sizeof c->month, "%s", fl[1]);
        snprintf(c->setup, sizeof c->setup, "%s", fl[2]);
        snprintf(c->place, sizeof c->place, "%s", fl[3]);
        snprintf(c->text, sizeof c->text, "%s", fl[4]);
        n_cases++;
    }
    fclose(f);
}

/* Decodes \n \t \r \\ \xHH in place; returns the length. */
static size_t unescape(char *s)
{
    char *o = s;
    for (char *i = s; *i; i++) {
        if (*i != '\\' || i[1] == 0) {
            *o++ = *i;
            continue;
        }
        i++;
        if (*i == 'n')
            *o++ = '\n';
        else if (*i == 't')
            *o++ = '\t';
        else if (*i == 'r')
            *o++ = '\r';
        else if (*i == 'x' && i[1] && i[2]) {
            char hex[3] = {i[1], i[2], 0};
            *o++ = (char)strtol(hex, NULL, 16);
            i += 2;
        } else
            *o++ = *i;
    }
    *o = 0;
    return (size_t)(o - s);
}

static void run_cmd(char *const argv[])
{
    pid_t pid = fork();
    int st;
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        execvp(argv[0], argv);
        _exit(127);
    }
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s failed",
                  argv[0]);
}

/* Removes path, never following a link. */
static void rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d != NULL && (e = readdir(d)) != NULL) {
            char sub[2048];
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
            rm_rf(sub);
        }
        if (d != NULL)
            closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *b;
    long n;
    ck_assert_msg(f != NULL, "cannot read %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    ck_assert_ptr_nonnull(b = malloc((size_t)n + 1));
    *len = fread(b, 1, (size_t)n, f);
    b[*len] = 0;
    fclose(f);
    return b;
}

static void write_all(const char *path, const char *b, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    ck_assert_uint_eq(fwrite(b, 1, len, f), len);
    fclose(f);
}

/* Generated inputs: too large to keep in the tree. */
static void gen(const char *path, const char *kind, const char *base)
{
    FILE *f;
    if (strcmp(kind, "many_files") == 0) {  /* path: the preferences dir */
        for (int i = 0; i < 10001; i++) {
            char file[2100];
            snprintf(file, sizeof file, "%s/y%05d", path, i);
            ck_assert_ptr_nonnull(f = fopen(file, "wb"));
            fclose(f);
        }
        return;
    }
    if (strcmp(kind, "many_prefs") == 0) {  /* path: the preferences dir */
        for (int i = 0; i < 5000; i++) {
            char file[2100];
            snprintf(file, sizeof file, "%s/x%05d.yaml", path, i);
            ck_assert_ptr_nonnull(f = fopen(file, "wb"));
            fprintf(f, "staff: x%05d\nmonth: 2026-12\nrequests:\n"
                    "  - {date: 2026-12-%02d, off: true, weight: 1}\n", i,
                    1 + i % 28);
            fclose(f);
        }
        return;
    }
    f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    if (strcmp(kind, "big") == 0) {            /* 5 MiB of comment */
        fputs("# ", f);
        for (int i = 0; i < 5 * 1024 * 1024 / 64; i++)
            fputs("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                  f);
        fputs("\n", f);
    } else if (strcmp(kind, "long_line") == 0) {  /* a 3 MB name */
        fputs("service: {name: \"", f);
        for (int i = 0; i < 3000000; i++)
            fputc('n', f);
        fputs("\"}\n", f);
    } else if (strcmp(kind, "deep_flow") == 0) {
        fputs("service: ", f);
        for (int i = 0; i < 100000; i++)
            fputc('[', f);
        for (int i = 0; i < 100000; i++)
            fputc(']', f);
        fputs("\n", f);
    } else if (strcmp(kind, "deep_block") == 0) {
        for (int i = 0; i < 200; i++)
            fprintf(f, "%*sk%d:\n", 2 * i, "", i);
    } else if (strcmp(kind, "alias_bomb") == 0) {  /* billion laughs */
        fputs("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n", f);
        for (int i = 1; i < 10; i++) {
            fprintf(f, "b%d: &b%d [", i, i);
            for (int k = 0; k < 9; k++) {
                if (i == 1)
                    fprintf(f, "%s*a", k ? ", " : "");
                else
                    fprintf(f, "%s*b%d", k ? ", " : "", i - 1);
            }
            fputs("]\n", f);
        }
    } else if (strcmp(kind, "alias_flood") == 0) { /* a million aliases */
        fputs("a: &a x\nb: [*a", f);
        for (int i = 1; i < 1000000; i++)
            fputs(",*a", f);
        fputs("]\n", f);
    } else if (strcmp(kind, "node_flood") == 0) {
        fputs("closed_dates: [2026-12-25", f);
        for (int i = 1; i < 150000; i++)
            fputs(",1", f);
        fputs("]\n", f);
    } else if (strcmp(kind, "error_flood") == 0) {
        fputs("closed_dates: [x", f);
        for (int i = 1; i < 90000; i++)
            fputs(",x", f);
        fputs("]\n", f);
    } else if (strcmp(kind, "staff_100k") == 0
               || strcmp(kind, "staff_30k") == 0
               || strcmp(kind, "staff_skills") == 0) {
        /* the base with its staff replaced */
        const char *st = strstr(base, "\nstaff:\n"), *cv = strstr(base,
                                                                  "\ncover:");
        int n = kind[6] == '1' ? 100000 : kind[6] == '3' ? 30000 : 4900;
        ck_assert(st != NULL && cv != NULL && st < cv);
        fwrite(base, 1, (size_t)(st - base) + 8, f);
        for (int i = 0; i < n; i++)
            if (n == 100000)
                fprintf(f, "  - {id: s%06d, role: physio}\n", i);
            else if (n == 30000)
                fprintf(f, "  - {id: x%06d}\n", i);
            else                    /* skills of one's own each */
                fprintf(f, "  - {id: x%06d, skills: [a%06d, b%06d, "
                        "c%06d]}\n", i, i, i, i);
        fputs(cv + 1, f);
    } else if (strcmp(kind, "sites_1001") == 0) {
        const char *st = strstr(base, "\nsites:\n"), *pc = strstr(base,
                                                                  "\npcns:");
        ck_assert(st != NULL && pc != NULL && st < pc);
        fwrite(base, 1, (size_t)(st - base) + 8, f);
        for (int i = 0; i < 1001; i++)
            fprintf(f, "  - {id: h%04d, kind: hub, open: {mon-fri: [am]}}\n",
                    i);
        fputs(pc + 1, f);
    } else if (strcmp(kind, "csv_rows") == 0) {  /* two million lines */
        fputs("id,referred_on,site,pathway,employment_status,adviser\n", f);
        for (int i = 0; i < 2000000; i++)
            fputs("x\n", f);
    } else if (strcmp(kind, "csv_cols") == 0) {  /* four million fields */
        for (int i = 0; i < 4000000; i++)
            fputc(',', f);
    } else if (strcmp(kind, "csv_records") == 0) {
        fputs("id,referred_on,site,pathway,employment_status,adviser\n", f);
        for (int i = 0; i < 101000; i++)       /* 3.1 MB */
            fprintf(f, "r%d,2026-12-01,hub-1,a,b,\n", i);
    } else {
        ck_abort_msg("unknown generator %s", kind);
    }
    fclose(f);
}

/* Applies one action in service directory svc (out: the outside one). */
static void act(const char *svc, const char *out, char *a)
{
    char *kind = a, *rel, *arg = NULL, path[2048];
    char *sp = strchr(a, ' ');

    ck_assert_msg(sp != NULL, "bad action '%s'", a);
    *sp = 0;
    rel = sp + 1;
    if ((sp = strchr(rel, ' ')) != NULL) {
        *sp = 0;
        arg = sp + 1;
    }
    unescape(rel);                  /* a name may hold a control byte */
    if (strcmp(kind, "base") == 0)
        return;                     /* done before */
    snprintf(path, sizeof path, "%s/%s", strcmp(kind, "outwrite") == 0
                                         ? out : svc, rel);
    if (strcmp(kind, "write") == 0 || strcmp(kind, "outwrite") == 0) {
        size_t n = arg != NULL ? unescape(arg) : 0;
        char *mk[] = {"mkdir", "-p", path, NULL};
        char *slash = strrchr(path, '/');
        *slash = 0;
        run_cmd(mk);
        *slash = '/';
        write_all(path, arg != NULL ? arg : "", n);
    } else if (strcmp(kind, "sub") == 0 || strcmp(kind, "prepend") == 0) {
        size_t len, nold = 0, nnew;
        char *b = read_all(path, &len), *to, *at, *nb;
        const char *old = "";
        ck_assert_ptr_nonnull(arg);
        if (strcmp(kind, "sub") == 0) {
            ck_assert_ptr_nonnull(to = strstr(arg, "=>"));
            *to = 0;
            nold = unescape(arg);
            old = arg;
            arg = to + 2;
        }
        nnew = unescape(arg);
        at = nold > 0 ? memmem(b, len, old, nold) : b;
        ck_assert_msg(at != NULL, "'%s' not found in %s", old, rel);
        ck_assert_ptr_nonnull(nb = malloc(len - nold + nnew + 1));
        memcpy(nb, b, (size_t)(at - b));
        memcpy(nb + (at - b), arg, nnew);
        memcpy(nb + (at - b) + nnew, at + nold, len - (size_t)(at - b) - nold);
        write_all(path, nb, len - nold + nnew);
        free(b);
        free(nb);
    } else if (strcmp(kind, "crlf") == 0) {
        size_t len, k = 0;
        char *b = read_all(path, &len), *nb = malloc(2 * len + 1);
        ck_assert_ptr_nonnull(nb);
        for (size_t i = 0; i < len; i++) {
            if (b[i] == '\n' && (i == 0 || b[i - 1] != '\r'))
                nb[k++] = '\r';
            nb[k++] = b[i];
        }
        write_all(path, nb, k);
        free(b);
        free(nb);
    } else if (strcmp(kind, "rm") == 0) {
        rm_rf(path);
    } else if (strcmp(kind, "mkdir") == 0) {
        ck_assert_int_eq(mkdir(path, 0777), 0);
    } else if (strcmp(kind, "fifo") == 0) {
        ck_assert_int_eq(mkfifo(path, 0666), 0);
    } else if (strcmp(kind, "link") == 0) {
        char target[2048], *o;
        ck_assert_ptr_nonnull(arg);
        if ((o = strstr(arg, "{out}")) != NULL)
            snprintf(target, sizeof target, "%.*s%s%s", (int)(o - arg), arg,
                     out, o + 5);
        else
            snprintf(target, sizeof target, "%s", arg);
        ck_assert_int_eq(symlink(target, path), 0);
    } else if (strcmp(kind, "gen") == 0) {
        char base[2048];
        size_t len;
        char *b;
        ck_assert_ptr_nonnull(arg);
        snprintf(base, sizeof base, "%s/data/example/service.yaml",
                 src_root());
        b = read_all(base, &len);
        gen(path, arg, b);
        free(b);
    } else {
        ck_abort_msg("unknown action '%s'", kind);
    }
}

typedef struct run_result {
    int    status;       /* exit code, or -signal */
    double cpu, wall;
    long   max_rss_kb;
    int    killed;       /* ran past LIMIT_WALL */
} run_result;

/* Runs mskrota validate on svc with limits; its output goes to out. */
static run_result run_validate(const char *svc, const char *month,
                               const char *out)
{
    char exe[2048];
    struct timespec t0, t1;
    struct rusage ru;
    run_result r = {0, 0, 0, 0, 0};
    pid_t pid;
    int st = 0;

    snprintf(exe, sizeof exe, "%s/mskrota", build_root());
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        struct rlimit as = {(rlim_t)LIMIT_MB << 20, (rlim_t)LIMIT_MB << 20};
        struct rlimit cpu = {30, 30};
        FILE *o = freopen(out, "w", stdout);
        if (o == NULL || dup2(fileno(stdout), 2) < 0)
            _exit(126);
        if (!SANITIZED)             /* ASan reserves terabytes of space */
            setrlimit(RLIMIT_AS, &as);
        setrlimit(RLIMIT_CPU, &cpu);
        if (month[0] != '-')
            execl(exe, "mskrota", "validate", svc, "--month", month,
                  (char *)NULL);
        else
            execl(exe, "mskrota", "validate", svc, (char *)NULL);
        _exit(127);
    }
    for (;;) {
        pid_t w = wait4(pid, &st, WNOHANG, &ru);
        ck_assert_int_ge(w, 0);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        r.wall = (double)(t1.tv_sec - t0.tv_sec)
                 + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
        if (w == pid)
            break;
        if (r.wall > LIMIT_WALL && !r.killed) {
            kill(pid, SIGKILL);
            r.killed = 1;
        }
        usleep(2000);
    }
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -WTERMSIG(st);
    r.cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6
            + (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
    r.max_rss_kb = ru.ru_maxrss;
    return r;
}

/* The first error line of out, for messages. */
static void first_error(const char *text, char *buf, size_t size)
{
    const char *e = strstr(text, ": error: ");
    const char *s = e, *end;
    buf[0] = 0;
    if (e == NULL)
        return;
    while (s > text && s[-1] != '\n')
        s--;
    end = strchr(e, '\n');
    snprintf(buf, size, "%.*s", (int)(end ? end - s : (long)strlen(s)), s);
}

/* 1 when some line of text starts with "<place>: error: " and holds msg. */
static int has_error(const char *text, const char *place, const char *msg)
{
    size_t np = strlen(place);
    for (const char *l = text; l != NULL && *l;) {
        const char *end = strchr(l, '\n');
        size_t n = end ? (size_t)(end - l) : strlen(l);
        if (n > np + 9 && strncmp(l, place, np) == 0
            && strncmp(l + np, ": error: ", 9) == 0) {
            char line[4096];
            snprintf(line, sizeof line, "%.*s", (int)n, l);
            if (strstr(line, msg) != NULL)
                return 1;
        }
        l = end ? end + 1 : NULL;
    }
    return 0;
}

START_TEST(test_manifest)
{
    load_cases();
    ck_assert_msg(n_cases >= 40, "tests/hostile/cases.tsv: %d cases, "
                  "expected at least 40", n_cases);
    for (int i = 0; i < n_cases; i++)
        for (int j = 0; j < i; j++)
            ck_assert_msg(strcmp(cases[i].name, cases[j].name) != 0,
                          "case %s twice", cases[i].name);
}
END_TEST

START_TEST(test_case)
{
    h_case *c;
    char root[256], svc[512], out[512], outside[512], over[1024];
    char setup[4096], first[1024], *text, *a;
    struct stat st;
    size_t len;
    run_result r;
    double cpu_limit = LIMIT_CPU * (SANITIZED ? 3 : 1);

    load_cases();
    if (_i >= n_cases)
        return;                     /* fewer cases: test_manifest says so */
    c = &cases[_i];
    snprintf(root, sizeof root, "%s/mr_hostile_XXXXXX",
             getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR")
                                                   : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(root));
    snprintf(svc, sizeof svc, "%s/svc", root);
    snprintf(out, sizeof out, "%s/out.txt", root);
    snprintf(outside, sizeof outside, "%s/outside", root);
    ck_assert_int_eq(mkdir(outside, 0777), 0);
    {
        char secret[600];
        snprintf(secret, sizeof secret, "%s/secret.yaml", outside);
        write_all(secret, "staff: s001\nmonth: 2026-12\n", 27);
    }
    if (strstr(c->setup, "base none") != NULL) {
        ck_assert_int_eq(mkdir(svc, 0777), 0);
    } else {
        char from[1024];
        char *cp[] = {"cp", "-R", from, svc, NULL};
        snprintf(from, sizeof from, "%s/data/example", src_root());
        run_cmd(cp);
    }
    snprintf(over, sizeof over, "%s/tests/hostile/cases/%s", src_root(),
             c->name);
    if (stat(over, &st) == 0) {
        char from[1100];
        char *cp[] = {"cp", "-R", from, svc, NULL};
        snprintf(from, sizeof from, "%s/.", over);
        run_cmd(cp);
    }
    snprintf(setup, sizeof setup, "%s", c->setup);
    for (a = setup; c->setup[0] != '-' && a != NULL;) {
        char *next = strstr(a, " ;; ");
        if (next != NULL)
            *next = 0;
        act(svc, outside, a);
        a = next ? next + 4 : NULL;
    }

    r = run_validate(svc, c->month, out);
    text = read_all(out, &len);
    first_error(text, first, sizeof first);
    ck_assert_msg(!r.killed, "%s: still running after %.0f s (a hang)",
                  c->name, LIMIT_WALL);
    ck_assert_msg(r.status == 65, "%s: exit %d, expected 65; output:\n%.2000s",
                  c->name, r.status, text);
    ck_assert_msg(has_error(text, c->place, c->text),
                  "%s: expected '%s: error: ...%s...', first error: '%s'",
                  c->name, c->place, c->text, first);
    ck_assert_msg(r.cpu <= cpu_limit, "%s: %.2f s of CPU, limit %.1f s",
                  c->name, r.cpu, cpu_limit);
    ck_assert_msg(SANITIZED || r.max_rss_kb <= (long)LIMIT_MB * 1024,
                  "%s: %ld kB resident, limit %d MB", c->name, r.max_rss_kb,
                  LIMIT_MB);
    free(text);
    rm_rf(root);
}
END_TEST

/* The fuzz targets' bodies on every file of fuzz/<dir>/<target>/. */
static int run_corpus(const char *dir, const char *target,
                      void (*fn)(const char *, size_t))
{
    char path[1024];
    DIR *d;
    struct dirent *e;
    int n = 0;

    snprintf(path, sizeof path, "%s/fuzz/%s/%s", src_root(), dir, target);
    if ((d = opendir(path)) == NULL)
        return 0;
    while ((e = readdir(d)) != NULL) {
        char file[2048];
        size_t len;
        char *b;
        if (e->d_name[0] == '.')
            continue;
        snprintf(file, sizeof file, "%s/%s", path, e->d_name);
        b = read_all(file, &len);
        fn(b, len);                 /* aborts on a broken check */
        free(b);
        n++;
    }
    closedir(d);
    return n;
}

START_TEST(test_fuzz_corpora)
{
    static const struct {
        const char *name;
        void (*fn)(const char *, size_t);
    } T[] = {
        {"yaml_service", fz_yaml_service},
        {"yaml_pref", fz_yaml_pref},
        {"csv", fz_csv},
        {"validate", fz_validate},
    };
    int seeds = 0;
    for (int t = 0; t < 4; t++) {
        seeds += run_corpus("corpus", T[t].name, T[t].fn);
        run_corpus("regress", T[t].name, T[t].fn);
    }
    ck_assert_int_ge(seeds, 4);
}
END_TEST

Suite *suite_hostile(void)
{
    Suite *s = suite_create("hostile");
    TCase *tc = tcase_create("cases");

    load_cases();
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_manifest);
    tcase_add_loop_test(tc, test_case, 0, n_cases > 0 ? n_cases : 1);
    tcase_add_test(tc, test_fuzz_corpora);
    suite_add_tcase(s, tc);
    return s;
}
