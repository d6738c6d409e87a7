// --bench-output FILE [--bench REGEX]: the op count and Go's own per-op
// figures from what `go test -bench` printed, for the check rules.
#ifndef PROFLENS_APP_BENCH_OUTPUT_H_
#define PROFLENS_APP_BENCH_OUTPUT_H_

#include <optional>
#include <string>

#include "analyzer/any_profile.h"
#include "analyzer/assertions.h"
#include "analyzer/bench_results.h"
#include "analyzer/status.h"
#include "app/args.h"
#include "app/command_context.h"

namespace proflens {

struct LoadedBench {
  BenchSummary summary;
  std::optional<std::string> ops_problem;  // see CheckContext::ops_problem
};

// Reads --bench-output and selects the results --bench names (all of them
// when they are of one benchmark; a usage error when they are of several and
// --bench is not given, or when it matches none). `profile` (filtered) is
// looked at for benchmarks the selection leaves out. Notes on stderr: the
// selection, and runs whose count is not a -benchtime=Nx one (go test's
// calibration runs are then in the profile but not in the count). Nothing
// without --bench-output.
Result<std::optional<LoadedBench>> LoadBenchOutput(const RuleArgs& args, const AnyProfile& profile, CommandContext& context);

// Points the check context at the loaded results: ops, bench, ops_problem.
void ApplyBench(const std::optional<LoadedBench>& bench, CheckContext& check);

}  // namespace proflens

#endif  // PROFLENS_APP_BENCH_OUTPUT_H_
