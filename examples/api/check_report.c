/* check_report: a second program on reportlint's library, through
 * reportlint.h alone.
 *
 *   check_report RULES_DIR REPORT [FORMAT]
 *
 * Loads the rule sets, reads the report into memory and hands it to the
 * library with a named input format (FORMAT, default: by content), checks
 * it, prints each finding from the public rl_finding view, explains the
 * first finding's rule, and renders the whole result as JSON into a
 * buffer to count its bytes. Exit: 0 no findings, 1 findings, 2 an error.
 * `make api-example` builds it against build/libreportlint.a and checks
 * its output. */
#include "reportlint.h"

#include <stdio.h>
#include <stdlib.h>

/* The whole file in memory (as an upload or an OA system would hand it
 * over). Returns a newly allocated buffer (free()), or NULL. */
static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  size_t cap = 0;
  *len = 0;
  if (!f)
    return NULL;
  for (;;) {
    if (*len == cap && !(buf = realloc(buf, cap = cap ? 2 * cap : 65536)))
      break;
    size_t n = fread(buf + *len, 1, cap - *len, f);
    *len += n;
    if (n == 0)
      break;
  }
  fclose(f);
  return buf;
}

static void print_findings(const rl_report *r) {
  for (size_t i = 0; i < rl_report_finding_count(r); i++) {
    rl_finding f;
    char where[64];
    rl_report_finding(r, i, &f);
    printf("%s %s [%s] %s\n", rl_report_location(r, i, where, sizeof where),
           f.severity == RL_SEV_ERROR ? "error" : f.severity == RL_SEV_WARNING
                                                     ? "warning"
                                                     : "info",
           f.rule_id, f.message);
  }
}

static void explain_first(rl_ctx *ctx, const rl_report *r) {
  rl_finding f;
  const rl_ruleset *rs;
  if (rl_report_finding_count(r) == 0)
    return;
  rl_report_finding(r, 0, &f);
  const rule *ru = rl_ctx_find_rule(ctx, f.rule_id, &rs);
  char *text = ru ? rl_rule_explain(rs, ru) : NULL;
  if (text)
    printf("--- %s\n%s", f.rule_id, text);
  free(text);
}

static int check(rl_ctx *ctx, const char *path, const char *format) {
  size_t len;
  char *data = slurp(path, &len);
  rl_diag d;
  diag_set(&d, DIAG_INPUT, path, 0, 0, "cannot read the file");
  rl_report *r = data ? rl_report_from_memory(ctx, path, data, len, format,
                                              &d)
                      : NULL;
  free(data);
  if (!r || rl_report_check(ctx, r, &d) < 0) {
    fprintf(stderr, "check_report: %s: %s\n", path, d.msg);
    rl_report_free(r);
    return 2;
  }
  print_findings(r);
  explain_first(ctx, r);
  char *json;
  size_t json_len;
  if (rl_render(ctx, &r, 1, "json", &json, &json_len, &d) == 0)
    printf("--- json: %s\n", json_len > 100 && json[0] == '{' ? "ok" : "bad");
  free(json);
  int rc = rl_report_finding_count(r) ? 1 : 0;
  rl_report_free(r);
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fputs("usage: check_report RULES_DIR REPORT [FORMAT]\n", stderr);
    return 2;
  }
  rl_diag d;
  rl_ctx *ctx = rl_ctx_new(NULL);
  int rc = 2;
  if (rl_ctx_load_rules(ctx, argv[1], &d) == 0)
    rc = check(ctx, argv[2], argc > 3 ? argv[3] : NULL);
  else
    fprintf(stderr, "check_report: %s\n", d.msg);
  rl_ctx_free(ctx);
  return rc;
}
