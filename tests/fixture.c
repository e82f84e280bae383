/* Small resolved models for tests; see fixture.h. */
#include "fixture.h"

#include <check.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "date.h"

int fx_dec(int d)
{
    return mr_days_from_civil(2026, 12, d);
}

mr_model *fx_month(void)
{
    static const struct { const char *id; int s, e; } P[] = {
        {"am", 510, 750}, {"pm", 780, 1020}, {"eve", 1020, 1200}
    };
    mr_model *m = NULL;
    int i;

    ck_assert_int_eq(mr_model_new(&m), MR_OK);
    for (int k = 0; k < 3; k++) {
        ck_assert_int_eq(MR_PUSH(m, periods, &i), MR_OK);
        m->periods[i].id = mr_strdup(P[k].id);
        m->periods[i].start = P[k].s;
        m->periods[i].end = P[k].e;
    }
    m->evening = 2;
    mr_model_set_month(m, 2026, 12);
    int closed[] = {25, 26, 28};
    for (int k = 0; k < 3; k++) {
        ck_assert_int_eq(MR_PUSH(m, closed_dates, &i), MR_OK);
        m->closed_dates[i] = fx_dec(closed[k]);
    }
    for (int a = 0; a < m->n_activities; a++)
        if (m->activities[a].skill.id != NULL)
            m->activities[a].skill.index = -2;   /* no such skill yet */
    m->resolved = 1;
    return m;
}

int fx_site(mr_model *m, const char *id, int kind, unsigned days,
            unsigned periods)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, sites, &i), MR_OK);
    mr_site *s = &m->sites[i];
    s->id = mr_strdup(id);
    s->name = mr_strdup(id);
    s->kind = kind;
    s->imd_decile = 5;
    s->pcn.index = -1;
    s->first_room = m->n_rooms;
    for (int d = 0; d < 7; d++)
        s->open[d] = ((days >> d) & 1u) ? periods : 0;
    for (int p = 0; p < m->n_staff; p++) {
        unsigned char *w = mr_realloc(m->staff[p].may_work, (size_t)m->n_sites);
        ck_assert_ptr_nonnull(w);
        w[i] = 1;
        m->staff[p].may_work = w;
    }
    return i;
}

int fx_room(mr_model *m, const char *id, const char *kind)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, rooms, &i), MR_OK);
    m->rooms[i].id = mr_strdup(id);
    m->rooms[i].kind = mr_strdup(kind);
    m->rooms[i].site = m->n_sites - 1;
    m->sites[m->n_sites - 1].n_rooms++;
    return i;
}

int fx_staff(mr_model *m, const char *id, int role, double spw, unsigned days,
             unsigned periods)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, staff, &i), MR_OK);
    mr_staff *s = &m->staff[i];
    s->id = mr_strdup(id);
    s->name = mr_strdup(id);
    s->role = role;
    s->sessions_per_week = spw;
    s->days = days;
    s->pmask = periods;
    s->specialism.index = -1;
    s->home_site.index = m->n_sites > 0 ? 0 : -1;
    s->may_work = mr_calloc((size_t)(m->n_sites + 1), 1);
    ck_assert_ptr_nonnull(s->may_work);
    memset(s->may_work, 1, (size_t)m->n_sites);
    return i;
}

void fx_leave(mr_model *m, int staff, int d1, int d2)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, absences, &i), MR_OK);
    m->absences[i].staff.index = staff;
    m->absences[i].from = fx_dec(d1);
    m->absences[i].to = fx_dec(d2);
    m->absences[i].is_leave = 1;
}

int fx_referral(mr_model *m, int day, int site, int adviser)
{
    static const mr_loc nowhere = {-1, 0, 0};
    int i;
    char id[16];
    ck_assert_int_eq(MR_PUSH(m, referrals, &i), MR_OK);
    mr_referral *r = &m->referrals[i];
    snprintf(id, sizeof id, "R%d", i);
    r->id = mr_strdup(id);
    r->referred_on = day;
    ck_assert_int_eq(mr_ref_set(&r->site, m->sites[site].id, nowhere), MR_OK);
    r->site.index = site;
    r->adviser.index = -1;
    if (adviser >= 0) {
        ck_assert_int_eq(mr_ref_set(&r->adviser, m->staff[adviser].id,
                                    nowhere), MR_OK);
        r->adviser.index = adviser;
    }
    return i;
}

/* --- raw models for the resolver's tests (fxr_*) ------------------------ */

mr_loc fxr_loc(int file, int line, int col)
{
    mr_loc l = {file, line, col};
    return l;
}

int fxr_file(mr_model *m, const char *path)
{
    int f;
    ck_assert_int_eq(mr_model_add_file(m, path, &f), MR_OK);
    return f;
}

mr_model *fxr_new(void)
{
    mr_model *m = NULL;
    ck_assert_int_eq(mr_model_new(&m), MR_OK);
    ck_assert_int_eq(fxr_file(m, "service.yaml"), 0);
    mr_model_set_month(m, 2026, 12);
    return m;
}

static void ref_at(mr_ref *r, const char *id, int file, int line, int k)
{
    if (id != NULL)
        ck_assert_int_eq(mr_ref_set(r, id, fxr_loc(file, line, 10 * k)), MR_OK);
    else
        r->index = -1;
}

/* Adds the comma-separated ids of s to l, the first as the k-th id. */
static void list_at(mr_ref_list *l, const char *s, int file, int line, int k)
{
    char buf[256];
    char *save = NULL;
    ck_assert_uint_lt(strlen(s), sizeof buf);
    strcpy(buf, s);
    for (char *t = strtok_r(buf, ",", &save); t != NULL;
         t = strtok_r(NULL, ",", &save))
        ck_assert_int_eq(mr_ref_list_add(l, t, fxr_loc(file, line, 10 * k++)),
                         MR_OK);
}

int fxr_period(mr_model *m, const char *id, const char *start,
               const char *end, int line)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, periods, &i), MR_OK);
    m->periods[i].id = mr_strdup(id);
    ck_assert_int_eq(mr_time_parse(start, &m->periods[i].start), 0);
    ck_assert_int_eq(mr_time_parse(end, &m->periods[i].end), 0);
    m->periods[i].loc = fxr_loc(0, line, 3);
    return i;
}

int fxr_site(mr_model *m, const char *id, int kind, int line)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, sites, &i), MR_OK);
    m->sites[i].id = mr_strdup(id);
    m->sites[i].name = mr_strdup(id);
    m->sites[i].kind = kind;
    m->sites[i].imd_decile = 5;
    m->sites[i].pcn.index = -1;
    m->sites[i].first_room = m->n_rooms;
    m->sites[i].loc = fxr_loc(0, line, 3);
    return i;
}

void fxr_site_pcn(mr_model *m, int site, const char *pcn, int line)
{
    ref_at(&m->sites[site].pcn, pcn, 0, line, 1);
}

void fxr_open(mr_model *m, int site, unsigned days, const char *periods,
              int line)
{
    mr_site *s = &m->sites[site];
    int k;
    ck_assert_int_eq(MR_PUSH(s, openings, &k), MR_OK);
    s->openings[k].days = days;
    s->openings[k].loc = fxr_loc(0, line, 3);
    list_at(&s->openings[k].periods, periods, 0, line, 1);
}

int fxr_room(mr_model *m, int site, const char *id, const char *kind, int line)
{
    int i;
    ck_assert_int_eq(site, m->n_sites - 1);   /* rooms are contiguous */
    ck_assert_int_eq(MR_PUSH(m, rooms, &i), MR_OK);
    m->rooms[i].id = mr_strdup(id);
    m->rooms[i].kind = mr_strdup(kind);
    m->rooms[i].site = site;
    m->rooms[i].loc = fxr_loc(0, line, 3);
    m->sites[site].n_rooms++;
    return i;
}

int fxr_pcn(mr_model *m, const char *id, int fcp, int line)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, pcns, &i), MR_OK);
    m->pcns[i].id = mr_strdup(id);
    m->pcns[i].name = mr_strdup(id);
    m->pcns[i].fcp_sessions_per_week = fcp;
    m->pcns[i].loc = fxr_loc(0, line, 3);
    return i;
}

int fxr_staff(mr_model *m, const char *id, int role, double spw, int line)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, staff, &i), MR_OK);
    mr_staff *s = &m->staff[i];
    s->id = mr_strdup(id);
    s->name = mr_strdup(id);
    s->role = role;
    s->sessions_per_week = spw;
    s->days = MR_MON_FRI;
    s->specialism.index = s->home_site.index = -1;
    s->loc = fxr_loc(0, line, 3);
    return i;
}

void fxr_staff_home(mr_model *m, int p, const char *site, int line)
{
    ref_at(&m->staff[p].home_site, site, 0, line, 1);
}

void fxr_staff_sites(mr_model *m, int p, const char *sites, int line)
{
    list_at(&m->staff[p].sites, sites, 0, line, 1);
}

void fxr_staff_skills(mr_model *m, int p, const char *skills, int line)
{
    list_at(&m->staff[p].skills, skills, 0, line, 1);
}

void fxr_staff_specialism(mr_model *m, int p, const char *skill, int line)
{
    ref_at(&m->staff[p].specialism, skill, 0, line, 1);
}

void fxr_staff_periods(mr_model *m, int p, const char *periods, int line)
{
    m->staff[p].periods_given = 1;
    list_at(&m->staff[p].periods, periods, 0, line, 1);
}

int fxr_cover(mr_model *m, const char *site, const char *activity,
              unsigned days, const char *periods, int min, int line)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, cover, &i), MR_OK);
    mr_cover *c = &m->cover[i];
    ref_at(&c->site, site, 0, line, 1);
    ref_at(&c->activity, activity, 0, line, 2);
    c->specialty.index = -1;
    c->days = days;
    list_at(&c->periods, periods, 0, line, 3);
    c->min = min;
    c->weight = -1;
    c->loc = fxr_loc(0, line, 3);
    return i;
}

void fxr_cover_specialty(mr_model *m, int c, const char *skill, int line)
{
    ref_at(&m->cover[c].specialty, skill, 0, line, 1);
}

int fxr_pref(mr_model *m, const char *path, const char *staff, int submitted,
             int line)
{
    int i, f = fxr_file(m, path);
    ck_assert_int_eq(MR_PUSH(m, prefs, &i), MR_OK);
    mr_pref *p = &m->prefs[i];
    ref_at(&p->staff, staff, f, line, 1);
    p->month = mr_strdup("2026-12");
    p->submitted = submitted;
    p->first_request = m->n_requests;
    p->file = f;
    p->loc = fxr_loc(f, line, 3);
    return i;
}

int fxr_request(mr_model *m, int kind, int weight, const char *period,
                const char *site, const char *activity, int line)
{
    int i;
    mr_pref *p = &m->prefs[m->n_prefs - 1];
    ck_assert_int_eq(p->first_request + p->n_requests, m->n_requests);
    ck_assert_int_eq(MR_PUSH(m, requests, &i), MR_OK);
    mr_request *r = &m->requests[i];
    r->kind = kind;
    r->date = MR_NO_DATE;
    r->weight = weight;
    ref_at(&r->period, period, p->file, line, 1);
    ref_at(&r->site, site, p->file, line, 2);
    ref_at(&r->activity, activity, p->file, line, 3);
    r->loc = fxr_loc(p->file, line, 3);
    p->n_requests++;
    return i;
}

int fxr_absence(mr_model *m, int file, const char *staff, int from, int to,
                int is_leave, int line)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, absences, &i), MR_OK);
    mr_absence *a = &m->absences[i];
    ref_at(&a->staff, staff, file, line, 1);
    a->from = from;
    a->to = to;
    a->is_leave = is_leave;
    a->kind = mr_strdup(is_leave ? "annual" : "sickness");
    a->loc = fxr_loc(file, line, 3);
    return i;
}

int fxr_demand(mr_model *m, int file, const char *site, const char *pcn,
               const char *type, int count, int line)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, demand, &i), MR_OK);
    mr_demand *d = &m->demand[i];
    ref_at(&d->site, site, file, line, 1);
    ref_at(&d->pcn, pcn, file, line, 2);
    ref_at(&d->type, type, file, line, 3);
    d->count = count;
    d->loc = fxr_loc(file, line, 3);
    return i;
}

int fxr_referral(mr_model *m, int file, const char *id, const char *site,
                 const char *adviser, int line)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, referrals, &i), MR_OK);
    mr_referral *r = &m->referrals[i];
    r->id = mr_strdup(id);
    r->referred_on = fx_dec(1);
    ref_at(&r->site, site, file, line, 1);
    r->pathway = mr_strdup("pain");
    r->employment_status = mr_strdup("in_work_at_risk");
    ref_at(&r->adviser, adviser, file, line, 2);
    r->loc = fxr_loc(file, line, 3);
    return i;
}

mr_model *fxr_service(void)
{
    mr_model *m = fxr_new();
    int s, p;

    fxr_period(m, "am", "08:30", "12:30", 3);
    fxr_period(m, "pm", "13:00", "17:00", 4);
    fxr_period(m, "eve", "17:00", "20:00", 5);
    s = fxr_site(m, "hub", MR_SITE_HUB, 10);
    fxr_open(m, s, MR_MON_FRI, "am,pm,eve", 11);
    fxr_open(m, s, 1u << 5, "am", 12);
    fxr_room(m, s, "hub-t1", "treatment", 13);
    fxr_room(m, s, "hub-gym", "gym", 14);
    fxr_room(m, s, "hub-c1", "consult", 15);
    s = fxr_site(m, "surgery", MR_SITE_PRACTICE, 20);
    fxr_site_pcn(m, s, "pcn-a", 21);
    fxr_open(m, s, MR_MON_FRI, "am,pm", 22);
    fxr_room(m, s, "sur-c1", "consult", 23);
    s = fxr_site(m, "remote", MR_SITE_REMOTE, 25);
    fxr_open(m, s, MR_MON_FRI, "am,pm", 26);
    fxr_pcn(m, "pcn-a", 2, 30);
    p = fxr_staff(m, "c001", MR_ROLE_PHYSIO, 10, 40);
    fxr_staff_home(m, p, "hub", 41);
    fxr_staff_sites(m, p, "hub,surgery,remote", 42);
    fxr_staff_skills(m, p, "fcp,group", 43);
    fxr_staff_specialism(m, p, "spinal", 44);
    fxr_staff_periods(m, p, "am,pm", 45);
    p = fxr_staff(m, "a001", MR_ROLE_EA, 4, 50);
    fxr_staff_home(m, p, "hub", 51);
    fxr_cover(m, "hub", "clinic", MR_MON_FRI, "am,pm", 1, 60);
    fxr_cover(m, "remote", "triage", MR_MON_FRI, "am,pm", 1, 61);
    int closed[] = {fx_dec(25), fx_dec(26), fx_dec(28), fx_dec(32)};
    for (int k = 0; k < 4; k++) {
        int i;
        ck_assert_int_eq(MR_PUSH(m, closed_dates, &i), MR_OK);
        m->closed_dates[i] = closed[k];
    }
    return m;
}

int fxr_has(const mr_diags *d, int severity, const char *file, int line,
            int col, const char *phrase)
{
    for (int i = 0; i < d->n; i++) {
        const mr_diag *g = &d->items[i];
        if (g->severity == severity && g->line == line && g->col == col
            && ((file == NULL && g->file == NULL)
                || (file != NULL && g->file != NULL && !strcmp(file, g->file)))
            && strstr(g->message, phrase) != NULL)
            return 1;
    }
    return 0;
}

const char *fxr_text(const mr_diags *d)
{
    static char buf[8192];
    size_t used = 0;
    buf[0] = 0;
    for (int i = 0; i < d->n && used + 600 < sizeof buf; i++) {
        mr_diag_format(&d->items[i], buf + used, (int)(sizeof buf - used));
        used += strlen(buf + used);
        buf[used++] = '\n';
        buf[used] = 0;
    }
    return buf;
}

/* --- fx_run, temporary directories ------------------------------------- */

static void fx_set(char **dst, const char *s)
{
    mr_free(*dst);
    *dst = mr_strdup(s);
    ck_assert_ptr_nonnull(*dst);
}

static int fx_act(const mr_model *m, const char *id)
{
    int a = mr_find_activity(m, id);
    ck_assert_int_ge(a, 0);
    return a;
}

static int fx_type(const mr_model *m, const char *id)
{
    int t = mr_find_appt_type(m, id);
    ck_assert_int_ge(t, 0);
    return t;
}

static void fx_assign(mr_solution *sol, int staff, int day, int period,
                      int activity, int site, int room, int specialty)
{
    mr_assignment a = {staff, fx_dec(day), period, activity, site, room,
                       specialty};
    ck_assert_int_eq(mr_solution_add(sol, &a), MR_OK);
}

static void fx_slot(mr_solution *sol, int assignment, int start, int end,
                    int type, int capacity)
{
    int i;
    ck_assert_int_eq(MR_PUSH(sol, slots, &i), MR_OK);
    sol->slots[i] = (mr_slot){assignment, start, end, type, capacity};
}

static void fx_short(mr_solution *sol, int kind, int site, int pcn,
                     int activity, int specialty, int type, int date,
                     int period, int week, int required, int provided)
{
    int i;
    ck_assert_int_eq(MR_PUSH(sol, shortfalls, &i), MR_OK);
    sol->shortfalls[i] = (mr_shortfall){kind, site, pcn, activity, specialty,
                                        type, date, period, week, required,
                                        provided, -1};
}

mr_model *fx_run(mr_solution **out)
{
    mr_model *m = fx_month();
    mr_solution *sol = NULL;
    int i, hub, sur, pcn, spinal, c001, c002, a001;
    int clinic = fx_act(m, "clinic"), fcp = fx_act(m, "fcp");
    int ea = fx_act(m, "ea");

    hub = fx_site(m, "central-hub", MR_SITE_HUB, MR_MON_FRI, 3u);
    fx_room(m, "ch-t1", "treatment");
    fx_room(m, "ch-c1", "consult");
    sur = fx_site(m, "lewes-surgery", MR_SITE_PRACTICE, MR_MON_FRI, 3u);
    fx_room(m, "ls-1", "consult");
    ck_assert_int_eq(MR_PUSH(m, pcns, &pcn), MR_OK);
    fx_set(&m->pcns[pcn].id, "lewes-pcn");
    fx_set(&m->pcns[pcn].name, "Lewes PCN");
    m->pcns[pcn].fcp_sessions_per_week = 4;
    fx_set(&m->sites[sur].pcn.id, "lewes-pcn");
    m->sites[sur].pcn.index = pcn;
    ck_assert_int_eq(MR_PUSH(m, skills, &spinal), MR_OK);
    fx_set(&m->skills[spinal], "spinal");
    c001 = fx_staff(m, "c001", MR_ROLE_PHYSIO, 10, MR_MON_FRI, 3u);
    fx_set(&m->staff[c001].name, "Shah, Amrita \"Amy\"");
    c002 = fx_staff(m, "c002", MR_ROLE_PHYSIO, 10, MR_MON_FRI, 3u);
    fx_set(&m->staff[c002].name, "Ben Jones");
    a001 = fx_staff(m, "a001", MR_ROLE_EA, 4, MR_MON_FRI, 3u);
    fx_set(&m->staff[a001].name, "Cara Lee");
    for (int k = 0; k < 2; k++) {
        ck_assert_int_eq(MR_PUSH(m, referrals, &i), MR_OK);
        fx_set(&m->referrals[i].id, k == 0 ? "R1001" : "R1002");
        m->referrals[i].referred_on = fx_dec(1) - 10;
        m->referrals[i].site.index = hub;
        m->referrals[i].adviser.index = -1;
    }

    ck_assert_int_eq(mr_solution_new(&sol), MR_OK);
    fx_assign(sol, c002, 2, 1, clinic, hub, 0, -1);
    fx_assign(sol, c001, 2, 0, clinic, hub, 0, spinal);
    fx_assign(sol, c001, 1, 0, fcp, sur, 2, -1);
    fx_assign(sol, a001, 2, 0, ea, hub, 1, -1);
    fx_assign(sol, c002, 1, 0, clinic, hub, 0, -1);
    fx_slot(sol, 1, 510, 555, fx_type(m, "initial"), 1);
    fx_slot(sol, 2, 510, 530, fx_type(m, "fcp"), 1);
    fx_slot(sol, 3, 540, 600, fx_type(m, "ea_first"), 1);
    fx_slot(sol, 1, 555, 585, fx_type(m, "follow_up"), 1);
    ck_assert_int_eq(MR_PUSH(sol, ea, &i), MR_OK);
    sol->ea[i] = (mr_ea_alloc){1, -1, -1, mr_strdup("no_adviser_session")};
    ck_assert_ptr_nonnull(sol->ea[i].reason);
    ck_assert_int_eq(MR_PUSH(sol, ea, &i), MR_OK);
    sol->ea[i] = (mr_ea_alloc){0, a001, 2, NULL};
    fx_short(sol, MR_SHORT_DEMAND, -1, pcn, -1, -1, fx_type(m, "fcp"),
             MR_NO_DATE, -1, MR_NO_DATE, 150, 1);
    fx_short(sol, MR_SHORT_COVER, hub, -1, clinic, spinal, -1, fx_dec(2), 1,
             MR_NO_DATE, 1, 0);
    fx_short(sol, MR_SHORT_PCN, -1, pcn, -1, -1, -1, MR_NO_DATE, -1,
             fx_dec(1) - 1, 4, 1);
    fx_short(sol, MR_SHORT_COVER, hub, -1, clinic, -1, -1, fx_dec(1), 0,
             MR_NO_DATE, 2, 1);

    sol->n_staff = 3;
    sol->requested_weight = mr_calloc(3, sizeof(double));
    sol->satisfied_weight = mr_calloc(3, sizeof(double));
    sol->satisfaction = mr_calloc(3, sizeof(double));
    ck_assert_ptr_nonnull(sol->requested_weight);
    ck_assert_ptr_nonnull(sol->satisfied_weight);
    ck_assert_ptr_nonnull(sol->satisfaction);
    sol->requested_weight[c001] = 5;
    sol->satisfied_weight[c001] = 5;
    sol->satisfaction[c001] = 1;
    sol->satisfaction[c002] = -1;
    sol->requested_weight[a001] = 3;
    sol->satisfied_weight[a001] = 1.5;
    sol->satisfaction[a001] = 0.5;

    sol->outcome = MR_OUT_FEASIBLE;
    sol->objective = 200;
    sol->bound = 150;
    sol->gap = 0.25;
    sol->seconds = 1.5;
    sol->first_seconds = 0.25;
    sol->parts = (mr_objective_parts){300, 600, 149, 25, -100, 0, 50, 0};
    sol->cover_shortfall = 2;
    sol->pcn_shortfall = 3;
    sol->demand_shortfall = 149;
    sol->ea_unallocated = 1;
    sol->min_satisfaction = 0.5;
    sol->mean_satisfaction = 0.75;
    *out = sol;
    return m;
}

char *fx_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char *dir = malloc(4096);
    ck_assert_ptr_nonnull(dir);
    snprintf(dir, 4096, "%s/mskrota-test-XXXXXX",
             base != NULL && *base ? base : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    return dir;
}

void fx_rmtree(const char *dir)
{
    struct stat sb;
    DIR *d;
    struct dirent *e;
    char path[4096];

    if (lstat(dir, &sb) != 0)
        return;
    if (S_ISDIR(sb.st_mode) && (d = opendir(dir)) != NULL) {
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            fx_rmtree(path);
        }
        closedir(d);
    }
    remove(dir);
}

char *fx_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf != NULL)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

/* --- resolved extras for the verifier's and evaluator's tests ------------ */

void fx_ref(mr_ref *r, const char *id, int index)
{
    mr_loc none = {-1, 0, 0};
    ck_assert_int_eq(mr_ref_set(r, id, none), MR_OK);
    r->index = index;
}

int fx_skill(mr_model *m, int staff, const char *skill, int specialism)
{
    int k;
    for (k = 0; k < m->n_skills && strcmp(m->skills[k], skill) != 0; k++)
        ;
    if (k == m->n_skills) {
        ck_assert_int_eq(MR_PUSH(m, skills, &k), MR_OK);
        m->skills[k] = mr_strdup(skill);
    }
    for (int a = 0; a < m->n_activities; a++)
        if (m->activities[a].skill.id != NULL
            && strcmp(m->activities[a].skill.id, skill) == 0)
            m->activities[a].skill.index = k;
    if (specialism) {
        fx_ref(&m->staff[staff].specialism, skill, k);
    } else {
        mr_ref_list *l = &m->staff[staff].skills;
        ck_assert_int_eq(mr_ref_list_add(l, skill, (mr_loc){-1, 0, 0}), MR_OK);
        l->items[l->n_items - 1].index = k;
    }
    return k;
}

int fx_cover(mr_model *m, int site, const char *activity, unsigned days,
             unsigned periods, int min)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, cover, &i), MR_OK);
    mr_cover *c = &m->cover[i];
    fx_ref(&c->site, m->sites[site].id, site);
    fx_ref(&c->activity, activity, mr_find_activity(m, activity));
    c->specialty.index = -1;
    c->days = days;
    c->pmask = periods;
    c->min = min;
    c->weight = -1;
    return i;
}

int fx_pcn(mr_model *m, const char *id, int fcp)
{
    int i;
    ck_assert_int_eq(MR_PUSH(m, pcns, &i), MR_OK);
    m->pcns[i].id = mr_strdup(id);
    m->pcns[i].name = mr_strdup(id);
    m->pcns[i].fcp_sessions_per_week = fcp;
    return i;
}

int fx_request(mr_model *m, int staff, int kind, int weight)
{
    int i;
    mr_pref *p = m->n_prefs > 0 ? &m->prefs[m->n_prefs - 1] : NULL;
    if (p == NULL || p->staff.index != staff
        || p->first_request + p->n_requests != m->n_requests) {
        ck_assert_int_eq(MR_PUSH(m, prefs, &i), MR_OK);
        p = &m->prefs[i];
        fx_ref(&p->staff, m->staff[staff].id, staff);
        p->month = mr_strdup("2026-12");
        p->submitted = MR_NO_DATE;
        p->first_request = m->n_requests;
        p->file = -1;
    }
    ck_assert_int_eq(MR_PUSH(m, requests, &i), MR_OK);
    mr_request *r = &m->requests[i];
    r->kind = kind;
    r->date = MR_NO_DATE;
    r->weight = weight;
    r->period.index = r->site.index = r->activity.index = -1;
    p->n_requests++;
    return i;
}
