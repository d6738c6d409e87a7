// Names as every language writes them (tests/names/corpus.folded, hand-made
// from the frame syntax of py-spy, Austin, rustc's two manglings, g++, V8,
// the JVM and Go; and the real captures in samples/ listed below). The
// expected values are the inputs themselves (round trips, flame titles) or
// worked out by hand from the README's name policy.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "tests/test_util.h"

namespace proflens {
namespace {

const char* kCorpus = "tests/names/corpus.folded";

// Lines of a folded text, counts of equal stacks summed, sorted.
std::map<std::string, long long> FoldedLines(const std::string& text) {
  std::map<std::string, long long> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.rfind(' ');
    lines[line.substr(0, space)] += std::stoll(line.substr(space + 1));
  }
  return lines;
}

std::string Run(const std::vector<std::string>& args) {
  testing::CliRun run = testing::RunCli(args);
  INFO(run.err);
  REQUIRE(run.code == 0);
  return run.out;
}

TEST_CASE("names round-trip exactly through folded, speedscope and pprof", "[names]") {
  const std::string input = testing::SourcePath(kCorpus);
  const auto expected = FoldedLines(testing::ReadFile(input));
  const std::string dir = testing::TempDir("names-roundtrip");
  CHECK(FoldedLines(Run({"convert", input, "--to", "folded"})) == expected);
  for (const std::string via : {"speedscope.json", "pb.gz"}) {
    INFO(via);
    const std::string middle = dir + "/corpus." + via;
    Run({"convert", input, "-o", middle});
    CHECK(FoldedLines(Run({"convert", middle, "--to", "folded"})) == expected);
  }
}

TEST_CASE("with --symbols full, flame graphs title every frame as the input wrote it", "[names]") {
  const std::string input = testing::SourcePath(kCorpus);
  std::set<std::string> frames = {"all"};
  for (const auto& [stack, count] : FoldedLines(testing::ReadFile(input))) {
    for (size_t start = 0;;) {
      size_t semi = stack.find(';', start);
      frames.insert(stack.substr(start, semi == std::string::npos ? std::string::npos : semi - start));
      if (semi == std::string::npos) break;
      start = semi + 1;
    }
  }
  const std::string svg = Run({"flame", input, "--minwidth", "0", "--symbols", "full", "-o", "-"});
  std::set<std::string> titles;
  std::regex title("<g class=\"f\"[^>]*><title>(.*) \\([^()]*\\)</title>");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), title); it != std::sregex_iterator(); ++it) {
    std::string t = (*it)[1];
    for (auto [from, to] : {std::pair<std::string, std::string>{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
                            {"&#39;", "'"}, {"&apos;", "'"}, {"&amp;", "&"}}) {
      for (size_t at; (at = t.find(from)) != std::string::npos;) t.replace(at, from.size(), to);
    }
    titles.insert(t);
  }
  CHECK(titles == frames);
}

TEST_CASE("top shows every language's names whole: none empty, none a bare ::x", "[names]") {
  for (const char* file : {kCorpus, "samples/rust-v0.perf.txt.gz", "samples/rust-legacy.perf.txt.gz",
                           "samples/cpp-templates.perf.txt.gz", "samples/node-js.perf.txt.gz",
                           "samples/java-jit.perf.txt.gz", "samples/go-generics.pb.gz"}) {
    INFO(file);
    const std::string out = Run({"top", testing::SourcePath(file), "-n", "100000", "--nodefraction", "0", "--format", "csv"});
    std::istringstream rows(out);
    std::string header;
    std::getline(rows, header);
    int count = 0;
    for (std::string row; std::getline(rows, row); ++count) {
      // The name is the first field; CSV quotes it when it holds a comma or a quote.
      std::string name = row.front() == '"' ? row.substr(1, row.find("\",", 1) - 1) : row.substr(0, row.find(','));
      INFO(row);
      CHECK_FALSE(name.empty());
      CHECK_FALSE(name.starts_with("::"));
      CHECK_FALSE(name.ends_with("::"));
    }
    CHECK(count > 3);
  }
}

TEST_CASE("the short names of the name policy, by language", "[names]") {
  const std::string corpus = Run({"top", testing::SourcePath(kCorpus), "-n", "100000", "--nodefraction", "0"});
  for (const char* name : {
           // Python: "function (file)" from py-spy and Austin alike.
           "<module> (consumer.py)", "<listcomp> (consumer.py)", "<dictcomp> (consumer.py)", "<lambda> (consumer.py)",
           "<genexpr> (consumer.py)", "Parser.parse (consumer.py)", "transform.<locals>.<lambda> (consumer.py)",
           // Folded names are kept as written, whatever language they look like.
           "<hashbrown::map::HashMap<u64, u64, std::hash::random::RandomState>>::rustc_entry",
           "std::function<int (int, int)>::operator()(int, int) const", "bar \"x\"", "baz 'y'", "RegExp:[&<>\\\\]",
           "a frame with spaces"}) {
    INFO(name);
    CHECK(corpus.find(std::string("  ") + name + "\n") != std::string::npos);
  }
  // Names from symbol tables (perf) go through the policy.
  const std::string v0 = Run({"top", testing::SourcePath("samples/rust-v0.perf.txt.gz"), "-n", "100000", "--nodefraction", "0"});
  for (const char* name : {"hashbrown::map::HashMap::rustc_entry", "core::slice::sort::stable::quicksort::quicksort",
                           "std::rt::lang_start::{closure#0}", "hashbrown::raw::RawTable::reserve_rehash"}) {
    INFO(name);
    CHECK(v0.find(std::string("  ") + name + "\n") != std::string::npos);
  }
  const std::string legacy = Run({"top", testing::SourcePath("samples/rust-legacy.perf.txt.gz"), "-n", "100000", "--nodefraction", "0"});
  CHECK(legacy.find("  hashbrown::rustc_entry::<impl hashbrown::map::HashMap>::rustc_entry\n") != std::string::npos);
  CHECK(legacy.find("  std::rt::lang_start::{{closure}}\n") != std::string::npos);
  const std::string java = Run({"top", testing::SourcePath("samples/java-jit.perf.txt.gz"), "-n", "100000", "--nodefraction", "0"});
  CHECK(java.find("  Shop.fib\n") != std::string::npos);
  CHECK(java.find("  java.util.ArrayList.sort\n") != std::string::npos);
  const std::string js = Run({"top", testing::SourcePath("samples/node-js.perf.txt.gz"), "-n", "100000", "--nodefraction", "0"});
  CHECK(js.find("  RegExp:[&<>\\\\]\n") != std::string::npos);
  CHECK(js.find("  JS:*render /tmp/names/app.js:2:24\n") != std::string::npos);
  // --symbols full shows the perf frames as perf wrote them (tidied as stackcollapse-perf.pl does).
  const std::string full = Run({"top", testing::SourcePath("samples/rust-v0.perf.txt.gz"), "--symbols", "full", "-n", "100000", "--nodefraction", "0"});
  CHECK(full.find("  <hashbrown::map::HashMap<u64, u64, std::hash::random::RandomState>>::rustc_entry\n") != std::string::npos);
}

TEST_CASE("a Python function's lines add up to one row; --granularity lines splits them", "[names]") {
  const std::string input = testing::SourcePath(kCorpus);
  const std::string functions = Run({"top", input, "--focus", "^main ", "-n", "100000", "--nodefraction", "0", "--format", "csv"});
  // main (consumer.py) at lines 57, 58, 59 (py-spy: 30 + 12 + 7) and 57, 58 (Austin: 41 + 9).
  CHECK(functions.find("main (consumer.py),,0,0.0000,53.5135,99,53.5135,count") != std::string::npos);  // 99 of 185
  const std::string lines = Run({"top", input, "--granularity", "lines", "-n", "100000", "--nodefraction", "0"});
  CHECK(lines.find("main (consumer.py) consumer.py:57\n") != std::string::npos);
  CHECK(lines.find("main (consumer.py) consumer.py:59\n") != std::string::npos);
}

TEST_CASE("sampler roots are labels, not functions", "[names]") {
  const std::string input = testing::SourcePath(kCorpus);
  const std::string top = Run({"top", input, "-n", "100000", "--nodefraction", "0"});
  CHECK(top.find("P6360") == std::string::npos);
  CHECK(top.find("thread (0x") == std::string::npos);
  // They filter as labels do.
  const std::string austin = Run({"top", input, "--tagfocus", "process=P6360", "--format", "csv", "-n", "100000", "--nodefraction", "0"});
  CHECK(austin.find("<module> (consumer.py),,0,") != std::string::npos);
  CHECK(austin.find("<listcomp>") == std::string::npos);
}

TEST_CASE("flame graphs name frames as the tables do by default", "[names][flame]") {
  // Rust frames: top and the flame graph both show the short name; --symbols
  // full draws the name as perf wrote it, generic arguments and all.
  const std::string input = testing::SourcePath("samples/rust-v0.perf.txt.gz");
  const std::string top = Run({"top", input, "-n", "100000", "--nodefraction", "0"});
  CHECK(top.find("  hashbrown::map::HashMap::rustc_entry\n") != std::string::npos);
  const std::string svg = Run({"flame", input, "--minwidth", "0", "-o", "-"});
  CHECK_THAT(svg, Catch::Contains("data-name=\"hashbrown::map::HashMap::rustc_entry\""));
  const std::string full = Run({"flame", input, "--minwidth", "0", "--symbols", "full", "-o", "-"});
  CHECK_THAT(full, !Catch::Contains("data-name=\"hashbrown::map::HashMap::rustc_entry\""));
  CHECK_THAT(full, Catch::Contains("rustc_entry"));
}

TEST_CASE("a flame frame too narrow for its name keeps the name's end", "[names][flame]") {
  // tracemalloc frames are "file:line": a cut name must keep its line number.
  const std::string svg = Run({"flame", testing::SourcePath("samples/tracemalloc-slots.pickle"), "--minwidth", "0", "-o", "-"});
  std::regex label(R"(<text x="[0-9.]+" y="[0-9.]+">([^<]*)</text></g>)");
  int cut = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), label); it != std::sregex_iterator(); ++it) {
    const std::string text = (*it)[1];
    if (!text.starts_with("..")) continue;
    ++cut;
    INFO(text);
    CHECK(std::regex_search(text, std::regex(R"(:[0-9]+$)")));
  }
  CHECK(cut > 0);
}

}  // namespace
}  // namespace proflens
