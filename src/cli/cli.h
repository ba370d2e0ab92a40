/* cli: what the command line's files share (main.c, cli_*.c, cmd_*.c).
 *
 * The command line is the only part of reportlint that prints or chooses
 * an exit code; the library (reportlint.h, run.h) returns statuses and
 * diagnostics. cli_args.c turns argv into a `cli`; cli_setup.c turns a
 * `cli` into a context with its rule sets, a configuration and output
 * files; each cmd_*.c is one subcommand. */
#ifndef RL_CLI_H
#define RL_CLI_H

#include "config.h"
#include "reportlint.h"
#include "walk.h"

#include <stddef.h>

typedef enum {
  EXIT_CLEAN = 0,    /* nothing at or above --fail-on */
  EXIT_FINDINGS = 1, /* findings at or above --fail-on */
  EXIT_USAGE = 2,    /* bad usage or a rule error */
  EXIT_INPUT = 3,    /* an input could not be read */
} exit_code;

enum { FAIL_NONE = 3 }; /* --fail-on none */

typedef struct cli {
  const char *rules_dir;
  const char *ruleset;
  const char *format;
  const char *output;
  const char *explain; /* rules --explain ID */
  int lazy_rules;      /* check: read a rule set when a report needs it */
  const char *config;  /* --config FILE */
  int no_config;       /* --no-config */
  int force_exclude;   /* --force-exclude: ignore: applies to named files */
  int help;            /* CMD --help */
  const char *baseline, *write_baseline;
  const char *previous; /* check --previous LAST: last year's report */
  config *cfg;         /* the loaded configuration, or NULL */
  int fail_on_set;     /* --fail-on given (it beats the configuration) */
  int fail_on;  /* rl_severity, or FAIL_NONE */
  int stats;
  int show_source;
  int color;    /* -1 auto */
  int department;
  int input_format;     /* --input-format: an input_format, 0 = by content */
  size_t max_bytes, max_line, max_findings; /* 0 = library defaults */
  size_t max_read_s;   /* --max-read-time: seconds; 0 = library default */
  long jobs;            /* -j N; 0 = the default (check 1, audit per core) */
  int bom;              /* audit --bom */
  const char **toggles; /* "+id" / "-id" in command-line order */
  size_t ntoggles, captoggles;
  const char **paths;
  size_t npaths, cappaths;
} cli;

/* --- cli_args.c: argv → cli, help, did you mean -------------------------- */

/* reportlint --help (cmd NULL), or one command's part. */
void cli_print_help(const char *cmd);
/* 1 if cmd is a subcommand's name. */
int cli_is_command(const char *cmd);
/* "unknown command 'chek'; did you mean 'check'?"; returns EXIT_USAGE. */
int cli_unknown_command(const char *cmd);
/* Parses argv[first..] into c. Returns 0, or an exit code (said why). */
int cli_parse_args(cli *c, int argc, char **argv, int first);
/* --format names a writer of the command's: audit's, or check's. Returns
 * 0, or EXIT_USAGE (said why). */
int cli_check_format(const cli *c, int for_audit);
void cli_release(cli *c);
/* size = digits [k|K|m|M|g|G]      e.g. 50M, 1048576 (must be > 0).
 * Returns 0, or -1 when v is not one. */
int cli_parse_size(const char *v, size_t *out);
/* "reportlint: " fmt "\nTry 'reportlint --help'."; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, const char *arg);
/* A diagnostic on stderr, one line. */
void cli_print_diag(const rl_diag *d);
/* Appends "; did you mean 'X'?" to d's message when a rule id (rulesets:
 * a rule set name) of ctx is close to word. */
void cli_suggest_name(rl_ctx *ctx, rl_diag *d, const char *word,
                      int rulesets);

/* --- cli_setup.c: the run's context, configuration and output files ------ */

/* Under a Chinese locale, messages in Chinese (see cli_setup.c); call
 * first, before any thread starts. */
void cli_setup_locale(void);
/* The default rules directory (see cli_setup.c), or NULL with the places
 * looked at in *looked (newly allocated; the caller frees it). */
const char *cli_default_rules_dir(char *buf, size_t cap, char **looked);
/* The configuration: --config, else .reportlint.yaml up from the working
 * directory. Returns 0, or -1 (said why). */
int cli_load_config(cli *c);
/* The context with c's rule sets and switches. Returns it, or NULL with
 * *rc set (said why). */
rl_ctx *cli_load_ctx(const cli *c, int *rc);
/* The severity that fails a run: --fail-on, else the configuration's. */
int cli_fail_on(const cli *c);
/* -o's stream (outfile.h) opened / closed; whole files written. Each
 * returns 0, or -1 (said why). */
struct outfile;
int cli_output_open(struct outfile *of, const char *path);
int cli_output_close(struct outfile *of, int ok);
int cli_write_output(const char *path, const char *buf, size_t len);
/* Returns -1 (said why) when writing path would overwrite an input. */
int cli_refuse_overwrite(const cli *c, const char *path);
/* "reportlint: 3 files skipped: …" on stderr; nothing if none. */
void cli_print_skipped(const walk_skipped *sk);

/* --- one file per subcommand -------------------------------------------- */

int cmd_check(cli *c);
int cmd_audit(cli *c);
int cmd_rules(cli *c);
int cmd_lint_rules(cli *c);
int cmd_test_rules(cli *c);
int cmd_rules_to_json(const cli *c);

#endif
