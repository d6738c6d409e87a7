#include "formats/output/dot_writer.h"

#include <graphviz/cgraph.h>

#include <cstdio>
#include <cstdlib>

#include "formats/output/graphviz_library.h"

namespace proflens {

namespace {

// cgraph takes char* for names and values it does not modify.
char* C(const std::string& s) { return const_cast<char*>(s.c_str()); }
char* C(const char* s) { return const_cast<char*>(s); }

}  // namespace

DotDocument::DotDocument(const GraphView& view) : lock_(GraphvizLock()) {
  Result<const GraphvizLibrary*> library = Graphviz();
  if (!library.ok()) {
    status_ = library.status();
    return;
  }
  gv_ = *library;
  const GraphvizLibrary& gv = *gv_;
  auto set = [&gv](void* object, const char* name, const std::string& value) {
    gv.agsafeset(object, C(name), C(value), C(""));
  };
  graph_ = gv.agopen(C(view.title), gv.directed, nullptr);
  // Declared defaults: every node filled, light grey unless set.
  gv.agattr(graph_, AGNODE, C("style"), C("filled"));
  gv.agattr(graph_, AGNODE, C("fillcolor"), C("#f8f8f8"));

  if (!view.legend.empty()) {
    Agraph_t* legend = gv.agsubg(graph_, C("cluster_L"), 1);
    Agnode_t* node = gv.agnode(legend, C(view.legend[0]), 1);
    std::string label;
    for (const std::string& line : view.legend) {
      std::string escaped;
      for (char c : line) {
        if (c == '\\') escaped += '\\';
        escaped += c;
      }
      label += escaped + "\\l";
    }
    set(node, "shape", "box");
    set(node, "fontsize", "16");
    set(node, "label", label);
    set(node, "tooltip", view.title);
  }

  for (size_t i = 0; i < view.nodes.size(); ++i) {
    const GraphViewNode& n = view.nodes[i];
    Agnode_t* node = gv.agnode(graph_, C(n.id), 1);
    set(node, "label", n.label);
    set(node, "id", "node" + n.id.substr(1));
    set(node, "fontsize", std::to_string(n.font_size));
    set(node, "shape", "box");
    set(node, "tooltip", n.tooltip);
    set(node, "color", n.color);
    set(node, "fillcolor", n.fill_color);
    if (i < view.nodelets.size()) {
      for (const GraphViewNodelet& t : view.nodelets[i]) {
        Agnode_t* box = gv.agnode(graph_, C(t.id), 1);
        set(box, "label", t.label);
        set(box, "id", t.id);
        set(box, "fontsize", "8");
        set(box, "shape", "box3d");
        set(box, "tooltip", t.weight);
        Agedge_t* link = gv.agedge(graph_, gv.agnode(graph_, C(t.parent), 0), box, nullptr, 1);
        set(link, "label", " " + t.weight);
        set(link, "weight", "100");
        set(link, "tooltip", t.weight);
        set(link, "labeltooltip", t.weight);
        if (t.dotted) set(link, "style", "dotted");
      }
    }
  }
  for (const GraphViewEdge& e : view.edges) {
    Agnode_t* from = gv.agnode(graph_, C(e.from), 0);
    Agnode_t* to = gv.agnode(graph_, C(e.to), 0);
    if (from == nullptr || to == nullptr) continue;
    Agedge_t* edge = gv.agedge(graph_, from, to, nullptr, 1);
    set(edge, "label", e.label);
    if (e.weight > 0) set(edge, "weight", std::to_string(e.weight));
    if (e.pen_width > 0) set(edge, "penwidth", std::to_string(e.pen_width));
    if (!e.color.empty()) set(edge, "color", e.color);
    set(edge, "tooltip", e.tooltip);
    set(edge, "labeltooltip", e.tooltip);
    if (e.residual) set(edge, "style", "dotted");
    if (e.long_edge) set(edge, "minlen", "2");
  }
}

DotDocument::~DotDocument() {
  if (graph_ != nullptr) gv_->agclose(graph_);
}

Result<std::string> DotDocument::ToDot() const {
  if (graph_ == nullptr) return status_;
  char* buffer = nullptr;
  size_t size = 0;
  FILE* stream = open_memstream(&buffer, &size);
  if (stream == nullptr) return Status::Input("out of memory writing DOT");
  int rc = gv_->agwrite(graph_, stream);
  std::fclose(stream);
  std::string dot(buffer == nullptr ? "" : buffer, size);
  std::free(buffer);
  if (rc != 0) return Status::Input("Graphviz could not write the graph as DOT");
  return dot;
}

}  // namespace proflens
