/* cmd_serve: the `reportlint serve` subcommand (command line side).
 *
 * Consumes its arguments (--listen ADDR:PORT, --max-upload SIZE, --workers
 * N, --timeout S, --rules DIR); loads every rule set, starts the server
 * (serve.h), logs one line a request to stderr, and runs in the foreground
 * until SIGINT or SIGTERM, then stops accepting, lets the checks in flight
 * finish and exits 0. Like main.c, and unlike the library, it prints. */
#include "cmd_serve.h"

#include "cli.h"

#include "serve.h"
#include "i18n.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


const char cmd_serve_help[] = N_(
    "usage: reportlint serve [--listen ADDR:PORT] [--max-upload SIZE]\n"
    "                        [--workers N] [--queue-wait SECONDS]\n"
    "                        [--timeout SECONDS] [--rules DIR]\n"
    "  --listen ADDR:PORT  IPv4 address and port (default 127.0.0.1:8080);\n"
    "                      put TLS and sign-in in a reverse proxy in front\n"
    "  --max-upload SIZE   largest upload, e.g. 20M (default 20M)\n"
    "  --workers N         checks at once (default: the cores)\n"
    "  --queue-wait SECONDS  how long an upload waits for a free worker\n"
    "                      before 503 (default 10; 0: not at all)\n"
    "  --timeout SECONDS   an idle connection is closed (default 30)\n"
    "  --rules DIR         rule sets to use (default as for check)\n");

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static void log_line(void *arg, const char *line) {
  (void)arg;
  pthread_mutex_lock(&log_lock);
  fprintf(stderr, "%s\n", line);
  pthread_mutex_unlock(&log_lock);
}

static int usage(const char *fmt, const char *arg) {
  fputs("reportlint serve: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs(_("\nTry 'reportlint serve --help'.\n"), stderr);
  return EXIT_USAGE;
}

/* A size (cli_parse_size: 20M, 512K), at most 2 GiB. */
static int parse_size(const char *v, size_t *out) {
  size_t n;
  if (cli_parse_size(v, &n) < 0 || n > ((size_t)1 << 31))
    return -1;
  *out = n;
  return 0;
}

static int parse_int(const char *v, int lo, int hi, int *out) {
  char *end;
  long n = strtol(v, &end, 10);
  if (end == v || *end || n < lo || n > hi)
    return -1;
  *out = (int)n;
  return 0;
}

/* ADDR:PORT into host (cap bytes) and *port. */
static int parse_listen(const char *v, char *host, size_t cap, int *port) {
  const char *colon = strrchr(v, ':');
  if (!colon || colon == v || (size_t)(colon - v) >= cap ||
      parse_int(colon + 1, 1, 65535, port) < 0)
    return -1;
  memcpy(host, v, (size_t)(colon - v));
  host[colon - v] = '\0';
  return 0;
}

typedef struct serve_args {
  char host[64];
  serve_opts o;
  const char *rules;
} serve_args;

static int parse_serve_args(int argc, char **argv, serve_args *a) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  snprintf(a->host, sizeof a->host, "127.0.0.1");
  a->o = (serve_opts){a->host, 8080, (size_t)20 * 1024 * 1024,
                      cores > 0 && cores < 64 ? (int)cores : 2, 30, 10};
  for (int i = 2; i < argc; i++) {
    const char *opt = argv[i];
    const char *eq = strchr(opt, '=');
    char name[32];
    size_t nl = eq ? (size_t)(eq - opt) : strlen(opt);
    if (nl >= sizeof name)
      return usage(_("unknown option '%s'"), opt);
    memcpy(name, opt, nl);
    name[nl] = '\0';
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
      fputs(_(cmd_serve_help), stdout);
      return 1;
    }
    const char *v = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
    if (!v)
      return usage(_("option '%s' needs a value"), name);
    int bad = 0;
    if (strcmp(name, "--listen") == 0)
      bad = parse_listen(v, a->host, sizeof a->host, &a->o.port);
    else if (strcmp(name, "--max-upload") == 0)
      bad = parse_size(v, &a->o.max_upload);
    else if (strcmp(name, "--workers") == 0)
      bad = parse_int(v, 1, 256, &a->o.workers);
    else if (strcmp(name, "--timeout") == 0)
      bad = parse_int(v, 1, 3600, &a->o.timeout);
    else if (strcmp(name, "--queue-wait") == 0)
      bad = parse_int(v, 0, 3600, &a->o.queue_wait);
    else if (strcmp(name, "--rules") == 0)
      a->rules = v;
    else
      return usage(_("unknown option '%s'"), name);
    if (bad)
      return usage(_("bad value for %s"), name);
  }
  return 0;
}

int cmd_serve(int argc, char **argv, const char *default_rules) {
  serve_args a = {0};
  int rc = parse_serve_args(argc, argv, &a);
  if (rc)
    return rc > 0 ? EXIT_CLEAN : rc;
  rl_diag d;
  diag_clear(&d);
  rl_ctx *ctx = rl_ctx_new(NULL);
  const char *dir = a.rules ? a.rules : default_rules;
  if (rl_ctx_load_rules(ctx, dir, &d) < 0 || rl_ctx_load_all(ctx, &d) < 0) {
    fprintf(stderr, "reportlint serve: %s%s%s\n", d.file[0] ? d.file : "",
            d.file[0] ? ": " : "", d.msg);
    rl_ctx_free(ctx);
    return EXIT_USAGE;
  }
  /* The server's threads inherit this mask: the signals come to sigwait. */
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  signal(SIGPIPE, SIG_IGN);
  serve *s = serve_start(ctx, &a.o, log_line, NULL, &d);
  if (!s) {
    fprintf(stderr, "reportlint serve: %s\n", d.msg);
    rl_ctx_free(ctx);
    return EXIT_USAGE;
  }
  fprintf(stderr,
          _("reportlint serve: listening on http://%s:%d/ (%d workers, "
            "uploads up to %zu bytes)\n"),
          a.o.host, a.o.port, a.o.workers, a.o.max_upload);
  int sig = 0;
  sigwait(&stop, &sig);
  fprintf(stderr, _("reportlint serve: %s, stopping\n"),
          sig == SIGINT ? "SIGINT" : "SIGTERM");
  serve_stop(s);
  rl_ctx_free(ctx);
  return EXIT_CLEAN;
}
