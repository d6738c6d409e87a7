// ComputePeek: callers and callees of the functions matching a regex
// (pprof -peek, pstats print_callers / print_callees), as rows.
#ifndef PROFLENS_ANALYZER_PEEK_H_
#define PROFLENS_ANALYZER_PEEK_H_

#include <string>
#include <vector>

#include "analyzer/call_graph.h"
#include "analyzer/status.h"
#include "analyzer/trim.h"

namespace proflens {

struct PeekOptions {
  int sample_index = 0;
  std::string regex;  // matched anywhere in the function's printable name
  std::string unit = "minimum";
  std::vector<std::string> active_filters;
  NodeSorter sorter = nullptr;  // the input's own order (pstats); null: pprof's
};

struct PeekLink {
  std::string name;  // the caller or callee
  int64_t weight = 0;
  int64_t calls = -1;
  int64_t primitive_calls = -1;  // pstats: the non-recursive ones
  bool inline_call = false;
};

struct PeekEntry {
  std::string name;
  int64_t flat = 0, cum = 0, sum = 0;
  int64_t calls = -1;
  int64_t primitive_calls = -1;
  std::vector<PeekLink> callers;  // heaviest first
  std::vector<PeekLink> callees;
};

struct PeekReport {
  SampleTypeName sample_type;
  int64_t total = 0;
  std::string output_unit;
  std::vector<std::string> labels;
  std::vector<PeekEntry> entries;  // in flat order
  bool has_calls = false;

  std::string FormatValue(int64_t value) const;
};

// A regex that matches no function is a usage error.
Result<PeekReport> ComputePeek(const GraphBuilder& build, const PeekOptions& options);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_PEEK_H_
