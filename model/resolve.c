/* Resolution and validation of a raw service (SPEC 2.1, 3, 6): every id a
 * reader stored is turned into an index, the derived masks are filled
 * (period masks, site openings, where each person may work, the skill
 * table), and every rule that spans entities is checked. Problems are
 * collected, not returned, so one run reports them all, each at the place
 * of the offending item. The month's inputs are done in resolve_month.c. */
#include "model.h"

#include <stddef.h>
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "derive.h"
#include "resolve_util.h"

static unsigned all_periods(int n)
{
    return n >= MR_MAX_PERIODS ? 0xFFFFFFFFu : (1u << n) - 1u;
}

static void free_activity(mr_activity *a)
{
    mr_free(a->id);
    mr_ref_clear(&a->skill);
    for (int i = 0; i < a->n_room_kinds; i++)
        mr_free(a->room_kinds[i]);
    mr_free(a->room_kinds);
}

static void free_appt_type(mr_appt_type *t)
{
    mr_free(t->id);
    mr_ref_list_clear(&t->activities);
}

/* service.yaml may override a default activity or appointment type by
 * writing one with its id. Should a reader append it rather than replace
 * the default, the written one takes the default's place here, so indices
 * of the catalogue stay put and the override is not a duplicate. */
static void merge_overrides(mr_model *m)
{
    for (int i = 0; i < m->n_activities; i++) {
        if (m->activities[i].loc.file < 0 || m->activities[i].id == NULL)
            continue;
        for (int j = 0; j < i; j++) {
            if (m->activities[j].loc.file >= 0
                || strcmp(m->activities[j].id, m->activities[i].id) != 0)
                continue;
            free_activity(&m->activities[j]);
            m->activities[j] = m->activities[i];
            memmove(&m->activities[i], &m->activities[i + 1],
                    (size_t)(m->n_activities - i - 1) * sizeof *m->activities);
            m->n_activities--;
            i--;
            break;
        }
    }
    for (int i = 0; i < m->n_appt_types; i++) {
        if (m->appt_types[i].loc.file < 0 || m->appt_types[i].id == NULL)
            continue;
        for (int j = 0; j < i; j++) {
            if (m->appt_types[j].loc.file >= 0
                || strcmp(m->appt_types[j].id, m->appt_types[i].id) != 0)
                continue;
            free_appt_type(&m->appt_types[j]);
            m->appt_types[j] = m->appt_types[i];
            memmove(&m->appt_types[i], &m->appt_types[i + 1],
                    (size_t)(m->n_appt_types - i - 1) * sizeof *m->appt_types);
            m->n_appt_types--;
            i--;
            break;
        }
    }
}

/* The file rules and weights came from (they carry no place of their own):
 * service.yaml if registered, else the file of the first period. */
static int service_file(const mr_model *m)
{
    for (int i = 0; i < m->n_files; i++) {
        const char *f = m->files[i];
        size_t n = f ? strlen(f) : 0;
        if (n >= 12 && strcmp(f + n - 12, "service.yaml") == 0
            && (n == 12 || f[n - 13] == '/'))
            return i;
    }
    return m->n_periods > 0 ? m->periods[0].loc.file : -1;
}

static int add_skill(mr_model *m, const char *s)
{
    char *c;
    int i;
    if ((c = mr_strdup(s)) == NULL)
        return MR_ENOMEM;
    if (MR_PUSH(m, skills, &i) != MR_OK) {
        mr_free(c);
        return MR_ENOMEM;
    }
    m->skills[i] = c;
    return MR_OK;
}

/* The skill table: first every name someone holds (skills, specialisms),
 * then the skills activities require that nobody holds, so that every
 * activity's skill has an index and "held" is simply index < n_held. Each
 * name once, in the order first written; found by sorting, not by a
 * search per name (a hostile service may name 30000 skills). */
static int build_skills(mr_rv *rv)
{
    mr_model *m = rv->m;
    const char **all;
    int *first = NULL, n = 0, n_staff_names, total = m->n_activities, rc;

    for (int i = 0; i < m->n_skills; i++)
        mr_free(m->skills[i]);
    m->n_skills = 0;
    for (int p = 0; p < m->n_staff; p++)
        total += m->staff[p].skills.n_items + 1;
    if ((all = mr_malloc((size_t)(total > 0 ? total : 1) * sizeof *all))
        == NULL)
        return MR_ENOMEM;
    for (int p = 0; p < m->n_staff; p++) {
        mr_staff *s = &m->staff[p];
        for (int k = 0; k < s->skills.n_items; k++)
            if (s->skills.items[k].id != NULL)
                all[n++] = s->skills.items[k].id;
        if (s->specialism.id != NULL)
            all[n++] = s->specialism.id;
    }
    n_staff_names = n;
    for (int a = 0; a < m->n_activities; a++)
        if (m->activities[a].skill.id != NULL)
            all[n++] = m->activities[a].skill.id;
    rc = mr_rv_first_same(all, n, sizeof *all, 0, &first);
    rv->n_held = 0;
    for (int i = 0; i < n && rc == MR_OK; i++) {
        if (first[i] >= 0)
            continue;               /* written before */
        rc = add_skill(m, all[i]);
        if (i < n_staff_names)
            rv->n_held = m->n_skills;
    }
    mr_free(first);
    mr_free(all);
    return rc;
}

#define NAMES(t, arr, n, type)                                           \
    mr_rv_names_build(t, arr, n, sizeof(type), offsetof(type, id))

static int build_tables(mr_rv *rv)
{
    mr_model *m = rv->m;
    if (NAMES(&rv->periods, m->periods, m->n_periods, mr_period) != MR_OK
        || NAMES(&rv->sites, m->sites, m->n_sites, mr_site) != MR_OK
        || NAMES(&rv->pcns, m->pcns, m->n_pcns, mr_pcn) != MR_OK
        || NAMES(&rv->staff, m->staff, m->n_staff, mr_staff) != MR_OK
        || NAMES(&rv->activities, m->activities, m->n_activities,
                 mr_activity) != MR_OK
        || NAMES(&rv->types, m->appt_types, m->n_appt_types,
                 mr_appt_type) != MR_OK
        || mr_rv_names_build(&rv->held, m->skills, rv->n_held,
                             sizeof(char *), 0) != MR_OK
        || mr_rv_names_build(&rv->skills, m->skills, m->n_skills,
                             sizeof(char *), 0) != MR_OK)
        return MR_ENOMEM;
    rv->bad_site = mr_calloc((size_t)m->n_sites + 1, 1);
    rv->bad_staff = mr_calloc((size_t)m->n_staff + 1, 1);
    if (rv->bad_site == NULL || rv->bad_staff == NULL)
        return MR_ENOMEM;
    return MR_OK;
}

static void free_tables(mr_rv *rv)
{
    mr_free(rv->bad_site);
    mr_free(rv->bad_staff);
    rv->bad_site = rv->bad_staff = NULL;
    mr_rv_names_free(&rv->periods);
    mr_rv_names_free(&rv->sites);
    mr_rv_names_free(&rv->pcns);
    mr_rv_names_free(&rv->staff);
    mr_rv_names_free(&rv->activities);
    mr_rv_names_free(&rv->types);
    mr_rv_names_free(&rv->held);
    mr_rv_names_free(&rv->skills);
}

#define DUPS(rv, arr, n, type, what)                                     \
    mr_rv_duplicates(rv, arr, n, sizeof(type), offsetof(type, id),       \
                     offsetof(type, loc), what)

static void check_duplicates(mr_rv *rv)
{
    mr_model *m = rv->m;
    DUPS(rv, m->periods, m->n_periods, mr_period, "period");
    DUPS(rv, m->sites, m->n_sites, mr_site, "site");
    DUPS(rv, m->rooms, m->n_rooms, mr_room, "room");
    DUPS(rv, m->pcns, m->n_pcns, mr_pcn, "pcn");
    DUPS(rv, m->staff, m->n_staff, mr_staff, "staff");
    DUPS(rv, m->activities, m->n_activities, mr_activity, "activity");
    DUPS(rv, m->appt_types, m->n_appt_types, mr_appt_type,
         "appointment type");
}

/* Periods: each starts before it ends, no two overlap (touching is fine:
 * pm may end at 17:00 where eve starts), at most MR_MAX_PERIODS. */
static void check_periods(mr_rv *rv)
{
    mr_model *m = rv->m;
    char a[6], b[6], where[300];

    for (int i = 0; i < m->n_periods; i++) {
        mr_period *p = &m->periods[i];
        if (p->start < 0 || p->end < 0)
            continue;       /* an unreadable time: the reader said so */
        if (p->start >= p->end) {
            mr_time_format(p->start, a);
            mr_time_format(p->end, b);
            mr_rv_error(rv, p->loc, "period '%s' must start before it ends "
                        "(start %s, end %s)", p->id, a, b);
            continue;
        }
        for (int j = 0; j < i; j++) {
            mr_period *q = &m->periods[j];
            if (q->start < 0 || q->end < 0 || q->start >= q->end || (q->id && p->id && !strcmp(q->id, p->id)))
                continue;
            if (p->start < q->end && q->start < p->end) {
                mr_rv_place(rv, q->loc, p->loc, where, (int)sizeof where);
                mr_rv_error(rv, p->loc, "period '%s' overlaps period '%s' "
                            "(%s): periods must not overlap", p->id, q->id,
                            where);
                break;
            }
        }
    }
    if (m->n_periods > MR_MAX_PERIODS)
        mr_rv_error(rv, m->periods[MR_MAX_PERIODS].loc,
                    "too many periods: at most %d", MR_MAX_PERIODS);
    m->evening = mr_find_period(m, "eve");
}

/* Resolves a list of period ids into a mask. */
static unsigned period_mask(mr_rv *rv, mr_ref_list *l)
{
    unsigned mask = 0;
    for (int k = 0; k < l->n_items; k++) {
        int p = mr_rv_ref(rv, &l->items[k], &rv->periods, "period");
        if (p >= 0 && p < MR_MAX_PERIODS)
            mask |= 1u << p;
    }
    return mask;
}

static void resolve_sites(mr_rv *rv)
{
    mr_model *m = rv->m;

    for (int i = 0; i < m->n_sites; i++) {
        mr_site *s = &m->sites[i];
        int errors = rv->n_errors;
        if (s->kind == MR_SITE_PRACTICE) {
            if (s->pcn.id == NULL)
                mr_rv_error(rv, s->loc, "practice site '%s' has no pcn: "
                            "a practice belongs to a PCN", s->id);
            else
                mr_rv_ref(rv, &s->pcn, &rv->pcns, "pcn");
        } else if (s->pcn.id != NULL) {
            s->pcn.index = -1;
            mr_rv_error(rv, s->pcn.loc, "site '%s' is a %s site with a pcn: "
                        "only practice sites belong to a PCN", s->id,
                        mr_site_kind_name(s->kind));
        }
        memset(s->open, 0, sizeof s->open);
        for (int k = 0; k < s->n_openings; k++) {
            mr_opening *o = &s->openings[k];
            unsigned mask = period_mask(rv, &o->periods);
            for (int d = 0; d < 7; d++)
                if ((o->days >> d) & 1u)
                    s->open[d] |= mask;
        }
        rv->bad_site[i] = rv->n_errors > errors;
    }
}

/* The default periods of a person: am and pm, those of them the service
 * has; every period when it has neither. */
static unsigned default_periods(const mr_model *m)
{
    unsigned mask = 0;
    int am = mr_find_period(m, "am"), pm = mr_find_period(m, "pm");
    if (am >= 0 && am < MR_MAX_PERIODS)
        mask |= 1u << am;
    if (pm >= 0 && pm < MR_MAX_PERIODS)
        mask |= 1u << pm;
    return mask != 0 ? mask : all_periods(m->n_periods);
}

static void check_contract(mr_rv *rv, const mr_staff *s)
{
    int per_day = mr_popcount(s->pmask);
    int max_day = rv->m->rules.max_sessions_per_day;
    int days = mr_popcount(s->days);

    if (max_day < 1)
        return;              /* reported as a rules error */
    if (per_day > max_day)
        per_day = max_day;
    if (s->sessions_per_week > (double)(days * per_day))
        mr_rv_error(rv, s->loc, "person '%s' is contracted for %g sessions a "
                    "week, but their days and periods allow at most %d "
                    "(%d days, %d sessions a day)", s->id,
                    s->sessions_per_week, days * per_day, days, per_day);
}

static int resolve_staff(mr_rv *rv)
{
    mr_model *m = rv->m;

    for (int p = 0; p < m->n_staff; p++) {
        mr_staff *s = &m->staff[p];
        int home, errors = rv->n_errors;

        for (int k = 0; k < s->skills.n_items; k++)
            s->skills.items[k].index =
                mr_rv_names_find(&rv->skills, s->skills.items[k].id);
        s->specialism.index = mr_rv_names_find(&rv->skills,
                                               s->specialism.id);

        if (s->periods_given) {
            s->pmask = period_mask(rv, &s->periods);
            if (s->periods.n_items == 0)
                mr_rv_error(rv, s->loc, "person '%s' has no periods: list at "
                            "least one period they can work", s->id);
        } else {
            s->pmask = default_periods(m);
        }
        if ((s->days & MR_ALL_DAYS) == 0)
            mr_rv_error(rv, s->loc, "person '%s' has no working days: list "
                        "at least one weekday in days", s->id);

        mr_free(s->may_work);
        s->may_work = mr_calloc((size_t)(m->n_sites > 0 ? m->n_sites : 1), 1);
        if (s->may_work == NULL)
            return MR_ENOMEM;
        home = mr_rv_ref(rv, &s->home_site, &rv->sites, "site");
        if (home >= 0)
            s->may_work[home] = 1;
        for (int k = 0; k < s->sites.n_items; k++) {
            int si = mr_rv_ref(rv, &s->sites.items[k], &rv->sites, "site");
            if (si >= 0)
                s->may_work[si] = 1;
        }
        if (s->pmask != 0 && (s->days & MR_ALL_DAYS) != 0)
            check_contract(rv, s);
        rv->bad_staff[p] = rv->n_errors > errors;
    }
    return MR_OK;
}

/* Activities and appointment types. A skill an activity of service.yaml
 * requires must be held by someone (else it is a misspelling, or no one
 * could ever do the activity); the defaults' skills need not be. */
static void resolve_catalogue(mr_rv *rv)
{
    mr_model *m = rv->m;

    for (int a = 0; a < m->n_activities; a++) {
        mr_activity *act = &m->activities[a];
        act->skill.index = mr_rv_names_find(&rv->skills, act->skill.id);
        if (act->skill.id != NULL && act->loc.file >= 0
            && act->skill.index >= rv->n_held) {
            mr_ref probe = act->skill;
            mr_rv_ref(rv, &probe, &rv->held, "skill");
        }
    }
    for (int t = 0; t < m->n_appt_types; t++) {
        mr_appt_type *ty = &m->appt_types[t];
        for (int k = 0; k < ty->activities.n_items; k++)
            mr_rv_ref(rv, &ty->activities.items[k], &rv->activities,
                      "activity");
    }
}

static void check_rules(mr_rv *rv)
{
    const mr_model *m = rv->m;
    const mr_rules *r = &m->rules;
    const mr_ea_rules *ea = &m->ea;
    mr_loc at = {rv->service_file, 0, 0};
    const struct { const char *name; double v; } W[] = {
        {"cover", m->weights.cover}, {"pcn", m->weights.pcn},
        {"demand", m->weights.demand}, {"deprivation", m->weights.deprivation},
        {"preference", m->weights.preference},
        {"fairness", m->weights.fairness},
        {"specialism", m->weights.specialism},
        {"ea_unallocated", m->weights.ea_unallocated},
        {"change", m->weights.change}, {"carry_over", m->weights.carry_over},
    };

    if (r->max_sessions_per_day < 1)
        mr_rv_error(rv, at, "rules: max_sessions_per_day must be at least 1 "
                    "(found %d)", r->max_sessions_per_day);
    if (r->max_consecutive_days < 1)
        mr_rv_error(rv, at, "rules: max_consecutive_days must be at least 1 "
                    "(found %d)", r->max_consecutive_days);
    if (r->min_rest_hours < 0 || r->min_rest_hours > 24)
        mr_rv_error(rv, at, "rules: min_rest_hours must be between 0 and 24 "
                    "(found %g)", r->min_rest_hours);
    if (r->max_sites_per_day < 1)
        mr_rv_error(rv, at, "rules: max_sites_per_day must be at least 1 "
                    "(found %d)", r->max_sites_per_day);
    if (r->specialist_share < 0 || r->specialist_share > 1)
        mr_rv_error(rv, at, "rules: specialist_share must be between 0 and 1 "
                    "(found %g)", r->specialist_share);
    if (r->request_budget < 0)
        mr_rv_error(rv, at, "rules: request_budget must not be negative "
                    "(found %d)", r->request_budget);
    if (r->session_buffer_minutes < 0)
        mr_rv_error(rv, at, "rules: session_buffer_minutes must not be "
                    "negative (found %d)", r->session_buffer_minutes);
    if (r->request_deadline_day < 1 || r->request_deadline_day > 31)
        mr_rv_error(rv, at, "rules: request_deadline_day must be a day of the "
                    "month, 1 to 31 (found %d)", r->request_deadline_day);
    if (ea->new_clients_per_adviser_max < 0)
        mr_rv_error(rv, at, "employment_advice: new_clients_per_adviser_max "
                    "must not be negative (found %d)",
                    ea->new_clients_per_adviser_max);
    if (ea->senior_share < 0 || ea->senior_share > 1)
        mr_rv_error(rv, at, "employment_advice: senior_share must be between "
                    "0 and 1 (found %g)", ea->senior_share);
    if (ea->first_appointment_within_days < 0)
        mr_rv_error(rv, at, "employment_advice: first_appointment_within_days "
                    "must not be negative (found %d)",
                    ea->first_appointment_within_days);
    for (size_t k = 0; k < sizeof W / sizeof W[0]; k++)
        if (W[k].v < 0)
            mr_rv_error(rv, at, "weights: %s must not be negative (found %g)",
                        W[k].name, W[k].v);
}

/* 1 when the person works some session that is one of days x pmask and in
 * which the site is open (any of theirs, for a desk activity). */
static int meets(const mr_model *m, int staff, int site, unsigned days,
                 unsigned pmask, int desk)
{
    const mr_staff *s = &m->staff[staff];
    for (int d = 0; d < 7; d++) {
        unsigned open = desk ? 0xFFFFFFFFu : m->sites[site].open[d];
        if (((days & s->days) >> d) & 1u && (pmask & s->pmask & open) != 0)
            return 1;
    }
    return 0;
}

static int site_has_room(const mr_model *m, int site, const mr_activity *a)
{
    for (int r = 0; r < m->n_rooms; r++) {
        if (m->rooms[r].site != site || m->rooms[r].kind == NULL)
            continue;
        for (int k = 0; k < a->n_room_kinds; k++)
            if (a->room_kinds[k] && !strcmp(a->room_kinds[k], m->rooms[r].kind))
                return 1;
    }
    return 0;
}

/* The warnings of a well-formed cover entry that can never be met: it
 * applies to no session, the specialty can be carried only by a clinic,
 * the site has no room for it, or nobody is eligible in its sessions. */
static void check_cover_feasible(mr_rv *rv, mr_cover *c, int si, int ai)
{
    const mr_model *m = rv->m;
    const mr_site *s = &m->sites[si];
    const mr_activity *a = &m->activities[ai];
    int spec = c->specialty.index, someone = 0, applies = 0;

    if (rv->bad_site[si])
        return;
    for (int d = 0; d < 7; d++)
        if (((c->days >> d) & 1u)
            && (c->pmask & (a->desk ? 0xFFFFFFFFu : s->open[d])) != 0)
            applies = 1;
    if (!applies) {
        mr_rv_warn(rv, c->loc, "this cover entry applies to no session: site "
                   "'%s' is not open on its days and periods", s->id);
        return;
    }
    if (c->specialty.id != NULL && strcmp(a->id, "clinic") != 0) {
        mr_rv_warn(rv, c->loc, "no one can ever meet this cover entry: a "
                   "specialty is carried only by clinic sessions, not '%s'",
                   a->id);
        return;
    }
    if (a->n_room_kinds > 0 && !site_has_room(m, si, a)) {
        mr_rv_warn(rv, c->loc, "no one can ever meet this cover entry: site "
                   "'%s' has no %s room for '%s'", s->id, a->room_kinds[0],
                   a->id);
        return;
    }
    for (int p = 0; p < m->n_staff && !someone; p++)
        someone = rv->bad_staff[p]
                  || (mr_eligible(m, p, ai, si)
                  && (c->specialty.id == NULL || mr_has_skill(m, p, spec))
                  && meets(m, p, si, c->days, c->pmask, a->desk));
    if (!someone)
        mr_rv_warn(rv, c->loc, "no one can ever meet this cover entry: nobody "
                   "eligible for '%s'%s%s%s works at site '%s' in its sessions",
                   a->id, c->specialty.id ? " (specialty '" : "",
                   c->specialty.id ? c->specialty.id : "",
                   c->specialty.id ? "')" : "", s->id);
}

static void resolve_cover(mr_rv *rv)
{
    mr_model *m = rv->m;

    for (int i = 0; i < m->n_cover; i++) {
        mr_cover *c = &m->cover[i];
        int errors = rv->n_errors;
        int si = mr_rv_ref(rv, &c->site, &rv->sites, "site");
        int ai = mr_rv_ref(rv, &c->activity, &rv->activities, "activity");

        c->pmask = period_mask(rv, &c->periods);
        mr_rv_ref(rv, &c->specialty, &rv->held, "skill");
        if (c->min < 1)
            mr_rv_error(rv, c->loc, "cover min must be at least 1 (found %d)",
                        c->min);
        if (si >= 0 && ai >= 0
            && !((m->activities[ai].site_kinds >> m->sites[si].kind) & 1u))
            mr_rv_error(rv, c->activity.loc, "activity '%s' cannot run at "
                        "site '%s': a %s site cannot host it",
                        m->activities[ai].id, m->sites[si].id,
                        mr_site_kind_name(m->sites[si].kind));
        /* an entry with an error of its own gets no warning besides */
        if (rv->n_errors == errors && si >= 0 && ai >= 0)
            check_cover_feasible(rv, c, si, ai);
    }
}

/* A person whose role, skills, sites and pattern leave no activity but
 * admin is legal, but almost certainly a mistake in service.yaml. */
static void check_admin_only(mr_rv *rv)
{
    const mr_model *m = rv->m;

    for (int p = 0; p < m->n_staff; p++) {
        const mr_staff *s = &m->staff[p];
        int can = 0;
        if (rv->bad_staff[p] || s->may_work == NULL)
            continue;
        for (int si = 0; si < m->n_sites; si++)   /* benefit of the doubt */
            can |= s->may_work[si] && rv->bad_site[si];
        /* sites first: one may work at few of them (staff x sites x
         * activities is large for a hostile service) */
        for (int si = 0; si < m->n_sites && !can; si++) {
            if (!s->may_work[si])
                continue;
            for (int a = 0; a < m->n_activities && !can; a++)
                can = !m->activities[a].desk && mr_eligible(m, p, a, si)
                      && meets(m, p, si, s->days, s->pmask, 0);
        }
        if (!can)
            mr_rv_warn(rv, s->loc, "person '%s' (%s) can do nothing but "
                       "admin: no other activity is open to them at their "
                       "sites on their days and periods", s->id,
                       s->name ? s->name : s->id);
    }
}

/* Entity limits, far above any real service: beyond them validation
 * would cost staff x sites memory and time (a hostile service.yaml can
 * hold 16000 people and 10000 sites within its 100000 nodes). Returns 1
 * when the model is within them; else reports at the first one too many. */
static int within_limits(mr_rv *rv)
{
    const mr_model *m = rv->m;
    int ok = 1;

    if (m->n_staff > MR_RV_MAX_STAFF) {
        mr_rv_error(rv, m->staff[MR_RV_MAX_STAFF].loc, "more than %d staff: "
                    "at most %d are supported", MR_RV_MAX_STAFF,
                    MR_RV_MAX_STAFF);
        ok = 0;
    }
    if (m->n_sites > MR_RV_MAX_SITES) {
        mr_rv_error(rv, m->sites[MR_RV_MAX_SITES].loc, "more than %d sites: "
                    "at most %d are supported", MR_RV_MAX_SITES,
                    MR_RV_MAX_SITES);
        ok = 0;
    }
    return ok;
}

int mr_model_resolve(mr_model *m, mr_diags *d)
{
    mr_rv rv;
    int rc = MR_ENOMEM;

    memset(&rv, 0, sizeof rv);
    rv.m = m;
    rv.d = d;
    m->resolved = 0;
    merge_overrides(m);
    rv.service_file = service_file(m);
    if (!within_limits(&rv)) {
        rc = rv.oom ? MR_ENOMEM : MR_EINVAL;
        goto done;
    }
    if (build_skills(&rv) != MR_OK || build_tables(&rv) != MR_OK)
        goto done;
    check_duplicates(&rv);
    check_periods(&rv);
    resolve_sites(&rv);
    if (resolve_staff(&rv) != MR_OK)
        goto done;
    resolve_catalogue(&rv);
    check_rules(&rv);
    resolve_cover(&rv);
    check_admin_only(&rv);
    if (mr_rv_month(&rv) != MR_OK || rv.oom)
        goto done;
    rc = rv.n_errors > 0 ? MR_EINVAL : MR_OK;
    m->resolved = rc == MR_OK;
done:
    free_tables(&rv);
    return rc;
}
