// The check rules' bench("UNIT") metric: Go's own figures of the benchmarks
// --bench-output selects, as go test printed them: bench("ns/op") a time,
// bench("B/op") a size, bench("allocs/op") a count, bench("MB/s") a rate.
#ifndef PROFLENS_ANALYZER_BENCH_METRIC_H_
#define PROFLENS_ANALYZER_BENCH_METRIC_H_

#include <optional>
#include <string>

#include "analyzer/assertions.h"

namespace proflens {

// A usage error without --bench-output; `*undefined` when the output has no
// such unit (B/op without -benchmem).
Result<Quantity> EvaluateBenchMetric(const Expr& call, const CheckContext& context, std::optional<std::string>* undefined);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_BENCH_METRIC_H_
