#!/usr/bin/env python3
# Generates io_broken_inputs.h, the table of broken inputs of
# tests/io/test_load.c:  python3 io_broken_inputs.py > io_broken_inputs.h
# Each row's text carries one marker '§' placed by hand where the diagnostic
# must point; the script turns it into the expected file:line:column.
# Rows with slot 1..5 are lines added to the base service of test_load.c
# (periods, sites, PCNs, staff, new top-level keys); slot 0 is a whole file.
SLOT_LINE = {1: 4, 2: 6, 3: 8, 4: 11, 5: 11}   # lines before each slot
S = "service.yaml"
P = "months/2026-12/preferences/s1.yaml"
A = "months/2026-12/absence.yaml"
D = "months/2026-12/demand.yaml"
C = "months/2026-12/referrals.csv"
PH = "staff: s1\nmonth: 2026-12\nrequests:\n"   # pref head, requests at line 4
CH = "id,referred_on,site,pathway,employment_status,adviser\n"
HEAD = ('service: {name: T, timezone: Europe/London}\nperiods:\n'
        '  - {id: am, start: "08:30", end: "12:30"}\n'
        '  - {id: pm, start: "13:00", end: "17:00"}\n')
rows = [
 # name, path, append-to-base, text, message, n_errors
 ("syntax", S, 5, "weights: {cover: 1, pcn: 2\n§", "YAML syntax error: did not find expected ',' or '}'", 1),
 ("top_not_map", S, 0, "§- a\n", "expected a mapping for service.yaml, got a sequence", 1),
 ("sites_not_seq", S, 0, HEAD + "sites: §hub\nstaff: []\n", "expected a sequence for 'sites', got text", 1),
 ("site_not_map", S, 0, HEAD + "sites:\n  - §hub\nstaff: []\n", "expected a mapping for site, got text", 1),
 ("missing_staff", S, 0, "§" + HEAD + "sites: []\n", "missing required key 'staff' in service.yaml", 1),
 ("missing_site_id", S, 2, "  - §{name: Hub, kind: hub}\n", "missing required key 'id' in site", 1),
 ("missing_role", S, 4, "  - §{id: s3, sessions_per_week: 10, home_site: hub}\n", "missing required key 'role' in staff", 1),
 ("missing_cover_periods", S, 5, "cover:\n  - §{site: hub, activity: clinic, min: 1}\n", "missing required key 'periods' in cover entry", 1),
 ("missing_service_name", S, 0, "service: §{timezone: X}\nperiods: []\nsites: []\nstaff: []\n", "missing required key 'name' in service", 1),
 ("null_required", S, 0, "service: {name: X}\nperiods: []\nsites: []\n§staff:\n", "missing value for required key 'staff' in service.yaml", 1),
 ("unknown_key", S, 3, "  - {id: p2, §fcp_session_per_week: 2}\n", "unknown key 'fcp_session_per_week' in pcn (did you mean 'fcp_sessions_per_week'? allowed: id, name, fcp_sessions_per_week)", 1),
 ("unknown_staff_key", S, 4, "  - {id: s3, role: physio, §sesions_per_week: 10, home_site: hub}\n", "unknown key 'sesions_per_week' in staff (did you mean 'sessions_per_week'? allowed: id, name, role, skills, specialism, sessions_per_week, days, periods, max_evenings, home_site, sites)", 2),
 ("duplicate_key", S, 5, "cover:\n  - {site: hub, activity: clinic, periods: [am], min: 1, §min: 2}\n", "duplicate key 'min' in cover entry (first at line 13)", 1),
 ("role_enum", S, 4, "  - {id: s3, role: §physo, sessions_per_week: 1, home_site: hub}\n", "unknown role 'physo' (did you mean 'physio'? allowed: physio, ot, set, ti, ea, sea)", 1),
 ("site_kind_enum", S, 2, "  - {id: s-2, kind: §practise}\n", "unknown site kind 'practise' (did you mean 'practice'? allowed: hub, community, practice, remote)", 1),
 ("counts_as_enum", S, 5, "activities:\n  - {id: clinic, counts_as: §clinicl}\n", "unknown counts_as value 'clinicl' (did you mean 'clinical'? allowed: clinical, advice, non_clinical)", 1),
 ("activity_role_enum", S, 5, "activities:\n  - {id: clinic, roles: [physio, §doctor]}\n", "unknown role 'doctor' (allowed: physio, ot, set, ti, ea, sea)", 1),
 ("activity_site_kind_enum", S, 5, "activities:\n  - {id: clinic, site_kinds: [§hubs]}\n", "unknown site kind 'hubs' (did you mean 'hub'?", 1),
 ("closed_date", S, 5, "closed_dates: [2026-12-25, §2026-12-32]\n", "expected a date (YYYY-MM-DD) for 'closed_dates', got '2026-12-32'", 1),
 ("period_time", S, 1, "  - {id: eve, start: \"17:00\", end: §\"2000\"}\n", "expected a time (\"HH:MM\", 24-hour) for 'end', got '2000'", 1),
 ("staff_days", S, 4, "  - {id: s3, role: ot, sessions_per_week: 1, home_site: hub, days: [mon, §tues]}\n", "expected a weekday (mon..sun) or a range such as mon-fri for 'days', got 'tues' (did you mean 'tue'?)", 1),
 ("open_range", S, 2, "  - {id: s-2, kind: hub, open: {§fri-mon: [am]}}\n", "expected a weekday (mon..sun) or a range such as mon-fri for 'open', got 'fri-mon'", 1),
 ("open_duplicate", S, 2, "  - {id: s-2, kind: hub, open: {mon: [am], §mon: [pm]}}\n", "duplicate key 'mon' in open", 1),
 ("open_periods", S, 2, "  - {id: s-2, kind: hub, open: {mon: [am, §PM]}}\n", "invalid id 'PM' for 'mon'", 1),
 ("cover_days", S, 5, "cover:\n  - {site: hub, activity: clinic, days: §mon-sunday, periods: [am], min: 1}\n", "expected a weekday (mon..sun) or a range such as mon-fri for 'days', got 'mon-sunday'", 1),
 ("staff_id", S, 4, "  - {id: §S3, role: ot, sessions_per_week: 1, home_site: hub}\n", "invalid id 'S3' for 'id' (expected lower-case letters, digits and '-', starting with a letter or digit)", 1),
 ("period_id_underscore", S, 1, "  - {id: §late_pm, start: \"17:00\", end: \"20:00\"}\n", "invalid id 'late_pm' for 'id'", 1),
 ("skill_id", S, 4, "  - {id: s3, role: ot, sessions_per_week: 1, home_site: hub, skills: [fit_note, §Fcp]}\n", "invalid id 'Fcp' for 'skills' (expected lower-case letters, digits, '_' and '-'", 1),
 ("home_site_id", S, 4, "  - {id: s3, role: ot, sessions_per_week: 1, home_site: §Hub 1}\n", "invalid id 'Hub 1' for 'home_site'", 1),
 ("imd_decile", S, 2, "  - {id: s-2, kind: hub, imd_decile: §0}\n", "'imd_decile' must be between 1 and 10, got 0", 1),
 ("sessions_per_week", S, 4, "  - {id: s3, role: ot, sessions_per_week: §100.5, home_site: hub}\n", "'sessions_per_week' must be between 0 and 100, got 100.5", 1),
 ("max_evenings", S, 4, "  - {id: s3, role: ot, sessions_per_week: 1, home_site: hub, max_evenings: §63}\n", "'max_evenings' must be between 0 and 62, got 63", 1),
 ("cover_min", S, 5, "cover:\n  - {site: hub, activity: clinic, periods: [am], min: §-1}\n", "'min' must be between 0 and 1000, got -1", 1),
 ("cover_min_text", S, 5, "cover:\n  - {site: hub, activity: clinic, periods: [am], min: §two}\n", "expected an integer for 'min', got 'two'", 1),
 ("cover_weight", S, 5, "cover:\n  - {site: hub, activity: clinic, periods: [am], min: 1, weight: §-5}\n", "'weight' must be between 0 and 1e+09, got -5", 1),
 ("weights_range", S, 5, "weights: {cover: §1e10}\n", "'cover' must be between 0 and 1e+09, got 1e10", 1),
 ("weights_unknown", S, 5, "weights: {§equity: 1}\n", "unknown key 'equity' in weights (allowed: cover, pcn, demand, deprivation, preference, fairness, specialism, ea_unallocated, change, carry_over)", 1),
 ("rules_unknown", S, 5, "rules: {§max_session_per_day: 2}\n", "unknown key 'max_session_per_day' in rules (did you mean 'max_sessions_per_day'?", 1),
 ("rules_range", S, 5, "rules:\n  request_budget: §-5\n", "'request_budget' must be between 0 and 1000, got -5", 1),
 ("rules_nan", S, 5, "rules: {specialist_share: §.nan}\n", "expected a number for 'specialist_share', got '.nan'", 1),
 ("rules_inf", S, 5, "rules: {min_rest_hours: §.inf}\n", "expected a number for 'min_rest_hours', got '.inf'", 1),
 ("ea_range", S, 5, "employment_advice: {senior_share: §1.5}\n", "'senior_share' must be between 0 and 1, got 1.5", 1),
 ("cover_hard", S, 5, "cover:\n  - {site: hub, activity: clinic, periods: [am], min: 1, hard: §yes}\n", "expected true or false for 'hard', got 'yes'", 1),
 ("activity_desk", S, 5, "activities:\n  - {id: clinic, desk: §1}\n", "expected true or false for 'desk', got '1'", 1),
 ("activity_new_incomplete", S, 5, "activities:\n  - §{id: hydro, roles: [physio], counts_as: clinical}\n", "missing required key 'site_kinds' in new activity 'hydro' (only a default activity may leave it out)", 1),
 ("activity_twice", S, 5, "activities:\n  - {id: clinic, desk: false}\n  - §{id: clinic, desk: true}\n", "activity 'clinic' is defined twice (first at line 13)", 1),
 ("activity_id", S, 5, "activities:\n  - {id: §Hydro}\n", "invalid id 'Hydro' for 'id'", 1),
 ("appt_new_incomplete", S, 5, "appointment_types:\n  - §{id: review, minutes: 15}\n", "missing required key 'activities' in new appointment type 'review'", 1),
 ("appt_minutes", S, 5, "appointment_types:\n  - {id: initial, minutes: §0}\n", "'minutes' must be between 1 and 1440, got 0", 1),
 ("appt_twice", S, 5, "appointment_types:\n  - {id: x_ray, minutes: 10, activities: [clinic]}\n  - §{id: x_ray, minutes: 20}\n", "appointment type 'x_ray' is defined twice (first at line 13)", 1),
 ("room_kind_missing", S, 2, "  - {id: s-2, kind: hub, rooms: [§{id: r2}]}\n", "missing required key 'kind' in room", 1),
 ("pcn_fcp", S, 3, "  - {id: p2, fcp_sessions_per_week: §2.5}\n", "expected a whole number for 'fcp_sessions_per_week', got '2.5'", 1),
 ("anchor", S, 5, "weights: §&w {cover: 1}\n", "anchors and aliases are not supported (anchor '&w')", 1),
 ("alias", S, 5, "rules: {request_budget: 20}\ncover:\n  - {site: hub, activity: clinic, periods: §*p, min: 1}\n", "anchors and aliases are not supported (alias '*p')", 1),
 ("long_text", S, 0, "service: {name: §" + "n" * 1001 + "}\n", "text longer than 1000 characters", 1),
 ("depth", S, 5, "rules: " + "[" * 31 + "§[" + "]" * 32 + "\n", "nesting deeper than 32 levels", 1),
 ("not_utf8", S, 5, "# caf§\\xe9\n", "the file is not valid UTF-8 text", 1),
 # preference files
 ("req_off_extra", P, 0, PH + "  - {date: 2026-12-04, off: true, §period: am, weight: 5}\n", "'period' does not belong in a day-off request (off: true), which takes date or weekday, and weight", 1),
 ("req_off_no_day", P, 0, PH + "  - §{off: true, weight: 5}\n", "a day-off request (off: true) needs 'date' or 'weekday' (it takes date or weekday, and weight)", 1),
 ("req_off_both", P, 0, PH + "  - {date: 2026-12-04, §weekday: fri, off: true, weight: 5}\n", "give either 'date' or 'weekday' in a day-off request (off: true), not both", 1),
 ("req_avoid_no_period", P, 0, PH + "  - §{avoid: true, weight: 2}\n", "an avoid request (avoid: true) needs 'period' (it takes period, optionally date or weekday, and weight)", 1),
 ("req_avoid_site", P, 0, PH + "  - {avoid: true, period: am, §site: hub, weight: 2}\n", "'site' does not belong in an avoid request (avoid: true), which takes period, optionally date or weekday, and weight", 1),
 ("req_avoid_false", P, 0, PH + "  - {period: am, avoid: §false, weight: 2}\n", "'avoid' can only be true (leave the request out instead)", 1),
 ("req_task_date", P, 0, PH + "  - {activity: group, min_sessions: 2, §date: 2026-12-03, weight: 2}\n", "'date' does not belong in a task request (activity with min_sessions), which takes activity, min_sessions and weight", 1),
 ("req_task_min", P, 0, PH + "  - {activity: group, min_sessions: §0, weight: 2}\n", "'min_sessions' must be between 1 and 100, got 0", 1),
 ("req_min_no_activity", P, 0, PH + "  - §{min_sessions: 2, weight: 2}\n", "a task request (activity with min_sessions) needs 'activity' (it takes activity, min_sessions and weight)", 1),
 ("req_location_no_day", P, 0, PH + "  - §{site: hub, weight: 3}\n", "a location request (site without activity) needs 'date' or 'weekday' (it takes site, weekday or date, optionally period, and weight)", 1),
 ("req_location_both", P, 0, PH + "  - {date: 2026-12-02, §weekday: wed, site: hub, weight: 3}\n", "give either 'date' or 'weekday' in a location request (site without activity), not both", 1),
 ("req_session_no_period", P, 0, PH + "  - §{date: 2026-12-10, activity: triage, weight: 1}\n", "a session request (activity without min_sessions) needs 'period' (it takes activity, date, period, optionally site, and weight)", 1),
 ("req_session_weekday", P, 0, PH + "  - {§weekday: thu, date: 2026-12-10, period: am, activity: triage, weight: 1}\n", "'weekday' does not belong in a session request (activity without min_sessions), which takes activity, date, period, optionally site, and weight", 1),
 ("req_no_kind", P, 0, PH + "  - §{period: eve, weight: 2}\n", "cannot tell what this request asks for (expected off: true with date or weekday; avoid: true with period; activity with min_sessions; activity with date and period; or site with weekday or date)", 1),
 ("req_weight_range", P, 0, PH + "  - {date: 2026-12-04, off: true, weight: §6}\n", "'weight' must be between 1 and 5, got 6", 1),
 ("req_weight_fraction", P, 0, PH + "  - {date: 2026-12-04, off: true, weight: §2.5}\n", "expected a whole number for 'weight', got '2.5'", 1),
 ("req_weight_missing", P, 0, PH + "  - §{date: 2026-12-04, off: true}\n", "missing required key 'weight' in request", 1),
 ("req_weekday", P, 0, PH + "  - {weekday: §tuesday, off: true, weight: 1}\n", "expected a weekday (mon..sun) or a range such as mon-fri for 'weekday', got 'tuesday'", 1),
 ("req_date", P, 0, PH + "  - {date: §2026-12-00, off: true, weight: 1}\n", "expected a date (YYYY-MM-DD) for 'date', got '2026-12-00'", 1),
 ("req_unknown_key", P, 0, PH + "  - {date: 2026-12-04, off: true, §wieght: 1}\n", "unknown key 'wieght' in request (did you mean 'weight'?", 2),
 ("pref_staff", P, 0, "staff: §s2\nmonth: 2026-12\n", "staff 's2' does not match the file name 's1.yaml'", 1),
 ("pref_month", P, 0, "staff: s1\nmonth: §2026-11\n", "month '2026-11' does not match the folder 'months/2026-12'", 1),
 ("pref_month_format", P, 0, "staff: s1\nmonth: §2026-1\n", "expected a month (YYYY-MM) for 'month', got '2026-1'", 1),
 ("pref_submitted", P, 0, "staff: s1\nmonth: 2026-12\nsubmitted: §2026-11-31\n", "expected a date (YYYY-MM-DD) for 'submitted', got '2026-11-31'", 1),
 ("pref_unknown_top", P, 0, "staff: s1\nmonth: 2026-12\n§requets: []\n", "unknown key 'requets' in a preference file (did you mean 'requests'? allowed: staff, month, submitted, leave, requests)", 1),
 ("pref_missing_month", P, 0, "§staff: s1\n", "missing required key 'month' in a preference file", 1),
 ("pref_leave_order", P, 0, "staff: s1\nmonth: 2026-12\nleave:\n  - {from: §2026-12-21, to: 2026-12-04, kind: annual}\n", "'from' (2026-12-21) is after 'to' (2026-12-04)", 1),
 ("pref_leave_missing_to", P, 0, "staff: s1\nmonth: 2026-12\nleave:\n  - §{from: 2026-12-21}\n", "missing required key 'to' in leave entry", 1),
 ("pref_leave_bad_to", P, 0, "staff: s1\nmonth: 2026-12\nleave:\n  - {from: 2026-12-21, to: §2026-12-2}\n", "expected a date (YYYY-MM-DD) for 'to', got '2026-12-2'", 1),
 ("pref_requests_not_seq", P, 0, "staff: s1\nmonth: 2026-12\nrequests: §{off: true}\n", "expected a sequence for 'requests', got a mapping", 1),
 # absence.yaml
 ("absence_order", A, 0, "absence:\n  - {staff: s1, from: §2026-12-16, to: 2026-12-14, reason: sickness}\n", "'from' (2026-12-16) is after 'to' (2026-12-14)", 1),
 ("absence_no_staff", A, 0, "absence:\n  - §{from: 2026-12-14, to: 2026-12-16}\n", "missing required key 'staff' in absence entry", 1),
 ("absence_bad_to", A, 0, "absence:\n  - {staff: s1, from: 2026-12-14, to: §2026-12-1}\n", "expected a date (YYYY-MM-DD) for 'to', got '2026-12-1'", 1),
 ("absence_unknown", A, 0, "absence:\n  - {staff: s1, from: 2026-12-14, to: 2026-12-15, §reson: sick}\n", "unknown key 'reson' in absence entry (did you mean 'reason'? allowed: staff, from, to, reason)", 1),
 ("absence_top", A, 0, "§absences: []\n", "unknown key 'absences' in absence.yaml (did you mean 'absence'? allowed: absence)", 2),
 # demand.yaml
 ("demand_neither", D, 0, "demand:\n  - §{type: initial, count: 3}\n", "a demand line needs 'site' or 'pcn'", 1),
 ("demand_both", D, 0, "demand:\n  - {site: hub, §pcn: p1, type: initial, count: 3}\n", "give either 'site' or 'pcn' in a demand line, not both", 1),
 ("demand_count", D, 0, "demand:\n  - {site: hub, type: initial, count: §-3}\n", "'count' must be between 0 and 1000000, got -3", 1),
 ("demand_type", D, 0, "demand:\n  - {site: hub, type: §Initial, count: 3}\n", "invalid id 'Initial' for 'type'", 1),
 ("demand_missing_count", D, 0, "demand:\n  - §{site: hub, type: initial}\n", "missing required key 'count' in demand line", 1),
 # referrals.csv
 ("csv_unknown_column", C, 0, "id,referred_on,site,pathway,employment_status,§advisor\n", "unknown column 'advisor' (did you mean 'adviser'? expected: id, referred_on, site, pathway, employment_status, adviser)", 2),
 ("csv_missing_column", C, 0, "§id,referred_on,site,pathway,employment_status\n", "missing column 'adviser' in the header (expected: id, referred_on, site, pathway, employment_status, adviser)", 1),
 ("csv_duplicate_column", C, 0, "id,referred_on,site,pathway,employment_status,adviser,§site\n", "duplicate column 'site'", 1),
 ("csv_date", C, 0, CH + "R1,§2026-12-32,hub,pain,off_sick,\n", "expected a date (YYYY-MM-DD) for 'referred_on', got '2026-12-32'", 1),
 ("csv_site", C, 0, CH + "R1,2026-12-01,§Hub 1,pain,off_sick,\n", "invalid id 'Hub 1' for 'site'", 1),
 ("csv_adviser", C, 0, CH + "R1,2026-12-01,hub,pain,off_sick,§A2\n", "invalid id 'A2' for 'adviser'", 1),
 ("csv_empty_id", C, 0, CH + "§,2026-12-01,hub,pain,off_sick,\n", "empty 'id'", 1),
 ("csv_field_count", C, 0, CH + "R1,2026-12-01,hub,pain,off_sick§\n", "expected 6 fields, got 5", 1),
 ("csv_unterminated", C, 0, CH + "R1,2026-12-01,hub,§\"pain,off_sick,\n", "unterminated quoted field", 1),
 ("csv_empty", C, 0, "§", "missing header (expected: id, referred_on, site, pathway, employment_status, adviser)", 1),
]

def cstr(s):
    out = s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n')
    out = out.replace('\\\\xe9', '\\xe9" "')   # a raw byte, not text
    return '"' + out + '"'

print("/* Generated by io_broken_inputs.py from its hand-placed markers: edit")
print(" * that file and regenerate, not this one. */")
print("static const t_row ROWS[] = {")
names = set()
for name, path, base, text, msg, n in rows:
    assert name not in names; names.add(name)
    assert text.count('§') == 1, name
    pos = text.index('§')
    before = text[:pos]
    line = before.count('\n') + 1
    col = len(before) - (before.rfind('\n') + 1) + 1
    if base:
        line += SLOT_LINE[base]
    body = text.replace('§', '')
    loc = f"{path}:{line}:{col}: error: {msg}"
    print(f"    {{{cstr(name)}, {cstr(path)}, {base},\n     {cstr(body)},\n     {cstr(loc)}, {n}}},")
print("};")
