// growth in the check rules, and the rate units, on a series of three heap
// profiles worked out by hand (times 0, 30 min, 60 min):
//   heap-1: main;cache.Put 1000B   main;other 500B
//   heap-2: main;cache.Put 3000B   main;other 500B
//   heap-3: main;cache.Put 5000B   main;other 500B   main;late 600B
// cum("cache.Put") grows 2000B every 30 min, 4000B/h; total 1500, 3500, 6100
// (mean t 0.5h, mean v 3700; sum(dt dv) = (-0.5)(-2200) + (0.5)(2400) = 2300,
// sum(dt^2) = 0.5: 4600B/h); late appears in the last one only (0, 0, 600:
// mean 200; ((-0.5)(-200) + (0.5)(400)) / 0.5 = 600B/h).
#include <catch2/catch.hpp>

#include "analyzer/assertions.h"
#include "analyzer/growth_metric.h"
#include "analyzer/rates.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

constexpr int64_t kMinute = int64_t{60} * 1000000000;

AnyProfile Heap(int64_t put, int64_t late, int64_t time) {
  std::vector<testing::TestStack> stacks = {{"main;cache.Put", {put}}, {"main;other", {500}}};
  if (late > 0) stacks.push_back({"main;late", {late}});
  Profile p = testing::MakeProfile(stacks, {{"inuse_space", "bytes"}});
  p.time_nanos = time;
  return p;
}

struct Series {
  AnyProfile heaps[3] = {Heap(1000, 0, 1'800'000'000'000'000'000), Heap(3000, 0, 1'800'000'000'000'000'000 + 30 * kMinute),
                         Heap(5000, 600, 1'800'000'000'000'000'000 + 60 * kMinute)};
  AnyProfile merged = testing::MakeProfile({{"main;cache.Put", {9000}}, {"main;other", {1500}}, {"main;late", {600}}},
                                           {{"inuse_space", "bytes"}});
  std::vector<SeriesProfile> points;
  CheckContext context;
  Series() {
    for (int i = 0; i < 3; ++i) points.push_back({"heap-" + std::to_string(i + 1), heaps[i].header().time_nanos, &heaps[i]});
    context.profile = &merged;
    context.series = &points;
  }
  Result<RuleResult> Run(const std::string& text) {
    Result<Rule> rule = ParseRule(text);
    if (!rule.ok()) return rule.status();
    return EvaluateRule(*rule, context);
  }
};

TEST_CASE("growth: rate units", "[check][growth]") {
  Series s;
  // Each a value per second in the base unit (bytes, ns, a count).
  auto per_second = [](const std::string& number) {
    Result<Rule> rule = ParseRule(number + " > 0B/s");
    REQUIRE(rule.ok());
    return rule->expr.children[0].number;
  };
  CHECK(per_second("3600B/h") == Approx(1));
  CHECK(per_second("60B/min") == Approx(1));
  CHECK(per_second("1KiB/s") == Approx(1024));
  CHECK(per_second("7200/h") == Approx(2));
  CHECK(per_second("3600ms/h") == Approx(1e6));
  CHECK(per_second("60ms/min") == Approx(1e6));
  CHECK(per_second("1s/s") == Approx(1e9));
  CHECK(ParseRule("growth < 1KiB/s")->expr.children[1].dimension == Dimension::kBytesRate);
  CHECK(ParseRule("growth < 1ms/h")->expr.children[1].dimension == Dimension::kTimeRate);
  CHECK(ParseRule("growth < 1/h")->expr.children[1].dimension == Dimension::kCountRate);
  CHECK(ExprToString(ParseRule("growth < 2.5MiB/h")->expr) == "(growth < 2.5MiB/h)");
  // A rate is not a size, and "/" before a metric is still a division.
  Result<RuleResult> mixed = s.Run("growth < 100KiB");
  REQUIRE_FALSE(mixed.ok());
  CHECK_THAT(mixed.status().message(), Catch::Contains("cannot compare a size per time with a size in bytes"));
  Result<RuleResult> division = s.Run("total / 2 == 5550B");
  REQUIRE(division.ok());
  CHECK(division->passed);
  Result<Rule> unknown = ParseRule("growth < 5MB/day");
  REQUIRE_FALSE(unknown.ok());
  CHECK_THAT(unknown.status().message(), Catch::Contains("column 11: unknown unit \"MB/day\""));
  Result<RuleResult> percent_rate = s.Run("growth < 5%/h");  // 5% divided by a metric "h"
  REQUIRE_FALSE(percent_rate.ok());
  CHECK_THAT(percent_rate.status().message(), Catch::Contains("unknown metric \"h\""));
  // Rates are shown per hour in the units sizes are shown in (FormatQuantity's).
  auto bytes = [](double v) { return FormatQuantity(Quantity{v, Dimension::kBytes}); };
  CHECK(FormatRate(1, Dimension::kBytesRate) == bytes(3600) + "/h");
  CHECK(FormatRate(500.0 / 3600, Dimension::kBytesRate, true) == "+500B/h");
  CHECK(FormatRate(-2, Dimension::kCountRate, true) == "-7200/h");
  CHECK(FormatRate(3511670.25 / 3600, Dimension::kCountRate) == "3511670.25/h");
  CHECK(FormatRate(1e6 / 3600, Dimension::kTimeRate, true) == "+1ms/h");
}

TEST_CASE("growth: of the total, a function and any metric, by least squares", "[check][growth]") {
  Series s;
  Result<RuleResult> put = s.Run("growth(\"cache.Put\") > 3999.99B/h");
  REQUIRE(put.ok());
  CHECK(put->error.empty());
  CHECK(put->passed);
  CHECK(put->actual == FormatQuantity(Quantity{4000, Dimension::kBytes}) + "/h");
  REQUIRE(put->actual_value);
  CHECK(put->actual_value->value == Approx(4000.0 / 3600));
  Result<RuleResult> total = s.Run("growth < 4600B/h");
  REQUIRE(total.ok());
  CHECK_FALSE(total->passed);
  CHECK(total->actual == FormatQuantity(Quantity{4600, Dimension::kBytes}) + "/h");
  REQUIRE_FALSE(total->details.empty());
  CHECK(total->details[0] == "growth of total over 3 profiles, 1hrs: +" + FormatQuantity(Quantity{4600, Dimension::kBytes}) + "/h");
  // Absent from the first two profiles: 0 there.
  Result<RuleResult> late = s.Run("growth(flat(\"late\")) > 599.99B/h and growth(flat(\"late\")) < 600.01B/h");
  REQUIRE(late.ok());
  INFO(late->error << " " << late->actual);
  CHECK(late->error.empty());
  CHECK(late->passed);
  Result<RuleResult> sample_type = s.Run("growth(\"cache.Put\", \"inuse_space\") > 3999B/h");
  REQUIRE(sample_type.ok());
  CHECK(sample_type->passed);
}

TEST_CASE("growth: nothing to measure never passes", "[check][growth]") {
  Series s;
  // A pattern that matches nothing in any profile fails the rule, with the closest name.
  Result<RuleResult> typo = s.Run("growth(\"cache.Pt\") < 1GB/h");
  REQUIRE(typo.ok());
  CHECK_FALSE(typo->passed);
  CHECK_THAT(typo->error, Catch::Contains("\"cache.Pt\" matches no function; closest: cache.Put"));
  // One input: no series.
  s.context.series = nullptr;
  Result<RuleResult> one = s.Run("growth < 1GB/h");
  REQUIRE(one.ok());
  CHECK_FALSE(one->passed);
  CHECK(one->error == "growth needs a series: 2 or more profiles taken at different times, and this check has 1 input");
  // Profiles of one time.
  std::vector<SeriesProfile> same = {s.points[0], s.points[1]};
  same[1].time_nanos = same[0].time_nanos;
  s.context.series = &same;
  Result<RuleResult> instant = s.Run("growth < 1GB/h");
  REQUIRE(instant.ok());
  CHECK_THAT(instant->error, Catch::Contains("all taken at the same time"));
  // Usage errors: a growth of a percentage, of the base, and a unitless limit.
  s.context.series = &s.points;
  Result<RuleResult> percent = s.Run("growth(change(total)) < 1/h");
  REQUIRE_FALSE(percent.ok());
  Result<RuleResult> base = s.Run("base.growth < 1/h");
  REQUIRE_FALSE(base.ok());
  CHECK_THAT(base.status().message(), Catch::Contains("base.growth"));
  Result<RuleResult> bare = s.Run("growth < 100");
  REQUIRE_FALSE(bare.ok());
  CHECK_THAT(bare.status().message(), Catch::Contains("100 has no unit"));
  Result<Rule> rule = ParseRule("x: growth(\"a\") < 1MB/h or total < 1MB");
  REQUIRE(rule.ok());
  CHECK(UsesGrowth({*rule}));
  CHECK_FALSE(UsesGrowth({*ParseRule("total < 1MB")}));
}

}  // namespace
}  // namespace proflens
