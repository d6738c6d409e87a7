// BuildReportData: everything the HTML report shows, computed from a
// profile and an optional base: the summary facts, per sample type the top
// table, flame graph, call graph, diff and differential flame graph, and the
// check results. RenderHtmlReport (html_report.h) turns it into the file.
#ifndef PROFLENS_FORMATS_REPORT_BUILDER_H_
#define PROFLENS_FORMATS_REPORT_BUILDER_H_

#include <optional>
#include <string>
#include <vector>

#include "analyzer/any_profile.h"
#include "analyzer/assertions.h"
#include "analyzer/call_graph.h"
#include "analyzer/diff.h"
#include "analyzer/filters.h"
#include "analyzer/root_frames.h"
#include "formats/html_report.h"
#include "formats/timeline.h"

namespace proflens {

struct ReportInputs {
  const AnyProfile* profile = nullptr;  // filters already applied
  const AnyProfile* base = nullptr;     // null without --base
  std::vector<std::string> files, base_files, formats;  // names for the summary
  int sample_index = 0;                 // the type shown first
  bool normalize = false;               // scale the base to each sample type's new total
  std::string sample_index_arg;         // --sample-index as given, for the rules
  const FilterOptions* filters = nullptr;  // shown in the summary
  const TimelineRecording* timeline = nullptr;  // a timeline input's spans, for the time-order view
};

struct ReportOptions {
  std::string title;               // "" for "proflens report: FILES"
  std::string generator;           // "proflens 0.1.0"
  Granularity granularity = Granularity::kFunctions;
  double min_width = 1;            // flame frames narrower than this (px) are left out
  int node_count = 80;             // call-graph nodes
  std::string palette = "hot";
  ProcessRoots roots = ProcessRoots::kName;  // flame graph roots
  int source_functions = 40;       // functions with a source view (0: none)
  std::string source_dir;          // where to look for source files besides their recorded path
  int threads = 1;                 // > 1: flame graphs drawn on a thread of their own
  const std::vector<Rule>* rules = nullptr;  // evaluated and shown when set
  const std::vector<RuleSource>* rule_sources = nullptr;
  CheckContext check;  // --ops, --min-share, --allow-missing (the profiles are set by the builder)
};

Result<ReportData> BuildReportData(const ReportInputs& in, const ReportOptions& options);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_REPORT_BUILDER_H_
