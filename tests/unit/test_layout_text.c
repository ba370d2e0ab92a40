/* Unit tests for layout_text: tables in pdftotext -layout text rebuilt as
 * tab-separated rows (a label wrapped round its figures' line, figures a
 * column apart from row to row, a table continued on the next page with
 * its columns shifted), prose with figures left alone, text without pages
 * or tables untouched, every rebuilt cell mapped back to where it stands
 * in the text, and a page whose table does not read surely left as it is
 * (tests/fixtures/pdf/results-sum.layout.txt, from pdftotext). */
#include "layout_text.h"

#include "fixture.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A line of text with each figure ending at its column (counted in
 * characters, as pdftotext counts them), at least three blanks apart. */
static int chars(const char *s) {
  int n = 0;
  for (; *s; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

static void put_row(char *out, size_t cap, const char *label,
                    const char *const *figs, const int *ends, int n) {
  size_t len = strlen(out);
  snprintf(out + len, cap - len, "%s", label);
  int col = chars(label);
  for (int i = 0; i < n; i++) {
    int pad = ends[i] - chars(figs[i]) - col;
    pad = pad < 3 ? 3 : pad;
    len = strlen(out);
    snprintf(out + len, cap - len, "%*s%s", pad, "", figs[i]);
    col += pad + chars(figs[i]);
  }
  len = strlen(out);
  snprintf(out + len, cap - len, "\n");
}

static void add(char *out, size_t cap, const char *s) {
  size_t len = strlen(out);
  snprintf(out + len, cap - len, "%s", s);
}

static const char *const head[] = {"自然人", "商业企业", "总计"};

/* Table 三's rows as pdftotext -layout sets them: (二)'s label wrapped
 * above and below its figures, each row's figures a column off. */
static void table_page(char *t, size_t cap) {
  static const char *const r1[] = {"12", "3", "15"};
  static const char *const r2[] = {"447", "7", "454"};
  static const char *const r3[] = {"459", "10", "469"};
  put_row(t, cap, "", head, (const int[]){37, 50, 60}, 3);
  add(t, cap, "\n");
  put_row(t, cap, "（一）予以公开", r1, (const int[]){36, 48, 60}, 3);
  add(t, cap, "\n（二）部分公开（区分处理的，只计这一情\n");
  put_row(t, cap, "", r2, (const int[]){37, 48, 61}, 3);
  add(t, cap, "形，不计其他情形）\n\n");
  put_row(t, cap, "（三）总计", r3, (const int[]){36, 49, 60}, 3);
}

/* The rebuilt text (NULL if not rebuilt) and its map; *rc what
 * layout_text_rebuild returned. */
static char *rebuild(const char *t, size_t *len, posmap *m, int *rc) {
  char *out[1] = {NULL};
  posmap_init(m);
  *rc = layout_text_rebuild(t, strlen(t), out, len, m);
  return out[0];
}

START_TEST(wrapped_label_and_shifted_figures) {
  static char t[4096];
  t[0] = 0;
  add(t, sizeof t,
      "标题\n"
      "全年共受理申请 459 件，其中予以公开 12 件，部分公开 447 件，均已按期答复。\n"
      "\f三、收到和处理政府信息公开申请情况\n");
  table_page(t, sizeof t);
  add(t, sizeof t, "\n四、政府信息公开行政复议、行政诉讼情况，本年度没有发生行政复议和行政诉讼。\n");
  size_t len;
  posmap m;
  int rc;
  char *out = rebuild(t, &len, &m, &rc);
  ck_assert_int_eq(rc, 1);
  ck_assert_ptr_nonnull(strstr(
      out, "标题\n"
           "全年共受理申请 459 件，其中予以公开 12 件，部分公开 447 件，均已按期答复。\n"
           "\f三、收到和处理政府信息公开申请情况\n"));
  ck_assert_ptr_nonnull(strstr(
      out, "\t自然人\t商业企业\t总计\n"
           "（一）予以公开\t12\t3\t15\n"
           "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t447\t7\t454\n"
           "（三）总计\t459\t10\t469\n"));
  ck_assert_ptr_nonnull(strstr(
      out, "四、政府信息公开行政复议、行政诉讼情况，本年度没有发生行政复议和行政诉讼。\n"));
  /* a cell maps to its first character in the text */
  const char *c = strstr(out, "\t447\t") + 1;
  size_t src = posmap_to_src(&m, (size_t)(c - out));
  ck_assert_int_eq(strncmp(t + src, "447 ", 4), 0);
  c = strstr(out, "（二）部分公开");
  src = posmap_to_src(&m, (size_t)(c - out));
  ck_assert_int_eq(strncmp(t + src, "（二）部分公开", strlen("（二）部分公开")), 0);
  /* text outside the table maps one to one */
  c = strstr(out, "全年共受理申请");
  ck_assert_uint_eq(posmap_to_src(&m, (size_t)(c - out)),
                    (size_t)(strstr(t, "全年共受理申请") - t));
  free(out);
  posmap_release(&m);
}
END_TEST

START_TEST(table_continued_on_a_shifted_page) {
  static char t[4096];
  t[0] = 0;
  static const char *const r1[] = {"5", "1", "6"};
  static const char *const r2[] = {"2", "0", "2"};
  static const char *const r3[] = {"7", "1", "8"};
  add(t, sizeof t, "\f三、收到和处理政府信息公开申请情况\n");
  put_row(t, sizeof t, "", head, (const int[]){37, 50, 60}, 3);
  add(t, sizeof t, "\n");
  put_row(t, sizeof t, "（一）予以公开", r1, (const int[]){36, 48, 60}, 3);
  add(t, sizeof t, "\n\f");
  /* page 2: pdftotext set the same columns eight characters further */
  put_row(t, sizeof t, "（二）部分公开", r2, (const int[]){44, 56, 68}, 3);
  add(t, sizeof t, "\n");
  put_row(t, sizeof t, "（三）总计", r3, (const int[]){44, 57, 68}, 3);
  add(t, sizeof t, "\n");
  size_t len;
  posmap m;
  int rc;
  char *out = rebuild(t, &len, &m, &rc);
  ck_assert_int_eq(rc, 1);
  ck_assert_ptr_nonnull(strstr(out, "（一）予以公开\t5\t1\t6\n"));
  ck_assert_ptr_nonnull(strstr(out, "（二）部分公开\t2\t0\t2\n"
                                    "（三）总计\t7\t1\t8\n"));
  const char *c = strstr(out, "\t8\n") + 1;
  size_t src = posmap_to_src(&m, (size_t)(c - out));
  ck_assert_int_eq(t[src], '8');
  ck_assert_int_eq(t[src + 1], '\n');
  free(out);
  posmap_release(&m);
}
END_TEST

START_TEST(untouched_text) {
  size_t len;
  posmap m;
  int rc;
  /* no pages: not pdftotext's */
  char *out = rebuild("（一）予以公开         12          3          15\n"
                      "（二）部分公开          4          0           4\n",
                      &len, &m, &rc);
  ck_assert_int_eq(rc, 0);
  ck_assert_ptr_null(out);
  ck_assert_uint_eq(m.n, 0);
  /* pages of prose, figures set apart by one or two blanks */
  out = rebuild("标题\n\f全年共受理申请 459 件，其中予以公开  12 件，部分公开\n"
                "447 件，均已按期答复。\n\f第二页 3 件。\n",
                &len, &m, &rc);
  ck_assert_int_eq(rc, 0);
  ck_assert_ptr_null(out);
  /* empty pages and a text of form feeds alone */
  out = rebuild("\f\f\n\f", &len, &m, &rc);
  ck_assert_int_eq(rc, 0);
  ck_assert_ptr_null(out);
  posmap_release(&m);
}
END_TEST

START_TEST(unsure_page_left_alone) {
  /* table 二 reads (each column under its header); table 三's headers
   * come out a column off (自然人 stands left of its figures, among the
   * labels) and two labels run together: its page stays as written */
  size_t n;
  char *t = fixture_slurp("tests/fixtures/pdf/results-sum.layout.txt", &n);
  size_t len;
  posmap m;
  int rc;
  char *out = rebuild(t, &len, &m, &rc);
  ck_assert_int_eq(rc, 1);
  ck_assert_ptr_nonnull(strstr(out, "\t信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
                                    "规章\t\t0\t0\t0\n"
                                    "行政规范性文件\t\t6\t3\t52\n"));
  const char *row = "一、本年新收政府信息公开申请数量           56     6       0"
                    "   1   3   1   67\n";
  ck_assert_ptr_nonnull(strstr(t, row));
  ck_assert_ptr_nonnull(strstr(out, row));
  ck_assert_ptr_null(strstr(out, "一、本年新收政府信息公开申请数量\t"));
  free(out);
  free(t);
  posmap_release(&m);
}
END_TEST

extern Suite *layout_text_suite(void);

Suite *layout_text_suite(void) {
  Suite *s = suite_create("layout_text");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, wrapped_label_and_shifted_figures);
  tcase_add_test(tc, table_continued_on_a_shifted_page);
  tcase_add_test(tc, untouched_text);
  tcase_add_test(tc, unsure_page_left_alone);
  suite_add_tcase(s, tc);
  return s;
}
