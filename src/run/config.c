/* config: .reportlint.yaml → struct config, every key checked.
 *
 *   rules: rules/ | [dir, ...]        ruleset: fzzf
 *   fail-on: error|warning|info|none  year: 2024
 *   reporter: government|department
 *   enable: [id, ...]  disable: [id, ...]  severity: {id: warning, ...}
 *   ignore: [glob, ...]
 *   overrides: [{files: glob|[glob], enable, disable, severity, year,
 *                reporter}, ...]
 *   waivers: [{file: glob, rule: id, reason: text, until: 2026-03-31,
 *              line: 12}, ...]
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "config.h"

#include "alloc.h"
#include "i18n.h"
#include "rules.h"
#include "yamltree.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct reader {
  const char *path;
  rl_diag *diag;
} reader;

static int fail_at(reader *rd, const ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail_at(reader *rd, const ynode *n, const char *fmt, ...) {
  char msg[sizeof rd->diag->msg];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, _(fmt), ap);
  va_end(ap);
  return diag_set(rd->diag, DIAG_USAGE, rd->path, n->line, n->col, "%s", msg);
}

static int is_string(const ynode *n) {
  return n->kind == YNODE_SCALAR && yamltree_classify(n) == SC_STRING &&
         n->len > 0;
}

/* Keys of a mapping must come from allowed (NULL-terminated). */
static int check_keys(reader *rd, const ynode *m, const char *what,
                      const char *const *allowed) {
  if (m->kind != YNODE_MAP)
    return fail_at(rd, m, "%s must be a mapping", what);
  for (size_t i = 0; i < m->n; i++) {
    int ok = 0;
    for (const char *const *a = allowed; *a && !ok; a++)
      ok = strcmp(*a, m->keys[i]->str) == 0;
    if (!ok) {
      char list[400] = "";
      for (const char *const *a = allowed; *a; a++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                 a == allowed ? "" : ", ", *a);
      return fail_at(rd, m->keys[i], "unknown key '%s' in %s (allowed: %s)",
                     m->keys[i]->str, what, list);
    }
  }
  return 0;
}

/* strings = string | [string, ...] */
static int read_strings(reader *rd, const ynode *v, const char *name,
                        char ***out, size_t *n) {
  size_t count = v->kind == YNODE_SEQ ? v->n : 1;
  if (v->kind == YNODE_MAP)
    return fail_at(rd, v, "'%s' must be a string or a list of strings", name);
  for (size_t i = 0; i < count; i++) {
    const ynode *it = v->kind == YNODE_SEQ ? v->vals[i] : v;
    if (!is_string(it))
      return fail_at(rd, it, "'%s' must be a string or a list of strings",
                     name);
  }
  *out = xcalloc(count, sizeof **out);
  for (size_t i = 0; i < count; i++)
    (*out)[(*n)++] = xstrdup((v->kind == YNODE_SEQ ? v->vals[i] : v)->str);
  return 0;
}

static int read_int(reader *rd, const ynode *v, const char *name, int lo,
                    int hi, int *out) {
  if (v->kind != YNODE_SCALAR || yamltree_classify(v) != SC_INT ||
      atol(v->str) < lo || atol(v->str) > hi)
    return fail_at(rd, v, "'%s' must be an integer from %d to %d", name, lo,
                   hi);
  *out = atoi(v->str);
  return 0;
}

/* date = yyyy "-" mm "-" dd → yyyymmdd */
static int read_date(reader *rd, const ynode *v, const char *name, int *out) {
  int y, m, d;
  char tail;
  if (v->kind != YNODE_SCALAR ||
      sscanf(v->str, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 ||
      m > 12 || d < 1 || d > 31 || strlen(v->str) != 10)
    return fail_at(rd, v, "'%s' must be a date like 2026-03-31", name);
  *out = y * 10000 + m * 100 + d;
  return 0;
}

static config_rule *rule_entry(config_settings *s, const char *id) {
  for (size_t i = 0; i < s->nrules; i++)
    if (strcmp(s->rules[i].id, id) == 0)
      return &s->rules[i];
  s->rules = xrealloc(s->rules, (s->nrules + 1) * sizeof *s->rules);
  config_rule *r = &s->rules[s->nrules++];
  r->id = xstrdup(id);
  r->enable = -1;
  r->severity = -1;
  return r;
}

static int read_switches(reader *rd, const ynode *v, const char *name,
                         int on, config_settings *s) {
  char **ids = NULL;
  size_t n = 0;
  int rc = read_strings(rd, v, name, &ids, &n);
  for (size_t i = 0; i < n; i++) {
    if (rc == 0)
      rule_entry(s, ids[i])->enable = on;
    free(ids[i]);
  }
  free(ids);
  return rc;
}

static int read_severities(reader *rd, const ynode *v, config_settings *s) {
  if (v->kind != YNODE_MAP)
    return fail_at(rd, v, "'severity' must map rule ids to error, warning "
                          "or info");
  for (size_t i = 0; i < v->n; i++) {
    rl_severity sev;
    if (v->vals[i]->kind != YNODE_SCALAR ||
        rules_parse_severity(v->vals[i]->str, &sev) < 0)
      return fail_at(rd, v->vals[i], "severity of '%s' must be error, "
                                     "warning or info", v->keys[i]->str);
    rule_entry(s, v->keys[i]->str)->severity = (int)sev;
  }
  return 0;
}

static int read_reporter(reader *rd, const ynode *v, int *out) {
  if (v->kind == YNODE_SCALAR && strcmp(v->str, "department") == 0)
    *out = 1;
  else if (v->kind == YNODE_SCALAR && strcmp(v->str, "government") == 0)
    *out = 0;
  else
    return fail_at(rd, v, "'reporter' must be government or department");
  return 0;
}

/* The settings keys shared by the top level and overrides. */
static int read_setting(reader *rd, const char *key, const ynode *v,
                        config_settings *s) {
  if (strcmp(key, "enable") == 0)
    return read_switches(rd, v, key, 1, s);
  if (strcmp(key, "disable") == 0)
    return read_switches(rd, v, key, 0, s);
  if (strcmp(key, "severity") == 0)
    return read_severities(rd, v, s);
  if (strcmp(key, "year") == 0)
    return read_int(rd, v, key, 1900, 2999, &s->year);
  if (strcmp(key, "reporter") == 0)
    return read_reporter(rd, v, &s->department);
  return 1; /* not a setting */
}

static int read_override(reader *rd, const ynode *m, config_override *o) {
  static const char *const keys[] = {"files",    "enable", "disable",
                                     "severity", "year",   "reporter", NULL};
  o->set.department = -1;
  if (check_keys(rd, m, "an override", keys) < 0)
    return -1;
  const ynode *files = yamltree_get(m, "files");
  if (!files)
    return fail_at(rd, m, "an override has no 'files'");
  for (size_t i = 0; i < m->n; i++) {
    const char *k = m->keys[i]->str;
    int rc = strcmp(k, "files") == 0
                 ? read_strings(rd, m->vals[i], k, &o->files, &o->nfiles)
                 : read_setting(rd, k, m->vals[i], &o->set);
    if (rc < 0)
      return -1;
  }
  return 0;
}

static int read_waiver(reader *rd, const ynode *m, int need_file,
                       config_waiver *w) {
  static const char *const keys[] = {"file", "rule", "reason",
                                     "until", "line", NULL};
  if (check_keys(rd, m, "a waiver", keys) < 0)
    return -1;
  w->cfg_line = m->line;
  static const char *const required[] = {"rule", "reason"};
  for (int i = 0; i < 2; i++)
    if (!yamltree_get(m, required[i]))
      return fail_at(rd, m, "a waiver has no '%s' (every waiver says why)",
                     required[i]);
  if (need_file && !yamltree_get(m, "file"))
    return fail_at(rd, m, "a waiver in a configuration file has no 'file'");
  const ynode *v;
  static const char *const texts[] = {"file", "rule", "reason"};
  char **dst[] = {&w->file, &w->rule, &w->reason};
  for (int i = 0; i < 3; i++) {
    if (!(v = yamltree_get(m, texts[i])))
      continue;
    if (!is_string(v))
      return fail_at(rd, v, "'%s' must be a non-empty string", texts[i]);
    *dst[i] = xstrdup(v->str);
  }
  if ((v = yamltree_get(m, "until")) && read_date(rd, v, "until", &w->until))
    return -1;
  if ((v = yamltree_get(m, "line")) &&
      read_int(rd, v, "line", 1, INT_MAX, &w->line))
    return -1;
  return 0;
}

static int read_waivers(reader *rd, const ynode *v, int need_file,
                        config_waiver **out, size_t *n) {
  if (v->kind != YNODE_SEQ)
    return fail_at(rd, v, "'waivers' must be a list");
  *out = xrealloc(*out, (*n + v->n + 1) * sizeof **out);
  for (size_t i = 0; i < v->n; i++) {
    config_waiver *w = &(*out)[*n];
    memset(w, 0, sizeof *w);
    (*n)++;
    if (read_waiver(rd, v->vals[i], need_file, w) < 0)
      return -1;
  }
  return 0;
}

static int read_top(reader *rd, config *c, const char *k, const ynode *v) {
  int rc = read_setting(rd, k, v, &c->set);
  if (rc <= 0)
    return rc;
  if (strcmp(k, "rules") == 0)
    return read_strings(rd, v, k, &c->rules_dirs, &c->nrules_dirs);
  if (strcmp(k, "ignore") == 0)
    return read_strings(rd, v, k, &c->ignore, &c->nignore);
  if (strcmp(k, "waivers") == 0)
    return read_waivers(rd, v, 1, &c->waivers, &c->nwaivers);
  if (strcmp(k, "ruleset") == 0) {
    if (!is_string(v))
      return fail_at(rd, v, "'ruleset' must be a rule set name");
    c->ruleset = xstrdup(v->str);
    return 0;
  }
  if (strcmp(k, "fail-on") == 0) {
    rl_severity s;
    if (v->kind == YNODE_SCALAR && strcmp(v->str, "none") == 0)
      c->fail_on = 3;
    else if (v->kind == YNODE_SCALAR && rules_parse_severity(v->str, &s) == 0)
      c->fail_on = (int)s;
    else
      return fail_at(rd, v, "'fail-on' must be error, warning, info or none");
    return 0;
  }
  /* overrides */
  if (v->kind != YNODE_SEQ)
    return fail_at(rd, v, "'overrides' must be a list");
  c->overrides = xcalloc(v->n + 1, sizeof *c->overrides);
  for (size_t i = 0; i < v->n; i++)
    if (read_override(rd, v->vals[i], &c->overrides[c->noverrides++]) < 0)
      return -1;
  return 0;
}

static char *dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash)
    return xstrdup(".");
  return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

int config_load(const char *path, config **out, rl_diag *diag) {
  static const char *const keys[] = {
      "rules",  "ruleset",  "fail-on", "year",      "reporter", "enable",
      "disable", "severity", "ignore", "overrides", "waivers",  NULL};
  reader rd = {path, diag};
  rl_diag yd;
  diag_clear(&yd);
  ynode *root = yamltree_load(path, &yd);
  if (!root) {
    *diag = yd;
    diag->kind = DIAG_USAGE;
    return -1;
  }
  config *c = xcalloc(1, sizeof *c);
  c->path = xstrdup(path);
  c->dir = dir_of(path);
  c->fail_on = -1;
  c->set.department = -1;
  int rc = check_keys(&rd, root, "the configuration", keys);
  for (size_t i = 0; rc == 0 && i < root->n; i++)
    rc = read_top(&rd, c, root->keys[i]->str, root->vals[i]);
  yamltree_free(root);
  if (rc < 0) {
    config_free(c);
    return -1;
  }
  *out = c;
  return 0;
}

int config_load_waivers(const char *path, config_waiver **v, size_t *n,
                        rl_diag *diag) {
  static const char *const keys[] = {"waivers", NULL};
  reader rd = {path, diag};
  rl_diag yd;
  diag_clear(&yd);
  ynode *root = yamltree_load(path, &yd);
  if (!root) {
    *diag = yd;
    diag->kind = DIAG_USAGE;
    return -1;
  }
  int rc = check_keys(&rd, root, "a waiver file", keys);
  const ynode *w = yamltree_get(root, "waivers");
  if (rc == 0 && w)
    rc = read_waivers(&rd, w, 0, v, n);
  yamltree_free(root);
  return rc;
}

static void free_strings(char **v, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(v[i]);
  free(v);
}

static void free_settings(config_settings *s) {
  for (size_t i = 0; i < s->nrules; i++)
    free(s->rules[i].id);
  free(s->rules);
}

void config_waivers_free(config_waiver *v, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(v[i].file);
    free(v[i].rule);
    free(v[i].reason);
  }
  free(v);
}

void config_free(config *c) {
  if (!c)
    return;
  free(c->path);
  free(c->dir);
  free_strings(c->rules_dirs, c->nrules_dirs);
  free(c->ruleset);
  free_settings(&c->set);
  free_strings(c->ignore, c->nignore);
  for (size_t i = 0; i < c->noverrides; i++) {
    free_strings(c->overrides[i].files, c->overrides[i].nfiles);
    free_settings(&c->overrides[i].set);
  }
  free(c->overrides);
  config_waivers_free(c->waivers, c->nwaivers);
  free(c);
}

char *config_find(void) {
  char dir[PATH_MAX];
  if (!getcwd(dir, sizeof dir))
    return NULL;
  for (;;) {
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/.reportlint.yaml", dir);
    if (access(path, F_OK) == 0)
      return xstrdup(path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
      return NULL;
    *slash = '\0';
  }
}

// glob = { "**" | "*" | "?" | char }: * and ? stay within a path segment,
// ** crosses them ("reports/**" matches every file below reports/).
int config_glob_match(const char *g, const char *p) {
  for (; *g; g++, p++) {
    if (g[0] == '*' && g[1] == '*') {
      g += 2;
      if (*g == '/')
        g++;
      for (;; p++) {
        if (config_glob_match(g, p))
          return 1;
        if (!*p)
          return 0;
      }
    }
    if (*g == '*') {
      for (;; p++) {
        if (config_glob_match(g + 1, p))
          return 1;
        if (!*p || *p == '/')
          return 0;
      }
    }
    if (!*p || (*g != '?' && *g != *p) || (*g == '?' && *p == '/'))
      return 0;
  }
  return *p == '\0';
}

char *config_relative(const config *c, const char *path) {
  char abs_dir[PATH_MAX], abs_path[PATH_MAX];
  if (!realpath(c->dir, abs_dir) || !realpath(path, abs_path))
    return xstrdup(path);
  size_t n = strlen(abs_dir);
  if (strncmp(abs_path, abs_dir, n) == 0 && abs_path[n] == '/')
    return xstrdup(abs_path + n + 1);
  return xstrdup(path);
}
