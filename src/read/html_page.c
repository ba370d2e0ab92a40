/* html_page: the page title and publication date of a portal page (see
 * html_page.h). A page's furniture differs by CMS (TRS, ucap, 网站群
 * templates) but names the same facts the same few ways; what is read
 * here is that vocabulary, not any one site's markup. */
#include "html_page.h"

#include "alloc.h"
#include "strbuf.h"
#include "utf8.h"

#include <string.h>
#include <strings.h>

enum { TITLE_MAX = 400, TEXT_MAX = 2000 };

static int is_el(const xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE && n->name &&
         strcasecmp((const char *)n->name, name) == 0;
}

static const char *attr(const xmlNode *n, const char *name) {
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (a->name && strcasecmp((const char *)a->name, name) == 0) {
      const xmlNode *v = a->children;
      return v && v->type == XML_TEXT_NODE && v->content
                 ? (const char *)v->content
                 : "";
    }
  return NULL;
}

/* The text of n's subtree, whitespace runs collapsed to one space and
 * trimmed, at most TEXT_MAX bytes. The caller frees it with free(). */
static char *text_of(const xmlNode *n) {
  strbuf b;
  strbuf_init(&b, TEXT_MAX);
  int space = 0;
  const xmlNode *c = n->children;
  while (c && c != n) {
    if (c->type == XML_TEXT_NODE && c->content) {
      for (const char *s = (const char *)c->content; *s; s++) {
        int ws = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';
        if (ws) {
          space = b.len > 0;
          continue;
        }
        if (space && strbuf_put(&b, " ", 1) < 0)
          break;
        space = 0;
        if (strbuf_put(&b, s, 1) < 0)
          break;
      }
    }
    if (c->type == XML_ELEMENT_NODE && c->children) {
      c = c->children;
      continue;
    }
    while (c != n && !c->next)
      c = c->parent;
    if (c != n)
      c = c->next;
  }
  size_t len;
  return strbuf_detach(&b, &len);
}

static int inside(const xmlNode *n, const xmlNode *ancestor) {
  for (const xmlNode *p = n; p; p = p->parent)
    if (p == ancestor)
      return 1;
  return 0;
}

/* A title worth using: some text, one line, not absurdly long. */
static int usable(const char *s) {
  size_t n = s ? strlen(s) : 0;
  return n >= 1 && n <= TITLE_MAX;
}

/* <title> holds "article<sep>column<sep>site": keep what precedes the
 * first separator (_ | ｜ or a dash with blanks around it). */
static char *title_less_site(const char *t) {
  static const char *const seps[] = {"_", "|", "｜", " - ", " — ", " – ",
                                     "－", "——", NULL};
  size_t cut = strlen(t);
  for (int i = 0; seps[i]; i++) {
    const char *p = strstr(t, seps[i]);
    if (p && (size_t)(p - t) < cut)
      cut = (size_t)(p - t);
  }
  while (cut > 0 && t[cut - 1] == ' ')
    cut--;
  return xstrndup(t, cut);
}

static int names_report(const char *s) {
  return s && (strstr(s, "报告") || strstr(s, "年报"));
}

typedef struct candidate {
  char *text;
  int line;
} candidate;

typedef struct found {
  candidate meta, og, ucap, h1, title;
} found;

/* Keeps s (owned) in *slot if the slot is empty and s is usable (and
 * names a report when it must); frees it otherwise. */
static void keep(candidate *slot, char *s, int line, int must_name) {
  if (!slot->text && usable(s) && (!must_name || names_report(s)))
    *slot = (candidate){s, line};
  else
    free(s);
}

static void read_date_from(html_page *p, const char *s) {
  for (; s && *s && !p->published; s++) {
    size_t n;
    int d = html_page_date(s, &n);
    if (d) {
      p->published = d;
      size_t k = n < sizeof p->date_text - 1 ? n : sizeof p->date_text - 1;
      memcpy(p->date_text, s, k);
      p->date_text[k] = '\0';
    }
  }
}

static int is_meta_date(const char *name) {
  static const char *const names[] = {
      "pubdate", "publishdate", "firstpublishedtime", "publish_date",
      "article:published_time", "publishtime", NULL};
  for (int i = 0; name && names[i]; i++)
    if (strcasecmp(name, names[i]) == 0)
      return 1;
  return 0;
}

static void visit_meta(const xmlNode *n, found *f, html_page *p) {
  const char *name = attr(n, "name"), *prop = attr(n, "property");
  const char *content = attr(n, "content");
  if (!content)
    return;
  if (name && strcasecmp(name, "ArticleTitle") == 0)
    keep(&f->meta, xstrdup(content), n->line, 1);
  else if (prop && strcasecmp(prop, "og:title") == 0)
    keep(&f->og, xstrdup(content), n->line, 1);
  else if (!p->published && (is_meta_date(name) || is_meta_date(prop)))
    read_date_from(p, content);
}

/* 发布时间：2024-01-22 23:08, 发布日期:2024年1月22日, 时间：… outside the
 * article. */
static void visit_text(const xmlNode *n, html_page *p) {
  static const char *const labels[] = {"发布时间", "发布日期", "公开日期",
                                       "时间", NULL};
  const char *s = (const char *)n->content;
  for (int i = 0; s && labels[i] && !p->published; i++) {
    const char *at = strstr(s, labels[i]);
    if (!at)
      continue;
    at += strlen(labels[i]);
    while (*at == ' ' || !strncmp(at, "：", 3) || *at == ':')
      at += *at == ' ' || *at == ':' ? 1 : 3;
    size_t len;
    int d = html_page_date(at, &len);
    if (d)
      read_date_from(p, at);
  }
}

void html_page_read(xmlDoc *doc, const xmlNode *root, html_page *p) {
  memset(p, 0, sizeof *p);
  found f = {0};
  const xmlNode *n = doc->children;
  while (n) {
    int in_root = root && inside(n, root);
    if (is_el(n, "meta"))
      visit_meta(n, &f, p);
    else if (is_el(n, "ucaptitle"))
      keep(&f.ucap, text_of(n), n->line, 0);
    else if (is_el(n, "h1") && !in_root)
      keep(&f.h1, text_of(n), n->line, 0);
    else if (is_el(n, "title") && !f.title.text) {
      char *t = text_of(n);
      keep(&f.title, title_less_site(t), n->line, 1);
      free(t);
    } else if (is_el(n, "publishtime") && !p->published) {
      char *t = text_of(n);
      read_date_from(p, t);
      free(t);
    } else if (n->type == XML_TEXT_NODE && !in_root && !p->published) {
      visit_text(n, p);
    }
    if (n->type == XML_ELEMENT_NODE && n->children && !is_el(n, "script") &&
        !is_el(n, "style")) {
      n = n->children;
      continue;
    }
    while (n && !n->next)
      n = n->parent == (xmlNode *)doc ? NULL : n->parent;
    if (n)
      n = n->next;
  }
  candidate pick[] = {f.meta, f.og, f.ucap, f.h1, f.title};
  for (size_t i = 0; i < sizeof pick / sizeof *pick; i++) {
    if (!p->title && pick[i].text) {
      p->title = pick[i].text;
      p->title_line = pick[i].line;
    } else {
      free(pick[i].text);
    }
  }
}

void html_page_release(html_page *p) {
  free(p->title);
  p->title = NULL;
}

static int digits(const char *s, int max, int *v) {
  int n = 0;
  *v = 0;
  while (n < max && s[n] >= '0' && s[n] <= '9')
    *v = *v * 10 + (s[n++] - '0');
  return n;
}

/* date = YYYY sep M sep D [日]    sep = - / . 年 月 */
int html_page_date(const char *s, size_t *len) {
  int y, m, d;
  size_t i = (size_t)digits(s, 4, &y);
  if (i != 4 || y < 1990 || y > 2999)
    return 0;
  static const char *const seps[] = {"-", "/", ".", "年", NULL};
  const char *sep = NULL;
  for (int k = 0; seps[k]; k++)
    if (!strncmp(s + i, seps[k], strlen(seps[k])))
      sep = seps[k];
  if (!sep)
    return 0;
  i += strlen(sep);
  int n = digits(s + i, 2, &m);
  if (!n || m < 1 || m > 12)
    return 0;
  i += (size_t)n;
  const char *sep2 = strcmp(sep, "年") == 0 ? "月" : sep;
  if (strncmp(s + i, sep2, strlen(sep2)))
    return 0;
  i += strlen(sep2);
  n = digits(s + i, 2, &d);
  if (!n || d < 1 || d > 31)
    return 0;
  i += (size_t)n;
  if (!strncmp(s + i, "日", 3))
    i += 3;
  *len = i;
  return y * 10000 + m * 100 + d;
}
