/* report: one input through the whole pipeline, and the run context.
 *
 * The structs behind reportlint.h's handles, for the library's own output
 * writers: read → decode → normalise → segment → scan → signature →
 * rules → findings located in the original text. */
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

struct rl_ctx {
  rl_options opts;
  rl_ruleset **sets;        /* borrowed from the original in a clone */
  int nsets;
  int clone;                /* made by rl_ctx_clone: sets are not owned */
  int forced;               /* index of --ruleset, -1 = detect */
  int all_rules;
  unsigned char **enabled;  /* [set][rule] */
  unsigned long **hits;     /* [set][rule] */
  rl_diag **load_error;     /* [set]: why its pending files failed, or NULL */
  regex_ctx *rx;
};

struct rl_report {
  char *path;
  input_format format;      /* as detected or forced, never FMT_AUTO */
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
};

/* Text of span s of the report's normalised text, newly allocated (free()). */
char *report_span_text(const rl_report *r, span s);
/* Location of a finding as the user names it: "12:5" (text, Markdown,
 * HTML), "¶12:5" (DOCX), "p3:12:5" (PDF). Returns buf. */
const char *report_location(const rl_report *r, const finding *f, char *buf,
                            size_t cap);
/* Original 1-based line of normalised offset off. */
int report_line_of(const rl_report *r, size_t off);

#endif
