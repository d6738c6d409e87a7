// Folded stacks as other tools and shells write them: UTF-16 with a BOM
// (PowerShell's `>`), a UTF-8 BOM, and a few bad lines among good ones, read
// with one note as flamegraph.pl reads them (speedscope's sample files), and
// refused with --strict.
#include <catch2/catch.hpp>
#include <string>

#include "analyzer/call_graph.h"
#include "formats/read_profile.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

LoadedProfile Load(const std::string& relative, const ReadOptions& options = {}) {
  Result<LoadedProfile> loaded = ReadProfileFile(testing::SourcePath(relative), options);
  INFO(loaded.status().message());
  REQUIRE(loaded.ok());
  return std::move(loaded).value();
}

TEST_CASE("Folded stacks in UTF-16 with a byte-order mark, either byte order", "[folded]") {
  // speedscope's simple-utf16-le.txt (CRLF) and -be.txt: a;b;c 1, a;b;c 1,
  // a;b;d 4, a;b;c 3, a;b 5: c 5, d 4, b 14 with callees, 5 of its own.
  for (const char* file : {"tests/data/folded/speedscope-simple-utf16-le.txt", "tests/data/folded/speedscope-simple-utf16-be.txt"}) {
    INFO(file);
    LoadedProfile loaded = Load(file);
    CHECK(loaded.format == Format::kFolded);
    REQUIRE(loaded.notes.size() == 1);
    CHECK_THAT(loaded.notes[0], Catch::StartsWith("read as UTF-16 text ("));
    CallGraph g = loaded.profile.BuildGraph({});
    CHECK(g.totals[0] == 14);
    CHECK(testing::FindNode(g, "c")->flat[0] == 5);
    CHECK(testing::FindNode(g, "d")->flat[0] == 4);
    CHECK(testing::FindNode(g, "b")->flat[0] == 5);
    CHECK(testing::FindNode(g, "b")->cum[0] == 14);
  }
  // A UTF-8 byte-order mark is dropped.
  Result<LoadedProfile> bom = ReadProfileBytes("\xEF\xBB\xBFmain;parse 3\nmain 1\n", "bom.folded");
  REQUIRE(bom.ok());
  CHECK(bom->profile.BuildGraph({}).totals[0] == 4);
}

TEST_CASE("A few bad lines among good ones are skipped with one note; --strict refuses them", "[folded]") {
  // speedscope's simple-with-invalids.txt: a "#" comment, a "//" line, five
  // stacks (a;b;c 5, a;b;d 4, a;b 5) and "invalid line".
  LoadedProfile loaded = Load("tests/data/folded/speedscope-simple-with-invalids.txt");
  CHECK(loaded.format == Format::kFolded);
  CHECK(loaded.profile.BuildGraph({}).totals[0] == 14);
  REQUIRE(loaded.skipped.size() == 2);
  CHECK(loaded.skipped[1].count == 2);
  CHECK(loaded.skipped[1].first_line == 2);

  testing::CliRun run = testing::RunCli({"top", testing::SourcePath("tests/data/folded/speedscope-simple-with-invalids.txt")});
  CHECK(run.code == 0);
  CHECK_THAT(run.err, Catch::Contains("skipped 2 lines without a count") && Catch::Contains("(first: line 2: \"// some other comment\")"));

  ReadOptions strict;
  strict.strict = true;
  Result<LoadedProfile> refused = ReadProfileFile(testing::SourcePath("tests/data/folded/speedscope-simple-with-invalids.txt"), strict);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == StatusCode::kInput);
  CHECK_THAT(refused.status().message(), Catch::Contains("line 2: skipped 2 lines without a count") &&
                                             Catch::Contains("--strict refuses an input with skipped lines"));
  testing::CliRun strict_run = testing::RunCli({"--strict", "top", testing::SourcePath("tests/data/folded/speedscope-simple-with-invalids.txt")});
  CHECK(strict_run.code == 3);
  // Blank lines lose nothing: --strict lets them be.
  ReadOptions options;
  options.strict = true;
  CHECK(ReadProfileBytes("main;a 1\n\nmain;b 2\n", "blank.folded", options).ok());
}

}  // namespace
}  // namespace proflens
