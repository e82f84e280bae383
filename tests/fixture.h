/* Small models built in code, already resolved, for tests that must not
 * depend on the YAML reader: December 2026 (starts on a Tuesday), periods
 * am/pm/eve, closed 25, 26 and 28 December. */
#ifndef MR_TEST_FIXTURE_H
#define MR_TEST_FIXTURE_H

#include "model.h"

/* A model with the three periods, the month and the closed dates, and no
 * sites or staff. Aborts the test on allocation failure. */
mr_model *fx_month(void);
/* Adds a site of the kind, open on days (mask) in periods (mask); returns
 * its index. */
int fx_site(mr_model *m, const char *id, int kind, unsigned days,
            unsigned periods);
/* Adds a room to the last site added. */
int fx_room(mr_model *m, const char *id, const char *kind);
/* Adds a person who may work at every site; returns the index. */
int fx_staff(mr_model *m, const char *id, int role, double spw, unsigned days,
             unsigned periods);
/* Adds leave from day d1 to d2 of December for a person. */
void fx_leave(mr_model *m, int staff, int d1, int d2);
/* Adds a referral R<i> on day (an absolute day number) at site; adviser
 * -1 for a new client. Returns its index. */
int fx_referral(mr_model *m, int day, int site, int adviser);
/* Day number of a December 2026 date. */
int fx_dec(int d);

/* --- raw models for the resolver's tests (fxr_*) -------------------------
 * Unresolved, as a reader leaves them, with every item at its own place so
 * tests can assert where each diagnostic points. File 0 is "service.yaml";
 * the month is December 2026. Each call puts its entity at (file, line, 3)
 * and the k-th id argument (k = 1, 2, ...; a list's items count one each)
 * at (file, line, 10 * k). */
mr_loc    fxr_loc(int file, int line, int col);
int       fxr_file(mr_model *m, const char *path);
/* An empty raw model: the defaults, file 0, the month. */
mr_model *fxr_new(void);
/* A valid service: periods am 3, pm 4, eve 5 (08:30-12:30, 13:00-17:00,
 * 17:00-20:00); site hub (hub) 10, open mon-fri [am, pm, eve] 11 and sat
 * [am] 12, rooms hub-t1 treatment 13, hub-gym gym 14, hub-c1 consult 15;
 * site surgery (practice) 20, pcn pcn-a 21, open mon-fri [am, pm] 22, room
 * sur-c1 consult 23; site remote (remote) 25, open mon-fri [am, pm] 26; pcn
 * pcn-a 30; staff c001 physio 10 a week 40, home hub 41, sites [hub,
 * surgery, remote] 42, skills [fcp, group] 43, specialism spinal 44,
 * periods [am, pm] 45; staff a001 ea 4 a week 50, home hub 51 (periods not
 * given); cover hub clinic mon-fri [am, pm] min 1 at 60, remote triage
 * mon-fri [am, pm] min 1 at 61; closed 25, 26, 28 Dec and 1 Jan 2027. */
mr_model *fxr_service(void);
int  fxr_period(mr_model *m, const char *id, const char *start,
                const char *end, int line);
int  fxr_site(mr_model *m, const char *id, int kind, int line);
void fxr_site_pcn(mr_model *m, int site, const char *pcn, int line);
void fxr_open(mr_model *m, int site, unsigned days, const char *periods,
              int line);
int  fxr_room(mr_model *m, int site, const char *id, const char *kind,
              int line);
int  fxr_pcn(mr_model *m, const char *id, int fcp, int line);
/* A person working mon-fri, periods not given, no home site. */
int  fxr_staff(mr_model *m, const char *id, int role, double spw, int line);
void fxr_staff_home(mr_model *m, int p, const char *site, int line);
void fxr_staff_sites(mr_model *m, int p, const char *sites, int line);
void fxr_staff_skills(mr_model *m, int p, const char *skills, int line);
void fxr_staff_specialism(mr_model *m, int p, const char *skill, int line);
void fxr_staff_periods(mr_model *m, int p, const char *periods, int line);
int  fxr_cover(mr_model *m, const char *site, const char *activity,
               unsigned days, const char *periods, int min, int line);
void fxr_cover_specialty(mr_model *m, int c, const char *skill, int line);
/* A preference file at path (registered) for month 2026-12. */
int  fxr_pref(mr_model *m, const char *path, const char *staff,
              int submitted, int line);
/* A request of the last preference file (date MR_NO_DATE). */
int  fxr_request(mr_model *m, int kind, int weight, const char *period,
                 const char *site, const char *activity, int line);
int  fxr_absence(mr_model *m, int file, const char *staff, int from, int to,
                 int is_leave, int line);
int  fxr_demand(mr_model *m, int file, const char *site, const char *pcn,
                const char *type, int count, int line);
int  fxr_referral(mr_model *m, int file, const char *id, const char *site,
                  const char *adviser, int line);
/* 1 when d holds a diagnostic of that severity at file:line:col whose
 * message contains phrase. */
int  fxr_has(const mr_diags *d, int severity, const char *file, int line,
             int col, const char *phrase);
/* Every diagnostic of d, formatted one a line (a static buffer). */
const char *fxr_text(const mr_diags *d);

/* --- a solved month for store and export tests (fx_run) ------------------
 * fx_month() plus: sites central-hub (hub; rooms ch-t1 treatment, ch-c1
 * consult) and lewes-surgery (practice of PCN lewes-pcn; room ls-1
 * consult), both mon-fri [am, pm]; skill spinal; staff c001 physio named
 * `Shah, Amrita "Amy"`, c002 physio "Ben Jones", a001 ea "Cara Lee";
 * referrals R1001, R1002. The solution (feasible, objective 200, bound 150,
 * gap 0.25, 1.5 s, first 0.25 s; shortfalls cover 2, pcn 3, demand 149,
 * ea_unallocated 1; satisfaction min 0.5 mean 0.75) holds, in this order:
 *   assign 0 c002 2 Dec pm clinic central-hub ch-t1
 *          1 c001 2 Dec am clinic/spinal central-hub ch-t1
 *          2 c001 1 Dec am fcp lewes-surgery ls-1
 *          3 a001 2 Dec am ea central-hub ch-c1
 *          4 c002 1 Dec am clinic central-hub ch-t1
 *   slots  0 of 1 08:30-09:15 initial; 1 of 2 08:30-08:50 fcp;
 *          2 of 3 09:00-10:00 ea_first; 3 of 1 09:15-09:45 follow_up
 *   ea     R1002 unallocated (no_adviser_session); R1001 a001 slot 2
 *   satisfaction c001 requested 5 satisfied 5 (1); c002 none; a001 3, 1.5
 *   shortfalls demand lewes-pcn fcp 150/1; cover central-hub clinic spinal
 *          2 Dec pm 1/0; pcn lewes-pcn week 2026-11-30 4/1; cover
 *          central-hub clinic 1 Dec am 2/1. */
#include "roster.h"
mr_model *fx_run(mr_solution **sol);

/* A new empty directory under $TMPDIR (or /tmp); the caller frees the
 * string with free() after fx_rmtree(). */
char *fx_tmpdir(void);
/* Removes dir and everything in it. */
void  fx_rmtree(const char *dir);
/* The whole file as a NUL-terminated string (free()), NULL if unreadable. */
char *fx_read_file(const char *path);

/* --- resolved extras for the verifier's and evaluator's tests ------------ */
/* Sets a reference to a copy of id, resolved to index. */
void fx_ref(mr_ref *r, const char *id, int index);
/* Gives a person a skill (as their specialism when specialism is 1),
 * adding it to m->skills and resolving the activities that need it;
 * returns the skill's index. */
int  fx_skill(mr_model *m, int staff, const char *skill, int specialism);
/* Adds a soft cover entry (weight -1: weights.cover) for the activity at a
 * site on days in periods (masks); returns its index. */
int  fx_cover(mr_model *m, int site, const char *activity, unsigned days,
              unsigned periods, int min);
/* Adds a PCN requiring fcp sessions a week; returns its index. */
int  fx_pcn(mr_model *m, const char *id, int fcp);
/* Adds a request of a person (date MR_NO_DATE, no weekdays, period, site or
 * activity: set them with fx_ref), extending the person's preference file
 * when it is the last one; returns the request's index. */
int  fx_request(mr_model *m, int staff, int kind, int weight);

#endif
