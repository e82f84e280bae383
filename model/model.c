/* The model: creation with SPEC.md defaults, destruction, references and
 * lookups. */
#include "model.h"

#include <string.h>

#include "alloc.h"
#include "date.h"

static const char *const ROLE_NAMES[MR_N_ROLES] = {
    "physio", "ot", "set", "ti", "ea", "sea"
};
static const char *const SITE_KIND_NAMES[MR_N_SITE_KINDS] = {
    "hub", "community", "practice", "remote"
};

#define ROLE(r) (1u << MR_ROLE_##r)
#define KIND(k) (1u << MR_SITE_##k)

/* The default activity catalogue of SPEC.md section 3. */
static const struct {
    const char *id;
    unsigned roles;
    const char *skill;
    unsigned kinds;
    const char *rooms[2];
    int n_rooms;
    int counts_as;
    int desk;
} CATALOGUE[] = {
    {"clinic", ROLE(PHYSIO) | ROLE(OT) | ROLE(SET), NULL,
     KIND(HUB) | KIND(COMMUNITY), {"treatment"}, 1, MR_CLINICAL, 0},
    {"drop_in", ROLE(PHYSIO) | ROLE(OT) | ROLE(SET), NULL,
     KIND(HUB) | KIND(COMMUNITY), {"treatment"}, 1, MR_CLINICAL, 0},
    {"group", ROLE(PHYSIO) | ROLE(SET) | ROLE(TI), "group",
     KIND(HUB) | KIND(COMMUNITY), {"gym"}, 1, MR_CLINICAL, 0},
    {"fcp", ROLE(PHYSIO), "fcp", KIND(PRACTICE), {"consult"}, 1,
     MR_CLINICAL, 0},
    {"triage", ROLE(PHYSIO) | ROLE(OT), NULL, KIND(REMOTE), {NULL}, 0,
     MR_CLINICAL, 0},
    {"ea", ROLE(EA) | ROLE(SEA), NULL, KIND(HUB) | KIND(COMMUNITY),
     {"consult", "treatment"}, 2, MR_ADVICE, 0},
    {"admin", (1u << MR_N_ROLES) - 1, NULL, (1u << MR_N_SITE_KINDS) - 1,
     {NULL}, 0, MR_NON_CLINICAL, 1},
};

/* The default appointment types of SPEC.md section 6. */
static const struct {
    const char *id;
    int minutes;
    const char *activity;
    int capacity;
} APPT_TYPES[] = {
    {"initial", 45, "clinic", 1},  {"follow_up", 30, "clinic", 1},
    {"fcp", 20, "fcp", 1},         {"drop_in", 20, "drop_in", 1},
    {"group", 60, "group", 8},     {"ea_first", 60, "ea", 1},
    {"ea_review", 45, "ea", 1},
};

char *mr_strdup(const char *s)
{
    size_t n;
    char *c;
    if (s == NULL)
        return NULL;
    n = strlen(s) + 1;
    if ((c = mr_malloc(n)) != NULL)
        memcpy(c, s, n);
    return c;
}

int mr_array_grow(void **items, int *cap, int n, size_t size)
{
    int ncap;
    char *p;
    if (n < *cap)
        return MR_OK;
    if (*cap > (1 << 28))
        return MR_ENOMEM;
    ncap = *cap ? *cap * 2 : 8;
    if ((p = mr_realloc(*items, (size_t)ncap * size)) == NULL)
        return MR_ENOMEM;
    memset(p + (size_t)*cap * size, 0, (size_t)(ncap - *cap) * size);
    *items = p;
    *cap = ncap;
    return MR_OK;
}

int mr_ref_set(mr_ref *r, const char *id, mr_loc loc)
{
    char *c = mr_strdup(id);
    if (id != NULL && c == NULL)
        return MR_ENOMEM;
    mr_free(r->id);
    r->id = c;
    r->loc = loc;
    r->index = -1;
    return MR_OK;
}

int mr_ref_index(const mr_model *m, const mr_ref *r,
                 int (*find)(const mr_model *, const char *))
{
    if (r->id == NULL)
        return -1;
    return r->index >= 0 ? r->index : find(m, r->id);
}

int mr_ref_list_add(mr_ref_list *l, const char *id, mr_loc loc)
{
    int i;
    if (MR_PUSH(l, items, &i) != MR_OK)
        return MR_ENOMEM;
    if (mr_ref_set(&l->items[i], id, loc) != MR_OK) {
        l->n_items--;
        return MR_ENOMEM;
    }
    return MR_OK;
}

void mr_ref_clear(mr_ref *r)
{
    mr_free(r->id);
    r->id = NULL;
    r->index = -1;
}

void mr_ref_list_clear(mr_ref_list *l)
{
    for (int i = 0; i < l->n_items; i++)
        mr_ref_clear(&l->items[i]);
    mr_free(l->items);
    memset(l, 0, sizeof *l);
}

static int add_defaults(mr_model *m)
{
    mr_loc none = {-1, 0, 0};
    int i;

    for (size_t k = 0; k < sizeof CATALOGUE / sizeof CATALOGUE[0]; k++) {
        mr_activity *a;
        if (MR_PUSH(m, activities, &i) != MR_OK)
            return MR_ENOMEM;
        a = &m->activities[i];
        a->skill.index = -1;
        a->loc = none;
        if ((a->id = mr_strdup(CATALOGUE[k].id)) == NULL)
            return MR_ENOMEM;
        a->roles = CATALOGUE[k].roles;
        a->site_kinds = CATALOGUE[k].kinds;
        a->counts_as = CATALOGUE[k].counts_as;
        a->desk = CATALOGUE[k].desk;
        if (CATALOGUE[k].skill != NULL
            && mr_ref_set(&a->skill, CATALOGUE[k].skill, none) != MR_OK)
            return MR_ENOMEM;
        if (CATALOGUE[k].n_rooms > 0) {
            a->room_kinds = mr_calloc((size_t)CATALOGUE[k].n_rooms,
                                      sizeof(char *));
            if (a->room_kinds == NULL)
                return MR_ENOMEM;
            for (int r = 0; r < CATALOGUE[k].n_rooms; r++) {
                if ((a->room_kinds[r] = mr_strdup(CATALOGUE[k].rooms[r])) == NULL)
                    return MR_ENOMEM;
                a->n_room_kinds++;
            }
        }
    }
    for (size_t k = 0; k < sizeof APPT_TYPES / sizeof APPT_TYPES[0]; k++) {
        mr_appt_type *t;
        if (MR_PUSH(m, appt_types, &i) != MR_OK)
            return MR_ENOMEM;
        t = &m->appt_types[i];
        t->loc = none;
        if ((t->id = mr_strdup(APPT_TYPES[k].id)) == NULL)
            return MR_ENOMEM;
        t->minutes = APPT_TYPES[k].minutes;
        t->capacity = APPT_TYPES[k].capacity;
        if (mr_ref_list_add(&t->activities, APPT_TYPES[k].activity, none) != MR_OK)
            return MR_ENOMEM;
    }
    return MR_OK;
}

int mr_model_new(mr_model **out)
{
    mr_model *m;

    *out = NULL;
    if ((m = mr_calloc(1, sizeof *m)) == NULL)
        return MR_ENOMEM;
    m->evening = -1;
    m->rules = (mr_rules){2, 5, 11.0, 1, 0.2, 20, 30, 7};
    m->ea = (mr_ea_rules){10, 0.10, 10};
    m->weights = (mr_weights){100, 200, 1, 0.1, 50, 200, 20, 50, 30, 0.5};
    if (add_defaults(m) != MR_OK) {
        mr_model_free(m);
        return MR_ENOMEM;
    }
    *out = m;
    return MR_OK;
}

static void free_site(mr_site *s)
{
    mr_free(s->id);
    mr_free(s->name);
    mr_ref_clear(&s->pcn);
    for (int i = 0; i < s->n_openings; i++)
        mr_ref_list_clear(&s->openings[i].periods);
    mr_free(s->openings);
}

static void free_staff(mr_staff *s)
{
    mr_free(s->id);
    mr_free(s->name);
    mr_ref_list_clear(&s->skills);
    mr_ref_clear(&s->specialism);
    mr_ref_list_clear(&s->periods);
    mr_ref_clear(&s->home_site);
    mr_ref_list_clear(&s->sites);
    mr_free(s->may_work);
}

static void free_activity(mr_activity *a)
{
    mr_free(a->id);
    mr_ref_clear(&a->skill);
    for (int i = 0; i < a->n_room_kinds; i++)
        mr_free(a->room_kinds[i]);
    mr_free(a->room_kinds);
}

static void free_request(mr_request *r)
{
    mr_ref_clear(&r->period);
    mr_ref_clear(&r->site);
    mr_ref_clear(&r->activity);
}

void mr_model_free(mr_model *m)
{
    if (m == NULL)
        return;
    mr_free(m->dir);
    mr_free(m->service_name);
    mr_free(m->timezone);
    for (int i = 0; i < m->n_files; i++)
        mr_free(m->files[i]);
    mr_free(m->files);
    for (int i = 0; i < m->n_periods; i++)
        mr_free(m->periods[i].id);
    mr_free(m->periods);
    mr_free(m->closed_dates);
    mr_free(m->due_fixed);
    for (int i = 0; i < m->n_sites; i++)
        free_site(&m->sites[i]);
    mr_free(m->sites);
    for (int i = 0; i < m->n_rooms; i++) {
        mr_free(m->rooms[i].id);
        mr_free(m->rooms[i].kind);
    }
    mr_free(m->rooms);
    for (int i = 0; i < m->n_pcns; i++) {
        mr_free(m->pcns[i].id);
        mr_free(m->pcns[i].name);
    }
    mr_free(m->pcns);
    for (int i = 0; i < m->n_staff; i++)
        free_staff(&m->staff[i]);
    mr_free(m->staff);
    for (int i = 0; i < m->n_skills; i++)
        mr_free(m->skills[i]);
    mr_free(m->skills);
    for (int i = 0; i < m->n_activities; i++)
        free_activity(&m->activities[i]);
    mr_free(m->activities);
    for (int i = 0; i < m->n_appt_types; i++) {
        mr_free(m->appt_types[i].id);
        mr_ref_list_clear(&m->appt_types[i].activities);
    }
    mr_free(m->appt_types);
    for (int i = 0; i < m->n_cover; i++) {
        mr_ref_clear(&m->cover[i].site);
        mr_ref_clear(&m->cover[i].activity);
        mr_ref_clear(&m->cover[i].specialty);
        mr_ref_list_clear(&m->cover[i].periods);
    }
    mr_free(m->cover);
    for (int i = 0; i < m->n_prefs; i++) {
        mr_ref_clear(&m->prefs[i].staff);
        mr_free(m->prefs[i].month);
    }
    mr_free(m->prefs);
    for (int i = 0; i < m->n_requests; i++)
        free_request(&m->requests[i]);
    mr_free(m->requests);
    for (int i = 0; i < m->n_absences; i++) {
        mr_ref_clear(&m->absences[i].staff);
        mr_free(m->absences[i].kind);
    }
    mr_free(m->absences);
    for (int i = 0; i < m->n_demand; i++) {
        mr_ref_clear(&m->demand[i].site);
        mr_ref_clear(&m->demand[i].pcn);
        mr_ref_clear(&m->demand[i].type);
    }
    mr_free(m->demand);
    for (int i = 0; i < m->n_referrals; i++) {
        mr_referral *r = &m->referrals[i];
        mr_free(r->id);
        mr_ref_clear(&r->site);
        mr_free(r->pathway);
        mr_free(r->employment_status);
        mr_ref_clear(&r->adviser);
    }
    mr_free(m->referrals);
    mr_free(m->closed);
    mr_free(m);
}

int mr_model_add_file(mr_model *m, const char *path, int *out)
{
    int i;
    char *c = mr_strdup(path);
    if (c == NULL || MR_PUSH(m, files, &i) != MR_OK) {
        mr_free(c);
        return MR_ENOMEM;
    }
    m->files[i] = c;
    *out = i;
    return MR_OK;
}

void mr_model_set_month(mr_model *m, int year, int month)
{
    m->month.year = year;
    m->month.month = month;
    m->month.first_day = mr_days_from_civil(year, month, 1);
    m->month.n_days = mr_days_in_month(year, month);
}

const char *mr_loc_file(const mr_model *m, mr_loc loc)
{
    if (loc.file < 0 || loc.file >= m->n_files)
        return NULL;
    return m->files[loc.file];
}

#define FIND(fn, arr, n, field)                                  \
    int fn(const mr_model *m, const char *id)                    \
    {                                                            \
        for (int i = 0; id != NULL && i < m->n; i++)             \
            if (m->arr[i]field != NULL                           \
                && strcmp(m->arr[i]field, id) == 0)              \
                return i;                                        \
        return -1;                                               \
    }

FIND(mr_find_period, periods, n_periods, .id)
FIND(mr_find_site, sites, n_sites, .id)
FIND(mr_find_room, rooms, n_rooms, .id)
FIND(mr_find_pcn, pcns, n_pcns, .id)
FIND(mr_find_staff, staff, n_staff, .id)
FIND(mr_find_skill, skills, n_skills, )
FIND(mr_find_activity, activities, n_activities, .id)
FIND(mr_find_appt_type, appt_types, n_appt_types, .id)

const char *mr_role_name(int role)
{
    return role >= 0 && role < MR_N_ROLES ? ROLE_NAMES[role] : "?";
}

int mr_role_parse(const char *s)
{
    for (int i = 0; s != NULL && i < MR_N_ROLES; i++)
        if (strcmp(s, ROLE_NAMES[i]) == 0)
            return i;
    return -1;
}

const char *mr_site_kind_name(int kind)
{
    return kind >= 0 && kind < MR_N_SITE_KINDS ? SITE_KIND_NAMES[kind] : "?";
}

int mr_site_kind_parse(const char *s)
{
    for (int i = 0; s != NULL && i < MR_N_SITE_KINDS; i++)
        if (strcmp(s, SITE_KIND_NAMES[i]) == 0)
            return i;
    return -1;
}
