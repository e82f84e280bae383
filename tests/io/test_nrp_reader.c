/* Tests of io/nrp_reader.c and io/nrp_roster.c: the Curtois-Qu instance
 * files where they lie (MR_SOURCE_ROOT/../shared/benchmarks/curtois), the
 * reference optima scored by the evaluator, hand-broken rosters for each
 * hard rule, and diagnostics with line and column. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "nrp.h"
#include "nrp_reader.h"
#include "suites.h"

static void bench_path(char *buf, size_t n, const char *file)
{
    const char *root = getenv("MR_SOURCE_ROOT");
    snprintf(buf, n, "%s/../shared/benchmarks/curtois/%s",
             root ? root : ".", file);
}

static mr_nrp *load(int k)
{
    char path[1024], name[64];
    mr_nrp *p = NULL;
    mr_diags d;
    mr_diags_init(&d);
    snprintf(name, sizeof name, "Instance%d.txt", k);
    bench_path(path, sizeof path, name);
    int rc = mr_nrp_read(path, &p, &d);
    if (rc != MR_OK && d.n > 0) {
        char msg[1200];
        mr_diag_format(&d.items[0], msg, sizeof msg);
        ck_abort_msg("%s", msg);
    }
    ck_assert_int_eq(rc, MR_OK);
    ck_assert_int_eq(d.n, 0);
    mr_diags_clear(&d);
    return p;
}

static int *load_roster(const mr_nrp *p, const char *file)
{
    char path[1024];
    int *r = NULL;
    mr_diags d;
    mr_diags_init(&d);
    bench_path(path, sizeof path, file);
    ck_assert_int_eq(mr_nrp_roster_read(path, p, &r, &d), MR_OK);
    ck_assert_int_eq(d.n, 0);
    mr_diags_clear(&d);
    return r;
}

/* Sizes from FORMAT.md: employees, days, types, days-off entries, on- and
 * off-requests. */
static const int SIZES[24][6] = {
    {8, 14, 1, 8, 21, 5},        {14, 14, 2, 14, 50, 12},
    {20, 14, 3, 20, 39, 25},     {10, 28, 2, 20, 52, 19},
    {16, 28, 2, 32, 79, 27},     {18, 28, 3, 36, 87, 48},
    {20, 28, 3, 40, 104, 64},    {30, 28, 4, 60, 139, 86},
    {36, 28, 4, 72, 144, 88},    {40, 28, 5, 80, 210, 74},
    {50, 28, 6, 100, 197, 139},  {60, 28, 10, 120, 294, 128},
    {120, 28, 18, 240, 589, 252}, {32, 42, 4, 128, 266, 93},
    {45, 42, 6, 180, 350, 140},  {20, 56, 3, 120, 177, 103},
    {32, 56, 4, 160, 351, 129},  {22, 84, 3, 176, 322, 92},
    {40, 84, 5, 320, 587, 247},  {50, 182, 6, 900, 1665, 653},
    {100, 182, 8, 1800, 3210, 1492}, {50, 364, 10, 1800, 3253, 1385},
    {100, 364, 16, 3600, 6549, 2861}, {150, 364, 32, 5400, 9540, 4269},
};

START_TEST(all_24_instances_read_with_their_sizes)
{
    for (int k = 1; k <= 24; k++) {
        mr_nrp *p = load(k);
        int off = 0;
        for (int i = 0; i < p->n_staff * p->n_days; i++)
            off += p->day_off[i];
        ck_assert_int_eq(p->n_staff, SIZES[k - 1][0]);
        ck_assert_int_eq(p->n_days, SIZES[k - 1][1]);
        ck_assert_int_eq(p->n_shifts, SIZES[k - 1][2]);
        ck_assert_int_eq(off, SIZES[k - 1][3]);
        ck_assert_int_eq(p->n_on, SIZES[k - 1][4]);
        ck_assert_int_eq(p->n_off, SIZES[k - 1][5]);
        mr_nrp_free(p);
    }
}
END_TEST

START_TEST(instance_fields_are_read)
{
    mr_nrp *p = load(3);
    int E = mr_nrp_shift_index(p, "E"), D = mr_nrp_shift_index(p, "D");
    int L = mr_nrp_shift_index(p, "L"), T = p->n_shifts;
    /* L,480,E|D */
    ck_assert(p->forbid[L * T + E] && p->forbid[L * T + D]);
    ck_assert(!p->forbid[L * T + L] && !p->forbid[E * T + D]);
    ck_assert(p->forbid[D * T + E]);
    /* D,E=14|D=0|L=5,4320,3360,5,2,2,1 */
    int a = mr_nrp_staff_index(p, "D");
    ck_assert_int_eq(a, 3);
    ck_assert_int_eq(p->max_shifts[a * T + E], 14);
    ck_assert_int_eq(p->max_shifts[a * T + D], 0);
    ck_assert_int_eq(p->max_shifts[a * T + L], 5);
    ck_assert_int_eq(p->max_minutes[a], 4320);
    ck_assert_int_eq(p->min_minutes[a], 3360);
    ck_assert_int_eq(p->max_consec[a], 5);
    ck_assert_int_eq(p->min_consec[a], 2);
    ck_assert_int_eq(p->min_off[a], 2);
    ck_assert_int_eq(p->max_weekends[a], 1);
    ck_assert_int_eq(p->cover_under[0], 100);
    ck_assert_int_eq(p->cover_over[0], 1);
    mr_nrp_free(p);
    /* Instance1 has an employee D and a shift D: separate namespaces */
    p = load(1);
    ck_assert_int_eq(mr_nrp_shift_index(p, "D"), 0);
    ck_assert_int_eq(mr_nrp_staff_index(p, "D"), 3);
    ck_assert_int_eq(mr_nrp_shift_index(p, "A"), -1);
    ck_assert(p->day_off[3 * 14 + 2]);          /* D,2 */
    ck_assert_int_eq(p->on_req[0].weight, 2);   /* A,2,D,2 */
    ck_assert_int_eq(p->cover_req[1], 7);       /* 1,D,7,100,1 */
    mr_nrp_free(p);
    /* Instance15 writes "41,D,-0,100,1": read as 0 */
    p = load(15);
    ck_assert_int_eq(p->cover_req[41 * p->n_shifts +
                                  mr_nrp_shift_index(p, "D")], 0);
    ck_assert_int_eq(p->cover_under[41 * p->n_shifts +
                                    mr_nrp_shift_index(p, "D")], 100);
    mr_nrp_free(p);
}
END_TEST

START_TEST(reference_optima_score_exactly)
{
    static const struct { int k; const char *file; long opt; } REF[] = {
        {1, "reference_solutions/Instance1.opt607.tsv", 607},
        {2, "reference_solutions/Instance2.opt828.tsv", 828},
        {3, "reference_solutions/Instance3.opt1001.tsv", 1001},
    };
    for (int i = 0; i < 3; i++) {
        mr_nrp *p = load(REF[i].k);
        int *r = load_roster(p, REF[i].file);
        mr_nrp_eval ev;
        mr_nrp_evaluate(p, r, &ev);
        ck_assert_int_eq(ev.n_violations, 0);
        ck_assert_int_eq(ev.objective, REF[i].opt);
        ck_assert_int_eq(ev.on_penalty + ev.off_penalty + ev.under_penalty +
                         ev.over_penalty, REF[i].opt);
        mr_free(r);
        mr_nrp_free(p);
    }
}
END_TEST

/* Instance1 (one shift D, 5 >= run >= 2, days off >= 2, 7..9 shifts, one
 * weekend): employee e's row replaced by txt ('D' or '-'). */
static void set_row(const mr_nrp *p, int *r, int e, const char *txt)
{
    for (int d = 0; d < p->n_days; d++)
        r[e * p->n_days + d] = txt[d] == 'D' ? 0 : MR_NRP_OFF;
}

static int only_rule(const mr_nrp *p, int *r, int e, const char *txt)
{
    mr_nrp_eval ev;
    set_row(p, r, e, txt);
    mr_nrp_evaluate(p, r, &ev);
    ck_assert_int_eq(ev.n_violations, 1);
    ck_assert_int_eq(ev.first_staff, e);
    return ev.first_rule;
}

START_TEST(broken_instance1_rosters_break_one_rule_each)
{
    mr_nrp *p = load(1);
    int *r = load_roster(p, "reference_solutions/Instance1.opt607.tsv");
    int *keep = mr_malloc(8 * 14 * sizeof *keep);
    memcpy(keep, r, 8 * 14 * sizeof *keep);
#define AGAIN memcpy(r, keep, 8 * 14 * sizeof *keep)
    /* A's hard day off is day 0; C's is day 8 */
    ck_assert_int_eq(only_rule(p, r, 0, "DDDDD--DD---DD"), MR_NRP_DAY_OFF);
    AGAIN;
    ck_assert_int_eq(only_rule(p, r, 0, "---DD--DDDDDDD"), MR_NRP_MAX_CONSEC);
    AGAIN;
    ck_assert_int_eq(only_rule(p, r, 0, "-DDDD--D---DDD"), MR_NRP_MIN_CONSEC);
    AGAIN;
    ck_assert_int_eq(only_rule(p, r, 0, "--DDD--DDDD-DD"), MR_NRP_MIN_OFF);
    AGAIN;
    ck_assert_int_eq(only_rule(p, r, 0, "---DDDD---DDDD"),
                     MR_NRP_MAX_WEEKENDS);
    AGAIN;
    ck_assert_int_eq(only_rule(p, r, 0, "--DDD--DDD----"),
                     MR_NRP_MIN_MINUTES);
    AGAIN;
    ck_assert_int_eq(only_rule(p, r, 2, "DDDDD----DDDDD"),
                     MR_NRP_MAX_MINUTES);
    AGAIN;
    /* the boundary exemptions: a run of one working day is inner on day
     * 12 but exempt on day 13 or on day 0 */
    mr_nrp_eval ev;
    set_row(p, r, 0, "-DDDD--DDD--D-");
    mr_nrp_evaluate(p, r, &ev);
    ck_assert_int_eq(ev.n_violations, 1);
    ck_assert_int_eq(ev.violations[MR_NRP_MIN_CONSEC], 1);
    set_row(p, r, 0, "-DDDD--DDD---D");
    set_row(p, r, 1, "D--DD--DD---DD");
    mr_nrp_evaluate(p, r, &ev);
    ck_assert_int_eq(ev.n_violations, 0);
#undef AGAIN
    mr_free(keep);
    mr_free(r);
    mr_nrp_free(p);
}
END_TEST

START_TEST(broken_instance2_rosters_succession_and_type_limit)
{
    mr_nrp *p = load(2);
    int *r = load_roster(p, "reference_solutions/Instance2.opt828.tsv");
    int h = p->n_days, T = p->n_shifts, done_succ = 0, done_max = 0;
    int E = mr_nrp_shift_index(p, "E"), L = mr_nrp_shift_index(p, "L");
    mr_nrp_eval ev;

    for (int e = 0; e < p->n_staff; e++)
        for (int d = 1; d + 1 < h; d++) {
            int *s = r + e * h;
            /* L L x -> L E x with x not blocked by E: only L->E breaks */
            if (!done_succ && p->max_shifts[e * T + E] >= h && s[d] == L &&
                s[d + 1] == L) {
                s[d + 1] = E;
                mr_nrp_evaluate(p, r, &ev);
                ck_assert_int_eq(ev.n_violations, 1);
                ck_assert_int_eq(ev.first_rule, MR_NRP_SUCCESSION);
                ck_assert_int_eq(ev.first_day, d + 1);
                s[d + 1] = L;
                done_succ = 1;
            }
            /* an E for someone who may never work E, after a day off */
            if (!done_max && p->max_shifts[e * T + E] == 0 && s[d] == L &&
                s[d - 1] == MR_NRP_OFF) {
                s[d] = E;
                mr_nrp_evaluate(p, r, &ev);
                ck_assert_int_eq(ev.n_violations, 1);
                ck_assert_int_eq(ev.first_rule, MR_NRP_MAX_SHIFTS);
                s[d] = L;
                done_max = 1;
            }
        }
    ck_assert(done_succ && done_max);
    mr_nrp_evaluate(p, r, &ev);
    ck_assert_int_eq(ev.objective, 828);
    mr_free(r);
    mr_nrp_free(p);
}
END_TEST

static const char TINY[] =
    "# a tiny instance\r\n"
    "SECTION_HORIZON\r\n"
    "7\r\n"
    "\r\n"
    "SECTION_SHIFTS\r\n"
    "# ShiftID, Length, forbidden\r\n"
    "D,480,\r\n"
    "N,600,D|N\r\n"
    "\r\n"
    "SECTION_STAFF\r\n"
    "A,D=7|N=2,2880,960,5,1,2,1\r\n"
    "B,D=7|N=0,2880,960,5,1,2,1\r\n"
    "\r\n"
    "SECTION_DAYS_OFF\r\n"
    "A,0,6\r\n"
    "B\r\n"
    "\r\n"
    "SECTION_SHIFT_ON_REQUESTS\r\n"
    "A,2,N,3\r\n"
    "\r\n"
    "SECTION_SHIFT_OFF_REQUESTS\r\n"
    "B,3,D,1\r\n"
    "\r\n"
    "SECTION_COVER\r\n"
    "0,D,1,100,1\r\n1,D,1,100,1\r\n2,D,1,100,1\r\n3,D,1,100,1\r\n"
    "4,D,1,100,1\r\n5,D,0,100,1\r\n6,D,0,100,1\r\n"
    "0,N,0,100,1\r\n1,N,0,100,1\r\n2,N,1,100,1\r\n3,N,0,100,1\r\n"
    "4,N,0,100,1\r\n5,N,0,100,1\r\n6,N,0,100,1\r\n";

START_TEST(tiny_instance_crlf_and_lf)
{
    mr_nrp *p = NULL;
    mr_diags d;
    char *lf = mr_malloc(sizeof TINY);
    size_t n = 0;

    mr_diags_init(&d);
    ck_assert_int_eq(mr_nrp_parse(TINY, strlen(TINY), "tiny", &p, &d),
                     MR_OK);
    ck_assert_int_eq(p->n_days, 7);
    ck_assert_int_eq(p->n_shifts, 2);
    ck_assert_int_eq(p->n_staff, 2);
    ck_assert_int_eq(p->shift_len[1], 600);
    ck_assert(p->forbid[1 * 2 + 0] && p->forbid[1 * 2 + 1]);
    ck_assert(!p->forbid[0 * 2 + 1]);
    ck_assert(p->day_off[0] && p->day_off[6] && !p->day_off[1]);
    ck_assert_int_eq(p->n_on, 1);
    ck_assert_int_eq(p->on_req[0].shift, 1);
    ck_assert_int_eq(p->cover_req[2 * 2 + 1], 1);
    mr_nrp_free(p);
    for (const char *c = TINY; *c; c++)
        if (*c != '\r')
            lf[n++] = *c;
    ck_assert_int_eq(mr_nrp_parse(lf, n, "tiny", &p, &d), MR_OK);
    ck_assert_int_eq(p->n_staff, 2);
    mr_nrp_free(p);
    ck_assert_int_eq(d.n, 0);
    mr_free(lf);
    mr_diags_clear(&d);
}
END_TEST

/* Replaces the first occurrence of from in TINY by to. */
static char *edit(const char *from, const char *to)
{
    const char *at = strstr(TINY, from);
    ck_assert_ptr_nonnull(at);
    size_t a = (size_t)(at - TINY), n = strlen(TINY) - strlen(from) +
               strlen(to);
    char *s = mr_malloc(n + 1);
    memcpy(s, TINY, a);
    strcpy(s + a, to);
    strcat(s, at + strlen(from));
    return s;
}

/* Parses TINY with one edit; expects MR_EINVAL and a first diagnostic at
 * line:col whose message contains what. */
static void expect_error(const char *from, const char *to, int line, int col,
                         const char *what)
{
    char *s = edit(from, to);
    mr_nrp *p = (mr_nrp *)1;
    mr_diags d;
    mr_diags_init(&d);
    ck_assert_int_eq(mr_nrp_parse(s, strlen(s), "tiny", &p, &d), MR_EINVAL);
    ck_assert_ptr_null(p);
    ck_assert_int_ge(d.n, 1);
    ck_assert_msg(strstr(d.items[0].message, what) != NULL, "'%s' lacks '%s'",
                  d.items[0].message, what);
    ck_assert_int_eq(d.items[0].line, line);
    ck_assert_int_eq(d.items[0].col, col);
    ck_assert_str_eq(d.items[0].file, "tiny");
    mr_diags_clear(&d);
    mr_free(s);
}

START_TEST(errors_carry_line_and_column)
{
    expect_error("N,600,D|N", "N,600,D|X", 8, 9, "unknown shift 'X'");
    expect_error("N,600,D|N", "N,6o0,D|N", 8, 3, "non-negative integer");
    expect_error("N,600,D|N", "N,-1,D|N", 8, 3, "non-negative integer");
    expect_error("A,D=7|N=2,", "A,D=7|Q=2,", 11, 7, "unknown shift 'Q'");
    expect_error("A,D=7|N=2,", "A,D=7,", 11, 3, "no limit for shift 'N'");
    expect_error("A,D=7|N=2,2880,960,5,1,2,1", "A,D=7|N=2,2880,960,5,1,2",
                 11, 1, "expected 8 fields");
    expect_error("B,D=7|N=0", "A,D=7|N=0", 12, 1, "defined twice");
    expect_error("A,0,6", "A,0,7", 15, 5, "outside the horizon");
    expect_error("A,0,6", "Z,0,6", 15, 1, "unknown employee 'Z'");
    expect_error("A,2,N,3", "A,2,N,x", 19, 7, "weight");
    expect_error("B,3,D,1", "B,3,D", 22, 1, "expected 4 fields");
    expect_error("6,N,0,100,1", "5,N,0,100,1", 38, 1, "given twice");
    expect_error("6,N,0,100,1\r\n", "", 24, 1, "no cover line for day 6");
    expect_error("SECTION_DAYS_OFF", "SECTION_HOLIDAYS", 14, 1,
                 "unknown section");
    expect_error("# a tiny instance\r\n", "7\r\n", 1, 1,
                 "before the first SECTION_");
    expect_error("SECTION_HORIZON\r\n7\r\n", "SECTION_HORIZON\r\n0\r\n", 3,
                 1, "at least one day");
    expect_error("SECTION_COVER", "SECTION_STAFF", 24, 1, "repeated");
}
END_TEST

START_TEST(missing_file_is_an_io_error)
{
    mr_nrp *p = NULL;
    mr_diags d;
    mr_diags_init(&d);
    ck_assert_int_eq(mr_nrp_read("/nonexistent/Instance0.txt", &p, &d),
                     MR_EIO);
    ck_assert_ptr_null(p);
    ck_assert_int_eq(d.n, 1);
    mr_diags_clear(&d);
}
END_TEST

START_TEST(roster_round_trip_and_errors)
{
    mr_nrp *p = NULL;
    int *r = NULL, *back = NULL;
    mr_diags d;
    char path[1024];
    const char *build = getenv("MR_BUILD_ROOT");

    mr_diags_init(&d);
    ck_assert_int_eq(mr_nrp_parse(TINY, strlen(TINY), "tiny", &p, &d),
                     MR_OK);
    const char *good = "# comment\nA\t-\tD\tN\t-\tD\tD\t-\r\n"
                       "B\tD\tD\t-\t-\tD\tD\tD\n";
    ck_assert_int_eq(mr_nrp_roster_parse(good, strlen(good), "r", p, &r, &d),
                     MR_OK);
    ck_assert_int_eq(r[0], MR_NRP_OFF);
    ck_assert_int_eq(r[2], 1);
    ck_assert_int_eq(r[7 + 6], 0);
    snprintf(path, sizeof path, "%s/nrp_roster_test.tsv", build ? build
                                                                 : "/tmp");
    ck_assert_int_eq(mr_nrp_roster_write(path, p, r, "line one\nline two"),
                     MR_OK);
    ck_assert_int_eq(mr_nrp_roster_read(path, p, &back, &d), MR_OK);
    ck_assert_mem_eq(r, back, 14 * sizeof *r);
    remove(path);
    mr_free(back);
    ck_assert_int_eq(d.n, 0);

    const char *bad = "A\t-\tD\tX\t-\tD\tD\t-\nA\t-\t-\t-\t-\t-\t-\t-\n"
                      "C\t-\nB\tD\n";
    ck_assert_int_eq(mr_nrp_roster_parse(bad, strlen(bad), "r", p, &back, &d),
                     MR_EINVAL);
    ck_assert_ptr_null(back);
    ck_assert_int_eq(d.n, 4);
    ck_assert_int_eq(d.items[0].line, 1);
    ck_assert_int_eq(d.items[0].col, 7);      /* the X */
    ck_assert(strstr(d.items[1].message, "repeated") != NULL);
    ck_assert(strstr(d.items[2].message, "unknown employee 'C'") != NULL);
    ck_assert(strstr(d.items[3].message, "1 days given, 7 expected") != NULL);
    mr_diags_clear(&d);
    mr_free(r);
    mr_nrp_free(p);
}
END_TEST

START_TEST(parse_survives_allocation_failures)
{
    mr_diags d;
    mr_diags_init(&d);
    for (long k = 1;; k++) {
        mr_nrp *p = NULL;
        mr_alloc_fail_at(k);
        int rc = mr_nrp_parse(TINY, strlen(TINY), "tiny", &p, &d);
        mr_alloc_fail_at(0);
        mr_diags_clear(&d);
        if (rc == MR_OK) {
            mr_nrp_free(p);
            break;
        }
        ck_assert_int_eq(rc, MR_ENOMEM);
        ck_assert_ptr_null(p);
    }
}
END_TEST

Suite *suite_nrp_reader(void)
{
    Suite *s = suite_create("nrp_reader");
    TCase *tc = tcase_create("nrp_reader");
    tcase_add_test(tc, all_24_instances_read_with_their_sizes);
    tcase_add_test(tc, instance_fields_are_read);
    tcase_add_test(tc, reference_optima_score_exactly);
    tcase_add_test(tc, broken_instance1_rosters_break_one_rule_each);
    tcase_add_test(tc, broken_instance2_rosters_succession_and_type_limit);
    tcase_add_test(tc, tiny_instance_crlf_and_lf);
    tcase_add_test(tc, errors_carry_line_and_column);
    tcase_add_test(tc, missing_file_is_an_io_error);
    tcase_add_test(tc, roster_round_trip_and_errors);
    tcase_add_test(tc, parse_survives_allocation_failures);
    suite_add_tcase(s, tc);
    return s;
}
