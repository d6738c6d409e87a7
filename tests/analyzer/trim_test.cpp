// TrimCallGraph, SortEdges and ResolveReportUnit on small profiles; the
// expected graphs are worked out by hand from pprof's trimming steps
// (internal/report/report.go newTrimmedGraph: node cutoff and edge cutoff
// are fractions of the sum of flat; the graph is rebuilt with the kept
// nodes; RemoveRedundantEdges drops residual edges whose callee stays
// reachable from the caller) and its selectOutputUnit.
#include <catch2/catch.hpp>

#include "analyzer/call_graph.h"
#include "analyzer/trim.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

using testing::FindEdge;
using testing::FindNode;
using testing::MakeProfile;

GraphBuilder BuilderOf(const Profile& p) {
  return [&p](const NodeKeySet* kept) {
    return std::make_shared<CallGraph>(BuildCallGraph(p, CallGraphOptions{Granularity::kFunctions, kept}));
  };
}

std::vector<std::string> OrderNames(const TrimmedGraph& t) {
  std::vector<std::string> names;
  for (uint32_t n : t.order) names.push_back(t.graph.nodes[n].name);
  return names;
}

TEST_CASE("trim: the edge fraction drops light edges and counts them", "[trim]") {
  // Flat sums to 1000; an edge fraction of 0.02 cuts at 20: main->b and b->c (10 each) go.
  Profile p = MakeProfile({{"main;a", {990}}, {"main;b;c", {10}}});
  TrimOptions options;
  options.node_fraction = 0;
  options.edge_fraction = 0.02;
  TrimmedGraph t = TrimCallGraph(BuilderOf(p), options);
  CHECK(t.summary.dropped_edges == 2);
  CHECK(t.summary.dropped_nodes == 0);
  REQUIRE(t.graph.edges.size() == 1);
  CHECK(FindEdge(t.graph, "main", "a")->weight[0] == 990);
  CHECK(t.graph.nodes.size() == 4);  // the nodes stay
  CHECK(t.summary.edge_fraction == 0.02);
}

TEST_CASE("trim: the node count keeps the first nodes and joins the rest by residual edges", "[trim]") {
  // Flat order: leaf 6, other 1, then main and mid (flat 0) by name.
  Profile p = MakeProfile({{"main;mid;leaf", {6}}, {"main;other", {1}}});
  TrimOptions options;
  options.node_fraction = 0;
  options.edge_fraction = 0;
  options.node_count = 3;
  TrimmedGraph t = TrimCallGraph(BuilderOf(p), options);
  CHECK(OrderNames(t) == std::vector<std::string>{"leaf", "other", "main"});
  CHECK(FindNode(t.graph, "mid") == nullptr);
  REQUIRE(FindEdge(t.graph, "main", "leaf") != nullptr);
  CHECK(FindEdge(t.graph, "main", "leaf")->residual(0));
  CHECK(FindEdge(t.graph, "main", "leaf")->weight[0] == 6);
  CHECK(t.summary.candidate_nodes == 4);
  CHECK(t.summary.shown_nodes == 3);
  CHECK(t.summary.shown_flat == 7);
}

TEST_CASE("trim: the node cutoff is a fraction of the sum of flat", "[trim]") {
  // Flat sums to 200 (100 + 60 + 40); 0.25 cuts at 50: tail (cum 40) goes, its
  // flat is not moved to its caller.
  Profile p = MakeProfile({{"main;hot", {100}}, {"main;warm", {60}}, {"main;warm;tail", {40}}});
  TrimOptions options;
  options.node_fraction = 0.25;
  TrimmedGraph t = TrimCallGraph(BuilderOf(p), options);
  CHECK(t.node_cutoff == 50);
  CHECK(t.summary.dropped_nodes == 1);
  CHECK(OrderNames(t) == std::vector<std::string>{"hot", "warm", "main"});
  CHECK(FindNode(t.graph, "warm")->flat[0] == 60);
  CHECK(FindNode(t.graph, "warm")->cum[0] == 100);
}

TEST_CASE("trim: a residual edge to a node reachable another way is redundant", "[trim]") {
  // Flat order: leaf 8, then a, main, mid (flat 0) by name; -n 3 drops mid, so
  // main->mid->leaf becomes main->leaf (residual), while main->a->leaf stays.
  Profile p = MakeProfile({{"main;a;leaf", {5}}, {"main;mid;leaf", {3}}});
  TrimOptions options;
  options.node_fraction = 0;
  options.edge_fraction = 0;
  options.node_count = 3;
  TrimmedGraph kept = TrimCallGraph(BuilderOf(p), options);
  REQUIRE(FindEdge(kept.graph, "main", "leaf") != nullptr);
  CHECK(FindEdge(kept.graph, "main", "leaf")->residual(0));
  options.remove_redundant_edges = true;
  TrimmedGraph removed = TrimCallGraph(BuilderOf(p), options);
  CHECK(FindEdge(removed.graph, "main", "leaf") == nullptr);
  CHECK(FindEdge(removed.graph, "main", "a") != nullptr);
  CHECK(FindEdge(removed.graph, "a", "leaf") != nullptr);
  CHECK(removed.graph.edges.size() == 2);
}

TEST_CASE("trim: edges sort heaviest first, then by caller and callee name", "[trim]") {
  Profile p = MakeProfile({{"b;x", {2}}, {"a;y", {2}}, {"a;x", {2}}, {"c;x", {-3}}});
  CallGraph g = BuildCallGraph(p, {});
  std::vector<uint32_t> edges(g.edges.size());
  for (uint32_t e = 0; e < edges.size(); ++e) edges[e] = e;
  SortEdges(g, 0, edges);
  std::vector<std::string> names;
  for (uint32_t e : edges) names.push_back(g.nodes[g.edges[e].caller].name + "->" + g.nodes[g.edges[e].callee].name);
  // |-3| first; the three of weight 2 by caller, then callee.
  CHECK(names == std::vector<std::string>{"c->x", "a->x", "a->y", "b->x"});
}

TEST_CASE("trim: the minimum unit fits the smallest entry, flat else cum", "[trim][units]") {
  // 10 us and 1.51 s: units differ and 100 * 10 us = 1 ms is below the total,
  // so the unit is that of 1 ms. main has no flat: its cum (the total) counts.
  Profile p = MakeProfile({{"main;a", {10000}}, {"main;b", {1510000000}}}, {{"cpu", "nanoseconds"}});
  CallGraph g = BuildCallGraph(p, {});
  auto id = [&](const char* name) { return static_cast<uint32_t>(FindNode(g, name) - g.nodes.data()); };
  CHECK(ResolveReportUnit(g, {id("a"), id("b"), id("main")}, 0, "minimum") == "ms");
  CHECK(ResolveReportUnit(g, {id("main")}, 0, "minimum") == "s");
  CHECK(ResolveReportUnit(g, {id("a")}, 0, "auto") == "auto");  // anything else is kept as asked
  CHECK(ResolveReportUnit(g, {}, 0, "minimum") == "minimum");
}

}  // namespace
}  // namespace proflens
