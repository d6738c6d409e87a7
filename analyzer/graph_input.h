// GraphInput: what a graph report (top, peek, dot) is computed from: the
// filtered profile, the totals percentages refer to, the granularity and the
// sample type. Build() is the GraphBuilder the trimming steps call.
#ifndef PROFLENS_ANALYZER_GRAPH_INPUT_H_
#define PROFLENS_ANALYZER_GRAPH_INPUT_H_

#include <memory>
#include <string>
#include <vector>

#include "analyzer/any_profile.h"
#include "analyzer/call_graph.h"
#include "analyzer/filters.h"
#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens {

struct GraphInput {
  AnyProfile profile;                       // after filters
  std::vector<int64_t> totals;              // of the unfiltered profile, unless relative
  Granularity granularity = Granularity::kFunctions;
  int sample_index = 0;
  std::vector<std::string> active_filters;  // "focus=RE", ... for legends
  int threads = 1;                          // to sum big profiles' graphs on
  NodeSorter sorter = nullptr;              // the input's own table order (pstats); null: pprof's

  // `tags`: collect node tags (for call-graph pictures).
  std::shared_ptr<const CallGraph> Build(const NodeKeySet* kept, bool tags = false) const;
};

struct GraphInputOptions {
  FilterOptions filters;
  Granularity granularity = Granularity::kFunctions;
  std::string sample_index;            // name or number; "" for the default
  bool relative_percentages = false;   // percentages of the filtered total
  bool diff = false;                   // a BuildDiffProfile profile: totals are the base's
  int threads = 1;                     // to sum big profiles' graphs on
};

// Filters `profile` and resolves the sample type. `unmatched` receives the
// filters that matched nothing.
Result<GraphInput> PrepareGraphInput(AnyProfile profile, const GraphInputOptions& options,
                                     std::vector<std::string>* unmatched);

// pprof's "Active filters:" legend lines (long filters cut at 80 characters).
std::vector<std::string> ActiveFilterLabels(const std::vector<std::string>& filters);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_GRAPH_INPUT_H_
