// What the browser tests share: Debian's chromium launched headless by
// playwright-core, and pages opened with their console errors, page errors
// and network requests recorded (a report must make none). Not a test file.
import { chromium } from "playwright-core";

export async function launchChromium() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
}

// Opens a page, recording console errors, page errors and any network request.
export async function openPage(browser, file) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
  page.on("pageerror", (e) => problems.push("page error: " + e));
  page.on("request", (r) => { if (!/^(file|data):/.test(r.url())) problems.push("network: " + r.url()); });
  await page.goto("file://" + file);
  return { page, problems };
}
