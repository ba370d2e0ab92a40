/* rules: a rule set as loaded from YAML: one struct per rule type in a
 * tagged union, plus the rule set header.
 *
 * Everything here is read-only once rules_load_* returns; counters and
 * per-run switches live in the engine's context, not in the rules. The
 * YAML format is described by schemas/rules.schema.json and README.md. */
#ifndef RL_RULES_H
#define RL_RULES_H

#include "diag.h"
#include "lexicon.h"
#include "nearmiss.h"
#include "regex.h"

#include <stddef.h>

typedef enum {
  RL_SEV_INFO = 0,
  RL_SEV_WARNING = 1,
  RL_SEV_ERROR = 2,
} rl_severity;

/* "error" | "warning" | "info" → 0 and *out; else -1. */
int rules_parse_severity(const char *s, rl_severity *out);
const char *rules_severity_name(rl_severity s);

typedef enum {
  RULE_SECTION,        /* a report part found by heading (body fallback) */
  RULE_SECTION_ORDER,  /* parts with an `order` stand in that order */
  RULE_SECTION_LENGTH, /* parts with `min_chars` are at least that long */
  RULE_PATTERN,        /* forbid / require a pattern in a scope */
  RULE_SEQUENCE,       /* numbering of headings or enumerations */
  RULE_METRIC,         /* checks over quantities */
  RULE_DATE,           /* report year, signature date, deadlines */
  RULE_INPUT,          /* the file itself: tracked changes, comments */
  RULE_TABLE,          /* assertions over the cells of a table */
  RULE_LEXICON,        /* wrong characters and words (错别字) */
  RULE_CROSS_YEAR,     /* this year's report against last year's */
} rule_type;

const char *rules_type_name(rule_type t);

typedef enum {
  SCOPE_DOCUMENT = 0, /* whole text (default) */
  SCOPE_TITLE,
  SCOPE_HEADINGS,     /* heading paragraphs only */
  SCOPE_SECTION,      /* the part with key scope_key (incl. sub-parts) */
  SCOPE_PARAGRAPHS,   /* body paragraphs: not title, headings, signature */
  SCOPE_SIGNATURE,    /* the closing block */
} scope_kind;

typedef struct rule_scope {
  scope_kind kind;
  char *key; /* SCOPE_SECTION: "section:<key>" → key */
} rule_scope;

typedef struct regex_list {
  regex **v;
  int n;
  /* forbid items written as {pattern, when: {year_min, year_max}, ext}:
   * per-item report-year range (0 = open) and file extension (NULL =
   * any); the arrays are NULL when no item is a mapping. */
  int *year_min, *year_max;
  char **ext;
} regex_list;

typedef struct rule_section {
  char *key;            /* measures, shortcomings, ... */
  char *name;           /* the part's name for summaries (主要举措和成效);
                           NULL: use key */
  regex_list headings;  /* heading text (marker stripped) matching any */
  regex_list fallback;  /* body text: part present without a heading */
  int required;         /* default 1: missing → finding */
  int order;            /* position for section-order (0 = free); the
                           old spelling of the section-order rule's
                           `order` list */
  int min_chars;        /* threshold for section-length (0 = none); the
                           old spelling of its `min_chars` mapping */
  int max_level;        /* deepest heading level that may carry the part
                           (default 2) */
  int topical;          /* the part may be a run of top-level topical
                           headings that no other part claims */
  int has_fallback_severity;
  int fallback_severity; /* rl_severity of "present, no heading" */
  char *fallback_message;
} rule_section;

/* A number per report part, by section key: a section-order rule's
 * `order` (the rank of each part; parts in one inner list share a rank)
 * or a section-length rule's `min_chars` (each part's threshold). n is 0
 * when the rule does not give them: then each section rule's own `order`
 * or `min_chars` counts (the old spelling). */
typedef struct rule_parts {
  char **keys;
  int *values;
  int n;
} rule_parts;

typedef struct rule_pattern {
  regex_list forbid;  /* every match is a finding */
  regex_list require; /* no match anywhere in scope → one finding */
  regex_list unless;  /* a forbid match is dropped when its paragraph
                         matches any of these */
  regex_list also;    /* forbid matches count only if the document also
                         matches one of these elsewhere ({other}) */
  int cut;            /* PATTERN_CUT_*: also report the text the
                         normaliser cut out of sentences ({0}) */
} rule_pattern;

enum { PATTERN_CUT_NONE, PATTERN_CUT_REPOSTED };

typedef enum { SEQ_HEADINGS, SEQ_ENUMERATIONS, SEQ_ALL } seq_target;

typedef struct rule_sequence {
  seq_target target;
  int repeats;  /* report a repeated ordinal (default 1) */
  int gaps;     /* report a skipped ordinal (default 1) */
  int restarts; /* report a restart at 1 in the same scope (default 0) */
} rule_sequence;

typedef enum {
  METRIC_RANGE,       /* min/max over selected quantities */
  METRIC_SUM,         /* `pattern` groups total + parts: parts add up */
  METRIC_SHARE,       /* %-shares of one whole in a sentence: sum ≤ 100 */
  METRIC_CONSISTENCY, /* same label, different values */
  METRIC_RATIO,       /* `pattern` groups part, whole, rate: part/whole
                         agrees with the stated rate */
} metric_check;

typedef enum { REL_EQ, REL_LE } metric_relation;

typedef struct rule_metric {
  metric_check check;
  regex *label;    /* quantity label must match (NULL: any) */
  regex *unit;     /* quantity unit must match (NULL: any) */
  regex *exclude;  /* label (or the clause) matching this is skipped */
  int has_min, has_max;
  double min, max;
  regex *pattern;  /* SUM: named groups `total` and `parts`;
                      RATIO: `part`, `whole` and `rate` */
  metric_relation relation;
} rule_metric;

typedef enum {
  DATE_DEADLINE,     /* signature date later than year + deadline */
  DATE_PREMATURE,    /* signature date inside the reported year, or a
                        date in the text later than the signature */
  DATE_CUTOFF,       /* data cut-off phrases (截至10月底) */
  DATE_YEAR_MISMATCH, /* body reports on another year than the title */
  DATE_PUBLISHED     /* the page's publication date later than year +
                        deadline */
} date_check;

typedef struct rule_date {
  date_check check;
  int dl_years;      /* deadline "+1-03-31": 1, 3, 31; day -1 = month end */
  int dl_month, dl_day;
  regex_list cutoff; /* DATE_CUTOFF phrases */
  int department;    /* apply only to departments' reports */
  regex *issuer;     /* a report whose issuer matches is a department's */
  char *plans_key;   /* DATE_YEAR_MISMATCH: the part that names R+1 */
  regex *measures;   /* DATE_YEAR_MISMATCH: where measures to take start */
  regex *action;     /* what follows "R年" in them: a measure (加大…) */
} rule_date;

typedef enum {
  INPUT_TRACKED_CHANGES = 1, /* unaccepted revisions (DOCX) */
  INPUT_COMMENTS,            /* reviewer comments left in (DOCX) */
} input_check;

typedef struct rule_input {
  input_check check; /* the reader's note kind (reader_note_kind) */
} rule_input;

/* A named row or column of a table. A row key matches a data row's label
 * path (table_view.h); a part of a sum names every leaf row it matches,
 * anything else the first. A column key matches the header cells over the
 * data columns: the nth column (1-based) with a matching header, else
 * data column `at` (1-based) when given. A row key's `at` is the data row
 * to use when no label path matches (table 四 has one unlabelled row). */
typedef struct table_key {
  char *name;
  regex *label;
  int nth; /* cols: which matching column; 1 if not given */
  int at;  /* the data column (cols) or data row (rows) when no header or
              label matches; 0 if not given */
} table_key;

typedef enum {
  TABLE_SUM,         /* parts add up to the totals (`equals`) */
  TABLE_EQ,          /* a == b */
  TABLE_LE,          /* a <= b */
  TABLE_NONNEGATIVE, /* every number in the table >= 0 */
  TABLE_INTEGER,     /* every number in the table is a whole number */
  TABLE_FILLED,      /* the named cells are not blank in a line with numbers */
  TABLE_TEXT,        /* text-table: the prose quotes a cell */
  TABLE_READABLE,    /* the table's columns could be read (not ragged) */
  TABLE_PRESENT,     /* the part whose heading matches `text` has a table */
  TABLE_LABELS,      /* numbered row labels read as the form's `labels` */
  TABLE_SPLIT,       /* the row named by parts[0] has sub-rows */
  TABLE_ZEROS,       /* no blank data cell where the row has numbers: one
                        finding a column (the form wants 0) */
} table_check;

typedef struct table_assert {
  table_check check;
  int along_cols;    /* keys name columns (checked in every row); else
                        rows (checked in every column) */
  int *parts;        /* key indices into rows or cols: SUM parts, the a
                        and b of EQ / LE, FILLED's cells */
  int nparts;
  int *totals;       /* SUM: the keys of `equals`, added up */
  int ntotals;
  char *message;     /* NULL: the rule's message */
  regex *except;     /* NONNEGATIVE, INTEGER: columns whose header or rows
                        whose label path matches are not checked */
  regex *text;       /* TEXT: prose pattern; group `value` (or 1) is the
                        quoted number. PRESENT: the part's heading */
  int *cell_rows, *cell_cols; /* TEXT: the quoted cells (row, col keys),
                                 added up */
  int ncells;
  int share_row, share_col; /* TEXT: the quoted number is a percentage of
                               this cell; -1 if not a share */
  int has_value;     /* TEXT: the sentence states `value` in words (均获维
                        持: no case was corrected, 0), not as a number */
  double value;
  char **labels;     /* LABELS: the form's numbered row labels */
  int nlabels;
} table_assert;

typedef struct rule_table {
  regex *select;     /* caption, enclosing heading or any cell */
  table_key *rows, *cols;
  int nrows, ncols;
  table_assert *asserts;
  int nasserts;
  char *missing_message; /* blank total reported with this; NULL: a blank
                            total is left to a `filled` assertion */
} rule_table;

typedef enum {
  LEXICON_DOUBLED = 1, /* a character or word written twice (的的) */
  LEXICON_NEAR,        /* a phrase or term missed by one edit (残差不齐) */
} lexicon_check;

typedef struct rule_lexicon {
  lexicon_check check;
  char *words, *pinyin; /* the files (relative to the rule file) */
  lexicon *lex;         /* loaded from them; shared by the set's lexicon
                           rules that name the same files */
  int owns_lex;         /* this rule frees lex */
  char **terms;         /* NEAR: domain terms and set phrases */
  int nterms;
  int idioms;           /* NEAR: also the word list's idioms (default 1) */
  char **except;        /* NEAR: written forms that are right though one
                           edit from a term (法制宣传教育) */
  int nexcept;
  nearmiss *near;       /* NEAR: the terms (and idioms), indexed */
  char **measures;      /* DOUBLED: measure words (件, 宗) */
  int nmeasures;
  uint32_t *measure_keys; /* each measure as one character: its code point
                             | its UTF-8 length << 24, UINT32_MAX for one
                             of more characters (measure_keys[nmeasures]) */
  char **doubles;       /* DOUBLED: words that may be written twice though
                           the word list does not call them verbs (研究) */
  int ndoubles;
  int max;              /* findings in one report (default 10) */
} rule_lexicon;

/* cross-year: this year's report against the same body's report of the
 * year before (rule_cross_year.c); runs only when that report is given. */
typedef enum {
  CROSS_CARRY,  /* a cell of this year's table equals a cell of last
                   year's (表三 上年结转 = 上年 结转下年度), per column */
  CROSS_STOCK,  /* a stock carried over: this year's = last year's +
                   added − removed (表二 现行有效件数) */
  CROSS_SIMILAR, /* a part or paragraph copied from last year's report */
  CROSS_YEAR,   /* this year's report year is last year's + 1 */
  CROSS_PENDING, /* last year's cases still open (表四 尚未审结): this
                    year's report should account for them */
  CROSS_JUMP,   /* a key figure that moved by more than a factor */
} cross_check;

typedef struct rule_cross_year {
  cross_check check;
  regex *select;        /* carry, stock: the table (as table rules) */
  regex *this_row, *last_row; /* carry: the rows, by label path */
  regex *rows;          /* stock: the rows checked (规章|行政规范性文件) */
  regex *stock, *added, *removed; /* stock: the columns, by header */
  regex *pending;       /* pending: last year's columns of open cases */
  char *metric;         /* jump: a key metric's id (`metrics:`) */
  double factor;        /* jump: the ratio said (default 2) */
  int has_factor;
  char *part;           /* similar: a section rule's key; NULL: the body */
  double threshold;     /* similar: share of a text found last year */
  int has_threshold;
  int min_chars;        /* similar: shorter paragraphs are not compared */
  regex_list boilerplate; /* similar: paragraphs every report shares */
} rule_cross_year;

typedef struct rule {
  char *id;
  rule_type type;
  rl_severity severity;
  char *message;       /* template: {name} from captures / rule context */
  rule_scope scope;
  char *description;   /* what it finds and why, in Chinese */
  char *regulation;    /* the provision it rests on */
  char **bad, **good;  /* examples: report texts */
  int nbad, ngood;
  int year_min, year_max; /* `when:` report year range (0 = open) */
  int enabled;         /* `enabled: false` turns a rule off by default */
  char *file;          /* where it was defined */
  int line;
  union {
    rule_section section;
    rule_parts parts; /* section-order, section-length */
    rule_pattern pattern;
    rule_sequence sequence;
    rule_metric metric;
    rule_date date;
    rule_input input;
    rule_table table;
    rule_lexicon lexicon;
    rule_cross_year cross;
  } u;
} rule;

/* A key figure that an audit extracts from every report (a `metrics:`
 * entry of a rule file), e.g. 行政机关负责人出庭应诉率. The first match of
 * `pattern` in the report's body gives the figure: the number in its
 * named group `value` (read as the scanner reads quantities: 万 applied,
 * Chinese numerals understood), or 0 when the group `zero` matched
 * instead (败诉案件为零). */
typedef struct key_metric_example {
  char *text;        /* report text */
  int has_value;     /* 0: the figure must not be found */
  double value;
} key_metric_example;

typedef struct key_metric {
  char *id;          /* stable, dotted: litigation.appearance-rate */
  char *label;       /* Chinese, for column headings */
  regex *pattern;    /* named group `value` (and optionally `zero`), or
                        NULL for a figure read from a table: */
  regex *t_select;   /* the table (caption, heading or header cell) */
  regex *t_row;      /* its row, by label path */
  regex *t_col;      /* its column, by header */
  char *unit;        /* the unit the figure is stated in ("%", "件"), or
                        NULL */
  char *description;
  key_metric_example *examples;
  int nexamples;
  char *file;        /* where it was defined */
  int line;
} key_metric;

typedef struct rl_ruleset {
  char *name;        /* ruleset.name, default: the directory's name */
  char *version;     /* ruleset.version, default "0" */
  char *report_type; /* ruleset.report_type, free text */
  char *regulation;
  char *docs;        /* ruleset.docs: the URL of the set's rule pages; a
                        rule's page is docs#ID (SARIF helpUri), or NULL */
  regex *detect;     /* ruleset.detect: title pattern for auto-detection */
  regex *detect_content; /* ruleset.detect_content: a pattern in the text
                            that settles the type when no title does */
  int fallback;      /* ruleset.fallback: the set for reports that no
                        set detects (a report of no type it knows) */
  char *dir;
  rule *rules;
  int nrules;
  size_t cap;
  key_metric *metrics; /* `metrics:` entries of every file, in file order */
  int nmetrics;
  size_t capmetrics;
  char **pending;    /* files not read yet (rules_load_dir_lazy), in order */
  int npending;
  rl_diag *notes;    /* deprecated spellings met in the files read, each at
                        its node: they load as before; lint-rules prints
                        them as warnings */
  int nnotes;
  size_t capnotes;
  lexicon_shelf *shelf; /* borrowed from the run: word lists shared with
                           the other sets; NULL, each set loads its own */
} rl_ruleset;

/* Loads every *.yaml / *.yml file in dir (sorted by name) into a new rule
 * set. On failure returns -1 and fills diag (DIAG_RULES) with the file,
 * line and column of the offending YAML node and what is wrong: unknown
 * key, wrong type, bad severity, duplicate id, PCRE2 compile error with its
 * offset. The caller frees *out with rules_free(). */
int rules_load_dir(const char *dir, rl_ruleset **out, rl_diag *diag);
/* The same, but reads only the files up to the one with the `ruleset:`
 * header (name, version, detect): the others wait in rs->pending until
 * rules_load_pending(), so a run pays only for the rule sets its reports
 * select. Without a header every file is read at once. */
int rules_load_dir_lazy(const char *dir, rl_ruleset **out, rl_diag *diag);
/* Reads rs->pending (appending). Same errors as rules_load_dir; on
 * failure the files after the broken one stay unread. */
int rules_load_pending(rl_ruleset *rs, rl_diag *diag);
/* Loads one file into rs (appending). Same errors. */
int rules_load_file(rl_ruleset *rs, const char *path, rl_diag *diag);
void rules_free(rl_ruleset *rs);
/* 1 if pat names id: the id itself, or a prefix ending in "." or "*"
 * ("metric." and "metric.*" name every metric rule). */
int rules_id_matches(const char *pat, const char *id);
/* Index of the rule with this id, or -1. */
int rules_find(const rl_ruleset *rs, const char *id);
/* Index of the key metric with this id, or -1. */
int rules_find_metric(const rl_ruleset *rs, const char *id);

/* Converts a YAML file to JSON text with the same reader the loader uses
 * (for validating rule files against the JSON Schema). Plain scalars that
 * look like integers, floats, true/false or null become those JSON types.
 * Returns a newly allocated string (free()), or NULL with diag filled. */
char *rules_yaml_to_json(const char *path, rl_diag *diag);

#endif
