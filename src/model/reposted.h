/* reposted: a reposting site's name and address run into a sentence.
 *
 * Sites that copy reports put their own name and address into the text
 * ("推进依法行政法律图书馆 www.example.com 工作"). This finds them in the
 * decoded text before normalisation, so that the normaliser can cut them
 * out (the words around them are read as one) and the rules can report
 * them at their place. Only the kind is recognised, never a list of sites:
 * an address (http…, www.…) of a site that is not a government one
 * (.gov.cn), standing between Chinese words, and not one the text points
 * to (登录、访问、网址…); with it, a site's name (…网, …文库, …图书馆)
 * set off by a space, a bracket or a lead-in (本文来源：), or learnt from
 * the same address's other insertions; and such a name standing alone
 * between words elsewhere in the text (the site put its address in once). */
#ifndef RL_REPOSTED_H
#define RL_REPOSTED_H

#include <stddef.h>

/* One insertion: [off, off + len) is what to report (the name and the
 * address, with brackets around them), [skip, skip_end) what the normaliser
 * leaves out (that and the blanks on both sides). Offsets into the text
 * given to reposted_find. */
typedef struct reposted_cut {
  size_t off, len;
  size_t skip, skip_end;
} reposted_cut;

/* The insertions in text[0, len), in order and not overlapping; *n gets
 * their number. Returns a newly allocated array (NULL when none); the
 * caller frees it with free(). Linear in len. */
reposted_cut *reposted_find(const char *text, size_t len, size_t *n);

#endif
