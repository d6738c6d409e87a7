// info --format json (the facts for scripts, as proflens_fleet reads them)
// and info --files-from.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace proflens {
namespace {

using nlohmann::json;

json InfoJson(std::vector<std::string> args) {
  args.insert(args.begin(), {"info", "--format", "json"});
  testing::CliRun run = testing::RunCli(args);
  INFO(run.err);
  REQUIRE(run.code == 0);
  return json::parse(run.out);
}

TEST_CASE("info --format json gives the synthetic sample's facts as raw numbers", "[cli][info]") {
  const std::string path = testing::SourcePath("samples/synthetic.pb.gz");
  json all = InfoJson({path});
  REQUIRE(all.is_array());
  REQUIRE(all.size() == 1);
  const json& info = all[0];
  // Values from samples/gen/synthetic/main.go (and pprof's profile package:
  // TimeNanos 1700000000000000000, DurationNanos 2000).
  CHECK(info["file"] == path);
  CHECK(info["format"] == "pprof");
  CHECK(info["gzipped"] == true);
  CHECK(info["time_nanos"] == 1700000000000000000LL);
  CHECK(info["duration_nanos"] == 2000);
  CHECK(info["main_binary"] == "/usr/bin/server");
  CHECK(info["build_id"] == "abc123");
  REQUIRE(info["sample_types"].size() == 2);
  CHECK(info["sample_types"][0] == json{{"type", "samples"}, {"unit", "count"}, {"total", 84}, {"default", false}});
  CHECK(info["sample_types"][1] == json{{"type", "cpu"}, {"unit", "nanoseconds"}, {"total", 840}, {"default", true}});
  CHECK(info["records"] == 10);
  CHECK(info["graph"].is_null());
  // parse holds 300ns and walk 90ns of cpu (as the text form's shares say).
  CHECK(info["labels"]["phase"] == json{{"parse", 300}, {"walk", 90}});
  CHECK(info["comments"].size() >= 1);
}

TEST_CASE("info --format json gives times as pprof's profile package reads them and null for none", "[cli][info]") {
  // TimeNanos printed by pprof's profile package (Go 1.19) for each file.
  json all = InfoJson({testing::SourcePath("samples/go-cpu.pb.gz"),
                       testing::SourcePath("python/tests/data/hours/host2-20261207T0127.pb.gz"),
                       testing::SourcePath("samples/perf-multi.txt.gz"), testing::SourcePath("samples/perf-fp.txt"),
                       testing::SourcePath("samples/py-fast.prof")});
  REQUIRE(all.size() == 5);
  CHECK(all[0]["time_nanos"] == 1795317684648966022LL);
  CHECK(all[0]["duration_nanos"] == 1607104389);
  CHECK(all[1]["time_nanos"] == 1796606820000000000LL);
  // perf's "# captured on : Sun Nov 22 03:39:30 2026", as UTC (calendar.timegm).
  CHECK(all[2]["format"] == "perf script");
  CHECK(all[2]["gzipped"] == true);
  CHECK(all[2]["time_nanos"] == 1795318770LL * 1000000000);
  CHECK(all[3]["time_nanos"].is_null());  // perf script without its header
  CHECK(all[4]["time_nanos"].is_null());  // cProfile has no time
  CHECK(all[4]["graph"]["call_counts"] == true);
  CHECK(all[4]["records"].is_null());
}

TEST_CASE("info --files-from reads a list and no files is a usage error", "[cli][info]") {
  const std::string dir = testing::TempDir("info-list");
  const std::string fp = testing::SourcePath("samples/perf-fp.txt");
  const std::string cpu = testing::SourcePath("samples/go-cpu.pb.gz");
  testing::WriteFile(dir + "/list", "  " + fp + "\n\n" + cpu + "\r\n");
  json all = InfoJson({"--files-from", dir + "/list"});
  REQUIRE(all.size() == 2);
  CHECK(all[0]["file"] == fp);
  CHECK(all[1]["file"] == cpu);
  testing::WriteFile(dir + "/empty", "\n");
  CHECK(testing::RunCli({"info", "--files-from", dir + "/empty"}).code == 2);
  CHECK(testing::RunCli({"info"}).code == 2);
  CHECK(testing::RunCli({"info", fp, "--format", "xml"}).code == 2);
  // An unreadable file fails the run naming it, and no half array is printed.
  testing::WriteFile(dir + "/bad.txt", "not a profile\n");
  testing::CliRun bad = testing::RunCli({"info", "--format", "json", fp, dir + "/bad.txt"});
  CHECK(bad.code == 3);
  CHECK(bad.out.empty());
  CHECK_THAT(bad.err, Catch::Contains("reading " + dir + "/bad.txt: "));
}

}  // namespace
}  // namespace proflens
