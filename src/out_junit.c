/* out_junit: not written yet. */
#include "output.h"

int out_junit(const out_result *res, strbuf *out) {
  (void)res;
  (void)out;
  return -1;
}
