// node tests/hostile/runs.js N < patterns: a report whose measures part has,
// for every character written in a pattern (and the digits and Chinese
// punctuation a class may stand for), a paragraph of N of it: the runs a
// pattern loops over.
// hostile.sh's pattern-runs case; one pattern per line on stdin
// (bench/patterns.js).
const fs = require('fs');
const n = +process.argv[2];
const chars = new Set('0123456789.,%、，。；：');
for (const ch of fs.readFileSync(0, 'utf8'))
  if (ch.codePointAt(0) > 0x20) chars.add(ch);
let out = '某区2024年度法治政府建设情况报告\n一、主要举措和成效\n';
for (const ch of [...chars].sort()) out += ch.repeat(n) + '\n\n';
process.stdout.write(out);
