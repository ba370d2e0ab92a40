/* cmd_serve: `reportlint serve` (see cmd_serve.c); part of the command
 * line, like main.c, not of the library. */
#ifndef RL_CMD_SERVE_H
#define RL_CMD_SERVE_H

/* `reportlint serve --help`. */
extern const char cmd_serve_help[];

/* Runs the server until SIGINT or SIGTERM; default_rules is the rules
 * directory when --rules is not given. Returns the exit status. */
int cmd_serve(int argc, char **argv, const char *default_rules);

#endif
