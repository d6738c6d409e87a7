#include "analyzer/trim.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <tuple>

#include "analyzer/units.h"

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

// pprof's entropy score: how much a node's edges branch, weighted by cum;
// entry and leaf nodes are favoured.
double EdgeEntropy(const CallGraph& g, int t, const std::vector<uint32_t>& edges, int64_t self) {
  double score = 0;
  int64_t total = self;
  for (uint32_t e : edges) {
    if (g.edges[e].weight[t] > 0) total += Abs(g.edges[e].weight[t]);
  }
  if (total == 0) return 0;
  for (uint32_t e : edges) {
    double frac = static_cast<double>(Abs(g.edges[e].weight[t])) / static_cast<double>(total);
    score += -frac * std::log2(frac);
  }
  if (self > 0) {
    double frac = static_cast<double>(Abs(self)) / static_cast<double>(total);
    score += -frac * std::log2(frac);
  }
  return score;
}

std::vector<int64_t> EntropyScores(const CallGraph& g, int t) {
  std::vector<std::vector<uint32_t>> in(g.nodes.size()), out(g.nodes.size());
  for (uint32_t e = 0; e < g.edges.size(); ++e) {
    if (!g.edges[e].present(t)) continue;
    in[g.edges[e].callee].push_back(e);
    out[g.edges[e].caller].push_back(e);
  }
  std::vector<int64_t> scores(g.nodes.size(), 0);
  for (size_t n = 0; n < g.nodes.size(); ++n) {
    double score = 0;
    score += in[n].empty() ? 1 : EdgeEntropy(g, t, in[n], 0);
    score += out[n].empty() ? 1 : EdgeEntropy(g, t, out[n], g.nodes[n].flat[t]);
    // As Go computes int64(score*cum) + flat on amd64, without C++'s undefined
    // behaviour: NaN (a zero-weight edge gives 0 * log2(0)) and values out of
    // range convert to INT64_MIN, and the addition wraps.
    double v = score * static_cast<double>(g.nodes[n].cum[t]);
    int64_t base = std::isnan(v) || v >= 9223372036854775807.0 || v < -9223372036854775808.0 ? INT64_MIN
                                                                                               : static_cast<int64_t>(v);
    scores[n] = static_cast<int64_t>(static_cast<uint64_t>(base) + static_cast<uint64_t>(g.nodes[n].flat[t]));
  }
  return scores;
}

// Whether `edge`'s callee can be reached from its caller without it.
bool IsRedundantEdge(const CallGraph& g, const std::vector<std::vector<uint32_t>>& in, uint32_t edge,
                     const std::vector<bool>& removed) {
  uint32_t src = g.edges[edge].caller;
  std::vector<uint32_t> queue = {g.edges[edge].callee};
  std::vector<bool> seen(g.nodes.size(), false);
  seen[g.edges[edge].callee] = true;
  for (size_t q = 0; q < queue.size(); ++q) {
    for (uint32_t e : in[queue[q]]) {
      if (e == edge || removed[e] || seen[g.edges[e].caller]) continue;
      if (g.edges[e].caller == src) return true;
      seen[g.edges[e].caller] = true;
      queue.push_back(g.edges[e].caller);
    }
  }
  return false;
}

}  // namespace

void SortNodes(const CallGraph& graph, int t, NodeOrder order, std::vector<uint32_t>& nodes) {
  std::vector<int64_t> entropy;
  if (order == NodeOrder::kEntropy) entropy = EntropyScores(graph, t);
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
        int64_t ac = a.calls, bc = b.calls;
        if (ac != bc) return ac > bc;
        if (a.name != b.name) return a.name < b.name;
        break;
      }
      case NodeOrder::kName:
        if (a.name != b.name) return a.name < b.name;
        break;
      case NodeOrder::kPrimitiveCalls:
        if (a.primitive_calls != b.primitive_calls) return a.primitive_calls > b.primitive_calls;
        if (a.name != b.name) return a.name < b.name;
        break;
      case NodeOrder::kFile:
        if (a.info.file != b.info.file) return a.info.file < b.info.file;
        if (a.name != b.name) return a.name < b.name;
        break;
      case NodeOrder::kLine: {
        const int64_t al = a.info.line != 0 ? a.info.line : a.info.start_line;
        const int64_t bl = b.info.line != 0 ? b.info.line : b.info.start_line;
        if (al != bl) return al < bl;
        if (a.name != b.name) return a.name < b.name;
        break;
      }
      case NodeOrder::kFunctionName:
      case NodeOrder::kNameFileLine:
        if (a.info.name != b.info.name) return a.info.name < b.info.name;
        if (a.name != b.name) return a.name < b.name;
        break;
      case NodeOrder::kEntropy:
        if (by_value(entropy[l], entropy[r], &result)) return result < 0;
        if (a.name != b.name) return a.name < b.name;
        if (by_value(a.flat[t], b.flat[t], &result)) return result < 0;
        break;
    }
    return InfoLess(a.info, b.info);
  };
  std::sort(nodes.begin(), nodes.end(), less);
}

void SortEdges(const CallGraph& graph, int t, std::vector<uint32_t>& edges) {
  std::sort(edges.begin(), edges.end(), [&](uint32_t l, uint32_t r) {
    const CallGraphEdge& a = graph.edges[l];
    const CallGraphEdge& b = graph.edges[r];
    if (a.weight[t] != b.weight[t]) return Abs(a.weight[t]) > Abs(b.weight[t]);
    const std::string& ac = graph.nodes[a.caller].name;
    const std::string& bc = graph.nodes[b.caller].name;
    if (ac != bc) return ac < bc;
    return graph.nodes[a.callee].name < graph.nodes[b.callee].name;
  });
}

namespace {

// Walks nodes from the last in order and drops their lightest residual
// in-edges while the callee stays reachable from the caller (pprof's
// RemoveRedundantEdges); stops at the first non-residual edge of a node.
void RemoveRedundantEdges(CallGraph& g, int t, const std::vector<uint32_t>& order) {
  std::vector<std::vector<uint32_t>> in(g.nodes.size());
  for (uint32_t e = 0; e < g.edges.size(); ++e) in[g.edges[e].callee].push_back(e);
  std::vector<bool> removed(g.edges.size(), false);
  for (size_t i = order.size(); i-- > 0;) {
    std::vector<uint32_t> edges = in[order[i]];
    SortEdges(g, t, edges);
    for (size_t j = edges.size(); j-- > 0;) {
      if (!g.edges[edges[j]].residual(t)) break;
      if (IsRedundantEdge(g, in, edges[j], removed)) removed[edges[j]] = true;
    }
  }
  std::vector<CallGraphEdge> kept;
  for (uint32_t e = 0; e < g.edges.size(); ++e) {
    if (!removed[e]) kept.push_back(std::move(g.edges[e]));
  }
  g.edges = std::move(kept);
}

void TrimTags(CallGraph& g, int t, int64_t cutoff) {
  for (CallGraphNode& n : g.nodes) {
    std::erase_if(n.tags, [&](const NodeTag& tag) { return Abs(tag.flat[t]) < cutoff && Abs(tag.cum[t]) < cutoff; });
  }
}

// The tags of a node that a picture draws: those with flat weight that
// TrimTags keeps.
int CountTags(const CallGraphNode& n, int t, int64_t cutoff) {
  int count = 0;
  for (const NodeTag& tag : n.tags) count += tag.flat[t] != 0 && (Abs(tag.flat[t]) >= cutoff || Abs(tag.cum[t]) >= cutoff);
  return count;
}

// The graph to edit: taken over when nothing else holds it (a graph built
// for this trim), else copied, without the node tags unless `tags` (only the
// pictures draw them: a copy of 1e5 nodes' tags is 3e5 allocations).
CallGraph TakeGraph(std::shared_ptr<const CallGraph> graph, bool tags) {
  if (graph.use_count() == 1) return std::move(const_cast<CallGraph&>(*graph));  // built non-const by every GraphBuilder
  return tags ? *graph : CopyWithoutTags(*graph);
}

}  // namespace

std::string ResolveReportUnit(const CallGraph& graph, const std::vector<uint32_t>& nodes, int t,
                              const std::string& requested) {
  if (requested != "minimum" || nodes.empty()) return requested;
  // Graph profiles (cProfile, callgrind) time single calls exactly: one unit
  // for all would print seconds in nanoseconds; each value takes its own.
  if (graph.has_calls) return "auto";
  int64_t min_value = 0;
  for (uint32_t n : nodes) {
    int64_t v = Abs(graph.nodes[n].flat[t] != 0 ? graph.nodes[n].flat[t] : graph.nodes[n].cum[t]);
    if (v > 0 && (min_value == 0 || v < min_value)) min_value = v;
  }
  return ChooseReportUnit(min_value, graph.totals[t], graph.sample_types[t].unit);
}

TrimmedGraph TrimCallGraph(const GraphBuilder& build, const TrimOptions& options) {
  const int t = options.sample_index;
  const NodeSorter Sort = options.sorter != nullptr ? options.sorter : SortNodes;
  TrimmedGraph out;
  // The steps read shared graphs; only the last one is copied to be edited.
  std::shared_ptr<const CallGraph> graph = build(nullptr);
  std::vector<uint32_t> nodes = PresentNodes(*graph, t);

  // The cutoffs are fractions of the sum of flat over all nodes.
  int64_t flat_sum = 0;
  for (uint32_t n : nodes) flat_sum = SaturatingAdd(flat_sum, graph->nodes[n].flat[t]);
  const int64_t node_cutoff = Abs(static_cast<int64_t>(static_cast<double>(flat_sum) * options.node_fraction));
  const int64_t edge_cutoff = Abs(static_cast<int64_t>(static_cast<double>(flat_sum) * options.edge_fraction));

  // Step 1: drop nodes whose cum is below the node cutoff.
  if (node_cutoff > 0) {
    std::vector<uint32_t> kept;
    for (uint32_t n : nodes) {
      if (Abs(graph->nodes[n].cum[t]) >= node_cutoff) kept.push_back(n);
    }
    if (kept.size() != nodes.size()) {
      out.summary.dropped_nodes = static_cast<int>(nodes.size() - kept.size());
      NodeKeySet keys = KeysOf(*graph, kept);
      graph = build(&keys);
      nodes = PresentNodes(*graph, t);
    }
  }
  out.summary.candidate_nodes = nodes.size();

  // Step 2: keep the node_count first nodes in report order.
  Sort(*graph, t, options.order, nodes);
  size_t keep = options.node_count > 0 ? static_cast<size_t>(options.node_count) : nodes.size();
  if (options.node_count > 0 && options.count_tags) {
    // Each node costs one plus its drawn tags.
    int count = 0;
    for (size_t i = 0; i < nodes.size(); ++i) {
      count += std::min(CountTags(graph->nodes[nodes[i]], t, node_cutoff), kMaxNodelets) + 1;
      if (count >= options.node_count) {
        keep = i + 1;
        break;
      }
    }
  }
  if (keep < nodes.size()) {
    nodes.resize(keep);
    NodeKeySet keys = KeysOf(*graph, nodes);
    graph = build(&keys);
    nodes = PresentNodes(*graph, t);
    Sort(*graph, t, options.order, nodes);
  }
  out.graph = TakeGraph(std::move(graph), options.count_tags);

  if (options.count_tags) TrimTags(out.graph, t, node_cutoff);
  out.node_cutoff = node_cutoff;

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
  if (options.remove_redundant_edges) RemoveRedundantEdges(out.graph, t, nodes);

  out.order = std::move(nodes);
  out.summary.shown_nodes = out.order.size();
  for (uint32_t n : out.order) out.summary.shown_flat = SaturatingAdd(out.summary.shown_flat, out.graph.nodes[n].flat[t]);
  out.summary.node_fraction = options.node_fraction;
  out.summary.edge_fraction = options.edge_fraction;
  return out;
}

}  // namespace proflens
