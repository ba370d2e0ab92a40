/* report: one input through the pipeline: bytes → text (decoded, or
 * extracted, by its format's reader: reader.h's table) → the document
 * model (model_build: normalised paragraphs with a position map, tables,
 * headings, numbers) → rules → findings located in the original file, in
 * the terms of its format (line, ¶paragraph, page:line: its locmap). */
#include "report.h"

#include "input.h"
#include "model.h"
#include "tradconv.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The model of what the reader gave, and the map that names its places
 * in the file. */
static void build_model(rl_report *r) {
  model_input in = {r->dec.text, r->dec.len, r->fmt->normalize, &r->x};
  model_build(&in, &r->nt, &r->lm, &r->d);
  locmap_init(&r->loc, r->fmt, &r->lm, &r->x, &r->srclm);
}

/* raw → r->dec (the text the format's reader gave) and r->x (its
 * extras). 0, or -1 with diag. */
static int read_text(rl_ctx *ctx, rl_report *r, const char *name,
                     const char *raw, size_t len, rl_diag *diag) {
  input_format f = ctx->opts.input_format
                       ? (input_format)ctx->opts.input_format
                       : reader_detect(name, raw, len);
  r->fmt = reader_format_of(f);
  r->format = r->fmt->id;
  reader_limits lim = {ctx->opts.max_bytes, 0, ctx->opts.max_read_ms};
  if (reader_read(r->fmt, raw, len, name, &lim, &r->x, diag) < 0)
    return -1;
  r->dec.text = r->x.text;
  r->dec.len = r->x.len;
  r->dec.encoding = r->x.encoding;
  r->x.text = NULL;
  if (r->x.has_src)
    linemap_init(&r->srclm, r->x.src, r->x.src_len);
  return 0;
}

/* A report in traditional characters is read in simplified ones (see
 * tradconv.h); if OpenCC cannot be had it is read as written, and its
 * rules then find less. */
static void simplify_traditional(rl_report *r) {
  char why[256];
  if (tradconv_is_traditional(r->dec.text, r->dec.len))
    r->traditional =
        tradconv_simplify(r->dec.text, r->dec.len, why, sizeof why) >= 0;
}

static rl_report *report_from_raw(rl_ctx *ctx, const char *name,
                                  const char *raw, size_t len,
                                  rl_diag *diag) {
  rl_report *r = xcalloc(1, sizeof *r);
  if (read_text(ctx, r, name, raw, len, diag) < 0) {
    free(r);
    return NULL;
  }
  if (decode_check_lines(&r->dec, ctx->opts.max_line, name, diag) < 0) {
    decoded_release(&r->dec);
    linemap_release(&r->srclm);
    extracted_release(&r->x);
    free(r);
    return NULL;
  }
  suppress_scan(r->dec.text, r->dec.len, &r->directives);
  simplify_traditional(r);
  r->path = utf8_escape_name_dup(name);
  r->set = -1;
  finding_list_init(&r->findings, ctx->opts.max_findings);
  build_model(r);
  return r;
}

rl_report *rl_report_read(rl_ctx *ctx, const char *path, rl_diag *diag) {
  char *raw;
  size_t len;
  if (input_read(path, ctx->opts.max_bytes, &raw, &len, diag) < 0)
    return NULL;
  rl_report *r = report_from_raw(ctx, path, raw, len, diag);
  free(raw);
  return r;
}

rl_report *rl_report_from_text(rl_ctx *ctx, const char *name,
                               const char *text, size_t len, rl_diag *diag) {
  return report_from_raw(ctx, name, text, len, diag);
}

void rl_report_free(rl_report *r) {
  if (!r)
    return;
  finding_list_release(&r->findings);
  suppress_release(&r->directives);
  doc_release(&r->d);
  linemap_release(&r->lm);
  normtext_release(&r->nt);
  decoded_release(&r->dec);
  linemap_release(&r->srclm);
  extracted_release(&r->x);
  free(r->path);
  free(r);
}

/* The rule set of a report: the one --ruleset names; else the first
 * whose `detect` matches the title; else the first whose `detect_content`
 * matches the text (a title lost to a page or a wrapped PDF line); else the
 * `fallback` set, whose rule says the report is of no type the rules know;
 * else, when no set is a fallback, the first. */
static int pick_ruleset(rl_ctx *ctx, const rl_report *r) {
  if (ctx->forced >= 0)
    return ctx->forced;
  const span t = r->d.title;
  size_t ms, me;
  for (int i = 0; i < ctx->nsets; i++) {
    const regex *det = ctx->sets[i]->detect;
    if (det && t.len &&
        regex_find(ctx->rx, det, r->d.text, t.off + t.len, t.off, &ms, &me) ==
            1)
      return i;
  }
  for (int i = 0; i < ctx->nsets; i++) {
    const regex *det = ctx->sets[i]->detect_content;
    if (det && regex_find(ctx->rx, det, r->d.text, r->d.len, 0, &ms, &me) == 1)
      return i;
  }
  for (int i = 0; i < ctx->nsets; i++)
    if (ctx->sets[i]->fallback)
      return i;
  return ctx->nsets > 0 ? 0 : -1;
}

/* The context's switches with the report's settings applied, in order. */
static void apply_settings(const rl_ruleset *rs, const rl_check_opts *o,
                           unsigned char *enabled, signed char *severity) {
  for (size_t k = 0; o && k < o->nrules; k++) {
    const rl_rule_setting *s = &o->rules[k];
    for (int i = 0; i < rs->nrules; i++) {
      if (!rules_id_matches(s->id, rs->rules[i].id))
        continue;
      if (s->enable >= 0)
        enabled[i] = (unsigned char)s->enable;
      if (s->severity >= 0)
        severity[i] = (signed char)s->severity;
    }
  }
}

static int today_of(const rl_ctx *ctx) {
  if (ctx->opts.today)
    return ctx->opts.today;
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

static void apply_suppressions(rl_ctx *ctx, rl_report *r,
                               const rl_check_opts *o) {
  size_t nw = o ? o->nwaivers : 0;
  waiver *w = xcalloc(nw + 1, sizeof *w);
  for (size_t i = 0; i < nw; i++) {
    const rl_waiver *src = &o->waivers[i];
    w[i] = (waiver){src->rule, src->reason, src->until, src->line,
                    src->source, src->sidecar, 0};
  }
  suppress_apply(&r->directives, w, nw, r->rs, today_of(ctx), &r->findings);
  free(w);
}

/* Findings were located, sorted and waived in the extracted text's lines
 * (where the inline directives are); now name their places as the user
 * sees the file. */
static void relocate_findings(rl_report *r) {
  for (size_t i = 0; i < r->findings.n; i++) {
    finding *f = &r->findings.v[i];
    f->xline = f->line;
    f->xcol = f->col;
    f->xend_line = f->end_line;
    f->xend_col = f->end_col;
    location at = {f->page, f->line, f->col, f->end_line, f->end_col};
    locmap_place(&r->loc, &at);
    f->page = at.page;
    f->line = at.line;
    f->col = at.col;
    f->end_line = at.end_line;
    f->end_col = at.end_col;
  }
}

const char *report_location(const rl_report *r, const finding *f, char *buf,
                            size_t cap) {
  location at = {f->page, f->line, f->col, f->end_line, f->end_col};
  return locmap_name(&r->loc, &at, buf, cap);
}

int rl_report_check_opts(rl_ctx *ctx, rl_report *r, const rl_check_opts *o,
                         rl_diag *diag) {
  r->set = pick_ruleset(ctx, r);
  if (r->set < 0)
    return diag_set(diag, DIAG_RULES, NULL, 0, 0, "no rule set loaded");
  if (rl_ctx_load_ruleset(ctx, r->set, diag) < 0) {
    r->set = -1; /* checked with nothing: no rule set to name */
    return -1;
  }
  r->rs = ctx->sets[r->set];
  size_t n = (size_t)r->rs->nrules + 1;
  unsigned char *enabled = xmalloc(n);
  signed char *severity = xmalloc(n);
  memcpy(enabled, ctx->enabled[r->set], n - 1);
  memset(severity, -1, n);
  apply_settings(r->rs, o, enabled, severity);
  if (o && o->year)
    r->d.year = o->year;
  engine_opts opts = {
      .enabled = enabled,
      .severity = severity,
      .department = o && o->department >= 0 ? o->department
                                             : ctx->opts.department,
      .all_rules = ctx->all_rules,
      .ext = r->fmt->name};
  int rc = engine_check(&r->d, r->rs, &opts, ctx->rx, ctx->hits[r->set],
                        &r->findings, &r->parts, diag);
  free(enabled);
  free(severity);
  finding_list_locate(&r->findings, r->nt.text, &r->nt.map, &r->lm);
  finding_list_sort(&r->findings);
  apply_suppressions(ctx, r, o);
  relocate_findings(r);
  finding_list_count(&r->findings, r->counts);
  return rc;
}

int rl_report_check(rl_ctx *ctx, rl_report *r, rl_diag *diag) {
  return rl_report_check_opts(ctx, r, NULL, diag);
}

size_t rl_report_count(const rl_report *r, rl_severity sev) {
  return r->counts[sev];
}

int rl_report_has(const rl_report *r, const char *rule_id) {
  for (size_t i = 0; i < r->findings.n; i++)
    if (strcmp(r->findings.v[i].rule_id, rule_id) == 0)
      return 1;
  return 0;
}

const rl_ruleset *rl_report_ruleset(const rl_report *r) { return r->rs; }

int rl_report_part(const rl_report *r, const char *key) {
  for (int i = 0; r->parts && i < r->rs->nrules; i++) {
    const engine_part *p = &r->parts[i];
    if (p->rule && strcmp(p->rule->u.section.key, key) == 0)
      return p->found;
  }
  return -1;
}

char *report_span_text(const rl_report *r, span s) {
  return xstrndup(r->nt.text + s.off, s.len);
}

int report_line_of(const rl_report *r, size_t off) {
  int line, col;
  linemap_lookup(&r->lm, posmap_to_src(&r->nt.map, off), &line, &col);
  return line;
}
