// proflens check: CI gates. Exit 0 when every rule holds, 1 when one fails,
// 2 for a malformed rule, 3 for an unreadable input; the results as text
// (with GitHub annotations under GitHub Actions), JSON and JUnit.
#include <cstdlib>

#include "analyzer/assertions.h"
#include "analyzer/growth_metric.h"
#include "app/commands.h"
#include "app/bench_output.h"
#include "app/comparison.h"
#include "app/load.h"
#include "app/series.h"
#include "formats/io/output_file.h"
#include "formats/output/check_text.h"
#include "formats/output/json_output.h"
#include "formats/output/junit_writer.h"

namespace proflens {

namespace {

// The checks, up to the results; any error is returned for the caller to
// report (and to put in the JUnit file).
Result<std::vector<RuleResult>> EvaluateCheck(const CheckArgs& args, CommandContext& context) {
  PROFLENS_ASSIGN_OR_RETURN(const LoadedRules rules, LoadRules(args.rules, context));
  PROFLENS_ASSIGN_OR_RETURN(const Granularity granularity, ParseGranularity(args.view.granularity));
  PROFLENS_ASSIGN_OR_RETURN(const Comparison loaded, LoadComparison(FilteredComparison(args.view), context));
  // A filter that keeps nothing would gate nothing: every total 0.
  if (const std::string filter = FilterThatKeptNothing(loaded.unmatched_filters); !filter.empty()) {
    return Status::Input("--" + filter + " matched nothing in " + loaded.name + ": the rules would measure nothing");
  }
  CheckContext check;
  check.profile = &loaded.profile;
  check.base = loaded.base ? &*loaded.base : nullptr;
  check.sample_index = args.view.sample_index;
  ApplyRuleOptions(args.rules, check);
  check.granularity = granularity;
  PROFLENS_ASSIGN_OR_RETURN(const std::optional<LoadedBench> bench, LoadBenchOutput(args.rules, loaded.profile, context));
  ApplyBench(bench, check);
  // growth(X) reads the inputs one by one, at their times.
  std::optional<LoadedSeries> series;
  if (UsesGrowth(rules.rules) && args.view.files.size() > 1) {
    PROFLENS_ASSIGN_OR_RETURN(series, LoadSeries(args.view, SeriesOptions{.keep_profiles = true}, context));
    check.series = &series->points;
  }
  return EvaluateRules(rules.rules, rules.sources, check);
}

}  // namespace

Status RunCheck(const CheckArgs& args, CommandContext& context) {
  Result<std::vector<RuleResult>> evaluated = EvaluateCheck(args, context);
  if (!evaluated.ok()) {
    // CI reads the JUnit file: it says what went wrong when nothing could be checked.
    if (!args.junit.empty()) {
      const Status written = WriteOutputFile(args.junit, WriteJunitError(evaluated.status().message(), "proflens check"), context.out);
      if (!written.ok()) context.err << "proflens: " << written.message() << '\n';
    }
    return evaluated.status();
  }
  const std::vector<RuleResult>& results = *evaluated;
  if (args.json) {
    WriteCheckJson(results, context.out);
  } else {
    WriteCheckText(results, context.out, context.color);
  }
  const char* github = std::getenv("GITHUB_ACTIONS");
  if (github != nullptr && std::string(github) == "true") WriteGithubAnnotations(results, context.out);
  if (!args.junit.empty()) PROFLENS_RETURN_IF_ERROR(WriteOutputFile(args.junit, WriteJunit(results, "proflens check"), context.out));
  for (const RuleResult& r : results) {
    if (!r.passed) return Status(StatusCode::kAssertionFailed, "");
  }
  return Status::Ok();
}

}  // namespace proflens
