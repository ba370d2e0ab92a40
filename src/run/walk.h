/* walk: the input paths of a run → the report files to check, in order.
 *
 * Consumes the paths given on the command line (files, '-', directories)
 * and the configuration's ignore: globs; produces each report file through
 * a callback, in the order given and, inside a directory, recursively in
 * name order (symbolic links to directories are not followed). A file is
 * a report by its extension, in any case (reader_classify_name: the one
 * list of report extensions); what is passed over is counted by why, so a
 * summary can say "3 files skipped". A directory that does not open goes
 * to a second callback with its diagnostic. Nothing is printed. */
#ifndef RL_WALK_H
#define RL_WALK_H

#include "config.h"
#include "diag.h"
#include "strbuf.h"

#include <stddef.h>

/* Why a directory walk passed over a file. */
enum { WALK_SKIP_README, WALK_SKIP_LOCK, WALK_SKIP_IGNORED, WALK_SKIP_OTHER,
       WALK_NSKIP };

typedef struct walk_skipped {
  size_t n[WALK_NSKIP];
  char exts[64]; /* the first few extensions of WALK_SKIP_OTHER files */
} walk_skipped;

typedef struct walker {
  const config *cfg;   /* the configuration's ignore: globs, may be NULL */
  void (*file)(void *arg, const char *path);
  void (*error)(void *arg, const rl_diag *d); /* a directory not opened */
  void *arg;
  walk_skipped *skips; /* NULL: not counted */
  int force_exclude;   /* ignore: applies to files named as well */
} walker;

/* One command-line path: a directory is walked, anything else (a file,
 * '-') is a report, unless force_exclude and ignore: say otherwise (so
 * that a hook naming staged files agrees with CI walking the directory). */
void walk_path(const walker *w, const char *path);

size_t walk_skipped_total(const walk_skipped *sk);
/* "3 files skipped: 1 README (describes the folder), 2 not a report format
 * (.xlsx .jpg); reports are …", appended to out; nothing if none. */
void walk_skipped_describe(const walk_skipped *sk, strbuf *out);

#endif
