/* webfurn: portal furniture lines and the page's date (see webfurn.h).
 * The vocabulary is the CMSs' (TRS, ucap, 网站群 templates): what a page
 * says around an article, not any one site's wording. */
#include "webfurn.h"

#include "html_page.h"
#include "marker.h"
#include "utf8.h"

#include <string.h>

/* Labels that make a line furniture when it starts with one. */
static const char *const lead_labels[] = {
    "发布日期", "发布时间", "信息来源", "索引号",   "您所在的位置",
    "您当前的位置", "当前位置", "您现在的位置", "今天是", "【打印】",
    "【关闭】", "【大", "【字体",   NULL};
/* Labels of which two on one line make it furniture. */
static const char *const labels[] = {
    "发布日期", "发布时间", "信息来源", "来源：",   "来源:",    "浏览次数",
    "阅读次数", "访问次数", "点击数",   "字号：",   "字号:",    "【大",
    "打印本页", "关闭窗口", "分享到",   "责任编辑", "【打印】", "索引号",
    "发布机构", "公文生成日期", "生成日期", "主题分类", "文号：", "文号:",
    "扫一扫",   "网站地图", "版权所有", "主办单位", "承办单位", "ICP备",
    "网站标识码", "技术支持", "【关闭】", "【收藏】", "QQ空间", NULL};
/* At either end of a crawled text, a line that starts with one of these
 * is furniture too (in an article's body it may be a sentence). */
static const char *const end_labels[] = {
    "来源：", "来源:", "时间：", "时间:", "作者：", "编辑：", "微信 微博",
    "首页", "网站地图", "版权所有", "主办单位", "主办：", "承办：",
    "扫一扫", "建议使用", NULL};
enum {
  CHROME_MAX_LINE = 400,
  NAV_MAX = 24 /* characters of a site's name or menu line */
};

static size_t skip_blanks(const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    if (s[i] == ' ' || s[i] == '\t')
      i++;
    else if (utf8_starts(s + i, len - i, "\u3000"))
      i += 3;
    else
      break;
  }
  return i;
}

int webfurn_is_chrome_line(const char *s, size_t len) {
  if (len > CHROME_MAX_LINE)
    return 0;
  size_t i = skip_blanks(s, len);
  for (int k = 0; lead_labels[k]; k++)
    if (utf8_starts(s + i, len - i, lead_labels[k]))
      return 1;
  int found = 0;
  for (int k = 0; labels[k] && found < 2; k++)
    found += utf8_contains(s + i, len - i, labels[k]);
  return found >= 2;
}

/* The date after a 发布时间/发布日期/公开日期/时间 label on the line. */
static int line_date(const char *s, size_t len) {
  static const char *const date_labels[] = {"发布时间", "发布日期",
                                            "公开日期", "时间", NULL};
  for (int k = 0; date_labels[k]; k++) {
    size_t n = strlen(date_labels[k]);
    for (size_t j = 0; j + n <= len; j++) {
      if (memcmp(s + j, date_labels[k], n) != 0)
        continue;
      size_t at = j + n;
      while (at < len && (s[at] == ' ' || s[at] == ':' ||
                          utf8_starts(s + at, len - at, "：")))
        at += s[at] == ' ' || s[at] == ':' ? 1 : 3;
      char buf[32];
      size_t k2 = len - at < sizeof buf - 1 ? len - at : sizeof buf - 1;
      memcpy(buf, s + at, k2);
      buf[k2] = '\0';
      size_t used;
      int d = html_page_date(buf, &used);
      if (d)
        return d;
    }
  }
  return 0;
}

/* Blanks line [a, b) of text; returns its date, if it gives one. */
static int blank_line(char *text, size_t a, size_t b) {
  int d = line_date(text + a, b - a);
  memset(text + a, ' ', b - a);
  return d;
}

int webfurn_blank_all(char *text, size_t len) {
  int date = 0;
  for (size_t start = 0; start < len;) {
    const char *nl = memchr(text + start, '\n', len - start);
    size_t end = nl ? (size_t)(nl - text) : len;
    if (webfurn_is_chrome_line(text + start, end - start)) {
      int d = blank_line(text, start, end);
      date = date ? date : d;
    }
    start = end + 1;
  }
  return date;
}

typedef struct line {
  size_t a, b;
} line;

/* The non-blank lines of text, at most max from the front (dir 1) or the
 * back (dir -1), into v; returns how many. */
static int end_lines(const char *text, size_t len, int dir, line *v, int max) {
  int n = 0;
  if (dir > 0) {
    for (size_t start = 0; start < len && n < max;) {
      const char *nl = memchr(text + start, '\n', len - start);
      size_t end = nl ? (size_t)(nl - text) : len;
      if (skip_blanks(text + start, end - start) < end - start)
        v[n++] = (line){start, end};
      start = end + 1;
    }
    return n;
  }
  size_t end = len;
  while (end > 0 && n < max) {
    size_t start = end;
    while (start > 0 && text[start - 1] != '\n')
      start--;
    if (skip_blanks(text + start, end - start) < end - start)
      v[n++] = (line){start, end};
    end = start > 0 ? start - 1 : 0;
    if (start == 0)
      break;
  }
  return n;
}

static int is_end_chrome(const char *s, size_t len) {
  if (webfurn_is_chrome_line(s, len))
    return 1;
  size_t i = skip_blanks(s, len);
  for (int k = 0; end_labels[k]; k++)
    if (utf8_starts(s + i, len - i, end_labels[k]))
      return 1;
  return 0;
}

/* A line a page's header or footer holds beside its labelled furniture:
 * the site's name, a menu item, a slogan. Short, with no sentence, no
 * heading marker and no report title in it: a report's own short lines
 * (its issuer, its date) are such too, so they count only before a
 * labelled line. */
static int is_nav_like(const char *s, size_t len) {
  size_t i = skip_blanks(s, len);
  marker m;
  if (utf8_count(s + i, len - i) > NAV_MAX ||
      marker_read(s + i, len - i, MARKER_WIDE_DIGITS, &m) > 0)
    return 0;
  static const char *const stops[] = {"。", "，", "；", "报告", NULL};
  for (int k = 0; stops[k]; k++)
    if (utf8_contains(s + i, len - i, stops[k]))
      return 0;
  return 1;
}

/* At one end of the text (lines v[0, n) from that end inward): the labelled
 * furniture lines and the site's lines before the last of them. Returns
 * how many lines from the end are furniture. */
static int furniture_lines(const char *text, const line *v, int n) {
  int last = -1;
  for (int i = 0; i < n; i++) {
    const char *s = text + v[i].a;
    size_t len = v[i].b - v[i].a;
    if (is_end_chrome(s, len))
      last = i;
    else if (!is_nav_like(s, len))
      break; /* the report begins (or ends) here */
  }
  return last + 1;
}

int webfurn_blank_ends(char *text, size_t len) {
  int date = 0;
  line v[WEBFURN_ZONE];
  for (int dir = 1; dir >= -1; dir -= 2) {
    int n = end_lines(text, len, dir, v, WEBFURN_ZONE);
    int k = furniture_lines(text, v, n);
    for (int i = 0; i < k; i++) {
      int d = blank_line(text, v[i].a, v[i].b);
      date = date ? date : d;
    }
  }
  return date;
}
