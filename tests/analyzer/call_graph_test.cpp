// Model math on small inline profiles; every expected number is worked out by
// hand from pprof's counting rules (see analyzer/call_graph.h).
#include <catch2/catch.hpp>

#include "analyzer/call_graph.h"
#include "analyzer/top.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

using testing::FindEdge;
using testing::FindNode;
using testing::MakeProfile;

CallGraph Graph(const Profile& p, const NodeKeySet* kept = nullptr) {
  return BuildCallGraph(p, CallGraphOptions{Granularity::kFunctions, kept});
}

TEST_CASE("direct recursion counts cum and edges once per sample", "[call_graph]") {
  // A;B;A;B (1) and A;B (2): A and B are on every stack, B is the leaf of both.
  Profile p = MakeProfile({{"A;B;A;B", {1}}, {"A;B", {2}}});
  CallGraph g = Graph(p);
  REQUIRE(g.nodes.size() == 2);
  CHECK(FindNode(g, "A")->cum[0] == 3);
  CHECK(FindNode(g, "A")->flat[0] == 0);
  CHECK(FindNode(g, "B")->cum[0] == 3);
  CHECK(FindNode(g, "B")->flat[0] == 3);
  CHECK(FindEdge(g, "A", "B")->weight[0] == 3);  // crossed twice in sample 1, counted once
  CHECK(FindEdge(g, "B", "A")->weight[0] == 1);
  CHECK(g.totals[0] == 3);
}

TEST_CASE("self recursion adds no self edge", "[call_graph]") {
  Profile p = MakeProfile({{"main;fib;fib;fib", {4}}});
  CallGraph g = Graph(p);
  CHECK(FindNode(g, "fib")->cum[0] == 4);
  CHECK(FindNode(g, "fib")->flat[0] == 4);
  CHECK(FindEdge(g, "fib", "fib") == nullptr);
  CHECK(FindEdge(g, "main", "fib")->weight[0] == 4);
  CHECK(g.edges.size() == 1);
}

TEST_CASE("mutual recursion", "[call_graph]") {
  Profile p = MakeProfile({{"main;even;odd;even;odd", {5}}, {"main;even", {2}}});
  CallGraph g = Graph(p);
  CHECK(FindNode(g, "main")->cum[0] == 7);
  CHECK(FindNode(g, "even")->cum[0] == 7);
  CHECK(FindNode(g, "even")->flat[0] == 2);
  CHECK(FindNode(g, "odd")->cum[0] == 5);
  CHECK(FindNode(g, "odd")->flat[0] == 5);
  CHECK(FindEdge(g, "even", "odd")->weight[0] == 5);
  CHECK(FindEdge(g, "odd", "even")->weight[0] == 5);
  CHECK(FindEdge(g, "main", "even")->weight[0] == 7);
}

TEST_CASE("inlined frames are nodes joined by inline edges", "[call_graph]") {
  // b was inlined into a: one location, two lines.
  Profile p = MakeProfile({{"main;a>b", {4}}, {"main;b", {1}}});
  REQUIRE(p.locations.size() == 3);
  CallGraph g = Graph(p);
  CHECK(FindNode(g, "b")->flat[0] == 5);
  CHECK(FindNode(g, "a")->cum[0] == 4);
  CHECK(FindNode(g, "a")->flat[0] == 0);
  CHECK(FindEdge(g, "a", "b")->is_inline(0));
  CHECK_FALSE(FindEdge(g, "main", "a")->is_inline(0));
  CHECK_FALSE(FindEdge(g, "main", "b")->is_inline(0));

  // The top table labels b (reached inline and not) as partial-inline.
  GraphBuilder build = [&p](const NodeKeySet* kept) { return std::make_shared<CallGraph>(Graph(p, kept)); };
  TopOptions options;
  options.node_fraction = 0;
  Result<TopReport> top = ComputeTop(build, options);
  REQUIRE(top.ok());
  REQUIRE(top->rows.size() == 3);
  CHECK(top->rows[0].name == "b");
  CHECK(top->rows[0].inline_label == "(partial-inline)");

  Profile only_inline = MakeProfile({{"main;a>b", {4}}});
  GraphBuilder build2 = [&only_inline](const NodeKeySet* kept) { return std::make_shared<CallGraph>(Graph(only_inline, kept)); };
  Result<TopReport> top2 = ComputeTop(build2, options);
  REQUIRE(top2.ok());
  CHECK(top2->rows[0].name == "b");
  CHECK(top2->rows[0].inline_label == "(inline)");
}

TEST_CASE("every sample type is counted at once", "[call_graph]") {
  Profile p = MakeProfile({{"main;alloc", {1, 4096}}, {"main;work", {3, 0}}},
                          {{"alloc_objects", "count"}, {"alloc_space", "bytes"}});
  CallGraph g = Graph(p);
  CHECK(g.totals == std::vector<int64_t>{4, 4096});
  CHECK(FindNode(g, "main")->cum == std::vector<int64_t>{4, 4096});
  CHECK(FindNode(g, "work")->flat == std::vector<int64_t>{3, 0});
  // work has no bytes: not part of the alloc_space graph, nor its edge.
  const CallGraphNode* work = FindNode(g, "work");
  CHECK_FALSE(g.present(work - g.nodes.data(), 1));
  CHECK(FindEdge(g, "main", "work")->present(0));
  CHECK_FALSE(FindEdge(g, "main", "work")->present(1));
  CHECK(p.SampleIndexByName("alloc_space").value() == 1);
  CHECK(p.SampleIndexByName("").value() == 1);  // the last one by default
  CHECK(p.SampleIndexByName("0").value() == 0);
  CHECK_FALSE(p.SampleIndexByName("inuse_space").ok());
  CHECK_FALSE(p.SampleIndexByName("7").ok());
}

TEST_CASE("a graph of one sample type sums only it and skips samples without it", "[call_graph]") {
  Profile p = MakeProfile({{"main;alloc", {1, 4096}}, {"main;work", {3, 0}}, {"main;alloc;grow", {2, 100}}},
                          {{"alloc_objects", "count"}, {"alloc_space", "bytes"}});
  CallGraphOptions options;
  options.sample_index = 1;
  const CallGraph g = BuildCallGraph(p, options);
  const CallGraph all = Graph(p);
  for (const char* name : {"main", "alloc", "grow"}) {
    INFO(name);
    CHECK(FindNode(g, name)->cum == std::vector<int64_t>{0, FindNode(all, name)->cum[1]});
    CHECK(FindNode(g, name)->flat == std::vector<int64_t>{0, FindNode(all, name)->flat[1]});
  }
  CHECK(FindNode(g, "work")->cum == std::vector<int64_t>{0, 0});
  CHECK(FindEdge(g, "main", "work") == nullptr);  // only samples with bytes made edges
  CHECK(FindEdge(g, "alloc", "grow")->weight == std::vector<int64_t>{0, 100});
  CHECK(FindEdge(g, "main", "alloc")->weight == std::vector<int64_t>{0, 4196});
}

TEST_CASE("dropped nodes make residual edges and lose their flat", "[call_graph]") {
  Profile p = MakeProfile({{"main;mid;leaf", {6}}, {"main;other", {1}}});
  NodeKeySet kept;
  for (const CallGraphNode& n : Graph(p).nodes) {
    if (n.name != "mid" && n.name != "leaf") kept.insert(n.info.Key());
  }
  CallGraph g = Graph(p, &kept);
  CHECK(FindNode(g, "mid") == nullptr);
  CHECK(FindNode(g, "main")->cum[0] == 7);
  CHECK(FindNode(g, "main")->flat[0] == 0);  // leaf's flat is not moved up
  kept.insert(Graph(p).nodes[2].info.Key()); // keep leaf, still drop mid
  CallGraph g2 = Graph(p, &kept);
  REQUIRE(FindEdge(g2, "main", "leaf") != nullptr);
  CHECK(FindEdge(g2, "main", "leaf")->residual(0));
  CHECK(FindNode(g2, "leaf")->flat[0] == 6);
}

TEST_CASE("a graph copied without tags keeps every other member", "[call_graph]") {
  CallGraph graph;
  graph.sample_types = {{"cpu", "nanoseconds"}};
  graph.totals = {30};
  graph.has_calls = true;
  graph.source.main_binary = "app";
  CallGraphNode& node = graph.nodes.emplace_back();
  node.info.name = "main";
  node.name = "main";
  node.flat = {10};
  node.cum = {30};
  node.calls = 4;
  node.primitive_calls = 3;
  node.tags.push_back(NodeTag{"user=a"});
  graph.nodes.push_back(graph.nodes[0]);
  graph.nodes[1].name = "f";
  graph.edges.push_back({0, 1, {20}, {kEdgePresent}, 2, 1});
  const CallGraph copy = CopyWithoutTags(graph);
  REQUIRE(copy.nodes.size() == 2);
  for (size_t n = 0; n < 2; ++n) {
    const CallGraphNode& c = copy.nodes[n];
    CHECK(c.tags.empty());
    CHECK(c.name == graph.nodes[n].name);
    CHECK(c.info.Key() == graph.nodes[n].info.Key());
    CHECK(c.flat == graph.nodes[n].flat);
    CHECK(c.cum == graph.nodes[n].cum);
    CHECK(c.calls == 4);
    CHECK(c.primitive_calls == 3);
  }
  CHECK(copy.sample_types[0].type == "cpu");
  CHECK(copy.totals == graph.totals);
  CHECK(copy.has_calls);
  CHECK(copy.source.main_binary == "app");
  REQUIRE(copy.edges.size() == 1);
  CHECK(copy.edges[0].weight == std::vector<int64_t>{20});
  CHECK(copy.edges[0].calls == 2);
  CHECK(copy.edges[0].primitive_calls == 1);
}

}  // namespace
}  // namespace proflens
