// merge --label KEY=VALUE: every sample of the merged profile carries it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace proflens {
namespace {

TEST_CASE("merge --label sets labels on every sample", "[cli][merge]") {
  const std::string dir = testing::TempDir("merge-label");
  const std::string fp = testing::SourcePath("samples/perf-fp.txt");
  const std::string fast = testing::SourcePath("samples/perf-fast.txt.gz");
  testing::CliRun run =
      testing::RunCli({"merge", fp, fast, "-o", dir + "/tagged.pb.gz", "--label", "dc=eu-1", "--label", "comm=fleet"});
  INFO(run.err);
  REQUIRE(run.code == 0);
  testing::CliRun info = testing::RunCli({"info", "--format", "json", dir + "/tagged.pb.gz"});
  REQUIRE(info.code == 0);
  const nlohmann::json facts = nlohmann::json::parse(info.out)[0];
  // 322645288 ns (perf-fp.txt) + 162324648 ns (perf-fast.txt.gz): the
  // cpu-clock periods perf printed, summed with awk.
  const int64_t total = 322645288 + 162324648;
  CHECK(facts["sample_types"][0]["total"] == total);
  CHECK(facts["labels"]["dc"] == nlohmann::json{{"eu-1", total}});
  // perf's comm label (work) is replaced; pid and tid are kept.
  CHECK(facts["labels"]["comm"] == nlohmann::json{{"fleet", total}});
  CHECK(facts["labels"].contains("tid"));
  // Labels change no row of top, and --tagfocus finds them all again.
  testing::CliRun plain = testing::RunCli({"merge", fp, fast, "-o", dir + "/plain.pb.gz"});
  REQUIRE(plain.code == 0);
  testing::CliRun want = testing::RunCli({"top", dir + "/plain.pb.gz", "-n", "0", "--format", "csv"});
  testing::CliRun got =
      testing::RunCli({"top", dir + "/tagged.pb.gz", "-n", "0", "--format", "csv", "--tagfocus", "dc=eu-1"});
  CHECK(got.out == want.out);
}

TEST_CASE("merge --label takes KEY=VALUE and needs stacks", "[cli][merge]") {
  const std::string dir = testing::TempDir("merge-label-bad");
  const std::string fp = testing::SourcePath("samples/perf-fp.txt");
  for (const char* bad : {"novalue", "=v"}) {
    testing::CliRun run = testing::RunCli({"merge", fp, fp, "-o", dir + "/x.pb.gz", "--label", bad});
    CHECK(run.code == 2);
    CHECK_THAT(run.err, Catch::Contains("expected KEY=VALUE"));
  }
  CHECK(testing::RunCli({"merge", fp, fp, "-o", dir + "/x.pb.gz", "--label", "a=1", "--label", "a=2"}).code == 2);
  const std::string prof = testing::SourcePath("samples/py-fast.prof");
  testing::CliRun graph = testing::RunCli({"merge", prof, prof, "-o", dir + "/x.callgrind", "--label", "a=1"});
  CHECK(graph.code == 2);
  CHECK_THAT(graph.err, Catch::Contains("--label needs stacks"));
}

}  // namespace
}  // namespace proflens
