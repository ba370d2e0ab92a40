/* keyfigure: a rule set's key figure read from one report (see
 * keyfigure.c). */
#ifndef RL_KEYFIGURE_H
#define RL_KEYFIGURE_H

#include "doc.h"
#include "regex.h"
#include "rules.h"

#include <stddef.h>

/* A key figure as one report states it. */
typedef struct key_figure {
  double value;   /* in the unit written, with 万/亿 applied: 4.1万件 is
                     41000 (件); 100% is 100 */
  char unit[32];  /* the unit after the number ("件", "%", "场次"), "" if
                     none was read */
  char text[256]; /* the whole match, normalised (cut at a character
                     boundary), for an auditor to find it */
  size_t off, end; /* the match in the normalised text */
} key_figure;

/* Metric m in d: the first match of its pattern in the body that names a
 * figure. Returns 1 with *out, 0 when the report does not state it (never
 * a zero: absent is not 0), or -1 with diag when the pattern failed
 * (match limit). rx is the caller's match context. */
int keyfigure_find(regex_ctx *rx, const key_metric *m, const doc *d,
                   key_figure *out, rl_diag *diag);

#endif
