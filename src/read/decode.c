/* decode: raw bytes → UTF-8 text with LF line ends.
 *
 * Consumes what input read; produces owned UTF-8 text and the name of the
 * encoding it was in. A BOM is dropped; a NUL byte means a binary file
 * (an OLE2 signature a Word 97-2003 or WPS file, to be saved as .docx);
 * bytes that are not UTF-8 are converted from GB18030 with iconv unless
 * the text before the first bad byte is plainly UTF-8 (a BOM, or several
 * multi-byte characters), where a GB18030 reading would be mojibake.
 * Errors name the line and column (code points) of the offending byte.
 * Whitespace-only text is accepted: judging content is not this stage's. */
#include "decode.h"

#include "alloc.h"
#include "utf8.h"

#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Multi-byte UTF-8 characters before the first invalid byte from which we
 * take the file for broken UTF-8 rather than GB18030. GB18030 Chinese text
 * stops being valid UTF-8 within a character or two. */
enum { DECODE_UTF8_EVIDENCE = 8 };

/* 1-based line and code-point column of byte off in raw text whose lines
 * end in LF, CRLF or CR (the way they will once decoded). */
static void raw_position(const char *s, size_t len, size_t off, int *line,
                         int *col) {
  size_t start = 0;
  int l = 1;
  for (size_t i = 0; i < off; i++) {
    if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
      i++;
    if (s[i] == '\r' || s[i] == '\n') {
      l++;
      start = i + 1;
    }
  }
  int c = 1;
  for (size_t i = start; i < off; c++)
    i += utf8_step(s + i, off - i);
  *line = l;
  *col = c;
}

/* Copies s turning CRLF and lone CR into LF; returns the new length. */
static char *copy_lf(const char *s, size_t len, size_t *out_len) {
  char *d = xmalloc(len + 1);
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '\r') {
      d[n++] = '\n';
      if (i + 1 < len && s[i + 1] == '\n')
        i++;
    } else {
      d[n++] = s[i];
    }
  }
  d[n] = '\0';
  *out_len = n;
  return d;
}

static int plainly_utf8(const char *s, size_t valid_len) {
  int multi = 0;
  for (size_t i = 0; i < valid_len && multi < DECODE_UTF8_EVIDENCE;) {
    size_t step = utf8_step(s + i, valid_len - i);
    multi += step > 1;
    i += step;
  }
  return multi >= DECODE_UTF8_EVIDENCE;
}

/* GB18030 read into UTF-8, or where that reading fails. */
typedef struct gb_text {
  char *text; /* newly allocated (the caller frees it), or NULL */
  size_t len;
  size_t bad;    /* on failure: offset of the byte GB18030 stops at */
  int line, col; /* on failure: its line and column, in GB18030 text */
} gb_text;

/* Sets where the conversion stopped: its line and column are those of the
 * end of what was converted (the UTF-8 in buf[0..n]). */
static void gb_failed(gb_text *g, char *buf, size_t n, size_t bad) {
  raw_position(buf, n, n, &g->line, &g->col);
  g->bad = bad;
  free(buf);
}

/* Converts GB18030 bytes to UTF-8. Returns 0 with g->text, or -1 with
 * where it fails in g (g->bad is len when it cannot be told). */
static int from_gb18030(const char *s, size_t len, gb_text *g) {
  memset(g, 0, sizeof *g);
  g->bad = len;
  // One GB18030 byte never yields more than 1.5 UTF-8 bytes.
  if (len > (SIZE_MAX - 16) / 2)
    return -1;
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == (iconv_t)-1)
    return -1;
  size_t cap = len * 2 + 16, inleft = len, outleft = cap;
  char *buf = xmalloc(cap + 1);
  char *in = (char *)s, *out = buf;
  size_t rc = iconv(cd, &in, &inleft, &out, &outleft);
  if (rc != (size_t)-1)
    rc = iconv(cd, NULL, NULL, &out, &outleft);
  iconv_close(cd);
  size_t n = cap - outleft;
  if (rc == (size_t)-1 || inleft != 0) {
    gb_failed(g, buf, n, (size_t)(in - s));
    return -1;
  }
  if (utf8_invalid_at(buf, n) != n || memchr(buf, '\0', n)) {
    free(buf);
    return -1;
  }
  buf[n] = '\0';
  g->text = buf;
  g->len = n;
  return 0;
}

static int invalid_diag(const char *s, size_t len, size_t bad,
                        const char *file, rl_diag *diag) {
  int line, col;
  raw_position(s, len, bad, &line, &col);
  return diag_set(diag, DIAG_INPUT, file, line, col,
                  "not valid UTF-8 (invalid byte 0x%02X at line %d, "
                  "column %d)",
                  (unsigned)(unsigned char)s[bad], line, col);
}

/* Text that is neither: told at the place GB18030 fails, since the file
 * did not look like UTF-8 (the UTF-8 failure is near its start). */
static int invalid_both_diag(const char *s, size_t len, const gb_text *g,
                             const char *file, rl_diag *diag) {
  if (g->bad >= len || g->line == 0)
    return invalid_diag(s, len, utf8_invalid_at(s, len), file, diag);
  return diag_set(diag, DIAG_INPUT, file, g->line, g->col,
                  "not valid GB18030 (invalid byte 0x%02X at line %d, "
                  "column %d) nor UTF-8",
                  (unsigned)(unsigned char)s[g->bad], g->line, g->col);
}

static int is_blank(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (!strchr(" \t\r\n\f\v", s[i]) || s[i] == '\0')
      return 0;
  return 1;
}

int decode_text(const char *raw, size_t len, const char *file, decoded *out,
                rl_diag *diag) {
  out->text = NULL;
  out->len = 0;
  out->encoding = NULL;
  int bom = len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0;
  if (bom) {
    raw += 3;
    len -= 3;
  }
  if (len == 0)
    return diag_set(diag, DIAG_INPUT, file, 0, 0, "empty file");
  /* Blank lines only: nothing to check, the same verdict as no bytes. */
  if (is_blank(raw, len))
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "empty file (only blank lines)");
  /* Word 97-2003 and WPS files are OLE2 compound files; their text is
   * not ours to dig out, but the drafter can save them as .docx. */
  if (len >= 8 && memcmp(raw, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "Word 97-2003 或 WPS 格式，请另存为 .docx 后再检查");
  const char *nul = memchr(raw, '\0', len);
  if (nul) {
    int line, col;
    raw_position(raw, len, (size_t)(nul - raw), &line, &col);
    return diag_set(diag, DIAG_INPUT, file, line, col,
                    "binary file (NUL byte at line %d, column %d)", line, col);
  }
  size_t bad = utf8_invalid_at(raw, len);
  if (bad == len) {
    out->text = copy_lf(raw, len, &out->len);
    out->encoding = bom ? "UTF-8 with BOM" : "UTF-8";
    return 0;
  }
  if (bom || plainly_utf8(raw, bad))
    return invalid_diag(raw, len, bad, file, diag);
  gb_text g;
  if (from_gb18030(raw, len, &g) < 0)
    return invalid_both_diag(raw, len, &g, file, diag);
  out->text = copy_lf(g.text, g.len, &out->len);
  out->encoding = "GB18030";
  free(g.text);
  return 0;
}

void decoded_release(decoded *d) {
  free(d->text);
  d->text = NULL;
  d->len = 0;
}

int decode_check_lines(const decoded *d, size_t max_line, const char *file,
                       rl_diag *diag) {
  size_t start = 0;
  int line = 1;
  for (size_t i = 0; i <= d->len; i++) {
    if (i < d->len && d->text[i] != '\n')
      continue;
    if (i - start > max_line)
      return diag_set(diag, DIAG_INPUT, file, line, 0,
                      "line %d is too long (%zu bytes, limit %zu)", line,
                      i - start, max_line);
    start = i + 1;
    line++;
  }
  return 0;
}
