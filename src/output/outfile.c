/* outfile: where -o, --write-baseline and audit -o put their bytes.
 * Consumes a path; produces a stream and, at close, the bytes in place:
 * a regular file or a new path through a temporary file in the target's
 * directory and rename() (mode kept, symbolic links written through),
 * anything else (a device, a FIFO, a socket) directly, so /dev/null stays
 * a device and a FIFO's reader gets the output. The only mutable global
 * of the core is here, because a signal handler has no context: the name
 * of the one temporary file open at a time, removed on SIGINT, SIGTERM or
 * SIGHUP before the signal ends the run as it would have. */
#define _XOPEN_SOURCE 700 /* realpath, fchown */
#include "outfile.h"

#include "alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

enum { TMP_MAX_PATH = 4096 };

/* Written only with the signals' handler disarmed (armed == 0). */
static char pending[TMP_MAX_PATH];
static volatile sig_atomic_t armed;

/* Async-signal-safe: unlink, signal and raise only. The signal is blocked
 * while the handler runs, so the raised one ends the run on return. */
static void remove_pending(int sig) {
  if (armed)
    unlink(pending);
  signal(sig, SIG_DFL);
  raise(sig);
}

/* Once per run; a signal ignored at start (nohup, a background job of a
 * shell) stays ignored. */
static void catch_signals(void) {
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
  static int caught;
  if (caught)
    return;
  caught = 1;
  for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
    struct sigaction old, sa;
    if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
      continue;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = remove_pending;
    sigemptyset(&sa.sa_mask);
    sigaction(sigs[i], &sa, NULL);
  }
}

int outfile_stat(const char *path, struct stat *st) {
  if (stat(path, st) == 0)
    return 1;
  return errno == ENOENT ? 0 : -1;
}

/* A Unix socket cannot be open()ed: connect to it. */
static int open_socket(const char *path) {
  struct sockaddr_un sa;
  if (strlen(path) >= sizeof sa.sun_path) {
    errno = ENAMETOOLONG;
    return -1;
  }
  memset(&sa, 0, sizeof sa);
  sa.sun_family = AF_UNIX;
  memcpy(sa.sun_path, path, strlen(path) + 1);
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
    int err = errno;
    close(fd);
    errno = err;
    fd = -1;
  }
  return fd;
}

static int open_direct(const char *path, const struct stat *st) {
  if (S_ISDIR(st->st_mode)) {
    errno = EISDIR;
    return -1;
  }
  if (S_ISSOCK(st->st_mode))
    return open_socket(path);
  return open(path, O_WRONLY | O_NOCTTY);
}

/* The temporary file beside target, with the mode (and, when allowed, the
 * owner) of the file it replaces, or the mode open() gives a new file. */
static int open_tmp(outfile *of, const struct stat *old) {
  size_t n = strlen(of->target) + 16;
  if (n > TMP_MAX_PATH) {
    errno = ENAMETOOLONG;
    return -1;
  }
  of->tmp = xmalloc(n);
  snprintf(of->tmp, n, "%s.tmpXXXXXX", of->target);
  catch_signals();
  memcpy(pending, of->tmp, n);
  armed = 1;
  int fd = mkstemp(pending);
  if (fd < 0) {
    armed = 0;
    return -1;
  }
  memcpy(of->tmp, pending, n);
  mode_t mask = umask(0);
  umask(mask);
  mode_t mode = old ? old->st_mode & 07777 : 0666 & ~mask;
  if (old && fchown(fd, old->st_uid, old->st_gid) != 0) {
    /* not ours to give away: the file keeps our owner */
  }
  if (fchmod(fd, mode) < 0) {
    int err = errno;
    close(fd);
    unlink(of->tmp);
    armed = 0;
    errno = err;
    return -1;
  }
  return fd;
}

int outfile_open(outfile *of, const char *path) {
  struct stat st;
  memset(of, 0, sizeof *of);
  of->path = path;
  int exists = outfile_stat(path, &st);
  int fd = -1;
  if (exists < 0)
    return -1;
  if (exists && !S_ISREG(st.st_mode)) {
    fd = open_direct(path, &st);
  } else {
    of->target = exists ? realpath(path, NULL) : xstrdup(path);
    fd = of->target ? open_tmp(of, exists ? &st : NULL) : -1;
  }
  of->f = fd >= 0 ? fdopen(fd, "wb") : NULL;
  if (!of->f) {
    int err = errno;
    if (fd >= 0)
      close(fd);
    outfile_close(of, 0);
    errno = err;
    return -1;
  }
  return 0;
}

int outfile_close(outfile *of, int ok) {
  int err = ok ? 0 : (errno ? errno : EIO);
  if (of->f) {
    if (fflush(of->f) != 0 && !err)
      err = errno;
    if (ferror(of->f) && !err)
      err = errno ? errno : EIO;
    if (fclose(of->f) != 0 && !err)
      err = errno;
  }
  if (of->tmp && !err && rename(of->tmp, of->target) != 0)
    err = errno;
  if (of->tmp && err)
    unlink(of->tmp);
  armed = 0;
  free(of->tmp);
  free(of->target);
  memset(of, 0, sizeof *of);
  errno = err;
  return err ? -1 : 0;
}

int outfile_write(const char *path, const char *buf, size_t len) {
  outfile of;
  if (outfile_open(&of, path) < 0)
    return -1;
  errno = 0;
  int ok = fwrite(buf, 1, len, of.f) == len;
  return outfile_close(&of, ok);
}
