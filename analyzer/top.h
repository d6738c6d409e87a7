// ComputeTop: the top-N table (pprof -top, pstats print_stats) as rows.
// Rows carry raw integer values; writers (text, JSON, CSV) format them.
#ifndef PROFLENS_ANALYZER_TOP_H_
#define PROFLENS_ANALYZER_TOP_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/call_graph.h"
#include "analyzer/status.h"
#include "analyzer/trim.h"

namespace proflens {

// Parses --sort: flat, cum, calls, name, and pstats's tottime, cumtime, ncalls.
Result<NodeOrder> ParseSortOrder(std::string_view name);

struct TopOptions {
  int sample_index = 0;
  int node_count = 0;  // 0: every node above the node fraction
  double node_fraction = 0.005;  // cProfile input: pstats lists every function, so 0 unless asked
  NodeOrder order = NodeOrder::kFlat;
  std::string unit = "minimum";  // "minimum" (pprof's default), "auto", or a unit name
  std::vector<std::string> active_filters;  // shown in the legend
  NodeSorter sorter = nullptr;              // the input's own order (pstats); null: pprof's
  // Only rows whose name matches this regex, before node_count (pstats's
  // print_stats("consumer.py") restriction); needs no stacks. "" for all.
  std::string rows;
};

struct TopRow {
  std::string name;
  std::string inline_label;  // "", "(inline)" or "(partial-inline)"
  int64_t flat = 0;
  int64_t cum = 0;
  int64_t sum = 0;    // running sum of flat down to this row
  int64_t calls = -1; // -1 when the input has no call counts
  int64_t primitive_calls = -1;  // pstats: non-recursive calls
};

struct TopReport {
  SampleTypeName sample_type;
  int64_t total = 0;
  std::string output_unit;          // the unit values are printed in
  std::vector<std::string> labels;  // legend lines, as pprof prints them
  std::vector<TopRow> rows;
  bool has_calls = false;
  bool has_primitive_calls = false;     // some row has primitive_calls (cProfile)
  int node_count = 0;                   // the -n asked for
  std::string rows_filter;              // the --rows restriction, "" for none
  size_t rows_matching = 0;             // rows that matched it, before -n

  std::string FormatValue(int64_t value) const;
};

// A usage error for a --rows regex that does not compile.
Result<TopReport> ComputeTop(const GraphBuilder& build, const TopOptions& options);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_TOP_H_
