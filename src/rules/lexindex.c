/* lexindex: the word list's index file.
 *
 * Consumes sections and the text files they were built from, or an index
 * file and the text files a rule names; produces the file (through a
 * temporary file and rename(), so that a process that has the old one
 * mapped keeps reading it whole), or its sections mapped read-only.
 * Every check here costs O(1) but the hash of a text file whose
 * modification time is not the one the index holds (a copy without its
 * times): the sections' contents are the lexicon's to check as it reads
 * them.
 *
 *   file    = head, { pad to 64, section }
 *   head    = "RLLEXIDX", version, byte order, type sizes, file size,
 *             2 * stamp (size, mtime, hash of a text file), section table */
#include "lexindex.h"

#include "alloc.h"
#include "i18n.h"
#include "mix64.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAGIC "RLLEXIDX"
#define ORDER 0x01020304u
#define ALIGN 64

typedef struct stamp {
  uint64_t size, hash;
  int64_t sec, nsec; /* modification time; -1 when none was kept */
} stamp;

typedef struct file_head {
  char magic[8];
  uint32_t version, order;
  uint32_t ptr_size, u64_align;
  uint64_t file_size;
  stamp src[LEXINDEX_SOURCES];
  uint32_t nsec, pad;
  struct {
    uint64_t off, len;
  } sec[LEXINDEX_MAX_SECTIONS];
} file_head;

// --- the hash of a text file -------------------------------------------------

/* Four lanes of 64-bit multiply-xorshift over 32-byte blocks, the tail
 * padded with zeros, the lanes and the length mixed at the end: fast
 * (the word list, 3.4 MB, in about 0.3 ms) and enough to tell an edited
 * file from the one an index was made from. */
typedef struct hasher {
  uint64_t s[4], total;
  unsigned char tail[32];
  size_t ntail;
} hasher;

static void hash_init(hasher *h) {
  memset(h, 0, sizeof *h);
  h->s[0] = 0x243F6A8885A308D3ull;
  h->s[1] = 0x13198A2E03707344ull;
  h->s[2] = 0xA4093822299F31D0ull;
  h->s[3] = 0x082EFA98EC4E6C89ull;
}

static void hash_blocks(uint64_t s[4], const unsigned char *p, size_t n) {
  for (; n; n--, p += 32)
    for (int k = 0; k < 4; k++) {
      uint64_t w;
      memcpy(&w, p + 8 * k, 8);
      s[k] = (s[k] ^ w) * 0x9E3779B97F4A7C15ull;
      s[k] ^= s[k] >> 29;
    }
}

static void hash_update(hasher *h, const void *data, size_t len) {
  const unsigned char *p = data;
  h->total += len;
  if (h->ntail) {
    size_t k = 32 - h->ntail < len ? 32 - h->ntail : len;
    memcpy(h->tail + h->ntail, p, k);
    h->ntail += k;
    p += k;
    len -= k;
    if (h->ntail < 32)
      return;
    hash_blocks(h->s, h->tail, 1);
    h->ntail = 0;
  }
  hash_blocks(h->s, p, len / 32);
  memcpy(h->tail, p + len / 32 * 32, len % 32);
  h->ntail = len % 32;
}

static uint64_t hash_final(hasher *h) {
  memset(h->tail + h->ntail, 0, 32 - h->ntail);
  hash_blocks(h->s, h->tail, 1);
  uint64_t r = h->total;
  for (int k = 0; k < 4; k++)
    r = mix64(r ^ h->s[k]);
  return r;
}

uint64_t lexindex_hash(const void *p, size_t len) {
  hasher h;
  hash_init(&h);
  hash_update(&h, p, len);
  return hash_final(&h);
}

/* The hash of the file at path, which must hold exactly size bytes. */
static int hash_file(const char *path, uint64_t size, uint64_t *out) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  hasher h;
  hash_init(&h);
  enum { BUF = 1 << 16 };
  unsigned char *buf = xmalloc(BUF);
  ssize_t got;
  while ((got = read(fd, buf, BUF)) > 0)
    hash_update(&h, buf, (size_t)got);
  free(buf);
  close(fd);
  if (got < 0 || h.total != size)
    return -1;
  *out = hash_final(&h);
  return 0;
}

// --- writing -----------------------------------------------------------------

static uint64_t align_up(uint64_t n) { return (n + ALIGN - 1) / ALIGN * ALIGN; }

static int stamp_source(stamp *s, const lexindex_source *src, char *err,
                        size_t errcap) {
  struct stat st;
  if (stat(src->path, &st) != 0) {
    snprintf(err, errcap, "cannot stat %s: %s", src->path, strerror(errno));
    return -1;
  }
  if ((uint64_t)st.st_size != src->len) {
    snprintf(err, errcap, "%s changed while it was read", src->path);
    return -1;
  }
  s->size = src->len;
  s->hash = lexindex_hash(src->bytes, src->len);
  s->sec = s->nsec = -1;
  if (st.st_mtim.tv_sec + 2 <= time(NULL)) {
    s->sec = st.st_mtim.tv_sec;
    s->nsec = st.st_mtim.tv_nsec;
  }
  return 0;
}

static int write_all(FILE *f, const lexindex_section *sec, int nsec,
                     const file_head *h) {
  static const char zero[ALIGN];
  if (fwrite(h, sizeof *h, 1, f) != 1)
    return -1;
  uint64_t at = sizeof *h;
  for (int i = 0; i < nsec; i++) {
    if (fwrite(zero, 1, h->sec[i].off - at, f) != h->sec[i].off - at ||
        (sec[i].len && fwrite(sec[i].p, 1, sec[i].len, f) != sec[i].len))
      return -1;
    at = h->sec[i].off + sec[i].len;
  }
  return 0;
}

int lexindex_write(const char *path, const lexindex_source src[2],
                   const lexindex_section *sec, int nsec, char *err,
                   size_t errcap) {
  if (nsec < 1 || nsec > LEXINDEX_MAX_SECTIONS) {
    snprintf(err, errcap, "an index holds 1 to %d sections",
             LEXINDEX_MAX_SECTIONS);
    return -1;
  }
  file_head h;
  memset(&h, 0, sizeof h);
  memcpy(h.magic, MAGIC, 8);
  h.version = LEXINDEX_VERSION;
  h.order = ORDER;
  h.ptr_size = sizeof(void *);
  h.u64_align = _Alignof(uint64_t);
  h.nsec = (uint32_t)nsec;
  for (int k = 0; k < LEXINDEX_SOURCES; k++)
    if (stamp_source(&h.src[k], &src[k], err, errcap) < 0)
      return -1;
  uint64_t off = sizeof h;
  for (int i = 0; i < nsec; i++) {
    h.sec[i].off = align_up(off);
    h.sec[i].len = sec[i].len;
    off = h.sec[i].off + sec[i].len;
  }
  h.file_size = off;
  size_t tl = strlen(path) + 32;
  char *tmp = xmalloc(tl);
  snprintf(tmp, tl, "%s.tmp%ld", path, (long)getpid());
  FILE *f = fopen(tmp, "wb");
  int bad = !f || write_all(f, sec, nsec, &h) < 0;
  if (f && fclose(f) != 0)
    bad = 1;
  if (bad || rename(tmp, path) != 0) {
    snprintf(err, errcap, "cannot write %s: %s", bad ? tmp : path,
             strerror(errno));
    remove(tmp);
    free(tmp);
    return -1;
  }
  free(tmp);
  return 0;
}

// --- reading -----------------------------------------------------------------

static int fail(char *why, size_t cap, const char *msg) {
  snprintf(why, cap, "%s", msg);
  return -1;
}

static int check_head(const lexindex *ix, const file_head *h, int nsec,
                      char *why, size_t cap) {
  if (memcmp(h->magic, MAGIC, 8) != 0)
    return fail(why, cap, _("it is not a word-list index"));
  if (h->order != ORDER || h->ptr_size != sizeof(void *) ||
      h->u64_align != _Alignof(uint64_t))
    return fail(why, cap, _("it was made on another kind of machine"));
  if (h->version != LEXINDEX_VERSION) {
    snprintf(why, cap, _("it has format version %u; this build reads %u"),
             (unsigned)h->version, (unsigned)LEXINDEX_VERSION);
    return -1;
  }
  if (h->file_size != ix->len || h->nsec != (uint32_t)nsec)
    return fail(why, cap, _("it is truncated or damaged"));
  for (int i = 0; i < nsec; i++) {
    uint64_t off = h->sec[i].off, len = h->sec[i].len;
    if (off % ALIGN || off < sizeof *h || off > ix->len ||
        len > ix->len - off)
      return fail(why, cap, _("it is truncated or damaged"));
  }
  return 0;
}

/* Whether the text file at path is the one stamp s describes: its size,
 * then its modification time, else its bytes' hash. */
static int source_matches(const stamp *s, const char *path, char *why,
                          size_t cap) {
  struct stat st;
  if (stat(path, &st) != 0) {
    char ebuf[256];
    snprintf(why, cap, _("cannot open %s: %s"), path,
             i18n_strerror(errno, ebuf, sizeof ebuf));
    return -1;
  }
  uint64_t hash;
  if ((uint64_t)st.st_size == s->size &&
      ((s->sec >= 0 && st.st_mtim.tv_sec == s->sec &&
        st.st_mtim.tv_nsec == s->nsec) ||
       (hash_file(path, s->size, &hash) == 0 && hash == s->hash)))
    return 0;
  snprintf(why, cap, _("%s has changed since it was made"), path);
  return -1;
}

int lexindex_open(lexindex *ix, const char *path, const char *const src[2],
                  int nsec, char *why, size_t cap) {
  memset(ix, 0, sizeof *ix);
  if (nsec < 1 || nsec > LEXINDEX_MAX_SECTIONS)
    return fail(why, cap, _("it is not a word-list index"));
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    char ebuf[256];
    return fail(why, cap, errno == ENOENT ? _("there is none")
                                          : i18n_strerror(errno, ebuf,
                                                          sizeof ebuf));
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
      (uint64_t)st.st_size < sizeof(file_head)) {
    close(fd);
    return fail(why, cap, _("it is truncated or damaged"));
  }
  void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (map == MAP_FAILED) {
    char ebuf[256];
    return fail(why, cap, i18n_strerror(errno, ebuf, sizeof ebuf));
  }
  ix->map = map;
  ix->len = (size_t)st.st_size;
  file_head h;
  memcpy(&h, map, sizeof h);
  if (check_head(ix, &h, nsec, why, cap) < 0 ||
      source_matches(&h.src[0], src[0], why, cap) < 0 ||
      source_matches(&h.src[1], src[1], why, cap) < 0) {
    lexindex_close(ix);
    return -1;
  }
  for (int i = 0; i < nsec; i++) {
    ix->sec[i].p = (const char *)map + h.sec[i].off;
    ix->sec[i].len = (size_t)h.sec[i].len;
  }
  return 0;
}

void lexindex_close(lexindex *ix) {
  if (ix->map)
    munmap(ix->map, ix->len);
  memset(ix, 0, sizeof *ix);
}
