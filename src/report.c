/* report: one input through the pipeline: bytes → decoded text →
 * normalised paragraphs with a position map → document model → rules →
 * findings located in the original file. */
#include "report.h"

#include "input.h"
#include "scan.h"
#include "segment.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static void build_model(rl_report *r) {
  normalize_text(r->dec.text, r->dec.len, &r->nt);
  linemap_init(&r->lm, r->dec.text, r->dec.len);
  doc_init(&r->d, r->nt.text, r->nt.len);
  segment_run(&r->d);
  scan_run(&r->d);
  segment_signature(&r->d);
}

static rl_report *report_from_raw(rl_ctx *ctx, const char *name,
                                  const char *raw, size_t len,
                                  rl_diag *diag) {
  rl_report *r = xcalloc(1, sizeof *r);
  if (decode_text(raw, len, name, &r->dec, diag) < 0) {
    free(r);
    return NULL;
  }
  if (decode_check_lines(&r->dec, ctx->opts.max_line, name, diag) < 0) {
    decoded_release(&r->dec);
    free(r);
    return NULL;
  }
  suppress_scan(r->dec.text, r->dec.len, &r->directives);
  r->path = xstrdup(name);
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
  free(r->path);
  free(r);
}

/* The rule set whose `detect` pattern matches the title; else the first. */
static int pick_ruleset(rl_ctx *ctx, const rl_report *r) {
  if (ctx->forced >= 0)
    return ctx->forced;
  const span t = r->d.title;
  for (int i = 0; i < ctx->nsets; i++) {
    size_t ms, me;
    const regex *det = ctx->sets[i]->detect;
    if (det && t.len &&
        regex_find(ctx->rx, det, r->d.text, t.off + t.len, t.off, &ms, &me) ==
            1)
      return i;
  }
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

int rl_report_check_opts(rl_ctx *ctx, rl_report *r, const rl_check_opts *o,
                         rl_diag *diag) {
  r->set = pick_ruleset(ctx, r);
  if (r->set < 0)
    return diag_set(diag, DIAG_RULES, NULL, 0, 0, "no rule set loaded");
  r->rs = ctx->sets[r->set];
  size_t n = (size_t)r->rs->nrules + 1;
  unsigned char *enabled = xmalloc(n);
  signed char *severity = xmalloc(n);
  memcpy(enabled, ctx->enabled[r->set], n - 1);
  memset(severity, -1, n);
  apply_settings(r->rs, o, enabled, severity);
  if (o && o->year)
    r->d.year = o->year;
  const char *dot = strrchr(r->path, '.');
  engine_opts opts = {
      .enabled = enabled,
      .severity = severity,
      .department = o && o->department >= 0 ? o->department
                                             : ctx->opts.department,
      .all_rules = ctx->all_rules,
      .ext = dot && !strchr(dot, '/') ? dot + 1 : NULL};
  int rc = engine_check(&r->d, r->rs, &opts, ctx->rx, ctx->hits[r->set],
                        &r->findings, diag);
  free(enabled);
  free(severity);
  finding_list_locate(&r->findings, r->nt.text, &r->nt.map, &r->lm);
  finding_list_sort(&r->findings);
  apply_suppressions(ctx, r, o);
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

char *report_span_text(const rl_report *r, span s) {
  return xstrndup(r->nt.text + s.off, s.len);
}

int report_line_of(const rl_report *r, size_t off) {
  int line, col;
  linemap_lookup(&r->lm, posmap_to_src(&r->nt.map, off), &line, &col);
  return line;
}
