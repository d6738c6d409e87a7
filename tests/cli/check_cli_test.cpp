// proflens check end to end on the samples. Values come from the pprof
// goldens: main.isOdd's cum is 0.98s (64.90%) of go-cpu's 1.51s; is_even's
// cum falls from 150.30ms to 40.08ms between perf-slow and perf-fast.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace proflens {
namespace {

TEST_CASE("check passes, fails and writes JUnit", "[check][cli]") {
  std::string dir = testing::TempDir("check");
  std::string cpu = testing::SourcePath("samples/go-cpu.pb.gz");
  testing::CliRun pass = testing::RunCli({"check", cpu, "-a", "cum(\"main.isOdd\") < 70%", "-a", "total < 2s",
                                          "--junit", dir + "/pass.xml"});
  CHECK(pass.code == 0);
  CHECK_THAT(pass.out, Catch::Contains("PASS  cum(\"main.isOdd\") < 70%  actual 64.90% (980ms), limit 70.00%"));
  CHECK_THAT(pass.out, Catch::EndsWith("2 passed, 0 failed\n"));
  CHECK_THAT(testing::ReadFile(dir + "/pass.xml"), Catch::Contains("tests=\"2\" failures=\"0\""));

  testing::CliRun fail = testing::RunCli({"check", cpu, "-a", "isodd: cum(\"main.isOdd\") < 50%", "-a", "total < 2s",
                                          "--junit", dir + "/fail.xml"});
  CHECK(fail.code == 1);
  CHECK_THAT(fail.out, Catch::Contains("FAIL  isodd: cum(\"main.isOdd\") < 50%  actual 64.90% (980ms), limit 50.00%"));
  CHECK_THAT(fail.out, Catch::EndsWith("1 passed, 1 failed\n"));
  std::string junit = testing::ReadFile(dir + "/fail.xml");
  CHECK_THAT(junit, Catch::Contains("<testsuite name=\"proflens check\" tests=\"2\" failures=\"1\" errors=\"0\">"));
  CHECK_THAT(junit, Catch::Contains("<testcase classname=\"proflens.check\" name=\"isodd\">"));
  CHECK_THAT(junit, Catch::Contains("<failure type=\"assertion\" message=\"cum(&quot;main.isOdd&quot;) &lt; 50%: actual 64.90% (980ms), limit 50.00%\">"));
  CHECK_THAT(junit, Catch::Contains("<testcase classname=\"proflens.check\" name=\"total &lt; 2s\">\n    </testcase>"));
}

TEST_CASE("check reads rules files and compares with a base", "[check][cli]") {
  std::string dir = testing::TempDir("check-rules");
  testing::WriteFile(dir + "/bad.rules", "# perf budget\n\nok: total < 1s\n  too short: total <= base.total *   # unfinished\n");
  testing::CliRun bad = testing::RunCli({"check", testing::SourcePath("samples/perf-fast.txt.gz"), "--base",
                                         testing::SourcePath("samples/perf-slow.txt.gz"), "--rules", dir + "/bad.rules"});
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("rule " + dir + "/bad.rules:4: column 35: expected a number, a metric or \"(\" but found the end of the rule"));

  testing::WriteFile(dir + "/budget.rules",
                     "# perf budget\n"
                     "is_even got faster: change(cum(\"is_even\")) < -50%\n"
                     "no new hot spots: new_functions == 0\n"
                     "fast enough: total <= base.total * 0.6   # 'fast' means 40% less\n");
  testing::CliRun run = testing::RunCli({"check", testing::SourcePath("samples/perf-fast.txt.gz"), "--base",
                                         testing::SourcePath("samples/perf-slow.txt.gz"), "--rules", dir + "/budget.rules",
                                         "--json"});
  // (40.08 - 150.30) / 150.30 = -73.33%; 162.32ms <= 0.6 * 300.60ms = 180.36ms.
  const nlohmann::json doc = nlohmann::json::parse(run.out);
  REQUIRE(doc.size() == 3);
  CHECK(doc[0]["name"] == "is_even got faster");
  CHECK(doc[0]["passed"] == true);
  // Numbers in base units, with the unit and the text the table prints.
  CHECK(doc[0]["actual"]["text"] == "-73.33%");
  CHECK(doc[0]["actual"]["unit"] == "%");
  CHECK(doc[0]["actual"]["value"].get<double>() == Approx(-73.3333).epsilon(1e-4));
  CHECK(doc[0]["limit"]["value"].get<double>() == -50);
  CHECK(doc[2]["passed"] == true);
  CHECK(doc[2]["actual"]["text"] == "162.32ms");
  CHECK(doc[2]["actual"]["unit"] == "s");
  CHECK(doc[2]["actual"]["value"].get<double>() == Approx(0.16232).epsilon(1e-4));
  CHECK(doc[2]["error"].is_null());
  // perf-fast has functions above 0.1% that perf-slow lacks, so the second rule fails.
  CHECK(doc[1]["passed"] == false);
  CHECK(run.code == 1);
}

TEST_CASE("check per-op budgets on a heap profile", "[check][cli]") {
  // go-heap's alloc_space total is 62.34MB (tests/golden/pprof/go-heap.alloc_space.flat.txt, MB of 2^20):
  // 65.37e6 B, so 65369 B = 63.84kB (of 1024 B, as rules count them too) per op.
  std::string heap = testing::SourcePath("samples/go-heap.pb.gz");
  testing::CliRun run = testing::RunCli({"check", heap, "--ops", "1000", "-a", "alloc_per_op > 63kB and alloc_per_op < 64kB",
                                         "-a", "max_alloc_per_op < alloc_per_op"});
  INFO(run.out << run.err);
  CHECK(run.code == 0);
}

TEST_CASE("check exit codes for usage and input errors", "[check][cli]") {
  std::string cpu = testing::SourcePath("samples/go-cpu.pb.gz");
  CHECK(testing::RunCli({"check", cpu}).code == 2);  // no rules
  CHECK(testing::RunCli({"check", cpu, "-a", "total <"}).code == 2);
  CHECK(testing::RunCli({"check", cpu, "-a", "calls(\"x\") > 1"}).code == 2);
  CHECK(testing::RunCli({"check", "/nonexistent.pb.gz", "-a", "total < 1s"}).code == 3);
  CHECK(testing::RunCli({"check", cpu, "--rules", "/nonexistent.rules"}).code == 3);
}

TEST_CASE("check annotates failures for GitHub Actions", "[check][cli]") {
  setenv("GITHUB_ACTIONS", "true", 1);
  testing::CliRun run = testing::RunCli({"check", testing::SourcePath("samples/go-cpu.pb.gz"), "-a", "total < 1s"});
  unsetenv("GITHUB_ACTIONS");
  CHECK(run.code == 1);
  CHECK_THAT(run.out, Catch::Contains("::error title=proflens check::total < 1s: actual 1.51s, limit 1s\n"));
}

}  // namespace
}  // namespace proflens
