/* rule_kind: what a rule type is, in one descriptor per type.
 *
 * Each rule_<type>.c exports a rule_kind: the `type:` word, the keys the
 * type adds to the common ones (rules_load.h), the message variables its
 * findings fill, how it loads (after its keys are read: the keys no table
 * can read, and checks over several keys), how it runs (engine.h) and
 * what it frees. rule_kind.c lists them in one table; the loader and the
 * engine know the types only through it. A new type is its rule_X.c, a
 * row in that table, its struct in rules.h, the schema and the README. */
#ifndef RL_RULE_KIND_H
#define RL_RULE_KIND_H

#include "engine.h"
#include "rules_load.h"

typedef struct rule_kind {
  const char *name; /* the `type:` word */
  rule_type type;
  const key_spec *keys;         /* its own keys; ends with {NULL} */
  const char *const *vars;      /* message variables it fills; NULL-ended */
  const char *const *templates; /* its other template keys (besides
                                   `message`); NULL-ended, or NULL */
  /* The patterns whose groups fill its messages ({name}, {0}), or NULL. */
  const regex_list *(*captures)(const rule *r);
  /* Whether a rule of it fills {name} by what its keys ask for, beyond
   * vars and captures; may be NULL. */
  int (*fills)(const rule *r, const char *name);
  void (*defaults)(rule *r);     /* before any key is read; may be NULL */
  int (*load)(rules_loader *ld); /* after its keys; may be NULL */
  void (*release)(rule *r);      /* frees its part of the union; may be NULL */
  /* Kinds that find report parts run find_parts then finish over every
   * rule of theirs before any other rule runs, applicable or not (their
   * parts scope the others); run is then NULL. */
  rule_fn find_parts, finish;
  rule_fn run;
} rule_kind;

extern const rule_kind rule_kind_section, rule_kind_section_order,
    rule_kind_section_length, rule_kind_pattern, rule_kind_sequence,
    rule_kind_metric, rule_kind_date, rule_kind_input, rule_kind_table,
    rule_kind_lexicon, rule_kind_cross_year;

/* Every kind, in the order `type:` lists them; ends with NULL. */
extern const rule_kind *const rule_kinds[];

/* The kind of type t (never NULL for a loaded rule). */
const rule_kind *rule_kind_of(rule_type t);
/* The kind whose `type:` word is name, or NULL. */
const rule_kind *rule_kind_named(const char *name);

#endif
