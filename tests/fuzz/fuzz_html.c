/* fuzz_html: libFuzzer target for the HTML reader.
 *
 * Consumes arbitrary bytes as an HTML page. read_html either refuses them
 * (then *out must be released: no text, no source, no map) or extracts a
 * text whose invariants are checked: NUL-terminated, valid UTF-8, ending
 * in a line end, map runs in increasing text order that cover every byte
 * of the text, and every text offset mapping inside the source. Then the
 * result is released. The fuzzer's buffer is not NUL-terminated and ends
 * at a poisoned byte, so any read past len is reported by ASan. With
 * FUZZ_HTML_ALIGN=1 in the environment every character extracted must
 * also map to itself (or to the "&" of its reference) in src: a
 * differential test of the reader's lexer against libxml2's parser. */
#include "reader.h"
#include "utf8.h"

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_map(const extracted *x) {
  size_t next = 0;
  for (size_t i = 0; i < x->map.n; i++) {
    const posmap_run *r = &x->map.runs[i];
    assert(r->norm == next);
    assert(r->src + r->src_len <= x->src_len);
    next = r->norm + r->norm_len;
  }
  assert(next == x->len);
  for (size_t i = 0; i <= x->len; i++)
    assert(posmap_to_src(&x->map, i) <= x->src_len);
}

// Line ends, tabs and spaces may stand for markup or whitespace.
static void check_aligned(const extracted *x) {
  for (size_t i = 0; i < x->len;) {
    size_t k = utf8_step(x->text + i, x->len - i);
    size_t s = posmap_to_src(&x->map, i);
    if (!strchr("\n\t ", x->text[i]))
      assert(s < x->src_len &&
             (x->src[s] == '&' || (s + k <= x->src_len &&
                                   memcmp(x->src + s, x->text + i, k) == 0)));
    i += k;
  }
}

static void check_extracted(const extracted *x) {
  assert(x->text && x->src && x->has_src);
  assert(x->text[x->len] == '\0' && x->src[x->src_len] == '\0');
  assert(x->len > 0 && x->text[x->len - 1] == '\n');
  assert(utf8_invalid_at(x->text, x->len) == x->len);
  assert(memchr(x->text, '\0', x->len) == NULL);
  assert(x->encoding != NULL);
  check_map(x);
  const char *align = getenv("FUZZ_HTML_ALIGN");
  if (align && *align == '1')
    check_aligned(x);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  extracted x;
  rl_diag diag;
  diag_clear(&diag);
  reader_limits lim = {(size_t)1 << 20, READER_DEFAULT_MAX_ENTRIES, 0};
  if (read_html((const char *)data, size, "fuzz.html", &lim, &x, &diag) == 0) {
    check_extracted(&x);
  } else {
    assert(diag.kind == DIAG_INPUT && diag.msg[0] != '\0');
    assert(!x.text && !x.src && !x.map.runs && !x.has_src);
  }
  extracted_release(&x);
  return 0;
}
