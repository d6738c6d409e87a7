// Strict recognition: text and binaries that are not one of the formats are
// refused with exit 3, naming what they look like, never read as folded
// stacks or perf script. The inputs are written here in the shapes their
// tools print (the first lines of a gprof report, Go source, CSV, a zip
// archive). pprof's legacy formats are read: tests/formats/pprof/pprof_legacy_test.cpp.
#include <catch2/catch.hpp>

#include "formats/detect.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

TEST_CASE("what is not a profile is refused, named by what it looks like", "[detect][hostile]") {
  const std::string dir = testing::TempDir("detect");
  struct Case {
    const char* name;
    std::string bytes;
    const char* says;
  };
  const Case cases[] = {
      {"gprof", "Flat profile:\n\nEach sample counts as 0.01 seconds.\n  %   cumulative   self\n 60.00  0.03  0.03  5  6.00  6.00  fib\n",
       "this looks like a gprof report"},
      {"go-source", "package main\n\nconst x = 5\nvar y = 10\nfunc main() { println(x, y) }\n", "this looks like Go source code"},
      {"csv", "name,flat,cum\nmain,1,2\nfib,3,4\n", "this looks like CSV"},
      {"zip", std::string("PK\x03\x04\x14\x00\x00\x00", 8) + std::string(40, 'x'),
       "(a zip archive): a damaged archive"},  // an archive of profiles, but a broken one
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      const std::string path = dir + "/" + c.name;
      testing::WriteFile(path, c.bytes);
      testing::CliRun run = testing::RunCli({"top", path});
      CHECK(run.code == 3);
      CHECK_THAT(run.err, Catch::Contains(c.says));
      CHECK(DetectFormat(c.bytes) == Format::kUnknown);
    }
  }
  // A source file with a few number-ending lines is not folded stacks...
  CHECK(DetectFormat("def f(n):\n    return n\nx = 5\ny = 6\nprint(f(x) + y)\nz = 7\n") == Format::kUnknown);
  // ...while folded stacks with a stray bad line still are (flamegraph.pl and inferno skip it).
  CHECK(DetectFormat("main;parse 3\nmain;lex 2\nTHIS IS A BAD LINE\nmain 1\n") == Format::kFolded);
}

TEST_CASE("text with a stray NUL byte is refused with the offset of that byte", "[detect][hostile]") {
  const std::string dir = testing::TempDir("detect-nul");
  // Byte 9 of the folded text, counted by hand: "main;pars" is bytes 0-8.
  testing::WriteFile(dir + "/nul.folded", std::string("main;pars\0e 3\nmain;lex 2\n", 24));
  testing::CliRun folded = testing::RunCli({"top", dir + "/nul.folded"});
  CHECK(folded.code == 3);
  CHECK_THAT(folded.err, Catch::Contains("reading " + dir + "/nul.folded: folded text, but byte 9 is a NUL"));
  std::string perf = testing::ReadFile(testing::SourcePath("samples/perf-fp.txt"));
  REQUIRE(perf.size() > 200);
  perf[150] = '\0';
  testing::WriteFile(dir + "/nul.perf.txt", perf);
  testing::CliRun run = testing::RunCli({"top", dir + "/nul.perf.txt"});
  CHECK(run.code == 3);
  CHECK_THAT(run.err, Catch::Contains("perf script text, but byte 150 is a NUL"));
  // Binary data is still binary, not text with NULs.
  CHECK(DescribeStrayNul(std::string(64, '\0')).empty());
  CHECK(DescribeStrayNul("main;parse 3\n").empty());
}

}  // namespace
}  // namespace proflens
