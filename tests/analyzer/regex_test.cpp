// Regex: pprof's regular expressions (RE2 syntax, as Go's regexp package
// reads them), errors that name the option, and no backtracking. Expected
// answers follow from the syntax (https://golang.org/s/re2syntax).
#include <catch2/catch.hpp>

#include "analyzer/regex.h"

namespace proflens {
namespace {

Regex Compiled(std::string_view pattern) {
  Result<Regex> r = Regex::Compile(pattern, "test");
  INFO(r.status().message());
  REQUIRE(r.ok());
  return std::move(r).value();
}

TEST_CASE("regex: search anywhere, full match all, Go's syntax", "[regex]") {
  const Regex parse = Compiled("pars[ei]");
  CHECK(parse.Search("json.parse"));
  CHECK_FALSE(parse.FullMatch("json.parse"));
  CHECK(parse.FullMatch("parse"));
  CHECK(parse.pattern() == "pars[ei]");
  CHECK(Compiled("(?i)^MAIN\\.").Search("main.main"));         // flags as Go writes them
  CHECK(Compiled("\\pL+\\.run").FullMatch("Ünïcode.run"));    // Unicode classes over UTF-8
  CHECK(Compiled("a.c").FullMatch("a\xc3\xa9" "c"));          // . is one character, not one byte
  CHECK_FALSE(Compiled("^$").Search("x"));
  CHECK(Compiled("").Search("anything"));
}

TEST_CASE("regex: an invalid pattern is a usage error naming the option", "[regex]") {
  for (const char* pattern : {"parse(", "a{2,1}", "(a)\\1"}) {
    INFO(pattern);
    Result<Regex> r = Regex::Compile(pattern, "--focus");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == StatusCode::kUsage);
    CHECK_THAT(r.status().message(),
               Catch::StartsWith(std::string("--focus: \"") + pattern + "\" is not a valid regular expression: "));
  }
}

TEST_CASE("regex: groups of the first match, and a replacement of it", "[regex]") {
  const Regex go = Compiled("^(.*?)/v([2-9])(\\.x)?(/.*)$");
  std::vector<std::string> groups;
  REQUIRE(go.Search("github.com/a/v3/pkg.F", &groups));
  CHECK(groups == std::vector<std::string>{"github.com/a", "3", "", "/pkg.F"});  // group 3 did not take part
  CHECK_FALSE(go.Search("github.com/a/pkg.F", &groups));
  CHECK(Compiled("o").ReplaceFirst("foo", "0") == "f0o");
  CHECK(Compiled("^(\\w+)\\.(\\w+)$").ReplaceFirst("pkg.Func", "\\2 of \\1") == "Func of pkg");
  CHECK(Compiled("x").ReplaceFirst("abc", "y") == "abc");
}

TEST_CASE("regex: a pattern that backtracks exponentially elsewhere answers at once", "[regex][hostile]") {
  // (a*)*b against a run of a's without a b: a backtracking engine tries
  // 2^n ways; RE2 scans the text once.
  const std::string text(100000, 'a');
  CHECK_FALSE(Compiled("(a*)*b").Search(text));
  CHECK_FALSE(Compiled("^(a|aa)+$").FullMatch(text + "c"));
}

}  // namespace
}  // namespace proflens
