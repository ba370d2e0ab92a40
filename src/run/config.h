/* config: .reportlint.yaml, the settings of a repository of reports.
 *
 * Consumes a YAML file (found by config_find walking up from the working
 * directory, or named by --config); produces the rule directories, rule
 * switches and severity overrides, fail-on, the report year and reporter
 * kind, ignore globs, per-glob overrides and waivers. Every key is
 * checked; an unknown one is an error naming file:line:col. Paths and
 * globs in the file are relative to the file's directory. The format is
 * described by schemas/config.schema.json. */
#ifndef RL_CONFIG_H
#define RL_CONFIG_H

#include "diag.h"

#include <stddef.h>

typedef struct config_rule {
  char *id;       /* a rule id or prefix ("metric." / "metric.*") */
  int enable;     /* -1 unchanged, 0 off, 1 on */
  int severity;   /* -1 unchanged, else rl_severity */
} config_rule;

/* Settings that may apply to all reports or to those matching globs. */
typedef struct config_settings {
  config_rule *rules;
  size_t nrules;
  int year;       /* 0 unchanged */
  int department; /* -1 unchanged, 0 government, 1 department */
} config_settings;

typedef struct config_override {
  char **files;   /* globs: * ? within a path segment, ** across */
  size_t nfiles;
  config_settings set;
} config_override;

typedef struct config_waiver {
  char *file;     /* glob of the reports it covers */
  char *rule;     /* rule id */
  char *reason;
  int until;      /* yyyymmdd, 0 = no expiry */
  int line;       /* only findings on this line, 0 = any */
  int cfg_line;   /* where the waiver is written */
} config_waiver;

typedef struct config {
  char *path;
  char *dir;          /* the directory globs and paths are relative to */
  char **rules_dirs;  /* absolute or relative to dir, as written */
  size_t nrules_dirs;
  char *ruleset;
  int fail_on;        /* -1 unset, 0..2 rl_severity, 3 none */
  config_settings set;
  char **ignore;
  size_t nignore;
  config_override *overrides;
  size_t noverrides;
  config_waiver *waivers;
  size_t nwaivers;
} config;

/* Looks for .reportlint.yaml in the working directory and its parents.
 * Returns a newly allocated path (free()), or NULL if there is none. */
char *config_find(void);
/* Loads path. Returns 0, or -1 with a DIAG_USAGE diagnostic at the
 * offending node. The caller frees *out with config_free(). */
int config_load(const char *path, config **out, rl_diag *diag);
void config_free(config *c);

/* Reads waivers from a YAML file whose `waivers:` list has no `file:` key
 * (a sidecar next to a report, REPORT.reportlint.yaml); they are appended
 * to *v with `file` set to NULL (= this report). */
int config_load_waivers(const char *path, config_waiver **v, size_t *n,
                        rl_diag *diag);
void config_waivers_free(config_waiver *v, size_t n);

/* 1 if path (relative to dir, or as given) matches a glob. */
int config_glob_match(const char *glob, const char *path);
/* path relative to the config's directory when it lies below it, else
 * path itself; newly allocated. */
char *config_relative(const config *c, const char *path);

#endif
