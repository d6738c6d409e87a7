// ComputeTop on small inline profiles: the order of the rows, the node
// fraction and node count, the --rows restriction and the legend. Every
// expected row and label is worked out by hand from pprof's rules (the node
// cutoff is node_fraction of the sum of flat; "Dropped N node(s) (cum <= X)"
// and "Showing top N nodes out of M" as pprof's report.go words them).
#include <catch2/catch.hpp>

#include "analyzer/call_graph.h"
#include "analyzer/top.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

using testing::MakeProfile;

CallGraph Graph(const Profile& p, const NodeKeySet* kept = nullptr) {
  return BuildCallGraph(p, CallGraphOptions{Granularity::kFunctions, kept});
}

GraphBuilder BuilderOf(const Profile& p) {
  return [&p](const NodeKeySet* kept) { return std::make_shared<CallGraph>(Graph(p, kept)); };
}

std::vector<std::string> Names(const TopReport& top) {
  std::vector<std::string> names;
  for (const TopRow& r : top.rows) names.push_back(r.name);
  return names;
}

TEST_CASE("top sorts by flat, cum and name with total tie-breaks", "[top]") {
  Profile p = MakeProfile({{"main;b", {2}}, {"main;a", {2}}, {"main;c;d", {1}}});
  GraphBuilder build = [&p](const NodeKeySet* kept) { return std::make_shared<CallGraph>(Graph(p, kept)); };
  TopOptions options;
  options.node_fraction = 0;
  auto names = [&](NodeOrder order) {
    options.order = order;
    std::vector<std::string> out;
    Result<TopReport> top = ComputeTop(build, options);
    for (const TopRow& r : top->rows) out.push_back(r.name);
    return out;
  };
  CHECK(names(NodeOrder::kFlat) == std::vector<std::string>{"a", "b", "d", "c", "main"});
  CHECK(names(NodeOrder::kCum) == std::vector<std::string>{"main", "a", "b", "c", "d"});
  CHECK(names(NodeOrder::kName) == std::vector<std::string>{"a", "b", "c", "d", "main"});
  options.order = NodeOrder::kCalls;
  CHECK(ComputeTop(build, options).status().code() == StatusCode::kUsage);  // sampled: no calls

  options.order = NodeOrder::kFlat;
  options.node_count = 2;
  Result<TopReport> top = ComputeTop(build, options);
  REQUIRE(top->rows.size() == 2);
  CHECK(top->rows[1].sum == 4);
  CHECK(top->labels.back() == "Showing top 2 nodes out of 5");
}

TEST_CASE("top: the sort names of pprof and pstats", "[top]") {
  CHECK(*ParseSortOrder("flat") == NodeOrder::kFlat);
  CHECK(*ParseSortOrder("tottime") == NodeOrder::kFlat);
  CHECK(*ParseSortOrder("cum") == NodeOrder::kCum);
  CHECK(*ParseSortOrder("cumtime") == NodeOrder::kCum);
  CHECK(*ParseSortOrder("calls") == NodeOrder::kCalls);
  CHECK(*ParseSortOrder("ncalls") == NodeOrder::kCalls);
  // Every key of pstats' sort_stats.
  CHECK(*ParseSortOrder("time") == NodeOrder::kFlat);
  CHECK(*ParseSortOrder("cumulative") == NodeOrder::kCum);
  CHECK(*ParseSortOrder("pcalls") == NodeOrder::kPrimitiveCalls);
  CHECK(*ParseSortOrder("stdname") == NodeOrder::kName);
  CHECK(*ParseSortOrder("name") == NodeOrder::kFunctionName);
  CHECK(*ParseSortOrder("nfl") == NodeOrder::kNameFileLine);
  CHECK(*ParseSortOrder("line") == NodeOrder::kLine);
  for (const char* file : {"file", "filename", "module"}) CHECK(*ParseSortOrder(file) == NodeOrder::kFile);
  Result<NodeOrder> bad = ParseSortOrder("Flat");  // names are case-sensitive
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == StatusCode::kUsage);
  CHECK_THAT(bad.status().message(), Catch::Contains("unknown sort order \"Flat\""));
}

TEST_CASE("top: the node fraction drops nodes of small cum and the legend says so", "[top]") {
  // Flat sums to 1000; a fraction of 0.05 cuts at cum 50: d (40) goes, c (60) stays.
  Profile p = MakeProfile({{"main;a", {600}}, {"main;b", {300}}, {"main;c", {60}}, {"main;d", {40}}});
  GraphBuilder build = BuilderOf(p);
  TopOptions options;
  options.node_fraction = 0.05;
  Result<TopReport> top = ComputeTop(build, options);
  REQUIRE(top.ok());
  CHECK(Names(*top) == std::vector<std::string>{"a", "b", "c", "main"});
  // sum is the running sum of flat: 600, 900, 960, 960.
  CHECK(top->rows[2].sum == 960);
  CHECK(top->rows[3].sum == 960);
  CHECK(top->rows[3].cum == 1000);  // main keeps d's samples in its cum
  CHECK(top->total == 1000);
  CHECK(top->labels == std::vector<std::string>{"Type: samples",
                                                "Showing nodes accounting for 960, 96.00% of 1000 total",
                                                "Dropped 1 node (cum <= 50)"});
  // The default fraction, 0.005, cuts at 5: nothing is dropped.
  TopOptions defaults;
  Result<TopReport> all = ComputeTop(build, defaults);
  REQUIRE(all.ok());
  CHECK(all->rows.size() == 5);
  CHECK(all->labels.back() == "Showing nodes accounting for 1000, 100% of 1000 total");
  // Two dropped nodes are "nodes": cut at 0.07 * 1000 = 70, c and d go.
  options.node_fraction = 0.07;
  CHECK(ComputeTop(build, options)->labels.back() == "Dropped 2 nodes (cum <= 70)");
}

TEST_CASE("top ranks by absolute value: a drop of 7 before a growth of 5", "[top]") {
  // A diff profile's values are signed; pprof sorts by |flat|, then name.
  Profile p = MakeProfile({{"main;grew", {5}}, {"main;shrank", {-7}}, {"main;same", {5}}});
  TopOptions options;
  options.node_fraction = 0;
  Result<TopReport> top = ComputeTop(BuilderOf(p), options);
  REQUIRE(top.ok());
  CHECK(Names(*top) == std::vector<std::string>{"shrank", "grew", "same", "main"});
  CHECK(top->rows[0].flat == -7);
  CHECK(top->rows[1].sum == -2);  // -7 + 5
}

TEST_CASE("top --rows keeps the matching rows before -n and sums only them", "[top]") {
  Profile p = MakeProfile({{"main;parse_a", {5}}, {"main;load", {4}}, {"main;parse_b", {3}}, {"main;parse_c", {1}}});
  TopOptions options;
  options.node_fraction = 0;
  options.rows = "^parse";
  options.node_count = 2;
  Result<TopReport> top = ComputeTop(BuilderOf(p), options);
  REQUIRE(top.ok());
  // -n 2 applies to the matching rows, not to the table before the match.
  CHECK(Names(*top) == std::vector<std::string>{"parse_a", "parse_b"});
  CHECK(top->rows[1].sum == 8);  // 5 + 3: load is not in the running sum
  CHECK(top->rows_matching == 3);
  CHECK(top->rows_filter == "^parse");
  // 8 of 13; two rows shown of the five nodes the table has.
  CHECK(top->labels == std::vector<std::string>{"Type: samples", "Showing nodes accounting for 8, 61.54% of 13 total",
                                                "Showing top 2 nodes out of 5"});
  options.rows = "(";
  Result<TopReport> bad = ComputeTop(BuilderOf(p), options);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == StatusCode::kUsage);
  CHECK_THAT(bad.status().message(), Catch::StartsWith("rows: \"(\" is not a valid regular expression"));
}

TEST_CASE("top --sort calls ranks call counts, then names", "[top]") {
  // A sampled profile given call counts by hand, as a graph profile has them.
  Profile p = MakeProfile({{"main;x", {1}}, {"main;y", {9}}, {"main;z", {5}}});
  GraphBuilder build = [&p](const NodeKeySet* kept) {
    auto g = std::make_shared<CallGraph>(Graph(p, kept));
    g->has_calls = true;
    for (CallGraphNode& n : g->nodes) n.calls = n.name == "main" ? 1 : n.name == "y" ? 2 : 7;
    return g;
  };
  TopOptions options;
  options.node_fraction = 0;
  options.order = NodeOrder::kCalls;
  Result<TopReport> top = ComputeTop(build, options);
  REQUIRE(top.ok());
  CHECK(Names(*top) == std::vector<std::string>{"x", "z", "y", "main"});  // 7, 7 (by name), 2, 1
  CHECK(top->has_calls);
  CHECK(top->rows[0].calls == 7);
}

TEST_CASE("top's legend lists the active filters, each cut at 80 bytes", "[top]") {
  Profile p = MakeProfile({{"main;a", {4}}});
  TopOptions options;
  options.node_fraction = 0;
  const std::string long_filter = "focus=" + std::string(84, 'x');  // 90 bytes
  options.active_filters = {"ignore=idle", long_filter};
  Result<TopReport> top = ComputeTop(BuilderOf(p), options);
  REQUIRE(top.ok());
  // As pprof's legendActiveFilters: the first 80 bytes and an ellipsis.
  CHECK(top->labels == std::vector<std::string>{"Type: samples", "Active filters:", "   ignore=idle",
                                                "   focus=" + std::string(74, 'x') + "\xe2\x80\xa6",
                                                "Showing nodes accounting for 4, 100% of 4 total"});
}

}  // namespace
}  // namespace proflens
