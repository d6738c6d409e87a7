// The check language: precedence, units, every metric on a profile whose
// values are worked out by hand, and every error message.
//   new:  main;parse;lex 40ms, main;parse;alloc 20ms, main;render 30ms, main 10ms
//   base: main;parse;lex 20ms, main;render 30ms, main;old 50ms
#include <catch2/catch.hpp>

#include "analyzer/assertions.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

constexpr int64_t kMs = 1000000;

struct Fixture {
  AnyProfile now = testing::MakeProfile({{"main;parse;lex", {40 * kMs}}, {"main;parse;alloc", {20 * kMs}},
                                      {"main;render", {30 * kMs}}, {"main", {10 * kMs}}},
                                     {{"cpu", "nanoseconds"}});
  AnyProfile base = testing::MakeProfile({{"main;parse;lex", {20 * kMs}}, {"main;render", {30 * kMs}}, {"main;old", {50 * kMs}}},
                                      {{"cpu", "nanoseconds"}});
  CheckContext context;
  Fixture() {
    now.mutable_stacks()->duration_nanos = 2000 * kMs;
    context.profile = &now;
    context.base = &base;
    context.ops = 1000;
  }

  Result<RuleResult> Run(const std::string& text) {
    Result<Rule> rule = ParseRule(text);
    if (!rule.ok()) return rule.status();
    return EvaluateRule(*rule, context);
  }
  bool Holds(const std::string& text) {
    Result<RuleResult> r = Run(text);
    INFO(text << " -> " << r.status().message());
    REQUIRE(r.ok());
    INFO(r->error);
    REQUIRE(r->error.empty());
    return r->passed;
  }
  std::string Error(const std::string& text) {
    Result<RuleResult> r = Run(text);
    INFO(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == StatusCode::kUsage);
    return r.status().message();
  }
};

TEST_CASE("precedence and logic", "[check]") {
  Fixture f;
  CHECK(f.Holds("1 + 2 * 3 == 7"));
  CHECK(f.Holds("(1 + 2) * 3 == 9"));
  CHECK(f.Holds("10 - 4 - 3 == 3"));         // left to right
  CHECK(f.Holds("12 / 2 / 3 == 2"));
  CHECK(f.Holds("-2 * 3 == -6"));
  CHECK(f.Holds("not 1 < 2 or 1 < 2"));      // (not (1 < 2)) or (1 < 2)
  CHECK(f.Holds("1 < 2 and 2 < 1 or 1 < 2"));  // and binds tighter than or
  CHECK_FALSE(f.Holds("1 < 2 and (2 < 1 or 2 < 1)"));
  CHECK(f.Holds("!(2 < 1) && 1 <= 1 || 2 < 1"));
  CHECK(f.Holds("1 != 2"));
  CHECK(f.Holds("2 >= 2 and 3 > 2"));
}

TEST_CASE("units", "[check]") {
  Fixture f;
  CHECK(f.Holds("1s == 1000ms"));
  CHECK(f.Holds("1ms == 1000us"));
  CHECK(f.Holds("1us == 1000ns"));
  CHECK(f.Holds("1min == 60s"));
  CHECK(f.Holds("1h == 60min"));
  // One unit system, pprof's: kB, MB, GB are powers of 1024, as KiB, MiB, GiB.
  CHECK(f.Holds("1kB == 1024B"));
  CHECK(f.Holds("1.5GB == 1536MB"));
  CHECK(f.Holds("10MB == 10MiB"));
  CHECK(f.Holds("10MB == 10485760B"));
  CHECK(f.Holds("1KiB == 1024B"));
  CHECK(f.Holds("1MiB == 1024KiB"));
  CHECK(f.Holds("1GiB == 1073741824B"));
  CHECK(f.Holds("5% == 5%"));
  CHECK(f.Holds("1s + 500ms == 1.5s"));
  CHECK(f.Holds("2 * 50ms == 100ms"));
  CHECK(f.Holds("1s / 4 == 250ms"));
  CHECK(f.Holds("1s / 250ms == 4"));
}

TEST_CASE("every metric", "[check]") {
  Fixture f;
  CHECK(f.Holds("total == 100ms"));
  CHECK(f.Holds("samples == 4"));
  CHECK(f.Holds("duration == 2s"));
  CHECK(f.Holds("flat(\"lex\") == 40ms"));
  CHECK(f.Holds("flat(\"^(lex|alloc)$\") == 60ms"));
  CHECK(f.Holds("cum(\"parse\") == 60ms"));
  CHECK(f.Holds("cum(\"parse|lex\") == 60ms"));  // a sample counts once
  CHECK(f.Holds("cum(\"main\") == total"));
  CHECK(f.Holds("count(\"^(lex|alloc|nope)$\") == 2"));
  CHECK(f.Holds("max_flat == 40ms"));
  CHECK(f.Holds("max_cum == 100ms"));
  CHECK(f.Holds("ops == 1000"));
  CHECK(f.Holds("cpu_per_op == 100us"));
  CHECK(f.Holds("max_cpu_per_op == 40us"));
  CHECK(f.Holds("base.total == 100ms"));
  CHECK(f.Holds("base.cum(\"parse\") == 20ms"));
  CHECK(f.Holds("change(cum(\"parse\")) == 200%"));
  CHECK(f.Holds("change(cum(\"render\")) == 0%"));
  CHECK(f.Holds("cum(\"parse\") <= base.cum(\"parse\") * 3"));
  CHECK(f.Holds("new_functions == 1"));   // alloc
  CHECK(f.Holds("gone_functions == 1"));  // old
  CHECK(f.Holds("total(\"cpu\") == 100ms"));
  CHECK(f.Holds("cum(\"parse\", \"cpu\") == 60ms"));
}

TEST_CASE("a quantity against a percentage compares its share", "[check]") {
  Fixture f;
  CHECK(f.Holds("cum(\"parse\") < 61%"));
  CHECK(f.Holds("cum(\"parse\") > 59%"));
  CHECK(f.Holds("flat(\"lex\") == 40%"));
  CHECK(f.Holds("5% < cum(\"render\")"));
  CHECK(f.Holds("cpu_per_op == 100%"));
  Result<RuleResult> r = f.Run("budget: cum(\"parse\") < 5%");
  REQUIRE(r.ok());
  CHECK_FALSE(r->passed);
  CHECK(r->rule.name == "budget");
  CHECK(r->actual == "60.00% (60ms)");
  CHECK(r->limit == "5.00%");
  CHECK(r->details == std::vector<std::string>{"cum(\"parse\") = 60.00% (60ms), not < 5.00%"});
}

TEST_CASE("values undefined on the data fail the rule", "[check]") {
  Fixture f;
  Result<RuleResult> r = f.Run("change(cum(\"alloc\")) < 10%");
  REQUIRE(r.ok());
  CHECK_FALSE(r->passed);
  CHECK(r->error == "change(cum(\"alloc\")) is undefined: its base value is 0");
  Result<RuleResult> d = f.Run("total / (ops - 1000) < 1ms");
  REQUIRE(d.ok());
  CHECK_THAT(d->error, Catch::StartsWith("division by zero"));
}

TEST_CASE("every error names its column", "[check]") {
  Fixture f;
  CHECK_THAT(f.Error("cum(\"x\") < )"), Catch::StartsWith("column 12: expected a number, a metric or \"(\" but found \")\""));
  CHECK_THAT(f.Error("cum(\"x\") < 5 )"), Catch::StartsWith("column 14: expected an operator or the end of the rule"));
  CHECK_THAT(f.Error("cum(\"x) < 5%"), Catch::StartsWith("column 5: this string has no closing \""));
  CHECK_THAT(f.Error("total = 5ms"), Catch::StartsWith("column 7: \"=\" is not an operator"));
  CHECK_THAT(f.Error("1 < 2 < 3"), Catch::StartsWith("column 7: comparisons do not chain"));
  CHECK_THAT(f.Error("total < 5parsecs"), Catch::StartsWith("column 10: unknown unit \"parsecs\""));
  CHECK_THAT(f.Error("(total < 5ms"), Catch::StartsWith("column 13: expected \")\" to close the \"(\" at column 1"));
  CHECK_THAT(f.Error("total < 5ms $"), Catch::StartsWith("column 13: unexpected character \"$\""));
  CHECK_THAT(f.Error("cum(\"x\" \"y\") < 5%"), Catch::StartsWith("column 9: expected \",\" or \")\" in the arguments of cum()"));
  CHECK_THAT(f.Error("base total < 5ms"), Catch::StartsWith("column 6: expected \".\" after \"base\""));
  CHECK_THAT(f.Error("   "), Catch::StartsWith("column 4: expected an expression"));
  CHECK_THAT(f.Error("speed < 5"), Catch::StartsWith("column 1: unknown metric \"speed\""));
  CHECK_THAT(f.Error("cum() < 5%"), Catch::StartsWith("column 1: cum() takes 1 to 2 arguments, not 0"));
  CHECK_THAT(f.Error("cum(total) < 5%"), Catch::StartsWith("column 5: cum()'s arguments are strings"));
  CHECK_THAT(f.Error("\"x\" < 5"), Catch::StartsWith("column 1: expected a number, a metric or \"(\" but found the string \"x\""));
  CHECK_THAT(f.Error("total < 100"), Catch::StartsWith("column 9: 100 has no unit"));
  CHECK_THAT(f.Error("total + 1MB < 5ms"), Catch::StartsWith("column 7: cannot add a size in bytes to a time"));
  CHECK_THAT(f.Error("total < 5MB"), Catch::StartsWith("column 7: cannot compare a time with a size in bytes"));
  CHECK_THAT(f.Error("total * 1ms < 5ms"), Catch::StartsWith("column 7: cannot multiply a time by a time"));
  CHECK_THAT(f.Error("1MB / 1ms < 5"), Catch::StartsWith("column 5: cannot divide a size in bytes by a time"));
  CHECK_THAT(f.Error("not total"), Catch::StartsWith("column 1: \"not\" needs true or false"));
  CHECK_THAT(f.Error("total and 1 < 2"), Catch::StartsWith("column 7: \"and\" needs comparisons on both sides"));
  CHECK_THAT(f.Error("(1 < 2) + 1 < 3"), Catch::StartsWith("column 9: \"+\" needs numbers"));
  CHECK_THAT(f.Error("total"), Catch::StartsWith("column 1: a rule must compare"));
  CHECK_THAT(f.Error("samples < 5%"), Catch::StartsWith("column 1: samples is not a share of a total"));
  CHECK_THAT(f.Error("cum(\"(\") < 5%"), Catch::StartsWith("column 5: \"(\" is not a valid regular expression"));
  CHECK_THAT(f.Error("calls(\"lex\") < 5"), Catch::StartsWith("column 1: calls() needs call counts"));
  CHECK_THAT(f.Error("alloc_per_op < 1MB"), Catch::StartsWith("column 1: alloc_per_op needs a sample type measured in bytes"));
  CHECK_THAT(f.Error("total(\"alloc_space\") < 1MB"), Catch::StartsWith("column 7: sample type \"alloc_space\" is not in the profile"));
  CHECK_THAT(f.Error("base.change(total) < 1%"), Catch::StartsWith("column 6: change() compares with the base itself"));
  f.context.base = nullptr;
  CHECK_THAT(f.Error("base.total < 1s"), Catch::StartsWith("column 1: base.total needs a base profile"));
  CHECK_THAT(f.Error("change(total) < 1%"), Catch::StartsWith("column 1: change() needs a base profile"));
  CHECK_THAT(f.Error("new_functions == 0"), Catch::StartsWith("column 1: new_functions needs a base profile"));
  f.context.ops.reset();
  CHECK_THAT(f.Error("cpu_per_op < 1ms"), Catch::StartsWith("column 1: cpu_per_op needs --ops N"));
  CHECK_THAT(f.Error("ops > 1"), Catch::StartsWith("column 1: ops needs --ops N"));
  f.now.mutable_stacks()->duration_nanos = 0;
  CHECK_THAT(f.Error("duration < 1s"), Catch::StartsWith("column 1: duration: the profile records no duration"));
  // Deep nesting is refused, not a stack overflow (a fuzzer found that one).
  CHECK_THAT(f.Error(std::string(100000, '(') + "1"), Catch::Contains("nested more than 200 levels deep"));
  CHECK_THAT(f.Error(std::string(100000, '!') + "1 < 2"), Catch::Contains("nested more than 200 levels deep"));
  CHECK_THAT(f.Error(std::string(100000, '-') + "1 < 2"), Catch::Contains("nested more than 200 levels deep"));
  CHECK(f.Holds(std::string(50, '(') + "1 < 2" + std::string(50, ')')));
  // A pattern that backtracks forever in other engines matches in linear time here (RE2).
  CHECK(f.Holds("count(\"(a*)*b\") == 0"));
  // Never a crash on garbage.
  for (const char* junk : {"(((((", ")))", "&&", "cum(", "base.", "1e", "1e+", "\"", "not", "-", "5%%", ". 5"}) {
    Result<RuleResult> r = f.Run(junk);
    CHECK_FALSE(r.ok());
  }
}

TEST_CASE("the caret sits under the named column", "[check]") {
  Result<Rule> r = ParseRule("fast: cum(\"x\") < )");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() ==
        "column 18: expected a number, a metric or \"(\" but found \")\"\n"
        "  fast: cum(\"x\") < )\n"
        "                   ^");
}

TEST_CASE("a failed verdict prints enough digits to show why", "[check][units]") {
  Fixture f;
  // total is 100ms: 100ms / 99.67 is 1.00331ms, which two decimals would print as 1ms.
  Result<RuleResult> r = f.Run("total / 99.67 < 1ms");
  REQUIRE(r.ok());
  CHECK_FALSE(r->passed);
  CHECK(r->actual == "1.003ms");
  CHECK(r->limit == "1ms");
  // Values that differ at two decimals keep two; equal values stay as they are.
  Result<RuleResult> two = f.Run("total < 99.5ms");
  REQUIRE(two.ok());
  CHECK(two->actual == "100ms");
  CHECK(two->limit == "99.50ms");
  Result<RuleResult> same = f.Run("total < 100ms");
  REQUIRE(same.ok());
  CHECK(same->actual == "100ms");
  CHECK(same->limit == "100ms");
  // Sizes in pprof's megabytes: 10MiB is 10MB, never 10.49MB.
  Result<RuleResult> size = f.Run("1GB / 100 < 10MiB");
  REQUIRE(size.ok());
  CHECK(size->actual == "10.24MB");
  CHECK(size->limit == "10MB");
}

TEST_CASE("pstats' words are metrics: tottime, cumtime, ncalls", "[check]") {
  Fixture f;
  CHECK(f.Holds("tottime(\"lex\") == flat(\"lex\")"));
  CHECK(f.Holds("cumtime(\"parse\") == 60ms"));
  CHECK(f.Holds("cumtime?(\"nothing\") == 0ms"));
  CHECK_THAT(f.Error("ncalls(\"parse\") > 1"), Catch::Contains("needs call counts"));
  CHECK_THAT(f.Error("primcalls(\"parse\") > 1"), Catch::Contains("needs call counts"));
}

}  // namespace
}  // namespace proflens
