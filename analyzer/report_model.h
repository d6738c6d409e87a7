// ReportModel: everything the HTML report shows, as data: the summary facts,
// per sample type (of each kind of profile the inputs hold) the top rows, the flame tree, the call-graph view, the diff
// and the differential flame tree, the source listings, and the check results.
// app/report.cpp computes it; formats/output/html_report.cpp draws it (the
// flame and call-graph pictures are drawn there, from the trees and views
// kept here). Nothing in it is rendered text.
#ifndef PROFLENS_ANALYZER_REPORT_MODEL_H_
#define PROFLENS_ANALYZER_REPORT_MODEL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/assertions.h"
#include "analyzer/call_graph.h"
#include "analyzer/diff.h"
#include "analyzer/flame_tree.h"
#include "analyzer/graph_view.h"
#include "analyzer/timeline.h"
#include "analyzer/top.h"
#include "analyzer/trend.h"

namespace proflens {

// The report's source view (pprof's `list`) of one function.
struct SourceLine {
  int64_t line = 0;
  int64_t flat = 0, cum = 0;        // 0 for context lines
  std::optional<std::string> text;  // when the file was found
};

struct SourceListing {
  std::string function;  // as the top table names it
  std::string file;      // as the profile records it
  bool found = false;    // the file was read: lines carry their text, with context
  std::vector<SourceLine> lines;  // by line number
};

// A flame graph to draw, or the reason there is none: a graph profile
// (cProfile, callgrind) has no stacks; `no_stacks_format` names its format.
struct ReportFlame {
  std::optional<FlameTree> tree;
  std::string no_stacks_format;
};

// What the report shows for one sample type.
struct ReportSampleType {
  std::string name, unit;
  int64_t total = 0;  // what percentages are of: the total before the filters (after, with --relative-percentages), as top's
  TopReport top;                           // every function
  std::shared_ptr<const CallGraph> graph;  // for callers and callees (edges of this type)
  int graph_index = 0;                     // the sample type's index in `graph`
  ReportFlame flame;
  GraphView callgraph;                     // the trimmed call graph, as dot draws it
  std::optional<DiffReport> diff;          // with a base
  ReportFlame diff_flame;                  // with a base: red grew, blue shrank
  std::vector<SourceListing> source;       // the heaviest functions' lines, when the profile has lines
  std::optional<TrendReport> trend;        // a series of inputs with their own times: each one's total, and the growth
  int kind = 0;                            // its kind in ReportModel::kinds (0 when the inputs are of one kind)
};

// One kind of profile of a report whose inputs mix kinds (CPU and heap
// profiles of a day, each kind a set of sample types): the summary of its
// section; its sample types are the `types` of its index.
struct ReportKind {
  std::string name;  // its sample types: "samples, cpu"
  std::vector<std::pair<std::string, std::string>> facts;
  int inputs = 0;        // the profiles merged into it
  int default_type = 0;  // in ReportModel::types
};

// The live report's form (proflens serve): the view the page shows, as the
// options that made it, and the inputs a base can be chosen from.
struct ReportRefine {
  std::vector<std::pair<std::string, std::string>> values;  // {"focus", "json"}, ...; "base" once per base input
  std::vector<std::string> inputs;                          // every served input, in command-line order
  std::vector<std::string> notes;                           // what the view's options said ("--focus matched nothing")
};

struct ReportModel {
  std::string title;
  std::string generator;
  std::vector<std::pair<std::string, std::string>> facts;  // summary lines
  std::vector<ReportSampleType> types;  // with several kinds: each kind's, kind by kind
  int default_type = 0;
  std::vector<ReportKind> kinds;  // two or more when the inputs mix kinds (the first shown first), else none
  std::optional<std::vector<RuleResult>> checks;
  std::shared_ptr<const TimelineRecording> timeline;  // a timeline input's spans (the time-order view), or none
  std::optional<ReportRefine> refine;                 // proflens serve's page only
};

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_REPORT_MODEL_H_
