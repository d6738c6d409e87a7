// The report model (app/report.h) holds data, not pictures: flame trees,
// graph views, rows and diffs whose numbers are worked out by hand from the
// small profiles below; the HTML renderer draws the pictures from it.
//   new:  main;parse;lex 4   main;parse 2   main;render 3   main 1   (total 10)
//   base: main;parse;lex 1   main;render 3   main;old 2             (total 6)
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "app/report.h"
#include "formats/output/html_report.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

const FlameNode* Child(const FlameTree& tree, const FlameNode& node, const std::string& name) {
  for (const FlameNode& c : tree.Children(node)) {
    if (tree.names[c.name] == name) return &c;
  }
  return nullptr;
}

const TopRow* Row(const TopReport& top, const std::string& name) {
  for (const TopRow& r : top.rows) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

TEST_CASE("the report model keeps trees, views and rows, and the renderer draws them", "[app][report]") {
  const AnyProfile current = testing::MakeProfile({{"main;parse;lex", {4}}, {"main;parse", {2}}, {"main;render", {3}}, {"main", {1}}});
  const AnyProfile base = testing::MakeProfile({{"main;parse;lex", {1}}, {"main;render", {3}}, {"main;old", {2}}});
  ReportInputs in;
  in.profile = &current;
  in.base = &base;
  in.files = {"new.folded"};
  in.base_files = {"old.folded"};
  in.formats = {"folded stacks"};
  ReportOptions options;
  options.roots = ProcessRoots::kNone;
  Result<ReportModel> model = BuildReportModel(in, options);
  REQUIRE(model.ok());
  REQUIRE(model->types.size() == 1);
  const ReportSampleType& t = model->types[0];
  CHECK(model->title == "proflens report: new.folded");
  CHECK(t.total == 10);

  // The flame tree: all 10 -> main 10 -> parse 6 (lex 4), render 3.
  REQUIRE(t.flame.tree);
  const FlameTree& tree = *t.flame.tree;
  CHECK(tree.total() == 10);
  const FlameNode* main = Child(tree, tree.nodes[0], "main");
  REQUIRE(main != nullptr);
  CHECK(main->value == 10);
  const FlameNode* parse = Child(tree, *main, "parse");
  REQUIRE(parse != nullptr);
  CHECK(parse->value == 6);
  CHECK(Child(tree, *parse, "lex")->value == 4);
  CHECK(Child(tree, *main, "render")->value == 3);

  // The differential tree carries the base's values on the same paths.
  REQUIRE(t.diff_flame.tree);
  const FlameTree& diff = *t.diff_flame.tree;
  const FlameNode* diff_parse = Child(diff, *Child(diff, diff.nodes[0], "main"), "parse");
  REQUIRE(diff_parse != nullptr);
  CHECK(diff_parse->value == 6);
  CHECK(diff_parse->base_value == 1);

  // Rows: flat and cum as pprof counts them.
  REQUIRE(Row(t.top, "parse") != nullptr);
  CHECK(Row(t.top, "parse")->flat == 2);
  CHECK(Row(t.top, "parse")->cum == 6);
  CHECK(Row(t.top, "main")->cum == 10);

  // The call graph as a view: one node per function, main with cum 10.
  std::vector<std::string> names;
  for (const GraphViewNode& n : t.callgraph.nodes) names.push_back(n.name);
  CHECK(std::find(names.begin(), names.end(), "main") != names.end());
  CHECK(std::find(names.begin(), names.end(), "lex") != names.end());
  CHECK(t.callgraph.edges.size() == 3);  // main->parse, parse->lex, main->render

  // The diff: base 6, new 10; old is gone, lex grew by 3.
  REQUIRE(t.diff);
  CHECK(t.diff->base.total == 6);
  CHECK(t.diff->current.total == 10);

  // Drawn: the pictures are made from the model, in the HTML.
  Result<std::string> html = RenderHtmlReport(*model, {});
  REQUIRE(html.ok());
  CHECK(html->find("<svg") != std::string::npos);
  CHECK(html->find("parse") != std::string::npos);
}

TEST_CASE("a graph profile's report model says it has no stacks to draw", "[app][report]") {
  const std::string dir = testing::TempDir("report_model");
  const testing::CliRun run = testing::RunCli({"report", testing::SourcePath("samples/py-fast.prof"), "-o", dir + "/py.html"});
  REQUIRE(run.code == 0);
  const std::string html = testing::ReadFile(dir + "/py.html");
  CHECK(html.find("This cProfile profile records per-function totals and call arcs, not stacks") != std::string::npos);
}

}  // namespace
}  // namespace proflens
