// The command line: info on a sample, usage errors (exit 2), and malformed
// inputs (exit 3 with a message naming the file).
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

#include "formats/io/gzip.h"
#include "tests/test_util.h"

namespace proflens {
namespace {


std::string RandomBytes(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

TEST_CASE("info describes the synthetic sample", "[cli]") {
  testing::CliRun run = testing::RunCli({"info", testing::SourcePath("samples/synthetic.pb.gz")});
  REQUIRE(run.code == 0);
  // Values from samples/gen/synthetic/main.go: 10 samples, 84 counts, 840ns of cpu.
  CHECK_THAT(run.out, Catch::Contains("Format: pprof (gzip)"));
  CHECK_THAT(run.out, Catch::Contains("0: samples/count  total 84 (84)\n"));
  CHECK_THAT(run.out, Catch::Contains("1: cpu/nanoseconds  total 840ns (840)  [default]\n"));
  CHECK_THAT(run.out, Catch::Contains("Samples: 10 records"));
  CHECK_THAT(run.out, Catch::Contains("Main binary: /usr/bin/server"));
  CHECK_THAT(run.out, Catch::Contains("Duration: 2us"));
  // The label's values by their share of cpu: parse 300ns and walk 90ns of 840ns.
  CHECK_THAT(run.out, Catch::Contains("Labels (share of cpu):\n  phase: 2 values: parse (35.71%), walk (10.71%)\n"));
  CHECK_THAT(run.out, Catch::Contains("  built by samples/gen/synthetic\n"));
}

TEST_CASE("usage errors exit 2", "[cli]") {
  std::string cpu = testing::SourcePath("samples/go-cpu.pb.gz");
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {},
           {"nosuchcommand"},
           {"top"},
           {"top", cpu, "--sort", "speed"},
           {"top", cpu, "--format", "xml"},
           {"top", cpu, "--sample-index", "alloc_space"},
           {"top", cpu, "--sample-index", "9"},
           {"top", cpu, "--unit", "parsecs"},
           {"top", cpu, "--sort", "calls"},
           {"top", cpu, "--granularity", "modules"},
       }) {
    testing::CliRun run = testing::RunCli(args);
    INFO(run.err);
    CHECK(run.code == 2);
    CHECK_THAT(run.err, Catch::StartsWith("proflens: "));
  }
  testing::CliRun help = testing::RunCli({"--help"});
  CHECK(help.code == 0);
  CHECK_THAT(help.out, Catch::Contains("Exit codes: 0 ok, 1 an assertion failed, 2 usage error, 3 input or I/O error"));
}

TEST_CASE("info describes several inputs each on its own", "[cli]") {
  std::string fp = testing::SourcePath("samples/perf-fp.txt");
  testing::CliRun run = testing::RunCli({"info", fp, fp});
  REQUIRE(run.code == 0);
  // Each block has the single file's total (322645288 ns in perf-fp.txt, from
  // tests/golden/pprof/perf-fp.top.txt); merging is merge's and top's.
  size_t blocks = 0;
  for (size_t at = 0; (at = run.out.find("total 322.65ms (322645288)", at)) != std::string::npos; ++at) ++blocks;
  CHECK(blocks == 2);
}

TEST_CASE("every command's help has an example", "[cli]") {
  for (const char* cmd : {"top", "peek", "dot", "diff", "check", "flame", "report", "info", "convert", "merge"}) {
    testing::CliRun help = testing::RunCli({cmd, "--help"});
    INFO(cmd);
    CHECK(help.code == 0);
    CHECK_THAT(help.out, Catch::Contains("Example") && Catch::Contains(std::string("proflens ") + cmd + " "));
  }
  testing::CliRun top = testing::RunCli({"top", "--help"});
  for (const char* option : {"--focus", "--ignore", "--hide", "--show", "--show-from", "--prune-from", "--tagfocus",
                             "--tagignore", "--granularity", "--relative-percentages", "--sample-index"}) {
    CHECK_THAT(top.out, Catch::Contains(option));
  }
}

TEST_CASE("profiles of different sample types are shown one kind at a time", "[cli]") {
  // The first input's kind, with a note naming the other; merge refuses to
  // write either unless --sample-index names one.
  testing::CliRun run = testing::RunCli({"top", testing::SourcePath("samples/go-cpu.pb.gz"),
                                         testing::SourcePath("samples/go-heap.pb.gz")});
  CHECK(run.code == 0);
  CHECK(run.out == testing::ReadFile(testing::SourcePath("tests/golden/pprof/go-cpu.top.txt")));
  CHECK_THAT(run.err, Catch::Contains("the inputs hold 2 kinds of profile; showing samples, cpu (1 input); left out: "
                                      "alloc_objects, alloc_space, inuse_objects, inuse_space (1 input)"));
  const std::string dir = testing::TempDir("kinds");
  run = testing::RunCli({"merge", testing::SourcePath("samples/go-cpu.pb.gz"), testing::SourcePath("samples/go-heap.pb.gz"),
                         "-o", dir + "/both.pb.gz"});
  CHECK(run.code == 3);
  CHECK_THAT(run.err, Catch::Contains("go-heap.pb.gz") && Catch::Contains("sample types differ") &&
                          Catch::Contains("pick one with --sample-index"));
}

TEST_CASE("malformed inputs exit 3 naming the file", "[cli][malformed]") {
  std::string dir = testing::TempDir("malformed");
  std::string cpu = testing::ReadFile(testing::SourcePath("samples/go-cpu.pb.gz"));
  struct Case {
    std::string name, bytes, expect;
  };
  // A profile whose sample type names string 5 of a 1-string table.
  std::string bad_index = std::string("\x0a\x04\x08\x05\x10\x00\x32\x00", 8);
  std::vector<Case> cases = {
      {"empty.pb.gz", "", "the file is empty"},
      {"truncated.pb.gz", cpu.substr(0, cpu.size() / 2), "truncated or corrupt gzip data"},
      {"random.bin", RandomBytes(4096, 1), "unrecognized format"},
      {"gzip-of-garbage.pb.gz", Gzip(RandomBytes(4096, 2)), "the gzip data holds binary data that is no profile"},
      {"gzip-of-empty.pb.gz", Gzip(""), "the gzip data is empty"},
      {"bad-protobuf.pb", std::string("\x0a\xff\xff\xff\x0f", 5), "not a valid profile.proto"},
      {"bad-string-index.pb", bad_index, "outside the string table"},
      {"trailing.pb.gz", cpu + "garbage", "unexpected data after the gzip stream"},
      {"text.txt", "hello world\n", "unrecognized format"},
      {"perf-frames-only.txt", "\t 4001 main (/bin/app)\n\n", "closest is perf script, but it has frames (1 line indented) and no sample header"},
      {"folded-huge.folded", "a;b 99999999999999999999\n", "line 1: count 99999999999999999999 is too large"},
      {"perf.gz-garbage", Gzip(RandomBytes(100, 3) + "\n\t 4001 main (/bin/app)\n"), "the gzip data holds binary data that is no profile"},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      std::string path = dir + "/" + c.name;
      testing::WriteFile(path, c.bytes);
      for (const char* cmd : {"top", "info"}) {
        testing::CliRun run = testing::RunCli({cmd, path});
        INFO(run.err);
        CHECK(run.code == 3);
        CHECK_THAT(run.err, Catch::Contains("reading " + path + ": ") && Catch::Contains(c.expect));
        CHECK(run.out.empty());
      }
    }
  }
  SECTION("missing file and directory") {
    testing::CliRun missing = testing::RunCli({"top", dir + "/nope.pb.gz"});
    CHECK(missing.code == 3);
    CHECK_THAT(missing.err, Catch::Contains("nope.pb.gz: No such file or directory"));
    const std::string empty = testing::TempDir("malformed-empty-dir");
    testing::CliRun directory = testing::RunCli({"top", empty});
    CHECK(directory.code == 3);
    CHECK_THAT(directory.err, Catch::Contains("no profile in the directory"));
  }
  SECTION("decompressed size limit") {
    std::string path = dir + "/big.pb.gz";
    testing::WriteFile(path, Gzip(std::string(1 << 20, 'x')));
    testing::CliRun run = testing::RunCli({"--max-input-size", "1000", "top", path});
    CHECK(run.code == 3);
    CHECK_THAT(run.err, Catch::Contains("exceeds the limit of 1000 bytes"));
  }
}

}  // namespace
}  // namespace proflens

namespace proflens {
namespace {

TEST_CASE("the command line says what it did and what was meant", "[cli]") {
  const std::string dir = testing::TempDir("cli-words");
  const std::string folded = testing::SourcePath("samples/perf-fast.folded");
  // A mistyped command names the closest.
  testing::CliRun typo = testing::RunCli({"tpo", folded});
  CHECK(typo.code == 2);
  CHECK_THAT(typo.err, Catch::Contains("unknown command \"tpo\"; did you mean \"top\"?"));
  // dot never writes DOT text into a .png.
  testing::CliRun png = testing::RunCli({"dot", folded, "-o", dir + "/g.png"});
  CHECK(png.code == 2);
  CHECK_THAT(png.err, Catch::Contains("cannot write .png"));
  // info describes each file on its own.
  testing::CliRun info = testing::RunCli({"info", folded, testing::SourcePath("samples/go-cpu.pb.gz")});
  CHECK(info.code == 0);
  CHECK_THAT(info.out, Catch::Contains("File: " + folded) && Catch::Contains("Format: pprof (gzip)"));
  // --color always paints FAIL.
  testing::CliRun colored = testing::RunCli({"--color", "always", "check", folded, "-a", "cum(\"main\") < 1%"});
  CHECK_THAT(colored.out, Catch::StartsWith("\x1b[1;31mFAIL\x1b[0m  "));
  // A report without -o says where it went.
  const std::string cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  testing::CliRun report = testing::RunCli({"report", folded});
  std::filesystem::current_path(cwd);
  CHECK(report.code == 0);
  CHECK_THAT(report.err, Catch::Contains("wrote report.html"));
}

}  // namespace
}  // namespace proflens
