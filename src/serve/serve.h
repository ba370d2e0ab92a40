/* serve: reportlint over HTTP, for drafters without a terminal and the
 * offices that collect reports.
 *
 * Consumes a context with its rule sets loaded and the server's options;
 * runs an HTTP server (libmicrohttpd, opened with dlopen() when the server
 * starts, so a check never loads it) until serve_stop() is called:
 *   GET  /             the upload page (a plain form; works without script)
 *   POST /check        the report page of the uploaded file (HTML)
 *   POST /api/check    the findings as JSON (?format=sarif|junit|jsonl|json)
 *   GET  /rules        every rule with its meaning; GET /rules/ID one rule
 *   GET  /healthz      "ok"
 * An upload is checked in memory and forgotten: nothing is written to disk
 * and no content is logged. Each request produces one log line (time,
 * method, path, status, size, format, duration, counts) through the
 * caller's log function; the server never prints. Checks run on at most
 * `workers` threads at once; an upload that finds them all busy waits up
 * to queue_wait seconds for one, then gets 503 with Retry-After (the
 * server stays responsive: other pages are served meanwhile); an upload
 * over max_upload gets 413, a body
 * that is not a multipart form 400, a file that cannot be read 422 with
 * the same one-line reason the command line gives. */
#ifndef RL_SERVE_H
#define RL_SERVE_H

#include "reportlint.h"

#include <stddef.h>

typedef struct serve_opts {
  const char *host;   /* an IPv4 address to listen on, e.g. "127.0.0.1" */
  int port;
  size_t max_upload;  /* bytes of one request body */
  int workers;        /* checks at once (threads of the server) */
  int timeout;        /* seconds a connection may stay idle */
  int queue_wait;     /* seconds an upload waits for a free worker before
                         503 (0: none) */
} serve_opts;

typedef void (*serve_log_fn)(void *arg, const char *line);

typedef struct serve serve;

/* Starts the server on ctx (its rule sets all loaded; it must outlive the
 * server). Returns the server, or NULL with diag (the library cannot be
 * opened, the address is taken or wrong). */
serve *serve_start(rl_ctx *ctx, const serve_opts *o, serve_log_fn log,
                   void *log_arg, rl_diag *diag);
/* Stops accepting, lets the requests in flight finish and frees the
 * server. */
void serve_stop(serve *s);

#endif
