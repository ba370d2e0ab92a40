/* report: one input read and modelled, and where its findings are.
 *
 * The struct behind reportlint.h's rl_report handle, for the library's
 * own checks and output writers: read → decode → normalise → segment →
 * scan → signature (here), rules (check.c) → findings located in the
 * original text (here). Reading needs only the run's options, not its
 * rule sets: the context (ctx.h) sits above this. */
#ifndef RL_REPORT_H
#define RL_REPORT_H

#include "decode.h"
#include "doc.h"
#include "engine.h"
#include "finding.h"
#include "normalize.h"
#include "posmap.h"
#include "reader.h"
#include "reportlint.h"
#include "suppress.h"

struct rl_report {
  char *path;
  const reader_format *fmt; /* its row: reader, normalisation, naming */
  int traditional;          /* written in traditional characters and read
                               in simplified ones (tradconv.h) */
  decoded dec;              /* the text the model reads: the decoded file,
                               or the text a format reader extracted */
  extracted x;              /* a format reader's extras (HTML source and
                               map, PDF pages, notes); empty for text */
  linemap srclm;            /* HTML: over x.src */
  normtext nt;
  linemap lm;
  locmap loc;               /* places in dec.text → the file's (lm, srclm) */
  doc d;
  finding_list findings;
  int set;                  /* rule set applied, -1 before checking */
  const rl_ruleset *rs;
  size_t counts[3];
  engine_part *parts;       /* per rule of rs (section rules' parts), in
                               d's arena; NULL before checking */
  directive_set directives; /* inline suppressions, blanked from dec.text */
  const struct rl_report *previous; /* checked against this report of the
                               year before (not owned), or NULL */
};

/* Reads and models raw[0, len) named name (a path, or a label), with
 * the run's limits and input format. Returns a new report, or NULL with
 * an input diag. */
rl_report *report_from_raw(const rl_options *o, const char *name,
                           const char *raw, size_t len, rl_diag *diag);
/* The same from a path ("-" = stdin). */
rl_report *report_from_path(const rl_options *o, const char *path,
                            rl_diag *diag);
/* After the rules: the findings' places named as the user sees the file
 * (the HTML page's source lines, PDF pages), the extracted text's kept in
 * the x* fields. */
void report_relocate_findings(rl_report *r);

/* Text of span s of the report's normalised text, newly allocated (free()). */
char *report_span_text(const rl_report *r, span s);
/* Location of a finding as the user names it: "12:5" (text, Markdown,
 * HTML), "¶12:5" (DOCX), "p3:12:5" (PDF). Returns buf. */
const char *report_location(const rl_report *r, const finding *f, char *buf,
                            size_t cap);
/* Original 1-based line of normalised offset off. */
int report_line_of(const rl_report *r, size_t off);

#endif
