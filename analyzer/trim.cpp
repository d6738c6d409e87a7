#include "analyzer/trim.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>

namespace proflens {

namespace {

int64_t Abs(int64_t v) { return v == INT64_MIN ? INT64_MAX : std::llabs(v); }

std::vector<uint32_t> PresentNodes(const CallGraph& graph, int t) {
  std::vector<uint32_t> nodes;
  for (uint32_t n = 0; n < graph.nodes.size(); ++n) {
    if (graph.present(n, t)) nodes.push_back(n);
  }
  return nodes;
}

NodeKeySet KeysOf(const CallGraph& graph, std::span<const uint32_t> nodes) {
  NodeKeySet keys;
  for (uint32_t n : nodes) keys.insert(graph.nodes[n].info.Key());
  return keys;
}

// Last resort between two nodes of the same printable name: all their fields.
bool InfoLess(const NodeInfo& a, const NodeInfo& b) {
  return std::tie(a.name, a.address, a.file, a.start_line, a.line, a.objfile) <
         std::tie(b.name, b.address, b.file, b.start_line, b.line, b.objfile);
}

}  // namespace

void SortNodes(const CallGraph& graph, int t, NodeOrder order, std::vector<uint32_t>& nodes) {
  auto less = [&](uint32_t l, uint32_t r) {
    const CallGraphNode& a = graph.nodes[l];
    const CallGraphNode& b = graph.nodes[r];
    auto by_value = [&](int64_t av, int64_t bv, int* result) {
      if (Abs(av) != Abs(bv)) {
        *result = Abs(av) > Abs(bv) ? -1 : 1;
        return true;
      }
      return false;
    };
    int result = 0;
    switch (order) {
      case NodeOrder::kFlat:
        if (by_value(a.flat[t], b.flat[t], &result)) return result < 0;
        if (a.name != b.name) return a.name < b.name;
        if (by_value(a.cum[t], b.cum[t], &result)) return result < 0;
        break;
      case NodeOrder::kCum:
        if (by_value(a.cum[t], b.cum[t], &result)) return result < 0;
        if (a.name != b.name) return a.name < b.name;
        if (by_value(a.flat[t], b.flat[t], &result)) return result < 0;
        break;
      case NodeOrder::kCalls: {
        int64_t ac = a.calls.empty() ? 0 : a.calls[t];
        int64_t bc = b.calls.empty() ? 0 : b.calls[t];
        if (ac != bc) return ac > bc;
        if (a.name != b.name) return a.name < b.name;
        break;
      }
      case NodeOrder::kName:
        if (a.name != b.name) return a.name < b.name;
        break;
    }
    return InfoLess(a.info, b.info);
  };
  std::sort(nodes.begin(), nodes.end(), less);
}

TrimmedGraph TrimCallGraph(const GraphBuilder& build, const TrimOptions& options) {
  const int t = options.sample_index;
  TrimmedGraph out;
  out.graph = build(nullptr);
  std::vector<uint32_t> nodes = PresentNodes(out.graph, t);

  // The cutoffs are fractions of the sum of flat over all nodes.
  int64_t flat_sum = 0;
  for (uint32_t n : nodes) flat_sum = SaturatingAdd(flat_sum, out.graph.nodes[n].flat[t]);
  const int64_t node_cutoff = Abs(static_cast<int64_t>(static_cast<double>(flat_sum) * options.node_fraction));
  const int64_t edge_cutoff = Abs(static_cast<int64_t>(static_cast<double>(flat_sum) * options.edge_fraction));

  // Step 1: drop nodes whose cum is below the node cutoff.
  if (node_cutoff > 0) {
    std::vector<uint32_t> kept;
    for (uint32_t n : nodes) {
      if (Abs(out.graph.nodes[n].cum[t]) >= node_cutoff) kept.push_back(n);
    }
    if (kept.size() != nodes.size()) {
      out.summary.dropped_nodes = static_cast<int>(nodes.size() - kept.size());
      NodeKeySet keys = KeysOf(out.graph, kept);
      out.graph = build(&keys);
      nodes = PresentNodes(out.graph, t);
    }
  }
  out.summary.candidate_nodes = nodes.size();

  // Step 2: keep the node_count first nodes in report order.
  SortNodes(out.graph, t, options.order, nodes);
  if (options.node_count > 0 && static_cast<size_t>(options.node_count) < nodes.size()) {
    nodes.resize(options.node_count);
    NodeKeySet keys = KeysOf(out.graph, nodes);
    out.graph = build(&keys);
    nodes = PresentNodes(out.graph, t);
    SortNodes(out.graph, t, options.order, nodes);
  }

  // Step 3: drop light edges, and edges that do not exist for this sample type.
  std::vector<CallGraphEdge> edges;
  for (CallGraphEdge& e : out.graph.edges) {
    if (!e.present(t)) continue;
    if (Abs(e.weight[t]) < edge_cutoff) {
      ++out.summary.dropped_edges;
      continue;
    }
    edges.push_back(std::move(e));
  }
  out.graph.edges = std::move(edges);

  out.order = std::move(nodes);
  out.summary.shown_nodes = out.order.size();
  for (uint32_t n : out.order) out.summary.shown_flat = SaturatingAdd(out.summary.shown_flat, out.graph.nodes[n].flat[t]);
  out.summary.node_fraction = options.node_fraction;
  out.summary.edge_fraction = options.edge_fraction;
  return out;
}

}  // namespace proflens
