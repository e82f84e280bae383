/* The verifier's checks of appointment slots (H12) and employment-advice
 * allocations (H11); see verify.h. Like verify.c, it recomputes everything
 * from the model and trusts no index of the solution. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "date.h"
#include "recheck.h"
#include "verify.h"

/* "date period start-end" of slot j, whose assignment is valid. */
static const char *slot_text(const mr_model *m, const mr_solution *s, int j,
                             char buf[64])
{
    const mr_slot *sl = &s->slots[j];
    const mr_assignment *a = &s->assign[sl->assignment];
    char d[11], t1[6], t2[6];
    mr_date_format(a->date, d);
    mr_time_format(sl->start, t1);
    mr_time_format(sl->end, t2);
    snprintf(buf, 64, "%s %s %s-%s", d, mr_rc_period_id(m, a->period), t1,
             t2);
    return buf;
}

/* 1 when slot j refers to a valid assignment and a known type. */
static int slot_ok(const mr_model *m, const mr_solution *s, int j)
{
    const mr_slot *sl = &s->slots[j];
    return sl->type >= 0 && sl->type < m->n_appt_types
           && mr_verify_assign_ok(m, s, sl->assignment);
}

/* H12 for one slot: inside its period, in an activity its type allows, a
 * capacity its type allows. */
static void check_slot(const mr_model *m, const mr_solution *s, int j,
                       mr_diags *out, int *n)
{
    const mr_slot *sl = &s->slots[j];
    const mr_assignment *a = &s->assign[sl->assignment];
    const mr_period *p = &m->periods[a->period];
    const mr_appt_type *t = &m->appt_types[sl->type];
    const char *who = mr_rc_staff_id(m, a->staff);
    int allowed = 0;
    char buf[64];

    slot_text(m, s, j, buf);
    if (sl->end <= sl->start || sl->start < p->start || sl->end > p->end)
        mr_verify_fail(out, n, "H12: slot %s of %s lies outside its period",
                       buf, who);
    for (int i = 0; i < t->activities.n_items; i++)
        allowed |= t->activities.items[i].index == a->activity;
    if (!allowed)
        mr_verify_fail(out, n, "H12: slot %s of %s is a %s appointment in a "
                       "%s session", buf, who, t->id,
                       mr_rc_activity_id(m, a->activity));
    if (sl->capacity < 1 || sl->capacity > t->capacity)
        mr_verify_fail(out, n, "H12: slot %s of %s has capacity %d; %s takes "
                       "1 to %d", buf, who, sl->capacity, t->id, t->capacity);
}

int mr_verify_slots(const mr_model *m, const mr_solution *s, mr_diags *out,
                    int *n)
{
    int rc = MR_ENOMEM, nk = 0;
    mr_verify_key *k = NULL;
    int *used = NULL;
    char b1[64], b2[64];

    if (s->n_slots == 0)
        return MR_OK;
    if ((k = mr_malloc((size_t)s->n_slots * sizeof *k)) == NULL
        || (used = mr_calloc((size_t)s->n_assign + 1, sizeof *used)) == NULL)
        goto done;
    for (int j = 0; j < s->n_slots; j++) {
        const mr_slot *sl = &s->slots[j];
        if (!slot_ok(m, s, j)) {
            /* A slot of a corrupt assignment: that one is reported. */
            if (sl->assignment < 0 || sl->assignment >= s->n_assign
                || sl->type < 0 || sl->type >= m->n_appt_types)
                mr_verify_fail(out, n, "INDEX: slot %d is corrupt (assignment"
                               " %d of %d, type %d of %d)", j, sl->assignment,
                               s->n_assign, sl->type, m->n_appt_types);
            continue;
        }
        check_slot(m, s, j, out, n);
        if (sl->end > sl->start)
            used[sl->assignment] += sl->end - sl->start;
        k[nk++] = (mr_verify_key){s->assign[sl->assignment].staff,
                                  s->assign[sl->assignment].date, sl->start,
                                  j};
    }
    /* Bookable minutes: the period less the session buffer. */
    for (int i = 0; i < s->n_assign; i++) {
        const mr_assignment *a = &s->assign[i];
        const mr_period *p;
        int bookable;
        char d[11];
        if (used[i] == 0)
            continue;
        p = &m->periods[a->period];
        bookable = p->end - p->start - m->rules.session_buffer_minutes;
        if (bookable < 0)
            bookable = 0;
        if (used[i] > bookable) {
            mr_date_format(a->date, d);
            mr_verify_fail(out, n, "H12: slots of %s on %s %s take %d minutes,"
                           " %d bookable", mr_rc_staff_id(m, a->staff), d,
                           mr_rc_period_id(m, a->period), used[i], bookable);
        }
    }
    /* A person's slots never overlap: sorted by start within (person, date),
     * a slot overlaps an earlier one exactly when it starts before the
     * latest end so far. */
    if (nk > 0)
        qsort(k, (size_t)nk, sizeof *k, mr_verify_cmp_key);
    for (int lo = 0, hi; lo < nk; lo = hi) {
        int latest = lo;
        for (hi = lo + 1; hi < nk && k[hi].a == k[lo].a && k[hi].b == k[lo].b;
             hi++) {
            const mr_slot *sl = &s->slots[k[hi].i];
            if (sl->start < s->slots[k[latest].i].end)
                mr_verify_fail(out, n, "H12: %s has overlapping slots %s and "
                               "%s", mr_rc_staff_id(m, k[lo].a),
                               slot_text(m, s, k[latest].i, b1),
                               slot_text(m, s, k[hi].i, b2));
            if (sl->end > s->slots[k[latest].i].end)
                latest = hi;
        }
    }
    rc = MR_OK;
done:
    mr_free(used);
    mr_free(k);
    return rc;
}

static int is_adviser(const mr_model *m, int staff)
{
    int role = m->staff[staff].role;
    return role == MR_ROLE_EA || role == MR_ROLE_SEA;
}

/* H11 for one allocated entry e: the adviser, and the first appointment. */
static void check_alloc(const mr_model *m, const mr_solution *s, int e,
                        int ea, int ea_first, mr_diags *out, int *n)
{
    const mr_ea_alloc *x = &s->ea[e];
    const mr_referral *r = &m->referrals[x->referral];
    const char *rid = r->id != NULL ? r->id : "?";
    const char *who = mr_rc_staff_id(m, x->adviser);
    const mr_slot *sl;
    const mr_assignment *a;
    char buf[64], d[11];

    if (!is_adviser(m, x->adviser))
        mr_verify_fail(out, n, "H11: referral %s is allocated to %s, who is "
                       "not an employment adviser", rid, who);
    if (x->slot < 0) {
        mr_verify_fail(out, n, "H11: referral %s, allocated to %s, has no "
                       "first appointment", rid, who);
        return;
    }
    if (!slot_ok(m, s, x->slot))
        return;                 /* reported under INDEX */
    sl = &s->slots[x->slot];
    a = &s->assign[sl->assignment];
    slot_text(m, s, x->slot, buf);
    if (sl->type != ea_first)
        mr_verify_fail(out, n, "H11: referral %s's first appointment (%s) is "
                       "a %s slot, not ea_first", rid, buf,
                       m->appt_types[sl->type].id);
    if (a->staff != x->adviser || a->activity != ea)
        mr_verify_fail(out, n, "H11: referral %s's first appointment (%s) is "
                       "not in an ea session of %s", rid, buf, who);
    if (a->date < r->referred_on) {
        mr_date_format(r->referred_on, d);
        mr_verify_fail(out, n, "H11: referral %s's first appointment (%s) is "
                       "before its referral date %s", rid, buf, d);
    }
}

/* 1 when the person has at least one assignment of activity ea_act. */
static int has_sessions(const mr_solution *s, int staff, int ea_act)
{
    for (int i = 0; i < s->n_assign; i++)
        if (s->assign[i].staff == staff && s->assign[i].activity == ea_act)
            return 1;
    return 0;
}

/* H11: caps on new clients (per adviser, and the senior cap). A client is
 * new to an adviser unless the referral names that adviser already. The
 * average is over the (non-senior) advisers who have ea sessions this month:
 * one away all month does not lower the seniors' share. */
static void check_caps(const mr_model *m, const mr_solution *s, int ea_act,
                       const int *newc, mr_diags *out, int *n)
{
    const mr_ea_rules *r = &m->ea;
    int n_adv = 0, total = 0;

    for (int p = 0; p < m->n_staff; p++) {
        if (!is_adviser(m, p))
            continue;
        if (newc[p] > r->new_clients_per_adviser_max)
            mr_verify_fail(out, n, "H11: %s has %d new clients, at most %d",
                           mr_rc_staff_id(m, p), newc[p],
                           r->new_clients_per_adviser_max);
        if (m->staff[p].role == MR_ROLE_EA && has_sessions(s, p, ea_act)) {
            n_adv++;
            total += newc[p];
        }
    }
    if (n_adv == 0)
        return;                 /* no advisers to take a share of */
    double avg = (double)total / n_adv;
    int cap = (int)ceil(r->senior_share * avg - 1e-9);
    for (int p = 0; p < m->n_staff; p++)
        if (m->staff[p].role == MR_ROLE_SEA && newc[p] > cap)
            mr_verify_fail(out, n, "H11: senior adviser %s has %d new clients,"
                           " at most %d (ceil(%g * %.2f average))",
                           mr_rc_staff_id(m, p), newc[p], cap, r->senior_share,
                           avg);
}

int mr_verify_ea(const mr_model *m, const mr_solution *s, mr_diags *out,
                 int *n)
{
    int rc = MR_ENOMEM;
    int ea = mr_find_activity(m, "ea");
    int ea_first = mr_find_appt_type(m, "ea_first");
    int *newc = NULL, *booked = NULL, *seen = NULL;
    char buf[64];

    if (s->n_ea == 0)
        return MR_OK;
    if ((newc = mr_calloc((size_t)m->n_staff + 1, sizeof *newc)) == NULL
        || (booked = mr_calloc((size_t)s->n_slots + 1, sizeof *booked)) == NULL
        || (seen = mr_calloc((size_t)m->n_referrals + 1, sizeof *seen)) == NULL)
        goto done;
    for (int e = 0; e < s->n_ea; e++) {
        const mr_ea_alloc *x = &s->ea[e];
        if (x->referral < 0 || x->referral >= m->n_referrals
            || x->adviser < -1 || x->adviser >= m->n_staff || x->slot < -1
            || x->slot >= s->n_slots) {
            mr_verify_fail(out, n, "INDEX: allocation %d is corrupt (referral"
                           " %d of %d, adviser %d of %d, slot %d of %d)", e,
                           x->referral, m->n_referrals, x->adviser, m->n_staff,
                           x->slot, s->n_slots);
            continue;
        }
        if (++seen[x->referral] == 2)
            mr_verify_fail(out, n, "H11: referral %s is listed more than once",
                           m->referrals[x->referral].id != NULL
                               ? m->referrals[x->referral].id : "?");
        if (x->adviser < 0)
            continue;
        if (m->referrals[x->referral].adviser.index != x->adviser)
            newc[x->adviser]++;
        if (x->slot >= 0)
            booked[x->slot]++;
        check_alloc(m, s, e, ea, ea_first, out, n);
    }
    for (int j = 0; j < s->n_slots; j++)
        if (booked[j] > 1 && slot_ok(m, s, j))
            mr_verify_fail(out, n, "H11: slot %s of %s holds %d first "
                           "appointments", slot_text(m, s, j, buf),
                           mr_rc_staff_id(m, s->assign[s->slots[j].assignment]
                                                  .staff), booked[j]);
    check_caps(m, s, ea, newc, out, n);
    rc = MR_OK;
done:
    mr_free(seen);
    mr_free(booked);
    mr_free(newc);
    return rc;
}
