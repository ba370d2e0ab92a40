/* Unit tests for tables: the three row forms, cell spans in the
 * normalised text and their source positions, numbers and blanks. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "model.h"
#include "normalize.h"
#include "scan.h"
#include "segment.h"
#include "table_view.h"
#include "tables.h"

static doc d;
static normtext nt;
static linemap lm;
static const char *source;

static void build(const char *src, int flags) {
  source = src;
  model_input in = {src, strlen(src), flags, NULL};
  model_build(&in, &nt, &lm, &d);
  ck_assert_int_eq(doc_check(&d), 0);
}

static void done(void) {
  doc_release(&d);
  linemap_release(&lm);
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

/* Blank cells of aligned text are where a column has no figure: the row
 * is rebuilt with one cell per column, blanks included. */
START_TEST(aligned_blank_cells) {
  const char *src = "情况\n"
                    "                自然人    其他    总计\n"
                    "新收                12       1      13\n"
                    "结转                 2               2\n"
                    "合计                14       1\n";
  build(src, 0);
  ck_assert_int_eq(d.ntable, 1);
  ck_assert_int_eq(d.tables[0].nrow, 4);
  ck_assert_int_eq(d.rows[d.tables[0].first_row + 2].ncell, 4);
  ck_assert(!cell(0, 2, 2)->has_number && cell(0, 2, 2)->s.len == 0);
  ck_assert(cell(0, 2, 3)->value == 2);
  ck_assert(!cell(0, 3, 3)->has_number);
  ck_assert(span_is(cell(0, 0, 0)->s, "自然人"));
  ck_assert_int_eq(d.rows[d.tables[0].first_row].ncell, 3);
  done();
}
END_TEST

/* A table row that starts like a heading (三、 （一）) is not one. */
START_TEST(table_rows_are_not_headings) {
  build("某县2024年政府信息公开工作年度报告\n"
        "三、收到和处理政府信息公开申请情况\n"
        "三、本年度办理结果  （一）予以公开      5      5\n"
        "                    （二）部分公开      1      1\n",
        0);
  ck_assert_int_eq(d.ntable, 1);
  ck_assert_int_eq(d.nhead, 1);
  ck_assert_int_eq(d.paras[2].table, 0);
  ck_assert_int_eq(d.paras[1].table, -1);
  done();
}
END_TEST

/* A tab row (DOCX, HTML) keeps empty cells at both ends: spans expanded
 * by the readers leave them there. */
START_TEST(tab_row_keeps_empty_ends) {
  build("情况\n\t自然人\t总计\n一、新收\t3\t\n", 0);
  ck_assert_int_eq(d.ntable, 1);
  ck_assert_int_eq(d.rows[d.tables[0].first_row].ncell, 3);
  ck_assert_int_eq(d.rows[d.tables[0].first_row + 1].ncell, 3);
  ck_assert(!cell(0, 1, 2)->has_number);
  done();
}
END_TEST

/* Label paths follow the numbering down the hierarchy, a parent printed
 * once (a rowspan) included; a row with children is not a leaf. */
START_TEST(view_paths) {
  build("情况\n"
        "项目\t\t\t自然人\t总计\n"
        "一、本年新收\t\t\t3\t3\n"
        "三、本年度办理结果\t（一）予以公开\t\t1\t1\n"
        "\t（三）不予公开\t1.属于国家秘密\t1\t1\n"
        "\t\t2.重复申请\t0\t0\n"
        "\t（七）总计\t\t2\t2\n",
        0);
  table_view v;
  table_view_init(&v, &d, 0);
  ck_assert_int_eq(v.width, 2);
  ck_assert(!v.data[0]);
  ck_assert_str_eq(v.path[1], "一、本年新收");
  ck_assert_str_eq(v.path[4], "三、本年度办理结果/（三）不予公开/2.重复申请");
  ck_assert_str_eq(v.path[5], "三、本年度办理结果/（七）总计");
  ck_assert_str_eq(table_view_label(&v, 4), "2.重复申请");
  ck_assert(v.leaf[3] && v.leaf[4] && v.leaf[5]);
  span h = table_view_header(&v, 3, 0);
  ck_assert(span_is(h, "自然人"));
  ck_assert(table_view_cell(&v, 4, 1)->value == 0);
  ck_assert(table_view_cell(&v, 4, 2) == NULL);
  done();
}
END_TEST

/* Fuzz finds: the model's invariants (cells in text order) hold. */
START_TEST(regress_inputs) {
  static const char *const files[] = {
      "tests/regress/fuzz-model-table-cell-order.txt"};
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    FILE *f = fopen(files[i], "rb");
    ck_assert_msg(f != NULL, "cannot open %s", files[i]);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    build(buf, 0); /* asserts doc_check */
    done();
  }
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
  tcase_add_test(tc, aligned_blank_cells);
  tcase_add_test(tc, table_rows_are_not_headings);
  tcase_add_test(tc, tab_row_keeps_empty_ends);
  tcase_add_test(tc, view_paths);
  tcase_add_test(tc, regress_inputs);
  suite_add_tcase(s, tc);
  return s;
}
