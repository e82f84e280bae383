/* Reading runs back: versions, the run's figures, its rows in export order
 * and the summary object of `solve --json`; see store.h. */
#include "store_int.h"

#include <math.h>
#include <string.h>

#include "alloc.h"
#include "json.h"

#define MAX_COLS 16

static const char *const ROSTER_COLS[] = {
    "date", "period", "start", "end", "staff_id", "staff_name", "role",
    "activity", "specialty", "site_id", "room_id", "pcn_id"
};
static const char *const SLOT_COLS[] = {
    "date", "start", "end", "site_id", "room_id", "staff_id", "activity",
    "appointment_type", "capacity"
};
static const char *const EA_COLS[] = {
    "referral_id", "adviser_id", "date", "start", "end", "site_id", "room_id",
    "status"
};
static const char *const SATISFACTION_COLS[] = {
    "staff_id", "requested_weight", "satisfied_weight", "satisfaction"
};
static const char *const SHORTFALL_COLS[] = {
    "kind", "site_id", "pcn_id", "activity", "specialty", "appointment_type",
    "date", "period", "week", "required", "provided", "shortfall"
};

#define N_OF(a) ((int)(sizeof a / sizeof a[0]))

static const struct {
    const char        *file;
    const char *const *cols;
    int                n_cols;
    const char        *sql;
} TABLES[MR_N_TABLES] = {
    [MR_TABLE_ROSTER] = {"roster.csv", ROSTER_COLS, N_OF(ROSTER_COLS),
        "SELECT date, period, start, end_time, staff_id, staff_name, role,"
        " activity, specialty, site_id, room_id, pcn_id FROM roster"
        " WHERE run_id = ?1 ORDER BY date, start, site_id, staff_id, seq"},
    [MR_TABLE_SLOTS] = {"slots.csv", SLOT_COLS, N_OF(SLOT_COLS),
        "SELECT date, start, end_time, site_id, room_id, staff_id, activity,"
        " appointment_type, capacity FROM slots WHERE run_id = ?1"
        " ORDER BY date, start, site_id, staff_id, end_time, seq"},
    /* Unallocated referrals (no date) after the allocated ones. */
    [MR_TABLE_EA] = {"ea_allocations.csv", EA_COLS, N_OF(EA_COLS),
        "SELECT referral_id, adviser_id, date, start, end_time, site_id,"
        " room_id, status FROM ea_allocations WHERE run_id = ?1"
        " ORDER BY date = '', date, start, site_id, adviser_id, referral_id,"
        " seq"},
    [MR_TABLE_SATISFACTION] = {"satisfaction.csv", SATISFACTION_COLS,
        N_OF(SATISFACTION_COLS),
        "SELECT staff_id, requested_weight, satisfied_weight, satisfaction"
        " FROM satisfaction WHERE run_id = ?1 ORDER BY staff_id, seq"},
    [MR_TABLE_SHORTFALLS] = {"shortfalls.csv", SHORTFALL_COLS,
        N_OF(SHORTFALL_COLS),
        "SELECT kind, site_id, pcn_id, activity, specialty, appointment_type,"
        " date, period, week, required, provided, shortfall FROM shortfalls"
        " WHERE run_id = ?1 ORDER BY sort_kind, date, week, sort_start,"
        " site_id, pcn_id, activity, specialty, appointment_type, seq"},
};

/* --- versions ----------------------------------------------------------- */

/* One integer (or 0 when NULL or no row) from a query on month. */
static int month_int(mr_store *s, const char *sql, const char *month,
                     int *out)
{
    sqlite3_stmt *st = NULL;
    int rc, src = SQLITE_OK;

    *out = 0;
    if (s->db == NULL)
        return store_err(s, "the database is not open");
    if ((rc = store_check_month(s, month)) != MR_OK)
        return rc;
    if ((rc = store_prepare(s, sql, &st)) != MR_OK)
        return rc;
    store_bind_text(st, 1, month, &src);
    if (src == SQLITE_OK)
        src = sqlite3_step(st);
    if (src == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    else if (src != SQLITE_DONE)
        rc = store_sqlite_err(s, src, "cannot read the runs");
    sqlite3_finalize(st);
    return rc;
}

int mr_store_latest(mr_store *s, const char *month, int *version)
{
    return month_int(s, "SELECT MAX(version) FROM runs WHERE month = ?1",
                     month, version);
}

int mr_store_published(mr_store *s, const char *month, int *version)
{
    return month_int(s, "SELECT MAX(version) FROM runs WHERE month = ?1"
                        " AND published = 1", month, version);
}

int store_find_run(mr_store *s, const char *month, int version,
                   sqlite3_int64 *id, int *out_version)
{
    sqlite3_stmt *st = NULL;
    int rc, v = version, src = SQLITE_OK;

    *id = 0;
    *out_version = 0;
    if (version < 0) {
        store_err(s, "invalid version %d", version);
        return MR_EINVAL;
    }
    if (version == 0) {
        if ((rc = mr_store_published(s, month, &v)) != MR_OK)
            return rc;
        if (v == 0 && (rc = mr_store_latest(s, month, &v)) != MR_OK)
            return rc;
        if (v == 0) {
            store_err(s, "no run of %s is stored", month);
            return MR_EINVAL;
        }
    } else if (s->db == NULL) {
        return store_err(s, "the database is not open");
    } else if ((rc = store_check_month(s, month)) != MR_OK) {
        return rc;
    }
    if ((rc = store_prepare(s, "SELECT id FROM runs WHERE month = ?1"
                               " AND version = ?2", &st)) != MR_OK)
        return rc;
    store_bind_text(st, 1, month, &src);
    if (src == SQLITE_OK)
        src = sqlite3_bind_int(st, 2, v);
    if (src == SQLITE_OK)
        src = sqlite3_step(st);
    if (src == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *out_version = v;
    } else if (src == SQLITE_DONE) {
        rc = MR_EINVAL;
        store_err(s, "no version %d of %s is stored", v, month);
    } else {
        rc = store_sqlite_err(s, src, "cannot read the runs");
    }
    sqlite3_finalize(st);
    return rc;
}

int mr_store_pick(mr_store *s, const char *month, int version, int *out)
{
    sqlite3_int64 id;
    return store_find_run(s, month, version, &id, out);
}

/* --- the run ------------------------------------------------------------- */

static double col_real(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL
               ? NAN : sqlite3_column_double(st, i);
}

/* Copies a text column; NULL stays NULL. Sets *oom on failure. */
static char *col_dup(sqlite3_stmt *st, int i, int *oom)
{
    const char *t;
    char *c;

    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return NULL;
    if ((t = (const char *)sqlite3_column_text(st, i)) == NULL
        || (c = mr_strdup(t)) == NULL) {
        *oom = 1;
        return NULL;
    }
    return c;
}

void mr_store_run_clear(mr_store_run *r)
{
    if (r == NULL)
        return;
    mr_free(r->month);
    mr_free(r->created_at);
    mr_free(r->kind);
    mr_free(r->status);
    mr_free(r->fingerprint);
    mr_free(r->params);
    mr_free(r->published_by);
    mr_free(r->published_at);
    memset(r, 0, sizeof *r);
    r->changes = -1;
}

int mr_store_run_get(mr_store *s, const char *month, int version,
                     mr_store_run *out)
{
    static const char SQL[] =
        "SELECT month, version, created_at, kind, status,"
        " objective, bound, gap, seconds, first_seconds,"
        " part_cover, part_pcn, part_demand, part_preference, part_fairness,"
        " part_specialism, part_ea_unallocated, part_change,"
        " cover_shortfall, pcn_shortfall, demand_shortfall, ea_unallocated,"
        " min_satisfaction, mean_satisfaction, changes, fingerprint, params,"
        " published, published_by, published_at,"
        " (SELECT COUNT(*) FROM roster WHERE run_id = runs.id)"
        " FROM runs WHERE id = ?1";
    sqlite3_stmt *st = NULL;
    sqlite3_int64 id;
    int rc, v, src, oom = 0;
    mr_store_run r;

    memset(&r, 0, sizeof r);
    memset(out, 0, sizeof *out);
    out->changes = -1;
    if ((rc = store_find_run(s, month, version, &id, &v)) != MR_OK)
        return rc;
    if ((rc = store_prepare(s, SQL, &st)) != MR_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    if ((src = sqlite3_step(st)) != SQLITE_ROW) {
        rc = store_sqlite_err(s, src, "cannot read the run");
        goto done;
    }
    r.month = col_dup(st, 0, &oom);
    r.version = sqlite3_column_int(st, 1);
    r.created_at = col_dup(st, 2, &oom);
    r.kind = col_dup(st, 3, &oom);
    r.status = col_dup(st, 4, &oom);
    r.objective = col_real(st, 5);
    r.bound = col_real(st, 6);
    r.gap = col_real(st, 7);
    r.seconds = col_real(st, 8);
    r.first_seconds = col_real(st, 9);
    r.parts.cover = col_real(st, 10);
    r.parts.pcn = col_real(st, 11);
    r.parts.demand = col_real(st, 12);
    r.parts.preference = col_real(st, 13);
    r.parts.fairness = col_real(st, 14);
    r.parts.specialism = col_real(st, 15);
    r.parts.ea_unallocated = col_real(st, 16);
    r.parts.change = col_real(st, 17);
    r.cover_shortfall = sqlite3_column_int(st, 18);
    r.pcn_shortfall = sqlite3_column_int(st, 19);
    r.demand_shortfall = sqlite3_column_int(st, 20);
    r.ea_unallocated = sqlite3_column_int(st, 21);
    r.min_satisfaction = col_real(st, 22);
    r.mean_satisfaction = col_real(st, 23);
    r.changes = sqlite3_column_type(st, 24) == SQLITE_NULL
                    ? -1 : sqlite3_column_int(st, 24);
    r.fingerprint = col_dup(st, 25, &oom);
    r.params = col_dup(st, 26, &oom);
    r.published = sqlite3_column_int(st, 27);
    r.published_by = col_dup(st, 28, &oom);
    r.published_at = col_dup(st, 29, &oom);
    r.n_assignments = sqlite3_column_int(st, 30);
    if (oom) {
        rc = MR_ENOMEM;
        store_err(s, "out of memory");
        mr_store_run_clear(&r);
        goto done;
    }
    *out = r;
done:
    sqlite3_finalize(st);
    return rc;
}

int mr_store_summary_json(mr_store *s, const char *month, int version,
                          char **json)
{
    mr_store_run r;
    mr_json j;
    int rc;

    *json = NULL;
    memset(&r, 0, sizeof r);
    if ((rc = mr_store_run_get(s, month, version, &r)) != MR_OK)
        return rc;
    mr_json_init(&j);
    mr_json_object_begin(&j);
    mr_json_key(&j, "status");
    mr_json_string(&j, r.status);
    mr_json_key(&j, "objective");
    mr_json_number(&j, r.objective);
    mr_json_key(&j, "bound");
    mr_json_number(&j, r.bound);
    mr_json_key(&j, "gap");
    mr_json_number(&j, r.gap);
    mr_json_key(&j, "seconds");
    mr_json_number(&j, r.seconds);
    mr_json_key(&j, "version");
    mr_json_int(&j, r.version);
    mr_json_key(&j, "cover_shortfall");
    mr_json_int(&j, r.cover_shortfall);
    mr_json_key(&j, "pcn_shortfall");
    mr_json_int(&j, r.pcn_shortfall);
    mr_json_key(&j, "demand_shortfall");
    mr_json_int(&j, r.demand_shortfall);
    mr_json_key(&j, "min_satisfaction");
    mr_json_number(&j, r.min_satisfaction);      /* NaN: null */
    mr_json_key(&j, "mean_satisfaction");
    mr_json_number(&j, r.mean_satisfaction);
    mr_json_key(&j, "ea_unallocated");
    mr_json_int(&j, r.ea_unallocated);
    if (r.changes >= 0) {
        mr_json_key(&j, "changes");
        mr_json_int(&j, r.changes);
    }
    mr_json_object_end(&j);
    if ((rc = mr_json_finish(&j, json)) != MR_OK)
        store_err(s, "out of memory");
    mr_store_run_clear(&r);
    return rc;
}

/* --- rows ---------------------------------------------------------------- */

const char *mr_store_table_file(int table)
{
    return table >= 0 && table < MR_N_TABLES ? TABLES[table].file : NULL;
}

const char *const *mr_store_table_columns(int table, int *n)
{
    if (table < 0 || table >= MR_N_TABLES) {
        *n = 0;
        return NULL;
    }
    *n = TABLES[table].n_cols;
    return TABLES[table].cols;
}

/* Runs sql (one parameter: the run id) and hands each row's n cells to fn. */
static int walk(mr_store *s, sqlite3_int64 run, const char *sql, int n,
                mr_row_fn fn, void *user)
{
    const char *cells[MAX_COLS];
    sqlite3_stmt *st = NULL;
    int rc, src;

    if ((rc = store_prepare(s, sql, &st)) != MR_OK)
        return rc;
    sqlite3_bind_int64(st, 1, run);
    while ((src = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < n; i++) {
            cells[i] = (const char *)sqlite3_column_text(st, i);
            if (cells[i] == NULL) {
                if (sqlite3_column_type(st, i) != SQLITE_NULL) {
                    rc = MR_ENOMEM;
                    store_err(s, "out of memory");
                    goto done;
                }
                cells[i] = "";
            }
        }
        if ((rc = fn(user, cells, n)) != MR_OK)
            goto done;
    }
    if (src != SQLITE_DONE)
        rc = store_sqlite_err(s, src, "cannot read the rows of a run");
done:
    sqlite3_finalize(st);
    return rc;
}

int mr_store_rows(mr_store *s, const char *month, int version, int table,
                  mr_row_fn fn, void *user)
{
    sqlite3_int64 run;
    int rc, v;

    if (table < 0 || table >= MR_N_TABLES) {
        store_err(s, "unknown table %d", table);
        return MR_EINVAL;
    }
    if ((rc = store_find_run(s, month, version, &run, &v)) != MR_OK)
        return rc;
    return walk(s, run, TABLES[table].sql, TABLES[table].n_cols, fn, user);
}

int mr_store_roster_rows(mr_store *s, const char *month, int version,
                         mr_row_fn fn, void *user)
{
    return mr_store_rows(s, month, version, MR_TABLE_ROSTER, fn, user);
}

int mr_store_slot_rows(mr_store *s, const char *month, int version,
                       mr_row_fn fn, void *user)
{
    return mr_store_rows(s, month, version, MR_TABLE_SLOTS, fn, user);
}

int mr_store_ea_rows(mr_store *s, const char *month, int version,
                     mr_row_fn fn, void *user)
{
    return mr_store_rows(s, month, version, MR_TABLE_EA, fn, user);
}

int mr_store_satisfaction_rows(mr_store *s, const char *month, int version,
                               mr_row_fn fn, void *user)
{
    return mr_store_rows(s, month, version, MR_TABLE_SATISFACTION, fn, user);
}

int mr_store_shortfall_rows(mr_store *s, const char *month, int version,
                            mr_row_fn fn, void *user)
{
    return mr_store_rows(s, month, version, MR_TABLE_SHORTFALLS, fn, user);
}

int mr_store_warning_rows(mr_store *s, const char *month, int version,
                          mr_row_fn fn, void *user)
{
    sqlite3_int64 run;
    int rc, v;

    if ((rc = store_find_run(s, month, version, &run, &v)) != MR_OK)
        return rc;
    return walk(s, run, "SELECT text FROM warnings WHERE run_id = ?1"
                        " ORDER BY seq", 1, fn, user);
}
