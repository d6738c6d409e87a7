// proflens serve in a real browser: Debian's chromium, driven by
// playwright-core. The page is the report with a form; changing the focus
// there makes the server answer a new page whose table holds the functions
// proflens top --focus lists. Run with PROFLENS, PROFLENS_SOURCE_DIR and
// PROFLENS_ARTIFACTS set (as report.test.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { proflens, artifacts, sample, run, launchChromium } from "./chromium.mjs";

const functions = (...args) => JSON.parse(run("top", "--nodefraction", "0", "--format", "json", ...args)).rows;

// Starts proflens serve on a free port; resolves with the process and its URL.
function serve(...args) {
  return new Promise((resolve, reject) => {
    const child = spawn(proflens, ["serve", ...args, "--http", "127.0.0.1:0"], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
      if (m) resolve({ child, url: m[1] });
    });
    child.on("exit", (code) => reject(new Error("proflens serve ended (" + code + "): " + err)));
  });
}

function exited(child) {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
}

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser.close(); });

test("serve: the page refines on the server; the table follows the focus", async () => {
  const file = sample("go-cpu.pb.gz");
  const { child, url } = await serve(file);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
  page.on("pageerror", (e) => problems.push("page error: " + e));
  // Only the server is asked for anything.
  page.on("request", (r) => { if (!r.url().startsWith(url + "/")) problems.push("network: " + r.url()); });
  await page.goto(url + "/");
  await page.waitForSelector("body[data-ready=true]");
  const all = functions(file);
  assert.equal(await page.locator("#top-table tbody tr").count(), all.length);
  assert.ok(await page.isVisible("[data-testid=refine]"));

  // Focus on main.fib: the server's page lists what proflens top --focus lists.
  await page.fill("[data-testid=refine-focus]", "main\\.fib");
  await Promise.all([page.waitForNavigation(), page.click("[data-testid=refine-apply]")]);
  await page.waitForSelector("body[data-ready=true]");
  const focused = functions(file, "--focus", "main\\.fib");
  assert.ok(focused.length < all.length, focused.length + " of " + all.length);
  assert.equal(await page.locator("#top-table tbody tr").count(), focused.length);
  assert.equal(await page.getAttribute("#top-table tbody tr >> nth=0", "data-name"), focused[0].name);
  assert.equal(await page.inputValue("[data-testid=refine-focus]"), "main\\.fib");
  const address = new URL(page.url());
  assert.equal(address.searchParams.get("focus"), "main\\.fib");
  assert.equal(address.searchParams.get("sample_index"), "cpu");
  // The call graph was drawn by the server for the focus, too.
  assert.ok(await page.locator("#callgraph-view svg g.node").count() > 1);
  await page.screenshot({ path: join(artifacts, "serve-go-cpu-focus.png") });

  // A focus that matches nothing says so, and the table is empty.
  await page.fill("[data-testid=refine-focus]", "no-such-function");
  await Promise.all([page.waitForNavigation(), page.click("[data-testid=refine-apply]")]);
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.textContent("[data-testid=refine-notes]"), "--focus matched nothing");
  assert.equal(await page.locator("#top-table tbody tr").count(), 0);
  // Reset: the view of the command line.
  await Promise.all([page.waitForNavigation(), page.click("[data-testid=refine-reset]")]);
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.locator("#top-table tbody tr").count(), all.length);
  assert.deepEqual(problems, []);

  child.kill("SIGTERM");
  assert.equal(await exited(child), 0);
});

test("serve: a base is ticked in the form, and the diff shows", async () => {
  const slow = sample("perf-slow.folded"), fast = sample("perf-fast.folded");
  const { child, url } = await serve(slow, fast);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(url + "/");
  await page.waitForSelector("body[data-ready=true]");
  assert.ok(!(await page.isVisible("#diff")));
  await page.check(`[data-testid=refine-base] input[value="${slow}"]`);
  await Promise.all([page.waitForNavigation(), page.click("[data-testid=refine-apply]")]);
  await page.waitForSelector("body[data-ready=true]");
  assert.ok(await page.isVisible("#diff"));
  const diff = JSON.parse(run("diff", slow, fast, "--format", "json")).rows;
  assert.equal(await page.locator("#diff-table tbody tr").count(), diff.length);
  assert.ok(await page.isChecked(`[data-testid=refine-base] input[value="${slow}"]`));
  await page.screenshot({ path: join(artifacts, "serve-perf-base.png") });
  child.kill("SIGINT");
  assert.equal(await exited(child), 0);
});
