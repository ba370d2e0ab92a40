/* fuzz_pdf: libFuzzer target for the PDF reader and page furniture.
 *
 * Consumes arbitrary bytes twice. As a PDF file through read_pdf: it may
 * refuse them (then *out must be released), and what it accepts must be
 * NUL-terminated UTF-8 without control characters but tab and LF, end
 * with LF, and have a page table of increasing lines inside the text. As
 * page texts split at form feeds through pagefurn_strip: it must keep
 * every page's line count and never grow a page, whatever the bytes.
 * Poppler is not built with sanitizers: a crash inside it is poppler's. */
#include "pagefurn.h"
#include "reader.h"
#include "utf8.h"

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PAGES 64

static void check_extracted(const extracted *x) {
  assert(x->text && x->text[x->len] == '\0' && strlen(x->text) == x->len);
  assert(utf8_invalid_at(x->text, x->len) == x->len);
  size_t lines = 0;
  for (size_t i = 0; i < x->len; i++) {
    unsigned char c = (unsigned char)x->text[i];
    assert(c >= 0x20 || c == '\t' || c == '\n');
    assert(c != 0x7F);
    lines += c == '\n';
  }
  assert(x->len > 0 && x->text[x->len - 1] == '\n');
  assert(x->npages > 0 && x->page_start[0] == 1);
  for (int i = 1; i < x->npages; i++)
    assert(x->page_start[i] > x->page_start[i - 1]);
  assert((size_t)x->page_start[x->npages - 1] <= lines);
}

static void check_read_pdf(const uint8_t *data, size_t size) {
  extracted x;
  rl_diag diag;
  reader_limits lim = {1 << 20, READER_DEFAULT_MAX_ENTRIES, 0};
  diag_clear(&diag);
  if (read_pdf((const char *)data, size, "fuzz.pdf", &lim, &x, &diag) == 0) {
    check_extracted(&x);
  } else {
    assert(diag.kind == DIAG_INPUT && diag.msg[0]);
    assert(!x.text && !x.page_start && x.npages == 0);
  }
  extracted_release(&x);
}

static size_t count_lf(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += s[i] == '\n';
  return n;
}

static void check_pagefurn(const uint8_t *data, size_t size) {
  pagefurn_page pages[MAX_PAGES];
  size_t lfs[MAX_PAGES], lens[MAX_PAGES];
  int n = 0;
  const char *s = (const char *)data, *end = s + size;
  while (n < MAX_PAGES) {
    const char *ff = memchr(s, '\f', (size_t)(end - s));
    size_t len = ff ? (size_t)(ff - s) : (size_t)(end - s);
    pages[n].text = malloc(len + 1);
    memcpy(pages[n].text, s, len);
    pages[n].text[len] = '\0';
    pages[n].len = lens[n] = len;
    lfs[n++] = count_lf(s, len);
    if (!ff)
      break;
    s = ff + 1;
  }
  int cut = pagefurn_strip(pages, n);
  assert(cut >= 0);
  for (int i = 0; i < n; i++) {
    assert(pages[i].len <= lens[i]);
    assert(pages[i].text[pages[i].len] == '\0');
    assert(count_lf(pages[i].text, pages[i].len) == lfs[i]);
    free(pages[i].text);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  check_read_pdf(data, size);
  check_pagefurn(data, size);
  return 0;
}
