/* Unit tests for dynlib, xmllib and ziplib: the libraries that only some
 * formats need are opened by the first read of such a format, not
 * before. A missing library or symbol gives its one-line reason; a text
 * report opens neither libxml2 nor libzip, an HTML page opens libxml2
 * alone; threads that race to open them all get the same table and read
 * the same text. "Nothing opened yet" can only be judged in a fresh
 * process (CK_FORK=yes, the default of `make unit`): under CK_FORK=no the
 * suites before this one may have read HTML and DOCX already, and those
 * assertions are then skipped. */
#include "dynlib.h"
#include "fixture.h"
#include "reader.h"
#include "reportlint.h"
#include "xmllib.h"
#include "ziplib.h"

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef RL_XML2_SONAME
#define RL_XML2_SONAME "libxml2.so.2"
#endif

#define SEED "seeds/000_34462ac303488de8.txt"
#define PORTAL "tests/fixtures/html/portal.html"
#define PLAIN_DOCX "tests/fixtures/docx/plain.docx"

START_TEST(missing_library) {
  void (*f)(void) = NULL;
  const dynlib_sym syms[] = {{"f", &f}};
  char why[256];
  ck_assert_int_eq(
      dynlib_load("libreportlint-none.so.0", syms, 1, why, sizeof why), -1);
  ck_assert_str_eq(why, "libreportlint-none.so.0: cannot open shared object "
                        "file: No such file or directory");
  ck_assert_ptr_null(f);
}
END_TEST

START_TEST(missing_symbol) {
  int (*is_digit)(unsigned int) = NULL;
  void (*none)(void) = NULL;
  const dynlib_sym syms[] = {{"xmlIsDigit", &is_digit},
                             {"xmlNoSuchFunction", &none}};
  char why[256];
  ck_assert_int_eq(dynlib_load(RL_XML2_SONAME, syms, 2, why, sizeof why), -1);
  ck_assert_str_eq(why, RL_XML2_SONAME " has no xmlNoSuchFunction");
}
END_TEST

START_TEST(symbols_found) {
  int (*is_digit)(unsigned int) = NULL;
  const dynlib_sym syms[] = {{"xmlIsDigit", &is_digit}};
  char why[256] = "";
  ck_assert_int_eq(dynlib_load(RL_XML2_SONAME, syms, 1, why, sizeof why), 0);
  ck_assert_str_eq(why, "");
  ck_assert_int_eq(is_digit('7'), 1);
  ck_assert_int_eq(is_digit(0x0667), 1); // ARABIC-INDIC DIGIT SEVEN
  ck_assert_int_eq(is_digit('x'), 0);
}
END_TEST

/* Reads and checks path with the default rules, as `check` does. */
static void check_file(const char *path) {
  rl_ctx *ctx = rl_ctx_new(NULL);
  rl_diag d;
  diag_clear(&d);
  ck_assert_int_eq(rl_ctx_load_rules(ctx, "rules", &d), 0);
  rl_report *r = rl_report_read(ctx, path, &d);
  ck_assert_msg(r != NULL, "%s: %s", path, d.msg);
  ck_assert_int_eq(rl_report_check(ctx, r, &d), 0);
  rl_report_free(r);
  rl_ctx_free(ctx);
}

START_TEST(text_opens_nothing) {
  int fresh = !xmllib_loaded() && !ziplib_loaded();
  check_file(SEED);
  if (fresh) {
    ck_assert_int_eq(xmllib_loaded(), 0);
    ck_assert_int_eq(ziplib_loaded(), 0);
  }
}
END_TEST

START_TEST(html_opens_libxml2_alone) {
  int fresh = !xmllib_loaded() && !ziplib_loaded();
  check_file(PORTAL);
  ck_assert_int_eq(xmllib_loaded(), 1);
  if (fresh)
    ck_assert_int_eq(ziplib_loaded(), 0);
}
END_TEST

START_TEST(docx_opens_both) {
  check_file(PLAIN_DOCX);
  ck_assert_int_eq(xmllib_loaded(), 1);
  ck_assert_int_eq(ziplib_loaded(), 1);
  const char *why = "unset";
  ck_assert_ptr_nonnull(xmllib_load(&why));
  ck_assert_ptr_nonnull(ziplib_load(&why));
  ck_assert_str_eq(why, "unset"); // only set on failure
}
END_TEST

/* One page read on one of several threads started at once. */
typedef struct racer {
  const char *raw;
  size_t len;
  int docx;
  const xmllib *xl;
  int rc;
  extracted x;
} racer;

static void *race(void *arg) {
  racer *r = arg;
  rl_diag d;
  diag_clear(&d);
  r->rc = r->docx ? read_docx(r->raw, r->len, "t.docx", NULL, &r->x, &d)
                  : read_html(r->raw, r->len, "t.html", NULL, &r->x, &d);
  const char *why;
  r->xl = xmllib_load(&why);
  return NULL;
}

/* Threads that may be the first to open libxml2 and libzip (as audit's
 * and check -j's workers are) each get the one table and the same text. */
START_TEST(threads_race_to_open) {
  enum { N = 6 };
  size_t hlen, dlen;
  char *html = fixture_slurp(PORTAL, &hlen);
  char *docx = fixture_slurp(PLAIN_DOCX, &dlen);
  racer r[N];
  pthread_t t[N];
  for (int i = 0; i < N; i++) {
    r[i] = (racer){i % 2 ? docx : html, i % 2 ? dlen : hlen, i % 2, NULL,
                   -9, {0}};
    ck_assert_int_eq(pthread_create(&t[i], NULL, race, &r[i]), 0);
  }
  for (int i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  for (int i = 0; i < N; i++) {
    ck_assert_int_eq(r[i].rc, 0);
    ck_assert_ptr_nonnull(r[i].xl);
    ck_assert_ptr_eq(r[i].xl, r[0].xl);
    const racer *same = &r[i % 2];
    ck_assert_uint_eq(r[i].x.len, same->x.len);
    ck_assert_int_eq(memcmp(r[i].x.text, same->x.text, same->x.len), 0);
  }
  for (int i = 0; i < N; i++)
    extracted_release(&r[i].x);
  free(html);
  free(docx);
}
END_TEST

extern Suite *dynlib_suite(void);

Suite *dynlib_suite(void) {
  Suite *s = suite_create("dynlib");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, missing_library);
  tcase_add_test(tc, missing_symbol);
  tcase_add_test(tc, symbols_found);
  tcase_add_test(tc, text_opens_nothing);
  tcase_add_test(tc, html_opens_libxml2_alone);
  tcase_add_test(tc, docx_opens_both);
  tcase_add_test(tc, threads_race_to_open);
  suite_add_tcase(s, tc);
  return s;
}
