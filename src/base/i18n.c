/* i18n: see i18n.h. */
#include "i18n.h"

#include <errno.h>
#include <string.h>

/* glibc's texts of the errors reading and writing files meet, so that
 * they are translated with ours even where glibc's own catalog (the
 * locales package) is not installed. */
static const char *errno_text(int err) {
  switch (err) {
  case ENOENT:
    return N_("No such file or directory");
  case EACCES:
    return N_("Permission denied");
  case EPERM:
    return N_("Operation not permitted");
  case EISDIR:
    return N_("Is a directory");
  case ENOTDIR:
    return N_("Not a directory");
  case ELOOP:
    return N_("Too many levels of symbolic links");
  case ENAMETOOLONG:
    return N_("File name too long");
  case EMFILE:
    return N_("Too many open files");
  case EIO:
    return N_("Input/output error");
  case EFBIG:
    return N_("File too large");
  case ENOSPC:
    return N_("No space left on device");
  case EROFS:
    return N_("Read-only file system");
  default:
    return NULL;
  }
}

const char *i18n_strerror(int err, char *buf, size_t cap) {
  const char *en = errno_text(err);
  if (en) {
    const char *t = _(en);
    if (t != en) /* translated; untranslated, glibc's own text below */
      return t;
  }
  if (strerror_r(err, buf, cap) != 0 && cap)
    buf[0] = '\0';
  return buf;
}
