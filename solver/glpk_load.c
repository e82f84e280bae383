/* Loading an mr_mip into GLPK, writing it in CPLEX LP format, and keeping
 * GLPK's terminal output out of stdout. */
#include "glpk_int.h"

#include <string.h>

#include "alloc.h"
#include "log.h"
#include "run.h"

static char line[1024];
static size_t line_len;

/* GLPK hands its output in pieces; lines go to the log whole. Returning 1
 * tells GLPK the text is taken care of (nothing reaches stdout). */
static int term_hook(void *info, const char *s)
{
    (void)info;
    for (; *s; s++) {
        if (*s == '\n' || line_len + 1 >= sizeof line) {
            line[line_len] = '\0';
            if (line_len > 0)
                mr_log(MR_LOG_DEBUG, "glpk: %s", line);
            line_len = 0;
            if (*s == '\n')
                continue;
        }
        line[line_len++] = *s;
    }
    return 1;
}

void mr_glpk_hook(void)
{
    glp_term_hook(term_hook, NULL);
}

static int bnd_type(double lb, double ub)
{
    int has_lb = lb > -MR_MIP_INF, has_ub = ub < MR_MIP_INF;
    if (has_lb && has_ub)
        return lb == ub ? GLP_FX : GLP_DB;
    return has_lb ? GLP_LO : has_ub ? GLP_UP : GLP_FR;
}

void mr_glpk_col_bnds(glp_prob *lp, int j, double lb, double ub)
{
    if (lb > ub)
        ub = lb;
    int type = bnd_type(lb, ub);
    glp_set_col_bnds(lp, j + 1, type, type == GLP_FR || type == GLP_UP ? 0 : lb,
                     type == GLP_FR || type == GLP_LO ? 0 : ub);
}

void mr_glpk_row_bnds(glp_prob *lp, int i, double lb, double ub)
{
    if (lb > ub)                        /* already marked infeasible */
        ub = lb;
    int type = bnd_type(lb, ub);
    glp_set_row_bnds(lp, i + 1, type, type == GLP_FR || type == GLP_UP ? 0 : lb,
                     type == GLP_FR || type == GLP_LO ? 0 : ub);
}

int mr_glpk_load(const mr_mip *p, int with_names, glp_prob **out)
{
    glp_prob *lp;
    int *ind = NULL, max_len = 0;
    double *val = NULL;
    int rc = MR_ENOMEM;

    *out = NULL;
    for (int i = 0; i < p->n_rows; i++)
        if (p->rows[i].len > max_len)
            max_len = p->rows[i].len;
    if ((ind = mr_malloc(((size_t)max_len + 1) * sizeof *ind)) == NULL
        || (val = mr_malloc(((size_t)max_len + 1) * sizeof *val)) == NULL)
        goto done;
    lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_set_obj_coef(lp, 0, p->obj0);
    if (with_names)
        glp_set_obj_name(lp, "cost");
    if (p->n_cols > 0)
        glp_add_cols(lp, p->n_cols);
    if (p->n_rows > 0)
        glp_add_rows(lp, p->n_rows);
    for (int j = 0; j < p->n_cols; j++) {
        const mr_mip_col *c = &p->cols[j];
        if (c->integer)
            glp_set_col_kind(lp, j + 1, GLP_IV);
        mr_glpk_col_bnds(lp, j, c->lb, c->ub);
        glp_set_obj_coef(lp, j + 1, c->obj);
        if (with_names && p->names[c->name] != '\0')
            glp_set_col_name(lp, j + 1, p->names + c->name);
    }
    for (int i = 0; i < p->n_rows; i++) {
        const mr_mip_row *r = &p->rows[i];
        mr_glpk_row_bnds(lp, i, r->lb, r->ub);
        for (int k = 0; k < r->len; k++) {
            ind[k + 1] = p->ind[r->beg + k] + 1;
            val[k + 1] = p->val[r->beg + k];
        }
        if (r->len > 0)
            glp_set_mat_row(lp, i + 1, r->len, ind, val);
        if (with_names && p->names[r->name] != '\0')
            glp_set_row_name(lp, i + 1, p->names + r->name);
    }
    *out = lp;
    rc = MR_OK;
done:
    mr_free(ind);
    mr_free(val);
    return rc;
}

/* The objective constant goes in as a column fixed at 1: GLPK writes
 * glp_set_obj_coef(lp, 0, c) only as a comment, which every reader (GLPK's
 * own included) drops, and the written model's objective must be the
 * engine's, constant included. */
int mr_glpk_write_lp(const mr_mip *p, const char *path)
{
    glp_prob *lp;
    int rc;

    mr_glpk_hook();
    if ((rc = mr_glpk_load(p, 1, &lp)) != MR_OK)
        return rc;
    if (p->obj0 != 0) {
        int j = glp_add_cols(lp, 1);
        glp_set_col_name(lp, j, "constant");
        glp_set_col_bnds(lp, j, GLP_FX, 1, 1);
        glp_set_obj_coef(lp, j, p->obj0);
        glp_set_obj_coef(lp, 0, 0);
    }
    rc = glp_write_lp(lp, NULL, path) == 0 ? MR_OK : MR_EIO;
    glp_delete_prob(lp);
    return rc;
}
