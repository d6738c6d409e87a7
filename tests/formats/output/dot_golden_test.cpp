// Call graphs: proflens dot against go tool pprof -dot. Both DOT files are
// parsed with cgraph and compared node by node and edge by edge, attribute
// by attribute (labels carry flat, cum and their shares; tooltips the names;
// colours and sizes come from the same numbers), label nodelets included.
// pprof's help line in the legend is pprof's own and is left out.
#include <graphviz/cgraph.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>
#include <sstream>

#include "tests/test_util.h"

namespace proflens {
namespace {

using Attributes = std::map<std::string, std::string>;

std::string Show(const Attributes& attrs) {
  std::string out;
  for (const auto& [k, v] : attrs) out += k + "=" + v + "; ";
  return out;
}

struct ParsedDot {
  std::map<std::string, Attributes> nodes;  // by node name
  std::map<std::string, Attributes> edges;  // by "tail -> head"
  std::string legend;
};

Attributes AttributesOf(Agraph_t* g, void* object, int kind, const std::vector<std::string>& names) {
  Attributes out;
  for (const std::string& name : names) {
    Agsym_t* sym = agattr(g, kind, const_cast<char*>(name.c_str()), nullptr);
    if (sym == nullptr) continue;
    char* value = agxget(object, sym);
    if (value != nullptr && *value != '\0' && std::string(value) != sym->defval) out[name] = value;
  }
  return out;
}

ParsedDot ParseDot(const std::string& text) {
  ParsedDot parsed;
  Agraph_t* g = agmemread(text.c_str());
  REQUIRE(g != nullptr);
  const std::vector<std::string> node_attrs = {"label", "id", "fontsize", "shape", "tooltip", "color", "fillcolor"};
  const std::vector<std::string> edge_attrs = {"label",   "weight",       "penwidth", "color",
                                               "tooltip", "labeltooltip", "style",    "minlen"};
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
    std::string name = agnameof(n);
    if (name[0] != 'N') {
      parsed.legend = AttributesOf(g, n, AGNODE, {"label"})["label"];
      continue;
    }
    parsed.nodes[name] = AttributesOf(g, n, AGNODE, node_attrs);
    for (Agedge_t* e = agfstout(g, n); e != nullptr; e = agnxtout(g, e)) {
      std::string head = agnameof(aghead(e));
      parsed.edges[name + " -> " + head] = AttributesOf(g, e, AGEDGE, edge_attrs);
    }
  }
  agclose(g);
  return parsed;
}

TEST_CASE("dot has the nodes, edges and numbers of go tool pprof -dot", "[golden][dot]") {
  std::vector<testing::GoldenRow> cases = testing::ReadGoldenManifest("tests/golden/dot/MANIFEST");
  REQUIRE(cases.size() >= 8);
  for (const testing::GoldenRow& c : cases) {
    SECTION(c.golden) {
      testing::CliRun run = testing::RunCli(c.args);
      INFO(run.err);
      REQUIRE(run.code == 0);
      ParsedDot ours = ParseDot(run.out);
      ParsedDot theirs = ParseDot(testing::ReadFile(testing::SourcePath("tests/golden/dot/" + c.golden)));
      REQUIRE(theirs.nodes.size() >= 3);
      CHECK(ours.nodes.size() == theirs.nodes.size());
      for (const auto& [name, attrs] : theirs.nodes) {
        INFO("node " << name);
        REQUIRE(ours.nodes.count(name) == 1);
        CHECK(Show(ours.nodes[name]) == Show(attrs));
      }
      // pprof's -diff_base graphs are not deterministic: its edge order ties
      // +w and -w, and Go's map order then picks which redundant edges go.
      // Such goldens ("nodes-only") pin the nodes and the legend.
      const bool nodes_only = c.golden.find(".nodes-only.") != std::string::npos;
      if (!nodes_only) CHECK(ours.edges.size() == theirs.edges.size());
      for (const auto& [name, attrs] : theirs.edges) {
        if (nodes_only) break;
        INFO("edge " << name);
        REQUIRE(ours.edges.count(name) == 1);
        CHECK(Show(ours.edges[name]) == Show(attrs));
      }
      // The legend: pprof's, less its closing help line.
      std::string legend = theirs.legend.substr(0, theirs.legend.find("\\l\\lSee ")) + "\\l";
      CHECK(ours.legend == legend);

      // Our own DOT stays byte-stable (UPDATE_GOLDEN=1 rewrites these files).
      std::string stable = testing::SourcePath("tests/golden/dot/" + c.golden + ".proflens");
      if (std::getenv("UPDATE_GOLDEN") != nullptr) testing::WriteFile(stable, run.out);
      CHECK(run.out == testing::ReadFile(stable));
    }
  }
}

TEST_CASE("dot with --base colours nodes by their delta", "[dot]") {
  std::string dir = testing::TempDir("dot-base");
  testing::WriteFile(dir + "/old.folded", "main;grow 2\nmain;shrink 8\nmain;same 5\n");
  testing::WriteFile(dir + "/new.folded", "main;grow 8\nmain;shrink 2\nmain;same 5\n");
  testing::CliRun run = testing::RunCli({"dot", "--base", dir + "/old.folded", dir + "/new.folded", "--nodefraction", "0"});
  REQUIRE(run.code == 0);
  ParsedDot dot = ParseDot(run.out);
  std::map<std::string, Attributes> by_name;
  for (const auto& [id, attrs] : dot.nodes) by_name[attrs.at("tooltip").substr(0, attrs.at("tooltip").find(' '))] = attrs;
  // Shares of the base total (15): +6 -> 0.4, shifted to 0.4^0.3 = 0.7597:
  // red 0.7*255 = 178 (b2), green 0.7*(1-0.7597)*255 = 42.9 (2a); -0.4 mirrors it.
  CHECK(by_name["grow"]["color"] == "#b22a00");
  CHECK(by_name["shrink"]["color"] == "#2ab200");
  CHECK(by_name.count("same") == 0);  // no change: not in a diff graph, as in pprof
  CHECK(by_name["grow"]["label"] == "grow\\n6 (40.00%)");
}

TEST_CASE("dot renders SVG in-process", "[dot]") {
  std::string dir = testing::TempDir("svg");
  testing::CliRun run = testing::RunCli({"dot", testing::SourcePath("samples/go-cpu.pb.gz"), "-n", "12", "-o", dir + "/g.svg"});
  INFO(run.err);
  REQUIRE(run.code == 0);
  std::string svg = testing::ReadFile(dir + "/g.svg");
  CHECK(svg.find("<svg") != std::string::npos);
  // 12 nodes, each a <g id="nodeN" class="node">, plus the legend node.
  size_t nodes = 0;
  for (size_t at = svg.find("class=\"node\""); at != std::string::npos; at = svg.find("class=\"node\"", at + 1)) ++nodes;
  CHECK(nodes == 13);
  CHECK(svg.find("main.isOdd (0.98s)") != std::string::npos);
}

TEST_CASE("the SVG call graph opens in headless Chromium", "[dot][browser]") {
  std::string dir = testing::TempDir("svg-browser");
  testing::CliRun run = testing::RunCli({"dot", testing::SourcePath("samples/go-cpu.pb.gz"), "-n", "12", "-o", dir + "/g.svg"});
  REQUIRE(run.code == 0);
  std::string svg = testing::ReadFile(dir + "/g.svg");
  // The page counts what the browser parsed: graph nodes (12 and the legend) and edges.
  std::string page = "<!doctype html><html><body>" + svg.substr(svg.find("<svg")) +
                     "<script>const b = document.body;"
                     "b.setAttribute('data-nodes', document.querySelectorAll('svg g.node').length);"
                     "b.setAttribute('data-edges', document.querySelectorAll('svg g.edge').length);"
                     "b.setAttribute('data-title', document.querySelector('svg g.node title').textContent);"
                     "</script></body></html>";
  testing::WriteFile(dir + "/g.html", page);
  std::string dom = testing::ChromiumDumpDom(dir + "/g.html");
  CHECK(dom.find("data-nodes=\"13\"") != std::string::npos);
  // The same edges the DOT holds between those nodes.
  testing::CliRun dot = testing::RunCli({"dot", testing::SourcePath("samples/go-cpu.pb.gz"), "-n", "12"});
  size_t edges = 0;
  std::istringstream lines(dot.out);
  for (std::string line; std::getline(lines, line);) {
    // Edge statements open a line: "\tN1 -> N2\t[...".
    if (line.starts_with("\tN") && line.find(" -> N") < line.find('[')) ++edges;
  }
  CHECK(dom.find("data-edges=\"" + std::to_string(edges) + "\"") != std::string::npos);
  CHECK(edges > 5);
}

}  // namespace
}  // namespace proflens
