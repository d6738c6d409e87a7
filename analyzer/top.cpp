#include "analyzer/top.h"


#include "analyzer/graph_input.h"
#include "analyzer/regex.h"
#include "analyzer/units.h"

namespace proflens {

Result<NodeOrder> ParseSortOrder(std::string_view name) {
  // pprof's words, then every sort key of pstats' (Stats.sort_stats).
  if (name == "flat" || name == "tottime" || name == "time") return NodeOrder::kFlat;
  if (name == "cum" || name == "cumtime" || name == "cumulative") return NodeOrder::kCum;
  if (name == "calls" || name == "ncalls") return NodeOrder::kCalls;
  if (name == "pcalls") return NodeOrder::kPrimitiveCalls;
  if (name == "name") return NodeOrder::kFunctionName;
  if (name == "stdname") return NodeOrder::kName;
  if (name == "file" || name == "filename" || name == "module") return NodeOrder::kFile;
  if (name == "line") return NodeOrder::kLine;
  if (name == "nfl") return NodeOrder::kNameFileLine;
  return Status::Usage("unknown sort order \"" + std::string(name) +
                       "\" (expected flat, cum, calls, name, or pstats' calls, cumulative, cumtime, file, filename, "
                       "module, ncalls, pcalls, line, name, nfl, stdname, time, tottime)");
}

std::string TopReport::FormatValue(int64_t value) const {
  return ScaledLabel(value, sample_type.unit, output_unit);
}

Result<TopReport> ComputeTop(const GraphBuilder& build, const TopOptions& options) {
  TrimOptions trim_options;
  trim_options.sample_index = options.sample_index;
  trim_options.node_count = options.rows.empty() ? options.node_count : 0;  // --rows cuts first
  trim_options.node_fraction = options.node_fraction;
  trim_options.order = options.order;
  trim_options.sorter = options.sorter;
  TrimmedGraph trimmed = TrimCallGraph(build, trim_options);
  const CallGraph& graph = trimmed.graph;
  const int t = options.sample_index;
  if ((options.order == NodeOrder::kCalls || options.order == NodeOrder::kPrimitiveCalls) && !graph.has_calls) {
    return Status::Usage("--sort calls needs call counts, and this profile has none (it is sampled)");
  }

  TopReport report;
  report.sample_type = graph.sample_types[t];
  report.total = graph.totals[t];
  report.has_calls = graph.has_calls;

  // Inline labels come from the kept incoming edges.
  std::vector<uint8_t> in_kind(graph.nodes.size(), 0);  // 1: inlined call seen, 2: real call seen
  for (const CallGraphEdge& e : graph.edges) in_kind[e.callee] |= e.is_inline(t) ? 1 : 2;

  int64_t sum = 0;
  for (uint32_t n : trimmed.order) {
    const CallGraphNode& node = graph.nodes[n];
    TopRow row;
    row.name = node.name;
    if (in_kind[n] == 1) row.inline_label = "(inline)";
    if (in_kind[n] == 3) row.inline_label = "(partial-inline)";
    row.flat = node.flat[t];
    row.cum = node.cum[t];
    sum = SaturatingAdd(sum, row.flat);
    row.sum = sum;
    if (graph.has_calls) {
      row.calls = node.calls;
      row.primitive_calls = node.primitive_calls;
    }
    report.rows.push_back(std::move(row));
  }

  report.node_count = options.node_count;
  TrimSummary summary = trimmed.summary;
  if (!options.rows.empty()) {
    PROFLENS_ASSIGN_OR_RETURN(Regex re, Regex::Compile(options.rows, "rows"));
    std::erase_if(report.rows, [&](const TopRow& r) { return !re.Search(r.name); });
    report.rows_matching = report.rows.size();
    if (options.node_count > 0 && report.rows.size() > static_cast<size_t>(options.node_count)) {
      report.rows.resize(options.node_count);
    }
    int64_t running = 0;
    summary.shown_flat = 0;
    for (TopRow& r : report.rows) {
      running = SaturatingAdd(running, r.flat);
      r.sum = running;
      summary.shown_flat = running;
    }
    summary.shown_nodes = report.rows.size();
    report.rows_filter = options.rows;
  }
  for (const CallGraphNode& node : graph.nodes) report.has_primitive_calls |= graph.has_calls && node.primitive_calls >= 0;
  report.output_unit = ResolveReportUnit(graph, trimmed.order, t, options.unit);

  ValueFormatter format = [&report](int64_t v) { return report.FormatValue(v); };
  report.labels = BuildProfileLabels(graph.source, report.sample_type, report.total, format);
  for (std::string& line : ActiveFilterLabels(options.active_filters)) report.labels.push_back(std::move(line));
  summary.dropped_edges = 0;  // pprof's text reports do not mention edges
  for (std::string& line : BuildTrimLabels(summary, report.total, format)) {
    report.labels.push_back(std::move(line));
  }
  return report;
}

}  // namespace proflens
