/* The reader of service.yaml (SPEC 2.1): sites, rooms, PCNs, staff,
 * activities, appointment types, rules, cover and weights into a raw model.
 *
 * Each field is checked on its own here; references stay unresolved for
 * mr_model_resolve(). An entry without a valid id is read (so all its
 * problems are reported) and then dropped: nothing could refer to it. */
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "yaml_doc.h"

static const char *const ROLES[] = {"physio", "ot", "set", "ti", "ea", "sea"};
static const char *const KINDS[] = {"hub", "community", "practice", "remote"};
static const char *const COUNTS_AS[] = {"clinical", "advice", "non_clinical"};

#define KEYS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Each item of the sequence under key, if there is one. */
#define FOR_ITEMS(c, root, key, v, i)                                      \
    const io_ynode *v##_seq = NULL;                                        \
    if (io_y_seq(c, root, key, &v##_seq) > 0)                              \
        for (int i = 0; i < v##_seq->n_items; i++)                         \
            for (const io_ynode *v = v##_seq->items[i]; v; v = NULL)

static void read_service(io_ctx *c, const io_ynode *root)
{
    const io_ynode *s = io_y_get(root, "service");
    const char *t;
    if (s == NULL || !io_y_map(c, s, "service", KEYS("name", "timezone"),
                               KEYS("name")))
        return;
    if (io_y_str(c, s, "name", &t) > 0)
        io_set_str(c, &c->m->service_name, t);
    if (io_y_str(c, s, "timezone", &t) > 0)
        io_set_str(c, &c->m->timezone, t);
}

/* A period whose start or end is invalid keeps -1 there; that start comes
 * before end is the resolver's check (with overlaps). */
static void read_periods(io_ctx *c, const io_ynode *root)
{
    mr_model *m = c->m;
    FOR_ITEMS(c, root, "periods", v, i) {
        const char *id = NULL;
        int start = -1, end = -1, k;
        if (!io_y_map(c, v, "period", KEYS("id", "start", "end"),
                      KEYS("id", "start", "end")))
            continue;
        io_y_id(c, v, "id", IO_ID, &id);
        io_y_time(c, v, "start", &start);
        io_y_time(c, v, "end", &end);
        if (id == NULL)
            continue;
        if (MR_PUSH(m, periods, &k) != MR_OK) {
            c->oom = 1;
            return;
        }
        io_set_str(c, &m->periods[k].id, id);
        m->periods[k].start = start;
        m->periods[k].end = end;
        m->periods[k].loc = io_loc(c, v->line, v->col);
    }
}

static void read_closed(io_ctx *c, const io_ynode *root)
{
    mr_model *m = c->m;
    const io_ynode *v = io_y_get(root, "closed_dates");
    int k;
    if (v == NULL)
        return;
    c->m->closed_loc = io_loc(c, v->line, v->col);
    if (v->kind != IO_YSEQ) {
        io_error(c, v->line, v->col, "expected a sequence of dates for "
                 "'closed_dates', got %s", io_ykind_name(v));
        return;
    }
    for (int i = 0; i < v->n_items; i++) {
        const io_ynode *d = v->items[i];
        int day;
        if (d->kind != IO_YSCALAR || mr_date_parse(d->text, &day) != 0) {
            io_error(c, d->line, d->col, "expected a date (YYYY-MM-DD) for "
                     "'closed_dates', got %s%s%s",
                     d->kind == IO_YSCALAR ? "'" : "",
                     d->kind == IO_YSCALAR ? d->text : io_ykind_name(d),
                     d->kind == IO_YSCALAR ? "'" : "");
            continue;
        }
        if (MR_PUSH(m, closed_dates, &k) != MR_OK) {
            c->oom = 1;
            return;
        }
        m->closed_dates[k] = day;
    }
}

static void read_open(io_ctx *c, mr_site *s, const io_ynode *open)
{
    if (open->kind != IO_YMAP) {
        io_error(c, open->line, open->col, "expected a mapping of weekdays "
                 "to periods for 'open', got %s", io_ykind_name(open));
        return;
    }
    for (int i = 0; i + 1 < open->n_items; i += 2) {
        const io_ynode *key = open->items[i], *val = open->items[i + 1];
        unsigned days = 0;
        int k, dup = 0;
        for (int j = 0; j < i && !dup; j += 2)
            dup = key->kind == IO_YSCALAR && open->items[j]->kind == IO_YSCALAR
                  && strcmp(open->items[j]->text, key->text) == 0;
        if (dup) {
            io_error(c, key->line, key->col, "duplicate key '%s' in open",
                     key->text);
            continue;
        }
        if (io_yv_weekdays(c, key, "open", &days) < 0)
            continue;
        if (MR_PUSH(s, openings, &k) != MR_OK) {
            c->oom = 1;
            return;
        }
        s->openings[k].days = days;
        s->openings[k].loc = io_loc(c, key->line, key->col);
        {
            /* the periods list under this key, read through a one-pair map */
            io_ynode *pair[2] = {(io_ynode *)key, (io_ynode *)val};
            io_ynode map = {IO_YMAP, key->line, key->col, 0, NULL, pair, 2, 2};
            if (io_y_is_null(val))
                io_error(c, key->line, key->col, "expected a sequence of "
                         "period ids for '%s'", key->text);
            else
                io_y_ref_list(c, &map, key->text, IO_ID,
                              &s->openings[k].periods);
        }
    }
}

/* Reads the rooms of site k into m->rooms, contiguously. */
static void read_rooms(io_ctx *c, int site, const io_ynode *v)
{
    mr_model *m = c->m;
    m->sites[site].first_room = m->n_rooms;
    m->sites[site].n_rooms = 0;
    FOR_ITEMS(c, v, "rooms", r, i) {
        const char *id = NULL, *kind = NULL;
        int k;
        if (!io_y_map(c, r, "room", KEYS("id", "kind"), KEYS("id", "kind")))
            continue;
        io_y_id(c, r, "id", IO_ID, &id);
        io_y_id(c, r, "kind", IO_NAME, &kind);
        if (id == NULL || kind == NULL)
            continue;
        if (MR_PUSH(m, rooms, &k) != MR_OK) {
            c->oom = 1;
            return;
        }
        io_set_str(c, &m->rooms[k].id, id);
        io_set_str(c, &m->rooms[k].kind, kind);
        m->rooms[k].site = site;
        m->rooms[k].loc = io_loc(c, r->line, r->col);
        m->sites[site].n_rooms++;
    }
}

static void drop_site(mr_model *m, int k)
{
    mr_site *s = &m->sites[k];
    /* the slots are reused by the next site's rooms: leave them zeroed */
    for (int r = s->first_room; r < m->n_rooms; r++) {
        mr_free(m->rooms[r].id);
        mr_free(m->rooms[r].kind);
        memset(&m->rooms[r], 0, sizeof m->rooms[r]);
    }
    m->n_rooms = s->first_room;
    mr_free(s->id);
    mr_free(s->name);
    mr_ref_clear(&s->pcn);
    for (int i = 0; i < s->n_openings; i++)
        mr_ref_list_clear(&s->openings[i].periods);
    mr_free(s->openings);
    memset(s, 0, sizeof *s);
    m->n_sites--;
}

static void read_sites(io_ctx *c, const io_ynode *root)
{
    mr_model *m = c->m;
    FOR_ITEMS(c, root, "sites", v, i) {
        const char *id = NULL, *name = NULL;
        const io_ynode *open;
        mr_site *s;
        int k;
        if (!io_y_map(c, v, "site", KEYS("id", "name", "kind", "pcn",
                      "imd_decile", "open", "rooms"), KEYS("id", "kind")))
            continue;
        if (MR_PUSH(m, sites, &k) != MR_OK) {
            c->oom = 1;
            return;
        }
        s = &m->sites[k];
        s->pcn.index = -1;
        s->imd_decile = 5;
        s->loc = io_loc(c, v->line, v->col);
        io_y_id(c, v, "id", IO_ID, &id);
        io_set_str(c, &s->id, id);
        io_y_str(c, v, "name", &name);
        io_set_str(c, &s->name, name ? name : id);
        if (io_y_get(v, "kind") != NULL)
            io_yv_enum(c, io_y_get(v, "kind"), "site kind", KINDS,
                       MR_N_SITE_KINDS, &s->kind);
        io_y_ref(c, v, "pcn", IO_ID, &s->pcn);
        io_y_int(c, v, "imd_decile", 1, 10, &s->imd_decile);
        if ((open = io_y_get(v, "open")) != NULL)
            read_open(c, s, open);
        read_rooms(c, k, v);
        if (id == NULL || c->oom)
            drop_site(m, k);
    }
}

static void read_pcns(io_ctx *c, const io_ynode *root)
{
    mr_model *m = c->m;
    FOR_ITEMS(c, root, "pcns", v, i) {
        const char *id = NULL, *name = NULL;
        int fcp = 0, k;
        if (!io_y_map(c, v, "pcn", KEYS("id", "name", "fcp_sessions_per_week"),
                      KEYS("id")))
            continue;
        io_y_id(c, v, "id", IO_ID, &id);
        io_y_str(c, v, "name", &name);
        io_y_int(c, v, "fcp_sessions_per_week", 0, 100, &fcp);
        if (id == NULL)
            continue;
        if (MR_PUSH(m, pcns, &k) != MR_OK) {
            c->oom = 1;
            return;
        }
        io_set_str(c, &m->pcns[k].id, id);
        io_set_str(c, &m->pcns[k].name, name ? name : id);
        m->pcns[k].fcp_sessions_per_week = fcp;
        m->pcns[k].loc = io_loc(c, v->line, v->col);
    }
}

static void drop_staff(mr_model *m, int k)
{
    mr_staff *s = &m->staff[k];
    mr_free(s->id);
    mr_free(s->name);
    mr_ref_list_clear(&s->skills);
    mr_ref_clear(&s->specialism);
    mr_ref_list_clear(&s->periods);
    mr_ref_clear(&s->home_site);
    mr_ref_list_clear(&s->sites);
    memset(s, 0, sizeof *s);
    m->n_staff--;
}

static void read_staff(io_ctx *c, const io_ynode *root)
{
    mr_model *m = c->m;
    FOR_ITEMS(c, root, "staff", v, i) {
        const char *id = NULL, *name = NULL;
        mr_staff *s;
        int k;
        if (!io_y_map(c, v, "staff", KEYS("id", "name", "role", "skills",
                      "specialism", "sessions_per_week", "days", "periods",
                      "max_evenings", "home_site", "sites"),
                      KEYS("id", "role", "sessions_per_week", "home_site")))
            continue;
        if (MR_PUSH(m, staff, &k) != MR_OK) {
            c->oom = 1;
            return;
        }
        s = &m->staff[k];
        s->specialism.index = s->home_site.index = -1;
        s->days = MR_MON_FRI;
        s->loc = io_loc(c, v->line, v->col);
        io_y_id(c, v, "id", IO_ID, &id);
        io_set_str(c, &s->id, id);
        io_y_str(c, v, "name", &name);
        io_set_str(c, &s->name, name ? name : id);
        io_y_enum(c, v, "role", ROLES, MR_N_ROLES, &s->role);
        io_y_ref_list(c, v, "skills", IO_NAME, &s->skills);
        io_y_ref(c, v, "specialism", IO_NAME, &s->specialism);
        io_y_num(c, v, "sessions_per_week", 0, 100, &s->sessions_per_week);
        io_y_weekdays(c, v, "days", &s->days);
        s->periods_given = io_y_key(v, "periods") != NULL
                           && io_y_get(v, "periods") != NULL;
        io_y_ref_list(c, v, "periods", IO_ID, &s->periods);
        io_y_int(c, v, "max_evenings", 0, 62, &s->max_evenings);
        io_y_ref(c, v, "home_site", IO_ID, &s->home_site);
        io_y_ref_list(c, v, "sites", IO_ID, &s->sites);
        if (id == NULL || c->oom)
            drop_staff(m, k);
    }
}

/* An entry of activities or appointment_types given twice in the file. */
static int defined_twice(io_ctx *c, const io_ynode *v, const char *id,
                         mr_loc prev, const char *what)
{
    if (prev.file != c->file)
        return 0;
    io_error(c, v->line, v->col, "%s '%s' is defined twice (first at line "
             "%d)", what, id, prev.line);
    return 1;
}

/* A list of enum names into a bit mask. */
static int read_mask(io_ctx *c, const io_ynode *v, const char *key,
                     const char *item, const char *const *names, int n,
                     unsigned *out)
{
    const io_ynode *l = io_y_get(v, key);
    unsigned mask = 0;
    int bad = 0, x;
    if (l == NULL)
        return 0;
    if (l->kind != IO_YSEQ) {
        io_error(c, l->line, l->col, "expected a sequence for '%s', got %s",
                 key, io_ykind_name(l));
        return -1;
    }
    for (int i = 0; i < l->n_items; i++) {
        if (io_yv_enum(c, l->items[i], item, names, n, &x) < 0)
            bad = 1;
        else
            mask |= 1u << x;
    }
    if (bad)
        return -1;
    *out = mask;
    return 1;
}

static void read_room_kinds(io_ctx *c, mr_activity *a, const io_ynode *l)
{
    const io_ynode *one[1] = {l};
    const io_ynode *const *items = one;
    int n = 1;
    char **kinds;

    if (l->kind == IO_YSEQ) {
        items = (const io_ynode *const *)l->items;
        n = l->n_items;
    } else if (l->kind != IO_YSCALAR) {
        io_error(c, l->line, l->col, "expected a sequence of room kinds for "
                 "'rooms', got %s", io_ykind_name(l));
        return;
    }
    if ((kinds = mr_calloc((size_t)n + 1, sizeof *kinds)) == NULL) {
        c->oom = 1;
        return;
    }
    for (int i = 0; i < a->n_room_kinds; i++)
        mr_free(a->room_kinds[i]);
    mr_free(a->room_kinds);
    a->room_kinds = kinds;
    a->n_room_kinds = 0;
    for (int i = 0; i < n; i++) {
        const char *k;
        if (io_yv_id(c, items[i], "rooms", IO_NAME, &k) < 0)
            continue;
        io_set_str(c, &kinds[a->n_room_kinds], k);
        if (kinds[a->n_room_kinds] != NULL)
            a->n_room_kinds++;
    }
}

static void read_activities(io_ctx *c, const io_ynode *root)
{
    mr_model *m = c->m;
    FOR_ITEMS(c, root, "activities", v, i) {
        const char *id = NULL;
        const io_ynode *rooms;
        mr_activity *a;
        int k;
        if (!io_y_map(c, v, "activity", KEYS("id", "roles", "skill",
                      "site_kinds", "rooms", "counts_as", "desk"), KEYS("id"))
            || io_y_id(c, v, "id", IO_NAME, &id) <= 0)
            continue;
        if ((k = mr_find_activity(m, id)) >= 0) {
            if (defined_twice(c, v, id, m->activities[k].loc, "activity"))
                continue;
        } else {
            static const char *const NEED[] = {"roles", "site_kinds",
                                               "counts_as"};
            for (int j = 0; j < 3; j++)
                if (io_y_get(v, NEED[j]) == NULL)
                    io_error(c, v->line, v->col, "missing required key '%s' "
                             "in new activity '%s' (only a default activity "
                             "may leave it out)", NEED[j], id);
            if (MR_PUSH(m, activities, &k) != MR_OK) {
                c->oom = 1;
                return;
            }
            m->activities[k].skill.index = -1;
            m->activities[k].counts_as = MR_CLINICAL;
            io_set_str(c, &m->activities[k].id, id);
        }
        a = &m->activities[k];
        a->loc = io_loc(c, v->line, v->col);
        read_mask(c, v, "roles", "role", ROLES, MR_N_ROLES, &a->roles);
        if (io_y_key(v, "skill") != NULL && io_y_get(v, "skill") == NULL)
            mr_ref_clear(&a->skill);        /* "skill:" with no value: none */
        io_y_ref(c, v, "skill", IO_NAME, &a->skill);
        read_mask(c, v, "site_kinds", "site kind", KINDS, MR_N_SITE_KINDS,
                  &a->site_kinds);
        if ((rooms = io_y_get(v, "rooms")) != NULL)
            read_room_kinds(c, a, rooms);
        else if (io_y_key(v, "rooms") != NULL)
            read_room_kinds(c, a, &(io_ynode){IO_YSEQ, v->line, v->col, 0,
                                               NULL, NULL, 0, 0});
        if (io_y_get(v, "counts_as") != NULL)
            io_yv_enum(c, io_y_get(v, "counts_as"), "counts_as value",
                       COUNTS_AS, 3, &a->counts_as);
        io_y_bool(c, v, "desk", &a->desk);
    }
}

static void read_appt_types(io_ctx *c, const io_ynode *root)
{
    mr_model *m = c->m;
    FOR_ITEMS(c, root, "appointment_types", v, i) {
        const char *id = NULL;
        mr_appt_type *t;
        int k;
        if (!io_y_map(c, v, "appointment type", KEYS("id", "minutes",
                      "activities", "capacity"), KEYS("id"))
            || io_y_id(c, v, "id", IO_NAME, &id) <= 0)
            continue;
        if ((k = mr_find_appt_type(m, id)) >= 0) {
            if (defined_twice(c, v, id, m->appt_types[k].loc,
                              "appointment type"))
                continue;
        } else {
            if (io_y_get(v, "minutes") == NULL)
                io_error(c, v->line, v->col, "missing required key 'minutes' "
                         "in new appointment type '%s'", id);
            if (io_y_get(v, "activities") == NULL)
                io_error(c, v->line, v->col, "missing required key "
                         "'activities' in new appointment type '%s'", id);
            if (MR_PUSH(m, appt_types, &k) != MR_OK) {
                c->oom = 1;
                return;
            }
            m->appt_types[k].capacity = 1;
            m->appt_types[k].minutes = 30;
            io_set_str(c, &m->appt_types[k].id, id);
        }
        t = &m->appt_types[k];
        t->loc = io_loc(c, v->line, v->col);
        io_y_int(c, v, "minutes", 1, 1440, &t->minutes);
        io_y_int(c, v, "capacity", 1, 1000, &t->capacity);
        if (io_y_get(v, "activities") != NULL) {
            mr_ref_list_clear(&t->activities);
            io_y_ref_list(c, v, "activities", IO_NAME, &t->activities);
        }
    }
}

static void read_rules(io_ctx *c, const io_ynode *root)
{
    const io_ynode *v;
    mr_rules *r = &c->m->rules;
    mr_ea_rules *e = &c->m->ea;

    if ((v = io_y_get(root, "rules")) != NULL
        && io_y_map(c, v, "rules", KEYS("max_sessions_per_day",
                    "max_consecutive_days", "min_rest_hours",
                    "max_sites_per_day", "specialist_share", "request_budget",
                    "session_buffer_minutes", "request_deadline_day"), NULL)) {
        io_y_int(c, v, "max_sessions_per_day", 1, MR_MAX_PERIODS,
                 &r->max_sessions_per_day);
        io_y_int(c, v, "max_consecutive_days", 1, 366,
                 &r->max_consecutive_days);
        io_y_num(c, v, "min_rest_hours", 0, 24, &r->min_rest_hours);
        io_y_int(c, v, "max_sites_per_day", 1, 100, &r->max_sites_per_day);
        io_y_num(c, v, "specialist_share", 0, 1, &r->specialist_share);
        io_y_int(c, v, "request_budget", 0, 1000, &r->request_budget);
        io_y_int(c, v, "session_buffer_minutes", 0, 1440,
                 &r->session_buffer_minutes);
        io_y_int(c, v, "request_deadline_day", 1, 31,
                 &r->request_deadline_day);
    }
    if ((v = io_y_get(root, "employment_advice")) != NULL
        && io_y_map(c, v, "employment_advice", KEYS(
                    "new_clients_per_adviser_max", "senior_share",
                    "first_appointment_within_days"), NULL)) {
        io_y_int(c, v, "new_clients_per_adviser_max", 0, 10000,
                 &e->new_clients_per_adviser_max);
        io_y_num(c, v, "senior_share", 0, 1, &e->senior_share);
        io_y_int(c, v, "first_appointment_within_days", 0, 366,
                 &e->first_appointment_within_days);
    }
}

static void read_weights(io_ctx *c, const io_ynode *root)
{
    static const char *const W[] = {
        "cover", "pcn", "demand", "deprivation", "preference", "fairness",
        "specialism", "ea_unallocated", "change", "carry_over", NULL
    };
    mr_weights *w = &c->m->weights;
    double *slot[] = {
        &w->cover, &w->pcn, &w->demand, &w->deprivation, &w->preference,
        &w->fairness, &w->specialism, &w->ea_unallocated, &w->change,
        &w->carry_over
    };
    const io_ynode *v = io_y_get(root, "weights");
    if (v == NULL || !io_y_map(c, v, "weights", W, NULL))
        return;
    for (int i = 0; W[i] != NULL; i++)
        io_y_num(c, v, W[i], 0, 1e9, slot[i]);
}

static void free_cover(mr_cover *e)
{
    mr_ref_clear(&e->site);
    mr_ref_clear(&e->activity);
    mr_ref_clear(&e->specialty);
    mr_ref_list_clear(&e->periods);
}

/* A cover entry with any problem is left out: nothing refers to it, and
 * leaving it out spares the resolver from reporting it again. */
static void read_cover(io_ctx *c, const io_ynode *root)
{
    mr_model *m = c->m;
    FOR_ITEMS(c, root, "cover", v, i) {
        mr_cover e;
        int k, errors = c->d->n_errors;
        if (!io_y_map(c, v, "cover entry", KEYS("site", "activity",
                      "specialty", "days", "periods", "min", "weight", "hard"),
                      KEYS("site", "activity", "periods", "min")))
            continue;
        memset(&e, 0, sizeof e);
        e.site.index = e.activity.index = e.specialty.index = -1;
        e.days = MR_MON_FRI;
        e.weight = -1;
        e.loc = io_loc(c, v->line, v->col);
        io_y_ref(c, v, "site", IO_ID, &e.site);
        io_y_ref(c, v, "activity", IO_NAME, &e.activity);
        io_y_ref(c, v, "specialty", IO_NAME, &e.specialty);
        io_y_weekdays(c, v, "days", &e.days);
        io_y_ref_list(c, v, "periods", IO_ID, &e.periods);
        io_y_int(c, v, "min", 0, 1000, &e.min);
        io_y_num(c, v, "weight", 0, 1e9, &e.weight);
        io_y_bool(c, v, "hard", &e.hard);
        if (c->d->n_errors > errors || c->oom
            || MR_PUSH(m, cover, &k) != MR_OK) {
            c->oom |= c->d->n_errors == errors;
            free_cover(&e);
            continue;
        }
        m->cover[k] = e;
    }
}

void io_service_read(io_ctx *c, const io_ynode *root)
{
    if (!io_y_map(c, root, "service.yaml", KEYS("service", "periods",
                  "closed_dates", "sites", "pcns", "staff", "activities",
                  "appointment_types", "rules", "employment_advice", "cover",
                  "weights"), KEYS("service", "periods", "sites", "staff")))
        return;
    read_service(c, root);
    read_periods(c, root);
    read_closed(c, root);
    read_sites(c, root);
    read_pcns(c, root);
    read_staff(c, root);
    read_activities(c, root);
    read_appt_types(c, root);
    read_rules(c, root);
    read_weights(c, root);
    read_cover(c, root);
}
