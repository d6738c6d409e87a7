#include <catch2/catch.hpp>
#include <algorithm>
#include <map>
#include <random>
#include <sstream>

#include "analyzer/call_graph.h"
#include "analyzer/profile_builder.h"
#include "formats/folded/folded.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

TEST_CASE("folded stacks: frames with spaces, root first", "[folded]") {
  Result<FoldedResult> r = ReadFolded("main;do work;leaf fn 3\nmain;do work 2\n");
  REQUIRE(r.ok());
  CallGraph g = BuildCallGraph(r->profile, {});
  CHECK(testing::FindNode(g, "leaf fn")->flat[0] == 3);
  CHECK(testing::FindNode(g, "do work")->cum[0] == 5);
  CHECK(testing::FindNode(g, "do work")->flat[0] == 2);
  CHECK(testing::FindEdge(g, "main", "do work")->weight[0] == 5);
  CHECK_FALSE(r->base.has_value());
  std::ostringstream out;
  WriteFolded(r->profile, {}, out);
  CHECK(out.str() == "main;do work 2\nmain;do work;leaf fn 3\n");  // sorted bytewise, no root frame added
}

TEST_CASE("folded blank lines and lines without a count are reported", "[folded]") {
  Result<FoldedResult> r = ReadFolded("a;b 1\n\nnot a stack\na;b 2\nc;d x\n");
  REQUIRE(r.ok());
  CHECK(r->skipped[0].count == 1);
  CHECK(r->skipped[1].count == 2);
  CHECK(r->skipped[1].first_line == 3);
  CHECK(r->profile.Totals()[0] == 3);
}

TEST_CASE("difffolded's two columns are a base and a profile", "[folded]") {
  Result<FoldedResult> r = ReadFolded("main;a 10 12\nmain;b 5 0\nmain;c 0 7\n");
  REQUIRE(r.ok());
  REQUIRE(r->base.has_value());
  CHECK(r->base->Totals()[0] == 15);
  CHECK(r->profile.Totals()[0] == 19);
}

TEST_CASE("folded counts that do not fit are an error", "[folded]") {
  Result<FoldedResult> r = ReadFolded("a;b 99999999999999999999\n");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.status().message(), Catch::Contains("line 1") && Catch::Contains("too large"));
  CHECK_FALSE(ReadFolded("\n\n").ok());
}

TEST_CASE("frame names are tidied as stackcollapse-perf.pl does", "[folded]") {
  CHECK(TidyFrameName("ns::f(int) const") == "ns::f");
  CHECK(TidyFrameName("(anonymous namespace)::g(int)") == "(anonymous namespace)::g");
  CHECK(TidyFrameName("main.(*T).Method") == "main.(*T).Method");
  CHECK(TidyFrameName("a;b") == "a:b");
  CHECK(TidyFrameName("it's \"q\"") == "its q");
}

}  // namespace
}  // namespace proflens

namespace proflens {
namespace {

TEST_CASE("fractional folded counts are kept to a thousandth, as flamegraph.pl sums them", "[folded]") {
  // flamegraph.pl adds these as floats (17.25); proflens keeps thousandths.
  const std::string dir = testing::TempDir("fractional");
  testing::WriteFile(dir + "/f.folded", "main;parse 14.25\nmain 3.\nmain;lex 0.0005\n");
  testing::CliRun info = testing::RunCli({"info", dir + "/f.folded"});
  REQUIRE(info.code == 0);
  // 14.25 + 3 + 0.0005 rounded half up to 0.001: 17.251 samples.
  CHECK_THAT(info.out, Catch::Contains("samples/millisamples  total 17.25 (17251)"));
  testing::CliRun folded = testing::RunCli({"convert", dir + "/f.folded", "--to", "folded"});
  REQUIRE(folded.code == 0);
  CHECK(folded.out == "main 3\nmain;lex 0.001\nmain;parse 14.25\n");
  // Whole counts stay whole: the same file without fractions is plain samples/count.
  testing::WriteFile(dir + "/w.folded", "main;parse 14\nmain 3\n");
  CHECK_THAT(testing::RunCli({"info", dir + "/w.folded"}).out, Catch::Contains("samples/count  total 17 (17)"));
  // A fraction's whole part must still fit once in thousandths.
  testing::WriteFile(dir + "/big.folded", "main 9223372036854775807\nx 0.5\n");
  testing::CliRun big = testing::RunCli({"top", dir + "/big.folded"});
  CHECK(big.code == 3);
  CHECK_THAT(big.err, Catch::Contains("line 1: count 9223372036854775807 is too large"));
}

}  // namespace
}  // namespace proflens

namespace proflens {
namespace {

// Folded output is sorted bytewise by stack text without the texts being
// written down first (frames are ranked, stacks sorted by rank sequences):
// checked against the plain way, texts built here and summed in a std::map,
// on random stacks of names that are prefixes of each other, hold blanks,
// bytes past 0x7f, a ';' (written as ':'), or are empty, with inlined
// locations and distinct locations that render alike.
// Random stacks of random names (names that sort around ';', inlined
// frames, empty stacks) written as folded lines, against the lines a
// std::map of the texts gives, written by each number of threads.
// Every stack starts with the same `common` frames at its root; below them
// the frames are of the first `alphabet` locations.
void CheckSortedAndSummed(unsigned seed, int samples, int max_depth, int common, size_t alphabet,
                          std::initializer_list<int> threads) {
  const std::vector<std::string> names = {"a", "a b", "a.cold", "ab", "", "a;b", "b", "a!", "[unknown]", "\xc3\xa9", "a:b"};
  std::mt19937 random(seed);
  ProfileBuilder b;
  b.AddSampleType("samples", "count");
  std::vector<LocationId> locations;
  std::vector<std::string> texts;  // by location, as folded output writes it
  for (int l = 0; l < 24; ++l) {
    std::vector<Line> lines;  // innermost first
    const int inlined = random() % 4 == 0 ? 2 : 1;
    std::string text;
    for (int k = 0; k < inlined; ++k) {
      const std::string& name = names[random() % names.size()];
      lines.push_back({b.InternFunction({.name = b.InternString(name)}), 0});
      std::string shown = name;
      std::replace(shown.begin(), shown.end(), ';', ':');
      text = k == 0 ? shown : shown + ";" + text;
    }
    locations.push_back(b.InternLocation(kNoId, 0x1000 + l, lines));
    texts.push_back(text);
  }
  std::vector<size_t> root;
  for (int k = 0; k < common; ++k) root.push_back(random() % locations.size());
  std::map<std::string, int64_t> expected;
  for (int s = 0; s < samples; ++s) {
    std::vector<size_t> picks(random() % (max_depth + 1));  // leaf first; some empty
    for (size_t& pick : picks) pick = random() % alphabet;
    picks.insert(picks.end(), root.rbegin(), root.rend());
    std::vector<LocationId> stack;
    std::string text;
    for (size_t i = 0; i < picks.size(); ++i) {
      stack.push_back(locations[picks[i]]);
      text = i == 0 ? texts[picks[i]] : texts[picks[i]] + ";" + text;
    }
    const int64_t value = random() % 3;  // 0: left out
    b.AddSample(b.InternStack(stack), 0, std::vector<int64_t>{value});
    if (value != 0) expected[text] += value;
  }
  std::string want;
  for (const auto& [text, count] : expected) want += text + " " + std::to_string(count) + "\n";
  const Profile p = std::move(b).Build();
  for (int t : threads) {
    FoldedOptions options;
    options.threads = t;
    std::ostringstream out;
    WriteFolded(p, options, out);
    INFO("seed " << seed << ", " << t << " threads");
    CHECK(out.str() == want);
  }
}

TEST_CASE("folded lines are sorted and summed as their texts are", "[folded]") {
  for (unsigned seed = 0; seed < 40; ++seed) CheckSortedAndSummed(seed, 300, 5, seed % 3, 24, {1, 2});
}

// Enough stacks for the sort's rounds split over threads (65,536 items and
// more) and, below 30 common root frames and of two locations only (ranges
// that take many rounds), for ranges shared among them; the lines are
// written in blocks by the threads too.
TEST_CASE("folded lines of many stacks are the same on 1 to 8 threads", "[folded][parallel]") {
  CheckSortedAndSummed(11, 150000, 12, 0, 24, {1, 2, 3, 8});
  CheckSortedAndSummed(12, 150000, 40, 30, 2, {1, 2, 3, 8});
}

}  // namespace
}  // namespace proflens
