/* docx_xml: see docx_xml.h. libxml2's SAX2 push parser fed in chunks, so
 * no part is ever built into a tree (memory stays proportional to the
 * part, not to its element count), with a structured-error callback so
 * libxml2 reports to us instead of stderr, and an internalSubset callback
 * that halts the parse at the first "<!DOCTYPE", before any entity can be
 * declared. No XML_PARSE_NOENT, DTDLOAD or HUGE: entities are never
 * substituted and libxml2's own size limits stay on. Some libxml2 errors
 * (encoding conversion, "xmlParseChunk: encoder error") bypass the parser
 * context and go to the thread's generic error handler, which prints:
 * that handler is silenced for the parse and restored after it. libxml2
 * is opened (xmllib) by the first parse, not when the program starts. */
#include "docx_xml.h"

#include "alloc.h"
#include "strbuf.h"
#include "xmllib.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum { FEED_CHUNK = 1 << 20 };

typedef struct parse_state {
  const xmllib *xl;
  xmlParserCtxtPtr ctxt;
  const docx_xml_handler *h;
  void *ud;
  int depth;
  int halted;   /* a callback returned -1: it filled the diag */
  int dtd;      /* saw <!DOCTYPE */
  int too_deep; /* nesting over DOCX_XML_MAX_DEPTH */
  int err_line; /* line of libxml2's first error, -1 if none */
  docx_attr *attrs;
  size_t attrs_cap;
  size_t *offs; /* where each value starts in vals */
  size_t offs_cap;
  strbuf vals; /* the attribute values of one element, NUL-separated */
} parse_state;

static void halt(parse_state *ps) { ps->xl->xmlStopParser(ps->ctxt); }

/* libxml2's generic error channel while we parse: says nothing. */
static void silent(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr err) {
  (void)ctx;
  (void)err;
}

/* The thread's libxml2 error handlers (per thread in a threaded libxml2,
 * so -j N workers do not see each other's). */
typedef struct handlers {
  xmlGenericErrorFunc generic;
  void *generic_ctx;
  xmlStructuredErrorFunc structured;
  void *structured_ctx;
} handlers;

static handlers silence_libxml(const xmllib *xl) {
  handlers old = {*xl->generic_error(), *xl->generic_error_context(),
                  *xl->structured_error(), *xl->structured_error_context()};
  xl->xmlSetGenericErrorFunc(NULL, silent);
  xl->xmlSetStructuredErrorFunc(NULL, silent_structured);
  return old;
}

static void restore_libxml(const xmllib *xl, const handlers *old) {
  xl->xmlSetGenericErrorFunc(old->generic_ctx, old->generic);
  xl->xmlSetStructuredErrorFunc(old->structured_ctx, old->structured);
}

/* Copies an attribute value, turning the "&#38;" libxml2 leaves for an
 * escaped ampersand (it defers that to tree building) back into '&'. */
static void put_value(strbuf *sb, const char *s, size_t len) {
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '&' && len - i >= 5 && memcmp(s + i, "&#38;", 5) == 0) {
      strbuf_putc(sb, '&');
      i += 4;
    } else {
      strbuf_putc(sb, s[i]);
    }
  }
  strbuf_putc(sb, '\0');
}

/* libxml2 gives attributes as (local, prefix, URI, value, end) tuples. */
static int collect_attrs(parse_state *ps, int n, const xmlChar **raw) {
  array_grow((void **)&ps->attrs, &ps->attrs_cap, (size_t)n + 1,
             sizeof *ps->attrs);
  array_grow((void **)&ps->offs, &ps->offs_cap, (size_t)n + 1,
             sizeof *ps->offs);
  strbuf_reset(&ps->vals);
  for (int i = 0; i < n; i++) {
    const char *v = (const char *)raw[5 * i + 3];
    const char *e = (const char *)raw[5 * i + 4];
    ps->offs[i] = ps->vals.len;
    put_value(&ps->vals, v, (size_t)(e - v));
  }
  for (int i = 0; i < n; i++) { /* vals may have moved while growing */
    ps->attrs[i].local = (const char *)raw[5 * i];
    ps->attrs[i].ns = (const char *)raw[5 * i + 2];
    ps->attrs[i].val = ps->vals.p + ps->offs[i];
  }
  return n;
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
                     const xmlChar *uri, int nb_ns, const xmlChar **ns,
                     int nb_attrs, int nb_defaulted, const xmlChar **attrs) {
  parse_state *ps = ctx;
  (void)prefix;
  (void)nb_ns;
  (void)ns;
  (void)nb_defaulted;
  if (++ps->depth > DOCX_XML_MAX_DEPTH) {
    ps->too_deep = 1;
    halt(ps);
    return;
  }
  if (!ps->h->start)
    return;
  int n = collect_attrs(ps, nb_attrs, attrs);
  if (ps->h->start(ps->ud, (const char *)uri, (const char *)local, ps->attrs,
                   n) < 0) {
    ps->halted = 1;
    halt(ps);
  }
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
                   const xmlChar *uri) {
  parse_state *ps = ctx;
  (void)prefix;
  ps->depth--;
  if (ps->h->end &&
      ps->h->end(ps->ud, (const char *)uri, (const char *)local) < 0) {
    ps->halted = 1;
    halt(ps);
  }
}

static void on_text(void *ctx, const xmlChar *s, int len) {
  parse_state *ps = ctx;
  if (len > 0 && ps->h->text &&
      ps->h->text(ps->ud, (const char *)s, (size_t)len) < 0) {
    ps->halted = 1;
    halt(ps);
  }
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext,
                       const xmlChar *sys) {
  parse_state *ps = ctx;
  (void)name;
  (void)ext;
  (void)sys;
  ps->dtd = 1;
  halt(ps);
}

static void on_error(void *ctx, xmlErrorPtr err) {
  parse_state *ps = ctx;
  if (err && err->level >= XML_ERR_ERROR && ps->err_line < 0)
    ps->err_line = err->line;
}

/* Feeds the part in chunks (xmlParseChunk takes an int); 0 if libxml2
 * accepted all of it. */
static int feed(parse_state *ps, const char *xml, size_t len, size_t off) {
  while (off < len) {
    size_t n = len - off < FEED_CHUNK ? len - off : FEED_CHUNK;
    if (ps->xl->xmlParseChunk(ps->ctxt, xml + off, (int)n, 0) != 0)
      return -1;
    off += n;
  }
  return ps->xl->xmlParseChunk(ps->ctxt, NULL, 0, 1) != 0 ? -1 : 0;
}

/* The diagnostic for a parse that did not succeed. */
static int parse_diag(const parse_state *ps, const char *part, const char *file,
                      rl_diag *diag) {
  if (ps->dtd)
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "corrupt DOCX: %s has a DTD (entity declarations are "
                    "not allowed)",
                    part);
  if (ps->too_deep)
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "corrupt DOCX: %s nests elements more than %d deep", part,
                    DOCX_XML_MAX_DEPTH);
  if (ps->err_line > 0)
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "corrupt DOCX: %s is not well-formed XML (line %d)", part,
                    ps->err_line);
  return diag_set(diag, DIAG_INPUT, file, 0, 0,
                  "corrupt DOCX: %s is not well-formed XML", part);
}

int docx_xml_parse(const char *xml, size_t len, const char *part,
                   const char *file, const docx_xml_handler *h, void *ud,
                   rl_diag *diag) {
  const char *why;
  const xmllib *xl = xmllib_load(&why);
  if (!xl)
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "cannot read DOCX: libxml2 is not available (%s)", why);
  xmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_text;
  sax.cdataBlock = on_text;
  sax.internalSubset = on_doctype;
  sax.serror = on_error;

  parse_state ps;
  memset(&ps, 0, sizeof ps);
  ps.xl = xl;
  ps.h = h;
  ps.ud = ud;
  ps.err_line = -1;
  strbuf_init(&ps.vals, STRBUF_UNLIMITED);

  handlers old = silence_libxml(xl);
  size_t first = len < 4 ? len : 4; /* enough to detect the encoding */
  ps.ctxt = xl->xmlCreatePushParserCtxt(&sax, &ps, xml, (int)first, part);
  if (!ps.ctxt) {
    restore_libxml(xl, &old);
    strbuf_release(&ps.vals);
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "cannot read DOCX: no memory for an XML parser");
  }
  xl->xmlCtxtUseOptions(ps.ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                     XML_PARSE_NOWARNING);
  int fed = feed(&ps, xml, len, first);
  int ok = fed == 0 && ps.ctxt->wellFormed && ps.err_line < 0 && !ps.halted &&
           !ps.dtd && !ps.too_deep;
  int rc = 0;
  if (!ok && !ps.halted)
    rc = parse_diag(&ps, part, file, diag);
  else if (!ok)
    rc = -1;
  xl->xmlFreeParserCtxt(ps.ctxt);
  restore_libxml(xl, &old);
  free(ps.attrs);
  free(ps.offs);
  strbuf_release(&ps.vals);
  return rc;
}

int docx_xml_is_w(const char *ns) {
  return ns &&
         (strcmp(ns, DOCX_NS_W) == 0 || strcmp(ns, DOCX_NS_W_STRICT) == 0);
}

const char *docx_xml_attr(const docx_attr *attrs, int nattrs,
                          const char *local) {
  for (int i = 0; i < nattrs; i++)
    if (strcmp(attrs[i].local, local) == 0 &&
        (!attrs[i].ns || docx_xml_is_w(attrs[i].ns)))
      return attrs[i].val;
  return NULL;
}

int docx_xml_int(const docx_attr *attrs, int nattrs, const char *local, int def,
                 int lo, int hi) {
  const char *v = docx_xml_attr(attrs, nattrs, local);
  if (!v)
    return def;
  if (strcmp(v, "true") == 0 || strcmp(v, "on") == 0)
    return 1 < lo ? lo : 1 > hi ? hi : 1;
  if (strcmp(v, "false") == 0 || strcmp(v, "off") == 0)
    return 0 < lo ? lo : 0 > hi ? hi : 0;
  char *end;
  long n = strtol(v, &end, 10);
  if (end == v)
    return def;
  if (n < lo)
    return lo;
  if (n > hi)
    return hi;
  return (int)n;
}
