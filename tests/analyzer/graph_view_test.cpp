// The call-graph view on hand-built graphs: what pprof's rules give, worked out by hand.
#include <catch2/catch.hpp>

#include "analyzer/graph_view.h"
#include "formats/output/dot_writer.h"

namespace proflens {
namespace {

// main (cum 10) calls parse (flat 6, 3 calls) and emit (flat 4, 5 calls).
CallGraph HandMadeGraph() {
  CallGraph g;
  g.sample_types = {{"time", "nanoseconds"}};
  g.totals = {10};
  g.has_calls = true;
  auto node = [&](const char* name, int64_t flat, int64_t cum, int64_t calls) {
    CallGraphNode n;
    n.info.name = name;
    n.name = name;
    n.flat = {flat};
    n.cum = {cum};
    n.calls = {calls};
    g.nodes.push_back(n);
  };
  node("main", 0, 10, 1);
  node("parse", 6, 6, 3);
  node("emit", 4, 4, 5);
  auto edge = [&](uint32_t from, uint32_t to, int64_t w, int64_t calls) {
    CallGraphEdge e;
    e.caller = from;
    e.callee = to;
    e.weight = {w};
    e.flags = {kEdgePresent | kEdgeNotInline};
    e.calls = calls;
    g.edges.push_back(e);
  };
  edge(0, 1, 6, 3);
  edge(0, 2, 4, 5);
  return g;
}

TEST_CASE("graph view labels carry flat, cum and call counts", "[graph_view]") {
  CallGraph g = HandMadeGraph();
  GraphBuilder build = [&g](const NodeKeySet* kept) {
    auto copy = std::make_shared<CallGraph>(g);
    if (kept != nullptr) {
      for (CallGraphNode& n : copy->nodes) {
        if (!kept->count(n.info.Key())) n.flat = n.cum = {0};
      }
    }
    return copy;
  };
  GraphView view = ComputeGraphView(build, {});
  REQUIRE(view.nodes.size() == 3);
  // Entropy order: main (entry, branches) first; then parse, emit by score.
  CHECK(view.nodes[0].name == "main");
  CHECK(view.nodes[0].label == "main\\n0 of 10ns (100%)\\n1\xc3\x97");
  CHECK(view.nodes[1].label == "parse\\n6ns (60.00%)\\n3\xc3\x97");
  CHECK(view.nodes[1].font_size == 8 + 16);  // the largest flat gets the full growth
  CHECK(view.nodes[2].font_size == 8 + 14);  // 8 + ceil(16 * sqrt(4/6)) = 8 + 14
  REQUIRE(view.edges.size() == 2);
  CHECK(view.edges[0].label == " 6ns\\n3\xc3\x97");
  CHECK(view.edges[0].weight == 61);     // 1 + 6*100/10
  CHECK(view.edges[0].pen_width == 4);   // 1 + 6*5/10
  CHECK(view.edges[1].label == " 4ns\\n5\xc3\x97");
  CHECK(view.edges[1].tooltip == "main -> emit (4ns)");
  CHECK(view.legend.back() == "Showing nodes accounting for 10ns, 100% of 10ns total");
  CHECK(ShareColor(1.0, false) == "#b20000");
  CHECK(ShareColor(0.0, true) == "#ededed");

  // cgraph quotes what needs quoting: a name with quotes survives a round trip.
  view.nodes[2].tooltip = "say \"hi\" (4ns)";
  Result<std::string> dot = DotDocument(view).ToDot();
  REQUIRE(dot.ok());
  CHECK(dot->find("tooltip=\"say \\\"hi\\\" (4ns)\"") != std::string::npos);
}

}  // namespace
}  // namespace proflens
