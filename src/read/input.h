/* input: bytes of one report from a path or "-" (stdin).
 *
 * Consumes a path; produces the raw bytes. Checks what can be known before
 * decoding: a directory, an unreadable or missing path, an empty file, a
 * file over the size cap. Decoding and binary detection are decode's job. */
#ifndef RL_INPUT_H
#define RL_INPUT_H

#include "diag.h"

#include <stddef.h>

#define INPUT_DEFAULT_MAX ((size_t)50 * 1024 * 1024)

/* Reads the whole of path ("-" = stdin) into a newly allocated buffer
 * (*out, NUL-terminated, the caller frees it). On failure returns -1 with a
 * DIAG_INPUT diagnostic naming the path ("is a directory", "No such file or
 * directory", "empty file", "file too large (… bytes, limit …)"). */
int input_read(const char *path, size_t max_bytes, char **out, size_t *len,
               rl_diag *diag);

#endif
