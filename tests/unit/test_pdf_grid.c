/* Unit tests for pdf_grid: pages built glyph by glyph (each plain-text
 * line placed at a point, 10-point characters) and the text they give:
 * prose untouched, lines and cells of a table drawn without rules, a
 * label wrapped over two lines, a label drawn one character per line, a
 * header over two columns, a table continued on the next page with its
 * label cut by the break, and hostile boxes (NaN, huge, zero-width,
 * overlapping) that must leave the plain text. */
#include "pdf_grid.h"

#include "utf8.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct glyphs {
  pdf_glyph g[2048];
  size_t n;
} glyphs;

enum { SIZE = 10 };

/* Appends s as one plain-text line starting at (x, y), then its '\n'. */
static void put(glyphs *gs, const char *s, double x, double y) {
  size_t len = strlen(s);
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    int n = utf8_decode(s + i, len - i, &cp);
    double w = utf8_is_wide(cp) ? SIZE : SIZE / 2.0;
    gs->g[gs->n++] = (pdf_glyph){cp, x, y, x + w, y + SIZE};
    x += w;
    i += (size_t)n;
  }
  gs->g[gs->n++] = (pdf_glyph){'\n', x, y + SIZE, x, y + SIZE};
}

/* The page's text; the caller frees it. */
static char *text_of(const glyphs *gs, pdf_grid *prev, pdf_grid **out) {
  pdf_grid *pg = pdf_grid_new(gs->g, gs->n, 595, 842, prev);
  size_t len;
  char *t = pdf_grid_text(pg, &len, NULL);
  ck_assert_uint_eq(strlen(t), len);
  if (out)
    *out = pg;
  else
    pdf_grid_free(pg);
  return t;
}

static void plain(const glyphs *gs, char *buf) {
  size_t k = 0;
  for (size_t i = 0; i < gs->n; i++)
    k += (size_t)utf8_encode(gs->g[i].cp, buf + k);
  buf[k] = '\0';
}

START_TEST(prose_unchanged) {
  static glyphs gs;
  gs.n = 0;
  put(&gs, "2024年，全市共受理申请 21 件。", 74, 100);
  put(&gs, "答复 20 件，结转 1 件。", 74, 120);
  char want[512];
  plain(&gs, want);
  char *t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, want);
  free(t);
}
END_TEST

START_TEST(table_without_rules) {
  static glyphs gs;
  gs.n = 0;
  put(&gs, "二、主动公开政府信息情况", 100, 60); /* prose above */
  gs.g[0].x2 = gs.g[0].x1 + 16; /* a larger font: not a table line */
  for (size_t i = 0; i < gs.n; i++)
    gs.g[i].x2 = gs.g[i].x1 + 16, gs.g[i].y2 = gs.g[i].y1 + 16;
  put(&gs, "信息内容", 78, 100);
  put(&gs, "本年制发件数", 240, 100);
  put(&gs, "本年废止件数", 340, 100);
  put(&gs, "规章", 78, 130);
  put(&gs, "1", 270, 130);
  put(&gs, "0", 370, 130);
  put(&gs, "行政规范性文件", 78, 160);
  put(&gs, "8", 270, 160);
  put(&gs, "26", 368, 160);
  char *t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, "二、主动公开政府信息情况\n"
                      "信息内容\t本年制发件数\t本年废止件数\n"
                      "规章\t1\t0\n"
                      "行政规范性文件\t8\t26\n");
  free(t);
}
END_TEST

START_TEST(cells_on_one_plain_line) {
  static glyphs gs; /* poppler's line glues the cells: 规章1011 */
  gs.n = 0;
  put(&gs, "信息内容", 78, 100);
  gs.n--; /* one plain line for the header too */
  put(&gs, "本年制发件数", 240, 100);
  put(&gs, "规章", 78, 130);
  gs.n--;
  put(&gs, "1", 270, 130);
  put(&gs, "行政许可", 78, 160);
  gs.n--;
  put(&gs, "447228", 258, 160);
  char *t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, "信息内容\t本年制发件数\n规章\t1\n行政许可\t447228\n");
  free(t);
}
END_TEST

START_TEST(wrapped_label) {
  static glyphs gs;
  gs.n = 0;
  put(&gs, "自然人", 250, 100);
  put(&gs, "总计", 330, 100);
  put(&gs, "（一）予以公开", 100, 130);
  put(&gs, "18", 260, 130);
  put(&gs, "18", 335, 130);
  put(&gs, "（二）部分公开（区分处理的，", 100, 150);
  put(&gs, "3", 262, 158);
  put(&gs, "3", 337, 158);
  put(&gs, "只计这一情形）", 100, 166);
  put(&gs, "（七）总计", 100, 190);
  put(&gs, "21", 260, 190);
  put(&gs, "21", 335, 190);
  char *t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, "\t自然人\t总计\n"
                      "（一）予以公开\t18\t18\n"
                      "（二）部分公开（区分处理的，只计这一情形）\t3\t3\n"
                      "（七）总计\t21\t21\n");
  free(t);
}
END_TEST

START_TEST(vertical_label) {
  static glyphs gs; /* 三、办理结果 one character per line over 4 rows */
  gs.n = 0;
  put(&gs, "自然人", 250, 100);
  put(&gs, "二、上年结转", 78, 125);
  put(&gs, "1", 262, 125);
  static const char *const ch[] = {"三、", "办", "理", "结", "果"};
  for (int i = 0; i < 5; i++)
    put(&gs, ch[i], 78, 150 + 15 * i);
  static const char *const lab[] = {"（一）予以公开", "（二）部分公开",
                                    "（三）不予公开", "（七）总计"};
  for (int i = 0; i < 4; i++) {
    put(&gs, lab[i], 110, 148 + 20 * i);
    put(&gs, "2", 262, 148 + 20 * i);
  }
  put(&gs, "四、结转下年度", 78, 240);
  put(&gs, "0", 262, 240);
  char *t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, "\t\t自然人\n"
                      "二、上年结转\t\t1\n"
                      "三、办理结果\t（一）予以公开\t2\n"
                      "\t（二）部分公开\t2\n"
                      "\t（三）不予公开\t2\n"
                      "\t（七）总计\t2\n"
                      "四、结转下年度\t\t0\n");
  free(t);
}
END_TEST

START_TEST(spanned_header) {
  static glyphs gs;
  gs.n = 0;
  put(&gs, "法人或其他组织", 250, 80); /* over both columns */
  put(&gs, "商业企", 250, 100);
  put(&gs, "业", 250, 112);
  put(&gs, "科研机构", 320, 100);
  put(&gs, "一、本年新收", 78, 140);
  put(&gs, "4", 262, 140);
  put(&gs, "0", 335, 140);
  put(&gs, "二、上年结转", 78, 170);
  put(&gs, "0", 262, 170);
  put(&gs, "1", 335, 170);
  char *t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, "\t法人或其他组织\t\n"
                      "\t商业企业\t科研机构\n"
                      "一、本年新收\t4\t0\n"
                      "二、上年结转\t0\t1\n");
  free(t);
}
END_TEST

/* A heading centred over three columns stands one line above the
 * heading of the middle one: two header rows, not one cell's two lines,
 * since the middle one's neighbours have headings on its line only. */
START_TEST(group_heading_over_middle_column) {
  static glyphs gs;
  gs.n = 0;
  put(&gs, "复议后起诉", 135, 80);
  put(&gs, "维持", 90, 92);
  put(&gs, "纠正", 150, 92);
  put(&gs, "其他", 210, 92);
  put(&gs, "1", 97, 110);
  put(&gs, "2", 157, 110);
  put(&gs, "3", 217, 110);
  put(&gs, "4", 97, 125);
  put(&gs, "5", 157, 125);
  put(&gs, "6", 217, 125);
  char *t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, "\t复议后起诉\t\n"
                      "维持\t纠正\t其他\n"
                      "1\t2\t3\n"
                      "4\t5\t6\n");
  free(t);
}
END_TEST

/* Two tables whose glyphs the plain text runs into each other, and into
 * the heading between them (Chromium's order): both read, each after the
 * plain lines above it. */
START_TEST(crossing_tables_in_page_order) {
  static glyphs gs;
  gs.n = 0;
  put(&gs, "一、本年新收", 78, 100);
  put(&gs, "4", 262, 100);
  put(&gs, "0", 335, 100);
  put(&gs, "结果维持", 100, 200); /* the second table's, early */
  put(&gs, "二、上年结转", 78, 120);
  put(&gs, "0", 262, 120);
  put(&gs, "1", 335, 120);
  put(&gs, "四、行政复议情况", 78, 170);
  put(&gs, "其他结果", 300, 200);
  put(&gs, "2", 115, 225);
  put(&gs, "0", 315, 225);
  put(&gs, "下一段。", 78, 260);
  char *t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, "一、本年新收\t4\t0\n"
                      "二、上年结转\t0\t1\n"
                      "四、行政复议情况\n"
                      "结果维持\t其他结果\n"
                      "2\t0\n"
                      "下一段。\n");
  free(t);
}
END_TEST

/* A table whose header rows end one page and whose rows start the next:
 * the next page's table takes them as its header, and the first page's
 * text leaves them out. */
START_TEST(header_rows_end_the_page) {
  static glyphs p1, p2;
  p1.n = p2.n = 0;
  put(&p1, "三、收到和处理政府信息公开申请情况", 78, 600);
  put(&p1, "申请人情况", 300, 640);
  put(&p1, "自然人", 250, 655);
  put(&p1, "法人或其他组织", 330, 655);
  put(&p1, "- 3 -", 290, 800);
  put(&p2, "商业企业", 315, 60);
  put(&p2, "科研机构", 380, 60);
  put(&p2, "一、本年新收", 78, 80);
  put(&p2, "4", 262, 80);
  put(&p2, "0", 335, 80);
  put(&p2, "1", 400, 80);
  put(&p2, "二、上年结转", 78, 100);
  put(&p2, "0", 262, 100);
  put(&p2, "1", 335, 100);
  put(&p2, "2", 400, 100);
  pdf_grid *g1;
  free(text_of(&p1, NULL, &g1));
  char *t2 = text_of(&p2, g1, NULL);
  size_t len;
  char *t1 = pdf_grid_text(g1, &len, NULL);
  ck_assert_int_eq(pdf_grid_carried(g1),
                   (int)strlen("申请人情况自然人法人或其他组织") / 3);
  ck_assert_str_eq(t1, "三、收到和处理政府信息公开申请情况\n- 3 -\n");
  ck_assert_str_eq(t2, "\t\t申请人情况\t\n"
                       "\t自然人\t法人或其他组织\t\n"
                       "\t\t商业企业\t科研机构\n"
                       "一、本年新收\t4\t0\t1\n"
                       "二、上年结转\t0\t1\t2\n");
  pdf_grid_free(g1);
  free(t1);
  free(t2);
  /* a page starting with prose does not take them */
  p2.n = 0;
  put(&p2, "本年度共收到申请四件，均已按期答复办结。", 78, 40);
  put(&p2, "一、本年新收", 78, 80);
  put(&p2, "4", 262, 80);
  put(&p2, "0", 335, 80);
  put(&p2, "二、上年结转", 78, 100);
  put(&p2, "0", 262, 100);
  put(&p2, "1", 335, 100);
  free(text_of(&p1, NULL, &g1));
  free(text_of(&p2, g1, NULL));
  ck_assert_int_eq(pdf_grid_carried(g1), 0);
  t1 = pdf_grid_text(g1, &len, NULL);
  ck_assert_str_eq(t1, "三、收到和处理政府信息公开申请情况\n申请人情况\n"
                       "自然人\n法人或其他组织\n- 3 -\n");
  pdf_grid_free(g1);
  free(t1);
}
END_TEST

/* A sentence right under the last row, at the foot of the page, is the
 * paragraph after the table, not a label running on. */
START_TEST(sentence_under_the_last_row) {
  static glyphs gs;
  gs.n = 0;
  put(&gs, "一、本年新收", 78, 700);
  put(&gs, "4", 262, 700);
  put(&gs, "0", 335, 700);
  put(&gs, "二、上年结转", 78, 720);
  put(&gs, "0", 262, 720);
  put(&gs, "1", 335, 720);
  put(&gs, "（一）存在的主要问题。部分栏目更新不够及时。", 78, 732);
  char *t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, "一、本年新收\t4\t0\n"
                      "二、上年结转\t0\t1\n"
                      "（一）存在的主要问题。部分栏目更新不够及时。\n");
  free(t);
}
END_TEST

START_TEST(page_break) {
  static glyphs p1, p2;
  p1.n = p2.n = 0;
  put(&p1, "自然人", 250, 600);
  put(&p1, "（三）不予公开", 100, 650);
  put(&p1, "1.属于国家秘密", 180, 650);
  put(&p1, "1", 262, 650);
  put(&p1, "（四）无", 100, 680);
  put(&p1, "1.本机关不掌握", 180, 680);
  put(&p1, "2", 262, 680);
  put(&p1, "-4-", 290, 800);
  put(&p2, "法提供", 100, 80);
  put(&p2, "2.没有现成信息", 180, 80);
  put(&p2, "3", 262, 80);
  put(&p2, "3.补正后仍不明确", 180, 110);
  put(&p2, "4", 262, 110);
  pdf_grid *g1;
  char *t1 = NULL, *t2;
  free(text_of(&p1, NULL, &g1));
  t2 = text_of(&p2, g1, NULL);
  size_t len;
  t1 = pdf_grid_text(g1, &len, NULL);
  ck_assert_str_eq(t1, "\t\t自然人\n"
                       "（三）不予公开\t1.属于国家秘密\t1\n"
                       "（四）无法提供\t1.本机关不掌握\t2\n"
                       "-4-\n");
  ck_assert_str_eq(t2, "\t2.没有现成信息\t3\n"
                       "\t3.补正后仍不明确\t4\n");
  pdf_grid_free(g1);
  free(t1);
  free(t2);
}
END_TEST

START_TEST(reversed_boxes) {
  static glyphs gs; /* WPS: a vertical label's boxes with x2 < x1 */
  gs.n = 0;
  put(&gs, "自然人", 250, 100);
  put(&gs, "二、上年结转", 78, 125);
  put(&gs, "1", 262, 125);
  size_t from = gs.n;
  static const char *const ch[] = {"三", "办", "理", "结", "果"};
  for (int i = 0; i < 5; i++)
    put(&gs, ch[i], 82, 150 + 15 * i);
  for (size_t i = from; i < gs.n; i++) {
    double x = gs.g[i].x1;
    gs.g[i].x1 = gs.g[i].x2;
    gs.g[i].x2 = x;
  }
  put(&gs, "（一）予以公开", 110, 150);
  put(&gs, "2", 262, 150);
  put(&gs, "（二）部分公开", 110, 190);
  put(&gs, "3", 262, 190);
  char *t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, "\t\t自然人\n"
                      "二、上年结转\t\t1\n"
                      "三办理结果\t（一）予以公开\t2\n"
                      "\t（二）部分公开\t3\n");
  free(t);
}
END_TEST

START_TEST(figures_only_row) {
  static glyphs gs; /* table 四: no labels, the header in the same font */
  gs.n = 0;
  put(&gs, "四、行政复议、行政诉讼情况", 78, 60);
  put(&gs, "行政复议", 100, 100);
  put(&gs, "行政诉讼", 250, 100);
  static const char *const head[] = {"维持", "纠正", "总计"};
  static const char *const fig[] = {"1", "0", "1", "2", "1", "3"};
  for (int i = 0; i < 6; i++)
    put(&gs, head[i % 3], 78 + 40 * i + (i > 2 ? 40 : 0), 120);
  for (int i = 0; i < 6; i++)
    put(&gs, fig[i], 83 + 40 * i + (i > 2 ? 40 : 0), 150);
  char *t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, "四、行政复议、行政诉讼情况\n"
                      "行政复议\t\t\t行政诉讼\t\t\n"
                      "维持\t纠正\t总计\t维持\t纠正\t总计\n"
                      "1\t0\t1\t2\t1\t3\n");
  free(t);
}
END_TEST

START_TEST(columns_drawn_apart) {
  static glyphs gs; /* WPS: each figure column a block, labels after */
  gs.n = 0;
  put(&gs, "自然人", 250, 100);
  put(&gs, "总计", 330, 100);
  for (int c = 0; c < 2; c++)
    for (int r = 0; r < 3; r++) {
      char f[2] = {(char)('1' + r), 0};
      put(&gs, f, c ? 337 : 262, 130 + 20 * r);
    }
  put(&gs, "规章", 78, 130);
  put(&gs, "行政规范性文件", 78, 150);
  put(&gs, "行政许可", 78, 170);
  char *t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, "\t自然人\t总计\n"
                      "规章\t1\t1\n"
                      "行政规范性文件\t2\t2\n"
                      "行政许可\t3\t3\n");
  free(t);
}
END_TEST

START_TEST(centred_labels) {
  static glyphs gs; /* labels centred in their cells: one column */
  gs.n = 0;
  put(&gs, "自然人", 250, 100);
  put(&gs, "规章", 110, 130);
  put(&gs, "1", 262, 130);
  put(&gs, "行政规范性文件", 85, 150);
  put(&gs, "2", 262, 150);
  put(&gs, "行政许可", 100, 170);
  put(&gs, "3", 262, 170);
  char *t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, "\t自然人\n"
                      "规章\t1\n"
                      "行政规范性文件\t2\n"
                      "行政许可\t3\n");
  free(t);
}
END_TEST

START_TEST(spans_by_numbering) {
  static glyphs gs; /* （四） at the top of its rows, （五） at the middle
                     * of its, on a row's line; a hanging indent */
  gs.n = 0;
  put(&gs, "自然人", 250, 100);
  put(&gs, "（四）无法提供", 100, 130);
  static const char *const lab[] = {"1.本机关不掌握",   "2.没有现成信息",
                                    "1.信访举报",       "2.重复申请",
                                    "3.要求提供出版物", "4.无正当理由"};
  for (int i = 0; i < 6; i++) {
    char f[2] = {(char)('1' + i), 0};
    put(&gs, lab[i], 150, 130 + 20 * i);
    put(&gs, f, 262, 130 + 20 * i);
  }
  put(&gs, "（五）不予处理", 100, 210);
  put(&gs, "5.要求确认或重新出", 150, 250);
  put(&gs, "7", 262, 254);
  put(&gs, "具已获取信息", 160, 262);
  put(&gs, "（七）总计", 100, 280);
  put(&gs, "28", 260, 280);
  char *t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, "\t\t自然人\n"
                      "（四）无法提供\t1.本机关不掌握\t1\n"
                      "\t2.没有现成信息\t2\n"
                      "（五）不予处理\t1.信访举报\t3\n"
                      "\t2.重复申请\t4\n"
                      "\t3.要求提供出版物\t5\n"
                      "\t4.无正当理由\t6\n"
                      "\t5.要求确认或重新出具已获取信息\t7\n"
                      "（七）总计\t\t28\n");
  free(t);
}
END_TEST

START_TEST(glued_labels) {
  static glyphs gs; /* LibreOffice: a label and the next cell's joined by
                     * a space that fills the gap */
  gs.n = 0;
  put(&gs, "自然人", 250, 100);
  put(&gs, "1.属于国家秘密", 140, 130);
  put(&gs, "1", 262, 130);
  put(&gs, "2.其他法律", 140, 150);
  put(&gs, "2", 262, 150);
  put(&gs, "（三） 3.危及安全", 105, 170);
  put(&gs, "3", 262, 170);
  put(&gs, "不予公 4.保护第三方", 105, 190);
  put(&gs, "4", 262, 190);
  put(&gs, "开", 105, 210);
  put(&gs, "5.属于内部事务", 140, 210);
  put(&gs, "5", 262, 210);
  put(&gs, "（七）总计", 100, 240);
  put(&gs, "15", 260, 240);
  char *t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, "\t\t自然人\n"
                      "（三）不予公开\t1.属于国家秘密\t1\n"
                      "\t2.其他法律\t2\n"
                      "\t3.危及安全\t3\n"
                      "\t4.保护第三方\t4\n"
                      "\t5.属于内部事务\t5\n"
                      "（七）总计\t\t15\n");
  free(t);
}
END_TEST

START_TEST(page_break_above_rows) {
  static glyphs p1, p2; /* a row's label cut by the break, its rest on
                         * lines of its own above the next page's rows */
  p1.n = p2.n = 0;
  put(&p1, "自然人", 250, 600);
  put(&p1, "1.属于国家秘密", 180, 650);
  put(&p1, "1", 262, 650);
  put(&p1, "（六）其他处理", 100, 680);
  put(&p1, "1.申请人逾期未按", 180, 680);
  put(&p1, "2", 262, 680);
  put(&p1, "-4-", 290, 800);
  put(&p2, "要求缴纳费用", 180, 80);
  put(&p2, "2.其他", 180, 110);
  put(&p2, "3", 262, 110);
  put(&p2, "（七）总计", 100, 140);
  put(&p2, "6", 262, 140);
  pdf_grid *g1;
  free(text_of(&p1, NULL, &g1));
  char *t2 = text_of(&p2, g1, NULL);
  size_t len;
  char *t1 = pdf_grid_text(g1, &len, NULL);
  ck_assert_str_eq(t1, "\t\t自然人\n"
                       "\t1.属于国家秘密\t1\n"
                       "（六）其他处理\t1.申请人逾期未按要求缴纳费用\t2\n"
                       "-4-\n");
  ck_assert_str_eq(t2, "\t2.其他\t3\n"
                       "（七）总计\t\t6\n");
  pdf_grid_free(g1);
  free(t1);
  free(t2);
}
END_TEST

START_TEST(too_many_label_columns) {
  static glyphs gs; /* labels in more columns than a table has: plain */
  gs.n = 0;
  for (int i = 0; i < 12; i++) {
    put(&gs, "标签", 20 + 30 * i, 100 + 20 * i);
    put(&gs, "7", 480, 100 + 20 * i);
  }
  char want[1024];
  plain(&gs, want);
  char *t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, want);
  free(t);
}
END_TEST

START_TEST(hostile_boxes) {
  static glyphs gs;
  const double bad[] = {NAN, INFINITY, -INFINITY, 1e300, -1e9};
  for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
    gs.n = 0;
    put(&gs, "规章", 78, 130);
    put(&gs, "1", 270, 130);
    put(&gs, "行政许可", 78, 160);
    put(&gs, "2", 270, 160);
    gs.g[3].x1 = bad[k];
    char want[256];
    plain(&gs, want);
    char *t = text_of(&gs, NULL, NULL);
    ck_assert_str_eq(t, want);
    free(t);
  }
  /* every glyph at one point, zero-sized, or piled up: no crash */
  for (int mode = 0; mode < 3; mode++) {
    gs.n = 0;
    for (int i = 0; i < 40; i++) {
      put(&gs, i % 2 ? "12" : "标签", 78, 100 + (mode == 2 ? 0 : i * 20));
    }
    for (size_t i = 0; i < gs.n; i++)
      if (mode == 0)
        gs.g[i] = (pdf_glyph){gs.g[i].cp, 5, 5, 5, 5};
      else if (mode == 1)
        gs.g[i].x2 = gs.g[i].x1, gs.g[i].y2 = gs.g[i].y1;
    char *t = text_of(&gs, NULL, NULL);
    ck_assert_ptr_nonnull(t);
    free(t);
  }
  /* an empty page, and a page of newlines */
  gs.n = 0;
  char *t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, "");
  free(t);
  gs.g[0] = (pdf_glyph){'\n', 0, 0, 0, 0};
  gs.n = 1;
  t = text_of(&gs, NULL, NULL);
  ck_assert_str_eq(t, "\n");
  free(t);
}
END_TEST

extern Suite *pdf_grid_suite(void);

Suite *pdf_grid_suite(void) {
  Suite *s = suite_create("pdf_grid");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, table_without_rules);
  tcase_add_test(tc, group_heading_over_middle_column);
  tcase_add_test(tc, crossing_tables_in_page_order);
  tcase_add_test(tc, header_rows_end_the_page);
  tcase_add_test(tc, sentence_under_the_last_row);
  tcase_add_test(tc, wrapped_label);
  tcase_add_test(tc, vertical_label);
  tcase_add_test(tc, spanned_header);
  tcase_add_test(tc, page_break);
  tcase_add_test(tc, reversed_boxes);
  tcase_add_test(tc, figures_only_row);
  tcase_add_test(tc, columns_drawn_apart);
  tcase_add_test(tc, centred_labels);
  tcase_add_test(tc, spans_by_numbering);
  tcase_add_test(tc, glued_labels);
  tcase_add_test(tc, page_break_above_rows);
  tcase_add_test(tc, too_many_label_columns);
  tcase_add_test(tc, prose_unchanged);
  tcase_add_test(tc, cells_on_one_plain_line);
  tcase_add_test(tc, hostile_boxes);
  suite_add_tcase(s, tc);
  return s;
}
