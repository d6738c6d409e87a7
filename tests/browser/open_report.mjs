// Opens an HTML report in Debian's headless chromium and prints how long it
// took until the page was ready (body[data-ready]). Used by tests/bench/report_size.sh;
// not a test (node --test runs only *.test.mjs files).
import { chromium } from "playwright-core";

const file = process.argv[2];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
const page = await browser.newPage();
const start = Date.now();
await page.goto("file://" + file);
await page.waitForSelector("body[data-ready=true]", { timeout: 120000 });
console.log(((Date.now() - start) / 1000).toFixed(2));
await browser.close();
