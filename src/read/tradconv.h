/* tradconv: a report in traditional characters, read in simplified ones.
 *
 * Mirror sites repost reports converted to traditional characters
 * (法治政府建設情況報告); the rules are written in simplified ones, so every
 * part and topic such a report has would be reported missing. Consumes a
 * decoded or extracted text; when it is written in traditional characters
 * (enough characters that only traditional text uses), converts it line by
 * line with OpenCC's t2s conversion, keeping every line whose conversion
 * has the same byte length (a CJK character is three bytes either way), so
 * every offset, line and column stays the original file's; a line whose
 * length would change is kept as written. OpenCC (libopencc, opened with
 * dlopen() by the first traditional text, so plain reports never load it)
 * converts under a lock. */
#ifndef RL_TRADCONV_H
#define RL_TRADCONV_H

#include <stddef.h>

/* Is text (len bytes of UTF-8) written in traditional characters? */
int tradconv_is_traditional(const char *text, size_t len);

/* Converts text in place, line by line, as the head comment says.
 * Returns the number of lines converted, or -1 with why (cap bytes, one
 * line) if OpenCC cannot be opened or fails; text is then unchanged. */
int tradconv_simplify(char *text, size_t len, char *why, size_t cap);

#endif
