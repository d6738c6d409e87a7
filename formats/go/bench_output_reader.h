// `go test -bench` output: the result lines of every benchmark, with -count
// repetitions as lines of their own.
#ifndef PROFLENS_FORMATS_GO_BENCH_OUTPUT_READER_H_
#define PROFLENS_FORMATS_GO_BENCH_OUTPUT_READER_H_

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/bench_results.h"
#include "analyzer/status.h"

namespace proflens {

// Reads the result lines; the other lines of go test's output (goos:, pkg:,
// PASS, ok, --- BENCH: and what benchmarks log) are passed over. An input
// error naming `name` and the line for a result line that does not read,
// and when there is no result at all.
Result<std::vector<BenchResult>> ReadGoBenchOutput(std::string_view text, const std::string& name);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_GO_BENCH_OUTPUT_READER_H_
