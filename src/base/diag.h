/* diag: a failure to do the job (unreadable input, malformed rule file),
 * carried from where it happened to main.c, which alone prints it.
 *
 * line/col are 1-based; 0 means "not applicable" and is not printed. */
#ifndef RL_DIAG_H
#define RL_DIAG_H

#include <stddef.h>

typedef enum { DIAG_NONE = 0, DIAG_INPUT, DIAG_RULES, DIAG_USAGE } diag_kind;

typedef struct rl_diag {
  diag_kind kind;
  char file[1024];
  int line, col;
  char msg[1024];
} rl_diag;

void diag_clear(rl_diag *d);
/* Fills d (file may be NULL) and returns -1, so `return diag_set(...)`.
 * fmt is translated (i18n.h) before it is formatted: every format given
 * here is a message of the catalog (make pot). */
int diag_set(rl_diag *d, diag_kind kind, const char *file, int line, int col,
             const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Formats "file:line:col: error: msg" (without a newline) into buf. */
void diag_format(const rl_diag *d, char *buf, size_t cap);

#endif
