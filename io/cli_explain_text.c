/* mskrota explain on a roster: its shortfalls grouped by entry with what
 * kept each able person away, and every request met or not and why, as
 * text for a rota manager or (--json) as one object for programs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cli_explain.h"
#include "date.h"
#include "derive.h"
#include "evaluate.h"
#include "explain.h"

#define MAX_LISTED 8

void mr_xcli_json_loc(mr_json *j, const mr_model *m, mr_loc loc, int kind)
{
    const char *key = mr_xitem_rule_key(kind);
    if (loc.file >= 0 && loc.file < m->n_files) {
        mr_json_key(j, "file");
        mr_json_string(j, mr_loc_file(m, loc));
        mr_json_key(j, "line");
        mr_json_int(j, loc.line);
    } else if (key != NULL) {
        int line = mr_xcli_rule_line(m, key);
        mr_json_key(j, "file");
        mr_json_string(j, "service.yaml");
        mr_json_key(j, "line");
        if (line > 0)
            mr_json_int(j, line);
        else
            mr_json_null(j);
    }
}

static const char *cause_words(int cause)
{
    switch (cause) {
    case MR_XC_FREE:        return "free but not used (other costs were "
                                   "higher)";
    case MR_XC_CLOSED:      return "closed date";
    case MR_XC_LEAVE:       return "on leave or absent";
    case MR_XC_DAYS:        return "not one of their days";
    case MR_XC_PERIODS:     return "not one of their periods";
    case MR_XC_NO_EVENINGS: return "works no evenings";
    case MR_XC_DUE_ZERO:    return "no sessions due that week";
    case MR_XC_ELSEWHERE:   return "rostered elsewhere, where they could "
                                   "have been spared";
    case MR_XC_NEEDED:      return "rostered where they were needed (cover "
                                   "or PCN at its minimum)";
    case MR_XC_CONTRACT:    return "the week's contracted sessions all "
                                   "rostered elsewhere";
    case MR_XC_DAYMAX:      return "max_sessions_per_day reached";
    case MR_XC_SITES:       return "at another site that day";
    case MR_XC_REST:        return "rest rule (min_rest_hours)";
    case MR_XC_CONSEC:      return "would work too many days in a row";
    case MR_XC_EVENINGS:    return "evenings used up (max_evenings)";
    case MR_XC_ROOM:        return "every room of the kind in use";
    default:                return "?";
    }
}

static void session_text(const mr_model *m, int day, int period, char *buf,
                         size_t size)
{
    char d[32];
    mr_xday(day, d, sizeof d);
    snprintf(buf, size, "%s %s", d, period >= 0 ? m->periods[period].id : "");
}

/* An example of a cause for one person, e.g. "triage at remote, Tue 1 Dec
 * am" or "months/.../s009.yaml:5". */
static void detail_text(const mr_model *m, const mr_solution *s,
                        const mr_xperson *xp, int cause, char *buf,
                        size_t size)
{
    char when[64], place[512];
    int ref = xp->ref[cause];
    session_text(m, xp->date[cause], xp->period[cause], when, sizeof when);
    buf[0] = '\0';
    switch (cause) {
    case MR_XC_ELSEWHERE:
    case MR_XC_NEEDED:
    case MR_XC_SITES:
    case MR_XC_REST:
        if (ref >= 0 && ref < s->n_assign)
            snprintf(buf, size, "%s at %s, %s",
                     m->activities[s->assign[ref].activity].id,
                     m->sites[s->assign[ref].site].id, when);
        break;
    case MR_XC_LEAVE:
        if (ref >= 0) {
            mr_xcli_place(m, m->absences[ref].loc, -1, place, sizeof place);
            snprintf(buf, size, "%s", place);
        }
        break;
    case MR_XC_CONTRACT:
        snprintf(buf, size, "%d due, e.g. %s", ref, when);
        break;
    case MR_XC_EVENINGS:
        snprintf(buf, size, "max %d", ref);
        break;
    default:
        snprintf(buf, size, "e.g. %s", when);
    }
}

static int cmp_desc(const void *a, const void *b)
{
    const int *x = a, *y = b;
    return y[0] != x[0] ? y[0] - x[0] : x[1] - y[1];
}

/* The causes of a group, most person-sessions first: pairs (count, cause)
 * into order; returns how many are non-zero. */
static int causes_in_order(const mr_xgroup *g, int order[][2])
{
    int n = 0;
    for (int c = 0; c < MR_N_XC; c++)
        if (g->total[c] > 0) {
            order[n][0] = g->total[c];
            order[n][1] = c;
            n++;
        }
    qsort(order, (size_t)n, sizeof order[0], cmp_desc);
    return n;
}

/* People of a group with a cause, most first: pairs (count, person). */
static int people_with(const mr_xshort *x, const mr_xgroup *g, int cause,
                       int (*order)[2])
{
    int n = 0;
    for (int q = g->first_person; q < g->first_person + g->n_people; q++)
        if (x->people[q].count[cause] > 0) {
            order[n][0] = x->people[q].count[cause];
            order[n][1] = q;
            n++;
        }
    qsort(order, (size_t)n, sizeof order[0], cmp_desc);
    return n;
}

static void group_header(const mr_model *m, const mr_solution *s,
                         const mr_xgroup *g, char *buf, size_t size)
{
    char place[512];
    if (g->kind == MR_SHORT_COVER) {
        const mr_cover *cv = &m->cover[g->cover];
        mr_xcli_place(m, cv->loc, -1, place, sizeof place);
        snprintf(buf, size, "%s: %s %s%s%s, at least %d (cover%s): %d "
                 "person-session%s short in %d session%s", place,
                 cv->site.id, cv->activity.id,
                 cv->specialty.id != NULL ? " " : "",
                 cv->specialty.id != NULL ? cv->specialty.id : "", cv->min,
                 cv->hard ? ", hard" : "", g->missing,
                 g->missing == 1 ? "" : "s", g->n, g->n == 1 ? "" : "s");
    } else if (g->kind == MR_SHORT_PCN) {
        const mr_pcn *pc = &m->pcns[g->pcn];
        mr_xcli_place(m, pc->loc, -1, place, sizeof place);
        snprintf(buf, size, "%s: %s FCP, %d session%s a week: %d session%s "
                 "short in %d week%s", place, pc->id,
                 pc->fcp_sessions_per_week,
                 pc->fcp_sessions_per_week == 1 ? "" : "s", g->missing,
                 g->missing == 1 ? "" : "s", g->n, g->n == 1 ? "" : "s");
    } else if (g->demand >= 0) {
        const mr_demand *dm = &m->demand[g->demand];
        mr_xcli_place(m, dm->loc, -1, place, sizeof place);
        snprintf(buf, size, "%s: %s %s demand: %d wanted, %d offered in %d "
                 "session%s that can hold them", place,
                 dm->site.id != NULL ? dm->site.id : dm->pcn.id,
                 dm->type.id, dm->count, g->offered, g->sessions,
                 g->sessions == 1 ? "" : "s");
    } else {
        const mr_shortfall *sf = &s->shortfalls[0];
        snprintf(buf, size, "demand: %d short", sf->required - sf->provided);
    }
}

static void print_group_text(const mr_model *m, const mr_solution *s,
                             const mr_xshort *x, const mr_xgroup *g,
                             int (*order)[2], int (*people)[2])
{
    char line[1024], when[64], detail[600];
    int n_c;

    group_header(m, s, g, line, sizeof line);
    printf("  %s.\n", line);
    if (g->kind == MR_SHORT_DEMAND) {
        if (g->per_session > 0 && g->demand >= 0)
            printf("    A session holds about %d of them on its own, so the "
                   "demand alone needs about %d sessions; the %d held there "
                   "share their time with the other appointment types.\n",
                   g->per_session,
                   (m->demand[g->demand].count + g->per_session - 1)
                       / g->per_session, g->sessions);
        printf("    More sessions there would need more people rostered "
               "there: the cover entries and contracts decided the "
               "sessions.\n");
        return;
    }
    printf("    ");
    for (int k = g->first; k < g->first + g->n && k < g->first + MAX_LISTED;
         k++) {
        const mr_shortfall *sf = &s->shortfalls[x->shorts[k]];
        if (g->kind == MR_SHORT_PCN) {
            mr_xday(sf->week, when, sizeof when);
            printf("%sweek of %s %d of %d", k > g->first ? ", " : "", when,
                   sf->provided, sf->required);
        } else {
            session_text(m, sf->date, sf->period, when, sizeof when);
            printf("%s%s %d of %d", k > g->first ? ", " : "", when,
                   sf->provided, sf->required);
        }
    }
    printf("%s\n", g->n > MAX_LISTED ? ", ..." : ".");
    if (g->n_people == 0) {
        printf("    Nobody can do it: no one has the role, skills and site "
               "it needs.\n");
        return;
    }
    printf("    %d %s can do it:", g->n_people,
           g->n_people == 1 ? "person" : "people");
    for (int q = 0; q < g->n_people && q < 2 * MAX_LISTED; q++)
        printf(" %s", m->staff[x->people[g->first_person + q].staff].id);
    printf("%s.\n", g->n_people > 2 * MAX_LISTED ? " ..." : "");
    n_c = causes_in_order(g, order);
    if (n_c == 0)
        return;
    printf("    What kept them away (person-sessions):\n");
    for (int c = 0; c < n_c; c++) {
        int cause = order[c][1];
        int n_p = people_with(x, g, cause, people);
        printf("      %-4d %s:", order[c][0], cause_words(cause));
        for (int q = 0; q < n_p && q < MAX_LISTED; q++) {
            const mr_xperson *xp = &x->people[people[q][1]];
            detail_text(m, s, xp, cause, detail, sizeof detail);
            printf("%s %s %d%s%s%s", q > 0 ? "," : "",
                   m->staff[xp->staff].id, people[q][0],
                   detail[0] != '\0' ? " (" : "", detail,
                   detail[0] != '\0' ? ")" : "");
        }
        printf("%s\n", n_p > MAX_LISTED ? ", ..." : "");
    }
    printf("    Main cause: %s.\n", cause_words(g->main_cause));
}

/* --- requests ------------------------------------------------------------ */

static void req_text(const mr_request *r, char *buf, size_t size)
{
    char when[64] = "", d[32];
    if (r->date != MR_NO_DATE) {
        mr_xday(r->date, d, sizeof d);
        snprintf(when, sizeof when, "on %s", d);
    } else if (r->weekdays != 0) {
        size_t n = 0;
        n += (size_t)snprintf(when, sizeof when, "on");
        for (int wd = 0; wd < 7; wd++)
            if ((r->weekdays >> wd) & 1u)
                n += (size_t)snprintf(when + n, sizeof when - n, " %s",
                                      mr_weekday_name(wd));
    }
    switch (r->kind) {
    case MR_REQ_OFF:
        snprintf(buf, size, "off %s", when);
        break;
    case MR_REQ_AVOID:
        snprintf(buf, size, "no %s%s%s", r->period.id,
                 when[0] ? " " : "", when);
        break;
    case MR_REQ_TASK:
        snprintf(buf, size, "at least %d %s session%s", r->min_sessions,
                 r->activity.id, r->min_sessions == 1 ? "" : "s");
        break;
    case MR_REQ_LOCATION:
        snprintf(buf, size, "at %s %s%s%s", r->site.id, when,
                 r->period.id != NULL ? " " : "",
                 r->period.id != NULL ? r->period.id : "");
        break;
    default:
        snprintf(buf, size, "%s%s%s %s %s", r->activity.id,
                 r->site.id != NULL ? " at " : "",
                 r->site.id != NULL ? r->site.id : "", when,
                 r->period.id != NULL ? r->period.id : "");
    }
}

static int hard_reason(int reason)
{
    return reason == MR_XR_LEAVE || reason == MR_XR_PATTERN
           || reason == MR_XR_CLOSED || reason == MR_XR_NOT_THEIRS
           || reason == MR_XR_CONTRACT || reason == MR_XR_ONLY_ONE;
}

static void reason_text(const mr_model *m, const mr_solution *s,
                        const mr_xreq *x, char *buf, size_t size)
{
    char when[64] = "", place[512], wk[32];
    if (x->date != MR_NO_DATE)
        session_text(m, x->date, x->period, when, sizeof when);
    switch (x->reason) {
    case MR_XR_MET:
        snprintf(buf, size, "met");
        break;
    case MR_XR_PART:
        snprintf(buf, size, "partly met (%.2f)", x->s);
        break;
    case MR_XR_LEAVE:
        mr_xcli_place(m, m->absences[x->ref].loc, -1, place, sizeof place);
        snprintf(buf, size, "not met: on leave then (%s); hard rule", place);
        break;
    case MR_XR_PATTERN:
        snprintf(buf, size, "not met: %s is not one of their days or "
                 "periods; hard rule", when);
        break;
    case MR_XR_CLOSED:
        snprintf(buf, size, "not met: the site is not open then (or the "
                 "date is closed); hard rule");
        break;
    case MR_XR_NOT_THEIRS:
        snprintf(buf, size, "not met: not one of their sites, an activity "
                 "their role and skills do not allow, or no room for it "
                 "there; hard rule");
        break;
    case MR_XR_CONTRACT:
        mr_xday(mr_week_start(m, mr_week_of(m, x->date)), wk, sizeof wk);
        snprintf(buf, size, "not met: their contract needs %d sessions in "
                 "the week of %s and only %d are possible without it; hard "
                 "rule", x->n1, wk, x->n2);
        break;
    case MR_XR_ONLY_ONE:
        mr_xcli_place(m, m->cover[x->ref].loc, -1, place, sizeof place);
        snprintf(buf, size, "not met: %s they were needed for hard cover "
                 "%s %s (%s), which needs %d and only %d can do; hard rule",
                 when, m->cover[x->ref].site.id,
                 m->cover[x->ref].activity.id, place, x->n1, x->n2);
        break;
    case MR_XR_COVER: {
        const mr_cover *cv = &m->cover[x->ref];
        mr_xcli_place(m, cv->loc, -1, place, sizeof place);
        snprintf(buf, size, "not met: %s they held %s at %s, where the "
                 "cover (%s) had %d of at least %d; moving them would have "
                 "cost %g", when, cv->activity.id, cv->site.id, place, x->n2,
                 x->n1, cv->weight < 0 ? m->weights.cover : cv->weight);
        break;
    }
    case MR_XR_PCN:
        snprintf(buf, size, "not met: %s they held an FCP session that %s "
                 "needed (%d of %d that week); moving them would have cost "
                 "%g", when, m->pcns[x->ref].id, x->n2, x->n1,
                 m->weights.pcn);
        break;
    default:
        if (x->ref >= 0 && x->ref < s->n_assign)
            snprintf(buf, size, "not met: the roster found it cheaper "
                     "overall to have them on %s at %s %s",
                     m->activities[s->assign[x->ref].activity].id,
                     m->sites[s->assign[x->ref].site].id, when);
        else
            snprintf(buf, size, "not met: the roster found another "
                     "arrangement cheaper overall");
    }
}

static void print_requests_text(const mr_model *m, const mr_solution *s,
                                const mr_xreqs *xr)
{
    int n_met = 0, n_part = 0, n_not = 0, n_hard = 0, last = -1;
    char text[256], why[1024];

    for (int i = 0; i < xr->n_items; i++) {
        int r = xr->items[i].reason;
        n_met += r == MR_XR_MET;
        n_part += r == MR_XR_PART;
        n_not += r != MR_XR_MET && r != MR_XR_PART;
        n_hard += hard_reason(r);
    }
    printf("\nRequests: %d, %d met, %d partly met, %d not met (%d of them "
           "by a hard rule).\n", xr->n_items, n_met, n_part, n_not, n_hard);
    for (int i = 0; i < xr->n_items; i++) {
        const mr_xreq *x = &xr->items[i];
        const mr_request *r = &m->requests[x->request];
        if (x->staff != last && x->staff >= 0) {
            last = x->staff;
            printf("  %s (%s): satisfaction %.2f\n", m->staff[x->staff].id,
                   mr_loc_file(m, r->loc),
                   s->satisfaction != NULL ? s->satisfaction[x->staff] : -1);
        }
        req_text(r, text, sizeof text);
        reason_text(m, s, x, why, sizeof why);
        printf("    line %d: %s (weight %d): %s.\n", r->loc.line, text,
               r->weight, why);
    }
}

/* --- JSON ---------------------------------------------------------------- */

static void json_group(mr_json *j, const mr_model *m, const mr_solution *s,
                       const mr_xshort *x, const mr_xgroup *g,
                       int (*order)[2], int (*people)[2])
{
    char date[11], detail[600];
    int n_c;

    mr_json_object_begin(j);
    mr_json_key(j, "kind");
    mr_json_string(j, g->kind == MR_SHORT_COVER ? "cover"
                      : g->kind == MR_SHORT_PCN ? "pcn" : "demand");
    if (g->kind == MR_SHORT_COVER) {
        const mr_cover *cv = &m->cover[g->cover];
        mr_xcli_json_loc(j, m, cv->loc, -1);
        mr_json_key(j, "site");
        mr_json_string(j, cv->site.id);
        mr_json_key(j, "activity");
        mr_json_string(j, cv->activity.id);
        mr_json_key(j, "specialty");
        mr_json_string(j, cv->specialty.id);
    } else if (g->kind == MR_SHORT_PCN) {
        mr_xcli_json_loc(j, m, m->pcns[g->pcn].loc, -1);
        mr_json_key(j, "pcn");
        mr_json_string(j, m->pcns[g->pcn].id);
    } else if (g->demand >= 0) {
        const mr_demand *dm = &m->demand[g->demand];
        mr_xcli_json_loc(j, m, dm->loc, -1);
        mr_json_key(j, dm->site.id != NULL ? "site" : "pcn");
        mr_json_string(j, dm->site.id != NULL ? dm->site.id : dm->pcn.id);
        mr_json_key(j, "appointment_type");
        mr_json_string(j, dm->type.id);
        mr_json_key(j, "sessions");
        mr_json_int(j, g->sessions);
        mr_json_key(j, "per_session");
        mr_json_int(j, g->per_session);
    }
    mr_json_key(j, "missing");
    mr_json_int(j, g->missing);
    mr_json_key(j, "short");
    mr_json_array_begin(j);
    for (int k = g->first; k < g->first + g->n; k++) {
        const mr_shortfall *sf = &s->shortfalls[x->shorts[k]];
        mr_json_object_begin(j);
        if (sf->date != MR_NO_DATE) {
            mr_date_format(sf->date, date);
            mr_json_key(j, "date");
            mr_json_string(j, date);
            mr_json_key(j, "period");
            mr_json_string(j, sf->period >= 0 ? m->periods[sf->period].id
                                              : NULL);
        }
        if (sf->week != MR_NO_DATE) {
            mr_date_format(sf->week, date);
            mr_json_key(j, "week");
            mr_json_string(j, date);
        }
        mr_json_key(j, "required");
        mr_json_int(j, sf->required);
        mr_json_key(j, "provided");
        mr_json_int(j, sf->provided);
        mr_json_object_end(j);
    }
    mr_json_array_end(j);
    if (g->kind != MR_SHORT_DEMAND) {
        mr_json_key(j, "able");
        mr_json_int(j, g->n_people);
        mr_json_key(j, "main_cause");
        mr_json_string(j, mr_xcause_name(g->main_cause));
        mr_json_key(j, "causes");
        mr_json_array_begin(j);
        n_c = causes_in_order(g, order);
        for (int c = 0; c < n_c; c++) {
            int cause = order[c][1], n_p = people_with(x, g, cause, people);
            mr_json_object_begin(j);
            mr_json_key(j, "cause");
            mr_json_string(j, mr_xcause_name(cause));
            mr_json_key(j, "person_sessions");
            mr_json_int(j, order[c][0]);
            mr_json_key(j, "people");
            mr_json_array_begin(j);
            for (int q = 0; q < n_p; q++) {
                const mr_xperson *xp = &x->people[people[q][1]];
                detail_text(m, s, xp, cause, detail, sizeof detail);
                mr_json_object_begin(j);
                mr_json_key(j, "staff");
                mr_json_string(j, m->staff[xp->staff].id);
                mr_json_key(j, "count");
                mr_json_int(j, people[q][0]);
                mr_json_key(j, "detail");
                mr_json_string(j, detail);
                mr_json_object_end(j);
            }
            mr_json_array_end(j);
            mr_json_object_end(j);
        }
        mr_json_array_end(j);
    }
    mr_json_object_end(j);
}

static void json_requests(mr_json *j, const mr_model *m, const mr_solution *s,
                          const mr_xreqs *xr)
{
    char text[256], why[1024], date[11];
    mr_json_array_begin(j);
    for (int i = 0; i < xr->n_items; i++) {
        const mr_xreq *x = &xr->items[i];
        const mr_request *r = &m->requests[x->request];
        req_text(r, text, sizeof text);
        reason_text(m, s, x, why, sizeof why);
        mr_json_object_begin(j);
        mr_json_key(j, "staff");
        mr_json_string(j, x->staff >= 0 ? m->staff[x->staff].id : NULL);
        mr_xcli_json_loc(j, m, r->loc, -1);
        mr_json_key(j, "request");
        mr_json_string(j, text);
        mr_json_key(j, "weight");
        mr_json_int(j, r->weight);
        mr_json_key(j, "satisfaction");
        mr_json_number(j, x->s);
        mr_json_key(j, "met");
        mr_json_bool(j, x->reason == MR_XR_MET);
        mr_json_key(j, "reason");
        mr_json_string(j, mr_xreason_name(x->reason));
        mr_json_key(j, "hard");
        mr_json_bool(j, hard_reason(x->reason));
        if (x->date != MR_NO_DATE && x->reason != MR_XR_MET) {
            mr_date_format(x->date, date);
            mr_json_key(j, "date");
            mr_json_string(j, date);
        }
        mr_json_key(j, "why");
        mr_json_string(j, why);
        mr_json_object_end(j);
    }
    mr_json_array_end(j);
}

int mr_xcli_roster(const mr_cli_args *a, const mr_model *m,
                   const mr_solution *s, int version)
{
    mr_xshort x;
    mr_xreqs xr;
    int (*order)[2] = NULL, (*people)[2] = NULL;
    int code = MR_EXIT_IO;

    mr_xshort_init(&x);
    mr_xreqs_init(&xr);
    if ((order = mr_malloc((MR_N_XC + 1) * sizeof *order)) == NULL
        || (people = mr_malloc(((size_t)m->n_staff + 1) * sizeof *people))
               == NULL
        || mr_explain_shortfalls(m, s, &x) != MR_OK
        || mr_explain_requests(m, s, &xr) != MR_OK) {
        fprintf(stderr, "mskrota explain: out of memory\n");
        goto done;
    }
    if (a->json) {
        mr_json j;
        char *text = NULL;
        mr_json_init(&j);
        mr_json_object_begin(&j);
        mr_json_key(&j, "month");
        mr_json_string(&j, a->month);
        mr_json_key(&j, "status");
        mr_json_string(&j, "roster");
        mr_json_key(&j, "version");
        if (version > 0)
            mr_json_int(&j, version);
        else
            mr_json_null(&j);
        mr_json_key(&j, "cover_shortfall");
        mr_json_int(&j, s->cover_shortfall);
        mr_json_key(&j, "pcn_shortfall");
        mr_json_int(&j, s->pcn_shortfall);
        mr_json_key(&j, "demand_shortfall");
        mr_json_int(&j, s->demand_shortfall);
        mr_json_key(&j, "shortfalls");
        mr_json_array_begin(&j);
        for (int g = 0; g < x.n_groups; g++)
            json_group(&j, m, s, &x, &x.groups[g], order, people);
        mr_json_array_end(&j);
        mr_json_key(&j, "requests");
        json_requests(&j, m, s, &xr);
        mr_json_object_end(&j);
        if (mr_json_finish(&j, &text) != MR_OK)
            goto done;
        printf("%s\n", text);
        mr_free(text);
        code = MR_EXIT_OK;
        goto done;
    }
    if (version > 0)
        printf("%s: version %d of the month (its stored roster).\n", a->month,
               version);
    else
        printf("%s: a roster solved now (%s; nothing stored).\n", a->month,
               mr_outcome_name(s->outcome));
    printf("Shortfalls: cover %d person-session%s, PCN %d session%s, demand "
           "%d appointment%s, in %d entr%s.\n", s->cover_shortfall,
           s->cover_shortfall == 1 ? "" : "s", s->pcn_shortfall,
           s->pcn_shortfall == 1 ? "" : "s", s->demand_shortfall,
           s->demand_shortfall == 1 ? "" : "s", x.n_groups,
           x.n_groups == 1 ? "y" : "ies");
    for (int g = 0; g < x.n_groups; g++)
        print_group_text(m, s, &x, &x.groups[g], order, people);
    print_requests_text(m, s, &xr);
    code = MR_EXIT_OK;
done:
    mr_free(order);
    mr_free(people);
    mr_xshort_clear(&x);
    mr_xreqs_clear(&xr);
    return code;
}
