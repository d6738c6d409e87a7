#include "formats/dot.h"

#include <graphviz/cgraph.h>

#include <cstdio>
#include <cstdlib>

namespace proflens {

namespace {

// cgraph takes char* for names and values it does not modify.
char* C(const std::string& s) { return const_cast<char*>(s.c_str()); }
char* C(const char* s) { return const_cast<char*>(s); }

void Set(void* object, const char* name, const std::string& value) {
  agsafeset(object, C(name), C(value), C(""));
}

}  // namespace

DotDocument::DotDocument(const GraphView& view) {
  graph_ = agopen(C(view.title), Agdirected, nullptr);
  // Declared defaults: every node filled, light grey unless set.
  agattr(graph_, AGNODE, C("style"), C("filled"));
  agattr(graph_, AGNODE, C("fillcolor"), C("#f8f8f8"));

  if (!view.legend.empty()) {
    Agraph_t* legend = agsubg(graph_, C("cluster_L"), 1);
    Agnode_t* node = agnode(legend, C(view.legend[0]), 1);
    std::string label;
    for (const std::string& line : view.legend) {
      std::string escaped;
      for (char c : line) {
        if (c == '\\') escaped += '\\';
        escaped += c;
      }
      label += escaped + "\\l";
    }
    Set(node, "shape", "box");
    Set(node, "fontsize", "16");
    Set(node, "label", label);
    Set(node, "tooltip", view.title);
  }

  for (size_t i = 0; i < view.nodes.size(); ++i) {
    const GraphViewNode& n = view.nodes[i];
    Agnode_t* node = agnode(graph_, C(n.id), 1);
    Set(node, "label", n.label);
    Set(node, "id", "node" + n.id.substr(1));
    Set(node, "fontsize", std::to_string(n.font_size));
    Set(node, "shape", "box");
    Set(node, "tooltip", n.tooltip);
    Set(node, "color", n.color);
    Set(node, "fillcolor", n.fill_color);
    if (i < view.nodelets.size()) {
      for (const GraphViewNodelet& t : view.nodelets[i]) {
        Agnode_t* box = agnode(graph_, C(t.id), 1);
        Set(box, "label", t.label);
        Set(box, "id", t.id);
        Set(box, "fontsize", "8");
        Set(box, "shape", "box3d");
        Set(box, "tooltip", t.weight);
        Agedge_t* link = agedge(graph_, agnode(graph_, C(t.parent), 0), box, nullptr, 1);
        Set(link, "label", " " + t.weight);
        Set(link, "weight", "100");
        Set(link, "tooltip", t.weight);
        Set(link, "labeltooltip", t.weight);
        if (t.dotted) Set(link, "style", "dotted");
      }
    }
  }
  for (const GraphViewEdge& e : view.edges) {
    Agnode_t* from = agnode(graph_, C(e.from), 0);
    Agnode_t* to = agnode(graph_, C(e.to), 0);
    if (from == nullptr || to == nullptr) continue;
    Agedge_t* edge = agedge(graph_, from, to, nullptr, 1);
    Set(edge, "label", e.label);
    if (e.weight > 0) Set(edge, "weight", std::to_string(e.weight));
    if (e.pen_width > 0) Set(edge, "penwidth", std::to_string(e.pen_width));
    if (!e.color.empty()) Set(edge, "color", e.color);
    Set(edge, "tooltip", e.tooltip);
    Set(edge, "labeltooltip", e.tooltip);
    if (e.residual) Set(edge, "style", "dotted");
    if (e.long_edge) Set(edge, "minlen", "2");
  }
}

DotDocument::~DotDocument() {
  if (graph_ != nullptr) agclose(graph_);
}

Result<std::string> DotDocument::ToDot() const {
  char* buffer = nullptr;
  size_t size = 0;
  FILE* stream = open_memstream(&buffer, &size);
  if (stream == nullptr) return Status::Input("out of memory writing DOT");
  int rc = agwrite(graph_, stream);
  std::fclose(stream);
  std::string dot(buffer == nullptr ? "" : buffer, size);
  std::free(buffer);
  if (rc != 0) return Status::Input("Graphviz could not write the graph as DOT");
  return dot;
}

}  // namespace proflens
