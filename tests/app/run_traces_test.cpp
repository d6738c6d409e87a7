// `proflens traces` against the real `go tool pprof -traces`: every row of
// tests/golden/traces/MANIFEST, byte for byte (README.md there says how the
// goldens were made), and the command's usage errors.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "tests/test_util.h"

namespace proflens {
namespace {

// google/pprof's test data ("pprof:" inputs) is read from a checkout, never copied here.
std::string PprofCheckout() {
  const char* dir = std::getenv("PROFLENS_PPROF_CHECKOUT");
  return dir != nullptr ? dir : "";
}

TEST_CASE("traces equals go tool pprof -traces on every golden", "[traces][golden]") {
  std::vector<testing::GoldenRow> rows = testing::ReadGoldenManifest("tests/golden/traces/MANIFEST");
  REQUIRE(rows.size() >= 30);
  const std::string checkout = PprofCheckout();
  if (checkout.empty()) WARN("PROFLENS_PPROF_CHECKOUT is not set: google/pprof's test data rows are not compared");
  int compared = 0;
  for (testing::GoldenRow& row : rows) {
    const size_t at = row.inputs[0].find("pprof:");
    if (at != std::string::npos) {
      if (checkout.empty()) continue;
      const std::string path = checkout + "/" + row.inputs[0].substr(at + 6);
      for (std::string& arg : row.args) {
        if (arg == row.inputs[0]) arg = path;
      }
    }
    SECTION(row.golden) {
      const std::string expected = testing::ReadFile(testing::SourcePath("tests/golden/traces/" + row.golden));
      REQUIRE_FALSE(expected.empty());
      testing::CliRun run = testing::RunCli(row.args);
      INFO(run.err);
      REQUIRE(run.code == 0);
      CHECK(run.out == expected);
    }
    ++compared;
  }
  CHECK(compared >= 20);
}

TEST_CASE("traces refuses what it cannot show", "[traces]") {
  SECTION("a graph profile has no stacks") {
    testing::CliRun run = testing::RunCli({"traces", testing::SourcePath("samples/py-fast.prof")});
    CHECK(run.code == 2);
    CHECK(run.err.find("traces need") != std::string::npos);
  }
  SECTION("an unknown unit") {
    testing::CliRun run =
        testing::RunCli({"traces", testing::SourcePath("samples/go-cpu.pb.gz"), "--unit", "furlongs"});
    CHECK(run.code == 2);
    CHECK(run.err.find("unknown unit \"furlongs\"") != std::string::npos);
  }
  SECTION("a file that is not there") {
    testing::CliRun run = testing::RunCli({"traces", "/nonexistent/cpu.pb.gz"});
    CHECK(run.code == 3);
  }
}

}  // namespace
}  // namespace proflens
