/* out_sarif: not written yet. */
#include "output.h"

int out_sarif(const out_result *res, strbuf *out) {
  (void)res;
  (void)out;
  return -1;
}
