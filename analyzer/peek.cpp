#include "analyzer/peek.h"

#include <algorithm>
#include <cstdlib>

#include "analyzer/graph_input.h"
#include "analyzer/regex.h"
#include "analyzer/closest_name.h"
#include "analyzer/units.h"

namespace proflens {

std::string PeekReport::FormatValue(int64_t value) const {
  return ScaledLabel(value, sample_type.unit, output_unit);
}

Result<PeekReport> ComputePeek(const GraphBuilder& build, const PeekOptions& options) {
  PROFLENS_ASSIGN_OR_RETURN(Regex re, Regex::Compile(options.regex, "peek"));
  // Peek shows the whole graph: no trimming.
  TrimOptions trim;
  trim.sample_index = options.sample_index;
  trim.node_fraction = 0;
  trim.edge_fraction = 0;
  trim.sorter = options.sorter;
  TrimmedGraph trimmed = TrimCallGraph(build, trim);
  const CallGraph& graph = trimmed.graph;
  const int t = options.sample_index;

  PeekReport report;
  report.sample_type = graph.sample_types[t];
  report.total = graph.totals[t];
  report.has_calls = graph.has_calls;
  std::vector<std::vector<uint32_t>> in(graph.nodes.size()), out(graph.nodes.size());
  for (uint32_t e = 0; e < graph.edges.size(); ++e) {
    in[graph.edges[e].callee].push_back(e);
    out[graph.edges[e].caller].push_back(e);
  }
  auto link = [&](uint32_t e, bool caller) {
    const CallGraphEdge& edge = graph.edges[e];
    return PeekLink{graph.nodes[caller ? edge.caller : edge.callee].name, edge.weight[t], edge.calls,
                    edge.primitive_calls, edge.is_inline(t)};
  };
  int64_t sum = 0;
  for (uint32_t n : trimmed.order) {
    const CallGraphNode& node = graph.nodes[n];
    if (!re.Search(node.name)) continue;
    PeekEntry entry;
    entry.name = node.name;
    entry.flat = node.flat[t];
    entry.cum = node.cum[t];
    sum = SaturatingAdd(sum, entry.flat);
    entry.sum = sum;
    if (graph.has_calls) {
      entry.calls = node.calls;
      entry.primitive_calls = node.primitive_calls;
    }
    SortEdges(graph, t, in[n]);
    SortEdges(graph, t, out[n]);
    for (uint32_t e : in[n]) entry.callers.push_back(link(e, true));
    for (uint32_t e : out[n]) entry.callees.push_back(link(e, false));
    report.entries.push_back(std::move(entry));
  }
  if (report.entries.empty()) {
    std::vector<std::string_view> names;
    for (uint32_t n : trimmed.order) names.push_back(graph.nodes[n].name);
    const std::string closest = ClosestName(names, options.regex);
    return Status::Usage("no function matches \"" + options.regex + "\"" + (closest.empty() ? "" : "; closest: " + closest));
  }

  report.output_unit = ResolveReportUnit(graph, trimmed.order, t, options.unit);
  ValueFormatter format = [&report](int64_t v) { return report.FormatValue(v); };
  report.labels = BuildProfileLabels(graph.source, report.sample_type, report.total, format);
  for (std::string& line : ActiveFilterLabels(options.active_filters)) report.labels.push_back(std::move(line));
  TrimSummary summary = trimmed.summary;
  summary.dropped_edges = 0;
  for (std::string& line : BuildTrimLabels(summary, report.total, format)) report.labels.push_back(std::move(line));
  return report;
}

}  // namespace proflens
