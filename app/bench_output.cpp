#include "app/bench_output.h"

#include <algorithm>

#include "analyzer/regex.h"
#include "analyzer/text.h"
#include "formats/go/bench_output_reader.h"
#include "app/read_inputs.h"

namespace proflens {

namespace {

// -benchtime=5000x runs 5000 times; go test's own choice of b.N is rarely
// so round (12652634).
bool RoundCount(int64_t n) {
  while (n >= 100 && n % 10 == 0) n /= 10;
  return n < 100;
}

}  // namespace

Result<std::optional<LoadedBench>> LoadBenchOutput(const RuleArgs& args, const AnyProfile& profile, CommandContext& context) {
  if (args.bench_output.empty()) {
    if (!args.bench.empty()) return Status::Usage("--bench selects benchmarks of --bench-output FILE: give it too");
    return std::optional<LoadedBench>();
  }
  if (args.ops >= 0) return Status::Usage("give --ops N or --bench-output FILE, not both (the output has the op count)");
  PROFLENS_ASSIGN_OR_RETURN(const InputBuffer input, ReadOptionFile(args.bench_output, "--bench-output", context));
  PROFLENS_ASSIGN_OR_RETURN(const std::vector<BenchResult> results, ReadGoBenchOutput(input.bytes(), args.bench_output));

  // The results --bench selects, and the benchmarks they are of.
  std::optional<Regex> pattern;
  if (!args.bench.empty()) {
    PROFLENS_ASSIGN_OR_RETURN(pattern, Regex::Compile(args.bench, "--bench"));
  }
  std::vector<BenchResult> selected;
  std::vector<std::string> all_functions, functions;
  auto add = [](std::vector<std::string>& list, const std::string& name) {
    if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
  };
  for (const BenchResult& r : results) {
    add(all_functions, BenchmarkFunction(r.name));
    if (pattern && !pattern->Search(r.name)) continue;
    add(functions, BenchmarkFunction(r.name));
    selected.push_back(r);
  }
  if (selected.empty()) {
    return Status::Usage("--bench '" + args.bench + "' matches none of the benchmarks of " + args.bench_output + " (" + Join(all_functions, ", ") + ")");
  }
  if (!pattern && functions.size() > 1) {
    return Status::Usage(args.bench_output + " holds " + std::to_string(functions.size()) + " benchmarks (" + Join(functions, ", ") +
                         "): choose the one the rules are about with --bench REGEX (and --focus its function)");
  }
  LoadedBench loaded;
  loaded.summary = SummarizeBench(selected);
  context.err << "proflens: " << args.bench_output << ": " << selected.size() << " result" << (selected.size() == 1 ? "" : "s") << " of "
              << Join(functions, ", ") << ", " << static_cast<int64_t>(loaded.summary.ops) << " ops\n";
  for (const BenchResult& r : selected) {
    if (RoundCount(r.iterations)) continue;
    context.err << "proflens: " << args.bench_output << ": line " << r.line << ": " << r.name << " ran " << r.iterations
                << " times, go test's choice: the profile also holds its calibration runs, which the count leaves out, so "
                   "per-op values from the profile read high; run go test with -benchtime=Nx\n";
    break;
  }

  // A profile of -bench=. holds every benchmark: per-op values need the
  // selected ones only.
  std::vector<std::string> names;
  for (const CallGraphNode& n : profile.BuildGraph({}).nodes) names.push_back(n.name);
  std::vector<std::string> others;
  for (const std::string& f : BenchmarkFunctionsIn(names)) {
    if (std::find(functions.begin(), functions.end(), f) == functions.end()) others.push_back(f);
  }
  if (!others.empty()) {
    loaded.ops_problem = "the profile also holds " + Join(others, ", ") + ", which --bench-output's ops do not count: give --focus '" +
                         Join(functions, "|") + "' so per-op values count only " + (functions.size() == 1 ? "its" : "their") + " samples";
  }
  return std::optional<LoadedBench>(std::move(loaded));
}

void ApplyBench(const std::optional<LoadedBench>& bench, CheckContext& check) {
  if (!bench) return;
  check.bench = &bench->summary;
  check.ops = bench->summary.ops;
  check.ops_problem = bench->ops_problem;
}

}  // namespace proflens
