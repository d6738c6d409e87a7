// The legend lines that open pprof's reports (File, Type, Time, Duration,
// "Showing nodes accounting for ...", "Dropped N nodes ..."); shared by the top
// table and the call-graph legend.
#ifndef PROFLENS_ANALYZER_REPORT_LABELS_H_
#define PROFLENS_ANALYZER_REPORT_LABELS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analyzer/call_graph.h"

namespace proflens {

using ValueFormatter = std::function<std::string(int64_t)>;

// "File: ...", "Build ID: ...", comments, "Type: ...", "Time: ...",
// "Duration: ..., Total samples = ...". Time is printed in the local time zone.
std::vector<std::string> BuildProfileLabels(const SourceInfo& source, const SampleTypeName& type,
                                            int64_t total, const ValueFormatter& format);

struct TrimSummary {
  int64_t shown_flat = 0;     // sum of flat over the nodes shown
  int dropped_nodes = 0;      // below the node fraction
  int dropped_edges = 0;      // below the edge fraction
  size_t shown_nodes = 0;
  size_t candidate_nodes = 0; // nodes left after the node fraction, before the node count
  double node_fraction = 0;
  double edge_fraction = 0;
};

// "Showing nodes accounting for X, P% of T total", then the "Dropped" and
// "Showing top N nodes out of M" lines where they apply.
std::vector<std::string> BuildTrimLabels(const TrimSummary& trim, int64_t total,
                                         const ValueFormatter& format);

// "Jan 2, 2006 at 3:04pm (MST)" in the local time zone.
std::string FormatProfileTime(int64_t time_nanos);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_REPORT_LABELS_H_
