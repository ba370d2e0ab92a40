/* output: the findings of a run, rendered in one format each.
 *
 * One writer per file (out_text.c, out_json.c, …) behind one signature;
 * each appends the whole rendering to a strbuf. Formats whose output is
 * one piece per report and a closing piece (text, jsonl, github) also
 * have an out_stream pair, so that main.c writes each report's piece as
 * soon as it is checked and frees the report: memory stays flat however
 * many reports a run has. Both ways give the same bytes. */
#ifndef RL_OUTPUT_H
#define RL_OUTPUT_H

#include "reportlint.h"
#include "strbuf.h"

/* What the closing piece of a streamed format needs of the reports. */
typedef struct out_totals {
  size_t nreports;
  size_t counts[3];   /* unsuppressed findings by severity */
  size_t suppressed;  /* waived findings */
  unsigned char *sets; /* sets[s] != 0: a report was checked with set s */
  int nsets;
} out_totals;

/* Zero totals for the rule sets of ctx; release with out_totals_release. */
void out_totals_init(out_totals *t, const rl_ctx *ctx);
/* Adds one checked report. */
void out_totals_add(out_totals *t, const rl_report *r);
void out_totals_release(out_totals *t);

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
  const out_totals *totals; /* streamed: the reports' totals (see below) */
  const char *rules_url; /* html: a finding's rule links to rules_url
                            SET/ID (serve: "/rules/"); NULL: no link */
  size_t nskipped;       /* files a directory walk passed over (text) */
} out_result;

typedef int (*out_writer)(const out_result *res, strbuf *out);

/* A format written as it goes: report() appends one report's piece, end()
 * the closing piece from res->totals, res->errors and res->rule_errors
 * (res->reports is not used). report() for each report in order, then
 * end(), gives what the format's out_writer gives for all of them. Both
 * return 0, or -1 when out's cap is reached. */
typedef struct out_stream {
  int (*report)(const out_result *res, const rl_report *r, strbuf *out);
  int (*end)(const out_result *res, strbuf *out);
} out_stream;

/* The streamed form of --format NAME, or NULL if it has none. */
const out_stream *output_stream_find(const char *name);

struct cJSON;
/* Prints root (formatted) and a newline into out and deletes root; shared
 * by the JSON writers. Returns 0, or -1 when out's cap is reached. */
int out_put_json(struct cJSON *root, strbuf *out);
struct finding;
/* Adds a finding's rule, severity, message, page (PDF only), line,
 * column, end_line, end_column, excerpt and fingerprint to the object o,
 * in that order; shared by the json and jsonl writers (out_json.c). */
void out_json_finding_fields(struct cJSON *o, const struct finding *f);
/* A cross-year finding's place in last year's report: "related": {file,
 * page (PDF), line, column}; nothing for other findings. */
void out_json_related(struct cJSON *o, const rl_report *r,
                      const struct finding *f);

int out_text(const out_result *res, strbuf *out);
int out_text_report(const out_result *res, const rl_report *r, strbuf *out);
int out_text_end(const out_result *res, strbuf *out);
int out_json(const out_result *res, strbuf *out);
/* SARIF 2.1.0 for code scanning (out_sarif.c). */
int out_sarif(const out_result *res, strbuf *out);
/* JUnit XML: a testsuite per report, a testcase per rule (out_junit.c). */
int out_junit(const out_result *res, strbuf *out);
/* GitHub Actions workflow commands, ::error file=…:: (out_github.c). */
int out_github(const out_result *res, strbuf *out);
int out_github_report(const out_result *res, const rl_report *r,
                      strbuf *out);
int out_github_end(const out_result *res, strbuf *out);
/* The Markdown table appended to $GITHUB_STEP_SUMMARY (out_github.c). */
int out_github_summary(const out_result *res, strbuf *out);
/* One JSON object per finding per line (out_jsonl.c). */
int out_jsonl(const out_result *res, strbuf *out);
int out_jsonl_report(const out_result *res, const rl_report *r, strbuf *out);
int out_jsonl_end(const out_result *res, strbuf *out);

/* One self-contained HTML page (out_html.c): per report its outline,
 * counts, findings table and text with every unsuppressed finding
 * highlighted at its span; a table of contents when there are several. */
int out_html(const out_result *res, strbuf *out);

/* The pieces of out_html, for other HTML pages (an audit summary linking
 * to each report). Each appends to out and returns 0, or -1 when out's cap
 * is reached. A page is out_html_head, any HTML the caller writes (escaped
 * with out_html_escape), out_html_report_section per report, then
 * out_html_foot.
 *
 * out_html_head: the doctype, <head> (UTF-8, the inline style sheet, the
 *   <title> title, escaped) and the opening <body>.
 * out_html_report_section: <section class="report" id="rINDEX"> for one
 *   checked report; index is 1-based and unique within the page. Ids in
 *   it, all prefixed "rINDEX-": Ln (line n of r->dec.text), pk (PDF page
 *   k), fk (finding k, 1-based in r->findings: the <mark class="f"> at the
 *   start of its span, or its row in the waived table), ik (its row in the
 *   findings table). Every piece of a highlighted span carries
 *   data-f="rINDEX-fk", so [data-f="r1-f3"] selects all of finding 3
 *   (where more than 16 findings overlap, only the mark of the deeper
 *   ones: the page stays linear in the findings).
 * out_html_foot: the footer, </body></html>. */
int out_html_head(strbuf *out, const char *title);
int out_html_report_section(strbuf *out, const rl_report *r, int index);
int out_html_foot(strbuf *out);
/* Appends s[0, len) escaped for HTML text and attribute values: & < > "
 * ' as entities, C0 controls other than tab and LF as their control
 * pictures (U+2400 + c), DEL, C1 controls and invalid UTF-8 as U+FFFD or
 * ␡, so nothing from a report can open a tag or end an attribute. */
int out_html_escape(strbuf *out, const char *s, size_t len);

/* The writer for --format NAME, or NULL. */
out_writer output_find(const char *name);
/* "text, json, model, sarif, junit, github, jsonl or html" for messages. */
const char *output_names(void);
/* The document model (headings, quantities, dates, enumerations). */
int out_model(const out_result *res, strbuf *out);

#endif
