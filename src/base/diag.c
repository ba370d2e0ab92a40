/* diag: see diag.h. */
#include "diag.h"

#include "i18n.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void diag_clear(rl_diag *d) { memset(d, 0, sizeof *d); }

int diag_set(rl_diag *d, diag_kind kind, const char *file, int line, int col,
             const char *fmt, ...) {
  if (!d)
    return -1;
  d->kind = kind;
  utf8_escape_name(file ? file : "", d->file, sizeof d->file);
  d->line = line;
  d->col = col;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d->msg, sizeof d->msg, _(fmt), ap);
  va_end(ap);
  return -1;
}

void diag_format(const rl_diag *d, char *buf, size_t cap) {
  if (d->file[0] && d->line > 0 && d->col > 0)
    snprintf(buf, cap, "%s:%d:%d: error: %s", d->file, d->line, d->col,
             d->msg);
  else if (d->file[0] && d->line > 0)
    snprintf(buf, cap, "%s:%d: error: %s", d->file, d->line, d->msg);
  else if (d->file[0])
    snprintf(buf, cap, "%s: error: %s", d->file, d->msg);
  else
    snprintf(buf, cap, "error: %s", d->msg);
}
