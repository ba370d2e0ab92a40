/* Unit tests for read_docx. First the fixtures of tests/fixtures/docx,
 * written by pandoc and LibreOffice (see make.sh there): a seed report,
 * Chinese heading numbering that exists only in numbering.xml, tracked
 * changes with a comment, a table with a text box; and the hostile ones:
 * no document.xml, truncated, malformed XML, a DTD entity bomb, 100k-deep
 * nesting, a zip bomb, a password-protected file and a .doc in disguise,
 * each with its exact diagnostic and *out left released. Then single
 * behaviours on minimal document.xml parts zipped here in memory (run
 * content, markup-compatibility branches, hidden text, fields, moves,
 * deleted rows and paragraph marks, nested tables, control characters,
 * caps). Runs from the repository root, as `make unit` does. */
#include "reader.h"

#include "fixture.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define FIXTURES "tests/fixtures/docx/"
#define W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define DOC(body)                                                              \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"" W         \
  "\" xmlns:mc=\"" MC "\"><w:body>" body "</w:body></w:document>"
#define R(text) "<w:r><w:t>" text "</w:t></w:r>"
#define P(runs) "<w:p>" runs "</w:p>"

/* The whole of a file; the caller frees it. */
/* Reads a fixture with max_bytes (0 = default); returns read_docx's rc. */
static int read_fixture(const char *name, size_t max_bytes, extracted *x,
                        rl_diag *d) {
  char path[256];
  snprintf(path, sizeof path, FIXTURES "%s", name);
  size_t len;
  char *raw = fixture_slurp(path, &len);
  reader_limits lim = {max_bytes, 0, 0};
  diag_clear(d);
  int rc = read_docx(raw, len, name, &lim, x, d);
  free(raw);
  return rc;
}

/* A DOCX zipped in memory from (name, content) pairs ending with NULL;
 * the caller frees it. */
static char *zip_parts(size_t *len, const char *name, ...) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
  zip_source_keep(src);
  zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  ck_assert_ptr_nonnull(za);
  va_list ap;
  va_start(ap, name);
  for (const char *n = name; n; n = va_arg(ap, const char *)) {
    const char *data = va_arg(ap, const char *);
    zip_source_t *s = zip_source_buffer(za, data, strlen(data), 0);
    ck_assert_int_ge(zip_file_add(za, n, s, ZIP_FL_ENC_UTF_8), 0);
  }
  va_end(ap);
  ck_assert_int_eq(zip_close(za), 0);
  ck_assert_int_eq(zip_source_open(src), 0);
  zip_source_seek(src, 0, SEEK_END);
  zip_int64_t n = zip_source_tell(src);
  zip_source_seek(src, 0, SEEK_SET);
  char *buf = malloc((size_t)n);
  ck_assert_int_eq(zip_source_read(src, buf, (zip_uint64_t)n), n);
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&err);
  *len = (size_t)n;
  return buf;
}

/* read_docx on a document.xml alone. */
static int read_doc(const char *xml, size_t max_bytes, extracted *x,
                    rl_diag *d) {
  size_t len;
  char *raw = zip_parts(&len, "word/document.xml", xml, NULL);
  reader_limits lim = {max_bytes, 0, 0};
  diag_clear(d);
  int rc = read_docx(raw, len, "t.docx", &lim, x, d);
  free(raw);
  return rc;
}

/* The text of a document.xml read alone (the test fails on an error). */
static char *doc_text(const char *xml) {
  extracted x;
  rl_diag d;
  ck_assert_msg(read_doc(xml, 0, &x, &d) == 0, "%s", d.msg);
  char *t = strdup(x.text);
  extracted_release(&x);
  return t;
}

#define ck_doc_text(xml, want)                                                 \
  do {                                                                         \
    char *got_ = doc_text(xml);                                                \
    ck_assert_str_eq(got_, want);                                              \
    free(got_);                                                                \
  } while (0)

/* A refused input: -1, the message, the file, and out released. */
static void ck_refused(int rc, const extracted *x, const rl_diag *d,
                       const char *file, const char *msg) {
  ck_assert_int_eq(rc, -1);
  ck_assert_int_eq(d->kind, DIAG_INPUT);
  ck_assert_str_eq(d->file, file);
  ck_assert_str_eq(d->msg, msg);
  ck_assert_ptr_null(x->text);
  ck_assert_ptr_null(x->notes);
  ck_assert_int_eq(x->nnotes, 0);
}

/* --- fixtures by real writers ----------------------------------------- */

START_TEST(plain_report_from_pandoc) {
  /* pandoc made one paragraph per non-blank line of the seed */
  size_t len;
  char *seed = fixture_slurp("seeds/004_40ce34e03101b79a.txt", &len);
  char *want = malloc(len + 2), *w = want;
  for (char *line = strtok(seed, "\n"); line; line = strtok(NULL, "\n")) {
    w += sprintf(w, "%s\n", line);
  }
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_fixture("plain.docx", 0, &x, &d), 0);
  ck_assert_str_eq(x.text, want);
  ck_assert_uint_eq(x.len, strlen(want));
  ck_assert_str_eq(x.encoding, "UTF-8 (DOCX)");
  ck_assert_int_eq(x.nnotes, 0);
  ck_assert_int_eq(x.has_src, 0);
  extracted_release(&x);
  free(want);
  free(seed);
}
END_TEST

START_TEST(chinese_heading_numbering) {
  /* No marker is in document.xml: 一、（一）1.（1） come from the outline
   * numbering LibreOffice writes as taiwaneseCountingThousand "%1、" and
   * "（%2）" linked to Heading 1/2 styles; the second decimal list is a
   * w:num with w:startOverride 5 followed by a w:num of the same list. */
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_fixture("numbering.docx", 0, &x, &d), 0);
  ck_assert_str_eq(x.text, "某区2024年法治政府建设年度报告\n"
                           "一、主要举措和成效\n"
                           "（一）加强组织领导\n"
                           "正文第一段。\n"
                           "（二）完善制度体系\n"
                           "1.规范性文件管理\n"
                           "（1）备案审查\n"
                           "（2）清理工作\n"
                           "2.重大决策\n"
                           "1.制定规范性文件5件。\n"
                           "2.清理文件12件。\n"
                           "5.从五开始。\n"
                           "6.接着是六。\n"
                           "二、存在的不足和原因\n"
                           "\n"
                           "（一）执法水平有待提高\n"
                           "①执法人员不足\n"
                           "②培训不够\n"
                           "三、下一步工作安排\n");
  extracted_release(&x);
}
END_TEST

START_TEST(tracked_changes_and_comment) {
  /* accepted view: the insertion kept, the deleted "约" and the deleted
   * paragraph (its mark deleted too) gone */
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_fixture("tracked.docx", 0, &x, &d), 0);
  ck_assert_str_eq(x.text, "某区2024年法治政府建设年度报告\n"
                           "一、主要举措和成效\n"
                           "全年共办理行政复议案件12件。\n"
                           "二、存在的不足和原因\n");
  ck_assert_int_eq(x.nnotes, 2);
  ck_assert_int_eq(x.notes[0].kind, NOTE_TRACKED_CHANGES);
  ck_assert_uint_eq(x.notes[0].off, (size_t)(strstr(x.text, "全年") - x.text));
  ck_assert_int_eq(x.notes[0].count, 4); /* ins, del, del mark, del run */
  ck_assert_int_eq(x.notes[1].kind, NOTE_COMMENTS);
  ck_assert_uint_eq(x.notes[1].off, (size_t)(strstr(x.text, "二、") - x.text));
  ck_assert_int_eq(x.notes[1].count, 1);
  ck_assert_ptr_null(strstr(x.text, "请补充")); /* comment text */
  extracted_release(&x);
}
END_TEST

START_TEST(table_and_text_box) {
  /* a row per line, cells by '\t', two paragraphs of a cell by ' ', a tab
   * inside a cell as ' '; the text box (a wps shape with a VML fallback)
   * once, after its paragraph; w:br as ' ' */
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_fixture("table.docx", 0, &x, &d), 0);
  ck_assert_str_eq(x.text, "行政复议案件统计\n"
                           "项目\t2023年\t2024年\n"
                           "收案 （件）\t10\t12\n"
                           "备注\t\t含 撤回\n"
                           "表后正文。框后文字\n"
                           "文本框内容\n"
                           "第二段\n"
                           "结束 换行\n");
  ck_assert_int_eq(x.nnotes, 0);
  extracted_release(&x);
}
END_TEST

START_TEST(table_of_contents) {
  /* LibreOffice's TOC field: its entries would be every heading again;
   * their paragraphs stay as empty lines */
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_fixture("toc.docx", 0, &x, &d), 0);
  ck_assert_str_eq(x.text, "某区2024年法治政府建设年度报告\n"
                           "目录\n"
                           "\n"
                           "\n"
                           "一、主要举措和成效\n"
                           "正文。\n"
                           "二、存在的不足\n");
  extracted_release(&x);
  /* a TOC in a w:fldSimple, and fields nested in its result */
  ck_doc_text(
      DOC("<w:p><w:fldSimple w:instr=\" TOC \\o\">" R(
          "目录项") "</w:fldSimple>" R("后") "</w:p>"
                                             "<w:p><w:r><w:fldChar "
                                             "w:fldCharType=\"begin\"/></w:r>"
                                             "<w:r><w:instrText>TOC "
                                             "\\h</w:instrText></w:r>"
                                             "<w:r><w:fldChar "
                                             "w:fldCharType=\"separate\"/></"
                                             "w:r>"
                                             "<w:r><w:fldChar "
                                             "w:fldCharType=\"begin\"/></w:r>"
                                             "<w:r><w:instrText>PAGEREF "
                                             "_Toc1</w:instrText></w:r>"
                                             "<w:r><w:fldChar "
                                             "w:fldCharType=\"separate\"/></"
                                             "w:r>" R("3") "<w:r><w:fldChar "
                                                           "w:fldCharType="
                                                           "\"end\"/></w:r>" R("条目") "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" R(
                                                               "正文") "</w:p>"
                                                                       "<w:p><"
                                                                       "w:r><w:"
                                                                       "fldChar"
                                                                       " w:"
                                                                       "fldChar"
                                                                       "Type="
                                                                       "\"begin"
                                                                       "\"/></"
                                                                       "w:r>"
                                                                       "<w:r><"
                                                                       "w:"
                                                                       "instrTe"
                                                                       "xt>"
                                                                       "TOCX</"
                                                                       "w:"
                                                                       "instrTe"
                                                                       "xt></"
                                                                       "w:r>"
                                                                       "<w:r><"
                                                                       "w:"
                                                                       "fldChar"
                                                                       " w:"
                                                                       "fldChar"
                                                                       "Type="
                                                                       "\"separ"
                                                                       "ate\"/"
                                                                       "></"
                                                                       "w:r>" R(
                                                                           "留") "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"),
      "后\n正文\n留\n");
}
END_TEST

START_TEST(hostile_fixtures) {
  static const struct {
    const char *file;
    const char *msg;
  } cases[] = {
      {"nodoc.docx", "not a DOCX: no word/document.xml"},
      {"truncated.docx", "corrupt DOCX: damaged or truncated zip archive (no "
                         "central directory)"},
      {"malformed.docx",
       "corrupt DOCX: word/document.xml is not well-formed XML (line 11)"},
      {"dtd.docx", "corrupt DOCX: word/document.xml has a DTD (entity "
                   "declarations are not allowed)"},
      {"deep.docx",
       "corrupt DOCX: word/document.xml nests elements more than 200 deep"},
      {"encrypted.docx", "encrypted DOCX: remove the password and save again"},
      {"zipcrypto.docx", "encrypted DOCX: remove the password and save again"},
      {"word97.docx", "not a DOCX: a Word 97-2003 .doc file; save it as .docx"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    extracted x;
    rl_diag d;
    int rc = read_fixture(cases[i].file, 0, &x, &d);
    ck_refused(rc, &x, &d, cases[i].file, cases[i].msg);
  }
}
END_TEST

START_TEST(zip_bomb) {
  /* 100 MB of zeros in 97 KB: stopped at the cap while inflating */
  extracted x;
  rl_diag d;
  int rc = read_fixture("bomb.docx", 1024 * 1024, &x, &d);
  ck_refused(rc, &x, &d, "bomb.docx",
             "zip bomb: uncompressed content over 1048576 bytes");
  /* the cap counts every part read: plain.docx is 50 KB inflated */
  rc = read_fixture("plain.docx", 20000, &x, &d);
  ck_refused(rc, &x, &d, "plain.docx",
             "zip bomb: uncompressed content over 20000 bytes");
}
END_TEST

START_TEST(entry_cap_and_non_zips) {
  size_t len;
  char *raw = fixture_slurp(FIXTURES "plain.docx", &len);
  reader_limits lim = {0, 3, 0};
  extracted x;
  rl_diag d;
  diag_clear(&d);
  int rc = read_docx(raw, len, "p.docx", &lim, &x, &d);
  ck_refused(rc, &x, &d, "p.docx",
             "too many zip entries in DOCX (16, limit 3)");
  free(raw);
  rc = read_docx("plain text", 10, "a.docx", NULL, &x, &d);
  ck_refused(rc, &x, &d, "a.docx", "corrupt DOCX: not a zip archive");
  rc = read_docx("", 0, "e.docx", NULL, &x, &d);
  ck_refused(rc, &x, &d, "e.docx", "corrupt DOCX: not a zip archive");
  rc = read_docx("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", 12, "o.docx", NULL, &x,
                 &d);
  ck_refused(rc, &x, &d, "o.docx",
             "not a DOCX: an OLE2 compound file (an older Office format)");
}
END_TEST

/* --- single behaviours ------------------------------------------------ */

START_TEST(run_content) {
  /* w:tab, w:ptab → '\t'; w:br, w:cr → ' '; w:noBreakHyphen → '-';
   * w:softHyphen, tab stops in w:pPr, field codes: nothing */
  ck_doc_text(DOC("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" "
                  "w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t>a</w:t><w:tab/>"
                  "<w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:noBreakHyphen/>"
                  "<w:softHyphen/><w:t xml:space=\"preserve\"> d</w:t>"
                  "<w:ptab w:relativeTo=\"margin\"/></w:r>"
                  "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                  "<w:r><w:instrText> PAGE </w:instrText></w:r>"
                  "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" R(
                      "3") "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                           "<w:hyperlink>" R("链接") "</w:hyperlink></w:p>"),
              "a\tb c - d\t3链接\n");
}
END_TEST

START_TEST(empty_paragraphs_count) {
  ck_doc_text(DOC("<w:p/>" P(R("x")) "<w:p><w:r/></w:p>"
                                     "<w:sectPr/>"),
              "\nx\n\n");
}
END_TEST

START_TEST(one_markup_compatibility_branch) {
  ck_doc_text(
      DOC("<w:p><mc:AlternateContent><mc:Choice Requires=\"w14\">" R(
          "A") "</mc:Choice><mc:Fallback>" R("B") "</mc:Fallback>"
                                                  "</mc:AlternateContent></w:p>"
                                                  "<w:p><mc:AlternateContent><"
                                                  "mc:Fallback>" R(
                                                      "C") "</mc:Fallback></"
                                                           "mc:"
                                                           "AlternateContent></"
                                                           "w:p>"),
      "A\nC\n");
}
END_TEST

START_TEST(hidden_runs) {
  ck_doc_text(DOC("<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
                  "<w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>显示</w:t>"
                  "</w:r></w:p>"),
              "显示\n");
}
END_TEST

START_TEST(moves_and_property_changes) {
  /* moveFrom dropped, moveTo kept; every revision counted once; the old
   * w:numPr inside w:pPrChange is not the paragraph's numbering */
  extracted x;
  rl_diag d;
  ck_assert_int_eq(
      read_doc(
          DOC(P(R("first")) "<w:p><w:pPr><w:pPrChange w:id=\"1\">"
                            "<w:pPr><w:numPr><w:numId "
                            "w:val=\"1\"/></w:numPr><w:rPr>"
                            "<w:ins/></w:rPr></w:pPr></w:pPrChange></w:pPr>"
                            "<w:moveFrom>" R(
                                "旧") "</w:moveFrom>"
                                      "<w:r><w:rPr><w:b/><w:rPrChange><w:rPr/"
                                      "></w:rPrChange>"
                                      "</w:rPr><w:t>x</w:t></w:r>"
                                      "<w:moveTo>" R("新") "</w:moveTo></w:p>"),
          0, &x, &d),
      0);
  ck_assert_str_eq(x.text, "first\nx新\n");
  ck_assert_int_eq(x.nnotes, 1);
  ck_assert_int_eq(x.notes[0].kind, NOTE_TRACKED_CHANGES);
  ck_assert_uint_eq(x.notes[0].off, 6);
  ck_assert_int_eq(x.notes[0].count, 4);
  extracted_release(&x);
}
END_TEST

START_TEST(deleted_row_and_mark) {
  /* a row deleted with tracking disappears; a paragraph whose mark is
   * deleted joins the next one, which keeps its own numbering */
  extracted x;
  rl_diag d;
  const char *numbering =
      "<w:numbering xmlns:w=\"" W "\"><w:abstractNum w:abstractNumId=\"0\">"
      "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt "
      "w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>"
      "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/>"
      "</w:num></w:numbering>";
  const char *doc =
      DOC("<w:tbl><w:tr><w:trPr><w:del w:id=\"1\"/></w:trPr><w:tc>"
          "<w:p><w:del>"
          "<w:r><w:delText>删</w:delText></w:r>"
          "</w:del></w:p></w:tc></w:tr><w:tr><w:tc>" P(
              R("留")) "</w:tc></w:tr>"
                       "</w:tbl>"
                       "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId "
                       "w:val=\"1\"/>"
                       "</w:numPr><w:rPr><w:del w:id=\"2\"/></w:rPr></w:pPr>" R(
                           "前半") "</w:p><w:p><w:pPr><w:numPr><w:ilvl "
                                   "w:val=\"0\"/><w:numId "
                                   "w:val=\"1\"/></w:numPr></w:pPr>" R(
                                       "后半") "</w:p>"
                                               "<w:p><w:pPr><w:rPr><w:del "
                                               "w:id=\"3\"/></w:rPr></w:pPr>" R(
                                                   "末段") "</w:p>");
  size_t len;
  char *raw = zip_parts(&len, "word/numbering.xml", numbering,
                        "word/document.xml", doc, NULL);
  diag_clear(&d);
  ck_assert_int_eq(read_docx(raw, len, "t.docx", NULL, &x, &d), 0);
  ck_assert_str_eq(x.text, "留\n一、前半后半\n末段\n");
  ck_assert_int_eq(x.notes[0].count, 4);
  ck_assert_uint_eq(x.notes[0].off, 0);
  extracted_release(&x);
  free(raw);
}
END_TEST

START_TEST(nested_tables_and_boxes) {
  /* a table in a cell is part of that cell; a text box in a row follows
   * the row */
  ck_doc_text(
      DOC("<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc>" P(R("a")) "</w:tc><w:tc>" P(
          R("b")) "</w:tc></w:tr></w:tbl></w:tc><w:tc><w:p><w:r><w:t>c</w:t>"
                  "<w:pict><w:txbxContent>" P(
                      R("框")) "</w:txbxContent>"
                               "</w:pict></w:r></w:p></w:tc></w:tr></w:tbl>" P(
                                   R("后"))),
      "a b\tc\n框\n后\n");
}
END_TEST

START_TEST(control_characters) {
  /* LF and U+2028 inside text are spaces, C1 controls go, a tab stays in
   * a paragraph but not in a cell */
  ck_doc_text(
      DOC(P("<w:r><w:t>a&#10;b&#x2028;c&#x85;d&#9;e</w:t></w:r>") "<w:tbl><w:"
                                                                  "tr><w:tc>" P(
                                                                      R("x&#9;"
                                                                        "y")) "</w:tc></w:tr>"
                                                                              "</w:tbl>"),
      "a b cd\te\nx y\n");
}
END_TEST

START_TEST(comment_references_without_part) {
  extracted x;
  rl_diag d;
  ck_assert_int_eq(
      read_doc(
          DOC(P(R("甲")) "<w:p><w:commentRangeStart w:id=\"0\"/>" R(
              "乙") "<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference "
                    "w:id=\"0\"/></w:r></w:p><w:p><w:r><w:commentReference "
                    "w:id=\"1\"/></w:r></w:p>"),
          0, &x, &d),
      0);
  ck_assert_str_eq(x.text, "甲\n乙\n\n");
  ck_assert_int_eq(x.nnotes, 1);
  ck_assert_int_eq(x.notes[0].kind, NOTE_COMMENTS);
  ck_assert_uint_eq(x.notes[0].off, 4);
  ck_assert_int_eq(x.notes[0].count, 2);
  extracted_release(&x);
}
END_TEST

START_TEST(strict_namespace) {
  ck_doc_text("<w:document xmlns:w=\"http://purl.oclc.org/ooxml/"
              "wordprocessingml/main\"><w:body>" P(R("严格")) "</w:body>"
                                                              "</w:document>",
              "严格\n");
}
END_TEST

START_TEST(refused_documents) {
  extracted x;
  rl_diag d;
  int rc = read_doc("<html><body/></html>", 0, &x, &d);
  ck_refused(rc, &x, &d, "t.docx",
             "not a DOCX: word/document.xml is not a WordprocessingML "
             "document");
  rc = read_doc(DOC("<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>"), 0, &x, &d);
  ck_refused(rc, &x, &d, "t.docx", "empty DOCX: no text in word/document.xml");
  size_t len;
  char *raw =
      zip_parts(&len, "word/document.xml", DOC(P(R("x"))), "word/styles.xml",
                "<!DOCTYPE s [<!ENTITY e \"e\">]><s/>", NULL);
  rc = read_docx(raw, len, "s.docx", NULL, &x, &d);
  ck_refused(rc, &x, &d, "s.docx",
             "corrupt DOCX: word/styles.xml has a DTD (entity declarations "
             "are not allowed)");
  free(raw);
  raw = zip_parts(&len, "word/document.xml", DOC(P(R("x"))),
                  "word/comments.xml", "<w:comments", NULL);
  rc = read_docx(raw, len, "c.docx", NULL, &x, &d);
  ck_refused(rc, &x, &d, "c.docx",
             "corrupt DOCX: word/comments.xml is not well-formed XML (line "
             "1)");
  free(raw);
}
END_TEST

START_TEST(text_cap_counts_markers) {
  /* list markers are text the zip does not hold: 40 numbered empty
   * paragraphs with a 120-byte marker stay under a 4000-byte inflate cap
   * but not under the same text cap */
  static const char styles[] =
      "<w:styles xmlns:w=\"" W "\"><w:style w:styleId=\"H\"><w:pPr><w:numPr>"
      "<w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style></w:styles>";
  static const char numbering[] =
      "<w:numbering xmlns:w=\"" W "\"><w:abstractNum w:abstractNumId=\"0\">"
      "<w:lvl w:ilvl=\"0\"><w:lvlText w:val=\"一二三四五六七八九十一二三四五"
      "六七八九十一二三四五六七八九十一二三四五六七八九十\"/></w:lvl>"
      "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/>"
      "</w:num></w:numbering>";
  char doc[4096];
  int n = snprintf(doc, sizeof doc, "<w:document xmlns:w=\"%s\"><w:body>", W);
  for (int i = 0; i < 40; i++)
    n += snprintf(doc + n, sizeof doc - (size_t)n,
                  "<w:p><w:pPr><w:pStyle w:val=\"H\"/></w:pPr></w:p>");
  snprintf(doc + n, sizeof doc - (size_t)n, "</w:body></w:document>");
  size_t len;
  char *raw = zip_parts(&len, "word/styles.xml", styles, "word/numbering.xml",
                        numbering, "word/document.xml", doc, NULL);
  reader_limits lim = {4000, 0, 0};
  extracted x;
  rl_diag d;
  diag_clear(&d);
  int rc = read_docx(raw, len, "m.docx", &lim, &x, &d);
  ck_refused(rc, &x, &d, "m.docx", "DOCX text too large: over 4000 bytes");
  ck_assert_int_eq(read_docx(raw, len, "m.docx", NULL, &x, &d), 0);
  ck_assert_uint_eq(x.len, 40 * 121);
  ck_assert(strncmp(x.text, "一二三四五六七八九十一", 33) == 0);
  extracted_release(&x);
  free(raw);
}
END_TEST

extern Suite *read_docx_suite(void);

Suite *read_docx_suite(void) {
  Suite *s = suite_create("read_docx");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, plain_report_from_pandoc);
  tcase_add_test(tc, chinese_heading_numbering);
  tcase_add_test(tc, tracked_changes_and_comment);
  tcase_add_test(tc, table_and_text_box);
  tcase_add_test(tc, table_of_contents);
  tcase_add_test(tc, hostile_fixtures);
  tcase_add_test(tc, zip_bomb);
  tcase_add_test(tc, entry_cap_and_non_zips);
  tcase_add_test(tc, run_content);
  tcase_add_test(tc, empty_paragraphs_count);
  tcase_add_test(tc, one_markup_compatibility_branch);
  tcase_add_test(tc, hidden_runs);
  tcase_add_test(tc, moves_and_property_changes);
  tcase_add_test(tc, deleted_row_and_mark);
  tcase_add_test(tc, nested_tables_and_boxes);
  tcase_add_test(tc, control_characters);
  tcase_add_test(tc, comment_references_without_part);
  tcase_add_test(tc, strict_namespace);
  tcase_add_test(tc, refused_documents);
  tcase_add_test(tc, text_cap_counts_markers);
  suite_add_tcase(s, tc);
  return s;
}
