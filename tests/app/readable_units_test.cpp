// Every number readable, in one unit system (issue 35): cProfile and
// callgrind values in diffs, tables, the report and verdicts take the unit
// that fits them, so none needs more than four digits before the point, and
// sizes are pprof's (1MB = 2^20 bytes) everywhere. The values themselves are
// pstats' (tests/golden/pstats/*.stats.json, made by make_pstats_goldens.sh).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>

#include "tests/test_util.h"

namespace proflens {
namespace {

// Every "<number><unit>" of a time or a size in `text`, as written.
std::vector<std::string> ValuesWithUnits(const std::string& text) {
  static const std::regex kValue(R"(([-+]?[0-9]+(\.[0-9]+)?)(ns|us|ms|s|hrs|B|kB|MB|GB|TB)\b)");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kValue); it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[0]);
  }
  return out;
}

// No more than four digits before the point.
void CheckReadable(const std::string& text) {
  const std::vector<std::string> values = ValuesWithUnits(text);
  CHECK(!values.empty());
  for (const std::string& v : values) {
    INFO(v);
    size_t digits = 0;
    for (char c : v) {
      if (c == '.' || !(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+')) break;
      digits += std::isdigit(static_cast<unsigned char>(c)) != 0;
    }
    CHECK(digits <= 4);
  }
}

const std::string kV1 = "samples/consumer-v1.prof", kV2 = "samples/consumer-v2.prof";

TEST_CASE("a cProfile diff prints every value in a unit that fits it", "[units]") {
  testing::CliRun run = testing::RunCli({"diff", testing::SourcePath(kV1), testing::SourcePath(kV2)});
  REQUIRE(run.code == 0);
  CheckReadable(run.out);
  // The totals as pstats sums tottime (the "in N seconds" of print_stats):
  // v1 0.699381695 s, v2 0.734777878 s, each in milliseconds.
  const nlohmann::json v1 = nlohmann::json::parse(testing::ReadFile(testing::SourcePath("tests/golden/pstats/consumer-v1.stats.json")));
  double total = 0;
  for (const auto& [name, f] : v1.items()) total += f["stats"][2].get<double>();
  char want[64];
  std::snprintf(want, sizeof want, "total %.2fms", total * 1e3);
  CHECK(std::string(want) == "total 699.38ms");
  CHECK_THAT(run.out, Catch::Contains(want));
  CHECK_THAT(run.out, Catch::Contains("Change: +35.40ms (+5.06%)"));  // 734.78 - 699.38 ms
  // The same in the report's diff header.
  const std::string dir = testing::TempDir("readable-report");
  testing::CliRun report = testing::RunCli({"report", testing::SourcePath(kV2), "--base", testing::SourcePath(kV1), "-o", dir + "/r.html"});
  INFO(report.err);
  REQUIRE(report.code == 0);
  const std::string html = testing::ReadFile(dir + "/r.html");
  for (const char* key : {"\"base_total_text\":\"", "\"new_total_text\":\"", "\"change_text\":\""}) {
    const size_t at = html.find(key);
    REQUIRE(at != std::string::npos);
    const std::string value = html.substr(at + std::strlen(key), html.find('"', at + std::strlen(key)) - at - std::strlen(key));
    INFO(key << value);
    CHECK(ValuesWithUnits(value).size() == 1);
    CheckReadable(value);
  }
}

TEST_CASE("cProfile and callgrind tables in pprof's layout take a unit per value", "[units]") {
  testing::CliRun top = testing::RunCli({"top", testing::SourcePath(kV1), "--format", "csv"});
  REQUIRE(top.code == 0);  // raw values: nothing to scale
  testing::CliRun peek = testing::RunCli({"peek", testing::SourcePath(kV1), "transform"});
  INFO(peek.err);
  REQUIRE(peek.code == 0);
  CheckReadable(peek.out);
  testing::CliRun dot = testing::RunCli({"dot", testing::SourcePath(kV1)});
  REQUIRE(dot.code == 0);
  CheckReadable(dot.out);
}

TEST_CASE("sizes are pprof's megabytes in check, JSON and JUnit", "[units][check]") {
  // go-heap.pb.gz: a 10MiB limit prints as 10MB (not 10.49MB), as top prints sizes.
  const std::string heap = testing::SourcePath("samples/go-heap.pb.gz");
  const std::string dir = testing::TempDir("readable-junit");
  testing::CliRun run = testing::RunCli({"check", heap, "-a", "total(\"alloc_space\") < 10MiB", "--junit", dir + "/j.xml"});
  CHECK_THAT(run.out, Catch::Contains("limit 10MB"));
  CHECK_THAT(testing::ReadFile(dir + "/j.xml"), Catch::Contains("10MB"));
  testing::CliRun json = testing::RunCli({"check", heap, "-a", "total(\"alloc_space\") < 10MB", "--json"});
  CHECK_THAT(json.out, Catch::Contains("10485760"));
}

}  // namespace
}  // namespace proflens
