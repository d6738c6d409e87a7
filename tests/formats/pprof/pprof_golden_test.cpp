// Peer goldens: `proflens top` must print exactly what `go tool pprof -top`
// printed for the same input and options (tests/golden/pprof/MANIFEST lists
// every case; tests/golden/make_pprof_goldens.sh made the files with the real go tool pprof).
#include <catch2/catch.hpp>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analyzer/units.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

using GoldenCase = testing::GoldenRow;

std::vector<GoldenCase> LoadManifest() { return testing::ReadGoldenManifest("tests/golden/pprof/MANIFEST"); }

// Runs a row's command line, with `extra` options after the command name.
std::vector<std::string> Run(const GoldenCase& c, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = c.args;
  args.insert(args.begin() + 1, extra.begin(), extra.end());
  testing::CliRun run = testing::RunCli(args);
  INFO(run.err);
  REQUIRE(run.code == 0);
  return {run.out};
}

TEST_CASE("top equals go tool pprof -top on every golden", "[golden][pprof]") {
  std::vector<GoldenCase> cases = LoadManifest();
  REQUIRE(cases.size() >= 40);
  for (const GoldenCase& c : cases) {
    SECTION(c.golden) {
      std::string expected = testing::ReadFile(testing::SourcePath("tests/golden/pprof/" + c.golden));
      REQUIRE_FALSE(expected.empty());
      CHECK(Run(c)[0] == expected);
    }
  }
}

TEST_CASE("json and csv carry the golden rows with raw values", "[golden][formats]") {
  for (const GoldenCase& c : LoadManifest()) {
    if (c.golden.find(".flat.txt") == std::string::npos) continue;
    SECTION(c.golden) {
      std::vector<testing::TextRow> expected =
          testing::TextRows(testing::ReadFile(testing::SourcePath("tests/golden/pprof/" + c.golden)));
      REQUIRE_FALSE(expected.empty());

      // JSON: same names in the same order; raw values print as the peer printed them.
      nlohmann::json doc = nlohmann::json::parse(Run(c, {"--format", "json"})[0]);
      const std::string unit = doc["sample_type"]["unit"], output_unit = doc["output_unit"];
      REQUIRE(doc["rows"].size() == expected.size());
      for (size_t i = 0; i < expected.size(); ++i) {
        const auto& row = doc["rows"][i];
        CHECK(row["name"] == expected[i].name);
        CHECK(ScaledLabel(row["flat"].get<int64_t>(), unit, output_unit) == expected[i].flat);
        CHECK(ScaledLabel(row["cum"].get<int64_t>(), unit, output_unit) == expected[i].cum);
      }

      // CSV: a header, then one line per row with the same raw values as JSON.
      std::istringstream csv(Run(c, {"--format", "csv"})[0]);
      std::string line;
      std::getline(csv, line);
      CHECK(line.starts_with("name,inline,flat,flat_percent,sum_percent,cum,cum_percent,unit"));
      for (size_t i = 0; i < expected.size(); ++i) {
        REQUIRE(std::getline(csv, line));
        const auto& row = doc["rows"][i];
        std::string name = row["name"];
        bool quoted = name.find(',') != std::string::npos;
        CHECK(line.starts_with(quoted ? "\"" + name + "\"," : name + ","));
        CHECK(line.find("," + std::to_string(row["flat"].get<int64_t>()) + ",") != std::string::npos);
        CHECK(line.find("," + std::to_string(row["cum"].get<int64_t>()) + ",") != std::string::npos);
        CHECK(line.ends_with("," + unit + "\r"));
      }
      CHECK_FALSE(std::getline(csv, line));
    }
  }
}

TEST_CASE("standard input is read with -", "[golden][cli]") {
  std::string expected = testing::ReadFile(testing::SourcePath("tests/golden/pprof/go-cpu.top.txt"));
  testing::CliRun run = testing::RunBinary("top - < " + testing::SourcePath("samples/go-cpu.pb.gz"));
  CHECK(run.code == 0);
  CHECK(run.out == expected);
}

}  // namespace
}  // namespace proflens
