// convert and merge through the command line.
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/test_util.h"

namespace proflens {
namespace {

TEST_CASE("perf script to pprof and back keeps every number", "[convert]") {
  std::string dir = testing::TempDir("convert");
  std::string perf = testing::SourcePath("samples/perf-multi.txt.gz");
  testing::CliRun conv = testing::RunCli({"convert", perf, "-o", dir + "/multi.pb.gz"});
  REQUIRE(conv.code == 0);
  for (const char* index : {"0", "1"}) {
    testing::CliRun a = testing::RunCli({"top", "--sample-index", index, perf});
    testing::CliRun b = testing::RunCli({"top", "--sample-index", index, dir + "/multi.pb.gz"});
    CHECK(a.out == b.out);
  }
  // Folded from the pprof copy equals folded from the perf text.
  testing::CliRun f1 = testing::RunCli({"convert", perf, "--to", "folded", "--all"});
  testing::CliRun f2 = testing::RunCli({"convert", dir + "/multi.pb.gz", "--to", "folded", "--all"});
  CHECK(f1.out == f2.out);
  CHECK_FALSE(f1.out.empty());
}

TEST_CASE("merge sums inputs of any format", "[convert]") {
  std::string dir = testing::TempDir("merge");
  std::string fp = testing::SourcePath("samples/perf-fp.txt");
  testing::CliRun conv = testing::RunCli({"convert", fp, "-o", dir + "/fp.pb.gz"});
  REQUIRE(conv.code == 0);
  testing::CliRun merged = testing::RunCli({"merge", fp, dir + "/fp.pb.gz", "-o", dir + "/both.pb.gz"});
  REQUIRE(merged.code == 0);
  // go tool pprof -top on perf-fp.txt given twice (tests/golden/pprof/merged.perf-fp+perf-fp.txt).
  testing::CliRun top = testing::RunCli({"top", dir + "/both.pb.gz"});
  CHECK(top.out == testing::ReadFile(testing::SourcePath("tests/golden/pprof/merged.perf-fp+perf-fp.txt")));

  testing::CliRun mixed = testing::RunCli({"merge", fp, testing::SourcePath("samples/go-cpu.pb.gz"), "-o", dir + "/x.pb.gz"});
  CHECK(mixed.code == 3);
  CHECK_THAT(mixed.err, Catch::Contains("sample types differ"));
  CHECK_FALSE(std::filesystem::exists(dir + "/x.pb.gz"));
  CHECK(testing::RunCli({"merge", fp, "-o", dir + "/y.pb.gz"}).code == 2);  // needs two inputs
  CHECK(testing::RunCli({"merge", fp, fp}).code == 2);                      // needs -o
}

TEST_CASE("output format comes from --to or the file name", "[convert]") {
  std::string dir = testing::TempDir("format");
  std::string fp = testing::SourcePath("samples/perf-fp.txt");
  CHECK(testing::RunCli({"convert", fp, "-o", dir + "/out.folded"}).code == 0);
  CHECK(testing::ReadFile(dir + "/out.folded") == testing::ReadFile(testing::SourcePath("tests/golden/folded/perf-fp.default.folded")));
  testing::CliRun unknown = testing::RunCli({"convert", fp, "-o", dir + "/out.bin"});
  CHECK(unknown.code == 2);
  CHECK_THAT(unknown.err, Catch::Contains("--to"));
  CHECK(testing::RunCli({"convert", fp, "--to", "svg"}).code == 2);
}

TEST_CASE("a failed run leaves the previous output untouched", "[convert]") {
  std::string dir = testing::TempDir("atomic");
  std::string out = dir + "/out.folded";
  testing::WriteFile(out, "previous\n");
  testing::WriteFile(dir + "/bad.txt", "not a profile at all\n");
  testing::CliRun bad = testing::RunCli({"convert", dir + "/bad.txt", "-o", out});
  CHECK(bad.code == 3);
  CHECK(testing::ReadFile(out) == "previous\n");
  testing::CliRun nodir = testing::RunCli({"convert", testing::SourcePath("samples/perf-fp.txt"), "-o", dir + "/missing/out.folded"});
  CHECK(nodir.code == 3);
  CHECK_THAT(nodir.err, Catch::Contains("missing/out.folded"));
  testing::CliRun isdir = testing::RunCli({"convert", testing::SourcePath("samples/perf-fp.txt"), "-o", dir, "--to", "folded"});
  CHECK(isdir.code == 3);
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    CHECK(entry.path().filename().string().find(".tmp.") == std::string::npos);  // no temporary left behind
  }
}

TEST_CASE("what a reader read in an odd way is one stderr line", "[convert]") {
  testing::CliRun run = testing::RunCli({"top", testing::SourcePath("../shared/corpus/flamegraph/perf-numa-stacks-01.txt")});
  CHECK(run.code == 0);
  CHECK(run.err == "proflens: reading " + testing::SourcePath("../shared/corpus/flamegraph/perf-numa-stacks-01.txt") +
                       ": the last sample (line 2757) has no blank line after it; it is read (stackcollapse-perf.pl leaves it out)\n");
}

}  // namespace
}  // namespace proflens

namespace proflens {
namespace {

TEST_CASE("merge --files-from: any number of files, merged as they are read", "[merge]") {
  const std::string dir = testing::TempDir("merge-many");
  std::string list;
  for (int i = 0; i < 300; ++i) {
    const std::string path = dir + "/p" + std::to_string(i) + ".folded";
    testing::WriteFile(path, "main;work " + std::to_string(i + 1) + "\nmain;idle 1\n");
    list += path + "\n";
  }
  testing::WriteFile(dir + "/list", list);
  testing::CliRun run = testing::RunCli({"merge", "--files-from", dir + "/list", "-o", dir + "/all.folded"});
  REQUIRE(run.code == 0);
  // work: 1 + 2 + ... + 300 = 45150; idle: 300.
  CHECK(testing::ReadFile(dir + "/all.folded") == "main;idle 300\nmain;work 45150\n");
  // Associative: merging two halves' merges gives the same.
  testing::WriteFile(dir + "/first", list.substr(0, list.find(dir + "/p150.folded")));
  testing::WriteFile(dir + "/second", list.substr(list.find(dir + "/p150.folded")));
  REQUIRE(testing::RunCli({"merge", "--files-from", dir + "/first", "-o", dir + "/a.pb.gz"}).code == 0);
  REQUIRE(testing::RunCli({"merge", "--files-from", dir + "/second", "-o", dir + "/b.pb.gz"}).code == 0);
  REQUIRE(testing::RunCli({"merge", dir + "/a.pb.gz", dir + "/b.pb.gz", "-o", dir + "/ab.folded"}).code == 0);
  CHECK(testing::ReadFile(dir + "/ab.folded") == testing::ReadFile(dir + "/all.folded"));
  // Fewer than two on the command line is a usage error; a list may hold one (a day with one profile), not none.
  CHECK(testing::RunCli({"merge", dir + "/p0.folded", "-o", dir + "/one.folded"}).code == 2);
  testing::WriteFile(dir + "/one", dir + "/p4.folded\n");
  REQUIRE(testing::RunCli({"merge", "--files-from", dir + "/one", "-o", dir + "/one.folded"}).code == 0);
  CHECK(testing::ReadFile(dir + "/one.folded") == "main;idle 1\nmain;work 5\n");
  testing::WriteFile(dir + "/none", "\n");
  testing::CliRun none = testing::RunCli({"merge", "--files-from", dir + "/none", "-o", dir + "/none.folded"});
  CHECK(none.code == 2);
  CHECK_THAT(none.err, Catch::Contains("lists no files"));
}

}  // namespace
}  // namespace proflens
