// Chrome traces in full: "X" events with "tdur" and no "dur", string times
// (Hermes), CPU samples in Profile/ProfileChunk events and in the top-level
// "samples"/"stackFrames". Real files from speedscope's samples, against the
// numbers speedscope's importer shows for them, and hand-made ones.
#include <catch2/catch.hpp>
#include <string>

#include "analyzer/call_graph.h"
#include "formats/read_profile.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

LoadedProfile Load(const std::string& text) {
  Result<LoadedProfile> loaded = ReadProfileBytes(text, "trace.json");
  INFO(loaded.status().message());
  REQUIRE(loaded.ok());
  CHECK(loaded->format == Format::kChromeTrace);
  return std::move(loaded).value();
}

LoadedProfile LoadFile(const std::string& relative) {
  Result<LoadedProfile> loaded = ReadProfileFile(testing::SourcePath(relative));
  INFO(loaded.status().message());
  REQUIRE(loaded.ok());
  CHECK(loaded->format == Format::kChromeTrace);
  return std::move(loaded).value();
}

TEST_CASE("Chrome trace: X events with tdur and no dur, string times", "[chrome]") {
  // Thread 1: X a 0..10 us (dur), X b 20..+5 (tdur only), X c at 30 with
  // neither (lasts 0); B/E d with string times "40" .. "47".
  LoadedProfile loaded = Load(R"js({"traceEvents": [
      {"ph": "X", "name": "a", "ts": 0, "dur": 10, "pid": 1, "tid": 1},
      {"ph": "X", "name": "b", "ts": 20, "tdur": 5, "pid": 1, "tid": 1},
      {"ph": "X", "name": "c", "ts": 30, "pid": 1, "tid": 1},
      {"ph": "B", "name": "d", "ts": "40", "pid": 1, "tid": 1},
      {"ph": "E", "ts": "47", "pid": 1, "tid": 1}]})js");
  CallGraph g = loaded.profile.BuildGraph({});
  CHECK(testing::FindNode(g, "a")->flat[0] == 10'000);
  CHECK(testing::FindNode(g, "b")->flat[0] == 5'000);
  CHECK(testing::FindNode(g, "d")->flat[0] == 7'000);
  REQUIRE(loaded.notes.size() == 2);
  CHECK(loaded.notes[0] == "1 \"X\" event has no \"dur\" and lasts its \"tdur\" (thread time), as speedscope reads it (first: traceEvents[1])");
  CHECK(loaded.notes[1] == "1 \"X\" event has neither \"dur\" nor \"tdur\" and lasts 0 (first: traceEvents[2])");
  Result<LoadedProfile> bad = ReadProfileBytes(R"js([{"ph": "B", "name": "x", "ts": "soon", "pid": 1, "tid": 1}])js", "t.json");
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.status().message(), Catch::Contains("traceEvents[0]: expected a number in \"ts\""));
}

TEST_CASE("Chrome trace: top-level samples and stackFrames, speedscope's numbers", "[chrome]") {
  // speedscope's trace-event/simple-with-samples.json (Hermes): its snapshot
  // shows [root] total 64710 us, function1 13326, function2 10605 (function3
  // below it 10605), [GC Young Gen] 10000; a sample lasts until the next.
  LoadedProfile loaded = LoadFile("tests/data/json/speedscope-trace-simple-with-samples.json");
  CallGraph g = loaded.profile.BuildGraph({});
  REQUIRE(g.totals.size() == 2);
  CHECK(g.totals[1] == 64'710'000);
  CHECK(testing::FindNode(g, "[root]")->cum[1] == 64'710'000);
  CHECK(testing::FindNode(g, "[GC Young Gen]")->flat[1] == 10'000'000);
  for (const CallGraphNode& n : g.nodes) {
    if (n.name.starts_with("function1(")) CHECK(n.flat[1] == 13'326'000);
    if (n.name.starts_with("function2(")) CHECK(n.cum[1] == 10'605'000);
  }
  const Profile& p = *loaded.profile.stacks();
  bool named = false;
  for (const Label& l : p.labels) named |= p.str(l.key) == "thread" && p.str(l.str) == "mqt_js";
  CHECK(named);
}

TEST_CASE("Chrome trace: V8 CPU samples in Profile and ProfileChunk events", "[chrome]") {
  // Profile 0x1 of pid 1 tid 2 ("Main") starts at 1000 us; two chunks add
  // nodes (root, main, work) and samples work, work, main with deltas 10, 10, 20:
  // work 1010-1020 and 1020-1040, main 0 (the last). An X event is left out.
  LoadedProfile loaded = Load(R"js({"traceEvents": [
      {"ph": "M", "name": "thread_name", "pid": 1, "tid": 2, "args": {"name": "Main"}},
      {"ph": "X", "name": "task", "ts": 0, "dur": 5000, "pid": 1, "tid": 2},
      {"args": {"data": {"startTime": 1000}}, "id": "0x1", "name": "Profile", "ph": "P", "pid": 1, "tid": 2, "ts": 1000},
      {"args": {"data": {"cpuProfile": {"nodes": [
          {"id": 1, "callFrame": {"functionName": "(root)", "url": "", "lineNumber": -1, "columnNumber": -1}},
          {"id": 2, "parent": 1, "callFrame": {"functionName": "main", "url": "app.js", "lineNumber": 0, "columnNumber": 0}},
          {"id": 3, "parent": 2, "callFrame": {"functionName": "work", "url": "app.js", "lineNumber": 9, "columnNumber": 0}}],
        "samples": [3, 3]}, "timeDeltas": [10, 10]}}, "id": "0x1", "name": "ProfileChunk", "ph": "P", "pid": 1, "tid": 9, "ts": 1100},
      {"args": {"data": {"cpuProfile": {"samples": [2]}, "timeDeltas": [20]}}, "id": "0x1", "name": "ProfileChunk", "ph": "P",
       "pid": 1, "tid": 9, "ts": 1200}]})js");
  CallGraph g = loaded.profile.BuildGraph({});
  CHECK(g.totals[0] == 3);
  CHECK(g.totals[1] == 30'000);
  CHECK(testing::FindNode(g, "work")->flat[1] == 30'000);
  CHECK(testing::FindNode(g, "main")->cum[0] == 3);
  CHECK(testing::FindNode(g, "task") == nullptr);
  REQUIRE(loaded.notes.size() == 1);
  CHECK(loaded.notes[0] == "the trace's V8 CPU profile samples are read; its 1 duration events (B, E, X) are left out, as speedscope leaves them");
  const Profile& p = *loaded.profile.stacks();
  bool named = false;
  for (const Label& l : p.labels) named |= p.str(l.key) == "thread" && p.str(l.str) == "Main";
  CHECK(named);
}

TEST_CASE("Chrome trace: a DevTools trace with ProfileChunks (speedscope's Chrome 141 sample)", "[chrome]") {
  // speedscope's snapshot: "(program)" self 53210 us, "376719" self 123 us.
  LoadedProfile loaded = LoadFile("tests/data/json/speedscope-chrome141-no-arg-data.json.gz");
  CallGraph g = loaded.profile.BuildGraph({});
  CHECK(testing::FindNode(g, "(program)")->flat[1] == 53'210'000);
  CHECK(testing::FindNode(g, "376719")->flat[1] == 123'000);
}

}  // namespace
}  // namespace proflens
