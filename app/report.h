// BuildReportModel: computes everything the HTML report shows from a profile
// and an optional base (analyzer/report_model.h): the summary facts, per
// sample type the top rows, the flame tree, the call-graph view, the diff
// and the differential flame tree, the source listings (the source files
// are read here), and the check results. formats/output/html_report.h draws it.
#ifndef PROFLENS_APP_REPORT_H_
#define PROFLENS_APP_REPORT_H_

#include <memory>
#include <string>
#include <vector>

#include "analyzer/any_profile.h"
#include "analyzer/assertions.h"
#include "analyzer/filters.h"
#include "analyzer/report_model.h"
#include "analyzer/root_frames.h"
#include "analyzer/trend.h"

namespace proflens {

struct ReportInputs {
  const AnyProfile* profile = nullptr;  // filters already applied
  const AnyProfile* base = nullptr;     // null without --base
  std::vector<std::string> files, base_files, formats;  // names for the summary
  int sample_index = 0;                 // the type shown first
  bool normalize = false;               // scale the base to each sample type's new total
  std::string sample_index_arg;         // --sample-index as given, for the rules
  const FilterOptions* filters = nullptr;  // shown in the summary
  // Per sample type, what percentages are of: the total before the filters,
  // as top's (pprof's); empty for the profile's own (--relative-percentages).
  std::vector<int64_t> percent_totals;
  std::shared_ptr<const TimelineRecording> timeline;  // a timeline input's spans, for the time-order view
  std::vector<TrendReport> trends;      // a series of inputs with their times: per sample type, for the trend chart
};

struct ReportOptions {
  std::string title;               // "" for "proflens report: FILES"
  std::string generator;           // "proflens 0.1.0"
  Granularity granularity = Granularity::kFunctions;
  double min_fraction = 0;         // flame frames narrower than this share of the width are left out
  int node_count = 80;             // call-graph nodes
  ProcessRoots roots = ProcessRoots::kName;  // flame graph roots
  int source_functions = 40;       // functions with a source view (0: none)
  std::string source_dir;          // where to look for source files besides their recorded path
  int threads = 1;                 // > 1: flame trees built on a thread of their own
  const std::vector<Rule>* rules = nullptr;  // evaluated and shown when set
  const std::vector<RuleSource>* rule_sources = nullptr;
  CheckContext check;  // --ops, --min-share, --allow-missing (the profiles are set by the builder)
};

Result<ReportModel> BuildReportModel(const ReportInputs& in, const ReportOptions& options);

// One report of several kinds of profile (CPU and heap of one day): the
// first model's summary, title and checks, and every model's sample types,
// each kind a section (ReportModel::kinds) whose summary is its model's facts
// and whose name is its sample types. `inputs`: the profiles of each kind.
ReportModel JoinReportKinds(std::vector<ReportModel> kinds, const std::vector<int>& inputs);

}  // namespace proflens

#endif  // PROFLENS_APP_REPORT_H_
