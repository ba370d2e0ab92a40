/* Unit tests for tables: the three row forms, cell spans in the
 * normalised text and their source positions, numbers and blanks. */
#include <check.h>
#include <string.h>

#include "doc.h"
#include "normalize.h"
#include "scan.h"
#include "segment.h"
#include "tables.h"

static doc d;
static normtext nt;
static const char *source;

static void build(const char *src, int flags) {
  source = src;
  normalize_text(src, strlen(src), flags, &nt);
  doc_init(&d, nt.text, nt.len);
  segment_run(&d);
  scan_run(&d);
  segment_signature(&d);
  tables_find(&d, src, strlen(src), &nt.map);
  ck_assert_int_eq(doc_check(&d), 0);
}

static void done(void) {
  doc_release(&d);
  normtext_release(&nt);
}

static const doc_cell *cell(int table, int row, int col) {
  const doc_row *r = &d.rows[d.tables[table].first_row + row];
  ck_assert_int_lt(col, r->ncell);
  return &d.cells[r->first_cell + col];
}

static int span_is(span s, const char *want) {
  return s.len == strlen(want) && memcmp(d.text + s.off, want, s.len) == 0;
}

/* The cell's number starts at this byte of the source. */
static size_t src_of(const doc_cell *c) {
  return posmap_to_src(&nt.map, c->num.off);
}

START_TEST(markdown_pipe_table) {
  const char *src = "情况报告\n"
                    "表1 申请情况\n"
                    "| 项目 | 自然人 | 总计 |\n"
                    "|---|:--:|---|\n"
                    "| 新收 | 12 | １３ |\n"
                    "| 结转 |  | — |\n"
                    "正文。\n";
  build(src, NORMALIZE_MARKDOWN);
  ck_assert_int_eq(d.ntable, 1);
  ck_assert_int_eq(d.tables[0].nrow, 3);
  ck_assert(span_is(d.tables[0].caption, "表1申请情况"));
  ck_assert(span_is(cell(0, 0, 1)->s, "自然人"));
  ck_assert(!cell(0, 0, 1)->has_number);
  const doc_cell *c = cell(0, 1, 1);
  ck_assert(c->has_number && c->value == 12);
  ck_assert_uint_eq(src_of(c), (size_t)(strstr(src, "12") - src));
  c = cell(0, 1, 2); /* full-width digits, folded */
  ck_assert(c->has_number && c->value == 13 && span_is(c->num, "13"));
  ck_assert_uint_eq(src_of(c), (size_t)(strstr(src, "１３") - src));
  ck_assert(!cell(0, 2, 1)->has_number && cell(0, 2, 1)->s.len == 0);
  ck_assert(!cell(0, 2, 2)->has_number); /* — is blank, not zero */
  done();
}
END_TEST

START_TEST(tab_table_from_docx) {
  const char *src = "三、收到和处理政府信息公开申请情况\n"
                    "本年新收\t3\t4.5\t7\n"
                    "上年结转\t1,200\t0\t1200\n"
                    "正文。\n";
  build(src, NORMALIZE_NO_JOIN);
  ck_assert_int_eq(d.ntable, 1);
  ck_assert_int_eq(d.tables[0].nrow, 2);
  ck_assert_int_eq(d.tables[0].caption_para, 0);
  ck_assert(span_is(cell(0, 0, 0)->s, "本年新收"));
  const doc_cell *c = cell(0, 0, 2);
  ck_assert(c->has_number && c->value == 4.5 && c->decimals == 1);
  c = cell(0, 1, 1);
  ck_assert(c->has_number && c->value == 1200 && span_is(c->num, "1,200"));
  ck_assert_uint_eq(src_of(c), (size_t)(strstr(src, "1,200") - src));
  ck_assert(cell(0, 1, 2)->has_number && cell(0, 1, 2)->value == 0);
  done();
}
END_TEST

START_TEST(aligned_text_table) {
  const char *src = "表二 主动公开情况\n"
                    "信息内容      本年制发件数    本年废止件数\n"
                    "\n"
                    "规章          2               -\n"
                    "规范性文件    15              3\n"
                    "四、其他\n";
  build(src, 0);
  ck_assert_int_eq(d.ntable, 1);
  ck_assert_int_eq(d.tables[0].nrow, 3);
  ck_assert(span_is(d.tables[0].caption, "表二主动公开情况"));
  ck_assert(span_is(cell(0, 0, 2)->s, "本年废止件数"));
  ck_assert(!cell(0, 1, 2)->has_number);
  const doc_cell *c = cell(0, 2, 1);
  ck_assert(c->has_number && c->value == 15);
  ck_assert_uint_eq(src_of(c), (size_t)(strstr(src, "15") - src));
  done();
}
END_TEST

START_TEST(prose_is_no_table) {
  build("某区2024年度报告\n一、总体情况\n全年办理申请12件，同比增长5%。\n"
        "名称  内容\n单独  一行  文字\n",
        0);
  ck_assert_int_eq(d.ntable, 0);
  ck_assert_int_eq(d.nrow, 0);
  ck_assert_int_eq(d.ncell, 0);
  done();
}
END_TEST

START_TEST(numbers) {
  double v;
  span n;
  int dec;
  ck_assert(tables_number(" 12 ", 4, &v, &n, &dec) && v == 12 && n.off == 1);
  ck_assert(tables_number("-3.25", 5, &v, &n, &dec) && v == -3.25 && dec == 2);
  ck_assert(!tables_number("", 0, &v, &n, &dec));
  ck_assert(!tables_number("-", 1, &v, &n, &dec));
  ck_assert(!tables_number("12件", strlen("12件"), &v, &n, &dec));
  ck_assert(!tables_number("1.", 2, &v, &n, &dec));
}
END_TEST

extern Suite *tables_suite(void);
Suite *tables_suite(void) {
  Suite *s = suite_create("tables");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, markdown_pipe_table);
  tcase_add_test(tc, tab_table_from_docx);
  tcase_add_test(tc, aligned_text_table);
  tcase_add_test(tc, prose_is_no_table);
  tcase_add_test(tc, numbers);
  suite_add_tcase(s, tc);
  return s;
}
