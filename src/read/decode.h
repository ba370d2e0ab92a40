/* decode: raw bytes → UTF-8 text with LF line ends.
 *
 * Accepts UTF-8 with or without BOM and GB18030 (a superset of GBK and
 * GB2312, converted with iconv when the bytes are not valid UTF-8).
 * CRLF and lone CR become LF, so line numbers in the decoded text are the
 * original file's line numbers and columns (code points) are unchanged.
 * Refuses binary input (a NUL byte) and bytes valid in neither encoding,
 * naming the line and column of the first offending byte. */
#ifndef RL_DECODE_H
#define RL_DECODE_H

#include "diag.h"

#include <stddef.h>

typedef struct decoded {
  char *text;           /* UTF-8, NUL-terminated, owned */
  size_t len;
  const char *encoding; /* static: "UTF-8", "UTF-8 with BOM", "GB18030" */
} decoded;

/* file is used only in diagnostics. On failure returns -1 and fills diag
 * (kind DIAG_INPUT) e.g. "binary file (NUL byte)", "not valid UTF-8 or
 * GB18030", "empty file" (only a BOM / nothing), "empty file (only blank
 * lines)" (nothing but ASCII whitespace). */
int decode_text(const char *raw, size_t len, const char *file, decoded *out,
                rl_diag *diag);
void decoded_release(decoded *d);

#define DECODE_DEFAULT_MAX_LINE ((size_t)1024 * 1024)

/* Refuses text with a line longer than max_line bytes (a cap on the work
 * a single paragraph can cause). Returns 0, or -1 with a DIAG_INPUT
 * diagnostic naming the line. */
int decode_check_lines(const decoded *d, size_t max_line, const char *file,
                       rl_diag *diag);

#endif
