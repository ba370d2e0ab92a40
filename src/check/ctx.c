/* ctx: the run context: rule sets found under a rules directory, which of
 * their rules are switched on, per-rule hit counters, and the regex match
 * context shared by every report one worker checks; and the choice of a
 * report's rule set, read whole before its check. Parallel workers each
 * take a clone: the compiled rule sets are read-only and shared, while
 * switches, counters and match data are the clone's own. */
#include "ctx.h"

#include "decode.h"
#include "finding.h"
#include "input.h"

#include "alloc.h"
#include "i18n.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

rl_ctx *rl_ctx_new(const rl_options *opts) {
  rl_ctx *ctx = xcalloc(1, sizeof *ctx);
  if (opts)
    ctx->opts = *opts;
  if (!ctx->opts.max_bytes)
    ctx->opts.max_bytes = INPUT_DEFAULT_MAX;
  if (!ctx->opts.max_line)
    ctx->opts.max_line = DECODE_DEFAULT_MAX_LINE;
  if (!ctx->opts.max_findings)
    ctx->opts.max_findings = FINDING_DEFAULT_MAX;
  ctx->forced = -1;
  ctx->shelf = lexicon_shelf_new();
  ctx->rx = regex_ctx_new(0, 0);
  return ctx;
}

rl_ctx *rl_ctx_clone(const rl_ctx *ctx) {
  rl_ctx *c = xcalloc(1, sizeof *c);
  c->opts = ctx->opts;
  c->clone = 1;
  c->forced = ctx->forced;
  c->shelf = ctx->shelf;
  c->all_rules = ctx->all_rules;
  c->nsets = ctx->nsets;
  size_t n = (size_t)ctx->nsets + 1;
  c->sets = xcalloc(n, sizeof *c->sets);
  c->enabled = xcalloc(n, sizeof *c->enabled);
  c->hits = xcalloc(n, sizeof *c->hits);
  for (int i = 0; i < ctx->nsets; i++) {
    size_t nr = (size_t)ctx->sets[i]->nrules + 1;
    c->sets[i] = ctx->sets[i];
    c->enabled[i] = xmalloc(nr);
    memcpy(c->enabled[i], ctx->enabled[i], nr);
    c->hits[i] = xcalloc(nr, sizeof **c->hits);
  }
  c->rx = regex_ctx_new(0, 0);
  return c;
}

void rl_ctx_free(rl_ctx *ctx) {
  if (!ctx)
    return;
  for (int i = 0; i < ctx->nsets; i++) {
    if (!ctx->clone)
      rules_free(ctx->sets[i]);
    free(ctx->enabled[i]);
    free(ctx->hits[i]);
    if (ctx->load_error)
      free(ctx->load_error[i]);
  }
  free(ctx->sets);
  free(ctx->enabled);
  free(ctx->hits);
  free(ctx->load_error);
  if (!ctx->clone)
    lexicon_shelf_free(ctx->shelf); /* after the sets that took from it */
  regex_ctx_free(ctx->rx);
  free(ctx);
}

static int has_rule_files(const char *dir) {
  DIR *dp = opendir(dir);
  if (!dp)
    return 0;
  struct dirent *e;
  int found = 0;
  while (!found && (e = readdir(dp))) {
    size_t n = strlen(e->d_name);
    found = (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0) ||
            (n > 4 && strcmp(e->d_name + n - 4, ".yml") == 0);
  }
  closedir(dp);
  return found;
}

static void switches_grow(rl_ctx *ctx, int s, int from);

static int add_set(rl_ctx *ctx, const char *dir, rl_diag *diag) {
  rl_ruleset *rs;
  if (rules_load_dir_lazy(dir, &rs, diag) < 0)
    return -1;
  rs->shelf = ctx->shelf;
  for (int i = 0; i < ctx->nsets; i++) {
    if (strcmp(ctx->sets[i]->name, rs->name) == 0) {
      diag_set(diag, DIAG_RULES, dir, 0, 0,
               "rule set '%s' is defined twice (also in %s)", rs->name,
               ctx->sets[i]->dir);
      rules_free(rs);
      return -1;
    }
  }
  int n = ctx->nsets + 1;
  ctx->sets = xrealloc(ctx->sets, (size_t)n * sizeof *ctx->sets);
  ctx->enabled = xrealloc(ctx->enabled, (size_t)n * sizeof *ctx->enabled);
  ctx->hits = xrealloc(ctx->hits, (size_t)n * sizeof *ctx->hits);
  ctx->sets[ctx->nsets] = rs;
  ctx->load_error = xrealloc(ctx->load_error, (size_t)n * sizeof *ctx->load_error);
  ctx->enabled[ctx->nsets] = NULL;
  ctx->hits[ctx->nsets] = NULL;
  ctx->load_error[ctx->nsets] = NULL;
  ctx->nsets = n;
  switches_grow(ctx, n - 1, 0);
  return 0;
}

/* Set s's switches and counters cover its rules, the ones from `from` on
 * new: on as their file says, or all on (rl_ctx_enable_all). */
static void switches_grow(rl_ctx *ctx, int s, int from) {
  const rl_ruleset *rs = ctx->sets[s];
  size_t n = (size_t)rs->nrules + 1;
  ctx->enabled[s] = xrealloc(ctx->enabled[s], n);
  ctx->hits[s] = xrealloc(ctx->hits[s], n * sizeof **ctx->hits);
  for (int i = from; i < rs->nrules; i++) {
    ctx->enabled[s][i] = (unsigned char)(ctx->all_rules || rs->rules[i].enabled);
    ctx->hits[s][i] = 0;
  }
}

int rl_ctx_load_ruleset(rl_ctx *ctx, int s, rl_diag *diag) {
  if (s < 0 || s >= ctx->nsets)
    return 0;
  if (ctx->load_error && ctx->load_error[s]) {
    *diag = *ctx->load_error[s];
    return -1;
  }
  rl_ruleset *rs = ctx->sets[s];
  if (rs->npending == 0)
    return 0;
  if (ctx->clone) /* the pool loads every set before it clones */
    return diag_set(diag, DIAG_RULES, rs->dir, 0, 0,
                    "rule set '%s' was not loaded before the workers started",
                    rs->name);
  int from = rs->nrules;
  int rc = rules_load_pending(rs, diag);
  switches_grow(ctx, s, from);
  if (rc < 0) {
    ctx->load_error[s] = xmalloc(sizeof **ctx->load_error);
    *ctx->load_error[s] = *diag;
  }
  return rc;
}

int rl_ctx_load_all(rl_ctx *ctx, rl_diag *diag) {
  for (int s = 0; s < ctx->nsets; s++)
    if (rl_ctx_load_ruleset(ctx, s, diag) < 0)
      return -1;
  return 0;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int rl_ctx_load_rules(rl_ctx *ctx, const char *dir, rl_diag *diag) {
  struct stat st;
  if (ctx->clone)
    return diag_set(diag, DIAG_RULES, dir, 0, 0,
                    "rules: load them into the context that is cloned");
  char ebuf[256];
  if (stat(dir, &st) != 0)
    return diag_set(diag, DIAG_RULES, dir, 0, 0, "rules: %s",
                    errno == ENOENT ? _("no such directory")
                                    : i18n_strerror(errno, ebuf, sizeof ebuf));
  if (!S_ISDIR(st.st_mode))
    return diag_set(diag, DIAG_RULES, dir, 0, 0, "rules: not a directory");
  if (has_rule_files(dir))
    return add_set(ctx, dir, diag);
  DIR *dp = opendir(dir);
  if (!dp)
    return diag_set(diag, DIAG_RULES, dir, 0, 0, "cannot open rule directory");
  char **subs = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(dp))) {
    if (e->d_name[0] == '.')
      continue;
    size_t len = strlen(dir) + strlen(e->d_name) + 2;
    char *path = xmalloc(len);
    snprintf(path, len, "%s/%s", dir, e->d_name);
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode) && has_rule_files(path))
      *ARRAY_PUSH(subs, n, cap) = path;
    else
      free(path);
  }
  closedir(dp);
  if (n > 1)
    qsort(subs, n, sizeof *subs, cmp_str);
  int rc = n ? 0 : diag_set(diag, DIAG_RULES, dir, 0, 0,
                            "no rule files (*.yaml) here or in its "
                            "subdirectories");
  for (size_t i = 0; i < n; i++) {
    if (rc == 0 && add_set(ctx, subs[i], diag) < 0)
      rc = -1;
    free(subs[i]);
  }
  free(subs);
  return rc;
}

int rl_ctx_ruleset_count(const rl_ctx *ctx) { return ctx->nsets; }

int rl_ctx_forced_ruleset(const rl_ctx *ctx) { return ctx->forced; }

const rl_ruleset *rl_ctx_ruleset(const rl_ctx *ctx, int i) {
  return i >= 0 && i < ctx->nsets ? ctx->sets[i] : NULL;
}

int rl_ctx_use_ruleset(rl_ctx *ctx, const char *name, rl_diag *diag) {
  for (int i = 0; i < ctx->nsets; i++) {
    if (strcmp(ctx->sets[i]->name, name) == 0) {
      ctx->forced = i;
      return 0;
    }
  }
  return diag_set(diag, DIAG_USAGE, NULL, 0, 0, "no rule set named '%s'",
                  name);
}

int rl_ctx_set_rule(rl_ctx *ctx, const char *id, int on, rl_diag *diag) {
  if (rl_ctx_load_all(ctx, diag) < 0) /* the id may be in any set */
    return -1;
  int hit = 0;
  for (int s = 0; s < ctx->nsets; s++)
    for (int i = 0; i < ctx->sets[s]->nrules; i++)
      if (rules_id_matches(id, ctx->sets[s]->rules[i].id)) {
        ctx->enabled[s][i] = (unsigned char)on;
        hit = 1;
      }
  return hit ? 0 : diag_set(diag, DIAG_USAGE, NULL, 0, 0,
                            "no rule matches '%s' (see 'reportlint rules')",
                            id);
}

void rl_ctx_enable_all(rl_ctx *ctx) {
  ctx->all_rules = 1; /* and for the rules of sets read later */
  for (int s = 0; s < ctx->nsets; s++)
    memset(ctx->enabled[s], 1, (size_t)ctx->sets[s]->nrules);
}

unsigned long rl_ctx_rule_hits(const rl_ctx *ctx, int set, int index) {
  return ctx->hits[set][index];
}

void rl_ctx_add_hits(rl_ctx *ctx, const rl_ctx *clone) {
  for (int s = 0; s < ctx->nsets && s < clone->nsets; s++)
    for (int i = 0; i < ctx->sets[s]->nrules; i++)
      ctx->hits[s][i] += clone->hits[s][i];
}

int rl_ctx_rule_enabled(const rl_ctx *ctx, int set, int index) {
  return ctx->enabled[set][index];
}

/* The rule set of a report: the one --ruleset names; else the first
 * whose `detect` matches the title; else the first whose `detect_content`
 * matches the text (a title lost to a page or a wrapped PDF line); else the
 * `fallback` set, whose rule says the report is of no type the rules know;
 * else, when no set is a fallback, the first. */
static int pick_ruleset(rl_ctx *ctx, const doc *d) {
  if (ctx->forced >= 0)
    return ctx->forced;
  const span t = d->title;
  size_t ms, me;
  for (int i = 0; i < ctx->nsets; i++) {
    const regex *det = ctx->sets[i]->detect;
    if (det && t.len &&
        regex_find(ctx->rx, det, d->text, t.off + t.len, t.off, &ms, &me) ==
            1)
      return i;
  }
  for (int i = 0; i < ctx->nsets; i++) {
    const regex *det = ctx->sets[i]->detect_content;
    if (det && regex_find(ctx->rx, det, d->text, d->len, 0, &ms, &me) == 1)
      return i;
  }
  for (int i = 0; i < ctx->nsets; i++)
    if (ctx->sets[i]->fallback)
      return i;
  return ctx->nsets > 0 ? 0 : -1;
}

int ctx_rules_for(rl_ctx *ctx, const doc *d, rl_diag *diag) {
  int set = pick_ruleset(ctx, d);
  if (set < 0)
    return diag_set(diag, DIAG_RULES, NULL, 0, 0, "no rule set loaded");
  return rl_ctx_load_ruleset(ctx, set, diag) < 0 ? -1 : set;
}

int ctx_today(const rl_ctx *ctx) {
  if (ctx->opts.today)
    return ctx->opts.today;
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

