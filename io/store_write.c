/* Saving runs and publishing them; see store.h.
 *
 * A run is written in one BEGIN IMMEDIATE transaction: the version number is
 * taken and every row inserted under the write lock, so two processes
 * saving the same month get distinct versions, and a failure anywhere rolls
 * back to the state before the call (no half-stored version). */
#include "store_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "date.h"
#include "json.h"

/* Fixed-size text for the number-like cells of one row. */
typedef char cell_num[40];

static const char *const KIND_NAMES[] = {"cover", "pcn", "demand"};

/* The current time as UTC ISO 8601, "2026-11-05T10:00:00Z". */
static void now_utc(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    if (gmtime_r(&t, &tm) == NULL
        || strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(buf, 32, "1970-01-01T00:00:00Z");
}

static void fmt_int(int v, char *buf)
{
    snprintf(buf, sizeof(cell_num), "%d", v);
}

/* Binds run_id, seq and the n cells of one row, inserts it and resets the
 * statement for the next row. */
static int insert_row(mr_store *s, sqlite3_stmt *st, sqlite3_int64 run,
                      int seq, const char *const *cells, int n,
                      const char *what)
{
    int src = SQLITE_OK, rc;

    sqlite3_reset(st);
    if (sqlite3_bind_int64(st, 1, run) != SQLITE_OK
        || sqlite3_bind_int(st, 2, seq) != SQLITE_OK)
        src = SQLITE_ERROR;
    for (int i = 0; i < n; i++)
        store_bind_text(st, i + 3, cells[i] != NULL ? cells[i] : "", &src);
    if (src != SQLITE_OK)
        return store_sqlite_err(s, src, what);
    rc = store_step_done(s, st, what);
    sqlite3_reset(st);
    return rc;
}

static int bad_index(mr_store *s, const char *what, int row)
{
    store_err(s, "cannot store the run: %s %d refers to nothing", what, row);
    return MR_EINVAL;
}

#define IN_RANGE(i, n) ((i) >= 0 && (i) < (n))

static int save_warnings(mr_store *s, sqlite3_int64 run, const mr_diags *d)
{
    sqlite3_stmt *st = NULL;
    char *text = NULL;
    int rc;

    if (d == NULL || d->n == 0)
        return MR_OK;
    if ((rc = store_prepare(s, "INSERT INTO warnings (run_id, seq, text) "
                               "VALUES (?1, ?2, ?3)", &st)) != MR_OK)
        return rc;
    for (int i = 0; i < d->n; i++) {
        const mr_diag *g = &d->items[i];
        size_t size = strlen(g->message) + 64
                      + (g->file != NULL ? strlen(g->file) : 0);
        const char *cell;
        if ((text = mr_malloc(size)) == NULL) {
            rc = MR_ENOMEM;
            store_err(s, "out of memory");
            goto done;
        }
        mr_diag_format(g, text, (int)size);
        cell = text;
        if ((rc = insert_row(s, st, run, i, &cell, 1, "cannot store a warning"))
            != MR_OK)
            goto done;
        mr_free(text);
        text = NULL;
    }
done:
    mr_free(text);
    sqlite3_finalize(st);
    return rc;
}

static int save_roster(mr_store *s, sqlite3_int64 run, const mr_model *m,
                       const mr_solution *sol)
{
    sqlite3_stmt *st = NULL;
    int rc;

    if ((rc = store_prepare(s, "INSERT INTO roster VALUES (?1, ?2, ?3, ?4, "
                               "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                            &st)) != MR_OK)
        return rc;
    for (int i = 0; i < sol->n_assign; i++) {
        const mr_assignment *a = &sol->assign[i];
        char date[11], start[6], end[6];
        const mr_site *site;
        int pcn;

        if (!IN_RANGE(a->staff, m->n_staff) || !IN_RANGE(a->site, m->n_sites)
            || !IN_RANGE(a->period, m->n_periods)
            || !IN_RANGE(a->activity, m->n_activities)
            || a->room >= m->n_rooms || a->specialty >= m->n_skills) {
            rc = bad_index(s, "assignment", i);
            goto done;
        }
        site = &m->sites[a->site];
        pcn = site->pcn.index;
        mr_date_format(a->date, date);
        mr_time_format(m->periods[a->period].start, start);
        mr_time_format(m->periods[a->period].end, end);
        const char *cells[12] = {
            date, m->periods[a->period].id, start, end,
            m->staff[a->staff].id, m->staff[a->staff].name,
            mr_role_name(m->staff[a->staff].role),
            m->activities[a->activity].id,
            a->specialty >= 0 ? m->skills[a->specialty] : "",
            site->id,
            a->room >= 0 ? m->rooms[a->room].id : "",
            IN_RANGE(pcn, m->n_pcns) ? m->pcns[pcn].id : ""
        };
        if ((rc = insert_row(s, st, run, i, cells, 12,
                             "cannot store an assignment")) != MR_OK)
            goto done;
    }
done:
    sqlite3_finalize(st);
    return rc;
}

static int save_slots(mr_store *s, sqlite3_int64 run, const mr_model *m,
                      const mr_solution *sol)
{
    sqlite3_stmt *st = NULL;
    int rc;

    if ((rc = store_prepare(s, "INSERT INTO slots VALUES (?1, ?2, ?3, ?4, "
                               "?5, ?6, ?7, ?8, ?9, ?10, ?11)", &st)) != MR_OK)
        return rc;
    for (int i = 0; i < sol->n_slots; i++) {
        const mr_slot *sl = &sol->slots[i];
        const mr_assignment *a;
        char date[11], start[6], end[6];
        cell_num cap;

        if (!IN_RANGE(sl->assignment, sol->n_assign)
            || !IN_RANGE(sl->type, m->n_appt_types)) {
            rc = bad_index(s, "slot", i);
            goto done;
        }
        a = &sol->assign[sl->assignment];
        mr_date_format(a->date, date);
        mr_time_format(sl->start, start);
        mr_time_format(sl->end, end);
        fmt_int(sl->capacity, cap);
        const char *cells[9] = {
            date, start, end, m->sites[a->site].id,
            a->room >= 0 ? m->rooms[a->room].id : "",
            m->staff[a->staff].id, m->activities[a->activity].id,
            m->appt_types[sl->type].id, cap
        };
        if ((rc = insert_row(s, st, run, i, cells, 9,
                             "cannot store a slot")) != MR_OK)
            goto done;
    }
done:
    sqlite3_finalize(st);
    return rc;
}

static int save_ea(mr_store *s, sqlite3_int64 run, const mr_model *m,
                   const mr_solution *sol)
{
    sqlite3_stmt *st = NULL;
    mr_buf status;
    int rc;

    mr_buf_init(&status);
    if ((rc = store_prepare(s, "INSERT INTO ea_allocations VALUES (?1, ?2, "
                               "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", &st))
        != MR_OK)
        return rc;
    for (int i = 0; i < sol->n_ea; i++) {
        const mr_ea_alloc *e = &sol->ea[i];
        const mr_assignment *a = NULL;
        const mr_slot *sl = NULL;
        char date[11] = "", start[6] = "", end[6] = "";

        if (!IN_RANGE(e->referral, m->n_referrals)
            || e->adviser >= m->n_staff || e->slot >= sol->n_slots) {
            rc = bad_index(s, "EA allocation", i);
            goto done;
        }
        if (e->slot >= 0) {
            sl = &sol->slots[e->slot];
            a = &sol->assign[sl->assignment];
            mr_date_format(a->date, date);
            mr_time_format(sl->start, start);
            mr_time_format(sl->end, end);
        }
        status.len = 0;
        if (e->adviser >= 0)
            mr_buf_puts(&status, "allocated");
        else {
            mr_buf_puts(&status, "unallocated:");
            mr_buf_puts(&status, e->reason != NULL ? e->reason : "unknown");
        }
        if (status.oom) {
            rc = MR_ENOMEM;
            store_err(s, "out of memory");
            goto done;
        }
        const char *cells[8] = {
            m->referrals[e->referral].id,
            e->adviser >= 0 ? m->staff[e->adviser].id : "",
            date, start, end,
            a != NULL ? m->sites[a->site].id : "",
            a != NULL && a->room >= 0 ? m->rooms[a->room].id : "",
            status.data
        };
        if ((rc = insert_row(s, st, run, i, cells, 8,
                             "cannot store an EA allocation")) != MR_OK)
            goto done;
    }
done:
    mr_buf_free(&status);
    sqlite3_finalize(st);
    return rc;
}

static int save_satisfaction(mr_store *s, sqlite3_int64 run,
                             const mr_model *m, const mr_solution *sol)
{
    sqlite3_stmt *st = NULL;
    int rc, seq = 0;

    if (sol->satisfaction == NULL)
        return MR_OK;
    if ((rc = store_prepare(s, "INSERT INTO satisfaction VALUES (?1, ?2, "
                               "?3, ?4, ?5, ?6)", &st)) != MR_OK)
        return rc;
    for (int p = 0; p < sol->n_staff && p < m->n_staff; p++) {
        cell_num req = "", sat = "", share;
        if (!(sol->satisfaction[p] >= 0))   /* no requests (or NaN) */
            continue;
        if (sol->requested_weight != NULL)
            mr_json_format_number(sol->requested_weight[p], req, sizeof req);
        if (sol->satisfied_weight != NULL)
            mr_json_format_number(sol->satisfied_weight[p], sat, sizeof sat);
        mr_json_format_number(sol->satisfaction[p], share, sizeof share);
        const char *cells[4] = {m->staff[p].id, req, sat, share};
        if ((rc = insert_row(s, st, run, seq++, cells, 4,
                             "cannot store a satisfaction row")) != MR_OK)
            break;
    }
    sqlite3_finalize(st);
    return rc;
}

static int save_shortfalls(mr_store *s, sqlite3_int64 run, const mr_model *m,
                           const mr_solution *sol)
{
    sqlite3_stmt *st = NULL;
    int rc;

    if ((rc = store_prepare(s, "INSERT INTO shortfalls VALUES (?1, ?2, ?3, "
                               "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                               "?14, ?15, ?16)", &st)) != MR_OK)
        return rc;
    for (int i = 0; i < sol->n_shortfalls; i++) {
        const mr_shortfall *f = &sol->shortfalls[i];
        char date[11] = "", week[11] = "", pstart[6] = "";
        cell_num req, prov, gap, kind;

        if (!IN_RANGE(f->kind, 3) || f->site >= m->n_sites
            || f->pcn >= m->n_pcns || f->activity >= m->n_activities
            || f->specialty >= m->n_skills || f->appt_type >= m->n_appt_types
            || f->period >= m->n_periods) {
            rc = bad_index(s, "shortfall", i);
            goto done;
        }
        if (f->date != MR_NO_DATE)
            mr_date_format(f->date, date);
        if (f->week != MR_NO_DATE)
            mr_date_format(f->week, week);
        if (f->period >= 0)
            mr_time_format(m->periods[f->period].start, pstart);
        fmt_int(f->required, req);
        fmt_int(f->provided, prov);
        fmt_int(f->required > f->provided ? f->required - f->provided : 0,
                gap);
        fmt_int(f->kind, kind);
        const char *cells[14] = {
            KIND_NAMES[f->kind],
            f->site >= 0 ? m->sites[f->site].id : "",
            f->pcn >= 0 ? m->pcns[f->pcn].id : "",
            f->activity >= 0 ? m->activities[f->activity].id : "",
            f->specialty >= 0 ? m->skills[f->specialty] : "",
            f->appt_type >= 0 ? m->appt_types[f->appt_type].id : "",
            date, f->period >= 0 ? m->periods[f->period].id : "", week,
            req, prov, gap, kind, pstart
        };
        if ((rc = insert_row(s, st, run, i, cells, 14,
                             "cannot store a shortfall")) != MR_OK)
            goto done;
    }
done:
    sqlite3_finalize(st);
    return rc;
}

/* Binds a double, or NULL for a non-finite one (SQLite has no NaN). */
static void bind_real(sqlite3_stmt *st, int i, double v, int *src)
{
    int r = isfinite(v) ? sqlite3_bind_double(st, i, v)
                        : sqlite3_bind_null(st, i);
    if (r != SQLITE_OK && *src == SQLITE_OK)
        *src = r;
}

static int insert_run(mr_store *s, const mr_solution *sol,
                      const mr_run_info *info, int version,
                      sqlite3_int64 *run)
{
    static const char SQL[] =
        "INSERT INTO runs (month, version, created_at, kind, status,"
        " objective, bound, gap, seconds, first_seconds,"
        " part_cover, part_pcn, part_demand, part_preference, part_fairness,"
        " part_specialism, part_ea_unallocated, part_change,"
        " cover_shortfall, pcn_shortfall, demand_shortfall, ea_unallocated,"
        " min_satisfaction, mean_satisfaction, changes, fingerprint, params)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
        " ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26,"
        " ?27)";
    const mr_objective_parts *p = &sol->parts;
    sqlite3_stmt *st = NULL;
    char created[32];
    int rc, src = SQLITE_OK;

    if ((rc = store_prepare(s, SQL, &st)) != MR_OK)
        return rc;
    now_utc(created);
    store_bind_text(st, 1, info->month, &src);
    if (sqlite3_bind_int(st, 2, version) != SQLITE_OK)
        src = SQLITE_ERROR;
    store_bind_text(st, 3, created, &src);
    store_bind_text(st, 4, info->kind, &src);
    store_bind_text(st, 5, mr_outcome_name(sol->outcome), &src);
    bind_real(st, 6, sol->objective, &src);
    bind_real(st, 7, sol->bound, &src);
    bind_real(st, 8, sol->gap, &src);
    bind_real(st, 9, sol->seconds, &src);
    bind_real(st, 10, sol->first_seconds, &src);
    bind_real(st, 11, p->cover, &src);
    bind_real(st, 12, p->pcn, &src);
    bind_real(st, 13, p->demand, &src);
    bind_real(st, 14, p->preference, &src);
    bind_real(st, 15, p->fairness, &src);
    bind_real(st, 16, p->specialism, &src);
    bind_real(st, 17, p->ea_unallocated, &src);
    bind_real(st, 18, p->change, &src);
    sqlite3_bind_int(st, 19, sol->cover_shortfall);
    sqlite3_bind_int(st, 20, sol->pcn_shortfall);
    sqlite3_bind_int(st, 21, sol->demand_shortfall);
    sqlite3_bind_int(st, 22, sol->ea_unallocated);
    bind_real(st, 23, sol->min_satisfaction >= 0 ? sol->min_satisfaction
                                                 : NAN, &src);
    bind_real(st, 24, sol->mean_satisfaction >= 0 ? sol->mean_satisfaction
                                                  : NAN, &src);
    if (info->changes >= 0)
        sqlite3_bind_int(st, 25, info->changes);
    else
        sqlite3_bind_null(st, 25);
    store_bind_text(st, 26, info->fingerprint != NULL ? info->fingerprint
                                                      : "", &src);
    store_bind_text(st, 27, info->params != NULL ? info->params : "", &src);
    if (src != SQLITE_OK)
        rc = store_sqlite_err(s, src, "cannot store the run");
    else
        rc = store_step_done(s, st, "cannot store the run");
    if (rc == MR_OK)
        *run = sqlite3_last_insert_rowid(s->db);
    sqlite3_finalize(st);
    return rc;
}

/* The next version of month, read inside the write transaction. */
static int next_version(mr_store *s, const char *month, int *out)
{
    sqlite3_stmt *st = NULL;
    int rc, src = SQLITE_OK;

    *out = 0;
    if ((rc = store_prepare(s, "SELECT COALESCE(MAX(version), 0) + 1 "
                               "FROM runs WHERE month = ?1", &st)) != MR_OK)
        return rc;
    store_bind_text(st, 1, month, &src);
    if (src == SQLITE_OK)
        src = sqlite3_step(st);
    if (src == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    else
        rc = store_sqlite_err(s, src, "cannot number the run");
    sqlite3_finalize(st);
    return rc;
}

static int check_save_args(mr_store *s, const mr_model *m,
                           const mr_solution *sol, const mr_run_info *info)
{
    int y, mo;

    if (store_check_month(s, info->month) != MR_OK)
        return MR_EINVAL;
    mr_month_parse(info->month, &y, &mo);
    if (m->month.month != 0 && (m->month.year != y || m->month.month != mo)) {
        store_err(s, "the run is for %s but the model holds %04d-%02d",
                  info->month, m->month.year, m->month.month);
        return MR_EINVAL;
    }
    if (info->kind == NULL || (strcmp(info->kind, "solve") != 0
                               && strcmp(info->kind, "regenerate") != 0)) {
        store_err(s, "unknown kind of run '%s' (expected solve or "
                  "regenerate)", info->kind != NULL ? info->kind : "");
        return MR_EINVAL;
    }
    if (sol->outcome < MR_OUT_OPTIMAL || sol->outcome > MR_OUT_TIME_LIMIT) {
        store_err(s, "the solution has no outcome to store");
        return MR_EINVAL;
    }
    return MR_OK;
}

int mr_store_save(mr_store *s, const mr_model *m, const mr_solution *sol,
                  const mr_run_info *info, int *version)
{
    sqlite3_int64 run = 0;
    int v = 0, rc;

    *version = 0;
    if (s->db == NULL)
        return store_err(s, "the database is not open");
    if ((rc = check_save_args(s, m, sol, info)) != MR_OK)
        return rc;
    if ((rc = store_exec(s, "BEGIN IMMEDIATE")) != MR_OK)
        return rc;
    if ((rc = next_version(s, info->month, &v)) != MR_OK
        || (rc = insert_run(s, sol, info, v, &run)) != MR_OK
        || (rc = save_warnings(s, run, info->warnings)) != MR_OK
        || (rc = save_roster(s, run, m, sol)) != MR_OK
        || (rc = save_slots(s, run, m, sol)) != MR_OK
        || (rc = save_ea(s, run, m, sol)) != MR_OK
        || (rc = save_satisfaction(s, run, m, sol)) != MR_OK
        || (rc = save_shortfalls(s, run, m, sol)) != MR_OK
        || (rc = store_exec(s, "COMMIT")) != MR_OK) {
        store_rollback(s);
        return rc;
    }
    *version = v;
    s->errmsg[0] = '\0';
    return MR_OK;
}

int mr_store_publish(mr_store *s, const char *month, int version,
                     const char *who)
{
    sqlite3_stmt *st = NULL;
    sqlite3_int64 run;
    char now[32];
    int rc, v, published = 0, src = SQLITE_OK;

    if (s->db == NULL)
        return store_err(s, "the database is not open");
    if ((rc = store_check_month(s, month)) != MR_OK)
        return rc;
    if ((rc = store_exec(s, "BEGIN IMMEDIATE")) != MR_OK)
        return rc;
    if (version == 0 && (rc = mr_store_latest(s, month, &version)) != MR_OK)
        goto done;
    if (version == 0) {
        rc = MR_EINVAL;
        store_err(s, "no run of %s to publish", month);
        goto done;
    }
    if ((rc = store_find_run(s, month, version, &run, &v)) != MR_OK
        || (rc = mr_store_published(s, month, &published)) != MR_OK)
        goto done;
    if ((rc = store_prepare(s, "SELECT published, status FROM runs "
                               "WHERE id = ?1", &st)) != MR_OK)
        goto done;
    sqlite3_bind_int64(st, 1, run);
    if ((src = sqlite3_step(st)) != SQLITE_ROW) {
        rc = store_sqlite_err(s, src, "cannot read the run");
        goto done;
    }
    rc = MR_EINVAL;
    if (sqlite3_column_int(st, 0) != 0) {
        store_err(s, "version %d of %s is already published", v, month);
        goto done;
    }
    if (strcmp((const char *)sqlite3_column_text(st, 1), "infeasible") == 0) {
        store_err(s, "version %d of %s is infeasible: it has no roster to "
                  "publish", v, month);
        goto done;
    }
    if (published > v) {
        store_err(s, "version %d of %s is older than the published version "
                  "%d", v, month, published);
        goto done;
    }
    sqlite3_finalize(st);
    st = NULL;
    now_utc(now);
    if ((rc = store_prepare(s, "UPDATE runs SET published = 1, "
                               "published_by = ?1, published_at = ?2 "
                               "WHERE id = ?3", &st)) != MR_OK)
        goto done;
    src = SQLITE_OK;
    store_bind_text(st, 1, who, &src);
    store_bind_text(st, 2, now, &src);
    if (src == SQLITE_OK)
        src = sqlite3_bind_int64(st, 3, run);
    if (src != SQLITE_OK)
        rc = store_sqlite_err(s, src, "cannot publish");
    else if ((rc = store_step_done(s, st, "cannot publish")) == MR_OK)
        rc = store_exec(s, "COMMIT");
done:
    sqlite3_finalize(st);
    if (rc != MR_OK)
        store_rollback(s);
    else
        s->errmsg[0] = '\0';
    return rc;
}
