/* yamltree: a YAML file read by libyaml into a small tree with positions.
 *
 * Consumes a path; produces mappings, sequences and scalars, each with the
 * 1-based line and column of its start, so that every later complaint about
 * a rule file can name the exact node. Limits: nesting depth (64), total
 * nodes (1,000,000), scalar length (1 MiB); anchors and aliases are
 * refused (no billion-laughs expansion); multiple documents are refused.
 * Duplicate mapping keys are an error. */
#ifndef RL_YAMLTREE_H
#define RL_YAMLTREE_H

#include "diag.h"

#include <stddef.h>

typedef enum { YNODE_SCALAR, YNODE_MAP, YNODE_SEQ } ynode_kind;

typedef struct ynode ynode;
struct ynode {
  ynode_kind kind;
  int line, col;    /* 1-based position of the node's start */
  char *str;        /* SCALAR: the value, NUL-terminated (may hold NULs? no:
                       a scalar with a NUL is an error) */
  size_t len;
  int quoted;       /* SCALAR: written with quotes or as a block scalar */
  /* MAP: keys[i] (scalars) → vals[i]; SEQ: vals[i] */
  ynode **keys;
  ynode **vals;
  size_t n;
};

#define YAMLTREE_MAX_DEPTH 64

/* Parses path. Returns the root (free with yamltree_free), or NULL with a
 * DIAG_RULES diagnostic at the problem's line and column. An empty file
 * yields an empty mapping. */
ynode *yamltree_load(const char *path, rl_diag *diag);
/* Same, from a buffer; name is used in diagnostics. */
ynode *yamltree_parse(const char *buf, size_t len, const char *name,
                      rl_diag *diag);
void yamltree_free(ynode *n);
/* What a scalar means: quoted and block scalars are strings; plain ones
 * may be numbers, booleans (true/false/yes/no) or null (null, ~, empty). */
typedef enum {
  SC_STRING,
  SC_INT,
  SC_FLOAT,
  SC_TRUE,
  SC_FALSE,
  SC_NULL
} scalar_class;

scalar_class yamltree_classify(const ynode *n);

/* MAP lookup; NULL if absent. */
const ynode *yamltree_get(const ynode *map, const char *key);

#endif
