/* Unit tests for the tables read_pdf rebuilds (pdf_grid) from PDFs made
 * by a real writer: tests/fixtures/pdf/table-*.pdf, table 三 of the
 * national 政府信息公开 format made by LibreOffice from HTML (tables.sh
 * there), ruled, without rules, with its 三、本年度办理结果 label one
 * character a line, and across a page break. The expected rows are
 * written by hand from the figures of tables.sh, cell by cell; the
 * prose around the table is poppler's plain text, asserted line by line.
 * Independently of them, every body row's six applicant figures sum to
 * its 总计 and 一 + 二 = (七) + 四 in every column, so a figure in the
 * wrong column shows even if an expected row were mistyped. */
#include "reader.h"

#include "fixture.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURES "tests/fixtures/pdf/"

/* The text of a fixture cut into its lines (without their LF), through
 * the reader the CLI uses. */
typedef struct page_lines {
  extracted x;
  char *buf;
  char **line;
  int n;
} page_lines;

static void read_lines(const char *name, page_lines *pl) {
  char path[256];
  size_t len;
  snprintf(path, sizeof path, FIXTURES "%s", name);
  char *raw = fixture_slurp(path, &len);
  reader_limits lim = {0, READER_DEFAULT_MAX_ENTRIES, 0};
  rl_diag d;
  diag_clear(&d);
  ck_assert_int_eq(read_pdf(raw, len, name, &lim, &pl->x, &d), 0);
  free(raw);
  ck_assert(pl->x.len > 0 && pl->x.text[pl->x.len - 1] == '\n');
  pl->buf = strdup(pl->x.text);
  pl->n = 0;
  for (size_t i = 0; i < pl->x.len; i++)
    pl->n += pl->x.text[i] == '\n';
  pl->line = malloc((size_t)pl->n * sizeof *pl->line);
  char *p = pl->buf;
  for (int i = 0; i < pl->n; i++) {
    pl->line[i] = p;
    p = strchr(p, '\n');
    *p++ = '\0';
  }
}

static void release_lines(page_lines *pl) {
  extracted_release(&pl->x);
  free(pl->line);
  free(pl->buf);
}

/* --- the expected table ------------------------------------------------
 * Three label columns (三、 group, （三） sub-group, 1. leaf), then 自然人,
 * 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计. A label spanning
 * rows is in the first of them; a label wrapped over lines is one cell. */

#define NCOL 10
#define Z7 "\t0\t0\t0\t0\t0\t0\t0"

static const char *const body[] = {
    "一、本年新收政府信息公开申请数量\t\t\t38\t5\t1\t1\t2\t1\t48",
    "二、上年结转政府信息公开申请数量\t\t\t4\t0\t0\t0\t0\t0\t4",
    "三、本年度办理结果\t（一）予以公开\t\t18\t3\t1\t0\t1\t0\t23",
    "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t"
    "\t3\t0\t0\t1\t1\t0\t5",
    "\t（三）不予公开\t1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1",
    "\t\t2.其他法律行政法规禁止公开\t0\t1\t0\t0\t0\t0\t1",
    "\t\t3.危及“三安全一稳定”\t2\t0\t0\t0\t0\t0\t2",
    "\t\t4.保护第三方合法权益\t1\t0\t0\t0\t0\t1\t2",
    "\t\t5.属于三类内部事务信息" Z7,
    "\t\t6.属于四类过程性信息\t1\t0\t0\t0\t0\t0\t1",
    "\t\t7.属于行政执法案卷" Z7,
    "\t\t8.属于行政查询事项\t3\t0\t0\t0\t0\t0\t3",
    "\t（四）无法提供\t1.本机关不掌握相关政府信息\t6\t1\t0\t0\t0\t0\t7",
    "\t\t2.没有现成信息需要另行制作\t1\t0\t0\t0\t0\t0\t1",
    "\t\t3.补正后申请内容仍不明确" Z7,
    "\t（五）不予处理\t1.信访举报投诉类申请\t2\t0\t0\t0\t0\t0\t2",
    "\t\t2.重复申请\t1\t0\t0\t0\t0\t0\t1",
    "\t\t3.要求提供公开出版物" Z7,
    "\t\t4.无正当理由大量反复申请" Z7,
    "\t\t5.要求行政机关确认或重新出具已获取信息" Z7,
    "\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其"
    "政府信息公开申请\t1\t0\t0\t0\t0\t0\t1",
    "\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其"
    "政府信息公开申请" Z7,
    "\t\t3.其他" Z7,
    "\t（七）总计\t\t40\t5\t1\t1\t2\t1\t50",
    "四、结转下年度继续办理\t\t\t2\t0\t0\t0\t0\t0\t2",
};
#define NBODY ((int)(sizeof body / sizeof *body))

/* The header: one cell over the three label columns, and the lowest
 * header cell of each figure column. */
#define LABEL_HEADER                                                           \
  "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
static const char *const column_header[] = {
    "自然人",       "商业企业", "科研机构", "社会公益组织",
    "法律服务机构", "其他",     "总计"};

#define PROSE1                                                                                                \
  "本年度，本办坚持以公开为常态、不公开为例外，持续深化政务公开，围绕重点" \
  "领域信息公开、政策解"
#define PROSE2                                                                                                \
  "读和回应关切，完善工作机制，规范依申请公开办理流程，政府信息公开工作取" \
  "得新的进展。"
#define HEADING3 "三、收到和处理政府信息公开申请情况"
#define HEADING4 "四、政府信息公开行政复议、行政诉讼情况"
#define LAST "本年度本办未发生因政府信息公开引起的行政复议、行政诉讼。"

/* Row s cut at its tabs into cell[NCOL] (pointers into buf); returns the
 * number of cells. */
static int cells_of(const char *s, char *buf, size_t cap, char **cell) {
  ck_assert_uint_lt(strlen(s), cap);
  strcpy(buf, s);
  int n = 0;
  for (char *p = buf;; p++) {
    if (n < NCOL)
      cell[n] = p;
    n++;
    p = strchr(p, '\t');
    if (!p)
      break;
    *p = '\0';
  }
  return n;
}

/* Lines [from, to) are the header rows: NCOL cells each; the label
 * header in one cell of the first column and nothing else over the
 * labels; bottom up, each figure column's first header cell its name;
 * the spanned 申请人情况 and 法人或其他组织 each one cell of a header row.
 * Where those two belong, the first column of their spans (自然人's and
 * 商业企业's), is not asserted: pdf_grid puts a centred header over
 * several columns in the first column it lies over (科研机构's), having
 * no rules to tell where its span starts. */
static void check_header(const page_lines *pl, int from, int to) {
  char buf[1024], *cell[NCOL];
  int label = 0, applicant = 0, legal = 0;
  ck_assert_int_gt(to, from);
  for (int i = from; i < to; i++) {
    ck_assert_int_eq(cells_of(pl->line[i], buf, sizeof buf, cell), NCOL);
    if (*cell[0]) {
      ck_assert_str_eq(cell[0], LABEL_HEADER);
      label++;
    }
    ck_assert_str_eq(cell[1], "");
    ck_assert_str_eq(cell[2], "");
    for (int c = 3; c < NCOL; c++) {
      applicant += strcmp(cell[c], "申请人情况") == 0;
      legal += strcmp(cell[c], "法人或其他组织") == 0;
    }
  }
  ck_assert_int_eq(label, 1);
  ck_assert_int_eq(applicant, 1);
  ck_assert_int_eq(legal, 1);
  for (int c = 3; c < NCOL; c++) {
    int i = to - 1;
    while (i >= from &&
           (cells_of(pl->line[i], buf, sizeof buf, cell), !*cell[c]))
      i--;
    ck_assert_msg(i >= from, "column %d has no header", c);
    ck_assert_str_eq(cell[c], column_header[c - 3]);
  }
}

/* Lines [at, at + n) are body rows [first, first + n). */
static void check_body(const page_lines *pl, int at, int first, int n) {
  ck_assert_int_le(at + n, pl->n);
  for (int k = 0; k < n; k++)
    ck_assert_str_eq(pl->line[at + k], body[first + k]);
}

/* The expected rows themselves: every row's applicants sum to its 总计,
 * and 一 + 二 = (七) + 四 in every column. */
START_TEST(expected_rows_add_up) {
  char buf[1024], *cell[NCOL];
  long col[4][7] = {{0}};
  const int at[4] = {0, 1, 23, 24}; /* 一 二 (七) 四 */
  for (int k = 0; k < NBODY; k++) {
    ck_assert_int_eq(cells_of(body[k], buf, sizeof buf, cell), NCOL);
    long sum = 0;
    for (int c = 3; c < NCOL - 1; c++)
      sum += atol(cell[c]);
    ck_assert_int_eq(sum, atol(cell[NCOL - 1]));
    for (int j = 0; j < 4; j++)
      if (at[j] == k)
        for (int c = 3; c < NCOL; c++)
          col[j][c - 3] = atol(cell[c]);
  }
  for (int c = 0; c < 7; c++)
    ck_assert_int_eq(col[0][c] + col[1][c], col[2][c] + col[3][c]);
}
END_TEST

/* One page: a paragraph, the heading, the header, the body rows, the
 * next part's heading and its paragraph, and nothing else. */
static void check_one_page(const char *name) {
  page_lines pl;
  read_lines(name, &pl);
  ck_assert_int_eq(pl.x.npages, 1);
  ck_assert_str_eq(pl.line[0], "（一）" PROSE1);
  ck_assert_str_eq(pl.line[1], PROSE2);
  ck_assert_str_eq(pl.line[2], HEADING3);
  int first = 3;
  while (first < pl.n && strcmp(pl.line[first], body[0]) != 0)
    first++;
  ck_assert_msg(first < pl.n, "%s: no row %s", name, body[0]);
  check_header(&pl, 3, first);
  check_body(&pl, first, 0, NBODY);
  ck_assert_int_eq(pl.n, first + NBODY + 2);
  ck_assert_str_eq(pl.line[first + NBODY], HEADING4);
  ck_assert_str_eq(pl.line[first + NBODY + 1], LAST);
  release_lines(&pl);
}

/* Ruled: the spanned header, labels wrapped over two or three lines in
 * their cells (（二）, （四）无法提供, （六）1. and 2.), 三、本年度办理结果
 * over two lines centred in its 22 rows. */
START_TEST(ruled_table) { check_one_page("table-ruled.pdf"); }
END_TEST

/* The same table drawn without a single rule: the same rows. */
START_TEST(table_without_rules) { check_one_page("table-plain.pdf"); }
END_TEST

/* 三、本年度办理结果 one character a line down its 22 rows: one cell. */
START_TEST(vertical_label) { check_one_page("table-vertical.pdf"); }
END_TEST

/* Across a page break, inside the three-line label of （六）2.: its first
 * line and figures on page 1, the rest of it at the top of page 2 with
 * no header repeated. The label is whole in its row on page 1; page 2
 * goes on with the next rows, the prose after them unchanged. */
START_TEST(table_across_page_break) {
  page_lines pl;
  read_lines("table-break.pdf", &pl);
  ck_assert_int_eq(pl.x.npages, 2);
  static const char *const cn[] = {"一", "二", "三", "四", "五"};
  for (int i = 0; i < 5; i++) {
    char want[512];
    snprintf(want, sizeof want, "（%s）%s", cn[i], PROSE1);
    ck_assert_str_eq(pl.line[2 * i], want);
    ck_assert_str_eq(pl.line[2 * i + 1], PROSE2);
  }
  ck_assert_str_eq(pl.line[10], "本年度政府信息公开工作情况如下，收到和处理"
                                "政府信息公开申请的数量与办理结果见下表，"
                                "办理期限均符合");
  ck_assert_str_eq(pl.line[11], "条例的规定。");
  ck_assert_str_eq(pl.line[12], HEADING3);
  int first = 13;
  while (first < pl.n && strcmp(pl.line[first], body[0]) != 0)
    first++;
  ck_assert_msg(first < pl.n, "no row %s", body[0]);
  check_header(&pl, 13, first);
  const int on_page1 = 22; /* 一 to （六）2. */
  check_body(&pl, first, 0, on_page1);
  int p2 = pl.x.page_start[1] - 1; /* 0-based */
  ck_assert_int_eq(p2, first + on_page1);
  check_body(&pl, p2, on_page1, NBODY - on_page1);
  ck_assert_int_eq(pl.n, p2 + NBODY - on_page1 + 2);
  ck_assert_str_eq(pl.line[pl.n - 2], HEADING4);
  ck_assert_str_eq(pl.line[pl.n - 1], LAST);
  release_lines(&pl);
}
END_TEST

extern Suite *read_pdf_tables_suite(void);

Suite *read_pdf_tables_suite(void) {
  Suite *s = suite_create("read_pdf_tables");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, expected_rows_add_up);
  tcase_add_test(tc, ruled_table);
  tcase_add_test(tc, table_without_rules);
  tcase_add_test(tc, vertical_label);
  tcase_add_test(tc, table_across_page_break);
  suite_add_tcase(s, tc);
  return s;
}
