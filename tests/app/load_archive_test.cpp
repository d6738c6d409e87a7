// Directories and archives (tar, tar.gz, zip) as inputs: the profiles inside
// merged as go tool pprof merges the same files (the golden
// tests/golden/pprof/merged.cpu+generics.txt), a `file` label on each,
// kinds kept apart, and what is refused. The archives are made here with tar
// and python3's zipfile from the committed samples.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "tests/test_util.h"

namespace proflens {
namespace {

namespace fs = std::filesystem;

// day/node-1/cpu.pb.gz (go-cpu), day/node-2/cpu.pb.gz (go-generics), and
// with `heap` day/node-1/heap.pb.gz (go-heap); a README that is no profile.
std::string MakeArchiveDay(const std::string& name, bool heap) {
  const std::string dir = testing::TempDir(name);
  const fs::path day = fs::path(dir) / "day";
  fs::create_directories(day / "node-1");
  fs::create_directories(day / "node-2");
  fs::copy_file(testing::SourcePath("samples/go-cpu.pb.gz"), day / "node-1/cpu.pb.gz");
  fs::copy_file(testing::SourcePath("samples/go-generics.pb.gz"), day / "node-2/cpu.pb.gz");
  if (heap) fs::copy_file(testing::SourcePath("samples/go-heap.pb.gz"), day / "node-1/heap.pb.gz");
  testing::WriteFile((day / "README.txt").string(), "profiles of one day, one folder a node\n");
  return dir;
}

// Runs a shell command in `dir`.
void Shell(const std::string& dir, const std::string& command) {
  REQUIRE(std::system(("cd '" + dir + "' && " + command + " >/dev/null 2>&1").c_str()) == 0);
}

std::string Table(const std::string& top) { return top.substr(top.find("      flat  flat%")); }

TEST_CASE("a directory or archive of profiles merges them as go tool pprof does", "[archive][golden]") {
  const std::string dir = MakeArchiveDay("archive-day", false);
  Shell(dir, "tar --sort=name -cf day.tar day && tar --sort=name -czf day.tgz day && python3 -m zipfile -c day.zip day");
  const std::string expected = testing::ReadFile(testing::SourcePath("tests/golden/pprof/merged.cpu+generics.txt"));
  REQUIRE_FALSE(expected.empty());
  for (const std::string input : {"day", "day/", "day.tar", "day.tgz", "day.zip"}) {
    SECTION(input) {
      testing::CliRun run = testing::RunCli({"top", dir + "/" + input});
      INFO(run.err);
      REQUIRE(run.code == 0);
      CHECK(run.out == expected);
      // The README is passed over with a note.
      CHECK_THAT(run.err, Catch::Contains("skipped 1 ") && Catch::Contains("that is no profile (first: "));
    }
  }
  // An entry is read whole, so --max-input-size bounds it.
  testing::CliRun run = testing::RunCli({"--max-input-size", "2000", "top", dir + "/day.tgz"});
  CHECK(run.code == 3);
  CHECK_THAT(run.err, Catch::Contains("day.tgz") && Catch::Contains("more than --max-input-size"));
}

TEST_CASE("each profile of a directory or archive carries its path as the label file", "[archive]") {
  const std::string dir = MakeArchiveDay("archive-label", false);
  Shell(dir, "tar --sort=name -czf day.tar.gz day");
  const std::string alone = Table(testing::RunCli({"top", testing::SourcePath("samples/go-cpu.pb.gz")}).out);
  for (const std::string input : {"day", "day.tar.gz"}) {
    SECTION(input) {
      // node-1 alone, with percentages of its own total: go-cpu's table.
      testing::CliRun run = testing::RunCli(
          {"top", dir + "/" + input, "--tagfocus", "file=node-1/", "--relative-percentages"});
      REQUIRE(run.code == 0);
      CHECK(Table(run.out) == alone);
      run = testing::RunCli({"traces", dir + "/" + input, "--tagfocus", "file=node-2"});
      REQUIRE(run.code == 0);
      CHECK_THAT(run.out, Catch::Contains("      file:  ") && Catch::Contains("node-2/cpu.pb.gz\n"));
      CHECK_THAT(run.out, !Catch::Contains("node-1"));
    }
  }
}

TEST_CASE("inputs of several kinds are kept apart, one kind shown", "[archive]") {
  const std::string dir = MakeArchiveDay("archive-kinds", true);
  Shell(dir, "python3 -m zipfile -c day.zip day");
  for (const std::string input : {"day", "day.zip"}) {
    SECTION(input) {
      // The first kind (node-1/cpu.pb.gz comes first) with a note naming the other.
      testing::CliRun run = testing::RunCli({"top", dir + "/" + input});
      REQUIRE(run.code == 0);
      CHECK(run.out == testing::ReadFile(testing::SourcePath("tests/golden/pprof/merged.cpu+generics.txt")));
      CHECK_THAT(run.err, Catch::Contains("the inputs hold 2 kinds of profile; showing samples, cpu (2 inputs); left out: "
                                          "alloc_objects, alloc_space, inuse_objects, inuse_space (1 input)"));
      // --sample-index picks the heap: go-heap's own numbers.
      run = testing::RunCli({"top", dir + "/" + input, "--sample-index", "alloc_space", "-n", "100000",
                             "--nodefraction", "0"});
      REQUIRE(run.code == 0);
      CHECK(run.out == testing::ReadFile(testing::SourcePath("tests/golden/pprof/go-heap.alloc_space.flat.txt")));
      // check takes the kind the same way.
      run = testing::RunCli({"check", dir + "/" + input, "--sample-index", "alloc_space", "-a", "total > 1MB"});
      CHECK(run.code == 0);
    }
  }
  // Files named one by one are grouped the same way.
  testing::CliRun run = testing::RunCli({"top", dir + "/day/node-1/heap.pb.gz", dir + "/day/node-1/cpu.pb.gz"});
  REQUIRE(run.code == 0);
  CHECK_THAT(run.out, Catch::Contains("Type: alloc_space") || Catch::Contains("Type: inuse_space"));
  CHECK_THAT(run.err, Catch::Contains("left out: samples, cpu (1 input)"));
}

TEST_CASE("info describes each profile of an archive", "[archive]") {
  const std::string dir = MakeArchiveDay("archive-info", true);
  Shell(dir, "tar --sort=name -cf day.tar day");
  testing::CliRun run = testing::RunCli({"info", dir + "/day.tar"});
  REQUIRE(run.code == 0);
  CHECK_THAT(run.out, Catch::Contains("File: " + dir + "/day.tar:day/node-1/cpu.pb.gz\n"));
  CHECK_THAT(run.out, Catch::Contains("File: " + dir + "/day.tar:day/node-1/heap.pb.gz\n"));
  CHECK_THAT(run.out, Catch::Contains("File: " + dir + "/day.tar:day/node-2/cpu.pb.gz\n"));
  // merge takes one archive, and one kind of it: the one --sample-index names.
  run = testing::RunCli({"merge", dir + "/day.tar", "-o", dir + "/all.pb.gz"});
  CHECK(run.code == 3);
  CHECK_THAT(run.err, Catch::Contains("pick one with --sample-index"));
  run = testing::RunCli({"merge", dir + "/day.tar", "--sample-index", "cpu", "-o", dir + "/all.pb.gz"});
  CHECK(run.code == 0);
  run = testing::RunCli({"top", dir + "/all.pb.gz"});
  CHECK(run.out == testing::ReadFile(testing::SourcePath("tests/golden/pprof/merged.cpu+generics.txt")));
}

TEST_CASE("an archive or directory with no profile is refused", "[archive][hostile]") {
  const std::string dir = testing::TempDir("archive-empty");
  fs::create_directories(fs::path(dir) / "notes");
  testing::WriteFile(dir + "/notes/a.txt", "nothing to see\n");
  Shell(dir, "tar -czf notes.tgz notes && python3 -m zipfile -c notes.zip notes");
  for (const std::string input : {"notes", "notes.tgz", "notes.zip"}) {
    SECTION(input) {
      testing::CliRun run = testing::RunCli({"top", dir + "/" + input});
      CHECK(run.code == 3);
      CHECK_THAT(run.err, Catch::Contains("no profile in the"));
    }
  }
  SECTION("a damaged archive") {
    std::string tar = testing::ReadFile(dir + "/notes.tgz");
    testing::WriteFile(dir + "/cut.tgz", tar.substr(0, tar.size() / 2));
    testing::CliRun run = testing::RunCli({"top", dir + "/cut.tgz"});
    CHECK(run.code == 3);
    CHECK_THAT(run.err, Catch::Contains("cut.tgz"));
  }
  SECTION("a damaged profile inside is an error, not skipped") {
    const fs::path bad = fs::path(dir) / "bad";
    fs::create_directories(bad);
    const std::string cpu = testing::ReadFile(testing::SourcePath("samples/go-cpu.pb.gz"));
    testing::WriteFile((bad / "cpu.pb.gz").string(), cpu.substr(0, cpu.size() / 2));
    testing::CliRun run = testing::RunCli({"top", bad.string()});
    CHECK(run.code == 3);
    CHECK_THAT(run.err, Catch::Contains("bad/cpu.pb.gz"));
  }
}

}  // namespace
}  // namespace proflens
