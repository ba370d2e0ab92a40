/* fuzz_grid: libFuzzer target for pdf_grid, the tables rebuilt from glyph
 * boxes.
 *
 * Consumes arbitrary bytes as two pages of glyphs, the second continuing
 * the first (its analysis is the second's prev): the first byte says
 * where the first page ends, then 6 bytes a glyph: what it is (a newline,
 * a digit, a space, or one of the characters tables are made of, numbering
 * marks included), its left and top edges (0.25-point steps) and its size,
 * where a size of 255 makes a NaN, 254 a huge coordinate and 253 a box with
 * its corners swapped. Each page's text must be NUL-terminated UTF-8 of the
 * length said, and hold no character but the input's (and U+FFFD). */
#include "pdf_grid.h"
#include "utf8.h"

#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint32_t alphabet[] = {
    0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x3001, 0xFF08, 0xFF09, 0x603B,
    0x8BA1, 0x81EA, 0x7136, 0x4EBA, 0x7ED3, 0x679C, 0x516C, 0x5F00,
    '.',    '-',    0x2014, 'A',    0x3000, '/',    ',',    0xFF0D};
enum { NALPHA = sizeof alphabet / sizeof *alphabet, REC = 6 };

static uint32_t code_point(uint8_t b) {
  if (b < 16)
    return '\n';
  if (b < 96)
    return '0' + (uint32_t)(b % 10);
  if (b < 112)
    return ' ';
  return alphabet[b % NALPHA];
}

static pdf_glyph glyph(const uint8_t *r) {
  uint32_t cp = code_point(r[0]);
  double x = (double)(r[1] | r[2] << 8) / 4 / 16, y = (double)(r[3] | r[4] << 8) / 4 / 16;
  double s = 2 + r[5] / 16.0;
  double w = utf8_is_wide(cp) ? s : s / 2;
  pdf_glyph g = {cp, x, y, x + w, y + s};
  if (r[5] == 255)
    g.x2 = NAN;
  else if (r[5] == 254)
    g.y1 = 1e300;
  else if (r[5] == 253)
    g = (pdf_glyph){cp, x + w, y, x, y + s};
  return g;
}

static int seen(const pdf_glyph *g, size_t n, uint32_t cp) {
  for (size_t i = 0; i < n; i++)
    if (g[i].cp == cp)
      return 1;
  return cp == 0xFFFD;
}

static void check_text(const pdf_glyph *g, size_t n, const char *t,
                       size_t len) {
  assert(t && t[len] == '\0' && strlen(t) == len);
  assert(utf8_invalid_at(t, len) == len);
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    int step = utf8_decode(t + i, len - i, &cp);
    assert(step > 0);
    assert(cp == '\n' || cp == '\t' || seen(g, n, cp));
    i += (size_t)step;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  size_t n = (size - 1) / REC;
  pdf_glyph *g = malloc((n + 1) * sizeof *g);
  for (size_t i = 0; i < n; i++)
    g[i] = glyph(data + 1 + i * REC);
  size_t split = n * data[0] / 255;
  pdf_grid *p1 = pdf_grid_new(g, split, 595, 842, NULL);
  pdf_grid *p2 = pdf_grid_new(g + split, n - split, 595, 842, p1);
  size_t len;
  char *t = pdf_grid_text(p2, &len, NULL);
  check_text(g, n, t, len); /* header rows ending page 1 may be taken */
  free(t);
  t = pdf_grid_text(p1, &len, NULL);
  check_text(g, n, t, len); /* a cut label's rest may come from page 2 */
  free(t);
  pdf_grid_free(p1);
  pdf_grid_free(p2);
  free(g);
  return 0;
}
