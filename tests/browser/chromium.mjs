// What the browser tests share: Debian's chromium launched headless by
// playwright-core, and pages opened with their console errors, page errors
// and network requests recorded (a report must make none); the binary and
// folders CTest hands them (PROFLENS, PROFLENS_SOURCE_DIR, PROFLENS_ARTIFACTS)
// and running proflens. Not a test file.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const proflens = process.env.PROFLENS;
export const artifacts = process.env.PROFLENS_ARTIFACTS;
export const sample = (name) => join(process.env.PROFLENS_SOURCE_DIR, "samples", name);
export const run = (...args) => execFileSync(proflens, args, { encoding: "utf8" });
if (artifacts) mkdirSync(artifacts, { recursive: true });

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
