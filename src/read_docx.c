/* read_docx: placeholder until the docx reader lands. */
#include "reader.h"

int read_docx(const char *raw, size_t len, const char *file,
            const reader_limits *lim, extracted *out, rl_diag *diag) {
  (void)raw;
  (void)len;
  (void)lim;
  extracted_init(out);
  return diag_set(diag, DIAG_INPUT, file, 0, 0, "docx input is not supported yet");
}
