// proflens trend and the growth rules on a real series of heap profiles
// (tests/data/heap-growth), against what go tool pprof says of each file
// (goldens.txt: time, inuse_space total, cum of main.(*cache).Put). The
// slope is computed here on its own, by the textbook formula
//   slope = (n sum(t v) - sum(t) sum(v)) / (n sum(t^2) - sum(t)^2)
// (t in seconds since the first profile), not by proflens's FitLine.
#include <fcntl.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <ctime>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/test_util.h"

namespace proflens {
namespace {

struct GoldenPoint {
  std::string file;
  int64_t time_nanos = 0;
  double total = 0, put = 0;
};

std::vector<GoldenPoint> ReadGoldens() {
  std::istringstream in(testing::ReadFile(testing::SourcePath("tests/data/heap-growth/goldens.txt")));
  std::vector<GoldenPoint> points;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    GoldenPoint p;
    std::string time;
    fields >> p.file >> time >> p.total >> p.put;
    // 2026-12-07T08:32:18.635751595Z
    std::tm tm{};
    REQUIRE(sscanf(time.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    p.time_nanos = static_cast<int64_t>(timegm(&tm)) * 1000000000 + std::stoll(time.substr(20, 9));
    points.push_back(p);
  }
  return points;
}

// Bytes per hour, by the textbook formula.
double SlopePerHour(const std::vector<GoldenPoint>& points, double GoldenPoint::*value) {
  double n = static_cast<double>(points.size()), st = 0, sv = 0, stv = 0, stt = 0;
  for (const GoldenPoint& p : points) {
    const double t = static_cast<double>(p.time_nanos - points[0].time_nanos) / 1e9;
    st += t;
    sv += p.*value;
    stv += t * (p.*value);
    stt += t * t;
  }
  return (n * stv - st * sv) / (n * stt - st * st) * 3600;
}

std::vector<std::string> HeapFiles() {
  std::vector<std::string> files;
  for (int i = 5; i >= 1; --i) files.push_back(testing::SourcePath("tests/data/heap-growth/heap-" + std::to_string(i) + ".pb.gz"));
  return files;  // newest first: trend sorts them by time
}

TEST_CASE("trend: each heap profile's time and total as pprof reads them, and the slope", "[trend][app]") {
  const std::vector<GoldenPoint> golden = ReadGoldens();
  REQUIRE(golden.size() == 5);
  std::vector<std::string> args = {"trend", "--format", "json"};
  for (const std::string& f : HeapFiles()) args.push_back(f);
  testing::CliRun run = testing::RunCli(args);
  INFO(run.err);
  REQUIRE(run.code == 0);
  const nlohmann::json doc = nlohmann::json::parse(run.out);
  CHECK(doc["sample_type"] == "inuse_space");
  CHECK(doc["unit"] == "bytes");
  REQUIRE(doc["points"].size() == 5);
  for (size_t i = 0; i < 5; ++i) {
    CHECK_THAT(doc["points"][i]["file"].get<std::string>(), Catch::EndsWith(golden[i].file));
    CHECK(doc["points"][i]["time_nanos"].get<int64_t>() == golden[i].time_nanos);
    CHECK(doc["points"][i]["value"].get<double>() == golden[i].total);
    CHECK(doc["points"][i]["time_from_file"] == false);
  }
  const double slope = SlopePerHour(golden, &GoldenPoint::total);
  CHECK(slope == Approx(3.68e9).epsilon(0.05));  // about 2 MiB every 2 s
  CHECK(doc["growth_per_hour"].get<double>() == Approx(slope).epsilon(1e-9));

  // The text: one line per profile, then the growth.
  args.erase(args.begin() + 1, args.begin() + 3);
  testing::CliRun text = testing::RunCli(args);
  REQUIRE(text.code == 0);
  CHECK_THAT(text.out, Catch::StartsWith("time (UTC)               elapsed  inuse_space  file\n"
                                         "2026-12-07 08:32:18.635        0       2.10MB  "));
  CHECK_THAT(text.out, Catch::Contains("2026-12-07 08:32:26.835    8.20s      10.35MB  "));
  CHECK_THAT(text.out, Catch::Contains("\ngrowth: +"));
  CHECK_THAT(text.out, Catch::EndsWith("/h (least squares over 5 profiles, 8.20s)\n"));
}

TEST_CASE("trend --focus follows the cum of what it keeps", "[trend][app]") {
  const std::vector<GoldenPoint> golden = ReadGoldens();
  std::vector<std::string> args = {"trend", "--format", "json", "--focus", "cache.*Put"};
  for (const std::string& f : HeapFiles()) args.push_back(f);
  testing::CliRun run = testing::RunCli(args);
  REQUIRE(run.code == 0);
  const nlohmann::json doc = nlohmann::json::parse(run.out);
  for (size_t i = 0; i < 5; ++i) CHECK(doc["points"][i]["value"].get<double>() == golden[i].put);
  CHECK(doc["growth_per_hour"].get<double>() == Approx(SlopePerHour(golden, &GoldenPoint::put)).epsilon(1e-9));

  // A focus that keeps nothing anywhere is no trend.
  args[4] = "cache.*Pt";
  testing::CliRun typo = testing::RunCli(args);
  CHECK(typo.code == 3);
  CHECK_THAT(typo.err, Catch::Contains("--focus matched nothing in any of the 5 profiles"));
}

TEST_CASE("trend: one profile, stdin and formats without a time", "[trend][app]") {
  testing::CliRun one = testing::RunCli({"trend", HeapFiles()[0]});
  CHECK(one.code == 2);
  CHECK_THAT(one.err, Catch::Contains("trend needs 2 or more profiles"));
  // Folded stacks record no time: the files' modification times, said so.
  const std::string dir = testing::TempDir("trend-mtime");
  testing::WriteFile(dir + "/a.folded", "main;grow 100\n");
  testing::WriteFile(dir + "/b.folded", "main;grow 300\n");
  auto set_time = [](const std::string& path, time_t seconds) {
    const struct timespec times[2] = {{seconds, 0}, {seconds, 0}};
    REQUIRE(utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
  };
  set_time(dir + "/a.folded", 1767225600);         // 2026-01-01 00:00:00 UTC
  set_time(dir + "/b.folded", 1767225600 + 1800);  // half an hour later: +200 in 30 min, +400/h
  testing::CliRun mtime = testing::RunCli({"trend", dir + "/b.folded", dir + "/a.folded"});
  REQUIRE(mtime.code == 0);
  CHECK_THAT(mtime.err, Catch::Contains("reading " + dir + "/a.folded: the format records no time; using the file's modification time"));
  CHECK_THAT(mtime.out, Catch::Contains("2026-01-01 00:00:00.000*       0      100  " + dir + "/a.folded\n"));
  CHECK_THAT(mtime.out, Catch::Contains("2026-01-01 00:30:00.000*   1800s      300  " + dir + "/b.folded\n"));
  CHECK_THAT(mtime.out, Catch::Contains("growth: +400/h (least squares over 2 profiles, 1800s)\n"));
  CHECK_THAT(mtime.out, Catch::EndsWith("* the file's modification time: its format records no time\n"));
  testing::CliRun stdin_run = testing::RunBinary("trend - " + dir + "/a.folded < " + dir + "/b.folded");
  CHECK(stdin_run.code == 3);
  CHECK_THAT(stdin_run.err, Catch::Contains("standard input has no time"));
}

}  // namespace
}  // namespace proflens

namespace proflens {
namespace {

TEST_CASE("check and report: growth over the heap series, and over one profile", "[trend][growth][app]") {
  const std::vector<GoldenPoint> golden = ReadGoldens();
  const double slope = SlopePerHour(golden, &GoldenPoint::total);  // bytes per hour
  std::vector<std::string> args = {"check", "--json", "-a", "growth < 1GB/h", "-a", "growth(\"cache.*Put\") > 1MB/h"};
  for (const std::string& f : HeapFiles()) args.push_back(f);
  testing::CliRun run = testing::RunCli(args);
  INFO(run.err);
  CHECK(run.code == 1);
  const nlohmann::json doc = nlohmann::json::parse(run.out);
  REQUIRE(doc.size() == 2);
  CHECK(doc[0]["passed"] == false);
  CHECK(doc[0]["actual"]["unit"] == "B/s");
  CHECK(doc[0]["actual"]["value"].get<double>() == Approx(slope / 3600).epsilon(1e-9));
  CHECK(doc[1]["passed"] == true);
  CHECK(doc[1]["actual"]["value"].get<double>() == Approx(SlopePerHour(golden, &GoldenPoint::put) / 3600).epsilon(1e-9));

  // One profile is no series: the rule fails and says why.
  testing::CliRun one = testing::RunCli({"check", HeapFiles()[0], "-a", "growth < 1GB/h"});
  CHECK(one.code == 1);
  CHECK_THAT(one.out, Catch::Contains("FAIL  growth < 1GB/h: growth needs a series: 2 or more profiles taken at different times, and "
                                      "this check has 1 input"));

  // The report evaluates the same rule on the same series.
  const std::string out = testing::TempDir("trend-report") + "/report.html";
  args = {"report", "-o", out, "-a", "growth < 1GB/h"};
  for (const std::string& f : HeapFiles()) args.push_back(f);
  testing::CliRun report = testing::RunCli(args);
  REQUIRE(report.code == 0);
  const std::string html = testing::ReadFile(out);
  // (every "<" in the report's data is written \u003c)
  CHECK_THAT(html, Catch::Contains("\"expression\":\"growth \\u003c 1GB/h\",\"passed\":false"));
  CHECK_THAT(html, Catch::Contains("\"trend\":{\"growth\":\"+"));
}

}  // namespace
}  // namespace proflens
