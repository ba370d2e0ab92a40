/* read_html: an HTML page → the text of its article, mapped to the page.
 *
 * Consumes a portal page's raw bytes; produces out->src (the page decoded
 * to UTF-8 with LF line ends, whose lines and columns are the user's),
 * out->text (the article: one line per block, a table row per line with
 * its cells joined by tabs) and out->map (each text byte → src offset).
 * The article is the first <article> or <main> with text; else, of the
 * elements whose id or class names it (article, content, TRS_Editor,
 * zoom, detail, main-text, or con as a word), the one with the most
 * non-link text; else the container (div, td, li, section...) whose own
 * paragraphs hold the most non-link text, a nested container's text
 * counting half, so that a link-heavy navigation block loses. */
#include "reader.h"

#include "alloc.h"
#include "decode.h"
#include "html_page.h"
#include "webfurn.h"
#include "strbuf.h"
#include "utf8.h"
#include "xmllib.h"


#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
  SNIFF_BYTES = 2048,        /* where a <meta> charset declaration counts */
  MAX_DEPTH = 256,           /* element nesting (libxml2 stops at 256 too) */
  MAX_ATTRS = 256,           /* attributes in one tag: libxml2 compares them in
                                pairs, so ten thousand would take minutes */
  MAX_ATTR_PAIRS = 50000000, /* such comparisons in the page (about 1 s) */
  MAX_NODES = 500000,        /* elements and comments in libxml2's tree */
  ALIGN_WINDOW = 1024,       /* characters a node may start past the cursor */
  ALIGN_EXACT = 8,           /* leading characters of a node that must match */
  ALIGN_RESYNC = 6,          /* characters skipped to get past a mismatch */
  ALIGN_AHEAD = 3,           /* characters that must match after a resync */
  ALIGN_BUDGET = 16,         /* bytes lexed per source byte before giving up */
};

#define NO_OFFSET ((size_t)-1)

static int is_ascii_space(uint32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* libxml2's IS_BLANK_CH: what separates attributes. */
static int is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* The code point at s (U+FFFD for an invalid byte); returns its length. */
static size_t cp_at(const char *s, size_t n, uint32_t *cp) {
  int k = utf8_decode(s, n, cp);
  return k > 0 ? (size_t)k : 1;
}

/* The first occurrence of needle in s, ignoring ASCII case, or NULL. */
static const char *find_nocase(const char *s, const char *needle) {
  size_t n = strlen(needle);
  for (; *s; s++)
    if (strncasecmp(s, needle, n) == 0)
      return s;
  return NULL;
}

static int name_is(const xmlNode *n, const char *name) {
  return n->name && strcmp((const char *)n->name, name) == 0;
}

static int name_in(const xmlNode *n, const char *const *names) {
  for (; *names; names++)
    if (name_is(n, *names))
      return 1;
  return 0;
}

/* ---- charset ---------------------------------------------------------- */

typedef enum { CS_NONE, CS_UTF8, CS_GB, CS_OTHER } charset;

static charset classify_charset(const char *name) {
  static const char *const utf8[] = {"utf-8",  "utf8",     "unicode-1-1-utf-8",
                                     "utf-16", "utf-16le", "utf-16be",
                                     NULL};
  static const char *const gb[] = {
      "gb2312",      "gbk",        "gb18030",  "x-gbk",
      "gb_2312",     "gb_2312-80", "csgb2312", "csiso58gb231280",
      "iso-ir-58",   "chinese",    "cp936",    "ms936",
      "windows-936", "euc-cn",     "x-euc-cn", NULL};
  for (int i = 0; utf8[i]; i++)
    if (strcasecmp(name, utf8[i]) == 0)
      return CS_UTF8;
  for (int i = 0; gb[i]; i++)
    if (strcasecmp(name, gb[i]) == 0)
      return CS_GB;
  return CS_OTHER;
}

static int is_charset_char(char c) {
  return is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == '.' ||
         c == ':';
}

// value = blank* "=" blank* quote? [A-Za-z0-9._:-]+
static size_t charset_value(const char *p, const char *end, char *name,
                            size_t cap) {
  while (p < end && is_blank(*p))
    p++;
  if (p == end || *p != '=')
    return 0;
  for (p++; p < end && is_blank(*p); p++)
    ;
  if (p < end && (*p == '"' || *p == '\''))
    p++;
  size_t n = 0;
  while (p < end && n + 1 < cap && is_charset_char(*p))
    name[n++] = *p++;
  name[n] = '\0';
  return n;
}

/* The charset a <meta> tag in the first SNIFF_BYTES declares:
 *   <meta charset="gbk">
 *   <meta http-equiv="Content-Type" content="text/html; charset=gb2312"> */
static charset sniff_charset(const char *raw, size_t len, char *name,
                             size_t cap) {
  size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
  name[0] = '\0';
  for (size_t i = 0; i + 5 < n; i++) {
    if (raw[i] != '<' || strncasecmp(raw + i, "<meta", 5) != 0 ||
        !(is_blank(raw[i + 5]) || raw[i + 5] == '/'))
      continue;
    const char *end = memchr(raw + i, '>', n - i);
    if (!end)
      end = raw + n;
    for (const char *p = raw + i + 5; p + 7 <= end; p++)
      if (strncasecmp(p, "charset", 7) == 0 &&
          charset_value(p + 7, end, name, cap))
        return classify_charset(name);
  }
  return CS_NONE;
}

/* Line and code-point column of the first byte of raw that is not UTF-8,
 * lines ending in LF, CRLF or CR as decode counts them. */
static void bad_byte_position(const char *raw, size_t len, int *line,
                              int *col) {
  size_t bad = utf8_invalid_at(raw, len), start = 0;
  *line = 1;
  for (size_t i = 0; i < bad; i++) {
    if (raw[i] == '\r' && i + 1 < bad && raw[i + 1] == '\n')
      i++;
    if (raw[i] == '\r' || raw[i] == '\n') {
      ++*line;
      start = i + 1;
    }
  }
  *col = (int)utf8_count(raw + start, bad - start) + 1;
}

/* A BOM, else a <meta> declaration, else UTF-8 if valid, else GB18030;
 * a GBK declaration over valid UTF-8 bytes is a mistake: the bytes win. */
static int read_source(const char *raw, size_t len, const char *file,
                       extracted *out, rl_diag *diag) {
  if (len >= 2 && ((raw[0] == '\xFF' && raw[1] == '\xFE') ||
                   (raw[0] == '\xFE' && raw[1] == '\xFF')))
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "HTML page is UTF-16, which is not supported (save it "
                    "as UTF-8)");
  char name[40] = "";
  int bom = len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0;
  charset cs = bom ? CS_UTF8 : sniff_charset(raw, len, name, sizeof name);
  decoded dec;
  if (decode_text(raw, len, file, &dec, diag) < 0)
    return -1;
  if (strcmp(dec.encoding, "GB18030") == 0 && cs == CS_UTF8) {
    int line, col;
    bad_byte_position(raw, len, &line, &col);
    decoded_release(&dec);
    return diag_set(diag, DIAG_INPUT, file, line, col,
                    "HTML page declares charset %s but is not valid UTF-8 "
                    "(invalid byte at line %d, column %d)",
                    name, line, col);
  }
  if (strcmp(dec.encoding, "GB18030") == 0 && cs == CS_OTHER) {
    decoded_release(&dec);
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "HTML charset %s is not supported (only UTF-8, GBK, "
                    "GB2312 and GB18030 are)",
                    name);
  }
  out->src = dec.text;
  out->src_len = dec.len;
  out->has_src = 1;
  out->encoding = dec.encoding;
  return 0;
}

/* ---- lexing the source the way libxml2 2.9 reads it -------------------
 *
 * libxml2 gives no offsets, so src is lexed again as a stream of text
 * characters: tags, comments, doctypes and processing instructions are
 * skipped, references decoded, characters libxml2 drops dropped, and
 * script and style content taken raw. Each grammar below is what
 * libxml2's HTMLparser.c accepts, malformed input included. */

typedef enum { RAW_NONE, RAW_SCRIPT, RAW_STYLE } raw_kind;
enum { RAW_START = 1, RAW_AFTER_TAG };

typedef struct lexer {
  size_t pos;
  raw_kind raw;      /* inside script or style content */
  int raw_fresh;     /* RAW_START of it, or RAW_AFTER_TAG an end tag */
  size_t nraw;       /* script and style start tags so far */
  int started;       /* past the prolog (blanks, comments, PIs, doctype) */
  int after_doctype; /* right after a doctype inside the content */
} lexer;

typedef enum { TOK_END, TOK_CHAR, TOK_COMMENT } tok_kind;

typedef struct token {
  tok_kind kind;
  uint32_t cp;  /* TOK_CHAR */
  size_t at, n; /* its bytes in src: a character, a reference, a comment */
  size_t body, body_len; /* TOK_COMMENT: between "<!--" and "-->" */
} token;

typedef struct lexsrc {
  const xmllib *xl;
  const char *s;
  size_t len;
  size_t budget;        /* bytes still to lex; then TOK_END */
  int max_attrs;        /* the most attributes seen in one tag */
  size_t max_attrs_at;  /* and where that tag is */
  size_t pairs;         /* attribute pairs libxml2 will compare */
  const xmlNode **raws; /* the script and style elements, in order */
  size_t nraws;
} lexsrc;

static int is_xml_char(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// name = (letter | "_" | ":" | ".") (letter | digit | ":" | "-" | "_" | ".")*
static size_t html_name(const char *s, size_t len, size_t i) {
  if (i >= len ||
      !(is_alpha(s[i]) || s[i] == '_' || s[i] == ':' || s[i] == '.'))
    return i;
  while (i < len && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == ':' ||
                     s[i] == '-' || s[i] == '_' || s[i] == '.'))
    i++;
  return i;
}

static int at_tag_end(const char *s, size_t len, size_t i) {
  return s[i] == '>' || (s[i] == '/' && i + 1 < len && s[i + 1] == '>');
}

// value = blank* "=" blank* ('"' [^"]* '"' | "'" [^']* "'" | [^blank>]*)
static size_t skip_attr_value(const char *s, size_t len, size_t i) {
  while (i < len && is_blank(s[i]))
    i++;
  if (i >= len || s[i] != '=')
    return i;
  for (i++; i < len && is_blank(s[i]); i++)
    ;
  if (i < len && (s[i] == '"' || s[i] == '\'')) {
    const char *q = memchr(s + i + 1, s[i], len - i - 1);
    return q ? (size_t)(q - s) + 1 : len;
  }
  while (i < len && !is_blank(s[i]) && s[i] != '>')
    i++;
  return i;
}

/* start-tag = "<" name (blank* attribute)* blank* ("/>" | ">")
 * attribute = name value? | bogus; bogus runs to a blank or the tag end.
 * i is at the name. Returns the offset after the tag; *self_closed if it
 * ends in "/>" (libxml2 then closes even a script at once). */
static size_t skip_start_tag(const char *s, size_t len, size_t i, int *nattrs,
                             int *self_closed) {
  *nattrs = 0;
  *self_closed = 0;
  for (i = html_name(s, len, i);;) {
    while (i < len && is_blank(s[i]))
      i++;
    if (i >= len)
      return len;
    if (at_tag_end(s, len, i)) {
      *self_closed = s[i] == '/';
      return i + (s[i] == '/' ? 2 : 1);
    }
    size_t e = html_name(s, len, i);
    if (e == i) {
      while (i < len && !is_blank(s[i]) && !at_tag_end(s, len, i))
        i++;
      continue;
    }
    ++*nattrs;
    i = skip_attr_value(s, len, e);
  }
}

/* end-tag = "</" name [^>]* ">"  (libxml2 skips what follows the name) */
static size_t skip_end_tag(const char *s, size_t len, size_t i) {
  const char *gt = memchr(s + i, '>', len - i);
  return gt ? (size_t)(gt - s) + 1 : len;
}

/* comment = "<!--" body ("-->" | "--!>"), the end looked for from the
 * fifth byte on, so "<!-->" does not close; unterminated: to the end. */
static size_t skip_comment(const char *s, size_t len, size_t i,
                           size_t *body_end) {
  for (size_t j = i + 4; j + 3 <= len; j++) {
    if (s[j] != '-' || s[j + 1] != '-')
      continue;
    if (s[j + 2] == '>') {
      *body_end = j;
      return j + 3;
    }
    if (j + 4 <= len && s[j + 2] == '!' && s[j + 3] == '>') {
      *body_end = j;
      return j + 4;
    }
  }
  *body_end = len;
  return len;
}

static size_t skip_quoted(const char *s, size_t len, size_t i) {
  while (i < len && is_blank(s[i]))
    i++;
  if (i >= len || (s[i] != '"' && s[i] != '\''))
    return i;
  const char *q = memchr(s + i + 1, s[i], len - i - 1);
  return q ? (size_t)(q - s) + 1 : len;
}

/* doctype = "<!DOCTYPE" blank* name blank*
 *           [("PUBLIC" literal literal? | "SYSTEM" literal)] [^>]* ">"
 * An internal subset "[<!ENTITY ...>]" is not read: libxml2 stops at the
 * first ">" and the rest is text, never an entity definition. */
static size_t skip_doctype(const char *s, size_t len, size_t i) {
  for (i += 9; i < len && is_blank(s[i]); i++)
    ;
  while (i < len && !is_blank(s[i]) && s[i] != '>' && s[i] != '[')
    i++;
  while (i < len && is_blank(s[i]))
    i++;
  if (len - i >= 6 &&
      (memcmp(s + i, "PUBLIC", 6) == 0 || memcmp(s + i, "SYSTEM", 6) == 0))
    i = skip_quoted(s, len, skip_quoted(s, len, i + 6));
  const char *gt = i < len ? memchr(s + i, '>', len - i) : NULL;
  return gt ? (size_t)(gt - s) + 1 : len;
}

static int is_ascii_name_char(char c) {
  return is_alpha(c) || is_digit(c) || c == '_' || c == ':' || c == '.' ||
         c == '-';
}

/* The end of the XML name at j, or j if there is none, as libxml2's
 * htmlParseName reads it: an ASCII name the quick way, which fails when
 * it runs to the end of the page; any other by the XML letter classes. */
static size_t xml_name_end(const xmllib *xl, const char *s, size_t len,
                           size_t j) {
  if (j < len && (is_alpha(s[j]) || s[j] == '_' || s[j] == ':')) {
    size_t e = j + 1;
    while (e < len && is_ascii_name_char(s[e]))
      e++;
    if (e == len)
      return j;
    if ((unsigned char)s[e] < 0x80)
      return e;
  }
  size_t e = j;
  while (e < len) {
    uint32_t c;
    size_t k = cp_at(s + e, len - e, &c);
    int letter = xl->xmlIsBaseChar(c) || xl->xmlIsIdeographic(c) ||
                 c == '_' || c == ':';
    if (!letter &&
        (e == j || !(xl->xmlIsDigit(c) || c == '.' || c == '-' ||
                     xl->xmlIsCombining(c) || xl->xmlIsExtender(c))))
      break;
    e += k;
  }
  return e;
}

/* pi = "<?" name [^>]* ">"; a "<?" without a name is dropped alone */
static size_t skip_pi(const xmllib *xl, const char *s, size_t len,
                      size_t i) {
  size_t j = i + 2, e = xml_name_end(xl, s, len, j);
  if (e == j)
    return j;
  const char *gt = memchr(s + e, '>', len - e);
  return gt ? (size_t)(gt - s) + 1 : len;
}

static int digit_value(char c, int hex) {
  if (is_digit(c))
    return c - '0';
  if (hex && c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (hex && c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* char-ref = "&#" digit* ";"? | "&#" ("x" | "X") hex-digit* ";"?
 * A value that is not an XML character yields nothing (*cp = 0). */
static size_t char_ref(const char *s, size_t len, size_t i, uint32_t *cp) {
  size_t j = i + 2;
  int hex = j < len && (s[j] == 'x' || s[j] == 'X');
  uint32_t v = 0;
  int d;
  for (j += hex; j < len && (d = digit_value(s[j], hex)) >= 0; j++)
    if (v < 0x110000)
      v = v * (hex ? 16 : 10) + (uint32_t)d;
  if (j < len && s[j] == ';')
    j++;
  *cp = is_xml_char(v) ? v : 0;
  return j;
}

/* entity-ref = "&" name ";" with name an HTML 4 entity; any other "&" is
 * text, and so is what follows it. */
static size_t entity_ref(const xmllib *xl, const char *s, size_t len,
                         size_t i, uint32_t *cp) {
  size_t j = i + 1;
  while (j < len && j - i <= 32 && (is_alpha(s[j]) || is_digit(s[j])))
    j++;
  *cp = '&';
  if (j == i + 1 || j >= len || s[j] != ';' || j - i - 1 > 31)
    return i + 1;
  char name[32];
  memcpy(name, s + i + 1, j - i - 1);
  name[j - i - 1] = '\0';
  const htmlEntityDesc *ent = xl->htmlEntityLookup((const xmlChar *)name);
  if (!ent || !is_xml_char(ent->value))
    return i + 1;
  *cp = ent->value;
  return j + 1;
}

static int char_token(token *t, uint32_t cp, size_t at, size_t n) {
  t->kind = TOK_CHAR;
  t->cp = cp;
  t->at = at;
  t->n = n;
  return 1;
}

/* A character as it is: libxml2 drops those that are not XML chars. */
static int plain_char(const char *s, size_t len, size_t i, token *t,
                      size_t *next) {
  uint32_t cp;
  size_t k = cp_at(s + i, len - i, &cp);
  *next = i + k;
  return is_xml_char(cp) ? char_token(t, cp, i, k) : 0;
}

static const char *raw_name(raw_kind raw) {
  return raw == RAW_SCRIPT ? "script" : "style";
}

/* The tree's element for the script or style lx is in, if the tags and
 * the tree agree (NULL without the tree). */
static const xmlNode *raw_element(const lexsrc *ls, const lexer *lx) {
  return lx->nraw > 0 && lx->nraw <= ls->nraws ? ls->raws[lx->nraw - 1] : NULL;
}

/* libxml2's htmlEndPriority: an end tag closes no element of a higher
 * priority than its own. */
static int end_priority(const char *name, size_t n) {
  static const struct {
    const char *name;
    int priority;
  } table[] = {{"div", 150},   {"td", 160},    {"th", 160},    {"tr", 170},
               {"thead", 180}, {"tbody", 180}, {"tfoot", 180}, {"table", 190},
               {"head", 200},  {"body", 200},  {"html", 220}};
  for (size_t i = 0; i < sizeof table / sizeof *table; i++)
    if (strlen(table[i].name) == n && strncasecmp(table[i].name, name, n) == 0)
      return table[i].priority;
  return 100;
}

/* Whether end tag s[0, n), read where libxml2 reads end tags in script
 * or style content (fresh), closes the element lx is in. Right at its
 * start, the element has content (see start_tag): it did not. After an
 * end tag inside it, libxml2 closes it with an ancestor's name, unless
 * an element of a higher end priority lies between (or a repeated
 * <html>, <head> or <body> made it ignore that name). Without the tree,
 * say it does. */
static int closes_raw(const lexsrc *ls, const lexer *lx, int fresh,
                      const char *s, size_t n) {
  const xmlNode *raw = raw_element(ls, lx);
  if (!raw)
    return 1;
  if (fresh == RAW_START)
    return 0;
  int priority = end_priority(s, n);
  for (const xmlNode *a = raw; a && a->type == XML_ELEMENT_NODE && a->name;
       a = a->parent) {
    const char *an = (const char *)a->name;
    size_t al = strlen(an);
    if (al == n && strncasecmp(an, s, n) == 0)
      return 1;
    if (end_priority(an, al) > priority)
      return 0;
  }
  return 0;
}

/* <body> and <frameset> close a script or style element (libxml2's
 * htmlStartClose) where libxml2 reads tags in its content. */
static int closing_start_tag(const char *s, size_t len, size_t i) {
  size_t e = html_name(s, len, i + 1);
  if (!is_alpha(i + 1 < len ? s[i + 1] : '\0'))
    return 0;
  return (e - i - 1 == 4 && strncasecmp(s + i + 1, "body", 4) == 0) ||
         (e - i - 1 == 8 && strncasecmp(s + i + 1, "frameset", 8) == 0);
}

/* Script or style content runs to "</script" or "</style" (any case);
 * an end tag with a longer name ("</scripts>") is dropped and the
 * content goes on. Where the content starts, and after such a tag,
 * libxml2 reads any end tag: one naming an ancestor closes the script,
 * others and "</" alone are dropped. */
static int lex_raw(lexsrc *ls, lexer *lx, token *t, size_t *next) {
  const char *s = ls->s, *name = raw_name(lx->raw);
  size_t len = ls->len, i = lx->pos, nl = strlen(name);
  int fresh = lx->raw_fresh;
  lx->raw_fresh = 0;
  if (fresh == RAW_AFTER_TAG && s[i] == '<' && closing_start_tag(s, len, i)) {
    lx->raw = RAW_NONE;
    *next = i;
    return 0;
  }
  if (s[i] != '<' || i + 1 >= len || s[i + 1] != '/')
    return plain_char(s, len, i, t, next);
  size_t e = html_name(s, len, i + 2);
  if (fresh && e == i + 2) {
    lx->raw_fresh = fresh;
    *next = i + 2;
    return 0;
  }
  if (fresh || (len - i >= 2 + nl && strncasecmp(s + i + 2, name, nl) == 0)) {
    if ((e - (i + 2) == nl && strncasecmp(s + i + 2, name, nl) == 0) ||
        (fresh && closes_raw(ls, lx, fresh, s + i + 2, e - (i + 2))))
      lx->raw = RAW_NONE;
    lx->raw_fresh = RAW_AFTER_TAG;
    *next = skip_end_tag(s, len, e);
    return 0;
  }
  return plain_char(s, len, i, t, next);
}

static void start_tag(lexsrc *ls, lexer *lx, size_t i, size_t *next) {
  int nattrs, self_closed;
  const char *name = ls->s + i + 1;
  size_t nl = html_name(ls->s, ls->len, i + 1) - (i + 1);
  *next = skip_start_tag(ls->s, ls->len, i + 1, &nattrs, &self_closed);
  ls->pairs += (size_t)nattrs * (size_t)nattrs / 2;
  if (nattrs > ls->max_attrs) {
    ls->max_attrs = nattrs;
    ls->max_attrs_at = i;
  }
  raw_kind kind = nl == 6 && strncasecmp(name, "script", 6) == 0  ? RAW_SCRIPT
                  : nl == 5 && strncasecmp(name, "style", 5) == 0 ? RAW_STYLE
                                                                  : RAW_NONE;
  if (kind == RAW_NONE)
    return;
  lx->nraw++;
  // An element the tree has empty was closed where its content would
  // start: by an end tag, or by a tag that closes it (<body>).
  const xmlNode *raw = raw_element(ls, lx);
  if (!self_closed && !(raw && !raw->children)) {
    lx->raw = kind;
    lx->raw_fresh = RAW_START;
  }
}

static int comment_token(const char *s, size_t len, size_t i, token *t,
                         size_t *next) {
  size_t body_end;
  *next = skip_comment(s, len, i, &body_end);
  t->kind = TOK_COMMENT;
  t->at = i;
  t->n = *next - i;
  t->body = i + 4;
  t->body_len = body_end - (i + 4);
  return 1;
}

/* markup = end-tag | comment | doctype | pi | start-tag; a "<" that
 * starts none of them is text, and a "</" without a name is dropped. Right
 * after a doctype inside the content (not the one in the prolog) libxml2
 * reads no end tag or doctype: their "<" is text. */
static int lex_markup(lexsrc *ls, lexer *lx, token *t, size_t *next,
                      int after_doctype) {
  const char *s = ls->s;
  size_t len = ls->len, i = lx->pos;
  char c1 = i + 1 < len ? s[i + 1] : '\0';
  int comment = c1 == '!' && len - i >= 4 && s[i + 2] == '-' && s[i + 3] == '-';
  if (after_doctype && (c1 == '/' || (c1 == '!' && !comment))) {
    *next = i + 1;
    return char_token(t, '<', i, 1);
  }
  if (c1 != '!' && c1 != '?')
    lx->started = 1;
  if (c1 == '/') {
    size_t e = html_name(s, len, i + 2);
    *next = e == i + 2 ? i + 2 : skip_end_tag(s, len, e);
    return 0;
  }
  if (comment)
    return comment_token(s, len, i, t, next);
  if (c1 == '!' && len - i >= 9 && strncasecmp(s + i + 2, "DOCTYPE", 7) == 0) {
    *next = skip_doctype(s, len, i);
    lx->after_doctype = lx->started;
    lx->started = 1;
    return 0;
  }
  if (c1 == '?') {
    *next = skip_pi(ls->xl, s, len, i);
    return 0;
  }
  if (is_alpha(c1)) {
    start_tag(ls, lx, i, next);
    return 0;
  }
  lx->started = 1;
  *next = i + 1;
  return char_token(t, '<', i, 1);
}

static int lex_text(lexsrc *ls, lexer *lx, token *t, size_t *next) {
  const char *s = ls->s;
  size_t len = ls->len, i = lx->pos;
  int after_doctype = lx->after_doctype;
  lx->after_doctype = 0;
  if (s[i] == '<')
    return lex_markup(ls, lx, t, next, after_doctype);
  if (!is_blank(s[i]))
    lx->started = 1;
  if (s[i] != '&')
    return plain_char(s, len, i, t, next);
  uint32_t cp;
  *next = i + 1 < len && s[i + 1] == '#' ? char_ref(s, len, i, &cp)
                                         : entity_ref(ls->xl, s, len, i, &cp);
  return cp ? char_token(t, cp, i, *next - i) : 0;
}

/* The next token at lx; TOK_END at the end of src or of the budget. */
static void lex_next(lexsrc *ls, lexer *lx, token *t) {
  for (;;) {
    size_t i = lx->pos, next = i + 1;
    if (i >= ls->len || ls->budget == 0) {
      t->kind = TOK_END;
      t->at = ls->len;
      t->n = 0;
      return;
    }
    int got = lx->raw ? lex_raw(ls, lx, t, &next) : lex_text(ls, lx, t, &next);
    size_t used = next - i;
    ls->budget = used < ls->budget ? ls->budget - used : 0;
    lx->pos = next;
    if (got)
      return;
  }
}

/* What libxml2 would spend minutes on is refused before it starts: it
 * compares every attribute of a tag with every other. */
static int check_markup(const xmllib *xl, const char *src, size_t len,
                        const linemap *lm, const char *file, rl_diag *diag) {
  lexsrc ls = {xl, src, len, (size_t)-1, 0, 0, 0, NULL, 0};
  lexer lx = {0};
  token t;
  do
    lex_next(&ls, &lx, &t);
  while (t.kind != TOK_END);
  if (ls.max_attrs > MAX_ATTRS) {
    int line, col;
    linemap_lookup(lm, ls.max_attrs_at, &line, &col);
    return diag_set(diag, DIAG_INPUT, file, line, col,
                    "HTML tag with more than %d attributes (%d)", MAX_ATTRS,
                    ls.max_attrs);
  }
  if (ls.pairs > MAX_ATTR_PAIRS)
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "HTML page has too many attributes (%zu pairs to "
                    "compare, limit %d)",
                    ls.pairs, MAX_ATTR_PAIRS);
  return 0;
}

/* ---- emitting text ----------------------------------------------------
 *
 * Like a browser: runs of ASCII whitespace collapse to one space mapped
 * to the first of them, lines are trimmed, blocks and <br> end the line
 * (several in a row end it once), U+3000 stays, U+00A0 becomes a space
 * that does not collapse. Line ends and tabs that no character in src
 * stands for map, with no source bytes, to just after the last character
 * emitted. */

/* A data table's grid, for rowspan and colspan: every grid position of a
 * row is a cell in the text (a tab-separated field), a position covered by
 * a span an empty one, so that column k of every row is column k of the
 * table. Tracked for the outermost data table only (a table nested in a
 * cell is text of that cell). */
enum { GRID_MAX_COLS = 256, GRID_MAX_SPAN = 1000 };

typedef struct grid {
  int depth;          /* element depth of its <table>, 0 if none */
  int row;            /* the row being read, from 0 */
  int col;            /* the next grid column of the row */
  int after;          /* colspan - 1 of the open cell */
  int until[GRID_MAX_COLS]; /* per column: the last row a span covers */
} grid;

typedef struct emitter {
  strbuf out;
  posmap *map;
  int toobig;
  int line_text;            /* the current line has a character */
  int want_break;           /* end the line before the next character */
  int tabs;                 /* cell separators before the next character */
  size_t space_at, space_n; /* collapsed whitespace, NO_OFFSET if none */
  size_t last_end;          /* src offset after the last character emitted */
  int cell_depth;           /* inside a data table cell: breaks become spaces */
  int pre_depth;
  size_t nvisible; /* characters that are not whitespace */
  grid g;          /* the spans of the data table being read */
} emitter;

static void put(emitter *e, const char *b, size_t n, size_t at, size_t src_n) {
  size_t off = e->out.len;
  if (e->toobig || strbuf_put(&e->out, b, n) < 0) {
    e->toobig = 1;
    return;
  }
  posmap_add(e->map, off, n, at, src_n);
}

static void put_synthetic(emitter *e, char c) { put(e, &c, 1, e->last_end, 0); }

static void end_line(emitter *e) {
  if (e->line_text)
    put_synthetic(e, '\n');
  e->line_text = 0;
  e->want_break = 0;
  e->space_at = NO_OFFSET;
}

static void request_break(emitter *e) {
  if (e->cell_depth > 0) {
    if (e->line_text && e->space_at == NO_OFFSET) {
      e->space_at = e->last_end;
      e->space_n = 0;
    }
    return;
  }
  e->want_break = 1;
  e->tabs = 0;
  e->space_at = NO_OFFSET;
}

/* Before a character: the pending line end, cell separators or space. */
static void flush_pending(emitter *e) {
  if (e->want_break)
    end_line(e);
  if (e->tabs > 0) {
    for (; e->tabs > 0; e->tabs--)
      put_synthetic(e, '\t');
    e->line_text = 1;
  } else if (e->space_at != NO_OFFSET && e->line_text) {
    put(e, " ", 1, e->space_at, e->space_n);
  }
  e->space_at = NO_OFFSET;
}

/* Whitespace inside <pre> is kept; its line ends are the source's. */
static void emit_pre_space(emitter *e, uint32_t cp, size_t at, size_t n) {
  if (cp == '\n') {
    if (e->want_break)
      end_line(e);
    put(e, "\n", 1, at, n);
    e->line_text = 0;
  } else {
    flush_pending(e);
    put(e, cp == '\t' ? "\t" : " ", 1, at, n);
    e->line_text = 1;
  }
  e->last_end = at + n;
}

/* One character of a text node, u (k bytes), found at src[at, at+n). */
static void emit_char(emitter *e, const char *u, size_t k, uint32_t cp,
                      size_t at, size_t n) {
  if (is_ascii_space(cp)) {
    if (e->pre_depth > 0)
      emit_pre_space(e, cp, at, n);
    else if ((e->line_text || e->tabs) && e->space_at == NO_OFFSET) {
      e->space_at = at;
      e->space_n = n;
    }
    return;
  }
  flush_pending(e);
  if (cp == 0xA0)
    put(e, " ", 1, at, n);
  else
    put(e, u, k, at, n);
  e->line_text = 1;
  e->last_end = at + n;
  if (cp != 0xA0 && cp != 0x3000)
    e->nvisible++;
}

/* A text node that could not be found in src: mapped to offset at. */
static void emit_unaligned(emitter *e, const char *c, size_t n, size_t at) {
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = cp_at(c + i, n - i, &cp);
    emit_char(e, c + i, k, cp, at, 0);
    i += k;
  }
}

/* A suppression directive: a line of its own holding the comment as it
 * is written (line ends inside it become spaces), mapped to it. */
static void emit_directive(emitter *e, const char *c, size_t n, size_t at,
                           size_t src_n) {
  if (e->line_text)
    put_synthetic(e, '\n');
  char *copy = xstrndup(c, n);
  for (size_t i = 0; i < n; i++)
    if (copy[i] == '\n' || copy[i] == '\r')
      copy[i] = ' ';
  put(e, copy, n, at, src_n);
  free(copy);
  e->last_end = at + src_n;
  put_synthetic(e, '\n');
  e->line_text = 0;
  e->want_break = 0;
  e->tabs = 0;
  e->space_at = NO_OFFSET;
}

/* ---- aligning text nodes with src ------------------------------------
 *
 * Every text node, those outside the article included, is looked for in
 * the character stream at or after a cursor that never moves back. Once
 * a node was not found the cursor may lag, so the next is looked for
 * from the start of its parent element's line (libxml2 records the line
 * it was on when it made the element: a lower bound), and the article's
 * words cannot be matched in a script or menu before it. A node must
 * match exactly for its first ALIGN_EXACT characters; after that one
 * mismatch in 16 is tolerated, skipping up to ALIGN_RESYNC characters of
 * either side. A node that cannot be found is mapped to the cursor. The
 * lexing budget keeps hostile pages linear. */

typedef struct aligner {
  lexsrc ls;
  lexer cur;
  const linemap *lm;
  size_t backlog; /* characters of nodes not found since the last found */
} aligner;

/* A position in the character stream: token t lies between before and
 * after (comments before it are skipped). */
typedef struct stream {
  lexer before, after;
  token t;
} stream;

static void next_char(lexsrc *ls, lexer *lx, token *t) {
  do
    lex_next(ls, lx, t);
  while (t->kind == TOK_COMMENT);
}

static void stream_start(aligner *al, stream *sm, lexer at) {
  sm->before = sm->after = at;
  next_char(&al->ls, &sm->after, &sm->t);
}

static void stream_advance(aligner *al, stream *sm) {
  sm->before = sm->after;
  next_char(&al->ls, &sm->after, &sm->t);
}

/* Whether the next m characters of c from byte ci match the stream. */
static int ahead_matches(aligner *al, stream sm, const char *c, size_t n,
                         size_t ci, int m) {
  for (int k = 0; k < m && ci < n; k++) {
    uint32_t cp;
    ci += cp_at(c + ci, n - ci, &cp);
    if (sm.t.kind != TOK_CHAR || sm.t.cp != cp)
      return 0;
    stream_advance(al, &sm);
  }
  return 1;
}

/* The fewest stream (*ds) and content (*dc) characters to skip so that
 * the next ALIGN_AHEAD characters match again; 0 if there are none. */
static int find_resync(aligner *al, const stream *sm, const char *c, size_t n,
                       size_t ci, int *ds, int *dc) {
  for (int d = 1; d <= ALIGN_RESYNC; d++)
    for (int s = 0; s <= d; s++) {
      stream probe = *sm;
      size_t cj = ci;
      for (int k = 0; k < s && probe.t.kind == TOK_CHAR; k++)
        stream_advance(al, &probe);
      for (int k = 0; k < d - s && cj < n; k++) {
        uint32_t cp;
        cj += cp_at(c + cj, n - cj, &cp);
      }
      if (cj < n && ahead_matches(al, probe, c, n, cj, ALIGN_AHEAD)) {
        *ds = s;
        *dc = d - s;
        return 1;
      }
    }
  return 0;
}

/* Skips dc characters of c from *ci, emitting them (unmatched) if e. */
static void skip_content(emitter *e, const char *c, size_t n, size_t *ci,
                         int dc, size_t at) {
  for (int k = 0; k < dc && *ci < n; k++) {
    uint32_t cp;
    size_t step = cp_at(c + *ci, n - *ci, &cp);
    if (e)
      emit_char(e, c + *ci, step, cp, at, 0);
    *ci += step;
  }
}

/* Matches c (n bytes, ncp code points) against the stream from st. With
 * e, emits every character of c where it matched (or, unmatched, where
 * the stream stands) and never gives up; without, returns -1 once the
 * mismatches pass the tolerance. *end: the lexer after the last match. */
static long align_walk(aligner *al, lexer st, const char *c, size_t n,
                       size_t ncp, emitter *e, lexer *end) {
  size_t ci = 0, done = 0, bad = 0;
  stream sm;
  stream_start(al, &sm, st);
  while (ci < n) {
    uint32_t cp;
    size_t k = cp_at(c + ci, n - ci, &cp);
    if (sm.t.kind == TOK_CHAR && sm.t.cp == cp) {
      if (e)
        emit_char(e, c + ci, k, cp, sm.t.at, sm.t.n);
      ci += k;
      done++;
      stream_advance(al, &sm);
      continue;
    }
    bad++;
    if (!e && (bad > ncp / 16 || done < ALIGN_EXACT))
      return -1;
    int ds = 0, dc = 1;
    if (!find_resync(al, &sm, c, n, ci, &ds, &dc)) {
      ds = 0;
      dc = 1;
    }
    for (int s = 0; s < ds; s++)
      stream_advance(al, &sm);
    skip_content(e, c, n, &ci, dc, sm.t.at);
  }
  *end = sm.before;
  return (long)bad;
}

static size_t line_start(const linemap *lm, int line) {
  if (line <= 1)
    return 0;
  size_t l = (size_t)line - 1;
  return lm->starts[l < lm->n ? l : lm->n - 1];
}

/* Where c starts in the stream: at or after the cursor and byte bound,
 * within the window; the first exact match, else the first tolerable
 * one (in a run of blanks, a tolerable match may start too early).
 * *at_bound: the lexer where the bound is reached. */
static int align_find(aligner *al, const char *c, size_t n, size_t ncp,
                      size_t bound, lexer *start, lexer *end, lexer *at_bound) {
  uint32_t first;
  cp_at(c, n, &first);
  stream sm;
  size_t seen = 0, window = ALIGN_WINDOW + al->backlog;
  int reached = 0, found = 0;
  for (stream_start(al, &sm, al->cur); sm.t.kind == TOK_CHAR && seen <= window;
       stream_advance(al, &sm)) {
    if (sm.t.at < bound)
      continue;
    if (!reached) {
      *at_bound = sm.before;
      reached = 1;
    }
    seen++;
    lexer e;
    long bad =
        sm.t.cp == first ? align_walk(al, sm.before, c, n, ncp, NULL, &e) : -1;
    if (bad == 0 || (bad > 0 && !found)) {
      *start = sm.before;
      *end = e;
      found = 1;
    }
    if (bad == 0)
      return 1;
  }
  if (!reached)
    *at_bound = sm.before;
  return found;
}

/* The line libxml2 was on when it made the parent of n. (xmlGetLineNo
 * would look at other nodes past line 65535; those are no lower bound.) */
static int parent_line(const xmlNode *n) {
  const xmlNode *p = n->parent;
  return p && p->type == XML_ELEMENT_NODE ? (int)p->line : 0;
}

/* Aligns one text node; with e, emits it. */
static void align_text(aligner *al, const xmlNode *node, emitter *e) {
  const char *c = (const char *)node->content;
  size_t n = c ? strlen(c) : 0;
  if (n == 0)
    return;
  // Right after a node that was found, the next text is this one; the
  // bound guards a cursor left behind by nodes that were not.
  size_t ncp = utf8_count(c, n),
         bound = al->backlog ? line_start(al->lm, parent_line(node)) : 0;
  lexer start, end, at_bound = al->cur, ignored;
  int found = align_find(al, c, n, ncp, bound, &start, &end, &at_bound);
  if (!found && bound > al->cur.pos)
    found = align_find(al, c, n, ncp, 0, &start, &end, &ignored);
  if (found) {
    if (e)
      align_walk(al, start, c, n, ncp, e, &end);
    al->cur = end;
    al->backlog = 0;
    return;
  }
  if (at_bound.pos > al->cur.pos)
    al->cur = at_bound;
  al->backlog += ncp;
  if (e)
    emit_unaligned(e, c, n, al->cur.pos);
}

/* Whether a comment's body in src reads c once libxml2 has dropped the
 * characters that are not XML characters. */
static int comment_reads(const char *body, size_t len, const char *c,
                         size_t n) {
  size_t j = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t k = cp_at(body + i, len - i, &cp);
    if (is_xml_char(cp)) {
      if (j + k > n || memcmp(body + i, c + j, k) != 0)
        return 0;
      j += k;
    }
    i += k;
  }
  return j == n;
}

/* Finds comment body c in src from lx on, at or after byte bound and
 * within window characters of text; *after: the lexer past it. */
static int find_comment(aligner *al, lexer lx, const char *c, size_t n,
                        size_t bound, size_t window, token *found,
                        lexer *after) {
  token t;
  size_t seen = 0;
  for (lex_next(&al->ls, &lx, &t); t.kind != TOK_END;
       lex_next(&al->ls, &lx, &t)) {
    if (t.at >= bound && t.kind == TOK_CHAR && ++seen > window)
      return 0;
    if (t.at >= bound && t.kind == TOK_COMMENT &&
        comment_reads(al->ls.s + t.body, t.body_len, c, n)) {
      *found = t;
      *after = lx;
      return 1;
    }
  }
  return 0;
}

/* A comment holding "reportlint-": its own line of text, mapped to the
 * comment in src (or, not found, rebuilt and mapped to the cursor).
 * libxml2 puts a comment after </html> behind the text that follows it,
 * so one not found ahead is looked for from the top, cursor unmoved. */
static void place_directive(aligner *al, const xmlNode *node, emitter *e) {
  const char *c = (const char *)node->content;
  size_t n = strlen(c), bound = line_start(al->lm, parent_line(node));
  token t;
  lexer after, top = {0};
  if (find_comment(al, al->cur, c, n, bound, ALIGN_WINDOW, &t, &after) ||
      find_comment(al, al->cur, c, n, 0, ALIGN_WINDOW, &t, &after)) {
    al->cur = after;
    emit_directive(e, al->ls.s + t.at, t.n, t.at, t.n);
    return;
  }
  if (find_comment(al, top, c, n, 0, (size_t)-1, &t, &after)) {
    emit_directive(e, al->ls.s + t.at, t.n, t.at, t.n);
    return;
  }
  strbuf sb;
  strbuf_init(&sb, STRBUF_UNLIMITED);
  strbuf_printf(&sb, "<!--%s-->", c);
  emit_directive(e, sb.p, sb.len, al->cur.pos, 0);
  strbuf_release(&sb);
}

/* ---- the tree ----------------------------------------------------------
 *
 * Walked without recursion: enter an element, its children, leave it. */

typedef struct walk {
  xmlNode *top; /* the document: its descendants are walked */
  xmlNode *node;
  int leaving; /* node is an element being left */
  int depth;   /* of node: 1 for the top's children */
} walk;

static void walk_init(walk *w, xmlDoc *doc) {
  w->top = (xmlNode *)doc;
  w->node = NULL;
  w->leaving = 0;
  w->depth = 0;
}

static int walk_next(walk *w) {
  xmlNode *n = w->node;
  if (!n) {
    w->node = w->depth == 0 ? w->top->children : NULL;
    w->depth = 1;
    return w->node != NULL;
  }
  if (!w->leaving && n->type == XML_ELEMENT_NODE) {
    if (n->children) {
      w->node = n->children;
      w->depth++;
    } else {
      w->leaving = 1;
    }
    return 1;
  }
  if (n->next) {
    w->node = n->next;
    w->leaving = 0;
    return 1;
  }
  if (!n->parent || n->parent == w->top) {
    w->node = NULL;
    return 0;
  }
  w->node = n->parent;
  w->leaving = 1;
  w->depth--;
  return 1;
}

/* The value of attribute name of element n ("" if none). */
static const char *attr_value(const xmlNode *n, const char *name,
                              int *present) {
  for (const xmlAttr *a = n->properties; a; a = a->next) {
    if (!a->name || strcasecmp((const char *)a->name, name) != 0)
      continue;
    if (present)
      *present = 1;
    const xmlNode *v = a->children;
    return v && v->type == XML_TEXT_NODE && v->content
               ? (const char *)v->content
               : "";
  }
  return "";
}

/* style = ... "display" blank* ":" blank* "none" ... (any case) */
static int hidden_by_style(const char *style) {
  for (const char *p = style; (p = find_nocase(p, "display")); p++) {
    const char *q = p + 7;
    while (is_blank(*q))
      q++;
    if (*q != ':')
      continue;
    for (q++; is_blank(*q);)
      q++;
    if (strncasecmp(q, "none", 4) == 0)
      return 1;
  }
  return 0;
}

/* Not part of the article. A header or footer inside an <article> or
 * <main> is that article's own (its title, its signature) and counts;
 * forms are skipped only inside the article, since ASP.NET portals wrap
 * the whole page in one. */
static int is_skipped(const xmlNode *n, int in_section, int inside_root) {
  static const char *const skip[] = {"nav",      "aside",    "script", "style",
                                     "noscript", "template", "select", "button",
                                     "iframe",   "svg",      "head",   "title",
                                     "textarea", "object",   NULL};
  int hidden = 0;
  if (name_in(n, skip) || (inside_root && name_is(n, "form")))
    return 1;
  if ((name_is(n, "header") || name_is(n, "footer")) && !in_section)
    return 1;
  attr_value(n, "hidden", &hidden);
  return hidden || hidden_by_style(attr_value(n, "style", NULL));
}

static const char *const block_names[] = {
    "p",       "div",        "h1",         "h2",      "h3",    "h4",
    "h5",      "h6",         "li",         "tr",      "br",    "table",
    "section", "article",    "blockquote", "pre",     "dd",    "dt",
    "center",  "ul",         "ol",         "dl",      "main",  "address",
    "figure",  "figcaption", "hr",         "thead",   "tbody", "tfoot",
    "caption", "fieldset",   "details",    "summary", "body",  "html",
    "td",      "th",         "header",     "footer",  "form",  "legend",
    NULL};

static int is_element(const xmlNode *n) { return n->type == XML_ELEMENT_NODE; }

/* A table cell holding a table or three blocks or more lays out the page
 * rather than holding data. */
static int is_layout_cell(const xmlNode *cell) {
  int blocks = 0;
  for (const xmlNode *g = cell->children; g; g = g->next) {
    if (!is_element(g))
      continue;
    if (name_is(g, "table"))
      return 1;
    blocks += name_in(g, block_names) && !name_is(g, "br");
    if (blocks >= 3)
      return 1;
  }
  return 0;
}

/* ---- choosing the article --------------------------------------------- */

typedef struct frame {
  const xmlNode *node;
  size_t text;   /* non-link text in the subtree (code points) */
  size_t credit; /* twice the text of its own paragraphs, plus the text of
                    its child containers' paragraphs */
  int container; /* depth of the nearest container at or above */
  int link, section, skip;
  long order;
  int table_data; /* a data table (or its rows): cells joined by tabs */
  int cells;      /* cells so far in this row */
} frame;

typedef struct choice {
  const xmlNode *first; /* the first <article> or <main> with text */
  long first_order;
  const xmlNode *named; /* an id or class naming the article */
  size_t named_text;
  const xmlNode *dense; /* the container with the most paragraph text */
  size_t dense_credit;
  const xmlNode *body;
  /* every named or <article>/<main> element with text, in post-order */
  struct named_node {
    const xmlNode *node;
    size_t text;
  } *cands;
  size_t ncand, candcap;
} choice;

/* An element that holds paragraphs: one of these with a block child (a
 * <div> with only text and inline markup is itself a paragraph); a table
 * cell only if it lays out the page (see row_width). */
static int is_container(const xmlNode *n) {
  static const char *const names[] = {
      "div",    "body", "section", "article", "main", "blockquote",
      "center", "li",   "dd",      "form",    NULL};
  if (name_is(n, "td") || name_is(n, "th"))
    return is_layout_cell(n);
  if (!name_in(n, names))
    return 0;
  for (const xmlNode *c = n->children; c; c = c->next)
    if (is_element(c) && name_in(c, block_names) && !name_is(c, "br"))
      return 1;
  return 0;
}

/* "con" names the article only as a word of its own: con, article_con,
 * conBox; not container, contact, icon or second. */
static int names_con(const char *v) {
  for (const char *p = v; (p = find_nocase(p, "con")); p++) {
    char after = p[3];
    if ((p == v || !is_alpha(p[-1])) && !(after >= 'a' && after <= 'z'))
      return 1;
  }
  return 0;
}

static int names_article(const xmlNode *n) {
  static const char *const words[] = {
      "article", "content", "trs_editor", "zoom", "detail", "main-text", NULL};
  if (name_is(n, "ucapcontent")) /* the ucap CMS's article element */
    return 1;
  const char *attrs[] = {attr_value(n, "id", NULL),
                         attr_value(n, "class", NULL)};
  for (int a = 0; a < 2; a++) {
    for (int i = 0; words[i]; i++)
      if (find_nocase(attrs[a], words[i]))
        return 1;
    if (names_con(attrs[a]))
      return 1;
  }
  return 0;
}

static size_t count_visible(const char *s) {
  size_t n = 0;
  for (size_t i = 0, len = strlen(s); i < len;) {
    uint32_t cp;
    i += cp_at(s + i, len - i, &cp);
    n += !is_ascii_space(cp) && cp != 0xA0 && cp != 0x3000;
  }
  return n;
}

static void enter_frame(frame *fr, int d, const xmlNode *n, long order,
                        int inside_root) {
  frame *f = &fr[d];
  const frame *p = &fr[d - 1];
  memset(f, 0, sizeof *f);
  f->node = n;
  f->order = order;
  f->skip = p->skip || is_skipped(n, p->section, inside_root);
  f->section = p->section || name_is(n, "article") || name_is(n, "main");
  f->link = p->link || name_is(n, "a");
  f->container = is_container(n) ? d : p->container;
}

/* Text under the frame at depth d: for the subtree, for the container
 * holding it (twice) and for that container's container (once). */
static void count_text(frame *fr, int d, const xmlNode *text) {
  if (fr[d].skip || fr[d].link || !text->content)
    return;
  size_t k = count_visible((const char *)text->content);
  fr[d].text += k;
  int c = fr[d].container;
  if (c > 0) {
    fr[c].credit += 2 * k;
    if (fr[c - 1].container > 0)
      fr[fr[c - 1].container].credit += k;
  }
}

static void leave_frame(frame *fr, int d, choice *ch) {
  const frame *f = &fr[d];
  fr[d - 1].text += f->text;
  if (f->skip)
    return;
  if ((name_is(f->node, "article") || name_is(f->node, "main")) &&
      f->text > 0 && (!ch->first || f->order < ch->first_order)) {
    ch->first = f->node;
    ch->first_order = f->order;
  }
  int named = names_article(f->node);
  if (f->text > ch->named_text && named) {
    ch->named = f->node;
    ch->named_text = f->text;
  }
  if (f->text > 0 && (named || name_is(f->node, "article") ||
                      name_is(f->node, "main")))
    *ARRAY_PUSH(ch->cands, ch->ncand, ch->candcap) =
        (struct named_node){f->node, f->text};
  if (f->credit > ch->dense_credit) {
    ch->dense = f->node;
    ch->dense_credit = f->credit;
  }
  if (name_is(f->node, "body"))
    ch->body = f->node;
}

static int is_inside(const xmlNode *n, const xmlNode *ancestor) {
  for (const xmlNode *p = n ? n->parent : NULL; p; p = p->parent)
    if (p == ancestor)
      return 1;
  return 0;
}

/* Portals name their page frame as they name the article (a <div
 * class="content"> around navigation, the title bar and div.TRS_Editor;
 * an <article> around a whole captured page): of the named or <article>
 * elements inside root that hold at least half of its text, the innermost
 * is the article. Candidates come in post-order, so a descendant comes
 * before its ancestors: the first qualifying one is the innermost. */
static const xmlNode *innermost_article(const choice *ch,
                                        const xmlNode *root) {
  size_t total = 0;
  for (size_t i = 0; i < ch->ncand; i++)
    if (ch->cands[i].node == root)
      total = ch->cands[i].text;
  for (size_t i = 0; total && i < ch->ncand; i++)
    if (2 * ch->cands[i].text >= total && is_inside(ch->cands[i].node, root))
      return ch->cands[i].node;
  return root;
}

/* Picks the article element (see the head comment); refuses a tree
 * deeper than MAX_DEPTH. */
static int choose_root(const xmllib *xl, xmlDoc *doc, const xmlNode **root,
                       const char *file, rl_diag *diag) {
  frame *fr = xcalloc(MAX_DEPTH + 2, sizeof *fr);
  choice ch = {0};
  walk w;
  long order = 0;
  for (walk_init(&w, doc); walk_next(&w);) {
    if (is_element(w.node) && !w.leaving) {
      if (w.depth > MAX_DEPTH) {
        free(fr);
        return diag_set(diag, DIAG_INPUT, file, 0, 0,
                        "HTML nested deeper than %d elements", MAX_DEPTH);
      }
      enter_frame(fr, w.depth, w.node, order++, 0);
    } else if (is_element(w.node)) {
      leave_frame(fr, w.depth, &ch);
    } else if (w.node->type == XML_TEXT_NODE) {
      count_text(fr, w.depth - 1, w.node);
    }
  }
  free(fr);
  *root = ch.first   ? ch.first
          : ch.named ? ch.named
          : ch.dense ? ch.dense
          : ch.body  ? ch.body
                     : xl->xmlDocGetRootElement(doc);
  *root = innermost_article(&ch, *root);
  free(ch.cands);
  return 0;
}

/* ---- extracting the article ------------------------------------------- */

/* Cells in row tr, or -1 if one of them lays out the page. */
static int row_width(const xmlNode *tr) {
  int cells = 0;
  for (const xmlNode *c = tr->children; c; c = c->next) {
    if (!is_element(c) || !(name_is(c, "td") || name_is(c, "th")))
      continue;
    if (is_layout_cell(c))
      return -1;
    cells++;
  }
  return cells;
}

/* A table with a row of two cells or more and no layout cell. */
static int table_is_data(const xmlNode *table) {
  int widest = 0;
  for (const xmlNode *c = table->children; c; c = c->next) {
    if (!is_element(c))
      continue;
    int group =
        name_is(c, "thead") || name_is(c, "tbody") || name_is(c, "tfoot");
    const xmlNode *r = group ? c->children : c;
    for (; r; r = group ? r->next : NULL) {
      if (!is_element(r) || !name_is(r, "tr"))
        continue;
      int w = row_width(r);
      if (w < 0)
        return 0;
      widest = w > widest ? w : widest;
    }
  }
  return widest >= 2;
}

static void set_table_data(frame *fr, int d) {
  const xmlNode *n = fr[d].node;
  if (name_is(n, "table"))
    fr[d].table_data = table_is_data(n);
  else if (name_is(n, "thead") || name_is(n, "tbody") || name_is(n, "tfoot") ||
           name_is(n, "tr"))
    fr[d].table_data = fr[d - 1].table_data;
}

static int is_data_cell(const frame *fr, int d) {
  const xmlNode *n = fr[d].node;
  return (name_is(n, "td") || name_is(n, "th")) &&
         name_is(fr[d - 1].node, "tr") && fr[d - 1].table_data;
}

/* rowspan / colspan as written, within [1, max]. */
static int span_attr(const xmlNode *n, const char *name, int max) {
  long v = strtol(attr_value(n, name, NULL), NULL, 10);
  return v < 1 ? 1 : v > max ? max : (int)v;
}

/* A grid position covered by a span: an empty cell of the row. */
static void grid_skip_covered(emitter *e, frame *row) {
  while (e->g.col < GRID_MAX_COLS && e->g.until[e->g.col] >= e->g.row) {
    if (row->cells++ > 0)
      e->tabs++;
    e->g.col++;
  }
}

static void open_cell(emitter *e, frame *fr, int d) {
  const xmlNode *n = fr[d].node;
  int outer = e->cell_depth == 0 && e->g.depth > 0;
  if (outer)
    grid_skip_covered(e, &fr[d - 1]);
  if (fr[d - 1].cells++ > 0)
    e->tabs++;
  if (outer) {
    int rs = span_attr(n, "rowspan", GRID_MAX_SPAN);
    int cs = span_attr(n, "colspan", GRID_MAX_COLS);
    for (int k = 0; k < cs && e->g.col < GRID_MAX_COLS; k++)
      e->g.until[e->g.col++] = e->g.row + rs - 1;
    e->g.after = cs - 1;
  }
  e->cell_depth++;
}

static void close_cell(emitter *e, frame *fr, int d) {
  e->cell_depth--;
  if (e->cell_depth > 0 || e->g.depth == 0)
    return;
  for (; e->g.after > 0; e->g.after--) { /* colspan: empty cells after */
    fr[d - 1].cells++;
    e->tabs++;
  }
}

/* The outermost data table's rows keep every grid position, trailing
 * empty cells included. */
static void open_grid(emitter *e, const frame *fr, int d) {
  const xmlNode *n = fr[d].node;
  if (e->cell_depth > 0 || !fr[d].table_data)
    return;
  if (name_is(n, "table")) {
    e->g.depth = d;
    e->g.row = 0;
    for (int k = 0; k < GRID_MAX_COLS; k++)
      e->g.until[k] = -1;
  } else if (name_is(n, "tr") && e->g.depth > 0) {
    e->g.col = 0;
  }
}

static void close_grid(emitter *e, frame *fr, int d) {
  if (e->cell_depth > 0 || e->g.depth == 0)
    return;
  if (name_is(fr[d].node, "tr") && fr[d].table_data) {
    grid_skip_covered(e, &fr[d]);
    if (e->tabs > 0)
      flush_pending(e);
    e->g.row++;
  } else if (d == e->g.depth) {
    e->g.depth = 0;
  }
}

static void open_element(emitter *e, frame *fr, int d) {
  const xmlNode *n = fr[d].node;
  if (is_data_cell(fr, d)) {
    open_cell(e, fr, d);
    return;
  }
  open_grid(e, fr, d);
  if (name_is(n, "pre"))
    e->pre_depth++;
  if (name_in(n, block_names))
    request_break(e);
}

static void close_element(emitter *e, frame *fr, int d) {
  const xmlNode *n = fr[d].node;
  if (is_data_cell(fr, d)) {
    close_cell(e, fr, d);
    return;
  }
  close_grid(e, fr, d);
  if (name_is(n, "pre"))
    e->pre_depth--;
  if (name_in(n, block_names) && !name_is(n, "br"))
    request_break(e);
}

typedef struct extraction {
  const xmlNode *root;
  int in_root;
  const xmlNode *skipped; /* the skipped element we are inside, if any */
  frame *fr;
  long order;
} extraction;

static void enter_element(extraction *x, emitter *e, const walk *w) {
  int d = w->depth;
  enter_frame(x->fr, d, w->node, x->order++, x->in_root);
  set_table_data(x->fr, d);
  if (w->node == x->root) {
    x->in_root = 1;
    request_break(e);
  } else if (x->in_root && !x->skipped) {
    if (is_skipped(w->node, x->fr[d - 1].section, 1))
      x->skipped = w->node;
    else
      open_element(e, x->fr, d);
  }
}

static void leave_element(extraction *x, emitter *e, const walk *w) {
  if (w->node == x->root) {
    x->in_root = 0;
    request_break(e);
  } else if (x->skipped == w->node) {
    x->skipped = NULL;
  } else if (x->in_root && !x->skipped) {
    close_element(e, x->fr, w->depth);
  }
}

/* Walks the whole document in order, aligning every text node and
 * emitting those inside the root, and every directive comment. */
static void extract(xmlDoc *doc, const xmlNode *root, aligner *al, emitter *e) {
  extraction x = {root, 0, NULL, xcalloc(MAX_DEPTH + 2, sizeof(frame)), 0};
  walk w;
  for (walk_init(&w, doc); walk_next(&w);) {
    xmlNode *n = w.node;
    if (is_element(n) && !w.leaving)
      enter_element(&x, e, &w);
    else if (is_element(n))
      leave_element(&x, e, &w);
    else if (n->type == XML_TEXT_NODE)
      align_text(al, n, x.in_root && !x.skipped ? e : NULL);
    else if (n->type == XML_CDATA_SECTION_NODE)
      align_text(al, n, NULL);
    else if (n->type == XML_COMMENT_NODE && n->content &&
             strstr((const char *)n->content, "reportlint-"))
      place_directive(al, n, e);
  }
  end_line(e);
  free(x.fr);
}

/* ---- the reader -------------------------------------------------------- */

/* Counts the nodes libxml2 builds and stops it past MAX_NODES, so that
 * memory stays bounded (a million tags make a tree of some 300 MB). */
typedef struct parse_guard {
  const xmllib *xl;
  startElementSAXFunc start;
  commentSAXFunc comment;
  processingInstructionSAXFunc pi;
  size_t nodes;
  int stopped;
} parse_guard;

static int guard_admits(htmlParserCtxtPtr ctxt) {
  parse_guard *g = ctxt->_private;
  if (++g->nodes <= MAX_NODES)
    return 1;
  if (!g->stopped)
    g->xl->xmlStopParser(ctxt);
  g->stopped = 1;
  return 0;
}

static void guarded_start(void *ctx, const xmlChar *name,
                          const xmlChar **atts) {
  htmlParserCtxtPtr ctxt = ctx;
  if (guard_admits(ctxt))
    ((parse_guard *)ctxt->_private)->start(ctx, name, atts);
}

static void guarded_comment(void *ctx, const xmlChar *value) {
  htmlParserCtxtPtr ctxt = ctx;
  if (guard_admits(ctxt))
    ((parse_guard *)ctxt->_private)->comment(ctx, value);
}

static void guarded_pi(void *ctx, const xmlChar *target, const xmlChar *data) {
  htmlParserCtxtPtr ctxt = ctx;
  if (guard_admits(ctxt))
    ((parse_guard *)ctxt->_private)->pi(ctx, target, data);
}

/* Returns the tree (NULL if libxml2 cannot make one); *stopped if it was
 * cut short at MAX_NODES. */
static xmlDoc *parse_html(const xmllib *xl, const char *src, size_t len,
                          int *stopped) {
  htmlParserCtxtPtr ctxt = xl->htmlNewParserCtxt();
  if (!ctxt || !ctxt->sax)
    return NULL;
  parse_guard g = {xl, ctxt->sax->startElement, ctxt->sax->comment,
                   ctxt->sax->processingInstruction, 0, 0};
  if (!g.start || !g.comment || !g.pi) {
    xl->htmlFreeParserCtxt(ctxt);
    return NULL;
  }
  ctxt->_private = &g;
  ctxt->sax->startElement = guarded_start;
  ctxt->sax->comment = guarded_comment;
  ctxt->sax->processingInstruction = guarded_pi;
  int opts = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
             HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC;
  xmlDoc *doc =
      xl->htmlCtxtReadMemory(ctxt, src, (int)len, NULL, "UTF-8", opts);
  xl->htmlFreeParserCtxt(ctxt);
  *stopped = g.stopped;
  return doc;
}

static void emitter_init(emitter *e, posmap *map, size_t max) {
  memset(e, 0, sizeof *e);
  strbuf_init(&e->out, max);
  e->map = map;
  e->space_at = NO_OFFSET;
}

/* The script and style elements in document order; the caller frees the
 * array with free(). */
static const xmlNode **collect_raws(xmlDoc *doc, size_t *n) {
  const xmlNode **v = NULL;
  size_t cap = 0;
  walk w;
  *n = 0;
  for (walk_init(&w, doc); walk_next(&w);)
    if (is_element(w.node) && !w.leaving &&
        (name_is(w.node, "script") || name_is(w.node, "style")))
      *ARRAY_PUSH(v, *n, cap) = w.node;
  return v;
}

/* The article opens with its own title: one of its first few non-blank
 * lines is short and names a 报告 (a title wrapped over two lines has
 * 报告 on its second). Segmentation then finds it; otherwise the page's
 * title stands in. */
enum { TITLE_LINES = 4, TITLE_LINE_MAX = 200 };

static int has_title_line(const char *s, size_t len) {
  int seen = 0;
  for (size_t at = 0; at < len && seen < TITLE_LINES;) {
    const char *nl = memchr(s + at, '\n', len - at);
    size_t end = nl ? (size_t)(nl - s) : len;
    size_t a = at;
    while (a < end && (s[a] == ' ' || s[a] == '\t'))
      a++;
    if (a < end) {
      seen++;
      if (end - a <= TITLE_LINE_MAX && utf8_contains(s + a, end - a, "报告"))
        return 1;
    }
    at = end + 1;
  }
  return 0;
}

/* Puts the page's title on a line of its own before the article's text,
 * mapped to where the page source writes it (looked for from offset from,
 * the start of the line of the element that gives it) (a many-to-one run at the
 * start of the page if it cannot be found before the article). */
static void prepend_title(extracted *out, const char *title, size_t from) {
  size_t n = strlen(title);
  const char *at = strstr(out->src + (from < out->src_len ? from : 0), title);
  size_t first_src = out->map.n ? out->map.runs[0].src : out->src_len;
  size_t src = at ? (size_t)(at - out->src) : 0;
  size_t src_n = at && src + n <= first_src ? n : 0;
  if (!src_n)
    src = 0;
  char *text = xmalloc(n + 1 + out->len + 1);
  memcpy(text, title, n);
  text[n] = '\n';
  memcpy(text + n + 1, out->text, out->len + 1);
  posmap shifted;
  posmap_init(&shifted);
  posmap_add(&shifted, 0, n, src, src_n);
  posmap_add(&shifted, n, 1, src + src_n, 0);
  for (size_t i = 0; i < out->map.n; i++) {
    posmap_run r = out->map.runs[i];
    posmap_add(&shifted, r.norm + n + 1, r.norm_len, r.src, r.src_len);
  }
  posmap_release(&out->map);
  out->map = shifted;
  free(out->text);
  out->text = text;
  out->len += n + 1;
}

/* Parses src, picks the article and extracts it into out. */
static int extract_text(const xmllib *xl, const reader_limits *lim,
                        extracted *out, const linemap *lm, const char *file,
                        rl_diag *diag) {
  int stopped;
  xmlDoc *doc = parse_html(xl, out->src, out->src_len, &stopped);
  if (!doc)
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "HTML page could not be parsed");
  const xmlNode *root = NULL;
  int rc = choose_root(xl, doc, &root, file, diag);
  if (rc == 0 && stopped)
    rc =
        diag_set(diag, DIAG_INPUT, file, 0, 0,
                 "HTML page has more than %d elements and comments", MAX_NODES);
  if (rc < 0) {
    xl->xmlFreeDoc(doc);
    return -1;
  }
  size_t max = lim && lim->max_bytes ? lim->max_bytes : STRBUF_UNLIMITED;
  emitter e;
  emitter_init(&e, &out->map, max);
  size_t budget = out->src_len > SIZE_MAX / ALIGN_BUDGET - (1 << 20)
                      ? SIZE_MAX
                      : ALIGN_BUDGET * out->src_len + (1 << 20);
  aligner al = {
      {xl, out->src, out->src_len, budget, 0, 0, 0, NULL, 0}, {0}, lm, 0};
  al.ls.raws = collect_raws(doc, &al.ls.nraws);
  extract(doc, root, &al, &e);
  free(al.ls.raws);
  html_page page;
  html_page_read(doc, root, &page);
  xl->xmlFreeDoc(doc);
  out->published = page.published;
  rc = 0;
  if (e.toobig)
    rc = diag_set(diag, DIAG_INPUT, file, 0, 0,
                  "HTML text is larger than %zu bytes", max);
  else if (e.nvisible == 0)
    rc = diag_set(diag, DIAG_INPUT, file, 0, 0, "HTML page has no text");
  out->text = strbuf_detach(&e.out, &out->len);
  if (rc == 0 && page.title && !has_title_line(out->text, out->len))
    prepend_title(out, page.title, line_start(lm, page.title_line));
  html_page_release(&page);
  return rc;
}

int read_html(const char *raw, size_t len, const char *file,
              const reader_limits *lim, extracted *out, rl_diag *diag) {
  extracted_init(out);
  const char *why;
  const xmllib *xl = xmllib_load(&why);
  if (!xl)
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "cannot read HTML: libxml2 is not available (%s)", why);
  if (read_source(raw, len, file, out, diag) < 0) {
    extracted_release(out);
    return -1;
  }
  if (out->src_len > INT_MAX) {
    extracted_release(out);
    return diag_set(diag, DIAG_INPUT, file, 0, 0,
                    "HTML page is too large (%zu bytes)", len);
  }
  linemap lm;
  linemap_init(&lm, out->src, out->src_len);
  int rc = check_markup(xl, out->src, out->src_len, &lm, file, diag);
  if (rc == 0)
    rc = extract_text(xl, lim, out, &lm, file, diag);
  if (rc == 0) {
    /* Portals put their publishing line inside the article container:
     * it belongs to the page, not the report (see webfurn.h). */
    int date = webfurn_blank_all(out->text, out->len);
    if (!out->published)
      out->published = date;
  }
  linemap_release(&lm);
  if (rc < 0)
    extracted_release(out);
  return rc;
}
