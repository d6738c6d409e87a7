// Interactivity for proflens flame graphs: click a frame to zoom into it,
// "Reset Zoom" to go back, "Search" to highlight frames matching a regex and
// show their share, details of the frame under the mouse. Works on a flame
// <svg> standalone or inlined in the HTML report; the frames are already
// drawn, this only moves and marks them.
function proflensFlame(svg) {
  "use strict";
  const frames = Array.from(svg.querySelectorAll("g.f"));
  const width = Number(svg.dataset.width);
  const pad = Number(svg.dataset.pad);
  const total = Number(svg.dataset.total);
  const fontWidth = 7.1;  // Verdana 12px, average
  const q = (sel) => svg.querySelector(sel);
  const details = q(".details"), matched = q(".matched"), unzoom = q(".unzoom"), search = q(".search");
  for (const f of frames) {
    const r = f.querySelector("rect");
    f._x = Number(r.getAttribute("x"));
    f._w = Number(r.getAttribute("width"));
    f._name = f.dataset.name;
  }
  function label(f, w) {
    const t = f.querySelector("text");
    if (!t) return;
    const chars = Math.floor((w - 6) / fontWidth);
    t.textContent = chars < 3 ? "" : (f._name.length <= chars ? f._name : f._name.slice(0, chars - 2) + "..");
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
  }
  function reset() {
    for (const f of frames) {
      f.classList.remove("hidden", "ancestor");
      place(f, f._x, f._w);
    }
    unzoom.classList.add("off");
    delete svg.dataset.zoomed;
  }
  function find(term) {
    let re;
    try { re = new RegExp(term); } catch (e) { return null; }
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
    return share;
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
    const term = window.prompt("Search frames (regular expression):", "");
    if (term !== null) find(term);
  });
  svg.proflens = { zoom: (name) => { const f = frames.find((x) => x._name === name); if (f) zoom(f); }, reset, find };
  return svg.proflens;
}
