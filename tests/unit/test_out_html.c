/* Unit tests for out_html: the escaping helper, and the highlighting of
 * findings that overlap, nest, cross lines and blank lines, or have no
 * length. Each report section is parsed back with libxml2's strict XML
 * parser (the writer emits well-formed markup, so a mis-nested tag fails
 * here), then queried: one <mark class="f"> per unsuppressed finding, the
 * pieces carrying data-f="r1-fK" spell exactly the finding's span, and
 * every line's text is the report's line, unchanged. */
#include "output.h"
#include "report.h"

#include <check.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <stdlib.h>
#include <string.h>

// Declared for -Wmissing-prototypes; the runner finds the definition below.
extern Suite *out_html_suite(void);

static char *escaped(const char *s, size_t len) {
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  ck_assert_int_eq(out_html_escape(&sb, s, len), 0);
  return strbuf_detach(&sb, NULL);
}

START_TEST(escape_entities_controls_invalid) {
  char *e = escaped("a<b>&\"'c", 8);
  ck_assert_str_eq(e, "a&lt;b&gt;&amp;&quot;&#39;c");
  free(e);
  e = escaped("法\x01\t\n\x7f", 7);
  ck_assert_str_eq(e, "法\xE2\x90\x81\t\n\xE2\x90\xA1"); /* ␁ tab LF ␡ */
  free(e);
  e = escaped("x\xff\xc2\x85y", 5); /* an invalid byte, then U+0085 */
  ck_assert_str_eq(e, "x\xEF\xBF\xBD\xEF\xBF\xBDy");
  free(e);
  e = escaped("a\0b", 3);
  ck_assert_str_eq(e, "a\xE2\x90\x80"
                      "b"); /* ␀ */
  free(e);
  e = escaped("", 0);
  ck_assert_str_eq(e, "");
  free(e);
}
END_TEST

/* A report of text with no rules run, and findings placed by hand. */
typedef struct page {
  rl_ctx *ctx;
  rl_report *r;
  xmlDocPtr doc;
  xmlXPathContextPtr xp;
} page;

static void page_open(page *p, const char *text) {
  rl_diag d;
  diag_clear(&d);
  p->ctx = rl_ctx_new(NULL);
  p->r = rl_report_from_text(p->ctx, "t.txt", text, strlen(text), &d);
  ck_assert_ptr_nonnull(p->r);
  p->doc = NULL;
  p->xp = NULL;
}

static finding *add(page *p, const char *id, int l, int c, int el, int ec) {
  finding *f = finding_add(&p->r->findings, id, RL_SEV_WARNING, "说明<b>",
                           p->r->nt.text, 0, 0);
  f->line = f->xline = l;
  f->col = f->xcol = c;
  f->end_line = f->xend_line = el;
  f->end_col = f->xend_col = ec;
  return f;
}

/* Renders the report's section and parses it as XML. */
static void page_render(page *p) {
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  ck_assert_int_eq(out_html_report_section(&sb, p->r, 1), 0);
  p->doc =
      xmlReadMemory(sb.p, (int)sb.len, "section.html", "UTF-8",
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  ck_assert_msg(p->doc != NULL, "not well-formed:\n%s", sb.p);
  strbuf_release(&sb);
  p->xp = xmlXPathNewContext(p->doc);
}

static void page_close(page *p) {
  xmlXPathFreeContext(p->xp);
  xmlFreeDoc(p->doc);
  rl_report_free(p->r);
  rl_ctx_free(p->ctx);
}

static int count(page *p, const char *xpath) {
  xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST xpath, p->xp);
  ck_assert_ptr_nonnull(o);
  int n = o->nodesetval ? o->nodesetval->nodeNr : 0;
  xmlXPathFreeObject(o);
  return n;
}

/* The text of the nodes xpath selects, concatenated; caller frees. */
static char *text_of(page *p, const char *xpath) {
  xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST xpath, p->xp);
  ck_assert_ptr_nonnull(o);
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  strbuf_puts(&sb, "");
  for (int i = 0; o->nodesetval && i < o->nodesetval->nodeNr; i++) {
    xmlChar *t = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
    strbuf_puts(&sb, (const char *)t);
    xmlFree(t);
  }
  xmlXPathFreeObject(o);
  return strbuf_detach(&sb, NULL);
}

static void has_text(page *p, const char *xpath, const char *want) {
  char *got = text_of(p, xpath);
  ck_assert_msg(strcmp(got, want) == 0, "%s: \"%s\", expected \"%s\"", xpath,
                got, want);
  free(got);
}

#define MARKS "//mark[contains(concat(' ', @class, ' '), ' f ')]"

static const char overlap_text[] = "甲乙丙丁戊己庚辛\nabcdefgh\n\n子丑寅卯\n";

START_TEST(overlapping_crossing_and_empty_spans) {
  page p;
  page_open(&p, overlap_text);
  add(&p, "t.a", 1, 2, 1, 5); /* 1 乙丙丁 */
  add(&p, "t.b", 1, 4, 2, 3); /* 2 丁…辛 + ab: crosses 1 and a line end */
  add(&p, "t.c", 1, 3, 1, 4); /* 3 丙: inside 1 */
  add(&p, "t.d", 2, 5, 2, 5); /* 4 zero length */
  add(&p, "t.e", 1, 2, 1, 5); /* 5 the same span as 1 */
  add(&p, "t.f", 2, 7, 4, 2); /* 6 gh, a blank line, 子 */
  add(&p, "t.g", 1, 1, 1, 2)->suppressed = 1; /* 7 waived */
  add(&p, "t.h", 2, 9, 4, 1); /* 8 line ends only: a zero-length mark */
  page_render(&p);
  ck_assert_int_eq(count(&p, MARKS), 7);
  static const char *const want[] = {"乙丙丁", "丁戊己庚辛ab", "丙", "",
                                     "乙丙丁", "gh子",         NULL, ""};
  for (int k = 1; k <= 8; k++) {
    char xpath[96];
    snprintf(xpath, sizeof xpath, "//*[@data-f='r1-f%d']", k);
    if (!want[k - 1]) {
      ck_assert_int_eq(count(&p, xpath), 0);
      continue;
    }
    has_text(&p, xpath, want[k - 1]);
    /* the mark, with the finding's id, is the first piece */
    snprintf(xpath, sizeof xpath, "(//*[@data-f='r1-f%d'])[1]/@id", k);
    char id[16];
    snprintf(id, sizeof id, "r1-f%d", k);
    has_text(&p, xpath, id);
  }
  ck_assert_int_eq(count(&p, "//mark[@id='r1-f4' and contains(@class,' z')]"),
                   1);
  ck_assert_int_eq(count(&p, "//div[@id='r1-L2']//mark[@id='r1-f8']"), 1);
  /* highlighting leaves every line's text as it is */
  has_text(&p, "//div[@id='r1-L1']/div[@class='tx']", "甲乙丙丁戊己庚辛");
  has_text(&p, "//div[@id='r1-L2']/div[@class='tx']", "abcdefgh");
  has_text(&p, "//div[@id='r1-L3']/div[@class='tx']", "");
  has_text(&p, "//div[@id='r1-L4']/div[@class='tx']", "子丑寅卯");
  ck_assert_int_eq(count(&p, "//div[@id='r1-L5']"), 0);
  /* notes beside the line of each mark; the waived one in its table */
  ck_assert_int_eq(
      count(&p, "//div[@id='r1-L1']//div[contains(concat(' ', @class, ' '), "
                "' note ')]"),
      4);
  ck_assert_int_eq(count(&p, "//tr[@id='r1-f7' and @class='waived']"), 1);
  ck_assert_int_eq(count(&p, "//tr[starts-with(@id,'r1-i')]"), 7);
  page_close(&p);
}
END_TEST

/* 40 findings from columns 1..40 to the end: each still has its mark, the
 * 16 outermost still spell their spans, and no segment is wrapped in more
 * than 16 continuations (the page would grow with the square of the
 * findings). */
START_TEST(deep_stacks_are_capped) {
  page p;
  page_open(&p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\n");
  for (int i = 1; i <= 40; i++)
    add(&p, "t.s", 1, i, 1, 53);
  page_render(&p);
  ck_assert_int_eq(count(&p, MARKS), 40);
  has_text(&p, "//*[@data-f='r1-f1']",
           "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
  has_text(&p, "//*[@data-f='r1-f16']",
           "pqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
  has_text(&p, "//*[@data-f='r1-f17']", "q"); /* its mark; deeper: capped */
  has_text(&p, "//*[@data-f='r1-f40']", "NOPQRSTUVWXYZ");
  ck_assert_int_eq(count(&p, "//span[count(ancestor::span[@data-f]) >= 16]"),
                   0);
  has_text(&p, "//div[@id='r1-L1']/div[@class='tx']",
           "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
  page_close(&p);
}
END_TEST

START_TEST(hostile_text_stays_text) {
  page p;
  page_open(&p, "<script>alert(1)</script> & \"x\" 'y'\n");
  add(&p, "t.a", 1, 2, 1, 8);
  page_render(&p);
  ck_assert_int_eq(count(&p, "//script"), 0);
  has_text(&p, "//div[@id='r1-L1']/div[@class='tx']",
           "<script>alert(1)</script> & \"x\" 'y'");
  has_text(&p, "//*[@data-f='r1-f1']", "script");
  has_text(&p, "//mark/@title", "说明<b> [t.a]");
  ck_assert_int_eq(count(&p, "//b"), 0);
  page_close(&p);
}
END_TEST

START_TEST(positions_in_the_readers_terms) {
  page p;
  page_open(&p, "一\n二\n三\n四\n");
  /* the format's row names the places */
  p.r->fmt = p.r->loc.fmt = reader_format_of(FMT_PDF);
  p.r->x.npages = 2;
  p.r->x.page_start = malloc(2 * sizeof(int));
  p.r->x.page_start[0] = 1;
  p.r->x.page_start[1] = 3;
  page_render(&p);
  ck_assert_int_eq(count(&p, "//div[@class='page']"), 2);
  has_text(&p, "//div[@id='r1-p2']", "第 2 页");
  has_text(&p, "//div[@id='r1-L4']/a", "2"); /* line 2 of page 2 */
  page_close(&p);

  page_open(&p, "一\n二\n");
  p.r->fmt = p.r->loc.fmt = reader_format_of(FMT_DOCX);
  page_render(&p);
  has_text(&p, "//div[@id='r1-L2']/a", "¶2");
  page_close(&p);
}
END_TEST

Suite *out_html_suite(void) {
  Suite *s = suite_create("out_html");
  TCase *tc = tcase_create("out_html");
  tcase_add_test(tc, escape_entities_controls_invalid);
  tcase_add_test(tc, overlapping_crossing_and_empty_spans);
  tcase_add_test(tc, deep_stacks_are_capped);
  tcase_add_test(tc, hostile_text_stays_text);
  tcase_add_test(tc, positions_in_the_readers_terms);
  suite_add_tcase(s, tc);
  return s;
}
