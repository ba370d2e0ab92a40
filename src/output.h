/* output: the findings of a run, rendered in one format each.
 *
 * One writer per file (out_text.c, out_json.c, …) behind one signature;
 * each appends the whole rendering to a strbuf, which main.c writes out at
 * once (so an output file is written whole or not at all). */
#ifndef RL_OUTPUT_H
#define RL_OUTPUT_H

#include "reportlint.h"
#include "strbuf.h"

typedef struct out_result {
  rl_report *const *reports;
  size_t nreports;
  const rl_diag *errors; /* inputs that could not be read */
  size_t nerrors;
  const rl_diag *rule_errors; /* rules that failed at run time */
  size_t nrule_errors;
  const rl_ctx *ctx;
  int color;             /* text: ANSI colours */
  int show_source;       /* text: source line and caret under a finding */
} out_result;

typedef int (*out_writer)(const out_result *res, strbuf *out);

struct cJSON;
/* Prints root (formatted) and a newline into out and deletes root; shared
 * by the JSON writers. Returns 0, or -1 when out's cap is reached. */
int out_put_json(struct cJSON *root, strbuf *out);

int out_text(const out_result *res, strbuf *out);
int out_json(const out_result *res, strbuf *out);
/* The document model (headings, quantities, dates, enumerations). */
int out_model(const out_result *res, strbuf *out);

#endif
