/* read_pdf: placeholder until the pdf reader lands. */
#include "reader.h"

int read_pdf(const char *raw, size_t len, const char *file,
            const reader_limits *lim, extracted *out, rl_diag *diag) {
  (void)raw;
  (void)len;
  (void)lim;
  extracted_init(out);
  return diag_set(diag, DIAG_INPUT, file, 0, 0, "pdf input is not supported yet");
}
