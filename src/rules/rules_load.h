/* rules_load: the generic reader of rule files, as the rule kinds see it.
 *
 * rules_load.c reads what every rule has (id, type, severity, message,
 * scope, when, examples) and each key a kind lists in its key table; a
 * kind's own load function (rule_kind.h) reads the rest through the
 * helpers below. Every helper that fails fills the loader's diagnostic
 * with the file, line and column of the node at fault and returns -1.
 * The public entry points (rules_load_dir, ...) are in rules.h. */
#ifndef RL_RULES_LOAD_H
#define RL_RULES_LOAD_H

#include "rules.h"
#include "yamltree.h"

#include <stddef.h>

/* The state of one file being read: the set it goes into, the rule being
 * read and its YAML mapping (both NULL outside a rule). */
typedef struct rules_loader {
  rl_ruleset *rs;
  const char *path;
  rl_diag *diag;
  rule *r;
  const ynode *m;
} rules_loader;

/* A word a key may take and the enum value it stands for; lists end with
 * {NULL, 0}. */
typedef struct key_word {
  const char *s;
  int v;
} key_word;

typedef enum {
  K_STR,      /* non-empty string → char * */
  K_TEXT,     /* string, may be empty → char * */
  K_BOOL,     /* → int */
  K_COUNT,    /* integer ≥ 0 → int */
  K_LEVEL,    /* integer 1..4 → int */
  K_NUMBER,   /* → double, with an int "has" flag */
  K_WORD,     /* one of words → int */
  K_PATTERN,  /* one regex → regex * */
  K_PATTERNS, /* string or list of regexes → regex_list */
  K_FORBID,   /* K_PATTERNS whose items may carry a year range */
  K_READ,     /* read by the spec's read function */
  K_LATER,    /* read by the kind's load function, after every key */
} key_kind;

/* One key of a rule: its name, what value it takes and where it goes. */
typedef struct key_spec {
  const char *name;
  key_kind kind;
  size_t off;            /* the field in rule (offsetof) */
  const key_word *words; /* K_WORD */
  int has;               /* K_NUMBER, K_WORD: set the int flag at has_off */
  size_t has_off;
  int required;
  int (*read)(rules_loader *ld, const ynode *v); /* K_READ */
} key_spec;

/* The fields of rule's union, for key tables: RULE_FIELD(section, key). */
#define RULE_FIELD(kind, f) offsetof(rule, u.kind.f)

extern const key_word rules_severity_words[];
/* The keys every rule has (id, type, severity, message, ...). */
extern const key_spec rules_common_keys[];

/* Fills ld->diag at node n with a printf-style message; returns -1. */
int rules_load_fail(rules_loader *ld, const ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Records a note at node n (an old spelling that still loads): the rules
 * load as before, and lint-rules prints the note as a warning. */
void rules_load_note(rules_loader *ld, const ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The value of key in the rule's mapping, or NULL. */
const ynode *rules_load_get(const rules_loader *ld, const char *key);
/* The key node itself (for notes about the key), or NULL. */
const ynode *rules_load_get_key(const rules_loader *ld, const char *key);
int rules_load_is_string(const ynode *n);

/* Readers of one value; name is the key, for messages. Strings and lists
 * they return belong to *out (released with the rule). */
int rules_load_string(rules_loader *ld, const ynode *v, const char *name,
                      int nonempty, char **out);
int rules_load_bool(rules_loader *ld, const ynode *v, const char *name,
                    int *out);
/* A plain decimal integer in [lo, hi]; what says what else is accepted. */
int rules_load_int(rules_loader *ld, const ynode *v, const char *name, long lo,
                   long hi, const char *what, int *out);
int rules_load_number(rules_loader *ld, const ynode *v, const char *name,
                      double *out);
int rules_load_word(rules_loader *ld, const ynode *v, const char *name,
                    const key_word *words, int *out);
int rules_load_pattern(rules_loader *ld, const ynode *v, const char *name,
                       regex **out);
/* string | [string, ...] → patterns or texts. */
int rules_load_patterns(rules_loader *ld, const ynode *v, const char *name,
                        regex_list *out);
int rules_load_texts(rules_loader *ld, const ynode *v, const char *name,
                     char ***out, int *nout);
/* The items of a string-or-list node: the node itself or its elements. */
const ynode *rules_load_item(const ynode *v, size_t i);
/* v is a mapping whose keys are all in allowed (NULL-terminated). */
int rules_load_map_keys(rules_loader *ld, const ynode *v, const char *name,
                        const char *const *allowed);
/* The {name} placeholders of template text (YAML node v) are variables
 * the rule's kind fills or groups of its capturing patterns. */
int rules_load_template(rules_loader *ld, const ynode *v, const char *text);

void regex_list_release(regex_list *l);
void rules_texts_free(char **v, int n);

#endif
