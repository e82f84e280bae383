/* mskrota regenerate: re-solve a published month from a date with the
 * fewest changes to what people were told (SPEC 1, 7).
 *
 * Reads the month's current inputs (absence.yaml above all) and the
 * published version from the store, keeps every published assignment
 * before --from, re-solves the rest lexicographically (solver/regen.h:
 * hard rules, then no more shortfall than the inputs force, then the
 * fewest changes, then the rest of the objective), verifies and stores
 * the result as a new version of kind "regenerate", not published, and
 * lists the changes per person. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "cli.h"
#include "date.h"
#include "json.h"
#include "load.h"
#include "log.h"
#include "model.h"
#include "pipeline.h"
#include "regen.h"
#include "roster_load.h"
#include "store.h"

typedef struct regen_ctx {
    const mr_solution *pub;
    int                from;
    int                n_lost;     /* published rows the model lacks */
    mr_regen_info      info;
    mr_change         *ch;
    int                n_ch;
    char              *json_extra;
} regen_ctx;

/* One side of a change as a JSON object, or null. */
static void json_side(mr_json *j, const mr_model *m, const mr_assignment *a)
{
    if (a == NULL) {
        mr_json_null(j);
        return;
    }
    mr_json_object_begin(j);
    mr_json_key(j, "activity");
    mr_json_string(j, m->activities[a->activity].id);
    mr_json_key(j, "specialty");
    mr_json_string(j, a->specialty >= 0 ? m->skills[a->specialty] : NULL);
    mr_json_key(j, "site");
    mr_json_string(j, m->sites[a->site].id);
    mr_json_key(j, "room");
    mr_json_string(j, a->room >= 0 ? m->rooms[a->room].id : NULL);
    mr_json_object_end(j);
}

/* `"changes_bound": n, "change_list": [...]` for the JSON object. */
static int make_json_extra(regen_ctx *g, const mr_model *m,
                           const mr_solution *s, char **out)
{
    mr_json j;
    mr_buf b;
    char *doc = NULL, text[1200], d[11];
    int rc;

    *out = NULL;
    mr_json_init(&j);
    mr_json_object_begin(&j);
    mr_json_key(&j, "changes_bound");
    mr_json_int(&j, g->info.moves_bound + g->n_lost);
    mr_json_key(&j, "change_list");
    mr_json_array_begin(&j);
    for (int i = 0; i < g->n_ch; i++) {
        const mr_change *c = &g->ch[i];
        mr_date_format(c->date, d);
        mr_json_object_begin(&j);
        mr_json_key(&j, "staff");
        mr_json_string(&j, m->staff[c->staff].id);
        mr_json_key(&j, "date");
        mr_json_string(&j, d);
        mr_json_key(&j, "period");
        mr_json_string(&j, m->periods[c->period].id);
        mr_json_key(&j, "before");
        json_side(&j, m, c->before >= 0 ? &g->pub->assign[c->before] : NULL);
        mr_json_key(&j, "after");
        json_side(&j, m, c->after >= 0 ? &s->assign[c->after] : NULL);
        mr_json_key(&j, "text");
        mr_json_string(&j, mr_change_format(m, g->pub, s, c, text,
                                            sizeof text));
        mr_json_object_end(&j);
    }
    mr_json_array_end(&j);
    mr_json_object_end(&j);
    if ((rc = mr_json_finish(&j, &doc)) != MR_OK)
        return rc;
    /* The members without the braces, to go inside the run's object. */
    mr_buf_init(&b);
    mr_buf_add(&b, doc + 1, strlen(doc) - 2);
    mr_free(doc);
    return mr_buf_take(&b, out);
}

/* The pipeline's solver: the staged re-solve, then the changes. */
static int regen_solver(mr_pipeline *p, const mr_model *m,
                        const mr_solve_opts *o, mr_solution *out)
{
    regen_ctx *g = p->user;
    int rc = mr_regen_solve(m, g->pub, g->from, o, out, &g->info);

    if (rc != MR_OK || out->n_assign == 0)
        return rc;
    if ((rc = mr_regen_diff(m, g->pub, out, &g->ch, &g->n_ch)) != MR_OK)
        return rc;
    /* Published rows the model no longer knows are changes too. */
    out->changes = g->n_ch + g->n_lost;
    out->parts.change = m->weights.change * out->changes;
    p->changes = out->changes;
    if ((rc = make_json_extra(g, m, out, &g->json_extra)) != MR_OK)
        return rc;
    p->json_extra = g->json_extra;
    return MR_OK;
}

static void print_changes(const regen_ctx *g, const mr_model *m,
                          const mr_solution *s, const mr_diags *lost)
{
    const mr_regen_info *q = &g->info;
    char text[1200];
    int prev = -1;

    printf("changes       %d", g->n_ch + g->n_lost);
    if (q->room_changes > 0 || g->n_lost > 0)
        printf(" (%d of activity or site, %d of room only%s)", q->moves,
               q->room_changes, g->n_lost > 0 ? ", some forced by the "
               "inputs" : "");
    printf("\n");
    if (q->moves_bound == q->moves)
        printf("  minimal     no roster meeting the hard rules with cover "
               "and PCN shortfall cost %.2f\n              changes fewer "
               "activities or sites (proven bound %d)\n", q->shortfall,
               q->moves_bound);
    else
        printf("  minimal     not proven within the time limit: at least %d "
               "activity or site changes are needed, %d made\n",
               q->moves_bound, q->moves);
    printf("  kept        %d published assignments before the regeneration "
           "date\n", q->fixed);
    for (int i = 0; i < g->n_ch; i++) {
        const mr_change *c = &g->ch[i];
        if (c->staff != prev)
            printf("  %s (%s)\n", m->staff[c->staff].id,
                   m->staff[c->staff].name != NULL ? m->staff[c->staff].name
                                                   : "");
        prev = c->staff;
        printf("    %s\n", mr_change_format(m, g->pub, s, c, text,
                                            sizeof text));
    }
    for (int i = 0; lost != NULL && i < lost->n; i++)
        printf("    %s\n", lost->items[i].message);
}

/* Reads the published version; prints and returns an exit code. */
static int read_published(mr_pipeline *p, const mr_model *m,
                          mr_solution *pub, mr_diags *lost, int *n_lost,
                          int *version)
{
    mr_store *st = NULL;
    int rc, code = MR_EXIT_OK;

    if (access(p->db, F_OK) != 0) {
        fprintf(stderr, "mskrota regenerate: %s has no published version: "
                "there is no database at %s (solve and publish the month "
                "first, or give --db)\n", p->month, p->db);
        return MR_EXIT_INVALID;
    }
    if ((rc = mr_store_open(p->db, &st)) != MR_OK) {
        fprintf(stderr, "mskrota: %s: %s\n", p->db, mr_store_errmsg(st));
        mr_store_close(st);
        return rc == MR_EBUSY ? MR_EXIT_BUSY : MR_EXIT_IO;
    }
    if ((rc = mr_store_published(st, p->month, version)) != MR_OK) {
        fprintf(stderr, "mskrota: %s: %s\n", p->db, mr_store_errmsg(st));
        code = rc == MR_EBUSY ? MR_EXIT_BUSY : MR_EXIT_IO;
    } else if (*version == 0) {
        fprintf(stderr, "mskrota regenerate: %s has no published version in "
                "%s: publish one first (mskrota publish --month %s), then "
                "regenerate it\n", p->month, p->db, p->month);
        code = MR_EXIT_INVALID;
    } else if ((rc = mr_roster_from_store(st, m, p->month, *version, pub,
                                          lost, n_lost)) != MR_OK) {
        fprintf(stderr, "mskrota: %s: %s\n", p->db, rc == MR_ENOMEM
                ? "out of memory" : mr_store_errmsg(st));
        code = rc == MR_EBUSY ? MR_EXIT_BUSY : MR_EXIT_IO;
    }
    mr_store_close(st);
    return code;
}

int mr_cli_regenerate(int argc, char **argv)
{
    mr_cli_args a;
    mr_model *m = NULL;
    mr_solution *pub = NULL, *sol = NULL;
    mr_pipeline p;
    mr_diags d, lost;
    regen_ctx g;
    char params[64];
    int rc, code, from, pub_version = 0;

    memset(&g, 0, sizeof g);
    if ((code = mr_cli_parse(argc, argv,
                             "month from db time-limit gap json quiet", 1,
                             &a)) != 0)
        return code;
    if ((code = mr_cli_need_month(&a)) != 0)
        return code;
    if (a.from == NULL || mr_date_parse(a.from, &from) != 0
        || strncmp(a.from, a.month, 7) != 0) {
        fprintf(stderr, "mskrota regenerate: --from expects a date "
                "(YYYY-MM-DD) in %s, got '%s'\n", a.month,
                a.from != NULL ? a.from : "nothing");
        return MR_EXIT_USAGE;
    }
    mr_pipeline_init(&p, &a, "regenerate");
    mr_diags_init(&d);
    mr_diags_init(&lost);
    rc = mr_load(a.dir, a.month, &m, &d);
    if (rc != MR_OK || d.n_errors > 0) {
        mr_cli_print_diags(&d);
        code = rc == MR_EIO || rc == MR_ENOMEM ? MR_EXIT_IO : MR_EXIT_INVALID;
        goto done;
    }
    if (mr_solution_new(&pub) != MR_OK || mr_solution_new(&sol) != MR_OK) {
        code = MR_EXIT_IO;
        goto done;
    }
    if ((code = read_published(&p, m, pub, &lost, &g.n_lost, &pub_version))
        != MR_EXIT_OK) {
        mr_cli_print_diags(&d);
        goto done;
    }
    /* The past stands: absence entered for it gives way, with a warning. */
    if (mr_regen_keep_past(m, pub, from, &d) != MR_OK) {
        code = MR_EXIT_IO;
        goto done;
    }
    for (int i = 0; i < lost.n; i++)
        mr_diag_add(&d, MR_WARNING, NULL, 0, 0, "%s: counted as a change",
                    lost.items[i].message);
    mr_cli_print_diags(&d);
    g.pub = pub;
    g.from = from;
    snprintf(params, sizeof params, "from=%s published=%d", a.from,
             pub_version);
    p.params_extra = params;
    p.warnings = &d;
    p.solver = regen_solver;
    p.user = &g;
    p.infeasible_note = " with the published assignments before --from kept";
    if ((code = mr_pipeline_progress(&p)) != MR_EXIT_OK)
        goto done;
    code = mr_pipeline_solve(&p, m, sol);
    if (code == MR_EXIT_OK && !p.json && !p.quiet) {
        printf("regenerated   from %s, against published version %d "
               "(the new version is not published)\n", a.from, pub_version);
        print_changes(&g, m, sol, &lost);
    }
done:
    mr_pipeline_clear(&p);
    mr_free(g.ch);
    mr_free(g.json_extra);
    mr_solution_free(sol);
    mr_solution_free(pub);
    mr_model_free(m);
    mr_diags_clear(&lost);
    mr_diags_clear(&d);
    return code;
}
