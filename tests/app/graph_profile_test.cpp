// Graph profiles (cProfile, callgrind) through every graph command: peek, dot,
// diff, check and merge. Expected numbers come from the pstats goldens
// (tests/golden/pstats/*.stats.json, written by Python's pstats) and the
// callgrind_annotate goldens.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "formats/python/pstats_time.h"
#include "formats/read_profile.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

nlohmann::json PstatsGolden(const std::string& name) {
  return nlohmann::json::parse(testing::ReadFile(testing::SourcePath("tests/golden/pstats/" + name + ".stats.json")));
}

TEST_CASE("peek on cProfile input lists pstats's callers with their call counts", "[pstats][graph]") {
  nlohmann::json golden = PstatsGolden("py-slow");
  const std::string is_even = "gen/pywork.py:12(is_even)";
  testing::CliRun run = testing::RunCli({"peek", testing::SourcePath("samples/py-slow.prof"), "is_even"});
  REQUIRE(run.code == 0);
  size_t callers = 0;
  for (auto& [caller, call] : golden[is_even]["callers"].items()) {
    // As pstats's print_callers writes an arc's count: total, then "/primitive" when they differ.
    const int64_t total = call[0].get<int64_t>(), primitive = call[1].get<int64_t>();
    const std::string count = std::to_string(total) + (primitive != total ? "/" + std::to_string(primitive) : "");
    CHECK_THAT(run.out, Catch::Contains("|   " + caller + " [" + count + " calls]"));
    ++callers;
  }
  CHECK(callers == 2);
  // And the function's own ncalls as print_stats writes it.
  const nlohmann::json& stats = golden[is_even]["stats"];
  CHECK_THAT(run.out, Catch::Contains("| " + is_even + " [" + std::to_string(stats[1].get<int64_t>()) + "/" +
                                      std::to_string(stats[0].get<int64_t>()) + " calls]"));
}

TEST_CASE("dot on callgrind input: nodes with their costs and calls, edges with call counts", "[callgrind][graph]") {
  std::string dir = testing::TempDir("graph-dot");
  testing::CliRun run = testing::RunCli({"dot", testing::SourcePath("samples/callgrind-basic.out.gz"), "-o", dir + "/g.dot"});
  REQUIRE(run.code == 0);
  std::string dot = testing::ReadFile(dir + "/g.dot");
  // callgrind_annotate: hash_loop 27,000,007 Ir self (= inclusive), called once from main.
  CHECK_THAT(dot, Catch::Contains("label=\"hash_loop\\nperfwork.c\\n27000007 (23.63%)\\n1\xc3\x97\""));
  CHECK_THAT(dot, Catch::Contains("tooltip=\"main -> hash_loop (27000007)\""));
}

TEST_CASE("diff of two cProfile runs: per-function deltas are pstats's differences", "[pstats][graph]") {
  nlohmann::json fast = PstatsGolden("py-fast"), slow = PstatsGolden("py-slow");
  testing::CliRun run = testing::RunCli({"diff", "--format", "json", testing::SourcePath("samples/py-fast.prof"),
                                         testing::SourcePath("samples/py-slow.prof")});
  REQUIRE(run.code == 0);
  nlohmann::json report = nlohmann::json::parse(run.out);
  size_t checked = 0;
  for (const nlohmann::json& row : report["rows"]) {
    std::string name = row["name"];
    if (!fast.contains(name) || !slow.contains(name)) continue;
    INFO(name);
    // The JSON carries integer nanoseconds; pstats's seconds are ns * 1e-9.
    CHECK(PstatsSeconds(row["base_flat"].get<int64_t>()) == fast[name]["stats"][2].get<double>());
    CHECK(PstatsSeconds(row["new_cum"].get<int64_t>()) == slow[name]["stats"][3].get<double>());
    ++checked;
  }
  CHECK(checked == fast.size());
  CHECK_THAT(run.out, Catch::Contains("{method 'join' of 'str' objects}"));  // only in the slow run
}

TEST_CASE("check on graph inputs: calls, flat and cum of matching functions", "[pstats][callgrind][graph]") {
  const std::string prof = testing::SourcePath("samples/py-slow.prof");
  // pstats: fib 36570 calls; tokenize's cumtime 0.047712 s of 0.089910 s in all.
  testing::CliRun pass = testing::RunCli({"check", prof, "-a", "calls(\"fib\") > 36569", "-a", "calls(\"fib\") < 36571",
                                          "-a", "cum(\"tokenize\") > 53%", "-a", "cum(\"tokenize\") < 53.1%"});
  INFO(pass.out << pass.err);
  CHECK(pass.code == 0);
  testing::CliRun fail = testing::RunCli({"check", prof, "-a", "cum(\"tokenize\") < 50%"});
  CHECK(fail.code == 1);
  // callgrind_annotate --inclusive=yes lists two entries named main: perfwork.c:main
  // 114,127,946 Ir and the part inlined from stdlib.h (atoi), 769 Ir; neither calls
  // the other, so cum("^main$") is their sum.
  const std::string cg = testing::SourcePath("samples/callgrind-basic.out.gz");
  testing::CliRun callgrind = testing::RunCli({"check", cg, "-a", "cum(\"^main$\") == 114128715", "-a",
                                               "count(\"^main$\") == 2", "-a", "calls(\"^hash_loop$\") == 1"});
  INFO(callgrind.out << callgrind.err);
  CHECK(callgrind.code == 0);
}

TEST_CASE("merging cProfile files adds them as pstats.Stats(a, b) does", "[pstats][graph]") {
  // The merged table itself is a pstats golden (work-merged.tottime.txt); here:
  // graph and stack profiles do not mix.
  testing::CliRun mixed = testing::RunCli({"top", testing::SourcePath("samples/py-slow.prof"), testing::SourcePath("samples/perf-fp.txt")});
  CHECK(mixed.code == 3);
  CHECK_THAT(mixed.err, Catch::Contains("py-slow.prof (a cProfile graph profile, no stacks) with profiles of stacks"));
  testing::CliRun base = testing::RunCli({"top", testing::SourcePath("samples/py-slow.prof"), "--base", testing::SourcePath("samples/py-fast.prof")});
  CHECK(base.code == 2);
  CHECK_THAT(base.err, Catch::Contains("--base (pprof's -diff_base) needs stacks"));
}

}  // namespace
}  // namespace proflens
