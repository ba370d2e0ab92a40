/* out_github: not written yet. */
#include "output.h"

int out_github(const out_result *res, strbuf *out) {
  (void)res;
  (void)out;
  return -1;
}

int out_github_summary(const out_result *res, strbuf *out) {
  (void)res;
  (void)out;
  return -1;
}
