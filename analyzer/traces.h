// ComputeTraces: every sample's stack with its value and labels, as
// `go tool pprof -traces` lists them, as rows (formats/output/traces_text
// prints them).
//
// pprof's rules: samples in the profile's order; a sample whose values are
// all zero is gone (pprof's merge drops it), one that is zero only for the
// shown sample type is listed with 0; a sample without frames is left out.
// Each location gives one frame per line, innermost first, all but its last
// line marked inline. Frames are named at the view's granularity, as top
// names its rows. String labels come first, then numeric ones (with their
// units), each group sorted as pprof sorts its printed lines.
#ifndef PROFLENS_ANALYZER_TRACES_H_
#define PROFLENS_ANALYZER_TRACES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/call_graph.h"
#include "analyzer/profile.h"

namespace proflens {

struct TraceFrame {
  std::string name;  // NodeInfo::PrintableName at the granularity
  bool inlined = false;
};

struct TraceLabel {
  std::string key;
  std::string values;  // the key's values joined by blanks; numbers with their unit ("4kB")
};

struct Trace {
  std::vector<TraceLabel> labels;  // string labels, then numeric ones, each sorted as pprof prints them
  int64_t value = 0;               // in the sample type's unit
  std::vector<TraceFrame> frames;  // leaf first
};

struct TracesOptions {
  int sample_index = 0;
  Granularity granularity = Granularity::kFunctions;
  int64_t total = 0;             // the legend's total (of the unfiltered profile, as pprof's)
  std::string unit = "minimum";  // values' unit: "minimum" (per value, as pprof's traces), "auto" or a unit name
};

struct TracesReport {
  SampleTypeName sample_type;
  std::string output_unit;
  std::vector<std::string> labels;  // the legend: File, Build ID, comments, Type, Time, Duration
  std::vector<Trace> traces;

  std::string FormatValue(int64_t value) const;
};

TracesReport ComputeTraces(const Profile& profile, const TracesOptions& options);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_TRACES_H_
