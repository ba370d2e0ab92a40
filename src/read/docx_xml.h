/* docx_xml: one XML part of a DOCX → a stream of element and text events.
 *
 * A thin, hardened wrapper over libxml2's SAX2 push parser, shared by the
 * DOCX reader (document.xml, comments.xml) and docx_num (styles.xml,
 * numbering.xml). It refuses any DTD (OOXML never has one, and entity
 * declarations are how billion-laughs attacks work), never loads anything
 * from the network or disk, caps element nesting, and turns libxml2's
 * errors into one DIAG_INPUT diagnostic instead of printing them. What the
 * elements mean is the caller's business. */
#ifndef RL_DOCX_XML_H
#define RL_DOCX_XML_H

#include "diag.h"

#include <stddef.h>

/* Deepest element nesting accepted; real documents stay under 50. */
#define DOCX_XML_MAX_DEPTH 200

#define DOCX_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_NS_W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define DOCX_NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"

typedef struct docx_attr {
  const char *ns;    /* namespace URI, NULL if none */
  const char *local; /* local name */
  const char *val;   /* NUL-terminated value */
} docx_attr;

/* Each callback returns 0 to go on, or -1 after filling the diag it was
 * given through its own state: the parse then stops and docx_xml_parse
 * returns -1 without touching the diag. ns may be NULL. Strings are valid
 * only during the call. */
typedef struct docx_xml_handler {
  int (*start)(void *ud, const char *ns, const char *local,
               const docx_attr *attrs, int nattrs);
  int (*end)(void *ud, const char *ns, const char *local);
  int (*text)(void *ud, const char *s, size_t len);
} docx_xml_handler;

/* Parses xml (len bytes) and calls h with ud. part names the part in
 * diagnostics ("word/document.xml") and file the report. Returns 0, or -1
 * with a DIAG_INPUT diag: "corrupt DOCX: <part> is not well-formed XML
 * (line N)", "corrupt DOCX: <part> has a DTD (entity declarations are not
 * allowed)", "corrupt DOCX: <part> nests elements more than 200 deep". */
int docx_xml_parse(const char *xml, size_t len, const char *part,
                   const char *file, const docx_xml_handler *h, void *ud,
                   rl_diag *diag);

/* 1 if ns is the WordprocessingML namespace (transitional or strict). */
int docx_xml_is_w(const char *ns);
/* The value of the attribute named local in the WordprocessingML
 * namespace (or in no namespace), or NULL. */
const char *docx_xml_attr(const docx_attr *attrs, int nattrs,
                          const char *local);
/* An ST_OnOff or integer attribute: the value parsed as a decimal int
 * clamped to [lo, hi], or def when absent or not a number. */
int docx_xml_int(const docx_attr *attrs, int nattrs, const char *local, int def,
                 int lo, int hi);

#endif
