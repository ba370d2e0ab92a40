/* yamltree: libyaml's event stream folded into a tree of ynodes.
 *
 * Consumes a path or a buffer; produces one document as mappings,
 * sequences and scalars, each with the 1-based line and column of its
 * start. Everything a hostile file could grow is capped (depth, nodes,
 * scalar size, file size), anchors and aliases are refused outright, and a
 * duplicate mapping key is an error. It does not know what a rule is: the
 * rule loader gives the tree its meaning. */
#include "yamltree.h"

#include "alloc.h"
#include "i18n.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

enum {
  MAX_NODES = 1000000,
  MAX_SCALAR = 1024 * 1024,
  MAX_FILE = 64 * 1024 * 1024,
};

// A mapping under construction: its keys are also in a small open-address
// hash table (indices + 1, 0 = empty), so duplicate detection stays linear
// even for a hostile file with a huge mapping.
typedef struct frame {
  ynode *node;
  size_t cap;    /* of node->keys / node->vals */
  int want_key;  /* MAP: the next node is a key */
  size_t *slots; /* MAP: hash table of key indices + 1 */
  size_t nslots;
} frame;

typedef struct builder {
  const char *name;
  const char *buf; /* for positions of reader errors */
  size_t len;
  rl_diag *diag;
  ynode *root;
  frame stack[YAMLTREE_MAX_DEPTH];
  int depth;
  size_t nodes;
} builder;

void yamltree_free(ynode *n) {
  if (!n)
    return;
  for (size_t i = 0; i < n->n; i++) {
    if (n->keys)
      yamltree_free(n->keys[i]);
    yamltree_free(n->vals[i]);
  }
  free(n->keys);
  free(n->vals);
  free(n->str);
  free(n);
}

const ynode *yamltree_get(const ynode *map, const char *key) {
  if (!map || map->kind != YNODE_MAP)
    return NULL;
  for (size_t i = 0; i < map->n; i++)
    if (map->keys[i] && strcmp(map->keys[i]->str, key) == 0)
      return map->vals[i];
  return NULL;
}

static int fail_at(builder *b, yaml_mark_t m, const char *msg) {
  return diag_set(b->diag, DIAG_RULES, b->name, (int)m.line + 1,
                  (int)m.column + 1, "%s", msg);
}

static size_t hash_key(const char *s, size_t len) {
  uint64_t h = 1469598103934665603u; // FNV-1a
  for (size_t i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211u;
  }
  return (size_t)h;
}

// Finds key among f's keys: returns its slot (empty slot if absent).
static size_t probe_key(const frame *f, const ynode *key) {
  size_t mask = f->nslots - 1;
  size_t i = hash_key(key->str, key->len) & mask;
  while (f->slots[i]) {
    const ynode *k = f->node->keys[f->slots[i] - 1];
    if (k->len == key->len && memcmp(k->str, key->str, k->len) == 0)
      return i;
    i = (i + 1) & mask;
  }
  return i;
}

// Rehashes the first nkeys keys into a table twice as big.
static void grow_key_table(frame *f, size_t nkeys) {
  size_t n = f->nslots ? f->nslots * 2 : 16;
  free(f->slots);
  f->slots = xcalloc(n, sizeof *f->slots);
  f->nslots = n;
  for (size_t i = 0; i < nkeys; i++)
    f->slots[probe_key(f, f->node->keys[i])] = i + 1;
}

// Records key (already in node->keys[node->n - 1]); -1 if it is a repeat.
static int add_key(builder *b, frame *f, ynode *key) {
  if (f->node->n * 2 > f->nslots)
    grow_key_table(f, f->node->n - 1);
  size_t slot = probe_key(f, key);
  if (f->slots[slot]) {
    const ynode *first = f->node->keys[f->slots[slot] - 1];
    return diag_set(b->diag, DIAG_RULES, b->name, key->line, key->col,
                    "duplicate key '%s' (first at line %d)", key->str,
                    first->line);
  }
  f->slots[slot] = f->node->n;
  return 0;
}

// Hangs n under the innermost open collection (or makes it the root).
// n belongs to the tree from here on, even when -1 is returned.
static int attach(builder *b, ynode *n) {
  if (b->depth == 0) {
    b->root = n;
    return 0;
  }
  frame *f = &b->stack[b->depth - 1];
  ynode *p = f->node;
  if (p->kind == YNODE_SEQ || f->want_key) {
    if (p->n == f->cap) {
      f->cap = f->cap ? f->cap * 2 : 8;
      p->vals = xrealloc(p->vals, f->cap * sizeof *p->vals);
      if (p->kind == YNODE_MAP)
        p->keys = xrealloc(p->keys, f->cap * sizeof *p->keys);
    }
    p->vals[p->n] = NULL;
    if (p->kind == YNODE_SEQ) {
      p->vals[p->n++] = n;
      return 0;
    }
    p->keys[p->n++] = n;
    f->want_key = 0;
    if (n->kind != YNODE_SCALAR)
      return diag_set(b->diag, DIAG_RULES, b->name, n->line, n->col,
                      "mapping key must be a scalar");
    return add_key(b, f, n);
  }
  p->vals[p->n - 1] = n;
  f->want_key = 1;
  return 0;
}

static ynode *new_node(builder *b, ynode_kind kind, yaml_mark_t m) {
  ynode *n = xcalloc(1, sizeof *n);
  n->kind = kind;
  n->line = (int)m.line + 1;
  n->col = (int)m.column + 1;
  b->nodes++;
  return n;
}

static int is_string_tag(const yaml_char_t *tag) {
  return tag && (strcmp((const char *)tag, "!") == 0 ||
                 strcmp((const char *)tag, YAML_STR_TAG) == 0);
}

static int add_scalar(builder *b, const yaml_event_t *ev) {
  const char *v = (const char *)ev->data.scalar.value;
  size_t len = ev->data.scalar.length;
  if (ev->data.scalar.anchor)
    return fail_at(b, ev->start_mark, "anchors and aliases are not supported");
  if (len > MAX_SCALAR)
    return fail_at(b, ev->start_mark, "scalar longer than 1 MiB");
  if (memchr(v, '\0', len))
    return fail_at(b, ev->start_mark, "scalar contains a NUL character");
  ynode *n = new_node(b, YNODE_SCALAR, ev->start_mark);
  n->str = xstrndup(v, len);
  n->len = len;
  n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
              is_string_tag(ev->data.scalar.tag);
  return attach(b, n);
}

static int open_collection(builder *b, const yaml_event_t *ev,
                           ynode_kind kind) {
  const yaml_char_t *anchor = kind == YNODE_MAP
                                  ? ev->data.mapping_start.anchor
                                  : ev->data.sequence_start.anchor;
  if (anchor)
    return fail_at(b, ev->start_mark, "anchors and aliases are not supported");
  if (b->depth == YAMLTREE_MAX_DEPTH)
    return fail_at(b, ev->start_mark, "nesting deeper than 64 levels");
  ynode *n = new_node(b, kind, ev->start_mark);
  if (attach(b, n) < 0)
    return -1;
  frame *f = &b->stack[b->depth++];
  memset(f, 0, sizeof *f);
  f->node = n;
  f->want_key = kind == YNODE_MAP;
  return 0;
}

static void close_collection(builder *b) {
  frame *f = &b->stack[--b->depth];
  free(f->slots);
  f->slots = NULL;
}

// Reader errors carry a byte offset instead of a mark; turn it into a line
// and a column counted in code points, like libyaml's marks.
static int fail_reader(builder *b, const yaml_parser_t *p) {
  size_t off = p->problem_offset < b->len ? p->problem_offset : b->len;
  int line = 1, col = 1;
  for (size_t i = 0; i < off; i++) {
    unsigned char c = (unsigned char)b->buf[i];
    if (c == '\n') {
      line++;
      col = 1;
    } else if ((c & 0xC0) != 0x80) {
      col++;
    }
  }
  if (p->problem_value != -1)
    return diag_set(b->diag, DIAG_RULES, b->name, line, col, "%s (byte 0x%02X)",
                    p->problem, (unsigned)p->problem_value & 0xFFu);
  return diag_set(b->diag, DIAG_RULES, b->name, line, col, "%s",
                  p->problem ? p->problem : "cannot read YAML");
}

static int fail_parser(builder *b, const yaml_parser_t *p) {
  if (p->error == YAML_READER_ERROR)
    return fail_reader(b, p);
  if (p->error == YAML_MEMORY_ERROR)
    return diag_set(b->diag, DIAG_RULES, b->name, 0, 0,
                    "out of memory while parsing YAML");
  const char *problem = p->problem ? p->problem : "invalid YAML";
  int line = (int)p->problem_mark.line + 1;
  int col = (int)p->problem_mark.column + 1;
  if (p->context)
    return diag_set(b->diag, DIAG_RULES, b->name, line, col,
                    "%s (%s at line %d)", problem, p->context,
                    (int)p->context_mark.line + 1);
  return diag_set(b->diag, DIAG_RULES, b->name, line, col, "%s", problem);
}

// Acts on one event. Returns 1 at the end of the stream, 0 to go on, -1 on
// error (diag filled).
static int handle_event(builder *b, const yaml_event_t *ev, int *docs) {
  if (b->nodes >= MAX_NODES &&
      (ev->type == YAML_SCALAR_EVENT || ev->type == YAML_MAPPING_START_EVENT ||
       ev->type == YAML_SEQUENCE_START_EVENT))
    return fail_at(b, ev->start_mark, "more than 1000000 YAML nodes");
  switch (ev->type) {
  case YAML_STREAM_END_EVENT:
    return 1;
  case YAML_DOCUMENT_START_EVENT:
    if (++*docs > 1)
      return fail_at(b, ev->start_mark,
                     "more than one YAML document in the file");
    return 0;
  case YAML_ALIAS_EVENT:
    return fail_at(b, ev->start_mark, "anchors and aliases are not supported");
  case YAML_SCALAR_EVENT:
    return add_scalar(b, ev);
  case YAML_MAPPING_START_EVENT:
    return open_collection(b, ev, YNODE_MAP);
  case YAML_SEQUENCE_START_EVENT:
    return open_collection(b, ev, YNODE_SEQ);
  case YAML_MAPPING_END_EVENT:
  case YAML_SEQUENCE_END_EVENT:
    close_collection(b);
    return 0;
  default:
    return 0;
  }
}

static int run_parser(builder *b, yaml_parser_t *p) {
  int docs = 0;
  for (;;) {
    yaml_event_t ev;
    if (!yaml_parser_parse(p, &ev))
      return fail_parser(b, p);
    int rc = handle_event(b, &ev, &docs);
    yaml_event_delete(&ev);
    if (rc != 0)
      return rc < 0 ? -1 : 0;
  }
}

// No document, or a document that is only "---": an empty mapping, so an
// empty rule file is merely empty.
static ynode *replace_empty_root(ynode *root) {
  if (root && !(root->kind == YNODE_SCALAR && !root->quoted && root->len == 0))
    return root;
  yamltree_free(root);
  ynode *n = xcalloc(1, sizeof *n);
  n->kind = YNODE_MAP;
  n->line = 1;
  n->col = 1;
  return n;
}

ynode *yamltree_parse(const char *buf, size_t len, const char *name,
                      rl_diag *diag) {
  builder b;
  memset(&b, 0, sizeof b);
  b.name = name;
  b.buf = buf;
  b.len = len;
  b.diag = diag;
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    diag_set(diag, DIAG_RULES, name, 0, 0, "cannot initialise YAML parser");
    return NULL;
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
  int rc = run_parser(&b, &parser);
  yaml_parser_delete(&parser);
  while (b.depth > 0)
    close_collection(&b);
  if (rc < 0) {
    yamltree_free(b.root);
    return NULL;
  }
  return replace_empty_root(b.root);
}

// Reads the whole file (at most MAX_FILE bytes). Returns a newly allocated
// buffer (free()) or NULL with diag filled.
static char *read_file(const char *path, size_t *len, rl_diag *diag) {
  FILE *f = fopen(path, "rb");
  char ebuf[256];
  if (!f) {
    diag_set(diag, DIAG_RULES, path, 0, 0, "cannot open: %s",
             i18n_strerror(errno, ebuf, sizeof ebuf));
    return NULL;
  }
  size_t cap = 4096, n = 0;
  char *buf = xmalloc(cap);
  for (;;) {
    if (n == cap) {
      cap *= 2;
      buf = xrealloc(buf, cap);
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (n > MAX_FILE) {
      diag_set(diag, DIAG_RULES, path, 0, 0, "file larger than 64 MiB");
      break;
    }
    if (got == 0) {
      if (!ferror(f)) {
        fclose(f);
        *len = n;
        return buf;
      }
      diag_set(diag, DIAG_RULES, path, 0, 0, "cannot read: %s",
               i18n_strerror(errno, ebuf, sizeof ebuf));
      break;
    }
  }
  fclose(f);
  free(buf);
  return NULL;
}

ynode *yamltree_load(const char *path, rl_diag *diag) {
  size_t len = 0;
  char *buf = read_file(path, &len, diag);
  if (!buf)
    return NULL;
  ynode *root = yamltree_parse(buf, len, path, diag);
  free(buf);
  return root;
}

/* ---- scalar types -------------------------------------------------- */

// int   = [+-]? digit+
// float = [+-]? (digit+ "." digit* | "." digit+ | digit+) (e [+-]? digit+)?
static int is_number_text(const char *s, int *is_int) {
  const char *p = s + (*s == '+' || *s == '-');
  size_t before = strspn(p, "0123456789");
  p += before;
  size_t after = 0;
  int dot = *p == '.';
  if (dot) {
    after = strspn(p + 1, "0123456789");
    p += 1 + after;
  }
  if (before + after == 0)
    return 0;
  int exp = *p == 'e' || *p == 'E';
  if (exp) {
    p += 1 + (p[1] == '+' || p[1] == '-');
    size_t digits = strspn(p, "0123456789");
    if (digits == 0)
      return 0;
    p += digits;
  }
  *is_int = !dot && !exp;
  return *p == '\0';
}

scalar_class yamltree_classify(const ynode *n) {
  if (n->quoted)
    return SC_STRING;
  const char *s = n->str;
  if (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0)
    return SC_TRUE;
  if (strcmp(s, "false") == 0 || strcmp(s, "no") == 0)
    return SC_FALSE;
  if (s[0] == '\0' || strcmp(s, "null") == 0 || strcmp(s, "~") == 0)
    return SC_NULL;
  int is_int = 0;
  if (!is_number_text(s, &is_int) || !isfinite(strtod(s, NULL)))
    return SC_STRING;
  return is_int ? SC_INT : SC_FLOAT;
}

