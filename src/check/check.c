/* check: a modelled report through the rules of its rule set.
 *
 * Consumes a report (report.h) and the context (ctx.h): the rule set it
 * chooses, the switches with the report's own settings (a configuration's
 * rules and overrides) applied; runs the engine, locates and sorts the
 * findings, applies inline directives and waivers, and names their places
 * in the file. Also the public reading calls, which take the context's
 * options, and the questions asked of a checked report. */
#include "ctx.h"
#include "report.h"

#include "alloc.h"
#include "keyfigure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

rl_report *rl_report_read(rl_ctx *ctx, const char *path, rl_diag *diag) {
  return report_from_path(&ctx->opts, path, diag);
}

rl_report *rl_report_from_text(rl_ctx *ctx, const char *name,
                               const char *text, size_t len, rl_diag *diag) {
  return report_from_raw(&ctx->opts, name, text, len, diag);
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

static void apply_suppressions(rl_ctx *ctx, rl_report *r,
                               const rl_check_opts *o) {
  size_t nw = o ? o->nwaivers : 0;
  waiver *w = xcalloc(nw + 1, sizeof *w);
  for (size_t i = 0; i < nw; i++) {
    const rl_waiver *src = &o->waivers[i];
    w[i] = (waiver){src->rule, src->reason, src->until, src->line,
                    src->source, src->sidecar, 0};
  }
  suppress_apply(&r->directives, w, nw, r->rs, ctx_today(ctx), &r->findings);
  free(w);
}


/* Normalised offset off of report r as the user finds it. */
static location place_of(const rl_report *r, size_t off) {
  location at = {0, 0, 0, 0, 0};
  linemap_lookup(&r->lm, posmap_to_src(&r->nt.map, off), &at.line, &at.col);
  at.end_line = at.line;
  at.end_col = at.col;
  locmap_place(&r->loc, &at);
  return at;
}

/* engine_opts.prev_place: "2023年报告.pdf 第3页第12行", "… 第12段" (DOCX
 * paragraphs), "… 第12行". */
static void name_prev_place(void *arg, size_t off, char *buf, size_t cap) {
  const rl_report *prev = arg;
  location at = place_of(prev, off);
  const char *name = strrchr(prev->path, '/');
  name = name ? name + 1 : prev->path;
  if (at.page)
    snprintf(buf, cap, "%s 第%d页第%d行", name, at.page, at.line);
  else
    snprintf(buf, cap, "%s 第%d%s", name, at.line,
             prev->fmt->line_prefix[0] ? "段" : "行");
}

/* Cross-year findings point at last year's report too: there, in the
 * user's terms. */
static void locate_related(rl_report *r, const rl_report *prev) {
  for (size_t i = 0; prev && i < r->findings.n; i++) {
    finding *f = &r->findings.v[i];
    if (!f->has_rel)
      continue;
    location at = place_of(prev, f->rel_off);
    f->rel_page = at.page;
    f->rel_line = at.line;
    f->rel_col = at.col;
  }
}

int rl_report_check_opts(rl_ctx *ctx, rl_report *r, const rl_check_opts *o,
                         rl_diag *diag) {
  r->set = ctx_rules_for(ctx, &r->d, diag);
  if (r->set < 0) /* checked with nothing: no rule set to name */
    return -1;
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
  const rl_report *prev = o && o->previous && o->previous->rs ? o->previous
                                                              : NULL;
  if (prev) {
    r->previous = prev;
    opts.prev = &prev->d;
    opts.prev_rs = prev->rs;
    opts.prev_parts = prev->parts;
    opts.prev_place = name_prev_place;
    opts.prev_arg = (void *)prev;
  }
  int rc = engine_check(&r->d, r->rs, &opts, ctx->rx, ctx->hits[r->set],
                        &r->findings, &r->parts, diag);
  free(enabled);
  free(severity);
  finding_list_locate(&r->findings, r->nt.text, &r->nt.map, &r->lm);
  finding_list_sort(&r->findings);
  apply_suppressions(ctx, r, o);
  report_relocate_findings(r);
  locate_related(r, prev);
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


int rl_report_metric(rl_ctx *ctx, const rl_report *r, int i,
                     rl_metric_value *out, rl_diag *diag) {
  if (!r->rs || i < 0 || i >= r->rs->nmetrics)
    return 0;
  return keyfigure_find(ctx->rx, &r->rs->metrics[i], &r->d, out, diag);
}
