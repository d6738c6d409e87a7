// The words users already type: pprof's option spellings (checked against
// go tool pprof's own goldens, with the flags it was run with), pstats' sort
// keys, suggestions for misspellings, short range errors, global options
// after the command, and --help naming every format read.
#include <catch2/catch.hpp>

#include <sstream>

#include "tests/test_util.h"

namespace proflens {
namespace {

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

TEST_CASE("pprof's own flags give go tool pprof's own output", "[cli][golden][pprof][spellings]") {
  // Every -top row of tests/golden/pprof/MANIFEST, run with the flags go tool
  // pprof was given there (-sample_index=, -cum, -nodecount=, -lines,
  // -diff_base=, -symbolize=none, ...) instead of proflens's spellings.
  int rows = 0;
  for (const testing::GoldenRow& row : testing::ReadGoldenManifest("tests/golden/pprof/MANIFEST")) {
    std::vector<std::string> flags = Words(row.peer_flags);
    if (flags.empty() || flags[0] != "-top") continue;
    std::vector<std::string> args = {"top"};
    for (size_t i = 1; i < flags.size(); ++i) {
      const std::string base = "-diff_base=";
      args.push_back(flags[i].starts_with(base) ? base + testing::SourcePath(flags[i].substr(base.size())) : flags[i]);
    }
    args.insert(args.end(), row.inputs.begin(), row.inputs.end());
    SECTION(row.golden) {
      testing::CliRun run = testing::RunCli(args);
      INFO(row.peer_flags << "\n" << run.err);
      REQUIRE(run.code == 0);
      CHECK(run.out == testing::ReadFile(testing::SourcePath("tests/golden/pprof/" + row.golden)));
    }
    ++rows;
  }
  CHECK(rows >= 100);
}

TEST_CASE("pprof's sample-type flags and two-dash spellings", "[cli][spellings]") {
  const std::string heap = testing::SourcePath("samples/go-heap.pb.gz");
  const std::string want = testing::RunCli({"top", heap, "--sample-index", "alloc_space", "--sort", "cum", "-n", "5"}).out;
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"top", heap, "--sample_index=alloc_space", "--cum", "--nodecount=5"},
           {"top", heap, "-sample_index", "alloc_space", "-cum", "-nodecount", "5"},
           {"top", heap, "--alloc_space", "--cum", "--nodecount", "5"},
           {"top", heap, "-alloc_space", "-cum", "-n", "5"},
       }) {
    testing::CliRun run = testing::RunCli(args);
    INFO(args[2] << " " << run.err);
    CHECK(run.code == 0);
    CHECK(run.out == want);
  }
  for (const char* type : {"inuse_space", "alloc_objects", "inuse_objects"}) {
    INFO(type);
    CHECK(testing::RunCli({"top", heap, std::string("--") + type}).out ==
          testing::RunCli({"top", heap, "--sample-index", type}).out);
  }
}

TEST_CASE("a misspelled option gets the closest one", "[cli][spellings]") {
  const std::string prof = testing::SourcePath("samples/py-fast.prof");
  testing::CliRun srot = testing::RunCli({"top", prof, "--srot", "cum"});
  CHECK(srot.code == 2);
  CHECK_THAT(srot.err, Catch::StartsWith("proflens: unknown option \"--srot\"; did you mean \"--sort\"?\n"));
  testing::CliRun focus = testing::RunCli({"dot", prof, "--fcous=x"});
  CHECK(focus.code == 2);
  CHECK_THAT(focus.err, Catch::Contains("unknown option \"--fcous\"; did you mean \"--focus\"?"));
  testing::CliRun far = testing::RunCli({"top", prof, "--zzzzzzzzzz"});
  CHECK(far.code == 2);
  CHECK_THAT(far.err, Catch::StartsWith("proflens: unknown option \"--zzzzzzzzzz\"\n"));
}

TEST_CASE("patterns that match nothing name the closest function", "[cli][spellings]") {
  const std::string prof = testing::SourcePath("samples/py-ingest.prof");
  testing::CliRun peek = testing::RunCli({"peek", prof, "parse_lien"});
  CHECK(peek.code == 2);
  CHECK_THAT(peek.err, Catch::Contains("no function matches \"parse_lien\"; closest: ingest.py:6(parse_line)"));
  const std::string cpu = testing::SourcePath("samples/go-cpu.pb.gz");
  testing::CliRun dot = testing::RunCli({"dot", cpu, "--focus", "main.isEvn"});
  CHECK_THAT(dot.err, Catch::Contains("--focus matched nothing; closest function: main.isEven"));
  testing::CliRun top = testing::RunCli({"top", cpu, "--focus", "main.fibb"});
  CHECK_THAT(top.err, Catch::Contains("--focus matched nothing; closest function: main.fib"));
}

TEST_CASE("range errors are short", "[cli][spellings]") {
  const std::string cpu = testing::SourcePath("samples/go-cpu.pb.gz");
  testing::CliRun run = testing::RunCli({"top", cpu, "-n", "-3"});
  CHECK(run.code == 2);
  CHECK_THAT(run.err, Catch::Contains("must be 0 or more, not -3"));
  CHECK(run.err.size() < 200);
  testing::CliRun report = testing::RunCli({"report", cpu, "-n", "0"});
  CHECK(report.code == 2);
  CHECK_THAT(report.err, Catch::Contains("must be 1 or more, not 0"));
}

TEST_CASE("global options may follow the command", "[cli][spellings]") {
  const std::string folded = testing::SourcePath("samples/perf-fast.folded");
  testing::CliRun colored = testing::RunCli({"check", folded, "-a", "cum(\"main\") < 1%", "--color", "always"});
  CHECK_THAT(colored.out, Catch::StartsWith("\x1b[1;31mFAIL\x1b[0m  "));
  CHECK(testing::RunCli({"top", folded, "--threads", "1", "-n", "3"}).out == testing::RunCli({"--threads", "1", "top", folded, "-n", "3"}).out);
}

TEST_CASE("pstats' sort keys, with pstats' own order and heading", "[cli][pstats]") {
  // The byte-for-byte goldens of every key are in tests/golden/pstats/MANIFEST
  // (formats/python/pstats_test.cpp); here, that each key is accepted.
  const std::string prof = testing::SourcePath("samples/py-fast.prof");
  for (const char* key : {"calls", "cumulative", "cumtime", "file", "filename", "module", "ncalls", "pcalls", "line", "name",
                          "nfl", "stdname", "time", "tottime"}) {
    INFO(key);
    CHECK(testing::RunCli({"top", prof, "--sort", key}).code == 0);
  }
  CHECK_THAT(testing::RunCli({"top", prof, "--sort", "nfl"}).out, Catch::Contains("Ordered by: name/file/line"));
}

TEST_CASE("the --help text names every format read", "[cli]") {
  testing::CliRun help = testing::RunCli({"--help"});
  for (const char* format : {"pprof", "perf script", "folded", "cProfile", "callgrind", "speedscope", "Chrome trace", "V8",
                             "Firefox", "Austin", "tracemalloc"}) {
    INFO(format);
    CHECK_THAT(help.out, Catch::Contains(format));
  }
  testing::CliRun top = testing::RunCli({"top", "--help"});
  CHECK_THAT(top.out, Catch::Contains("tracemalloc"));
}

}  // namespace
}  // namespace proflens
