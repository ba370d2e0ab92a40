/* normalize: decoded text (LF line ends) → one logical paragraph per line.
 *
 * Consumes the decoded source; produces owned text in which every
 * paragraph ends with '\n' and no line is empty, plus a posmap from each
 * output byte to the source byte it came from. Lines are trimmed, blank
 * lines dropped, hard-wrapped lines joined (see decide_join for the order
 * of the tests), full-width digits, letters, ％, ． and spaces folded to
 * ASCII, and spaces next to Chinese text dropped. Three passes over the
 * text, each linear: collect lines, pick the wrap width, emit. What the
 * paragraphs are (title, heading, signature) is segment's business. */
#include "normalize.h"

#include "alloc.h"
#include "marker.h"
#include "reposted.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The histogram of line widths stops at WIDTH_BUCKETS (any wider line
 * means "not hard-wrapped"); a line is full within WRAP_SLACK of W. */
enum { WIDTH_BUCKETS = 256, WRAP_MAX = 120, WRAP_SLACK = 4, WRAP_MIN_FULL = 5 };

typedef struct pline {
  size_t start, end; /* trimmed content [start, end) */
  size_t eol;        /* offset of the line's '\n', or len */
  size_t width;      /* visual width: wide characters count 2 */
} pline;

/* The code point at s (U+FFFD for an invalid byte, which then counts as
 * one byte); utf8_decode never reads past len. */
static uint32_t cp_at(const char *s, size_t len, size_t *step) {
  uint32_t cp;
  int n = utf8_decode(s, len, &cp);
  *step = n < 0 ? 1 : (size_t)n;
  return cp;
}

static uint32_t last_cp(const char *s, size_t start, size_t end, size_t *at) {
  size_t i = utf8_back(s, end);
  if (i < start)
    i = start;
  size_t step;
  *at = i;
  return cp_at(s + i, end - i, &step);
}

static int is_space(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\f' || cp == '\v' || cp == 0x3000 ||
         cp == 0x00A0;
}

static int is_digit(uint32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* Full-width forms matched as ASCII; 0 if cp is not folded. Parentheses
 * and other punctuation stay: （一） and (一) are different findings. */
static uint32_t fold(uint32_t cp) {
  if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
      (cp >= 0xFF41 && cp <= 0xFF5A) || cp == 0xFF05 || cp == 0xFF0E)
    return cp - 0xFEE0;
  if (cp == 0x3000 || cp == 0x00A0)
    return ' ';
  return 0;
}

/* ---- heading markers -------------------------------------------------- */

/* The marker at the start of a trimmed line (marker.c's grammar, which
 * segment reads headings with too); 0 if none. The text is not folded
 * yet: full-width digits are digits. */
static size_t heading_marker(const char *s, size_t len, marker *m) {
  return marker_read(s, len, MARKER_WIDE_DIGITS, m);
}

// level-1 = md-heading | 一、 一． 第一部分 第一章   (no line is joined to it)
static int is_level1_start(const char *s, size_t len) {
  marker m;
  return heading_marker(s, len, &m) > 0 && (m.hashes > 0 || m.level == 1);
}

int normalize_is_heading_start(const char *s, size_t len) {
  marker m;
  return heading_marker(s, len, &m) > 0;
}

/* ---- headings run into a paragraph ------------------------------------ */

enum {
  RUNIN_MIN_LINE = 300, /* bytes: only a long line can hold run-in text */
  RUNIN_MAX_PHRASE = 25 /* characters from the marker to its 。 or ： */
};

/* runin-heading = (level-1 | paren) phrase ("。" | "：")
 * phrase = up to RUNIN_MAX_PHRASE characters, no digit, comma or 、
 * A heading of text copied from a web page, run into the paragraph before
 * it ("…工作。二、存在的不足和原因。…"): it starts a line, as it would have
 * on the page. "三、四月份…" is not one: its phrase runs on with digits or
 * commas, or ends too far off. */
static int starts_runin_heading(const char *s, size_t len) {
  marker m;
  if (heading_marker(s, len, &m) == 0 || m.hashes > 0 ||
      !(m.level == 1 || marker_is_paren(m.mark)))
    return 0;
  size_t i = 0, step;
  int chars = 0, past_marker = 0;
  size_t max = len < 8 * RUNIN_MAX_PHRASE ? len : 8 * RUNIN_MAX_PHRASE;
  while (i < max && chars <= RUNIN_MAX_PHRASE) {
    uint32_t cp = cp_at(s + i, max - i, &step);
    if (!past_marker) {
      past_marker = cp == 0x3001 /* 、 */ || cp == 0xFF09 /* ） */ ||
                    cp == ')' || cp == '.' || cp == 0xFF0E;
      i += step;
      continue;
    }
    if (cp == 0x3002 /* 。 */ || cp == 0xFF1A /* ： */)
      return chars >= 2 && chars <= RUNIN_MAX_PHRASE;
    if (is_digit(cp) || cp == 0xFF0C /* ， */ || cp == 0x3001 /* 、 */ ||
        cp == ',' || cp == '\n')
      return 0;
    chars++;
    i += step;
  }
  return 0;
}

/* ---- lines and the wrap width ----------------------------------------- */

/* ---- Markdown syntax ---------------------------------------------------- */

static int is_md_pair(const char *s, size_t len) {
  return len >= 2 && s[0] == s[1] && (s[0] == '*' || s[0] == '_' || s[0] == '~');
}

// thematic-break = 3 or more of one of - * _, spaces between
static int is_md_break(const char *s, size_t len) {
  size_t marks = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] == s[0] && (s[0] == '-' || s[0] == '*' || s[0] == '_'))
      marks++;
    else if (s[i] != ' ' && s[i] != '\t')
      return 0;
  }
  return marks >= 3;
}

/* Bytes of Markdown block syntax at the start of a trimmed line: "> ",
 * "- " "* " "+ " bullets, a leading ** or __, and the spaces after them. */
static size_t md_prefix(const char *s, size_t len) {
  size_t i = 0;
  for (;;) {
    size_t before = i;
    if (i < len && s[i] == '>')
      i++;
    else if (i + 1 < len && strchr("-*+", s[i]) && s[i + 1] == ' ')
      i += 2;
    else if (is_md_pair(s + i, len - i) && s[i] != '~')
      i += 2;
    while (i < len && s[i] == ' ')
      i++;
    if (i == before)
      return i;
  }
}

/* Bytes of a trailing ** or __ (closing a strong span). */
static size_t md_suffix(const char *s, size_t len) {
  size_t n = 0;
  while (len - n >= 2 && is_md_pair(s + len - n - 2, 2) && s[len - n - 1] != '~')
    n += 2;
  return n;
}

/* Trims one physical line [start, eol) into *pl; returns 0 if blank. */
static int trim_line(const char *src, size_t start, size_t eol, int markdown,
                     pline *pl) {
  size_t step;
  while (start < eol && is_space(cp_at(src + start, eol - start, &step)))
    start += step;
  size_t end = eol, at;
  while (end > start && is_space(last_cp(src, start, end, &at)))
    end = at;
  if (markdown) {
    if (is_md_break(src + start, end - start))
      return 0;
    start += md_prefix(src + start, end - start);
    end -= md_suffix(src + start, end - start);
    while (end > start && is_space(last_cp(src, start, end, &at)))
      end = at;
  }
  pl->start = start;
  pl->end = end;
  pl->eol = eol;
  pl->width = 0;
  for (size_t i = start; i < end; i += step)
    pl->width += utf8_is_wide(cp_at(src + i, end - i, &step)) ? 2 : 1;
  return end > start;
}

/* Every non-blank physical line, in order; *n gets their number. */
static pline *collect_lines(const char *src, size_t len, int markdown,
                            size_t *n) {
  pline *lines = NULL;
  size_t cap = 0;
  *n = 0;
  for (size_t start = 0; start < len;) {
    const char *nl = memchr(src + start, '\n', len - start);
    size_t eol = nl ? (size_t)(nl - src) : len;
    pline pl;
    if (trim_line(src, start, eol, markdown, &pl))
      *ARRAY_PUSH(lines, *n, cap) = pl;
    start = eol + 1;
  }
  return lines;
}

/* The 90th percentile (nearest rank) of the line widths, from a histogram
 * so that it stays linear; widths past the last bucket count as that. */
static size_t percentile90(const size_t *hist, size_t n) {
  size_t rank = (9 * n + 9) / 10, seen = 0;
  for (size_t w = 0; w <= WIDTH_BUCKETS; w++) {
    seen += hist[w];
    if (seen >= rank)
      return w;
  }
  return WIDTH_BUCKETS;
}

/* The width a hard-wrapped document breaks its lines at, or 0 if it is
 * not hard-wrapped: W over WRAP_MAX means one paragraph per line, and
 * fewer than WRAP_MIN_FULL lines (or a third of them) near W is too
 * little evidence: a short letter would glue its issuer to its date. */
static size_t wrap_width(const pline *lines, size_t n) {
  size_t hist[WIDTH_BUCKETS + 1] = {0};
  for (size_t i = 0; i < n; i++)
    hist[lines[i].width < WIDTH_BUCKETS ? lines[i].width : WIDTH_BUCKETS]++;
  size_t wrap = percentile90(hist, n), full = 0;
  if (wrap > WRAP_MAX)
    return 0;
  size_t lo = wrap > WRAP_SLACK ? wrap - WRAP_SLACK : 0;
  for (size_t w = lo; w <= WIDTH_BUCKETS; w++)
    full += hist[w];
  return full >= WRAP_MIN_FULL && 3 * full >= n ? wrap : 0;
}

/* ---- joining ---------------------------------------------------------- */

static int is_terminal(uint32_t cp) {
  return cp == 0x3002 /* 。 */ || cp == 0xFF01 /* ！ */ ||
         cp == 0xFF1F /* ？ */ || cp == 0xFF1B /* ； */ ||
         cp == 0xFF1A /* ： */ || cp == 0x2026 /* … */;
}

static int is_closing(uint32_t cp) {
  return cp == 0x201D /* ” */ || cp == 0x2019 /* ’ */ ||
         cp == 0x300D /* 」 */ || cp == 0x300F /* 』 */ ||
         cp == 0xFF09 /* ） */;
}

static int is_clause(uint32_t cp) {
  return cp == 0xFF0C /* ， */ || cp == 0x3001 /* 、 */ ||
         cp == 0x3002 /* 。 */ || cp == 0xFF1B /* ； */ ||
         cp == 0xFF1A /* ： */;
}

static int is_continuation(uint32_t cp) {
  return cp == 0x3001 /* 、 */ || cp == 0xFF0C /* ， */ ||
         cp == 0xFF08 /* （ */ || cp == 0x201C /* “ */ ||
         cp == 0x300A /* 《 */ || is_digit(cp);
}

// terminal-end = [。！？；：…] [”’」』）]?
static int ends_terminal(const char *src, const pline *l) {
  size_t at;
  uint32_t cp = last_cp(src, l->start, l->end, &at);
  if (is_closing(cp) && at > l->start)
    cp = last_cp(src, l->start, at, &at);
  return is_terminal(cp);
}

static int has_clause_punct(const char *src, const pline *l) {
  size_t step;
  for (size_t i = l->start; i < l->end; i += step)
    if (is_clause(cp_at(src + i, l->end - i, &step)))
      return 1;
  return 0;
}

static int has_sentence_end(const char *src, const pline *l) {
  size_t step;
  for (size_t i = l->start; i < l->end; i += step)
    if (cp_at(src + i, l->end - i, &step) == 0x3002 /* 。 */)
      return 1;
  return 0;
}

static int is_full(const pline *l, size_t wrap) {
  return wrap > 0 && l->width + WRAP_SLACK >= wrap;
}

/* Whether line l runs on into the next non-blank line next. A PDF breaks
 * lines at a fixed width and marks nothing else, so: headings stand
 * alone (a heading line that is not full never takes the next), a full
 * line wraps, a sentence end ends the paragraph, and a
 * short line without punctuation is a title, an issuer or a date rather
 * than a wrapped clause. A full line that ends a sentence does not take
 * such a line either: paragraphs happen to end near the margin. */
static int decide_join(const char *src, const pline *l, const pline *next,
                       size_t wrap) {
  if (normalize_is_heading_start(src + next->start, next->end - next->start))
    return 0;
  if (is_level1_start(src + l->start, l->end - l->start))
    return 0;
  int terminal = ends_terminal(src, l);
  if (is_full(l, wrap))
    return !terminal || is_full(next, wrap) || has_clause_punct(src, next);
  if (terminal)
    return 0;
  /* A heading that stops short of the margin (every heading of a page
   * made of blocks, where nothing is full) stands alone, unless a sentence
   * ends inside it: then it is a run-in heading whose body wraps. */
  if (normalize_is_heading_start(src + l->start, l->end - l->start) &&
      !has_sentence_end(src, l))
    return 0;
  size_t at;
  return is_continuation(last_cp(src, l->start, l->end, &at)) ||
         has_clause_punct(src, l);
}

enum { TITLE_LINE_WIDTH = 64 }; /* 32 wide characters */

/* Whether the first line l of a document and the next are one title
 * broken over two lines (an issuer over the rest of the title, or a
 * title wrapped wherever the line ran out: 某市自然资源和规划局2024年政府
 * 信息公开工 / 作年度报告): neither has punctuation, l does not say 报告,
 * and next ends with it. The title rules then read it whole. */
static int title_wraps(const char *src, const pline *l, const pline *next) {
  const char *a = src + l->start, *b = src + next->start;
  size_t alen = l->end - l->start, blen = next->end - next->start;
  return !has_clause_punct(src, l) && !has_clause_punct(src, next) &&
         !utf8_contains(a, alen, "报告") && !utf8_contains(a, alen, "附件") &&
         utf8_ends(b, blen, "报告") && l->width <= TITLE_LINE_WIDTH &&
         next->width <= TITLE_LINE_WIDTH && !normalize_is_heading_start(a, alen);
}

/* ---- emitting --------------------------------------------------------- */

typedef struct emitter {
  const char *src;
  int markdown;
  char *out;
  size_t n;
  posmap *map;
  uint32_t prev;           /* last code point emitted in this line, folded */
  const reposted_cut *cut; /* insertions to leave out, in order */
  size_t ncut, next_cut;
  normtext_cut *cuts; /* where each one stood, as they are left out */
  size_t nleft;       /* how many were */
} emitter;

static void emit(emitter *e, const char *bytes, size_t len, size_t src,
                 size_t src_len) {
  memcpy(e->out + e->n, bytes, len);
  posmap_add(e->map, e->n, len, src, src_len);
  e->n += len;
}

/* A run of spaces starts at i (inside a trimmed line, so a character
 * follows it). Keeps one space between two ASCII characters ("ISO 9001"),
 * drops it next to anything else ("2024 年"). Returns the run's end. */
static size_t emit_spaces(emitter *e, size_t i, size_t end) {
  size_t j = i, step;
  uint32_t next = 0;
  while (j < end) {
    next = cp_at(e->src + j, end - j, &step);
    if (!is_space(next))
      break;
    j += step;
  }
  if (fold(next))
    next = fold(next);
  if (e->prev < 0x80 && next < 0x80)
    emit(e, " ", 1, i, j - i);
  return j;
}

/* Markdown inline syntax at i: bytes to drop (0 if none). A link's or
 * image's "](url)" is dropped whole; "[" and "![" only when such a close
 * follows on the line. *keep gets 1 for an escaped character to copy. */
static size_t md_inline(const char *s, size_t i, size_t end, int *keep) {
  *keep = 0;
  if (is_md_pair(s + i, end - i))
    return 2;
  if (s[i] == '`')
    return 1;
  if (s[i] == '\\' && i + 1 < end && strchr("\\`*_{}[]()#+-.!<>~|", s[i + 1])) {
    *keep = 1;
    return 1;
  }
  if (s[i] == ']' && i + 1 < end && s[i + 1] == '(') {
    const char *close = memchr(s + i + 2, ')', end - i - 2);
    if (close && !memchr(s + i + 2, ' ', (size_t)(close - s) - i - 2))
      return (size_t)(close - s) + 1 - i;
  }
  size_t open = s[i] == '[' ? 1 : s[i] == '!' && i + 1 < end && s[i + 1] == '[' ? 2 : 0;
  if (open) {
    const char *close = memchr(s + i + open, ']', end - i - open);
    if (close && (size_t)(close - s) + 1 < end && close[1] == '(')
      return open;
  }
  return 0;
}

/* An insertion is left out at i: returns where the text goes on, or i. */
static size_t skip_insertion(emitter *e, size_t i) {
  while (e->next_cut < e->ncut && e->cut[e->next_cut].skip_end <= i)
    e->next_cut++;
  if (e->next_cut == e->ncut || e->cut[e->next_cut].skip > i)
    return i;
  const reposted_cut *c = &e->cut[e->next_cut++];
  e->cuts[e->nleft++] = (normtext_cut){c->off, c->len, e->n};
  return c->skip_end;
}

static void emit_line(emitter *e, const pline *l) {
  size_t i = l->start;
  int long_line = l->end - l->start >= RUNIN_MIN_LINE;
  while (i < l->end) {
    size_t past = skip_insertion(e, i);
    if (past != i) {
      i = past;
      continue;
    }
    if (long_line && i > l->start &&
        (e->prev == 0x3002 /* 。 */ || e->prev == 0xFF01 /* ！ */ ||
         e->prev == 0xFF1F /* ？ */ || e->prev == 0xFF1B /* ； */) &&
        starts_runin_heading(e->src + i, l->end - i)) {
      emit(e, "\n", 1, i, 0); /* the heading starts a line */
      e->prev = 0;
    }
    uint32_t cp;
    int keep;
    size_t drop = e->markdown ? md_inline(e->src, i, l->end, &keep) : 0;
    if (drop) {
      i += drop;
      if (keep && i < l->end) { /* the escaped ASCII character */
        emit(e, e->src + i, 1, i, 1);
        e->prev = (unsigned char)e->src[i++];
      }
      continue;
    }
    int n = utf8_decode(e->src + i, l->end - i, &cp);
    if (n < 0) {
      emit(e, e->src + i, 1, i, 1); // cannot happen after decode
      e->prev = 0xFFFD;
      i++;
    } else if (is_space(cp)) {
      i = emit_spaces(e, i, l->end);
    } else if (fold(cp)) {
      char c = (char)fold(cp);
      emit(e, &c, 1, i, (size_t)n);
      e->prev = (uint32_t)c;
      i += (size_t)n;
    } else {
      emit(e, e->src + i, (size_t)n, i, (size_t)n);
      e->prev = cp;
      i += (size_t)n;
    }
  }
}

/* The paragraph's '\n' stands for the end of its last line: trailing
 * blanks and the source LF, if any. */
static void end_paragraph(emitter *e, const pline *l, size_t len) {
  size_t src_len = l->eol - l->end + (l->eol < len ? 1 : 0);
  emit(e, "\n", 1, l->end, src_len);
}

enum { NORMALIZE_SLACK = 64 };

void normalize_text(const char *src, size_t len, int flags, normtext *out) {
  size_t n;
  int markdown = (flags & NORMALIZE_MARKDOWN) != 0;
  pline *lines = collect_lines(src, len, markdown, &n);
  size_t wrap = wrap_width(lines, n);
  posmap_init(&out->map);
  // Folding and dropping only shrink; each line adds at most one '\n', and
  // a run-in heading one more after a 3-byte sentence end.
  // Zeroed, with slack: PCRE2's JIT may read a few bytes past the subject
  // (SIMD scans), which must be initialised memory.
  size_t ncut;
  reposted_cut *cut = reposted_find(src, len, &ncut);
  emitter e = {.src = src,
               .markdown = markdown,
               .out = xcalloc(len + len / 3 + 2 + NORMALIZE_SLACK, 1),
               .map = &out->map,
               .cut = cut,
               .ncut = ncut,
               .cuts = ncut ? xcalloc(ncut, sizeof(normtext_cut)) : NULL};
  for (size_t i = 0; i < n; i++) {
    e.prev = 0;
    emit_line(&e, &lines[i]);
    if (i + 1 == n || (flags & NORMALIZE_NO_JOIN) ||
        !(decide_join(src, &lines[i], &lines[i + 1], wrap) ||
          (i == 0 && title_wraps(src, &lines[0], &lines[1]))))
      end_paragraph(&e, &lines[i], len);
  }
  e.out[e.n] = '\0';
  out->text = e.out;
  out->len = e.n;
  out->cuts = e.cuts;
  out->ncut = e.nleft;
  free(cut);
  free(lines);
}

void normtext_release(normtext *nt) {
  free(nt->text);
  nt->text = NULL;
  nt->len = 0;
  posmap_release(&nt->map);
  free(nt->cuts);
  nt->cuts = NULL;
  nt->ncut = 0;
}
