// tests/serve_browser.js: a drafter's upload in a real browser.
//   node tests/serve_browser.js CHROMIUM URL FILE [SCREENSHOT.png]
// Opens URL (reportlint serve's upload page) in headless Chromium through
// puppeteer-core (.tools), chooses FILE in the form as a person would,
// submits it and waits for the report page. Prints one line:
//   verdict=<需要修改|可以报送> rows=<findings in the table>
//   marks=<findings marked in the text> title=<page title>
// and saves a screenshot of the page when asked (the README's picture).
// Exit 1 with the reason when any step fails.
const path = require("path");
const puppeteer = require(path.join(__dirname, "..", ".tools", "node_modules",
                                    "puppeteer-core"));

async function main() {
  const [chromium, url, file, shot] = process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({width: 1000, height: 900});
    await page.goto(url, {waitUntil: "load", timeout: 30000});
    const input = await page.$('input[type="file"]');
    if (!input) throw new Error("no file input on the upload page");
    await input.uploadFile(file);
    await Promise.all([
      page.waitForNavigation({waitUntil: "load", timeout: 60000}),
      page.click('button[type="submit"]'),
    ]);
    const got = await page.evaluate(() => {
      const v = document.querySelector("p.verdict strong");
      const rows = document.querySelectorAll("section.findings tbody tr");
      const marks = new Set([...document.querySelectorAll("mark.f")]
                                 .map((m) => m.id));
      return {verdict: v ? v.textContent : "", rows: rows.length,
              marks: marks.size, title: document.title};
    });
    console.log(`verdict=${got.verdict} rows=${got.rows} marks=${got.marks} ` +
                `title=${got.title}`);
    if (shot) await page.screenshot({path: shot, fullPage: false});
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(`serve_browser: ${e.message}`);
  process.exit(1);
});
