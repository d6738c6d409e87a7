// Trimming a call graph as pprof does it before any report: drop nodes whose
// cum is below node_fraction of the total, keep the node_count first in the
// report's order, drop edges below edge_fraction. Each step rebuilds the graph
// from its source with the kept nodes, so paths through dropped nodes become
// residual edges instead of vanishing.
#ifndef PROFLENS_ANALYZER_TRIM_H_
#define PROFLENS_ANALYZER_TRIM_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/call_graph.h"
#include "analyzer/report_labels.h"

namespace proflens {

// Builds the graph keeping only `kept` nodes (all nodes when null). Shared
// and read-only: a graph profile's own graph, or one built once, is handed
// out as it is, not copied.
using GraphBuilder = std::function<std::shared_ptr<const CallGraph>(const NodeKeySet* kept)>;

// The order nodes are ranked in, always ending on a total tie-break.
enum class NodeOrder {
  kFlat,   // |flat| desc, name, |cum| desc
  kCum,    // |cum| desc, name, |flat| desc
  kCalls,  // calls desc, name
  kName,   // name asc (pstats: "standard name", file:line(function))
  kEntropy,  // pprof's call-graph order: nodes whose edges branch rank first
  // pstats's other sort keys (on other profiles: their fields, then name).
  kPrimitiveCalls,  // "pcalls": non-recursive calls desc
  kFile,            // "file", "filename", "module": file asc
  kLine,            // "line": line asc
  kFunctionName,    // "name": the function's own name asc
  kNameFileLine,    // "nfl": function name, file, line asc
};

// Sorts `nodes` (ids into graph.nodes) in `order` for sample type t. A
// format whose own tables rank differently (pstats: one key, ties in the
// file's order) supplies its own; null means pprof's order (SortNodes).
using NodeSorter = void (*)(const CallGraph& graph, int t, NodeOrder order, std::vector<uint32_t>& nodes);

struct TrimOptions {
  int sample_index = 0;
  int node_count = 0;            // 0 keeps all
  double node_fraction = 0.005;  // pprof's defaults
  double edge_fraction = 0.001;
  NodeOrder order = NodeOrder::kFlat;
  // Call-graph pictures: drop residual edges whose target is reachable another way.
  bool remove_redundant_edges = false;
  // Call-graph pictures: a node's tags (nodelets, up to 4) count against
  // node_count, and tags below the node cutoff are dropped (as pprof -dot).
  bool count_tags = false;
  NodeSorter sorter = nullptr;  // null: SortNodes
};

// pprof draws at most this many tags (nodelets) per node.
inline constexpr int kMaxNodelets = 4;

struct TrimmedGraph {
  CallGraph graph;              // edges below the edge cutoff are removed
  std::vector<uint32_t> order;  // the nodes present for the sample type, in report order
  TrimSummary summary;
  int64_t node_cutoff = 0;      // |cum| below this was dropped
};

TrimmedGraph TrimCallGraph(const GraphBuilder& build, const TrimOptions& options);

// The unit a report prints values in. "minimum" is pprof's default: the unit
// that fits both the smallest non-zero entry of `nodes` (flat, else cum) and
// the total; on graph profiles (call counts: cProfile, callgrind) it is
// "auto", each value in its own unit. Any other request ("auto", "ms", ...)
// is kept as it is.
std::string ResolveReportUnit(const CallGraph& graph, const std::vector<uint32_t>& nodes, int t,
                              const std::string& requested);

// Sorts edge ids heaviest first, then by caller and callee name (pprof's edge order).
void SortEdges(const CallGraph& graph, int t, std::vector<uint32_t>& edges);

// pprof's order: `order`, then the total tie-break.
void SortNodes(const CallGraph& graph, int t, NodeOrder order, std::vector<uint32_t>& nodes);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_TRIM_H_
