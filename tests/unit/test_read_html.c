/* Unit tests for read_html: the fixtures in tests/fixtures/html (made by
 * make.sh there from the seeds) give the exact text to extract and the
 * exact line and column in the page of characters of it, and every
 * character must map to itself (or to its reference) in the source. Then
 * charsets, whitespace and blocks, what is skipped, the caps and hostile
 * pages, each refused with its one-line message and *out released. */
#include "reader.h"

#include "fixture.h"
#include "strbuf.h"
#include "utf8.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIX "tests/fixtures/html/"

/* Reads a whole file; the caller frees it. */
static int read_mem(const char *html, size_t len, extracted *x, rl_diag *d) {
  diag_clear(d);
  return read_html(html, len, "page.html", NULL, x, d);
}

static int read_str(const char *html, extracted *x, rl_diag *d) {
  return read_mem(html, strlen(html), x, d);
}

static void read_fixture(const char *name, extracted *x) {
  size_t len;
  char *raw = fixture_slurp(name, &len);
  rl_diag d;
  int rc = read_mem(raw, len, x, &d);
  ck_assert_msg(rc == 0, "%s: %s", name, d.msg);
  free(raw);
}

/* Line and column in src of the nth (from 0) occurrence of needle in the
 * extracted text. */
static void text_pos(const extracted *x, const char *needle, int nth, int *line,
                     int *col) {
  const char *p = x->text;
  for (int i = 0; i <= nth; i++, p++) {
    p = strstr(p, needle);
    ck_assert_msg(p != NULL, "\"%s\" #%d not in the text", needle, nth);
  }
  size_t off = posmap_to_src(&x->map, (size_t)(p - 1 - x->text));
  linemap lm;
  linemap_init(&lm, x->src, x->src_len);
  linemap_lookup(&lm, off, line, col);
  linemap_release(&lm);
}

#define ck_assert_pos(x, needle, nth, l, c)                                    \
  do {                                                                         \
    int line_, col_;                                                           \
    text_pos(x, needle, nth, &line_, &col_);                                   \
    ck_assert_msg(line_ == (l) && col_ == (c),                                 \
                  "\"%s\" #%d at %d:%d, expected %d:%d", needle, nth, line_,   \
                  col_, l, c);                                                 \
  } while (0)

/* Every character of the text that is not a line end or a tab maps to
 * that very character in src, or to the "&" of a reference (an entity,
 * or U+00A0 that became a space), or, for a space, to whitespace or to
 * the tag of a block that ended inside a table cell. */
/* A line of spaces only: blanked portal chrome (发布日期：… 来源：…). */
static int blank_line_at(const char *t, size_t len, size_t i) {
  size_t a = i, b = i;
  while (a > 0 && t[a - 1] != '\n')
    a--;
  while (b < len && t[b] != '\n')
    b++;
  for (size_t k = a; k < b; k++)
    if (t[k] != ' ')
      return 0;
  return 1;
}

static void assert_all_mapped(const extracted *x) {
  for (size_t i = 0; i < x->len;) {
    size_t k = utf8_step(x->text + i, x->len - i);
    size_t s = posmap_to_src(&x->map, i);
    char c = x->text[i];
    ck_assert_uint_lt(s, x->src_len + 1);
    if (c != '\n' && c != '\t') {
      int same = s + k <= x->src_len && memcmp(x->src + s, x->text + i, k) == 0;
      int ref = s < x->src_len && x->src[s] == '&';
      int space = c == ' ' && s < x->src_len &&
                  (strchr(" \t\n<", x->src[s]) ||
                   memcmp(x->src + s, "\xC2\xA0", 2) == 0 ||
                   blank_line_at(x->text, x->len, i));
      ck_assert_msg(same || ref || space,
                    "text byte %zu ('%.*s') maps to src %zu ('%.8s')", i,
                    (int)k, x->text + i, s, x->src + s);
    }
    i += k;
  }
}

static void assert_released(const extracted *x) {
  ck_assert_ptr_null(x->text);
  ck_assert_ptr_null(x->src);
  ck_assert_ptr_null(x->map.runs);
  ck_assert_uint_eq(x->map.n, 0);
  ck_assert_int_eq(x->has_src, 0);
}

static void assert_refused(const char *html, size_t len, const char *msg) {
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_mem(html, len, &x, &d), -1);
  ck_assert_int_eq(d.kind, DIAG_INPUT);
  ck_assert_str_eq(d.file, "page.html");
  ck_assert_str_eq(d.msg, msg);
  assert_released(&x);
}

/* ---- the fixtures ----------------------------------------------------- */

START_TEST(portal_text_is_the_report) {
  extracted x;
  read_fixture(FIX "portal.html", &x);
  size_t len;
  char *want = fixture_slurp(FIX "portal.txt", &len);
  ck_assert_str_eq(x.text, want);
  ck_assert_uint_eq(x.len, len);
  ck_assert_str_eq(x.encoding, "UTF-8");
  ck_assert_int_eq(x.has_src, 1);
  ck_assert_uint_eq(x.src_len, strlen(x.src));
  assert_all_mapped(&x);
  free(want);
  extracted_release(&x);
}
END_TEST

/* The title (also in the <title>, a script and a sidebar link before it),
 * a paragraph's U+3000 indentation, a "&gt;" and the date. */
static void assert_portal_positions(const extracted *x) {
  ck_assert_pos(x, "香山街道 2024", 0, 43, 23);
  ck_assert_pos(x, "4 年度", 0, 43, 31);
  ck_assert_ptr_null(strstr(x->text, "发布日期")); /* chrome, blanked */
  ck_assert_pos(x, "　　一年来", 0, 48, 4);
  ck_assert_pos(x, "一年来", 0, 48, 6);
  ck_assert_pos(x, "$1+1>2$", 0, 68, 96);
  ck_assert_pos(x, ">2$", 0, 68, 100);
  ck_assert_pos(x, "2$", 0, 68, 104);
  ck_assert_pos(x, "2025年1月7日", 0, 71, 30);
  ck_assert_pos(x, "7日", 0, 71, 37);
}

START_TEST(portal_positions) {
  extracted x;
  read_fixture(FIX "portal.html", &x);
  assert_portal_positions(&x);
  // The title's line ends where the </h1> starts.
  ck_assert_pos(&x, "\n", 0, 43, 45);
  extracted_release(&x);
}
END_TEST

START_TEST(portal_gbk_reads_the_same) {
  extracted u, g;
  read_fixture(FIX "portal.html", &u);
  read_fixture(FIX "portal-gbk.html", &g);
  ck_assert_str_eq(g.encoding, "GB18030");
  ck_assert_str_eq(g.text, u.text);
  assert_all_mapped(&g);
  assert_portal_positions(&g);
  extracted_release(&u);
  extracted_release(&g);
}
END_TEST

START_TEST(pandoc_page) {
  extracted x;
  read_fixture(FIX "pandoc.html", &x);
  size_t len;
  char *want = fixture_slurp(FIX "pandoc.txt", &len);
  ck_assert_str_eq(x.text, want);
  assert_all_mapped(&x);
  ck_assert_pos(&x, "姑苏区司法局", 0, 159, 4);
  ck_assert_pos(&x, "姑苏区司法局", 1, 161, 6);
  ck_assert_pos(&x, "“5+5”", 0, 167, 8);
  ck_assert_pos(&x, "法治力量。", 0, 163, 4);
  free(want);
  extracted_release(&x);
}
END_TEST

START_TEST(page_without_article) {
  extracted x;
  read_fixture(FIX "noarticle.html", &x);
  ck_assert_str_eq(x.text,
                   "某县司法局2024年法治政府建设年度报告\n"
                   "　　2024年，县司法局在县委、县政府的坚强领导下，深入推进"
                   "法治政府建设。\n"
                   "　　一、主要举措和成效\n"
                   "　　全年审查规范性文件15件，办理行政复议案件32件。\n");
  assert_all_mapped(&x);
  ck_assert_pos(&x, "某县", 0, 12, 17);
  ck_assert_pos(&x, "15件", 0, 15, 35);
  ck_assert_pos(&x, "件，办理", 0, 15, 44);
  extracted_release(&x);
}
END_TEST

START_TEST(entities_and_inline_markup) {
  extracted x;
  read_fixture(FIX "entities.html", &x);
  ck_assert_str_eq(x.text, "某区2024年度法治政府建设情况报告\n"
                           "　　办理行政复议案件 12 件，同比增长50%，其中<重大>"
                           "案件&疑难案件3件。\n"
                           "　　2024年共开展普法活动56场次，中文\"引号\"—完。\n"
                           "指标\t2023年\t2024年\n"
                           "行政诉讼 案件\t18\t21\n"
                           "第一行\n"
                           "第二行&unknown;结束\n");
  assert_all_mapped(&x);
  ck_assert_pos(&x, " 12", 0, 5, 14); // &nbsp;
  ck_assert_pos(&x, "12 件", 0, 5, 20);
  ck_assert_pos(&x, "50%", 0, 5, 34); // &#x35;
  ck_assert_pos(&x, "0%", 0, 5, 40);  // &#48;
  ck_assert_pos(&x, "%，其中", 0, 5, 45);
  ck_assert_pos(&x, "<重大", 0, 5, 49); // &lt;
  ck_assert_pos(&x, "重大", 0, 5, 53);
  ck_assert_pos(&x, "&疑难", 0, 5, 61); // &amp;
  ck_assert_pos(&x, "疑难", 0, 5, 66);
  ck_assert_pos(&x, "2024年共", 0, 6, 6);
  ck_assert_pos(&x, "024年共", 0, 6, 13); // inside <span>
  ck_assert_pos(&x, "24年共", 0, 6, 21);
  ck_assert_pos(&x, "4年共", 0, 6, 22);
  ck_assert_pos(&x, "年共", 0, 6, 23);
  ck_assert_pos(&x, "普法", 0, 6, 30);
  ck_assert_pos(&x, "中文", 0, 6, 52); // &#20013;
  ck_assert_pos(&x, "文\"", 0, 6, 60); // &#x6587;
  ck_assert_pos(&x, "—完", 0, 6, 82);  // &mdash;
  ck_assert_pos(&x, "2023年", 0, 8, 20);
  ck_assert_pos(&x, "\t2023年", 0, 8, 11); // just after 指标
  ck_assert_pos(&x, " 案件", 0, 9, 13);    // the line end in the cell
  ck_assert_pos(&x, "案件\t", 0, 10, 3);
  ck_assert_pos(&x, "21", 0, 10, 25);
  ck_assert_pos(&x, "第二行", 0, 12, 11);
  ck_assert_pos(&x, "&unknown;", 0, 12, 14);
  extracted_release(&x);
}
END_TEST

START_TEST(directive_comments) {
  extracted x;
  read_fixture(FIX "directive.html", &x);
  ck_assert_str_eq(
      x.text,
      "<!-- reportlint-disable-file text.markup reason: 网页模板 -->\n"
      "　　一、总体情况\n"
      "<!-- reportlint-disable-next-line metric.yoy reason: 口径调整 -->\n"
      "　　全年开展专项检查12次，同比增长150%。\n"
      "　　二、存在问题\n"
      "<!-- reportlint-disable text.placeholder      reason: 模板占位 -->\n");
  assert_all_mapped(&x);
  ck_assert_pos(&x, "<!-- reportlint-disable-file", 0, 4, 1);
  ck_assert_pos(&x, "网页模板 -->", 0, 4, 50);
  ck_assert_pos(&x, "<!-- reportlint-disable-next-line", 0, 8, 1);
  ck_assert_pos(&x, "　　全年", 0, 9, 4);
  ck_assert_pos(&x, "<!-- reportlint-disable text", 0, 10, 12);
  ck_assert_pos(&x, "reason: 模板", 0, 11, 6);
  extracted_release(&x);
}
END_TEST

/* Found by fuzzing: libxml2 puts a comment written after </html> behind
 * the text that follows it; it is still found where it is written. */
START_TEST(directive_after_html) {
  extracted x;
  rl_diag d;
  ck_assert_int_eq(
      read_str("<html><body><p>a</p></body></html>\n"
               "<!-- reportlint-disable-file x reason: y -->\n<p>b</p>\n",
               &x, &d),
      0);
  ck_assert_str_eq(x.text, "a\n<!-- reportlint-disable-file x reason: y -->\n");
  ck_assert_pos(&x, "<!--", 0, 2, 1);
  ck_assert_pos(&x, "y -->", 0, 2, 40);
  extracted_release(&x);
}
END_TEST

/* ---- charsets --------------------------------------------------------- */

START_TEST(gbk_without_meta) {
  extracted x;
  rl_diag d;
  // <p>法治政府</p> in GBK, no declaration: not UTF-8, so GB18030.
  const char raw[] = "<html><body><p>\xB7\xA8\xD6\xCE\xD5\xFE\xB8\xAE</p>"
                     "</body></html>";
  ck_assert_int_eq(read_mem(raw, sizeof raw - 1, &x, &d), 0);
  ck_assert_str_eq(x.encoding, "GB18030");
  ck_assert_str_eq(x.text, "法治政府\n");
  ck_assert_pos(&x, "政府", 0, 1, 18);
  extracted_release(&x);
}
END_TEST

START_TEST(gbk_meta_over_utf8_bytes) {
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_str("<html><head><META HTTP-EQUIV=\"Content-Type\" "
                            "CONTENT=\"text/html; charset=GBK\"></head>"
                            "<body><p>法治政府</p></body></html>",
                            &x, &d),
                   0);
  ck_assert_str_eq(x.encoding, "UTF-8");
  ck_assert_str_eq(x.text, "法治政府\n");
  extracted_release(&x);
}
END_TEST

START_TEST(bom_is_utf8) {
  extracted x;
  rl_diag d;
  ck_assert_int_eq(
      read_str("\xEF\xBB\xBF<html><body><p>报告</p></body></html>", &x, &d), 0);
  ck_assert_str_eq(x.encoding, "UTF-8 with BOM");
  ck_assert_str_eq(x.text, "报告\n");
  ck_assert_pos(&x, "报告", 0, 1, 16);
  extracted_release(&x);
}
END_TEST

START_TEST(charset_refusals) {
  const char utf8_declared[] = "<html><head><meta charset=\"utf-8\"></head>\n"
                               "<body><p>\xB7\xA8\xD6\xCE</p></body></html>";
  assert_refused(utf8_declared, sizeof utf8_declared - 1,
                 "HTML page declares charset utf-8 but is not valid UTF-8 "
                 "(invalid byte at line 2, column 10)");
  const char big5[] = "<meta charset='big5'><p>\xAA\x6B\xAA\x76</p>";
  assert_refused(big5, sizeof big5 - 1,
                 "HTML charset big5 is not supported (only UTF-8, GBK, "
                 "GB2312 and GB18030 are)");
  const char utf16[] = "\xFF\xFE<\0h\0t\0m\0l\0>\0";
  assert_refused(utf16, sizeof utf16 - 1,
                 "HTML page is UTF-16, which is not supported (save it as "
                 "UTF-8)");
  assert_refused("", 0, "empty file");
}
END_TEST

/* ---- text: whitespace, blocks, what is skipped ------------------------ */

static void assert_extracts(const char *html, const char *want) {
  extracted x;
  rl_diag d;
  int rc = read_str(html, &x, &d);
  ck_assert_msg(rc == 0, "%s: %s", html, d.msg);
  ck_assert_str_eq(x.text, want);
  assert_all_mapped(&x);
  extracted_release(&x);
}

START_TEST(whitespace_like_a_browser) {
  assert_extracts("<body><div>  a \n\t b  <span> c </span>d  </div>"
                  "<div>\n</div><div>e<br><br>f</div></body>",
                  "a b c d\ne\nf\n");
  assert_extracts("<body><p>　　全角缩进</p><p>&nbsp;&nbsp;x&nbsp; y</p>"
                  "</body>",
                  "　　全角缩进\n  x  y\n");
  assert_extracts("<body><pre>a  b\n\n  c</pre><p>d</p></body>",
                  "a  b\n\n  c\nd\n");
  assert_extracts("<body><p>第<b>一</b>条<i>款</i></p><h2>标题</h2>"
                  "<ul><li>甲</li><li>乙</li></ul><title>x</title></body>",
                  "第一条款\n标题\n甲\n乙\n");
}
END_TEST

START_TEST(tables) {
  // A data table: a row per line; a layout table (a cell of three
  // paragraphs): its cells are blocks.
  assert_extracts("<body><table><tr><td>a</td><td></td><td>c</td></tr>"
                  "<tr><td></td><td><p>b1</p><p>b2</p></td></tr></table>"
                  "</body>",
                  "a\t\tc\n\tb1 b2\n");
  assert_extracts("<body><article><table><tr><td>x</td><td><p>1</p><p>2"
                  "</p><p>3</p></td></tr></table></article></body>",
                  "x\n1\n2\n3\n");
}
END_TEST

START_TEST(skipped_elements) {
  assert_extracts("<body><article><header><h1>标题</h1></header>"
                  "<nav><a href='/'>首页</a></nav><p>正文</p>"
                  "<p hidden>隐藏</p><div style='DISPLAY : none'>不显示"
                  "</div><script>var x = '<p>脚本</p>';</script>"
                  "<noscript>无脚本</noscript><form><input value='v'>"
                  "<button>按钮</button><select><option>选项</option>"
                  "</select></form><footer>落款</footer><aside>旁注</aside>"
                  "<style>p{}</style><iframe>框</iframe><template>模板"
                  "</template></article></body>",
                  "标题\n正文\n落款\n");
  // Outside an article, header and footer are the page's.
  assert_extracts("<body><header>页头</header><div><p>甲</p></div>"
                  "<footer>页脚</footer></body>",
                  "甲\n");
}
END_TEST

START_TEST(article_choice) {
  // The first <article> or <main> with text.
  assert_extracts("<body><div class='content'>长长长长长长长长</div>"
                  "<main></main><article><p>一</p></article>"
                  "<article><p>二</p></article></body>",
                  "一\n");
  // Of the named elements, the one with the most text; ties go to the
  // inner one, and "container" does not name an article.
  assert_extracts("<body><div class='container'><div class='nav'>"
                  "<p>菜单菜单菜单</p></div><div id='zoom'><p>正文正文</p>"
                  "</div><div class='con'><p>短</p></div></div></body>",
                  "正文正文\n");
  assert_extracts("<body><div class='detail'><h1>题</h1>"
                  "<div class='TRS_Editor'><p>正文</p></div></div></body>",
                  "题\n正文\n");
  // Without either, links do not count: the menu loses.
  assert_extracts("<body><div><p><a href='1'>一二三四五六七八九十</a></p>"
                  "<p><a href='2'>一二三四五六七八九十</a></p></div>"
                  "<div><p>正文甲</p><p>正文乙</p></div>"
                  "<div><p>尾</p></div></body>",
                  "正文甲\n正文乙\n");
}
END_TEST

START_TEST(script_and_nav_do_not_capture) {
  // The same words in the title, a script, a navigation link and the
  // article: each maps to its own place.
  const char *html = "<html><head><title>法治报告</title>\n"
                     "<script>document.write('法治报告');</script></head>\n"
                     "<body><nav><a href='/'>法治报告</a></nav>\n"
                     "<article><p>法治报告</p></article></body></html>";
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_str(html, &x, &d), 0);
  ck_assert_str_eq(x.text, "法治报告\n");
  ck_assert_pos(&x, "法治报告", 0, 4, 13);
  extracted_release(&x);
}
END_TEST

/* Found by fuzzing: text before the <body> goes into a <p> that libxml2
 * makes only once it has read the text, so the <p>'s line is past the
 * text's start and no lower bound; the cursor, right after the last node
 * found, is what places it. */
START_TEST(implied_paragraph) {
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_str("<html><head>ab\ncd<title>t</title></head>"
                            "<body><p>ab\ncd</p></body></html>",
                            &x, &d),
                   0);
  ck_assert_str_eq(x.text, "ab cd\nab cd\n");
  ck_assert_pos(&x, "ab", 0, 1, 13);
  ck_assert_pos(&x, "ab", 1, 2, 35);
  extracted_release(&x);
}
END_TEST

/* Found by fuzzing: in a run of blanks a node matched, with one mismatch
 * tolerated, earlier than where it is; an exact match now wins. */
START_TEST(exact_match_wins) {
  extracted x;
  rl_diag d;
  strbuf sb; // spaces counted as the fuzzer wrote them
  strbuf_init(&sb, STRBUF_UNLIMITED);
  strbuf_printf(&sb, "<</l0>\n%*s<%*s<span>%*s噙咦%*sCTYt=\"u", 6, "", 34, "",
                27, "", 36, "");
  ck_assert_int_eq(read_mem(sb.p, sb.len, &x, &d), 0);
  strbuf_release(&sb);
  ck_assert_str_eq(x.text, "噙咦 CTYt=\"u\n");
  ck_assert_pos(&x, "噙咦", 0, 2, 75);
  assert_all_mapped(&x);
  extracted_release(&x);
  // A directive whose comment holds a character libxml2 drops.
  ck_assert_int_eq(read_str("<p>a<!-- reportlint-\x01x --></p>", &x, &d), 0);
  ck_assert_str_eq(x.text, "a\n<!-- reportlint-\x01x -->\n");
  ck_assert_pos(&x, "<!--", 0, 1, 5);
  extracted_release(&x);
}
END_TEST

/* ---- caps and hostile pages ------------------------------------------- */

START_TEST(no_text) {
  assert_refused("<html><body><nav><a href='/'>首页</a></nav>"
                 "<p>&nbsp;　</p></body></html>",
                 strlen("<html><body><nav><a href='/'>首页</a></nav>"
                        "<p>&nbsp;　</p></body></html>"),
                 "HTML page has no text");
  assert_refused("<html><!-- reportlint-disable-file x reason: y --></html>",
                 strlen("<html><!-- reportlint-disable-file x reason: y "
                        "--></html>"),
                 "HTML page has no text");
}
END_TEST

START_TEST(doctype_entities_are_not_expanded) {
  const char *html = "<!DOCTYPE html [<!ENTITY a \"aaaaaaaaaa\">"
                     "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
                     "<html><body><article><p>&b;&b;&b;</p></article>"
                     "</body></html>";
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_str(html, &x, &d), 0);
  ck_assert_str_eq(x.text, "&b;&b;&b;\n");
  assert_all_mapped(&x);
  extracted_release(&x);
}
END_TEST

START_TEST(deep_nesting) {
  size_t n = 1000000, len = 5 * n + 1;
  char *html = malloc(len + 1);
  for (size_t i = 0; i < n; i++)
    memcpy(html + 5 * i, "<div>", 5);
  html[len - 1] = 'x';
  html[len] = '\0';
  assert_refused(html, len, "HTML nested deeper than 256 elements");
  // 250 levels are fine.
  html[5 * 250] = 'y';
  html[5 * 250 + 1] = '\0';
  assert_extracts(html, "y\n");
  free(html);
}
END_TEST

START_TEST(too_many_attributes) {
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  strbuf_puts(&sb, "<html><body>\n<p");
  for (int i = 0; i < 300; i++)
    strbuf_printf(&sb, " a%d=\"%d\"", i, i);
  strbuf_puts(&sb, ">text</p></body></html>");
  assert_refused(sb.p, sb.len, "HTML tag with more than 256 attributes (300)");
  strbuf_release(&sb);
}
END_TEST

START_TEST(markup_caps) {
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  for (int i = 0; i < 2000; i++) { // 2000 tags of 250 attributes
    strbuf_puts(&sb, "<p");
    for (int a = 0; a < 250; a++)
      strbuf_printf(&sb, " a%d", a);
    strbuf_puts(&sb, ">x</p>\n");
  }
  assert_refused(sb.p, sb.len,
                 "HTML page has too many attributes (62500000 pairs to "
                 "compare, limit 50000000)");
  strbuf_reset(&sb);
  for (int i = 0; i < 250001; i++)
    strbuf_puts(&sb, "<p>x<!---->");
  assert_refused(sb.p, sb.len,
                 "HTML page has more than 500000 elements and comments");
  strbuf_release(&sb);
}
END_TEST

START_TEST(text_cap) {
  reader_limits lim = {10, READER_DEFAULT_MAX_ENTRIES, 0};
  extracted x;
  rl_diag d;
  diag_clear(&d);
  const char *html = "<body><p>0123456789abc</p></body>";
  ck_assert_int_eq(read_html(html, strlen(html), "page.html", &lim, &x, &d),
                   -1);
  ck_assert_str_eq(d.msg, "HTML text is larger than 10 bytes");
  assert_released(&x);
}
END_TEST

START_TEST(malformed_markup) {
  // What libxml2 makes of broken markup, mapped all the same.
  assert_extracts("<body><p>a</ p>b</3>c< p>d<3 &#0;e&#x110000;f&#12g"
                  "<?php x ?>h<!-->i-->j<!-- k --!>l<p a=\"x>y\">m"
                  "<p \"bogus>n</p foo=\"a>b\">o<![CDATA[p]]>"
                  "<script>q</scriptx>r</script>s<style/>t</body>",
                  "a p>b3>c< p>d<3 efghjl\nm\nn\nb\">o<![CDATA[p]]>st\n");
  assert_extracts("<p>a<?odTu", "aodTu\n"); // a PI name up to the end
  // Right after a doctype inside the content, "</" and "<!" are text.
  assert_extracts("<p>a<!DOCTYPE h></p>b<!DOCTYPE x><!DOCTYPE y>c",
                  "a</p>b<!DOCTYPE y>c\n");
  // Where script or style content starts, an end tag naming an open
  // element closes it; another one is dropped and the content goes on.
  assert_extracts("<li><style></li>r</", "r\n");
  assert_extracts("<style></l><!--</style>m", "m\n");
  assert_extracts("<style><body>\n</\np", "p\n"); // <body> closes it
  // ...and an end tag past an element of higher end priority does not.
  assert_extracts("<h><div><script></s></h><script</script>\nx", "x\n");
  assert_extracts("<table><tr><td><script>a</scriptx></div>b</script>c", "c\n");
  assert_extracts("<p>x<?a中 b>c<?ab", "xcab\n"); // PI names as libxml2's
  assert_extracts("text only", "text only\n");
  assert_extracts("<p>unterminated <!-- comment", "unterminated\n");
  assert_extracts("<p>a<b", "a\n");
}
END_TEST

extern Suite *read_html_suite(void);

Suite *read_html_suite(void) {
  Suite *s = suite_create("read_html");
  TCase *fix = tcase_create("fixtures");
  tcase_add_test(fix, portal_text_is_the_report);
  tcase_add_test(fix, portal_positions);
  tcase_add_test(fix, portal_gbk_reads_the_same);
  tcase_add_test(fix, pandoc_page);
  tcase_add_test(fix, page_without_article);
  tcase_add_test(fix, entities_and_inline_markup);
  tcase_add_test(fix, directive_comments);
  tcase_add_test(fix, directive_after_html);
  suite_add_tcase(s, fix);
  TCase *cs = tcase_create("charsets");
  tcase_add_test(cs, gbk_without_meta);
  tcase_add_test(cs, gbk_meta_over_utf8_bytes);
  tcase_add_test(cs, bom_is_utf8);
  tcase_add_test(cs, charset_refusals);
  suite_add_tcase(s, cs);
  TCase *text = tcase_create("text");
  tcase_add_test(text, whitespace_like_a_browser);
  tcase_add_test(text, tables);
  tcase_add_test(text, skipped_elements);
  tcase_add_test(text, article_choice);
  tcase_add_test(text, script_and_nav_do_not_capture);
  tcase_add_test(text, implied_paragraph);
  tcase_add_test(text, exact_match_wins);
  suite_add_tcase(s, text);
  TCase *hostile = tcase_create("hostile");
  tcase_set_timeout(hostile, 30);
  tcase_add_test(hostile, no_text);
  tcase_add_test(hostile, doctype_entities_are_not_expanded);
  tcase_add_test(hostile, deep_nesting);
  tcase_add_test(hostile, too_many_attributes);
  tcase_add_test(hostile, markup_caps);
  tcase_add_test(hostile, text_cap);
  tcase_add_test(hostile, malformed_markup);
  suite_add_tcase(s, hostile);
  return s;
}
