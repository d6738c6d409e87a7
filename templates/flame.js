// Interactivity for proflens flame graphs: click a frame to zoom into it,
// "Reset Zoom" to go back, "Search" (or Ctrl-F in a standalone SVG) to
// highlight frames matching a regex and show their share, "ic" to toggle
// ignoring case (on by default), details of the frame under the mouse. A
// standalone SVG keeps its zoom and search in the URL (#zoom=N&search=RE&case=1)
// so a view can be linked. Works on a flame <svg> standalone or inlined in the
// HTML report; the frames are already drawn, this only moves and marks them.
function proflensFlame(svg) {
  "use strict";
  const frames = Array.from(svg.querySelectorAll("g.f"));
  const drawnWidth = Number(svg.dataset.width);
  let width = drawnWidth;
  const pad = Number(svg.dataset.pad);
  const total = Number(svg.dataset.total);
  const fontWidth = 7.1;  // Verdana 12px, average
  const q = (sel) => svg.querySelector(sel);
  const details = q(".details"), matched = q(".matched"), unzoom = q(".unzoom"), search = q(".search"),
    caseButton = q(".case");
  const standalone = document.documentElement === svg;
  let ignoreCase = true, term = "", zoomed = -1;
  for (const f of frames) {
    const r = f.querySelector("rect");
    f._x = f._x0 = Number(r.getAttribute("x"));
    f._w = f._w0 = Number(r.getAttribute("width"));
    f._name = f.dataset.name;
  }
  function label(f, w) {
    const t = f.querySelector("text");
    if (!t) return;
    const chars = Math.floor((w - 6) / fontWidth);
    // A name too long for its box keeps its end (the function, and a line number).
    t.textContent = chars < 3 ? "" : (f._name.length <= chars ? f._name : ".." + f._name.slice(f._name.length - (chars - 2)));
  }
  function place(f, x, w) {
    f.querySelector("rect").setAttribute("x", x.toFixed(2));
    f.querySelector("rect").setAttribute("width", w.toFixed(2));
    const t = f.querySelector("text");
    if (t) t.setAttribute("x", (x + 3).toFixed(2));
    label(f, w);
  }
  function zoom(target) {
    const x0 = target._x, w0 = target._w, scale = (width - 2 * pad) / w0;
    const depth = Number(target.dataset.depth);
    for (const f of frames) {
      const d = Number(f.dataset.depth);
      const inside = f._x >= x0 - 0.0001 && f._x + f._w <= x0 + w0 + 0.0001;
      const above = d < depth && f._x <= x0 + 0.0001 && f._x + f._w >= x0 + w0 - 0.0001;
      f.classList.toggle("hidden", !(inside || above));
      f.classList.toggle("ancestor", above);
      if (above) place(f, pad, width - 2 * pad);
      else if (inside) place(f, pad + (f._x - x0) * scale, f._w * scale);
    }
    unzoom.classList.remove("off");
    svg.dataset.zoomed = target._name;
    zoomed = frames.indexOf(target);
    remember();
  }
  function reset() {
    for (const f of frames) {
      f.classList.remove("hidden", "ancestor");
      place(f, f._x, f._w);
    }
    unzoom.classList.add("off");
    delete svg.dataset.zoomed;
    zoomed = -1;
    remember();
  }
  // The view in the URL of a standalone SVG: #zoom=<frame index>&search=<regex>&case=1.
  function remember() {
    if (!standalone) return;
    const h = new URLSearchParams();
    if (zoomed >= 0) h.set("zoom", String(zoomed));
    if (term !== "") h.set("search", term);
    if (!ignoreCase) h.set("case", "1");
    history.replaceState(null, "", h.toString() === "" ? location.pathname : "#" + h.toString());
  }
  function find(wanted) {
    let re;
    try {
      re = new RegExp(wanted, ignoreCase ? "i" : "");
    } catch (e) {
      matched.textContent = "Invalid regular expression: " + wanted;
      matched.classList.add("error");
      svg.dataset.matched = "";
      return null;
    }
    matched.classList.remove("error");
    term = wanted;
    // Sum the widths of the outermost matching frames only, so nested matches count once.
    const spans = [];
    for (const f of frames) {
      const hit = term !== "" && re.test(f._name);
      f.classList.toggle("match", hit);
      if (hit && f.dataset.depth !== "0") spans.push([f._x, f._x + f._w]);
    }
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let sum = 0, end = -1;
    for (const [a, b] of spans) {
      if (a >= end) { sum += b - a; end = b; } else if (b > end) { sum += b - end; end = b; }
    }
    const share = 100 * sum / (width - 2 * pad);
    matched.textContent = term === "" ? "" : "Matched: " + share.toFixed(1) + "%";
    search.textContent = term === "" ? "Search" : "Reset Search";
    svg.dataset.matched = term === "" ? "" : share.toFixed(1);
    remember();
    return share;
  }
  function ask() {
    const wanted = window.prompt("Search frames (regular expression" + (ignoreCase ? ", ignoring case" : "") + "):", term);
    if (wanted !== null) find(wanted);
  }
  function setIgnoreCase(on) {
    ignoreCase = on;
    caseButton.classList.toggle("on", on);
    caseButton.querySelector("title").textContent = on ? "Search ignores case (click to match case)"
                                                       : "Search matches case (click to ignore case)";
    if (term !== "") find(term); else remember();
  }
  // Redraws the graph `w` px wide (frames as drawn at the file's width, scaled).
  function fit(w) {
    w = Math.max(Math.round(w), 300);
    if (w === width) return;
    width = w;
    const scale = (width - 2 * pad) / (drawnWidth - 2 * pad);
    for (const f of frames) {
      f._x = pad + (f._x0 - pad) * scale;
      f._w = f._w0 * scale;
    }
    const height = svg.viewBox.baseVal.height;
    svg.setAttribute("width", String(width));
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    q(".title").setAttribute("x", String(width / 2));
    search.setAttribute("x", String(width - 110));
    caseButton.setAttribute("x", String(width - 135));
    matched.setAttribute("x", String(width - 160));
    if (zoomed >= 0) zoom(frames[zoomed]); else for (const f of frames) place(f, f._x, f._w);
  }
  svg.addEventListener("click", (e) => {
    const f = e.target.closest("g.f");
    if (f) zoom(f);
  });
  svg.addEventListener("mouseover", (e) => {
    const f = e.target.closest("g.f");
    details.textContent = f ? f.querySelector("title").textContent : " ";
  });
  unzoom.addEventListener("click", reset);
  search.addEventListener("click", () => {
    if (svg.dataset.matched) { find(""); return; }
    ask();
  });
  caseButton.addEventListener("click", () => setIgnoreCase(!ignoreCase));
  if (standalone) {
    window.addEventListener("keydown", (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "f") { e.preventDefault(); ask(); }
    });
    // A standalone graph fills the window's width, as the report's fills its box.
    fit(window.innerWidth);
    window.addEventListener("resize", () => fit(window.innerWidth));
    // A linked view: restore what the URL says.
    const h = new URLSearchParams(location.hash.slice(1));
    if (h.get("case") === "1") setIgnoreCase(false);
    const z = Number(h.get("zoom"));
    if (h.has("zoom") && Number.isInteger(z) && z >= 0 && z < frames.length) zoom(frames[z]);
    if (h.get("search")) find(h.get("search"));
  }
  svg.proflens = { zoom: (name) => { const f = frames.find((x) => x._name === name); if (f) zoom(f); }, reset, find,
                   setIgnoreCase, fit };
  return svg.proflens;
}
