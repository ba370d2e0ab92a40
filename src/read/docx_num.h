/* docx_num: styles.xml and numbering.xml → the list markers and outline
 * levels Word shows but never stores as text.
 *
 * A heading list "一、" "（一）" made with Word's numbering has no "一、" in
 * document.xml: the marker is computed from the paragraph's numbering
 * (direct w:numPr, or its style's, following w:basedOn), the list
 * definition (w:num → w:abstractNum, w:lvlOverride, w:numStyleLink) and
 * per-list counters. This module keeps those definitions and counters and
 * renders markers in document order; read_docx feeds it one paragraph at a
 * time. It also derives a paragraph's outline level from w:outlineLvl or a
 * heading style name. It reads no zip and knows nothing of runs. */
#ifndef RL_DOCX_NUM_H
#define RL_DOCX_NUM_H

#include "diag.h"
#include "strbuf.h"

#include <stddef.h>

typedef struct docx_num docx_num;

/* Returns an empty set of definitions (no styles, no lists); free it with
 * docx_num_free(). */
docx_num *docx_num_new(void);
void docx_num_free(docx_num *dn);

/* Loads word/styles.xml / word/numbering.xml (xml, len bytes); file names
 * the report in diagnostics. 0, or -1 with a DIAG_INPUT diag from
 * docx_xml_parse. Load styles before numbering's first use. */
int docx_num_load_styles(docx_num *dn, const char *xml, size_t len,
                         const char *file, rl_diag *diag);
int docx_num_load_numbering(docx_num *dn, const char *xml, size_t len,
                            const char *file, rl_diag *diag);

/* A paragraph's own properties from its w:pPr; -1 / NULL = absent. */
typedef struct docx_ppr {
  const char *style; /* w:pStyle; NULL = the default paragraph style */
  int num_id;        /* w:numPr/w:numId; 0 = numbering switched off */
  int ilvl;          /* w:numPr/w:ilvl */
  int outline;       /* w:outlineLvl, 0..9 */
} docx_ppr;

/* The longest marker rendered, in bytes (a hostile w:lvlText is cut). */
#define DOCX_MARKER_MAX 256

/* Appends the list marker of the next paragraph with properties p to
 * marker (nothing when it is not numbered, or its level is a bullet or
 * "none"), and advances that list's counters: call it once per paragraph,
 * in document order. */
void docx_num_marker(docx_num *dn, const docx_ppr *p, strbuf *marker);

#define DOCX_LEVEL_TITLE (-1)
/* The paragraph's outline level: 1..9 for a heading (w:outlineLvl 0..8,
 * or a style named "heading N" / "标题 N"), DOCX_LEVEL_TITLE for a style
 * named "Title" / "标题", 0 for body text. */
int docx_num_level(const docx_num *dn, const docx_ppr *p);

/* Appends value written in the ST_NumberFormat named fmt ("decimal",
 * "chineseCounting", "upperRoman", ...; unknown names are decimal) to sb.
 * Values outside a format's range fall back to decimal. */
void docx_num_format(const char *fmt, int value, strbuf *sb);

#endif
