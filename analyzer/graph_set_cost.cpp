#include "analyzer/graph_set_cost.h"

#include <algorithm>
#include <cmath>

namespace proflens {

namespace {

struct Arc {
  uint32_t caller;
  double weight;
};

// Callers of each node (self arcs and arcs of no positive cost left out).
std::vector<std::vector<Arc>> CallersOf(const CallGraph& g, int t) {
  std::vector<std::vector<Arc>> callers(g.nodes.size());
  for (const CallGraphEdge& e : g.edges) {
    if (e.caller == e.callee || e.weight[t] <= 0) continue;
    callers[e.callee].push_back({e.caller, static_cast<double>(e.weight[t])});
  }
  return callers;
}

// Nodes callers first (reverse postorder of a depth-first walk from the
// roots), so that one pass settles a graph without cycles.
std::vector<uint32_t> CallersFirst(const CallGraph& g, const std::vector<std::vector<Arc>>& callers) {
  const size_t n = g.nodes.size();
  std::vector<std::vector<uint32_t>> callees(n);
  for (uint32_t c = 0; c < n; ++c) {
    for (const Arc& a : callers[c]) callees[a.caller].push_back(c);
  }
  std::vector<uint8_t> state(n, 0);  // 0 unseen, 1 on the walk, 2 done
  std::vector<uint32_t> postorder;
  postorder.reserve(n);
  std::vector<std::pair<uint32_t, size_t>> walk;
  auto visit = [&](uint32_t root) {
    if (state[root] != 0) return;
    state[root] = 1;
    walk.push_back({root, 0});
    while (!walk.empty()) {
      auto& [node, next] = walk.back();
      if (next < callees[node].size()) {
        uint32_t callee = callees[node][next++];
        if (state[callee] == 0) {
          state[callee] = 1;
          walk.push_back({callee, 0});
        }
        continue;
      }
      state[node] = 2;
      postorder.push_back(node);
      walk.pop_back();
    }
  };
  for (uint32_t r = 0; r < n; ++r) {
    if (callers[r].empty()) visit(r);
  }
  for (uint32_t r = 0; r < n; ++r) visit(r);  // nodes only on cycles
  std::reverse(postorder.begin(), postorder.end());
  return postorder;
}

}  // namespace

int64_t GraphSetCum(const CallGraph& g, const std::vector<bool>& matched, int t) {
  const std::vector<std::vector<Arc>> callers = CallersOf(g, t);
  const std::vector<uint32_t> order = CallersFirst(g, callers);

  // The share of each node's cost that runs below a matched node: rises
  // monotonically from 0, so repeated passes settle (cycles take several).
  std::vector<double> inside(g.nodes.size(), 0.0);
  for (size_t n = 0; n < g.nodes.size(); ++n) {
    if (matched[n]) inside[n] = 1;
  }
  constexpr int kMaxPasses = 1000;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    double largest_change = 0;
    for (uint32_t n : order) {
      if (matched[n] || callers[n].empty()) continue;
      double in = 0, below = 0;
      for (const Arc& a : callers[n]) {
        in += a.weight;
        below += a.weight * inside[a.caller];
      }
      double share = std::min(1.0, below / std::max(in, static_cast<double>(g.nodes[n].cum[t])));
      largest_change = std::max(largest_change, share - inside[n]);
      inside[n] = share;
    }
    if (largest_change <= 1e-12) break;
  }

  // What enters the set from outside it.
  double sum = 0;
  int64_t largest = 0;
  for (size_t m = 0; m < g.nodes.size(); ++m) {
    if (!matched[m]) continue;
    const double cum = static_cast<double>(g.nodes[m].cum[t]);
    largest = std::max(largest, g.nodes[m].cum[t]);
    double in = 0;
    for (const Arc& a : callers[m]) {
      in += a.weight;
      sum += a.weight * (1 - inside[a.caller]);
    }
    sum += std::max(0.0, cum - in);
  }
  const int64_t total = std::max(largest, g.totals[t]);
  if (!(sum < static_cast<double>(total))) return total;
  return std::clamp(static_cast<int64_t>(std::llround(sum)), largest, total);
}

}  // namespace proflens
