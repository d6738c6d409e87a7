// The top table of a cProfile input as pstats's print_stats prints it
// (without its first line, the file's modification time and name):
//
//          99205 function calls (605 primitive calls) in 0.036 seconds
//
//    Ordered by: internal time
//
//    ncalls  tottime  percall  cumtime  percall filename:lineno(function)
// 93000/200    0.033    0.000    0.033    0.000 work.py:1(fib)
#ifndef PROFLENS_FORMATS_OUTPUT_PSTATS_TABLE_H_
#define PROFLENS_FORMATS_OUTPUT_PSTATS_TABLE_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "analyzer/call_graph.h"
#include "analyzer/top.h"
#include "analyzer/trim.h"

namespace proflens {

// The name cProfile graph profiles carry as their format.
inline constexpr const char* kPstatsFormat = "cProfile";

// What pstats prints above its table.
struct PstatsSummary {
  int64_t total_calls = 0;
  int64_t primitive_calls = 0;
  double total_seconds = 0;   // summed as pstats sums it: in the file's order
  size_t functions = 0;       // all functions, before -n
  std::string order;          // "internal time", "cumulative time", ...
};

// The summary of a cProfile graph's sample type t, sorted by `order`.
PstatsSummary SummarizePstats(const CallGraph& graph, int t, NodeOrder order);

// pstats's order (a NodeSorter): one key, ties in the file's order (pstats
// sorts a list made in dict order with a stable sort); names sort as
// pstats's "stdname". kEntropy (call-graph pictures) is pprof's.
void SortPstatsNodes(const CallGraph& graph, int t, NodeOrder order, std::vector<uint32_t>& nodes);

void WritePstatsText(const TopReport& report, const PstatsSummary& summary, std::ostream& out);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_PSTATS_TABLE_H_
