/* input: a path or "-" → the raw bytes of one report.
 *
 * Consumes a path and a size cap; produces a NUL-terminated heap buffer.
 * Refuses directories, unopenable paths, empty files and files over the
 * cap (checked with fstat before reading a regular file, and while reading
 * a pipe or device). A FIFO is opened without blocking, so a FIFO nobody
 * writes to reads as empty instead of hanging. Encoding, NUL bytes and
 * line ends are decode's business. */
#include "input.h"

#include "alloc.h"
#include "strbuf.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { INPUT_CHUNK = 64 * 1024 };

/* Fills diag with "what: strerror(err)" for path; returns -1. */
static int errno_diag(rl_diag *diag, const char *path, const char *what,
                      int err) {
  char buf[256];
  const char *msg = i18n_strerror(err, buf, sizeof buf);
  return diag_set(diag, DIAG_INPUT, path, 0, 0, "%s: %s", _(what), msg);
}

/* Opens path for reading without blocking on a FIFO, then puts the
 * descriptor back into blocking mode so reads wait for a writer's data. */
static int open_path(const char *path) {
  int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return -1;
  int flags = fcntl(fd, F_GETFL);
  if (flags >= 0)
    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return fd;
}

/* Reads fd to its end into sb; returns 0, -1 on a read error (errno set)
 * or -2 when the data passes sb's cap. */
static int read_all(int fd, strbuf *sb) {
  char *chunk = xmalloc(INPUT_CHUNK);
  int rc = 0;
  for (;;) {
    ssize_t n = read(fd, chunk, INPUT_CHUNK);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      rc = -1;
      break;
    }
    if (n == 0)
      break;
    if (strbuf_put(sb, chunk, (size_t)n) < 0) {
      rc = -2;
      break;
    }
  }
  free(chunk);
  return rc;
}

/* Checks what fstat can tell before reading; returns 0 or -1 with diag. */
static int check_stat(int fd, const char *path, size_t max_bytes,
                      rl_diag *diag) {
  struct stat st;
  if (fstat(fd, &st) < 0)
    return errno_diag(diag, path, N_("cannot stat"), errno);
  if (S_ISDIR(st.st_mode))
    return diag_set(diag, DIAG_INPUT, path, 0, 0, "is a directory");
  if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max_bytes)
    return diag_set(diag, DIAG_INPUT, path, 0, 0,
                    "file too large (%llu bytes, limit %zu)",
                    (unsigned long long)st.st_size, max_bytes);
  return 0;
}

/* Reads an open descriptor; the caller closes it. */
static int read_fd(int fd, const char *path, size_t max_bytes, char **out,
                   size_t *len, rl_diag *diag) {
  if (check_stat(fd, path, max_bytes, diag) < 0)
    return -1;
  strbuf sb;
  strbuf_init(&sb, max_bytes);
  int rc = read_all(fd, &sb);
  if (rc == -1) {
    int err = errno;
    strbuf_release(&sb);
    return errno_diag(diag, path, N_("cannot read"), err);
  }
  if (rc == -2) {
    strbuf_release(&sb);
    return diag_set(diag, DIAG_INPUT, path, 0, 0,
                    "file too large (more than %zu bytes, limit %zu)",
                    max_bytes, max_bytes);
  }
  if (sb.len == 0) {
    strbuf_release(&sb);
    return diag_set(diag, DIAG_INPUT, path, 0, 0, "empty file");
  }
  *out = strbuf_detach(&sb, len);
  return 0;
}

int input_read(const char *path, size_t max_bytes, char **out, size_t *len,
               rl_diag *diag) {
  *out = NULL;
  *len = 0;
  if (strcmp(path, "-") == 0)
    return read_fd(STDIN_FILENO, path, max_bytes, out, len, diag);
  int fd = open_path(path);
  if (fd < 0)
    return errno_diag(diag, path, N_("cannot open"), errno);
  int rc = read_fd(fd, path, max_bytes, out, len, diag);
  close(fd);
  return rc;
}
