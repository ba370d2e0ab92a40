/* fuzz_docx: libFuzzer target for the DOCX reader (read_docx).
 *
 * Consumes arbitrary bytes in one of two ways. Input starting with '<' is
 * up to four XML parts separated by lines "@@@" (word/document.xml,
 * styles.xml, numbering.xml, comments.xml), zipped here without
 * compression, so that mutations reach the XML walk, the numbering and the
 * tracked-change logic instead of dying on a zip CRC; anything else is
 * the .docx file itself (libzip, the OLE2 check, the caps). Either way
 * read_docx runs with a 4 MiB cap, and on success the output contract is
 * asserted: NUL-terminated, valid UTF-8, no NUL, CR or control character
 * but '\t' and '\n', every line ended, notes inside the text. Seeds are
 * tests/fixtures/docx/ (*.docx and the *.parts files make.sh writes). */
#include "reader.h"
#include "utf8.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const part_names[] = {"word/document.xml", "word/styles.xml",
                                         "word/numbering.xml",
                                         "word/comments.xml"};

/* Zips the "@@@"-separated parts of data (stored); NULL if libzip says
 * no. The caller frees the result. */
static char *zip_parts(const char *data, size_t size, size_t *len) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
  zip_error_fini(&err);
  if (!src)
    return NULL;
  zip_source_keep(src);
  zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
  const char *p = data, *end = data + size;
  for (int i = 0; za && i < 4 && p <= end; i++) {
    const char *sep = NULL;
    for (const char *q = p; q + 5 <= end; q++)
      if (memcmp(q, "\n@@@\n", 5) == 0) {
        sep = q;
        break;
      }
    const char *stop = sep ? sep : end;
    zip_source_t *s = zip_source_buffer(za, p, (zip_uint64_t)(stop - p), 0);
    zip_int64_t idx = s ? zip_file_add(za, part_names[i], s, 0) : -1;
    if (idx < 0)
      zip_source_free(s);
    else
      zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
    if (!sep)
      break;
    p = sep + 5;
  }
  char *buf = NULL;
  if (za && zip_close(za) == 0 && zip_source_open(src) == 0) {
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t n = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    buf = n > 0 ? malloc((size_t)n) : NULL;
    if (buf && zip_source_read(src, buf, (zip_uint64_t)n) == n)
      *len = (size_t)n;
    else {
      free(buf);
      buf = NULL;
    }
    zip_source_close(src);
  } else if (za) {
    zip_discard(za);
  }
  zip_source_free(src);
  return buf;
}

/* The promises of reader.h about extracted text. */
static void check_output(const extracted *x) {
  assert(x->text && x->text[x->len] == '\0');
  assert(utf8_invalid_at(x->text, x->len) == x->len);
  for (size_t i = 0; i < x->len; i++) {
    unsigned char c = (unsigned char)x->text[i];
    assert(c >= 0x20 || c == '\t' || c == '\n');
  }
  assert(x->len > 0 && x->text[x->len - 1] == '\n');
  assert(strcmp(x->encoding, "UTF-8 (DOCX)") == 0);
  for (int i = 0; i < x->nnotes; i++) {
    assert(x->notes[i].off < x->len);
    assert(x->notes[i].count > 0);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *raw = (const char *)data;
  size_t len = size;
  char *zipped = NULL;
  if (size && data[0] == '<') {
    zipped = zip_parts(raw, size, &len);
    if (!zipped)
      return 0;
    raw = zipped;
  }
  reader_limits lim = {4u << 20, 0, 0};
  extracted x;
  rl_diag diag;
  diag_clear(&diag);
  if (read_docx(raw, len, "fuzz.docx", &lim, &x, &diag) == 0) {
    check_output(&x);
    extracted_release(&x);
  } else {
    assert(diag.kind == DIAG_INPUT && diag.msg[0]);
    assert(x.text == NULL && x.notes == NULL);
  }
  free(zipped);
  return 0;
}
