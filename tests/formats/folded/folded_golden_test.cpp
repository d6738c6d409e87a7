// stackcollapse-perf.pl compatibility: `proflens convert --to folded` must
// print byte for byte what the perl script prints.
//  - FlameGraph's own test suite (../shared/corpus/flamegraph): 13 inputs x 6 options.
//  - Our captures in samples/ (tests/golden/folded/MANIFEST; make_goldens.sh ran the script).
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "tests/test_util.h"

namespace proflens {
namespace {

// The input as stackcollapse-perf.pl reads it: a last sample that no blank
// line ends is left out by the script (proflens reads it, with a note), so
// the comparison is on the input up to its last blank line.
std::string AsTheScriptReadsIt(const std::string& path) {
  const std::string text = testing::ReadFile(path);
  if (text.ends_with("\n\n")) return path;
  const size_t blank = text.rfind("\n\n");
  REQUIRE(blank != std::string::npos);
  const std::string cut = testing::TempDir("folded-golden-cut") + "/" + std::filesystem::path(path).filename().string();
  testing::WriteFile(cut, text.substr(0, blank + 2));
  return cut;
}

std::string ConvertToFolded(const std::string& input, const std::string& option) {
  std::vector<std::string> args = {"convert", input, "--to", "folded"};
  if (!option.empty()) args.push_back(option);
  testing::CliRun run = testing::RunCli(args);
  INFO(run.err);
  REQUIRE(run.code == 0);
  return run.out;
}

TEST_CASE("FlameGraph's stackcollapse-perf test suite passes", "[golden][folded][corpus]") {
  const std::filesystem::path corpus = std::filesystem::path(PROFLENS_CORPUS_DIR) / "flamegraph";
  INFO("peer corpus expected at " << corpus.string());
  REQUIRE(std::filesystem::is_directory(corpus / "results"));
  int inputs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    if (entry.path().extension() != ".txt") continue;
    ++inputs;
    for (const char* option : {"pid", "tid", "kernel", "jit", "all", "addrs"}) {
      std::string stem = entry.path().stem().string();
      SECTION(stem + " --" + option) {
        std::string expected = testing::ReadFile((corpus / "results" / (stem + "-collapsed-" + option + ".txt")).string());
        REQUIRE_FALSE(expected.empty());
        CHECK(ConvertToFolded(AsTheScriptReadsIt(entry.path().string()), std::string("--") + option) == expected);
      }
    }
  }
  CHECK(inputs == 13);
}

TEST_CASE("folded output equals stackcollapse-perf.pl on our captures", "[golden][folded]") {
  std::istringstream manifest(testing::ReadFile(testing::SourcePath("tests/golden/folded/MANIFEST")));
  int cases = 0;
  for (std::string line; std::getline(manifest, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string golden, input, option;
    std::getline(fields, golden, '\t');
    std::getline(fields, input, '\t');
    std::getline(fields, option, '\t');
    ++cases;
    SECTION(golden) {
      std::string expected = testing::ReadFile(testing::SourcePath("tests/golden/folded/" + golden));
      REQUIRE_FALSE(expected.empty());
      CHECK(ConvertToFolded(testing::SourcePath(input), option) == expected);
    }
  }
  CHECK(cases >= 36);
}

}  // namespace
}  // namespace proflens
