/* fuzz_scan: libFuzzer target for the recognisers of segment and scan.
 *
 * Consumes arbitrary bytes, not decoded or normalised: the numeral, number
 * and heading-marker readers at every byte offset (they take a length and
 * must never read past it, whatever the bytes), then, when the bytes are
 * valid UTF-8, a doc built directly over them: segment_run (which splits
 * the paragraphs with doc_split_paragraphs) and scan_run, then doc_check().
 * Modelled on cmark's fuzz/cmark-fuzz.c. */
#include "doc.h"
#include "cnnum.h"
#include "marker.h"
#include "scan.h"
#include "segment.h"
#include "utf8.h"

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// Offsets tried at each end of a long input. Every offset of a short one
// is tried; on a long one the middle adds no coverage but costs: a reader
// may scan to the end of its buffer (64 KiB of 一 is quadratic), and 6 KiB
// of prose at every offset ran at 70 inputs/s.
#define READER_EDGE 512

// The readers get the fuzzer's own buffer, which is not NUL-terminated and
// ends at a poisoned byte, so any read past len is reported by ASan.
static void check_readers(const char *s, size_t size) {
  for (size_t i = 0; i < size; i++) {
    if (i == READER_EDGE && size > 2 * READER_EDGE)
      i = size - READER_EDGE;
    size_t rest = size - i;
    double value = 0;
    size_t n = cnnum_read(s + i, rest, &value);
    assert(n <= rest);
    doc_quantity q;
    memset(&q, 0, sizeof q);
    n = scan_number(s + i, rest, i, &q);
    assert(n <= rest);
    if (n) {
      assert(q.num.off >= i && q.num.off + q.num.len <= size);
      assert(q.lo <= q.hi);
    }
    marker m;
    n = marker_read(s + i, rest, 0, &m);
    assert(n <= rest);
    n = marker_read(s + i, rest, MARKER_WIDE_DIGITS, &m);
    assert(n <= rest);
  }
}

// segment and scan work on normalised text, which is NUL-terminated and
// one paragraph a line; raw valid UTF-8 is a harsher version of it.
static void check_doc(const char *s, size_t size) {
  char *text = xmalloc(size + 1);
  memcpy(text, s, size);
  text[size] = '\0';
  doc d;
  doc_init(&d, text, size);
  segment_run(&d);
  scan_run(&d);
  segment_signature(&d);
  assert(doc_check(&d) == 0);
  doc_release(&d);

  // Phase 2 alone over bare paragraphs, as the unit tests build a doc.
  doc_init(&d, text, size);
  doc_split_paragraphs(&d);
  scan_run(&d);
  assert(doc_check(&d) == 0);
  doc_release(&d);
  free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  check_readers(s, size);
  if (utf8_invalid_at(s, size) == size)
    check_doc(s, size);
  return 0;
}
