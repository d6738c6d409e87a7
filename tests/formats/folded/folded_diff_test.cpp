// Folded diffs as inferno's diff-folded and difffolded.pl write them, on
// inferno's own test data with fractional counts (tests/golden/folded/inferno/,
// README there), and the diff table and header on the same inputs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "tests/test_util.h"

namespace proflens {
namespace {

const std::string kDir = "tests/golden/folded/inferno/";

std::vector<std::string> SortedLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

TEST_CASE("a fractional base is diffed in whole samples, as inferno writes it", "[folded][diff][golden]") {
  testing::CliRun run = testing::RunCli({"diff", testing::SourcePath(kDir + "before_fractionals.txt"),
                                         testing::SourcePath(kDir + "after.txt"), "--folded-diff"});
  INFO(run.err);
  REQUIRE(run.code == 0);
  CHECK(SortedLines(run.out) == SortedLines(testing::ReadFile(testing::SourcePath(kDir + "fractionals.expected.txt"))));
  // And the other way round: the fractional side is the new one.
  testing::CliRun swapped = testing::RunCli({"diff", testing::SourcePath(kDir + "after.txt"),
                                             testing::SourcePath(kDir + "before_fractionals.txt"), "--folded-diff"});
  REQUIRE(swapped.code == 0);
  CHECK_THAT(swapped.out, Catch::Contains("dd;[unknown];[dd] 7 3\n") && Catch::Contains("dd;[unknown];read 13 14\n"));
}

TEST_CASE("the diff table of a fractional base compares samples with samples", "[folded][diff]") {
  testing::CliRun run = testing::RunCli({"diff", testing::SourcePath(kDir + "before_fractionals.txt"),
                                         testing::SourcePath(kDir + "after.txt"), "-n", "3"});
  INFO(run.out << run.err);
  REQUIRE(run.code == 0);
  // Totals: before 3 + 14.234... + 11.98 + 6.2 + 1 + 20 + 3.11 + 7.56 = 67.08
  // samples (67 in whole samples), after 80: +13 (+19.40%), never -99.88%.
  CHECK_THAT(run.out, Catch::Contains("Change: +13 (+19.40%)"));
  // Counted over all 18 functions, whatever -n shows: new __fdget_[k] and
  // __fget_light_[k], gone 0x234f2abc and 0xF1BDE348.
  CHECK_THAT(run.out, Catch::Contains("Functions: 18, 2 new, 2 gone (3 shown)\n"));
  testing::CliRun none = testing::RunCli({"diff", testing::SourcePath(kDir + "before_fractionals.txt"),
                                          testing::SourcePath(kDir + "after.txt"), "-n", "0"});
  CHECK_THAT(none.out, Catch::Contains("Functions: 18, 2 new, 2 gone (18 shown)\n"));
  // samples/perf-slow.folded to perf-fast.folded: 41 distinct frames, 10 only
  // in the new one, 18 only in the old (counted with a set of the frames of
  // every line of non-zero count).
  testing::CliRun perf = testing::RunCli({"diff", testing::SourcePath("samples/perf-slow.folded"),
                                          testing::SourcePath("samples/perf-fast.folded"), "-n", "1"});
  CHECK_THAT(perf.out, Catch::Contains("Functions: 41, 10 new, 18 gone (1 shown)\n"));
}

}  // namespace
}  // namespace proflens
