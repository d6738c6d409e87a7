#include "formats/output/callgraph_svg.h"

#include <graphviz/gvc.h>

#include "formats/output/graphviz_library.h"
#include "formats/output/templates.h"

namespace proflens {

Result<std::string> RenderSvg(const DotDocument& document) {
  Agraph_t* graph = document.graph();
  if (graph == nullptr) return document.status();
  const GraphvizLibrary& gv = document.graphviz();
  if (static_cast<size_t>(gv.agnnodes(graph)) > kMaxSvgNodes) {
    return Status::Usage("the graph has " + std::to_string(gv.agnnodes(graph)) + " nodes; laying out more than " +
                         std::to_string(kMaxSvgNodes) + " takes too long: lower --nodecount");
  }
  // One gvc context for the process, never freed: the pango text layout keeps
  // a pointer to the last font name it measured, which lives in the context's
  // font table, and compares with it on the next layout (a second context
  // would have it compare against freed memory). That plugin measures label
  // text with the fonts the SVG names, as the dot program does, so labels fit
  // their boxes (gvc's built-in width table lets them spill out in a browser).
  static GVC_t* const gvc = gv.gvContextPlugins(gv.plugins, 0);
  if (gvc == nullptr) return Status::Input("Graphviz could not start");
  if (gv.gvLayout(gvc, graph, "dot") != 0) return Status::Input("Graphviz could not lay out the graph");
  char* data = nullptr;
  unsigned int length = 0;
  int rc = gv.gvRenderData(gvc, graph, "svg", &data, &length);
  std::string svg(data == nullptr ? "" : data, length);
  if (data != nullptr) gv.gvFreeRenderData(data);
  gv.gvFreeLayout(gvc, graph);
  if (rc != 0) return Status::Input("Graphviz could not render SVG");
  return svg;
}

Result<std::string> RenderStandaloneSvg(const DotDocument& document) {
  Result<std::string> rendered = RenderSvg(document);
  if (!rendered.ok()) return rendered;
  std::string svg = std::move(rendered).value();
  const size_t root = svg.find("<svg ");
  const size_t root_end = root == std::string::npos ? std::string::npos : svg.find('>', root);
  if (root_end == std::string::npos) return Status::Input("Graphviz wrote SVG without an <svg> element");
  std::string tag = svg.substr(root, root_end - root);
  for (const char* attribute : {"width=\"", "height=\""}) {
    const size_t at = tag.find(attribute);
    const size_t value = at == std::string::npos ? at : at + std::char_traits<char>::length(attribute);
    const size_t end = value == std::string::npos ? value : tag.find('"', value);
    if (end != std::string::npos) tag.replace(value, end - value, "100%");
  }
  std::string script = "\n<script type=\"text/ecmascript\"><![CDATA[\n";
  script += kTemplate_pan_zoom_js;
  script += "\nwindow.addEventListener(\"load\", () => proflensPanZoom(document.documentElement));\n]]></script>";
  svg.replace(root, root_end + 1 - root, tag + ">" + script);
  return svg;
}

}  // namespace proflens
