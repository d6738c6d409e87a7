// Filters on a small profile whose answers are worked out by hand:
//   main;parse;lex      4      main;parse;alloc;memcpy  2
//   main;render;alloc   3      main;idle                1
#include <catch2/catch.hpp>

#include "analyzer/call_graph.h"
#include "analyzer/filters.h"
#include "analyzer/graph_input.h"
#include "analyzer/profile_builder.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

Profile Sample() {
  return testing::MakeProfile({{"main;parse;lex", {4}},
                               {"main;parse;alloc;memcpy", {2}},
                               {"main;render;alloc", {3}},
                               {"main;idle", {1}}});
}

CallGraph Filtered(const FilterOptions& o) {
  Result<FilteredProfile> f = ApplyFilters(Sample(), o);
  INFO(f.status().message());
  REQUIRE(f.ok());
  return BuildCallGraph(f->profile, {});
}

int64_t Cum(const CallGraph& g, const std::string& name) {
  const CallGraphNode* n = testing::FindNode(g, name);
  return n == nullptr ? -1 : n->cum[0];
}
int64_t Flat(const CallGraph& g, const std::string& name) {
  const CallGraphNode* n = testing::FindNode(g, name);
  return n == nullptr ? -1 : n->flat[0];
}

TEST_CASE("focus keeps samples through a matching frame", "[filters]") {
  CallGraph g = Filtered({.focus = "alloc"});
  CHECK(Cum(g, "main") == 5);  // 2 + 3
  CHECK(Cum(g, "parse") == 2);
  CHECK(Cum(g, "lex") == -1);
  CHECK(Cum(g, "idle") == -1);
  CHECK(Flat(g, "alloc") == 3);
}

TEST_CASE("ignore drops samples through a matching frame", "[filters]") {
  CallGraph g = Filtered({.ignore = "alloc|idle"});
  CHECK(Cum(g, "main") == 4);
  CHECK(Cum(g, "alloc") == -1);
  // Regexes also match file names: every function's file is "<name>.c".
  CHECK(Cum(Filtered({.ignore = "^lex\\.c$"}), "main") == 6);
}

TEST_CASE("hide removes frames, the sample moves to the caller", "[filters]") {
  CallGraph g = Filtered({.hide = "alloc|memcpy"});
  CHECK(Cum(g, "alloc") == -1);
  CHECK(Flat(g, "parse") == 2);   // main;parse;[alloc;memcpy] -> main;parse
  CHECK(Flat(g, "render") == 3);
  CHECK(Cum(g, "main") == 10);
  CHECK(testing::FindEdge(g, "main", "parse")->weight[0] == 6);
}

TEST_CASE("show keeps only matching frames", "[filters]") {
  CallGraph g = Filtered({.show = "^(main|alloc)$"});
  CHECK(Flat(g, "alloc") == 5);
  CHECK(Flat(g, "main") == 5);    // lex (4) and idle (1) leave main as the leaf
  CHECK(testing::FindEdge(g, "main", "alloc")->weight[0] == 5);
  CHECK(Cum(g, "parse") == -1);
}

TEST_CASE("show-from cuts stacks above the match and drops the rest", "[filters]") {
  CallGraph g = Filtered({.show_from = "parse"});
  CHECK(Cum(g, "main") == -1);
  CHECK(Cum(g, "parse") == 6);
  CHECK(Cum(g, "render") == -1);  // stacks without parse are dropped
  CHECK(Flat(g, "memcpy") == 2);
}

TEST_CASE("prune-from cuts stacks below the match", "[filters]") {
  CallGraph g = Filtered({.prune_from = "alloc"});
  CHECK(Flat(g, "alloc") == 5);   // memcpy's 2 move to alloc
  CHECK(Cum(g, "memcpy") == -1);
  CHECK(Flat(g, "lex") == 4);
}

TEST_CASE("tag filters match string and numeric labels", "[filters]") {
  ProfileBuilder b;
  b.AddSampleType("samples", "count");
  Function fn;
  fn.name = b.InternString("f");
  Line line{b.InternFunction(fn), 0};
  LocationId loc = b.InternLocation(kNoId, 0, {&line, 1});
  StackId stack = b.InternStack({&loc, 1});
  auto add = [&](const char* comm, int64_t pid, int64_t bytes, int64_t value) {
    Label labels[] = {{b.InternString("comm"), b.InternString(comm)},
                      {b.InternString("pid"), 0, pid},
                      {b.InternString("bytes"), 0, bytes, b.InternString("bytes")}};
    b.AddSample(stack, b.InternLabels(labels), {&value, 1});
  };
  add("nginx", 10, 512, 1);
  add("nginx", 11, 4096, 2);
  add("postgres", 20, 2 << 20, 4);
  Profile p = std::move(b).Build();
  auto total = [&p](FilterOptions o) {
    Result<FilteredProfile> f = ApplyFilters(p, o);
    REQUIRE(f.ok());
    return f->profile.Totals()[0];
  };
  CHECK(total({.tagfocus = "comm=nginx"}) == 3);
  CHECK(total({.tagfocus = "comm=^post"}) == 4);
  CHECK(total({.tagfocus = "comm=nomatch,gres"}) == 4);  // any of the regexes
  CHECK(total({.tagfocus = "pid=11"}) == 2);
  CHECK(total({.tagfocus = "pid=11:"}) == 6);
  CHECK(total({.tagfocus = "pid=:10"}) == 1);
  CHECK(total({.tagfocus = "bytes=1kB:1MB"}) == 2);     // 4096 only
  CHECK(total({.tagfocus = "bytes=2MB"}) == 4);
  CHECK(total({.tagignore = "comm=nginx"}) == 4);
  CHECK(total({.tagfocus = "comm:nginx"}) == 3);        // no key: "key:value"
  CHECK(ApplyFilters(p, {.focus = "("}).status().code() == StatusCode::kUsage);
}

TEST_CASE("percentages stay relative to the whole profile unless asked", "[filters]") {
  std::vector<std::string> unmatched;
  Result<GraphInput> whole = PrepareGraphInput(Sample(), {.filters = {.focus = "render"}}, &unmatched);
  REQUIRE(whole.ok());
  CHECK(whole->totals[0] == 10);
  CHECK(whole->active_filters == std::vector<std::string>{"focus=render"});
  Result<GraphInput> relative =
      PrepareGraphInput(Sample(), {.filters = {.focus = "render"}, .relative_percentages = true}, &unmatched);
  CHECK(relative->totals[0] == 3);
  PrepareGraphInput(Sample(), {.filters = {.focus = "nothing"}}, &unmatched);
  CHECK(unmatched == std::vector<std::string>{"focus"});
}

TEST_CASE("granularity: lines and files", "[filters]") {
  ProfileBuilder b;
  b.AddSampleType("samples", "count");
  auto fn = [&](const char* name, const char* file) {
    Function f;
    f.name = b.InternString(name);
    f.filename = b.InternString(file);
    return b.InternFunction(f);
  };
  FunctionId a = fn("a", "x.c"), c = fn("c", "x.c"), d = fn("d", "y.c");
  auto loc = [&](FunctionId f, int64_t line) {
    Line l{f, line};
    return b.InternLocation(kNoId, 0, {&l, 1});
  };
  int64_t one = 1, two = 2;
  LocationId s1[] = {loc(a, 10), loc(d, 5)};  // d calls a at line 10
  LocationId s2[] = {loc(a, 12), loc(d, 5)};
  LocationId s3[] = {loc(c, 3), loc(d, 6)};
  b.AddSample(b.InternStack(s1), 0, {&one, 1});
  b.AddSample(b.InternStack(s2), 0, {&two, 1});
  b.AddSample(b.InternStack(s3), 0, {&one, 1});
  Profile p = std::move(b).Build();
  CallGraph lines = BuildCallGraph(p, {.granularity = Granularity::kLines});
  CHECK(Flat(lines, "a x.c:10") == 1);
  CHECK(Flat(lines, "a x.c:12") == 2);
  CHECK(Cum(lines, "d y.c:5") == 3);
  CallGraph files = BuildCallGraph(p, {.granularity = Granularity::kFiles});
  CHECK(Flat(files, "x.c") == 4);
  CHECK(Cum(files, "y.c") == 4);
  CallGraph filefunctions = BuildCallGraph(p, {.granularity = Granularity::kFileFunctions});
  CHECK(Flat(filefunctions, "a x.c") == 3);
}

}  // namespace
}  // namespace proflens
