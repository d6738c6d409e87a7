#include "analyzer/graph_input.h"

#include "analyzer/diff.h"

namespace proflens {

std::shared_ptr<const CallGraph> GraphInput::Build(const NodeKeySet* kept, bool tags) const {
  // A graph profile's whole graph, with its own totals, is the one it holds.
  const GraphProfile* recorded = profile.graph();
  if (kept == nullptr && recorded != nullptr && recorded->graph->totals == totals) return recorded->graph;
  CallGraphOptions options{granularity, kept, tags};
  options.sample_index = sample_index;  // top, peek and dot show one sample type
  options.threads = threads;
  auto graph = std::make_shared<CallGraph>(profile.BuildGraph(options));
  graph->totals = totals;
  return graph;
}

Result<GraphInput> PrepareGraphInput(AnyProfile profile, const GraphInputOptions& options,
                                     std::vector<std::string>* unmatched) {
  GraphInput input;
  PROFLENS_RETURN_IF_ERROR(profile.CheckView(options.granularity, options.filters));
  PROFLENS_ASSIGN_OR_RETURN(int index, profile.SampleIndexByName(options.sample_index));
  input.sample_index = index;
  input.granularity = options.granularity;
  input.threads = options.threads;
  input.sorter = profile.sorter();
  auto totals = [&options](const AnyProfile& p) { return options.diff ? DiffBaseTotals(*p.stacks()) : p.Totals(); };
  input.totals = totals(profile);
  // pprof drops samples without frames when it filters, which it always
  // does; only relative percentages can tell. A graph profile has no
  // filters (CheckView) and no frameless samples.
  if ((options.filters.empty() && !options.relative_percentages) || profile.stacks() == nullptr) {
    input.profile = std::move(profile);
    return input;
  }
  Result<FilteredProfile> filtered = ApplyFilters(*profile.stacks(), options.filters);
  if (!filtered.ok()) return filtered.status();
  input.profile = std::move(filtered->profile);
  input.active_filters = std::move(filtered->active);
  if (unmatched != nullptr) *unmatched = std::move(filtered->unmatched);
  if (options.relative_percentages) input.totals = totals(input.profile);
  return input;
}

std::vector<std::string> ActiveFilterLabels(const std::vector<std::string>& filters) {
  std::vector<std::string> labels;
  if (filters.empty()) return labels;
  labels.push_back("Active filters:");
  for (const std::string& f : filters) {
    labels.push_back("   " + (f.size() > 80 ? f.substr(0, 80) + "\xe2\x80\xa6" : f));
  }
  return labels;
}

}  // namespace proflens
