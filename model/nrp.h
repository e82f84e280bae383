/* The Curtois-Qu shift scheduling benchmark (Instances 1..24): instance data
 * and the exact evaluator.
 *
 * We hold the engine to a public benchmark, so the instance and its
 * objective live apart from the MSK model: the reader (io/nrp_reader.c) fills
 * an mr_nrp, the solver (solver/nrp_cg.c) builds rosters for it, and this
 * evaluator, which shares no code with the solver, checks every hard rule and
 * computes the soft penalty exactly as the benchmark's FORMAT.md defines
 * them (boundary conventions included). Depends on no outside library.
 *
 * A roster is an int array of n_staff * n_days, roster[e * n_days + d] the
 * shift index worked by employee e on day d, or MR_NRP_OFF. */
#ifndef MR_NRP_H
#define MR_NRP_H

#define MR_NRP_OFF (-1)
#define MR_NRP_MAX_TYPES 63    /* shift types; masks of types+off fit 64 bits */

/* The hard rules of FORMAT.md, as counted by the evaluator. */
enum mr_nrp_rule {
    MR_NRP_BAD_SHIFT,      /* 1: a value that is neither a shift nor off */
    MR_NRP_SUCCESSION,     /* 2: u on day d+1 after t on day d, u forbidden */
    MR_NRP_MAX_SHIFTS,     /* 3: more days on a type than MaxShifts */
    MR_NRP_MAX_MINUTES,    /* 4: above MaxTotalMinutes */
    MR_NRP_MIN_MINUTES,    /* 4: below MinTotalMinutes */
    MR_NRP_MAX_CONSEC,     /* 5: a run of working days too long */
    MR_NRP_MIN_CONSEC,     /* 6: an inner run of working days too short */
    MR_NRP_MIN_OFF,        /* 7: an inner run of days off too short */
    MR_NRP_MAX_WEEKENDS,   /* 8: too many weekends worked */
    MR_NRP_DAY_OFF,        /* 9: a shift on a hard day off */
    MR_NRP_N_RULES
};

/* A shift-on or shift-off request. */
typedef struct mr_nrp_request {
    int staff, day, shift, weight;
} mr_nrp_request;

/* One instance. Every array is owned by the struct; indices, never
 * pointers, link the parts. Per-employee arrays have n_staff entries,
 * [e * n_shifts + t] and [d * n_shifts + t] index the 2-D ones. */
typedef struct mr_nrp {
    int   n_days, n_shifts, n_staff;
    char **shift_ids;          /* n_shifts, as written */
    int   *shift_len;          /* minutes */
    unsigned char *forbid;     /* [t * n_shifts + u]: u may not follow t */
    char **staff_ids;          /* n_staff */
    int   *max_shifts;         /* [e * n_shifts + t] */
    int   *max_minutes, *min_minutes;
    int   *max_consec, *min_consec, *min_off, *max_weekends;
    unsigned char *day_off;    /* [e * n_days + d]: a hard day off */
    mr_nrp_request *on_req, *off_req;
    int   n_on, n_off, cap_on, cap_off;
    int   *cover_req, *cover_under, *cover_over;   /* [d * n_shifts + t] */
} mr_nrp;

/* What the evaluator found. objective is meaningful whatever the hard
 * violations; a roster is feasible when n_violations is 0. */
typedef struct mr_nrp_eval {
    long objective;                    /* on + off + under + over */
    long on_penalty, off_penalty, under_penalty, over_penalty;
    int  n_violations;                 /* over all rules */
    int  violations[MR_NRP_N_RULES];   /* per rule */
    int  first_rule, first_staff, first_day;   /* -1 when none */
} mr_nrp_eval;

/* Creates an instance of the given sizes, every array allocated and zeroed,
 * ids NULL, no requests. On success the caller owns *out (mr_nrp_free());
 * on failure *out is NULL and the status is MR_ENOMEM or MR_EINVAL (a size
 * below 1, or more than MR_NRP_MAX_TYPES shift types). */
int  mr_nrp_new(int n_days, int n_shifts, int n_staff, mr_nrp **out);
void mr_nrp_free(mr_nrp *p);                     /* NULL is fine */

/* Appends a request (on: shift-on, else shift-off). MR_OK or MR_ENOMEM. */
int  mr_nrp_add_request(mr_nrp *p, int on, int staff, int day, int shift,
                        int weight);

/* The index of a shift or employee id, or -1. The two namespaces are
 * separate. */
int  mr_nrp_shift_index(const mr_nrp *p, const char *id);
int  mr_nrp_staff_index(const mr_nrp *p, const char *id);

/* The number of weekends in the horizon: Saturday 7k+5 inside it. */
int  mr_nrp_n_weekends(const mr_nrp *p);

/* Checks one employee's schedule (n_days values) against every hard rule;
 * adds the violations to viol[MR_NRP_N_RULES] (may be NULL) and returns
 * their number. first_day, when not NULL, receives the day of the first
 * one (-1 when none; a rule about the whole horizon reports day -1). */
int  mr_nrp_check_staff(const mr_nrp *p, int e, const int *sched, int *viol,
                        int *first_rule, int *first_day);

/* Evaluates a roster: every hard rule and the exact objective. Never
 * fails; out is always filled. */
void mr_nrp_evaluate(const mr_nrp *p, const int *roster, mr_nrp_eval *out);

/* A short name of a rule ("max consecutive shifts"). */
const char *mr_nrp_rule_name(int rule);

#endif
