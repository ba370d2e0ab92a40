/* cmd_rules: the rule commands: `rules` (list, --explain ID), `lint-rules`
 * DIR (load and say OK or the first error), `test-rules` DIR (every
 * rule's bad and good examples and the key metrics' examples through the
 * whole rule set) and `rules-to-json` FILE (YAML as the loader reads it,
 * for schema validation). */
#include "cli.h"

#include "rules.h"
#include "strbuf.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_rules(cli *c) {
  const char *explain_id = c->explain;
  int rc = EXIT_CLEAN;
  rl_ctx *ctx = cli_load_ctx(c, &rc);
  if (!ctx)
    return rc;
  int found = 0;
  for (int s = 0; s < rl_ctx_ruleset_count(ctx); s++) {
    const rl_ruleset *rs = rl_ctx_ruleset(ctx, s);
    if (!explain_id)
      printf("# %s %s: %s (%s)\n", rs->name, rs->version,
             rs->report_type ? rs->report_type : "", rs->dir);
    for (int i = 0; i < rs->nrules; i++) {
      const rule *r = &rs->rules[i];
      if (explain_id && rl_rule_is(rs, r, explain_id)) {
        char *text = rl_rule_explain(rs, r);
        fputs(text, stdout);
        free(text);
        found = 1;
      } else if (!explain_id) {
        printf("%-32s %-7s %-14s %s%s\n", r->id,
               rules_severity_name(r->severity), rules_type_name(r->type),
               r->message, r->enabled ? "" : " (off)");
      }
    }
    for (int i = 0; explain_id && i < rs->nmetrics; i++) {
      const key_metric *m = &rs->metrics[i];
      size_t n = strlen(rs->name);
      const char *id = strncmp(explain_id, rs->name, n) == 0 &&
                               explain_id[n] == '/'
                           ? explain_id + n + 1
                           : explain_id;
      if (strcmp(id, m->id) == 0) {
        char *text = rl_metric_explain(rs, m);
        fputs(text, stdout);
        free(text);
        found = 1;
      }
    }
    for (int i = 0; !explain_id && i < rs->nmetrics; i++) {
      const key_metric *m = &rs->metrics[i];
      printf("%-32s %-7s %-14s %s%s%s%s\n", m->id, "-", "key metric",
             m->label, m->unit ? "（" : "", m->unit ? m->unit : "",
             m->unit ? "）" : "");
    }
  }
  if (explain_id && !found) {
    rl_diag d;
    diag_set(&d, DIAG_USAGE, NULL, 0, 0,
             "no rule with id '%s' (see 'reportlint rules')", explain_id);
    cli_suggest_name(ctx, &d, explain_id, 0);
    rl_ctx_free(ctx);
    return cli_usage_error("%s", d.msg);
  }
  rl_ctx_free(ctx);
  return EXIT_CLEAN;
}

/* lint-rules and test-rules take one rule directory instead of --rules. */
static rl_ctx *load_dir_arg(cli *c, const char *cmd, int *rc) {
  *rc = EXIT_CLEAN;
  if (c->npaths != 1) {
    cli_usage_error(_("%s: give exactly one rule directory"), cmd);
    *rc = EXIT_USAGE;
    return NULL;
  }
  c->rules_dir = c->paths[0];
  return cli_load_ctx(c, rc);
}

int cmd_lint_rules(cli *c) {
  int rc;
  rl_ctx *ctx = load_dir_arg(c, "lint-rules", &rc);
  if (!ctx)
    return rc;
  for (int s = 0; s < rl_ctx_ruleset_count(ctx); s++) {
    const rl_ruleset *rs = rl_ctx_ruleset(ctx, s);
    for (int i = 0; i < rs->nnotes; i++) /* old spellings: they still load */
      fprintf(stderr, _("%s:%d:%d: warning: %s\n"), rs->notes[i].file,
              rs->notes[i].line, rs->notes[i].col, rs->notes[i].msg);
    printf(_("%s: rule set %s %s: %d rules OK\n"), rs->dir, rs->name,
           rs->version, rs->nrules);
  }
  rl_ctx_free(ctx);
  return EXIT_CLEAN;
}

/* Runs one example through the whole rule set; returns 1 if the rule's
 * verdict is the expected one. */
static int run_example(rl_ctx *ctx, int set, const rule *r, const char *text,
                       int bad, int index) {
  char name[512];
  snprintf(name, sizeof name, "%s:%d: %s example %d of %s", r->file, r->line,
           bad ? "bad" : "good", index + 1, r->id);
  rl_diag d;
  diag_clear(&d);
  if (rl_ctx_use_ruleset(ctx, rl_ctx_ruleset(ctx, set)->name, &d) < 0)
    return 0;
  /* Examples are plain-text reports (.txt) for rules that care. */
  rl_report *rep =
      rl_report_from_text(ctx, "example.txt", text, strlen(text), &d);
  if (!rep) {
    printf("FAIL %s: %s\n", name, d.msg);
    return 0;
  }
  int ok = rl_report_check(ctx, rep, &d) == 0 && rl_report_has(rep, r->id) == bad;
  if (!ok)
    printf("FAIL %s: %s\n", name,
           bad ? "expected the rule's finding, got none"
               : "expected no finding of this rule, got one");
  rl_report_free(rep);
  return ok;
}

/* A key metric's example is a paragraph of a report: it is read under a
 * title, and the figure found must be the one the example states (or
 * none). Returns 1 if it is. */
static int run_metric_example(rl_ctx *ctx, int set, int mi, int index) {
  const rl_ruleset *rs = rl_ctx_ruleset(ctx, set);
  const key_metric *m = &rs->metrics[mi];
  const key_metric_example *ex = &m->examples[index];
  rl_diag d;
  diag_clear(&d);
  strbuf text;
  strbuf_init(&text, STRBUF_UNLIMITED);
  strbuf_printf(&text, "某区2024年度法治政府建设情况报告\n%s\n", ex->text);
  rl_report *rep = NULL;
  rl_metric_value v;
  int got = -1;
  if (rl_ctx_use_ruleset(ctx, rs->name, &d) == 0 &&
      (rep = rl_report_from_text(ctx, "example.txt", text.p, text.len, &d)) &&
      rl_report_check(ctx, rep, &d) == 0)
    got = rl_report_metric(ctx, rep, mi, &v, &d);
  int ok = got >= 0 && got == ex->has_value && (!got || v.value == ex->value);
  if (!ok) {
    printf("FAIL %s:%d: example %d of metric %s: ", m->file, m->line,
           index + 1, m->id);
    if (got < 0)
      printf("%s\n", d.msg);
    else if (got)
      printf("found %g (\"%s\"), expected %s%.15g\n", v.value, v.text,
             ex->has_value ? "" : "none, not ", ex->value);
    else
      printf("found nothing, expected %.15g\n", ex->value);
  }
  rl_report_free(rep);
  strbuf_release(&text);
  return ok;
}

int cmd_test_rules(cli *c) {
  int rc;
  rl_ctx *ctx = load_dir_arg(c, "test-rules", &rc);
  if (!ctx)
    return rc;
  rl_ctx_enable_all(ctx);
  int pass = 0, fail = 0, untested = 0;
  for (int s = 0; s < rl_ctx_ruleset_count(ctx); s++) {
    const rl_ruleset *rs = rl_ctx_ruleset(ctx, s);
    for (int i = 0; i < rs->nrules; i++) {
      const rule *r = &rs->rules[i];
      untested += r->nbad == 0;
      for (int k = 0; k < r->nbad; k++)
        run_example(ctx, s, r, r->bad[k], 1, k) ? pass++ : fail++;
      for (int k = 0; k < r->ngood; k++)
        run_example(ctx, s, r, r->good[k], 0, k) ? pass++ : fail++;
    }
    for (int i = 0; i < rs->nmetrics; i++)
      for (int k = 0; k < rs->metrics[i].nexamples; k++)
        run_metric_example(ctx, s, i, k) ? pass++ : fail++;
  }
  rl_ctx_free(ctx);
  if (untested)
    printf("note: %d rule%s no bad example\n", untested,
           untested == 1 ? " has" : "s have");
  printf("%d passed, %d failed\n", pass, fail);
  return fail ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* YAML → JSON with the loader's own reader, for schema validation. */
int cmd_rules_to_json(const cli *c) {
  if (c->npaths != 1)
    return cli_usage_error("%s", "rules-to-json: give exactly one rule file");
  rl_diag d;
  diag_clear(&d);
  char *json = rules_yaml_to_json(c->paths[0], &d);
  if (!json) {
    cli_print_diag(&d);
    return EXIT_USAGE;
  }
  printf("%s\n", json);
  free(json);
  return EXIT_CLEAN;
}

