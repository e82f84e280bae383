/* mskrota explain: why a month cannot be rostered, or why its roster left
 * cover, PCN sessions or demand short and requests unmet, in a rota
 * manager's words, each input named by file and line.
 *
 * Which roster: the month's stored run (published, else latest) when it
 * was made from the inputs as they are now (same fingerprint); otherwise
 * the month is solved here within the time limit, and nothing is stored.
 * No roster (infeasible): the conflict search of solver/feasible.h.
 * Words for shortfalls and requests are in cli_explain_text.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "cli.h"
#include "cli_explain.h"
#include "date.h"
#include "derive.h"
#include "evaluate.h"
#include "feasible.h"
#include "fingerprint.h"
#include "load.h"
#include "slots.h"
#include "solve.h"
#include "store.h"

/* --- places ------------------------------------------------------------ */

int mr_xcli_rule_line(const mr_model *m, const char *key)
{
    char path[4096], line[4096];
    size_t n = strlen(key);
    FILE *f;
    int no = 0, found = 0;

    snprintf(path, sizeof path, "%s/service.yaml", m->dir != NULL ? m->dir : ".");
    if ((f = fopen(path, "r")) == NULL)
        return 0;
    while (!found && fgets(line, sizeof line, f) != NULL) {
        const char *p = line;
        no++;
        while ((p = strstr(p, key)) != NULL) {
            int starts = p == line || p[-1] == ' ' || p[-1] == '{'
                         || p[-1] == ',';
            if (starts && p[n] == ':') {
                found = 1;
                break;
            }
            p += n;
        }
    }
    fclose(f);
    return found ? no : 0;
}

void mr_xcli_place(const mr_model *m, mr_loc loc, int kind, char *buf,
                   size_t size)
{
    const char *key = mr_xitem_rule_key(kind);
    if (loc.file >= 0 && loc.file < m->n_files) {
        snprintf(buf, size, "%s:%d", mr_loc_file(m, loc), loc.line);
        return;
    }
    if (key != NULL) {
        int line = mr_xcli_rule_line(m, key);
        if (line > 0)
            snprintf(buf, size, "service.yaml:%d", line);
        else
            snprintf(buf, size, "service.yaml (rules: %s by default)", key);
        return;
    }
    snprintf(buf, size, "service.yaml");
}

/* --- the conflict ------------------------------------------------------ */

/* The cause among a person's that the conflict c names (their days,
 * periods, evening limit or a leave entry in the set), else MR_XC_FREE. */
static int named_cause(const mr_model *m, const mr_conflict *c, int p,
                       const mr_xitem *it, int *ref)
{
    const mr_staff *st = &m->staff[p];
    for (int i = 0; c != NULL && i < c->items.n_items; i++) {
        const mr_xitem *x = &c->items.items[i];
        if (x->staff != p)
            continue;
        if (x->kind == MR_XI_DAYS
            && !((st->days >> mr_weekday(it->date)) & 1u))
            return MR_XC_DAYS;
        if (x->kind == MR_XI_PERIODS && !((st->pmask >> it->period) & 1u))
            return MR_XC_PERIODS;
        if (x->kind == MR_XI_EVENINGS && it->period == m->evening
            && st->max_evenings <= 0)
            return MR_XC_NO_EVENINGS;
        if (x->kind == MR_XI_LEAVE && it->date >= m->absences[x->absence].from
            && it->date <= m->absences[x->absence].to) {
            *ref = x->absence;
            return MR_XC_LEAVE;
        }
    }
    return MR_XC_FREE;
}

/* Who may do a hard cover item's activity at its site, and what keeps
 * each away in its session whatever the roster (MR_XC_FREE: nothing),
 * preferring the causes the conflict c names (c may be NULL). */
static int able_people(const mr_model *m, const mr_conflict *c,
                       const mr_xitem *it, int *who, int *cause, int *ref)
{
    const mr_cover *cv = &m->cover[it->cover];
    int n = 0;
    for (int p = 0; p < m->n_staff; p++) {
        if (!mr_x_can_do(m, p, cv->activity.index, cv->site.index,
                         cv->specialty.id != NULL ? cv->specialty.index : -1))
            continue;
        who[n] = p;
        cause[n] = mr_x_static_cause(m, p, it->date, it->period, &ref[n]);
        if (cause[n] != MR_XC_FREE) {
            int r = -1, named = named_cause(m, c, p, it, &r);
            if (named != MR_XC_FREE) {
                cause[n] = named;
                ref[n] = r;
            }
        }
        n++;
    }
    return n;
}

/* 1 when two cover items of one entry have the same people kept away for
 * the same kinds of reason (said once). */
static int same_blockers(const mr_model *m, const mr_conflict *c,
                         const mr_xitem *a, const mr_xitem *b, int *who,
                         int *cause, int *ref)
{
    int *first, k1, k2, same;

    if ((first = mr_malloc(((size_t)m->n_staff + 1) * sizeof *first))
        == NULL)
        return 0;
    k1 = able_people(m, c, a, who, cause, ref);
    memcpy(first, cause, (size_t)k1 * sizeof *first);
    k2 = able_people(m, c, b, who, cause, ref);
    same = k1 == k2;
    for (int q = 0; q < k2 && same; q++)
        same = first[q] == cause[q];
    mr_free(first);
    return same;
}

static void cause_text(const mr_model *m, int p, int cause, int ref,
                       char *buf, size_t size)
{
    char place[512];
    const mr_staff *st = &m->staff[p];
    switch (cause) {
    case MR_XC_LEAVE:
        mr_xcli_place(m, m->absences[ref].loc, -1, place, sizeof place);
        snprintf(buf, size, "%s is %s (%s)", st->id,
                 m->absences[ref].is_leave ? "on leave" : "absent", place);
        break;
    case MR_XC_DAYS:
        mr_xcli_place(m, st->loc, -1, place, sizeof place);
        snprintf(buf, size, "%s does not work that day (%s)", st->id, place);
        break;
    case MR_XC_PERIODS:
        mr_xcli_place(m, st->loc, -1, place, sizeof place);
        snprintf(buf, size, "%s does not work that period (%s)", st->id,
                 place);
        break;
    case MR_XC_NO_EVENINGS:
        snprintf(buf, size, "%s works no evenings (max_evenings 0)", st->id);
        break;
    case MR_XC_DUE_ZERO:
        snprintf(buf, size, "%s has no sessions due that week", st->id);
        break;
    case MR_XC_CLOSED:
        snprintf(buf, size, "the date is closed");
        break;
    default:
        snprintf(buf, size, "%s is free", st->id);
    }
}

static const char *status_word(int status)
{
    switch (status) {
    case MR_CONFLICT_MINIMAL:  return "minimal";
    case MR_CONFLICT_UNPROVEN: return "unproven";
    case MR_CONFLICT_FEASIBLE: return "feasible";
    default:                   return "unknown";
    }
}

static void print_conflict_text(const mr_model *m, const char *month,
                                const mr_conflict *c, int *who, int *cause,
                                int *ref)
{
    char text[1024], place[512], why[1024];
    int n = c->items.n_items, n_unproven = 0;

    if (c->status == MR_CONFLICT_FEASIBLE) {
        printf("%s can be rostered: every hard rule can be met (a roster "
               "exists); nothing conflicts.\n", month);
        return;
    }
    if (n == 0) {
        printf("%s: no conflicting set of inputs was found within the time "
               "limit (%.1f s, %d checks); try a longer --time-limit.\n",
               month, c->seconds, c->n_checks);
        return;
    }
    printf("%s cannot be rostered: these %d input%s cannot all hold.\n\n",
           month, n, n == 1 ? "" : "s");
    for (int i = 0; i < n; i++) {
        const mr_xitem *it = &c->items.items[i];
        mr_xitem_text(m, it, text, sizeof text);
        mr_xcli_place(m, it->loc, it->kind, place, sizeof place);
        printf("  %d. %s: %s.\n", i + 1, place, text);
        n_unproven += !c->proven[i];
        if (it->kind == MR_XI_COVER) {
            int k, n_free = 0;
            const mr_cover *cv = &m->cover[it->cover];
            if (i > 0 && c->items.items[i - 1].kind == MR_XI_COVER
                && c->items.items[i - 1].cover == it->cover
                && same_blockers(m, c, &c->items.items[i - 1], it, who,
                                 cause, ref)) {
                printf("     (the same people, kept away as above)\n");
                continue;
            }
            k = able_people(m, c, it, who, cause, ref);
            printf("     Who can do %s%s%s%s at %s: ", cv->activity.id,
                   cv->specialty.id != NULL ? " (" : "",
                   cv->specialty.id != NULL ? cv->specialty.id : "",
                   cv->specialty.id != NULL ? ")" : "", cv->site.id);
            if (k == 0)
                printf("nobody (role, skills and sites).\n");
            for (int q = 0; q < k && q < 12; q++)
                printf("%s%s", q > 0 ? ", " : "", m->staff[who[q]].id);
            if (k > 12)
                printf(" and %d more", k - 12);
            if (k > 0)
                printf(" (%d %s).\n", k, k == 1 ? "person" : "people");
            for (int q = 0; q < k; q++) {
                if (cause[q] == MR_XC_FREE) {
                    n_free++;
                    continue;
                }
                cause_text(m, who[q], cause[q], ref[q], why, sizeof why);
                printf("       %s\n", why);
            }
            if (k > 0)
                printf("       %d of them free that session by the inputs "
                       "alone.\n", n_free);
        }
    }
    printf("\n");
    if (c->status == MR_CONFLICT_MINIMAL)
        printf("Each one is needed: without any one of them the month can be "
               "rostered (proven).\n");
    else if (c->status == MR_CONFLICT_UNPROVEN)
        printf("Together they cannot hold (proven); for %d of them the check "
               "that the month can be rostered without it stopped at the "
               "time limit, so the set may not be minimal.\n", n_unproven);
    else
        printf("The search stopped at the time limit before proving this set "
               "conflicts.\n");
    if (c->lp)
        printf("The numbers alone do not add up: no roster, not even a "
               "fractional one, meets them all.\n");
    printf("Change any one of them to make a roster possible.\n");
    printf("(%d inputs considered, %d checks, %.1f s)\n", c->n_universe,
           c->n_checks, c->seconds);
}

static void json_item(mr_json *j, const mr_model *m, const mr_conflict *c,
                      const mr_xitem *it, int proven, int *who, int *cause,
                      int *ref)
{
    char text[1024], date[11];
    mr_xitem_text(m, it, text, sizeof text);
    mr_json_object_begin(j);
    mr_json_key(j, "kind");
    mr_json_string(j, mr_xitem_kind_name(it->kind));
    mr_xcli_json_loc(j, m, it->loc, it->kind);
    mr_json_key(j, "text");
    mr_json_string(j, text);
    if (it->staff >= 0) {
        mr_json_key(j, "staff");
        mr_json_string(j, m->staff[it->staff].id);
    }
    if (it->site >= 0) {
        mr_json_key(j, "site");
        mr_json_string(j, m->sites[it->site].id);
    }
    if (it->kind == MR_XI_CONTRACT) {
        mr_date_format(mr_week_start(m, it->week), date);
        mr_json_key(j, "week");
        mr_json_string(j, date);
        mr_json_key(j, "due");
        mr_json_int(j, mr_due(m, it->staff, it->week));
    }
    if (it->kind == MR_XI_COVER) {
        mr_date_format(it->date, date);
        mr_json_key(j, "date");
        mr_json_string(j, date);
        mr_json_key(j, "period");
        mr_json_string(j, m->periods[it->period].id);
        mr_json_key(j, "activity");
        mr_json_string(j, m->cover[it->cover].activity.id);
        mr_json_key(j, "min");
        mr_json_int(j, m->cover[it->cover].min);
        mr_json_key(j, "able");
        mr_json_array_begin(j);
        int k = able_people(m, c, it, who, cause, ref);
        for (int q = 0; q < k; q++) {
            mr_json_object_begin(j);
            mr_json_key(j, "staff");
            mr_json_string(j, m->staff[who[q]].id);
            mr_json_key(j, "cause");
            mr_json_string(j, mr_xcause_name(cause[q]));
            if (cause[q] == MR_XC_LEAVE)
                mr_xcli_json_loc(j, m, m->absences[ref[q]].loc, -1);
            mr_json_object_end(j);
        }
        mr_json_array_end(j);
    }
    if (it->kind == MR_XI_LEAVE) {
        const mr_absence *ab = &m->absences[it->absence];
        mr_date_format(ab->from, date);
        mr_json_key(j, "from");
        mr_json_string(j, date);
        mr_date_format(ab->to, date);
        mr_json_key(j, "to");
        mr_json_string(j, date);
    }
    mr_json_key(j, "proven");
    mr_json_bool(j, proven);
    mr_json_object_end(j);
}

static int print_conflict_json(const mr_model *m, const char *month,
                               const mr_conflict *c, int *who, int *cause,
                               int *ref)
{
    mr_json j;
    char *text = NULL;

    mr_json_init(&j);
    mr_json_object_begin(&j);
    mr_json_key(&j, "month");
    mr_json_string(&j, month);
    mr_json_key(&j, "status");
    mr_json_string(&j, c->status == MR_CONFLICT_FEASIBLE ? "feasible"
                       : c->status == MR_CONFLICT_UNKNOWN ? "unknown"
                                                          : "infeasible");
    mr_json_key(&j, "conflict");
    mr_json_object_begin(&j);
    mr_json_key(&j, "proof");
    mr_json_string(&j, status_word(c->status));
    mr_json_key(&j, "lp");
    mr_json_bool(&j, c->lp);
    mr_json_key(&j, "items");
    mr_json_array_begin(&j);
    for (int i = 0; i < c->items.n_items; i++)
        json_item(&j, m, c, &c->items.items[i], c->proven[i], who, cause,
                  ref);
    mr_json_array_end(&j);
    mr_json_key(&j, "considered");
    mr_json_int(&j, c->n_universe);
    mr_json_key(&j, "checks");
    mr_json_int(&j, c->n_checks);
    mr_json_key(&j, "seconds");
    mr_json_number(&j, round(c->seconds * 100) / 100);
    mr_json_object_end(&j);
    mr_json_object_end(&j);
    if (mr_json_finish(&j, &text) != MR_OK)
        return MR_EXIT_IO;
    printf("%s\n", text);
    mr_free(text);
    return MR_EXIT_OK;
}

static int explain_conflict(const mr_cli_args *a, const mr_model *m,
                            double time_limit)
{
    mr_conflict c;
    int *buf, code;

    if ((buf = mr_malloc(((size_t)m->n_staff * 3 + 3) * sizeof *buf))
        == NULL)
        return MR_EXIT_IO;
    mr_conflict_init(&c);
    if (mr_explain_conflict(m, time_limit, &c) != MR_OK) {
        fprintf(stderr, "mskrota explain: out of memory\n");
        code = MR_EXIT_IO;
    } else if (a->json) {
        code = print_conflict_json(m, a->month, &c, buf, buf + m->n_staff + 1,
                                   buf + 2 * m->n_staff + 2);
    } else {
        print_conflict_text(m, a->month, &c, buf, buf + m->n_staff + 1,
                            buf + 2 * m->n_staff + 2);
        code = MR_EXIT_OK;
    }
    mr_conflict_clear(&c);
    mr_free(buf);
    return code;
}

/* --- the roster --------------------------------------------------------- */

typedef struct rows_ctx {
    const mr_model *m;
    mr_solution    *s;
    int             bad;
} rows_ctx;

/* One roster.csv row into an assignment. */
static int take_row(void *user, const char *const *cells, int n)
{
    rows_ctx *x = user;
    const mr_model *m = x->m;
    mr_assignment a;
    int day;

    if (n < 11 || mr_date_parse(cells[0], &day) != 0) {
        x->bad = 1;
        return MR_OK;
    }
    a.date = day;
    a.period = mr_find_period(m, cells[1]);
    a.staff = mr_find_staff(m, cells[4]);
    a.activity = mr_find_activity(m, cells[7]);
    a.specialty = cells[8][0] != '\0' ? mr_find_skill(m, cells[8]) : -1;
    a.site = mr_find_site(m, cells[9]);
    a.room = cells[10][0] != '\0' ? mr_find_room(m, cells[10]) : -1;
    if (a.period < 0 || a.staff < 0 || a.activity < 0 || a.site < 0
        || (cells[8][0] != '\0' && a.specialty < 0)
        || (cells[10][0] != '\0' && a.room < 0)) {
        x->bad = 1;
        return MR_OK;
    }
    return mr_solution_add(x->s, &a);
}

/* The stored run of the month made from these inputs, if any: *version
 * (0: none), *infeasible. Loads its roster into s. */
static int stored_run(const mr_cli_args *a, const mr_model *m,
                      mr_solution *s, int *version, int *infeasible)
{
    char dbbuf[4096], fp[17];
    const char *db = mr_cli_db_path(a, dbbuf, sizeof dbbuf);
    mr_store *st = NULL;
    mr_store_run run;
    rows_ctx x = {m, s, 0};
    int rc, v = 0;

    *version = 0;
    *infeasible = 0;
    if (access(db, F_OK) != 0)
        return MR_OK;                /* no database: nothing stored */
    memset(&run, 0, sizeof run);
    mr_fingerprint(m, fp);
    if ((rc = mr_store_open(db, &st)) != MR_OK)
        goto done;
    if (mr_store_pick(st, a->month, 0, &v) != MR_OK
        || mr_store_run_get(st, a->month, v, &run) != MR_OK) {
        rc = MR_OK;                  /* the month has no run */
        goto done;
    }
    if (run.fingerprint == NULL || strcmp(run.fingerprint, fp) != 0)
        goto done;                   /* made from other inputs */
    if (run.status != NULL && strcmp(run.status, "infeasible") == 0) {
        *infeasible = 1;
        *version = v;
        goto done;
    }
    if (run.n_assignments <= 0)
        goto done;
    mr_solution_reset(s);
    if ((rc = mr_store_roster_rows(st, a->month, v, take_row, &x)) != MR_OK)
        goto done;
    if (x.bad)
        mr_solution_reset(s);
    else
        *version = v;
done:
    if (rc != MR_OK && rc != MR_ENOMEM)
        fprintf(stderr, "mskrota explain: %s: %s (solving instead)\n", db,
                mr_store_errmsg(st));
    mr_store_run_clear(&run);
    mr_store_close(st);
    return rc == MR_ENOMEM ? rc : MR_OK;
}

int mr_cli_explain(int argc, char **argv)
{
    mr_cli_args a;
    mr_model *m = NULL;
    mr_solution *sol = NULL;
    mr_diags d;
    double time_limit;
    int rc, code, version = 0, infeasible = 0;

    if ((code = mr_cli_parse(argc, argv, "month db json time-limit quiet", 1,
                             &a)) != 0)
        return code;
    if ((code = mr_cli_need_month(&a)) != 0)
        return code;
    time_limit = a.time_limit > 0 ? a.time_limit : 60;
    mr_diags_init(&d);
    rc = mr_load(a.dir, a.month, &m, &d);
    if (!a.quiet || rc != MR_OK || d.n_errors > 0)
        mr_cli_print_diags(&d);
    if (rc != MR_OK || d.n_errors > 0) {
        code = rc == MR_EIO || rc == MR_ENOMEM ? MR_EXIT_IO : MR_EXIT_INVALID;
        goto done;
    }
    if (mr_solution_new(&sol) != MR_OK
        || stored_run(&a, m, sol, &version, &infeasible) != MR_OK) {
        code = MR_EXIT_IO;
        goto done;
    }
    if (!infeasible && version == 0) {
        mr_solve_opts o;
        mr_solve_opts_init(&o);
        o.time_limit = time_limit / 2;   /* the rest for the conflict */
        if ((rc = mr_solve_month(m, &o, sol)) != MR_OK) {
            fprintf(stderr, "mskrota explain: solve failed: %s\n",
                    mr_status_name(rc));
            code = rc == MR_ENOMEM ? MR_EXIT_IO : 70;
            goto done;
        }
        infeasible = sol->outcome == MR_OUT_INFEASIBLE || sol->n_assign == 0;
    }
    if (infeasible) {
        /* what the solve left of the time limit */
        double spent = version > 0 || !(sol->seconds > 0) ? 0 : sol->seconds;
        code = explain_conflict(&a, m, fmax(1.0, time_limit - spent));
        goto done;
    }
    if (mr_appointments(m, sol) != MR_OK || mr_evaluate(m, sol) != MR_OK) {
        code = MR_EXIT_IO;
        goto done;
    }
    code = mr_xcli_roster(&a, m, sol, version);
done:
    mr_solution_free(sol);
    mr_model_free(m);
    mr_diags_clear(&d);
    return code;
}
