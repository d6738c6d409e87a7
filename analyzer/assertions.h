// Evaluating `proflens check` rules (see expr_parser.h for the grammar) on a
// profile and an optional base.
//
// Metrics (an optional last string argument names the sample type, else
// --sample-index's, else the default):
//   total, samples, duration            the whole profile
//   flat("re"), cum("re")               of functions matching re: flat sums their
//                                       own cost, cum the samples passing through them
//                                       (graph profiles: each unit of cost once, along
//                                       the recorded arcs, graph_set_cost.h)
//   calls("re")                         call counts (inputs that record them)
//   tottime, cumtime, ncalls ("re")     pstats' words for flat, cum, calls
//   primcalls("re")                     pstats' primitive (non-recursive) calls (cProfile)
//   max_flat, max_cum                   the largest single function
//   count("re")                         how many functions match
//   ops                                 --ops N
//   cpu_per_op, alloc_per_op            total / ops, of a time / bytes sample type
//   max_cpu_per_op, max_alloc_per_op    the largest function's flat / ops
//   base.X                              X on the --base profile
//   change(X)                           (X - base.X) / base.X, as a percentage
//   new_functions, gone_functions       functions above --min-share only in NEW / only in BASE
//                                       (listed up to 10, then "+N more")
//   bench("ns/op")                      Go's own figure of --bench-output's benchmarks (ns/op, B/op,
//                                       allocs/op, MB/s, ReportMetric units)
//   growth, growth("re"), growth(X)     the growth per second of total, cum("re") or X over
//                                       CheckContext::series (least squares over the inputs' times)
// A pattern that matches no function fails its rule ("matches no function;
// closest: ..."): a typo or a renamed function never passes a gate. Write
// flat?("re"), cum?("re"), calls?("re") (or --allow-missing) for a function
// that may be absent; its metric is then 0. count("re") is 0 when none match.
// Comparing a quantity with a percentage compares its share of its total.
#ifndef PROFLENS_ANALYZER_ASSERTIONS_H_
#define PROFLENS_ANALYZER_ASSERTIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "analyzer/any_profile.h"
#include "analyzer/bench_results.h"
#include "analyzer/call_graph.h"
#include "analyzer/expr_parser.h"
#include "analyzer/profile.h"
#include "analyzer/status.h"
#include "analyzer/trend.h"

namespace proflens {

struct CheckContext {
  const AnyProfile* profile = nullptr;
  const AnyProfile* base = nullptr;   // --base, or null
  std::string sample_index;        // --sample-index, "" for the default
  std::optional<double> ops;       // --ops
  double min_share = 0.01;         // --min-share for new_functions / gone_functions
  bool allow_missing = false;      // --allow-missing: a pattern may match nothing (its metric is 0)
  Granularity granularity = Granularity::kFunctions;
  // growth(X): the inputs one by one, with their times and the same filters
  // as `profile` (their merge); null or one entry for a single input.
  const std::vector<SeriesProfile>* series = nullptr;
  // --bench-output: the benchmarks' results (ops is their iteration count),
  // and why the profile's per-op values would be wrong (the profile holds
  // benchmarks --bench did not select): rules reading ops then fail with it.
  const BenchSummary* bench = nullptr;
  std::optional<std::string> ops_problem;
};

// A value with what it measures, and (for metrics) the total it is part of.
struct Quantity {
  double value = 0;
  Dimension dimension = Dimension::kCount;
  std::optional<double> total;  // for shares: cum("x") < 5% compares value/total
  bool boolean = false;         // kBool results
};

std::string FormatQuantity(const Quantity& q);

struct RuleResult {
  Rule rule;
  bool passed = false;
  std::string error;            // set when the rule could not be decided (counted as failed)
  std::string actual, limit;    // of the comparison at the top, formatted with units
  std::optional<Quantity> actual_value, limit_value;  // the same, as compared (shares as percentages)
  std::vector<std::string> details;  // failing sub-comparisons, function names
};

// Usage errors (exit 2) for rules that can never be evaluated: unknown
// metrics, wrong arguments, mixing a time and a size, a regex that does not
// compile, calls() on a sampled profile, base.X without --base. Values that
// are undefined on this data (change() from a base of 0) fail the rule.
Result<RuleResult> EvaluateRule(const Rule& rule, const CheckContext& context);

// Evaluates a metric expression (a value, not a comparison) as a rule's
// operand: a usage error as EvaluateRule's, or `*undefined` set to why the
// value is undefined on this data.
Result<Quantity> EvaluateMetric(const Expr& e, const CheckContext& context, std::optional<std::string>* undefined);

// Where a rule came from, for messages: "-a 2" or "budget.rules:3".
struct RuleSource {
  std::string text;
  std::string where;
};

// Rules from -a options and the text of a rules file named `rules_name` (one
// per line, "#" outside quotes starts a comment, blank lines skipped). A usage
// error when there are none.
Result<std::vector<RuleSource>> CollectRules(const std::vector<std::string>& assertions, std::string_view rules_text,
                                             const std::string& rules_name);
// Parses every rule; the first malformed one is a usage error with a caret.
Result<std::vector<Rule>> ParseRules(const std::vector<RuleSource>& sources);
// Evaluates every rule, in order.
Result<std::vector<RuleResult>> EvaluateRules(const std::vector<Rule>& rules, const std::vector<RuleSource>& sources,
                                              const CheckContext& context);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_ASSERTIONS_H_
