/* Unit tests for read_pdf. The fixtures in tests/fixtures/pdf/ come from
 * real writers (make.sh there: LibreOffice from a flat ODT with a running
 * header and a "— N —" page-number footer, qpdf, head -c); the expected
 * texts are asserted byte for byte, with the page table, and checked
 * against the seed they were made from. Small PDFs built here cover what
 * a writer will not make: more than 2000 pages, empty pages, glyphs that
 * map to control characters, no pages. Every diagnostic is exact, and a
 * failed read leaves *out released. */
#include "reader.h"

#include "fixture.h"
#include "utf8.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURES "tests/fixtures/pdf/"

/* The invariants of every successful read: NUL-terminated UTF-8 without
 * control characters but tab and LF, ending with LF, and a page table
 * whose entries are increasing line numbers within the text. */
static void check_clean(const extracted *x) {
  ck_assert_ptr_nonnull(x->text);
  ck_assert_uint_eq(strlen(x->text), x->len);
  ck_assert_uint_eq(utf8_invalid_at(x->text, x->len), x->len);
  for (size_t i = 0; i < x->len; i++) {
    unsigned char c = (unsigned char)x->text[i];
    ck_assert_msg(c >= 0x20 || c == '\t' || c == '\n', "control 0x%02x", c);
    ck_assert_msg(c != 0x7F, "DEL at %zu", i);
  }
  ck_assert(x->len > 0 && x->text[x->len - 1] == '\n');
  ck_assert_str_eq(x->encoding, "UTF-8 (PDF)");
  ck_assert_int_gt(x->npages, 0);
  ck_assert_int_eq(x->page_start[0], 1);
  size_t lines = 0;
  for (size_t i = 0; i < x->len; i++)
    lines += x->text[i] == '\n';
  for (int i = 1; i < x->npages; i++)
    ck_assert_int_gt(x->page_start[i], x->page_start[i - 1]);
  ck_assert_int_le(x->page_start[x->npages - 1], (int)lines);
}

static void check_released(const extracted *x) {
  ck_assert_ptr_null(x->text);
  ck_assert_uint_eq(x->len, 0);
  ck_assert_ptr_null(x->page_start);
  ck_assert_int_eq(x->npages, 0);
}

static int read_bytes(const char *raw, size_t len, const char *file,
                      size_t max_bytes, extracted *x, rl_diag *d) {
  reader_limits lim = {max_bytes, READER_DEFAULT_MAX_ENTRIES, 0};
  diag_clear(d);
  return read_pdf(raw, len, file, &lim, x, d);
}

static int read_fixture(const char *name, size_t max_bytes, extracted *x,
                        rl_diag *d) {
  char path[256];
  size_t len;
  snprintf(path, sizeof path, FIXTURES "%s", name);
  char *raw = fixture_slurp(path, &len);
  int rc = read_bytes(raw, len, name, max_bytes, x, d);
  free(raw);
  return rc;
}

static void check_refused(const extracted *x, const rl_diag *d,
                          const char *file, const char *msg) {
  ck_assert_int_eq(d->kind, DIAG_INPUT);
  ck_assert_str_eq(d->file, file);
  ck_assert_int_eq(d->line, 0);
  ck_assert_int_eq(d->col, 0);
  ck_assert_str_eq(d->msg, msg);
  check_released(x);
}

/* Line n (1-based) of text, without its LF, into buf. */
static const char *line_at(const char *text, int n, char *buf, size_t cap) {
  const char *p = text;
  for (int i = 1; i < n && p; i++) {
    p = strchr(p, '\n');
    p = p ? p + 1 : NULL;
  }
  ck_assert_ptr_nonnull(p);
  size_t len = strcspn(p, "\n");
  ck_assert_uint_lt(len, cap);
  memcpy(buf, p, len);
  buf[len] = '\0';
  return buf;
}

/* s without blanks and without every copy of drop (if not NULL). */
static char *squeeze(const char *s, const char *drop) {
  char *out = malloc(strlen(s) + 1), *w = out;
  size_t dl = drop ? strlen(drop) : 0;
  while (*s) {
    if (dl && strncmp(s, drop, dl) == 0)
      s += dl;
    else if (strchr(" \t\n", *s))
      s++;
    else
      *w++ = *s++;
  }
  *w = '\0';
  return out;
}

#define HEADER "香山街道法治政府建设年度报告（2024）"
#define SEED "seeds/004_40ce34e03101b79a.txt"

/* Independent of the expected files: the extracted text is the seed's,
 * blanks aside, once the header (if kept) is taken out; so no page number
 * and nothing else was left in or lost. */
static void check_against_seed(const extracted *x, const char *header) {
  size_t len;
  char *seed = fixture_slurp(SEED, &len);
  char *want = squeeze(seed, NULL), *got = squeeze(x->text, header);
  ck_assert_str_eq(got, want);
  free(want);
  free(got);
  free(seed);
}

START_TEST(two_page_report) {
  extracted x;
  rl_diag d;
  char buf[512];
  ck_assert_int_eq(read_fixture("report2.pdf", 0, &x, &d), 0);
  check_clean(&x);
  ck_assert_int_eq(x.npages, 2);
  ck_assert_int_eq(x.page_start[0], 1);
  ck_assert_int_eq(x.page_start[1], 42);
  size_t len;
  char *want = fixture_slurp(FIXTURES "report2.txt", &len);
  ck_assert_uint_eq(x.len, len);
  ck_assert_str_eq(x.text, want);
  free(want);
  // The running header on both pages of two and the footers "—1—" and
  // "—2—" are blank lines.
  ck_assert_str_eq(line_at(x.text, 1, buf, sizeof buf), "");
  ck_assert_str_eq(line_at(x.text, 2, buf, sizeof buf),
                   "香山街道 2024 年度法治政府建设工作报告");
  ck_assert_str_eq(line_at(x.text, 40, buf, sizeof buf),
                   "道本级受理并化解案件 38 件，各（村社）受理并化解案件 "
                   "636 件。");
  ck_assert_str_eq(line_at(x.text, 41, buf, sizeof buf), "");
  ck_assert_str_eq(line_at(x.text, 42, buf, sizeof buf), "");
  ck_assert_str_eq(line_at(x.text, 43, buf, sizeof buf),
                   "三、存在的不足和原因");
  ck_assert_str_eq(line_at(x.text, 68, buf, sizeof buf), "2025 年 1 月 7 日");
  ck_assert_str_eq(line_at(x.text, 69, buf, sizeof buf), "");
  ck_assert_ptr_null(strstr(x.text, "—1—"));
  check_against_seed(&x, HEADER);
  extracted_release(&x);
  check_released(&x);
}
END_TEST

START_TEST(four_page_report) {
  extracted x;
  rl_diag d;
  char buf[512];
  ck_assert_int_eq(read_fixture("report4.pdf", 0, &x, &d), 0);
  check_clean(&x);
  ck_assert_int_eq(x.npages, 4);
  const int starts[] = {1, 22, 44, 53};
  for (int i = 0; i < 4; i++)
    ck_assert_int_eq(x.page_start[i], starts[i]);
  size_t len;
  char *want = fixture_slurp(FIXTURES "report4.txt", &len);
  ck_assert_str_eq(x.text, want);
  free(want);
  // On four pages the header is furniture: blank, like the page numbers.
  for (int i = 0; i < 4; i++) {
    ck_assert_str_eq(line_at(x.text, starts[i], buf, sizeof buf), "");
    int last = i < 3 ? starts[i + 1] - 1 : 73;
    ck_assert_str_eq(line_at(x.text, last, buf, sizeof buf), "");
  }
  ck_assert_str_eq(line_at(x.text, 2, buf, sizeof buf),
                   "香山街道 2024 年度法治政府建设工作报告");
  ck_assert_str_eq(line_at(x.text, 23, buf, sizeof buf),
                   "二、本年度推进法治政府建设的主要举措和成效");
  ck_assert_str_eq(line_at(x.text, 45, buf, sizeof buf),
                   "三、存在的不足和原因");
  ck_assert_str_eq(line_at(x.text, 54, buf, sizeof buf),
                   "四、下一年度推进法治政府建设的主要安排");
  ck_assert_ptr_null(strstr(x.text, HEADER));
  check_against_seed(&x, NULL);
  extracted_release(&x);
}
END_TEST

START_TEST(scanned_page) {
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_fixture("scanned.pdf", 0, &x, &d), -1);
  check_refused(&x, &d, "scanned.pdf",
                "PDF has no text layer (scanned pages?): run OCR first, "
                "e.g. ocrmypdf");
}
END_TEST

START_TEST(encrypted) {
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_fixture("encrypted.pdf", 0, &x, &d), -1);
  check_refused(&x, &d, "encrypted.pdf",
                "encrypted PDF: it needs a password; save an unprotected "
                "copy");
}
END_TEST

START_TEST(truncated) {
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_fixture("truncated.pdf", 0, &x, &d), -1);
  check_refused(&x, &d, "truncated.pdf",
                "corrupt PDF: PDF document is damaged");
}
END_TEST

START_TEST(not_a_pdf) {
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_bytes("法治政府", 12, "a.pdf", 0, &x, &d), -1);
  check_refused(&x, &d, "a.pdf", "corrupt PDF: PDF document is damaged");
  ck_assert_int_eq(read_bytes("", 0, "b.pdf", 0, &x, &d), -1);
  check_refused(&x, &d, "b.pdf", "corrupt PDF: PDF document is damaged");
}
END_TEST

START_TEST(text_cap) {
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_fixture("report2.pdf", 1000, &x, &d), -1);
  check_refused(&x, &d, "report2.pdf",
                "PDF text exceeds the limit of 1000 bytes");
}
END_TEST

/* --- PDFs built here ---------------------------------------------------
 * One Helvetica font (WinAnsi, optionally with a ToUnicode map), one page
 * per string of pages[] (NULL: the same text on every page), its lines
 * drawn top to bottom. A correct cross-reference table, so poppler has
 * nothing to repair. The caller frees the result. */

typedef struct pdfbuf {
  char *p;
  size_t len, cap;
  size_t *offs;
  int nobj;
} pdfbuf;

static void pdf_put(pdfbuf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    b->cap = (b->len + n + 1) * 2;
    b->p = realloc(b->p, b->cap);
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

static void pdf_printf(pdfbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void pdf_printf(pdfbuf *b, const char *fmt, ...) {
  char tmp[4096];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  ck_assert(n >= 0 && (size_t)n < sizeof tmp);
  pdf_put(b, tmp, (size_t)n);
}

static void pdf_obj(pdfbuf *b, int num) {
  b->offs[num] = b->len;
  pdf_printf(b, "%d 0 obj\n", num);
}

// A content stream drawing each line of text as a PDF string.
static void pdf_page_stream(pdfbuf *b, int num, const char *text) {
  pdfbuf s = {0};
  pdf_printf(&s, "BT /F1 10 Tf 20 780 Td 14 TL\n");
  for (const char *p = text; *p;) {
    size_t n = strcspn(p, "\n");
    pdf_put(&s, "(", 1);
    for (size_t i = 0; i < n; i++) {
      if (strchr("()\\", p[i]))
        pdf_put(&s, "\\", 1);
      pdf_put(&s, p + i, 1);
    }
    pdf_put(&s, ") Tj T*\n", 8);
    p += n + (p[n] == '\n');
  }
  pdf_put(&s, "ET\n", 3);
  pdf_obj(b, num);
  pdf_printf(b, "<< /Length %zu >>\nstream\n", s.len);
  pdf_put(b, s.p, s.len);
  pdf_printf(b, "endstream\nendobj\n");
  free(s.p);
}

static char *build_pdf(int npages, const char *const *pages, const char *same,
                       const char *tounicode, size_t *len) {
  pdfbuf b = {0};
  int nobj = 5 + 2 * npages;
  b.offs = calloc((size_t)nobj, sizeof *b.offs);
  pdf_printf(&b, "%%PDF-1.4\n");
  pdf_obj(&b, 1);
  pdf_printf(&b, "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  pdf_obj(&b, 2);
  pdf_printf(&b, "<< /Type /Pages /Count %d /Kids [", npages);
  for (int i = 0; i < npages; i++)
    pdf_printf(&b, " %d 0 R", 5 + 2 * i);
  pdf_printf(&b, " ] >>\nendobj\n");
  pdf_obj(&b, 3);
  pdf_printf(&b,
             "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
             "/Encoding /WinAnsiEncoding%s >>\nendobj\n",
             tounicode ? " /ToUnicode 4 0 R" : "");
  pdf_obj(&b, 4);
  const char *cmap = tounicode ? tounicode : "";
  pdf_printf(&b, "<< /Length %zu >>\nstream\n%sendstream\nendobj\n",
             strlen(cmap), cmap);
  for (int i = 0; i < npages; i++) {
    pdf_obj(&b, 5 + 2 * i);
    pdf_printf(&b,
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
               "/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>\n"
               "endobj\n",
               6 + 2 * i);
    pdf_page_stream(&b, 6 + 2 * i, pages ? pages[i] : same);
  }
  size_t xref = b.len;
  pdf_printf(&b, "xref\n0 %d\n0000000000 65535 f \n", nobj);
  for (int i = 1; i < nobj; i++)
    pdf_printf(&b, "%010zu 00000 n \n", b.offs[i]);
  pdf_printf(&b,
             "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
             nobj, xref);
  free(b.offs);
  *len = b.len;
  return b.p;
}

START_TEST(built_pages_and_furniture) {
  const char *pages[] = {
      "Annual report\nFirst page body\n- 1 -",
      "Annual report\n- 2 -", // nothing but furniture: two blank lines
      "",                     // no text at all: one empty line
      "Annual report\nLast page (end)\n- 4 -",
  };
  size_t len;
  char *raw = build_pdf(4, pages, NULL, NULL, &len);
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_bytes(raw, len, "built.pdf", 0, &x, &d), 0);
  check_clean(&x);
  ck_assert_str_eq(x.text, "\nFirst page body\n\n"
                           "\n\n"
                           "\n"
                           "\nLast page (end)\n\n");
  ck_assert_int_eq(x.npages, 4);
  const int starts[] = {1, 4, 6, 7};
  for (int i = 0; i < 4; i++)
    ck_assert_int_eq(x.page_start[i], starts[i]);
  extracted_release(&x);
  free(raw);
}
END_TEST

START_TEST(page_limit) {
  size_t len;
  char *raw = build_pdf(2001, NULL, "x", NULL, &len);
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_bytes(raw, len, "long.pdf", 0, &x, &d), -1);
  check_refused(&x, &d, "long.pdf", "PDF has 2001 pages (limit 2000)");
  free(raw);
}
END_TEST

START_TEST(no_pages) {
  size_t len;
  char *raw = build_pdf(0, NULL, "", NULL, &len);
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_bytes(raw, len, "empty.pdf", 0, &x, &d), -1);
  ck_assert_int_eq(d.kind, DIAG_INPUT);
  ck_assert_str_eq(d.msg, "PDF has no pages");
  check_released(&x);
  free(raw);
}
END_TEST

/* The cap counts the text as poppler gives it, before furniture goes. */
START_TEST(text_cap_boundary) {
  size_t len;
  char *raw = build_pdf(1, NULL, "abcdef", NULL, &len);
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_bytes(raw, len, "cap.pdf", 7, &x, &d), 0);
  ck_assert_str_eq(x.text, "abcdef\n");
  extracted_release(&x);
  ck_assert_int_eq(read_bytes(raw, len, "cap.pdf", 6, &x, &d), -1);
  check_refused(&x, &d, "cap.pdf", "PDF text exceeds the limit of 6 bytes");
  free(raw);
}
END_TEST

/* A ToUnicode map sends A..I to NUL, CR, form feed, ESC, DEL, U+0085,
 * 法, U+0090 and a lone surrogate. Poppler itself turns NUL, CR, FF and
 * U+0085 into word breaks and the surrogate into U+FFFD; ESC, DEL and
 * U+0090 come through and must be dropped here. */
static const char control_cmap[] =
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
    "/CMapName /Controls def /CMapType 2 def\n"
    "1 begincodespacerange <00> <FF> endcodespacerange\n"
    "9 beginbfchar\n"
    "<41> <0000>\n<42> <000D>\n<43> <000C>\n<44> <001B>\n<45> <007F>\n"
    "<46> <0085>\n<47> <6CD5>\n<48> <0090>\n<49> <D800>\n"
    "endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end "
    "end\n";

START_TEST(control_characters_dropped) {
  size_t len;
  char *raw = build_pdf(1, NULL, "xAyBzCwDvEuFtGsHrIq end", control_cmap, &len);
  extracted x;
  rl_diag d;
  ck_assert_int_eq(read_bytes(raw, len, "ctl.pdf", 0, &x, &d), 0);
  check_clean(&x);
  ck_assert_str_eq(x.text, "x y z wvu t法sr\xEF\xBF\xBDq end\n");
  extracted_release(&x);
  free(raw);
}
END_TEST

extern Suite *read_pdf_suite(void);

Suite *read_pdf_suite(void) {
  Suite *s = suite_create("read_pdf");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, two_page_report);
  tcase_add_test(tc, four_page_report);
  tcase_add_test(tc, scanned_page);
  tcase_add_test(tc, encrypted);
  tcase_add_test(tc, truncated);
  tcase_add_test(tc, not_a_pdf);
  tcase_add_test(tc, text_cap);
  tcase_add_test(tc, built_pages_and_furniture);
  tcase_add_test(tc, page_limit);
  tcase_add_test(tc, no_pages);
  tcase_add_test(tc, text_cap_boundary);
  tcase_add_test(tc, control_characters_dropped);
  suite_add_tcase(s, tc);
  return s;
}
