/* Tests of solver/nrp_*.c: the pricing programme against brute force (every
 * schedule enumerated and checked by the independent evaluator), and the
 * branch and price on Instances 1 and 2, whose optima (607, 828) are
 * published. Instance files are read where they lie. */
#include <check.h>
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "clock.h"
#include "diag.h"
#include "nrp.h"
#include "nrp_cg.h"
#include "nrp_int.h"
#include "nrp_reader.h"
#include "suites.h"

static mr_nrp *load(int k)
{
    char path[1024];
    const char *root = getenv("MR_SOURCE_ROOT");
    mr_nrp *p = NULL;
    mr_diags d;
    mr_diags_init(&d);
    snprintf(path, sizeof path, "%s/../shared/benchmarks/curtois/"
             "Instance%d.txt", root ? root : ".", k);
    ck_assert_int_eq(mr_nrp_read(path, &p, &d), MR_OK);
    mr_diags_clear(&d);
    return p;
}

static char *dup(const char *s)
{
    char *c = mr_malloc(strlen(s) + 1);
    strcpy(c, s);
    return c;
}

/* Three shifts over 11 days starting on a Monday, every rule binding:
 * E 480, L 600 (forbids E next), N 720 (forbids E and L, and N itself). */
static mr_nrp *synthetic(int variant)
{
    mr_nrp *p;
    ck_assert_int_eq(mr_nrp_new(11, 3, 1, &p), MR_OK);
    p->shift_ids[0] = dup("E");
    p->shift_ids[1] = dup("L");
    p->shift_ids[2] = dup("N");
    p->shift_len[0] = 480;
    p->shift_len[1] = 600;
    p->shift_len[2] = 720;
    p->forbid[1 * 3 + 0] = 1;
    p->forbid[2 * 3 + 0] = 1;
    p->forbid[2 * 3 + 1] = 1;
    p->forbid[2 * 3 + 2] = 1;
    p->staff_ids[0] = dup("A");
    p->max_shifts[0] = 11;
    p->max_shifts[1] = variant ? 2 : 3;
    p->max_shifts[2] = 1 + variant;
    p->max_minutes[0] = variant ? 4200 : 3960;
    p->min_minutes[0] = variant ? 2880 : 2400;
    p->max_consec[0] = 3 + variant;
    p->min_consec[0] = 2;
    p->min_off[0] = 2 + variant;
    p->max_weekends[0] = variant ? 1 : 0;   /* 1: not binding */
    p->day_off[3] = 1;
    return p;
}

static double schedule_cost(const mr_nrp *p, const double *arc, double wk,
                            const int *s)
{
    int T = p->n_shifts, h = p->n_days;
    double c = 0;
    for (int d = 0; d < h; d++)
        c += arc[d * (T + 1) + (s[d] < 0 ? T : s[d])];
    for (int k = 0; 7 * k + 5 < h; k++)
        if (s[7 * k + 5] >= 0 || (7 * k + 6 < h && s[7 * k + 6] >= 0))
            c += wk;
    return c;
}

/* The cheapest feasible schedule of employee e by enumeration. */
static double brute(const mr_nrp *p, int e, const double *arc, double wk,
                    long *n_feasible)
{
    int h = p->n_days, T = p->n_shifts, s[64];
    double best = NRP_INF;
    long total = 1;
    for (int d = 0; d < h; d++)
        total *= T + 1;
    *n_feasible = 0;
    for (long code = 0; code < total; code++) {
        long x = code;
        for (int d = 0; d < h; d++) {
            int v = (int)(x % (T + 1));
            x /= T + 1;
            s[d] = v == T ? MR_NRP_OFF : v;
        }
        if (mr_nrp_check_staff(p, e, s, NULL, NULL, NULL) != 0)
            continue;
        double c = schedule_cost(p, arc, wk, s);
        if (c >= NRP_INF / 2)
            continue;
        (*n_feasible)++;
        if (c < best)
            best = c;
    }
    return best;
}

/* Random integer arc costs, some options barred. */
static void random_arcs(const mr_nrp *p, unsigned *seed, double *arc,
                        double *wk, int bar)
{
    int T = p->n_shifts;
    for (int i = 0; i < p->n_days * (T + 1); i++) {
        *seed = *seed * 1103515245u + 12345u;
        int r = (int)(*seed >> 16) % 41 - 20;
        arc[i] = r;
        if (bar && (*seed >> 8) % 13 == 0)
            arc[i] = NRP_INF;
    }
    *seed = *seed * 1103515245u + 12345u;
    *wk = (double)((*seed >> 16) % 11) - 5;
}

static void check_pricer(const mr_nrp *p, int e, const nrp_track *tr,
                         int rounds, int bar)
{
    nrp_pricer *pr;
    int h = p->n_days, T = p->n_shifts;
    double *arc = mr_malloc((size_t)h * (T + 1) * sizeof(double));
    int *sched = mr_malloc(4 * (size_t)h * sizeof(int));
    double cost[4], wk;
    unsigned seed = 12345u + (unsigned)e;
    long nf;

    nrp_scratch sc;
    memset(&sc, 0, sizeof sc);
    ck_assert_int_eq(nrp_pricer_new(p, e, tr, &pr), MR_OK);
    for (int r = 0; r < rounds; r++) {
        random_arcs(p, &seed, arc, &wk, bar);
        double want = brute(p, e, arc, wk, &nf);
        int n = nrp_price(pr, &sc, arc, wk, 4, sched, cost);
        if (nf == 0) {
            ck_assert_int_eq(n, 0);
            continue;
        }
        ck_assert_int_ge(n, 1);
        ck_assert_msg(fabs(cost[0] - want) < 1e-9, "round %d: pricer %g, "
                      "brute force %g", r, cost[0], want);
        for (int i = 0; i < n; i++) {
            const int *s = sched + (size_t)i * h;
            ck_assert_int_eq(mr_nrp_check_staff(p, e, s, NULL, NULL, NULL),
                             0);
            ck_assert(fabs(schedule_cost(p, arc, wk, s) - cost[i]) < 1e-9);
            if (i > 0)
                ck_assert(cost[i] >= cost[i - 1]);
        }
    }
    nrp_pricer_free(pr);
    nrp_scratch_free(&sc);
    mr_free(arc);
    mr_free(sched);
}

START_TEST(pricer_matches_brute_force_with_every_rule_tracked)
{
    for (int v = 0; v < 2; v++) {
        mr_nrp *p = synthetic(v);
        nrp_track tr;
        nrp_choose_tracking(p, 0, 1L << 30, 1L << 40, 0, &tr);
        ck_assert(tr.minutes && tr.type[1] && tr.type[2]);
        ck_assert_int_eq(tr.weekends, !v);
        check_pricer(p, 0, &tr, 3, v);
        mr_nrp_free(p);
    }
}
END_TEST

START_TEST(pricer_relaxes_exactly_what_it_does_not_track)
{
    /* Without tracking, the pricer's optimum is a lower bound on the true
     * one and its schedules obey every sequence rule. */
    mr_nrp *p = synthetic(1);
    nrp_track none, full;
    nrp_pricer *pr;
    int sched[11], v[MR_NRP_N_RULES];
    double arc[11 * 4], wk, cost;
    unsigned seed = 7;
    long nf;

    nrp_scratch sc;
    memset(&sc, 0, sizeof sc);
    memset(&none, 0, sizeof none);
    nrp_choose_tracking(p, 0, 1L << 30, 1L << 40, 0, &full);
    ck_assert_int_eq(nrp_pricer_new(p, 0, &none, &pr), MR_OK);
    for (int r = 0; r < 5; r++) {
        random_arcs(p, &seed, arc, &wk, 0);
        double want = brute(p, 0, arc, wk, &nf);
        ck_assert_int_eq(nrp_price(pr, &sc, arc, wk, 1, sched, &cost), 1);
        ck_assert(cost <= want + 1e-9);
        memset(v, 0, sizeof v);
        mr_nrp_check_staff(p, 0, sched, v, NULL, NULL);
        ck_assert_int_eq(v[MR_NRP_SUCCESSION] + v[MR_NRP_MAX_CONSEC] +
                         v[MR_NRP_MIN_CONSEC] + v[MR_NRP_MIN_OFF] +
                         v[MR_NRP_DAY_OFF] + v[MR_NRP_BAD_SHIFT], 0);
    }
    nrp_pricer_free(pr);
    nrp_scratch_free(&sc);
    mr_nrp_free(p);
}
END_TEST

START_TEST(pricer_matches_brute_force_on_instance2)
{
    mr_nrp *p = load(2);
    for (int e = 0; e < p->n_staff; e += 6) {
        nrp_track tr;
        nrp_choose_tracking(p, e, 1L << 30, 1L << 40, 0, &tr);
        check_pricer(p, e, &tr, 1, 1);
    }
    mr_nrp_free(p);
}
END_TEST

START_TEST(instance1_and_2_solve_to_their_optima)
{
    static const long OPT[3] = {0, 607, 828};
    for (int k = 1; k <= 2; k++) {
        mr_nrp *p = load(k);
        mr_nrp_opts o;
        mr_nrp_result r;
        mr_nrp_eval ev;
        mr_nrp_opts_default(&o);
        o.time_limit = 60;
        ck_assert_int_eq(mr_nrp_solve(p, &o, &r), MR_OK);
        ck_assert_int_eq(r.status, MR_NRP_OPTIMAL);
        ck_assert_int_eq(r.objective, OPT[k]);
        ck_assert_int_eq(r.lower_bound, OPT[k]);
        ck_assert(r.root_bound <= OPT[k] + 1e-6);
        mr_nrp_evaluate(p, r.roster, &ev);
        ck_assert_int_eq(ev.n_violations, 0);
        ck_assert_int_eq(ev.objective, OPT[k]);
        mr_nrp_result_clear(&r);
        mr_nrp_free(p);
    }
}
END_TEST

/* The compact model read back by GLPK scores the published optimum of
 * Instance1 at 607: every x fixed to the reference roster, the weekend and
 * cover variables left to the solver. */
START_TEST(write_lp_scores_the_reference_roster)
{
    mr_nrp *p = load(1);
    char path[1024], ref[1024], name[64];
    const char *build = getenv("MR_BUILD_ROOT");
    const char *root = getenv("MR_SOURCE_ROOT");
    long offset;
    int *r = NULL, h = p->n_days, fixed = 0;
    mr_diags d;

    snprintf(path, sizeof path, "%s/nrp_instance1.lp", build ? build
                                                              : "/tmp");
    ck_assert_int_eq(mr_nrp_write_lp(p, path, &offset), MR_OK);
    /* on-requests of Instance1 weigh 2+2+3*5+1*5+2*2+2*2+1*5 = 37 */
    ck_assert_int_eq(offset, 37);
    snprintf(ref, sizeof ref, "%s/../shared/benchmarks/curtois/"
             "reference_solutions/Instance1.opt607.tsv", root ? root : ".");
    mr_diags_init(&d);
    ck_assert_int_eq(mr_nrp_roster_read(ref, p, &r, &d), MR_OK);
    mr_diags_clear(&d);
    glp_term_out(GLP_OFF);
    glp_prob *lp = glp_create_prob();
    ck_assert_int_eq(glp_read_lp(lp, NULL, path), 0);
    glp_create_index(lp);
    for (int e = 0; e < p->n_staff; e++)
        for (int day = 0; day < h; day++) {
            snprintf(name, sizeof name, "x_%s_%d_D", p->staff_ids[e], day);
            int j = glp_find_col(lp, name);
            /* no variable on a hard day off */
            ck_assert_int_eq(j == 0, p->day_off[e * h + day]);
            if (j) {
                double v = r[e * h + day] == 0 ? 1.0 : 0.0;
                glp_set_col_bnds(lp, j, GLP_FX, v, v);
                fixed++;
            }
        }
    ck_assert_int_eq(fixed, 8 * 14 - 8);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    ck_assert_int_eq(glp_intopt(lp, &parm), 0);
    ck_assert_int_eq(glp_mip_status(lp), GLP_OPT);
    ck_assert(fabs(glp_mip_obj_val(lp) + offset - 607) < 1e-6);
    /* and the roster with one shift moved breaks a row: B works day 5 */
    int j = glp_find_col(lp, "x_A_5_D");
    glp_set_col_bnds(lp, j, GLP_FX, 1.0, 1.0);      /* A: a run of 6 */
    glp_intopt(lp, &parm);
    ck_assert_int_eq(glp_mip_status(lp), GLP_NOFEAS);
    glp_delete_prob(lp);
    remove(path);
    mr_free(r);
    mr_nrp_free(p);
}
END_TEST

/* The local search from an empty roster gives a complete feasible
 * roster, and from the published optimum of Instance3 it keeps it. */
START_TEST(local_search_builds_and_keeps_feasible_rosters)
{
    mr_nrp *p = load(3);
    int h = p->n_days, T = p->n_shifts, E = p->n_staff;
    nrp_ctx x;
    nrp_scratch sc;
    nrp_master *m;
    nrp_track *tr = mr_calloc((size_t)E, sizeof *tr);
    nrp_pricer **pr = mr_calloc((size_t)E, sizeof *pr);
    int *r = mr_malloc((size_t)E * h * sizeof(int));
    mr_nrp_eval ev;

    memset(&sc, 0, sizeof sc);
    for (int e = 0; e < E; e++) {
        nrp_choose_tracking(p, e, 1L << 30, 1L << 40, 0, &tr[e]);
        ck_assert_int_eq(nrp_pricer_new(p, e, &tr[e], &pr[e]), MR_OK);
    }
    ck_assert_int_eq(nrp_master_new(p, tr, &m), MR_OK);
    memset(&x, 0, sizeof x);
    x.p = p;
    x.h = h;
    x.T = T;
    x.E = E;
    x.pr = pr;
    x.sc = &sc;
    x.track = tr;
    x.pc = m->pc;
    x.arc = mr_malloc((size_t)h * (T + 1) * sizeof(double));
    x.arc2 = mr_malloc((size_t)h * (T + 1) * sizeof(double));
    x.sched = mr_malloc((size_t)h * sizeof(int));
    x.best_sched = mr_malloc((size_t)h * sizeof(int));
    x.count = mr_malloc((size_t)h * T * sizeof(int));
    for (int i = 0; i < E * h; i++)
        r[i] = MR_NRP_OFF - 1;
    ck_assert_int_eq(nrp_local_search(&x, r, mr_clock() + 30), 1);
    mr_nrp_evaluate(p, r, &ev);
    ck_assert_int_eq(ev.n_violations, 0);
    ck_assert_int_ge(ev.objective, 1001);
    /* a local optimum of both neighbourhoods: another search keeps it */
    long first = ev.objective;
    ck_assert_int_eq(nrp_local_search(&x, r, mr_clock() + 30), 1);
    mr_nrp_evaluate(p, r, &ev);
    ck_assert_int_eq(ev.objective, first);
    /* ruin and recreate never returns a worse or broken roster, and says
     * truly whether it improved */
    {
        int *w = mr_malloc((size_t)E * h * sizeof(int));
        unsigned seed = 7;
        int k = nrp_ruin_recreate(&x, r, w, mr_clock() + 1.0, &seed);
        ck_assert_int_ge(k, 0);
        mr_nrp_evaluate(p, r, &ev);
        ck_assert_int_eq(ev.n_violations, 0);
        ck_assert_int_ge(ev.objective, 1001);
        if (k > 0)
            ck_assert_int_lt(ev.objective, first);
        else
            ck_assert_int_eq(ev.objective, first);
        mr_free(w);
    }
    mr_free(r);
    {
        char path[1024];
        const char *root = getenv("MR_SOURCE_ROOT");
        mr_diags d;
        mr_diags_init(&d);
        snprintf(path, sizeof path, "%s/../shared/benchmarks/curtois/"
                 "reference_solutions/Instance3.opt1001.tsv",
                 root ? root : ".");
        ck_assert_int_eq(mr_nrp_roster_read(path, p, &r, &d), MR_OK);
        mr_diags_clear(&d);
    }
    ck_assert_int_eq(nrp_local_search(&x, r, mr_clock() + 30), 1);
    mr_nrp_evaluate(p, r, &ev);
    ck_assert_int_eq(ev.n_violations, 0);
    ck_assert_int_eq(ev.objective, 1001);
    for (int e = 0; e < E; e++)
        nrp_pricer_free(pr[e]);
    nrp_master_free(m);
    nrp_scratch_free(&sc);
    mr_free(x.arc);
    mr_free(x.arc2);
    mr_free(x.sched);
    mr_free(x.best_sched);
    mr_free(x.count);
    mr_free(tr);
    mr_free(pr);
    mr_free(r);
    mr_nrp_free(p);
}
END_TEST

/* Every allocation failure (a sample of them) ends in MR_ENOMEM or in a
 * result, never in a crash or a roster breaking a rule. */
START_TEST(solve_survives_allocation_failures)
{
    mr_nrp *p = load(1);
    mr_nrp_opts o;
    mr_nrp_result r;
    long n;

    mr_nrp_opts_default(&o);
    o.time_limit = 10;
    mr_alloc_fail_at(0);
    ck_assert_int_eq(mr_nrp_solve(p, &o, &r), MR_OK);
    n = mr_alloc_fail_at(0);
    mr_nrp_result_clear(&r);
    ck_assert_int_gt(n, 50);
    for (long k = 1; k <= n; k += k < 120 ? 1 : 11) {
        mr_alloc_fail_at(k);
        int rc = mr_nrp_solve(p, &o, &r);
        mr_alloc_fail_at(0);
        ck_assert(rc == MR_OK || rc == MR_ENOMEM);
        if (rc == MR_OK && r.roster != NULL) {
            mr_nrp_eval ev;
            mr_nrp_evaluate(p, r.roster, &ev);
            ck_assert_int_eq(ev.n_violations, 0);
        }
        if (rc == MR_ENOMEM)
            ck_assert_ptr_null(r.roster);
        mr_nrp_result_clear(&r);
    }
    mr_nrp_free(p);
}
END_TEST

Suite *suite_nrp_cg(void)
{
    Suite *s = suite_create("nrp_cg");
    TCase *tc = tcase_create("nrp_cg");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, pricer_matches_brute_force_with_every_rule_tracked);
    tcase_add_test(tc, pricer_relaxes_exactly_what_it_does_not_track);
    tcase_add_test(tc, pricer_matches_brute_force_on_instance2);
    tcase_add_test(tc, instance1_and_2_solve_to_their_optima);
    tcase_add_test(tc, write_lp_scores_the_reference_roster);
    tcase_add_test(tc, local_search_builds_and_keeps_feasible_rosters);
    tcase_add_test(tc, solve_survives_allocation_failures);
    suite_add_tcase(s, tc);
    return s;
}
