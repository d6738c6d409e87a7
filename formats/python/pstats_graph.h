// PstatsGraph: assembles a cProfile graph profile from the entries of a
// pstats dict, in file order, however they were decoded (formats/python/pstats_reader.cpp
// reads them from the bytes, or from a decoded marshal document).
// Functions are interned by (file, line, name) content; nodes are numbered
// as pstats lists them: the dict's keys in order, then functions seen only
// as callers, in the order they first appear.
#ifndef PROFLENS_FORMATS_PYTHON_PSTATS_GRAPH_H_
#define PROFLENS_FORMATS_PYTHON_PSTATS_GRAPH_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "analyzer/graph_profile.h"
#include "analyzer/intern_table.h"
#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens {

// Nanoseconds from seconds as cProfile writes them (ns * 1e-9, so the
// conversion back is exact); none when not finite or beyond 9e9 s.
std::optional<int64_t> PstatsNanos(double seconds);

class PstatsGraph {
 public:
  // The id of a string's text; strings are views that must outlive the graph.
  uint32_t String(std::string_view text);
  // The id of the function (file, line, name), by string ids.
  uint32_t Function(uint32_t file, int64_t line, uint32_t name);
  // The dict's entry for `function`; false when it already had one.
  bool Entry(uint32_t function, int64_t primitive_calls, int64_t calls, int64_t tottime_ns, int64_t cumtime_ns);
  // A callers entry of `callee`'s: `calls` calls from `caller` that took `cumtime_ns`.
  // `primitive` is -1 for the old profile module's plain counts.
  void Caller(uint32_t caller, uint32_t callee, int64_t calls, int64_t primitive, int64_t cumtime_ns);
  // Room for the entries and callers a file holds (a hint).
  void Reserve(size_t functions, size_t callers);

  GraphProfile Build() &&;

 private:
  struct FunctionKey {
    uint32_t file = 0;
    int64_t line = 0;
    uint32_t name = 0;
    bool operator==(const FunctionKey&) const = default;
  };
  struct Stats {
    int64_t primitive_calls = -1;  // -1: no entry (only seen as a caller)
    int64_t calls = 0, tottime = 0, cumtime = 0;
  };
  struct Arc {
    uint32_t caller = 0, callee = 0;
    int64_t calls = 0, primitive = -1, cumtime = 0;
  };

  InternTable string_ids_;
  std::vector<std::string_view> strings_;
  InternTable function_ids_;
  std::vector<FunctionKey> functions_;
  std::vector<Stats> stats_;            // by function
  std::vector<uint32_t> entries_;       // functions with an entry, in file order
  std::vector<Arc> arcs_;
};

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PYTHON_PSTATS_GRAPH_H_
