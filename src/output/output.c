/* output: the table of --format names and their writers. */
#include "output.h"

#include "alloc.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>

static const struct {
  const char *name;
  out_writer fn;
} writers[] = {
    {"text", out_text},   {"json", out_json},     {"model", out_model},
    {"sarif", out_sarif}, {"junit", out_junit},   {"github", out_github},
    {"jsonl", out_jsonl}, {"html", out_html},
};

out_writer output_find(const char *name) {
  for (size_t i = 0; i < sizeof writers / sizeof *writers; i++)
    if (strcmp(writers[i].name, name) == 0)
      return writers[i].fn;
  return NULL;
}

const char *output_names(void) {
  return "text, json, model, sarif, junit, github, jsonl or html";
}

static const struct {
  const char *name;
  out_stream stream;
} streams[] = {
    {"text", {out_text_report, out_text_end}},
    {"jsonl", {out_jsonl_report, out_jsonl_end}},
    {"github", {out_github_report, out_github_end}},
};

const out_stream *output_stream_find(const char *name) {
  for (size_t i = 0; i < sizeof streams / sizeof *streams; i++)
    if (strcmp(streams[i].name, name) == 0)
      return &streams[i].stream;
  return NULL;
}

void out_totals_init(out_totals *t, const rl_ctx *ctx) {
  memset(t, 0, sizeof *t);
  t->nsets = rl_ctx_ruleset_count(ctx);
  t->sets = xcalloc((size_t)t->nsets + 1, 1);
}

void out_totals_add(out_totals *t, const rl_report *r) {
  t->nreports++;
  for (int s = 0; s < 3; s++)
    t->counts[s] += r->counts[s];
  for (size_t k = 0; k < r->findings.n; k++)
    t->suppressed += r->findings.v[k].suppressed;
  if (r->set >= 0 && r->set < t->nsets)
    t->sets[r->set] = 1;
}

void out_totals_release(out_totals *t) {
  free(t->sets);
  t->sets = NULL;
}
