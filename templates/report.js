// The proflens HTML report: renders the embedded data (summary, top table,
// flame graph with callers and callees, call graph, diff, checks) and keeps
// it interactive. Needs nothing from the network.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const $ = (id) => document.getElementById(id);
  const MAX_ROWS = 500;  // rows drawn at once; the filter narrows the rest
  const state = { type: 0, sort: "flat", asc: false, filter: "", diffSort: "dcum", diffAsc: false, selected: null };

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : String(c));
    return e;
  }
  function pct(v, total) { return total === 0 ? "0%" : (100 * v / total).toFixed(2) + "%"; }
  const type = () => data.types[state.type];
  // Inputs of several kinds (CPU and heap profiles of a day): a section each,
  // chosen by its tab; each kind's summary, sample types and views its own.
  const kinds = data.kinds || [];
  const kind = () => (kinds.length ? kinds[type().kind] : null);

  function renderSummary() {
    $("title").textContent = data.title;
    document.title = data.title;
    const facts = $("facts");
    facts.replaceChildren();
    if (kind()) facts.append(el("dt", {}, "Kind"), el("dd", { "data-testid": "kind" }, kind().name + " (" + kinds.length + " kinds in the inputs)"));
    for (const [k, v] of kind() ? kind().facts : data.facts) facts.append(el("dt", {}, k), el("dd", {}, v));
    facts.append(el("dt", {}, "Sample type"), el("dd", {}, type().name + " (" + type().unit + ")"));
    facts.append(el("dt", {}, "Total"), el("dd", {}, type().total_text));
    const top5 = $("top5");
    top5.replaceChildren();
    for (const r of type().top.slice(0, 5)) top5.append(el("li", {}, r[0] + " — " + r[3] + " flat (" + pct(r[1], type().total) + "), " + r[4] + " cum"));
    $("footer").textContent = data.generator;
    renderVerdict();
  }

  // --- with a base: the verdict first ----------------------------------------
  // Totals and their change, the checks, and the functions whose own time
  // (flat) changed most either way, each linking to its row of the diff table.
  function biggest(d, sign) {
    return d.rows.map((r, i) => [r, i]).filter(([r]) => Math.sign(r[5]) === sign)
      .sort((a, b) => sign * (b[0][5] - a[0][5]) || a[0][0].localeCompare(b[0][0])).slice(0, 5);
  }
  function renderVerdict() {
    const d = type().diff, box = $("verdict");
    document.body.classList.toggle("has-base", !!d);
    box.replaceChildren();
    state.pinned = [];
    if (!d) return;
    const cls = d.change > 0 ? "worse" : d.change < 0 ? "better" : "";
    const pctText = d.change_percent === null ? "" : " (" + (d.change_percent > 0 ? "+" : "") + d.change_percent.toFixed(2) + "%)";
    box.append(el("p", { class: "totals", "data-testid": "verdict-totals" },
      "Base " + d.base_total_text + " \u2192 new " + d.new_total_text + ": ",
      el("span", { class: "change " + cls, "data-testid": "verdict-change" }, d.change_text + pctText),
      d.normalized ? el("small", {}, " (base normalized to the new total)") : ""));
    if (data.checks) {
      const failed = data.checks.filter((c) => !c.passed).length;
      box.append(el("p", { "data-testid": "verdict-checks" }, el("a", { href: "#checks", class: failed ? "worse" : "better" },
        "Checks: " + (data.checks.length - failed) + " passed, " + failed + " failed")));
    }
    const list = (title, rows, testid) => {
      const ol = el("ol", { "data-testid": testid });
      for (const [r, i] of rows) {
        state.pinned.push(i);
        const rel = r[9] === null ? "new" : (r[9] > 0 ? "+" : "") + (100 * r[9]).toFixed(1) + "% cum";
        ol.append(el("li", {}, el("span", { class: "delta " + (r[5] > 0 ? "worse" : "better") }, r[7] + " flat"),
          el("a", { href: "#diff-" + i }, r[0]), " (" + rel + ")"));
      }
      if (rows.length === 0) ol.append(el("li", {}, "none"));
      return el("div", {}, el("h3", {}, title), ol);
    };
    box.append(el("div", { class: "lists" }, list("Biggest regressions", biggest(d, 1), "regressions"),
      list("Biggest improvements", biggest(d, -1), "improvements")));
  }

  // --- top table ------------------------------------------------------------
  const topColumns = [
    ["flat", "flat", (r) => r[1]], ["flat%", "flat", (r) => r[1]], ["cum", "cum", (r) => r[2]],
    ["cum%", "cum", (r) => r[2]], ["function", "name", (r) => r[0]],
  ];
  function matcher(text) {
    if (text === "") return () => true;
    try { const re = new RegExp(text, "i"); return (s) => re.test(s); }
    catch (e) { const low = text.toLowerCase(); return (s) => s.toLowerCase().includes(low); }
  }
  function renderTop() {
    const t = type();
    const thead = $("top-table").tHead;
    thead.replaceChildren(el("tr", {}, ...topColumns.map(([label, key], i) => {
      const marked = state.sort === key && topColumns.findIndex((c) => c[1] === key) === i;  // one arrow per sort key
      const th = el("th", { "data-sort": key, class: (key === "name" ? "name " : "") + (marked ? "sorted" + (state.asc ? " asc" : "") : "") }, label);
      th.addEventListener("click", () => { if (state.sort === key) state.asc = !state.asc; else { state.sort = key; state.asc = key === "name"; } renderTop(); });
      return th;
    })));
    const match = matcher(state.filter);
    const idx = { flat: 1, cum: 2, name: 0 }[state.sort];
    const rows = t.top.filter((r) => match(r[0]));
    rows.sort((a, b) => {
      const x = a[idx], y = b[idx];
      const c = typeof x === "string" ? x.localeCompare(y) : (Math.abs(x) - Math.abs(y)) || a[0].localeCompare(b[0]);
      return state.asc ? c : -c;
    });
    const body = $("top-table").tBodies[0];
    body.replaceChildren(...rows.slice(0, MAX_ROWS).map((r) => {
      const tr = el("tr", { "data-name": r[0], onclick: () => select(r[0]) },
        el("td", {}, r[3]), el("td", {}, pct(r[1], t.total)), el("td", {}, r[4]), el("td", {}, pct(r[2], t.total)), el("td", { class: "name" }, r[0]));
      if (r[0] === state.selected) tr.classList.add("selected");
      return tr;
    }));
    $("top-count").textContent = "Showing " + Math.min(rows.length, MAX_ROWS) + " of " + rows.length + " functions" +
      (rows.length !== t.top.length ? " (" + t.top.length + " in all)" : "");
    $("top-count").dataset.rows = String(rows.length);
  }

  // --- flame graph and sandwich ---------------------------------------------
  // Flame graphs fill their box's width, and follow it when the window changes.
  function fitFlames() {
    for (const svg of document.querySelectorAll("#flame-graph svg.flame, #diff-flame svg.flame")) {
      if (svg.proflens && svg.parentElement.clientWidth > 0) svg.proflens.fit(svg.parentElement.clientWidth);
    }
  }
  let fitTimer = 0;
  window.addEventListener("resize", () => { clearTimeout(fitTimer); fitTimer = setTimeout(fitFlames, 100); });
  function renderFlame() {
    const box = $("flame-graph");
    box.innerHTML = type().flame;
    const svg = box.querySelector("svg");
    if (svg) {
      proflensFlame(svg);
      svg.addEventListener("click", (e) => { const f = e.target.closest("g.f"); if (f && f.dataset.depth !== "0") select(f.dataset.name, true); });
    }
  }
  // --- sandwich: flame graphs of a function's callers and callees -----------
  // Read from the drawn flame graph (frames in depth-first order; a frame's
  // parent is the last frame one level up), so it shows what the graph shows.
  function flameNodes(svg) {
    if (svg._nodes) return svg._nodes;
    const inner = Number(svg.dataset.width) - 2 * Number(svg.dataset.pad), total = Number(svg.dataset.total);
    const nodes = [], last = [];
    for (const g of svg.querySelectorAll("g.f")) {
      const depth = Number(g.dataset.depth);
      const w = g._w0 !== undefined ? g._w0 : Number(g.querySelector("rect").getAttribute("width"));
      const n = { name: g.dataset.name, depth, value: total * w / inner, parent: depth > 0 ? last[depth - 1] : null, children: [] };
      if (n.parent) n.parent.children.push(n);
      last[depth] = n;
      nodes.push(n);
    }
    svg._nodes = nodes;
    return nodes;
  }
  function sandwichTrees(nodes, name) {
    const fresh = (n) => ({ name: n, value: 0, children: new Map() });
    const callers = fresh(name), callees = fresh(name);
    const merge = (into, children) => {
      for (const c of children) {
        let t = into.children.get(c.name);
        if (!t) into.children.set(c.name, t = fresh(c.name));
        t.value += c.value;
        merge(t, c.children);
      }
    };
    for (const n of nodes) {
      if (n.name !== name || n.depth === 0) continue;
      let outer = false;  // recursion: only the outermost frame of the function counts
      for (let a = n.parent; a && !outer; a = a.parent) outer = a.name === name;
      if (outer) continue;
      callees.value += n.value;
      callers.value += n.value;
      merge(callees, n.children);
      let at = callers;
      for (let a = n.parent; a && a.depth > 0; a = a.parent) {
        let t = at.children.get(a.name);
        if (!t) at.children.set(a.name, t = fresh(a.name));
        t.value += n.value;
        at = t;
      }
    }
    return { callers, callees };
  }
  // Draws a tree as a flame graph `width` px wide: the root on the bottom row
  // (callers, growing up towards main) or on the top row (callees, down).
  function drawTree(tree, width, up, testid) {
    const NS = "http://www.w3.org/2000/svg", rowH = 17, pad = 2;
    let depth = 0;
    const rows = [];
    const walk = (n, d, x, w) => {
      if (w < 1) return;
      depth = Math.max(depth, d + 1);
      rows.push([n, d, x, w]);
      let cx = x;
      for (const c of [...n.children.values()].sort((a, b) => a.name.localeCompare(b.name))) {
        const cw = w * c.value / n.value;
        walk(c, d + 1, cx, cw);
        cx += cw;
      }
    };
    walk(tree, 0, pad, width - 2 * pad);
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("width", String(width));
    svg.setAttribute("height", String(depth * rowH + 4));
    svg.setAttribute("class", "sandwich-flame");
    svg.dataset.testid = testid;
    for (const [n, d, x, w] of rows) {
      const y = up ? (depth - 1 - d) * rowH + 2 : d * rowH + 2;
      const g = document.createElementNS(NS, "g");
      g.setAttribute("class", "sf" + (d === 0 ? " self" : ""));
      g.dataset.name = n.name;
      g.dataset.depth = String(d);
      const title = document.createElementNS(NS, "title");
      title.textContent = n.name + " (" + pct(n.value, tree.value) + " of " + tree.name + ")";
      const rect = document.createElementNS(NS, "rect");
      for (const [k, v] of [["x", x], ["y", y], ["width", w], ["height", rowH - 1], ["rx", 2]]) rect.setAttribute(k, typeof v === "number" ? v.toFixed(2) : v);
      const text = document.createElementNS(NS, "text");
      text.setAttribute("x", (x + 3).toFixed(2));
      text.setAttribute("y", String(y + 12));
      const chars = Math.floor((w - 6) / 7);
      // A name too long for its box keeps its end (the function, and a line number).
      text.textContent = chars < 3 ? "" : n.name.length <= chars ? n.name : ".." + n.name.slice(n.name.length - (chars - 2));
      g.append(title, rect, text);
      if (d > 0) g.addEventListener("click", () => select(n.name));
      svg.append(g);
    }
    return svg;
  }
  function renderSandwichFlames(name) {
    const box = $("sandwich-flames");
    box.replaceChildren();
    const svg = $("flame-graph").querySelector("svg.flame");
    if (!svg) return;
    const { callers, callees } = sandwichTrees(flameNodes(svg), name);
    if (callers.value === 0) return;
    const width = Math.max(box.clientWidth, 300);
    box.append(el("h3", {}, "Callers of " + name + " (up to the roots)"), drawTree(callers, width, true, "callers-flame"),
               el("h3", {}, "Callees of " + name), drawTree(callees, width, false, "callees-flame"));
  }

  // --- source view: the selected function's lines (pprof's list) ------------
  function renderSource(name) {
    const box = $("source-view");
    box.replaceChildren();
    const all = type().source || [];
    const listings = all.filter((l) => l[0] === name);
    delete box.dataset.function;
    if (listings.length === 0) {
      if (all.length > 0) box.append(el("p", { class: "hint" }, "No source lines for " + name + ": the source view covers the heaviest functions by cum."));
      return;
    }
    box.dataset.function = name;
    for (const [fn, file, found, lines] of listings) {
      const hottest = lines.reduce((m, l) => Math.max(m, Math.abs(l[1])), 0) || 1;
      const head = el("tr", {}, el("th", {}, "line"), el("th", {}, "flat"), el("th", {}, "cum"));
      if (found) head.append(el("th", { class: "name" }, "source"));
      const body = el("tbody", {}, ...lines.map((l) => {
        const tr = el("tr", { "data-line": String(l[0]) }, el("td", {}, l[0]), el("td", {}, l[3]), el("td", {}, l[4]));
        if (found) tr.append(el("td", { class: "code" }, l[5] === null ? "" : l[5]));
        if (l[1] !== 0) tr.style.background = "rgba(255,152,0," + (0.08 + 0.5 * Math.abs(l[1]) / hottest).toFixed(3) + ")";
        return tr;
      }));
      box.append(el("h3", {}, "Source of " + fn + " \u2014 " + (file || "(no file)") + (found ? "" : " (file not found: the line table only; --source-dir tells where to look)")),
                 el("table", { class: "source" }, el("thead", {}, head), body));
    }
  }

  function select(name, fromFlame) {
    state.selected = name;
    for (const tr of $("top-table").tBodies[0].rows) tr.classList.toggle("selected", tr.dataset.name === name);
    const t = type();
    const index = t.top.findIndex((r) => r[0] === name);
    const box = $("sandwich");
    box.replaceChildren();
    $("sandwich-flames").replaceChildren();
    $("source-view").replaceChildren();
    if (index < 0) return;
    const row = t.top[index];
    const list = (title, edges, pick) => {
      const table = el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "weight"), el("th", {}, "of cum"), el("th", { class: "name" }, title))));
      const tbody = el("tbody");
      for (const e of edges) {
        const other = t.top[pick(e)];
        tbody.append(el("tr", { onclick: () => select(other[0]) }, el("td", {}, e[3]), el("td", {}, pct(e[2], row[2])), el("td", { class: "name" }, other[0])));
      }
      if (edges.length === 0) tbody.append(el("tr", {}, el("td", { class: "name", colspan: "3" }, "none")));
      table.append(tbody);
      return el("div", {}, el("h3", {}, title + " of " + name), table);
    };
    const byWeight = (a, b) => Math.abs(b[2]) - Math.abs(a[2]);
    box.append(list("Callers", t.edges.filter((e) => e[1] === index).sort(byWeight), (e) => e[0]),
               list("Callees", t.edges.filter((e) => e[0] === index).sort(byWeight), (e) => e[1]));
    box.dataset.selected = name;
    renderSandwichFlames(name);
    renderSource(name);
    if (!fromFlame && location.hash !== "#flame") $("sandwich-flames").scrollIntoView({ block: "nearest" });
  }

  // --- call graph: pan and zoom the SVG through its viewBox ------------------
  function renderCallGraph() {
    const box = $("callgraph-view");
    box.innerHTML = type().callgraph;
    const svg = box.querySelector("svg");
    if (!svg) return;
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    const panZoom = proflensPanZoom(svg);
    // A graph too big to read when fitted opens at its own size, centred on
    // its hottest function (the node whose label pprof's sizing made largest).
    const r = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal;
    if (r.width === 0 || vb.width === 0 || Math.min(r.width / vb.width, r.height / vb.height) >= 0.75) return;
    let hottest = null, size = 0;
    for (const node of svg.querySelectorAll("g.node")) {
      for (const t of node.querySelectorAll("text")) {
        const s = Number(t.getAttribute("font-size"));
        if (s > size) { size = s; hottest = node; }
      }
    }
    if (!hottest) return;
    const c = hottest.getBoundingClientRect(), pt = svg.createSVGPoint();
    pt.x = c.x + c.width / 2;
    pt.y = c.y + c.height / 2;
    const u = pt.matrixTransform(svg.getScreenCTM().inverse());
    panZoom.view([u.x - r.width / 2, u.y - r.height / 2, r.width, r.height]);
    svg.dataset.centred = hottest.querySelector("title") ? hottest.querySelector("title").textContent : "";
  }

  // --- diff -----------------------------------------------------------------
  // Rows: 0 name, 1-4 base/new flat/cum as text, 5-6 delta flat/cum, 7-8 their
  // text, 9 relative change (null when new), 10-13 base/new flat/cum, 14 status.
  const diffColumns = [
    ["base flat", 1], ["base cum", 2], ["new flat", 3], ["new cum", 4], ["delta flat", 5], ["delta cum", 6], ["change", 9], ["function", 0],
  ];
  function renderDiff() {
    const d = type().diff;
    for (const e of document.querySelectorAll(".needs-base")) e.classList.toggle("off", !d);
    if (!d) return;
    $("diff-summary").textContent = d.summary;
    const keyOf = { 1: "bflat", 2: "bcum", 3: "nflat", 4: "ncum", 5: "dflat", 6: "dcum", 9: "rel", 0: "name" };
    $("diff-table").tHead.replaceChildren(el("tr", {}, ...diffColumns.map(([label, i]) => {
      const key = keyOf[i];
      const th = el("th", { class: (i === 0 ? "name " : "") + (state.diffSort === key ? "sorted" + (state.diffAsc ? " asc" : "") : "") }, label);
      th.addEventListener("click", () => { if (state.diffSort === key) state.diffAsc = !state.diffAsc; else { state.diffSort = key; state.diffAsc = false; } renderDiff(); });
      return th;
    })));
    const raw = { bflat: 10, bcum: 11, nflat: 12, ncum: 13, dflat: 5, dcum: 6, rel: 9, name: 0 }[state.diffSort];
    const rows = d.rows.slice().sort((a, b) => {
      const x = a[raw], y = b[raw];
      const c = typeof x === "string" ? x.localeCompare(y) : (Math.abs(x === null ? Infinity : x) - Math.abs(y === null ? Infinity : y)) || a[0].localeCompare(b[0]);
      return state.diffAsc ? c : -c;
    });
    // The first rows in the chosen order, and the rows the verdict links to.
    const index = new Map(d.rows.map((r, i) => [r, i]));
    const shown = rows.slice(0, MAX_ROWS);
    const inShown = new Set(shown);
    for (const i of state.pinned || []) if (!inShown.has(d.rows[i])) shown.push(d.rows[i]);
    // Shade by the size of the change in cum, on a scale of the largest one.
    const largest = d.rows.reduce((m, r) => Math.max(m, Math.abs(r[6])), 0) || 1;
    $("diff-table").tBodies[0].replaceChildren(...shown.map((r) => {
      const cls = r[6] > 0 ? "grew" : r[6] < 0 ? "shrank" : "";
      const rel = r[9] === null ? "new" : (r[9] > 0 ? "+" : "") + (100 * r[9]).toFixed(2) + "%";
      const a = r[6] === 0 ? 0 : 0.06 + 0.5 * Math.sqrt(Math.abs(r[6]) / largest);
      const tr = el("tr", { class: cls, id: "diff-" + index.get(r), "data-name": r[0] }, el("td", {}, r[1]), el("td", {}, r[2]), el("td", {}, r[3]), el("td", {}, r[4]),
        el("td", {}, r[7]), el("td", {}, r[8]), el("td", {}, rel), el("td", { class: "name" }, r[0] + (r[14] === "new" ? " [new]" : r[14] === "gone" ? " [gone]" : "")));
      if (a > 0) tr.style.background = (r[6] > 0 ? "rgba(229,57,53," : "rgba(30,136,229,") + a.toFixed(3) + ")";
      return tr;
    }));
    // A link to a row (the verdict's) lands on it once the row exists.
    if (location.hash.startsWith("#diff-")) { const t = document.getElementById(location.hash.slice(1)); if (t) t.scrollIntoView({ block: "center" }); }
    const box = $("diff-flame");
    box.innerHTML = d.flame;
    const svg = box.querySelector("svg");
    if (svg) proflensFlame(svg);
  }

  // --- checks ---------------------------------------------------------------
  function renderChecks() {
    const checks = data.checks;
    for (const e of document.querySelectorAll(".needs-checks")) e.classList.toggle("off", !checks);
    if (!checks) return;
    const failed = checks.filter((c) => !c.passed).length;
    $("checks-count").textContent = (checks.length - failed) + " passed, " + failed + " failed";
    const sorted = checks.slice().sort((a, b) => Number(a.passed) - Number(b.passed));  // failures first
    $("checks-table").replaceChildren(el("thead", {}, el("tr", {}, el("th", {}, "result"), el("th", { class: "name" }, "rule"), el("th", {}, "actual"), el("th", {}, "limit"))),
      el("tbody", {}, ...sorted.map((c) => el("tr", {},
        el("td", { class: c.passed ? "pass" : "fail" }, c.passed ? "PASS" : "FAIL"),
        el("td", { class: "name" }, (c.name ? c.name + ": " : "") + c.expression + (c.error ? " (" + c.error + ")" : "")),
        el("td", {}, c.actual ? c.actual.text : ""), el("td", {}, c.limit ? c.limit.text : "")))));
  }

  // --- timeline: each thread's frames in time order --------------------------
  const timeline = { view: null, lanes: [] };
  function timeText(v) {
    const ns = data.timeline.unit === "nanoseconds";
    if (!ns) return v + " " + data.timeline.unit;
    const a = Math.abs(v);
    return a >= 1e9 ? (v / 1e9).toFixed(3) + "s" : a >= 1e6 ? (v / 1e6).toFixed(3) + "ms" : a >= 1e3 ? (v / 1e3).toFixed(2) + "\u00b5s" : v + "ns";
  }
  function spanColor(name) {
    let h = 0;
    for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
    return "rgb(" + (205 + (h % 50)) + "," + (80 + ((h >> 8) % 130)) + "," + (30 + ((h >> 16) % 40)) + ")";
  }
  function drawTimeline() {
    const [v0, v1] = timeline.view, rowH = 16;
    const box = $("timeline-lanes");
    box.dataset.viewStart = String(v0);
    box.dataset.viewEnd = String(v1);
    for (const lane of timeline.lanes) {
      const c = lane.canvas, W = box.clientWidth, dpr = window.devicePixelRatio || 1;
      c.width = Math.round(W * dpr);
      c.height = Math.round(lane.depth * rowH * dpr);
      c.style.width = W + "px";
      c.style.height = lane.depth * rowH + "px";
      const g = c.getContext("2d");
      g.scale(dpr, dpr);
      g.font = "11px Verdana, sans-serif";
      g.textBaseline = "middle";
      const k = W / (v1 - v0);
      let drawn = 0;
      for (const s of lane.spans) {
        const x = (s[0] - v0) * k, w = s[1] * k;
        if (x + w < 0 || x > W || w < 0.3) continue;
        const name = data.timeline.names[s[3]];
        g.fillStyle = spanColor(name);
        g.fillRect(x, s[2] * rowH, Math.max(w - 0.5, 0.5), rowH - 1);
        ++drawn;
        if (w > 40) {
          g.fillStyle = "#000";
          g.save();
          g.beginPath();
          g.rect(Math.max(x, 0), s[2] * rowH, Math.min(w, W) - 1, rowH);
          g.clip();
          g.fillText(name, Math.max(x, 0) + 3, s[2] * rowH + rowH / 2);
          g.restore();
        }
      }
      c.dataset.drawn = String(drawn);
    }
  }
  // The span of a lane under a point: by depth, then the last start before it.
  function spanAt(lane, t, depth) {
    const list = lane.byDepth[depth] || [];
    let lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid][0] <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found >= 0 && t < list[found][0] + list[found][1] ? list[found] : null;
  }
  function renderTimeline() {
    const tl = data.timeline;
    for (const e of document.querySelectorAll(".needs-timeline")) e.classList.toggle("off", !tl);
    if (!tl) return;
    const box = $("timeline-lanes");
    box.replaceChildren();
    timeline.view = [0, Math.max(tl.end, 1)];
    timeline.lanes = tl.lanes.map((l) => {
      const canvas = el("canvas", { "data-lane": l.name, "data-spans": String(l.spans.length) });
      const byDepth = [];
      for (const s of l.spans) (byDepth[s[2]] = byDepth[s[2]] || []).push(s);
      for (const d of byDepth) if (d) d.sort((a, b) => a[0] - b[0]);
      box.append(el("div", { class: "lane-name" }, l.name), canvas);
      return { name: l.name, depth: Math.max(l.depth, 1), spans: l.spans, byDepth, canvas };
    });
    $("timeline-note").textContent = "From " + timeText(0) + " to " + timeText(tl.end) + " after the first event" +
      (tl.left_out > 0 ? "; the " + tl.left_out + " shortest spans are left out (the report keeps the longest 100,000)" : "") + ".";
    drawTimeline();
    const timeAt = (e) => {
      const r = box.getBoundingClientRect();
      return timeline.view[0] + (e.clientX - r.left) / r.width * (timeline.view[1] - timeline.view[0]);
    };
    box.addEventListener("wheel", (e) => {
      e.preventDefault();
      const t = timeAt(e), k = e.deltaY < 0 ? 0.8 : 1.25;
      const [v0, v1] = timeline.view;
      const w = Math.max((v1 - v0) * k, 10);
      const f = (t - v0) / (v1 - v0);
      timeline.view = [t - f * w, t - f * w + w];
      drawTimeline();
    }, { passive: false });
    let drag = null;
    box.addEventListener("mousedown", (e) => { drag = [e.clientX, timeline.view.slice()]; e.preventDefault(); });
    window.addEventListener("mouseup", () => { drag = null; });
    box.addEventListener("mousemove", (e) => {
      const r = box.getBoundingClientRect();
      if (drag) {
        const dt = (e.clientX - drag[0]) / r.width * (drag[1][1] - drag[1][0]);
        timeline.view = [drag[1][0] - dt, drag[1][1] - dt];
        drawTimeline();
        return;
      }
      const lane = timeline.lanes.find((l) => { const b = l.canvas.getBoundingClientRect(); return e.clientY >= b.top && e.clientY < b.bottom; });
      let text = "\u00a0";
      if (lane) {
        const depth = Math.floor((e.clientY - lane.canvas.getBoundingClientRect().top) / 16);
        const s = spanAt(lane, timeAt(e), depth);
        if (s) text = data.timeline.names[s[3]] + " \u2014 " + timeText(s[1]) + ", from " + timeText(s[0]) + " (" + lane.name + ")";
        $("timeline-details").dataset.name = s ? data.timeline.names[s[3]] : "";
      }
      $("timeline-details").textContent = text;
    });
    box.addEventListener("dblclick", () => { timeline.view = [0, Math.max(tl.end, 1)]; drawTimeline(); });
    window.addEventListener("resize", () => drawTimeline());
  }

  // --- trend ------------------------------------------------------------------
  function renderTrend() {
    const trend = type().trend;
    for (const e of document.querySelectorAll(".needs-trend")) e.classList.toggle("off", !trend);
    $("trend-chart").innerHTML = trend ? trend.svg : "";
  }

  // --- proflens serve: the form that refines the view on the server ----------
  // Its fields are the command line's view options, as the page was made
  // with them; applying it loads the page the server makes for the new ones
  // (with the sample type shown). A field left empty clears its option.
  function renderRefine() {
    const r = data.refine, form = $("refine");
    for (const e of document.querySelectorAll(".needs-refine")) e.classList.toggle("off", !r);
    if (!r) return;
    const values = new Map(r.values.filter(([k]) => k !== "base"));
    const bases = r.values.filter(([k]) => k === "base").map(([, v]) => v);
    const field = (name, label, hint) => el("label", {}, label + " ",
      el("input", { type: "text", name, value: values.get(name) || "", placeholder: hint, "data-testid": "refine-" + name }));
    form.replaceChildren(field("focus", "Focus", "regex"), field("ignore", "Ignore", "regex"), field("hide", "Hide", "regex"),
      field("tagfocus", "Tag focus", "key=regex"));
    const granularity = el("select", { name: "granularity", "data-testid": "refine-granularity" });
    for (const g of ["functions", "filefunctions", "files", "lines", "addresses"]) granularity.append(el("option", { value: g }, g));
    granularity.value = values.get("granularity") || "functions";
    form.append(el("label", {}, "Granularity ", granularity));
    if (r.inputs.length > 1) {
      // base= present and empty: no base, when no box is ticked.
      const box = el("span", { class: "bases", "data-testid": "refine-base" }, "Base:", el("input", { type: "hidden", name: "base", value: "" }));
      for (const name of r.inputs) {
        const tick = el("input", { type: "checkbox", name: "base", value: name });
        tick.checked = bases.includes(name);
        box.append(el("label", {}, tick, name));
      }
      form.append(box);
    }
    const shown = new Set(["focus", "ignore", "hide", "tagfocus", "granularity", "sample_index"]);
    for (const [k, v] of r.values) if (!shown.has(k) && k !== "base") form.append(el("input", { type: "hidden", name: k, value: v }));
    const sampleIndex = el("input", { type: "hidden", name: "sample_index", value: "" });
    form.append(sampleIndex, el("button", { type: "submit", "data-testid": "refine-apply" }, "Apply"),
      el("a", { href: "/", "data-testid": "refine-reset" }, "Reset"));
    form.addEventListener("submit", () => { sampleIndex.value = type().name; });
    if (r.notes.length) form.append(el("p", { class: "notes", "data-testid": "refine-notes" }, r.notes.join("; ")));
  }

  // --- kinds: the tabs, and the sample types of the kind shown ----------------
  function renderKinds() {
    const bar = $("kinds");
    bar.classList.toggle("off", kinds.length < 2);
    bar.replaceChildren(...kinds.map((k, i) => {
      const on = i === type().kind;
      return el("button", { type: "button", role: "tab", class: on ? "on" : "", "aria-selected": String(on), "data-testid": "kind-tab",
        "data-kind": String(i), onclick: () => showKind(i) }, k.name, el("small", {}, " \u00b7 " + k.inputs + (k.inputs === 1 ? " profile" : " profiles")));
    }));
  }
  function fillPicker() {
    picker.replaceChildren();
    data.types.forEach((t, i) => { if (t.kind === type().kind) picker.append(el("option", { value: String(i) }, t.name)); });
    picker.value = String(state.type);
    picker.closest("label").style.display = picker.options.length > 1 ? "" : "none";
  }
  function showKind(k) {
    state.type = kinds[k].default_type;
    state.selected = null;
    fillPicker();
    renderAll();
  }

  function renderAll() {
    renderKinds();
    renderSummary();
    renderTrend();
    renderTop();
    renderFlame();
    renderCallGraph();
    renderDiff();
    fitFlames();
    if (state.selected) select(state.selected, true);
  }

  const picker = $("sample-type");
  state.type = data.default_type;
  fillPicker();
  picker.addEventListener("change", () => { state.type = Number(picker.value); renderAll(); });
  $("search").addEventListener("input", (e) => { state.filter = e.target.value; renderTop(); });
  renderChecks();
  renderRefine();
  renderAll();
  renderTimeline();
  document.body.dataset.ready = "true";
})();
