/* out_jsonl: not written yet. */
#include "output.h"

int out_jsonl(const out_result *res, strbuf *out) {
  (void)res;
  (void)out;
  return -1;
}
