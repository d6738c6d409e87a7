// Go benchmark results (`go test -bench` output) as the check rules read
// them: the operations a profile covers, and Go's own per-op figures.
#ifndef PROFLENS_ANALYZER_BENCH_RESULTS_H_
#define PROFLENS_ANALYZER_BENCH_RESULTS_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/expr_parser.h"

namespace proflens {

// One result line: "BenchmarkParse-8   5000   214335 ns/op   22484 B/op   11 allocs/op".
struct BenchResult {
  std::string name;                                    // "BenchmarkParse-8", "BenchmarkParse/small-8"
  int64_t iterations = 0;                              // b.N of the timed run
  std::vector<std::pair<std::string, double>> values;  // (unit, value): ("ns/op", 214335), ("B/op", 22484), ...
  int line = 0;                                        // 1-based, in the output
};

// "BenchmarkParse/small-8" -> "BenchmarkParse": the function a CPU profile names.
std::string BenchmarkFunction(std::string_view result_name);

// The selected results, summed up for the rules.
struct BenchSummary {
  std::vector<std::string> names;  // the distinct result names, in order
  double ops = 0;                  // the sum of their iterations
  // Per unit as Go prints it: "*/op" units averaged over every op (sum of
  // value x iterations / ops), others (MB/s, custom ReportMetric units) the
  // mean of the lines. In base units: ns/op in ns, B/op in bytes, MB/s in
  // bytes per second (Go's MB is 10^6 bytes).
  std::map<std::string, double> values;
};

BenchSummary SummarizeBench(const std::vector<BenchResult>& selected);

// What a Go unit measures: ns/op a time, B/op a size, MB/s a size per time,
// the rest counts; `scale` turns the printed value into the base unit.
Dimension BenchUnitDimension(std::string_view unit, double* scale);

// The benchmark functions a profile's function names hold
// ("example.com/p.BenchmarkParse.func1" -> "BenchmarkParse").
std::set<std::string> BenchmarkFunctionsIn(const std::vector<std::string>& function_names);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_BENCH_RESULTS_H_
