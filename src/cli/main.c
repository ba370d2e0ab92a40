/* main: the reportlint command line's entry: picks the subcommand and
 * hands it the parsed arguments.
 *
 *   reportlint check [options] PATH...   check reports      (cmd_check.c)
 *   reportlint audit [options] PATH...   one summary        (cmd_audit.c)
 *   reportlint serve [options]           the web page       (cmd_serve.c)
 *   reportlint rules [--explain ID]      list or document the rules
 *   reportlint lint-rules DIR            validate a rule set
 *   reportlint test-rules DIR            run the rules' examples
 *                                        (the last three: cmd_rules.c)
 * Only the command line (main.c, cli_*.c, cmd_*.c) prints or exits; the
 * library returns statuses and diagnostics. */
#include "cli.h"

#include "cmd_serve.h"
#include "i18n.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int run_command(const char *cmd, cli *c) {
  if (strcmp(cmd, "check") == 0)
    return cmd_check(c);
  if (strcmp(cmd, "audit") == 0)
    return cmd_audit(c);
  if (strcmp(cmd, "rules") == 0)
    return cmd_rules(c);
  if (strcmp(cmd, "lint-rules") == 0)
    return cmd_lint_rules(c);
  if (strcmp(cmd, "test-rules") == 0)
    return cmd_test_rules(c);
  return cmd_rules_to_json(c);
}

int main(int argc, char **argv) {
  /* A file size limit must fail the write (and -o cleans up), not kill us
   * with a temporary file left behind. */
  signal(SIGXFSZ, SIG_IGN);
  cli_setup_locale();
  if (argc < 2)
    return cli_usage_error("%s", _("no command given"));
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
      (strcmp(cmd, "help") == 0 && argc < 3)) {
    cli_print_help(NULL);
    return EXIT_CLEAN;
  }
  if (strcmp(cmd, "--version") == 0) {
    printf("reportlint %s\n", RL_VERSION);
    return EXIT_CLEAN;
  }
  if (strcmp(cmd, "serve") == 0) {
    char buf[PATH_MAX + 16], *looked = NULL;
    const char *dir = cli_default_rules_dir(buf, sizeof buf, &looked);
    int rc = cmd_serve(argc, argv, dir ? dir : RL_DATADIR "/rules");
    free(looked);
    return rc;
  }
  if (strcmp(cmd, "help") == 0) { /* help CMD */
    if (!cli_is_command(argv[2]))
      return cli_unknown_command(argv[2]);
    cli_print_help(argv[2]);
    return EXIT_CLEAN;
  }
  if (!cli_is_command(cmd))
    return cli_unknown_command(cmd);
  cli c = {.fail_on = RL_SEV_ERROR, .show_source = 1, .color = -1};
  int rc = cli_parse_args(&c, argc, argv, 2);
  if (rc == 0 && c.help)
    cli_print_help(cmd);
  else if (rc == 0)
    rc = cli_check_format(&c, strcmp(cmd, "audit") == 0);
  if (rc == 0 && !c.help)
    rc = run_command(cmd, &c);
  cli_release(&c);
  return rc;
}
