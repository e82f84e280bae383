/* The readers of one month's YAML inputs: preference files (SPEC 2.2),
 * absence.yaml (2.3) and demand.yaml (2.4).
 *
 * Leave, absence, requests and demand lines are leaves of the model:
 * nothing refers to them. One with any problem is reported and left out,
 * so the resolver never reports the same problem a second time. */
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "yaml_doc.h"

#define KEYS(...) ((const char *const[]){__VA_ARGS__, NULL})

static void free_absence(mr_absence *a)
{
    mr_ref_clear(&a->staff);
    mr_free(a->kind);
}

/* One leave or absence entry; staff is the preference file's person (NULL
 * for absence.yaml, where the entry names them). Added when valid. */
static void read_absence(io_ctx *c, const io_ynode *v, const mr_ref *staff,
                         int keep)
{
    const char *kind = NULL;
    mr_absence a;
    int errors = c->d->n_errors, k;
    int is_leave = staff != NULL;

    if (is_leave ? !io_y_map(c, v, "leave entry", KEYS("from", "to", "kind"),
                             KEYS("from", "to"))
                 : !io_y_map(c, v, "absence entry", KEYS("staff", "from", "to",
                             "reason"), KEYS("staff", "from", "to")))
        return;
    memset(&a, 0, sizeof a);
    a.staff.index = -1;
    a.is_leave = is_leave;
    a.loc = io_loc(c, v->line, v->col);
    if (is_leave) {
        if (mr_ref_set(&a.staff, staff->id, staff->loc) != MR_OK)
            c->oom = 1;
    } else {
        io_y_ref(c, v, "staff", IO_ID, &a.staff);
    }
    a.from = a.to = MR_NO_DATE;
    if (io_y_date(c, v, "from", &a.from) > 0 && io_y_date(c, v, "to", &a.to) > 0
        && a.from > a.to) {
        const io_ynode *f = io_y_get(v, "from");
        io_error(c, f->line, f->col, "'from' (%s) is after 'to' (%s)",
                 f->text, io_y_get(v, "to")->text);
    } else if (a.from == MR_NO_DATE) {
        io_y_date(c, v, "to", &a.to);     /* report a bad 'to' as well */
    }
    io_y_str(c, v, is_leave ? "kind" : "reason", &kind);
    io_set_str(c, &a.kind, kind);
    if (!keep || c->d->n_errors > errors || c->oom
        || MR_PUSH(c->m, absences, &k) != MR_OK) {
        if (keep && c->d->n_errors == errors)
            c->oom = 1;
        free_absence(&a);
        return;
    }
    c->m->absences[k] = a;
}

/* What a request of each kind takes, for messages and checks. */
enum { K_DATE, K_WEEKDAY, K_PERIOD, K_SITE, K_ACTIVITY, K_MIN, K_OFF, K_AVOID,
       K_WEIGHT, N_KEYS };
static const char *const REQ_KEYS[] = {
    "date", "weekday", "period", "site", "activity", "min_sessions", "off",
    "avoid", "weight", NULL
};
#define B(k) (1u << K_##k)
static const struct {
    const char *name;     /* the kind and how it is recognised */
    const char *takes;    /* what it takes, in words */
    unsigned need;        /* every one of these */
    unsigned one_of;      /* exactly one of these (0: none needed) */
    unsigned allowed;     /* besides need and one_of */
} KIND[] = {
    [MR_REQ_OFF] = {"a day-off request (off: true)",
        "date or weekday, and weight",
        B(OFF) | B(WEIGHT), B(DATE) | B(WEEKDAY), 0},
    [MR_REQ_AVOID] = {"an avoid request (avoid: true)",
        "period, optionally date or weekday, and weight",
        B(AVOID) | B(PERIOD) | B(WEIGHT), 0, B(DATE) | B(WEEKDAY)},
    [MR_REQ_TASK] = {"a task request (activity with min_sessions)",
        "activity, min_sessions and weight",
        B(ACTIVITY) | B(MIN) | B(WEIGHT), 0, 0},
    [MR_REQ_LOCATION] = {"a location request (site without activity)",
        "site, weekday or date, optionally period, and weight",
        B(SITE) | B(WEIGHT), B(DATE) | B(WEEKDAY), B(PERIOD)},
    [MR_REQ_SESSION] = {"a session request (activity without min_sessions)",
        "activity, date, period, optionally site, and weight",
        B(ACTIVITY) | B(DATE) | B(PERIOD) | B(WEIGHT), 0, B(SITE)},
};

/* The kind of request from its keys (SPEC 5), checking that the keys fit
 * it exactly. Returns the kind, or -1 after reporting. */
static int request_kind(io_ctx *c, const io_ynode *v, unsigned has)
{
    unsigned fits;
    int kind, ok = 1;

    if (has & B(OFF))
        kind = MR_REQ_OFF;
    else if (has & B(AVOID))
        kind = MR_REQ_AVOID;
    else if (has & B(MIN))
        kind = MR_REQ_TASK;
    else if (has & B(ACTIVITY))
        kind = MR_REQ_SESSION;
    else if (has & B(SITE))
        kind = MR_REQ_LOCATION;
    else {
        io_error(c, v->line, v->col, "cannot tell what this request asks for "
                 "(expected off: true with date or weekday; avoid: true with "
                 "period; activity with min_sessions; activity with date and "
                 "period; or site with weekday or date)");
        return -1;
    }
    fits = KIND[kind].need | KIND[kind].one_of | KIND[kind].allowed;
    for (int k = 0; k < N_KEYS; k++) {
        const io_ynode *key = io_y_key(v, REQ_KEYS[k]);
        if ((has & (1u << k)) && !(fits & (1u << k))) {
            io_error(c, key->line, key->col, "'%s' does not belong in %s, "
                     "which takes %s", REQ_KEYS[k], KIND[kind].name,
                     KIND[kind].takes);
            ok = 0;
        }
    }
    for (int k = 0; k < N_KEYS; k++)
        if ((KIND[kind].need & (1u << k)) && !(has & (1u << k))
            && k != K_WEIGHT) {              /* io_y_map reports weight */
            io_error(c, v->line, v->col, "%s needs '%s' (it takes %s)",
                     KIND[kind].name, REQ_KEYS[k], KIND[kind].takes);
            ok = 0;
        }
    if ((has & B(DATE)) && (has & B(WEEKDAY))
        && (fits & (B(DATE) | B(WEEKDAY))) == (B(DATE) | B(WEEKDAY))) {
        const io_ynode *key = io_y_key(v, "weekday");
        io_error(c, key->line, key->col, "give either 'date' or 'weekday' in "
                 "%s, not both", KIND[kind].name);
        ok = 0;
    } else if (KIND[kind].one_of && !(has & KIND[kind].one_of)) {
        io_error(c, v->line, v->col, "%s needs 'date' or 'weekday' (it takes "
                 "%s)", KIND[kind].name, KIND[kind].takes);
        ok = 0;
    }
    return ok ? kind : -1;
}

static void free_request(mr_request *r)
{
    mr_ref_clear(&r->period);
    mr_ref_clear(&r->site);
    mr_ref_clear(&r->activity);
}

/* Reads one request; adds it (for preference p) when valid and keep. */
static void read_request(io_ctx *c, const io_ynode *v, mr_pref *p, int keep)
{
    mr_request r;
    unsigned has = 0;
    int errors = c->d->n_errors, k, flag;

    if (!io_y_map(c, v, "request", REQ_KEYS, KEYS("weight")))
        return;
    for (int i = 0; i < N_KEYS; i++)
        if (io_y_get(v, REQ_KEYS[i]) != NULL)
            has |= 1u << i;
    memset(&r, 0, sizeof r);
    r.period.index = r.site.index = r.activity.index = -1;
    r.date = MR_NO_DATE;
    r.loc = io_loc(c, v->line, v->col);
    r.kind = request_kind(c, v, has);
    io_y_date(c, v, "date", &r.date);
    io_y_weekdays(c, v, "weekday", &r.weekdays);
    io_y_ref(c, v, "period", IO_ID, &r.period);
    io_y_ref(c, v, "site", IO_ID, &r.site);
    io_y_ref(c, v, "activity", IO_NAME, &r.activity);
    io_y_int(c, v, "min_sessions", 1, 100, &r.min_sessions);
    io_y_int(c, v, "weight", 1, 5, &r.weight);
    for (int i = K_OFF; i <= K_AVOID; i++)
        if (io_y_bool(c, v, REQ_KEYS[i], &flag) > 0 && !flag) {
            const io_ynode *f = io_y_get(v, REQ_KEYS[i]);
            io_error(c, f->line, f->col, "'%s' can only be true (leave the "
                     "request out instead)", REQ_KEYS[i]);
        }
    if (!keep || c->d->n_errors > errors || c->oom
        || MR_PUSH(c->m, requests, &k) != MR_OK) {
        if (keep && c->d->n_errors == errors)
            c->oom = 1;
        free_request(&r);
        return;
    }
    c->m->requests[k] = r;
    p->n_requests++;
}

void io_pref_read(io_ctx *c, const io_ynode *root, const char *stem,
                  const char *month)
{
    mr_model *m = c->m;
    const io_ynode *v;
    const char *s;
    mr_pref p;
    int keep, k, y, mo;

    if (!io_y_map(c, root, "a preference file", KEYS("staff", "month",
                  "submitted", "leave", "requests"), KEYS("staff", "month")))
        return;
    memset(&p, 0, sizeof p);
    p.staff.index = -1;
    p.submitted = MR_NO_DATE;
    p.file = c->file;
    p.loc = io_loc(c, root->line, root->col);
    p.first_request = m->n_requests;
    if (io_y_ref(c, root, "staff", IO_ID, &p.staff) > 0
        && strcmp(p.staff.id, stem) != 0) {
        v = io_y_get(root, "staff");
        io_error(c, v->line, v->col, "staff '%s' does not match the file name "
                 "'%s.yaml'", p.staff.id, stem);
    }
    if (io_y_str(c, root, "month", &s) > 0) {
        v = io_y_get(root, "month");
        /* a month reported here is not kept: the resolver would report
         * the same file for the planned month again */
        if (mr_month_parse(s, &y, &mo) != 0)
            io_error(c, v->line, v->col, "expected a month (YYYY-MM) for "
                     "'month', got '%s'", s);
        else if (strcmp(s, month) != 0)
            io_error(c, v->line, v->col, "month '%s' does not match the "
                     "folder 'months/%s'", s, month);
        else
            io_set_str(c, &p.month, s);
    }
    io_y_date(c, root, "submitted", &p.submitted);
    /* Without a person the file's entries can belong to nobody: they are
     * still checked, and dropped. */
    keep = p.staff.id != NULL;
    {
        const io_ynode *l = NULL;
        if (io_y_seq(c, root, "leave", &l) > 0)
            for (int i = 0; i < l->n_items; i++)
                read_absence(c, l->items[i], &p.staff, keep);
        if (io_y_seq(c, root, "requests", &l) > 0)
            for (int i = 0; i < l->n_items; i++)
                read_request(c, l->items[i], &p, keep);
    }
    if (!keep || c->oom || MR_PUSH(m, prefs, &k) != MR_OK) {
        c->oom |= keep;
        mr_ref_clear(&p.staff);
        mr_free(p.month);
        return;
    }
    m->prefs[k] = p;
}

void io_absence_read(io_ctx *c, const io_ynode *root)
{
    const io_ynode *l = NULL;
    if (!io_y_map(c, root, "absence.yaml", KEYS("absence"), KEYS("absence")))
        return;
    if (io_y_seq(c, root, "absence", &l) > 0)
        for (int i = 0; i < l->n_items; i++)
            read_absence(c, l->items[i], NULL, 1);
}

static void read_demand(io_ctx *c, const io_ynode *v)
{
    mr_demand e;
    int errors = c->d->n_errors, k;

    if (!io_y_map(c, v, "demand line", KEYS("site", "pcn", "type", "count"),
                  KEYS("type", "count")))
        return;
    memset(&e, 0, sizeof e);
    e.site.index = e.pcn.index = e.type.index = -1;
    e.loc = io_loc(c, v->line, v->col);
    if (io_y_get(v, "site") == NULL && io_y_get(v, "pcn") == NULL)
        io_error(c, v->line, v->col, "a demand line needs 'site' or 'pcn'");
    else if (io_y_get(v, "site") != NULL && io_y_get(v, "pcn") != NULL) {
        const io_ynode *key = io_y_key(v, "pcn");
        io_error(c, key->line, key->col, "give either 'site' or 'pcn' in a "
                 "demand line, not both");
    }
    io_y_ref(c, v, "site", IO_ID, &e.site);
    io_y_ref(c, v, "pcn", IO_ID, &e.pcn);
    io_y_ref(c, v, "type", IO_NAME, &e.type);
    io_y_int(c, v, "count", 0, 1000000, &e.count);
    if (c->d->n_errors > errors || c->oom
        || MR_PUSH(c->m, demand, &k) != MR_OK) {
        if (c->d->n_errors == errors)
            c->oom = 1;
        mr_ref_clear(&e.site);
        mr_ref_clear(&e.pcn);
        mr_ref_clear(&e.type);
        return;
    }
    c->m->demand[k] = e;
}

void io_demand_read(io_ctx *c, const io_ynode *root)
{
    const io_ynode *l = NULL;
    if (!io_y_map(c, root, "demand.yaml", KEYS("demand"), KEYS("demand")))
        return;
    if (io_y_seq(c, root, "demand", &l) > 0)
        for (int i = 0; i < l->n_items; i++)
            read_demand(c, l->items[i]);
}
