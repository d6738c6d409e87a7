// cProfile input: the pstats reader and pstats's table.
// Goldens come from Python's pstats (tests/golden/make_pstats_goldens.sh).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "analyzer/profile_debug.h"
#include "formats/python/pstats_reader.h"
#include "formats/python/pstats_graph.h"
#include "formats/python/pstats_time.h"
#include "formats/read_profile.h"
#include "tests/fuzz/fuzz_bodies.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

TEST_CASE("top on cProfile files prints what pstats prints, in its sort orders", "[golden][pstats]") {
  std::vector<testing::GoldenRow> cases = testing::ReadGoldenManifest("tests/golden/pstats/MANIFEST");
  REQUIRE(cases.size() >= 15);
  for (const testing::GoldenRow& c : cases) {
    SECTION(c.golden) {
      std::string expected = testing::ReadFile(testing::SourcePath("tests/golden/pstats/" + c.golden));
      REQUIRE(expected.find("function calls") != std::string::npos);
      testing::CliRun run = testing::RunCli(c.args);
      INFO(run.err);
      REQUIRE(run.code == 0);
      CHECK(run.out == expected);
    }
  }
}

TEST_CASE("every function's calls and times equal pstats's exactly", "[golden][pstats]") {
  for (const char* name : {"py-fast", "py-slow"}) {
    SECTION(name) {
      nlohmann::json expected = nlohmann::json::parse(
          testing::ReadFile(testing::SourcePath(std::string("tests/golden/pstats/") + name + ".stats.json")));
      Result<LoadedProfile> loaded = ReadProfileFile(testing::SourcePath(std::string("samples/") + name + ".prof"));
      REQUIRE(loaded.ok());
      REQUIRE(loaded->format == Format::kPstats);
      REQUIRE(loaded->profile.graph() != nullptr);
      const CallGraph& g = *loaded->profile.graph()->graph;
      size_t edges = 0;
      for (auto& [function, entry] : expected.items()) {
        INFO(function);
        const CallGraphNode* node = testing::FindNode(g, function);
        REQUIRE(node != nullptr);
        CHECK(node->primitive_calls == entry["stats"][0].get<int64_t>());
        CHECK(node->calls == entry["stats"][1].get<int64_t>());
        CHECK(PstatsSeconds(node->flat[0]) == entry["stats"][2].get<double>());
        CHECK(PstatsSeconds(node->cum[0]) == entry["stats"][3].get<double>());
        for (auto& [caller, call] : entry["callers"].items()) {
          INFO("called from " << caller);
          const CallGraphEdge* edge = testing::FindEdge(g, caller, function);
          REQUIRE(edge != nullptr);
          CHECK(edge->calls == call[0].get<int64_t>());
          CHECK(PstatsSeconds(edge->weight[0]) == call[3].get<double>());
          ++edges;
        }
      }
      CHECK(g.nodes.size() == expected.size());
      CHECK(g.edges.size() == edges);
      CHECK(edges > 20);
    }
  }
}

TEST_CASE("the direct reader reads cProfile files as the marshal document does", "[pstats]") {
  for (const char* name : {"samples/py-fast.prof", "samples/py-slow.prof"}) {
    INFO(name);
    const std::string bytes = testing::ReadFile(testing::SourcePath(name));
    std::optional<GraphProfile> direct = ReadPstatsDirect(bytes);
    REQUIRE(direct.has_value());  // what cProfile writes never needs the document
    Result<GraphProfile> document = ReadPstatsDocument(bytes);
    REQUIRE(document.ok());
    CHECK(DebugString(*direct) == DebugString(*document));
    CHECK(direct->graph->nodes.size() > 20);
  }
  // By hand: {("f", 7, "g"): (2, ref to that 2, 0.25, 1, {ref to the key: 3})}, with
  // the key, its strings and the first 2 flagged for reference (slots 0 to 3), an
  // int time in seconds and the old profile module's plain call count.
  const std::string key = std::string("\xa9\x03\xda\x01" "fi\x07\x00\x00\x00\xda\x01g", 13);
  const std::string quarter = std::string("\x00\x00\x00\x00\x00\x00\xd0\x3f", 8);  // 0.25
  const std::string stats_tail = std::string("r\x03\x00\x00\x00", 5) + "g" + quarter + std::string("i\x01\x00\x00\x00", 5) +
                                 "{" + std::string("r\x00\x00\x00\x00i\x03\x00\x00\x00", 10) + "00";
  const std::string usual = "{" + key + ")\x05" + std::string("\xe9\x02\x00\x00\x00", 5) + stats_tail;
  std::optional<GraphProfile> direct = ReadPstatsDirect(usual);
  REQUIRE(direct.has_value());
  const std::string expected =
      "cProfile total 250000000\n"
      "f:7(g) | f:7 flat 250000000 cum 1000000000 calls 2/2\n"
      "0 -> 0 0 calls 3 flags 3\n";
  CHECK(DebugString(*direct) == expected);
  Result<GraphProfile> document = ReadPstatsDocument(usual);
  REQUIRE(document.ok());
  CHECK(DebugString(*document) == expected);
  // A count written as a long (pstats never does) is left to the document,
  // and ReadPstats still reads it: (slot 3 is then the long.)
  const std::string unusual = "{" + key + ")\x05" + std::string("\xec\x01\x00\x00\x00\x02\x00", 7) + stats_tail;
  CHECK_FALSE(ReadPstatsDirect(unusual).has_value());
  Result<GraphProfile> read = ReadPstats(unusual);
  REQUIRE(read.ok());
  CHECK(DebugString(*read) == expected);
}

TEST_CASE("malformed cProfile files exit 3 naming the file and offset", "[pstats][hostile]") {
  std::string dir = testing::TempDir("pstats-bad");
  struct Case {
    std::string name, bytes, expect;
  };
  const std::string key = std::string(")\x03\xda\x01" "fi\x07\x00\x00\x00\xda\x01g", 13);  // ("f", 7, "g")
  for (const Case& c : std::vector<Case>{
           {"value-not-tuple", "{" + key + "N0", "byte offset 14: expected (primitive calls, calls, tottime, cumtime, callers), found None"},
           {"key-not-function", std::string("{)\x01N", 4) + std::string(")\x00", 2) + "0", "byte offset 1: expected a function key (file, line, name), found tuple"},
           {"negative-calls", "{" + key + std::string(")\x05i\xff\xff\xff\xffi\x01\x00\x00\x00g", 13) + std::string(8, '\0') +
                                  "g" + std::string(8, '\0') + "{00",
            "expected a call count (an int of 0 or more)"},
           {"truncated", "{" + key.substr(0, 6), "byte offset 7: expected a 4-byte integer"},
       }) {
    SECTION(c.name) {
      std::string path = dir + "/" + c.name + ".prof";
      testing::WriteFile(path, c.bytes);
      testing::CliRun run = testing::RunCli({"top", path});
      CHECK(run.code == 3);
      CHECK_THAT(run.err, Catch::Contains("reading " + path + ": ") && Catch::Contains(c.expect));
    }
  }
}

TEST_CASE("graph profiles: filters and flame graphs that need stacks say so", "[pstats]") {
  const std::string prof = testing::SourcePath("samples/py-slow.prof");
  testing::CliRun flame = testing::RunCli({"flame", prof, "-o", testing::TempDir("pstats-flame") + "/f.svg"});
  CHECK(flame.code == 2);
  CHECK_THAT(flame.err, Catch::Contains("flame graphs need stacks, and this cProfile profile has none"));
  testing::CliRun focus = testing::RunCli({"top", prof, "--focus", "fib"});
  CHECK(focus.code == 2);
  CHECK_THAT(focus.err, Catch::Contains("--focus needs stacks"));
  testing::CliRun lines = testing::RunCli({"top", prof, "--granularity", "lines"});
  CHECK(lines.code == 2);
  CHECK_THAT(lines.err, Catch::Contains("--granularity lines needs stacks"));
}

}  // namespace
}  // namespace proflens
