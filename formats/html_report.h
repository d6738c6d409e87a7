// The HTML report: one self-contained file (inline CSS, JS, SVG and data; no
// network when opened) built from templates/ and the analyses' results.
#ifndef PROFLENS_FORMATS_HTML_REPORT_H_
#define PROFLENS_FORMATS_HTML_REPORT_H_

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/assertions.h"
#include "analyzer/call_graph.h"
#include "analyzer/diff.h"
#include "analyzer/top.h"
#include "formats/report_source.h"
#include "formats/timeline.h"

namespace proflens {

// What the report shows for one sample type.
struct ReportSampleType {
  std::string name, unit;
  int64_t total = 0;
  TopReport top;                      // every function
  std::shared_ptr<const CallGraph> graph;  // for callers and callees (edges of this type)
  int graph_index = 0;                // the sample type's index in `graph`
  std::string flame_svg;              // inline flame graph
  std::string callgraph_svg;
  std::optional<DiffReport> diff;     // with a base
  std::string diff_flame_svg;
  std::vector<SourceListing> source;  // the heaviest functions' lines, when the profile has lines
};

struct ReportData {
  std::string title;
  std::string generator;
  std::vector<std::pair<std::string, std::string>> facts;  // summary lines
  std::vector<ReportSampleType> types;
  int default_type = 0;
  std::optional<std::vector<RuleResult>> checks;
  const TimelineRecording* timeline = nullptr;  // a timeline input's spans (the time-order view), or none
};

std::string RenderHtmlReport(const ReportData& data);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_HTML_REPORT_H_
