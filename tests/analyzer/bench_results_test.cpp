// Summing benchmark results up for the rules, worked by hand, and the
// benchmark functions a profile names.
#include "analyzer/bench_results.h"

#include <catch2/catch.hpp>

#include "analyzer/bench_metric.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

TEST_CASE("bench results: per-op figures over every op, others the mean", "[bench]") {
  // -count 2: 5000 ops at 214335 ns/op and 5000 at 548326: (214335 + 548326) / 2 = 381330.5;
  // 1000 and 3000 ops at 10 and 30 B/op: (10000 + 90000) / 4000 = 25; MB/s mean (100 + 300) / 2 = 200.
  std::vector<BenchResult> results = {{"BenchmarkParse-2", 5000, {{"ns/op", 214335}, {"B/op", 10}, {"MB/s", 100}}},
                                      {"BenchmarkParse-2", 5000, {{"ns/op", 548326}}},
                                      {"BenchmarkParse-2", 0, {}}};
  results.pop_back();
  BenchSummary summary = SummarizeBench(results);
  CHECK(summary.ops == 10000);
  CHECK(summary.names == std::vector<std::string>{"BenchmarkParse-2"});
  CHECK(summary.values["ns/op"] == Approx(381330.5));
  CHECK(summary.values["MB/s"] == Approx(100e6));  // one line; in bytes per second
  BenchSummary bytes = SummarizeBench({{"BenchmarkA", 1000, {{"B/op", 10}, {"MB/s", 100}}}, {"BenchmarkA", 3000, {{"B/op", 30}, {"MB/s", 300}}}});
  CHECK(bytes.values["B/op"] == Approx(25));
  CHECK(bytes.values["MB/s"] == Approx(200e6));
}

TEST_CASE("bench results: names", "[bench]") {
  CHECK(BenchmarkFunction("BenchmarkParse-8") == "BenchmarkParse");
  CHECK(BenchmarkFunction("BenchmarkParse/small-8") == "BenchmarkParse");
  CHECK(BenchmarkFunction("BenchmarkParse") == "BenchmarkParse");  // GOMAXPROCS=1 adds no suffix
  CHECK(BenchmarkFunction("BenchmarkA-B") == "BenchmarkA-B");
  CHECK(BenchmarkFunctionsIn({"example.com/gobench.BenchmarkParse", "example.com/gobench.BenchmarkFormat.func1",
                              "testing.(*B).runN", "main.main", "example.com/gobench.Parse"}) ==
        std::set<std::string>{"BenchmarkFormat", "BenchmarkParse"});
}

TEST_CASE("bench metric: Go's own figures, by unit", "[bench][check]") {
  BenchSummary summary;
  summary.ops = 10;
  summary.values = {{"ns/op", 2500}, {"B/op", 64}, {"allocs/op", 3}, {"MB/s", 5e6}};
  CheckContext context;
  context.bench = &summary;
  auto value = [&](const std::string& rule) {
    Result<Rule> r = ParseRule(rule);
    REQUIRE(r.ok());
    std::optional<std::string> undefined;
    Result<Quantity> q = EvaluateBenchMetric(r->expr, context, &undefined);
    REQUIRE(q.ok());
    return std::make_pair(*q, undefined);
  };
  CHECK(value("bench(\"ns/op\")").first.dimension == Dimension::kTime);
  CHECK(value("bench(\"ns/op\")").first.value == 2500);
  CHECK(value("bench(\"B/op\")").first.dimension == Dimension::kBytes);
  CHECK(value("bench(\"allocs/op\")").first.dimension == Dimension::kCount);
  CHECK(value("bench(\"MB/s\")").first.dimension == Dimension::kBytesRate);
  auto missing = value("bench(\"items/op\")");
  REQUIRE(missing.second);
  CHECK(*missing.second == "the benchmark output has no items/op; it has B/op, MB/s, allocs/op, ns/op");
  summary.values.erase("B/op");
  CHECK_THAT(*value("bench(\"B/op\")").second, Catch::Contains("run go test with -benchmem"));
  const AnyProfile profile = testing::MakeProfile({{"main;parse", {5}}}, {{"cpu", "nanoseconds"}});
  context.profile = &profile;
  Result<RuleResult> op = EvaluateRule(*ParseRule("cum(\"parse\") / op < 2us"), context);
  REQUIRE_FALSE(op.ok());
  CHECK_THAT(op.status().message(), Catch::Contains("per op is X / ops, as in cum(\"parse\") / ops < 2us"));
  context.bench = nullptr;
  std::optional<std::string> undefined;
  Result<Quantity> without = EvaluateBenchMetric(ParseRule("bench(\"ns/op\")")->expr, context, &undefined);
  REQUIRE_FALSE(without.ok());
  CHECK_THAT(without.status().message(), Catch::Contains("needs --bench-output FILE"));
}

}  // namespace
}  // namespace proflens
