// check --bench-output on a real go test -bench run (tests/data/gobench):
// the op count of bench.txt, per-op rules, Go's own figures, and the
// refusals. The numbers are go tool pprof's (pprof-focus-parse.txt):
// example.com/gobench.Parse has a cum of 210ms under BenchmarkParse, whose
// two lines in bench.txt ran 5000 ops each: 21us per op; Go's ns/op over
// both runs is (214335 + 548326) / 2 = 381330.5ns, its B/op
// (22484 + 22469) / 2 = 22476.5B.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace proflens {
namespace {

std::string Data(const std::string& name) { return testing::SourcePath("tests/data/gobench/" + name); }

TEST_CASE("check --bench-output: per-op values of one benchmark of a -bench=. profile", "[bench][check][app]") {
  // The golden's figure, read from pprof's own output.
  CHECK_THAT(testing::ReadFile(Data("pprof-focus-parse.txt")),
             Catch::Contains("0     0% 26.25% 210000000ns 26.25%  example.com/gobench.BenchmarkParse"));
  testing::CliRun run = testing::RunCli({"check", Data("cpu.pb.gz"), "--focus", "BenchmarkParse$", "--bench-output", Data("bench.txt"),
                                         "--bench", "Parse", "-a", "cum(\"gobench\\.Parse$\") / ops < 22us", "-a",
                                         "cum(\"gobench\\.Parse$\") / ops > 20us", "-a", "ops == 10000", "-a",
                                         "bench(\"ns/op\") < 400us", "-a", "bench(\"B/op\") < 22477B", "-a", "bench(\"allocs/op\") == 11",
                                         "--json"});
  INFO(run.err);
  REQUIRE(run.code == 0);
  CHECK_THAT(run.err, Catch::Contains("bench.txt: 2 results of BenchmarkParse, 10000 ops"));
  CHECK_THAT(run.err, !Catch::Contains("calibration"));  // -benchtime=5000x
  const nlohmann::json doc = nlohmann::json::parse(run.out);
  REQUIRE(doc.size() == 6);
  CHECK(doc[0]["actual"]["text"] == "21us");
  CHECK(doc[0]["actual"]["value"].get<double>() == Approx(21e-6));
  CHECK(doc[3]["actual"]["value"].get<double>() == Approx(381330.5e-9));
  CHECK(doc[4]["actual"]["value"].get<double>() == Approx(22476.5));
}

TEST_CASE("check --bench-output: a profile holding other benchmarks fails per-op rules", "[bench][check][app]") {
  // Without --focus the profile also holds BenchmarkFormat: per-op values
  // would charge its samples to Parse's ops.
  testing::CliRun mixed = testing::RunCli({"check", Data("cpu.pb.gz"), "--bench-output", Data("bench.txt"), "--bench", "Parse", "-a",
                                           "total / ops < 1s", "-a", "bench(\"ns/op\") < 1s"});
  CHECK(mixed.code == 1);
  CHECK_THAT(mixed.out, Catch::Contains("FAIL  total / ops < 1s: the profile also holds BenchmarkFormat, which --bench-output's ops do "
                                        "not count: give --focus 'BenchmarkParse' so per-op values count only its samples"));
  CHECK_THAT(mixed.out, Catch::Contains("PASS  bench(\"ns/op\") < 1s"));
  // Several benchmarks and no --bench; --bench matching none; --ops too.
  testing::CliRun several = testing::RunCli({"check", Data("cpu.pb.gz"), "--bench-output", Data("bench.txt"), "-a", "ops > 0"});
  CHECK(several.code == 2);
  CHECK_THAT(several.err, Catch::Contains("holds 2 benchmarks (BenchmarkParse, BenchmarkFormat): choose the one the rules are about with --bench REGEX"));
  testing::CliRun none = testing::RunCli({"check", Data("cpu.pb.gz"), "--bench-output", Data("bench.txt"), "--bench", "Prase", "-a", "ops > 0"});
  CHECK(none.code == 2);
  CHECK_THAT(none.err, Catch::Contains("--bench 'Prase' matches none of the benchmarks of"));
  testing::CliRun both = testing::RunCli({"check", Data("cpu.pb.gz"), "--bench-output", Data("bench.txt"), "--ops", "5", "-a", "ops > 0"});
  CHECK(both.code == 2);
  // Not go test's output: exit 3, naming the file.
  testing::CliRun wrong = testing::RunCli({"check", Data("cpu.pb.gz"), "--bench-output", Data("cpu.pb.gz"), "-a", "ops > 0"});
  CHECK(wrong.code == 3);
  CHECK_THAT(wrong.err, Catch::Contains("cpu.pb.gz: no benchmark results"));
}

TEST_CASE("check --bench-output: go test's own b.N leaves calibration runs out of the count", "[bench][check][app]") {
  const std::string dir = testing::TempDir("bench-auto");
  testing::WriteFile(dir + "/bench.txt", "BenchmarkParse-2   \t12652634\t       168.8 ns/op\n");
  testing::CliRun run = testing::RunCli({"check", Data("cpu.pb.gz"), "--focus", "BenchmarkParse$", "--bench-output", dir + "/bench.txt",
                                         "-a", "total / ops < 1s"});
  CHECK(run.code == 0);
  CHECK_THAT(run.err, Catch::Contains("line 1: BenchmarkParse-2 ran 12652634 times, go test's choice: the profile also holds its "
                                      "calibration runs"));
}

TEST_CASE("check --focus applies before the rules, and one that matches nothing is refused", "[bench][check][app]") {
  // pprof: 210ms under BenchmarkParse of 800ms in all.
  testing::CliRun focus = testing::RunCli({"check", Data("cpu.pb.gz"), "--focus", "BenchmarkParse$", "-a", "total == 210ms"});
  CHECK(focus.code == 0);
  testing::CliRun all = testing::RunCli({"check", Data("cpu.pb.gz"), "-a", "total == 800ms"});
  CHECK(all.code == 0);
  testing::CliRun typo = testing::RunCli({"check", Data("cpu.pb.gz"), "--focus", "BenchmarkPrase", "-a", "total < 1s"});
  CHECK(typo.code == 3);
  CHECK_THAT(typo.err, Catch::Contains("--focus matched nothing in " + Data("cpu.pb.gz") + ": the rules would measure nothing"));
}

}  // namespace
}  // namespace proflens
