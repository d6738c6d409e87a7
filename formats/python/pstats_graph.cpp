#include "formats/python/pstats_graph.h"

#include <cmath>
#include <string>

#include "analyzer/call_graph.h"
#include "analyzer/graph_profile.h"
#include "analyzer/hash.h"
#include "formats/output/pstats_table.h"

namespace proflens {

namespace {

// pstats's func_std_string.
std::string StdName(std::string_view file, int64_t line, std::string_view function) {
  if (file == "~" && line == 0) {
    if (function.size() >= 2 && function.front() == '<' && function.back() == '>') {
      return "{" + std::string(function.substr(1, function.size() - 2)) + "}";
    }
    return std::string(function);
  }
  return std::string(file) + ":" + std::to_string(line) + "(" + std::string(function) + ")";
}

}  // namespace

std::optional<int64_t> PstatsNanos(double seconds) {
  if (!std::isfinite(seconds) || std::fabs(seconds) > 9.0e9) return std::nullopt;
  return static_cast<int64_t>(std::llround(seconds * 1e9));
}

uint32_t PstatsGraph::String(std::string_view text) {
  auto [id, fresh] = string_ids_.FindOrInsert(HashString(text), static_cast<uint32_t>(strings_.size()),
                                              [&](uint32_t i) { return strings_[i] == text; });
  if (fresh) strings_.push_back(text);
  return id;
}

uint32_t PstatsGraph::Function(uint32_t file, int64_t line, uint32_t name) {
  FunctionKey k{file, line, name};
  uint64_t hash = HashCombine(HashCombine(HashMix(file), static_cast<uint64_t>(line)), name);
  auto [id, fresh] = function_ids_.FindOrInsert(hash, static_cast<uint32_t>(functions_.size()),
                                                [&](uint32_t f) { return functions_[f] == k; });
  if (fresh) {
    functions_.push_back(k);
    stats_.emplace_back();
  }
  return id;
}

bool PstatsGraph::Entry(uint32_t function, int64_t primitive_calls, int64_t calls, int64_t tottime_ns,
                        int64_t cumtime_ns) {
  Stats& s = stats_[function];
  if (s.primitive_calls >= 0) return false;
  s = {primitive_calls, calls, tottime_ns, cumtime_ns};
  entries_.push_back(function);
  return true;
}

void PstatsGraph::Caller(uint32_t caller, uint32_t callee, int64_t calls, int64_t primitive, int64_t cumtime_ns) {
  arcs_.push_back({caller, callee, calls, primitive, cumtime_ns});
}

void PstatsGraph::Reserve(size_t functions, size_t callers) {
  function_ids_.Reserve(functions);
  functions_.reserve(functions);
  stats_.reserve(functions);
  entries_.reserve(functions);
  arcs_.reserve(callers);
}

GraphProfile PstatsGraph::Build() && {
  CallGraph graph;
  graph.sample_types.push_back({"time", "nanoseconds"});
  graph.has_calls = true;
  // Node order: the entries, then functions seen only as callers.
  std::vector<uint32_t> node_of(functions_.size(), UINT32_MAX), order = entries_;
  for (uint32_t f = 0; f < functions_.size(); ++f) {
    if (stats_[f].primitive_calls < 0) order.push_back(f);
  }
  graph.nodes.resize(order.size());
  int64_t total = 0;
  for (uint32_t n = 0; n < order.size(); ++n) {
    const uint32_t f = order[n];
    node_of[f] = n;
    const FunctionKey& k = functions_[f];
    const Stats& s = stats_[f];
    CallGraphNode& node = graph.nodes[n];
    node.name = StdName(strings_[k.file], k.line, strings_[k.name]);
    node.info.name = node.name;
    node.info.file = std::string(strings_[k.file]);
    node.info.start_line = k.line;
    node.flat = {s.primitive_calls < 0 ? 0 : s.tottime};
    node.cum = {s.primitive_calls < 0 ? 0 : s.cumtime};
    node.calls = s.primitive_calls < 0 ? 0 : s.calls;
    node.primitive_calls = s.primitive_calls < 0 ? 0 : s.primitive_calls;
    total = SaturatingAdd(total, node.flat[0]);
  }
  graph.edges.resize(arcs_.size());
  for (size_t e = 0; e < arcs_.size(); ++e) {
    CallGraphEdge& edge = graph.edges[e];
    edge.caller = node_of[arcs_[e].caller];
    edge.callee = node_of[arcs_[e].callee];
    edge.weight = {arcs_[e].cumtime};
    edge.flags = {kEdgePresent | kEdgeNotInline};
    edge.calls = arcs_[e].calls;
    edge.primitive_calls = arcs_[e].primitive;
  }
  graph.totals = {total};
  return MakeGraphProfile(std::move(graph), kPstatsFormat, -1, SortPstatsNodes);
}

}  // namespace proflens
