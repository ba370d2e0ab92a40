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
/* SARIF 2.1.0 for code scanning (out_sarif.c). */
int out_sarif(const out_result *res, strbuf *out);
/* JUnit XML: a testsuite per report, a testcase per rule (out_junit.c). */
int out_junit(const out_result *res, strbuf *out);
/* GitHub Actions workflow commands, ::error file=…:: (out_github.c). */
int out_github(const out_result *res, strbuf *out);
/* The Markdown table appended to $GITHUB_STEP_SUMMARY (out_github.c). */
int out_github_summary(const out_result *res, strbuf *out);
/* One JSON object per finding per line (out_jsonl.c). */
int out_jsonl(const out_result *res, strbuf *out);

/* The writer for --format NAME, or NULL. */
out_writer output_find(const char *name);
/* "text, json, model, sarif, junit, github, jsonl" for messages. */
const char *output_names(void);
/* The document model (headings, quantities, dates, enumerations). */
int out_model(const out_result *res, strbuf *out);

#endif
