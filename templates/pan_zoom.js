// Pan and zoom of a Graphviz call-graph <svg> through its viewBox: the wheel
// zooms about the pointer, dragging pans, a double click shows the whole
// graph again. Used by the HTML report and by standalone SVGs from `dot`.
function proflensPanZoom(svg) {
  "use strict";
  const initial = svg.getAttribute("viewBox").split(/[ ,]+/).map(Number);
  let vb = initial.slice();
  const apply = () => { svg.setAttribute("viewBox", vb.join(" ")); svg.dataset.zoom = (initial[2] / vb[2]).toFixed(3); };
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const k = e.deltaY < 0 ? 0.8 : 1.25;
    const r = svg.getBoundingClientRect();
    const fx = (e.clientX - r.left) / r.width, fy = (e.clientY - r.top) / r.height;
    const w = vb[2] * k, h = vb[3] * k;
    vb = [vb[0] + (vb[2] - w) * fx, vb[1] + (vb[3] - h) * fy, w, h];
    apply();
  }, { passive: false });
  let drag = null;
  svg.addEventListener("mousedown", (e) => { drag = [e.clientX, e.clientY, vb[0], vb[1]]; e.preventDefault(); });
  window.addEventListener("mouseup", () => { drag = null; });
  svg.addEventListener("mousemove", (e) => {
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    vb[0] = drag[2] - (e.clientX - drag[0]) * vb[2] / r.width;
    vb[1] = drag[3] - (e.clientY - drag[1]) * vb[3] / r.height;
    apply();
  });
  svg.addEventListener("dblclick", () => { vb = initial.slice(); apply(); });
  apply();
  // view([x, y, w, h]) shows that part of the drawing (a double click still shows it all).
  return { view: (v) => { vb = v.slice(); apply(); } };
}
