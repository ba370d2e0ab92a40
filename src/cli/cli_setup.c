/* cli_setup: a `cli` → the run's context, configuration and outputs.
 *
 * Consumes the parsed command line; finds the rule sets (--rules, the
 * configuration's rules:, $REPORTLINT_RULES, beside the binary, the
 * prefix), loads them and applies --ruleset, --enable, --disable and the
 * configuration's rule ids; opens -o's file so that it is written whole
 * or not at all, and refuses an output that is one of the inputs. Each
 * failure is said once on stderr. */
#include "cli.h"

#include "alloc.h"
#include "i18n.h"
#include "outfile.h"
#include "strbuf.h"
#include "utf8.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* --- rule directory ----------------------------------------------------- */

static int is_yaml(const char *name) {
  size_t n = strlen(name);
  return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

/* 1 if dir holds a *.yaml file (depth 0) or a folder that does (1). */
static int has_yaml(const char *dir, int depth) {
  DIR *dp = opendir(dir);
  struct dirent *e;
  int found = 0;
  while (dp && !found && (e = readdir(dp))) {
    if (e->d_name[0] == '.')
      continue;
    char sub[PATH_MAX];
    snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
    found = is_yaml(e->d_name) || (depth > 0 && has_yaml(sub, depth - 1));
  }
  if (dp)
    closedir(dp);
  return found;
}

/* 1 if dir is a rule set folder or holds one (a build tree's folder of
 * objects named rules/ is not). */
static int holds_rule_sets(const char *dir) { return has_yaml(dir, 1); }

/* The default rules: $REPORTLINT_RULES, the rules/ folder of the source
 * tree the binary was built in (beside it, or one up for build-asan/),
 * the data directory of the prefix it is installed in (bin/../share), else
 * the data directory it was configured for. Returns NULL when none of
 * them holds rule sets, with the places looked at in *looked (a newly
 * allocated string; the caller frees it). */
const char *cli_default_rules_dir(char *buf, size_t cap, char **looked) {
  const char *env = getenv("REPORTLINT_RULES");
  *looked = NULL;
  if (env && *env)
    return env;
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  strbuf_puts(&sb, "$REPORTLINT_RULES (not set)");
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  char *slash = NULL;
  if (n > 0) {
    exe[n] = '\0';
    slash = strrchr(exe, '/');
  }
  if (slash)
    *slash = '\0';
  static const char *const rel[] = {"rules", "../rules",
                                    "../share/reportlint/rules"};
  struct stat st;
  for (int i = 0; slash && i < 3; i++) {
    snprintf(buf, cap, "%s/%s", exe, rel[i]);
    if (holds_rule_sets(buf)) {
      strbuf_release(&sb);
      return buf;
    }
    strbuf_printf(&sb, ", %s", buf);
  }
  if (stat(RL_DATADIR "/rules", &st) == 0 && S_ISDIR(st.st_mode)) {
    strbuf_release(&sb);
    return RL_DATADIR "/rules";
  }
  strbuf_puts(&sb, ", " RL_DATADIR "/rules");
  *looked = strbuf_detach(&sb, NULL);
  return NULL;
}

/* --- language ------------------------------------------------------------ */

/* The language the environment asks messages in: LC_ALL, else
 * LC_MESSAGES, else LANG (POSIX's order); "" when none is set. */
static const char *requested_language(void) {
  static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  for (int i = 0; i < 3; i++) {
    const char *v = getenv(vars[i]);
    if (v && *v)
      return v;
  }
  return "";
}

/* The catalog's directory: $REPORTLINT_LOCALEDIR, the build tree's
 * build/locale beside the binary (or locale/ beside build-asan/reportlint),
 * bin/../share/locale of the prefix it is installed in, else the one it
 * was configured for; the first that holds our zh_CN catalog. */
static const char *locale_dir(char *buf, size_t cap) {
  const char *env = getenv("REPORTLINT_LOCALEDIR");
  if (env && *env)
    return env;
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  char *slash = n > 0 ? (exe[n] = '\0', strrchr(exe, '/')) : NULL;
  static const char *const rel[] = {"build/locale", "locale",
                                    "../share/locale"};
  struct stat st;
  for (int i = 0; slash && i < 3; i++) {
    *slash = '\0';
    snprintf(buf, cap, "%s/%s/zh_CN/LC_MESSAGES/" RL_TEXTDOMAIN ".mo", exe,
             rel[i]);
    if (stat(buf, &st) == 0) {
      snprintf(buf, cap, "%s/%s", exe, rel[i]);
      return buf;
    }
  }
  return RL_LOCALEDIR;
}

/* Messages in Chinese under a Chinese locale, and nothing else changes:
 * under any other locale the process stays in the "C" locale, so its
 * output is byte for byte what it always was. Only LC_MESSAGES (which
 * messages) and LC_CTYPE (in which code: C.UTF-8, classifying bytes as
 * "C" does) are set, never LC_NUMERIC or LC_COLLATE, which would change
 * how numbers are read from rule files and printed. A machine without
 * the zh_CN locale generated (minimal Debian, CI) refuses
 * setlocale(LC_MESSAGES, ""); then C.UTF-8 carries the messages and
 * LANGUAGE=zh_CN picks the catalog (gettext honours LANGUAGE under any
 * locale but "C"). A LANGUAGE the user set is left as it is. */
void cli_setup_locale(void) {
  if (strncmp(requested_language(), "zh", 2) != 0)
    return;
  setlocale(LC_CTYPE, "C.UTF-8");
  if (!setlocale(LC_MESSAGES, "") && !setlocale(LC_MESSAGES, "C.UTF-8"))
    return;
  const char *lang = getenv("LANGUAGE");
  if (!lang || !*lang)
    setenv("LANGUAGE", "zh_CN", 1);
  char buf[PATH_MAX + 64];
  bindtextdomain(RL_TEXTDOMAIN, locale_dir(buf, sizeof buf));
  bind_textdomain_codeset(RL_TEXTDOMAIN, "UTF-8");
}

/* No --rules, no configuration's rules:, and no default rule set. */
static int no_rules_found(const char *looked, rl_diag *d) {
  return diag_set(d, DIAG_RULES, "reportlint", 0, 0,
                  "no rule set found; looked in %s. Give --rules DIR, set "
                  "REPORTLINT_RULES=DIR, keep the rules/ folder beside the "
                  "binary, or install them with 'make install'",
                  looked);
}

/* YYYY-MM-DD in $REPORTLINT_TODAY fixes "today" for waiver expiry (for
 * reproducible runs and tests); otherwise the real date is used. */
static int today_override(void) {
  const char *t = getenv("REPORTLINT_TODAY");
  int y, m, d;
  if (t && sscanf(t, "%4d-%2d-%2d", &y, &m, &d) == 3)
    return y * 10000 + m * 100 + d;
  return 0;
}

/* Rule directories: --rules, else the configuration's (relative to its
 * file), else the default. */
static int load_rule_dirs(const cli *c, rl_ctx *ctx, rl_diag *d) {
  char buf[PATH_MAX + 16];
  if (c->rules_dir || !c->cfg || !c->cfg->nrules_dirs) {
    char *looked = NULL;
    const char *dir = c->rules_dir ? c->rules_dir
                                   : cli_default_rules_dir(buf, sizeof buf,
                                                       &looked);
    int rc = dir ? rl_ctx_load_rules(ctx, dir, d) : no_rules_found(looked, d);
    free(looked);
    return rc;
  }
  for (size_t i = 0; i < c->cfg->nrules_dirs; i++) {
    const char *dir = c->cfg->rules_dirs[i];
    if (dir[0] != '/') {
      snprintf(buf, sizeof buf, "%s/%s", c->cfg->dir, dir);
      dir = buf;
    }
    if (rl_ctx_load_rules(ctx, dir, d) < 0)
      return -1;
  }
  return 0;
}

/* Every rule id a configuration names must exist. */
static int check_config_ids(const config *cfg, const rl_ctx *ctx,
                            rl_diag *d) {
  for (size_t o = 0; cfg && o <= cfg->noverrides; o++) {
    const config_settings *s =
        o == 0 ? &cfg->set : &cfg->overrides[o - 1].set;
    for (size_t i = 0; i < s->nrules; i++) {
      int hit = 0;
      for (int k = 0; k < rl_ctx_ruleset_count(ctx) && !hit; k++) {
        const rl_ruleset *rs = rl_ctx_ruleset(ctx, k);
        for (int j = 0; j < rs->nrules && !hit; j++)
          hit = rules_id_matches(s->rules[i].id, rs->rules[j].id);
      }
      if (!hit) {
        diag_set(d, DIAG_USAGE, cfg->path, 0, 0,
                 "no rule matches '%s' (see 'reportlint rules')",
                 s->rules[i].id);
        cli_suggest_name((rl_ctx *)ctx, d, s->rules[i].id, 0);
        return -1;
      }
    }
  }
  return 0;
}

/* The rule sets. A rule set's files beyond its header are read when a
 * report selects it (rl_ctx_load_ruleset), which saves a one-report check
 * the other sets' YAML; everything else here needs them all: a
 * configuration's or a toggle's rule ids, the pool's clones, --stats. */
static int config_names_rules(const config *cfg) {
  for (size_t o = 0; cfg && o <= cfg->noverrides; o++)
    if ((o == 0 ? &cfg->set : &cfg->overrides[o - 1].set)->nrules)
      return 1;
  return 0;
}

static int reads_rules_lazily(const cli *c) {
  return c->lazy_rules && c->jobs <= 1 && !c->stats &&
         !config_names_rules(c->cfg);
}

rl_ctx *cli_load_ctx(const cli *c, int *rc) {
  rl_options opts = {.department = c->department,
                     .max_bytes = c->max_bytes,
                     .max_line = c->max_line,
                     .max_findings = c->max_findings,
                     .max_read_ms = (unsigned)(c->max_read_s * 1000),
                     .today = today_override(),
                     .input_format = c->input_format};
  rl_ctx *ctx = rl_ctx_new(&opts);
  rl_diag d;
  diag_clear(&d);
  const char *ruleset =
      c->ruleset ? c->ruleset : c->cfg ? c->cfg->ruleset : NULL;
  int loaded = load_rule_dirs(c, ctx, &d) == 0 &&
               (reads_rules_lazily(c) || rl_ctx_load_all(ctx, &d) == 0);
  int bad_set = loaded && ruleset && rl_ctx_use_ruleset(ctx, ruleset, &d) < 0;
  if (bad_set)
    cli_suggest_name(ctx, &d, ruleset, 1);
  if (!loaded || bad_set || check_config_ids(c->cfg, ctx, &d) < 0) {
    cli_print_diag(&d);
    rl_ctx_free(ctx);
    *rc = EXIT_USAGE;
    return NULL;
  }
  for (size_t i = 0; i < c->ntoggles; i++) {
    if (rl_ctx_set_rule(ctx, c->toggles[i] + 1, c->toggles[i][0] == '+',
                        &d) < 0) {
      cli_suggest_name(ctx, &d, c->toggles[i] + 1, 0);
      cli_print_diag(&d);
      rl_ctx_free(ctx);
      *rc = EXIT_USAGE;
      return NULL;
    }
  }
  return ctx;
}

/* --- output -------------------------------------------------------------- */

static void output_failed(const char *path) {
  int err = errno;
  char *name = utf8_escape_name_dup(path);
  char ebuf[256];
  fputs("reportlint: ", stderr);
  fprintf(stderr, _("cannot write '%s': %s"), name,
          i18n_strerror(err, ebuf, sizeof ebuf));
  fputc('\n', stderr);
  free(name);
}

/* Opens -o's stream (see outfile.h). Returns 0, or -1 (said why). */
int cli_output_open(outfile *of, const char *path) {
  if (outfile_open(of, path) == 0)
    return 0;
  output_failed(path);
  return -1;
}

/* Closes -o's stream, the bytes put in place. Returns 0, or -1 (said). */
int cli_output_close(outfile *of, int ok) {
  const char *path = of->path;
  if (outfile_close(of, ok) == 0)
    return 0;
  output_failed(path);
  return -1;
}

int cli_write_output(const char *path, const char *buf, size_t len) {
  if (outfile_write(path, buf, len) == 0)
    return 0;
  output_failed(path);
  return -1;
}

/* An output that is one of the inputs: found by walking the inputs as
 * check and audit will, comparing device and inode (not names), before
 * anything is written. */
typedef struct overlap {
  struct stat out;
  char *input; /* the first input that is the output, or NULL */
} overlap;

static void find_overlap(void *arg, const char *path) {
  overlap *o = arg;
  struct stat st;
  if (!o->input && strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
      st.st_dev == o->out.st_dev && st.st_ino == o->out.st_ino)
    o->input = xstrdup(path);
}

static void ignore_unopened(void *arg, const rl_diag *d) {
  (void)arg;
  (void)d;
}

/* Returns -1 (said why) when writing path would overwrite an input. */
int cli_refuse_overwrite(const cli *c, const char *path) {
  overlap o = {.input = NULL};
  if (!path || outfile_stat(path, &o.out) != 1 || S_ISDIR(o.out.st_mode))
    return 0;
  walker w = {c->cfg, find_overlap, ignore_unopened, &o, NULL,
              c->force_exclude};
  for (size_t i = 0; i < c->npaths && !o.input; i++)
    walk_path(&w, c->paths[i]);
  if (!o.input)
    return 0;
  char *name = utf8_escape_name_dup(o.input);
  fputs("reportlint: ", stderr);
  fprintf(stderr, _("output would overwrite the input %s"), name);
  fputc('\n', stderr);
  free(name);
  free(o.input);
  return -1;
}


/* The configuration: --config FILE, else .reportlint.yaml found walking up
 * from the working directory (unless --no-config). */
int cli_load_config(cli *c) {
  char *found = NULL;
  const char *path = c->config;
  if (!path && !c->no_config)
    path = found = config_find();
  rl_diag d;
  diag_clear(&d);
  int rc = path ? config_load(path, &c->cfg, &d) : 0;
  free(found);
  if (rc < 0)
    cli_print_diag(&d);
  return rc;
}

int cli_fail_on(const cli *c) {
  if (!c->fail_on_set && c->cfg && c->cfg->fail_on >= 0)
    return c->cfg->fail_on;
  return c->fail_on;
}

void cli_print_skipped(const walk_skipped *sk) {
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  walk_skipped_describe(sk, &sb);
  if (sb.len)
    fprintf(stderr, "reportlint: %s\n", sb.p);
  strbuf_release(&sb);
}
