/* rule_lexicon: wrong characters and words (错别字) found against a word
 * list.
 *
 * Consumes the text of the rule's scope, line by line, the lexicon and the
 * rule's terms; produces warnings that quote the written form and the
 * likely intended one. check `doubled`: a character, word or phrase
 * written twice where the language does not double it (的的, 经费经费, a
 * measure word after another, 35件宗); check `near`: a set phrase, idiom
 * or domain term missed by one edit where the written form is no word
 * (残差不齐, 政府信公开, 行政法复议, 受理渠。). Both stop at the rule's `max`
 * findings in one report.
 *
 * The kind's descriptor at the end of the file (rule_kind.h) gives its
 * keys, the message variables it fills, its load-time checks and release. */
#include "rule_kind.h"

#include "alloc.h"
#include "lexicon.h"
#include "nearmiss.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_UNIT = 40, MAX_HITS = 16 };

/* One line of the scope as code points, with the byte offset of each in
 * the text (off[n]: the line's end). */
typedef struct line {
  uint32_t *cp;
  size_t *off;
  int n;
} line;

typedef struct lexrun {
  engine_run *run;
  const rule_lexicon *rl;
  int emitted;
} lexrun;

static int is_han(uint32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || c == 0x3007;
}

static int is_numeral(uint32_t c) {
  static const uint32_t cn[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341,
                                0x767E, 0x5343, 0x4E07, 0x3007, 0x96F6};
  for (size_t i = 0; i < sizeof cn / sizeof *cn; i++)
    if (c == cn[i])
      return 1;
  return 0;
}

/* s[0, len) is one of the n strings of v. */
static int is_listed(char *const *v, int n, const char *s, size_t len) {
  for (int i = 0; i < n; i++)
    if (strlen(v[i]) == len && memcmp(v[i], s, len) == 0)
      return 1;
  return 0;
}

/* The tag of the word at code points [a, b) of the line, 0 if none. */
static int word_at(const lexrun *lr, const line *l, int a, int b) {
  if (a < 0 || b > l->n || b - a < 2 || b - a > LEXICON_MAX_WORD)
    return 0;
  const char *t = lr->run->d->text;
  return lexicon_word(lr->rl->lex, t + l->off[a], l->off[b] - l->off[a]);
}

static void emit(lexrun *lr, const line *l, int a, int b,
                 const char *intended) {
  const char *t = lr->run->d->text;
  doc *d = lr->run->d;
  engine_var vars[2] = {
      {"written",
       arena_strndup(&d->arena, t + l->off[a], l->off[b] - l->off[a])},
      {"intended", intended}};
  engine_hit(lr->run);
  engine_emit(lr->run, l->off[a], l->off[b], vars, 2, NULL);
  lr->emitted++;
}

static char *text_of(lexrun *lr, const line *l, int a, int b) {
  return arena_strndup(&lr->run->d->arena, lr->run->d->text + l->off[a],
                       l->off[b] - l->off[a]);
}

// --- doubled ---------------------------------------------------------------

/* A word starts at b and runs past the repeat's end e (人民人民币). */
static int word_runs_on(const lexrun *lr, const line *l, int b, int e) {
  for (int end = e + 1; end <= b + LEXICON_MAX_WORD; end++)
    if (word_at(lr, l, b, end))
      return 1;
  return 0;
}

/* cc at i, i + 1 is two words meeting (学习习近平, 大会会场), or in one
 * (常常, 绿油油, 的的确确), or the first pair of a reduplication (认认真真). */
static int single_explained(const lexrun *lr, const line *l, int i) {
  const uint32_t *cp = l->cp;
  if ((i + 3 < l->n && cp[i + 2] == cp[i + 3]) ||
      (i >= 2 && cp[i - 2] == cp[i - 1]))
    return 1;
  for (int a = i; a >= 0 && a > i - LEXICON_MAX_WORD; a--)
    for (int b = i + 2; b <= a + LEXICON_MAX_WORD && b <= l->n; b++)
      if (word_at(lr, l, a, b))
        return 1;
  for (int a = i - 1; a >= 0 && a > i - LEXICON_MAX_WORD; a--)
    if (word_at(lr, l, a, i + 1))
      return 1;
  return word_runs_on(lr, l, i + 1, i + 1);
}

/* The two characters at i are one of the rule's `doubles` (研究研究). */
static int may_double(const lexrun *lr, const line *l, int i) {
  return is_listed(lr->rl->doubles, lr->rl->ndoubles,
                   lr->run->d->text + l->off[i], l->off[i + 2] - l->off[i]);
}

/* unit = the repeated text at [i, i + k); whether writing it twice is a
 * slip. */
static int doubled_is_slip(const lexrun *lr, const line *l, int i, int k) {
  const uint32_t *cp = l->cp;
  if (k == 1)
    return is_han(cp[i]) && !is_numeral(cp[i]) && !may_double(lr, l, i) &&
           !single_explained(lr, l, i);
  if (!is_han(cp[i]) || !is_han(cp[i + k - 1]) || is_numeral(cp[i]))
    return 0;
  if (k == 2) {
    /* a noun written twice; verbs and adjectives reduplicate (研究研究) */
    return is_han(cp[i + 1]) && word_at(lr, l, i, i + 2) == '-' &&
           !word_at(lr, l, i + 1, i + 3) && !may_double(lr, l, i);
  }
  int han = 0;
  for (int j = i; j < i + k; j++)
    han += is_han(cp[j]);
  return han >= 3;
}

static int same_run(const uint32_t *cp, int i, int k) {
  return memcmp(cp + i, cp + i + k, (size_t)k * sizeof *cp) == 0;
}

/* The character at i is one of the rule's measures: its code point and
 * length against their keys (this runs after every digit of a report). */
static int is_measure(const lexrun *lr, const line *l, int i) {
  uint32_t key = l->cp[i] | (uint32_t)(l->off[i + 1] - l->off[i]) << 24;
  for (int k = 0; k < lr->rl->nmeasures; k++)
    if (lr->rl->measure_keys[k] == key)
      return 1;
  return 0;
}

/* number m1 m2: two measure words after a number (35件宗), which no word
 * explains (12人次, 3个人员, 5件宗教…). Returns the end, or 0. */
static int measure_slip(const lexrun *lr, const line *l, int i) {
  if (i + 2 >= l->n || !(l->cp[i] >= '0' && l->cp[i] <= '9') ||
      !is_measure(lr, l, i + 1) || !is_measure(lr, l, i + 2) ||
      l->cp[i + 1] == l->cp[i + 2])
    return 0;
  if (word_at(lr, l, i + 1, i + 3) || word_runs_on(lr, l, i + 2, i + 2))
    return 0;
  return i + 3;
}

static void emit_measure(lexrun *lr, const line *l, int i) {
  int a = i;
  while (a > 0 && l->cp[a - 1] >= '0' && l->cp[a - 1] <= '9')
    a--;
  char *num = text_of(lr, l, a, i + 1);
  char *m1 = text_of(lr, l, i + 1, i + 2), *m2 = text_of(lr, l, i + 2, i + 3);
  size_t cap = strlen(num) * 2 + strlen(m1) + strlen(m2) + 16;
  char *intended = arena_alloc(&lr->run->d->arena, cap);
  snprintf(intended, cap, "%s%s”或“%s%s", num, m1, num, m2);
  emit(lr, l, a, i + 3, intended);
}

enum { BUCKETS = 256 };

/* next[i]: the next place after i whose character falls in the same one
 * of BUCKETS buckets as the line's character i (l->n when none), so that
 * the repeats of a character are found by following next, not by
 * comparing it with each of the MAX_UNIT characters after it. */
static int *same_bucket_chain(const line *l) {
  int *next = xmalloc(((size_t)l->n + 1) * sizeof *next), last[BUCKETS];
  next[l->n] = l->n;
  for (int b = 0; b < BUCKETS; b++)
    last[b] = l->n;
  for (int i = l->n - 1; i >= 0; i--) {
    next[i] = last[l->cp[i] % BUCKETS];
    last[l->cp[i] % BUCKETS] = i;
  }
  return next;
}

static void check_doubled(lexrun *lr, const line *l) {
  int *next = same_bucket_chain(l);
  for (int i = 0; i < l->n && lr->emitted < lr->rl->max; i++) {
    if (measure_slip(lr, l, i)) {
      emit_measure(lr, l, i);
      i += 2;
      continue;
    }
    /* unit = the k characters at i, written again at i + k */
    for (int j = next[i]; j - i <= MAX_UNIT && i + 2 * (j - i) <= l->n;
         j = next[j]) {
      int k = j - i;
      if (l->cp[i] != l->cp[j] ||
          (k > 1 && l->cp[i + 1] != l->cp[j + 1]) || !same_run(l->cp, i, k) ||
          !doubled_is_slip(lr, l, i, k))
        continue;
      emit(lr, l, i, i + 2 * k, text_of(lr, l, i, i + k));
      i += 2 * k - 1;
      break;
    }
  }
  free(next);
}

// --- near misses -----------------------------------------------------------

static int is_stop(uint32_t c) {
  return c == 0xFF0C || c == 0x3002 || c == 0xFF1B || c == 0xFF1A ||
         c == 0x3001 || c == 0xFF01 || c == 0xFF1F || c == ',' || c == ';' ||
         c == ':';
}

/* Judges a hit in the run at code point r of the line: the written form
 * is no word, and the edit is one a typist makes. */
static int near_is_slip(const lexrun *lr, const line *l, int r,
                        const near_hit *h) {
  const nearmiss *nm = lr->rl->near;
  const uint32_t *w = l->cp + r + h->at;
  int a = r + h->at, b = a + h->len;
  if (word_at(lr, l, a, b) || is_listed(lr->rl->except, lr->rl->nexcept,
                                        lr->run->d->text + l->off[a],
                                        l->off[b] - l->off[a]))
    return 0;
  switch (h->kind) {
  case NEAR_SUB: /* 残差不齐: a character that sounds like the right one */
    return lexicon_sound_alike(lr->rl->lex, w[h->j],
                               nearmiss_char(nm, h->phrase, h->j));
  case NEAR_DEL: /* 政府信公开 */
    return 1;
  case NEAR_INS: /* 行政法复议: the extra character ends another word */
    if (w[h->j] == w[h->j - 1] || w[h->j] == w[h->j + 1])
      return 0; /* a doubled character: check doubled's */
    for (int s = a; s < a + h->j; s++)
      if (word_at(lr, l, s, a + h->j + 1))
        return 1;
    return 0;
  case NEAR_CUT: /* 受理渠。: a term stopped inside its last word */
    if (b >= l->n || !is_stop(l->cp[b]))
      return 0; /* a cell's or a line's end may be a wrapped label */
    for (int s = b - 2; s >= a && s > b - LEXICON_MAX_WORD; s--)
      if (word_at(lr, l, s, b))
        return 0;
    return 1;
  }
  return 0;
}

/* The run of Han characters at code point r of the line, n of them: at
 * each place where a miss may start, the first miss that is a slip. */
static void check_run(lexrun *lr, const line *l, int r, int n) {
  const nearmiss *nm = lr->rl->near;
  int at = nearmiss_next(nm, l->cp + r, n, 0);
  if (at >= n)
    return; /* most runs: no place to look up, no hashes to make */
  nearmiss_text t;
  nearmiss_text_init(&t, l->cp + r, n);
  near_hit hits[MAX_HITS];
  for (; at < n && lr->emitted < lr->rl->max;
       at = nearmiss_next(nm, l->cp + r, n, at + 1)) {
    int found = nearmiss_find(nm, &t, at, hits, MAX_HITS);
    for (int k = 0; k < found && k < MAX_HITS; k++) {
      if (!near_is_slip(lr, l, r, &hits[k]))
        continue;
      emit(lr, l, r + at, r + at + hits[k].len,
           nearmiss_phrase(nm, hits[k].phrase));
      at += hits[k].len - 1;
      break;
    }
  }
  nearmiss_text_release(&t);
}

static void check_near(lexrun *lr, const line *l) {
  for (int i = 0; i < l->n;) {
    if (!is_han(l->cp[i])) {
      i++;
      continue;
    }
    int e = i;
    while (e < l->n && is_han(l->cp[e]))
      e++;
    check_run(lr, l, i, e - i);
    i = e;
  }
}

// --- the rule --------------------------------------------------------------

/* A piece's code points and their offsets, decoded into scratch (grown
 * to a byte a character) and kept in the document's arena, as many as
 * there are. */
static void decode_line(arena *ar, line *scratch, size_t *cap, const char *t,
                        size_t off, size_t end, line *l) {
  if (*cap < end - off + 1) {
    *cap = end - off + 1;
    scratch->cp = xrealloc(scratch->cp, *cap * sizeof *scratch->cp);
    scratch->off = xrealloc(scratch->off, *cap * sizeof *scratch->off);
  }
  int n = 0;
  for (size_t i = off; i < end;) {
    int k = utf8_decode(t + i, end - i, &scratch->cp[n]);
    scratch->off[n++] = i;
    i += k > 0 ? (size_t)k : 1;
  }
  scratch->off[n] = end;
  l->n = n;
  l->cp = arena_alloc(ar, (size_t)n * sizeof *l->cp + 1);
  l->off = arena_alloc(ar, ((size_t)n + 1) * sizeof *l->off);
  memcpy(l->cp, scratch->cp, (size_t)n * sizeof *l->cp);
  memcpy(l->off, scratch->off, ((size_t)n + 1) * sizeof *l->off);
}

/* A line of sentences: it has a Chinese stop, comma, enumeration comma,
 * semicolon or colon (，。；、：). Their UTF-8 forms are sought as bytes: a
 * lead byte (E3, EF) never occurs inside another character's form. */
static int is_prose(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i + 2 < len; i++) {
    if (u[i] == 0xE3 && u[i + 1] == 0x80 && (u[i + 2] == 0x82 ||
                                             u[i + 2] == 0x81))
      return 1; /* 。、 */
    if (u[i] == 0xEF && u[i + 1] == 0xBC &&
        (u[i + 2] == 0x8C || u[i + 2] == 0x9B || u[i + 2] == 0x9A))
      return 1; /* ，；： */
  }
  return 0;
}

/* The end of the piece at i: the next tab or two spaces, or end. */
static size_t piece_end(const char *t, size_t i, size_t end) {
  const char *tab = memchr(t + i, '\t', end - i);
  size_t e = tab ? (size_t)(tab - t) : end;
  for (const char *sp = memchr(t + i, ' ', e - i); sp;
       sp = memchr(sp + 1, ' ', e - (size_t)(sp + 1 - t)))
    if ((size_t)(sp - t) + 1 < end && sp[1] == ' ')
      return (size_t)(sp - t);
  return e;
}

/* The pieces of a rule's scope that the lexicon rules read, decoded, in
 * text order: made by the first lexicon rule of a check and kept in the
 * run (engine_run.shared) for the next one with the same scope, so that
 * the text is decoded once for both. */
typedef struct pieces {
  rule_scope scope;
  line *v;
  int n;
} pieces;

static const char pieces_tag; /* its address names a run's shared pieces */

typedef struct piece_list {
  line *v;
  size_t n, cap;
  line scratch; /* a piece being decoded */
  size_t scratch_cap;
} piece_list;

/* A line's pieces: the text between tabs or runs of spaces, which lay
 * out columns (a table's cells, a header over two lines) rather than
 * words, so that neither a repeat nor a phrase is read across them. */
static void add_line(engine_run *run, size_t off, size_t end,
                     piece_list *out) {
  const char *t = run->d->text;
  int p = doc_para_at(run->d, off);
  if (p >= 0 && run->d->paras[p].table >= 0)
    return; /* a table's row: labels and headers, not prose */
  if ((p < 0 || run->d->paras[p].heading < 0) && !is_prose(t + off,
                                                          end - off))
    return; /* a table's header run together, a label wrapped */
  for (size_t i = off; i < end;) {
    size_t e = piece_end(t, i, end);
    if (e > i)
      decode_line(&run->d->arena, &out->scratch, &out->scratch_cap, t, i, e,
                  ARRAY_PUSH(out->v, out->n, out->cap));
    while (e < end && (t[e] == '\t' || t[e] == ' '))
      e++;
    i = e;
  }
}

static int same_scope(const rule_scope *a, const rule_scope *b) {
  return a->kind == b->kind &&
         (a->key == b->key ||
          (a->key && b->key && strcmp(a->key, b->key) == 0));
}

static const pieces *scope_pieces(engine_run *run) {
  const rule_scope *scope = &run->r->scope;
  const pieces *had = run->shared;
  if (run->shared_tag == &pieces_tag && same_scope(&had->scope, scope))
    return had;
  int n;
  span *spans = engine_scope(run, scope, &n);
  const char *t = run->d->text;
  piece_list list = {0};
  for (int k = 0; k < n; k++) {
    size_t end = spans[k].off + spans[k].len;
    for (size_t off = spans[k].off; off < end;) {
      const char *nl = memchr(t + off, '\n', end - off);
      size_t le = nl ? (size_t)(nl - t) : end;
      add_line(run, off, le, &list);
      off = le + 1;
    }
  }
  pieces *p = arena_alloc(&run->d->arena, sizeof *p);
  p->scope = *scope;
  p->n = (int)list.n;
  p->v = arena_alloc(&run->d->arena, list.n * sizeof *p->v + 1);
  if (list.n)
    memcpy(p->v, list.v, list.n * sizeof *p->v);
  free(list.v);
  free(list.scratch.cp);
  free(list.scratch.off);
  run->shared_tag = &pieces_tag;
  run->shared = p;
  return p;
}

static void run_lexicon(engine_run *run) {
  lexrun lr = {run, &run->r->u.lexicon, 0};
  const pieces *p = scope_pieces(run);
  for (int k = 0; k < p->n && lr.emitted < lr.rl->max; k++) {
    if (lr.rl->check == LEXICON_DOUBLED)
      check_doubled(&lr, &p->v[k]);
    else
      check_near(&lr, &p->v[k]);
  }
}

/* --- the kind ----------------------------------------------------------------
 *
 * lexicon = check, words, pinyin, [terms, measures, doubles, except,
 *           idioms, max]; the word list is loaded at load (mapped from
 *           its index, lexicon.h), once for the rules of a set that
 *           name the same files. */

#define LEX(f) RULE_FIELD(lexicon, f)

static const key_word lexicon_words[] = {
    {"doubled", LEXICON_DOUBLED}, {"near", LEXICON_NEAR}, {NULL, 0}};

static const key_spec lexicon_keys[] = {
    {.name = "check",
     .kind = K_WORD,
     .off = LEX(check),
     .words = lexicon_words,
     .required = 1},
    {.name = "words", .kind = K_STR, .off = LEX(words), .required = 1},
    {.name = "pinyin", .kind = K_STR, .off = LEX(pinyin), .required = 1},
    {.name = "terms", .kind = K_LATER},
    {.name = "measures", .kind = K_LATER},
    {.name = "doubles", .kind = K_LATER},
    {.name = "except", .kind = K_LATER},
    {.name = "idioms", .kind = K_BOOL, .off = LEX(idioms)},
    {.name = "max", .kind = K_COUNT, .off = LEX(max)},
    {.name = NULL}};

static void lexicon_defaults(rule *r) {
  r->u.lexicon.idioms = 1;
  r->u.lexicon.max = 10;
}

/* path, relative to the directory of the rule file being read. Returns a
 * newly allocated string (free()). */
static char *beside_rule_file(const rules_loader *ld, const char *path) {
  const char *slash = strrchr(ld->path, '/');
  if (path[0] == '/' || !slash)
    return xstrdup(path);
  size_t dl = (size_t)(slash - ld->path) + 1;
  char *out = xmalloc(dl + strlen(path) + 1);
  memcpy(out, ld->path, dl);
  strcpy(out + dl, path);
  return out;
}

/* The word list of an earlier lexicon rule of the set reading the same
 * files, or NULL: a set's lexicon rules load it once. */
static lexicon *find_loaded_lexicon(const rules_loader *ld) {
  const rule_lexicon *me = &ld->r->u.lexicon;
  for (int i = 0; i < ld->rs->nrules; i++) {
    const rule *r = &ld->rs->rules[i];
    if (r->type == RULE_LEXICON && r->u.lexicon.lex &&
        strcmp(r->u.lexicon.words, me->words) == 0 &&
        strcmp(r->u.lexicon.pinyin, me->pinyin) == 0)
      return r->u.lexicon.lex;
  }
  return NULL;
}

/* The near check's phrases: the rule's terms, over the word list's
 * idioms (indexed once with the list, shared by the rules that read it)
 * unless `idioms: false`. */
static int index_terms(rules_loader *ld, const ynode *terms) {
  rule_lexicon *lx = &ld->r->u.lexicon;
  lx->near = nearmiss_new(lx->idioms ? lexicon_idioms(lx->lex) : NULL);
  for (int i = 0; i < lx->nterms; i++)
    if (nearmiss_add(lx->near, lx->terms[i], strlen(lx->terms[i]),
                     NEAR_SUB | NEAR_DEL | NEAR_INS | NEAR_CUT, 0) < 0)
      return rules_load_fail(ld, rules_load_item(terms, (size_t)i),
                             "term '%s' must have %d to %d characters",
                             lx->terms[i], NEARMISS_MIN, NEARMISS_MAX);
  return 0;
}

static int lexicon_rule_load(rules_loader *ld) {
  rule_lexicon *lx = &ld->r->u.lexicon;
  const ynode *terms = yamltree_get(ld->m, "terms");
  const ynode *measures = yamltree_get(ld->m, "measures");
  if (terms &&
      rules_load_texts(ld, terms, "terms", &lx->terms, &lx->nterms) < 0)
    return -1;
  if (measures && rules_load_texts(ld, measures, "measures", &lx->measures,
                                   &lx->nmeasures) < 0)
    return -1;
  lx->measure_keys = xmalloc(((size_t)lx->nmeasures + 1) *
                             sizeof *lx->measure_keys);
  for (int i = 0; i < lx->nmeasures; i++) {
    const char *m = lx->measures[i];
    uint32_t c;
    int k = *m ? utf8_decode(m, strlen(m), &c) : -1;
    lx->measure_keys[i] =
        k > 0 && !m[k] ? c | (uint32_t)k << 24 : UINT32_MAX;
  }
  const ynode *except = yamltree_get(ld->m, "except");
  if (except &&
      rules_load_texts(ld, except, "except", &lx->except, &lx->nexcept) < 0)
    return -1;
  const ynode *doubles = yamltree_get(ld->m, "doubles");
  if (doubles &&
      rules_load_texts(ld, doubles, "doubles", &lx->doubles, &lx->ndoubles) < 0)
    return -1;
  char *w = beside_rule_file(ld, lx->words);
  char *p = beside_rule_file(ld, lx->pinyin);
  free(lx->words);
  free(lx->pinyin);
  lx->words = w;
  lx->pinyin = p;
  lexicon *shared = find_loaded_lexicon(ld);
  lexicon_shelf *shelf = ld->rs->shelf;
  char err[600];
  int loaded = !shared;
  lx->lex = shared;
  if (!shared && (shelf ? lexicon_shelf_get(shelf, w, p, &lx->lex, &loaded,
                                            err, sizeof err)
                        : lexicon_load(w, p, &lx->lex, err, sizeof err)) < 0)
    return rules_load_fail(ld, yamltree_get(ld->m, "words"), "rule '%s': %s",
                           ld->r->id, err);
  lx->owns_lex = !shared && !shelf;
  /* said once, where the list is read: the sets after share it */
  if (loaded && lexicon_index_note(lx->lex))
    rules_load_note(ld, yamltree_get(ld->m, "words"),
                    "rule '%s': the word list's index is not used (%s); "
                    "the words are read from the text, which is slower",
                    ld->r->id, lexicon_index_note(lx->lex));
  if (lx->check == LEXICON_NEAR)
    return index_terms(ld, terms);
  return 0;
}

static void lexicon_release(rule *r) {
  rule_lexicon *lx = &r->u.lexicon;
  free(lx->words);
  free(lx->pinyin);
  if (lx->owns_lex)
    lexicon_free(lx->lex);
  rules_texts_free(lx->terms, lx->nterms);
  rules_texts_free(lx->measures, lx->nmeasures);
  free(lx->measure_keys);
  rules_texts_free(lx->doubles, lx->ndoubles);
  rules_texts_free(lx->except, lx->nexcept);
  nearmiss_free(lx->near);
}

static const char *const lexicon_vars[] = {"written", "intended", NULL};

const rule_kind rule_kind_lexicon = {
    .name = "lexicon",
    .type = RULE_LEXICON,
    .keys = lexicon_keys,
    .vars = lexicon_vars,
    .defaults = lexicon_defaults,
    .load = lexicon_rule_load,
    .release = lexicon_release,
    .run = run_lexicon,
};
