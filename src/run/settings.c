/* settings: per-report options from configuration, sidecar and command
 * line; see settings.h for the order in which they apply. */
#include "settings.h"

#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void add_rules(settings *s, const config_settings *cs) {
  for (size_t i = 0; i < cs->nrules; i++)
    *ARRAY_PUSH(s->rules, s->nrules, s->caprules) =
        (rl_rule_setting){cs->rules[i].id, cs->rules[i].enable,
                          cs->rules[i].severity};
  if (cs->year)
    s->opts.year = cs->year;
  if (cs->department >= 0)
    s->opts.department = cs->department;
}

static int matches_any(char *const *globs, size_t n, const char *rel) {
  for (size_t i = 0; i < n; i++)
    if (config_glob_match(globs[i], rel))
      return 1;
  return 0;
}

static const char *source_of(settings *s, const char *file, int line) {
  size_t len = strlen(file) + 16;
  char *src = xmalloc(len);
  snprintf(src, len, "%s:%d", file, line);
  *ARRAY_PUSH(s->sources, s->nsources, s->capsources) = src;
  return src;
}

static void add_waiver(settings *s, const config_waiver *w, const char *file,
                       int sidecar) {
  *ARRAY_PUSH(s->waivers, s->nwaivers, s->capwaivers) =
      (rl_waiver){w->rule, w->reason, w->until, w->line,
                  source_of(s, file, w->cfg_line), sidecar};
}

static int add_sidecar(settings *s, const char *path, rl_diag *diag) {
  size_t len = strlen(path) + 32;
  char *side = xmalloc(len);
  snprintf(side, len, "%s.reportlint.yaml", path);
  int rc = 0;
  if (access(side, F_OK) == 0) {
    rc = config_load_waivers(side, &s->sidecar, &s->nsidecar, diag);
    for (size_t i = 0; rc == 0 && i < s->nsidecar; i++)
      add_waiver(s, &s->sidecar[i], side, 1);
  }
  free(side);
  return rc;
}

int settings_for(const config *cfg, const char *path,
                 const char *const *toggles, size_t ntoggles, int department,
                 settings *out, rl_diag *diag) {
  memset(out, 0, sizeof *out);
  out->opts.department = department ? 1 : -1;
  if (cfg) {
    char *rel = config_relative(cfg, path);
    add_rules(out, &cfg->set);
    for (size_t i = 0; i < cfg->noverrides; i++)
      if (matches_any(cfg->overrides[i].files, cfg->overrides[i].nfiles, rel))
        add_rules(out, &cfg->overrides[i].set);
    for (size_t i = 0; i < cfg->nwaivers; i++)
      if (config_glob_match(cfg->waivers[i].file, rel))
        add_waiver(out, &cfg->waivers[i], cfg->path, 0);
    free(rel);
  }
  for (size_t i = 0; i < ntoggles; i++)
    *ARRAY_PUSH(out->rules, out->nrules, out->caprules) =
        (rl_rule_setting){toggles[i] + 1, toggles[i][0] == '+', -1};
  if (department)
    out->opts.department = 1;
  int rc = strcmp(path, "-") ? add_sidecar(out, path, diag) : 0;
  out->opts.rules = out->rules;
  out->opts.nrules = out->nrules;
  out->opts.waivers = out->waivers;
  out->opts.nwaivers = out->nwaivers;
  return rc;
}

void settings_release(settings *s) {
  free(s->rules);
  free(s->waivers);
  config_waivers_free(s->sidecar, s->nsidecar);
  for (size_t i = 0; i < s->nsources; i++)
    free(s->sources[i]);
  free(s->sources);
  memset(s, 0, sizeof *s);
}

int settings_ignored(const config *cfg, const char *path) {
  if (!cfg || !cfg->nignore)
    return 0;
  char *rel = config_relative(cfg, path);
  int hit = matches_any(cfg->ignore, cfg->nignore, rel);
  free(rel);
  return hit;
}
