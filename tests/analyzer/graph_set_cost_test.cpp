// GraphSetCum: the cost of a set of functions in a graph profile, each unit
// once. The graphs are built by hand; every expected value is worked out in
// the comment beside it.
#include <catch2/catch.hpp>

#include "analyzer/graph_set_cost.h"

namespace proflens {
namespace {

struct GraphSketch {
  CallGraph graph;
  GraphSketch(std::vector<std::pair<std::string, int64_t>> nodes, int64_t total) {
    graph.sample_types = {{"time", "nanoseconds"}};
    graph.totals = {total};
    for (auto& [name, cum] : nodes) {
      CallGraphNode n;
      n.name = name;
      n.flat = {0};
      n.cum = {cum};
      graph.nodes.push_back(n);
    }
  }
  uint32_t Id(const std::string& name) const {
    for (uint32_t i = 0; i < graph.nodes.size(); ++i) {
      if (graph.nodes[i].name == name) return i;
    }
    FAIL("no node " << name);
    return 0;
  }
  GraphSketch& Arc(const std::string& caller, const std::string& callee, int64_t weight) {
    CallGraphEdge e;
    e.caller = Id(caller);
    e.callee = Id(callee);
    e.weight = {weight};
    e.flags = {kEdgePresent | kEdgeNotInline};
    graph.edges.push_back(e);
    return *this;
  }
  int64_t Cum(const std::vector<std::string>& names) const {
    std::vector<bool> matched(graph.nodes.size());
    for (const std::string& n : names) matched[Id(n)] = true;
    return GraphSetCum(graph, matched, 0);
  }
};

TEST_CASE("a function reached only through another matched one is not added again", "[check][graph-set]") {
  // Issue 35's shape: parse_all (359) -> sum -> <genexpr> -> parse_line (329).
  GraphSketch g({{"main", 1000}, {"parse_all", 359}, {"sum", 358}, {"<genexpr>", 350}, {"parse_line", 329}, {"other", 600}}, 1000);
  g.Arc("main", "parse_all", 359).Arc("parse_all", "sum", 358).Arc("sum", "<genexpr>", 350).Arc("<genexpr>", "parse_line", 329);
  g.Arc("main", "other", 600);
  CHECK(g.Cum({"parse_all", "parse_line"}) == 359);
  CHECK(g.Cum({"parse_line"}) == 329);
  CHECK(g.Cum({"parse_line", "other"}) == 929);  // disjoint: they add
  CHECK(g.Cum({"main", "parse_line"}) == 1000);
}

TEST_CASE("a function called from inside and outside the set counts its outside share", "[check][graph-set]") {
  // main -> a (100), main -> h (50); a -> h (30); h -> x (40). h's 80 is 3/8
  // below a, so 3/8 of x's 40 (15) is already in a: {a, x} = 100 + 25.
  GraphSketch g({{"main", 200}, {"a", 100}, {"h", 80}, {"x", 40}}, 200);
  g.Arc("main", "a", 100).Arc("main", "h", 50).Arc("a", "h", 30).Arc("h", "x", 40);
  CHECK(g.Cum({"a", "x"}) == 125);
  // A root with no recorded caller (callgrind's entry points) counts whole.
  GraphSketch roots({{"a", 70}, {"b", 20}}, 90);
  CHECK(roots.Cum({"a", "b"}) == 90);
}

TEST_CASE("recursion and cycles are not subtracted from the function itself", "[check][graph-set]") {
  // a -> b -> a, a matched: cProfile's cum(a) counts the outer call only, and
  // the inner a is inside it: 100, not 100 - 40.
  GraphSketch g({{"main", 100}, {"a", 100}, {"b", 60}}, 100);
  g.Arc("main", "a", 100).Arc("a", "b", 60).Arc("b", "a", 40).Arc("a", "a", 30);
  CHECK(g.Cum({"a"}) == 100);
  // Both matched: b is all below a; b -> a again below a.
  CHECK(g.Cum({"a", "b"}) == 100);
  // Never below the largest matched function, never above the total.
  GraphSketch over({{"a", 50}, {"b", 80}}, 100);
  CHECK(over.Cum({"a", "b"}) == 100);
}

}  // namespace
}  // namespace proflens
