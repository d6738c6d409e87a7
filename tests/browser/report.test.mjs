// The HTML report and the flame graph SVG in a real browser: Debian's
// chromium, driven by playwright-core. Run by CTest (see CMakeLists.txt) with
// PROFLENS (the binary), PROFLENS_SOURCE_DIR and PROFLENS_ARTIFACTS set.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { launchChromium, openPage } from "./chromium.mjs";

const proflens = process.env.PROFLENS;
const root = process.env.PROFLENS_SOURCE_DIR;
const artifacts = process.env.PROFLENS_ARTIFACTS;
mkdirSync(artifacts, { recursive: true });
const sample = (name) => join(root, "samples", name);
const run = (...args) => execFileSync(proflens, args, { encoding: "utf8" });

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser.close(); });

const open = (file) => openPage(browser, file);

// What proflens top says the profile holds (every function), to compare the table with.
function functions(file, ...extra) {
  return JSON.parse(run("top", "--nodefraction", "0", "--format", "json", ...extra, file)).rows;
}

test("report from a pprof profile: table, sorting, search, flame zoom, call graph", async () => {
  const out = join(artifacts, "report-go-cpu.html");
  run("report", sample("go-cpu.pb.gz"), "-o", out);
  const { page, problems } = await open(out);
  await page.waitForSelector("body[data-ready=true]");
  const rows = functions(sample("go-cpu.pb.gz"));
  assert.equal(await page.getAttribute("#top-count", "data-rows"), String(rows.length));
  assert.equal(await page.locator("#top-table tbody tr").count(), rows.length);
  // Sorted by flat: the first row is the hottest function.
  assert.equal(await page.getAttribute("#top-table tbody tr >> nth=0", "data-name"), rows[0].name);
  // Sort by name, then search.
  await page.click("#top-table th[data-sort=name]");
  const names = rows.map((r) => r.name).sort((a, b) => a.localeCompare(b));
  assert.equal(await page.getAttribute("#top-table tbody tr >> nth=0", "data-name"), names[0]);
  await page.fill("#search", "^main\\.");
  const mains = rows.filter((r) => /^main\./i.test(r.name)).length;
  assert.ok(mains > 3);
  assert.equal(await page.locator("#top-table tbody tr").count(), mains);
  // Click a flame frame: it zooms, and its callers and callees show.
  await page.click("#flame-graph g.f[data-name='main.fib'] >> nth=0");
  assert.equal(await page.getAttribute("#flame-graph svg", "data-zoomed"), "main.fib");
  assert.equal(await page.getAttribute("#sandwich", "data-selected"), "main.fib");
  assert.match(await page.textContent("#sandwich"), /Callers of main\.fib[\s\S]*main\.main/);
  // The sandwich: flame graphs of the selected function's callers (up to the
  // roots) and callees, whose first level are the callers and callees
  // proflens peek lists (the recursion into itself left out).
  await page.click("#flame-graph .unzoom");
  await page.click("#flame-graph g.f[data-name='main.buildStrings'] >> nth=0");
  const peeked = JSON.parse(run("peek", sample("go-cpu.pb.gz"), "main\\.buildStrings$", "--format", "json")).functions[0];
  const level1 = (id) => page.locator("[data-testid=" + id + "] g.sf[data-depth='1']").evaluateAll((gs) => gs.map((g) => g.dataset.name).sort());
  assert.deepEqual(await level1("callers-flame"), peeked.callers.map((c) => c.name).filter((n) => n !== "main.buildStrings").sort());
  const callees = await level1("callees-flame");
  assert.ok(callees.includes("strings.Repeat") && callees.every((n) => peeked.callees.some((c) => c.name === n)), callees.join(" "));
  assert.equal(await page.locator("[data-testid=callees-flame] g.sf[data-depth='0']").getAttribute("data-name"), "main.buildStrings");
  await page.locator("#sandwich-flames").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, "report-go-cpu-sandwich.png") });
  // Clicking a caller moves the sandwich to it.
  await page.click("[data-testid=callers-flame] g.sf[data-name='main.main']");
  assert.equal(await page.getAttribute("#sandwich", "data-selected"), "main.main");
  // Call graph: present, and the wheel zooms it.
  assert.ok(await page.locator("#callgraph-view svg g.node").count() > 10);
  await page.locator("#callgraph-view").scrollIntoViewIfNeeded();
  const box = await page.locator("#callgraph-view").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  assert.notEqual(await page.getAttribute("#callgraph-view svg", "data-zoom"), "1.000");
  // Two sample types: switching changes the totals shown.
  assert.equal(await page.locator("#sample-type option").count(), 2);
  await page.selectOption("#sample-type", "0");
  assert.match(await page.textContent("#facts"), /samples \(count\)/);
  // Without a base the first screen holds the top table and the start of
  // the flame graph, which fills the width of its box.
  await page.evaluate(() => window.scrollTo(0, 0));
  const flame = await page.locator("#flame-graph svg").boundingBox();
  assert.ok(flame.y < 900, "flame graph at " + JSON.stringify(flame));
  const flameBox = await page.locator("#flame-graph").boundingBox();
  assert.ok(Math.abs(flame.width - flameBox.width) <= 2, flame.width + " vs " + flameBox.width);
  await page.setViewportSize({ width: 1000, height: 1000 });
  await page.waitForTimeout(300);
  const narrow = await page.locator("#flame-graph svg").boundingBox();
  assert.ok(narrow.width < flame.width && narrow.width > 900, "after resize: " + narrow.width);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(artifacts, "report-go-cpu.png"), fullPage: false });
  assert.deepEqual(problems, []);
});

test("report with a base and rules: diff table, differential flame, checks", async () => {
  const out = join(artifacts, "report-perf-diff.html");
  run("report", sample("perf-fast.txt.gz"), "--base", sample("perf-slow.txt.gz"),
      "-a", "ok: total < 1s", "-a", "slow: cum(\"is_even\") < 1%", "-o", out);
  const { page, problems } = await open(out);
  await page.waitForSelector("body[data-ready=true]");
  const diff = JSON.parse(run("diff", sample("perf-slow.txt.gz"), sample("perf-fast.txt.gz"), "--format", "json")).rows;
  assert.equal(await page.locator("#diff-table tbody tr").count(), diff.length);
  assert.match(await page.textContent("#facts"), /Formatperf script \(gzip\)/);
  assert.ok(await page.locator("#diff-flame svg g.f").count() > 5);
  // Failures first.
  assert.equal(await page.textContent("#checks-count"), "1 passed, 1 failed");
  assert.match(await page.textContent("#checks-table tbody tr >> nth=0"), /^FAIL/);
  // The first screen says whether it regressed: base total, new total, the
  // change and the checks, within the first 900 px (go tool pprof -top of
  // each capture: 300.60ms and 162.32ms).
  await page.screenshot({ path: join(artifacts, "report-perf-diff-first-screen.png") });
  const verdict = await page.locator("[data-testid=verdict-totals]").boundingBox();
  assert.ok(verdict.y + verdict.height < 900, "verdict at " + JSON.stringify(verdict));
  assert.equal(await page.textContent("[data-testid=verdict-totals]"), "Base 300.60ms \u2192 new 162.32ms: -138.28ms (-46.00%)");
  assert.equal(await page.textContent("[data-testid=verdict-checks]"), "Checks: 1 passed, 1 failed");
  // The biggest regressions and improvements by own time, from proflens diff's rows.
  const byFlat = (sign) => diff.filter((r) => Math.sign(r.delta_flat) === sign)
    .sort((a, b) => sign * (b.delta_flat - a.delta_flat) || a.name.localeCompare(b.name)).slice(0, 5).map((r) => r.name);
  const listed = (id) => page.locator("[data-testid=" + id + "] li a").allTextContents();
  assert.deepEqual(await listed("regressions"), byFlat(1));
  assert.deepEqual(await listed("improvements"), byFlat(-1));
  for (const id of ["regressions", "improvements"]) {
    const last = await page.locator("[data-testid=" + id + "] li a").last().boundingBox();
    assert.ok(last.y + last.height < 900, id + " at " + JSON.stringify(last));
  }
  // Each links to its row of the diff table, which the click brings into view.
  const first = byFlat(-1)[0];
  await page.click("[data-testid=improvements] li a >> nth=0");
  const target = page.locator("#diff-table tr:target");
  assert.equal(await target.getAttribute("data-name"), first);
  const row = await target.boundingBox();
  assert.ok(row.y >= 0 && row.y + row.height <= 1000, "row at " + JSON.stringify(row));
  // Rows are shaded on a scale: larger changes darker, not one colour for all.
  const shades = await page.locator("#diff-table tbody tr").evaluateAll((trs) =>
    [...new Set(trs.map((t) => t.style.background).filter((b) => b !== ""))]);
  assert.ok(shades.length >= 4, shades.join(" | "));
  await page.screenshot({ path: join(artifacts, "report-perf-diff.png"), fullPage: true });
  assert.deepEqual(problems, []);
});

// The source view (pprof's list): the selected function's lines with flat
// and cum, and their text when the file is on disk; a line table when not.
// Values worked out by hand: parse has 3 samples on line 7 and 5 on line 8.
test("report source view: lines with their text, or a line table", async () => {
  const dir = join(artifacts, "source-view");
  mkdirSync(dir, { recursive: true });
  const source = join(dir, "work.py");
  writeFileSync(source, "def main():\n    parse()\n\n\ndef parse():\n    total = 0\n    for i in range(10):\n        total += i\n    return total\n");
  const profile = (file) => JSON.stringify({
    $schema: "https://www.speedscope.app/file-format-schema.json",
    shared: { frames: [{ name: "main", file, line: 2 }, { name: "parse", file, line: 7 }, { name: "parse", file, line: 8 }] },
    profiles: [{ type: "sampled", name: "p", unit: "none", startValue: 0, endValue: 8, samples: [[0, 1], [0, 2]], weights: [3, 5] }],
  });
  for (const [name, file, found] of [["found", source, true], ["missing", join(dir, "gone", "work.py"), false]]) {
    writeFileSync(join(dir, name + ".speedscope.json"), profile(file));
    const out = join(dir, name + ".html");
    run("report", join(dir, name + ".speedscope.json"), "-o", out);
    const { page, problems } = await open(out);
    await page.waitForSelector("body[data-ready=true]");
    await page.click("#top-table tbody tr[data-name='parse']");
    assert.equal(await page.getAttribute("#source-view", "data-function"), "parse");
    const row = (line) => page.locator("#source-view tr[data-line='" + line + "'] td").allTextContents();
    if (found) {
      assert.deepEqual(await row(7), ["7", "3", "3", "    for i in range(10):"]);
      assert.deepEqual(await row(8), ["8", "5", "5", "        total += i"]);
      assert.deepEqual(await row(6), ["6", "", "", "    total = 0"]);  // context
      await page.locator("#source-view").scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifacts, "report-source-view.png") });
    } else {
      assert.deepEqual(await row(7), ["7", "3", "3"]);
      assert.deepEqual(await row(8), ["8", "5", "5"]);
      assert.equal(await page.locator("#source-view tr[data-line]").count(), 2);
      assert.match(await page.textContent("#source-view h3"), /file not found/);
    }
    assert.deepEqual(problems, []);
  }
});

// The time-order view of a two-thread Chrome trace: a lane per thread with
// one span per X event and per B event (counted here from the trace itself),
// details under the pointer, zoom and reset.
test("report timeline of a Chrome trace: lanes per thread, hover, zoom", async () => {
  const input = sample("chrome-trace.json.gz");
  const events = JSON.parse(gunzipSync(readFileSync(input)).toString("utf8"));
  const list = Array.isArray(events) ? events : events.traceEvents;
  const expected = {};
  for (const e of list) if (e.ph === "X" || e.ph === "B") expected[e.tid] = (expected[e.tid] || 0) + 1;
  const out = join(artifacts, "report-trace.html");
  run("report", input, "-o", out);
  const { page, problems } = await open(out);
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.isVisible("#timeline"), true);
  const lanes = await page.locator("#timeline-lanes canvas").evaluateAll((cs) => cs.map((c) => [c.dataset.lane, Number(c.dataset.spans)]));
  assert.equal(lanes.length, 2);
  for (const [name, spans] of lanes) {
    const tid = name.match(/tid (\d+)\)$/)[1];
    assert.equal(spans, expected[tid], name);
  }
  assert.match(lanes.map((l) => l[0]).join(" "), /CrRendererMain.*ThreadPoolForegroundWorker/);
  // Point at the middle of the first lane's longest outermost span.
  const target = await page.evaluate(() => {
    const tl = JSON.parse(document.getElementById("report-data").textContent).timeline;
    const s = tl.lanes[0].spans.filter((x) => x[2] === 0).sort((a, b) => b[1] - a[1])[0];
    return { mid: (s[0] + s[1] / 2) / tl.end, name: tl.names[s[3]] };
  });
  await page.locator("#timeline").scrollIntoViewIfNeeded();
  const box = await page.locator("#timeline-lanes canvas >> nth=0").boundingBox();
  await page.mouse.move(box.x + target.mid * box.width, box.y + 8);
  assert.equal(await page.getAttribute("#timeline-details", "data-name"), target.name);
  assert.match(await page.textContent("#timeline-details"), /ms, from .* \(CrRendererMain/);
  await page.screenshot({ path: join(artifacts, "report-trace-timeline.png") });
  // The wheel zooms the time axis about the pointer; a double click shows it all.
  const whole = await page.getAttribute("#timeline-lanes", "data-view-end");
  await page.mouse.wheel(0, -400);
  const zoomed = Number(await page.getAttribute("#timeline-lanes", "data-view-end")) - Number(await page.getAttribute("#timeline-lanes", "data-view-start"));
  assert.ok(zoomed < Number(whole) * 0.9, zoomed + " of " + whole);
  await page.mouse.dblclick(box.x + 10, box.y + 8);
  assert.equal(await page.getAttribute("#timeline-lanes", "data-view-end"), whole);
  assert.deepEqual(problems, []);
});

// A call graph too big to read when fitted opens at its own size, centred
// on its hottest function, whose label is then readable and in view.
test("report call graph opens readable, centred on the hottest function", async () => {
  const out = join(artifacts, "report-java.html");
  run("report", sample("java-jit.perf.txt.gz"), "-o", out);
  const { page, problems } = await open(out);
  await page.waitForSelector("body[data-ready=true]");
  await page.locator("#callgraph-view").scrollIntoViewIfNeeded();
  const hottest = functions(sample("java-jit.perf.txt.gz"))[0].name;  // by flat, as pprof sizes the labels
  const centred = await page.getAttribute("#callgraph-view svg", "data-centred");
  assert.ok(centred, "no centring");
  const node = page.locator("#callgraph-view svg g.node", { has: page.locator("title", { hasText: new RegExp("^" + centred + "$") }) });
  assert.equal((await node.locator("text").allTextContents()).join(" ").replace(/\s+\d.*$/, "").replace(/\s+/g, ""), hottest.replace(/[\s:.]+/g, "").replace(/::/g, ""));
  const view = await page.locator("#callgraph-view").boundingBox();
  const box = await node.boundingBox();
  assert.ok(box.x >= view.x && box.x + box.width <= view.x + view.width && box.y >= view.y && box.y + box.height <= view.y + view.height,
            JSON.stringify({ box, view }));
  const smallest = await node.locator("text").evaluateAll((ts) => Math.min(...ts.map((t) => t.getBoundingClientRect().height)));
  assert.ok(smallest >= 10, "label " + smallest + " px high");
  await page.screenshot({ path: join(artifacts, "report-java-callgraph.png") });
  assert.deepEqual(problems, []);
});

test("report from folded stacks", async () => {
  const out = join(artifacts, "report-folded.html");
  run("report", sample("perf-fp.folded"), "-o", out);
  const { page, problems } = await open(out);
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.getAttribute("#top-count", "data-rows"), String(functions(sample("perf-fp.folded")).length));
  assert.equal(await page.isVisible("#diff"), false);
  assert.equal(await page.isVisible("#timeline"), false);  // no time order in folded stacks
  assert.match(await page.textContent("#facts"), /Formatfolded/);
  assert.deepEqual(problems, []);
});

test("report and flame graph of hostile names: scripts intact, names shown as text", async () => {
  // A frame named "<!--<script>x" once made the HTML parser swallow the
  // report's own script (the page never became ready); ill-formed UTF-8 and
  // a line separator made the flame SVG throw.
  const names = ["<!--<script>x", "</script><script>window.hacked=1</script>", "line\u2028sep"];
  const folded = join(artifacts, "hostile.folded");
  writeFileSync(folded, Buffer.concat([...names.map((n, i) => Buffer.from("main;" + n + " " + (10 + i) + "\n")),
    Buffer.from([0x6d, 0x61, 0x69, 0x6e, 0x3b, 0x62, 0x61, 0x64, 0xff, 0xfe, 0x20, 0x35, 0x0a])]));  // "main;bad\xff\xfe 5"
  const out = join(artifacts, "report-hostile.html");
  run("report", folded, "-o", out);
  const { page, problems } = await open(out);
  await page.waitForSelector("body[data-ready=true]");
  const rows = await page.$$eval("#top tbody td.name", (cells) => cells.map((c) => c.textContent));
  for (const n of names) assert.ok(rows.includes(n), n + " in the table");
  assert.ok(rows.includes("bad\ufffd\ufffd"), "ill-formed UTF-8 shown as U+FFFD");
  assert.equal(await page.evaluate(() => window.hacked), undefined);
  await page.screenshot({ path: join(artifacts, "report-hostile.png") });
  assert.deepEqual(problems, []);
  const svg = join(artifacts, "flame-hostile.svg");
  run("flame", folded, "-o", svg);
  const flame = await open(svg);
  await flame.page.waitForSelector("g.f");
  const shown = await flame.page.$$eval("g.f", (gs) => gs.map((g) => g.getAttribute("data-name")));
  for (const n of names) assert.ok(shown.includes(n), n + " in the flame graph");
  assert.equal(await flame.page.evaluate(() => window.hacked), undefined);
  assert.deepEqual(flame.problems, []);
});

test("report from cProfile files with a base: table, no-stacks note, diff, call graph", async () => {
  const out = join(artifacts, "report-cprofile.html");
  run("report", sample("py-slow.prof"), "--base", sample("py-fast.prof"), "-o", out);
  const { page, problems } = await open(out);
  await page.waitForSelector("body[data-ready=true]");
  const rows = functions(sample("py-slow.prof"));
  assert.equal(await page.getAttribute("#top-count", "data-rows"), String(rows.length));
  assert.equal(await page.getAttribute("#top-table tbody tr >> nth=0", "data-name"), rows[0].name);
  assert.match(await page.textContent("#flame-graph"), /cProfile profile records per-function totals and call arcs, not stacks/);
  assert.equal(await page.locator("#flame-graph svg").count(), 0);
  assert.equal(await page.isVisible("#diff"), true);
  assert.ok(await page.locator("#diff-table tbody tr").count() > 10);
  assert.ok(await page.locator("#callgraph-view svg g.node").count() > 5);
  assert.match(await page.textContent("#facts"), /FormatcProfile/);
  assert.deepEqual(problems, []);
});

test("flame graph SVG: zoom, reset, search", async () => {
  const out = join(artifacts, "flame-go-cpu.svg");
  run("flame", sample("go-cpu.pb.gz"), "-o", out, "--title", "go cpu");
  const { page, problems } = await open(out);
  await page.waitForSelector("g.f");
  await page.click("g.f[data-name='main.buildStrings'] >> nth=0");
  assert.equal(await page.getAttribute("svg", "data-zoomed"), "main.buildStrings");
  assert.ok(await page.locator("g.f.hidden").count() > 0);
  await page.click(".unzoom");
  assert.equal(await page.locator("g.f.hidden").count(), 0);
  page.once("dialog", (d) => d.accept("^main\\.fib$"));
  await page.click(".search");
  // main.fib is 0.16s of 1.51s in go tool pprof -top: about 10.6% of the width.
  const matched = Number(await page.getAttribute("svg", "data-matched"));
  assert.ok(matched > 10 && matched < 11.2, "matched " + matched);
  assert.match(await page.textContent(".matched"), /^Matched: 10\.\d%$/);
  await page.screenshot({ path: join(artifacts, "flame-go-cpu.png") });
  // Search ignores case by default (upper-case text finds main.fib), "ic" makes it match case.
  await page.click(".search");  // resets the search
  assert.equal(await page.getAttribute("svg", "data-matched"), "");
  page.once("dialog", (d) => d.accept("MAIN\\.FIB$"));
  await page.keyboard.press("Control+f");
  assert.equal(await page.getAttribute("svg", "data-matched"), String(matched.toFixed(1)));
  assert.ok(await page.locator("g.f.match").count() > 0);
  await page.click(".case");
  assert.equal(await page.getAttribute("svg", "data-matched"), "0.0");
  assert.equal(await page.locator("g.f.match").count(), 0);
  assert.match(page.url(), /#search=MAIN%5C.FIB%24&case=1$/);
  // An invalid regular expression says so.
  await page.click(".search");
  page.once("dialog", (d) => d.accept("fib("));
  await page.click(".search");
  assert.equal(await page.textContent(".matched"), "Invalid regular expression: fib(");
  // The URL keeps zoom and search: opening it again shows the same view.
  await page.click(".case");
  page.once("dialog", (d) => d.accept("fib"));
  await page.click(".search");
  await page.click("g.f[data-name='main.buildStrings'] >> nth=0");
  const linked = page.url();
  assert.match(linked, /#zoom=\d+&search=fib$/);
  const again = await open(linked.replace(/^file:\/\//, ""));
  await again.page.waitForSelector("g.f");
  assert.equal(await again.page.getAttribute("svg", "data-zoomed"), "main.buildStrings");
  assert.ok(Number(await again.page.getAttribute("svg", "data-matched")) > 0);
  await again.page.screenshot({ path: join(artifacts, "flame-go-cpu-linked.png") });
  assert.deepEqual(again.problems, []);
  assert.deepEqual(problems, []);
});

// One root per process name for a real multi-threaded perf capture (the
// first frames of proflens convert --to folded, which equals
// stackcollapse-perf.pl), per pid with --pid, none with --merge-roots; one
// root per thread name for a two-thread Chrome trace.
test("flame roots: per process name for perf, per thread for a Chrome trace", async () => {
  const input = sample("java-jit.perf.txt.gz");
  const folded = run("convert", input, "--to", "folded");
  const names = [...new Set(folded.trim().split("\n").map((l) => l.split(";")[0]))].sort();
  assert.ok(names.length >= 5 && names.includes("java") && names.includes("C2_CompilerThre"), names.join(" "));
  const roots = async (out, ...flags) => {
    run("flame", input, "-o", out, ...flags);
    const { page, problems } = await open(out);
    await page.waitForSelector("g.f");
    const got = await page.locator("g.f[data-depth='1']").evaluateAll((gs) => gs.map((g) => g.dataset.name).sort());
    return { page, problems, got };
  };
  const byName = await roots(join(artifacts, "flame-java-roots.svg"));
  assert.deepEqual(byName.got, names);
  await byName.page.screenshot({ path: join(artifacts, "flame-java-roots.png") });
  assert.deepEqual(byName.problems, []);
  const byPid = await roots(join(artifacts, "flame-java-pid.svg"), "--pid");
  const pids = [...new Set(run("convert", input, "--to", "folded", "--pid").trim().split("\n").map((l) => l.split(";")[0]))].sort();
  assert.deepEqual(byPid.got, pids);
  const merged = await roots(join(artifacts, "flame-java-merged.svg"), "--merge-roots");
  assert.ok(merged.got.every((n) => !names.includes(n)), merged.got.join(" "));
  run("flame", sample("chrome-trace.json.gz"), "-o", join(artifacts, "flame-trace.svg"));
  const trace = await open(join(artifacts, "flame-trace.svg"));
  await trace.page.waitForSelector("g.f");
  assert.deepEqual(await trace.page.locator("g.f[data-depth='1']").evaluateAll((gs) => gs.map((g) => g.dataset.name).sort()),
                   ["CrRendererMain", "ThreadPoolForegroundWorker"]);
  assert.deepEqual(trace.problems, []);
});

test("differential flame SVG from perf script captures", async () => {
  const out = join(artifacts, "flame-diff.svg");
  run("flame", sample("perf-fast.txt.gz"), "--base", sample("perf-slow.txt.gz"), "-o", out);
  const { page, problems } = await open(out);
  await page.waitForSelector("g.f");
  // The total fell from 300.60ms to 162.32ms: the root frame is blue;
  // __strcmp_evex grew (24.05ms to 34.07ms): some frame of it is red.
  const rgb = (fill) => fill.match(/\d+/g).map(Number);
  const [r, , b] = rgb(await page.getAttribute("g.f[data-depth='0'] rect", "fill"));
  assert.ok(b > r);
  const fills = await page.locator("g.f[data-name='__strcmp_evex'] rect").evaluateAll((rs) => rs.map((x) => x.getAttribute("fill")));
  assert.ok(fills.some((f) => { const [r2, , b2] = rgb(f); return r2 > b2; }), fills.join(" "));
  assert.deepEqual(problems, []);
});

// Every node's text lies inside its shape, as the dot program draws it: the
// labels are measured with the fonts the SVG names (Graphviz's pango layout).
// The drawing fits the window and pans and zooms.
test("standalone call-graph SVGs: every label inside its box, fitted, pan and zoom", async () => {
  for (const input of ["go-cpu.pb.gz", "perf-fast.txt.gz", "consumer-v2.prof"]) {
    const out = join(artifacts, "callgraph-" + input.replace(/\..*$/, "") + ".svg");
    run("dot", sample(input), "-o", out);
    const { page, problems } = await open(out);
    await page.waitForSelector("g.node");
    const spills = await page.locator("g.node").evaluateAll((nodes) => {
      const out = [];
      for (const n of nodes) {
        const shape = n.querySelector("polygon, ellipse, path");
        const box = shape.getBBox();
        for (const t of n.querySelectorAll("text")) {
          const b = t.getBBox();
          if (b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5) out.push(t.textContent);
        }
      }
      return out;
    });
    assert.ok(await page.locator("g.node").count() > 5);
    assert.deepEqual(spills, [], input);
    // The whole drawing is inside the 1400x1000 window (fitted, as pprof's SVG is).
    const drawing = await page.locator("g.graph").boundingBox();
    // (2 px for the white background polygon Graphviz draws past the margin.)
    assert.ok(drawing.x >= -2 && drawing.y >= -2 && drawing.x + drawing.width <= 1402 && drawing.y + drawing.height <= 1002,
              input + " " + JSON.stringify(drawing));
    await page.screenshot({ path: join(artifacts, "callgraph-" + input.replace(/\..*$/, "") + ".png") });
    // The wheel zooms in about the pointer, dragging pans, a double click fits again.
    await page.mouse.move(700, 500);
    await page.mouse.wheel(0, -300);
    assert.ok(Number(await page.getAttribute("svg", "data-zoom")) > 1);
    const before = await page.getAttribute("svg", "viewBox");
    await page.mouse.down();
    await page.mouse.move(600, 400);
    await page.mouse.up();
    assert.notEqual(await page.getAttribute("svg", "viewBox"), before);
    await page.mouse.dblclick(700, 500);
    assert.equal(await page.getAttribute("svg", "data-zoom"), "1.000");
    assert.deepEqual(problems, []);
  }
});
