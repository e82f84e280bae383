/* Solutions: creation, growth and destruction. */
#include "roster.h"

#include <string.h>

#include "alloc.h"

int mr_solution_new(mr_solution **out)
{
    mr_solution *s;
    *out = NULL;
    if ((s = mr_calloc(1, sizeof *s)) == NULL)
        return MR_ENOMEM;
    s->outcome = MR_OUT_NONE;
    s->min_satisfaction = s->mean_satisfaction = -1;
    *out = s;
    return MR_OK;
}

static void free_figures(mr_solution *s)
{
    for (int i = 0; i < s->n_ea; i++)
        mr_free(s->ea[i].reason);
    mr_free(s->requested_weight);
    mr_free(s->satisfied_weight);
    mr_free(s->satisfaction);
    s->requested_weight = s->satisfied_weight = s->satisfaction = NULL;
}

void mr_solution_reset(mr_solution *s)
{
    free_figures(s);
    s->n_assign = s->n_slots = s->n_ea = s->n_shortfalls = 0;
    s->outcome = MR_OUT_NONE;
    s->objective = s->bound = s->gap = s->seconds = s->first_seconds = 0;
    memset(&s->parts, 0, sizeof s->parts);
    s->cover_shortfall = s->pcn_shortfall = s->demand_shortfall = 0;
    s->ea_unallocated = s->changes = 0;
    s->min_satisfaction = s->mean_satisfaction = -1;
    s->n_staff = 0;
}

void mr_solution_free(mr_solution *s)
{
    if (s == NULL)
        return;
    free_figures(s);
    mr_free(s->assign);
    mr_free(s->slots);
    mr_free(s->ea);
    mr_free(s->shortfalls);
    mr_free(s);
}

int mr_solution_add(mr_solution *s, const mr_assignment *a)
{
    int i;
    if (MR_PUSH(s, assign, &i) != MR_OK)
        return MR_ENOMEM;
    s->assign[i] = *a;
    return MR_OK;
}

const char *mr_outcome_name(int outcome)
{
    switch (outcome) {
    case MR_OUT_OPTIMAL: return "optimal";
    case MR_OUT_FEASIBLE: return "feasible";
    case MR_OUT_INFEASIBLE: return "infeasible";
    case MR_OUT_TIME_LIMIT: return "time_limit";
    default: return "none";
    }
}
