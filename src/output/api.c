/* api: the public API's calls that are views over other modules: a file
 * in memory read with a named format, findings as plain structs, output
 * rendered into a buffer, rules found by id and explained.
 *
 * Consumes the library's own structs (report.h, output.h, rules.h);
 * produces what reportlint.h promises a second program (examples/api/),
 * so that it needs none of the internal headers. */
#include "ctx.h"
#include "output.h"
#include "report.h"

#include "alloc.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

rl_report *rl_report_from_memory(rl_ctx *ctx, const char *name,
                                 const void *data, size_t len,
                                 const char *format, rl_diag *diag) {
  rl_options o = ctx->opts;
  if (format) {
    int f = reader_format_parse(format);
    if (f < 0) {
      diag_set(diag, DIAG_USAGE, name, 0, 0, "unknown input format '%s'",
               format);
      return NULL;
    }
    o.input_format = f;
  }
  return report_from_raw(&o, name, data, len, diag);
}

size_t rl_report_finding_count(const rl_report *r) { return r->findings.n; }

void rl_report_finding(const rl_report *r, size_t i, rl_finding *out) {
  const finding *f = &r->findings.v[i];
  *out = (rl_finding){f->rule_id, f->severity, f->message, f->excerpt,
                      f->line, f->col, f->end_line, f->end_col, f->page,
                      f->suppressed, f->suppression, f->fingerprint};
}

const char *rl_report_location(const rl_report *r, size_t i, char *buf,
                               size_t cap) {
  return report_location(r, &r->findings.v[i], buf, cap);
}

int rl_render(const rl_ctx *ctx, rl_report *const *reports, size_t n,
              const char *format, char **out, size_t *len, rl_diag *diag) {
  out_writer w = output_find(format ? format : "text");
  if (!w)
    return diag_set(diag, DIAG_USAGE, NULL, 0, 0,
                    "unknown output format '%s' (%s)", format,
                    output_names());
  out_totals t;
  out_totals_init(&t, ctx);
  for (size_t i = 0; i < n; i++)
    out_totals_add(&t, reports[i]);
  out_result res = {.reports = reports, .nreports = n, .ctx = ctx,
                    .show_source = 1, .totals = &t};
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  w(&res, &sb);
  out_totals_release(&t);
  strbuf_putc(&sb, '\0');
  *out = strbuf_detach(&sb, len);
  (*len)--;
  return 0;
}

/* "set/id" is how SARIF writes the rules of a second rule set. */
int rl_rule_is(const rl_ruleset *rs, const rule *r, const char *id) {
  size_t n = strlen(rs->name);
  if (strncmp(id, rs->name, n) == 0 && id[n] == '/')
    id += n + 1;
  return strcmp(id, r->id) == 0;
}

const rule *rl_ctx_find_rule(rl_ctx *ctx, const char *id,
                             const rl_ruleset **set) {
  rl_diag ignored;
  rl_ctx_load_all(ctx, &ignored);
  for (int s = 0; s < ctx->nsets; s++)
    for (int i = 0; i < ctx->sets[s]->nrules; i++)
      if (rl_rule_is(ctx->sets[s], &ctx->sets[s]->rules[i], id)) {
        if (set)
          *set = ctx->sets[s];
        return &ctx->sets[s]->rules[i];
      }
  return NULL;
}

static void put_examples(strbuf *sb, const char *kind, char *const *v,
                         int n) {
  for (int i = 0; i < n; i++) {
    strbuf_printf(sb, "  %s:\n", kind);
    for (const char *p = v[i]; *p;) {
      const char *nl = strchr(p, '\n');
      size_t len = nl ? (size_t)(nl - p) : strlen(p);
      strbuf_printf(sb, "    %.*s\n", (int)len, p);
      p += len + (nl ? 1 : 0);
    }
  }
}

char *rl_rule_explain(const rl_ruleset *rs, const rule *r) {
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  strbuf_printf(&sb, "%s  (%s, %s, rule set %s %s)\n", r->id,
                rules_severity_name(r->severity), rules_type_name(r->type),
                rs->name, rs->version);
  strbuf_printf(&sb, "消息: %s\n", r->message);
  if (r->description)
    strbuf_printf(&sb, "说明: %s\n", r->description);
  if (r->regulation)
    strbuf_printf(&sb, "依据: %s\n", r->regulation);
  if (!r->enabled)
    strbuf_printf(&sb, "默认关闭 (turn on with --enable %s)\n", r->id);
  if (r->nbad || r->ngood)
    strbuf_puts(&sb, "示例:\n");
  put_examples(&sb, "错误示例 (bad)", r->bad, r->nbad);
  put_examples(&sb, "正确示例 (good)", r->good, r->ngood);
  strbuf_printf(&sb, "定义于: %s:%d\n", r->file, r->line);
  size_t len;
  return strbuf_detach(&sb, &len);
}

char *rl_metric_explain(const rl_ruleset *rs, const key_metric *m) {
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  strbuf_printf(&sb, "%s  (key metric, rule set %s %s)\n", m->id, rs->name,
                rs->version);
  strbuf_printf(&sb, "名称: %s%s%s%s\n", m->label, m->unit ? "（" : "",
                m->unit ? m->unit : "", m->unit ? "）" : "");
  if (m->description)
    strbuf_printf(&sb, "说明: %s\n", m->description);
  strbuf_puts(&sb, "用途: reportlint audit 的一栏，报告正文中第一处写明的数字"
                   "（未写明的报告留空，不记为 0）\n");
  if (m->nexamples)
    strbuf_puts(&sb, "示例:\n");
  for (int i = 0; i < m->nexamples; i++) {
    const key_metric_example *ex = &m->examples[i];
    if (ex->has_value)
      strbuf_printf(&sb, "  %s\n    → %.15g\n", ex->text, ex->value);
    else
      strbuf_printf(&sb, "  %s\n    → 不计（未写明）\n", ex->text);
  }
  strbuf_printf(&sb, "定义于: %s:%d\n", m->file, m->line);
  size_t len;
  return strbuf_detach(&sb, &len);
}
