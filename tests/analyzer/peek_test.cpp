// ComputePeek (pprof -peek) on a small profile whose callers and callees are
// worked out by hand from pprof's counting rules:
//   main;parse;lex        5      main;load;parse;lex   3
//   main;parse            2      main;load             1
// nodes: main cum 11; parse flat 2, cum 10; lex flat 8, cum 8; load flat 1, cum 4
// edges: main->parse 7, main->load 4, load->parse 3, parse->lex 8
#include <catch2/catch.hpp>

#include "analyzer/call_graph.h"
#include "analyzer/peek.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

Profile Sample() {
  return testing::MakeProfile(
      {{"main;parse;lex", {5}}, {"main;parse", {2}}, {"main;load;parse;lex", {3}}, {"main;load", {1}}});
}

Result<PeekReport> Peek(const Profile& p, const std::string& regex) {
  GraphBuilder build = [&p](const NodeKeySet* kept) {
    return std::make_shared<CallGraph>(BuildCallGraph(p, CallGraphOptions{Granularity::kFunctions, kept}));
  };
  PeekOptions options;
  options.regex = regex;
  return ComputePeek(build, options);
}

std::vector<std::pair<std::string, int64_t>> Links(const std::vector<PeekLink>& links) {
  std::vector<std::pair<std::string, int64_t>> out;
  for (const PeekLink& l : links) out.emplace_back(l.name, l.weight);
  return out;
}

using Pairs = std::vector<std::pair<std::string, int64_t>>;

TEST_CASE("peek: a function's callers and callees with the edge weights", "[peek]") {
  const Profile p = Sample();
  Result<PeekReport> peek = Peek(p, "^parse$");
  REQUIRE(peek.ok());
  REQUIRE(peek->entries.size() == 1);
  const PeekEntry& e = peek->entries[0];
  CHECK(e.name == "parse");
  CHECK(e.flat == 2);
  CHECK(e.cum == 10);
  CHECK(Links(e.callers) == Pairs{{"main", 7}, {"load", 3}});  // heaviest first
  CHECK(Links(e.callees) == Pairs{{"lex", 8}});
  CHECK(e.calls == -1);  // sampled: no call counts
  CHECK(peek->total == 11);
  CHECK_FALSE(peek->has_calls);
}

TEST_CASE("peek: every match, in flat order, with a running sum of flat", "[peek]") {
  const Profile p = Sample();
  Result<PeekReport> peek = Peek(p, "^l");  // lex (flat 8) and load (flat 1)
  REQUIRE(peek.ok());
  REQUIRE(peek->entries.size() == 2);
  CHECK(peek->entries[0].name == "lex");
  CHECK(peek->entries[0].sum == 8);
  CHECK(Links(peek->entries[0].callers) == Pairs{{"parse", 8}});
  CHECK(peek->entries[0].callees.empty());
  CHECK(peek->entries[1].name == "load");
  CHECK(peek->entries[1].sum == 9);
  CHECK(Links(peek->entries[1].callers) == Pairs{{"main", 4}});
  CHECK(Links(peek->entries[1].callees) == Pairs{{"parse", 3}});
  // Peek shows the whole graph, with no node fraction: the legend drops nothing.
  CHECK(peek->labels == std::vector<std::string>{"Type: samples", "Showing nodes accounting for 11, 100% of 11 total"});
}

TEST_CASE("peek: callers of equal weight by name, and inlined calls marked", "[peek]") {
  const Profile p = testing::MakeProfile({{"b;x", {2}}, {"a;x", {2}}, {"c;x", {3}}, {"d>x", {1}}});
  Result<PeekReport> peek = Peek(p, "^x$");
  REQUIRE(peek.ok());
  REQUIRE(peek->entries.size() == 1);
  const std::vector<PeekLink>& callers = peek->entries[0].callers;
  CHECK(Links(callers) == Pairs{{"c", 3}, {"a", 2}, {"b", 2}, {"d", 1}});
  CHECK_FALSE(callers[0].inline_call);
  CHECK(callers[3].inline_call);  // x was inlined into d
}

TEST_CASE("peek: a regex that matches nothing, or does not compile, is a usage error", "[peek]") {
  const Profile p = Sample();
  Result<PeekReport> none = Peek(p, "^nothing$");
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().code() == StatusCode::kUsage);
  // It names the closest function, as check does (fewest edits from "^nothing$").
  CHECK(none.status().message() == "no function matches \"^nothing$\"; closest: main");
  Result<PeekReport> bad = Peek(p, "parse(");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == StatusCode::kUsage);
  CHECK_THAT(bad.status().message(), Catch::StartsWith("peek: \"parse(\" is not a valid regular expression"));
}

}  // namespace
}  // namespace proflens
