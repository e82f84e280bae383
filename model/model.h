/* The domain model of one MSK service and, optionally, one month of its
 * inputs (preferences, absence, demand, referrals).
 *
 * The model owns every string and array in it. Entities refer to each other
 * by integer index, never by pointer, so arrays can grow while readers add
 * entities. A reference read from a file is an mr_ref: the id as written, the
 * place it was written, and the index it resolves to (-1 until
 * mr_model_resolve() runs, or when the id is unknown). Readers (io/) fill the
 * raw entities; model/resolve.c resolves and validates them.
 *
 * This layer depends on no outside library. */
#ifndef MR_MODEL_H
#define MR_MODEL_H

#include <stddef.h>

#include "diag.h"

#define MR_MAX_PERIODS 32      /* period sets are bit masks */
#define MR_NO_DATE     (-1000000)

/* Weekday bits: bit 0 is Monday ... bit 6 is Sunday. */
#define MR_ALL_DAYS 0x7Fu
#define MR_MON_FRI  0x1Fu

enum mr_role {
    MR_ROLE_PHYSIO, MR_ROLE_OT, MR_ROLE_SET, MR_ROLE_TI, MR_ROLE_EA,
    MR_ROLE_SEA, MR_N_ROLES
};
enum mr_site_kind {
    MR_SITE_HUB, MR_SITE_COMMUNITY, MR_SITE_PRACTICE, MR_SITE_REMOTE,
    MR_N_SITE_KINDS
};
enum mr_counts_as { MR_CLINICAL, MR_ADVICE, MR_NON_CLINICAL };
enum mr_request_kind {
    MR_REQ_OFF, MR_REQ_AVOID, MR_REQ_TASK, MR_REQ_LOCATION, MR_REQ_SESSION
};

/* Where something was written: index into mr_model.files, 1-based line and
 * column (0 when unknown). */
typedef struct mr_loc {
    int file;
    int line;
    int col;
} mr_loc;

/* A reference by id. id == NULL means "not given". */
typedef struct mr_ref {
    char  *id;
    mr_loc loc;
    int    index;
} mr_ref;

/* A growable array of T named NAME with count n_NAME and capacity cap_NAME. */
#define MR_ARRAY(T, name) T *name; int n_##name, cap_##name

typedef struct mr_ref_list {
    MR_ARRAY(mr_ref, items);
} mr_ref_list;

/* A period of the day. Times are minutes after midnight. */
typedef struct mr_period {
    char  *id;
    int    start, end;
    mr_loc loc;
} mr_period;

/* One line of a site's opening: the weekdays of the key, the periods listed. */
typedef struct mr_opening {
    unsigned    days;
    mr_ref_list periods;
    mr_loc      loc;
} mr_opening;

typedef struct mr_site {
    char       *id, *name;
    int         kind;          /* enum mr_site_kind */
    mr_ref      pcn;           /* practices only; id NULL otherwise */
    int         imd_decile;    /* 1..10, default 5 */
    mr_opening *openings;
    int         n_openings, cap_openings;
    unsigned    open[7];       /* resolved: period mask per weekday */
    int         first_room, n_rooms;   /* range in mr_model.rooms */
    mr_loc      loc;
} mr_site;

typedef struct mr_room {
    char  *id;
    char  *kind;               /* treatment, gym, consult, ... */
    int    site;
    mr_loc loc;
} mr_room;

typedef struct mr_pcn {
    char  *id, *name;
    int    fcp_sessions_per_week;
    mr_loc loc;
} mr_pcn;

typedef struct mr_staff {
    char       *id, *name;
    int         role;          /* enum mr_role */
    mr_ref_list skills;        /* resolved into mr_model.skills */
    mr_ref      specialism;    /* id NULL if none; resolved into skills */
    double      sessions_per_week;
    unsigned    days;          /* weekday mask, default MR_MON_FRI */
    mr_ref_list periods;       /* default [am, pm] when empty and not given */
    int         periods_given;
    unsigned    pmask;         /* resolved */
    int         max_evenings;  /* per month, default 0 */
    mr_ref      home_site;
    mr_ref_list sites;
    unsigned char *may_work;   /* resolved: n_sites flags (sites + home) */
    mr_loc      loc;
} mr_staff;

/* An activity of the catalogue (SPEC 3). */
typedef struct mr_activity {
    char       *id;
    unsigned    roles;         /* mask of 1u << enum mr_role */
    mr_ref      skill;         /* required skill; id NULL if none */
    unsigned    site_kinds;    /* mask of 1u << enum mr_site_kind */
    char      **room_kinds;    /* acceptable kinds, most preferred first */
    int         n_room_kinds;  /* 0: needs no room */
    int         counts_as;     /* enum mr_counts_as */
    int         desk;          /* admin: home site or remote, no open site */
    mr_loc      loc;
} mr_activity;

typedef struct mr_appt_type {
    char       *id;
    int         minutes;
    mr_ref_list activities;
    int         capacity;
    mr_loc      loc;
} mr_appt_type;

typedef struct mr_rules {
    int    max_sessions_per_day;
    int    max_consecutive_days;
    double min_rest_hours;
    int    max_sites_per_day;
    double specialist_share;
    int    request_budget;
    int    session_buffer_minutes;
    int    request_deadline_day;
} mr_rules;

typedef struct mr_ea_rules {
    int    new_clients_per_adviser_max;
    double senior_share;
    int    first_appointment_within_days;
} mr_ea_rules;

typedef struct mr_weights {
    double cover, pcn, demand, deprivation, preference, fairness, specialism,
           ea_unallocated, change, carry_over;
} mr_weights;

typedef struct mr_cover {
    mr_ref      site;
    mr_ref      activity;
    mr_ref      specialty;     /* a skill; id NULL if none */
    unsigned    days;
    mr_ref_list periods;
    unsigned    pmask;         /* resolved */
    int         min;
    double      weight;        /* < 0: weights.cover */
    int         hard;
    mr_loc      loc;
} mr_cover;

/* Leave from a preference file or absence from absence.yaml: both hard. */
typedef struct mr_absence {
    mr_ref  staff;
    int     from, to;          /* day numbers, inclusive */
    char   *kind;              /* leave kind or absence reason */
    int     is_leave;          /* 1: preference leave, 0: absence.yaml */
    mr_loc  loc;
} mr_absence;

typedef struct mr_request {
    int     kind;              /* enum mr_request_kind */
    int     date;              /* day number or MR_NO_DATE */
    unsigned weekdays;         /* weekday mask, 0 if not given */
    mr_ref  period;
    mr_ref  site;
    mr_ref  activity;
    int     min_sessions;      /* task requests */
    int     weight;            /* 1..5 */
    mr_loc  loc;
} mr_request;

/* One preference file. */
typedef struct mr_pref {
    mr_ref      staff;
    char       *month;         /* as written, "YYYY-MM" */
    int         submitted;     /* day number or MR_NO_DATE */
    int         late;          /* set by resolve */
    int         first_request, n_requests;   /* range in mr_model.requests */
    int         file;
    mr_loc      loc;
} mr_pref;

typedef struct mr_demand {
    mr_ref  site;              /* exactly one of site, pcn */
    mr_ref  pcn;
    mr_ref  type;
    int     count;
    mr_loc  loc;
} mr_demand;

typedef struct mr_referral {
    char   *id;
    int     referred_on;
    mr_ref  site;
    char   *pathway;
    char   *employment_status;
    mr_ref  adviser;           /* id NULL: a new client */
    mr_loc  loc;
} mr_referral;

/* The month being planned. */
typedef struct mr_month {
    int year, month;           /* month 0 means "no month loaded" */
    int first_day;             /* day number of the 1st */
    int n_days;
} mr_month;

typedef struct mr_model {
    char       *dir;           /* the service directory as given */
    char       *service_name, *timezone;
    MR_ARRAY(char *, files);   /* paths relative to dir, for messages */
    MR_ARRAY(mr_period, periods);
    MR_ARRAY(int, closed_dates);
    mr_loc      closed_loc;
    MR_ARRAY(mr_site, sites);
    MR_ARRAY(mr_room, rooms);
    MR_ARRAY(mr_pcn, pcns);
    MR_ARRAY(mr_staff, staff);
    MR_ARRAY(char *, skills);  /* every skill or specialism name seen */
    MR_ARRAY(mr_activity, activities);
    MR_ARRAY(mr_appt_type, appt_types);
    mr_rules    rules;
    mr_ea_rules ea;
    mr_weights  weights;
    MR_ARRAY(mr_cover, cover);

    mr_month    month;
    MR_ARRAY(mr_pref, prefs);
    MR_ARRAY(mr_request, requests);
    MR_ARRAY(mr_absence, absences);
    MR_ARRAY(mr_demand, demand);
    MR_ARRAY(mr_referral, referrals);

    /* Regeneration's fixed past (solver/regen_past.c): per staff *
     * mr_n_weeks() + week, the sessions that week is due, -1 where H4's
     * count stands; NULL: none. */
    int        *due_fixed;
    int         resolved;      /* mr_model_resolve() succeeded */
    int         evening;       /* index of period "eve", or -1 */
    unsigned char *closed;     /* per day of the month, after resolve */
} mr_model;

/* Creates an empty model with the default catalogue, appointment types,
 * rules, EA rules and weights of SPEC.md. The caller owns *out and frees it
 * with mr_model_free(); on failure *out is NULL. Returns MR_OK or MR_ENOMEM. */
int  mr_model_new(mr_model **out);
void mr_model_free(mr_model *m);            /* NULL is fine */

/* Makes room for one more element in a growable array; *n is not changed.
 * Returns MR_OK or MR_ENOMEM (the array is left as it was). New memory is
 * zeroed. */
int  mr_array_grow(void **items, int *cap, int n, size_t size);

/* Appends a zeroed element and returns its index in *out (the new element is
 * items[*out]). Use through MR_PUSH. */
#define MR_PUSH(m, name, out)                                               \
    (mr_array_grow((void **)&(m)->name, &(m)->cap_##name, (m)->n_##name,   \
                   sizeof *(m)->name) == 0                                  \
         ? (*(out) = (m)->n_##name++, 0) : MR_ENOMEM)

/* Copies s (NULL gives NULL). */
char *mr_strdup(const char *s);

/* Adds a path to the file table and returns its index in *out. */
int  mr_model_add_file(mr_model *m, const char *path, int *out);

/* Sets a reference to a copy of id at loc (index -1). */
int  mr_ref_set(mr_ref *r, const char *id, mr_loc loc);
int  mr_ref_list_add(mr_ref_list *l, const char *id, mr_loc loc);
void mr_ref_clear(mr_ref *r);
void mr_ref_list_clear(mr_ref_list *l);

/* Sets the month (year, month 1..12). */
void mr_model_set_month(mr_model *m, int year, int month);

/* A reference's index, looking its id up with find when the model left it
 * unresolved (test fixtures); -1 when absent or unknown. */
int  mr_ref_index(const mr_model *m, const mr_ref *r,
                  int (*find)(const mr_model *, const char *));

/* Lookups by id; -1 when absent. Linear scans: models are small. */
int  mr_find_period(const mr_model *m, const char *id);
int  mr_find_site(const mr_model *m, const char *id);
int  mr_find_room(const mr_model *m, const char *id);
int  mr_find_pcn(const mr_model *m, const char *id);
int  mr_find_staff(const mr_model *m, const char *id);
int  mr_find_skill(const mr_model *m, const char *id);
int  mr_find_activity(const mr_model *m, const char *id);
int  mr_find_appt_type(const mr_model *m, const char *id);

/* Name tables for enums; the parse functions return -1 when unknown. */
const char *mr_role_name(int role);
int         mr_role_parse(const char *s);
const char *mr_site_kind_name(int kind);
int         mr_site_kind_parse(const char *s);

/* Resolves every reference and checks every rule of validation (SPEC 2-6),
 * adding one diagnostic per problem to d. Returns MR_OK when no error was
 * found (warnings allowed), MR_EINVAL when some were, MR_ENOMEM. */
int  mr_model_resolve(mr_model *m, mr_diags *d);

/* The file and place of a loc, for messages. */
const char *mr_loc_file(const mr_model *m, mr_loc loc);

#endif
