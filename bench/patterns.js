// bench/patterns.js: the default rules' regular expressions, for the
// scanning floor of `make bench` (one grep -P pass with all of them).
//
//   for f in rules/fzzf/*.yaml; do reportlint rules-to-json "$f"; done |
//     node bench/patterns.js        →  one pattern a line on stdout
//
// Reads the concatenated JSON documents, keeps every string under a key
// that holds a pattern (forbid, require, headings, fallback, pattern,
// cutoff, unless, also, detect, label, unit, exclude, issuer) and the
// pattern a `cut` stands for (CUTS below), turns named
// groups into plain ones (a union cannot repeat a name) and prints each
// distinct pattern once. Test texts, messages and ids are left out.
"use strict";
const fs = require("fs");

const KEYS = new Set(["forbid", "require", "headings", "fallback", "pattern",
  "cutoff", "unless", "also", "detect", "label", "unit", "exclude", "issuer"]);

// A pattern rule's `cut: reposted` is work the reader does in C
// (src/model/reposted.c) that a forbid pattern did before: the floor keeps
// that pattern, so that its ratio still compares like with like.
const CUTS = {
  reposted: "(?<=\\p{Han})(?<!登录)(?<!访问)(?<!登陆)(?<!浏览)(?<!网址)(?<!网站)" +
    "(?<!官网)(?<!链接)(?<!点击)(?<!输入)(?<!搜索)(?<!关注)(?i:(?:https?://" +
    "(?:www\\.)?|www\\.)(?![a-z0-9.-]*gov\\.cn)[a-z0-9][a-z0-9-]*" +
    "(?:\\.[a-z0-9-]+)*\\.(?:com|net|org|cn|cc|info|top)(?![a-z0-9.-])" +
    "(?:/[\\w./?=&%-]*)?)(?=[\\p{Han}，。；、])",
};

const text = fs.readFileSync(0, "utf8");
const docs = [];
let depth = 0, start = 0, inStr = false, esc = false;
for (let i = 0; i < text.length; i++) {
  const c = text[i];
  if (inStr) {
    if (esc) esc = false;
    else if (c === "\\") esc = true;
    else if (c === '"') inStr = false;
  } else if (c === '"') inStr = true;
  else if (c === "{") { if (depth++ === 0) start = i; }
  else if (c === "}") { if (--depth === 0) docs.push(JSON.parse(text.slice(start, i + 1))); }
}

const seen = new Set();
function walk(v, key) {
  if (Array.isArray(v)) v.forEach((x) => walk(x, key));
  else if (v && typeof v === "object") for (const k in v) walk(v[k], k);
  else if (typeof v === "string" && key === "cut" && CUTS[v]) seen.add(CUTS[v]);
  else if (typeof v === "string" && KEYS.has(key) && v !== "") {
    seen.add(v.replace(/\(\?<([A-Za-z_]\w*)>/g, "(?:").replace(/\(\?P<[A-Za-z_]\w*>/g, "(?:"));
  }
}
docs.forEach((d) => walk(d, ""));
for (const p of seen) if (!p.includes("\n")) process.stdout.write(p + "\n");
