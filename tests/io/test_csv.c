/* Tests of io/csv.c: RFC 4180 records with places, and its error reports. */
#include <check.h>
#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "suites.h"

typedef struct t_csv {
    mr_diags d;
    mr_csv  *c;
    int      rc;
} t_csv;

static void parse_n(t_csv *t, const char *text, size_t len, int max)
{
    mr_diags_init(&t->d);
    t->rc = mr_csv_parse(text, len, "r.csv", max, &t->c, &t->d);
}

static void parse(t_csv *t, const char *text)
{
    parse_n(t, text, strlen(text), 0);
}

static void done(t_csv *t)
{
    mr_csv_free(t->c);
    mr_diags_clear(&t->d);
}

static const char *dump(const mr_diags *d)
{
    static char out[4096];
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

#define FIELD(t, r, f) ((t).c->records[r].fields[f])

START_TEST(plain_records_with_places)
{
    t_csv t;
    parse(&t, "id,name\nR1,Ann\nR2,\n");
    ck_assert_int_eq(t.rc, MR_OK);
    ck_assert_int_eq(t.d.n, 0);
    ck_assert_int_eq(t.c->n_records, 3);
    ck_assert_str_eq(FIELD(t, 1, 1).text, "Ann");
    ck_assert_int_eq(FIELD(t, 1, 1).line, 2);
    ck_assert_int_eq(FIELD(t, 1, 1).col, 4);
    ck_assert_str_eq(FIELD(t, 2, 1).text, "");       /* trailing comma */
    ck_assert_int_eq(FIELD(t, 2, 1).col, 4);
    ck_assert_int_eq(t.c->records[2].line, 3);
    done(&t);
}
END_TEST

START_TEST(quotes_escapes_and_commas)
{
    t_csv t;
    parse(&t, "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"\"\n");
    ck_assert_int_eq(t.d.n, 0);
    ck_assert_int_eq(t.c->n_records, 2);
    ck_assert_str_eq(FIELD(t, 1, 0).text, "x, y");
    ck_assert_str_eq(FIELD(t, 1, 1).text, "say \"hi\"");
    ck_assert_str_eq(FIELD(t, 1, 2).text, "");
    ck_assert_int_eq(FIELD(t, 1, 2).col, 21);
    done(&t);
}
END_TEST

START_TEST(embedded_newline_moves_lines_on)
{
    t_csv t;
    parse(&t, "a,b\n\"two\nlines\",x\nR3,\"y\"\nR4,z,extra\n");
    ck_assert_str_eq(FIELD(t, 1, 0).text, "two\nlines");
    ck_assert_int_eq(t.c->records[1].line, 2);
    ck_assert_int_eq(FIELD(t, 1, 1).line, 3);
    ck_assert_int_eq(FIELD(t, 1, 1).col, 8);
    ck_assert_int_eq(t.c->records[2].line, 4);
    ck_assert_int_eq(FIELD(t, 2, 1).col, 4);
    /* the record on line 5 has a third field, at column 6 */
    EXPECT(t, "r.csv:5:6: error: expected 2 fields, got 3");
    ck_assert_int_eq(t.c->n_records, 3);
    done(&t);
}
END_TEST

START_TEST(crlf_and_missing_final_newline)
{
    t_csv t;
    parse(&t, "a,b\r\n1,\"2\r\n3\"\r\n4,5");
    ck_assert_int_eq(t.d.n, 0);
    ck_assert_int_eq(t.c->n_records, 3);
    ck_assert_str_eq(FIELD(t, 0, 1).text, "b");      /* no stray \r */
    ck_assert_str_eq(FIELD(t, 1, 1).text, "2\r\n3");
    ck_assert_str_eq(FIELD(t, 2, 1).text, "5");
    ck_assert_int_eq(t.c->records[2].line, 4);
    done(&t);
}
END_TEST

START_TEST(empty_lines_and_bom_skipped)
{
    t_csv t;
    parse(&t, "\xef\xbb\xbf" "a,b\n\n1,2\n\n\n");
    ck_assert_int_eq(t.d.n, 0);
    ck_assert_int_eq(t.c->n_records, 2);
    ck_assert_str_eq(FIELD(t, 0, 0).text, "a");
    ck_assert_int_eq(FIELD(t, 0, 0).col, 1);
    ck_assert_int_eq(t.c->records[1].line, 3);
    done(&t);
    parse(&t, "");
    ck_assert_int_eq(t.rc, MR_OK);
    ck_assert_int_eq(t.c->n_records, 0);
    done(&t);
}
END_TEST

START_TEST(unterminated_quote_reported_at_opening)
{
    t_csv t;
    parse(&t, "a,b\n1,2\n3,\"open\n4,5\n");
    ck_assert_int_eq(t.rc, MR_OK);
    EXPECT(t, "r.csv:3:3: error: unterminated quoted field");
    ck_assert_int_eq(t.d.n_errors, 1);
    ck_assert_int_eq(t.c->n_records, 2);             /* what came before */
    done(&t);
}
END_TEST

START_TEST(field_count_mismatch_both_ways)
{
    t_csv t;
    parse(&t, "a,b,c\n1,2\n1,2,3\n1,2,3,4\n");
    EXPECT(t, "r.csv:2:4: error: expected 3 fields, got 2");
    EXPECT(t, "r.csv:4:7: error: expected 3 fields, got 4");
    ck_assert_int_eq(t.d.n_errors, 2);
    ck_assert_int_eq(t.c->n_records, 2);
    done(&t);
}
END_TEST

START_TEST(stray_quotes_reported)
{
    t_csv t;
    parse(&t, "a,b\n\"x\"y,1\nab\"c,2\nok,3\n");
    EXPECT(t, "r.csv:2:4: error: unexpected text after a closing quote");
    EXPECT(t, "r.csv:3:3: error: a quote inside an unquoted field");
    ck_assert_int_eq(t.d.n_errors, 2);
    ck_assert_int_eq(t.c->n_records, 2);
    ck_assert_str_eq(FIELD(t, 1, 0).text, "ok");
    done(&t);
}
END_TEST

START_TEST(invalid_utf8_and_long_fields)
{
    t_csv t;
    char buf[64];
    parse(&t, "a,b\n\xc3\xa9,\xc3\x28\n");
    EXPECT(t, "r.csv:2:3: error: the file is not valid UTF-8 text");
    ck_assert_int_eq(t.c->n_records, 0);
    done(&t);
    strcpy(buf, "a,b\n1,123456\n");
    parse_n(&t, buf, strlen(buf), 5);
    EXPECT(t, "r.csv:2:3: error: field longer than 5 characters");
    ck_assert_int_eq(t.c->n_records, 1);
    done(&t);
}
END_TEST

START_TEST(csv_survives_allocation_failures)
{
    const char *text = "a,b\n\"x\"\"y\",2\n3,4\n";
    for (long k = 1;; k++) {
        t_csv t;
        long n;
        mr_alloc_fail_at(k);
        parse(&t, text);
        n = mr_alloc_fail_at(0);
        if (t.rc == MR_OK) {
            ck_assert_int_eq(t.c->n_records, 3);
            ck_assert_int_gt(k, n);
            done(&t);
            break;
        }
        ck_assert_int_eq(t.rc, MR_ENOMEM);
        ck_assert_ptr_null(t.c);
        done(&t);
    }
}
END_TEST

Suite *suite_csv(void)
{
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, plain_records_with_places);
    tcase_add_test(tc, quotes_escapes_and_commas);
    tcase_add_test(tc, embedded_newline_moves_lines_on);
    tcase_add_test(tc, crlf_and_missing_final_newline);
    tcase_add_test(tc, empty_lines_and_bom_skipped);
    tcase_add_test(tc, unterminated_quote_reported_at_opening);
    tcase_add_test(tc, field_count_mismatch_both_ways);
    tcase_add_test(tc, stray_quotes_reported);
    tcase_add_test(tc, invalid_utf8_and_long_fields);
    tcase_add_test(tc, csv_survives_allocation_failures);
    suite_add_tcase(s, tc);
    return s;
}
