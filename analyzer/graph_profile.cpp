#include "analyzer/graph_profile.h"

#include <string>
#include <unordered_map>

namespace proflens {

namespace {

std::string SampleTypesOf(const CallGraph& g) {
  std::string out;
  for (const SampleTypeName& t : g.sample_types) out += (out.empty() ? "" : " ") + t.type + "/" + t.unit;
  return out;
}

// A graph with `graph`'s sample types, totals, flags and source, and no nodes or edges.
CallGraph EmptyLike(const CallGraph& graph) {
  CallGraph out;
  out.sample_types = graph.sample_types;
  out.totals = graph.totals;
  out.has_calls = graph.has_calls;
  out.source = graph.source;
  return out;
}

int64_t AddCalls(int64_t a, int64_t b) {
  if (a < 0) return b;
  if (b < 0) return a;
  return SaturatingAdd(a, b);
}

}  // namespace

GraphProfile MakeGraphProfile(CallGraph graph, std::string format, int default_index, NodeSorter sorter) {
  Profile profile;
  auto intern = [&profile](const std::string& s) {
    profile.strings.push_back(s);
    return static_cast<StringId>(profile.strings.size() - 1);
  };
  for (const SampleTypeName& t : graph.sample_types) profile.sample_types.push_back({intern(t.type), intern(t.unit)});
  if (default_index >= 0 && static_cast<size_t>(default_index) < profile.sample_types.size()) {
    profile.default_sample_type = profile.sample_types[default_index].type;
  }
  for (const std::string& c : graph.source.comments) profile.comments.push_back(intern(c));
  profile.time_nanos = graph.source.time_nanos;
  profile.duration_nanos = graph.source.duration_nanos;
  if (graph.totals.size() != graph.sample_types.size()) graph.totals.assign(graph.sample_types.size(), 0);
  GraphProfile out;
  out.header = std::move(profile);
  out.graph = std::make_shared<const CallGraph>(std::move(graph));
  out.format = std::move(format);
  out.sorter = sorter;
  return out;
}

CallGraph KeepNodes(const CallGraph& graph, const NodeKeySet* kept) {
  if (kept == nullptr) return graph;
  CallGraph out = EmptyLike(graph);
  std::vector<uint32_t> renumber(graph.nodes.size(), UINT32_MAX);
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    if (!kept->count(graph.nodes[n].info.Key())) continue;
    renumber[n] = static_cast<uint32_t>(out.nodes.size());
    out.nodes.push_back(graph.nodes[n]);
  }
  for (const CallGraphEdge& e : graph.edges) {
    if (renumber[e.caller] == UINT32_MAX || renumber[e.callee] == UINT32_MAX) continue;
    CallGraphEdge copy = e;
    copy.caller = renumber[e.caller];
    copy.callee = renumber[e.callee];
    out.edges.push_back(std::move(copy));
  }
  return out;
}

Result<GraphProfile> MergeGraphProfiles(const std::vector<const GraphProfile*>& profiles) {
  if (profiles.empty()) return Status::Usage("no profiles to merge");
  const CallGraph& first = *profiles[0]->graph;
  CallGraph out = EmptyLike(first);
  out.totals.assign(first.sample_types.size(), 0);
  out.source.duration_nanos = 0;
  const size_t types = first.sample_types.size();
  std::unordered_map<std::string, uint32_t> node_by_key;
  std::unordered_map<std::string, uint32_t> edge_by_key;
  for (const GraphProfile* p : profiles) {
    const CallGraph& g = *p->graph;
    if (SampleTypesOf(g) != SampleTypesOf(first)) {
      return Status::Input("cannot merge graph profiles with different sample types (" + SampleTypesOf(g) +
                           " vs " + SampleTypesOf(first) + ")");
    }
    std::vector<uint32_t> ids(g.nodes.size());
    for (size_t n = 0; n < g.nodes.size(); ++n) {
      const CallGraphNode& src = g.nodes[n];
      auto [it, added] = node_by_key.try_emplace(src.info.Key(), static_cast<uint32_t>(out.nodes.size()));
      if (added) {
        CallGraphNode node = src;
        node.flat.assign(types, 0);
        node.cum.assign(types, 0);
        node.calls = node.primitive_calls = -1;
        out.nodes.push_back(std::move(node));
      }
      CallGraphNode& node = out.nodes[it->second];
      for (size_t t = 0; t < types; ++t) {
        node.flat[t] = SaturatingAdd(node.flat[t], src.flat[t]);
        node.cum[t] = SaturatingAdd(node.cum[t], src.cum[t]);
      }
      node.calls = AddCalls(node.calls, src.calls);
      node.primitive_calls = AddCalls(node.primitive_calls, src.primitive_calls);
      ids[n] = it->second;
    }
    for (const CallGraphEdge& src : g.edges) {
      std::string key = std::to_string(ids[src.caller]) + ":" + std::to_string(ids[src.callee]);
      auto [it, added] = edge_by_key.try_emplace(key, static_cast<uint32_t>(out.edges.size()));
      if (added) {
        CallGraphEdge edge = src;
        edge.caller = ids[src.caller];
        edge.callee = ids[src.callee];
        edge.weight.assign(types, 0);
        edge.flags.assign(types, 0);
        edge.calls = edge.primitive_calls = -1;
        out.edges.push_back(std::move(edge));
      }
      CallGraphEdge& edge = out.edges[it->second];
      for (size_t t = 0; t < types; ++t) {
        edge.weight[t] = SaturatingAdd(edge.weight[t], src.weight[t]);
        edge.flags[t] |= src.flags[t];
      }
      edge.calls = AddCalls(edge.calls, src.calls);
      edge.primitive_calls = AddCalls(edge.primitive_calls, src.primitive_calls);
    }
    for (size_t t = 0; t < types; ++t) out.totals[t] = SaturatingAdd(out.totals[t], g.totals[t]);
    out.source.duration_nanos = SaturatingAdd(out.source.duration_nanos, g.source.duration_nanos);
  }
  return MakeGraphProfile(std::move(out), profiles[0]->format, -1, profiles[0]->sorter);
}

}  // namespace proflens
