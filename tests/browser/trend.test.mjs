// The report's trend chart in a real browser: a series of real heap profiles
// (tests/data/heap-growth) gives one point per profile and the least-squares
// line; the sample-type switcher moves the chart to the type shown; a single
// profile has no trend section. Run with PROFLENS, PROFLENS_SOURCE_DIR and
// PROFLENS_ARTIFACTS set, as report.test.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchChromium, openPage } from "./chromium.mjs";

const proflens = process.env.PROFLENS;
const root = process.env.PROFLENS_SOURCE_DIR;
const artifacts = process.env.PROFLENS_ARTIFACTS;
mkdirSync(artifacts, { recursive: true });
const heap = (i) => join(root, "tests", "data", "heap-growth", `heap-${i}.pb.gz`);
const run = (...args) => execFileSync(proflens, args, { encoding: "utf8" });

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser.close(); });

async function open(file) {
  const opened = await openPage(browser, file);
  await opened.page.waitForSelector("body[data-ready=true]");
  return opened;
}

test("report of a heap series: the trend chart, its points and growth", async () => {
  const files = [5, 3, 1, 4, 2].map(heap);  // any order: the chart is by time
  const out = join(artifacts, "report-heap-trend.html");
  run("report", ...files, "-o", out);
  const trend = JSON.parse(run("trend", "--format", "json", ...files));
  const { page, problems } = await open(out);
  assert.equal(await page.isVisible("#trend"), true);
  assert.equal(await page.isVisible("nav a[href='#trend']"), true);
  const chart = page.locator("#trend-chart svg.trend");
  assert.equal(await chart.count(), 1);
  assert.equal(await page.locator("#trend-chart circle.trend-point").count(), 5);
  assert.equal(await page.locator("#trend-chart line.trend-fit").count(), 1);
  // The heading names the type and the growth `proflens trend` prints.
  const heading = await page.textContent("#trend-chart .trend-growth");
  assert.equal(heading, `inuse_space: growth ${trend.growth} (least squares over 5 profiles)`);
  // Points left to right by time, and higher as the heap grows.
  const points = await page.$$eval("#trend-chart circle.trend-point", (cs) => cs.map((c) => [Number(c.getAttribute("cx")), Number(c.getAttribute("cy")), c.textContent]));
  for (let i = 1; i < points.length; i++) {
    assert.ok(points[i][0] > points[i - 1][0], "x grows with time");
    assert.ok(points[i][1] < points[i - 1][1], "y rises with the heap");
  }
  assert.match(points[0][2], /heap-1\.pb\.gz/);
  assert.match(points[4][2], /heap-5\.pb\.gz/);
  // The chart is inside the page, drawn at its size.
  const box = await chart.boundingBox();
  assert.ok(box.width > 600 && box.height > 200, JSON.stringify(box));
  await page.locator("#trend").screenshot({ path: join(artifacts, "report-heap-trend.png") });
  // Another sample type: its own chart.
  const picker = page.locator("#sample-type");
  const options = await picker.locator("option").allTextContents();
  await picker.selectOption(String(options.indexOf("alloc_space")));
  assert.match(await page.textContent("#trend-chart .trend-growth"), /^alloc_space: growth \+/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("report of one profile has no trend section", async () => {
  const out = join(artifacts, "report-heap-single.html");
  run("report", heap(1), "-o", out);
  const { page, problems } = await open(out);
  assert.equal(await page.isVisible("#trend"), false);
  assert.equal(await page.isVisible("nav a[href='#trend']"), false);
  assert.deepEqual(problems, []);
  await page.close();
});
