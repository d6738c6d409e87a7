// The report of a day's profiles mixing kinds (a CPU and a heap profile from
// each of two nodes, in a directory and in a tar.gz) in a real browser: one
// section per kind, each chosen by its tab, each a whole view of its kind
// (summary, sample types, table, flame graph, call graph) with the numbers
// proflens top prints for that kind. Run as report.test.mjs is (PROFLENS,
// PROFLENS_SOURCE_DIR, PROFLENS_ARTIFACTS).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { proflens, artifacts, sample, run, launchChromium, openPage, serve } from "./chromium.mjs";

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser.close(); });

// day/node-N/{cpu,heap}.pb.gz, and the same as day.tar.gz.
function makeDay() {
  const day = join(artifacts, "kinds-day");
  rmSync(day, { recursive: true, force: true });
  for (const node of ["node-1", "node-2"]) {
    mkdirSync(join(day, node), { recursive: true });
    copyFileSync(sample("go-cpu.pb.gz"), join(day, node, "cpu.pb.gz"));
    copyFileSync(sample("go-heap.pb.gz"), join(day, node, "heap.pb.gz"));
  }
  const tgz = join(artifacts, "kinds-day.tar.gz");
  execFileSync("tar", ["-czf", tgz, "-C", day, "node-1", "node-2"]);
  return { day, tgz };
}

// What proflens top prints for the inputs with --sample-index TYPE (every function).
const topJson = (inputs, type) =>
  JSON.parse(execFileSync(proflens, ["top", "--nodefraction", "0", "--format", "json", "--sample-index", type, ...inputs],
    { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));

// Shows the kind whose tab starts with `name`, and checks its views.
async function checkKind(page, inputs, name, type, typesShown) {
  const tab = page.locator("[data-testid=kind-tab]", { hasText: name });
  await tab.click();
  assert.equal(await tab.getAttribute("aria-selected"), "true");
  // The picker lists this kind's sample types only.
  const options = await page.locator("#sample-type option").evaluateAll((os) => os.map((o) => o.textContent));
  assert.deepEqual(options, typesShown);
  await page.selectOption("#sample-type", { label: type });
  const top = topJson(inputs, type);
  const rows = top.rows;
  assert.equal(await page.getAttribute("#top-count", "data-rows"), String(rows.length));
  assert.equal(await page.getAttribute("#top-table tbody tr >> nth=0", "data-name"), rows[0].name);
  // The numbers the page shows this type from equal top's: the total, and
  // every function's flat and cum.
  const shown = await page.evaluate(() => {
    const data = JSON.parse(document.getElementById("report-data").textContent);
    const t = data.types[Number(document.getElementById("sample-type").value)];
    return { name: t.name, total: t.total, rows: t.top.map((r) => [r[0], r[1], r[2]]) };
  });
  assert.equal(shown.name, type);
  assert.equal(shown.total, top.total);
  const byName = (list) => list.slice().sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  assert.deepEqual(byName(shown.rows), byName(rows.map((r) => [r.name, r.flat, r.cum])));
  assert.ok(await page.locator("#flame-graph svg g.f").count() > 1);
  assert.ok(await page.locator("#callgraph-view svg g.node").count() > 1);
  return rows;
}

test("report of a day's directory of CPU and heap profiles: a section per kind", async () => {
  const { day, tgz } = makeDay();
  for (const [name, input] of [["dir", day], ["tgz", tgz]]) {
    const out = join(artifacts, `report-kinds-${name}.html`);
    execFileSync(proflens, ["report", input, "-o", out], { stdio: ["ignore", "ignore", "pipe"] });
    const { page, problems } = await openPage(browser, out);
    await page.waitForSelector("body[data-ready=true]");
    assert.ok(await page.isVisible("[data-testid=kinds]"));
    const tabs = await page.locator("[data-testid=kind-tab]").evaluateAll((bs) => bs.map((b) => b.textContent));
    // The kinds in the order first read: the directory's files sorted, the archive's as tar wrote them.
    assert.deepEqual(tabs.slice().sort(), ["alloc_objects, alloc_space, inuse_objects, inuse_space \u00b7 2 profiles",
      "samples, cpu \u00b7 2 profiles"]);
    // The first tab is the one shown, the kind of the first profile read (as top shows by default).
    assert.equal(await page.getAttribute("[data-testid=kind-tab] >> nth=0", "aria-selected"), "true");
    const first = (await page.textContent("[data-testid=kind]")).split(" (")[0];
    assert.ok(tabs[0].startsWith(first + " \u00b7"), first + " vs " + tabs[0]);
    assert.match(await page.textContent("[data-testid=kind]"), / \(2 kinds in the inputs\)$/);
    await checkKind(page, [input], "samples, cpu", "cpu", ["samples", "cpu"]);
    assert.equal(await page.textContent("[data-testid=kind]"), "samples, cpu (2 kinds in the inputs)");
    assert.match(await page.textContent("#facts"), /node-1\/cpu\.pb\.gz/);
    assert.doesNotMatch(await page.textContent("#facts"), /heap\.pb\.gz/);
    if (name === "dir") await page.screenshot({ path: join(artifacts, "report-kinds-cpu.png"), fullPage: false });
    // The heap section: its own summary, types and views.
    await checkKind(page, [input], "alloc_objects", "inuse_space", ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"]);
    assert.match(await page.textContent("#facts"), /node-2\/heap\.pb\.gz/);
    assert.doesNotMatch(await page.textContent("#facts"), /cpu\.pb\.gz/);
    if (name === "dir") await page.screenshot({ path: join(artifacts, "report-kinds-heap.png"), fullPage: false });
    // And back: the CPU section again.
    await page.locator("[data-testid=kind-tab]", { hasText: "samples, cpu" }).click();
    assert.match(await page.textContent("[data-testid=kind]"), /^samples, cpu/);
    assert.deepEqual(await page.locator("#sample-type option").evaluateAll((os) => os.map((o) => o.textContent)), ["samples", "cpu"]);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test("report of one kind has no kind tabs", async () => {
  const out = join(artifacts, "report-kinds-one.html");
  run("report", sample("go-heap.pb.gz"), "-o", out);
  const { page, problems } = await openPage(browser, out);
  await page.waitForSelector("body[data-ready=true]");
  assert.ok(!(await page.isVisible("[data-testid=kinds]")));
  assert.equal(await page.locator("[data-testid=kind]").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("serve of a day's archive: the kind tabs, and a refinement keeps the kind shown", { timeout: 300000 }, async (t) => {
  const { tgz } = makeDay();
  const { url } = await serve(t, tgz);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  t.after(() => page.close());
  page.setDefaultTimeout(60000);
  await page.goto(url + "/");
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.locator("[data-testid=kind-tab]").count(), 2);
  // The heap tab, alloc_space, focus on main.allocate: the server's page shows
  // that kind and type first, with top's numbers for them.
  await checkKind(page, [tgz], "alloc_objects", "alloc_space", ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"]);
  await page.fill("[data-testid=refine-focus]", "main\\.allocate");
  await Promise.all([page.waitForNavigation(), page.click("[data-testid=refine-apply]")]);
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(new URL(page.url()).searchParams.get("sample_index"), "alloc_space");
  assert.match(await page.textContent("[data-testid=kind]"), /^alloc_objects, alloc_space, inuse_objects, inuse_space/);
  assert.equal(await page.textContent(`#sample-type option[value="${await page.inputValue("#sample-type")}"]`), "alloc_space");
  const top = JSON.parse(execFileSync(proflens, ["top", "--nodefraction", "0", "--format", "json", "--sample-index", "alloc_space",
    "--focus", "main\\.allocate", tgz], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
  const shown = await page.evaluate(() => {
    const data = JSON.parse(document.getElementById("report-data").textContent);
    const t = data.types[Number(document.getElementById("sample-type").value)];
    return { total: t.total, rows: t.top.map((r) => [r[0], r[1], r[2]]).sort() };
  });
  assert.equal(shown.total, top.total);
  assert.deepEqual(shown.rows, top.rows.map((r) => [r.name, r.flat, r.cum]).sort());
  // The CPU tab is still there, with the focus applied to it too.
  assert.equal(await page.locator("[data-testid=kind-tab]").count(), 2);
  await page.screenshot({ path: join(artifacts, "serve-kinds-heap.png") });
});
