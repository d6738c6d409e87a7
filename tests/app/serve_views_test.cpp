// proflens serve's views, answered in-process (no sockets): each view with a
// query prints what its command prints with the same options, from inputs
// read once (the files may be gone by then); anything that is not a view, a
// known parameter or a served input is refused.
#include "app/serve_views.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "tests/app/serve_state_util.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

std::string Sample(const std::string& name) { return testing::SourcePath("samples/" + name); }

ServeState Load(const std::vector<std::string>& files, const std::vector<std::string>& base = {}) {
  return testing::LoadServeStateOf(files, base);
}

HttpResponse Get(const ServeState& state, const std::string& path,
                 const std::vector<std::pair<std::string, std::string>>& params = {}) {
  return AnswerServeRequest(state, {path, params});
}

std::string Cli(std::vector<std::string> args) {
  testing::CliRun run = testing::RunCli(std::move(args));
  INFO(run.err);
  REQUIRE(run.code == 0);
  return run.out;
}

TEST_CASE("each view prints what its command prints with the same options", "[serve]") {
  // A copy that is removed once read: the views never read a file again.
  const std::string file = testing::TempDir("serve-views") + "/go-cpu.pb.gz";
  std::filesystem::copy_file(Sample("go-cpu.pb.gz"), file);
  const ServeState state = Load({file});
  std::filesystem::remove(file);

  HttpResponse top = Get(state, "/top");
  CHECK(top.status == 200);
  CHECK(top.content_type == "text/plain; charset=utf-8");
  CHECK(top.body == testing::ReadFile(testing::SourcePath("tests/golden/pprof/go-cpu.top.txt")));

  const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> cases = {
      {"top --focus main\\.fib --sample-index samples --format json",
       {{"focus", "main\\.fib"}, {"sample_index", "samples"}, {"format", "json"}}},
      {"top --ignore runtime --hide ^main\\.main$ -n 5 --sort cum",
       {{"ignore", "runtime"}, {"hide", "^main\\.main$"}, {"n", "5"}, {"sort", "cum"}}},
      {"top --granularity files --nodefraction 0 --format csv",
       {{"granularity", "files"}, {"nodefraction", "0"}, {"format", "csv"}}},
      {"top --show-from main\\.main --relative-percentages", {{"show-from", "main\\.main"}, {"relative_percentages", "1"}}},
      {"top --tagfocus nothing=x", {{"tagfocus", "nothing=x"}}},
  };
  for (const auto& [command, params] : cases) {
    SECTION(command) {
      std::vector<std::string> args;
      std::istringstream words(command);
      for (std::string w; words >> w;) args.push_back(w);
      args.push_back(Sample("go-cpu.pb.gz"));
      HttpResponse got = Get(state, "/top", params);
      CHECK(got.status == 200);
      CHECK(got.body == Cli(args));
    }
  }
  SECTION("peek") {
    HttpResponse got = Get(state, "/peek", {{"regex", "main\\.fib$"}, {"focus", "main"}});
    CHECK(got.status == 200);
    CHECK(got.body == Cli({"peek", "--focus", "main", Sample("go-cpu.pb.gz"), "main\\.fib$"}));
  }
  SECTION("graph") {
    HttpResponse got = Get(state, "/graph", {{"format", "dot"}, {"nodecount", "12"}, {"focus", "main"}});
    CHECK(got.status == 200);
    CHECK(got.content_type == "text/vnd.graphviz; charset=utf-8");
    CHECK(got.body == Cli({"dot", "-n", "12", "--focus", "main", "-o", "-", Sample("go-cpu.pb.gz")}));
    got = Get(state, "/graph");
    CHECK(got.content_type == "image/svg+xml");
    CHECK(got.body.find("<svg") != std::string::npos);
  }
  SECTION("flame") {
    HttpResponse got = Get(state, "/flame", {{"hide", "runtime"}, {"title", "CPU"}});
    CHECK(got.status == 200);
    CHECK(got.content_type == "image/svg+xml");
    CHECK(got.body == Cli({"flame", "--hide", "runtime", "--title", "CPU", "-o", "-", Sample("go-cpu.pb.gz")}));
  }
}

TEST_CASE("the page is the report of the same options, with its form", "[serve]") {
  const ServeState state = Load({Sample("go-cpu.pb.gz")});
  HttpResponse page = Get(state, "/", {{"focus", "fib"}, {"granularity", "functions"}, {"sample_index", "cpu"}});
  CHECK(page.status == 200);
  CHECK(page.content_type == "text/html; charset=utf-8");
  const std::string report = testing::TempDir("serve-page") + "/report.html";
  Cli({"report", "--focus", "fib", "--sample-index", "cpu", Sample("go-cpu.pb.gz"), "-o", report});
  // The same page but for the form's data.
  const std::string form = R"("refine":{"inputs":[")" + Sample("go-cpu.pb.gz") +
                           R"("],"notes":[],"values":[["focus","fib"],["sample_index","cpu"],["granularity","functions"]]})";
  std::string expected = testing::ReadFile(report);
  const size_t slot = expected.find(R"("refine":null)");
  REQUIRE(slot != std::string::npos);
  expected.replace(slot, 13, form);
  CHECK(page.body == expected);
  // What the options said comes with the form.
  page = Get(state, "/", {{"focus", "nothing-matches-this"}});
  // (with the closest function's name after it, as the command line says it)
  CHECK(page.body.find(R"("notes":["--focus matched nothing)") != std::string::npos);
}

TEST_CASE("base= picks the base among the inputs", "[serve]") {
  const std::string slow = Sample("perf-slow.folded"), fast = Sample("perf-fast.folded");
  const ServeState both = Load({slow, fast});
  CHECK(Get(both, "/top").body == Cli({"top", slow, fast}));
  CHECK(Get(both, "/top", {{"base", slow}}).body == Cli({"top", fast, "--base", slow}));
  const ServeState with_base = Load({fast}, {slow});
  CHECK(Get(with_base, "/top").body == Cli({"top", fast, "--base", slow}));
  // Present and empty: no base.
  CHECK(Get(with_base, "/top", {{"base", ""}}).body == Cli({"top", fast}));
  CHECK(Get(with_base, "/top", {{"base", ""}, {"normalize", "on"}, {"base", slow}}).body ==
        Cli({"top", fast, "--base", slow, "--normalize"}));
  HttpResponse none_left = Get(with_base, "/top", {{"base", fast}});
  CHECK(none_left.status == 400);
  CHECK(none_left.body == "proflens: base: every input is a base; nothing is left to show\n");
}

TEST_CASE("nothing but the views, their parameters and the inputs", "[serve]") {
  const ServeState state = Load({Sample("go-cpu.pb.gz")});
  for (const std::string path : {"/etc/passwd", "/../../etc/passwd", "/top/../../x", "/samples/go-cpu.pb.gz", "/index.html"}) {
    HttpResponse got = Get(state, path);
    CHECK(got.status == 404);
    CHECK(got.body == "proflens serve: no view " + path + " (views: /, /top, /peek, /flame, /graph)\n");
  }
  HttpResponse got = Get(state, "/top", {{"base", "/etc/passwd"}});
  CHECK(got.status == 400);
  CHECK(got.body == "proflens: base=/etc/passwd: not one of the inputs (" + Sample("go-cpu.pb.gz") + ")\n");
  got = Get(state, "/top", {{"output", "/tmp/x"}});
  CHECK(got.status == 400);
  CHECK(got.body.starts_with("proflens: unknown parameter \"output\" (known: base, focus, format, granularity, "));
  CHECK(Get(state, "/top", {{"nodefraction", "2"}}).body == "proflens: nodefraction=2: expected a number from 0 to 1\n");
  CHECK(Get(state, "/top", {{"n", "1.5"}}).body == "proflens: n=1.5: expected a whole number from 0 to 1e+09\n");
  CHECK(Get(state, "/top", {{"format", "xml"}}).body == "proflens: format=xml: expected text, json, csv\n");
  CHECK(Get(state, "/peek").body == "proflens: peek needs regex=, the functions to show\n");
  got = Get(state, "/top", {{"focus", "("}});
  CHECK(got.status == 400);
  CHECK(got.body == testing::RunCli({"top", "--focus", "(", Sample("go-cpu.pb.gz")}).err);
  // The page's errors are a page that leads back.
  got = Get(state, "/", {{"sample_index", "nope"}});
  CHECK(got.status == 400);
  CHECK(got.content_type == "text/html; charset=utf-8");
  CHECK(got.body.find("<a href=\"/\">") != std::string::npos);
}

}  // namespace
}  // namespace proflens
