/* outfile: where -o, --write-baseline and audit -o put their bytes.
 * Consumes a path; produces a stream to write and, at the end, the file in
 * place. A regular file (or a new path) is written to a temporary file in
 * its directory and rename()d over it, so it is whole or untouched, keeping
 * its mode, and through a symbolic link to the link's target; a device, a
 * FIFO or a socket is written directly. The temporary file is removed if
 * SIGINT, SIGTERM or SIGHUP ends the run. Prints nothing: failures come
 * back as -1 with errno set, for the command line to say. */
#ifndef RL_OUTFILE_H
#define RL_OUTFILE_H

#include <stdio.h>
#include <sys/stat.h>

typedef struct outfile {
  const char *path; /* as given, for messages */
  char *target;     /* the file renamed over (symbolic links resolved) */
  char *tmp;        /* the temporary file, or NULL when written directly */
  FILE *f;
} outfile;

/* Fills *st for what path names now (symbolic links followed). Returns 1
 * when it exists, 0 when it does not yet, -1 (errno set) when it cannot
 * be told. */
int outfile_stat(const char *path, struct stat *st);

/* Opens the stream for path. Returns 0, or -1 with errno set (nothing
 * created). */
int outfile_open(outfile *of, const char *path);

/* Flushes and closes the stream; when ok and every write succeeded, puts
 * the temporary file in place, else removes it. Returns 0 when the bytes
 * are all where they belong, else -1 with errno set. Frees what
 * outfile_open allocated. */
int outfile_close(outfile *of, int ok);

/* Writes len bytes of buf to path as above. Returns 0 or -1 (errno). */
int outfile_write(const char *path, const char *buf, size_t len);

#endif
