/* Unit tests for docx_num and docx_xml: every numeral format the reader
 * renders, list markers as Word builds them (numbering inherited from
 * heading styles, levels linked by w:pStyle, "%1.%2", w:isLgl, w:suff,
 * w:startOverride shared counters, w:lvlRestart, w:numStyleLink), outline
 * levels from w:outlineLvl and style names, hostile definitions (loops,
 * huge values, long w:lvlText), and the XML wrapper's refusals with exact
 * messages and nothing printed on stderr. The XML here is the minimum each
 * behaviour needs; whole documents from real writers are in
 * test_read_docx.c. */
#include "docx_num.h"
#include "docx_xml.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define STYLES(x) "<w:styles xmlns:w=\"" W "\">" x "</w:styles>"
#define NUMBERING(x) "<w:numbering xmlns:w=\"" W "\">" x "</w:numbering>"

/* docx_num_format(fmt, v) as a static string for comparisons. */
static const char *fmt(const char *name, int v) {
  static char out[256];
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  docx_num_format(name, v, &sb);
  snprintf(out, sizeof out, "%s", sb.p ? sb.p : "");
  strbuf_release(&sb);
  return out;
}

START_TEST(chinese_counting) {
  ck_assert_str_eq(fmt("chineseCounting", 1), "一");
  ck_assert_str_eq(fmt("chineseCounting", 9), "九");
  ck_assert_str_eq(fmt("chineseCounting", 10), "十");
  ck_assert_str_eq(fmt("chineseCounting", 11), "十一");
  ck_assert_str_eq(fmt("chineseCounting", 20), "二十");
  ck_assert_str_eq(fmt("chineseCounting", 21), "二十一");
  ck_assert_str_eq(fmt("chineseCounting", 99), "九十九");
  ck_assert_str_eq(fmt("chineseCounting", 100), "一○○"); /* as Word */
  ck_assert_str_eq(fmt("chineseCountingThousand", 12), "十二");
  ck_assert_str_eq(fmt("chineseCountingThousand", 100), "一百");
  ck_assert_str_eq(fmt("chineseCountingThousand", 101), "一百零一");
  ck_assert_str_eq(fmt("chineseCountingThousand", 110), "一百一十");
  ck_assert_str_eq(fmt("chineseCountingThousand", 1001), "一千零一");
  ck_assert_str_eq(fmt("chineseCountingThousand", 2024), "二千零二十四");
  ck_assert_str_eq(fmt("taiwaneseCountingThousand", 13), "十三");
  ck_assert_str_eq(fmt("taiwaneseCounting", 30), "三十");
  ck_assert_str_eq(fmt("japaneseCounting", 11), "十一");
  ck_assert_str_eq(fmt("japaneseCounting", 101), "百一");
  ck_assert_str_eq(fmt("japaneseCounting", 110), "百十");
  ck_assert_str_eq(fmt("ideographDigital", 2024), "二〇二四");
  ck_assert_str_eq(fmt("chineseCounting", 0), "0"); /* out of range */
}
END_TEST

START_TEST(legal_and_cyclic) {
  ck_assert_str_eq(fmt("chineseLegalSimplified", 1), "壹");
  ck_assert_str_eq(fmt("chineseLegalSimplified", 3), "叁");
  ck_assert_str_eq(fmt("chineseLegalSimplified", 10), "壹拾");
  ck_assert_str_eq(fmt("chineseLegalSimplified", 11), "壹拾壹");
  ck_assert_str_eq(fmt("chineseLegalSimplified", 20), "贰拾");
  ck_assert_str_eq(fmt("chineseLegalSimplified", 105), "壹佰零伍");
  ck_assert_str_eq(fmt("ideographLegalTraditional", 2), "貳");
  ck_assert_str_eq(fmt("ideographTraditional", 1), "甲");
  ck_assert_str_eq(fmt("ideographTraditional", 10), "癸");
  ck_assert_str_eq(fmt("ideographTraditional", 11), "甲");
  ck_assert_str_eq(fmt("ideographZodiac", 13), "子");
}
END_TEST

START_TEST(enclosed_letters_roman) {
  ck_assert_str_eq(fmt("decimalEnclosedCircle", 1), "①");
  ck_assert_str_eq(fmt("decimalEnclosedCircle", 20), "⑳");
  ck_assert_str_eq(fmt("decimalEnclosedCircle", 21), "㉑");
  ck_assert_str_eq(fmt("decimalEnclosedCircle", 35), "㉟");
  ck_assert_str_eq(fmt("decimalEnclosedCircle", 36), "㊱");
  ck_assert_str_eq(fmt("decimalEnclosedCircle", 50), "㊿");
  ck_assert_str_eq(fmt("decimalEnclosedCircle", 51), "51");
  ck_assert_str_eq(fmt("decimalEnclosedCircleChinese", 2), "②");
  ck_assert_str_eq(fmt("decimalEnclosedParen", 1), "⑴");
  ck_assert_str_eq(fmt("decimalEnclosedFullstop", 1), "⒈");
  ck_assert_str_eq(fmt("ideographEnclosedCircle", 1), "㊀");
  ck_assert_str_eq(fmt("upperLetter", 1), "A");
  ck_assert_str_eq(fmt("upperLetter", 26), "Z");
  ck_assert_str_eq(fmt("upperLetter", 27), "AA");
  ck_assert_str_eq(fmt("upperLetter", 28), "BB");
  ck_assert_str_eq(fmt("lowerLetter", 3), "c");
  ck_assert_str_eq(fmt("upperRoman", 1994), "MCMXCIV");
  ck_assert_str_eq(fmt("lowerRoman", 4), "iv");
  ck_assert_str_eq(fmt("upperRoman", 4000), "4000");
  ck_assert_str_eq(fmt("decimalFullWidth", 12), "１２");
  ck_assert_str_eq(fmt("decimal", 7), "7");
  ck_assert_str_eq(fmt("decimalZero", 7), "07");
  ck_assert_str_eq(fmt("decimalZero", 12), "12");
  ck_assert_str_eq(fmt("someFutureFormat", 5), "5");
  ck_assert_str_eq(fmt("bullet", 5), "");
  ck_assert_str_eq(fmt("none", 5), "");
  ck_assert_str_eq(fmt("upperLetter", 1000000), "1000000");
}
END_TEST

/* Loads styles and numbering; fails the test on a diagnostic. */
static docx_num *load(const char *styles, const char *numbering) {
  docx_num *dn = docx_num_new();
  rl_diag d;
  diag_clear(&d);
  if (styles)
    ck_assert_int_eq(
        docx_num_load_styles(dn, styles, strlen(styles), "t.docx", &d), 0);
  if (numbering)
    ck_assert_msg(docx_num_load_numbering(dn, numbering, strlen(numbering),
                                          "t.docx", &d) == 0,
                  "%s", d.msg);
  return dn;
}

/* The marker of the next paragraph with these properties. */
static const char *marker(docx_num *dn, const char *style, int num_id,
                          int ilvl) {
  static char out[512];
  docx_ppr p = {style, num_id, ilvl, -1};
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  docx_num_marker(dn, &p, &sb);
  snprintf(out, sizeof out, "%s", sb.p ? sb.p : "");
  strbuf_release(&sb);
  return out;
}

/* Word's built-in headings: style ids "1" and "2", numbering in the style
 * with no w:ilvl (the level whose w:pStyle names the style applies). */
static const char word_styles[] = STYLES(
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\">"
    "<w:name w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading "
    "1\"/><w:basedOn w:val=\"a\"/><w:pPr><w:numPr><w:numId "
    "w:val=\"1\"/></w:numPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"heading "
    "2\"/><w:basedOn w:val=\"a\"/><w:pPr><w:numPr><w:numId "
    "w:val=\"1\"/></w:numPr><w:outlineLvl w:val=\"1\"/><w:pPrChange "
    "w:id=\"9\"><w:pPr><w:outlineLvl "
    "w:val=\"5\"/></w:pPr></w:pPrChange></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"mine\"><w:name w:val=\"My "
    "Heading\"/><w:basedOn w:val=\"1\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"t\"><w:name "
    "w:val=\"Title\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"cn3\"><w:name w:val=\"标题 "
    "3\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"loop\"><w:name w:val=\"x\"/>"
    "<w:basedOn w:val=\"loop\"/></w:style>");

static const char word_numbering[] = NUMBERING(
    "<w:abstractNum w:abstractNumId=\"0\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt "
    "w:val=\"chineseCounting\"/><w:pStyle w:val=\"1\"/><w:suff "
    "w:val=\"nothing\"/><w:lvlText w:val=\"%1、\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt "
    "w:val=\"chineseCounting\"/><w:pStyle w:val=\"2\"/><w:lvlText "
    "w:val=\"（%2）\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:lvlText w:val=\"%3.\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride "
    "w:ilvl=\"0\"><w:startOverride w:val=\"7\"/></w:lvlOverride></w:num>");

START_TEST(word_heading_styles) {
  docx_num *dn = load(word_styles, word_numbering);
  ck_assert_str_eq(marker(dn, "1", -1, -1), "一、");
  ck_assert_str_eq(marker(dn, "2", -1, -1), "（一）");
  ck_assert_str_eq(marker(dn, NULL, -1, -1), ""); /* Normal */
  ck_assert_str_eq(marker(dn, "2", -1, -1), "（二）");
  ck_assert_str_eq(marker(dn, "2", -1, 2), "1.");       /* direct w:ilvl */
  ck_assert_str_eq(marker(dn, "mine", -1, -1), "二、"); /* w:basedOn */
  ck_assert_str_eq(marker(dn, "2", -1, -1), "（一）");  /* restarted */
  ck_assert_str_eq(marker(dn, "1", 0, -1), "");         /* numId 0: off */
  ck_assert_str_eq(marker(dn, "unknown", -1, -1), "");  /* → Normal */
  ck_assert_str_eq(marker(dn, "loop", -1, -1), "");     /* no hang */
  ck_assert_str_eq(marker(dn, "1", -1, -1), "三、");
  /* numId 2 shares the list; its override restarts it at 7 once */
  ck_assert_str_eq(marker(dn, NULL, 2, 0), "七、");
  ck_assert_str_eq(marker(dn, NULL, 2, 0), "八、");
  ck_assert_str_eq(marker(dn, "1", -1, -1), "九、");
  ck_assert_str_eq(marker(dn, NULL, 99, 0), ""); /* no such w:num */
  docx_num_free(dn);
}
END_TEST

START_TEST(outline_levels) {
  docx_num *dn = load(word_styles, NULL);
  docx_ppr p = {NULL, -1, -1, -1};
  ck_assert_int_eq(docx_num_level(dn, &p), 0);
  p.style = "1";
  ck_assert_int_eq(docx_num_level(dn, &p), 1);
  p.style = "2"; /* the w:pPrChange value is the old one: ignored */
  ck_assert_int_eq(docx_num_level(dn, &p), 2);
  p.style = "mine";
  ck_assert_int_eq(docx_num_level(dn, &p), 1);
  p.style = "t";
  ck_assert_int_eq(docx_num_level(dn, &p), DOCX_LEVEL_TITLE);
  p.style = "cn3";
  ck_assert_int_eq(docx_num_level(dn, &p), 3);
  p.style = "loop";
  ck_assert_int_eq(docx_num_level(dn, &p), 0);
  p.style = NULL;
  p.outline = 3; /* direct w:outlineLvl */
  ck_assert_int_eq(docx_num_level(dn, &p), 4);
  p.style = "1";
  p.outline = 9; /* body text, whatever the style says */
  ck_assert_int_eq(docx_num_level(dn, &p), 0);
  docx_num_free(dn);
  dn = load(STYLES("<w:style w:styleId=\"h\"><w:name w:val=\"Heading "
                   "4\"/></w:style><w:style w:styleId=\"b\"><w:name "
                   "w:val=\"标题\"/></w:style>"),
            NULL);
  docx_ppr h = {"h", -1, -1, -1}, b = {"b", -1, -1, -1};
  ck_assert_int_eq(docx_num_level(dn, &h), 4);
  ck_assert_int_eq(docx_num_level(dn, &b), DOCX_LEVEL_TITLE);
  docx_num_free(dn);
}
END_TEST

START_TEST(multilevel_legal_space) {
  docx_num *dn = load(
      NULL,
      NUMBERING("<w:abstractNum w:abstractNumId=\"3\">"
                "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt "
                "w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1.\"/><w:suff "
                "w:val=\"space\"/></w:lvl>"
                "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt "
                "w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2\"/></w:lvl>"
                "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:isLgl/><w:numFmt "
                "w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2.%3\"/></w:lvl>"
                "<w:lvl w:ilvl=\"3\"><w:start w:val=\"1\"/><w:lvlRestart "
                "w:val=\"0\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText "
                "w:val=\"%4)\"/></w:lvl>"
                "<w:lvl w:ilvl=\"4\"><w:start w:val=\"1\"/><w:numFmt "
                "w:val=\"bullet\"/><w:lvlText w:val=\"\xEF\x82\xB7\"/></w:lvl>"
                "</w:abstractNum>"
                "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"3\"/></w:num>"));
  ck_assert_str_eq(marker(dn, NULL, 5, 1), "一.1"); /* level 0 not used */
  ck_assert_str_eq(marker(dn, NULL, 5, 0), "一. ");
  ck_assert_str_eq(marker(dn, NULL, 5, 1), "一.1");
  ck_assert_str_eq(marker(dn, NULL, 5, 1), "一.2");
  ck_assert_str_eq(marker(dn, NULL, 5, 2), "1.2.1"); /* w:isLgl */
  ck_assert_str_eq(marker(dn, NULL, 5, 3), "a)");
  ck_assert_str_eq(marker(dn, NULL, 5, 0), "二. ");
  ck_assert_str_eq(marker(dn, NULL, 5, 1), "二.1");
  ck_assert_str_eq(marker(dn, NULL, 5, 3), "b)"); /* w:lvlRestart 0 */
  ck_assert_str_eq(marker(dn, NULL, 5, 4), "");   /* bullet */
  ck_assert_str_eq(marker(dn, NULL, 5, 7), "");   /* undefined level */
  docx_num_free(dn);
}
END_TEST

START_TEST(num_style_link) {
  docx_num *dn = load(
      STYLES("<w:style w:type=\"numbering\" w:styleId=\"MyList\"><w:name "
             "w:val=\"My List\"/><w:pPr><w:numPr><w:numId "
             "w:val=\"7\"/></w:numPr></w:pPr></w:style>"
             "<w:style w:type=\"numbering\" w:styleId=\"Loop\"><w:pPr>"
             "<w:numPr><w:numId w:val=\"9\"/></w:numPr></w:pPr></w:style>"),
      NUMBERING("<w:abstractNum w:abstractNumId=\"6\"><w:styleLink "
                "w:val=\"MyList\"/><w:lvl w:ilvl=\"0\"><w:start "
                "w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText "
                "w:val=\"%1.\"/></w:lvl></w:abstractNum>"
                "<w:abstractNum w:abstractNumId=\"5\"><w:numStyleLink "
                "w:val=\"MyList\"/></w:abstractNum>"
                "<w:abstractNum w:abstractNumId=\"8\"><w:numStyleLink "
                "w:val=\"Loop\"/></w:abstractNum>"
                "<w:num w:numId=\"7\"><w:abstractNumId w:val=\"6\"/></w:num>"
                "<w:num w:numId=\"8\"><w:abstractNumId w:val=\"5\"/></w:num>"
                "<w:num w:numId=\"9\"><w:abstractNumId "
                "w:val=\"8\"/></w:num>"));
  ck_assert_str_eq(marker(dn, NULL, 8, 0), "I.");
  ck_assert_str_eq(marker(dn, NULL, 7, 0), "II."); /* same list */
  ck_assert_str_eq(marker(dn, NULL, 9, 0), "");    /* links to itself */
  docx_num_free(dn);
}
END_TEST

START_TEST(hostile_definitions) {
  char lvl_text[4000];
  strcpy(lvl_text, "<w:numbering xmlns:w=\"" W "\"><w:abstractNum "
                   "w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start "
                   "w:val=\"2147483647\"/><w:lvlText w:val=\"");
  for (int i = 0; i < 500; i++)
    strcat(lvl_text, "%1");
  strcat(lvl_text, "\"/></w:lvl><w:lvl w:ilvl=\"99\"/></w:abstractNum><w:num "
                   "w:numId=\"1\"><w:abstractNumId "
                   "w:val=\"1\"/></w:num></w:numbering>");
  docx_num *dn = load(NULL, lvl_text);
  const char *m = marker(dn, NULL, 1, 0);
  ck_assert_uint_le(strlen(m), DOCX_MARKER_MAX);
  ck_assert(strncmp(m, "10000000001000000000", 20) == 0); /* clamped */
  m = marker(dn, NULL, 1, 0); /* saturates, no overflow */
  ck_assert(strncmp(m, "1000000000", 10) == 0);
  docx_num_free(dn);
}
END_TEST

/* --- docx_xml -------------------------------------------------------- */

typedef struct seen {
  char text[256];
  char attr[64];
  int elements, stop_at;
} seen;

static int seen_start(void *ud, const char *ns, const char *local,
                      const docx_attr *a, int n) {
  seen *s = ud;
  (void)local;
  if (docx_xml_is_w(ns) && docx_xml_attr(a, n, "val"))
    snprintf(s->attr, sizeof s->attr, "%s", docx_xml_attr(a, n, "val"));
  return ++s->elements == s->stop_at ? -1 : 0;
}

static int seen_text(void *ud, const char *t, size_t len) {
  seen *s = ud;
  strncat(s->text, t, len < 100 ? len : 100);
  return 0;
}

/* Parses xml; stderr goes to a file that must stay empty (library code
 * never prints, and libxml2 must not either). */
static int parse(const char *xml, seen *s, rl_diag *d) {
  docx_xml_handler h = {seen_start, NULL, seen_text};
  memset(s, 0, sizeof *s);
  diag_clear(d);
  fflush(stderr);
  int saved = dup(2);
  FILE *tmp = tmpfile();
  dup2(fileno(tmp), 2);
  int rc = docx_xml_parse(xml, strlen(xml), "word/x.xml", "t.docx", &h, s, d);
  fflush(stderr);
  dup2(saved, 2);
  close(saved);
  ck_assert_int_eq((int)lseek(fileno(tmp), 0, SEEK_END), 0);
  fclose(tmp);
  return rc;
}

START_TEST(xml_entities_and_attrs) {
  seen s;
  rl_diag d;
  ck_assert_int_eq(parse("<w:x xmlns:w=\"" W "\" w:val=\"a&amp;b&lt;\">"
                         "1 &lt; 2 &amp; &#x4E00;<![CDATA[<c>]]></w:x>",
                         &s, &d),
                   0);
  ck_assert_str_eq(s.attr, "a&b<");
  ck_assert_str_eq(s.text, "1 < 2 & 一<c>");
}
END_TEST

START_TEST(xml_refusals) {
  seen s;
  rl_diag d;
  ck_assert_int_eq(parse("<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a "
                         "\"aaaa\">]>\n<x>&a;&a;</x>",
                         &s, &d),
                   -1);
  ck_assert_str_eq(d.msg, "corrupt DOCX: word/x.xml has a DTD (entity "
                          "declarations are not allowed)");
  ck_assert_str_eq(d.file, "t.docx");
  ck_assert_int_eq(d.kind, DIAG_INPUT);
  ck_assert_str_eq(s.text, "");
  ck_assert_int_eq(parse("<x>\n<y>\n</x>", &s, &d), -1);
  ck_assert_str_eq(d.msg,
                   "corrupt DOCX: word/x.xml is not well-formed XML (line 3)");
  ck_assert_int_eq(parse("<x>&undefined;</x>", &s, &d), -1);
  ck_assert_str_eq(d.msg,
                   "corrupt DOCX: word/x.xml is not well-formed XML (line 1)");
  ck_assert_int_eq(parse("", &s, &d), -1);
  ck_assert_str_eq(d.msg,
                   "corrupt DOCX: word/x.xml is not well-formed XML (line 1)");
  /* bytes invalid in the declared encoding: libxml2 reports these on its
   * generic channel, which must not reach stderr either */
  ck_assert_int_eq(parse("<?xml version=\"1.0\" encoding=\"GB18030\"?>"
                         "<x>\xff\xff\xff</x>",
                         &s, &d),
                   -1);
  ck_assert_str_eq(d.msg, "corrupt DOCX: word/x.xml is not well-formed XML");
  ck_assert_int_eq(parse("<a:x xmlns:b=\"u\"/>", &s, &d), -1); /* no ns */
  ck_assert_str_eq(d.msg,
                   "corrupt DOCX: word/x.xml is not well-formed XML (line 1)");
}
END_TEST

START_TEST(xml_depth_and_halt) {
  seen s;
  rl_diag d;
  size_t n = 300;
  char *deep = malloc(n * 7 + 1);
  deep[0] = '\0';
  for (size_t i = 0; i < n; i++)
    strcat(deep, "<a>");
  for (size_t i = 0; i < n; i++)
    strcat(deep, "</a>");
  ck_assert_int_eq(parse(deep, &s, &d), -1);
  ck_assert_str_eq(
      d.msg, "corrupt DOCX: word/x.xml nests elements more than 200 deep");
  ck_assert_int_eq(s.elements, 200);
  free(deep);
  /* a callback's -1 stops the parse and leaves the diag to the callback */
  docx_xml_handler h = {seen_start, NULL, seen_text};
  memset(&s, 0, sizeof s);
  s.stop_at = 2;
  diag_clear(&d);
  const char *x = "<a><b/><c>text</c></a>";
  ck_assert_int_eq(docx_xml_parse(x, strlen(x), "p", "f", &h, &s, &d), -1);
  ck_assert_int_eq(s.elements, 2);
  ck_assert_str_eq(s.text, "");
  ck_assert_int_eq(d.kind, DIAG_NONE);
}
END_TEST

START_TEST(xml_int_values) {
  docx_attr a[] = {{W, "val", "42"},  {NULL, "n", "-5"}, {W, "on", "true"},
                   {W, "off", "off"}, {W, "bad", "x1"},  {"other", "o", "7"}};
  ck_assert_int_eq(docx_xml_int(a, 6, "val", -1, 0, 9), 9);
  ck_assert_int_eq(docx_xml_int(a, 6, "n", 3, -10, 10), -5);
  ck_assert_int_eq(docx_xml_int(a, 6, "on", 0, 0, 1), 1);
  ck_assert_int_eq(docx_xml_int(a, 6, "off", 1, 0, 1), 0);
  ck_assert_int_eq(docx_xml_int(a, 6, "bad", 4, 0, 9), 4);
  ck_assert_int_eq(docx_xml_int(a, 6, "o", 4, 0, 9), 4); /* other ns */
  ck_assert_int_eq(docx_xml_int(a, 6, "missing", 4, 0, 9), 4);
}
END_TEST

extern Suite *docx_num_suite(void);

Suite *docx_num_suite(void) {
  Suite *s = suite_create("docx_num");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, chinese_counting);
  tcase_add_test(tc, legal_and_cyclic);
  tcase_add_test(tc, enclosed_letters_roman);
  tcase_add_test(tc, word_heading_styles);
  tcase_add_test(tc, outline_levels);
  tcase_add_test(tc, multilevel_legal_space);
  tcase_add_test(tc, num_style_link);
  tcase_add_test(tc, hostile_definitions);
  tcase_add_test(tc, xml_entities_and_attrs);
  tcase_add_test(tc, xml_refusals);
  tcase_add_test(tc, xml_depth_and_halt);
  tcase_add_test(tc, xml_int_values);
  suite_add_tcase(s, tc);
  return s;
}
