/* serve: the HTTP server (see serve.h). libmicrohttpd parses HTTP and
 * multipart bodies (Debian's libmicrohttpd, a well-kept GNU library: a
 * hand-written HTTP parser is where servers break); this file routes,
 * checks through the library and renders. */
#include "serve.h"

#include "alloc.h"
#include "dynlib.h"
#include "monoclock.h"
#include "output.h"
#include "report.h"
#include "rules.h"
#include "strbuf.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef RL_MHD_SONAME
#define RL_MHD_SONAME "libmicrohttpd.so.12"
#endif

enum {
  POST_BUFFER = 64 * 1024,  /* libmicrohttpd's multipart buffer */
  FIELD_MAX = 64,           /* a form field other than the file */
  NAME_MAX_BYTES = 200,     /* the uploaded file's name, as kept */
  OUT_MAX = 64 * 1024 * 1024,
};

/* The libmicrohttpd calls, found in the library at run time. */
typedef struct mhd_api {
  struct MHD_Daemon *(*start_daemon)(unsigned int, uint16_t,
                                     MHD_AcceptPolicyCallback, void *,
                                     MHD_AccessHandlerCallback, void *, ...);
  void (*stop_daemon)(struct MHD_Daemon *);
  struct MHD_Response *(*response_from_buffer)(size_t, void *,
                                               enum MHD_ResponseMemoryMode);
  enum MHD_Result (*add_header)(struct MHD_Response *, const char *,
                                const char *);
  enum MHD_Result (*queue_response)(struct MHD_Connection *, unsigned int,
                                    struct MHD_Response *);
  void (*destroy_response)(struct MHD_Response *);
  struct MHD_PostProcessor *(*post_processor)(struct MHD_Connection *,
                                              size_t, MHD_PostDataIterator,
                                              void *);
  enum MHD_Result (*post_process)(struct MHD_PostProcessor *, const char *,
                                  size_t);
  enum MHD_Result (*destroy_post_processor)(struct MHD_PostProcessor *);
  const char *(*lookup_value)(struct MHD_Connection *, enum MHD_ValueKind,
                              const char *);
  MHD_socket (*quiesce)(struct MHD_Daemon *);
} mhd_api;

struct serve {
  mhd_api api;
  struct MHD_Daemon *daemon;
  rl_ctx *ctx;
  serve_opts o;
  serve_log_fn log;
  void *log_arg;
  sem_t slots;   /* free workers for checks */
  pthread_mutex_t lock;
  pthread_cond_t idle; /* signalled when `active` drops to 0 */
  int active;    /* requests begun and not completed */
};

/* One request: what its body said so far. */
typedef struct request {
  double start;            /* monoclock_seconds() when it came */
  struct MHD_PostProcessor *pp;
  strbuf body;             /* the uploaded file */
  char name[NAME_MAX_BYTES];
  char ruleset[FIELD_MAX];
  int department, has_file, too_big, bad, answered;
} request;

static void log_request(serve *s, const request *rq, const char *method,
                        const char *url, unsigned status, size_t bytes,
                        const char *format, const size_t *counts) {
  char when[32], line[512];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  int n = snprintf(line, sizeof line, "%s %s %.60s %u %zuB %s %.1fms", when,
                   method, url, status, bytes, format ? format : "-",
                   rq ? (monoclock_seconds() - rq->start) * 1e3 : 0.0);
  if (counts && n > 0 && (size_t)n < sizeof line)
    snprintf(line + n, sizeof line - (size_t)n,
             " errors=%zu warnings=%zu infos=%zu", counts[RL_SEV_ERROR],
             counts[RL_SEV_WARNING], counts[RL_SEV_INFO]);
  if (s->log)
    s->log(s->log_arg, line);
}

/* ---- pages ------------------------------------------------------------- */

static const char page_style[] =
    "<style>body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\","
    "sans-serif;max-width:52em;margin:2em auto;padding:0 1em;color:#222;"
    "line-height:1.6}h1{font-size:1.5em}label{display:block;margin:.8em 0}"
    "button{font-size:1.1em;padding:.4em 1.6em}.rule{border-top:1px solid "
    "#ddd;padding:.6em 0}.id{font-family:monospace;color:#555}pre{white-"
    "space:pre-wrap;background:#f6f6f6;padding:.5em}</style>";

static void page_open(strbuf *b, const char *title) {
  strbuf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta "
                 "charset=\"utf-8\"><title>");
  out_html_escape(b, title, strlen(title));
  strbuf_puts(b, "</title>");
  strbuf_puts(b, page_style);
  strbuf_puts(b, "</head><body>\n");
}

static void page_close(strbuf *b) { strbuf_puts(b, "</body></html>\n"); }

static void put_escaped(strbuf *b, const char *s) {
  if (s)
    out_html_escape(b, s, strlen(s));
}

/* A page that says one thing: a limit, an unreadable file, a bad form. */
static void message_page(strbuf *b, const char *title, const char *text) {
  page_open(b, title);
  strbuf_puts(b, "<h1>");
  put_escaped(b, title);
  strbuf_puts(b, "</h1><p>");
  put_escaped(b, text);
  strbuf_puts(b, "</p><p><a href=\"/\">返回，重新选择文件</a></p>");
  page_close(b);
}

static void upload_page(const serve *s, strbuf *b) {
  page_open(b, "年度报告检查");
  strbuf_puts(b,
              "<h1>年度报告检查</h1><p>选择报告文件（Word 的 .docx、PDF、网页 "
              ".html、文本 .txt 或 .md），点“检查”。文件只在本次检查中使用，"
              "不保存。</p>\n<form method=\"post\" action=\"/check\" "
              "enctype=\"multipart/form-data\">\n<label>报告文件 <input "
              "type=\"file\" name=\"file\" required accept=\".docx,.pdf,"
              ".html,.htm,.txt,.md\"></label>\n<label>报告类型 <select "
              "name=\"ruleset\"><option value=\"auto\">自动识别</option>");
  for (int i = 0; i < rl_ctx_ruleset_count(s->ctx); i++) {
    const rl_ruleset *rs = rl_ctx_ruleset(s->ctx, i);
    if (rs->fallback)
      continue;
    strbuf_puts(b, "<option value=\"");
    put_escaped(b, rs->name);
    strbuf_puts(b, "\">");
    put_escaped(b, rs->report_type ? rs->report_type : rs->name);
    strbuf_puts(b, "</option>");
  }
  strbuf_printf(b,
                "</select></label>\n<label><input type=\"checkbox\" "
                "name=\"department\" value=\"1\"> 部门报告（按部门的报送"
                "期限检查）</label>\n<button type=\"submit\">检查</button>\n"
                "</form>\n<p>文件不超过 %zu MB。<a href=\"/rules\">检查规则"
                "说明</a></p>",
                s->o.max_upload / (1024 * 1024));
  page_close(b);
}

static const char *severity_name(rl_severity sev) {
  return sev == RL_SEV_ERROR ? "错误" : sev == RL_SEV_WARNING ? "警告" : "提示";
}

static void rule_entry(strbuf *b, const rl_ruleset *rs, const rule *r,
                       int full) {
  strbuf_puts(b, "<div class=\"rule\"><h2><a href=\"/rules/");
  put_escaped(b, rs->name);
  strbuf_puts(b, "/");
  put_escaped(b, r->id);
  strbuf_puts(b, "\">");
  put_escaped(b, r->description ? r->description : r->id);
  strbuf_puts(b, "</a></h2><p><span class=\"id\">");
  put_escaped(b, rs->name);
  strbuf_puts(b, "/");
  put_escaped(b, r->id);
  strbuf_printf(b, "</span> · %s</p>", severity_name(r->severity));
  if (r->regulation) {
    strbuf_puts(b, "<p>依据：");
    put_escaped(b, r->regulation);
    strbuf_puts(b, "</p>");
  }
  for (int k = 0; full && k < r->nbad; k++) {
    strbuf_puts(b, "<p>会被指出的写法：</p><pre>");
    put_escaped(b, r->bad[k]);
    strbuf_puts(b, "</pre>");
  }
  for (int k = 0; full && k < r->ngood; k++) {
    strbuf_puts(b, "<p>正确的写法：</p><pre>");
    put_escaped(b, r->good[k]);
    strbuf_puts(b, "</pre>");
  }
  strbuf_puts(b, "</div>\n");
}

/* /rules, or /rules/SET/ID (or /rules/ID, the first set that has it).
 * Returns 0, or -1 if no rule has that id. */
static int rules_page(const serve *s, const char *which, strbuf *b) {
  page_open(b, "检查规则");
  strbuf_puts(b, "<p><a href=\"/\">检查报告</a></p>");
  int shown = 0;
  for (int i = 0; i < rl_ctx_ruleset_count(s->ctx); i++) {
    const rl_ruleset *rs = rl_ctx_ruleset(s->ctx, i);
    size_t nl = strlen(rs->name);
    const char *id = which;
    if (which && strncmp(which, rs->name, nl) == 0 && which[nl] == '/')
      id = which + nl + 1;
    if (!which) {
      strbuf_puts(b, "<h1>");
      put_escaped(b, rs->report_type ? rs->report_type : rs->name);
      strbuf_puts(b, "</h1>");
    }
    for (int k = 0; k < rs->nrules; k++) {
      if (id && strcmp(rs->rules[k].id, id) != 0)
        continue;
      rule_entry(b, rs, &rs->rules[k], which != NULL);
      shown++;
      if (which)
        break;
    }
    if (which && shown)
      break;
  }
  page_close(b);
  return which && !shown ? -1 : 0;
}

/* ---- answers ----------------------------------------------------------- */

/* The answer with body (taken); retry_after, if not NULL, is the
 * Retry-After header of a 503. */
static enum MHD_Result answer_with(serve *s, struct MHD_Connection *conn,
                                   unsigned status, const char *type,
                                   strbuf *body, const char *retry_after) {
  size_t len;
  char *p = strbuf_detach(body, &len);
  struct MHD_Response *resp = s->api.response_from_buffer(
      len, p ? p : (char *)"", MHD_RESPMEM_MUST_COPY);
  free(p);
  if (!resp)
    return MHD_NO;
  s->api.add_header(resp, "Content-Type", type);
  s->api.add_header(resp, "Cache-Control", "no-store");
  s->api.add_header(resp, "X-Content-Type-Options", "nosniff");
  if (retry_after)
    s->api.add_header(resp, "Retry-After", retry_after);
  enum MHD_Result rc = s->api.queue_response(conn, status, resp);
  s->api.destroy_response(resp);
  return rc;
}

static enum MHD_Result answer(serve *s, struct MHD_Connection *conn,
                              unsigned status, const char *type,
                              strbuf *body) {
  return answer_with(s, conn, status, type, body, NULL);
}

static const char html_type[] = "text/html; charset=utf-8";

static enum MHD_Result answer_message(serve *s, struct MHD_Connection *conn,
                                      request *rq, const char *method,
                                      const char *url, unsigned status,
                                      const char *title, const char *text) {
  strbuf b;
  strbuf_init(&b, OUT_MAX);
  message_page(&b, title, text);
  log_request(s, rq, method, url, status, rq ? rq->body.len : 0, NULL, NULL);
  if (rq)
    rq->answered = 1;
  return answer(s, conn, status, html_type, &b);
}

/* The writer and media type for ?format= of /api/check. */
static out_writer api_writer(const char *fmt, const char **type) {
  static const struct {
    const char *name, *type;
  } formats[] = {{"json", "application/json"},
                 {"sarif", "application/sarif+json"},
                 {"junit", "application/xml"},
                 {"jsonl", "application/x-ndjson"}};
  for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
    if (strcmp(fmt, formats[i].name) == 0) {
      *type = formats[i].type;
      return output_find(formats[i].name);
    }
  return NULL;
}

/* Waits up to o.queue_wait seconds for a free worker. Returns 1 with one
 * taken (give it back with sem_post), or 0 when none came free. */
static int take_slot(serve *s) {
  if (sem_trywait(&s->slots) == 0)
    return 1;
  if (s->o.queue_wait <= 0)
    return 0;
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += s->o.queue_wait;
  int rc;
  while ((rc = sem_timedwait(&s->slots, &until)) < 0 && errno == EINTR)
    ;
  return rc == 0;
}

static enum MHD_Result answer_busy(serve *s, struct MHD_Connection *conn,
                                   request *rq, const char *url) {
  strbuf b;
  strbuf_init(&b, OUT_MAX);
  message_page(&b, "服务器正忙",
               "正在检查的报告太多，请过一会儿再提交（文件没有保存，"
               "需要重新选择）。");
  log_request(s, rq, "POST", url, 503, rq->body.len, NULL, NULL);
  rq->answered = 1;
  char retry[16];
  snprintf(retry, sizeof retry, "%d", s->o.queue_wait > 0 ? s->o.queue_wait
                                                          : 5);
  return answer_with(s, conn, 503, html_type, &b, retry);
}

/* Checks the upload and answers with the report page or an API format. */
static enum MHD_Result check_upload(serve *s, struct MHD_Connection *conn,
                                    request *rq, const char *url, int api) {
  const char *fmt = api ? s->api.lookup_value(conn, MHD_GET_ARGUMENT_KIND,
                                              "format")
                        : "html";
  const char *type = html_type;
  out_writer w = api ? api_writer(fmt ? fmt : "json", &type)
                     : output_find("html");
  if (!w)
    return answer_message(s, conn, rq, "POST", url, 400, "格式不支持",
                          "format 只能是 json、sarif、junit 或 jsonl");
  rl_diag d;
  diag_clear(&d);
  rl_ctx *c = rl_ctx_clone(s->ctx);
  if (rq->ruleset[0] && strcmp(rq->ruleset, "auto") != 0 &&
      rl_ctx_use_ruleset(c, rq->ruleset, &d) < 0) {
    rl_ctx_free(c);
    return answer_message(s, conn, rq, "POST", url, 400, "报告类型不存在",
                          d.msg);
  }
  rl_report *r = rl_report_from_text(c, rq->name, rq->body.p ? rq->body.p : "",
                                     rq->body.len, &d);
  if (!r) {
    char why[sizeof d.msg + NAME_MAX_BYTES + 8];
    snprintf(why, sizeof why, "%s：%s", rq->name, d.msg);
    rl_ctx_free(c);
    return answer_message(s, conn, rq, "POST", url, 422, "文件无法读取", why);
  }
  rl_check_opts o = {.department = rq->department ? 1 : -1};
  int rc = rl_report_check_opts(c, r, &o, &d);
  rl_diag errors[1] = {d};
  out_result res = {.reports = &r,
                    .nreports = 1,
                    .rule_errors = errors,
                    .nrule_errors = rc < 0 ? 1 : 0,
                    .ctx = c,
                    .show_source = 1,
                    .rules_url = "/rules/"};
  strbuf out;
  strbuf_init(&out, OUT_MAX);
  w(&res, &out);
  size_t counts[3] = {rl_report_count(r, RL_SEV_INFO),
                      rl_report_count(r, RL_SEV_WARNING),
                      rl_report_count(r, RL_SEV_ERROR)};
  log_request(s, rq, "POST", url, 200, rq->body.len,
              r->fmt->name, counts);
  rl_report_free(r);
  rl_ctx_free(c);
  rq->answered = 1;
  return answer(s, conn, 200, type, &out);
}

/* ---- the request cycle ------------------------------------------------- */

static void keep_name(request *rq, const char *filename) {
  const char *base = strrchr(filename, '/');
  base = base ? base + 1 : filename;
  const char *bs = strrchr(base, '\\'); /* a Windows path */
  base = bs ? bs + 1 : base;
  snprintf(rq->name, sizeof rq->name, "%s", *base ? base : "upload");
}

static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind,
                                const char *key, const char *filename,
                                const char *content_type,
                                const char *transfer_encoding,
                                const char *data, uint64_t off, size_t size) {
  request *rq = cls;
  (void)kind;
  (void)content_type;
  (void)transfer_encoding;
  if (strcmp(key, "file") == 0) {
    if (off == 0 && filename)
      keep_name(rq, filename);
    rq->has_file = 1;
    if (size && strbuf_put(&rq->body, data, size) < 0) {
      rq->too_big = 1;
      return MHD_NO;
    }
  } else if (strcmp(key, "ruleset") == 0 && off + size < FIELD_MAX) {
    memcpy(rq->ruleset + off, data, size);
    rq->ruleset[off + size] = '\0';
  } else if (strcmp(key, "department") == 0) {
    rq->department = size > 0 && data[0] != '0';
  }
  return MHD_YES;
}

static enum MHD_Result route(serve *s, struct MHD_Connection *conn,
                             request *rq, const char *url,
                             const char *method) {
  int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
  int post = strcmp(method, "POST") == 0;
  strbuf b;
  strbuf_init(&b, OUT_MAX);
  if (get && strcmp(url, "/") == 0) {
    upload_page(s, &b);
    log_request(s, rq, method, url, 200, 0, NULL, NULL);
    return answer(s, conn, 200, html_type, &b);
  }
  if (get && strcmp(url, "/healthz") == 0) {
    strbuf_puts(&b, "ok\n");
    return answer(s, conn, 200, "text/plain; charset=utf-8", &b);
  }
  if (get && (strcmp(url, "/rules") == 0 || strncmp(url, "/rules/", 7) == 0)) {
    if (rules_page(s, url[6] ? url + 7 : NULL, &b) == 0) {
      log_request(s, rq, method, url, 200, 0, NULL, NULL);
      return answer(s, conn, 200, html_type, &b);
    }
    strbuf_release(&b);
    return answer_message(s, conn, rq, method, url, 404, "没有这条规则",
                          "请从规则列表中选择。");
  }
  strbuf_release(&b);
  int check = strcmp(url, "/check") == 0, api = strcmp(url, "/api/check") == 0;
  if ((check || api) && !post)
    return answer_message(s, conn, rq, method, url, 405, "请用表单提交",
                          "检查要用 POST 方式上传文件。");
  if (!check && !api)
    return answer_message(s, conn, rq, method, url, 404, "没有这个页面",
                          "请从首页开始。");
  if (rq->bad || !rq->has_file)
    return answer_message(s, conn, rq, method, url, 400, "没有收到文件",
                          "请求不是带文件的表单（multipart/form-data，文件"
                          "字段名 file）。");
  if (!take_slot(s))
    return answer_busy(s, conn, rq, url);
  enum MHD_Result rc = check_upload(s, conn, rq, url, api);
  sem_post(&s->slots);
  return rc;
}

static enum MHD_Result too_big(serve *s, struct MHD_Connection *conn,
                               request *rq, const char *method,
                               const char *url) {
  char text[128];
  snprintf(text, sizeof text, "文件超过 %zu MB 的上限，请压缩图片或拆分后再检查。",
           s->o.max_upload / (1024 * 1024));
  return answer_message(s, conn, rq, method, url, 413, "文件太大", text);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version,
                                  const char *upload_data,
                                  size_t *upload_data_size, void **req_cls) {
  serve *s = cls;
  request *rq = *req_cls;
  (void)version;
  if (!rq) {
    pthread_mutex_lock(&s->lock);
    s->active++;
    pthread_mutex_unlock(&s->lock);
    rq = xcalloc(1, sizeof *rq);
    rq->start = monoclock_seconds();
    strbuf_init(&rq->body, s->o.max_upload);
    snprintf(rq->name, sizeof rq->name, "upload");
    *req_cls = rq;
    if (strcmp(method, "POST") != 0)
      return MHD_YES;
    const char *cl = s->api.lookup_value(conn, MHD_HEADER_KIND,
                                         "Content-Length");
    if (cl && strtoull(cl, NULL, 10) > s->o.max_upload)
      return too_big(s, conn, rq, method, url);
    rq->pp = s->api.post_processor(conn, POST_BUFFER, on_field, rq);
    rq->bad = rq->pp == NULL;
    return MHD_YES;
  }
  if (*upload_data_size) {
    if (!rq->bad && !rq->too_big && rq->pp &&
        s->api.post_process(rq->pp, upload_data, *upload_data_size) !=
            MHD_YES)
      rq->bad = !rq->too_big;
    *upload_data_size = 0;
    return MHD_YES;
  }
  if (rq->answered)
    return MHD_YES;
  /* The body is all in: a multipart body cut short (no closing boundary)
   * is refused, not checked as far as it got. */
  if (rq->pp && s->api.destroy_post_processor(rq->pp) != MHD_YES)
    rq->bad = !rq->too_big;
  rq->pp = NULL;
  if (rq->too_big)
    return too_big(s, conn, rq, method, url);
  return route(s, conn, rq, url, method);
}

static void on_completed(void *cls, struct MHD_Connection *conn,
                         void **req_cls, enum MHD_RequestTerminationCode toe) {
  serve *s = cls;
  request *rq = *req_cls;
  (void)conn;
  (void)toe;
  if (!rq)
    return;
  if (rq->pp)
    s->api.destroy_post_processor(rq->pp);
  strbuf_release(&rq->body);
  free(rq);
  *req_cls = NULL;
  pthread_mutex_lock(&s->lock);
  if (--s->active == 0)
    pthread_cond_broadcast(&s->idle);
  pthread_mutex_unlock(&s->lock);
}

/* ---- start and stop ---------------------------------------------------- */

static int open_mhd(mhd_api *a, rl_diag *diag) {
  char why[256];
  const dynlib_sym syms[] = {
      {"MHD_start_daemon", &a->start_daemon},
      {"MHD_stop_daemon", &a->stop_daemon},
      {"MHD_create_response_from_buffer", &a->response_from_buffer},
      {"MHD_add_response_header", &a->add_header},
      {"MHD_queue_response", &a->queue_response},
      {"MHD_destroy_response", &a->destroy_response},
      {"MHD_create_post_processor", &a->post_processor},
      {"MHD_post_process", &a->post_process},
      {"MHD_destroy_post_processor", &a->destroy_post_processor},
      {"MHD_lookup_connection_value", &a->lookup_value},
      {"MHD_quiesce_daemon", &a->quiesce}};
  if (dynlib_load(RL_MHD_SONAME, syms, sizeof syms / sizeof *syms, why,
                  sizeof why) < 0)
    return diag_set(diag, DIAG_USAGE, NULL, 0, 0,
                    "cannot serve: libmicrohttpd is not available (%s; "
                    "apt-get install libmicrohttpd12)",
                    why);
  return 0;
}

/* Releases what serve_start made besides the daemon. */
static void serve_free(serve *s) {
  sem_destroy(&s->slots);
  pthread_mutex_destroy(&s->lock);
  pthread_cond_destroy(&s->idle);
  free(s);
}

serve *serve_start(rl_ctx *ctx, const serve_opts *o, serve_log_fn log,
                   void *log_arg, rl_diag *diag) {
  serve *s = xcalloc(1, sizeof *s);
  if (open_mhd(&s->api, diag) < 0) {
    free(s);
    return NULL;
  }
  s->ctx = ctx;
  s->o = *o;
  s->log = log;
  s->log_arg = log_arg;
  sem_init(&s->slots, 0, (unsigned)(o->workers > 0 ? o->workers : 1));
  pthread_mutex_init(&s->lock, NULL);
  pthread_cond_init(&s->idle, NULL);
  struct sockaddr_in addr;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_port = htons((uint16_t)o->port);
  if (inet_pton(AF_INET, o->host, &addr.sin_addr) != 1) {
    serve_free(s);
    diag_set(diag, DIAG_USAGE, NULL, 0, 0,
             "--listen: '%s' is not an IPv4 address", o->host);
    return NULL;
  }
  /* a thread per connection: an upload waiting for a free worker
   * (take_slot) holds up nothing but itself */
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD |
                   MHD_USE_THREAD_PER_CONNECTION | MHD_USE_AUTO |
                   MHD_USE_ITC; /* for MHD_quiesce_daemon */
  s->daemon = s->api.start_daemon(
      flags, (uint16_t)o->port, NULL, NULL, on_request, s,
      MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)o->timeout,
      MHD_OPTION_CONNECTION_LIMIT, (unsigned int)(o->workers * 64 + 64),
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(256 * 1024),
      MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
  if (!s->daemon) {
    serve_free(s);
    diag_set(diag, DIAG_USAGE, NULL, 0, 0,
             "cannot listen on %s:%d (address in use, or not this "
             "machine's)",
             o->host, o->port);
    return NULL;
  }
  return s;
}

/* Waits until no request is in flight, at most `seconds`. */
static void wait_idle(serve *s, int seconds) {
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += seconds;
  pthread_mutex_lock(&s->lock);
  while (s->active > 0 &&
         pthread_cond_timedwait(&s->idle, &s->lock, &until) == 0)
    ;
  pthread_mutex_unlock(&s->lock);
}

void serve_stop(serve *s) {
  if (!s)
    return;
  /* no new connections; the requests in flight (an upload being read, a
   * check) finish and are answered, within a bound */
  MHD_socket fd = s->api.quiesce(s->daemon);
  if (fd != MHD_INVALID_SOCKET)
    close(fd);
  wait_idle(s, s->o.queue_wait + s->o.timeout + 60);
  s->api.stop_daemon(s->daemon);
  serve_free(s);
}
