/* output: the table of --format names and their writers. */
#include "output.h"

#include <string.h>

static const struct {
  const char *name;
  out_writer fn;
} writers[] = {
    {"text", out_text},   {"json", out_json},     {"model", out_model},
    {"sarif", out_sarif}, {"junit", out_junit},   {"github", out_github},
    {"jsonl", out_jsonl}, {"html", out_html},
};

out_writer output_find(const char *name) {
  for (size_t i = 0; i < sizeof writers / sizeof *writers; i++)
    if (strcmp(writers[i].name, name) == 0)
      return writers[i].fn;
  return NULL;
}

const char *output_names(void) {
  return "text, json, model, sarif, junit, github, jsonl or html";
}
