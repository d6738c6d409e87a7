// Callgrind files other writers make, read as callgrind_annotate reads them:
// "*" written where an event count belongs ("* *"), signed counts, ids never
// given a name (yappi), and malformed lines skipped with one note (refused
// with --strict). Numbers checked against callgrind_annotate 3.19.
#include <catch2/catch.hpp>
#include <string>

#include "analyzer/call_graph.h"
#include "formats/callgrind/callgrind.h"
#include "formats/read_profile.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

const CallGraphNode* Node(const CallGraph& g, const std::string& name) {
  for (const CallGraphNode& n : g.nodes) {
    if (n.info.name == name) return &n;
  }
  FAIL("no node " << name);
  return nullptr;
}

TEST_CASE("callgrind: speedscope's subposition-compression sample, callgrind_annotate's numbers", "[callgrind]") {
  // `callgrind_annotate callgrind.subposition-compression.log` (3.19):
  //   120 (100.0%)  PROGRAM TOTALS (calculated)
  //   400 (333.3%)  file2.c:func2
  // main's own 20, func1's -300 ("+35 -300": a relative position, then a
  // negative count), func2's +400; "* *" is a call cost of "*", read as 0.
  std::vector<std::string> notes;
  std::vector<SkippedLines> skipped;
  Result<GraphProfile> read =
      ReadCallgrind(testing::ReadFile(testing::SourcePath("tests/data/callgrind/speedscope-subposition-compression.log")), &notes, &skipped);
  INFO(read.status().message());
  REQUIRE(read.ok());
  const CallGraph& g = *read->graph;
  CHECK(g.totals[0] == 120);
  CHECK(Node(g, "func2")->flat[0] == 400);
  CHECK(Node(g, "main")->flat[0] == 20);
  CHECK(Node(g, "func1")->flat[0] == -300);
  CHECK(skipped.empty());
  REQUIRE(notes.size() == 2);
  CHECK(notes[0] == "1 event count is \"*\" (first: line 13), which only positions may be: read as 0, as callgrind_annotate reads them");
  CHECK(notes[1] == "1 event count is negative (first: line 16): added as they are, as callgrind_annotate adds them");
}

TEST_CASE("callgrind: an id never given a name is named by itself (yappi)", "[callgrind]") {
  // yappi's callgrind writer names only the functions it saved; a callee
  // filtered out keeps its bare id.
  const std::string text =
      "version: 1\ncreator: yappi\n\nevents: Ticks\n\n"
      "fl=(1) /app/work.py\n"
      "fn=(1) parse /app/work.py:3\n\n"
      "fl=(1)\nfn=(1)\n3 924\n"
      "cfl=(7)\ncfn=(7)\ncalls=50 0\n0 219\n";
  std::vector<std::string> notes;
  Result<GraphProfile> read = ReadCallgrind(text, &notes);
  INFO(read.status().message());
  REQUIRE(read.ok());
  const CallGraph& g = *read->graph;
  CHECK(Node(g, "(7)")->cum[0] == 219);
  CHECK(Node(g, "parse /app/work.py:3")->cum[0] == 924 + 219);
  REQUIRE(notes.size() == 1);
  CHECK(notes[0] == "2 ids are never given a name (first: cfl=(7)): named by the id, as \"(7)\"");
}

TEST_CASE("callgrind: malformed lines are skipped with a count; --strict refuses them", "[callgrind]") {
  const std::string text =
      "events: Ir\n"
      "fl=a.c\n"
      "fn=main\n"
      "1 10\n"
      "this line is nothing\n"
      "2 ten\n"
      "zzz=1\n"
      "3 5\n";
  Result<LoadedProfile> loaded = ReadProfileBytes(text, "callgrind.out");
  INFO(loaded.status().message());
  REQUIRE(loaded.ok());
  CHECK(loaded->format == Format::kCallgrind);
  CHECK(loaded->profile.BuildGraph({}).totals[0] == 15);
  REQUIRE(loaded->skipped.size() == 1);
  CHECK(loaded->skipped[0].count == 3);
  CHECK(loaded->skipped[0].first_line == 5);
  CHECK(loaded->skipped[0].what() == "malformed lines (callgrind_annotate ignores them too)");
  ReadOptions strict;
  strict.strict = true;
  Result<LoadedProfile> refused = ReadProfileBytes(text, "callgrind.out", strict);
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.status().message(), Catch::Contains("callgrind.out: line 5: skipped 3 malformed lines"));
}

}  // namespace
}  // namespace proflens
