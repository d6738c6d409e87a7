// Diffs: small profiles with answers worked out by hand, then the peers.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <map>
#include <sstream>

#include "analyzer/diff.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

const DiffRow* Row(const DiffReport& r, const std::string& name) {
  for (const DiffRow& row : r.rows) {
    if (row.name == name) return &row;
  }
  return nullptr;
}

DiffReport Diff(const Profile& base, const Profile& now, bool normalize = false) {
  Result<DiffPair> pair = MatchSampleTypes(base, now, now.DefaultSampleIndex());
  REQUIRE(pair.ok());
  double scale = 1;
  if (normalize) scale = NormalizeRatio(base, now, *pair).value();
  return ComputeDiff(base, now, *pair, {.base_scale = scale});
}

TEST_CASE("functions only in base, only in new, and in both", "[diff]") {
  Profile base = testing::MakeProfile({{"main;parse", {6}}, {"main;old_path", {4}}});
  Profile now = testing::MakeProfile({{"main;parse", {3}}, {"main;new_path", {5}}});
  DiffReport r = Diff(base, now);
  CHECK(r.base.total == 10);
  CHECK(r.current.total == 8);
  const DiffRow* parse = Row(r, "parse");
  CHECK(parse->delta_flat == -3);
  CHECK(parse->delta_cum == -3);
  CHECK(*parse->relative == Approx(-0.5));
  CHECK(Row(r, "old_path")->vanished);
  CHECK(*Row(r, "old_path")->relative == Approx(-1.0));
  CHECK(Row(r, "new_path")->appeared);
  CHECK_FALSE(Row(r, "new_path")->relative.has_value());
  CHECK(Row(r, "main")->delta_cum == -2);
  // Sorted by |delta cum|, then |delta flat|, then name.
  CHECK(r.rows[0].name == "new_path");
  CHECK(r.rows[1].name == "old_path");
  SortDiffRows(r.rows, DiffSort::kRelative);
  CHECK(r.rows[0].name == "new_path");  // no relative change: ranks first
  SortDiffRows(r.rows, DiffSort::kName);
  CHECK(r.rows[0].name == "main");
}

TEST_CASE("recursion counts once per sample on both sides", "[diff]") {
  Profile base = testing::MakeProfile({{"main;walk;walk;walk", {2}}});
  Profile now = testing::MakeProfile({{"main;walk;walk", {5}}});
  DiffReport r = Diff(base, now);
  CHECK(Row(r, "walk")->base_cum == 2);
  CHECK(Row(r, "walk")->new_cum == 5);
  CHECK(Row(r, "walk")->delta_cum == 3);
}

TEST_CASE("normalize scales the base to the new total", "[diff]") {
  Profile base = testing::MakeProfile({{"main;a", {30}}, {"main;b", {10}}});
  Profile now = testing::MakeProfile({{"main;a", {10}}, {"main;b", {10}}});
  DiffReport r = Diff(base, now, true);
  CHECK(r.base_scale == Approx(0.5));
  CHECK(r.base.total == 20);
  CHECK(Row(r, "a")->base_flat == 15);
  CHECK(Row(r, "a")->delta_flat == -5);
  CHECK(Row(r, "b")->delta_flat == 5);
}

TEST_CASE("zero totals give clear answers, not divisions by zero", "[diff]") {
  Profile empty = testing::MakeProfile({{"main", {0}}});
  Profile now = testing::MakeProfile({{"main;a", {4}}});
  Result<DiffPair> pair = MatchSampleTypes(empty, now, 0);
  REQUIRE(pair.ok());
  Result<double> ratio = NormalizeRatio(empty, now, *pair);
  REQUIRE_FALSE(ratio.ok());
  CHECK_THAT(ratio.status().message(), Catch::Contains("base profile's total is 0"));
  DiffReport r = ComputeDiff(empty, now, *pair, {});
  CHECK(Row(r, "a")->appeared);
  std::string dir = testing::TempDir("diff-zero");
  testing::WriteFile(dir + "/empty.folded", "main 0\n");
  testing::WriteFile(dir + "/now.folded", "main;a 4\n");
  testing::CliRun run = testing::RunCli({"diff", dir + "/empty.folded", dir + "/now.folded"});
  CHECK(run.code == 0);
  CHECK_THAT(run.out, Catch::Contains("Change: +4 (the base total is 0: no relative change)"));
  CHECK(testing::RunCli({"diff", dir + "/empty.folded", dir + "/now.folded", "--normalize"}).code == 2);
}

TEST_CASE("sample types are matched by name, units converted", "[diff]") {
  Profile base = testing::MakeProfile({{"main;a", {2}}}, {{"cpu", "milliseconds"}});
  Profile now = testing::MakeProfile({{"main;a", {3000000}}}, {{"cpu", "nanoseconds"}});
  Result<DiffPair> pair = MatchSampleTypes(base, now, 0);
  REQUIRE(pair.ok());
  CHECK(pair->base_to_new_unit == Approx(1e6));
  CHECK(Row(ComputeDiff(base, now, *pair, {}), "a")->delta_flat == 1000000);
  Profile bytes = testing::MakeProfile({{"main;a", {2}}}, {{"alloc_space", "bytes"}});
  CHECK_FALSE(MatchSampleTypes(bytes, now, 0).ok());
}

TEST_CASE("a folded base diffs against a perf capture", "[diff]") {
  // stackcollapse-perf.pl sums perf's periods, so the folded counts are the
  // same nanoseconds, and "[dso]" frames are perf's unsymbolized frames: every
  // function's row equals that of the perf-to-perf diff. Only the process
  // name, which folded stacks carry as their root frame ("work"), is extra.
  std::string fast = testing::SourcePath("samples/perf-fast.txt.gz");
  testing::CliRun folded = testing::RunCli({"diff", testing::SourcePath("samples/perf-slow.folded"), fast, "--format", "json"});
  testing::CliRun perf = testing::RunCli({"diff", testing::SourcePath("samples/perf-slow.txt.gz"), fast, "--format", "json"});
  REQUIRE(folded.code == 0);
  REQUIRE(perf.code == 0);
  const nlohmann::json a = nlohmann::json::parse(folded.out), b = nlohmann::json::parse(perf.out);
  std::map<std::string, std::string> rows;
  for (const auto& row : b["rows"]) rows[row["name"].get<std::string>()] = row.dump();
  size_t compared = 0;
  for (const auto& row : a["rows"]) {
    std::string name = row["name"].get<std::string>();
    if (name == "work") continue;
    INFO(name);
    CHECK(rows[name] == row.dump());
    ++compared;
  }
  CHECK(compared == rows.size());
}

TEST_CASE("diff deltas equal go tool pprof -diff_base", "[diff][golden]") {
  // The golden is go tool pprof -top -cum -nodefraction=0 -diff_base on the pprof forms;
  // `top --base` prints it byte for byte (pprof_golden_test), so its JSON rows carry
  // pprof's numbers: the diff table must have the same deltas for every function.
  std::string slow = testing::SourcePath("samples/perf-slow.txt.gz");
  std::string fast = testing::SourcePath("samples/perf-fast.txt.gz");
  testing::CliRun top = testing::RunCli({"top", "--nodefraction", "0", "--format", "json", "--base", slow, fast});
  REQUIRE(top.code == 0);
  testing::CliRun diff = testing::RunCli({"diff", slow, fast, "--format", "json"});
  REQUIRE(diff.code == 0);
  std::map<std::string, std::pair<int64_t, int64_t>> deltas;
  const nlohmann::json diff_doc = nlohmann::json::parse(diff.out);
  for (const auto& row : diff_doc["rows"]) {
    deltas[row["name"].get<std::string>()] = {row["delta_flat"].get<int64_t>(), row["delta_cum"].get<int64_t>()};
  }
  const nlohmann::json top_doc = nlohmann::json::parse(top.out);
  const auto& pprof_rows = top_doc["rows"];
  REQUIRE(pprof_rows.size() > 10);
  for (const auto& row : pprof_rows) {
    const std::string name = row["name"].get<std::string>();
    INFO(name);
    REQUIRE(deltas.count(name) == 1);
    CHECK(deltas[name].first == row["flat"].get<int64_t>());
    CHECK(deltas[name].second == row["cum"].get<int64_t>());
  }
}

std::string Sorted(std::string text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

TEST_CASE("diff with folded-diff output equals difffolded.pl", "[diff][golden]") {
  // difffolded.pl samples/perf-slow.folded samples/perf-fast.folded | LC_ALL=C sort (and with -n).
  std::string expected = testing::ReadFile(testing::SourcePath("tests/golden/folded/diff.slow-fast.folded"));
  std::string normalized = testing::ReadFile(testing::SourcePath("tests/golden/folded/diff.slow-fast.normalized.folded"));
  REQUIRE_FALSE(expected.empty());
  for (const char* ext : {".folded", ".txt.gz"}) {
    INFO(ext);
    std::string slow = testing::SourcePath(std::string("samples/perf-slow") + ext);
    std::string fast = testing::SourcePath(std::string("samples/perf-fast") + ext);
    CHECK(Sorted(testing::RunCli({"diff", slow, fast, "--folded-diff"}).out) == expected);
    CHECK(Sorted(testing::RunCli({"diff", slow, fast, "--folded-diff", "--normalize"}).out) == normalized);
  }
  // A two-column file reads back as base and new.
  std::string dir = testing::TempDir("folded-diff");
  testing::WriteFile(dir + "/d.folded", expected);
  testing::CliRun back = testing::RunCli({"diff", dir + "/d.folded", "--folded-diff"});
  CHECK(Sorted(back.out) == expected);
}

}  // namespace
}  // namespace proflens
