// The report's source view (pprof's list): the heaviest functions' lines
// with flat and cum, and their text with two lines of context when the file
// is found (as recorded, or under --source-dir); a function spanning more
// than 400 lines shows its hot lines only. Source files are written into a
// temporary folder; every expected line is worked out by hand from the
// samples given.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>

#include "analyzer/call_graph.h"
#include "analyzer/profile_builder.h"
#include "app/source_view.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

// A source file of `count` lines, "line 1" to "line <count>".
void WriteNumberedLines(const std::string& path, int count) {
  std::string text;
  for (int i = 1; i <= count; ++i) text += "line " + std::to_string(i) + "\n";
  testing::WriteFile(path, text);
}

// A profile of samples {leaf line of `function`, value}, each called from
// main at line 3; both functions are in `file`.
Profile Samples(const std::string& file, const std::string& function, const std::vector<std::pair<int64_t, int64_t>>& leaves) {
  ProfileBuilder b;
  b.AddSampleType("samples", "count");
  auto fn = [&](const std::string& name) {
    Function f;
    f.name = f.system_name = b.InternString(name);
    f.filename = b.InternString(file);
    return b.InternFunction(f);
  };
  Line main_line{fn("main"), 3};
  const LocationId main = b.InternLocation(kNoId, 0, {&main_line, 1});
  for (const auto& [line, value] : leaves) {
    Line leaf_line{fn(function), line};
    const LocationId stack[] = {b.InternLocation(kNoId, 0, {&leaf_line, 1}), main};
    b.AddSample(b.InternStack(stack), 0, {&value, 1});
  }
  return std::move(b).Build();
}

CallGraph Lines(const Profile& p) { return BuildCallGraph(p, CallGraphOptions{Granularity::kLines}); }

struct Row {
  int64_t line, flat, cum;
  std::string text;  // "-" when there is none
  bool operator==(const Row&) const = default;
};

std::vector<Row> Rows(const SourceListing& listing) {
  std::vector<Row> rows;
  for (const SourceLine& l : listing.lines) rows.push_back({l.line, l.flat, l.cum, l.text.value_or("-")});
  return rows;
}

TEST_CASE("source view: hot lines with two lines of context", "[app][source]") {
  const std::string dir = testing::TempDir("source-context");
  WriteNumberedLines(dir + "/work.py", 20);
  const Profile p = Samples(dir + "/work.py", "parse", {{10, 5}, {12, 3}});
  std::vector<SourceListing> listings = ListSources(Lines(p), 0, {"parse", "main"}, "");
  REQUIRE(listings.size() == 2);  // in the order asked
  CHECK(listings[0].function == "parse");
  CHECK(listings[0].file == dir + "/work.py");
  CHECK(listings[0].found);
  CHECK(Rows(listings[0]) == std::vector<Row>{{8, 0, 0, "line 8"},
                                              {9, 0, 0, "line 9"},
                                              {10, 5, 5, "line 10"},
                                              {11, 0, 0, "line 11"},
                                              {12, 3, 3, "line 12"},
                                              {13, 0, 0, "line 13"},
                                              {14, 0, 0, "line 14"}});
  // main's line 3 holds all 8 in cum; its context starts at line 1.
  CHECK(Rows(listings[1]) == std::vector<Row>{{1, 0, 0, "line 1"},
                                              {2, 0, 0, "line 2"},
                                              {3, 0, 8, "line 3"},
                                              {4, 0, 0, "line 4"},
                                              {5, 0, 0, "line 5"}});
  // Functions not asked for, or without lines, are not listed.
  CHECK(ListSources(Lines(p), 0, {"lex"}, "").empty());
}

TEST_CASE("source view: a function longer than 400 lines shows its hot lines only", "[app][source]") {
  const std::string dir = testing::TempDir("source-long");
  WriteNumberedLines(dir + "/big.c", 600);
  const Profile p = Samples(dir + "/big.c", "parse", {{10, 2}, {500, 1}});  // 490 lines apart
  std::vector<SourceListing> listings = ListSources(Lines(p), 0, {"parse"}, "");
  REQUIRE(listings.size() == 1);
  CHECK(listings[0].found);
  CHECK(Rows(listings[0]) == std::vector<Row>{{10, 2, 2, "line 10"}, {500, 1, 1, "line 500"}});
}

TEST_CASE("source view: a file not found gives the line table without text", "[app][source]") {
  const std::string dir = testing::TempDir("source-missing");
  const Profile p = Samples(dir + "/gone.py", "parse", {{10, 5}, {12, 3}});
  std::vector<SourceListing> listings = ListSources(Lines(p), 0, {"parse"}, dir + "/elsewhere");
  REQUIRE(listings.size() == 1);
  CHECK_FALSE(listings[0].found);
  CHECK(Rows(listings[0]) == std::vector<Row>{{10, 5, 5, "-"}, {12, 3, 3, "-"}});
}

TEST_CASE("source view: a recorded path is looked up under the source folder", "[app][source]") {
  // Recorded as an absolute path that does not exist here: found as DIR + that path.
  const std::string dir = testing::TempDir("source-folder");
  const std::string recorded = "/proflens-absent-" + std::to_string(::getpid()) + "/src/work.py";
  REQUIRE_FALSE(std::filesystem::exists(recorded));
  std::filesystem::create_directories(std::filesystem::path(dir + recorded).parent_path());
  WriteNumberedLines(dir + recorded, 5);
  const Profile p = Samples(recorded, "parse", {{2, 1}});
  CHECK_FALSE(ListSources(Lines(p), 0, {"parse"}, "")[0].found);
  std::vector<SourceListing> listings = ListSources(Lines(p), 0, {"parse"}, dir);
  REQUIRE(listings.size() == 1);
  CHECK(listings[0].file == recorded);  // as the profile records it
  CHECK(listings[0].found);
  CHECK(Rows(listings[0]) == std::vector<Row>{{1, 0, 0, "line 1"}, {2, 1, 1, "line 2"}, {3, 0, 0, "line 3"}, {4, 0, 0, "line 4"}});
}

// A source file shorter than the profile says (edited since it was
// profiled) loses the hot lines past its end from the listing, and their
// samples with them (reported as a bug).
TEST_CASE("source view: hot lines past the end of a shorter file stay listed", "[app][source][!mayfail]") {
  const std::string dir = testing::TempDir("source-stale");
  WriteNumberedLines(dir + "/work.py", 5);
  const Profile p = Samples(dir + "/work.py", "parse", {{3, 2}, {9, 4}});
  std::vector<SourceListing> listings = ListSources(Lines(p), 0, {"parse"}, "");
  REQUIRE(listings.size() == 1);
  int64_t flat = 0;
  for (const SourceLine& l : listings[0].lines) flat += l.flat;
  CHECK(flat == 6);
  CHECK(Rows(listings[0]).back() == Row{9, 4, 4, "-"});
}

TEST_CASE("report --source-dir finds a source file under another folder", "[cli]") {
  // The profile names src/work.py; only DIR/src/work.py exists.
  const std::string dir = testing::TempDir("source-dir");
  std::filesystem::create_directories(dir + "/tree/src");
  testing::WriteFile(dir + "/tree/src/work.py", "def parse():\n    return 42  # the hot line\n");
  testing::WriteFile(dir + "/p.speedscope.json",
                     R"({"$schema": "https://www.speedscope.app/file-format-schema.json",
                        "shared": {"frames": [{"name": "parse", "file": "src/work.py", "line": 2}]},
                        "profiles": [{"type": "sampled", "name": "p", "unit": "none", "startValue": 0, "endValue": 3,
                                      "samples": [[0]], "weights": [3]}]})");
  REQUIRE(testing::RunCli({"report", dir + "/p.speedscope.json", "-o", dir + "/without.html"}).code == 0);
  CHECK_THAT(testing::ReadFile(dir + "/without.html"), !Catch::Contains("the hot line"));
  REQUIRE(testing::RunCli({"report", dir + "/p.speedscope.json", "--source-dir", dir + "/tree", "-o", dir + "/with.html"})
              .code == 0);
  CHECK_THAT(testing::ReadFile(dir + "/with.html"), Catch::Contains("return 42  # the hot line"));
}

}  // namespace
}  // namespace proflens
