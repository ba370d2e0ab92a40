/* settings: what applies to one report, from the configuration file, the
 * report's sidecar waiver file and the command line.
 *
 * Consumes a loaded config (may be NULL), a report path and the command
 * line's rule switches; produces the rl_check_opts for that report: the
 * configuration's top-level settings, then those of every override whose
 * globs match the path, then the command line's (the last word wins);
 * the configuration's waivers whose glob matches, and the waivers of
 * PATH.reportlint.yaml when it exists. */
#ifndef RL_SETTINGS_H
#define RL_SETTINGS_H

#include "config.h"
#include "reportlint.h"

#include <stddef.h>

typedef struct settings {
  rl_check_opts opts;    /* points into the arrays below */
  rl_rule_setting *rules;
  size_t nrules, caprules;
  rl_waiver *waivers;
  size_t nwaivers, capwaivers;
  config_waiver *sidecar; /* owned: the sidecar file's waivers */
  size_t nsidecar;
  char **sources;        /* owned "file:line" strings of the waivers */
  size_t nsources, capsources;
} settings;

/* toggles are "+id" / "-id" from --enable / --disable, in order;
 * department is 1 with --department. Returns 0, or -1 with a diagnostic
 * when the sidecar file is broken. Release with settings_release, also
 * after a failure. */
int settings_for(const config *cfg, const char *path,
                 const char *const *toggles, size_t ntoggles, int department,
                 settings *out, rl_diag *diag);
void settings_release(settings *s);
/* 1 if a directory walk should skip path (the configuration's ignore). */
int settings_ignored(const config *cfg, const char *path);

#endif
