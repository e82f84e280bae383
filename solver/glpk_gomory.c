/* Rounds of Gomory mixed-integer cuts on the solved compact relaxation:
 * its optimum with the cuts is a lower bound of every roster, often much
 * stronger than the Lagrangian one. On generated M months the Lagrangian
 * bound stops short of the optimum (M seed 13: 2,979.34 against 2,984.67,
 * a roster CBC proves optimal with its root Gomory cuts); one round of
 * GMI cuts from the relaxation's basis closes it (2,967.06 -> 2,984.67 in
 * 1.3 s). GLPK's branch-and-cut makes the same cuts, but on the whole
 * model its cut loop reached only 1,770 of seed 16's 1,797.60 in 90 s.
 *
 * The cuts are made by mr_gmi_gen() (glpk_gmi.c), the same cuts as
 * GLPK's glp_gmi_gen() 20 times faster. Each round: the cuts of the last
 * round that are not binding are dropped, the new ones added, and the
 * dual simplex (the basis stays dual feasible) re-solves. */
#include "glpk_int.h"

#include <math.h>

#include "alloc.h"
#include "log.h"

/* Cuts per round. M seed 13: 50 a round took 6 rounds (19 s) to reach
 * 2,983.34; 200 reached the optimum in one (1.3 s). M seed 16 (optimum
 * 1,797.60): 200 a round gave 1,776.06 and 1,780.11 in two rounds,
 * 500 gave 1,785.03 and 1,795.72. */
#define GMI_MAX 500
/* No rounds on models of more integer columns: a generated month of 200
 * staff (73,404) at 120 s gained nothing from its round (the Lagrangian
 * pass after it gave the same bound, 11,076.99) and lost its roster to
 * the guide coming 26 s later (0.03% -> 0.23% gap); 400 staff at 120 s,
 * 0.54% -> 0.78%. The L months (53,000 to 55,000) gained: seed 1 was
 * proven optimal at 60 s (it ended at 0.09% without). */
#define GOMORY_MAX_INT 60000
/* A round starts only when this many times the last one still fits (the
 * first: when the caller's estimate does). */
#define ROUND_MARGIN 1.5
/* Rounds stop once one raises the bound by less than this share of it
 * (a tenth of the 0.1% gap asked of M months): with cuts made in 0.1 s
 * (glpk_gmi.c) rounds would otherwise fill their whole share of the
 * time for little (M seed 16: 1,785.03, 1,795.07, 1,796.62, ...). The
 * first round's gain is over the relaxation: a first round that does not
 * raise it (17 of the 42 December M months, whose relaxation is already
 * the optimum) no longer makes a second one. */
#define STALL 1e-4
/* Past until, up to lead_until, rounds go on while the last one raised
 * the cut relaxation by at least this share and one more such round
 * would raise it above every Lagrangian bound before it: the cuts are
 * then what raises the bound, and nothing else will. M seed 16 (optimum
 * 1,797.60), whose passes stop at 1,793.63: rounds 1,783.74, 1,790.03,
 * 1,793.08 by 0.3 T; round 4 (1,795.99, its pass 1,796.57) only with
 * this, at 7.0-7.4 s. The condition holds after the first round on 17
 * of the 42 December M months (its gain is large), after a later one on
 * 4 (16, 31, 34, 44); elsewhere the rounds end at until as before. Over
 * three runs of the 42 months, 116 of 126 within 0.1% (93% before). */
#define LEAD_GAIN 1e-3

double mr_gomory_end(const mr_run *r, double until, double lead_until,
                     double v, double gain)
{
    int lead = r->lag == NULL || v + gain > r->lag_bound;

    return lead && gain >= LEAD_GAIN * fmax(1.0, fabs(v))
           ? fmax(until, lead_until) : until;
}

/* Deletes the cut rows (rows after n_model) of lp, or (basic_only) those
 * that are basic: not binding at the optimum, they only slow the next
 * round's tableau rows. del has room for every cut row. The number
 * deleted. */
static int drop_cuts(glp_prob *lp, int n_model, int basic_only, int *del)
{
    int m = glp_get_num_rows(lp), n = 0;

    for (int i = n_model + 1; i <= m; i++)
        if (!basic_only || glp_get_row_stat(lp, i) == GLP_BS)
            del[++n] = i;
    if (n > 0)
        glp_del_rows(lp, n, del);
    return n;
}

/* Moves the pool's rows into lp as rows, basic (so the basis stays
 * valid), and empties the pool. */
static void add_cuts(glp_prob *lp, glp_prob *pool, int *ind, double *val)
{
    int k = glp_get_num_rows(pool), m = glp_add_rows(lp, k);

    for (int q = 1; q <= k; q++) {
        int len = glp_get_mat_row(pool, q, ind, val);
        glp_set_mat_row(lp, m + q - 1, len, ind, val);
        glp_set_row_bnds(lp, m + q - 1, glp_get_row_type(pool, q),
                         glp_get_row_lb(pool, q), glp_get_row_ub(pool, q));
        glp_set_row_stat(lp, m + q - 1, GLP_BS);
    }
    for (int q = 1; q <= k; q++)
        ind[q] = q;
    if (k > 0)
        glp_del_rows(pool, k, ind);
}

/* Takes every cut out of lp and puts back the relaxation's optimal
 * basis (stat: the statuses of its rows, then of its columns), so that lp
 * is again the solved relaxation the later stages read. */
static void restore(glp_prob *lp, int n_model, const int *stat, int *ind)
{
    int n = glp_get_num_cols(lp);
    glp_smcp sp;

    drop_cuts(lp, n_model, 0, ind);
    for (int i = 1; i <= n_model; i++)
        glp_set_row_stat(lp, i, stat[i - 1]);
    for (int j = 1; j <= n; j++)
        glp_set_col_stat(lp, j, stat[n_model + j - 1]);
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    glp_simplex(lp, &sp);
}

int mr_stage_gomory(mr_run *r, double until, double lead_until,
                    double first, void (*publish)(mr_run *r, void *arg),
                    void *arg)
{
    glp_prob *lp = r->compact, *pool;
    int n, n_model = r->b->mip.n_rows, *ind = NULL, *stat = NULL, rc = MR_OK;
    double *val = NULL, last = 0, v, prev = 0, gain, end = until;
    glp_smcp sp0;

    if (lp == NULL || glp_get_status(lp) != GLP_OPT
        || glp_get_num_int(lp) > GOMORY_MAX_INT)
        return MR_OK;
    n = glp_get_num_cols(lp);
    /* ind: a row of the pool (n), or the cut rows to delete: at most n
     * binding ones kept from the last round (each takes a nonbasic
     * position) and GMI_MAX new. */
    if ((ind = mr_malloc(((size_t)n + n_model + GMI_MAX + 1) * sizeof *ind))
        == NULL
        || (val = mr_malloc(((size_t)n + 1) * sizeof *val)) == NULL
        || (stat = mr_malloc(((size_t)n + n_model + 1) * sizeof *stat))
           == NULL) {
        mr_free(ind);
        mr_free(val);
        return MR_ENOMEM;
    }
    for (int i = 1; i <= n_model; i++)
        stat[i - 1] = glp_get_row_stat(lp, i);
    for (int j = 1; j <= n; j++)
        stat[n_model + j - 1] = glp_get_col_stat(lp, j);
    prev = glp_get_obj_val(lp);
    pool = glp_create_prob();
    glp_add_cols(pool, n);
    glp_init_smcp(&sp0);
    sp0.msg_lev = GLP_MSG_OFF;
    for (int t = 1; ; t++) {
        double t0 = mr_clock(), left = fmin(end - t0, mr_run_left(r));
        glp_smcp sp;
        int k;

        if (left <= (t == 1 ? first : ROUND_MARGIN * last)
            || (r->best != NULL && r->bound >= r->best_obj - 1e-9))
            break;
        /* mr_gmi_gen() needs the basis factorised and optimal: deleting
         * rows voids GLPK's factorisation (an abort in GLPK otherwise). */
        if (drop_cuts(lp, n_model, 1, ind) > 0
            && (glp_simplex(lp, &sp0) != 0 || glp_get_status(lp) != GLP_OPT)) {
            restore(lp, n_model, stat, ind);
            break;
        }
        if (!glp_bf_exists(lp) || glp_get_status(lp) != GLP_OPT)
            break;
        if ((rc = mr_gmi_gen(lp, pool, GMI_MAX, &k)) != MR_OK || k <= 0)
            break;
        add_cuts(lp, pool, ind, val);
        glp_init_smcp(&sp);
        sp.msg_lev = GLP_MSG_OFF;
        sp.meth = GLP_DUALP;
        left = fmin(end - mr_clock(), mr_run_left(r));
        sp.tm_lim = left > 0 ? (int)(left * 1000) : 0;
        if (glp_simplex(lp, &sp) != 0 || glp_get_status(lp) != GLP_OPT) {
            /* Out of time with the cuts in: the bound stays the last
             * round's, and the relaxation is put back for the stages
             * that read its duals and values. */
            mr_log(MR_LOG_DEBUG, "gomory: round %d unsolved (%.2f s)", t,
                   mr_run_elapsed(r));
            restore(lp, n_model, stat, ind);
            break;
        }
        last = mr_clock() - t0;
        /* Room for the simplex's tolerances over the cuts' rows. */
        v = glp_get_obj_val(lp);
        gain = v - prev;
        prev = v;
        end = mr_gomory_end(r, until, lead_until, v, gain);
        mr_run_bound(r, v - 1e-7 * fmax(1.0, fabs(v)));
        mr_log(MR_LOG_DEBUG, "gomory: round %d, %d cuts, bound %.6g "
               "(%.2f s, %.2f s)", t, k, v, last, mr_run_elapsed(r));
        if (publish != NULL)
            publish(r, arg);
        if (gain < STALL * fmax(1.0, fabs(v)))
            break;
    }
    glp_delete_prob(pool);
    mr_free(ind);
    mr_free(val);
    mr_free(stat);
    return rc;
}
