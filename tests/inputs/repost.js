// A report as a reposting site copies it: the site's name and address put
// into every third line of prose, between two Chinese characters, in the
// forms such sites use (set off by blanks, run into the words, in brackets
// after a lead-in, the name alone). Not into the title, short lines
// (dates, signatures) or table rows (tabs, pipes, runs of blanks).
//   node tests/inputs/repost.js < REPORT > COPY   (stderr: the insertions)
const forms = [
  ' 范文资料网 http://www.fanwen-ziliao.com/ ',
  '范文资料网www.fanwen-ziliao.com',
  '（本文来源：范文资料网 www.fanwen-ziliao.com）',
  '范文资料网',
];
const han = (c) => c !== undefined && /\p{Script=Han}/u.test(c);
const lines = require('fs').readFileSync(0, 'utf8').split('\n');
let n = 0;
const out = lines.map((line, i) => {
  const c = [...line];
  if (i === 0 || i % 3 || c.length < 12 || /\t|\||  /.test(line)) return line;
  const from = Math.max(4, c.indexOf('，') + 2);
  for (let k = from; k < c.length - 2; k++) {
    if (han(c[k - 1]) && han(c[k]) && han(c[k + 1])) {
      c.splice(k, 0, forms[n++ % forms.length]);
      return c.join('');
    }
  }
  return line;
});
process.stdout.write(out.join('\n'));
process.stderr.write(`${n}\n`);
