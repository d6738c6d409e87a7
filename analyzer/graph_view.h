// ComputeGraphView: what a call-graph picture shows, as pprof -dot shows it:
// the trimmed graph (node count, node and edge fractions, entropy order,
// residual edges), each node's label, size and colour, each edge's label,
// width and colour, and the legend. formats/output/dot_writer turns it into Graphviz.
#ifndef PROFLENS_ANALYZER_GRAPH_VIEW_H_
#define PROFLENS_ANALYZER_GRAPH_VIEW_H_

#include <string>
#include <vector>

#include "analyzer/trim.h"

namespace proflens {

struct GraphViewOptions {
  int sample_index = 0;
  int node_count = 80;
  double node_fraction = 0.005;
  double edge_fraction = 0.001;
  std::string unit = "minimum";
  std::vector<std::string> active_filters;
};

struct GraphViewNode {
  std::string id;        // "N1", "N2", ... in rank order
  std::string name;      // the printable name
  std::string label;     // Graphviz escString: lines end in "\n" (centred)
  std::string tooltip;   // "name (cum)"
  int font_size = 8;     // grows with flat
  std::string color;     // border, from cum
  std::string fill_color;
  int64_t flat = 0, cum = 0;
};

struct GraphViewEdge {
  std::string from, to;  // node ids
  std::string label;     // " weight", "\n (inline)", "\nN×" for call counts
  std::string tooltip;   // "caller -> callee (weight)", "..." for residual edges
  int weight = 0;        // Graphviz layout weight; 0 leaves it unset
  int pen_width = 0;     // 0 leaves it unset
  std::string color;
  bool residual = false; // drawn dotted: it skips frames that were trimmed
  bool long_edge = false; // the caller has nodelets: leave room for them (minlen 2)
  int64_t value = 0;
};

// A tag drawn as a small box hanging off its node (pprof's nodelets): a label
// set's share, or an allocation size (or range) under it.
struct GraphViewNodelet {
  std::string id;      // "N3_0", or pprof's "NN3_0" for numeric tags
  std::string parent;  // the node or nodelet it hangs off
  std::string label;
  std::string weight;  // formatted; the tooltip and the edge label
  bool dotted = false; // a cum-only share of a numeric tag
};

struct GraphView {
  std::string title;                // the graph's name: the main binary, or "unnamed"
  std::vector<std::string> legend;  // one line each
  std::vector<GraphViewNode> nodes;
  std::vector<GraphViewEdge> edges;
  std::vector<std::vector<GraphViewNodelet>> nodelets;  // per node, same order
};

GraphView ComputeGraphView(const GraphBuilder& build, const GraphViewOptions& options);

// pprof's colour for a share in [-1, 1]: grey near 0, red for positive,
// green for negative; a pale variant for backgrounds.
std::string ShareColor(double share, bool background);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_GRAPH_VIEW_H_
