// proflens serve in a real browser (Debian's chromium, driven by
// playwright-core), on real Go CPU profiles: the page is the report with a
// form; each refinement (focus, ignore, hide, sample index, granularity,
// base) makes the server answer a new page whose numbers equal what
// proflens top (or diff, with a base) prints with the same options.
// Run as report.test.mjs is (PROFLENS, PROFLENS_SOURCE_DIR, PROFLENS_ARTIFACTS).
//
// The server is a child process: it is stopped after each test whatever
// happens (t.after), so a failed assertion fails the test instead of leaving
// the server holding node's event loop (the old version of this file hung
// at its focus step that way: an assertion failed and the server lived on).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { proflens, artifacts, sample, launchChromium, serve } from "./chromium.mjs";

const cli = (...args) => execFileSync(proflens, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
const goCpu = sample("go-cpu.pb.gz");
const benchCpu = join(process.env.PROFLENS_SOURCE_DIR, "tests", "data", "gobench", "cpu.pb.gz");

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser.close(); });

// A page of the server, recording what must not happen: console or page
// errors, and requests anywhere but the server.
async function open(t, url) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  t.after(() => page.close());
  page.setDefaultTimeout(60000);
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
  page.on("pageerror", (e) => problems.push("page error: " + e));
  page.on("request", (r) => { if (!r.url().startsWith(url + "/")) problems.push("network: " + r.url()); });
  await page.goto(url + "/");
  await page.waitForSelector("body[data-ready=true]");
  return { page, problems };
}

// Submits the form; resolves once the server's new page is drawn.
async function apply(page) {
  await Promise.all([page.waitForNavigation(), page.click("[data-testid=refine-apply]")]);
  await page.waitForSelector("body[data-ready=true]");
}

// The numbers the page shows for its sample type: the total, and each
// function's [name, flat, cum] (the table's rows and the summary read them).
function shown(page) {
  return page.evaluate(() => {
    const data = JSON.parse(document.getElementById("report-data").textContent);
    const t = data.types[Number(document.getElementById("sample-type").value)];
    return { type: t.name, total: t.total, rows: t.top.map((r) => [r[0], r[1], r[2]]) };
  });
}

const byName = (rows) => rows.slice().sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

// The page equals proflens top with `options` (every function), on the
// numbers and on the table the reader sees.
async function sameAsTop(page, file, options) {
  const top = JSON.parse(cli("top", "--nodefraction", "0", "--format", "json", ...options, file));
  const got = await shown(page);
  assert.equal(got.type, top.sample_type.type);
  assert.equal(got.total, top.total);
  assert.deepEqual(byName(got.rows), byName(top.rows.map((r) => [r.name, r.flat, r.cum])));
  assert.equal(await page.getAttribute("#top-count", "data-rows"), String(top.rows.length));
  if (top.rows.length > 0) {
    // The table sorted by flat, as top is (its tie-break is the name, too).
    assert.equal(await page.getAttribute("#top-table tbody tr >> nth=0", "data-name"), top.rows[0].name);
  }
  return top;
}

test("serve: each refinement on a Go CPU profile shows what proflens top shows", { timeout: 300000 }, async (t) => {
  const { child, url, ended } = await serve(t, goCpu);
  const { page, problems } = await open(t, url);
  const all = await sameAsTop(page, goCpu, []);
  assert.ok(await page.isVisible("[data-testid=refine]"));

  // Focus.
  await page.fill("[data-testid=refine-focus]", "main\\.(fib|sumSquares)");
  await apply(page);
  const focused = await sameAsTop(page, goCpu, ["--focus", "main\\.(fib|sumSquares)"]);
  assert.ok(focused.rows.length < all.rows.length, focused.rows.length + " of " + all.rows.length);
  const address = new URL(page.url());
  assert.equal(address.searchParams.get("focus"), "main\\.(fib|sumSquares)");
  assert.equal(address.searchParams.get("sample_index"), "cpu");
  assert.equal(await page.inputValue("[data-testid=refine-focus]"), "main\\.(fib|sumSquares)");
  assert.ok(await page.locator("#callgraph-view svg g.node").count() > 1);
  await page.screenshot({ path: join(artifacts, "serve-go-cpu-focus.png") });

  // Ignore and hide on top of it, on the sample type chosen in the page.
  await page.fill("[data-testid=refine-focus]", "");
  await page.fill("[data-testid=refine-ignore]", "sumSquares");
  await page.fill("[data-testid=refine-hide]", "^runtime\\.");
  await page.selectOption("#sample-type", { label: "samples" });
  await apply(page);
  await sameAsTop(page, goCpu, ["--ignore", "sumSquares", "--hide", "^runtime\\.", "--sample-index", "samples"]);
  assert.equal(await page.inputValue("#sample-type").then((v) => page.textContent(`#sample-type option[value="${v}"]`)), "samples");

  // Granularity: files.
  await page.selectOption("[data-testid=refine-granularity]", "files");
  await apply(page);
  const files = await sameAsTop(page, goCpu, ["--ignore", "sumSquares", "--hide", "^runtime\\.", "--sample-index", "samples",
    "--granularity", "files"]);
  assert.ok(files.rows.every((r) => r.name.endsWith(".go") || r.name.endsWith(".s") || r.name.startsWith("<")), files.rows.map((r) => r.name).join(" "));
  await page.screenshot({ path: join(artifacts, "serve-go-cpu-files.png") });

  // A focus that matches nothing: an empty table, and the note (with the
  // closest function) says so.
  await page.selectOption("[data-testid=refine-granularity]", "functions");
  await page.fill("[data-testid=refine-ignore]", "");
  await page.fill("[data-testid=refine-hide]", "");
  await page.fill("[data-testid=refine-focus]", "main\\.fibb");
  await apply(page);
  assert.match(await page.textContent("[data-testid=refine-notes]"), /^--focus matched nothing; closest function: main\.fib$/);
  assert.equal(await page.locator("#top-table tbody tr").count(), 0);

  // Reset: the view of the command line.
  await Promise.all([page.waitForNavigation(), page.click("[data-testid=refine-reset]")]);
  await page.waitForSelector("body[data-ready=true]");
  await sameAsTop(page, goCpu, []);
  assert.deepEqual(problems, []);

  child.kill("SIGTERM");
  assert.equal(await ended, 0);
});

test("serve: a base ticked in the form shows the diff proflens diff prints", { timeout: 300000 }, async (t) => {
  const { child, url, ended } = await serve(t, goCpu, benchCpu);
  const { page, problems } = await open(t, url);
  assert.ok(!(await page.isVisible("#diff")));
  await page.check(`[data-testid=refine-base] input[value="${benchCpu}"]`);
  await apply(page);
  assert.ok(await page.isVisible("#diff"));
  assert.ok(await page.isChecked(`[data-testid=refine-base] input[value="${benchCpu}"]`));
  // The new profile's numbers, and the changes from the base, as the
  // command line prints them with the same options.
  await sameAsTop(page, goCpu, []);
  const diff = JSON.parse(cli("diff", benchCpu, goCpu, "--format", "json"));
  const got = await page.evaluate(() => {
    const data = JSON.parse(document.getElementById("report-data").textContent);
    const d = data.types[Number(document.getElementById("sample-type").value)].diff;
    return { base: d.base_total, now: d.new_total, rows: d.rows.map((r) => [r[0], r[10], r[11], r[12], r[13]]) };
  });
  assert.deepEqual(byName(got.rows), byName(diff.rows.map((r) => [r.name, r.base_flat, r.base_cum, r.new_flat, r.new_cum])));
  assert.equal(await page.locator("#diff-table tbody tr").count(), diff.rows.length);
  await page.screenshot({ path: join(artifacts, "serve-go-cpu-base.png") });
  assert.deepEqual(problems, []);
  child.kill("SIGINT");
  assert.equal(await ended, 0);
});
