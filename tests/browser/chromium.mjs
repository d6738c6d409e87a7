// What the browser tests share: Debian's chromium launched headless by
// playwright-core, and pages opened with their console errors, page errors
// and network requests recorded (a report must make none); the binary and
// folders CTest hands them (PROFLENS, PROFLENS_SOURCE_DIR, PROFLENS_ARTIFACTS)
// and running proflens; proflens serve started beside a test. Not a test file.
import { execFileSync, spawn } from "node:child_process";
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

// Starts proflens serve on a free loopback port; resolves with the child,
// its URL and a promise of its exit. It is killed when the test `t` ends,
// whatever happened, so a failed assertion cannot leave it running (a live
// child keeps node's event loop, and the test file, from ever ending).
export async function serve(t, ...args) {
  const child = spawn(proflens, ["serve", ...args, "--http", "127.0.0.1:0"], { stdio: ["ignore", "ignore", "pipe"] });
  const ended = new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await ended;
  });
  const url = await new Promise((resolve, reject) => {
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
      if (m) resolve(m[1]);
    });
    ended.then((code) => reject(new Error("proflens serve ended (" + code + "): " + err)));
  });
  return { child, url, ended };
}
