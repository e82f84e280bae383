/* Tests of io/yaml_doc.c: the tree, its places, the input limits and the
 * field readers, on YAML text given inline. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "date.h"
#include "suites.h"
#include "yaml_doc.h"

typedef struct t_doc {
    mr_model *m;
    mr_diags  d;
    io_ctx    c;
    io_ynode *root;
    int       rc;
} t_doc;

static void parse_n(t_doc *t, const char *text, size_t len)
{
    memset(t, 0, sizeof *t);
    ck_assert_int_eq(mr_model_new(&t->m), MR_OK);
    mr_diags_init(&t->d);
    t->c.m = t->m;
    t->c.d = &t->d;
    ck_assert_int_eq(mr_model_add_file(t->m, "t.yaml", &t->c.file), MR_OK);
    t->rc = io_yaml_parse(&t->c, text, len, &t->root);
}

static void parse(t_doc *t, const char *text)
{
    parse_n(t, text, strlen(text));
}

static void done(t_doc *t)
{
    io_ynode_free(t->root);
    mr_diags_clear(&t->d);
    mr_model_free(t->m);
}

/* Every diagnostic, one a line, for failure messages. */
static const char *dump(const mr_diags *d)
{
    static char out[8192];
    size_t k = 0;
    out[0] = 0;
    for (int i = 0; i < d->n && k < sizeof out - 1; i++) {
        mr_diag_format(&d->items[i], out + k, (int)(sizeof out - k));
        k += strlen(out + k);
        if (k < sizeof out - 1)
            out[k++] = '\n', out[k] = 0;
    }
    return out;
}

/* 1 when some diagnostic, formatted, starts with prefix. */
static int has(const mr_diags *d, const char *prefix)
{
    char buf[1200];
    for (int i = 0; i < d->n; i++) {
        mr_diag_format(&d->items[i], buf, sizeof buf);
        if (strncmp(buf, prefix, strlen(prefix)) == 0)
            return 1;
    }
    return 0;
}

#define EXPECT(t, prefix) \
    ck_assert_msg(has(&(t).d, prefix), "no '%s' in:\n%s", prefix, dump(&(t).d))

START_TEST(tree_keeps_places_one_based)
{
    t_doc t;
    const io_ynode *v;
    parse(&t, "a: 1\nb:\n  - x\n  - {k: \"v\"}\n");
    ck_assert_int_eq(t.rc, MR_OK);
    ck_assert_ptr_nonnull(t.root);
    ck_assert_int_eq(t.root->kind, IO_YMAP);
    ck_assert_int_eq(t.root->n_items, 4);
    v = io_y_get(t.root, "b");
    ck_assert_int_eq(v->kind, IO_YSEQ);
    ck_assert_int_eq(v->line, 3);
    ck_assert_int_eq(v->col, 3);
    ck_assert_int_eq(v->items[1]->kind, IO_YMAP);
    ck_assert_int_eq(v->items[1]->line, 4);
    ck_assert_int_eq(v->items[1]->col, 5);
    v = io_y_get(v->items[1], "k");
    ck_assert_str_eq(v->text, "v");
    ck_assert_int_eq(v->plain, 0);
    ck_assert_int_eq(v->col, 9);
    ck_assert_int_eq(t.d.n, 0);
    done(&t);
}
END_TEST

START_TEST(empty_and_comment_only_give_no_root)
{
    t_doc t;
    parse(&t, "");
    ck_assert_int_eq(t.rc, MR_OK);
    ck_assert_ptr_null(t.root);
    done(&t);
    parse(&t, "# only a comment\n\n");
    ck_assert_int_eq(t.rc, MR_OK);
    ck_assert_ptr_null(t.root);
    ck_assert_int_eq(t.d.n, 0);
    done(&t);
}
END_TEST

START_TEST(syntax_error_at_libyaml_mark)
{
    t_doc t;
    parse(&t, "a: 1\nb: [x, y\nc: 2\n");
    ck_assert_int_eq(t.rc, MR_EINVAL);
    ck_assert_ptr_null(t.root);
    ck_assert_int_eq(t.d.n_errors, 1);
    EXPECT(t, "t.yaml:3:2: error: YAML syntax error: did not find expected ',' or ']'");
    done(&t);
    parse(&t, "a:\n  b: 1\n\tc: 2\n");
    EXPECT(t, "t.yaml:3:1: error: YAML syntax error: found a tab character");
    done(&t);
}
END_TEST

START_TEST(anchors_and_aliases_refused_all_reported)
{
    t_doc t;
    parse(&t, "a: &x {k: 1}\nb: *x\nc: &y 3\n");
    ck_assert_int_eq(t.rc, MR_EINVAL);
    ck_assert_ptr_null(t.root);
    ck_assert_int_eq(t.d.n_errors, 3);
    EXPECT(t, "t.yaml:1:4: error: anchors and aliases are not supported");
    EXPECT(t, "t.yaml:2:4: error: anchors and aliases are not supported (alias '*x')");
    EXPECT(t, "t.yaml:3:4: error: anchors and aliases are not supported (anchor '&y')");
    done(&t);
}
END_TEST

START_TEST(nesting_limit)
{
    t_doc t;
    char buf[256];
    int k = 0;
    /* 32 nested sequences are fine; the 33rd opens at column 33 */
    for (int i = 0; i < 32; i++)
        buf[k++] = '[';
    for (int i = 0; i < 32; i++)
        buf[k++] = ']';
    buf[k] = 0;
    parse(&t, buf);
    ck_assert_int_eq(t.rc, MR_OK);
    done(&t);
    k = 0;
    for (int i = 0; i < 33; i++)
        buf[k++] = '[';
    for (int i = 0; i < 33; i++)
        buf[k++] = ']';
    buf[k] = 0;
    parse(&t, buf);
    ck_assert_int_eq(t.rc, MR_EINVAL);
    EXPECT(t, "t.yaml:1:33: error: nesting deeper than 32 levels");
    done(&t);
}
END_TEST

START_TEST(long_text_refused)
{
    t_doc t;
    char buf[2100];
    /* 1000 characters pass (each é is two bytes but one character) */
    strcpy(buf, "a: ");
    for (int i = 0; i < 500; i++)
        strcat(buf, "\xc3\xa9x");
    parse(&t, buf);
    ck_assert_int_eq(t.rc, MR_OK);
    ck_assert_int_eq(t.d.n, 0);
    done(&t);
    strcpy(buf, "a: 1\nkey: ");
    memset(buf + 10, 'q', 1001);
    buf[1011] = 0;
    parse(&t, buf);
    ck_assert_int_eq(t.rc, MR_EINVAL);
    ck_assert_ptr_null(t.root);
    EXPECT(t, "t.yaml:2:6: error: text longer than 1000 characters");
    done(&t);
}
END_TEST

START_TEST(node_limit)
{
    t_doc t;
    size_t n = 100001, k = 0;
    char *buf = malloc(2 * n + 4);
    /* a sequence of 100000 scalars is 100001 nodes with the sequence */
    buf[k++] = '[';
    for (size_t i = 0; i < n - 1; i++) {
        buf[k++] = '0';
        buf[k++] = ',';
    }
    buf[k - 1] = ']';
    buf[k] = 0;
    parse(&t, buf);
    ck_assert_int_eq(t.rc, MR_EINVAL);
    /* the 100001st node is the last item, at column 2 * 100000 */
    EXPECT(t, "t.yaml:1:200000: error: more than 100000 YAML nodes");
    done(&t);
    buf[k - 3] = ']';
    buf[k - 2] = 0;
    parse(&t, buf);
    ck_assert_int_eq(t.rc, MR_OK);
    done(&t);
    free(buf);
}
END_TEST

START_TEST(invalid_utf8_at_its_place)
{
    t_doc t;
    parse(&t, "a: 1\nb: \xc3\xa9t\xff\n");
    ck_assert_int_eq(t.rc, MR_EINVAL);
    EXPECT(t, "t.yaml:2:6: error: the file is not valid UTF-8 text");
    done(&t);
}
END_TEST

START_TEST(bom_and_crlf_accepted)
{
    t_doc t;
    const io_ynode *v;
    parse(&t, "\xef\xbb\xbf" "a: 1\r\nb: two\r\n");
    ck_assert_int_eq(t.rc, MR_OK);
    v = io_y_get(t.root, "b");
    ck_assert_str_eq(v->text, "two");
    ck_assert_int_eq(v->line, 2);
    ck_assert_int_eq(v->col, 4);
    ck_assert_int_eq(t.d.n, 0);
    done(&t);
}
END_TEST

START_TEST(second_document_refused)
{
    t_doc t;
    parse(&t, "a: 1\n---\nb: 2\n");
    ck_assert_int_eq(t.rc, MR_EINVAL);
    EXPECT(t, "t.yaml:2:1: error: more than one YAML document");
    done(&t);
}
END_TEST

static const char *const ABC[] = {"alpha", "beta", "gamma", NULL};

START_TEST(map_checks_keys)
{
    t_doc t;
    parse(&t, "alpha: 1\nbetta: 2\nalpha: 3\n[x]: 4\nzzz: 5\ngamma:\n");
    ck_assert_int_eq(t.rc, MR_OK);
    ck_assert_int_eq(io_y_map(&t.c, t.root, "thing", ABC,
                              (const char *const[]){"alpha", "gamma", "beta",
                                                    NULL}), 1);
    EXPECT(t, "t.yaml:2:1: error: unknown key 'betta' in thing (did you mean "
              "'beta'? allowed: alpha, beta, gamma)");
    EXPECT(t, "t.yaml:3:1: error: duplicate key 'alpha' in thing (first at line 1)");
    EXPECT(t, "t.yaml:4:1: error: expected a key in thing, got a sequence");
    EXPECT(t, "t.yaml:5:1: error: unknown key 'zzz' in thing (allowed: alpha, beta, gamma)");
    EXPECT(t, "t.yaml:6:1: error: missing value for required key 'gamma' in thing");
    EXPECT(t, "t.yaml:1:1: error: missing required key 'beta' in thing");
    ck_assert_int_eq(t.d.n_errors, 6);
    done(&t);
    parse(&t, "- 1\n");
    ck_assert_int_eq(io_y_map(&t.c, t.root, "thing", ABC, NULL), 0);
    EXPECT(t, "t.yaml:1:1: error: expected a mapping for thing, got a sequence");
    done(&t);
}
END_TEST

START_TEST(null_values_count_as_absent)
{
    t_doc t;
    int x = 7;
    parse(&t, "a:\nb: ~\nc: null\nd: ''\n");
    ck_assert_ptr_null(io_y_get(t.root, "a"));
    ck_assert_ptr_null(io_y_get(t.root, "b"));
    ck_assert_ptr_null(io_y_get(t.root, "c"));
    ck_assert_ptr_nonnull(io_y_get(t.root, "d"));      /* quoted: text */
    ck_assert_ptr_nonnull(io_y_key(t.root, "a"));
    ck_assert_int_eq(io_y_int(&t.c, t.root, "a", 0, 9, &x), 0);
    ck_assert_int_eq(x, 7);
    ck_assert_int_eq(t.d.n, 0);
    done(&t);
}
END_TEST

START_TEST(numbers_are_strict)
{
    t_doc t;
    int i = 0;
    double x = 0;
    parse(&t, "a: 12\nb: two\nc: 2.5\nd: -3\ne: .nan\nf: .inf\ng: 1e400\n"
              "h: 0x1F\ni: 7.5e-1\nj: [1]\nk: 99999999999999999999\n");
    ck_assert_int_eq(io_y_int(&t.c, t.root, "a", 0, 20, &i), 1);
    ck_assert_int_eq(i, 12);
    ck_assert_int_eq(io_y_int(&t.c, t.root, "b", 0, 20, &i), -1);
    EXPECT(t, "t.yaml:2:4: error: expected an integer for 'b', got 'two'");
    ck_assert_int_eq(io_y_int(&t.c, t.root, "c", 0, 20, &i), -1);
    EXPECT(t, "t.yaml:3:4: error: expected a whole number for 'c', got '2.5'");
    ck_assert_int_eq(io_y_int(&t.c, t.root, "d", 0, 20, &i), -1);
    EXPECT(t, "t.yaml:4:4: error: 'd' must be between 0 and 20, got -3");
    ck_assert_int_eq(io_y_num(&t.c, t.root, "e", 0, 1, &x), -1);
    EXPECT(t, "t.yaml:5:4: error: expected a number for 'e', got '.nan'");
    ck_assert_int_eq(io_y_num(&t.c, t.root, "f", 0, 1, &x), -1);
    EXPECT(t, "t.yaml:6:4: error: expected a number for 'f', got '.inf'");
    ck_assert_int_eq(io_y_num(&t.c, t.root, "g", 0, 1e9, &x), -1);
    EXPECT(t, "t.yaml:7:4: error: 'g' must be between 0 and 1e+09, got 1e400");
    ck_assert_int_eq(io_y_num(&t.c, t.root, "h", 0, 1e9, &x), -1);
    EXPECT(t, "t.yaml:8:4: error: expected a number for 'h', got '0x1F'");
    ck_assert_int_eq(io_y_num(&t.c, t.root, "i", 0, 1, &x), 1);
    ck_assert_double_eq_tol(x, 0.75, 1e-12);
    ck_assert_int_eq(io_y_num(&t.c, t.root, "j", 0, 1, &x), -1);
    EXPECT(t, "t.yaml:10:4: error: expected a number for 'j', got a sequence");
    ck_assert_int_eq(io_y_int(&t.c, t.root, "k", 0, 100, &i), -1);
    EXPECT(t, "t.yaml:11:4: error: 'k' must be between 0 and 100");
    done(&t);
}
END_TEST

START_TEST(booleans_dates_times)
{
    t_doc t;
    int b = -1, day = 0, min = 0;
    parse(&t, "t: true\nf: false\ny: yes\nd: 2026-12-25\nbad: 2026-02-30\n"
              "tm: \"08:30\"\nbt: 8:30\n");
    ck_assert_int_eq(io_y_bool(&t.c, t.root, "t", &b), 1);
    ck_assert_int_eq(b, 1);
    ck_assert_int_eq(io_y_bool(&t.c, t.root, "f", &b), 1);
    ck_assert_int_eq(b, 0);
    ck_assert_int_eq(io_y_bool(&t.c, t.root, "y", &b), -1);
    EXPECT(t, "t.yaml:3:4: error: expected true or false for 'y', got 'yes'");
    ck_assert_int_eq(io_y_date(&t.c, t.root, "d", &day), 1);
    ck_assert_int_eq(day, mr_days_from_civil(2026, 12, 25));
    ck_assert_int_eq(io_y_date(&t.c, t.root, "bad", &day), -1);
    EXPECT(t, "t.yaml:5:6: error: expected a date (YYYY-MM-DD) for 'bad', got '2026-02-30'");
    ck_assert_int_eq(io_y_time(&t.c, t.root, "tm", &min), 1);
    ck_assert_int_eq(min, 510);
    ck_assert_int_eq(io_y_time(&t.c, t.root, "bt", &min), -1);
    EXPECT(t, "t.yaml:7:5: error: expected a time (\"HH:MM\", 24-hour) for 'bt', got '8:30'");
    done(&t);
}
END_TEST

START_TEST(weekday_lists)
{
    t_doc t;
    unsigned m = 0;
    parse(&t, "a: mon-fri\nb: [mon, wed-thu, sun]\nc: sat\nd: [mon, tues]\n"
              "e: fri-mon\nf: []\ng: {mon: 1}\n");
    ck_assert_int_eq(io_y_weekdays(&t.c, t.root, "a", &m), 1);
    ck_assert_uint_eq(m, 0x1Fu);
    ck_assert_int_eq(io_y_weekdays(&t.c, t.root, "b", &m), 1);
    ck_assert_uint_eq(m, 0x1u | 0x4u | 0x8u | 0x40u);
    ck_assert_int_eq(io_y_weekdays(&t.c, t.root, "c", &m), 1);
    ck_assert_uint_eq(m, 0x20u);
    ck_assert_int_eq(io_y_weekdays(&t.c, t.root, "d", &m), -1);
    EXPECT(t, "t.yaml:4:10: error: expected a weekday (mon..sun) or a range "
              "such as mon-fri for 'd', got 'tues' (did you mean 'tue'?)");
    ck_assert_int_eq(io_y_weekdays(&t.c, t.root, "e", &m), -1);
    EXPECT(t, "t.yaml:5:4: error: expected a weekday (mon..sun) or a range "
              "such as mon-fri for 'e', got 'fri-mon'");
    ck_assert_int_eq(io_y_weekdays(&t.c, t.root, "f", &m), -1);
    EXPECT(t, "t.yaml:6:4: error: expected at least one weekday for 'f'");
    ck_assert_int_eq(io_y_weekdays(&t.c, t.root, "g", &m), -1);
    EXPECT(t, "t.yaml:7:4: error: expected a weekday for 'g', got a mapping");
    done(&t);
}
END_TEST

START_TEST(ids_and_enums)
{
    static const char *const ROLES[] = {"physio", "ot", "set"};
    t_doc t;
    const char *s = NULL;
    int e = -1;
    mr_ref_list l = {0};
    parse(&t, "a: hub-1\nb: Hub 1\nc: fit_note\nd: -x\nr: physo\n"
              "q: doctor\nl: [am, PM, pm]\n");
    ck_assert_int_eq(io_y_id(&t.c, t.root, "a", IO_ID, &s), 1);
    ck_assert_str_eq(s, "hub-1");
    ck_assert_int_eq(io_y_id(&t.c, t.root, "b", IO_ID, &s), -1);
    EXPECT(t, "t.yaml:2:4: error: invalid id 'Hub 1' for 'b'");
    ck_assert_int_eq(io_y_id(&t.c, t.root, "c", IO_ID, &s), -1);
    EXPECT(t, "t.yaml:3:4: error: invalid id 'fit_note' for 'c'");
    ck_assert_int_eq(io_y_id(&t.c, t.root, "c", IO_NAME, &s), 1);
    ck_assert_int_eq(io_y_id(&t.c, t.root, "d", IO_NAME, &s), -1);
    EXPECT(t, "t.yaml:4:4: error: invalid id '-x' for 'd'");
    ck_assert_int_eq(io_y_enum(&t.c, t.root, "r", ROLES, 3, &e), -1);
    EXPECT(t, "t.yaml:5:4: error: unknown r 'physo' (did you mean 'physio'? "
              "allowed: physio, ot, set)");
    ck_assert_int_eq(io_y_enum(&t.c, t.root, "q", ROLES, 3, &e), -1);
    EXPECT(t, "t.yaml:6:4: error: unknown q 'doctor' (allowed: physio, ot, set)");
    ck_assert_int_eq(io_y_ref_list(&t.c, t.root, "l", IO_ID, &l), -1);
    EXPECT(t, "t.yaml:7:9: error: invalid id 'PM' for 'l'");
    ck_assert_int_eq(l.n_items, 2);
    ck_assert_str_eq(l.items[1].id, "pm");
    ck_assert_int_eq(l.items[1].loc.line, 7);
    ck_assert_int_eq(l.items[1].loc.col, 13);
    ck_assert_int_eq(l.items[1].index, -1);
    mr_ref_list_clear(&l);
    done(&t);
}
END_TEST

START_TEST(parse_survives_allocation_failures)
{
    const char *text = "a: [1, 2, {b: c}]\nd: e\n";
    long n;
    t_doc t;
    mr_alloc_fail_at(0);
    parse(&t, text);
    done(&t);
    for (long k = 1;; k++) {
        memset(&t, 0, sizeof t);
        ck_assert_int_eq(mr_model_new(&t.m), MR_OK);
        mr_diags_init(&t.d);
        t.c.m = t.m;
        t.c.d = &t.d;
        t.c.file = -1;
        mr_alloc_fail_at(k);
        t.rc = io_yaml_parse(&t.c, text, strlen(text), &t.root);
        n = mr_alloc_fail_at(0);
        if (t.rc == MR_OK) {
            ck_assert_ptr_nonnull(t.root);
            done(&t);
            ck_assert_int_gt(k, n);
            break;
        }
        ck_assert_int_eq(t.rc, MR_ENOMEM);
        ck_assert_ptr_null(t.root);
        done(&t);
    }
}
END_TEST

Suite *suite_yaml(void)
{
    Suite *s = suite_create("yaml");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, tree_keeps_places_one_based);
    tcase_add_test(tc, empty_and_comment_only_give_no_root);
    tcase_add_test(tc, syntax_error_at_libyaml_mark);
    tcase_add_test(tc, anchors_and_aliases_refused_all_reported);
    tcase_add_test(tc, nesting_limit);
    tcase_add_test(tc, long_text_refused);
    tcase_add_test(tc, node_limit);
    tcase_add_test(tc, invalid_utf8_at_its_place);
    tcase_add_test(tc, bom_and_crlf_accepted);
    tcase_add_test(tc, second_document_refused);
    tcase_add_test(tc, map_checks_keys);
    tcase_add_test(tc, null_values_count_as_absent);
    tcase_add_test(tc, numbers_are_strict);
    tcase_add_test(tc, booleans_dates_times);
    tcase_add_test(tc, weekday_lists);
    tcase_add_test(tc, ids_and_enums);
    tcase_add_test(tc, parse_survives_allocation_failures);
    suite_add_tcase(s, tc);
    return s;
}
